use crate::helpers::{Browser, Options, PASSWORD, TestApp};
use axum::http::{Method, StatusCode};

fn login_cookie(set_cookies: &[String]) -> String {
    set_cookies
        .iter()
        .find(|c| c.starts_with("plenary_login=") || c.starts_with("__Host-plenary="))
        .cloned()
        .unwrap_or_else(|| panic!("no login cookie in {set_cookies:?}"))
}

#[tokio::test]
async fn the_login_cookie_is_http_only_lax_and_not_secure_over_plain_http() {
    let app = TestApp::new().await;
    let (_, res) = {
        app.register("c@example.org").await;
        app.sign_in("c@example.org", PASSWORD).await
    };
    let cookie = login_cookie(&res.set_cookies());
    assert!(cookie.starts_with("plenary_login="));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
    assert!(!cookie.contains("Secure"));
    assert!(
        cookie.contains(&format!("Max-Age={}", 30 * 24 * 3600)),
        "absolute timeout: {cookie}"
    );
}

#[tokio::test]
async fn over_https_the_login_cookie_is_host_prefixed_and_secure() {
    let app = TestApp::with(Options {
        public_url: "https://plenary.example.org",
        ..Options::default()
    })
    .await;
    app.register("s@example.org").await;
    let (_, res) = app.sign_in("s@example.org", PASSWORD).await;
    let cookie = login_cookie(&res.set_cookies());
    assert!(cookie.starts_with("__Host-plenary="), "{cookie}");
    assert!(
        cookie.contains("Secure")
            && cookie.contains("HttpOnly")
            && cookie.contains("Path=/")
            && !cookie.contains("Domain")
    );
}

#[tokio::test]
async fn signing_in_gives_a_new_login_id_and_a_planted_one_is_worthless() {
    let app = TestApp::new().await;
    app.register("fix@example.org").await;
    let mut b = Browser::default();
    b.cookies
        .insert("plenary_login".into(), "attacker-chosen-value".into());
    let res = app
        .post_form(
            &mut b,
            "/signin",
            &[("email", "fix@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let fresh = b.cookies["plenary_login"].clone();
    assert_ne!(fresh, "attacker-chosen-value");
    let (second, _) = app.sign_in("fix@example.org", PASSWORD).await;
    assert_ne!(
        second.cookies["plenary_login"], fresh,
        "each sign-in is a new login"
    );
    let mut planted = Browser::default();
    planted
        .cookies
        .insert("plenary_login".into(), "attacker-chosen-value".into());
    assert!(!app.signed_in(&mut planted).await);
}

#[tokio::test]
async fn cookies_tokens_and_emailed_links_are_stored_only_as_hashes() {
    let app = TestApp::new().await;
    let mut b = app.register("hash@example.org").await;
    let cookie = b.cookies["plenary_login"].clone();
    let created = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/me/tokens",
            Some(serde_json::json!({"name": "x"})),
            None,
        )
        .await;
    let secret = created.json()["secret"]
        .as_str()
        .expect("secret")
        .to_owned();
    let link = app.last_mail_to("hash@example.org").await.text_body;
    let link_token = crate::helpers::link_path(&link, "/confirm-email/")
        .trim_start_matches("/confirm-email/")
        .to_owned();
    let dump = match app.state.store.db() {
        store::Db::Sqlite(pool) => {
            let rows: Vec<(Vec<u8>,)> = sqlx::query_as("SELECT token_hash FROM logins UNION ALL SELECT token_hash FROM api_tokens UNION ALL SELECT token_hash FROM email_tokens").fetch_all(pool).await.expect("rows");
            rows
        }
        store::Db::Postgres(pool) => {
            sqlx::query_as("SELECT token_hash FROM logins UNION ALL SELECT token_hash FROM api_tokens UNION ALL SELECT token_hash FROM email_tokens").fetch_all(pool).await.expect("rows")
        }
    };
    assert_eq!(dump.len(), 3);
    for (hash,) in &dump {
        assert_eq!(hash.len(), 32, "a SHA-256 digest");
        for plain in [&cookie, &secret, &link_token] {
            assert!(
                !hash
                    .windows(8)
                    .any(|w| plain.as_bytes().windows(8).any(|p| p == w))
            );
        }
    }
    let expected: Vec<Vec<u8>> = [&cookie, &secret, &link_token]
        .iter()
        .map(|s| plenary_server::auth::hash_secret(s))
        .collect();
    for e in expected {
        assert!(dump.iter().any(|(h,)| *h == e));
    }
}

#[tokio::test]
async fn a_cross_site_post_is_refused_and_changes_nothing() {
    let app = TestApp::new().await;
    let mut b = app.register("csrf@example.org").await;
    for headers in [
        vec![("sec-fetch-site", "cross-site")],
        vec![
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:8080"),
        ],
    ] {
        let res = app
            .post_form_with(&mut b, "/signout-everywhere", &[], &headers)
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert!(res.body.contains("This request came from another site"));
    }
    let api = app
        .post_form_with(
            &mut b,
            "/api/v1/me/logins/revoke-all",
            &[],
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(api.json()["error"]["code"], "cross_site_request");
    assert!(app.signed_in(&mut b).await, "still signed in");
    let same = app
        .post_form_with(
            &mut b,
            "/signout",
            &[],
            &[("origin", "http://127.0.0.1:8080")],
        )
        .await;
    assert_eq!(
        same.status,
        StatusCode::SEE_OTHER,
        "the site's own origin passes"
    );
}

#[tokio::test]
async fn an_unknown_address_and_a_wrong_password_get_the_same_answer() {
    let app = TestApp::new().await;
    app.register("real@example.org").await;
    let (_, known) = app.sign_in("real@example.org", "wrong password here").await;
    let (_, unknown) = app
        .sign_in("ghost@example.org", "wrong password here")
        .await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(
        known.body.replace("real@example.org", "X"),
        unknown.body.replace("ghost@example.org", "X")
    );
    let mut b = Browser::default();
    let a = app
        .post_form(&mut b, "/reset-password", &[("email", "real@example.org")])
        .await;
    let c = app
        .post_form(&mut b, "/reset-password", &[("email", "ghost@example.org")])
        .await;
    assert_eq!((a.status, a.body.clone()), (c.status, c.body.clone()));
}

#[tokio::test]
async fn repeated_wrong_passwords_pause_sign_in_for_that_account_with_a_clear_message() {
    let app = TestApp::new().await;
    app.register("victim@example.org").await;
    for _ in 0..5 {
        assert_eq!(
            app.sign_in("victim@example.org", "guess number one")
                .await
                .1
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
    let (_, paused) = app.sign_in("victim@example.org", PASSWORD).await;
    assert_eq!(paused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        paused
            .body
            .contains("Too many attempts. Please try again in 15 minutes."),
        "{}",
        paused.body
    );
    let retry: u64 = paused.headers["retry-after"]
        .to_str()
        .expect("h")
        .parse()
        .expect("seconds");
    assert!(retry > 800 && retry <= 900);
    app.register("bystander@example.org").await;
    assert_eq!(
        app.sign_in("bystander@example.org", PASSWORD)
            .await
            .1
            .status,
        StatusCode::SEE_OTHER,
        "other accounts are unaffected"
    );
    app.state
        .store
        .throttle_clear("signin-account:victim@example.org")
        .await
        .expect("window ends");
    assert_eq!(
        app.sign_in("victim@example.org", PASSWORD).await.1.status,
        StatusCode::SEE_OTHER,
        "temporary, never a lock"
    );
}

#[tokio::test]
async fn registrations_from_one_address_are_throttled() {
    let app = TestApp::new().await;
    for i in 0..10 {
        app.register(&format!("r{i}@example.org")).await;
    }
    let mut b = Browser::default();
    let res = app
        .post_registration(&mut b, "/register", &[("email", "r11@example.org")])
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(res.body.contains("Too many attempts"));
}

#[tokio::test]
async fn pages_carry_a_strict_content_security_policy_and_safe_headers() {
    let app = TestApp::new().await;
    let res = app.get(&mut Browser::default(), "/signin").await;
    let csp = res.headers["content-security-policy"]
        .to_str()
        .expect("csp");
    assert!(
        csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
            && csp.contains("frame-ancestors 'none'")
    );
    assert_eq!(res.headers["x-content-type-options"], "nosniff");
    assert!(!res.body.contains("<script>"), "no inline script");
    assert!(!res.body.contains(" onclick="));
}

#[tokio::test]
async fn a_signed_out_visitor_gets_401_from_the_api() {
    let app = TestApp::new().await;
    let res = app
        .api(
            &mut Browser::default(),
            Method::GET,
            "/api/v1/me/logins",
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.json()["error"]["code"], "unauthenticated");
}

#[tokio::test]
async fn signing_in_again_in_the_same_browser_ends_its_previous_login() {
    let app = TestApp::new().await;
    let mut b = app.register("again@example.org").await;
    let before = b.clone();
    let res = app
        .post_form(
            &mut b,
            "/signin",
            &[("email", "again@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(app.signed_in(&mut b).await);
    let mut old = before;
    assert!(
        !app.signed_in(&mut old).await,
        "the cookie the browser held before signs nobody in"
    );
}
