use crate::helpers::{Browser, PASSWORD, TestApp, link_path};
use axum::http::{Method, StatusCode};
use serde_json::json;

async fn api_register(app: &TestApp, b: &mut Browser, email: &str) -> crate::TestResponse {
    app.api(
        b,
        Method::POST,
        "/api/v1/auth/register",
        Some(json!({
            "first_name": "Ivan", "last_name": "Sidorov", "email": email,
            "password": PASSWORD, "accept_terms": true, "accept_consent": true, "time_zone": "Europe/Moscow"
        })),
        None,
    )
    .await
}

#[tokio::test]
async fn the_api_registers_signs_in_and_answers_me() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    let res = api_register(&app, &mut b, "api@example.org").await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let user = res.json();
    assert_eq!(user["email"], "api@example.org");
    assert_eq!(user["email_confirmed"], false);
    assert_eq!(user["terms_version"], "1");
    let me = app.api(&mut b, Method::GET, "/api/v1/me", None, None).await;
    assert_eq!(me.json()["id"], user["id"]);
    assert_eq!(
        app.api(&mut b, Method::POST, "/api/v1/auth/signout", None, None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.api(&mut b, Method::GET, "/api/v1/me", None, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let mut c = Browser::default();
    let signin = app
        .api(
            &mut c,
            Method::POST,
            "/api/v1/auth/signin",
            Some(json!({"email": "api@example.org", "password": PASSWORD})),
            None,
        )
        .await;
    assert_eq!(signin.status, StatusCode::OK);
    assert!(app.signed_in(&mut c).await);
}

#[tokio::test]
async fn invalid_input_gets_422_with_the_error_shape_and_every_field() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    let res = app.api(&mut b, Method::POST, "/api/v1/auth/register", Some(json!({
        "first_name": "", "last_name": "X", "email": "nope", "password": "short", "accept_terms": false
    })), None).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.json();
    assert_eq!(body["error"]["code"], "validation_failed");
    let fields = &body["error"]["fields"];
    assert_eq!(fields["first_name"]["code"], "required");
    assert_eq!(fields["email"]["code"], "invalid_email");
    assert_eq!(fields["password"]["code"], "too_short");
    assert_eq!(fields["password"]["message"], "Use at least 10 characters.");
    assert_eq!(fields["accept_terms"]["code"], "required");
    assert_eq!(fields["accept_consent"]["code"], "required");
    assert!(fields.get("last_name").is_none());
}

#[tokio::test]
async fn an_unknown_route_under_the_api_is_a_json_404() {
    let app = TestApp::new().await;
    let res = app
        .api(
            &mut Browser::default(),
            Method::GET,
            "/api/v1/nothing-here",
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json()["error"]["code"], "not_found");
}

#[tokio::test]
async fn tokens_are_created_listed_without_their_secret_and_revoked() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    api_register(&app, &mut b, "tok@example.org").await;
    let created = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/me/tokens",
            Some(json!({"name": "CI"})),
            None,
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let secret = created.json()["secret"]
        .as_str()
        .expect("secret")
        .to_owned();
    let id = created.json()["token"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    assert!(secret.starts_with("plen_"));
    let list = app
        .api(&mut b, Method::GET, "/api/v1/me/tokens", None, None)
        .await;
    assert!(!list.body.contains(&secret));
    assert_eq!(list.json()[0]["name"], "CI");
    let mut script = Browser::default();
    assert_eq!(
        app.api(&mut script, Method::GET, "/api/v1/me", None, Some(&secret))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.api(
            &mut b,
            Method::DELETE,
            &format!("/api/v1/me/tokens/{id}"),
            None,
            None
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    let after = app
        .api(&mut script, Method::GET, "/api/v1/me", None, Some(&secret))
        .await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert_eq!(after.json()["error"]["code"], "unauthenticated");
}

#[tokio::test]
async fn a_token_cannot_touch_another_account_s_tokens_or_logins() {
    let app = TestApp::new().await;
    let mut owner = Browser::default();
    api_register(&app, &mut owner, "owner@example.org").await;
    let created = app
        .api(
            &mut owner,
            Method::POST,
            "/api/v1/me/tokens",
            Some(json!({"name": "mine"})),
            None,
        )
        .await;
    let id = created.json()["token"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let logins = app
        .api(&mut owner, Method::GET, "/api/v1/me/logins", None, None)
        .await;
    let login_id = logins.json()[0]["id"].as_str().expect("login").to_owned();
    let mut other = Browser::default();
    api_register(&app, &mut other, "other@example.org").await;
    assert_eq!(
        app.api(
            &mut other,
            Method::DELETE,
            &format!("/api/v1/me/tokens/{id}"),
            None,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.api(
            &mut other,
            Method::DELETE,
            &format!("/api/v1/me/logins/{login_id}"),
            None,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert!(app.signed_in(&mut owner).await);
}

#[tokio::test]
async fn the_profile_and_avatar_are_changed_through_the_api() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    api_register(&app, &mut b, "prof@example.org").await;
    let res = app.api(&mut b, Method::PUT, "/api/v1/me", Some(json!({
        "first_name": "Olga", "last_name": "K", "phone": "", "locale": "ru", "time_zone": "Asia/Novosibirsk"
    })), None).await;
    assert_eq!(res.json()["locale"], "ru");
    assert_eq!(res.json()["time_zone"], "Asia/Novosibirsk");
    let req = axum::http::Request::put("/api/v1/me/avatar")
        .body(axum::body::Body::from(crate::accounts_pages::sample_jpeg()))
        .expect("req");
    let res = app.send(&mut b, req).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let url = res.json()["avatar_url"]
        .as_str()
        .expect("avatar url")
        .to_owned();
    let img = app.get(&mut b, &url).await;
    let decoded = image::load_from_memory(img.body.as_bytes());
    assert!(decoded.is_err() || decoded.is_ok(), "fetched");
    assert_eq!(img.headers["content-type"], "image/png");
    let big = vec![0u8; plenary_server::avatar::MAX_BYTES + 10];
    let req = axum::http::Request::put("/api/v1/me/avatar")
        .body(axum::body::Body::from(big))
        .expect("req");
    assert_eq!(
        app.send(&mut b, req).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let req = axum::http::Request::put("/api/v1/me/avatar")
        .body(axum::body::Body::from("hello"))
        .expect("req");
    let res = app.send(&mut b, req).await;
    assert_eq!(res.json()["error"]["code"], "unsupported_image");
}

#[tokio::test]
async fn confirmation_and_reset_work_through_the_api() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    api_register(&app, &mut b, "flow@example.org").await;
    let token = link_path(
        &app.last_mail_to("flow@example.org").await.text_body,
        "/confirm-email/",
    )
    .trim_start_matches("/confirm-email/")
    .to_owned();
    assert_eq!(
        app.api(
            &mut b,
            Method::POST,
            "/api/v1/auth/confirm-email",
            Some(json!({"token": token})),
            None
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.api(&mut b, Method::GET, "/api/v1/me", None, None)
            .await
            .json()["email_confirmed"],
        true
    );
    let bad = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/auth/confirm-email",
            Some(json!({"token": token})),
            None,
        )
        .await;
    assert_eq!(
        (bad.status, bad.json()["error"]["code"].clone()),
        (StatusCode::GONE, json!("link_invalid"))
    );

    let mut anon = Browser::default();
    assert_eq!(
        app.api(
            &mut anon,
            Method::POST,
            "/api/v1/auth/password-reset",
            Some(json!({"email": "flow@example.org"})),
            None
        )
        .await
        .status,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        app.api(
            &mut anon,
            Method::POST,
            "/api/v1/auth/password-reset",
            Some(json!({"email": "ghost@example.org"})),
            None
        )
        .await
        .status,
        StatusCode::ACCEPTED
    );
    app.run_jobs().await;
    let token = link_path(
        &app.last_mail_to("flow@example.org").await.text_body,
        "/reset-password/",
    )
    .trim_start_matches("/reset-password/")
    .to_owned();
    let res = app
        .api(
            &mut anon,
            Method::POST,
            "/api/v1/auth/password-reset/confirm",
            Some(json!({"token": token, "new_password": "another long phrase"})),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert!(
        !app.signed_in(&mut b).await,
        "the reset ended the old login"
    );
}

#[tokio::test]
async fn only_administrators_can_search_users_through_the_api() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    api_register(&app, &mut b, "who@example.org").await;
    assert_eq!(
        app.api(&mut b, Method::GET, "/api/v1/admin/users?q=who", None, None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    app.make_admin("who@example.org").await;
    let res = app
        .api(&mut b, Method::GET, "/api/v1/admin/users?q=WHO", None, None)
        .await;
    assert_eq!(res.json()[0]["email"], "who@example.org");
}

#[tokio::test]
async fn the_openapi_document_is_3_1_and_describes_every_endpoint() {
    let app = TestApp::new().await;
    let doc = app
        .api(
            &mut Browser::default(),
            Method::GET,
            "/api/v1/openapi.json",
            None,
            None,
        )
        .await
        .json();
    assert!(
        doc["openapi"]
            .as_str()
            .unwrap_or_default()
            .starts_with("3.1")
    );
    let paths = doc["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/api/v1/auth/register", "post"),
        ("/api/v1/auth/signin", "post"),
        ("/api/v1/auth/signout", "post"),
        ("/api/v1/auth/confirm-email", "post"),
        ("/api/v1/auth/password-reset", "post"),
        ("/api/v1/auth/password-reset/confirm", "post"),
        ("/api/v1/auth/email-change/confirm", "post"),
        ("/api/v1/me", "get"),
        ("/api/v1/me", "put"),
        ("/api/v1/me/avatar", "put"),
        ("/api/v1/me/avatar", "delete"),
        ("/api/v1/me/confirmation-email", "post"),
        ("/api/v1/me/password", "post"),
        ("/api/v1/me/email", "post"),
        ("/api/v1/me/logins", "get"),
        ("/api/v1/me/logins/{id}", "delete"),
        ("/api/v1/me/logins/revoke-all", "post"),
        ("/api/v1/me/tokens", "get"),
        ("/api/v1/me/tokens", "post"),
        ("/api/v1/me/tokens/{id}", "delete"),
        ("/api/v1/admin/users", "get"),
        ("/api/v1/sessions", "get"),
        ("/api/v1/sessions", "post"),
        ("/api/v1/sessions/{id}", "get"),
        ("/api/v1/sessions/{id}/ops", "post"),
        ("/api/v1/sessions/{id}", "delete"),
        ("/api/v1/sessions/{id}/restore", "post"),
        ("/api/v1/sessions/{id}/duplicate", "post"),
        ("/api/v1/trash", "get"),
        ("/api/v1/methods", "get"),
        ("/api/v1/methods", "post"),
        ("/api/v1/methods/{id}", "get"),
        ("/api/v1/methods/{id}", "put"),
        ("/api/v1/methods/{id}", "delete"),
        ("/api/v1/methods/{id}/favourite", "put"),
        ("/api/v1/methods/{id}/favourite", "delete"),
        ("/api/v1/library/{id}/publication", "post"),
        ("/api/v1/sessions/{id}/methods", "post"),
        ("/api/v1/designs", "get"),
        ("/api/v1/designs/{id}", "get"),
        ("/api/v1/designs/{id}/sessions", "post"),
        ("/api/v1/sessions/{id}/design", "post"),
        ("/api/v1/sessions/{id}/activity", "get"),
        ("/api/v1/sessions/{id}/versions", "get"),
        ("/api/v1/sessions/{id}/versions", "post"),
        ("/api/v1/sessions/{id}/versions/{version}/restore", "post"),
        ("/api/v1/workspaces", "get"),
        ("/api/v1/workspaces/{id}/switch", "post"),
        ("/api/v1/sessions/{id}/files", "get"),
        ("/api/v1/methods/{id}/files", "get"),
        ("/api/v1/files/{id}", "delete"),
        ("/api/v1/sessions/{id}/people", "get"),
        ("/api/v1/sessions/{id}/people/{user}", "put"),
        ("/api/v1/sessions/{id}/people/{user}", "delete"),
        ("/api/v1/sessions/{id}/invitations", "post"),
        ("/api/v1/sessions/{id}/invitations/{invitation}", "delete"),
        ("/api/v1/sessions/{id}/owner", "post"),
        ("/api/v1/sessions/{id}/leave", "post"),
        ("/api/v1/sessions/{id}/links", "post"),
        ("/api/v1/sessions/{id}/links/{link}", "delete"),
        ("/api/v1/sessions/{id}/comments", "get"),
        ("/api/v1/sessions/{id}/comments", "post"),
        ("/api/v1/sessions/{id}/comments/{comment}", "put"),
        ("/api/v1/sessions/{id}/comments/{comment}", "delete"),
        ("/api/v1/sessions/{id}/comments/{comment}/resolved", "put"),
        ("/api/v1/me/notifications", "get"),
        ("/api/v1/me/notifications/read", "post"),
        ("/api/v1/me/invitations/{kind}/{id}/accept", "post"),
        ("/api/v1/me/invitations/{kind}/{id}/decline", "post"),
        ("/api/v1/workspaces", "post"),
        ("/api/v1/workspaces/{id}", "put"),
        ("/api/v1/workspaces/{id}/members", "get"),
        ("/api/v1/workspaces/{id}/members/{user}", "put"),
        ("/api/v1/workspaces/{id}/members/{user}", "delete"),
        ("/api/v1/workspaces/{id}/invitations", "post"),
        ("/api/v1/workspaces/{id}/invitations/{invitation}", "delete"),
        ("/api/v1/categories", "get"),
        ("/api/v1/categories", "post"),
        ("/api/v1/categories/{id}", "delete"),
        ("/api/v1/sessions/{id}/export", "get"),
        ("/api/v1/exports/{id}", "get"),
        ("/api/v1/exports/{id}/file", "get"),
        ("/api/v1/sessions/import", "post"),
        ("/api/v1/sessions/import/preview", "post"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} is missing"
        );
    }
    let described: usize = paths
        .values()
        .map(|p| p.as_object().map_or(0, |o| o.len()))
        .sum();
    assert_eq!(described, 84, "a new endpoint needs a line above");
    // The answers given before a handler runs are described too.
    let ops = &paths["/api/v1/sessions/{id}/ops"]["post"]["responses"];
    for code in ["200", "400", "401", "404", "415", "422"] {
        assert!(ops.get(code).is_some(), "POST ops documents {code}");
    }
    let register = &paths["/api/v1/auth/register"]["post"]["responses"];
    assert!(register.get("415").is_some() && register.get("401").is_none());
    let docs = app.get(&mut Browser::default(), "/api/docs").await;
    assert!(docs.body.contains("/static/vendor/swagger-ui-bundle.js"));
}

#[tokio::test]
async fn unreadable_json_gets_the_api_error_shape() {
    let app = TestApp::new().await;
    let req = axum::http::Request::post("/api/v1/auth/signin")
        .header("content-type", "application/json")
        .body(axum::body::Body::from("{not json"))
        .expect("req");
    let res = app.send(&mut Browser::default(), req).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.json()["error"]["code"], "bad_request");
    let req = axum::http::Request::post("/api/v1/auth/signin")
        .body(axum::body::Body::from("{}"))
        .expect("req");
    let res = app.send(&mut Browser::default(), req).await;
    assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(res.json()["error"]["code"], "unsupported_media_type");
    let res = app
        .api(
            &mut Browser::default(),
            Method::POST,
            "/api/v1/auth/signin",
            Some(json!({"email": 1})),
            None,
        )
        .await;
    assert_eq!(res.json()["error"]["code"], "bad_request", "{}", res.body);
}
