//! Deleting an account (User Agreement 3.10): by the person, after they type their password
//! and their address, or by an administrator on request. One unit of work deletes them
//! ([`store::Conn::delete_user`]), tells the people of the sessions that went and schedules
//! the forgetting of their files' bytes; then their logins and live connections end on every
//! instance, and the deletion goes into the ledger beside the backups.

use crate::accounts;
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::state::AppState;
use anyhow::Context;
use domain::FieldError;
use domain::UserId;
use object_store::ObjectStoreExt;
use serde::Deserialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use store::{DeletionReason, Signal, User};

/// What the deletion form sends.
#[derive(Debug, Default, Deserialize)]
pub struct DeleteInput {
    #[serde(default)]
    pub current_password: String,
    /// The account's address, typed to confirm.
    #[serde(default)]
    pub confirm: String,
    /// Delete the sessions others hold a role on (and tell them) instead of handing them over.
    #[serde(default, deserialize_with = "crate::forms::checkbox")]
    pub delete_shared: bool,
}

/// Deletes the signed-in person's own account, once their password and the typed address
/// match. A team only they administer must be handed over first; their sessions others hold a
/// role on are handed over first or deleted as they ticked.
pub async fn delete_own(
    state: &AppState,
    user: &User,
    input: &DeleteInput,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    if input.current_password.is_empty() {
        errors.push("current_password", FieldError::Required);
    }
    if input.confirm.trim().is_empty() {
        errors.push("confirm", FieldError::Required);
    } else if !input.confirm.trim().eq_ignore_ascii_case(&user.email) {
        errors.push("confirm", FieldError::Mismatch);
    }
    errors.finish()?;
    accounts::check_password(state, user, &input.current_password).await?;
    delete(state, user.id, DeletionReason::Request, input.delete_shared).await
}

/// Deletes `user` for `reason` (see [`store::Conn::delete_user`] for what a reason settles).
pub async fn delete(
    state: &AppState,
    user: UserId,
    reason: DeletionReason,
    delete_shared: bool,
) -> Result<(), AppError> {
    delete_in(state, user, reason, delete_shared, None)
        .await
        .map(drop)
}

/// Deletes again someone a deletion ledger lists, if a restored database holds them: true
/// when they were there.
pub async fn reapply(state: &AppState, user: UserId) -> Result<bool, AppError> {
    match delete_in(state, user, DeletionReason::Ledger, true, None).await {
        Err(AppError::NotFound) => Ok(false),
        other => other,
    }
}

/// What an inactivity deletion checks again in its own transaction: the account is still
/// unused since `active_at`, with `notices` sent, and not exempt at `now`.
pub struct StillInactive {
    pub active_at: i64,
    pub notices: i32,
    pub now: i64,
}

/// Deletes `user` for inactivity unless they used the account meanwhile: true when deleted.
pub async fn delete_inactive(
    state: &AppState,
    user: UserId,
    check: StillInactive,
) -> Result<bool, AppError> {
    delete_in(state, user, DeletionReason::Inactivity, true, Some(check)).await
}

async fn delete_in(
    state: &AppState,
    user: UserId,
    reason: DeletionReason,
    delete_shared: bool,
    check: Option<StillInactive>,
) -> Result<bool, AppError> {
    // Copies of their data go too: their rows with them, their bytes once that has committed.
    let copies: Vec<domain::DataExportId> = state
        .store
        .data_exports_of(user)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    let mut tx = state.store.begin().await?;
    if let Some(c) = check
        && !tx
            .conn()
            .still_inactive(user, c.active_at, c.notices, c.now)
            .await?
    {
        return Ok(false);
    }
    let deleted = tx.conn().delete_user(user, reason, delete_shared).await?;
    // Files that moved with a session to its owner's workspace are stored under that
    // workspace: their bytes are copied there before anything commits.
    for (from, to, sha) in &deleted.moved {
        let (a, b) = (
            object_store::path::Path::from(format!("{from}/{sha}")),
            object_store::path::Path::from(format!("{to}/{sha}")),
        );
        match state.files.copy(&a, &b).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
            Err(e) => return Err(AppError::Internal(e.into())),
        }
    }
    let told = deleted
        .told
        .iter()
        .map(|t| (t, "session-deleted", "/"))
        .chain(deleted.handed.iter().map(|t| (t, "session-handed", "/")));
    for ((to, title), what, link) in told {
        let person = state.store.user(*to).await?;
        tx.conn()
            .notify(&store::Notice {
                user: *to,
                kind: &format!("{}_with_owner", what.replace('-', "_")),
                subject: title,
                note: "",
                link,
                actor: None,
            })
            .await?;
        let tr = Tr::new(person.locale());
        let mail = Compose {
            tr,
            to: &person.email,
            user: Some(person.id),
            sender: None,
            first_name: &person.first_name,
            subject: tr.ts(&format!("mail-{what}-subject"), "title", title),
            lines: vec![tr.ts(&format!("mail-{what}-body"), "title", title)],
            action: None,
            unsubscribe: None,
        };
        crate::notify::email_in(&mut tx.conn(), &person, mail).await?;
    }
    let contents = deleted
        .contents
        .iter()
        .map(|(w, sha)| (*w, sha.as_str()))
        .chain(
            deleted
                .moved
                .iter()
                .map(|(from, _, sha)| (*from, sha.as_str())),
        )
        .collect();
    if let Some(job) = crate::files::forgetting(contents) {
        tx.conn().insert_job(&job).await?;
    }
    tx.commit().await?;
    crate::data_export::forget(state, &copies).await;
    state.store.announce(Signal::Credentials { user }).await;
    for session in deleted.sessions {
        state.store.announce(Signal::Access { session }).await;
    }
    let dir = ledger_dir(&state.settings);
    if reason != DeletionReason::Ledger
        && let Err(e) = append_ledger(&dir, user, store::now_ms())
    {
        // The database's ledger has it; `plenary backup` copies it into the file.
        tracing::error!(error = %e, "the deletion ledger file could not be written");
    }
    tracing::info!(%user, reason = reason.as_str(), "account deleted");
    Ok(true)
}

/// What an administrator's deletion form sends.
#[derive(Debug, Default, Deserialize)]
pub struct AdminDeleteInput {
    /// The account's address, typed to confirm.
    #[serde(default)]
    pub confirm: String,
}

/// An administrator deletes `user`'s account on request, once the typed address matches.
/// Their own account they delete from their account page.
pub async fn delete_by_admin(
    state: &AppState,
    admin: &User,
    user: &User,
    input: &AdminDeleteInput,
) -> Result<(), AppError> {
    if admin.id == user.id {
        return Err(AppError::Conflict("delete_self"));
    }
    let mut errors = FieldErrors::default();
    if input.confirm.trim().is_empty() {
        errors.push("confirm", FieldError::Required);
    } else if !input.confirm.trim().eq_ignore_ascii_case(&user.email) {
        errors.push("confirm", FieldError::Mismatch);
    }
    errors.finish()?;
    tracing::info!(admin = %admin.id, user = %user.id, "an administrator deletes an account");
    delete(state, user.id, DeletionReason::Administrator, true).await?;
    crate::moderation::record(
        state,
        Some(admin),
        domain::moderation::AuditAction::DeleteAccount,
        "user",
        Some(user.id.0),
        "",
    )
    .await
}

/// The deletion ledger's file: one line per deleted account, `id time`, nothing else.
const LEDGER: &str = "deletions.ledger";

/// Where the ledger file lives, beside the backups.
pub fn ledger_dir(settings: &crate::config::Settings) -> PathBuf {
    settings.data_dir.join("backups")
}

/// Appends one deletion to the ledger file in `dir` and flushes it to the disk.
pub fn append_ledger(dir: &Path, user: UserId, at: i64) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(LEDGER))?;
    // One write of the whole line: appends from two deletions never interleave.
    file.write_all(format!("{user} {at}\n").as_bytes())?;
    file.sync_data()
}

/// The ledger file in `dir`: each deleted person with the time of the deletion (none when
/// there is no file yet).
pub fn read_ledger(dir: &Path) -> anyhow::Result<Vec<(UserId, i64)>> {
    let path = dir.join(LEDGER);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            let mut parts = line.split_whitespace();
            let entry = (|| {
                let id = parts.next()?.parse::<UserId>().ok()?;
                let at = parts.next()?.parse::<i64>().ok()?;
                Some((id, at))
            })();
            entry.with_context(|| format!("{} line {} is not `id time`", path.display(), n + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ledger_file_reads_back_what_was_appended_and_names_a_broken_line() {
        let dir = std::env::temp_dir().join(format!("plenary-ledger-{}", UserId::new()));
        assert!(read_ledger(&dir).expect("no file yet").is_empty());
        let (a, b) = (UserId::new(), UserId::new());
        append_ledger(&dir, a, 1).expect("a");
        append_ledger(&dir, b, 2).expect("b");
        assert_eq!(read_ledger(&dir).expect("read"), [(a, 1), (b, 2)]);
        std::fs::write(dir.join(LEDGER), format!("{a} 1\nnot a line\n")).expect("write");
        let err = read_ledger(&dir).expect_err("a broken line");
        assert!(err.to_string().contains("line 2"), "{err}");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
