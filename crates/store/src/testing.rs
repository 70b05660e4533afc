//! A fresh, migrated database for each test: a new SQLite file by default, or a new schema
//! in the PostgreSQL database named by `PLENARY_TEST_POSTGRES` (the full test command sets
//! it). An unreachable PostgreSQL fails the test; nothing is skipped.

use crate::Store;

/// The environment variable holding the PostgreSQL URL for tests.
pub const POSTGRES_ENV: &str = "PLENARY_TEST_POSTGRES";

/// The environment variable naming a PostgreSQL database for the tests that need PostgreSQL
/// whichever backend the other tests run on: several instances on one database, and the
/// comparison of the two backends' schemas (the full test command sets it in both runs).
pub const INSTANCES_ENV: &str = "PLENARY_TEST_POSTGRES_INSTANCES";

/// The database URL for a new, empty test database (not yet created for PostgreSQL).
pub async fn fresh_url() -> String {
    match std::env::var(POSTGRES_ENV) {
        Ok(base) if !base.is_empty() => fresh_schema(&base).await,
        _ => fresh_sqlite_url(),
    }
}

/// The URL of a new SQLite file under the system's temporary directory, whichever backend
/// the other tests run on (for the test that compares the backends' schemas).
pub fn fresh_sqlite_url() -> String {
    let id = uuid::Uuid::now_v7().simple().to_string();
    let dir = std::env::temp_dir().join("plenary-tests");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {dir:?}: {e}"));
    format!("sqlite:{}", dir.join(format!("{id}.db")).display())
}

/// A new, empty schema in PostgreSQL for a test that needs PostgreSQL on either run (several
/// instances sharing one database, the schema comparison): the database of `PLENARY_TEST_POSTGRES`, or else of `PLENARY_TEST_POSTGRES_INSTANCES`. With
/// neither set the test fails, saying so.
pub async fn fresh_postgres_url() -> String {
    let base = [POSTGRES_ENV, INSTANCES_ENV]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| {
            panic!("this test needs PostgreSQL whichever backend the others run on: set {INSTANCES_ENV} (scripts/test does)")
        });
    fresh_schema(&base).await
}

/// A new schema in the PostgreSQL database at `base`, and the URL that uses it.
async fn fresh_schema(base: &str) -> String {
    let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
    let admin = Store::connect(base)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at {base} is unreachable: {e}"));
    if let crate::Db::Postgres(pool) = admin.db() {
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(pool)
            .await
            .unwrap_or_else(|e| panic!("cannot create a test schema: {e}"));
    }
    admin.close().await;
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}options=-c%20search_path%3D{schema}")
}

/// A new, migrated store on the backend the environment selects.
pub async fn fresh_store() -> Store {
    let url = fresh_url().await;
    let store = Store::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    store
        .migrate()
        .await
        .unwrap_or_else(|e| panic!("migrations failed: {e}"));
    store
}

/// True when tests run against PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var(POSTGRES_ENV).is_ok_and(|v| !v.is_empty())
}
