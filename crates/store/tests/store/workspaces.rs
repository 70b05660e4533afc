use super::new_user;
use domain::permission::WorkspaceRole;
use jiff::civil::{date, time};
use plenary_store::{NewSession, StoreError};

#[tokio::test]
async fn a_team_shares_its_sessions_with_members_and_always_keeps_an_admin() {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    let bob = store
        .create_user(&new_user("bob@example.org"), None)
        .await
        .expect("bob");
    let personal = store.current_workspace(ann.id).await.expect("current");
    assert_eq!(personal.kind, "personal");

    let team = store
        .create_team(ann.id, "Facilitators")
        .await
        .expect("team");
    let now = store.current_workspace(ann.id).await.expect("switched");
    assert_eq!(
        (now.id, now.name.as_str(), now.role()),
        (team, "Facilitators", WorkspaceRole::Admin)
    );
    let s = store
        .create_session(&NewSession {
            workspace: team,
            created_by: ann.id,
            title: "Team retro".into(),
            first_date: date(2026, 12, 1),
            start_time: time(9, 0, 0, 0),
            time_zone: "UTC".into(),
            language: "en".into(),
        })
        .await
        .expect("session");
    assert_eq!(
        store.access(s.id, bob.id).await.expect("access"),
        (None, false)
    );

    store
        .set_member(team, bob.id, WorkspaceRole::Member)
        .await
        .expect("bob joins");
    assert_eq!(
        store.access(s.id, bob.id).await.expect("access"),
        (None, true)
    );
    let names: Vec<String> = store
        .members(team)
        .await
        .expect("members")
        .iter()
        .map(|m| format!("{}:{}", m.email, m.role.as_str()))
        .collect();
    assert_eq!(names, ["ann@example.org:admin", "bob@example.org:member"]);
    // Bob's dashboard stays his own until he switches.
    assert_eq!(
        store.current_workspace(bob.id).await.expect("bob").kind,
        "personal"
    );
    store.switch_workspace(bob.id, team).await.expect("switch");
    assert_eq!(store.current_workspace(bob.id).await.expect("bob").id, team);
    let bobs: Vec<String> = store
        .workspaces_of(bob.id)
        .await
        .expect("list")
        .into_iter()
        .map(|w| format!("{}:{}", w.kind, w.members))
        .collect();
    assert_eq!(bobs, ["personal:1", "team:2"]);

    // The last admin can be neither demoted nor removed; nobody joins a personal workspace.
    assert!(matches!(
        store.set_member(team, ann.id, WorkspaceRole::Member).await,
        Err(StoreError::Conflict("last_admin"))
    ));
    assert!(matches!(
        store.remove_member(team, ann.id).await,
        Err(StoreError::Conflict("last_admin"))
    ));
    assert!(matches!(
        store
            .set_member(personal.id, bob.id, WorkspaceRole::Member)
            .await,
        Err(StoreError::Conflict("personal"))
    ));
    assert_eq!(
        store.members(team).await.expect("members")[0].role,
        WorkspaceRole::Admin
    );

    // Removed, Bob loses the team's sessions and is back in his personal workspace.
    store.remove_member(team, bob.id).await.expect("removed");
    assert_eq!(
        store.access(s.id, bob.id).await.expect("access"),
        (None, false)
    );
    assert_eq!(
        store.current_workspace(bob.id).await.expect("bob").kind,
        "personal"
    );
    assert!(matches!(
        store.switch_workspace(bob.id, team).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.workspace_of(team, bob.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.session_ids_in(team).await.expect("ids"), [s.id]);
}

#[tokio::test]
async fn an_invitation_to_a_team_is_used_once_and_can_be_withdrawn() {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    let team = store
        .create_team(ann.id, "Facilitators")
        .await
        .expect("team");
    let far = plenary_store::now_ms() + 86_400_000;
    let first = store
        .invite_member(
            team,
            "cat@example.org",
            WorkspaceRole::Member,
            ann.id,
            b"one",
            far,
            &super::sending(),
        )
        .await
        .expect("invited");
    // Inviting the same address again replaces the first link.
    store
        .invite_member(
            team,
            "cat@example.org",
            WorkspaceRole::Admin,
            ann.id,
            b"two",
            far,
            &super::sending(),
        )
        .await
        .expect("again");
    let pending = store.member_invitations(team).await.expect("pending");
    assert_eq!(pending.len(), 1);
    assert_ne!(pending[0].id, first.id);
    assert!(store.member_invitation(b"one").await.is_err());
    let (inv, name) = store.member_invitation(b"two").await.expect("found");
    assert_eq!(
        (inv.role, name.as_str()),
        (WorkspaceRole::Admin, "Facilitators")
    );

    let cat = store
        .create_user(&new_user("cat@example.org"), None)
        .await
        .expect("cat");
    assert_eq!(
        store
            .accept_member_invitation(plenary_store::Answering::Link(b"two"), cat.id)
            .await
            .expect("joined"),
        Some(team)
    );
    assert_eq!(
        store
            .accept_member_invitation(plenary_store::Answering::Link(b"two"), cat.id)
            .await
            .expect("used"),
        None
    );
    let current = store.current_workspace(cat.id).await.expect("current");
    assert_eq!((current.id, current.role()), (team, WorkspaceRole::Admin));

    let gone = store
        .invite_member(
            team,
            "dan@example.org",
            WorkspaceRole::Member,
            ann.id,
            b"three",
            far,
            &super::sending(),
        )
        .await
        .expect("dan");
    store
        .revoke_member_invitation(team, gone.id)
        .await
        .expect("withdrawn");
    assert!(store.member_invitation(b"three").await.is_err());
    assert!(matches!(
        store.revoke_member_invitation(team, gone.id).await,
        Err(StoreError::NotFound)
    ));
}
