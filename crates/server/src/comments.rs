//! Comment use cases: anyone who may comment writes, replies, resolves and reopens; authors
//! edit and delete their own. Collaborators mentioned with `@Full Name` or `@email` are told in
//! the app and by email.

use crate::error::AppError;
use crate::sessions;
use crate::state::AppState;
use domain::comment::{self, Mentionable};
use domain::permission::Action;
use domain::{BlockId, CommentId, SessionId};
use store::{CommentRow, User};

fn checked(body: &str) -> Result<String, AppError> {
    comment::body(body).map_err(|e| AppError::Validation(vec![("body", e)]))
}

/// The comments of a session `user` may see, oldest first (replies name their thread), with
/// the session and the access they read it with.
pub async fn list(
    state: &AppState,
    user: &User,
    session: SessionId,
) -> Result<(domain::Session, domain::permission::Access, Vec<CommentRow>), AppError> {
    let (row, access) = sessions::require(state, user, session, Action::View).await?;
    Ok((row, access, state.store.comments(session).await?))
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
    crate::auth::throttle::COMMENT_PER_ACCOUNT
        .hit(state, &user.id.to_string())
        .await?;
    let mentioned = mentioned(state, user, &row, &body).await?;
    // The comment, its activity entry, and each mention's notification and email: one unit of
    // work, so none of them is ever there without the others.
    let mut tx = state.store.begin().await?;
    let (id, about) = tx
        .conn()
        .add_comment(session, block, parent, user.id, &body)
        .await?;
    tx.conn()
        .record(
            session,
            Some(user.id),
            domain::activity::ActivityKind::Commented,
            about,
            "",
        )
        .await?;
    let link = format!("/sessions/{}/comments#comment-{id}", row.id);
    for to in &mentioned {
        tell(state, &mut tx.conn(), user, &row, to, &body, &link).await?;
    }
    tx.commit().await?;
    Ok(state.store.comment(session, id).await?)
}

/// The collaborators `body` mentions (not its author).
async fn mentioned(
    state: &AppState,
    author: &User,
    session: &domain::Session,
    body: &str,
) -> Result<Vec<User>, AppError> {
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
    let mut out = Vec::new();
    for user in comment::mentions(body, &people) {
        out.push(state.store.user(user).await?);
    }
    Ok(out)
}

/// Tells `to` that `author` mentioned them, in the app and by email, inside the comment's
/// unit of work.
async fn tell(
    state: &AppState,
    conn: &mut store::Conn<'_>,
    author: &User,
    session: &domain::Session,
    to: &User,
    body: &str,
    link: &str,
) -> Result<(), AppError> {
    let excerpt: String = body.chars().take(500).collect();
    let deed = crate::notify::Deed {
        kind: "comment_mention",
        title: &session.title,
        link,
        mail: "mention",
        more: &|_| excerpt.clone(),
    };
    crate::notify::tell(state, conn, author, to, deed).await
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
