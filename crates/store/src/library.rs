//! Library methods: create, change, delete in a workspace; read where visible; search with
//! filters and sorts; favourites; starter content loaded by key. A method is visible to a
//! user when it is public (starter content or an approved publication) or belongs to a
//! workspace the user is a member of; only members change it.

pub mod publication;
mod search;
mod templates;

pub use publication::{Pending, Review};
pub use search::{MethodHit, MethodSearch, Page, SearchScope, Sort};
pub use templates::TemplateRow;

use crate::{Result, Store, StoreError, now_ms, with_db, with_tx};
use domain::library::{MethodFields, Publication, Scope};
use domain::{MethodId, UserId, WorkspaceId};

/// A stored method as one viewer sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MethodRow {
    pub id: MethodId,
    pub workspace_id: Option<WorkspaceId>,
    pub created_by: Option<UserId>,
    /// `public` (starter content), `personal` or `workspace`.
    pub scope: String,
    pub fields: String,
    pub publication: String,
    pub publication_note: String,
    pub favourites: i32,
    /// Whether the viewer marked it as a favourite.
    pub favourite: bool,
    /// Whether the viewer may change it.
    pub editable: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

impl MethodRow {
    /// The method's content.
    pub fn fields(&self) -> Option<MethodFields> {
        serde_json::from_str(&self.fields).ok()
    }

    pub fn scope(&self) -> Scope {
        Scope::parse(&self.scope).unwrap_or(Scope::Public)
    }

    pub fn publication(&self) -> Publication {
        Publication::parse(&self.publication).unwrap_or_default()
    }
}

/// The columns of a method as seen by the user bound to `$1`.
pub(crate) const METHOD_COLUMNS: &str = "m.id, m.workspace_id, m.created_by,
    CASE WHEN m.workspace_id IS NULL THEN 'public' WHEN w.kind = 'personal' THEN 'personal' ELSE 'workspace' END AS scope,
    m.fields, m.publication, m.publication_note, m.favourites,
    EXISTS (SELECT 1 FROM method_favourites f WHERE f.method_id = m.id AND f.user_id = $1) AS favourite,
    EXISTS (SELECT 1 FROM workspace_members wm WHERE wm.workspace_id = m.workspace_id AND wm.user_id = $1) AS editable,
    m.created_at, m.updated_at";

/// What the methods' search columns hold: 1 since they index their categories' names.
pub const SEARCH_INDEX_VERSION: i32 = 1;

/// The library's one visibility rule, for methods and designs alike: an item is visible to the
/// viewer bound to `$1` when it is public or lives in a workspace they belong to. `item` is
/// the table's alias in the query; `plus` is empty, or SQLite's unary `+`, which keeps its
/// planner from answering the rule with two indexes and a sort (see `library::search`).
pub(crate) fn visible(item: &str, plus: &str) -> String {
    format!(
        "({plus}{item}.public = TRUE OR {})",
        in_viewers_workspace(item, plus)
    )
}

/// The half of [`visible`] that makes an item the viewer's own: it lives in a workspace they
/// belong to.
pub(crate) fn in_viewers_workspace(item: &str, plus: &str) -> String {
    format!(
        "{plus}{item}.workspace_id IN (SELECT workspace_id FROM workspace_members WHERE user_id = $1)"
    )
}

/// The columns filters and search read, taken from the fields.
struct Derived {
    language: &'static str,
    fields: String,
    categories: String,
    search_title: String,
    search_body: String,
}

fn derive(f: &MethodFields) -> Derived {
    let (search_title, search_body) = f.search_text();
    Derived {
        language: f.language.code(),
        fields: serde_json::to_string(f).unwrap_or_default(),
        categories: categories_column(&f.categories, &f.tags),
        search_title,
        search_body,
    }
}

/// Categories and tags as `|key|…|#tag|`, so one `LIKE '%|key|%'` finds either.
fn categories_column(categories: &[String], tags: &[String]) -> String {
    let mut s = String::from("|");
    for c in categories {
        s.push_str(c);
        s.push('|');
    }
    for t in tags {
        s.push('#');
        s.push_str(&t.to_lowercase().replace('|', "/"));
        s.push('|');
    }
    s
}

/// Binds the derived and range columns of `$f` after `$q`'s binds so far, in the order of
/// [`WRITE_COLUMNS`].
macro_rules! bind_method {
    ($q:expr, $f:expr, $d:expr) => {
        $q.bind($d.language)
            .bind(&$f.title)
            .bind(&$d.fields)
            .bind($f.duration_min as i32)
            .bind($f.duration_max as i32)
            .bind($f.group_min as i32)
            .bind($f.group_max as i32)
            .bind(&$d.categories)
            .bind($f.in_person)
            .bind($f.online)
            .bind(&$d.search_title)
            .bind(&$d.search_body)
    };
}

const WRITE_COLUMNS: &str = "language, title, fields, duration_min, duration_max, group_min, group_max, categories, in_person, online, search_title, search_body";

impl crate::Conn<'_> {
    /// Deletes a method with its files' rows, favourites and publication (the caller checked
    /// that it may). Their bytes stay until a `forget_files` job finds nothing holds them.
    pub async fn delete_method(&mut self, id: MethodId) -> Result<()> {
        crate::tx::on_conn!(self, |c| {
            sqlx::query("DELETE FROM methods WHERE id = $1")
                .bind(id)
                .execute(&mut **c)
                .await?;
        });
        Ok(())
    }
}

impl Store {
    /// The version of what the methods' search columns hold (see [`SEARCH_INDEX_VERSION`]).
    pub async fn search_index_version(&self) -> Result<i32> {
        Ok(with_db!(self, |pool| {
            sqlx::query_scalar("SELECT version FROM search_index")
                .fetch_one(pool)
                .await?
        }))
    }

    pub async fn set_search_index_version(&self, version: i32) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query("UPDATE search_index SET version = $1")
                .bind(version)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Recomputes the search columns of at most `limit` methods after `after` (in id order),
    /// for when what the index holds changes. Returns the last method looked at, or `None`
    /// when none were left.
    pub async fn reindex_methods(
        &self,
        after: Option<MethodId>,
        limit: i64,
    ) -> Result<Option<MethodId>> {
        let rows: Vec<(MethodId, String)> = with_db!(self, |pool| {
            match after {
                Some(a) => {
                    sqlx::query_as(
                        "SELECT id, fields FROM methods WHERE id > $1 ORDER BY id LIMIT $2",
                    )
                    .bind(a)
                    .bind(limit)
                    .fetch_all(pool)
                    .await?
                }
                None => {
                    sqlx::query_as("SELECT id, fields FROM methods ORDER BY id LIMIT $1")
                        .bind(limit)
                        .fetch_all(pool)
                        .await?
                }
            }
        });
        let changes: Vec<(MethodId, String, String)> = rows
            .iter()
            .filter_map(|(id, fields)| {
                let f: MethodFields = serde_json::from_str(fields).ok()?;
                let (title, body) = f.search_text();
                Some((*id, title, body))
            })
            .collect();
        with_tx!(self, |tx| {
            for (id, title, body) in &changes {
                sqlx::query("UPDATE methods SET search_title = $1, search_body = $2 WHERE id = $3 AND (search_title <> $1 OR search_body <> $2)")
                    .bind(title)
                    .bind(body)
                    .bind(*id)
                    .execute(&mut *tx)
                    .await?;
            }
        });
        Ok(rows.last().map(|(id, _)| *id))
    }

    /// A method as `viewer` sees it; `NotFound` when it is not visible to them.
    pub async fn method(&self, id: MethodId, viewer: UserId) -> Result<MethodRow> {
        let sql = format!(
            "SELECT {METHOD_COLUMNS} FROM methods m LEFT JOIN workspaces w ON w.id = m.workspace_id WHERE m.id = $2 AND {}",
            visible("m", "")
        );
        let row: Option<MethodRow> = with_db!(self, |pool| {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(viewer)
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.ok_or(StoreError::NotFound)
    }

    /// A method `user` may change; `NotFound` otherwise.
    pub async fn editable_method(&self, id: MethodId, user: UserId) -> Result<MethodRow> {
        let row = self.method(id, user).await?;
        if row.editable {
            Ok(row)
        } else {
            Err(StoreError::NotFound)
        }
    }

    /// A new private method in `workspace`, which must fit its `quota` (`Conflict("quota")`).
    pub async fn create_method(
        &self,
        workspace: WorkspaceId,
        by: UserId,
        fields: &MethodFields,
        quota: i64,
    ) -> Result<MethodId> {
        let id = MethodId::new();
        let d = derive(fields);
        let now = now_ms();
        let sql = format!(
            "INSERT INTO methods (id, workspace_id, created_by, created_at, updated_at, {WRITE_COLUMNS})
             VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
        );
        let size = i64::try_from(serde_json::to_string(fields).unwrap_or_default().len())
            .unwrap_or(i64::MAX);
        with_tx!(self, |tx| {
            crate::Conn::from(&mut *tx)
                .check_limit(
                    &self.plans,
                    workspace,
                    None,
                    domain::plan::Limit::PrivateMethods,
                    1,
                )
                .await?;
            crate::quota::reserve(&mut tx, workspace, size, quota).await?;
            let q = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .bind(workspace)
                .bind(by)
                .bind(now);
            bind_method!(q, fields, d).execute(&mut *tx).await?;
        });
        Ok(id)
    }

    /// Adds many methods to `workspace` in one transaction (bulk imports, benchmarks);
    /// `published` puts them straight into the public library.
    pub async fn import_methods(
        &self,
        workspace: WorkspaceId,
        by: UserId,
        all: &[MethodFields],
        published: bool,
    ) -> Result<()> {
        let now = now_ms();
        let publication = if published {
            Publication::Published
        } else {
            Publication::Private
        };
        let sql = format!(
            "INSERT INTO methods (id, workspace_id, created_by, created_at, updated_at, publication, public, {WRITE_COLUMNS})
             VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)"
        );
        with_tx!(self, |tx| {
            for fields in all {
                let d = derive(fields);
                let q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(MethodId::new())
                    .bind(workspace)
                    .bind(by)
                    .bind(now)
                    .bind(publication.as_str())
                    .bind(published);
                bind_method!(q, fields, d).execute(&mut *tx).await?;
            }
            Ok::<(), StoreError>(())
        })
    }

    /// Changes a method `user` may change. A published or pending method goes back to review:
    /// what the public library shows is always what an administrator saw.
    pub async fn update_method(
        &self,
        id: MethodId,
        user: UserId,
        fields: &MethodFields,
    ) -> Result<()> {
        let row = self.editable_method(id, user).await?;
        let publication = match row.publication() {
            Publication::Published | Publication::Pending => Publication::Pending,
            other => other,
        };
        let d = derive(fields);
        let sql = "UPDATE methods SET updated_at = $2, publication = $3, public = FALSE, language = $4, title = $5, fields = $6, duration_min = $7, duration_max = $8, group_min = $9, group_max = $10, categories = $11, in_person = $12, online = $13, search_title = $14, search_body = $15
             WHERE id = $1";
        with_db!(self, |pool| {
            let q = sqlx::query(sql)
                .bind(id)
                .bind(now_ms())
                .bind(publication.as_str());
            bind_method!(q, fields, d).execute(pool).await?;
        });
        Ok(())
    }

    /// Deletes a method `user` may change. Blocks and copies taken from it stay as they are.
    pub async fn delete_method(&self, id: MethodId, user: UserId) -> Result<()> {
        self.editable_method(id, user).await?;
        let mut tx = self.begin().await?;
        tx.conn().delete_method(id).await?;
        tx.commit().await
    }

    /// Marks or unmarks a visible method as one of `user`'s favourites ("selected methods").
    pub async fn set_favourite(&self, id: MethodId, user: UserId, on: bool) -> Result<()> {
        self.method(id, user).await?;
        with_tx!(self, |tx| {
            let changed = if on {
                sqlx::query("INSERT INTO method_favourites (user_id, method_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                    .bind(user)
                    .bind(id)
                    .bind(now_ms())
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            } else {
                sqlx::query("DELETE FROM method_favourites WHERE user_id = $1 AND method_id = $2")
                    .bind(user)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            };
            if changed > 0 {
                sqlx::query("UPDATE methods SET favourites = favourites + $1 WHERE id = $2")
                    .bind(if on { 1_i32 } else { -1 })
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            Ok::<(), StoreError>(())
        })
    }

    /// Loads one starter method under `key`: inserted the first time, rewritten when its
    /// text changed (`hash`), left alone otherwise. Returns whether anything was written.
    pub async fn seed_method(&self, key: &str, hash: &str, fields: &MethodFields) -> Result<bool> {
        let d = derive(fields);
        let now = now_ms();
        let sql = format!(
            "INSERT INTO methods (id, seed_key, seed_hash, publication, public, published_at, created_at, updated_at, {WRITE_COLUMNS})
             VALUES ($1, $2, $3, 'published', TRUE, $4, $4, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
             ON CONFLICT (seed_key) DO UPDATE SET seed_hash = excluded.seed_hash, updated_at = excluded.updated_at,
               language = excluded.language, title = excluded.title, fields = excluded.fields,
               duration_min = excluded.duration_min, duration_max = excluded.duration_max,
               group_min = excluded.group_min, group_max = excluded.group_max,
               categories = excluded.categories, in_person = excluded.in_person, online = excluded.online,
               search_title = excluded.search_title, search_body = excluded.search_body
             WHERE methods.seed_hash <> excluded.seed_hash"
        );
        let n = with_db!(self, |pool| {
            let q = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(MethodId::new())
                .bind(key)
                .bind(hash)
                .bind(now);
            bind_method!(q, fields, d)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(n > 0)
    }

    /// The id of the starter method loaded under `key`.
    pub async fn seeded_method(&self, key: &str) -> Result<Option<MethodId>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_scalar("SELECT id FROM methods WHERE seed_key = $1")
                .bind(key)
                .fetch_optional(pool)
                .await?
        }))
    }
}
