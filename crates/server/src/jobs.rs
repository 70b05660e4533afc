//! The job worker inside `serve`: claims due jobs from the database, runs them, retries
//! failures with backoff, and stops between jobs when asked (so SIGTERM finishes the
//! current job). Several instances may run workers on one database.

use crate::mail::Delivery;
use crate::state::AppState;
use domain::MailId;
use domain::job::JobKind;
use std::time::{Duration, Instant};
use store::{ClaimedJob, MailStatus};
use tokio_util::sync::CancellationToken;

/// How long a claimed job is held before another worker may take it again.
pub const LEASE_MS: i64 = 5 * 60_000;

const HOUSEKEEPING_EVERY: Duration = Duration::from_secs(3600);

/// Runs until `cancel` fires; returns after finishing the job in hand.
pub async fn run_worker(state: AppState, cancel: CancellationToken) {
    let poll = Duration::from_millis(state.settings.job_poll_ms);
    let mut last_housekeeping: Option<Instant> = None;
    while !cancel.is_cancelled() {
        if last_housekeeping.is_none_or(|t| t.elapsed() >= HOUSEKEEPING_EVERY) {
            last_housekeeping = Some(Instant::now());
            housekeeping(&state).await;
        }
        match state.store.claim_job(LEASE_MS).await {
            Ok(Some(job)) => {
                run_one(&state, job).await;
                continue;
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "claiming a job failed"),
        }
        tokio::select! {
            () = cancel.cancelled() => break,
            () = tokio::time::sleep(poll) => {}
        }
    }
    tracing::info!("job worker stopped");
}

/// How long a finished job's row is kept.
const FINISHED_JOBS_KEPT_MS: i64 = 7 * 24 * 3600 * 1000;

/// Hourly upkeep: expired logins, old finished jobs and old exports go, old versions are thinned, and the
/// self-scheduling jobs are made sure of (one that gave up after its retries starts again).
pub async fn housekeeping(state: &AppState) {
    let now = store::now_ms();
    let store = &state.store;
    let results = [
        (
            "expired logins removed",
            store.purge_logins(state.settings.login_idle_ms()).await,
        ),
        (
            "finished jobs removed",
            store.purge_finished_jobs(now - FINISHED_JOBS_KEPT_MS).await,
        ),
        ("old versions thinned", store.prune_snapshots(now).await),
        (
            "old exports removed",
            store
                .purge_exports(now - crate::exports::EXPORTS_KEPT_MS)
                .await,
        ),
    ];
    for (what, result) in results {
        match result {
            Ok(n) if n > 0 => tracing::info!(count = n, "{what}"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "housekeeping failed: {what}"),
        }
    }
    for result in [
        crate::notify::schedule_digests(store).await,
        crate::versions::schedule(store).await,
        crate::inactivity::schedule(store).await,
    ] {
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not schedule a recurring job");
        }
    }
}

/// Runs one claimed job and records the outcome.
pub async fn run_one(state: &AppState, job: ClaimedJob) {
    let started = Instant::now();
    // Every kind has its handler here: the match is exhaustive.
    let outcome = match JobKind::parse(&job.kind) {
        Some(JobKind::SendMail) => send_mail(state, &job).await,
        Some(JobKind::PurgeSession) => purge_session(state, &job).await,
        Some(JobKind::SendDigests) => crate::notify::digest_job(state).await,
        Some(JobKind::SaveVersions) => crate::versions::job(state).await,
        Some(JobKind::ScanFile) => crate::files::scan_job(state, &job.payload).await,
        Some(JobKind::ForgetFiles) => crate::files::forget_job(state, &job.payload).await,
        Some(JobKind::SendResetLink) => crate::accounts::reset_job(state, &job.payload).await,
        Some(JobKind::ReindexMethods) => crate::library::reindex_job(state, &job.payload).await,
        Some(JobKind::RenderExport) => crate::exports::rescue_job(state, &job.payload).await,
        Some(JobKind::SendNewsletter) => crate::advertising::send_job(state, &job.payload).await,
        Some(JobKind::ForgetInactive) => crate::inactivity::job(state).await,
        Some(JobKind::MakeDataExport) => crate::data_export::make_job(state, &job.payload).await,
        Some(JobKind::ForgetDataExport) => {
            crate::data_export::forget_job(state, &job.payload).await
        }
        None => Err(anyhow::anyhow!("unknown job kind {}", job.kind)),
    };
    let kind = job.kind.clone();
    metrics::histogram!("plenary_job_duration_seconds", "kind" => kind.clone())
        .record(started.elapsed().as_secs_f64());
    match outcome {
        Ok(()) => {
            metrics::counter!("plenary_jobs_total", "kind" => kind, "outcome" => "done")
                .increment(1);
            if let Err(e) = state.store.complete_job(job.id).await {
                tracing::warn!(job = %job.id, error = %e, "could not mark a job done; it will run again");
            }
        }
        Err(error) => {
            metrics::counter!("plenary_jobs_total", "kind" => kind, "outcome" => "failed")
                .increment(1);
            let text = format!("{error:#}");
            match state.store.fail_job(&job, &text).await {
                Ok(true) => {
                    tracing::error!(job = %job.id, kind = %job.kind, attempts = job.attempts, error = %text, "job gave up");
                    if job.kind == "send_mail"
                        && let Ok(id) = mail_id(&job)
                    {
                        let _ = state
                            .store
                            .set_mail_status(id, MailStatus::Failed, Some(&text))
                            .await;
                    }
                }
                Ok(false) => {
                    tracing::warn!(job = %job.id, kind = %job.kind, attempts = job.attempts, error = %text, "job failed; will retry")
                }
                Err(e) => {
                    tracing::warn!(job = %job.id, error = %e, "could not record a job failure")
                }
            }
        }
    }
}

fn mail_id(job: &ClaimedJob) -> anyhow::Result<MailId> {
    #[derive(serde::Deserialize)]
    struct Payload {
        mail_id: MailId,
    }
    Ok(serde_json::from_str::<Payload>(&job.payload)?.mail_id)
}

/// Delivers one outbox email. Delivery is at least once: an email already sent is skipped.
async fn send_mail(state: &AppState, job: &ClaimedJob) -> anyhow::Result<()> {
    let mail = state.store.mail(mail_id(job)?).await?;
    if mail.status != MailStatus::Pending {
        return Ok(());
    }
    if state.store.advertising_refused(mail.id).await? {
        // Refused after it was queued: advertising is never sent to someone who said no.
        state
            .store
            .set_mail_status(
                mail.id,
                MailStatus::Failed,
                Some("not sent: news and offers were refused"),
            )
            .await?;
        return Ok(());
    }
    let status = match state.mailer.deliver(&mail).await? {
        Delivery::Sent => MailStatus::Sent,
        Delivery::Kept => MailStatus::Kept,
    };
    state.store.set_mail_status(mail.id, status, None).await?;
    Ok(())
}

/// Deletes a session that has stayed in the trash for its 30 days.
async fn purge_session(state: &AppState, job: &ClaimedJob) -> anyhow::Result<()> {
    #[derive(serde::Deserialize)]
    struct Payload {
        session: domain::SessionId,
        deleted_at: i64,
    }
    let p: Payload = serde_json::from_str(&job.payload)?;
    // Its files go with it (their rows by cascade); until then they count in the usage.
    let files = state
        .store
        .files_of(store::FileParent::Session(p.session, None))
        .await?;
    let forget = crate::files::forgetting(crate::files::contents_of(&files));
    if state
        .store
        .purge_session(p.session, p.deleted_at, forget.as_ref())
        .await?
    {
        tracing::info!(session = %p.session, "session purged from the trash");
    }
    Ok(())
}
