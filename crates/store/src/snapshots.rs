//! Versions of a session: saved after a pause in editing, once a day during long editing, on
//! demand with a name, and before every restore. A restore applies ordinary ops (see
//! `domain::snapshot`), so it is logged, fanned out to live editors, and undone by restoring
//! the version saved just before it.

use crate::read_all;
use crate::sessions::{BlockRecord, SessionRecord};
use crate::{Result, Store, StoreError, now_ms, with_db, with_tx};
use domain::activity::ActivityKind;
use domain::session::{Block, Session};
use domain::snapshot::{Draft, DraftBlock, restore_ops};
use domain::{SessionId, SnapshotId, UserId};

/// Why a version was saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotKind {
    /// After a pause in editing.
    Auto,
    /// Once a day while editing goes on without a pause.
    Daily,
    /// On demand, with a name.
    Named,
    /// Just before a restore, to undo it.
    Restore,
}

impl SnapshotKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Daily => "daily",
            Self::Named => "named",
            Self::Restore => "restore",
        }
    }
}

/// A saved version without its content.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SnapshotRow {
    pub id: SnapshotId,
    pub session_id: SessionId,
    pub version: i64,
    pub kind: String,
    pub name: String,
    /// How many blocks it holds.
    pub blocks: i32,
    pub created_by: Option<UserId>,
    /// Who saved it; empty for automatic versions and deleted accounts.
    pub author: String,
    pub created_at: i64,
}

/// A session's content as it stood: the session and its blocks in flow order.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub session: Session,
    pub blocks: Vec<Block>,
}

impl Snapshot {
    /// The content as fields, for comparing and restoring.
    pub fn draft(&self) -> Draft {
        Draft {
            session: self.session.content_fields(),
            blocks: self.blocks.iter().map(Block::draft).collect(),
        }
    }
}

/// A version as `session_snapshots.data` keeps it: the rows as they stood, read with the
/// same rules as the live rows (`crate::sessions::record`).
#[derive(serde::Serialize, serde::Deserialize)]
struct Stored {
    session: SessionRecord,
    blocks: Vec<BlockRecord>,
}

impl TryFrom<Stored> for Snapshot {
    type Error = StoreError;

    fn try_from(s: Stored) -> Result<Self> {
        Ok(Snapshot {
            session: s.session.try_into()?,
            blocks: read_all(s.blocks)?,
        })
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    /// Ops applied.
    pub applied: usize,
    /// Ops the session refused as it stands (an image since deleted, say); the rest still apply.
    pub refused: usize,
    /// The version saved just before, which undoes the restore.
    pub before: SnapshotId,
}

/// How long editing must pause before an automatic version is saved.
pub const PAUSE_MS: i64 = 5 * 60 * 1000;
/// The longest stretch of editing without a saved version.
pub const DAY_MS: i64 = 24 * 3600 * 1000;
/// How far back the versions job looks for changed sessions (so a job that stopped for a
/// while still catches up).
pub const LOOKBACK_MS: i64 = 7 * DAY_MS;
/// Every version younger than this is kept; older ones are thinned to one a day.
pub const KEEP_ALL_MS: i64 = 14 * DAY_MS;

const SNAPSHOT_COLUMNS: &str =
    "v.id, v.session_id, v.version, v.kind, v.name, v.blocks, v.created_by,
    COALESCE(TRIM(u.first_name || ' ' || u.last_name), '') AS author, v.created_at";

impl Store {
    /// Saves the session as it stands now. The session is read before its blocks, so the
    /// version recorded is never newer than the content. With a `quota`, the version must fit
    /// in its workspace's storage (`Conflict("quota")`); versions saved by the service itself
    /// (after a pause, before a restore) count but are never refused.
    pub async fn save_snapshot(
        &self,
        session: SessionId,
        kind: SnapshotKind,
        name: &str,
        by: Option<UserId>,
        quota: Option<i64>,
    ) -> Result<SnapshotRow> {
        Ok(self
            .save_snapshot_of(session, kind, name, by, quota)
            .await?
            .0)
    }

    /// [`Store::save_snapshot`], also giving back the content it saved.
    async fn save_snapshot_of(
        &self,
        session: SessionId,
        kind: SnapshotKind,
        name: &str,
        by: Option<UserId>,
        quota: Option<i64>,
    ) -> Result<(SnapshotRow, Snapshot)> {
        let stored = Stored {
            session: self.session_record(session).await?,
            blocks: self.block_records(session, false).await?,
        };
        let id = SnapshotId::new();
        let data = serde_json::to_string(&stored).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        let snapshot = Snapshot::try_from(stored)?;
        let count = i32::try_from(snapshot.blocks.len()).unwrap_or(i32::MAX);
        let size = i64::try_from(data.len()).unwrap_or(i64::MAX);
        with_tx!(self, |tx| {
            if let Some(quota) = quota {
                crate::quota::reserve(&mut tx, snapshot.session.workspace_id, size, quota).await?;
            }
            sqlx::query("INSERT INTO session_snapshots (id, session_id, version, kind, name, data, blocks, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .bind(id)
                .bind(session)
                .bind(snapshot.session.version)
                .bind(kind.as_str())
                .bind(name)
                .bind(&data)
                .bind(count)
                .bind(by)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
        });
        if let (SnapshotKind::Named, Some(by)) = (kind, by) {
            self.record(session, by, ActivityKind::VersionSaved, None, name)
                .await?;
        }
        let sql = format!(
            "SELECT {SNAPSHOT_COLUMNS} FROM session_snapshots v LEFT JOIN users u ON u.id = v.created_by WHERE v.id = $1"
        );
        let row: SnapshotRow = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_one(pool)
                .await?
        });
        Ok((row, snapshot))
    }

    /// A session's saved versions, newest first (at most `limit`).
    pub async fn snapshots(&self, session: SessionId, limit: i64) -> Result<Vec<SnapshotRow>> {
        let sql = format!(
            "SELECT {SNAPSHOT_COLUMNS} FROM session_snapshots v LEFT JOIN users u ON u.id = v.created_by
             WHERE v.session_id = $1 ORDER BY v.created_at DESC, v.id DESC LIMIT $2"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(session)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }))
    }

    /// One version of `session` with its content; another session's version is not found.
    pub async fn snapshot(
        &self,
        session: SessionId,
        id: SnapshotId,
    ) -> Result<(SnapshotRow, Snapshot)> {
        let sql = format!(
            "SELECT {SNAPSHOT_COLUMNS}, v.data FROM session_snapshots v LEFT JOIN users u ON u.id = v.created_by
             WHERE v.session_id = $1 AND v.id = $2"
        );
        let row: Option<SnapshotRowWithData> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(session)
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        let row = row.ok_or(StoreError::NotFound)?;
        let data: Stored = serde_json::from_str(&row.data)
            .map_err(|e| StoreError::Unreadable(format!("session_snapshots.data of {id}: {e}")))?;
        Ok((row.row, data.try_into()?))
    }

    /// Brings the editor's session back to version `id`: saves the session as it stands (the
    /// way back), then applies the ops that turn it into the version, each logged and
    /// announced like any other.
    pub async fn restore_snapshot(
        &self,
        editor: &crate::Editor,
        id: SnapshotId,
    ) -> Result<Restored> {
        let (session, actor) = (editor.session(), editor.user());
        let (row, target) = self.snapshot(session, id).await?;
        // The version saved first is the session as it stands: what the ops start from.
        let (before, current) = self
            .save_snapshot_of(session, SnapshotKind::Restore, &row.name, Some(actor), None)
            .await?;
        let (before, current) = (before.id, current.draft());
        let deleted: Vec<DraftBlock> = self
            .deleted_blocks(session)
            .await?
            .iter()
            .map(Block::draft)
            .collect();
        let (mut applied, mut refused) = (0, 0);
        for op in restore_ops(&current, &deleted, &target.draft()) {
            match self.apply_op(editor, None, op).await {
                // A custom field the plan no longer has is left out, like any refused op.
                Ok(crate::OpOutcome::Refused(_)) | Err(StoreError::NotInPlan(_)) => refused += 1,
                Ok(_) => applied += 1,
                Err(e) => return Err(e),
            }
        }
        // The log names a version by the name it was given; others are "an earlier version".
        let named = if row.kind == SnapshotKind::Named.as_str() {
            row.name.as_str()
        } else {
            ""
        };
        self.record(session, actor, ActivityKind::VersionRestored, None, named)
            .await?;
        Ok(Restored {
            applied,
            refused,
            before,
        })
    }

    /// Saves a version of every session changed since its last one whose editing paused for
    /// [`PAUSE_MS`] by `now` ('auto'), or whose last version is a day old ('daily'). Only
    /// sessions changed in the last [`LOOKBACK_MS`] are looked at. The number saved.
    pub async fn auto_snapshots(&self, now: i64) -> Result<usize> {
        let changed: Vec<(SessionId, i64, i64, i64, i64)> = with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT s.id, s.version, s.updated_at,
                        COALESCE((SELECT MAX(v.version) FROM session_snapshots v WHERE v.session_id = s.id), 0),
                        COALESCE((SELECT MAX(v.created_at) FROM session_snapshots v WHERE v.session_id = s.id), s.created_at)
                 FROM sessions s
                 WHERE s.deleted_at IS NULL AND s.updated_at > $1",
            )
            .bind(now - LOOKBACK_MS)
            .fetch_all(pool)
            .await?
        });
        let mut saved = 0;
        for (session, version, updated_at, last_version, last) in changed {
            if version <= last_version {
                continue;
            }
            if let Some(kind) = due(updated_at, last, now) {
                self.save_snapshot(session, kind, "", None, None).await?;
                saved += 1;
            }
        }
        Ok(saved)
    }

    /// Thins out versions older than [`KEEP_ALL_MS`] before `now`: of the versions saved by
    /// themselves or before a restore, each session keeps the last of each day; named versions
    /// all stay. The number deleted.
    pub async fn prune_snapshots(&self, now: i64) -> Result<u64> {
        Ok(with_db!(self, |pool| {
            sqlx::query(
                "DELETE FROM session_snapshots
                 WHERE kind <> 'named' AND created_at < $1
                   AND EXISTS (SELECT 1 FROM session_snapshots n
                               WHERE n.session_id = session_snapshots.session_id AND n.kind <> 'named'
                                 AND n.created_at > session_snapshots.created_at
                                 AND n.created_at / $2 = session_snapshots.created_at / $2)",
            )
            .bind(now - KEEP_ALL_MS)
            .bind(DAY_MS)
            .execute(pool)
            .await?
            .rows_affected()
        }))
    }
}

/// Which automatic version a session changed since its last one is due at `now`: 'auto' once
/// editing has paused, 'daily' when it has gone on for a day since the last version (or since
/// the session was made).
fn due(updated_at: i64, last: i64, now: i64) -> Option<SnapshotKind> {
    if updated_at <= now - PAUSE_MS {
        Some(SnapshotKind::Auto)
    } else if last <= now - DAY_MS {
        Some(SnapshotKind::Daily)
    } else {
        None
    }
}

#[derive(sqlx::FromRow)]
struct SnapshotRowWithData {
    #[sqlx(flatten)]
    row: SnapshotRow,
    data: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_is_due_after_a_pause_or_after_a_day_of_editing_without_one() {
        let now = 10 * DAY_MS;
        let minute = 60_000;
        assert_eq!(
            due(now - PAUSE_MS, now - minute, now),
            Some(SnapshotKind::Auto)
        );
        assert_eq!(due(now - minute, now - minute, now), None);
        assert_eq!(
            due(now - minute, now - DAY_MS, now),
            Some(SnapshotKind::Daily)
        );
        assert_eq!(
            due(now - 2 * DAY_MS, now - 3 * DAY_MS, now),
            Some(SnapshotKind::Auto)
        );
    }
}
