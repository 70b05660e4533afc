//! Credentials end when they should: tokens with a password reset, a sign-out everywhere and
//! (unless kept) a password change; tokens only from a signed-in browser after a recent
//! password check; scopes enforced; current passwords throttled.

use crate::TestApp;
use crate::helpers::{Browser, Options, PASSWORD, link_path};
use axum::http::{Method, StatusCode};
use serde_json::json;

async fn works(app: &TestApp, token: &str) -> StatusCode {
    app.api(
        &mut Browser::default(),
        Method::GET,
        "/api/v1/me",
        None,
        Some(token),
    )
    .await
    .status
}

/// Makes every login's last password check an hour old.
async fn age_password_checks(app: &TestApp) {
    let hour_ago = store::now_ms() - 3_600_000;
    match app.state.store.db() {
        store::Db::Sqlite(pool) => {
            sqlx::query("UPDATE logins SET verified_at = $1")
                .bind(hour_ago)
                .execute(pool)
                .await
                .expect("aged");
        }
        store::Db::Postgres(pool) => {
            sqlx::query("UPDATE logins SET verified_at = $1")
                .bind(hour_ago)
                .execute(pool)
                .await
                .expect("aged");
        }
    }
}

#[tokio::test]
async fn a_password_reset_ends_every_api_token() {
    let app = TestApp::new().await;
    let mut b = app.register("reset-tokens@example.org").await;
    let token = app.token(&mut b, &["write"]).await;
    assert_eq!(works(&app, &token).await, StatusCode::OK);
    let mut anon = Browser::default();
    app.post_form(
        &mut anon,
        "/reset-password",
        &[("email", "reset-tokens@example.org")],
    )
    .await;
    app.run_jobs().await;
    let path = link_path(
        &app.last_mail_to("reset-tokens@example.org").await.text_body,
        "/reset-password/",
    );
    let done = app
        .post_form(
            &mut anon,
            &path,
            &[("new_password", "a brand new phrase here")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(works(&app, &token).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_api_token_too() {
    let app = TestApp::new().await;
    let mut b = app.register("everywhere-tokens@example.org").await;
    let token = app.token(&mut b, &[]).await;
    app.post_form(&mut b, "/signout-everywhere", &[]).await;
    assert_eq!(works(&app, &token).await, StatusCode::UNAUTHORIZED);
    assert!(!app.signed_in(&mut b).await);
}

#[tokio::test]
async fn a_password_change_revokes_tokens_unless_the_person_keeps_them() {
    let app = TestApp::new().await;
    let mut b = app.register("change-tokens@example.org").await;
    let token = app.token(&mut b, &[]).await;
    let (mut other, _) = app.sign_in("change-tokens@example.org", PASSWORD).await;
    let kept = app
        .post_form(
            &mut b,
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "the second long phrase"),
                ("keep_tokens", "on"),
            ],
        )
        .await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.body);
    assert_eq!(works(&app, &token).await, StatusCode::OK, "kept on request");
    assert!(!app.signed_in(&mut other).await, "other logins end anyway");
    let page = app.get(&mut b, "/account/security").await;
    assert!(
        page.body.contains("Keep my API tokens working"),
        "the form offers the choice"
    );
    app.post_form(
        &mut b,
        "/account/password",
        &[
            ("current_password", "the second long phrase"),
            ("new_password", "and now a third phrase"),
        ],
    )
    .await;
    assert_eq!(
        works(&app, &token).await,
        StatusCode::UNAUTHORIZED,
        "revoked by default"
    );
    assert!(app.signed_in(&mut b).await, "this browser stays signed in");
}

#[tokio::test]
async fn a_token_cannot_make_tokens_and_a_browser_needs_a_recent_password_check() {
    let app = TestApp::new().await;
    let mut b = app.register("make-tokens@example.org").await;
    let token = app.token(&mut b, &["write"]).await;
    let by_token = app
        .api(
            &mut Browser::default(),
            Method::POST,
            "/api/v1/me/tokens",
            Some(json!({"name": "child", "scopes": ["write"]})),
            Some(&token),
        )
        .await;
    assert_eq!(by_token.status, StatusCode::FORBIDDEN);
    assert_eq!(by_token.json()["error"]["code"], "insufficient_scope");

    age_password_checks(&app).await;
    let page = app.get(&mut b, "/account/security").await;
    assert!(page.body.contains("Confirm with your password"));
    let unconfirmed = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/me/tokens",
            Some(json!({"name": "late"})),
            None,
        )
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        unconfirmed.json()["error"]["fields"]["current_password"]["code"],
        "required"
    );
    let wrong = app
        .post_form(
            &mut b,
            "/account/tokens",
            &[
                ("name", "late"),
                ("access", "read"),
                ("current_password", "not it at all"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let confirmed = app
        .post_form(
            &mut b,
            "/account/tokens",
            &[
                ("name", "late"),
                ("access", "read"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert!(confirmed.body.contains("plen_"), "{}", confirmed.body);
    // The check is fresh again: the next token needs no password for a while.
    let next = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/me/tokens",
            Some(json!({"name": "next"})),
            None,
        )
        .await;
    assert_eq!(next.status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_read_only_token_reads_but_changes_nothing() {
    let app = TestApp::new().await;
    let mut b = app.register("reader@example.org").await;
    let reader = app.token(&mut b, &["read"]).await;
    let writer = app.token(&mut b, &["write"]).await;
    let mut script = Browser::default();
    assert_eq!(works(&app, &reader).await, StatusCode::OK);
    let refused = app
        .api(
            &mut script,
            Method::POST,
            "/api/v1/sessions",
            Some(json!({"title": "Not by a reader"})),
            Some(&reader),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["error"]["code"], "insufficient_scope");
    let made = app
        .api(
            &mut script,
            Method::POST,
            "/api/v1/sessions",
            Some(json!({"title": "By a writer"})),
            Some(&writer),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let list = app
        .api(
            &mut script,
            Method::GET,
            "/api/v1/me/tokens",
            None,
            Some(&reader),
        )
        .await;
    let scopes: Vec<String> = list
        .json()
        .as_array()
        .expect("tokens")
        .iter()
        .map(|t| t["scopes"].to_string())
        .collect();
    assert!(scopes.contains(&r#"["read"]"#.to_owned()), "{scopes:?}");
    assert!(
        scopes.contains(&r#"["read","write"]"#.to_owned()),
        "{scopes:?}"
    );
}

#[tokio::test]
async fn only_an_administrator_s_admin_token_reaches_the_administration() {
    let app = TestApp::new().await;
    let mut admin = app.register("root@example.org").await;
    app.make_admin("root@example.org").await;
    let plain = app.token(&mut admin, &["write"]).await;
    let mighty = app.token(&mut admin, &["admin"]).await;
    for (token, status) in [(plain, StatusCode::NOT_FOUND), (mighty, StatusCode::OK)] {
        let res = app
            .api(
                &mut Browser::default(),
                Method::GET,
                "/api/v1/admin/users?q=root",
                None,
                Some(&token),
            )
            .await;
        assert_eq!(res.status, status);
    }

    let mut someone = app.register("someone@example.org").await;
    let asked = app
        .api(
            &mut someone,
            Method::POST,
            "/api/v1/me/tokens",
            Some(json!({"name": "power", "scopes": ["admin"]})),
            None,
        )
        .await;
    assert_eq!(asked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        asked.json()["error"]["fields"]["scopes"]["code"],
        "unknown_scope"
    );
    let page = app.get(&mut someone, "/account/security").await;
    assert!(!page.body.contains("administer the service"));
}

#[tokio::test]
async fn wrong_current_passwords_are_throttled_like_sign_ins() {
    let app = TestApp::new().await;
    let mut b = app.register("guess@example.org").await;
    for _ in 0..5 {
        let res = app
            .api(
                &mut b,
                Method::POST,
                "/api/v1/me/password",
                Some(json!({"current_password": "a wrong guess here", "new_password": "whatever it would be"})),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let paused = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/me/password",
            Some(json!({"current_password": PASSWORD, "new_password": "whatever it would be"})),
            None,
        )
        .await;
    assert_eq!(paused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(paused.headers.contains_key("retry-after"));
    let email = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/me/email",
            Some(json!({"current_password": PASSWORD, "new_email": "new@example.org"})),
            None,
        )
        .await;
    assert_eq!(
        email.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the same pause"
    );
}

#[tokio::test]
async fn a_reset_request_does_the_same_work_whether_the_address_has_an_account_or_not() {
    let app = TestApp::new().await;
    app.register("known@example.org").await;
    let mut anon = Browser::default();
    app.run_jobs().await;
    let before = app.state.store.recent_mail(100).await.expect("mail").len();
    for email in ["known@example.org", "unknown@example.org"] {
        let (waiting, _, _) = app.state.store.job_counts().await.expect("jobs");
        let res = app
            .post_form(&mut anon, "/reset-password", &[("email", email)])
            .await;
        assert!(res.body.contains("If an account exists for this address"));
        let (now, _, _) = app.state.store.job_counts().await.expect("jobs");
        assert_eq!(
            now,
            waiting + 1,
            "{email}: one job queued, whoever it is for"
        );
    }
    assert_eq!(
        app.state.store.recent_mail(100).await.expect("mail").len(),
        before,
        "nothing is looked up or sent while the visitor waits"
    );
    app.run_jobs().await;
    let to: Vec<String> = app
        .state
        .store
        .recent_mail(100)
        .await
        .expect("mail")
        .into_iter()
        .map(|m| m.to)
        .collect();
    assert!(to.contains(&"known@example.org".to_owned()));
    assert!(!to.contains(&"unknown@example.org".to_owned()));
}

#[tokio::test]
async fn weak_passwords_from_the_outside_test_are_refused_at_registration() {
    let app = TestApp::new().await;
    for weak in [
        "          ",
        "aaaaaaaaaa",
        "1111111111",
        "a quiet\0river at dawn",
        "Plenary2026!",
    ] {
        let mut b = Browser::default();
        let res = app
            .api(
                &mut b,
                Method::POST,
                "/api/v1/auth/register",
                Some(json!({
                    "email": "weak@example.org", "password": weak, "first_name": "Weak",
                    "last_name": "Password", "accept_terms": true, "accept_consent": true
                })),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{weak:?}");
        assert!(
            res.json()["error"]["fields"]["password"].is_object(),
            "{weak:?}: {}",
            res.body
        );
    }
}

#[tokio::test]
async fn a_token_past_its_rate_gets_429_with_retry_after_and_others_go_on() {
    let app = TestApp::with(Options {
        rate_per_minute: Some(12),
        ..Options::default()
    })
    .await;
    let mut b = app.register("busy@example.org").await;
    let token = app.token(&mut b, &["read"]).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(works(&app, &token).await);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        3,
        "a burst of a quarter of a minute's twelve: {statuses:?}"
    );
    let res = app
        .api(
            &mut Browser::default(),
            Method::GET,
            "/api/v1/me",
            None,
            Some(&token),
        )
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.json()["error"]["code"], "rate_limited");
    let wait: u64 = res.headers["retry-after"]
        .to_str()
        .expect("text")
        .parse()
        .expect("seconds");
    assert!((1..=5).contains(&wait), "{wait}");
    let mut other = app.register("calm@example.org").await;
    assert!(
        app.signed_in(&mut other).await,
        "another login has its own allowance"
    );
}

#[tokio::test]
async fn one_address_is_paced_whoever_signs_in_from_it() {
    let app = TestApp::with(Options {
        ip_rate_per_minute: Some(16),
        ..Options::default()
    })
    .await;
    let mut paced = 0;
    for _ in 0..10 {
        let res = app.get(&mut Browser::default(), "/signin").await;
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            paced += 1;
            assert!(res.body.contains("Too many requests"), "{}", res.body);
        }
    }
    assert_eq!(paced, 6, "four pass at once, the rest wait");
    let assets = app.get(&mut Browser::default(), "/healthz").await;
    assert_eq!(
        assets.status,
        StatusCode::OK,
        "health checks are never paced"
    );
}
