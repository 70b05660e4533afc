//! Administrators' actions on accounts and the audit log: a block ends logins and tokens,
//! stops the public links of the person's sessions and, when asked, withholds their public
//! methods until an unblock brings them back; restrictions hold for their time or until
//! lifted; the last administrator keeps the role; every action is one entry of a log no one
//! can change or delete, which outlives the account it names.

use super::library::{method, mine};
use super::sessions::session;
use super::{mail, new_user, store_with_user};
use domain::Locale;
use domain::credential::Scopes;
use domain::library::Publication;
use domain::moderation::{AuditAction, Restriction};
use plenary_store::library::publication::Item;
use plenary_store::{AuditFilter, Block, Db, Restrict, Store, StoreError, now_ms};

const DAY: i64 = 86_400_000;

fn log(subject: Option<uuid::Uuid>) -> AuditFilter {
    AuditFilter {
        subject,
        limit: 50,
        ..AuditFilter::default()
    }
}

pub async fn admin(store: &Store, email: &str) -> plenary_store::User {
    let mut new = new_user(email);
    new.is_admin = true;
    store.create_user(&new, None).await.expect("admin")
}

/// A method `author` wrote, published in the public library.
pub async fn published(store: &Store, author: &plenary_store::User) -> domain::MethodId {
    let id = mine(
        store,
        author,
        &method("Fishbowl", "Talk in a circle.", (20, 40), Locale::En),
    )
    .await;
    store
        .set_publication(Item::Method(id), author.id, Publication::Pending)
        .await
        .expect("asked");
    store
        .review_publication(Item::Method(id), true, "")
        .await
        .expect("approved");
    id
}

#[tokio::test]
async fn a_block_ends_logins_tokens_and_public_links_withholds_public_methods_and_an_unblock_brings_them_back()
 {
    let (store, ann) = store_with_user("ann@example.org").await;
    let root = admin(&store, "root@example.org").await;
    let reader = store
        .create_user(&new_user("reader@example.org"), None)
        .await
        .expect("reader");
    store
        .create_login(ann.id, b"ann-login", "Firefox", "10.0.0.1", now_ms() + DAY)
        .await
        .expect("login");
    store
        .create_api_token(ann.id, "CI", b"ann-token", "plen_ann", Scopes::READ)
        .await
        .expect("token");
    let s = session(&store, &ann).await;
    store
        .create_link(s.id, ann.id, b"ann-link", None)
        .await
        .expect("link");
    let m = published(&store, &ann).await;
    assert!(store.method(m, reader.id).await.is_ok(), "public before");

    let withheld = store
        .block_user(&Block {
            user: ann.id,
            by: Some(root.id),
            reason: "Spam in the public library",
            hide_content: true,
            mail: Some(mail("ann@example.org", "Your account is blocked")),
        })
        .await
        .expect("blocked");
    assert_eq!(withheld, 1);
    assert!(store.user(ann.id).await.expect("ann").blocked_at.is_some());
    assert!(
        store
            .login_by_token(b"ann-login", DAY, "10.0.0.1")
            .await
            .expect("read")
            .is_none()
    );
    assert!(
        store
            .user_by_api_token(b"ann-token")
            .await
            .expect("read")
            .is_none()
    );
    assert!(matches!(
        store.session_by_link(b"ann-link").await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.method(m, reader.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .person_facts(ann.id)
            .await
            .expect("facts")
            .withheld_items,
        1
    );
    assert!(
        store
            .recent_mail(10)
            .await
            .expect("mail")
            .iter()
            .any(|m| m.subject == "Your account is blocked")
    );
    assert!(matches!(
        store
            .block_user(&Block {
                user: ann.id,
                by: Some(root.id),
                reason: "again",
                hide_content: false,
                mail: None,
            })
            .await,
        Err(StoreError::Conflict("blocked"))
    ));
    // A login made after the block (a race with the sign-in) is not honoured either.
    store
        .create_login(ann.id, b"late-login", "Firefox", "10.0.0.1", now_ms() + DAY)
        .await
        .expect("late login");
    assert!(
        store
            .login_by_token(b"late-login", DAY, "10.0.0.1")
            .await
            .expect("read")
            .is_none()
    );

    let shown = store
        .unblock_user(ann.id, Some(root.id), "Cleared up by email", None)
        .await
        .expect("unblocked");
    assert_eq!(shown, 1);
    assert!(store.user(ann.id).await.expect("ann").blocked_at.is_none());
    assert_eq!(
        store.session_by_link(b"ann-link").await.expect("link"),
        s.id
    );
    assert!(store.method(m, reader.id).await.is_ok(), "public again");
    assert!(matches!(
        store.unblock_user(ann.id, None, "again", None).await,
        Err(StoreError::Conflict("not_blocked"))
    ));

    let entries = store.audit_log(&log(Some(ann.id.0))).await.expect("log");
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["unblock", "block"]);
    assert_eq!(entries[1].actor_id, Some(root.id));
    assert_eq!(entries[1].reason, "Spam in the public library");
    let details: serde_json::Value = serde_json::from_str(&entries[1].details).expect("json");
    assert_eq!(details["withheld"], 1);
    assert_eq!(details["credentials_ended"], 2);
}

#[tokio::test]
async fn a_block_that_keeps_public_content_leaves_it_public_and_an_administrator_cannot_be_blocked()
{
    let (store, ann) = store_with_user("ann@example.org").await;
    let root = admin(&store, "root@example.org").await;
    let reader = store
        .create_user(&new_user("reader@example.org"), None)
        .await
        .expect("reader");
    let m = published(&store, &ann).await;
    let block = |user, hide_content| Block {
        user,
        by: Some(root.id),
        reason: "Abuse",
        hide_content,
        mail: None,
    };
    assert_eq!(
        store
            .block_user(&block(ann.id, false))
            .await
            .expect("blocked"),
        0
    );
    assert!(store.method(m, reader.id).await.is_ok(), "still public");
    assert!(matches!(
        store.block_user(&block(root.id, true)).await,
        Err(StoreError::Conflict("admin"))
    ));
    assert!(matches!(
        store.block_user(&block(domain::UserId::new(), true)).await,
        Err(StoreError::NotFound)
    ));
    store
        .unblock_user(ann.id, None, "Mistake", None)
        .await
        .expect("unblocked");
    assert!(
        store
            .user(root.id)
            .await
            .expect("root")
            .blocked_at
            .is_none()
    );
}

#[tokio::test]
async fn a_restriction_holds_until_its_time_or_until_lifted_and_a_new_one_replaces_the_old() {
    let (store, ann) = store_with_user("ann@example.org").await;
    let root = admin(&store, "root@example.org").await;
    store
        .restrict_user(&Restrict {
            user: ann.id,
            by: Some(root.id),
            kinds: &[Restriction::Publish, Restriction::Invite],
            until: None,
            reason: "Spam invitations",
            mail: Some(mail("ann@example.org", "Restricted")),
        })
        .await
        .expect("restricted");
    let kinds: Vec<String> = store
        .restrictions(ann.id)
        .await
        .expect("list")
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(kinds, ["invite", "publish"]);
    assert!(
        store
            .restriction(ann.id, Restriction::PublicLinks)
            .await
            .expect("read")
            .is_none()
    );
    // Restricting invitations again, for a while: the new term replaces the old.
    store
        .restrict_user(&Restrict {
            user: ann.id,
            by: Some(root.id),
            kinds: &[Restriction::Invite],
            until: Some(now_ms() + DAY),
            reason: "A day more",
            mail: None,
        })
        .await
        .expect("again");
    let invite = store
        .restriction(ann.id, Restriction::Invite)
        .await
        .expect("read")
        .expect("in force");
    assert_eq!(invite.reason, "A day more");
    assert!(invite.until.is_some());

    store
        .lift_restriction(
            ann.id,
            Restriction::Publish,
            Some(root.id),
            "Talked it over",
        )
        .await
        .expect("lifted");
    assert!(
        store
            .restriction(ann.id, Restriction::Publish)
            .await
            .expect("read")
            .is_none()
    );
    assert!(matches!(
        store
            .lift_restriction(ann.id, Restriction::Publish, Some(root.id), "twice")
            .await,
        Err(StoreError::NotFound)
    ));
    // One whose time is over no longer holds.
    store
        .restrict_user(&Restrict {
            user: ann.id,
            by: None,
            kinds: &[Restriction::PublicLinks],
            until: Some(now_ms() - 1),
            reason: "Over",
            mail: None,
        })
        .await
        .expect("past");
    assert!(
        store
            .restriction(ann.id, Restriction::PublicLinks)
            .await
            .expect("read")
            .is_none()
    );
    assert!(matches!(
        store
            .restrict_user(&Restrict {
                user: ann.id,
                by: None,
                kinds: &[],
                until: None,
                reason: "Nothing",
                mail: None,
            })
            .await,
        Err(StoreError::Conflict("no_restriction"))
    ));

    let actions: Vec<String> = store
        .audit_log(&AuditFilter {
            actor: Some(root.id),
            limit: 10,
            ..AuditFilter::default()
        })
        .await
        .expect("log")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["lift_restriction", "restrict", "restrict"]);
    let by_action = store
        .audit_log(&AuditFilter {
            action: Some(AuditAction::LiftRestriction),
            limit: 10,
            ..AuditFilter::default()
        })
        .await
        .expect("log");
    assert_eq!(by_action.len(), 1);
    assert_eq!(by_action[0].reason, "Talked it over");
}

#[tokio::test]
async fn the_last_administrator_keeps_the_role_and_a_blocked_account_is_not_made_one() {
    let (store, ann) = store_with_user("ann@example.org").await;
    let root = admin(&store, "root@example.org").await;
    assert!(matches!(
        store.set_admin_by(root.id, false, None, "Leaving").await,
        Err(StoreError::Conflict("last_administrator"))
    ));
    store
        .set_admin_by(ann.id, true, Some(root.id), "Joins the team")
        .await
        .expect("granted");
    store
        .set_admin_by(root.id, false, Some(ann.id), "Leaves the team")
        .await
        .expect("revoked");
    assert!(!store.user(root.id).await.expect("root").is_admin);
    assert!(store.user(ann.id).await.expect("ann").is_admin);
    store
        .block_user(&Block {
            user: root.id,
            by: Some(ann.id),
            reason: "Left",
            hide_content: false,
            mail: None,
        })
        .await
        .expect("blocked");
    assert!(matches!(
        store.set_admin_by(root.id, true, None, "Back").await,
        Err(StoreError::Conflict("blocked_account"))
    ));
    let actions: Vec<String> = store
        .audit_log(&log(None))
        .await
        .expect("log")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["block", "revoke_admin", "grant_admin"]);
}

#[tokio::test]
async fn no_one_changes_or_deletes_an_audit_entry_and_entries_outlive_the_account_they_name() {
    let (store, ann) = store_with_user("ann@example.org").await;
    let root = admin(&store, "root@example.org").await;
    store
        .restrict_user(&Restrict {
            user: ann.id,
            by: Some(root.id),
            kinds: &[Restriction::Publish],
            until: None,
            reason: "Spam",
            mail: None,
        })
        .await
        .expect("restricted");
    let changed = match store.db() {
        Db::Sqlite(pool) => sqlx::query("UPDATE audit_log SET reason = 'nothing'")
            .execute(pool)
            .await
            .map(|_| ()),
        Db::Postgres(pool) => sqlx::query("UPDATE audit_log SET reason = 'nothing'")
            .execute(pool)
            .await
            .map(|_| ()),
    };
    assert!(changed.is_err(), "an entry was changed");
    let deleted = match store.db() {
        Db::Sqlite(pool) => sqlx::query("DELETE FROM audit_log")
            .execute(pool)
            .await
            .map(|_| ()),
        Db::Postgres(pool) => sqlx::query("DELETE FROM audit_log")
            .execute(pool)
            .await
            .map(|_| ()),
    };
    assert!(deleted.is_err(), "an entry was deleted");
    if let Db::Postgres(pool) = store.db() {
        assert!(
            sqlx::query("TRUNCATE audit_log")
                .execute(pool)
                .await
                .is_err()
        );
    }

    store
        .delete_user(ann.id, plenary_store::DeletionReason::Administrator, true)
        .await
        .expect("deleted");
    assert!(matches!(
        store.user(ann.id).await,
        Err(StoreError::NotFound)
    ));
    let entries = store.audit_log(&log(Some(ann.id.0))).await.expect("log");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].reason, "Spam");
    let text = format!("{entries:?}");
    assert!(
        !text.contains("ann@example.org") && !text.contains("Anna"),
        "{text}"
    );
}

#[tokio::test]
async fn an_item_approved_while_its_author_is_blocked_stays_withheld_until_the_unblock() {
    let (store, ann) = store_with_user("ann@example.org").await;
    let root = admin(&store, "root@example.org").await;
    let reader = store
        .create_user(&new_user("reader@example.org"), None)
        .await
        .expect("reader");
    let waiting = mine(
        &store,
        &ann,
        &method("Carousel", "Walk round.", (20, 40), Locale::En),
    )
    .await;
    store
        .set_publication(Item::Method(waiting), ann.id, Publication::Pending)
        .await
        .expect("asked");
    store
        .block_user(&Block {
            user: ann.id,
            by: Some(root.id),
            reason: "Spam",
            hide_content: true,
            mail: None,
        })
        .await
        .expect("blocked");
    store
        .review_publication(Item::Method(waiting), true, "")
        .await
        .expect("approved");
    assert!(matches!(
        store.method(waiting, reader.id).await,
        Err(StoreError::NotFound)
    ));
    store
        .unblock_user(ann.id, Some(root.id), "Cleared", None)
        .await
        .expect("unblocked");
    assert!(
        store.method(waiting, reader.id).await.is_ok(),
        "public once unblocked"
    );
}

#[tokio::test]
async fn a_block_and_an_invitation_restriction_withdraw_the_invitations_nobody_accepted() {
    let (store, ann) = store_with_user("ann@example.org").await;
    let root = admin(&store, "root@example.org").await;
    let s = session(&store, &ann).await;
    store
        .invite(
            s.id,
            "bob@example.org",
            domain::permission::Role::Editor,
            ann.id,
            b"first",
            now_ms() + DAY,
            &super::sending(),
        )
        .await
        .expect("invited");
    store
        .restrict_user(&Restrict {
            user: ann.id,
            by: Some(root.id),
            kinds: &[Restriction::Invite],
            until: None,
            reason: "Spam invitations",
            mail: None,
        })
        .await
        .expect("restricted");
    assert!(store.invitations(s.id).await.expect("list").is_empty());
    store
        .invite(
            s.id,
            "cat@example.org",
            domain::permission::Role::Editor,
            ann.id,
            b"second",
            now_ms() + DAY,
            &super::sending(),
        )
        .await
        .expect("invited");
    store
        .block_user(&Block {
            user: ann.id,
            by: Some(root.id),
            reason: "Spam",
            hide_content: false,
            mail: None,
        })
        .await
        .expect("blocked");
    assert!(store.invitations(s.id).await.expect("list").is_empty());
}

#[tokio::test]
async fn reports_are_filed_on_public_content_only_resolved_once_and_removed_content_comes_back_within_30_days()
 {
    use domain::moderation::{ReportCategory, Reported};
    let (store, ann) = store_with_user("ann@example.org").await;
    let root = admin(&store, "root@example.org").await;
    let reader = store
        .create_user(&new_user("reader@example.org"), None)
        .await
        .expect("reader");
    let m = published(&store, &ann).await;
    let private = mine(
        &store,
        &ann,
        &method("Draft", "Not yet.", (5, 10), Locale::En),
    )
    .await;
    let s = session(&store, &ann).await;
    let link = store
        .create_link(s.id, ann.id, b"ann-link", None)
        .await
        .expect("link");
    let report = |target| plenary_store::NewReport {
        target,
        category: ReportCategory::Spam,
        body: "Advertising",
        reporter: Some(reader.id),
        reporter_email: "",
        reporter_locale: "en",
    };
    assert!(matches!(
        store.file_report(&report(Reported::Method(private))).await,
        Err(StoreError::NotFound)
    ));
    let on_method = store
        .file_report(&report(Reported::Method(m)))
        .await
        .expect("filed");
    let on_link = store
        .file_report(&report(Reported::Link(link.id)))
        .await
        .expect("filed");
    assert_eq!(store.open_reports().await.expect("count"), 2);
    let listed = store.report(on_link).await.expect("report");
    assert_eq!(
        (listed.title.as_deref(), listed.owner_id, listed.live),
        (Some("Strategy day"), Some(ann.id), true)
    );
    let about_ann: Vec<_> = store
        .reports_about(ann.id, 10)
        .await
        .expect("about ann")
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(about_ann, [on_link, on_method], "newest first");
    assert!(
        store
            .reports_about(reader.id, 10)
            .await
            .expect("about the reader")
            .is_empty(),
        "reports they filed are not about them"
    );

    store
        .remove_content(
            Reported::Method(m),
            root.id,
            "Advertising",
            &[on_method],
            &[],
        )
        .await
        .expect("removed");
    assert!(store.method(m, reader.id).await.is_err());
    assert_eq!(
        store.report(on_method).await.expect("report").status,
        "actioned"
    );
    assert!(matches!(
        store
            .remove_content(Reported::Method(m), root.id, "Again", &[], &[])
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .dismiss_report(on_link, root.id, "Fine", None)
        .await
        .expect("dismissed");
    assert!(matches!(
        store.dismiss_report(on_link, root.id, "Twice", None).await,
        Err(StoreError::Conflict("resolved"))
    ));
    store
        .remove_content(Reported::Link(link.id), root.id, "Pirated", &[], &[])
        .await
        .expect("link removed");
    assert!(matches!(
        store.session_by_link(b"ann-link").await,
        Err(StoreError::NotFound)
    ));
    // A fresh link would undo the removal: none is made until it is restored.
    assert!(matches!(
        store.create_link(s.id, ann.id, b"fresh-link", None).await,
        Err(StoreError::Conflict("links_removed"))
    ));
    let removed: Vec<String> = store
        .removed_content()
        .await
        .expect("removed")
        .into_iter()
        .map(|r| r.target_kind)
        .collect();
    assert_eq!(removed.len(), 2, "{removed:?}");

    store
        .restore_content(Reported::Link(link.id), root.id, "Mistake", None)
        .await
        .expect("link back");
    assert_eq!(
        store.session_by_link(b"ann-link").await.expect("works"),
        s.id
    );
    store
        .create_link(s.id, ann.id, b"fresh-link", None)
        .await
        .expect("links may be made again");
    store
        .restore_content(Reported::Method(m), root.id, "Mistake", None)
        .await
        .expect("method back");
    assert!(store.method(m, reader.id).await.is_ok());
    assert!(matches!(
        store
            .restore_content(Reported::Method(m), root.id, "Twice", None)
            .await,
        Err(StoreError::NotFound)
    ));
    let actions: Vec<String> = store
        .audit_log(&AuditFilter {
            actor: Some(root.id),
            limit: 10,
            ..AuditFilter::default()
        })
        .await
        .expect("log")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            "restore_content",
            "restore_content",
            "remove_content",
            "dismiss_report",
            "remove_content"
        ]
    );
}
