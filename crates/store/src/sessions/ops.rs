//! `apply_op`: the one path by which any change reaches a session. Each op takes the next
//! session version (which also serialises writers of one session, across instances), lets
//! `domain::op::apply_among` validate it against the blocks it depends on, writes the rows and
//! appends the op to the log, all in one transaction on PostgreSQL, or in a savepoint of a group
//! commit on SQLite (`crate::group_commit`). A retried client op id is applied once.

use crate::{Db, Result, Store, StoreError, now_ms, with_db};
use domain::op::{BlockState, Effect, Op, OrderKey, apply_among};
use domain::plan::Limit;
use domain::session::{BlockField, BlockKind, CustomFieldDef, CustomValue, OpError, SessionField};
use domain::{BlockId, ImageId, MethodId, SessionId, UserId, WorkspaceId};

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

/// What became of a batch of ops: every one applied (or found applied before), or none.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchOutcome {
    /// Each op's outcome, in order: `Applied` or `Duplicate`.
    Applied(Vec<OpOutcome>),
    /// The op at `index` was refused, so nothing of the batch was applied.
    Refused { index: usize, error: OpError },
}

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
                    serde_json::from_str(&stored).map_err(|e| {
                        StoreError::Unreadable(format!("blocks.custom of {}: {e}", $block))
                    })?;
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
            plans: &crate::billing::PlanBook,
            session: SessionId,
            actor: UserId,
            client_op_id: Option<&str>,
            op: &Op,
        ) -> Result<OpOutcome> {
            let now = now_ms();
            let op_json = json(op);
            let bumped: Option<(i64, String, WorkspaceId, bool, bool)> = sqlx::query_as(
                "UPDATE sessions SET version = version + 1, updated_at = $1 WHERE id = $2 AND deleted_at IS NULL
                 RETURNING version, custom_fields, workspace_id, archived, held",
            )
            .bind(now)
            .bind(session)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((version, defs, workspace, archived, held)) = bumped else {
                return Err(StoreError::NotFound);
            };
            match op {
                // Taking a session out of the archive makes it active again (a held one too):
                // it must fit.
                Op::SetSession {
                    set: SessionField::Archived(false),
                } if archived => {
                    let mut conn = crate::Conn::from(&mut *tx);
                    conn.check_limit(plans, workspace, None, Limit::ActiveSessions, 1)
                        .await?;
                    if held {
                        sqlx::query("UPDATE sessions SET held = FALSE WHERE id = $1")
                            .bind(session)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                // A held session may still be archived; nothing else changes it.
                Op::SetSession {
                    set: SessionField::Archived(_),
                } => {}
                _ if held => {
                    return Err(crate::Conn::from(&mut *tx)
                        .held_refusal(plans, workspace)
                        .await?);
                }
                _ => {}
            }
            let defs: Vec<CustomFieldDef> = serde_json::from_str(&defs).map_err(|e| {
                StoreError::Unreadable(format!("sessions.custom_fields of {session}: {e}"))
            })?;
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
            // Custom fields are a plan's feature: adding one needs it; changing or removing
            // those the session has does not (a smaller plan takes nothing away).
            if let Op::SetSession {
                set: SessionField::CustomFields(new),
            } = op
                && new.iter().any(|n| defs.iter().all(|d| d.id != n.id))
            {
                crate::Conn::from(&mut *tx)
                    .check_feature(plans, workspace, domain::plan::Feature::CustomFields)
                    .await?;
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
                    // Two statements, so that each is one step along the (session, key) index.
                    let next: Option<StateRow> = match (after, lower) {
                        (Some(_), None) => None,
                        (_, Some(lower)) => {
                            sqlx::query_as("SELECT id, kind, order_key, deleted FROM blocks WHERE session_id = $1 AND order_key > $2 AND id <> $3 ORDER BY order_key LIMIT 1")
                                .bind(session)
                                .bind(lower)
                                .bind(block)
                                .fetch_optional(&mut *tx)
                                .await?
                        }
                        (None, None) => {
                            sqlx::query_as("SELECT id, kind, order_key, deleted FROM blocks WHERE session_id = $1 AND id <> $2 ORDER BY order_key LIMIT 1")
                                .bind(session)
                                .bind(block)
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
                .map(|r| {
                    Ok(BlockState {
                        id: r.id,
                        kind: BlockKind::parse(&r.kind).ok_or_else(|| {
                            StoreError::Unreadable(format!("blocks.kind of {}: {}", r.id, r.kind))
                        })?,
                        key: OrderKey::from_stored(r.order_key),
                        deleted: r.deleted,
                    })
                })
                .collect::<Result<_>>()?;
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
                crate::Conn::from(&mut *tx)
                    .record(session, Some(actor), kind, block, &detail)
                    .await?;
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
                    // A block id taken anywhere (another session's block) is refused, not a
                    // database error.
                    let sql = format!(
                        "INSERT INTO blocks (id, session_id, kind, order_key, created_at, updated_at{names}) VALUES ($1, $2, $3, $4, $5, $5{params})
                         ON CONFLICT (id) DO NOTHING"
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
                    if q.execute(&mut *tx).await?.rows_affected() == 0 {
                        return Ok(OpOutcome::Refused(OpError::BlockExists));
                    }
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
    /// Applies a batch of ops, all or none: in one transaction, which a refused op rolls back
    /// whole. Once committed, each applied op is announced on the bus. A batch of one goes the
    /// way of [`Store::apply_op`].
    pub async fn apply_ops(
        &self,
        editor: &crate::Editor,
        ops: &[(Option<String>, Op)],
    ) -> Result<BatchOutcome> {
        let (session, actor) = (editor.session(), editor.user());
        if let [(client_op_id, op)] = ops {
            return Ok(
                match self
                    .apply_op(editor, client_op_id.as_deref(), op.clone())
                    .await?
                {
                    OpOutcome::Refused(error) => BatchOutcome::Refused { index: 0, error },
                    done => BatchOutcome::Applied(vec![done]),
                },
            );
        }
        let mut outcomes = Vec::with_capacity(ops.len());
        // Each op in a savepoint of its own: one applied before (a retried client op id) takes
        // back the version it took.
        macro_rules! apply_each {
            ($tx:ident, $apply:ident) => {
                for (index, (client_op_id, op)) in ops.iter().enumerate() {
                    let mut one = sqlx::Connection::begin(&mut *$tx).await?;
                    match $apply(
                        &mut one,
                        &self.plans,
                        session,
                        actor,
                        client_op_id.as_deref(),
                        op,
                    )
                    .await?
                    {
                        OpOutcome::Refused(error) => {
                            return Ok(BatchOutcome::Refused { index, error });
                        }
                        applied @ OpOutcome::Applied { .. } => {
                            one.commit().await?;
                            outcomes.push(applied);
                        }
                        duplicate => outcomes.push(duplicate),
                    }
                }
                $tx.commit().await?;
            };
        }
        match &self.db {
            Db::Sqlite(pool) => {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                apply_each!(tx, apply_op_sqlite);
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                apply_each!(tx, apply_op_postgres);
            }
        }
        for outcome in &outcomes {
            if let OpOutcome::Applied { version } = outcome {
                self.announce(crate::Signal::Version {
                    session,
                    version: *version,
                })
                .await;
            }
        }
        Ok(BatchOutcome::Applied(outcomes))
    }

    /// A new session made from an imported file: the session, its owner and its content's ops
    /// in one transaction, which must fit the workspace's `quota` for `size` bytes
    /// (`Conflict("quota")`). A refused op leaves nothing behind; its index and reason come
    /// back.
    pub async fn import_session(
        &self,
        new: &crate::NewSession,
        ops: &[Op],
        size: i64,
        quota: i64,
    ) -> Result<std::result::Result<domain::Session, (usize, OpError)>> {
        let id = SessionId::new();
        let now = now_ms();
        macro_rules! import_in {
            ($tx:ident, $apply:ident) => {
                crate::quota::reserve(&mut $tx, new.workspace, size, quota).await?;
                crate::Conn::from(&mut *$tx)
                    .create_session(&self.plans, id, new, now)
                    .await?;
                for (index, op) in ops.iter().enumerate() {
                    if let OpOutcome::Refused(error) =
                        $apply(&mut $tx, &self.plans, id, new.created_by, None, op).await?
                    {
                        return Ok(Err((index, error)));
                    }
                }
                $tx.commit().await?;
            };
        }
        match &self.db {
            Db::Sqlite(pool) => {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                import_in!(tx, apply_op_sqlite);
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                import_in!(tx, apply_op_postgres);
            }
        }
        Ok(Ok(self.session(id).await?))
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

    /// Applies one op and, once it is committed, announces the session's new version on the
    /// bus. A session that does not exist is `NotFound`.
    ///
    /// On PostgreSQL the op commits in a transaction of its own. On SQLite it joins the group
    /// commit (ops that arrive together share one transaction and one sync to disk), whose task
    /// also announces it: a caller that goes away while its op waits for the disk cannot leave
    /// the op committed but unannounced.
    pub async fn apply_op(
        &self,
        editor: &crate::Editor,
        client_op_id: Option<&str>,
        op: Op,
    ) -> Result<OpOutcome> {
        let (session, actor) = (editor.session(), editor.user());
        match &self.db {
            Db::Sqlite(_) => {
                self.commits
                    .apply(session, actor, client_op_id.map(str::to_owned), op)
                    .await
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let outcome =
                    apply_op_postgres(&mut tx, &self.plans, session, actor, client_op_id, &op)
                        .await?;
                if let OpOutcome::Applied { version } = outcome {
                    tx.commit().await?;
                    self.announce(crate::Signal::Version { session, version })
                        .await;
                }
                Ok(outcome)
            }
        }
    }
}
