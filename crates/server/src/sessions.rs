//! Session use cases shared by every door: access (by `domain::permission`; anyone without
//! it gets not found), creation, the computed schedule, and applying op batches.

use crate::error::AppError;
use crate::state::AppState;
use domain::Session;
use domain::op::Op;
use domain::permission::{self, Access, Action};
use domain::session::TITLE_MAX;
use domain::{SessionId, TimeZoneName};
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};
use store::{NewSession, OpOutcome, User};
use utoipa::ToSchema;

/// Ops in one request.
pub const MAX_BATCH: usize = 500;

/// What `user` holds on the session (the strongest of a role, workspace membership, and
/// being signed in); `domain::permission` says what that allows.
pub async fn access(state: &AppState, user: &User, id: SessionId) -> Result<Access, AppError> {
    let (role, member) = state.store.access(id, user.id).await?;
    Ok(Access::of(role, member, false, true))
}

/// Whether `access` may change `session` now: the permission table allows it and the session
/// is not held read-only past its plan's active sessions.
pub fn may_edit(session: &Session, access: Access) -> bool {
    permission::allows(access, Action::Edit) && !session.held
}

/// The session and `user`'s access to it, when that allows `action`; otherwise not found,
/// never forbidden.
pub async fn require(
    state: &AppState,
    user: &User,
    id: SessionId,
    action: Action,
) -> Result<(Session, Access), AppError> {
    let session = state.store.session(id).await?;
    let access = access(state, user, id).await?;
    if !permission::allows(access, action) {
        return Err(AppError::NotFound);
    }
    if action == Action::Edit && session.held {
        // Read-only past the plan's active sessions: said with the figures, like any limit.
        return Err(state.store.held_refusal(session.workspace_id).await?.into());
    }
    Ok((session, access))
}

/// The trash of the workspace `user` works in: the sessions there they may restore (in a team,
/// each member sees only their own), most recently deleted first.
pub async fn in_trash(state: &AppState, user: &User) -> Result<Vec<Session>, AppError> {
    let (workspace, _) = state.store.working_in(user.id).await?;
    let mut mine = Vec::new();
    for s in state.store.trash_in(workspace).await? {
        if permission::allows(access(state, user, s.id).await?, Action::Own) {
            mine.push(s);
        }
    }
    Ok(mine)
}

/// The session, if `user` may see all of it (notes, comments, history).
pub async fn visible(state: &AppState, user: &User, id: SessionId) -> Result<Session, AppError> {
    Ok(require(state, user, id, Action::View).await?.0)
}

/// The session, if `user` may change it.
pub async fn editable(state: &AppState, user: &User, id: SessionId) -> Result<Session, AppError> {
    Ok(require(state, user, id, Action::Edit).await?.0)
}

/// `user`'s leave to change the session's content through the op path (`store::Editor`);
/// not found otherwise, never forbidden.
pub async fn editor(
    state: &AppState,
    user: &User,
    id: SessionId,
) -> Result<store::Editor, AppError> {
    state
        .store
        .editor(id, user.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A category a block can take: the stored value, its label in the reader's language, its
/// colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub value: String,
    pub label: String,
    pub colour: String,
}

/// The colour of a block without a known category.
pub const NO_COLOUR: &str = "#8c959f";

/// The default palette (labels translated) followed by the workspace's own categories.
pub fn palette(tr: &crate::i18n::Tr, own: &[store::CategoryRow]) -> Vec<Category> {
    domain::session::DEFAULT_CATEGORIES
        .iter()
        .map(|(key, colour)| Category {
            value: (*key).to_owned(),
            label: tr.t(&format!("category-{key}")),
            colour: (*colour).to_owned(),
        })
        .chain(own.iter().map(|c| Category {
            value: c.name.clone(),
            label: c.name.clone(),
            colour: c.colour.clone(),
        }))
        .collect()
}

/// A session in the trash, if `user` owns it.
pub async fn trashed(state: &AppState, user: &User, id: SessionId) -> Result<Session, AppError> {
    let session = state.store.trashed_session(id).await?;
    if permission::allows(access(state, user, id).await?, Action::Own) {
        Ok(session)
    } else {
        Err(AppError::NotFound)
    }
}

/// A copy of the session in the same workspace, titled "… (copy)" in `tr`'s language.
pub async fn duplicate(
    state: &AppState,
    user: &User,
    id: SessionId,
    tr: &crate::i18n::Tr,
) -> Result<Session, AppError> {
    let source = editable(state, user, id).await?;
    let suffix = tr.t("copy-suffix");
    let room = TITLE_MAX.saturating_sub(suffix.chars().count() + 1);
    let base: String = source.title.chars().take(room).collect();
    // The session's workspace when the editor belongs to it; else the one they work in, so a
    // copy never lands in a workspace its maker cannot see.
    let (_, member) = state.store.access(id, user.id).await?;
    let workspace = if member {
        source.workspace_id
    } else {
        state.store.working_in(user.id).await?.0
    };
    crate::auth::throttle::copy_made(state, user).await?;
    Ok(state
        .store
        .duplicate_session(
            id,
            user.id,
            &format!("{base} {suffix}"),
            workspace,
            crate::billing::quota(state, workspace).await?,
        )
        .await?)
}

/// Moves a session to the trash, from which its owner can restore it for 30 days.
pub async fn trash(state: &AppState, user: &User, id: SessionId) -> Result<(), AppError> {
    require(state, user, id, Action::Own).await?;
    Ok(state.store.trash_session(id).await?)
}

pub async fn restore(state: &AppState, user: &User, id: SessionId) -> Result<(), AppError> {
    trashed(state, user, id).await?;
    Ok(state.store.restore_session(id).await?)
}

/// What a new session needs; everything but the title has a default.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct CreateInput {
    #[serde(default)]
    pub title: String,
    /// `YYYY-MM-DD`; default today in the session's time zone.
    #[schema(value_type = Option<String>, example = "2026-12-01")]
    pub first_date: Option<Date>,
    /// `HH:MM`; default 09:00.
    #[schema(value_type = Option<String>, example = "09:00")]
    pub start_time: Option<Time>,
    /// IANA time zone; default the account's.
    pub time_zone: Option<String>,
    /// `en` or `ru`; default the account's.
    pub language: Option<String>,
}

pub async fn create(
    state: &AppState,
    user: &User,
    input: CreateInput,
) -> Result<Session, AppError> {
    let new = new_session(state, user, input).await?;
    Ok(state.store.create_session(&new).await?)
}

/// A new session's first values from `input`, checked; defaults from the account.
pub async fn new_session(
    state: &AppState,
    user: &User,
    input: CreateInput,
) -> Result<NewSession, AppError> {
    let title = domain::session::line(&input.title, TITLE_MAX).map_err(|_| {
        AppError::Validation(vec![(
            "title",
            domain::FieldError::TooLong { max: TITLE_MAX },
        )])
    })?;
    if title.is_empty() {
        return Err(AppError::Validation(vec![(
            "title",
            domain::FieldError::Required,
        )]));
    }
    let zone = match &input.time_zone {
        Some(z) => {
            TimeZoneName::parse(z).map_err(|e| AppError::Validation(vec![("time_zone", e)]))?
        }
        None => TimeZoneName::parse(&user.time_zone).unwrap_or_else(|_| TimeZoneName::utc()),
    };
    let language = match &input.language {
        Some(l) => {
            domain::Locale::parse(l).map_err(|e| AppError::Validation(vec![("language", e)]))?
        }
        None => user.locale(),
    };
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get(zone.as_str()).unwrap_or(jiff::tz::TimeZone::UTC))
        .date();
    let (workspace, _) = state.store.working_in(user.id).await?;
    Ok(NewSession {
        workspace,
        created_by: user.id,
        title,
        first_date: input.first_date.unwrap_or(today),
        start_time: input.start_time.unwrap_or(jiff::civil::time(9, 0, 0, 0)),
        time_zone: zone.as_str().to_owned(),
        language: language.code().to_owned(),
    })
}

/// The OpenAPI schema of an op: the contract's `Op` (`crate::contract`).
fn op_schema() -> utoipa::openapi::Ref {
    utoipa::openapi::Ref::from_schema_name("Op")
}

/// One op of a batch, with the client's id for retries.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct OpEnvelope {
    /// Chosen by the client; an op sent again with the same id is applied once.
    pub client_op_id: Option<String>,
    /// An op such as `{"type": "set_block", "block": "…", "set": {"field": "minutes", "value": 30}}` (docs/API.md).
    #[schema(schema_with = op_schema)]
    pub op: Op,
}

/// What became of one op.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OpResult {
    pub client_op_id: Option<String>,
    /// `applied`, or `duplicate` (applied before). A refused op refuses its whole batch
    /// (422), so it never appears here.
    pub status: String,
    /// The session version after this op.
    pub version: Option<i64>,
    /// Always empty: kept for clients written when a batch could be half applied.
    pub error: Option<String>,
}

/// Applies ops in order, all or none ([`apply_batch`]); a refused op is a 422 with its reason.
pub async fn apply_all(
    state: &AppState,
    user: &User,
    id: SessionId,
    ops: Vec<Op>,
) -> Result<(), AppError> {
    let envelopes = ops
        .into_iter()
        .map(|op| OpEnvelope {
            client_op_id: None,
            op,
        })
        .collect();
    match apply_batch(state, user, id, envelopes).await {
        Ok(_) => Ok(()),
        Err(AppError::BatchRefused { reason, .. }) => Err(AppError::OpRefused(reason.to_owned())),
        Err(e) => Err(e),
    }
}

/// Applies ops in order, all or none: the batch is read whole first (its size, its client op
/// ids), then applied in one transaction, which a refused op rolls back whole
/// ([`AppError::BatchRefused`] names it).
pub async fn apply_batch(
    state: &AppState,
    user: &User,
    id: SessionId,
    ops: Vec<OpEnvelope>,
) -> Result<(i64, Vec<OpResult>), AppError> {
    if ops.len() > MAX_BATCH {
        return Err(AppError::BadRequest(format!(
            "at most {MAX_BATCH} ops in one request"
        )));
    }
    if ops.iter().any(|env| {
        env.client_op_id
            .as_deref()
            .is_some_and(|c| !domain::protocol::client_op_id_ok(c))
    }) {
        return Err(AppError::BadRequest(
            "a client_op_id has 1 to 100 characters, none of them control characters".into(),
        ));
    }
    let editor = editor(state, user, id).await?;
    let batch: Vec<(Option<String>, Op)> = ops
        .into_iter()
        .map(|env| (env.client_op_id, env.op))
        .collect();
    let outcomes = match state.store.apply_ops(&editor, &batch).await? {
        store::BatchOutcome::Applied(outcomes) => outcomes,
        store::BatchOutcome::Refused { index, error } => {
            return Err(AppError::BatchRefused {
                index,
                reason: error.code(),
            });
        }
    };
    let results = batch
        .into_iter()
        .zip(outcomes)
        .map(|((client_op_id, _), outcome)| {
            let (status, version) = match outcome {
                OpOutcome::Duplicate { version } => ("duplicate", Some(version)),
                OpOutcome::Applied { version } => ("applied", Some(version)),
                OpOutcome::Refused(_) => ("refused", None),
            };
            OpResult {
                client_op_id,
                status: status.into(),
                version,
                error: None,
            }
        })
        .collect();
    let version = state.store.session(id).await?.version;
    Ok((version, results))
}

/// The dashboard's search, filters and sort.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Filter {
    /// Words the title must contain (any case).
    #[serde(default)]
    pub q: String,
    /// `draft`, `ready` or `done`; empty for all.
    #[serde(default)]
    pub status: String,
    /// A tag the session must carry; empty for all.
    #[serde(default)]
    pub tag: String,
    /// `updated` (default), `title` or `date`.
    #[serde(default)]
    pub sort: String,
    /// Sessions whose first date is on or after this `YYYY-MM-DD`; empty for any.
    #[serde(default)]
    pub from: String,
    /// Sessions whose first date is on or before this `YYYY-MM-DD`; empty for any.
    #[serde(default)]
    pub to: String,
    /// Only this folder; empty for all.
    #[serde(default)]
    pub folder: String,
    /// `archived` to list archived sessions instead of current ones.
    #[serde(default)]
    pub show: String,
}

/// The sessions that match `filter`, in its order.
pub fn filter(sessions: Vec<Session>, filter: &Filter) -> Vec<Session> {
    let words: Vec<String> = filter.q.split_whitespace().map(str::to_lowercase).collect();
    // A bound that is not a date is no bound, as the form's empty field is.
    let from = filter.from.parse::<jiff::civil::Date>().ok();
    let to = filter.to.parse::<jiff::civil::Date>().ok();
    let mut out: Vec<Session> = sessions
        .into_iter()
        .filter(|s| {
            let title = s.title.to_lowercase();
            words.iter().all(|w| title.contains(w.as_str()))
        })
        .filter(|s| s.archived == (filter.show == "archived"))
        .filter(|s| filter.folder.is_empty() || s.folder == filter.folder)
        .filter(|s| from.is_none_or(|d| s.first_date >= d))
        .filter(|s| to.is_none_or(|d| s.first_date <= d))
        .filter(|s| filter.status.is_empty() || s.status.as_str() == filter.status)
        .filter(|s| filter.tag.is_empty() || s.has_tag(&filter.tag))
        .collect();
    match filter.sort.as_str() {
        "title" => out.sort_by_key(|s| s.title.to_lowercase()),
        "date" => out.sort_by(|a, b| a.first_date.cmp(&b.first_date).then(a.title.cmp(&b.title))),
        _ => out.sort_by_key(|s| std::cmp::Reverse(s.updated_at)),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(title: &str, status: &str, tags: &str, date: &str, updated: i64) -> Session {
        Session {
            id: SessionId::new(),
            workspace_id: domain::WorkspaceId::new(),
            title: title.into(),
            description: String::new(),
            goals: Vec::new(),
            first_date: date.parse().expect("a date"),
            start_time: jiff::civil::time(9, 0, 0, 0),
            end_time: None,
            time_zone: domain::TimeZoneName::utc(),
            location_kind: domain::session::LocationKind::InPerson,
            location: String::new(),
            participants: None,
            language: domain::Locale::En,
            tags: serde_json::from_str(tags).expect("a list"),
            status: domain::session::SessionStatus::parse(status).expect("a status"),
            version: 0,
            created_at: 0,
            updated_at: updated,
            folder: String::new(),
            archived: false,
            held: false,
            custom_fields: Vec::new(),
            cover_image: None,
            deleted_at: None,
        }
    }

    fn titles(rows: &[Session]) -> Vec<&str> {
        rows.iter().map(|r| r.title.as_str()).collect()
    }

    #[test]
    fn the_dashboard_searches_filters_and_sorts() {
        let all = vec![
            row(
                "Strategy day",
                "ready",
                r#"["leadership"]"#,
                "2026-12-03",
                3,
            ),
            row(
                "Team retro",
                "draft",
                r#"["team","agile"]"#,
                "2026-11-30",
                2,
            ),
            row(
                "Onboarding workshop",
                "done",
                r#"["Team"]"#,
                "2026-12-01",
                1,
            ),
        ];
        let f = |q: &str, status: &str, tag: &str, sort: &str| Filter {
            q: q.into(),
            status: status.into(),
            tag: tag.into(),
            sort: sort.into(),
            ..Filter::default()
        };
        assert_eq!(
            titles(&filter(all.clone(), &f("", "", "", ""))),
            vec!["Strategy day", "Team retro", "Onboarding workshop"]
        );
        assert_eq!(
            titles(&filter(all.clone(), &f("RETRO team", "", "", ""))),
            vec!["Team retro"]
        );
        assert_eq!(
            titles(&filter(all.clone(), &f("", "done", "", ""))),
            vec!["Onboarding workshop"]
        );
        assert_eq!(
            titles(&filter(all.clone(), &f("", "", "team", "title"))),
            vec!["Onboarding workshop", "Team retro"]
        );
        assert_eq!(
            titles(&filter(all.clone(), &f("", "", "", "date"))),
            vec!["Team retro", "Onboarding workshop", "Strategy day"]
        );
        let dates = Filter {
            from: "2026-12-01".into(),
            to: "2026-12-02".into(),
            ..Filter::default()
        };
        assert_eq!(titles(&filter(all, &dates)), vec!["Onboarding workshop"]);
    }

    #[test]
    fn folders_and_the_archive_split_the_dashboard() {
        let mut a = row("Kick-off", "draft", "[]", "2026-12-01", 2);
        a.folder = "Clients".into();
        let mut b = row("Old retro", "done", "[]", "2026-01-01", 1);
        b.archived = true;
        let c = row("Loose", "draft", "[]", "2026-12-05", 3);
        let all = vec![a, b, c];
        assert_eq!(
            titles(&filter(all.clone(), &Filter::default())),
            vec!["Loose", "Kick-off"],
            "archived sessions leave the main list"
        );
        let folder = Filter {
            folder: "Clients".into(),
            ..Filter::default()
        };
        assert_eq!(titles(&filter(all.clone(), &folder)), vec!["Kick-off"]);
        let archived = Filter {
            show: "archived".into(),
            ..Filter::default()
        };
        assert_eq!(titles(&filter(all, &archived)), vec!["Old retro"]);
    }
}
