//! Operations: `/healthz`, `/readyz`, `/metrics`, and the middleware that logs one line per
//! request (with a request id) and records request metrics by route.

use crate::state::AppState;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
}

/// The process-wide Prometheus recorder (installed once, however many apps a test builds).
pub fn metrics_handle() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets(&[
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
                ])
                .ok()?
                .install_recorder()
                .ok()
        })
        .clone()
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> Response {
    match state.store.ready().await {
        Ok(true) => (StatusCode::OK, "ready").into_response(),
        Ok(false) => (StatusCode::SERVICE_UNAVAILABLE, "migrations pending").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

async fn metrics_text(State(state): State<AppState>) -> Response {
    let (size, idle) = state.store.pool_stats();
    metrics::gauge!("plenary_db_pool_connections").set(f64::from(size));
    metrics::gauge!("plenary_db_pool_idle").set(idle as f64);
    if state.store.backend() == store::Backend::Sqlite {
        metrics::counter!("plenary_sqlite_op_commits_total")
            .absolute(state.store.op_transactions());
    }
    if let Ok((waiting, running, failed)) = state.store.job_counts().await {
        metrics::gauge!("plenary_jobs", "state" => "waiting").set(waiting as f64);
        metrics::gauge!("plenary_jobs", "state" => "running").set(running as f64);
        metrics::gauge!("plenary_jobs", "state" => "failed").set(failed as f64);
    }
    if let Ok(counts) = state.store.outbox_counts().await {
        for (status, n) in counts {
            metrics::gauge!("plenary_outbox", "status" => status).set(n as f64);
        }
    }
    let body = state
        .metrics
        .as_ref()
        .map(PrometheusHandle::render)
        .unwrap_or_default();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}

/// Logs one line per request with its request id and records count and latency by route.
/// The path as the log shows it: a segment that may be a secret (a long token that is not a
/// UUID, as in emailed links, invitations and public links) becomes `…`, so a log never holds
/// what would open an account or a session.
fn loggable(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.len() >= 20 && uuid::Uuid::parse_str(segment).is_err() {
                "…"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

pub async fn observe(mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        req.headers_mut().insert("x-request-id", v);
    }
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let mut res = next.run(req).await;
    let elapsed = started.elapsed();
    let status = res.status().as_u16();
    metrics::counter!("http_requests_total", "method" => method.to_string(), "route" => route.clone(), "status" => status.to_string()).increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method.to_string(), "route" => route).record(elapsed.as_secs_f64());
    let path = loggable(&path);
    tracing::info!(request_id = %request_id, method = %method, path = %path, status, ms = elapsed.as_secs_f64() * 1000.0, "request");
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        res.headers_mut().insert("x-request-id", v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_paths_never_reach_the_log() {
        let secret = "Jd8s_2kQpZ-1xY0aBcDeFgHiJkLmNoPqRsTuVwXyZ01";
        for path in [
            format!("/reset-password/{secret}"),
            format!("/invitations/{secret}"),
            format!("/p/{secret}"),
            format!("/confirm-email/{secret}"),
        ] {
            let shown = loggable(&path);
            assert!(!shown.contains(secret), "{shown}");
            assert!(shown.ends_with("/…"), "{shown}");
        }
        let id = "01a2491f-d94d-73e5-a0ce-711ded877380";
        assert_eq!(
            loggable(&format!("/sessions/{id}/files")),
            format!("/sessions/{id}/files")
        );
    }
}
