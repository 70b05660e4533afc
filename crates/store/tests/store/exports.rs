use super::sessions::session;
use domain::ExportId;
use domain::job::JobKind;
use plenary_store::{ExportStatus, NewExport, NewJob, Store};

fn export(session: domain::SessionId, user: domain::UserId) -> NewExport {
    NewExport {
        id: ExportId::new(),
        session,
        user: Some(user),
        link_hash: None,
        request: r#"{"query":{"format":"pdf"},"locale":"en"}"#.into(),
        file_name: "Plan.pdf".into(),
        content_type: "application/pdf".into(),
    }
}

fn rescue(id: ExportId) -> NewJob {
    NewJob::new(JobKind::RenderExport, serde_json::json!({ "export": id }))
}

/// An export of `session` by `user`, begun with its rescue job.
async fn begun(store: &Store, session: domain::SessionId, user: domain::UserId) -> ExportId {
    let new = export(session, user);
    store
        .begin_export(&new, &rescue(new.id))
        .await
        .expect("begun");
    new.id
}

async fn outbox_len(store: &Store) -> usize {
    store.recent_mail(100).await.expect("mail").len()
}

#[tokio::test]
async fn an_export_begins_with_its_rescue_job_and_is_finished_once_with_its_email() {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    let s = session(&store, &ann).await;
    let id = begun(&store, s.id, ann.id).await;
    let row = store.export(id).await.expect("kept");
    assert_eq!(row.status(), ExportStatus::Running);
    assert_eq!((row.size, row.user_id), (None, Some(ann.id)));
    let job = store
        .claim_job(60_000)
        .await
        .expect("claim")
        .expect("the rescue job");
    assert_eq!(job.kind, "render_export");

    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let looked = store.look_at_export(id).await.expect("looked at");
    assert!(looked.watched_at > row.watched_at);
    assert!(matches!(
        store.export_content(id).await,
        Err(plenary_store::StoreError::NotFound)
    ));

    let mail = super::mail("ann@example.org", "Your export is ready");
    assert!(
        store
            .finish_export(id, Ok(b"%PDF-1.7"), Some(&mail))
            .await
            .expect("finished")
    );
    // A rescue job racing the server that began it finishes nothing and sends nothing more.
    assert!(
        !store
            .finish_export(id, Err("late"), Some(&mail))
            .await
            .expect("refused")
    );
    let done = store.export(id).await.expect("kept");
    assert_eq!((done.status(), done.size), (ExportStatus::Done, Some(8)));
    assert_eq!(store.export_content(id).await.expect("bytes"), b"%PDF-1.7");
    assert_eq!(outbox_len(&store).await, 1);
}

#[tokio::test]
async fn a_failed_export_keeps_why_and_old_exports_go() {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    let s = session(&store, &ann).await;
    let id = begun(&store, s.id, ann.id).await;
    assert!(
        store
            .finish_export(id, Err("typst broke"), None)
            .await
            .expect("finished")
    );
    let failed = store.export(id).await.expect("kept");
    assert_eq!(failed.status(), ExportStatus::Failed);
    assert_eq!(failed.error.as_deref(), Some("typst broke"));
    assert_eq!(outbox_len(&store).await, 0);

    assert_eq!(
        store
            .purge_exports(failed.created_at)
            .await
            .expect("purged"),
        0
    );
    assert_eq!(
        store
            .purge_exports(failed.created_at + 1)
            .await
            .expect("purged"),
        1
    );
    assert!(matches!(
        store.export(id).await,
        Err(plenary_store::StoreError::NotFound)
    ));
}

#[tokio::test]
async fn an_export_goes_with_its_session_and_one_without_asker_or_link_is_refused() {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    let s = session(&store, &ann).await;
    let mut nobody = export(s.id, ann.id);
    nobody.user = None;
    assert!(
        store
            .begin_export(&nobody, &rescue(nobody.id))
            .await
            .is_err()
    );
    // Refused whole: its rescue job was not left behind.
    assert!(store.claim_job(60_000).await.expect("claim").is_none());

    let id = begun(&store, s.id, ann.id).await;
    store.trash_session(s.id).await.expect("trashed");
    let deleted_at = store
        .trashed_session(s.id)
        .await
        .expect("in the trash")
        .deleted_at
        .expect("when");
    assert!(
        store
            .purge_session(s.id, deleted_at, None)
            .await
            .expect("purged")
    );
    assert!(matches!(
        store.export(id).await,
        Err(plenary_store::StoreError::NotFound)
    ));
}
