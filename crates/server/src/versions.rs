//! Versions of a session: listed and viewed by anyone who may see it, saved with a name and
//! restored by anyone who may change it. Automatic versions are saved by a job that runs every
//! minute (see `store::snapshots`).

use crate::error::AppError;
use crate::sessions;
use crate::state::AppState;
use domain::FieldError;
use domain::permission::Action;
use domain::{SessionId, SnapshotId};
use store::{NewJob, Restored, SnapshotKind, SnapshotRow, Store, User};

/// The job that saves automatic versions.
pub const JOB: domain::job::JobKind = domain::job::JobKind::SaveVersions;
const EVERY_MS: i64 = 60_000;
/// A version's name, at most.
pub const NAME_MAX: usize = 120;
/// How many versions the list shows.
pub const LIST_MAX: i64 = 200;

/// Makes sure the versions job is waiting.
pub async fn schedule(store: &Store) -> Result<(), store::StoreError> {
    let mut job = NewJob::new(JOB, serde_json::json!({}));
    job.run_at = store::now_ms() + EVERY_MS;
    store.ensure_job(&job).await?;
    Ok(())
}

/// The job: the versions due now, then the next run a minute later.
pub async fn job(state: &AppState) -> anyhow::Result<()> {
    let saved = state.store.auto_snapshots(store::now_ms()).await?;
    if saved > 0 {
        tracing::info!(saved, "automatic versions saved");
    }
    let mut next = NewJob::new(JOB, serde_json::json!({}));
    next.run_at = store::now_ms() + EVERY_MS;
    state.store.enqueue_job(&next).await?;
    Ok(())
}

/// The versions of a session `user` may see, newest first.
pub async fn list(
    state: &AppState,
    user: &User,
    session: SessionId,
) -> Result<Vec<SnapshotRow>, AppError> {
    sessions::visible(state, user, session).await?;
    Ok(state.store.snapshots(session, LIST_MAX).await?)
}

/// Saves the session as it stands under `name` (required, one line).
pub async fn save(
    state: &AppState,
    user: &User,
    session: SessionId,
    name: &str,
) -> Result<SnapshotRow, AppError> {
    sessions::require(state, user, session, Action::Edit).await?;
    let name = domain::session::line(name, NAME_MAX).map_err(|e| {
        let error = match e {
            domain::session::OpError::TooLong => FieldError::TooLong { max: NAME_MAX },
            _ => FieldError::ControlCharacters,
        };
        AppError::Validation(vec![("name", error)])
    })?;
    if name.is_empty() {
        return Err(AppError::Validation(vec![("name", FieldError::Required)]));
    }
    crate::auth::throttle::copy_made(state, user).await?;
    let workspace = state.store.session(session).await?.workspace_id;
    let quota = crate::billing::quota(state, workspace).await?;
    Ok(state
        .store
        .save_snapshot(
            session,
            SnapshotKind::Named,
            &name,
            Some(user.id),
            Some(quota),
        )
        .await?)
}

/// Brings the session back to version `id`, as ops.
pub async fn restore(
    state: &AppState,
    user: &User,
    session: SessionId,
    id: SnapshotId,
) -> Result<Restored, AppError> {
    let editor = sessions::editor(state, user, session).await?;
    Ok(state.store.restore_snapshot(&editor, id).await?)
}
