//! Plenary's persistence. [`Store`] holds one pool, SQLite or PostgreSQL, and offers one method
//! per use case. SQL text is shared between the backends where it is portable (`$N`
//! placeholders, `RETURNING`, `ON CONFLICT`); the arms differ only where the backends do
//! (locking, transaction start). Instants are stored as milliseconds since the epoch.

mod accounts;
pub mod activity;
mod administration;
mod billing;
mod bus;
mod comments;
mod consents;
mod console;
mod copyright;
mod data_exports;
mod exports;
mod files;
mod group_commit;
mod inactivity;
pub mod invitations;
mod invoices;
mod jobs;
mod legal;
pub mod library;
mod logins;
mod messages;
mod notifications;
mod outbox;
mod payments;
mod people;
mod quota;
mod reports;
mod sessions;
mod sharing;
mod snapshots;
mod throttle;
mod tx;
mod usage;
mod workspaces;

pub use accounts::{
    AvatarImage, EmailToken, EmailTokenPurpose, NewUser, ProfileUpdate, User, UserSummary,
};
pub use activity::{ActivityFilter, ActivityRow};
pub use administration::{
    AuditEntry, AuditFilter, Block, NewAudit, PersonFacts, Restrict, RestrictionRow,
};
pub use billing::{Counts, Holds, SubscriptionEvent, SubscriptionRow};
pub use bus::Signal;
pub use comments::CommentRow;
pub use consents::{ConsentRow, NewConsent};
pub use console::{PaymentOverview, PhoneHolder, Refund, WorkspacePlan};
pub use copyright::{CounterRow, NewCounter, NewNotice, NoticeRow};
pub use data_exports::{DataExportRow, WrittenComment, WrittenItem};
pub use exports::{ExportRow, ExportStatus, NewExport};
pub use files::{FileParent, FileRow, ListedFile, NewFile};
pub use inactivity::Inactive;
pub use invitations::{Answering, Holder, Incoming, Invitation, Sending};
pub use invoices::{InvoiceRow, NewInvoice, Organisation};
pub use jobs::{ClaimedJob, NewJob, backoff_ms};
pub use legal::{LegalAcceptance, LegalDraft, LegalVersion, PublishedLegal};
pub use library::publication::Item;
pub use library::{
    MethodHit, MethodRow, MethodSearch, Page, Pending, Review, SEARCH_INDEX_VERSION, SearchScope,
    Sort, TemplateRow,
};
pub use logins::{ApiToken, FoundLogin, LoginInfo};
pub use messages::{MessageChoices, NewNewsletter, NewsletterRow, Recipient};
pub use notifications::{Notice, Notification};
pub use outbox::{Mail, MailStatus, NewMail};
pub use payments::{
    NewPayment, NewSandboxPayment, PaymentKind, PaymentRow, Retry, SandboxCard, SandboxPayment,
    SavedCard, day_start_ms, utc_day,
};
pub use people::{
    Deleted, DeletionPreview, DeletionReason, SharedSession, inspect_sqlite, sqlite_file,
    sqlite_in_use,
};
pub use quota::Usage;
pub use reports::{NewReport, RESTORE_MS, Removed, RemovedRow, ReportRow};
pub use sessions::{
    BatchOutcome, CategoryRow, ImageRow, ImageSize, LoggedOp, NewImage, NewSession, OpOutcome,
    TRASH_DAYS,
};
pub use sharing::{Accepted, Editor, InvitationRow, LinkRow, ShareRow};
pub use snapshots::{DAY_MS, KEEP_ALL_MS, PAUSE_MS, Restored, Snapshot, SnapshotKind, SnapshotRow};
pub use throttle::ThrottleHit;
pub use tx::{Conn, Tx};
pub use usage::{UsageHits, UsageKind};
pub use workspaces::{MemberInvitationRow, MemberRow, WorkspaceRow};

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Errors of the persistence layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist (or is not the caller's).
    #[error("not found")]
    NotFound,
    /// A unique value is taken; the string names which.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("database URL not understood: {0}")]
    BadUrl(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// After the migrations, rows of the named table refer to rows that do not exist (SQLite,
    /// whose migrations run with foreign keys off); nothing was committed.
    #[error("after the migrations, rows of {0} refer to rows that do not exist")]
    BrokenReferences(String),
    /// A stored row does not read into its type (the string names the column and the row);
    /// nothing is guessed in its place.
    #[error("a stored value does not read: {0}")]
    Unreadable(String),
    /// The write would take a workspace past its plan's limit; nothing was written.
    #[error(transparent)]
    OverLimit(#[from] domain::plan::OverLimit),
    /// The workspace's plan does not include the feature the write uses; nothing was written.
    #[error("the workspace's plan does not include {}", .0.as_str())]
    NotInPlan(domain::plan::Feature),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Reads rows into their types, failing on the first that does not read
/// ([`StoreError::Unreadable`]).
pub(crate) fn read_all<R, T: TryFrom<R, Error = StoreError>>(rows: Vec<R>) -> Result<Vec<T>> {
    rows.into_iter().map(T::try_from).collect()
}

/// A lowercase LIKE pattern (with `ESCAPE '\'`) that finds `query` anywhere, its own
/// wildcards taken literally.
pub(crate) fn like_contains(query: &str) -> String {
    format!(
        "%{}%",
        query
            .trim()
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// Maps a unique violation to [`StoreError::Conflict`] with the given name.
pub(crate) fn conflict_as(name: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |err| match err.as_database_error() {
        Some(db) if db.is_unique_violation() => StoreError::Conflict(name),
        _ => StoreError::Database(err),
    }
}

/// The two supported backends.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the concrete pool of whichever backend is in use.
macro_rules! with_db {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.db {
            $crate::Db::Sqlite($pool) => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` inside a write transaction bound to `$tx` and commits it. An early return
/// through `?` drops the transaction, which rolls it back. SQLite transactions begin
/// IMMEDIATE so that two writers queue on the busy timeout instead of failing on upgrade.
macro_rules! with_tx {
    ($store:expr, |$tx:ident| $body:expr) => {
        match &$store.db {
            $crate::Db::Sqlite(pool) => {
                let mut $tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
            $crate::Db::Postgres(pool) => {
                let mut $tx = pool.begin().await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
        }
    };
}
pub(crate) use {with_db, with_tx};

/// Milliseconds since the Unix epoch, the unit of every stored instant.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// Which backend a store runs on, for logs and `/readyz`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database behind every use case.
#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
    bus: bus::Bus,
    commits: group_commit::GroupCommit,
    plans: billing::PlanBook,
}

impl Store {
    /// Connects to `url`: `sqlite:PATH` (created when missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Self> {
        let bus = bus::Bus::new();
        let mut commits = group_commit::GroupCommit::none();
        let plans = billing::PlanBook::default();
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options =
                PgConnectOptions::from_str(url).map_err(|e| StoreError::BadUrl(e.to_string()))?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Db::Postgres(pool)
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::BadUrl(e.to_string()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            commits = group_commit::GroupCommit::start(pool.clone(), bus.clone(), plans.clone());
            Db::Sqlite(pool)
        } else {
            return Err(StoreError::BadUrl(
                "expected sqlite:PATH or postgres://…".to_owned(),
            ));
        };
        Ok(Self {
            db,
            bus,
            commits,
            plans,
        })
    }

    pub fn backend(&self) -> Backend {
        match self.db {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// The PostgreSQL pool, for features that need one (LISTEN/NOTIFY).
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Applies pending migrations, exactly once even when several instances start at once
    /// (an advisory lock on PostgreSQL, an IMMEDIATE transaction on SQLite).
    pub async fn migrate(&self) -> Result<()> {
        self.migrate_until(None).await
    }

    /// Applies the migrations up to `version` only, for the tests that migrate a database
    /// holding data from an earlier version.
    #[cfg(feature = "testing")]
    pub async fn migrate_to(&self, version: i64) -> Result<()> {
        self.migrate_until(Some(version)).await
    }

    async fn migrate_until(&self, version: Option<i64>) -> Result<()> {
        match &self.db {
            Db::Sqlite(pool) => {
                // SQLite changes a table's references by building it again, which is safe only
                // with foreign keys off: dropping the old table would otherwise delete what
                // refers to it. They are off on this connection while the migrations run, and
                // checked before the transaction commits.
                let mut conn = pool.acquire().await?;
                sqlx::query("PRAGMA foreign_keys = OFF")
                    .execute(&mut *conn)
                    .await?;
                let applied = async {
                    // SQLite has no advisory lock: the IMMEDIATE transaction makes a second
                    // process starting on the same file wait until the first has applied
                    // every migration.
                    let mut tx =
                        sqlx::Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE").await?;
                    match version {
                        Some(v) => SQLITE_MIGRATIONS.run_to(v, &mut *tx).await?,
                        None => SQLITE_MIGRATIONS.run(&mut *tx).await?,
                    }
                    let broken: Vec<(String,)> =
                        sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
                            .fetch_all(&mut *tx)
                            .await?;
                    if let Some((table,)) = broken.into_iter().next() {
                        return Err(StoreError::BrokenReferences(table));
                    }
                    tx.commit().await?;
                    Ok(())
                }
                .await;
                sqlx::query("PRAGMA foreign_keys = ON")
                    .execute(&mut *conn)
                    .await?;
                applied?;
            }
            Db::Postgres(pool) => match version {
                Some(v) => POSTGRES_MIGRATIONS.run_to(v, pool).await?,
                None => POSTGRES_MIGRATIONS.run(pool).await?,
            },
        }
        Ok(())
    }

    /// True when the database answers and every embedded migration has been applied.
    pub async fn ready(&self) -> Result<bool> {
        let (applied, expected): (i64, usize) = match &self.db {
            Db::Sqlite(pool) => (
                sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE")
                    .fetch_one(pool)
                    .await?,
                SQLITE_MIGRATIONS.iter().count(),
            ),
            Db::Postgres(pool) => (
                sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE")
                    .fetch_one(pool)
                    .await?,
                POSTGRES_MIGRATIONS.iter().count(),
            ),
        };
        Ok(usize::try_from(applied).unwrap_or(0) == expected)
    }

    /// Connections open and idle, for metrics.
    pub fn pool_stats(&self) -> (u32, usize) {
        with_db!(self, |pool| (pool.size(), pool.num_idle()))
    }

    /// Transactions the SQLite group commit has committed (0 on PostgreSQL), for metrics: ops
    /// that arrive together share one, so under load it grows more slowly than the ops do.
    pub fn op_transactions(&self) -> u64 {
        self.commits.transactions()
    }

    pub async fn close(&self) {
        with_db!(self, |pool| pool.close().await)
    }
}

/// The migration versions embedded for each backend, for the test that keeps them equal.
pub fn migration_versions() -> (Vec<i64>, Vec<i64>) {
    (
        SQLITE_MIGRATIONS.iter().map(|m| m.version).collect(),
        POSTGRES_MIGRATIONS.iter().map(|m| m.version).collect(),
    )
}

#[cfg(feature = "testing")]
pub mod testing;
