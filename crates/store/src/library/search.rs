//! Method search: full text over stems (FTS5 with bm25 on SQLite, a weighted tsvector with
//! ts_rank on PostgreSQL), filters, sorts and pages. Only the full-text part differs between
//! the backends.

use super::{METHOD_COLUMNS, MethodRow, VISIBLE};
use crate::{Db, Result, Store};
use domain::UserId;
use domain::search::Query;

/// Which methods to look in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchScope {
    /// Everything the user may see.
    #[default]
    All,
    /// The public library only.
    Public,
    /// The user's own and their workspaces' methods.
    Mine,
    /// The user's favourites ("selected methods").
    Favourites,
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first; without a query, one's own methods first, then by title.
    #[default]
    Relevance,
    Newest,
    MostFavourited,
}

/// A search as a user asked for it.
#[derive(Debug, Clone, Default)]
pub struct MethodSearch {
    pub query: Option<Query>,
    /// A taxonomy key, or a tag as `#tag`.
    pub category: Option<String>,
    /// Methods whose duration range overlaps these minutes.
    pub minutes: Option<(u32, u32)>,
    /// Methods that suit a group of this size.
    pub group: Option<u32>,
    pub language: Option<String>,
    pub online: bool,
    pub scope: SearchScope,
    pub sort: Sort,
    /// Page number, from 0.
    pub page: u32,
    pub per_page: u32,
}

/// One page of results.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub has_more: bool,
}

/// One result.
pub type MethodHit = MethodRow;

enum Arg {
    Text(String),
    Int(i64),
}

/// SQL text with numbered parameters; `$1` is always the viewer.
struct Sql {
    text: String,
    args: Vec<Arg>,
}

impl Sql {
    fn arg(&mut self, a: Arg) -> String {
        self.args.push(a);
        format!("${}", self.args.len() + 1)
    }
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

impl Store {
    /// One page of the methods `viewer` may see that match `search`.
    pub async fn search_methods(
        &self,
        viewer: UserId,
        search: &MethodSearch,
    ) -> Result<Page<MethodHit>> {
        let postgres = matches!(self.db, Db::Postgres(_));
        let mut sql = Sql {
            text: String::new(),
            args: Vec::new(),
        };
        let mut filters: Vec<String> = Vec::new();
        let mut rank = None;
        let from = match &search.query {
            Some(q) if postgres => {
                let p = sql.arg(Arg::Text(q.tsquery()));
                filters.push(format!("m.search @@ to_tsquery('simple', {p})"));
                rank = Some(format!("ts_rank(m.search, to_tsquery('simple', {p})) DESC"));
                "methods m".to_owned()
            }
            Some(q) => {
                let p = sql.arg(Arg::Text(q.fts5()));
                filters.push(format!("methods_fts MATCH {p}"));
                rank = Some("bm25(methods_fts, 10.0, 1.0)".to_owned());
                "methods_fts JOIN methods m ON m.num = methods_fts.rowid".to_owned()
            }
            None => "methods m".to_owned(),
        };
        filters.push(
            match search.scope {
                SearchScope::All => VISIBLE,
                SearchScope::Public => "m.public = TRUE",
                SearchScope::Mine => {
                    "m.workspace_id IN (SELECT workspace_id FROM workspace_members WHERE user_id = $1)"
                }
                SearchScope::Favourites => {
                    "EXISTS (SELECT 1 FROM method_favourites f WHERE f.method_id = m.id AND f.user_id = $1)"
                }
            }
            .to_owned(),
        );
        if search.scope == SearchScope::Favourites {
            // A favourite that stopped being visible (unpublished) is not shown.
            filters.push(VISIBLE.to_owned());
        }
        if let Some(c) = &search.category {
            let p = sql.arg(Arg::Text(format!("%|{}|%", escape_like(&c.to_lowercase()))));
            filters.push(format!("m.categories LIKE {p} ESCAPE '\\'"));
        }
        if let Some((lo, hi)) = search.minutes {
            let lo = sql.arg(Arg::Int(i64::from(lo)));
            let hi = sql.arg(Arg::Int(i64::from(hi)));
            filters.push(format!("m.duration_min <= {hi} AND m.duration_max >= {lo}"));
        }
        if let Some(g) = search.group {
            let g = sql.arg(Arg::Int(i64::from(g)));
            filters.push(format!("m.group_min <= {g} AND m.group_max >= {g}"));
        }
        if let Some(l) = &search.language {
            let p = sql.arg(Arg::Text(l.clone()));
            filters.push(format!("m.language = {p}"));
        }
        if search.online {
            filters.push("m.online = TRUE".to_owned());
        }
        let order = match (search.sort, rank) {
            (Sort::Relevance, Some(r)) => format!("{r}, m.created_at DESC"),
            (Sort::MostFavourited, _) => "m.favourites DESC, m.created_at DESC".to_owned(),
            // Browsing without words: one's own methods first, then A to Z.
            (Sort::Relevance, None) => {
                "CASE WHEN m.workspace_id IS NULL THEN 1 ELSE 0 END, m.title".to_owned()
            }
            (Sort::Newest, _) => "m.created_at DESC".to_owned(),
        };
        let per_page = search.per_page.clamp(1, 100);
        let limit = sql.arg(Arg::Int(i64::from(per_page) + 1));
        let offset = sql.arg(Arg::Int(i64::from(search.page) * i64::from(per_page)));
        sql.text = format!(
            "SELECT {METHOD_COLUMNS} FROM {from} LEFT JOIN workspaces w ON w.id = m.workspace_id
             WHERE {} ORDER BY {order}, m.id LIMIT {limit} OFFSET {offset}",
            filters.join(" AND ")
        );
        let mut items: Vec<MethodRow> = with_db_args(self, viewer, sql).await?;
        let has_more = items.len() > per_page as usize;
        items.truncate(per_page as usize);
        Ok(Page { items, has_more })
    }
}

async fn with_db_args(store: &Store, viewer: UserId, sql: Sql) -> Result<Vec<MethodRow>> {
    Ok(crate::with_db!(store, |pool| {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.text)).bind(viewer);
        for a in sql.args {
            q = match a {
                Arg::Text(t) => q.bind(t),
                Arg::Int(i) => q.bind(i),
            };
        }
        q.fetch_all(pool).await?
    }))
}
