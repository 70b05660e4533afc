//! Comment use cases: anyone who may comment writes, replies, resolves and reopens; authors
//! edit and delete their own. Collaborators mentioned with `@Full Name` or `@email` are told in
//! the app and by email.

use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::sessions;
use crate::state::AppState;
use domain::comment::{self, Mentionable};
use domain::permission::Action;
use domain::{BlockId, CommentId, SessionId};
use store::{CommentRow, User};

fn checked(body: &str) -> Result<String, AppError> {
    comment::body(body).map_err(|e| AppError::Validation(vec![("body", e)]))
}

/// Writes a comment about `block` (or the session), or a reply to `parent`.
pub async fn add(
    state: &AppState,
    user: &User,
    session: SessionId,
    block: Option<BlockId>,
    parent: Option<CommentId>,
    body: &str,
) -> Result<CommentRow, AppError> {
    let (row, _) = sessions::require(state, user, session, Action::Comment).await?;
    let body = checked(body)?;
    let c = state
        .store
        .add_comment(session, block, parent, user.id, &body)
        .await?;
    state
        .store
        .record(session, user.id, "commented", c.block_id, "")
        .await?;
    notify_mentions(state, user, &row, &c).await?;
    Ok(c)
}

/// Tells the collaborators the comment mentions (not its author), in the app and by email.
async fn notify_mentions(
    state: &AppState,
    author: &User,
    session: &store::SessionRow,
    c: &CommentRow,
) -> Result<(), AppError> {
    let people: Vec<Mentionable> = state
        .store
        .shares(session.id)
        .await?
        .into_iter()
        .filter(|s| s.user_id != author.id)
        .map(|s| Mentionable {
            user: s.user_id,
            name: s.name(),
            email: s.email.clone(),
        })
        .collect();
    let link = format!("/sessions/{}/comments#comment-{}", session.id, c.id);
    let name = author.full_name();
    for user in comment::mentions(&c.body, &people) {
        state
            .store
            .notify(user, "comment_mention", &session.title, &name, &link)
            .await?;
        let to = state.store.user(user).await?;
        let tr = Tr::new(to.locale());
        let excerpt: String = c.body.chars().take(500).collect();
        let mail = Compose {
            tr,
            to: &to.email,
            user: Some(to.id),
            sender: Some(author.id),
            first_name: &to.first_name,
            subject: tr.args(
                "mail-mention-subject",
                &[
                    ("name", name.clone().into()),
                    ("title", session.title.clone().into()),
                ],
            ),
            lines: vec![
                tr.args(
                    "mail-mention-body",
                    &[
                        ("name", name.clone().into()),
                        ("title", session.title.clone().into()),
                    ],
                ),
                excerpt,
            ],
            action: Some((tr.t("mail-mention-open"), state.settings.link(&link))),
        };
        crate::notify::email(state, &to, mail).await?;
    }
    Ok(())
}

/// Changes the text of one's own comment.
pub async fn edit(
    state: &AppState,
    user: &User,
    session: SessionId,
    id: CommentId,
    body: &str,
) -> Result<(), AppError> {
    sessions::require(state, user, session, Action::Comment).await?;
    let body = checked(body)?;
    Ok(state
        .store
        .edit_comment(session, id, user.id, &body)
        .await?)
}

/// Deletes one's own comment (a thread with its replies).
pub async fn delete(
    state: &AppState,
    user: &User,
    session: SessionId,
    id: CommentId,
) -> Result<(), AppError> {
    sessions::require(state, user, session, Action::Comment).await?;
    Ok(state.store.delete_comment(session, id, user.id).await?)
}

/// Resolves a thread, or reopens it.
pub async fn resolve(
    state: &AppState,
    user: &User,
    session: SessionId,
    id: CommentId,
    resolved: bool,
) -> Result<(), AppError> {
    sessions::require(state, user, session, Action::Comment).await?;
    Ok(state
        .store
        .resolve_comment(session, id, user.id, resolved)
        .await?)
}
