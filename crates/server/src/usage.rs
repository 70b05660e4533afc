//! First-party analytics, only with consent: each instance tallies page views and features
//! used (by route pattern, never a path with values in it, nothing about the person) for the
//! requests of visitors who allowed analytics, and adds its tally to the database's daily
//! counts every minute and when it stops. Administrators read them at `/admin/analytics`.

use crate::consent::Seen;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use store::{Store, UsageHits, UsageKind};
use tokio_util::sync::CancellationToken;

/// How often an instance adds its tally to the database.
pub const FLUSH_EVERY: Duration = Duration::from_secs(60);

/// Days since the Unix epoch (UTC) of an instant in milliseconds.
pub fn day_of(ms: i64) -> i64 {
    ms.div_euclid(86_400_000)
}

/// This instance's counts not yet in the database.
#[derive(Debug, Default)]
pub struct Tally {
    counts: Mutex<HashMap<(i64, UsageKind, String), i64>>,
}

impl Tally {
    pub fn add(&self, kind: UsageKind, name: String) {
        let day = day_of(store::now_ms());
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        *counts.entry((day, kind, name)).or_default() += 1;
    }

    /// The tally, emptied, in key order: instances writing at once then lock rows in the
    /// same order and never deadlock.
    fn take(&self) -> Vec<UsageHits> {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        let mut hits: Vec<UsageHits> = counts
            .drain()
            .map(|((day, kind, name), hits)| UsageHits {
                day,
                kind,
                name,
                hits,
            })
            .collect();
        hits.sort_by(|a, b| (a.day, a.kind, &a.name).cmp(&(b.day, b.kind, &b.name)));
        hits
    }

    /// Adds the tally to the database; what could not be written is kept for the next time.
    pub async fn flush(&self, store: &Store) -> store::Result<()> {
        let hits = self.take();
        if let Err(e) = store.add_usage(&hits).await {
            let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
            for h in hits {
                *counts.entry((h.day, h.kind, h.name)).or_default() += h.hits;
            }
            return Err(e);
        }
        Ok(())
    }
}

/// Flushes the tally every [`FLUSH_EVERY`] until cancelled, then once more.
pub async fn run(tally: Arc<Tally>, store: Store, cancel: CancellationToken) {
    loop {
        tokio::select! {
            () = cancel.cancelled() => break,
            () = tokio::time::sleep(FLUSH_EVERY) => {}
        }
        if let Err(e) = tally.flush(&store).await {
            tracing::warn!(error = %e, "usage counts not written; kept for the next minute");
        }
    }
    if let Err(e) = tally.flush(&store).await {
        tracing::warn!(error = %e, "usage counts lost at shutdown");
    }
}

/// Counts a request when its visitor allowed analytics: a page shown (a successful GET of a
/// whole HTML page, not an htmx fragment) or a feature used (a successful change, except the
/// cookie choice itself, which may be a withdrawal). Nothing else is looked at.
pub async fn count(State(tally): State<Arc<Tally>>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let fragment = req.headers().contains_key("hx-request");
    // A shared string: nothing is copied for the requests not counted.
    let route = req.extensions().get::<MatchedPath>().cloned();
    let res = next.run(req).await;
    // The cookie choice itself may be a withdrawal: it is not counted.
    let choosing =
        method == Method::POST && route.as_ref().is_some_and(|r| r.as_str() == "/cookies");
    let Some(route) = route.filter(|_| !choosing) else {
        return res;
    };
    let allowed = res
        .extensions()
        .get::<Seen>()
        .is_some_and(|seen| seen.allowed().analytics);
    let status = res.status();
    if !allowed || !(status.is_success() || status.is_redirection()) {
        return res;
    }
    let kind = if method == Method::GET {
        let html = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"));
        if !html || fragment {
            return res;
        }
        UsageKind::Page
    } else if method == Method::HEAD || method == Method::OPTIONS {
        return res;
    } else {
        UsageKind::Feature
    };
    tally.add(kind, format!("{method} {}", route.as_str()));
    res
}
