//! Edge cases an outside test found: redirects that lead off the site, errors that answered
//! 500, NUL bytes, headers, origins and names that disguise themselves.

use crate::TestApp;
use crate::helpers::{Browser, Options, PASSWORD};
use crate::sharing::create_session;
use axum::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_next_that_a_browser_reads_as_another_host_leads_home() {
    let app = TestApp::new().await;
    app.register("next@example.org").await;
    for next in [
        "/%09/evil.example",
        "/%0a/evil.example",
        "/%5Cevil.example",
        "/.//evil.example",
        "/%2e%2e//evil.example",
        "/a/..//evil.example",
    ] {
        let (mut b, _) = app.sign_in("next@example.org", PASSWORD).await;
        let res = app.get(&mut b, &format!("/signin?next={next}")).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(res.location(), "/", "{next}");
    }
    let mut b = Browser::default();
    let res = app
        .post_form(
            &mut b,
            "/signin",
            &[
                ("email", "next@example.org"),
                ("password", PASSWORD),
                ("next", "/account\r\nSet-Cookie: x=1"),
            ],
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::SEE_OTHER,
        "a bad next is ignored, not a 500"
    );
    assert!(!res.location().contains('\n'));
    assert!(res.location().starts_with("/account"), "{}", res.location());
}

#[tokio::test]
async fn an_owner_removing_themself_gets_a_conflict_with_a_code_not_a_500() {
    let app = TestApp::new().await;
    let mut owner = app.register("self@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let me = app
        .api(&mut owner, Method::GET, "/api/v1/me", None, None)
        .await;
    let user = me.json()["id"].as_str().expect("id").to_owned();
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/share/{user}/remove"),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.body.contains("The owner keeps their role"),
        "{}",
        res.body
    );
}

#[tokio::test]
async fn a_nul_byte_in_a_filter_or_search_is_a_400_on_every_backend() {
    let app = TestApp::new().await;
    let mut b = app.register("nul@example.org").await;
    for path in [
        "/api/v1/methods?category=%00",
        "/api/v1/methods?q=a%00b",
        "/library?category=ideation%00",
    ] {
        let res = app.get(&mut b, path).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{path}: {}", res.body);
    }
    let api = app.get(&mut b, "/api/v1/methods?category=%00").await.json();
    assert_eq!(api["error"]["code"], "bad_request");
    let control = app.get(&mut b, "/api/v1/methods?category=a%01b").await;
    assert_eq!(control.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        control.json()["error"]["fields"]["category"]["code"],
        "control_characters"
    );
}

#[tokio::test]
async fn hsts_is_sent_only_when_the_public_url_is_https() {
    let https = TestApp::with(Options {
        public_url: "https://plenary.example.org",
        ..Options::default()
    })
    .await;
    let res = https.get(&mut Browser::default(), "/signin").await;
    assert_eq!(
        res.headers
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok()),
        Some("max-age=63072000; includeSubDomains")
    );
    let http = TestApp::new().await;
    let res = http.get(&mut Browser::default(), "/signin").await;
    assert!(!res.headers.contains_key("strict-transport-security"));
}

#[tokio::test]
async fn an_origin_that_only_matches_the_host_it_names_is_refused() {
    let app = TestApp::new().await;
    let mut b = app.register("origin@example.org").await;
    let res = app
        .post_form_with(
            &mut b,
            "/account/profile",
            &[("first_name", "Mallory")],
            &[("origin", "http://evil.example"), ("host", "evil.example")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let own = app
        .post_form_with(
            &mut b,
            "/signout",
            &[],
            &[("origin", "http://127.0.0.1:8080")],
        )
        .await;
    assert_eq!(
        own.status,
        StatusCode::SEE_OTHER,
        "the public origin passes"
    );
}

#[tokio::test]
async fn a_title_with_bidirectional_controls_is_refused() {
    let app = TestApp::new().await;
    let mut b = app.register("bidi@example.org").await;
    for title in ["invoice\u{202e}fdp.exe", "plan\u{2067}txt.exe\u{2069}"] {
        let res = app
            .api(
                &mut b,
                Method::POST,
                "/api/v1/sessions",
                Some(json!({"title": title})),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{title:?}");
    }
    let res = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/methods",
            Some(json!({
                "title": "Dot\u{202e}gnitov", "duration_min": 5, "duration_max": 10,
                "group_min": 2, "group_max": 20
            })),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
}

#[tokio::test]
async fn an_editor_s_duplicate_lands_in_a_workspace_the_editor_sees() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let mut ed = app.register("editor@example.org").await;
    crate::sharing::share(&app, &mut owner, &id, "editor@example.org", "editor").await;
    let copy = app
        .api(
            &mut ed,
            Method::POST,
            &format!("/api/v1/sessions/{id}/duplicate"),
            None,
            None,
        )
        .await;
    assert_eq!(copy.status, StatusCode::CREATED, "{}", copy.body);
    let copy_id: domain::SessionId = copy.json()["id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("uuid");
    let row = app.state.store.session(copy_id).await.expect("copy");
    let ed_user = app
        .state
        .store
        .user_by_email(&domain::Email::parse("editor@example.org").expect("email"))
        .await
        .expect("q")
        .expect("ed");
    let (ed_workspace, _) = app.state.store.working_in(ed_user.id).await.expect("ws");
    assert_eq!(row.workspace_id, ed_workspace, "in the editor's workspace");
    let home = app.get(&mut ed, "/").await;
    assert!(
        home.body.contains(&format!("/sessions/{copy_id}")),
        "on the editor's dashboard"
    );
    let owners = app.get(&mut owner, "/").await;
    assert!(!owners.body.contains(&format!("/sessions/{copy_id}")));
}

#[tokio::test]
async fn a_client_op_id_with_a_nul_byte_is_a_400_and_stores_nothing() {
    let app = TestApp::new().await;
    let mut b = app.register("nul-op@example.org").await;
    let (id, block) = create_session(&app, &mut b).await;
    let res = app
        .api(
            &mut b,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(json!({"ops": [{"client_op_id": "a\u{0}b", "op": {"type": "set_block", "block": block, "set": {"field": "title", "value": "x"}}}]})),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    let session: domain::SessionId = id.parse().expect("id");
    assert_eq!(
        app.state.store.session(session).await.expect("s").version,
        1
    );
}
