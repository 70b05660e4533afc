//! Copies of a person's data: at most one a day (a failed one does not count), finished once,
//! with the email and the job that forgets its bytes only when it was made, and gone with
//! their person.

use super::{mail, new_user};
use domain::job::JobKind;
use plenary_store::testing::fresh_store;
use plenary_store::{NewJob, StoreError};

const DAY_MS: i64 = 86_400_000;

#[tokio::test]
async fn one_copy_a_day_is_made_once_and_a_failed_one_does_not_count() {
    let store = fresh_store().await;
    let ann = store
        .create_user(&new_user("ann@example.org"), None)
        .await
        .expect("ann");
    let since = plenary_store::now_ms() - DAY_MS;
    let first = store.begin_data_export(ann.id, since).await.expect("first");
    let job = store
        .claim_job(60_000)
        .await
        .expect("claim")
        .expect("a job");
    assert_eq!(job.kind, JobKind::MakeDataExport.as_str());
    assert!(job.payload.contains(&first.to_string()));
    assert!(matches!(
        store.begin_data_export(ann.id, since).await,
        Err(StoreError::Conflict("daily"))
    ));

    store
        .data_export_progress(first, 3, 8)
        .await
        .expect("progress");
    let row = store.data_export(first).await.expect("row");
    assert_eq!((row.done, row.total), (3, 8));
    assert!(row.running(plenary_store::now_ms()));
    assert!(
        store
            .finish_data_export(
                first,
                Err("broken".into()),
                0,
                Some(&mail("ann@example.org", "Your data is ready")),
                None
            )
            .await
            .expect("failed")
    );
    assert!(
        !store
            .finish_data_export(first, Ok(10), 0, None, None)
            .await
            .expect("once"),
        "finished once"
    );
    let row = store.data_export(first).await.expect("row");
    assert!(row.failed(plenary_store::now_ms()) && row.expires_at.is_none());

    // A failed copy does not count: another may be asked for at once, and made.
    let second = store
        .begin_data_export(ann.id, since)
        .await
        .expect("second");
    let expires = plenary_store::now_ms() + 7 * DAY_MS;
    let mut forget = NewJob::new(
        JobKind::ForgetDataExport,
        serde_json::json!({ "export": second }),
    );
    forget.run_at = expires;
    assert!(
        store
            .finish_data_export(
                second,
                Ok(1234),
                expires,
                Some(&mail("ann@example.org", "Your data is ready")),
                Some(&forget),
            )
            .await
            .expect("made")
    );
    let row = store.data_export(second).await.expect("row");
    assert!(row.ready(plenary_store::now_ms()));
    assert!(!row.ready(expires));
    assert_eq!(row.size, Some(1234));
    assert_eq!(row.done, row.total);
    assert_eq!(
        store.recent_mail(10).await.expect("mail").len(),
        1,
        "the email with the copy, not with the failed one"
    );
    // A copy never finished hours after it was asked for counts as failed.
    let stuck = plenary_store::DataExportRow {
        finished_at: None,
        error: None,
        created_at: plenary_store::now_ms() - 3 * 3_600_000,
        ..row.clone()
    };
    assert!(stuck.failed(plenary_store::now_ms()) && !stuck.running(plenary_store::now_ms()));
    assert_eq!(store.data_exports_of(ann.id).await.expect("list").len(), 2);

    store
        .delete_user(ann.id, plenary_store::DeletionReason::Request, true)
        .await
        .expect("deleted");
    assert!(matches!(
        store.data_export(second).await,
        Err(StoreError::NotFound)
    ));
}
