//! Method search: full text over stems (FTS5 with bm25 on SQLite, tsvectors with ts_rank on
//! PostgreSQL), filters, sorts and pages. Only the full-text part and the newest-first key
//! differ between the backends.

use super::{METHOD_COLUMNS, MethodRow, in_viewers_workspace, visible};
use crate::{Db, Result, Store};
use domain::search::Query;
use domain::{MethodId, UserId};

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
    /// Best match first; without a query, by title.
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

/// At most this many title matches are scored; more are shown newest first.
pub const RANKED_MAX: i64 = 2000;

impl Store {
    /// One page of the methods `viewer` may see that match `search`.
    ///
    /// Ranked by relevance, the methods holding every word in their title come first, by
    /// bm25 (`ts_rank` on PostgreSQL) when there are at most [`RANKED_MAX`] of them, else
    /// newest first; then the other matches, newest first. Ranking only a bounded set keeps a
    /// search for a very common word as fast as a rare one: scoring tens of thousands of
    /// matches would cost more than the whole page may.
    pub async fn search_methods(
        &self,
        viewer: UserId,
        search: &MethodSearch,
    ) -> Result<Page<MethodHit>> {
        let postgres = matches!(self.db, Db::Postgres(_));
        let per_page = search.per_page.clamp(1, 100);
        let need = i64::from(per_page) + 1;
        let offset = i64::from(search.page) * i64::from(per_page);
        let query = match &search.query {
            Some(q) if q.is_prefix() && self.holds_whole(&q.last_word(), postgres).await? => {
                Some(q.whole_words())
            }
            other => other.clone(),
        };
        let mut ids = match (&query, search.sort) {
            (Some(q), Sort::Relevance) => {
                let in_titles = self
                    .count_ids(viewer, search, Text::Title(q, false), postgres)
                    .await?;
                let titles = Text::Title(q, in_titles <= RANKED_MAX);
                let mut ids = Vec::new();
                if offset < in_titles {
                    ids = self
                        .page_ids(viewer, search, titles, postgres, need, offset)
                        .await?;
                }
                let missing = need - ids.len() as i64;
                if missing > 0 {
                    let rest = self
                        .page_ids(
                            viewer,
                            search,
                            Text::Rest(q),
                            postgres,
                            missing,
                            (offset - in_titles).max(0),
                        )
                        .await?;
                    ids.extend(rest);
                }
                ids
            }
            (Some(q), _) => {
                self.page_ids(viewer, search, Text::All(q), postgres, need, offset)
                    .await?
            }
            (None, _) => {
                self.page_ids(viewer, search, Text::None, postgres, need, offset)
                    .await?
            }
        };
        let has_more = ids.len() > per_page as usize;
        ids.truncate(per_page as usize);
        let mut items = self.methods_by_id(viewer, &ids).await?;
        items.sort_by_key(|r| ids.iter().position(|i| *i == r.id));
        Ok(Page { items, has_more })
    }

    /// Whether any method's text holds this (whole-word) query: one index probe.
    ///
    /// On PostgreSQL the probe is a materialized CTE, which is planned for all its rows: with
    /// `LIMIT 1` the planner guesses that a word it has no statistics for (a half-typed one,
    /// found nowhere) is frequent, and scans the whole table hoping to stop early (250 ms over
    /// 100,000 methods instead of 4 ms through the index).
    async fn holds_whole(&self, q: &Query, postgres: bool) -> Result<bool> {
        let (sql, arg) = if postgres {
            (
                "WITH hits AS MATERIALIZED (SELECT 1 FROM methods WHERE search @@ to_tsquery('simple', $1)) SELECT 1 FROM hits LIMIT 1",
                q.tsquery(),
            )
        } else {
            (
                "SELECT 1 FROM methods_fts WHERE methods_fts MATCH $1 LIMIT 1",
                q.fts5(),
            )
        };
        let found: Option<i32> = crate::with_db!(self, |pool| {
            sqlx::query_scalar(sql)
                .bind(arg)
                .fetch_optional(pool)
                .await?
        });
        Ok(found.is_some())
    }

    async fn count_ids(
        &self,
        viewer: UserId,
        search: &MethodSearch,
        text: Text<'_>,
        postgres: bool,
    ) -> Result<i64> {
        let (mut sql, from, filters, _) = plan(search, text, postgres);
        sql.text = format!("SELECT COUNT(*) FROM {from} WHERE {filters}");
        Ok(crate::with_db!(self, |pool| {
            bind_all(
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql.text)).bind(viewer),
                sql.args,
            )
            .fetch_one(pool)
            .await?
        }))
    }

    /// The ids of one page, reading only the narrow columns of the matches.
    async fn page_ids(
        &self,
        viewer: UserId,
        search: &MethodSearch,
        text: Text<'_>,
        postgres: bool,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<MethodId>> {
        let (mut sql, from, filters, order) = plan(search, text, postgres);
        let limit = sql.arg(Arg::Int(limit));
        let offset = sql.arg(Arg::Int(offset));
        sql.text = format!(
            "SELECT m.id FROM {from} WHERE {filters} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
        );
        Ok(crate::with_db!(self, |pool| {
            bind_all(
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql.text)).bind(viewer),
                sql.args,
            )
            .fetch_all(pool)
            .await?
        }))
    }

    /// The methods with these ids, as `viewer` sees them, in no particular order.
    async fn methods_by_id(&self, viewer: UserId, ids: &[MethodId]) -> Result<Vec<MethodRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT {METHOD_COLUMNS} FROM methods m LEFT JOIN workspaces w ON w.id = m.workspace_id WHERE m.id IN ({})",
            list.join(", ")
        );
        Ok(crate::with_db!(self, |pool| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(viewer);
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(pool).await?
        }))
    }
}

/// Binds the arguments after the viewer.
fn bind_all<'q, DB, O>(
    mut q: sqlx::query::QueryScalar<'q, DB, O, <DB as sqlx::Database>::Arguments>,
    args: Vec<Arg>,
) -> sqlx::query::QueryScalar<'q, DB, O, <DB as sqlx::Database>::Arguments>
where
    DB: sqlx::Database,
    String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    for a in args {
        q = match a {
            Arg::Text(t) => q.bind(t),
            Arg::Int(i) => q.bind(i),
        };
    }
    q
}

/// Which words a query matches, and where.
#[derive(Clone, Copy)]
enum Text<'a> {
    None,
    /// Anywhere.
    All(&'a Query),
    /// Every word in the title; ranked when the flag is set.
    Title(&'a Query, bool),
    /// Anywhere, but not every word in the title.
    Rest(&'a Query),
}

/// The FROM clause, the WHERE conditions and the ORDER BY of a search, with its arguments.
fn plan(search: &MethodSearch, text: Text<'_>, postgres: bool) -> (Sql, String, String, String) {
    let mut sql = Sql {
        text: String::new(),
        args: Vec::new(),
    };
    let mut filters: Vec<String> = Vec::new();
    let mut rank = None;
    let fts = "methods_fts JOIN methods m ON m.num = methods_fts.rowid";
    let from = match text {
        Text::None => "methods m",
        Text::All(q) | Text::Rest(q) if postgres => {
            let p = sql.arg(Arg::Text(q.tsquery()));
            filters.push(format!("m.search @@ to_tsquery('simple', {p})"));
            if matches!(text, Text::Rest(_)) {
                filters.push(format!(
                    "NOT (m.search_titles @@ to_tsquery('simple', {p}))"
                ));
            }
            "methods m"
        }
        Text::Title(q, ranked) if postgres => {
            let p = sql.arg(Arg::Text(q.tsquery()));
            filters.push(format!("m.search_titles @@ to_tsquery('simple', {p})"));
            if ranked {
                rank = Some(format!(
                    "ts_rank(m.search_titles, to_tsquery('simple', {p})) DESC"
                ));
            }
            "methods m"
        }
        Text::All(q) => {
            let p = sql.arg(Arg::Text(q.fts5()));
            filters.push(format!("methods_fts MATCH {p}"));
            fts
        }
        Text::Rest(q) => {
            let p = sql.arg(Arg::Text(q.fts5_rest()));
            filters.push(format!("methods_fts MATCH {p}"));
            fts
        }
        Text::Title(q, ranked) => {
            let p = sql.arg(Arg::Text(q.fts5_title()));
            filters.push(format!("methods_fts MATCH {p}"));
            if ranked {
                rank = Some("bm25(methods_fts)".to_owned());
            }
            fts
        }
    };
    filters.push(match search.scope {
        // On SQLite the unary `+` keeps the planner from answering the rule with two
        // indexes and a sort, so an ordered index or the full-text scan drives the query
        // and stops at the page's end.
        SearchScope::All | SearchScope::Favourites => visible("m", if postgres { "" } else { "+" }),
        SearchScope::Public => "m.public = TRUE".to_owned(),
        SearchScope::Mine => in_viewers_workspace("m", ""),
    });
    if search.scope == SearchScope::Favourites {
        filters.push(
            "EXISTS (SELECT 1 FROM method_favourites f WHERE f.method_id = m.id AND f.user_id = $1)"
                .to_owned(),
        );
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
    // Newest first by insertion order: the rowid on SQLite (which the full-text index and the
    // table walk backwards without a sort), the time-ordered UUID v7 key on PostgreSQL (whose
    // index the planner may walk backwards, checking the words, when they are frequent).
    let newest = match (postgres, from) {
        (true, _) => "m.id DESC",
        (false, "methods m") => "m.num DESC",
        (false, _) => "methods_fts.rowid DESC",
    };
    // Every order ends in a unique key, so pages are stable; on SQLite another key after the
    // rowid would force a sort of every match.
    let order = match (rank, search.sort, text) {
        (Some(r), _, _) => format!("{r}, {newest}"),
        (None, Sort::MostFavourited, _) => format!("m.favourites DESC, {newest}"),
        (None, Sort::Relevance, Text::None) if postgres => "m.title, m.id".to_owned(),
        (None, Sort::Relevance, Text::None) => "m.title, m.num".to_owned(),
        (None, _, _) => newest.to_owned(),
    };
    (sql, from.to_owned(), filters.join(" AND "), order)
}
