//! Download my data (the Privacy Policy's right of access): a person asks for a copy of
//! their data, at most once a day; a job makes it as a ZIP, step by step so the page can show
//! how far it has come, keeps it in the file store for 7 days and emails a link to it that
//! works only for them, signed in. The ZIP holds `account.json` (profile, workspaces, logins,
//! API tokens without secrets, accepted legal documents, cookie choices), every session they
//! own in Plenary's JSON format (which Import reads back), the methods and designs they wrote,
//! their comments, the billing history of the workspaces they own, and the files they
//! uploaded, with a `README.txt` that says what is where.

use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::state::AppState;
use domain::DataExportId;
use domain::job::JobKind;
use object_store::ObjectStoreExt;
use object_store::path::Path;
use serde_json::{Value, json};
use std::io::Write;
use store::{DataExportRow, NewJob, StoreError, User};
use tokio::io::AsyncWriteExt;

const DAY_MS: i64 = 86_400_000;

/// How long a copy's link works, and its bytes are kept.
pub const KEPT_MS: i64 = 7 * DAY_MS;

/// Steps besides the sessions and files: README, account, methods, designs, comments,
/// billing, and putting the ZIP in the file store.
const FIXED_STEPS: i64 = 7;

/// Where a copy's bytes are kept.
pub fn key(id: DataExportId) -> Path {
    Path::from(format!("data-exports/{id}.zip"))
}

/// Asks for a copy of `user`'s data; `Conflict("data_export_daily")` when one was asked for
/// in the last 24 hours (a failed one does not count).
pub async fn begin(state: &AppState, user: &User) -> Result<DataExportId, AppError> {
    match state
        .store
        .begin_data_export(user.id, store::now_ms() - DAY_MS)
        .await
    {
        Err(StoreError::Conflict(_)) => Err(AppError::Conflict("data_export_daily")),
        other => {
            let id = other?;
            tracing::info!(user = %user.id, export = %id, "data export asked for");
            Ok(id)
        }
    }
}

/// When `user` may ask for another copy: `None` now.
pub fn next_allowed(copies: &[DataExportRow]) -> Option<i64> {
    let now = store::now_ms();
    copies
        .iter()
        .filter(|c| !c.failed(now))
        .map(|c| c.created_at + DAY_MS)
        .filter(|at| *at > store::now_ms())
        .max()
}

/// A copy of `user`'s data; anyone else's is not found.
pub async fn look(
    state: &AppState,
    user: &User,
    id: DataExportId,
) -> Result<DataExportRow, AppError> {
    let row = state.store.data_export(id).await?;
    if row.user_id != user.id {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// The bytes of a made copy of `user`'s data while its link works.
pub async fn download(
    state: &AppState,
    user: &User,
    id: DataExportId,
) -> Result<(DataExportRow, object_store::GetResult), AppError> {
    let row = look(state, user, id).await?;
    if !row.ready(store::now_ms()) {
        return Err(AppError::NotFound);
    }
    let got = state
        .files
        .get(&key(id))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    tracing::info!(user = %user.id, export = %id, "data export downloaded");
    Ok((row, got))
}

/// The name the ZIP is downloaded as: `plenary-data-2026-12-07.zip`.
pub fn file_name(row: &DataExportRow) -> String {
    let day = jiff::Timestamp::from_millisecond(row.created_at)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string())
        .unwrap_or_default();
    format!("plenary-data-{day}.zip")
}

/// Forgets the bytes of these copies (a deleted account's); a failure is logged, and the
/// job that forgets each copy at its expiry tries again.
pub async fn forget(state: &AppState, ids: &[DataExportId]) {
    for id in ids {
        match state.files.delete(&key(*id)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
            Err(e) => {
                tracing::warn!(export = %id, error = %e, "a data export's bytes could not be deleted")
            }
        }
    }
}

#[derive(serde::Deserialize)]
struct Payload {
    export: DataExportId,
}

/// The job that forgets a copy's bytes once its link has expired.
pub async fn forget_job(state: &AppState, payload: &str) -> anyhow::Result<()> {
    let p: Payload = serde_json::from_str(payload)?;
    match state.files.delete(&key(p.export)).await {
        Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// The job that makes a copy: once, however often it runs; a copy that cannot be made is
/// recorded as failed (the person may ask again at once).
pub async fn make_job(state: &AppState, payload: &str) -> anyhow::Result<()> {
    let p: Payload = serde_json::from_str(payload)?;
    let row = match state.store.data_export(p.export).await {
        Ok(row) => row,
        // Gone with its person.
        Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if row.finished_at.is_some() {
        return Ok(());
    }
    if row.failed(store::now_ms()) {
        // Asked for long ago and never made (its runs stopped): recorded as failed, so the
        // person may ask again.
        let reason = "not made in time".to_owned();
        if state
            .store
            .finish_data_export(row.id, Err(reason), 0, None, None)
            .await?
        {
            forget(state, &[row.id]).await;
        }
        return Ok(());
    }
    let user = match state.store.user(row.user_id).await {
        Ok(user) => user,
        Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let outcome = make(state, &row, &user).await;
    let expires_at = store::now_ms() + KEPT_MS;
    match outcome {
        Ok(size) => {
            let mail = ready_mail(state, &user, row.id, expires_at)?;
            let mut expiry = NewJob::new(JobKind::ForgetDataExport, json!({ "export": row.id }));
            expiry.run_at = expires_at;
            expiry.max_attempts = 20;
            if state
                .store
                .finish_data_export(row.id, Ok(size), expires_at, Some(&mail), Some(&expiry))
                .await?
            {
                tracing::info!(user = %user.id, export = %row.id, size, "data export made");
            } else if matches!(
                state.store.data_export(row.id).await,
                Err(StoreError::NotFound)
            ) {
                // Its person was deleted meanwhile: nothing of it stays. (Finished by another
                // run of this job instead, it keeps the bytes that run announced.)
                forget(state, &[row.id]).await;
            }
        }
        Err(e) => {
            tracing::error!(user = %user.id, export = %row.id, error = format!("{e:#}"), "data export failed");
            if state
                .store
                .finish_data_export(row.id, Err(format!("{e:#}")), expires_at, None, None)
                .await?
            {
                forget(state, &[row.id]).await;
            }
        }
    }
    Ok(())
}

fn ready_mail(
    state: &AppState,
    user: &User,
    id: DataExportId,
    expires_at: i64,
) -> anyhow::Result<store::NewMail> {
    let tr = Tr::new(user.locale());
    Compose {
        tr,
        to: &user.email,
        user: Some(user.id),
        sender: None,
        first_name: &user.first_name,
        subject: tr.t("data-export-mail-subject"),
        lines: vec![tr.ts(
            "data-export-mail-body",
            "date",
            &tr.datetime(expires_at, &user.time_zone),
        )],
        action: Some((
            tr.t("data-export-mail-action"),
            state.settings.link(&format!("/account/data/{id}")),
        )),
        unsubscribe: None,
    }
    .render()
}

fn at(ms: i64) -> Value {
    jiff::Timestamp::from_millisecond(ms).map_or(Value::Null, |t| Value::String(t.to_string()))
}

fn at_opt(ms: Option<i64>) -> Value {
    ms.map_or(Value::Null, at)
}

/// A stored JSON text as JSON (or as the text, should it not read).
fn parsed(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

/// A name that is safe as one part of a path in the ZIP.
fn part(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "file".to_owned()
    } else {
        cleaned
    }
}

/// The ZIP being written, in a temporary file, with the progress noted as it grows.
struct Copy<'a> {
    state: &'a AppState,
    id: DataExportId,
    zip: zip::ZipWriter<std::fs::File>,
    done: i64,
    total: i64,
    noted_at: std::time::Instant,
}

impl Copy<'_> {
    fn options(method: zip::CompressionMethod) -> zip::write::SimpleFileOptions {
        zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .large_file(true)
    }

    /// Adds a text we wrote, compressed.
    fn add(&mut self, name: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.zip
            .start_file(name, Self::options(zip::CompressionMethod::Deflated))?;
        self.zip.write_all(bytes)?;
        Ok(())
    }

    /// Adds an uploaded file as it is: most are compressed already (pictures, PDFs,
    /// documents), and compressing them again would cost time for nothing.
    fn add_stored(&mut self, name: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.zip
            .start_file(name, Self::options(zip::CompressionMethod::Stored))?;
        self.zip.write_all(bytes)?;
        Ok(())
    }

    fn add_json(&mut self, name: &str, value: &Value) -> anyhow::Result<()> {
        let bytes = serde_json::to_vec_pretty(value)?;
        self.add(name, &bytes)
    }

    /// One more step done; the page hears of it at most twice a second.
    async fn step(&mut self) -> anyhow::Result<()> {
        self.done += 1;
        if self.noted_at.elapsed() >= std::time::Duration::from_millis(500)
            || self.done == self.total
        {
            self.state
                .store
                .data_export_progress(self.id, self.done, self.total)
                .await?;
            self.noted_at = std::time::Instant::now();
        }
        Ok(())
    }
}

/// Makes the ZIP and puts it in the file store; its size.
async fn make(state: &AppState, row: &DataExportRow, user: &User) -> anyhow::Result<i64> {
    let tr = Tr::new(user.locale());
    let sessions = state.store.sessions_owned_by(user.id).await?;
    let files: Vec<store::FileRow> = state
        .store
        .files_uploaded_by(user.id)
        .await?
        .into_iter()
        .filter(store::FileRow::servable)
        .collect();
    let total = FIXED_STEPS + i64::try_from(sessions.len() + files.len()).unwrap_or(i64::MAX);
    state.store.data_export_progress(row.id, 0, total).await?;
    // A name of its own for each run, made only by us and readable only by us.
    let path = std::env::temp_dir().join(format!(
        "plenary-data-{}-{:016x}.zip",
        row.id,
        rand::random::<u64>()
    ));
    let result = write_and_store(state, row, user, tr, &sessions, &files, total, &path).await;
    if let Err(e) = std::fs::remove_file(&path)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(path = %path.display(), error = %e, "a data export's temporary file stays");
    }
    result
}

#[allow(clippy::too_many_arguments)]
async fn write_and_store(
    state: &AppState,
    row: &DataExportRow,
    user: &User,
    tr: Tr,
    sessions: &[domain::SessionId],
    files: &[store::FileRow],
    total: i64,
    path: &std::path::Path,
) -> anyhow::Result<i64> {
    let mut copy = Copy {
        state,
        id: row.id,
        zip: zip::ZipWriter::new(private_file(path)?),
        done: 0,
        total,
        noted_at: std::time::Instant::now(),
    };
    copy.add("README.txt", tr.t("data-export-readme").as_bytes())?;
    copy.step().await?;
    let account = account(state, user).await?;
    copy.add_json("account.json", &account)?;
    if let Some(avatar) = state.store.avatar(user.id).await? {
        let ending = if avatar.content_type.ends_with("png") {
            "png"
        } else {
            "jpg"
        };
        copy.add(&format!("avatar.{ending}"), &avatar.image)?;
    }
    copy.step().await?;

    for (i, id) in sessions.iter().enumerate() {
        // Sessions in the trash are theirs too; one purged meanwhile is not.
        let session = match state.store.session(*id).await {
            Err(StoreError::NotFound) => state.store.trashed_session(*id).await,
            found => found,
        };
        match session {
            Ok(session) => {
                let (name, bytes) = crate::exports::json_copy(state, tr, session).await?;
                copy.add(&format!("sessions/{:03}-{}", i + 1, part(&name)), &bytes)?;
            }
            Err(StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
        copy.step().await?;
    }

    let methods: Vec<Value> = state
        .store
        .methods_written_by(user.id)
        .await?
        .into_iter()
        .map(|m| json!({ "id": m.id, "method": parsed(&m.fields), "publication": m.publication, "created_at": at(m.created_at) }))
        .collect();
    copy.add_json("methods.json", &Value::Array(methods))?;
    copy.step().await?;
    let designs: Vec<Value> = state
        .store
        .designs_made_by(user.id)
        .await?
        .into_iter()
        .map(|d| json!({ "id": d.id, "design": parsed(&d.fields), "publication": d.publication, "created_at": at(d.created_at) }))
        .collect();
    copy.add_json("designs.json", &Value::Array(designs))?;
    copy.step().await?;
    let comments: Vec<Value> = state
        .store
        .comments_written_by(user.id)
        .await?
        .into_iter()
        .map(|c| {
            json!({
                "id": c.id, "session_id": c.session_id, "session": c.session_title,
                "block_id": c.block_id, "text": c.body, "created_at": at(c.created_at),
                "edited_at": at_opt(c.edited_at), "resolved_at": at_opt(c.resolved_at),
            })
        })
        .collect();
    copy.add_json("comments.json", &Value::Array(comments))?;
    copy.step().await?;
    copy.add_json("billing.json", &billing(state, user).await?)?;
    copy.step().await?;

    for f in files {
        let bytes = state.files.get(&Path::from(f.key())).await?.bytes().await?;
        copy.add_stored(&format!("files/{}-{}", f.id, part(&f.name)), &bytes)?;
        copy.step().await?;
    }
    let file = copy.zip.finish()?;
    let size = i64::try_from(file.metadata()?.len()).unwrap_or(i64::MAX);
    drop(file);

    let mut reader = tokio::fs::File::open(path).await?;
    let mut writer = object_store::buffered::BufWriter::new(state.files.clone(), key(row.id));
    if let Err(e) = tokio::io::copy(&mut reader, &mut writer).await {
        // An upload begun in parts is given up, not left half-made.
        if let Err(abort) = writer.abort().await {
            tracing::warn!(error = %abort, "a data export's upload could not be given up");
        }
        return Err(e.into());
    }
    writer.shutdown().await?;
    copy_done(state, row.id, total).await?;
    Ok(size)
}

/// A new file that only this process's user may read; never one that was there.
fn private_file(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// The last step, putting the ZIP in the file store, is done.
async fn copy_done(state: &AppState, id: DataExportId, total: i64) -> store::Result<()> {
    state.store.data_export_progress(id, total, total).await
}

/// `account.json`: the profile and everything kept about the account itself.
async fn account(state: &AppState, user: &User) -> anyhow::Result<Value> {
    let store = &state.store;
    let workspaces: Vec<Value> = store
        .workspaces_of(user.id)
        .await?
        .into_iter()
        .map(|w| json!({ "id": w.id, "name": w.name, "kind": w.kind, "role": w.role().as_str(), "members": w.members }))
        .collect();
    let logins: Vec<Value> = store
        .logins(user.id)
        .await?
        .into_iter()
        .map(|l| json!({ "browser": l.user_agent, "ip": l.ip, "signed_in_at": at(l.created_at), "last_seen_at": at(l.last_seen_at) }))
        .collect();
    let tokens: Vec<Value> = store
        .api_tokens(user.id)
        .await?
        .into_iter()
        .map(|t| json!({ "name": t.name, "starts_with": t.prefix, "scopes": t.scopes().to_text(), "created_at": at(t.created_at), "last_used_at": at_opt(t.last_used_at) }))
        .collect();
    let accepted: Vec<Value> = store
        .legal_accepted_by(user.id)
        .await?
        .into_iter()
        .map(|a| json!({ "document": a.document, "version": a.number, "how": a.how, "at": at(a.at) }))
        .collect();
    let consents: Vec<Value> = store
        .consents_of(user.id, i64::MAX)
        .await?
        .into_iter()
        .map(|c| {
            json!({
                "consent_id": c.consent_id, "policy_revision": c.revision,
                "functional": c.allowed.functional, "analytics": c.allowed.analytics,
                "advertising": c.allowed.advertising, "global_privacy_control": c.gpc,
                "address_hash": c.ip_hash, "text_shown": c.text_shown, "at": at(c.created_at),
            })
        })
        .collect();
    Ok(json!({
        "exported_at": at(store::now_ms()),
        "profile": {
            "id": user.id, "email": user.email, "email_confirmed_at": at_opt(user.email_confirmed_at),
            "first_name": user.first_name, "last_name": user.last_name, "phone": user.phone,
            "language": user.locale, "time_zone": user.time_zone, "administrator": user.is_admin,
            "created_at": at(user.created_at), "updated_at": at(user.updated_at),
        },
        "messages": {
            "email_notifications": user.email_notifications,
            "refuses_advertising": user.refuses_advertising,
            "refuses_personalised_advertising": user.refuses_personalised,
            "hears_public_activity": user.hears_public_activity,
        },
        "workspaces": workspaces,
        "logins": logins,
        "api_tokens": tokens,
        "legal_documents_accepted": accepted,
        "cookie_choices": consents,
    }))
}

/// `billing.json`: the payments, invoices, plan changes, saved card (its brand and last four
/// digits) and invoice details of the workspaces `user` owns.
async fn billing(state: &AppState, user: &User) -> anyhow::Result<Value> {
    let store = &state.store;
    let mut out = Vec::new();
    for (id, name) in store.workspaces_owned_by(user.id).await? {
        let payments: Vec<Value> = store
            .payments_of(id)
            .await?
            .into_iter()
            .map(|p| {
                json!({
                    "id": p.id, "plan": p.plan_id, "amount_minor": p.amount, "currency": p.currency,
                    "status": p.status, "refunded_minor": p.refunded, "provider": p.provider,
                    "at": at(p.created_at),
                })
            })
            .collect();
        let invoices: Vec<Value> = store
            .invoices_of(id)
            .await?
            .into_iter()
            .map(|i| {
                json!({
                    "number": i.number, "plan": i.plan_id, "amount_minor": i.amount,
                    "currency": i.currency, "status": i.status, "issued_at": at(i.issued_at),
                    "paid_at": at_opt(i.paid_at), "term_start": i.term_start, "term_end": i.term_end,
                })
            })
            .collect();
        let plan_changes: Vec<Value> = store
            .subscription_events(id)
            .await?
            .into_iter()
            .map(|e| {
                json!({
                    "what": e.kind, "plan": e.plan_id, "features_until": at(e.features_until),
                    "reason": e.reason, "at": at(e.created_at),
                })
            })
            .collect();
        let card = store
            .payment_method(id)
            .await?
            .map(|c| json!({ "brand": c.brand, "last4": c.last4 }));
        let organisation = store.organisation(id).await?;
        out.push(json!({
            "workspace_id": id, "workspace": name, "payments": payments, "invoices": invoices,
            "plan_changes": plan_changes, "saved_card": card, "organisation": organisation,
        }));
    }
    Ok(Value::Array(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_the_zip_cannot_climb_out_of_its_folder_or_be_empty() {
        assert_eq!(part("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(part("report: 1/2.pdf"), "report_ 1_2.pdf");
        assert_eq!(part("  "), "file");
        assert_eq!(part("Мой план.docx"), "Мой план.docx");
    }
}
