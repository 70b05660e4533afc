use crate::helpers::{Browser, TestApp};
use axum::http::StatusCode;

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    assert_eq!(app.get(&mut b, "/healthz").await.body, "ok");
    let ready = app.get(&mut b, "/readyz").await;
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (StatusCode::OK, "ready")
    );
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    let app = TestApp::new().await;
    app.state.store.close().await;
    let ready = app.get(&mut Browser::default(), "/readyz").await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_report_jobs_and_the_outbox() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    app.get(&mut b, "/signin").await;
    app.register("metrics@example.org").await;
    let text = app.get(&mut b, "/metrics").await.body;
    assert!(
        text.contains(r#"http_requests_total{method="GET",route="/signin",status="200"}"#),
        "{text}"
    );
    assert!(text.contains("http_request_duration_seconds_bucket"));
    assert!(text.contains(r#"plenary_outbox{status="pending"}"#));
    assert!(text.contains(r#"plenary_jobs{state="waiting"}"#));
    assert!(text.contains("plenary_db_pool_connections"));
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = TestApp::new().await;
    let res = app
        .get_with(
            &mut Browser::default(),
            "/healthz",
            &[("x-request-id", "abc-123")],
        )
        .await;
    assert_eq!(res.headers["x-request-id"], "abc-123");
    let res = app.get(&mut Browser::default(), "/healthz").await;
    assert_eq!(res.headers["x-request-id"].len(), 36);
}

#[tokio::test]
async fn static_files_are_served_from_the_binary() {
    let app = TestApp::new().await;
    let css = app.get(&mut Browser::default(), "/static/app.css").await;
    assert_eq!(css.headers["content-type"], "text/css; charset=utf-8");
    let htmx = app
        .get(&mut Browser::default(), "/static/vendor/htmx.min.js")
        .await;
    assert!(htmx.body.contains("htmx"));
    assert_eq!(
        app.get(&mut Browser::default(), "/static/../Cargo.toml")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
