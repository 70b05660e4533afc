//! Sessions and their blocks, and `apply_op`: the one path by which any change reaches a
//! session. Each op runs in its own transaction that takes the next session version (which
//! also serialises writers of one session, across instances), lets `domain::op::apply`
//! validate it, writes the rows and appends the op to the log. A retried client op id is
//! applied once.

use crate::jobs::NewJob;
use crate::sharing::add_owner;
use crate::{Db, Result, Store, StoreError, now_ms, with_db, with_tx};
use domain::op::{BlockState, Effect, Op, OrderKey, apply_among};
use domain::session::{BlockField, BlockKind, CustomFieldDef, CustomValue, OpError, SessionField};
use domain::{BlockId, CategoryId, ImageId, MethodId, SessionId, UserId, WorkspaceId};

/// How long a session stays in the trash before a job deletes it for good.
pub const TRASH_DAYS: i64 = 30;
const TRASH_MS: i64 = TRASH_DAYS * 24 * 3600 * 1000;

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
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
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
    pub folder: String,
    pub archived: bool,
    pub custom_fields: String,
    pub cover_image: Option<ImageId>,
    /// When it went to the trash.
    pub deleted_at: Option<i64>,
}

impl SessionRow {
    /// The session's custom field definitions.
    pub fn custom_field_defs(&self) -> Vec<CustomFieldDef> {
        serde_json::from_str(&self.custom_fields).unwrap_or_default()
    }
}

/// A workspace's own category.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CategoryRow {
    pub id: CategoryId,
    pub name: String,
    pub colour: String,
}

/// A stored image.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ImageRow {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// A new image of a session: its bytes and, for pictures cards may show, their card copies
/// at 1x and 2x (the same content type).
#[derive(Debug, Clone, Copy)]
pub struct NewImage<'a> {
    pub content_type: &'a str,
    pub bytes: &'a [u8],
    pub card: Option<[&'a [u8]; 2]>,
}

/// Which bytes of an image to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageSize {
    Whole,
    Card1x,
    Card2x,
}

/// A stored block.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
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
    pub card_image: Option<ImageId>,
    pub method: Option<MethodId>,
    pub illustration: Option<String>,
    /// Custom field values as stored: a JSON object of field id to value.
    pub custom: String,
    /// The same values, read: (field id, value).
    #[sqlx(skip)]
    #[serde(skip)]
    pub values: Vec<(String, String)>,
}

impl BlockRow {
    /// Reads the custom values out of their stored JSON into `values`.
    pub(crate) fn read_values(&mut self) {
        if self.custom.len() > 2 {
            self.values =
                serde_json::from_str::<std::collections::BTreeMap<String, String>>(&self.custom)
                    .unwrap_or_default()
                    .into_iter()
                    .collect();
        }
    }

    /// The value of custom field `id`, if set.
    pub fn value(&self, id: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(f, _)| f == id)
            .map(|(_, v)| v.as_str())
    }
}

/// An op in a session's log.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LoggedOp {
    pub version: i64,
    pub actor: Option<UserId>,
    pub client_op_id: Option<String>,
    /// The op as JSON.
    pub op: String,
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

/// The session columns, each with `prefix` (a table alias such as `s.`).
pub(crate) fn session_columns(prefix: &str) -> String {
    SESSION_COLUMNS
        .split(", ")
        .map(|c| format!("{prefix}{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

const SESSION_COLUMNS: &str = "id, workspace_id, title, description, goals, first_date, start_time, end_time, time_zone, location_kind, location, participants, language, tags, status, version, created_at, updated_at, folder, archived, custom_fields, cover_image, deleted_at";
const BLOCK_COLUMNS: &str = "id, kind, order_key, title, description, minutes, category, group_format, lead, materials, goals, notes, pinned_start, day_date, day_start, day_end, card_image, method, illustration, custom";

/// A column value of a field.
enum Val {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(bool),
    Image(Option<ImageId>),
    Method(Option<MethodId>),
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
        F::CardImage(i) => Val::Image(*i),
        F::Custom(c) => Val::Text(c.value.clone()),
        F::Method(m) => Val::Method(*m),
        F::Illustration(i) => Val::Text(i.clone()),
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
        F::Folder(t) => Val::Text(Some(t.clone())),
        F::Archived(a) => Val::Bool(*a),
        F::CustomFields(d) => Val::Text(Some(json(d))),
        F::CoverImage(i) => Val::Image(*i),
    }
}

/// Binds a `Val` to a query.
macro_rules! bind_val {
    ($q:expr, $v:expr) => {
        match $v {
            Val::Text(t) => $q.bind(t),
            Val::Int(i) => $q.bind(i),
            Val::Bool(b) => $q.bind(b),
            Val::Image(i) => $q.bind(i),
            Val::Method(m) => $q.bind(m),
        }
    };
}

/// Writes one block field inside a transaction: a column, or one key of the `custom` values.
macro_rules! write_block_field {
    ($tx:ident, $session:expr, $block:expr, $field:expr, $now:expr) => {
        match $field {
            BlockField::Custom(CustomValue { id, value }) => {
                // Read, change and write back the block's values; the transaction holds the
                // session's version row, so no other op of this session runs in between.
                let stored: String = sqlx::query_scalar("SELECT custom FROM blocks WHERE id = $1 AND session_id = $2")
                    .bind($block)
                    .bind($session)
                    .fetch_one(&mut *$tx)
                    .await?;
                let mut map: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(&stored).unwrap_or_default();
                match value {
                    Some(v) => {
                        map.insert(id.clone(), serde_json::Value::String(v.clone()));
                    }
                    None => {
                        map.remove(id);
                    }
                }
                sqlx::query("UPDATE blocks SET custom = $1, updated_at = $2 WHERE id = $3 AND session_id = $4")
                    .bind(serde_json::Value::Object(map).to_string())
                    .bind($now)
                    .bind($block)
                    .bind($session)
                    .execute(&mut *$tx)
                    .await?;
            }
            field => {
                let sql = format!(
                    "UPDATE blocks SET {} = $1, updated_at = $2 WHERE id = $3 AND session_id = $4",
                    field.name()
                );
                let q = sqlx::query(sqlx::AssertSqlSafe(sql));
                bind_val!(q, block_value(field))
                    .bind($now)
                    .bind($block)
                    .bind($session)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
    };
}

/// The image an op names, when the session has no such image.
fn named_image(op: &Op) -> Option<ImageId> {
    match op {
        Op::SetBlock {
            set: BlockField::CardImage(Some(i)),
            ..
        }
        | Op::SetSession {
            set: SessionField::CoverImage(Some(i)),
        } => Some(*i),
        Op::InsertBlock { fields, .. } => fields.iter().find_map(|f| match f {
            BlockField::CardImage(Some(i)) => Some(*i),
            _ => None,
        }),
        _ => None,
    }
}

/// Applies one op on `tx`, a transaction or a savepoint that the caller commits when the
/// outcome is `Applied` and rolls back otherwise. The text is written once and compiled for
/// each backend's connection.
macro_rules! op_applier {
    ($name:ident, $conn:ty) => {
        pub(crate) async fn $name(
            tx: &mut $conn,
            session: SessionId,
            actor: UserId,
            client_op_id: Option<&str>,
            op: &Op,
        ) -> Result<OpOutcome> {
            let now = now_ms();
            let op_json = json(op);
            let bumped: Option<(i64, String)> = sqlx::query_as(
                "UPDATE sessions SET version = version + 1, updated_at = $1 WHERE id = $2 AND deleted_at IS NULL RETURNING version, custom_fields",
            )
            .bind(now)
            .bind(session)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((version, defs)) = bumped else {
                return Err(StoreError::NotFound);
            };
            let defs: Vec<CustomFieldDef> = serde_json::from_str(&defs).unwrap_or_default();
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
            // Only the blocks the op depends on, so an op costs the same in a large session.
            let needs = op.needs();
            let mut rows: Vec<StateRow> = Vec::new();
            if let Some(block) = needs.block {
                rows = sqlx::query_as("SELECT id, kind, order_key, deleted FROM blocks WHERE session_id = $1 AND id IN ($2, $3)")
                    .bind(session)
                    .bind(block)
                    .bind(needs.place_after.flatten().unwrap_or(block))
                    .fetch_all(&mut *tx)
                    .await?;
                if let Some(after) = needs.place_after {
                    // The first block after the anchor (or the first of all), the op's aside.
                    let lower = after
                        .and_then(|a| rows.iter().find(|r| r.id == a))
                        .map(|r| r.order_key.clone());
                    let next: Option<StateRow> = match (after, lower) {
                        (Some(_), None) => None,
                        (_, lower) => {
                            sqlx::query_as("SELECT id, kind, order_key, deleted FROM blocks WHERE session_id = $1 AND id <> $2 AND ($3 IS NULL OR order_key > $3) ORDER BY order_key LIMIT 1")
                                .bind(session)
                                .bind(block)
                                .bind(lower)
                                .fetch_optional(&mut *tx)
                                .await?
                        }
                    };
                    rows.extend(next);
                }
            }
            let live: i64 = if needs.live_count {
                sqlx::query_scalar("SELECT COUNT(*) FROM blocks WHERE session_id = $1 AND NOT deleted")
                    .bind(session)
                    .fetch_one(&mut *tx)
                    .await?
            } else {
                0
            };
            let states: Vec<BlockState> = rows
                .into_iter()
                .map(|r| BlockState {
                    id: r.id,
                    kind: BlockKind::parse(&r.kind).unwrap_or(BlockKind::Note),
                    key: OrderKey::from_stored(r.order_key),
                    deleted: r.deleted,
                })
                .collect();
            if let Some(image) = named_image(op) {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM images WHERE id = $1 AND session_id = $2",
                )
                .bind(image)
                .bind(session)
                .fetch_one(&mut *tx)
                .await?;
                if n == 0 {
                    return Ok(OpOutcome::Refused(OpError::ImageNotFound));
                }
            }
            let effect = match apply_among(&states, usize::try_from(live).unwrap_or(0), &defs, op.clone()) {
                Ok(e) => e,
                Err(e) => return Ok(OpOutcome::Refused(e)),
            };
            if let Some((kind, block, detail)) = effect.activity() {
                crate::activity::record!(tx, session, Some(actor), kind, block, &detail, now);
            }
            match effect {
                Effect::Insert {
                    block,
                    kind,
                    key,
                    fields,
                } => {
                    // One INSERT with every column field (the last value of a field given
                    // twice); custom values then go into the block's JSON object.
                    let mut columns: Vec<&BlockField> = Vec::new();
                    for f in fields.iter().rev() {
                        if !matches!(f, BlockField::Custom(_))
                            && !columns.iter().any(|c| c.name() == f.name())
                        {
                            columns.push(f);
                        }
                    }
                    let names: String = columns.iter().map(|f| format!(", {}", f.name())).collect();
                    let params: String = (0..columns.len())
                        .map(|i| format!(", ${}", i + 6))
                        .collect();
                    let sql = format!(
                        "INSERT INTO blocks (id, session_id, kind, order_key, created_at, updated_at{names}) VALUES ($1, $2, $3, $4, $5, $5{params})"
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(block)
                        .bind(session)
                        .bind(kind.as_str())
                        .bind(key.as_str())
                        .bind(now);
                    for f in &columns {
                        q = bind_val!(q, block_value(f));
                    }
                    q.execute(&mut *tx).await?;
                    let mut custom = serde_json::Map::new();
                    for f in &fields {
                        if let BlockField::Custom(CustomValue { id, value }) = f {
                            match value {
                                Some(v) => {
                                    custom.insert(id.clone(), serde_json::Value::String(v.clone()))
                                }
                                None => custom.remove(id),
                            };
                        }
                    }
                    if !custom.is_empty() {
                        sqlx::query("UPDATE blocks SET custom = $1 WHERE id = $2")
                            .bind(serde_json::Value::Object(custom).to_string())
                            .bind(block)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                Effect::Set { block, field } => {
                    write_block_field!(tx, session, block, &field, now);
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
                Effect::Delete { block } | Effect::Restore { block } => {
                    let deleted = matches!(effect, Effect::Delete { .. });
                    sqlx::query("UPDATE blocks SET deleted = $1, updated_at = $2 WHERE id = $3 AND session_id = $4")
                        .bind(deleted)
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
        }
    };
}
op_applier!(apply_op_sqlite, sqlx::SqliteConnection);
op_applier!(apply_op_postgres, sqlx::PgConnection);

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
        let id = SessionId::new();
        with_tx!(self, |tx| {
            let row: SessionRow = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .bind(new.workspace)
                .bind(&new.title)
                .bind(new.first_date.to_string())
                .bind(new.start_time.to_string())
                .bind(&new.time_zone)
                .bind(&new.language)
                .bind(new.created_by)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            add_owner!(tx, id, new.created_by, now);
            Ok::<SessionRow, StoreError>(row)
        })
    }

    /// A session that is not deleted.
    pub async fn session(&self, id: SessionId) -> Result<SessionRow> {
        self.session_where(id, "deleted_at IS NULL").await
    }

    /// A session in the trash.
    pub async fn trashed_session(&self, id: SessionId) -> Result<SessionRow> {
        self.session_where(id, "deleted_at IS NOT NULL").await
    }

    async fn session_where(&self, id: SessionId, condition: &'static str) -> Result<SessionRow> {
        let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = $1 AND {condition}");
        let row: Option<SessionRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// The sessions of a workspace (archived ones too, not those in the trash), most recently
    /// changed first.
    pub async fn sessions_in(&self, workspace: WorkspaceId) -> Result<Vec<SessionRow>> {
        self.sessions_where(workspace, "deleted_at IS NULL ORDER BY updated_at DESC, id")
            .await
    }

    /// The trash of a workspace, most recently deleted first.
    pub async fn trash_in(&self, workspace: WorkspaceId) -> Result<Vec<SessionRow>> {
        self.sessions_where(
            workspace,
            "deleted_at IS NOT NULL ORDER BY deleted_at DESC, id",
        )
        .await
    }

    async fn sessions_where(
        &self,
        workspace: WorkspaceId,
        condition_and_order: &'static str,
    ) -> Result<Vec<SessionRow>> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions WHERE workspace_id = $1 AND {condition_and_order}"
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
        self.blocks_where(session, false).await
    }

    /// The deleted blocks of a session (which a restore can bring back), in flow order.
    pub async fn deleted_blocks(&self, session: SessionId) -> Result<Vec<BlockRow>> {
        self.blocks_where(session, true).await
    }

    async fn blocks_where(&self, session: SessionId, deleted: bool) -> Result<Vec<BlockRow>> {
        let sql = format!(
            "SELECT {BLOCK_COLUMNS} FROM blocks WHERE session_id = $1 AND deleted = $2 ORDER BY order_key, id"
        );
        let mut blocks: Vec<BlockRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(session)
                .bind(deleted)
                .fetch_all(pool)
                .await?
        });
        for b in &mut blocks {
            b.read_values();
        }
        Ok(blocks)
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

    /// Up to `limit` ops applied after `version`, oldest first, with who made them.
    pub async fn op_log(
        &self,
        session: SessionId,
        version: i64,
        limit: i64,
    ) -> Result<Vec<LoggedOp>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as("SELECT version, actor, client_op_id, op FROM session_ops WHERE session_id = $1 AND version > $2 ORDER BY version LIMIT $3")
                .bind(session)
                .bind(version)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Applies one op in one transaction and, once it is committed, announces the session's
    /// new version on the bus. A session that does not exist is `NotFound`.
    pub async fn apply_op(
        &self,
        session: SessionId,
        actor: UserId,
        client_op_id: Option<&str>,
        op: Op,
    ) -> Result<OpOutcome> {
        let outcome = self
            .apply_op_in_tx(session, actor, client_op_id, op)
            .await?;
        if let OpOutcome::Applied { version } = outcome {
            self.announce(crate::Signal::Version { session, version })
                .await;
        }
        Ok(outcome)
    }

    /// Applies one op in a transaction of its own on PostgreSQL. On SQLite the op joins the
    /// group commit: ops that arrive together share one transaction and one sync to disk.
    async fn apply_op_in_tx(
        &self,
        session: SessionId,
        actor: UserId,
        client_op_id: Option<&str>,
        op: Op,
    ) -> Result<OpOutcome> {
        match &self.db {
            Db::Sqlite(_) => {
                self.commits
                    .apply(session, actor, client_op_id.map(str::to_owned), op)
                    .await
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let outcome = apply_op_postgres(&mut tx, session, actor, client_op_id, &op).await?;
                if matches!(outcome, OpOutcome::Applied { .. }) {
                    tx.commit().await?;
                }
                Ok(outcome)
            }
        }
    }

    /// Moves a session to the trash and schedules the job that deletes it for good after
    /// [`TRASH_DAYS`] days, unless it is restored first.
    pub async fn trash_session(&self, id: SessionId) -> Result<()> {
        let now = now_ms();
        let job = NewJob {
            run_at: now + TRASH_MS,
            ..NewJob::new(
                "purge_session",
                serde_json::json!({ "session": id, "deleted_at": now }),
            )
        };
        with_tx!(self, |tx| {
            let n = sqlx::query(
                "UPDATE sessions SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL",
            )
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            crate::jobs::insert_job!(tx, &job);
            Ok::<(), StoreError>(())
        })
    }

    /// Takes a session out of the trash.
    pub async fn restore_session(&self, id: SessionId) -> Result<()> {
        let n = with_db!(self, |pool| {
            sqlx::query("UPDATE sessions SET deleted_at = NULL, updated_at = $1 WHERE id = $2 AND deleted_at IS NOT NULL")
                .bind(now_ms())
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Deletes a session for good if it is still in the trash since `deleted_at` (a session
    /// restored, or deleted again later, is left alone). True when it was deleted.
    pub async fn purge_session(&self, id: SessionId, deleted_at: i64) -> Result<bool> {
        let n = with_db!(self, |pool| {
            sqlx::query("DELETE FROM sessions WHERE id = $1 AND deleted_at = $2")
                .bind(id)
                .bind(deleted_at)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n > 0)
    }

    /// A copy of a session with its live blocks, values and images, under new ids and a new
    /// title, at version 0, in the same workspace.
    pub async fn duplicate_session(
        &self,
        id: SessionId,
        by: UserId,
        title: &str,
    ) -> Result<SessionRow> {
        let source = self.session(id).await?;
        let blocks = self.blocks(id).await?;
        let now = now_ms();
        let new_id = SessionId::new();
        let images: Vec<ImageId> = with_db!(self, |pool| {
            sqlx::query_scalar("SELECT id FROM images WHERE session_id = $1")
                .bind(id)
                .fetch_all(pool)
                .await?
        });
        let image_map: std::collections::HashMap<ImageId, ImageId> =
            images.iter().map(|i| (*i, ImageId::new())).collect();
        let remap = |i: Option<ImageId>| i.and_then(|i| image_map.get(&i).copied());
        let sql = format!(
            "INSERT INTO sessions (id, workspace_id, title, description, goals, first_date, start_time, end_time, time_zone, location_kind, location, participants, language, tags, status, folder, custom_fields, created_by, created_at, updated_at)
             SELECT $1, workspace_id, $2, description, goals, first_date, start_time, end_time, time_zone, location_kind, location, participants, language, tags, 'draft', folder, custom_fields, $3, $4, $4 FROM sessions WHERE id = $5
             RETURNING {SESSION_COLUMNS}"
        );
        with_tx!(self, |tx| {
            let mut row: SessionRow = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(new_id)
                .bind(title)
                .bind(by)
                .bind(now)
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            add_owner!(tx, new_id, by, now);
            for old in &images {
                sqlx::query("INSERT INTO images (id, session_id, content_type, bytes, card_1x, card_2x, created_at) SELECT $1, $2, content_type, bytes, card_1x, card_2x, $3 FROM images WHERE id = $4")
                    .bind(image_map[old])
                    .bind(new_id)
                    .bind(now)
                    .bind(old)
                    .execute(&mut *tx)
                    .await?;
            }
            if let Some(cover) = remap(source.cover_image) {
                sqlx::query("UPDATE sessions SET cover_image = $1 WHERE id = $2")
                    .bind(cover)
                    .bind(new_id)
                    .execute(&mut *tx)
                    .await?;
                row.cover_image = Some(cover);
            }
            for b in &blocks {
                let block = BlockId::new();
                sqlx::query("INSERT INTO blocks (id, session_id, kind, order_key, title, description, minutes, category, group_format, lead, materials, goals, notes, pinned_start, day_date, day_start, day_end, card_image, custom, created_at, updated_at, method, illustration)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $20, $19, $19, $21, $22)")
                    .bind(block)
                    .bind(new_id)
                    .bind(&b.kind)
                    .bind(&b.order_key)
                    .bind(&b.title)
                    .bind(&b.description)
                    .bind(b.minutes)
                    .bind(&b.category)
                    .bind(&b.group_format)
                    .bind(&b.lead)
                    .bind(&b.materials)
                    .bind(&b.goals)
                    .bind(&b.notes)
                    .bind(&b.pinned_start)
                    .bind(&b.day_date)
                    .bind(&b.day_start)
                    .bind(&b.day_end)
                    .bind(remap(b.card_image))
                    .bind(now)
                    .bind(&b.custom)
                    .bind(b.method)
                    .bind(&b.illustration)
                    .execute(&mut *tx)
                    .await?;
            }
            Ok::<SessionRow, StoreError>(row)
        })
    }

    /// Stores an image for a session.
    pub async fn add_image(&self, session: SessionId, image: &NewImage<'_>) -> Result<ImageId> {
        let id = ImageId::new();
        with_db!(self, |pool| {
            sqlx::query("INSERT INTO images (id, session_id, content_type, bytes, card_1x, card_2x, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(id)
                .bind(session)
                .bind(image.content_type)
                .bind(image.bytes)
                .bind(image.card.map(|c| c[0]))
                .bind(image.card.map(|c| c[1]))
                .bind(now_ms())
                .execute(pool)
                .await?;
        });
        Ok(id)
    }

    /// An image of a session, whole or as its card copy (the whole image when it has none).
    pub async fn image(
        &self,
        session: SessionId,
        id: ImageId,
        size: ImageSize,
    ) -> Result<ImageRow> {
        let sql = match size {
            ImageSize::Whole => {
                "SELECT content_type, bytes FROM images WHERE id = $1 AND session_id = $2"
            }
            ImageSize::Card1x => {
                "SELECT content_type, COALESCE(card_1x, bytes) AS bytes FROM images WHERE id = $1 AND session_id = $2"
            }
            ImageSize::Card2x => {
                "SELECT content_type, COALESCE(card_2x, bytes) AS bytes FROM images WHERE id = $1 AND session_id = $2"
            }
        };
        let row: Option<ImageRow> = with_db!(self, |pool| {
            sqlx::query_as(sql)
                .bind(id)
                .bind(session)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// A workspace's own categories, by name.
    pub async fn categories(&self, workspace: WorkspaceId) -> Result<Vec<CategoryRow>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, name, colour FROM categories WHERE workspace_id = $1 ORDER BY name",
            )
            .bind(workspace)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Adds a category; a name the workspace has is `Conflict("category")`.
    pub async fn add_category(
        &self,
        workspace: WorkspaceId,
        name: &str,
        colour: &str,
    ) -> Result<CategoryId> {
        let id = CategoryId::new();
        with_db!(self, |pool| {
            sqlx::query("INSERT INTO categories (id, workspace_id, name, colour, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(workspace)
                .bind(name)
                .bind(colour)
                .bind(now_ms())
                .execute(pool)
                .await
                .map_err(crate::conflict_as("category"))?;
        });
        Ok(id)
    }

    /// Removes a category of the workspace; blocks keep its name without a colour.
    pub async fn delete_category(&self, workspace: WorkspaceId, id: CategoryId) -> Result<()> {
        let n = with_db!(self, |pool| {
            sqlx::query("DELETE FROM categories WHERE id = $1 AND workspace_id = $2")
                .bind(id)
                .bind(workspace)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The members of a workspace: (user, full name), by name.
    pub async fn member_names(&self, workspace: WorkspaceId) -> Result<Vec<(UserId, String)>> {
        let rows: Vec<(UserId, String, String)> = with_db!(self, |pool| {
            sqlx::query_as("SELECT u.id, u.first_name, u.last_name FROM workspace_members m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 ORDER BY u.first_name, u.last_name")
                .bind(workspace)
                .fetch_all(pool)
                .await?
        });
        Ok(rows
            .into_iter()
            .map(|(id, f, l)| (id, format!("{f} {l}").trim().to_owned()))
            .collect())
    }
}
