//! Deleting a person (User Agreement 3.10), in one transaction: their own workspace and the
//! teams no one else is in go with everything in them; public methods and designs stay, without
//! the author's name; what they did in others' sessions stays without their name; every row that
//! names them (logins, tokens, consents, notifications and emails with their name, invitations
//! to their address, throttles and jobs that mention them) goes. The deletion ledger keeps the
//! id, so a restored backup forgets them again.

use crate::tx::on_conn;
use crate::{Conn, Result, Store, StoreError, now_ms, with_db};
use domain::{SessionId, UserId, WorkspaceId};

/// Why a person was deleted, as the ledger keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeletionReason {
    /// They deleted their account.
    Request,
    /// An administrator deleted it (a request by email, say).
    Administrator,
    /// It went unused for the configured period.
    Inactivity,
    /// The ledger listed it while a backup was restored.
    Ledger,
}

impl DeletionReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Administrator => "administrator",
            Self::Inactivity => "inactivity",
            Self::Ledger => "ledger",
        }
    }

    /// Whether what the person would be asked about is settled without them: a team only
    /// they administer goes to its longest-standing member, their sessions others edit go to
    /// their longest-standing editor (but for a ledger's deletion, which repeats one already
    /// made), and those only others view are deleted.
    fn settles(self) -> bool {
        self != Self::Request
    }
}

/// What deleting a person would do, shown before they confirm.
#[derive(Debug, Clone, Default)]
pub struct DeletionPreview {
    /// Sessions that go: those of their own workspace and of the teams that go, the trash
    /// included.
    pub sessions: i64,
    /// Of those, the ones other people hold a role on: handed over first, or deleted and
    /// their people told.
    pub shared: Vec<SharedSession>,
    /// Teams only they administer while others are members: handed over first.
    pub to_hand_over: Vec<(WorkspaceId, String)>,
    /// Teams no one else is in, deleted with them.
    pub teams_deleted: Vec<(WorkspaceId, String)>,
    /// Teams they leave; what they made there stays with the team.
    pub teams_left: Vec<(WorkspaceId, String)>,
    /// Methods and designs that go (private) and stay (public, without the author's name).
    pub private_items: i64,
    pub public_items: i64,
    /// Files that go with their workspaces.
    pub files: i64,
    /// Comments in sessions that stay, kept under "a former member".
    pub comments: i64,
}

/// A session of the person's that others hold a role on.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SharedSession {
    pub id: SessionId,
    pub title: String,
    /// How many others hold a role on it.
    pub people: i64,
}

/// What a deletion did, for what follows its commit.
#[derive(Debug, Clone, Default)]
pub struct Deleted {
    /// Everyone who held a role on a session that went, with its title (to be told; empty
    /// when the ledger re-applies a deletion).
    pub told: Vec<(UserId, String)>,
    /// The sessions that went (their live rooms close).
    pub sessions: Vec<SessionId>,
    /// The stored contents of the files that went, by workspace and hash (their bytes are
    /// forgotten by the files job).
    pub contents: Vec<(WorkspaceId, String)>,
    /// Contents whose files moved with their sessions from a workspace that went to another
    /// (from, to, hash): the caller copies the bytes before the deletion commits.
    pub moved: Vec<(WorkspaceId, WorkspaceId, String)>,
    /// Sessions handed to their longest-standing editor (an administrator's or an inactivity
    /// deletion): the new owner, and the title, to be told.
    pub handed: Vec<(UserId, String)>,
}

/// A team the person is in (or owns), as deletion sees it.
#[derive(sqlx::FromRow)]
struct TeamPlace {
    id: WorkspaceId,
    name: String,
    role: Option<String>,
    others: i64,
    other_admins: i64,
}

impl TeamPlace {
    fn goes(&self) -> bool {
        self.others == 0
    }

    fn needs_hand_over(&self) -> bool {
        self.others > 0 && self.other_admins == 0 && self.role.as_deref() == Some("admin")
    }
}

const TEAMS: &str = "SELECT w.id, w.name, m.role,
        (SELECT COUNT(*) FROM workspace_members o WHERE o.workspace_id = w.id AND o.user_id <> $1) AS others,
        (SELECT COUNT(*) FROM workspace_members o WHERE o.workspace_id = w.id AND o.user_id <> $1 AND o.role = 'admin') AS other_admins
     FROM workspaces w LEFT JOIN workspace_members m ON m.workspace_id = w.id AND m.user_id = $1
     WHERE w.kind = 'team' AND (m.user_id IS NOT NULL OR w.owner_id = $1)
     ORDER BY w.name, w.id";

/// A session `s` someone other than `$2` owns.
const OWNED_BY_OTHER: &str = "EXISTS (SELECT 1 FROM session_shares so WHERE so.session_id = s.id AND so.role = 'owner' AND so.user_id <> $2)";

const PERSONAL: &str = "SELECT id FROM workspaces WHERE owner_id = $1 AND kind = 'personal'";

const SHARED: &str = "SELECT s.id, s.title,
        (SELECT COUNT(*) FROM session_shares o WHERE o.session_id = s.id AND o.user_id <> $2) AS people
     FROM sessions s
     WHERE s.workspace_id = $1 AND s.deleted_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM session_shares o WHERE o.session_id = s.id AND o.role = 'owner' AND o.user_id <> $2)
       AND EXISTS (SELECT 1 FROM session_shares o WHERE o.session_id = s.id AND o.user_id <> $2)
     ORDER BY s.title, s.id";

impl Store {
    /// What deleting `user` would do (read without taking the write lock).
    pub async fn deletion_preview(&self, user: UserId) -> Result<DeletionPreview> {
        with_db!(self, |pool| {
            let mut c = pool.acquire().await?;
            Conn::from(&mut *c).deletion_preview(user).await
        })
    }

    /// Deletes `user` in one transaction ([`Conn::delete_user`]).
    pub async fn delete_user(
        &self,
        user: UserId,
        reason: DeletionReason,
        delete_shared: bool,
    ) -> Result<Deleted> {
        let mut tx = self.begin().await?;
        let deleted = tx.conn().delete_user(user, reason, delete_shared).await?;
        tx.commit().await?;
        Ok(deleted)
    }

    /// The deletion ledger: everyone deleted, oldest first.
    pub async fn deletion_ledger(&self) -> Result<Vec<(UserId, i64)>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as("SELECT user_id, deleted_at FROM deletions ORDER BY deleted_at, user_id")
                .fetch_all(pool)
                .await?
        }))
    }
}

impl Conn<'_> {
    /// The workspaces that go with `user`: their own, and the teams no one else is in.
    async fn gone_workspaces(
        &mut self,
        user: UserId,
    ) -> Result<(Vec<WorkspaceId>, Vec<TeamPlace>)> {
        let (personal, teams): (Vec<WorkspaceId>, Vec<TeamPlace>) = on_conn!(self, |c| {
            (
                sqlx::query_scalar(PERSONAL)
                    .bind(user)
                    .fetch_all(&mut **c)
                    .await?,
                sqlx::query_as(TEAMS).bind(user).fetch_all(&mut **c).await?,
            )
        });
        let mut gone = personal;
        gone.extend(teams.iter().filter(|t| t.goes()).map(|t| t.id));
        Ok((gone, teams))
    }

    /// [`Store::deletion_preview`] inside a unit of work.
    pub async fn deletion_preview(&mut self, user: UserId) -> Result<DeletionPreview> {
        let (gone, teams) = self.gone_workspaces(user).await?;
        let mut preview = DeletionPreview::default();
        for t in &teams {
            let entry = (t.id, t.name.clone());
            if t.goes() {
                preview.teams_deleted.push(entry);
            } else if t.needs_hand_over() {
                preview.to_hand_over.push(entry);
            } else {
                preview.teams_left.push(entry);
            }
        }
        for w in &gone {
            let (sessions, shared, items, public, files): (i64, Vec<SharedSession>, i64, i64, i64) = on_conn!(
                self,
                |c| {
                    (
                        sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                            "SELECT COUNT(*) FROM sessions s WHERE s.workspace_id = $1 AND NOT ({OWNED_BY_OTHER})"
                        )))
                        .bind(w)
                        .bind(user)
                            .fetch_one(&mut **c)
                            .await?,
                        sqlx::query_as(SHARED)
                            .bind(w)
                            .bind(user)
                            .fetch_all(&mut **c)
                            .await?,
                        sqlx::query_scalar(
                            "SELECT (SELECT COUNT(*) FROM methods WHERE workspace_id = $1)
                                  + (SELECT COUNT(*) FROM templates WHERE workspace_id = $1)",
                        )
                        .bind(w)
                        .fetch_one(&mut **c)
                        .await?,
                        sqlx::query_scalar(
                            "SELECT (SELECT COUNT(*) FROM methods WHERE workspace_id = $1 AND public = TRUE)
                                  + (SELECT COUNT(*) FROM templates WHERE workspace_id = $1 AND public = TRUE)",
                        )
                        .bind(w)
                        .fetch_one(&mut **c)
                        .await?,
                        sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                            "SELECT COUNT(*) FROM files f LEFT JOIN sessions s ON s.id = f.session_id
                             WHERE f.workspace_id = $1 AND NOT (s.id IS NOT NULL AND (s.workspace_id <> $1 OR {OWNED_BY_OTHER}))"
                        )))
                        .bind(w)
                        .bind(user)
                            .fetch_one(&mut **c)
                            .await?,
                    )
                }
            );
            preview.sessions += sessions;
            preview.shared.extend(shared);
            preview.private_items += items - public;
            preview.public_items += public;
            preview.files += files;
        }
        preview.comments = on_conn!(self, |c| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM comments c JOIN sessions s ON s.id = c.session_id
                 JOIN workspaces w ON w.id = s.workspace_id
                 WHERE c.author_id = $1 AND NOT (w.kind = 'personal' AND w.owner_id = $1)",
            )
            .bind(user)
            .fetch_one(&mut **c)
            .await?
        });
        // Comments in teams that go, go with them.
        for t in teams.iter().filter(|t| t.goes()) {
            let n: i64 = on_conn!(self, |c| {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM comments c JOIN sessions s ON s.id = c.session_id
                     WHERE c.author_id = $1 AND s.workspace_id = $2",
                )
                .bind(user)
                .bind(t.id)
                .fetch_one(&mut **c)
                .await?
            });
            preview.comments -= n;
        }
        Ok(preview)
    }

    /// Deletes `user` and every row that names them, keeping public content and what they
    /// did in sessions that stay (without their name). A team only they administer is handed
    /// over and their sessions others hold a role on are deleted only when `reason` settles
    /// it or (for their own request) `delete_shared` says so; otherwise `Conflict("team")`
    /// or `Conflict("shared")` and nothing changes. An administrator's or an inactivity
    /// deletion first hands each session others edit to its longest-standing editor. A session someone else owns leaves a
    /// workspace that goes for its owner's own, with its files (whose bytes the caller copies:
    /// [`Deleted::moved`]). Answers what the caller does: copy, tell, close rooms, forget.
    pub async fn delete_user(
        &mut self,
        user: UserId,
        reason: DeletionReason,
        delete_shared: bool,
    ) -> Result<Deleted> {
        let found: Option<(String, String, String)> = on_conn!(self, |c| {
            sqlx::query_as("SELECT email, first_name, last_name FROM users WHERE id = $1")
                .bind(user)
                .fetch_optional(&mut **c)
                .await?
        });
        let (email, first_name, last_name) = found.ok_or(StoreError::NotFound)?;
        let (gone, teams) = self.gone_workspaces(user).await?;
        if !reason.settles() && teams.iter().any(TeamPlace::needs_hand_over) {
            return Err(StoreError::Conflict("team"));
        }
        let now = now_ms();
        let mut deleted = Deleted::default();
        on_conn!(self, |c| {
            for t in teams.iter().filter(|t| t.needs_hand_over()) {
                // Settled without them: the longest-standing member administers the team.
                sqlx::query(
                    "UPDATE workspace_members SET role = 'admin'
                     WHERE workspace_id = $1 AND user_id = (
                        SELECT user_id FROM workspace_members WHERE workspace_id = $1 AND user_id <> $2
                        ORDER BY created_at, user_id LIMIT 1)",
                )
                .bind(t.id)
                .bind(user)
                .execute(&mut **c)
                .await?;
            }
            for t in teams.iter().filter(|t| !t.goes()) {
                // A team that stays is owned by its longest-standing other admin.
                sqlx::query(
                    "UPDATE workspaces SET owner_id = (
                        SELECT user_id FROM workspace_members WHERE workspace_id = $1 AND user_id <> $2 AND role = 'admin'
                        ORDER BY created_at, user_id LIMIT 1)
                     WHERE id = $1 AND owner_id = $2",
                )
                .bind(t.id)
                .bind(user)
                .execute(&mut **c)
                .await?;
            }
            for w in &gone {
                if matches!(
                    reason,
                    DeletionReason::Administrator | DeletionReason::Inactivity
                ) {
                    // Settled without them: a session others edit goes to its
                    // longest-standing editor rather than away.
                    let heirs: Vec<(SessionId, String, UserId)> = sqlx::query_as(
                        "SELECT s.id, s.title, (SELECT e.user_id FROM session_shares e
                                 WHERE e.session_id = s.id AND e.role = 'editor' AND e.user_id <> $2
                                 ORDER BY e.created_at, e.user_id LIMIT 1) AS heir
                         FROM sessions s
                         WHERE s.workspace_id = $1 AND s.deleted_at IS NULL
                           AND EXISTS (SELECT 1 FROM session_shares e WHERE e.session_id = s.id AND e.role = 'editor' AND e.user_id <> $2)
                           AND EXISTS (SELECT 1 FROM session_shares me WHERE me.session_id = s.id AND me.role = 'owner' AND me.user_id = $2)",
                    )
                    .bind(w)
                    .bind(user)
                    .fetch_all(&mut **c)
                    .await?;
                    for (s, title, heir) in heirs {
                        for (role, who) in [("editor", user), ("owner", heir)] {
                            sqlx::query(
                                "UPDATE session_shares SET role = $1 WHERE session_id = $2 AND user_id = $3",
                            )
                            .bind(role)
                            .bind(s)
                            .bind(who)
                            .execute(&mut **c)
                            .await?;
                        }
                        deleted.handed.push((heir, title));
                    }
                }
                // Sessions others own (handed over in a team that goes) go to their owners.
                sqlx::query(
                    "UPDATE sessions SET workspace_id = (
                        SELECT p.id FROM session_shares o JOIN workspaces p ON p.owner_id = o.user_id AND p.kind = 'personal'
                        WHERE o.session_id = sessions.id AND o.role = 'owner')
                     WHERE workspace_id = $1 AND EXISTS (
                        SELECT 1 FROM session_shares o JOIN workspaces p ON p.owner_id = o.user_id AND p.kind = 'personal'
                        WHERE o.session_id = sessions.id AND o.role = 'owner' AND o.user_id <> $2)",
                )
                .bind(w)
                .bind(user)
                .execute(&mut **c)
                .await?;
                let shared: Vec<SharedSession> = sqlx::query_as(SHARED)
                    .bind(w)
                    .bind(user)
                    .fetch_all(&mut **c)
                    .await?;
                if !shared.is_empty() && !reason.settles() && !delete_shared {
                    return Err(StoreError::Conflict("shared"));
                }
                // Files of sessions that live elsewhere now follow them.
                let moved: Vec<(WorkspaceId, String)> = sqlx::query_as(
                    "SELECT DISTINCT s.workspace_id, f.sha256 FROM files f JOIN sessions s ON s.id = f.session_id
                     WHERE f.workspace_id = $1 AND s.workspace_id <> $1",
                )
                .bind(w)
                .fetch_all(&mut **c)
                .await?;
                deleted
                    .moved
                    .extend(moved.into_iter().map(|(to, sha)| (*w, to, sha)));
                sqlx::query(
                    "UPDATE files SET workspace_id = (SELECT s.workspace_id FROM sessions s WHERE s.id = files.session_id)
                     WHERE workspace_id = $1 AND session_id IN (SELECT id FROM sessions WHERE workspace_id <> $1)",
                )
                .bind(w)
                .execute(&mut **c)
                .await?;
                if reason != DeletionReason::Ledger {
                    let told: Vec<(UserId, String)> = sqlx::query_as(
                        "SELECT o.user_id, s.title FROM session_shares o JOIN sessions s ON s.id = o.session_id
                         WHERE s.workspace_id = $1 AND s.deleted_at IS NULL AND o.user_id <> $2
                         ORDER BY o.user_id, s.title",
                    )
                    .bind(w)
                    .bind(user)
                    .fetch_all(&mut **c)
                    .await?;
                    deleted.told.extend(told);
                }
                let sessions: Vec<SessionId> =
                    sqlx::query_scalar("SELECT id FROM sessions WHERE workspace_id = $1")
                        .bind(w)
                        .fetch_all(&mut **c)
                        .await?;
                deleted.sessions.extend(sessions);
                let contents: Vec<(WorkspaceId, String)> = sqlx::query_as(
                    "SELECT DISTINCT workspace_id, sha256 FROM files WHERE workspace_id = $1",
                )
                .bind(w)
                .fetch_all(&mut **c)
                .await?;
                deleted.contents.extend(contents);
                // Public methods and designs stay in the public library, by no one (the
                // files attached to a method belong to its workspace and go with it).
                for table in ["methods", "templates"] {
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "UPDATE {table} SET workspace_id = NULL, created_by = NULL
                         WHERE workspace_id = $1 AND public = TRUE"
                    )))
                    .bind(w)
                    .execute(&mut **c)
                    .await?;
                }
            }
            // Every other session they own gets the owner of its workspace as its owner.
            let owned: Vec<(SessionId, UserId)> = sqlx::query_as(
                "SELECT s.id, w.owner_id FROM sessions s JOIN workspaces w ON w.id = s.workspace_id
                 JOIN session_shares o ON o.session_id = s.id
                 WHERE o.user_id = $1 AND o.role = 'owner' AND w.owner_id <> $1",
            )
            .bind(user)
            .fetch_all(&mut **c)
            .await?;
            for (s, owner) in owned {
                sqlx::query("DELETE FROM session_shares WHERE session_id = $1 AND user_id = $2")
                    .bind(s)
                    .bind(user)
                    .execute(&mut **c)
                    .await?;
                sqlx::query(
                    "INSERT INTO session_shares (session_id, user_id, role, created_at) VALUES ($1, $2, 'owner', $3)
                     ON CONFLICT (session_id, user_id) DO UPDATE SET role = 'owner'",
                )
                .bind(s)
                .bind(owner)
                .bind(now)
                .execute(&mut **c)
                .await?;
            }
            for w in &gone {
                sqlx::query("DELETE FROM workspaces WHERE id = $1")
                    .bind(w)
                    .execute(&mut **c)
                    .await?;
            }
            // What names them without a reference to their row.
            for sql in [
                "DELETE FROM outbox WHERE lower(to_addr) = lower($1)",
                "DELETE FROM session_invitations WHERE lower(email) = lower($1)",
                "DELETE FROM workspace_invitations WHERE lower(email) = lower($1)",
            ] {
                sqlx::query(sql).bind(&email).execute(&mut **c).await?;
            }
            // Throttles counted by their address or id (`name:subject`), and a reset link
            // waiting to go to their address.
            for subject in [email.to_lowercase(), user.to_string()] {
                sqlx::query(
                    "DELETE FROM throttles WHERE length(key) > length($1)
                       AND substr(lower(key), length(key) - length($1)) = ':' || $1",
                )
                .bind(&subject)
                .execute(&mut **c)
                .await?;
            }
            sqlx::query("DELETE FROM jobs WHERE kind = 'send_reset_link' AND payload = $1")
                .bind(serde_json::json!({ "email": email }).to_string())
                .execute(&mut **c)
                .await?;
            // Notifications from before 0025 name their sender only in the note.
            sqlx::query(
                "DELETE FROM notifications WHERE actor_id IS NULL AND note = $1
                   AND kind IN ('comment_mention', 'session_invited', 'team_invited', 'session_shared', 'workspace_joined')",
            )
            .bind(format!("{first_name} {last_name}"))
            .execute(&mut **c)
            .await?;
            // A news email's place in the list moves to the person before them.
            sqlx::query(
                "UPDATE newsletters SET last_user_id = (
                    SELECT id FROM users WHERE id < $1 ORDER BY id DESC LIMIT 1)
                 WHERE last_user_id = $1",
            )
            .bind(user)
            .execute(&mut **c)
            .await?;
            sqlx::query("DELETE FROM users WHERE id = $1")
                .bind(user)
                .execute(&mut **c)
                .await?;
            sqlx::query(
                "INSERT INTO deletions (user_id, deleted_at, reason) VALUES ($1, $2, $3)
                 ON CONFLICT (user_id) DO NOTHING",
            )
            .bind(user)
            .bind(now)
            .bind(reason.as_str())
            .execute(&mut **c)
            .await?;
        });
        deleted.told.sort();
        deleted.told.dedup();
        Ok(deleted)
    }

    /// Writes `user` into the deletion ledger without deleting anyone (a person already gone
    /// from this database, listed by another copy's ledger).
    pub async fn record_deletion(&mut self, user: UserId, at: i64) -> Result<()> {
        on_conn!(self, |c| {
            sqlx::query(
                "INSERT INTO deletions (user_id, deleted_at, reason) VALUES ($1, $2, 'ledger')
                 ON CONFLICT (user_id) DO NOTHING",
            )
            .bind(user)
            .bind(at)
            .execute(&mut **c)
            .await?;
        });
        Ok(())
    }
}

impl Store {
    /// Copies the SQLite database into a new file at `to`, consistent as of one moment, while
    /// it stays in use (`VACUUM INTO`, which also leaves out free pages). PostgreSQL has its
    /// own tools (`pg_dump`): `Conflict("postgres")`.
    pub async fn backup_into(&self, to: &std::path::Path) -> Result<()> {
        match self.db() {
            crate::Db::Sqlite(pool) => {
                let path = to
                    .to_str()
                    .ok_or(StoreError::BadUrl("a backup path that is not UTF-8".into()))?;
                sqlx::query("VACUUM INTO $1")
                    .bind(path)
                    .execute(pool)
                    .await?;
                Ok(())
            }
            crate::Db::Postgres(_) => Err(StoreError::Conflict("postgres")),
        }
    }

    /// Folds SQLite's write-ahead log into the database file and empties it: false when
    /// another connection (a running service) kept it from finishing. Nothing to do on
    /// PostgreSQL.
    pub async fn checkpoint(&self) -> Result<bool> {
        if let crate::Db::Sqlite(pool) = self.db() {
            let (busy, log, done): (i64, i64, i64) =
                sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                    .fetch_one(pool)
                    .await?;
            return Ok(busy == 0 && log == done);
        }
        Ok(true)
    }
}

/// What `PRAGMA quick_check` says of the SQLite database `file` (opened read-only), and the
/// newest migration applied to it: a backup is checked before it replaces anything.
pub async fn inspect_sqlite(file: &std::path::Path) -> Result<(String, i64)> {
    use sqlx::ConnectOptions;
    let mut c = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .connect()
        .await?;
    let check: String = sqlx::query_scalar("PRAGMA quick_check")
        .fetch_one(&mut c)
        .await?;
    let newest: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(&mut c)
            .await?;
    Ok((check, newest.unwrap_or(0)))
}

/// Whether another connection (a running service) has the SQLite database `file` open: an
/// exclusive lock, asked for without waiting, is refused while any other connection is open.
pub async fn sqlite_in_use(file: &std::path::Path) -> Result<bool> {
    use sqlx::ConnectOptions;
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(file)
        .locking_mode(sqlx::sqlite::SqliteLockingMode::Exclusive)
        .busy_timeout(std::time::Duration::ZERO);
    let locked = |e: &sqlx::Error| {
        e.as_database_error()
            .and_then(|d| d.code())
            .is_some_and(|code| code == "5" || code == "6")
    };
    let mut c = match options.connect().await {
        Ok(c) => c,
        Err(e) if locked(&e) => return Ok(true),
        Err(e) => return Err(e.into()),
    };
    let outcome = match sqlx::query("BEGIN EXCLUSIVE").execute(&mut c).await {
        Ok(_) => {
            sqlx::query("COMMIT").execute(&mut c).await?;
            Ok(false)
        }
        Err(e) if locked(&e) => Ok(true),
        Err(e) => Err(e.into()),
    };
    sqlx::Connection::close(c).await?;
    outcome
}

/// The file of a `sqlite:` database URL; none for PostgreSQL or an in-memory database.
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    use std::str::FromStr;
    if !url.starts_with("sqlite:") {
        return None;
    }
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url).ok()?;
    let file = options.get_filename();
    (!file.as_os_str().is_empty() && file.to_str() != Some(":memory:")).then(|| file.to_owned())
}
