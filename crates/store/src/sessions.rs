//! Sessions and their blocks: creating, reading, trashing, duplicating; their images and
//! categories. Changes to a session's content go through `apply_op` (`ops`).

use crate::jobs::NewJob;
use crate::{Result, Store, StoreError, now_ms, with_db, with_tx};
use domain::plan::Limit;
use domain::session::{Block, Session};
use domain::{BlockId, CategoryId, ImageId, SessionId, UserId, WorkspaceId};

mod ops;
mod record;
use crate::read_all;
pub(crate) use ops::apply_op_sqlite;
pub use ops::{BatchOutcome, LoggedOp, OpOutcome};
pub(crate) use record::{BlockRecord, SessionRecord};

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

/// The session columns, each with `prefix` (a table alias such as `s.`).
pub(crate) fn session_columns(prefix: &str) -> String {
    SESSION_COLUMNS
        .split(", ")
        .map(|c| format!("{prefix}{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

const SESSION_COLUMNS: &str = "id, workspace_id, title, description, goals, first_date, start_time, end_time, time_zone, location_kind, location, participants, language, tags, status, version, created_at, updated_at, folder, archived, held, custom_fields, cover_image, deleted_at";
const BLOCK_COLUMNS: &str = "id, kind, order_key, title, description, minutes, category, group_format, lead, materials, goals, notes, pinned_start, day_date, day_start, day_end, card_image, method, illustration, custom";

impl Store {
    pub async fn create_session(&self, new: &NewSession) -> Result<Session> {
        let id = SessionId::new();
        let now = now_ms();
        with_tx!(self, |tx| {
            crate::Conn::from(&mut *tx)
                .create_session(&self.plans, id, new, now)
                .await?
        })
        .try_into()
    }

    /// A session that is not deleted.
    pub async fn session(&self, id: SessionId) -> Result<Session> {
        self.session_record(id).await?.try_into()
    }

    /// A session that is not deleted, as its row stands.
    pub(crate) async fn session_record(&self, id: SessionId) -> Result<SessionRecord> {
        self.session_where(id, "deleted_at IS NULL").await
    }

    /// A session in the trash.
    pub async fn trashed_session(&self, id: SessionId) -> Result<Session> {
        self.session_where(id, "deleted_at IS NOT NULL")
            .await?
            .try_into()
    }

    async fn session_where(&self, id: SessionId, condition: &'static str) -> Result<SessionRecord> {
        let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = $1 AND {condition}");
        let row: Option<SessionRecord> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// The minutes of the activities and breaks of each of these sessions (absent: none).
    pub async fn session_minutes(
        &self,
        sessions: &[SessionId],
    ) -> Result<std::collections::HashMap<SessionId, i64>> {
        let mut out = std::collections::HashMap::new();
        // In chunks, so the list of parameters stays short on both backends.
        for chunk in sessions.chunks(500) {
            let list: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT session_id, SUM(minutes) FROM blocks WHERE session_id IN ({}) AND NOT deleted AND kind IN ('activity', 'break') GROUP BY session_id",
                list.join(", ")
            );
            let rows: Vec<(SessionId, i64)> = with_db!(self, |pool| {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
                for id in chunk {
                    q = q.bind(*id);
                }
                q.fetch_all(pool).await?
            });
            out.extend(rows);
        }
        Ok(out)
    }

    /// The sessions of a workspace (archived ones too, not those in the trash), most recently
    /// changed first.
    pub async fn sessions_in(&self, workspace: WorkspaceId) -> Result<Vec<Session>> {
        self.sessions_where(workspace, "deleted_at IS NULL ORDER BY updated_at DESC, id")
            .await
    }

    /// The trash of a workspace, most recently deleted first.
    pub async fn trash_in(&self, workspace: WorkspaceId) -> Result<Vec<Session>> {
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
    ) -> Result<Vec<Session>> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions WHERE workspace_id = $1 AND {condition_and_order}"
        );
        let rows: Vec<SessionRecord> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(workspace)
                .fetch_all(pool)
                .await?
        });
        read_all(rows)
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
    pub async fn blocks(&self, session: SessionId) -> Result<Vec<Block>> {
        read_all(self.block_records(session, false).await?)
    }

    /// The deleted blocks of a session (which a restore can bring back), in flow order.
    pub async fn deleted_blocks(&self, session: SessionId) -> Result<Vec<Block>> {
        read_all(self.block_records(session, true).await?)
    }

    /// The rows of a session's live (or deleted) blocks as they stand, in flow order.
    pub(crate) async fn block_records(
        &self,
        session: SessionId,
        deleted: bool,
    ) -> Result<Vec<BlockRecord>> {
        let sql = format!(
            "SELECT {BLOCK_COLUMNS} FROM blocks WHERE session_id = $1 AND deleted = $2 ORDER BY order_key, id"
        );
        Ok(with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(session)
                .bind(deleted)
                .fetch_all(pool)
                .await?
        }))
    }

    /// Moves a session to the trash and schedules the job that deletes it for good after
    /// [`TRASH_DAYS`] days, unless it is restored first.
    pub async fn trash_session(&self, id: SessionId) -> Result<()> {
        let now = now_ms();
        let job = NewJob {
            run_at: now + TRASH_MS,
            ..NewJob::new(
                domain::job::JobKind::PurgeSession,
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
            crate::Conn::from(&mut *tx).insert_job(&job).await?;
            Ok::<(), StoreError>(())
        })
    }

    /// Takes a session out of the trash, if the workspace's plan has room for it when it is
    /// not archived.
    pub async fn restore_session(&self, id: SessionId) -> Result<()> {
        let n = with_tx!(self, |tx| {
            let trashed: Option<(WorkspaceId, bool)> = sqlx::query_as(
                "SELECT workspace_id, archived FROM sessions WHERE id = $1 AND deleted_at IS NOT NULL",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((workspace, false)) = trashed {
                crate::Conn::from(&mut *tx)
                    .check_limit(&self.plans, workspace, None, Limit::ActiveSessions, 1)
                    .await?;
            }
            sqlx::query("UPDATE sessions SET deleted_at = NULL, updated_at = $1 WHERE id = $2 AND deleted_at IS NOT NULL")
                .bind(now_ms())
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
        });
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Deletes a session for good if it is still in the trash since `deleted_at` (a session
    /// restored, or deleted again later, is left alone), queuing `forget` (the job that forgets
    /// its files' bytes) with the deletion. True when it was deleted.
    pub async fn purge_session(
        &self,
        id: SessionId,
        deleted_at: i64,
        forget: Option<&NewJob>,
    ) -> Result<bool> {
        with_tx!(self, |tx| {
            let n = sqlx::query("DELETE FROM sessions WHERE id = $1 AND deleted_at = $2")
                .bind(id)
                .bind(deleted_at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if let (true, Some(job)) = (n > 0, forget) {
                crate::Conn::from(&mut *tx).insert_job(job).await?;
            }
            Ok::<bool, StoreError>(n > 0)
        })
    }

    /// A copy of a session with its live blocks, values and images, under new ids and a new
    /// title, at version 0, in `workspace`, owned by `by`. The copy must fit `workspace`'s
    /// `quota` (`Conflict("quota")`).
    pub async fn duplicate_session(
        &self,
        id: SessionId,
        by: UserId,
        title: &str,
        workspace: WorkspaceId,
        quota: i64,
    ) -> Result<Session> {
        let source = self.session(id).await?;
        let blocks: Vec<(BlockId, Option<ImageId>)> = with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT id, card_image FROM blocks WHERE session_id = $1 AND NOT deleted ORDER BY order_key, id",
            )
            .bind(id)
            .fetch_all(pool)
            .await?
        });
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
             SELECT $1, $6, $2, description, goals, first_date, start_time, end_time, time_zone, location_kind, location, participants, language, tags, 'draft', folder, custom_fields, $3, $4, $4 FROM sessions WHERE id = $5
             RETURNING {SESSION_COLUMNS}"
        );
        with_tx!(self, |tx| {
            crate::Conn::from(&mut *tx)
                .check_limit(&self.plans, workspace, None, Limit::ActiveSessions, 1)
                .await?;
            // A copy with custom fields adds them to its workspace: the plan must have them.
            let fields: String = sqlx::query_scalar("SELECT custom_fields FROM sessions WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            if fields.trim() != "[]" {
                crate::Conn::from(&mut *tx)
                    .check_feature(&self.plans, workspace, domain::plan::Feature::CustomFields)
                    .await?;
            }
            let size = crate::quota::session_bytes(&mut tx, id).await?;
            crate::quota::reserve(&mut tx, workspace, size, quota).await?;
            let mut row: SessionRecord = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(new_id)
                .bind(title)
                .bind(by)
                .bind(now)
                .bind(id)
                .bind(workspace)
                .fetch_one(&mut *tx)
                .await?;
            crate::Conn::from(&mut *tx).add_owner(new_id, by).await?;
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
            for (old, card_image) in &blocks {
                sqlx::query("INSERT INTO blocks (id, session_id, kind, order_key, title, description, minutes, category, group_format, lead, materials, goals, notes, pinned_start, day_date, day_start, day_end, card_image, custom, created_at, updated_at, method, illustration)
                     SELECT $1, $2, kind, order_key, title, description, minutes, category, group_format, lead, materials, goals, notes, pinned_start, day_date, day_start, day_end, $3, custom, $4, $4, method, illustration FROM blocks WHERE id = $5")
                    .bind(BlockId::new())
                    .bind(new_id)
                    .bind(remap(*card_image))
                    .bind(now)
                    .bind(old)
                    .execute(&mut *tx)
                    .await?;
            }
            Ok::<SessionRecord, StoreError>(row)
        })?
        .try_into()
    }

    /// Stores an image for a session. With a `quota`, it must fit its workspace's storage
    /// (`Conflict("quota")`); a picture made from a file already counted passes none.
    pub async fn add_image(
        &self,
        session: SessionId,
        image: &NewImage<'_>,
        quota: Option<i64>,
    ) -> Result<ImageId> {
        let id = ImageId::new();
        let size = [
            Some(image.bytes),
            image.card.map(|c| c[0]),
            image.card.map(|c| c[1]),
        ]
        .into_iter()
        .flatten()
        .map(|b| i64::try_from(b.len()).unwrap_or(i64::MAX))
        .fold(0i64, i64::saturating_add);
        with_tx!(self, |tx| {
            if let Some(quota) = quota {
                let workspace: WorkspaceId =
                    sqlx::query_scalar("SELECT workspace_id FROM sessions WHERE id = $1")
                        .bind(session)
                        .fetch_optional(&mut *tx)
                        .await?
                        .ok_or(StoreError::NotFound)?;
                crate::quota::reserve(&mut tx, workspace, size, quota).await?;
            }
            sqlx::query("INSERT INTO images (id, session_id, content_type, bytes, card_1x, card_2x, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(id)
                .bind(session)
                .bind(image.content_type)
                .bind(image.bytes)
                .bind(image.card.map(|c| c[0]))
                .bind(image.card.map(|c| c[1]))
                .bind(now_ms())
                .execute(&mut *tx)
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

impl crate::Conn<'_> {
    /// Writes a new session's row and its owner's share, in the caller's transaction, if the
    /// workspace's plan has room for one more active session.
    pub(crate) async fn create_session(
        &mut self,
        plans: &crate::billing::PlanBook,
        id: SessionId,
        new: &NewSession,
        now: i64,
    ) -> Result<SessionRecord> {
        self.check_limit(plans, new.workspace, None, Limit::ActiveSessions, 1)
            .await?;
        let sql = format!(
            "INSERT INTO sessions (id, workspace_id, title, first_date, start_time, time_zone, language, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING {SESSION_COLUMNS}"
        );
        let row: SessionRecord = crate::tx::on_conn!(self, |c| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .bind(new.workspace)
                .bind(&new.title)
                .bind(new.first_date.to_string())
                .bind(new.start_time.to_string())
                .bind(&new.time_zone)
                .bind(&new.language)
                .bind(new.created_by)
                .bind(now)
                .fetch_one(&mut **c)
                .await?
        });
        self.add_owner(id, new.created_by).await?;
        Ok(row)
    }
}
