//! Sessions and their blocks, and `apply_op`: the one path by which any change reaches a
//! session. Each op runs in its own transaction that takes the next session version (which
//! also serialises writers of one session, across instances), lets `domain::op::apply`
//! validate it, writes the rows and appends the op to the log. A retried client op id is
//! applied once.

use crate::{Result, Store, StoreError, now_ms, with_db, with_tx};
use domain::op::{BlockState, Effect, Op, OrderKey, apply};
use domain::session::{BlockField, BlockKind, OpError, SessionField};
use domain::{BlockId, SessionId, UserId, WorkspaceId};

/// A new session's first values.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub workspace: WorkspaceId,
    pub created_by: UserId,
    pub title: String,
    pub first_date: jiff::civil::Date,
    pub start_time: jiff::civil::Time,
    pub time_zone: String,
    pub language: String,
}

/// A stored session. Lists are JSON text; dates and times ISO 8601 text.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: SessionId,
    pub workspace_id: WorkspaceId,
    pub title: String,
    pub description: String,
    pub goals: String,
    pub first_date: String,
    pub start_time: String,
    pub end_time: Option<String>,
    pub time_zone: String,
    pub location_kind: String,
    pub location: String,
    pub participants: Option<i32>,
    pub language: String,
    pub tags: String,
    pub status: String,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A stored block.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BlockRow {
    pub id: BlockId,
    pub kind: String,
    pub order_key: String,
    pub title: String,
    pub description: String,
    pub minutes: i32,
    pub category: Option<String>,
    pub group_format: Option<String>,
    pub lead: String,
    pub materials: String,
    pub goals: String,
    pub notes: String,
    pub pinned_start: Option<String>,
    pub day_date: Option<String>,
    pub day_start: Option<String>,
    pub day_end: Option<String>,
}

/// What became of one op.
#[derive(Debug, Clone, PartialEq)]
pub enum OpOutcome {
    /// Applied; the session is now at `version`.
    Applied { version: i64 },
    /// This client op id was applied before, at `version`; nothing changed now.
    Duplicate { version: i64 },
    /// Refused; nothing changed.
    Refused(OpError),
}

const SESSION_COLUMNS: &str = "id, workspace_id, title, description, goals, first_date, start_time, end_time, time_zone, location_kind, location, participants, language, tags, status, version, created_at, updated_at";
const BLOCK_COLUMNS: &str = "id, kind, order_key, title, description, minutes, category, group_format, lead, materials, goals, notes, pinned_start, day_date, day_start, day_end";

/// A column value of a field.
enum Val {
    Text(Option<String>),
    Int(Option<i64>),
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_owned())
}

/// An enum's snake_case name, as serde writes it.
fn name<T: serde::Serialize>(v: &T) -> String {
    json(v).trim_matches('"').to_owned()
}

fn block_value(f: &BlockField) -> Val {
    use BlockField as F;
    match f {
        F::Title(t) | F::Description(t) | F::Lead(t) | F::Notes(t) => Val::Text(Some(t.clone())),
        F::Minutes(m) => Val::Int(Some(i64::from(*m))),
        F::Category(c) => Val::Text(c.clone()),
        F::GroupFormat(g) => Val::Text(g.as_ref().map(name)),
        F::Materials(m) => Val::Text(Some(json(m))),
        F::Goals(g) => Val::Text(Some(json(g))),
        F::PinnedStart(t) | F::DayStart(t) | F::DayEnd(t) => Val::Text(t.map(|t| t.to_string())),
        F::DayDate(d) => Val::Text(d.map(|d| d.to_string())),
    }
}

fn session_value(f: &SessionField) -> Val {
    use SessionField as F;
    match f {
        F::Title(t) | F::Description(t) | F::Location(t) | F::Language(t) | F::TimeZone(t) => {
            Val::Text(Some(t.clone()))
        }
        F::Goals(g) | F::Tags(g) => Val::Text(Some(json(g))),
        F::FirstDate(d) => Val::Text(Some(d.to_string())),
        F::StartTime(t) => Val::Text(Some(t.to_string())),
        F::EndTime(t) => Val::Text(t.map(|t| t.to_string())),
        F::LocationKind(k) => Val::Text(Some(name(k))),
        F::Participants(p) => Val::Int(p.map(i64::from)),
        F::Status(s) => Val::Text(Some(s.as_str().to_owned())),
    }
}

/// Binds a `Val` to a query.
macro_rules! bind_val {
    ($q:expr, $v:expr) => {
        match $v {
            Val::Text(t) => $q.bind(t),
            Val::Int(i) => $q.bind(i),
        }
    };
}

#[derive(sqlx::FromRow)]
struct StateRow {
    id: BlockId,
    kind: String,
    order_key: String,
    deleted: bool,
}

impl Store {
    pub async fn create_session(&self, new: &NewSession) -> Result<SessionRow> {
        let now = now_ms();
        let sql = format!(
            "INSERT INTO sessions (id, workspace_id, title, first_date, start_time, time_zone, language, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING {SESSION_COLUMNS}"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(SessionId::new())
                .bind(new.workspace)
                .bind(&new.title)
                .bind(new.first_date.to_string())
                .bind(new.start_time.to_string())
                .bind(&new.time_zone)
                .bind(&new.language)
                .bind(new.created_by)
                .bind(now)
                .fetch_one(pool)
                .await?
        }))
    }

    /// A session that is not deleted.
    pub async fn session(&self, id: SessionId) -> Result<SessionRow> {
        let sql =
            format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = $1 AND deleted_at IS NULL");
        let row: Option<SessionRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// The sessions of a workspace, most recently changed first.
    pub async fn sessions_in(&self, workspace: WorkspaceId) -> Result<Vec<SessionRow>> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY updated_at DESC, id"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(workspace)
                .fetch_all(pool)
                .await?
        }))
    }

    /// True when `user` is a member of `workspace`.
    pub async fn is_member(&self, workspace: WorkspaceId, user: UserId) -> Result<bool> {
        let n: i64 = with_db!(self, |pool| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM workspace_members WHERE workspace_id = $1 AND user_id = $2",
            )
            .bind(workspace)
            .bind(user)
            .fetch_one(pool)
            .await?
        });
        Ok(n > 0)
    }

    /// The live blocks of a session, in flow order.
    pub async fn blocks(&self, session: SessionId) -> Result<Vec<BlockRow>> {
        let sql = format!(
            "SELECT {BLOCK_COLUMNS} FROM blocks WHERE session_id = $1 AND deleted = FALSE ORDER BY order_key, id"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(session)
                .fetch_all(pool)
                .await?
        }))
    }

    /// The ops applied after `version`, oldest first: (version, op JSON).
    pub async fn ops_since(&self, session: SessionId, version: i64) -> Result<Vec<(i64, String)>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as("SELECT version, op FROM session_ops WHERE session_id = $1 AND version > $2 ORDER BY version")
                .bind(session)
                .bind(version)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Applies one op in one transaction. A session that does not exist is `NotFound`.
    pub async fn apply_op(
        &self,
        session: SessionId,
        actor: UserId,
        client_op_id: Option<&str>,
        op: Op,
    ) -> Result<OpOutcome> {
        let now = now_ms();
        let op_json = json(&op);
        with_tx!(self, |tx| {
            let version: Option<i64> = sqlx::query_scalar(
                "UPDATE sessions SET version = version + 1, updated_at = $1 WHERE id = $2 AND deleted_at IS NULL RETURNING version",
            )
            .bind(now)
            .bind(session)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(version) = version else {
                return Err(StoreError::NotFound);
            };
            if let Some(cid) = client_op_id {
                let earlier: Option<i64> = sqlx::query_scalar(
                    "SELECT version FROM session_ops WHERE session_id = $1 AND client_op_id = $2",
                )
                .bind(session)
                .bind(cid)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(v) = earlier {
                    return Ok(OpOutcome::Duplicate { version: v });
                }
            }
            let rows: Vec<StateRow> = sqlx::query_as("SELECT id, kind, order_key, deleted FROM blocks WHERE session_id = $1 ORDER BY order_key, id")
                .bind(session)
                .fetch_all(&mut *tx)
                .await?;
            let states: Vec<BlockState> = rows
                .into_iter()
                .map(|r| BlockState {
                    id: r.id,
                    kind: BlockKind::parse(&r.kind).unwrap_or(BlockKind::Note),
                    key: OrderKey::from_stored(r.order_key),
                    deleted: r.deleted,
                })
                .collect();
            let effect = match apply(&states, op) {
                Ok(e) => e,
                Err(e) => return Ok(OpOutcome::Refused(e)),
            };
            match effect {
                Effect::Insert {
                    block,
                    kind,
                    key,
                    fields,
                } => {
                    sqlx::query("INSERT INTO blocks (id, session_id, kind, order_key, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)")
                        .bind(block)
                        .bind(session)
                        .bind(kind.as_str())
                        .bind(key.as_str())
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    for field in &fields {
                        let sql = format!("UPDATE blocks SET {} = $1 WHERE id = $2", field.name());
                        let q = sqlx::query(sqlx::AssertSqlSafe(sql));
                        bind_val!(q, block_value(field))
                            .bind(block)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                Effect::Set { block, field } => {
                    let sql = format!(
                        "UPDATE blocks SET {} = $1, updated_at = $2 WHERE id = $3 AND session_id = $4",
                        field.name()
                    );
                    let q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    bind_val!(q, block_value(&field))
                        .bind(now)
                        .bind(block)
                        .bind(session)
                        .execute(&mut *tx)
                        .await?;
                }
                Effect::Move { block, key } => {
                    sqlx::query("UPDATE blocks SET order_key = $1, updated_at = $2 WHERE id = $3 AND session_id = $4")
                        .bind(key.as_str())
                        .bind(now)
                        .bind(block)
                        .bind(session)
                        .execute(&mut *tx)
                        .await?;
                }
                Effect::Delete { block } => {
                    sqlx::query("UPDATE blocks SET deleted = TRUE, updated_at = $1 WHERE id = $2 AND session_id = $3")
                        .bind(now)
                        .bind(block)
                        .bind(session)
                        .execute(&mut *tx)
                        .await?;
                }
                Effect::SetSession { field } => {
                    let sql = format!("UPDATE sessions SET {} = $1 WHERE id = $2", field.name());
                    let q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    bind_val!(q, session_value(&field))
                        .bind(session)
                        .execute(&mut *tx)
                        .await?;
                }
                Effect::Nothing => {}
            }
            sqlx::query("INSERT INTO session_ops (session_id, version, client_op_id, actor, op, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(session)
                .bind(version)
                .bind(client_op_id)
                .bind(actor)
                .bind(&op_json)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            Ok(OpOutcome::Applied { version })
        })
    }
}
