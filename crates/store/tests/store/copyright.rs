//! Copyright notices and counter-notices: a notice is filed with its report in one step and
//! only about public material; once the material is removed its owner, and no one else, may
//! answer once within the restore window; the decision restores the material or keeps it
//! removed, once, each with its audit entry.

use super::administration::{admin, published};
use super::{new_user, store_with_user};
use domain::moderation::{AuditAction, ReportCategory, Reported};
use plenary_store::{AuditFilter, NewCounter, NewNotice, NewReport, StoreError};

fn notice<'a>() -> NewNotice<'a> {
    NewNotice {
        work: "The Fishbowl chapter of my book, published 2019",
        material_url: "/library/methods/x",
        name: "Vera Rights",
        email: "vera@example.org",
        phone: "+7 900 000-00-00",
    }
}

/// The report a notice about `target` files, as a signed-out sender in `locale`.
fn report<'a>(target: Reported, locale: &'a str) -> NewReport<'a> {
    NewReport {
        target,
        category: ReportCategory::Copyright,
        body: "The Fishbowl chapter of my book",
        reporter: None,
        reporter_email: "vera@example.org",
        reporter_locale: locale,
    }
}

fn counter<'a>(user: domain::UserId) -> NewCounter<'a> {
    NewCounter {
        user,
        name: "Ann Author",
        email: "ann@example.org",
        phone: "+7 900 111-11-11",
        statement: "I wrote it myself.",
        locale: "en",
    }
}

#[tokio::test]
async fn a_notice_removes_material_its_owner_answers_once_and_the_decision_is_kept() {
    let (store, ann) = store_with_user("ann@example.org").await;
    let root = admin(&store, "root@example.org").await;
    let other = store
        .create_user(&new_user("other@example.org"), None)
        .await
        .expect("other");
    let m = published(&store, &ann).await;
    let id = store
        .file_copyright_notice(&report(Reported::Method(m), "en"), &notice())
        .await
        .expect("filed");
    let filed = store
        .copyright_notice(id)
        .await
        .expect("read")
        .expect("a notice");
    assert_eq!(
        (filed.name.as_str(), filed.phone.as_str()),
        ("Vera Rights", "+7 900 000-00-00")
    );
    assert_eq!(
        store.report(id).await.expect("report").category,
        "copyright"
    );
    assert!(
        matches!(
            store.file_counter_notice(id, &counter(ann.id), &[]).await,
            Err(StoreError::NotFound)
        ),
        "nothing to answer before the removal"
    );

    store
        .remove_content(Reported::Method(m), root.id, "Copied", &[id], &[])
        .await
        .expect("removed");
    assert!(
        matches!(
            store.file_counter_notice(id, &counter(other.id), &[]).await,
            Err(StoreError::NotFound)
        ),
        "only the owner answers"
    );
    store
        .file_counter_notice(id, &counter(ann.id), &[])
        .await
        .expect("answered");
    assert!(matches!(
        store.file_counter_notice(id, &counter(ann.id), &[]).await,
        Err(StoreError::Conflict("countered"))
    ));
    let open = store.open_counter_notices().await.expect("open");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].statement, "I wrote it myself.");

    store
        .decide_counter_notice(id, root.id, true, "She wrote it.", &[])
        .await
        .expect("restored");
    assert!(store.method(m, other.id).await.is_ok(), "public again");
    assert!(matches!(
        store
            .decide_counter_notice(id, root.id, false, "Twice", &[])
            .await,
        Err(StoreError::Conflict("resolved"))
    ));
    let decided = store.counter_notice(id).await.expect("read").expect("kept");
    assert_eq!(
        (decided.status.as_str(), decided.decision.as_str()),
        ("restored", "She wrote it.")
    );
    assert!(store.open_counter_notices().await.expect("open").is_empty());
    let log = store
        .audit_log(&AuditFilter {
            subject: Some(m.0),
            limit: 10,
            ..AuditFilter::default()
        })
        .await
        .expect("log");
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            AuditAction::RestoreContent.as_str(),
            AuditAction::RemoveContent.as_str()
        ]
    );
    assert!(
        log[0].details.contains(&id.to_string()),
        "{}",
        log[0].details
    );
}

#[tokio::test]
async fn a_removal_kept_after_a_counter_notice_leaves_the_material_removed_and_is_logged() {
    let (store, ann) = store_with_user("ann@example.org").await;
    let root = admin(&store, "root@example.org").await;
    let m = published(&store, &ann).await;
    let id = store
        .file_copyright_notice(&report(Reported::Method(m), "ru"), &notice())
        .await
        .expect("filed");
    assert!(
        matches!(
            store
                .decide_counter_notice(id, root.id, false, "No counter-notice", &[])
                .await,
            Err(StoreError::NotFound)
        ),
        "nothing to decide"
    );
    store
        .remove_content(Reported::Method(m), root.id, "Copied", &[id], &[])
        .await
        .expect("removed");
    store
        .file_counter_notice(id, &counter(ann.id), &[])
        .await
        .expect("answered");
    store
        .decide_counter_notice(id, root.id, false, "The book predates it.", &[])
        .await
        .expect("kept removed");
    assert_eq!(
        store.removed_content().await.expect("removed").len(),
        1,
        "still removed, still restorable by hand"
    );
    let log = store
        .audit_log(&AuditFilter {
            subject: Some(m.0),
            limit: 10,
            ..AuditFilter::default()
        })
        .await
        .expect("log");
    assert_eq!(log[0].action, AuditAction::UpholdRemoval.as_str());
    assert_eq!(log[0].reason, "The book predates it.");
}

#[tokio::test]
async fn a_notice_about_material_that_is_not_public_is_refused_and_leaves_nothing() {
    let (store, ann) = store_with_user("ann@example.org").await;
    let m = super::library::mine(
        &store,
        &ann,
        &super::library::method("Draft", "Not yet.", (5, 10), domain::Locale::En),
    )
    .await;
    let refused = store
        .file_copyright_notice(&report(Reported::Method(m), "en"), &notice())
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)));
    assert!(store.reports(10).await.expect("reports").is_empty());
}

#[tokio::test]
async fn a_restore_from_removed_content_settles_the_open_counter_notice_so_it_is_not_decided_again()
{
    let (store, ann) = store_with_user("ann@example.org").await;
    let root = admin(&store, "root@example.org").await;
    let m = published(&store, &ann).await;
    let id = store
        .file_copyright_notice(&report(Reported::Method(m), "en"), &notice())
        .await
        .expect("filed");
    store
        .remove_content(Reported::Method(m), root.id, "Copied", &[id], &[])
        .await
        .expect("removed");
    store
        .file_counter_notice(id, &counter(ann.id), &[])
        .await
        .expect("answered");
    store
        .restore_content(Reported::Method(m), root.id, "Cleared by hand", None)
        .await
        .expect("restored by hand");
    let settled = store.counter_notice(id).await.expect("read").expect("kept");
    assert_eq!(
        (settled.status.as_str(), settled.decision.as_str()),
        ("restored", "Cleared by hand")
    );
    assert!(matches!(
        store
            .decide_counter_notice(id, root.id, false, "Keep it removed", &[])
            .await,
        Err(StoreError::Conflict("resolved"))
    ));
}
