//! The two backends' migrations must build the same schema: the same tables, columns (by the
//! type mapping below), NOT NULL and primary keys, indexes and foreign keys with their
//! `ON DELETE`. Both are applied here to fresh databases and read back from the catalogues, so
//! a column, index or reference added on one backend only fails this test.
//!
//! The type mapping compares storage classes, as SQLite stores values:
//!
//! | class   | SQLite declares                | PostgreSQL                          |
//! |---------|--------------------------------|-------------------------------------|
//! | integer | `INTEGER`, `BIGINT`            | `integer`, `bigint`, `boolean`      |
//! | text    | `TEXT`                         | `text`                              |
//! | blob    | `BLOB`                         | `uuid`, `bytea`                     |
//!
//! A primary key column counts as NOT NULL on both (PostgreSQL makes it so; the store never
//! writes NULL into one on SQLite). Indexes are compared by table, columns, uniqueness and
//! whether they are partial, not by name: each backend names the indexes of its constraints
//! its own way. Defaults and CHECK constraints are not compared.
//!
//! What only one backend has is named in [`SQLITE_ONLY`] and [`POSTGRES_ONLY`], each line
//! with its reason: full-text search is FTS5 tables over an integer rowid on SQLite and
//! generated `tsvector` columns with their GIN indexes on PostgreSQL (docs/ARCHITECTURE.md),
//! and the library's sorts end on that rowid on SQLite and on the time-ordered id on
//! PostgreSQL.

use plenary_store::testing::{fresh_postgres_url, fresh_sqlite_url};
use plenary_store::{Db, Store};
use std::collections::BTreeSet;

/// SQLite's own tables and lines of the schema.
const SQLITE_ONLY: &[&str] = &[
    // The FTS5 table and its shadow tables.
    "table methods_fts",
    "table methods_fts_config",
    "table methods_fts_data",
    "table methods_fts_docsize",
    "table methods_fts_idx",
    // The rowid the FTS5 index refers to is the key; the id stays unique beside it.
    "methods.num integer not null",
    "primary key methods(num)",
    "unique index methods(id)",
    // Every SQLite index ends with the rowid, the newest-first key of the library's sorts.
    "index methods(created_at)",
    "index methods(title)",
    "index methods(favourites)",
];

/// PostgreSQL's own lines of the schema.
const POSTGRES_ONLY: &[&str] = &[
    // The generated tsvector columns and their GIN indexes.
    "methods.search blob null",
    "methods.search_titles blob null",
    "index methods(search)",
    "index methods(search_titles)",
    // The time-ordered id is the key and the newest-first tie-breaker of the library's sorts.
    "primary key methods(id)",
    "index methods(title, id)",
    "index methods(favourites, id)",
];

/// One schema as a set of lines that say the same on both backends when they agree.
async fn schema(store: &Store) -> BTreeSet<String> {
    let mut lines = BTreeSet::new();
    match store.db() {
        Db::Sqlite(pool) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_sqlx%' ESCAPE '\\'
                 ORDER BY name",
            )
            .fetch_all(pool)
            .await
            .expect("tables");
            for table in &tables {
                lines.insert(format!("table {table}"));
                if table.starts_with("methods_fts") {
                    continue;
                }
                let columns: Vec<(String, String, bool, i64)> =
                    sqlx::query_as("SELECT name, type, \"notnull\", pk FROM pragma_table_info($1)")
                        .bind(table)
                        .fetch_all(pool)
                        .await
                        .expect("columns");
                let mut key = Vec::new();
                for (name, kind, not_null, pk) in columns {
                    let class = match kind.to_ascii_uppercase().as_str() {
                        "INTEGER" | "BIGINT" => "integer",
                        "TEXT" => "text",
                        "BLOB" => "blob",
                        other => {
                            panic!("{table}.{name} has a type the mapping does not know: {other}")
                        }
                    };
                    let null = if not_null || pk > 0 {
                        "not null"
                    } else {
                        "null"
                    };
                    lines.insert(format!("{table}.{name} {class} {null}"));
                    if pk > 0 {
                        key.push((pk, name));
                    }
                }
                key.sort();
                let key: Vec<String> = key.into_iter().map(|(_, n)| n).collect();
                if !key.is_empty() {
                    lines.insert(format!("primary key {table}({})", key.join(", ")));
                }
                let indexes: Vec<(String, bool, String, bool)> = sqlx::query_as(
                    "SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)",
                )
                .bind(table)
                .fetch_all(pool)
                .await
                .expect("indexes");
                for (name, unique, origin, partial) in indexes {
                    if origin == "pk" {
                        continue;
                    }
                    let columns: Vec<(i64, Option<String>)> = sqlx::query_as(
                        "SELECT seqno, name FROM pragma_index_info($1) ORDER BY seqno",
                    )
                    .bind(&name)
                    .fetch_all(pool)
                    .await
                    .expect("index columns");
                    let columns: Vec<String> = columns
                        .into_iter()
                        .map(|(_, c)| c.unwrap_or_else(|| "<expression>".to_owned()))
                        .collect();
                    lines.insert(index_line(table, &columns, unique, partial));
                }
                let keys: Vec<(i64, i64, String, String, Option<String>, String)> = sqlx::query_as(
                    "SELECT id, seq, \"table\", \"from\", \"to\", on_delete
                     FROM pragma_foreign_key_list($1) ORDER BY id, seq",
                )
                .bind(table)
                .fetch_all(pool)
                .await
                .expect("foreign keys");
                let mut by_id: std::collections::BTreeMap<
                    i64,
                    (String, Vec<String>, Vec<String>, String),
                > = Default::default();
                for (id, _, target, from, to, on_delete) in keys {
                    let entry = by_id.entry(id).or_insert_with(|| {
                        (target.clone(), Vec::new(), Vec::new(), on_delete.clone())
                    });
                    entry.1.push(from);
                    // A reference without columns names the target's primary key.
                    entry
                        .2
                        .push(to.unwrap_or_else(|| "<primary key>".to_owned()));
                }
                for (target, from, to, on_delete) in by_id.into_values() {
                    let to = if to.iter().all(|c| c == "<primary key>") {
                        primary_key_sqlite(pool, &target).await
                    } else {
                        to
                    };
                    lines.insert(foreign_key_line(table, &from, &target, &to, &on_delete));
                }
            }
        }
        Db::Postgres(pool) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                 AND table_name NOT LIKE '\\_sqlx%'",
            )
            .fetch_all(pool)
            .await
            .expect("tables");
            for table in &tables {
                lines.insert(format!("table {table}"));
                let columns: Vec<(String, String, String)> = sqlx::query_as(
                    "SELECT column_name::text, data_type::text, is_nullable::text
                     FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name = $1",
                )
                .bind(table)
                .fetch_all(pool)
                .await
                .expect("columns");
                for (name, kind, nullable) in columns {
                    let class = match kind.as_str() {
                        "integer" | "bigint" | "boolean" => "integer",
                        // Only the search columns, named in POSTGRES_ONLY.
                        "tsvector" => "blob",
                        "text" => "text",
                        "uuid" | "bytea" => "blob",
                        other => {
                            panic!("{table}.{name} has a type the mapping does not know: {other}")
                        }
                    };
                    let null = if nullable == "NO" { "not null" } else { "null" };
                    lines.insert(format!("{table}.{name} {class} {null}"));
                }
                let key: Vec<String> = sqlx::query_scalar(
                    "SELECT a.attname::text
                     FROM pg_index i
                     JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON TRUE
                     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                     WHERE i.indrelid = (current_schema() || '.' || $1)::regclass AND i.indisprimary
                     ORDER BY k.n",
                )
                .bind(table)
                .fetch_all(pool)
                .await
                .expect("primary key");
                if !key.is_empty() {
                    lines.insert(format!("primary key {table}({})", key.join(", ")));
                }
                let indexes: Vec<(Vec<String>, bool, bool)> = sqlx::query_as(
                    "SELECT ARRAY(
                        SELECT COALESCE(a.attname::text, '<expression>')
                        FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
                        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
                        ORDER BY k.n),
                        i.indisunique, i.indpred IS NOT NULL
                     FROM pg_index i
                     WHERE i.indrelid = (current_schema() || '.' || $1)::regclass AND NOT i.indisprimary",
                )
                .bind(table)
                .fetch_all(pool)
                .await
                .expect("indexes");
                for (columns, unique, partial) in indexes {
                    lines.insert(index_line(table, &columns, unique, partial));
                }
                let keys: Vec<(String, Vec<String>, Vec<String>, String)> = sqlx::query_as(
                    "SELECT c.confrelid::regclass::text,
                        ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n),
                        ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
                              JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n),
                        c.confdeltype::text
                     FROM pg_constraint c
                     WHERE c.contype = 'f' AND c.conrelid = (current_schema() || '.' || $1)::regclass",
                )
                .bind(table)
                .fetch_all(pool)
                .await
                .expect("foreign keys");
                for (target, from, to, action) in keys {
                    let on_delete = match action.as_str() {
                        "a" => "NO ACTION",
                        "r" => "RESTRICT",
                        "c" => "CASCADE",
                        "n" => "SET NULL",
                        "d" => "SET DEFAULT",
                        other => panic!("unknown ON DELETE action {other}"),
                    };
                    // The search path names the test's schema, so regclass prints bare names.
                    let target = target.rsplit('.').next().unwrap_or(&target).to_owned();
                    lines.insert(foreign_key_line(table, &from, &target, &to, on_delete));
                }
            }
        }
    }
    lines
}

async fn primary_key_sqlite(pool: &sqlx::SqlitePool, table: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk")
        .bind(table)
        .fetch_all(pool)
        .await
        .expect("primary key")
}

fn index_line(table: &str, columns: &[String], unique: bool, partial: bool) -> String {
    let unique = if unique { "unique " } else { "" };
    let partial = if partial { " where …" } else { "" };
    format!("{unique}index {table}({}){partial}", columns.join(", "))
}

fn foreign_key_line(
    table: &str,
    from: &[String],
    target: &str,
    to: &[String],
    on_delete: &str,
) -> String {
    format!(
        "{table}({}) references {target}({}) on delete {on_delete}",
        from.join(", "),
        to.join(", ")
    )
}

async fn migrated(url: &str) -> Store {
    let store = Store::connect(url).await.expect("connect");
    store.migrate().await.expect("migrate");
    store
}

#[tokio::test]
async fn both_backends_migrations_build_the_same_tables_columns_indexes_and_foreign_keys() {
    let sqlite = migrated(&fresh_sqlite_url()).await;
    let postgres = migrated(&fresh_postgres_url().await).await;
    let (mut a, mut b) = (schema(&sqlite).await, schema(&postgres).await);
    for (lines, own, backend) in [
        (&mut a, SQLITE_ONLY, "SQLite"),
        (&mut b, POSTGRES_ONLY, "PostgreSQL"),
    ] {
        for line in own {
            // A line named as the backend's own must be there, or the list is out of date.
            assert!(
                lines.remove(*line),
                "{backend} no longer has `{line}`: take it off its list"
            );
        }
    }
    assert!(
        a.iter().any(|l| l.starts_with("table sessions")),
        "the schema was read: {a:?}"
    );
    assert!(
        a.iter().any(|l| l.contains(" references ")),
        "foreign keys were read: {a:?}"
    );
    let only_sqlite: Vec<&String> = a.difference(&b).collect();
    let only_postgres: Vec<&String> = b.difference(&a).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the backends' schemas differ.\nonly on SQLite:\n  {}\nonly on PostgreSQL:\n  {}",
        only_sqlite
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  "),
        only_postgres
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}
