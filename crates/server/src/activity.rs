//! A session's activity log for readers: filtered by what happened and who did it, in pages,
//! each entry told in the reader's language.

use crate::error::AppError;
use crate::i18n::Tr;
use crate::sessions;
use crate::state::AppState;
use domain::activity::{ActivityGroup, ActivityKind};
use domain::permission::Action;
use domain::{ActivityId, SessionId, UserId};
use store::{ActivityFilter, ActivityRow, User};

/// Entries in one page.
pub const PAGE: i64 = 50;

/// The group called `name`: `edits`, `sharing`, `comments`, or empty for all.
pub fn group(name: &str) -> Result<Option<ActivityGroup>, AppError> {
    if name.is_empty() {
        return Ok(None);
    }
    ActivityGroup::parse(name).map(Some).ok_or_else(|| {
        AppError::BadRequest(format!("group is edits, sharing or comments, not {name:?}"))
    })
}

/// A page of the log of a session `user` may see, newest first, and whether there is more.
pub async fn page(
    state: &AppState,
    user: &User,
    session: SessionId,
    group_name: &str,
    actor: Option<UserId>,
    before: Option<ActivityId>,
) -> Result<(Vec<ActivityRow>, bool), AppError> {
    sessions::require(state, user, session, Action::View).await?;
    let filter = ActivityFilter {
        group: group(group_name)?,
        actor,
        before,
    };
    let mut rows = state.store.activity(session, &filter, PAGE + 1).await?;
    let more = rows.len() as i64 > PAGE;
    rows.truncate(usize::try_from(PAGE).unwrap_or(50));
    Ok((rows, more))
}

/// One entry as a sentence: "Ann Lee changed the duration of “Check-in”".
pub fn describe(tr: &Tr, row: &ActivityRow) -> String {
    let name = if row.actor.trim().is_empty() {
        tr.t("comments-former-member")
    } else {
        row.actor.clone()
    };
    let block = if row.block_title.is_empty() {
        if row.kind == ActivityKind::BlockAdded && !row.detail.is_empty() {
            row.detail.clone()
        } else {
            tr.t("untitled")
        }
    } else {
        row.block_title.clone()
    };
    let field_key = format!("activity-field-{}", row.detail.replace('_', "-"));
    let field = if tr.has(&field_key) {
        tr.t(&field_key)
    } else {
        row.detail.replace('_', " ")
    };
    // An entry about a person who no longer exists names them no more.
    let detail = if row.detail.is_empty() && row.kind.is_about_a_person() {
        tr.t("activity-former-member")
    } else {
        row.detail.clone()
    };
    let key = match row.kind {
        ActivityKind::Commented if row.block_id.is_none() => {
            "activity-commented-session".to_owned()
        }
        ActivityKind::VersionRestored if row.detail.is_empty() => {
            "activity-version-restored-auto".to_owned()
        }
        kind => format!("activity-{}", kind.as_str().replace('_', "-")),
    };
    tr.args(
        &key,
        &[
            ("name", name.into()),
            ("block", block.into()),
            ("field", field.into()),
            ("detail", detail.into()),
        ],
    )
}
