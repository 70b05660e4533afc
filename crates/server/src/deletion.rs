//! Deleting an account (User Agreement 3.10): by the person, after they sign in again and type
//! their address, or by an administrator on request. One unit of work deletes them
//! ([`store::Conn::delete_user`]), tells the people of the sessions that went and schedules
//! the forgetting of their files' bytes; then their logins and live connections end on every
//! instance, and the deletion goes into the ledger beside the backups.

use crate::accounts;
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::state::AppState;
use domain::FieldError;
use domain::UserId;
use serde::Deserialize;
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
    let mut tx = state.store.begin().await?;
    let deleted = tx.conn().delete_user(user, reason, delete_shared).await?;
    for (to, title) in &deleted.told {
        let person = state.store.user(*to).await?;
        tx.conn()
            .notify(&store::Notice {
                user: *to,
                kind: "session_deleted_with_owner",
                subject: title,
                note: "",
                link: "/sessions",
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
            subject: tr.ts("mail-session-deleted-subject", "title", title),
            lines: vec![tr.ts("mail-session-deleted-body", "title", title)],
            action: None,
            unsubscribe: None,
        };
        crate::notify::email_in(&mut tx.conn(), &person, mail).await?;
    }
    let contents = deleted
        .contents
        .iter()
        .map(|(w, sha)| (*w, sha.as_str()))
        .collect();
    if let Some(job) = crate::files::forgetting(contents) {
        tx.conn().insert_job(&job).await?;
    }
    tx.commit().await?;
    state.store.announce(Signal::Credentials { user }).await;
    for session in deleted.sessions {
        state.store.announce(Signal::Access { session }).await;
    }
    let dir = crate::backup::dir(&state.settings);
    if let Err(e) = crate::backup::append_ledger(&dir, user, store::now_ms()) {
        // The database's ledger has it; `plenary backup` copies it into the file.
        tracing::error!(error = %e, "the deletion ledger file could not be written");
    }
    tracing::info!(%user, reason = reason.as_str(), "account deleted");
    Ok(())
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
    delete(state, user.id, DeletionReason::Administrator, true).await
}
