use super::new_user;
use super::sessions::{insert, session};
use domain::BlockId;
use domain::permission::Role;
use plenary_store::Editor;
use plenary_store::testing::fresh_postgres_url;
use plenary_store::{Signal, Store, StoreError};
use std::time::Duration;

#[tokio::test]
async fn the_creator_owns_a_new_session_and_roles_can_be_given_changed_and_taken() {
    let (store, owner) = super::store_with_user("owner@example.org").await;
    let guest = store
        .create_user(&new_user("guest@example.org"), None)
        .await
        .expect("guest");
    let s = session(&store, &owner).await;
    assert_eq!(
        store.access(s.id, owner.id).await.expect("access"),
        (Some(Role::Owner), true)
    );
    assert_eq!(
        store.access(s.id, guest.id).await.expect("access"),
        (None, false)
    );
    assert!(
        store
            .shared_with(guest.id)
            .await
            .expect("shared")
            .is_empty()
    );

    store
        .set_share(s.id, guest.id, Role::Commenter)
        .await
        .expect("shared");
    assert_eq!(
        store.access(s.id, guest.id).await.expect("access"),
        (Some(Role::Commenter), false)
    );
    let shared = store.shared_with(guest.id).await.expect("shared");
    assert_eq!(shared.len(), 1);
    assert_eq!((shared[0].0.id, shared[0].1), (s.id, Role::Commenter));
    assert!(
        store.shared_with(owner.id).await.expect("own").is_empty(),
        "the owner sees it in their own workspace, not among shared ones"
    );

    store
        .set_share(s.id, guest.id, Role::Editor)
        .await
        .expect("changed");
    let shares = store.shares(s.id).await.expect("shares");
    let roles: Vec<_> = shares.iter().map(|r| (r.user_id, r.role)).collect();
    assert_eq!(
        roles,
        vec![(owner.id, Role::Owner), (guest.id, Role::Editor)]
    );

    assert!(matches!(
        store.set_share(s.id, owner.id, Role::Viewer).await,
        Err(StoreError::Conflict("owner"))
    ));
    assert!(matches!(
        store.set_share(s.id, guest.id, Role::Owner).await,
        Err(StoreError::Conflict("owner"))
    ));
    assert!(matches!(
        store.remove_share(s.id, owner.id).await,
        Err(StoreError::Conflict("owner"))
    ));
    store.remove_share(s.id, guest.id).await.expect("removed");
    assert_eq!(
        store.access(s.id, guest.id).await.expect("access"),
        (None, false)
    );
    assert!(matches!(
        store.remove_share(s.id, guest.id).await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn ownership_passes_to_a_collaborator_and_the_old_owner_stays_an_editor() {
    let (store, owner) = super::store_with_user("owner@example.org").await;
    let guest = store
        .create_user(&new_user("guest@example.org"), None)
        .await
        .expect("guest");
    let stranger = store
        .create_user(&new_user("stranger@example.org"), None)
        .await
        .expect("stranger");
    let s = session(&store, &owner).await;
    assert!(matches!(
        store.transfer_ownership(s.id, stranger.id).await,
        Err(StoreError::NotFound)
    ));
    store
        .set_share(s.id, guest.id, Role::Viewer)
        .await
        .expect("shared");
    store
        .transfer_ownership(s.id, guest.id)
        .await
        .expect("transferred");
    assert_eq!(
        store.access(s.id, guest.id).await.expect("access").0,
        Some(Role::Owner)
    );
    assert_eq!(
        store.access(s.id, owner.id).await.expect("access"),
        (Some(Role::Editor), false),
        "the session moved to the new owner's personal workspace"
    );
    assert_eq!(
        store.access(s.id, guest.id).await.expect("access"),
        (Some(Role::Owner), true)
    );
    let copy = store
        .duplicate_session(s.id, guest.id, "Copy", s.workspace_id, i64::MAX)
        .await
        .expect("copy");
    assert_eq!(
        store.access(copy.id, guest.id).await.expect("access").0,
        Some(Role::Owner),
        "whoever makes a copy owns it"
    );
}

/// The next signal about `session` within two seconds (other tests share the channel).
async fn next_about(
    rx: &mut tokio::sync::broadcast::Receiver<Signal>,
    session: domain::SessionId,
) -> Signal {
    tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match rx.recv().await {
                Ok(s @ Signal::Version { session: id, .. }) if id == session => return s,
                Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(e) => panic!("bus closed: {e}"),
            }
        }
    })
    .await
    .expect("a signal within five seconds")
}

#[tokio::test]
async fn an_applied_op_is_announced_with_its_version_and_a_retried_one_is_not() {
    let (store, owner) = super::store_with_user("owner@example.org").await;
    let s = session(&store, &owner).await;
    let mut rx = store.subscribe();
    let block = BlockId::new();
    store
        .apply_op(
            &Editor::trusted(s.id, owner.id),
            Some("c1"),
            insert(block, None, "Check-in", 10),
        )
        .await
        .expect("applied");
    assert_eq!(
        next_about(&mut rx, s.id).await,
        Signal::Version {
            session: s.id,
            version: 1
        }
    );
    store
        .apply_op(
            &Editor::trusted(s.id, owner.id),
            Some("c1"),
            insert(block, None, "Again", 10),
        )
        .await
        .expect("duplicate");
    store
        .apply_op(
            &Editor::trusted(s.id, owner.id),
            None,
            insert(BlockId::new(), None, "Two", 5),
        )
        .await
        .expect("applied");
    assert_eq!(
        next_about(&mut rx, s.id).await,
        Signal::Version {
            session: s.id,
            version: 2
        },
        "the duplicate took no version and was not announced"
    );
}

#[tokio::test]
async fn another_instance_hears_the_version_even_after_its_listener_connection_drops() {
    let url = fresh_postgres_url().await;
    let store = Store::connect(&url).await.expect("first instance");
    store.migrate().await.expect("migrated");
    let owner = store
        .create_user(&new_user("owner@example.org"), None)
        .await
        .expect("owner");
    let s = session(&store, &owner).await;
    // A second instance on the same database: its own pools, its own bus.
    let other = Store::connect(&url).await.expect("second instance");
    let listener = other.listen().expect("a listener on PostgreSQL");
    let mut rx = other.subscribe();
    // The listener sends a resync once it is listening.
    tokio::time::timeout(Duration::from_secs(5), async {
        while rx.recv().await != Ok(Signal::Resync) {}
    })
    .await
    .expect("listener started");
    store
        .apply_op(
            &Editor::trusted(s.id, owner.id),
            None,
            insert(BlockId::new(), None, "One", 5),
        )
        .await
        .expect("applied");
    assert_eq!(
        next_about(&mut rx, s.id).await,
        Signal::Version {
            session: s.id,
            version: 1
        }
    );

    assert!(store.drop_listeners().await.expect("terminated") >= 1);
    tokio::time::timeout(Duration::from_secs(10), async {
        while rx.recv().await != Ok(Signal::Resync) {}
    })
    .await
    .expect("the listener noticed and came back");
    // Back: a later op is heard again.
    store
        .apply_op(
            &Editor::trusted(s.id, owner.id),
            None,
            insert(BlockId::new(), None, "Two", 5),
        )
        .await
        .expect("applied");
    assert_eq!(
        next_about(&mut rx, s.id).await,
        Signal::Version {
            session: s.id,
            version: 2
        }
    );
    listener.abort();
}

#[tokio::test]
async fn an_invitation_link_gives_its_role_once_and_never_weakens_a_stronger_one() {
    let (store, owner) = super::store_with_user("owner@example.org").await;
    let newcomer = store
        .create_user(&new_user("new@example.org"), None)
        .await
        .expect("newcomer");
    let s = session(&store, &owner).await;
    let far = plenary_store::now_ms() + 86_400_000;
    store
        .invite(
            s.id,
            "new@example.org",
            Role::Viewer,
            owner.id,
            b"old",
            far,
            &super::sending(),
        )
        .await
        .expect("invited");
    let inv = store
        .invite(
            s.id,
            "new@example.org",
            Role::Commenter,
            owner.id,
            b"secret",
            far,
            &super::sending(),
        )
        .await
        .expect("invited again");
    let pending = store.invitations(s.id).await.expect("pending");
    assert_eq!(pending.len(), 1, "a new invitation replaces the old one");
    assert_eq!((pending[0].id, pending[0].role), (inv.id, Role::Commenter));
    assert!(matches!(
        store.invitation(b"old").await,
        Err(StoreError::NotFound)
    ));
    let (found, title) = store.invitation(b"secret").await.expect("found");
    assert_eq!((found.id, title.as_str()), (inv.id, "Strategy day"));

    assert_eq!(
        store
            .accept_invitation(plenary_store::Answering::Link(b"secret"), newcomer.id)
            .await
            .expect("accepted"),
        plenary_store::Accepted::Joined(s.id)
    );
    assert_eq!(
        store.access(s.id, newcomer.id).await.expect("access").0,
        Some(Role::Commenter)
    );
    assert_eq!(
        store
            .accept_invitation(plenary_store::Answering::Link(b"secret"), newcomer.id)
            .await
            .expect("second use"),
        plenary_store::Accepted::Invalid
    );
    assert!(store.invitations(s.id).await.expect("pending").is_empty());

    // The owner opening a viewer's link stays the owner.
    store
        .invite(
            s.id,
            "owner@example.org",
            Role::Viewer,
            owner.id,
            b"mine",
            far,
            &super::sending(),
        )
        .await
        .expect("invited");
    store
        .accept_invitation(plenary_store::Answering::Link(b"mine"), owner.id)
        .await
        .expect("accepted");
    assert_eq!(
        store.access(s.id, owner.id).await.expect("access").0,
        Some(Role::Owner)
    );

    store
        .invite(
            s.id,
            "late@example.org",
            Role::Editor,
            owner.id,
            b"late",
            1,
            &super::sending(),
        )
        .await
        .expect("invited");
    assert!(store.invitations(s.id).await.expect("pending").is_empty());
    assert_eq!(
        store
            .accept_invitation(plenary_store::Answering::Link(b"late"), newcomer.id)
            .await
            .expect("expired"),
        plenary_store::Accepted::Invalid
    );
    let gone = store
        .invite(
            s.id,
            "gone@example.org",
            Role::Editor,
            owner.id,
            b"gone",
            far,
            &super::sending(),
        )
        .await
        .expect("invited");
    store
        .revoke_invitation(s.id, gone.id)
        .await
        .expect("revoked");
    assert!(matches!(
        store.revoke_invitation(s.id, gone.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .accept_invitation(plenary_store::Answering::Link(b"gone"), newcomer.id)
            .await
            .expect("revoked"),
        plenary_store::Accepted::Invalid
    );
}

#[tokio::test]
async fn a_public_link_leads_to_its_session_until_it_is_revoked_or_expires() {
    let (store, owner) = super::store_with_user("owner@example.org").await;
    let s = session(&store, &owner).await;
    let link = store
        .create_link(s.id, owner.id, b"open", None)
        .await
        .expect("link");
    store
        .create_link(s.id, owner.id, b"stale", Some(1))
        .await
        .expect("expired link");
    assert_eq!(store.session_by_link(b"open").await.expect("found"), s.id);
    assert!(matches!(
        store.session_by_link(b"stale").await,
        Err(StoreError::NotFound)
    ));
    let live: Vec<_> = store
        .links(s.id)
        .await
        .expect("links")
        .into_iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(live, vec![link.id]);
    store.revoke_link(s.id, link.id).await.expect("revoked");
    assert!(matches!(
        store.session_by_link(b"open").await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.revoke_link(s.id, link.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.links(s.id).await.expect("links").is_empty());
}

#[tokio::test]
async fn an_invitation_reaches_an_account_in_the_app_only_once_its_address_is_confirmed() {
    let (store, owner) = super::store_with_user("owner@example.org").await;
    let s = session(&store, &owner).await;
    // Someone registered the colleague's address without being able to confirm it.
    let squatter = store
        .create_user(&new_user("colleague@corp.example"), None)
        .await
        .expect("squatter");
    let far = plenary_store::now_ms() + 86_400_000;
    let mail = super::mail("colleague@corp.example", "An invitation to work together");
    let notice = plenary_store::Notice {
        user: squatter.id,
        kind: "session_invited",
        subject: "Strategy day",
        note: "Anna Petrova",
        link: "/notifications",
        actor: None,
    };
    let inv = store
        .invite(
            s.id,
            "colleague@corp.example",
            Role::Editor,
            owner.id,
            b"link",
            far,
            &plenary_store::Sending {
                mail: &mail,
                notice: Some(notice),
            },
        )
        .await
        .expect("invited");
    assert_eq!(
        store.access(s.id, squatter.id).await.expect("access"),
        (None, false),
        "an invitation is not a role"
    );
    assert!(
        store
            .recent_mail(10)
            .await
            .expect("mail")
            .iter()
            .any(|m| m.to == "colleague@corp.example"),
        "its email went out with it"
    );
    assert!(
        store
            .incoming_invitations(squatter.id)
            .await
            .expect("q")
            .is_empty(),
        "an unconfirmed address sees nothing"
    );
    let addressed = plenary_store::Answering::Addressed {
        id: inv.id.0,
        user: squatter.id,
    };
    assert_eq!(
        store
            .accept_invitation(addressed, squatter.id)
            .await
            .expect("q"),
        plenary_store::Accepted::Invalid
    );
    assert!(matches!(
        store.decline_invitation(inv.id, squatter.id).await,
        Err(StoreError::NotFound)
    ));

    // Once the address is confirmed, the invitation is theirs to answer, and no one else's.
    let token = plenary_store::EmailToken {
        hash: b"confirm",
        purpose: plenary_store::EmailTokenPurpose::Confirm,
        email: "colleague@corp.example",
        expires_at: far,
    };
    store
        .issue_email_token(squatter.id, &token, &mail)
        .await
        .expect("issued");
    store.confirm_email(b"confirm").await.expect("confirmed");
    let other = store
        .create_user(&new_user("other@example.org"), None)
        .await
        .expect("other");
    assert_eq!(
        store
            .accept_invitation(
                plenary_store::Answering::Addressed {
                    id: inv.id.0,
                    user: other.id
                },
                other.id
            )
            .await
            .expect("q"),
        plenary_store::Accepted::Invalid
    );
    let incoming = store.incoming_invitations(squatter.id).await.expect("q");
    assert_eq!(incoming.len(), 1);
    assert_eq!(
        (
            incoming[0].kind.as_str(),
            incoming[0].label.as_str(),
            incoming[0].role.as_str()
        ),
        ("session", "Strategy day", "editor")
    );
    assert_eq!(
        store
            .accept_invitation(addressed, squatter.id)
            .await
            .expect("q"),
        plenary_store::Accepted::Joined(s.id)
    );
    assert_eq!(
        store.access(s.id, squatter.id).await.expect("access").0,
        Some(Role::Editor)
    );
    assert!(
        store
            .incoming_invitations(squatter.id)
            .await
            .expect("q")
            .is_empty()
    );
}

#[tokio::test]
async fn a_declined_invitation_is_gone_and_its_link_with_it() {
    let (store, owner) = super::store_with_user("owner@example.org").await;
    let s = session(&store, &owner).await;
    let mut confirmed = new_user("guest@example.org");
    confirmed.confirmed = true;
    let guest = store.create_user(&confirmed, None).await.expect("guest");
    let far = plenary_store::now_ms() + 86_400_000;
    let inv = store
        .invite(
            s.id,
            "guest@example.org",
            Role::Viewer,
            owner.id,
            b"declined",
            far,
            &super::sending(),
        )
        .await
        .expect("invited");
    store
        .decline_invitation(inv.id, guest.id)
        .await
        .expect("declined");
    assert!(store.invitations(s.id).await.expect("pending").is_empty());
    assert_eq!(
        store
            .accept_invitation(plenary_store::Answering::Link(b"declined"), guest.id)
            .await
            .expect("q"),
        plenary_store::Accepted::Invalid
    );
}

#[tokio::test]
async fn leave_to_edit_is_given_as_the_permission_table_says_and_ends_with_its_credential() {
    let (store, owner) = super::store_with_user("owner@example.org").await;
    let s = session(&store, &owner).await;
    let mut people = Vec::new();
    for (email, role) in [
        ("editor@example.org", Some(Role::Editor)),
        ("commenter@example.org", Some(Role::Commenter)),
        ("viewer@example.org", Some(Role::Viewer)),
        ("stranger@example.org", None),
    ] {
        let user = store
            .create_user(&new_user(email), None)
            .await
            .expect("user");
        if let Some(role) = role {
            store.set_share(s.id, user.id, role).await.expect("shared");
        }
        people.push((email, user));
    }
    let leave = |user: domain::UserId| {
        let store = store.clone();
        async move { store.editor(s.id, user).await.expect("asked") }
    };
    assert_eq!(
        leave(owner.id).await.map(|e| (e.session(), e.user())),
        Some((s.id, owner.id))
    );
    let given: Vec<(&str, bool)> = {
        let mut out = Vec::new();
        for (email, user) in &people {
            out.push((*email, leave(user.id).await.is_some()));
        }
        out
    };
    assert_eq!(
        given,
        [
            ("editor@example.org", true),
            ("commenter@example.org", false),
            ("viewer@example.org", false),
            ("stranger@example.org", false),
        ]
    );

    // On the live channel the credential counts too: a login until it is revoked, a token
    // only with the write scope.
    let editor = &people[0].1;
    let login = store
        .create_login(editor.id, b"a login's hash", "test", "127.0.0.1", i64::MAX)
        .await
        .expect("login");
    let by_login = domain::Credential::Login {
        id: login,
        verified_at: 0,
    };
    assert!(
        store
            .editor_by(s.id, editor.id, by_login)
            .await
            .expect("asked")
            .is_some()
    );
    let read = store
        .create_api_token(
            editor.id,
            "read",
            b"a read token's hash",
            "pl_read",
            domain::Scopes::READ,
        )
        .await
        .expect("token");
    let by_read = domain::Credential::Token {
        id: read.id,
        scopes: domain::Scopes::READ,
    };
    assert!(
        store
            .editor_by(s.id, editor.id, by_read)
            .await
            .expect("asked")
            .is_none()
    );
    let write = store
        .create_api_token(
            editor.id,
            "write",
            b"a write token's hash",
            "pl_write",
            domain::Scopes::READ_WRITE,
        )
        .await
        .expect("token");
    let by_write = domain::Credential::Token {
        id: write.id,
        scopes: domain::Scopes::READ_WRITE,
    };
    assert!(
        store
            .editor_by(s.id, editor.id, by_write)
            .await
            .expect("asked")
            .is_some()
    );
    store.revoke_login(editor.id, login).await.expect("revoked");
    assert!(
        store
            .editor_by(s.id, editor.id, by_login)
            .await
            .expect("asked")
            .is_none()
    );
    let viewer = &people[2].1;
    let viewer_login = store
        .create_login(viewer.id, b"a viewer's hash", "test", "127.0.0.1", i64::MAX)
        .await
        .expect("login");
    let by_viewer = domain::Credential::Login {
        id: viewer_login,
        verified_at: 0,
    };
    assert!(
        store
            .editor_by(s.id, viewer.id, by_viewer)
            .await
            .expect("asked")
            .is_none()
    );
}
