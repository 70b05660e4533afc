//! Limits on automated access: each limit answers 429 with Retry-After past its count, and
//! another address, person or token goes on; registration refuses what only a program sends.

use crate::administration::public_link;
use crate::files::upload;
use crate::helpers::{Browser, Options, PASSWORD, TestApp, TestResponse, input_value};
use crate::sharing::create_session;
use axum::http::{Method, StatusCode};

/// The seconds a refusal asks to wait.
fn retry_after(res: &TestResponse) -> u64 {
    res.headers["retry-after"]
        .to_str()
        .expect("text")
        .parse()
        .expect("seconds")
}

fn registration<'a>(email: &'a str, stamp: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("first_name", "Anna"),
        ("last_name", "Petrova"),
        ("email", email),
        ("password", PASSWORD),
        ("accept_terms", "on"),
        ("accept_consent", "on"),
        ("form_stamp", stamp),
    ]
}

#[tokio::test]
async fn a_registration_form_sent_too_soon_with_the_hidden_field_filled_or_with_a_made_up_stamp_is_refused_keeping_what_was_typed()
 {
    let app = TestApp::with(Options {
        signup_min_seconds: 1,
        ..Options::default()
    })
    .await;
    let mut b = Browser::default();
    let page = app.get(&mut b, "/register").await;
    assert!(
        page.body.contains(r#"class="trap" aria-hidden="true""#)
            && page.body.contains(r#"name="leave_empty""#),
        "the field people never see"
    );
    let stamp = input_value(&page.body, "form_stamp");

    let soon = app
        .post_form(
            &mut b,
            "/register",
            &registration("soon@example.org", &stamp),
        )
        .await;
    assert_eq!(soon.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        soon.body.contains("faster than a person fills it in"),
        "{}",
        soon.body
    );
    assert!(soon.body.contains(r#"value="soon@example.org""#), "kept");
    assert_eq!(
        input_value(&soon.body, "form_stamp"),
        stamp,
        "the form keeps its stamp, so the person does not wait again"
    );

    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let mut trapped = registration("trap@example.org", &stamp);
    trapped.push(("leave_empty", "https://spam.example"));
    let res = app.post_form(&mut b, "/register", &trapped).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "the trap");
    let made_up = format!(
        "{}.00112233445566778899aabbccddeeff",
        store::now_ms() - 60_000
    );
    for stamp in ["", "yesterday", made_up.as_str()] {
        let res = app
            .post_form(
                &mut b,
                "/register",
                &registration("forged@example.org", stamp),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{stamp:?}");
        assert!(
            res.body.contains("faster than a person fills it in"),
            "{stamp:?}"
        );
        assert_ne!(
            input_value(&res.body, "form_stamp"),
            stamp,
            "a stamp not ours is replaced"
        );
    }
    assert!(
        app.state
            .store
            .user_by_email(&domain::Email::parse("trap@example.org").expect("email"))
            .await
            .expect("read")
            .is_none(),
        "nothing was made"
    );

    let mut elsewhere = Browser::at("198.51.100.7");
    let res = app
        .post_form(
            &mut elsewhere,
            "/register",
            &registration("anna@example.org", &stamp),
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a stamp taken to another network is not ours"
    );
    let res = app
        .post_form(
            &mut b,
            "/register",
            &registration("anna@example.org", &stamp),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
}

#[tokio::test]
async fn registrations_from_one_network_are_throttled_and_another_network_goes_on() {
    let app = TestApp::with(Options {
        limits: vec!["register-network=2/60"],
        ..Options::default()
    })
    .await;
    for (i, ip) in ["203.0.113.1", "203.0.113.2"].iter().enumerate() {
        let res = app
            .post_registration(
                &mut Browser::at(ip),
                "/register",
                &registration(&format!("n{i}@example.org"), "")[..6],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    }
    let res = app
        .post_registration(
            &mut Browser::at("203.0.113.3"),
            "/register",
            &registration("n3@example.org", "")[..6],
        )
        .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!((3000..=3600).contains(&retry_after(&res)));
    assert!(res.body.contains("Too many attempts"), "{}", res.body);
    let res = app
        .post_registration(
            &mut Browser::at("198.51.100.1"),
            "/register",
            &registration("n4@example.org", "")[..6],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "another network");
}

#[tokio::test]
async fn sign_ins_resets_and_reports_past_their_limit_get_429_and_another_address_goes_on() {
    let app = TestApp::with(Options {
        limits: vec!["signin-ip=2/15", "reset-ip=2/60", "report-ip=2/60"],
        ..Options::default()
    })
    .await;
    let mut owner = app.register("owner@example.org").await;
    let (session, _) = create_session(&app, &mut owner).await;
    let report_path = format!("{}/report", public_link(&app, &mut owner, &session).await);
    let signin: &[(&str, &str)] = &[("email", "nobody@example.org"), ("password", "wrong")];
    let reset: &[(&str, &str)] = &[("email", "nobody@example.org")];
    let report: &[(&str, &str)] = &[
        ("category", "spam"),
        ("body", "Spam."),
        ("email", "reader@example.org"),
    ];
    for (path, fields, window) in [
        ("/signin", signin, 900),
        ("/reset-password", reset, 3600),
        (report_path.as_str(), report, 3600),
    ] {
        for _ in 0..2 {
            let res = app
                .post_form(&mut Browser::at("203.0.113.9"), path, fields)
                .await;
            assert_ne!(res.status, StatusCode::TOO_MANY_REQUESTS, "{path}");
        }
        let res = app
            .post_form(&mut Browser::at("203.0.113.9"), path, fields)
            .await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{path}");
        let wait = retry_after(&res);
        assert!(window - 60 <= wait && wait <= window, "{path}: {wait}");
        let res = app
            .post_form(&mut Browser::at("198.51.100.9"), path, fields)
            .await;
        assert_ne!(
            res.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{path} from another address"
        );
    }
}

#[tokio::test]
async fn comments_and_uploads_past_their_hourly_limit_get_429_and_another_person_goes_on() {
    let app = TestApp::with(Options {
        limits: vec!["comment-account=2/60", "upload-account=2/60"],
        ..Options::default()
    })
    .await;
    let mut busy = app.register("busy@example.org").await;
    let mut calm = app.register("calm@example.org").await;
    let (mine, block) = create_session(&app, &mut busy).await;
    let (theirs, their_block) = create_session(&app, &mut calm).await;
    let comment = |b: &mut Browser, id: &str, block: &str| {
        let (mut b, id, block) = (b.clone(), id.to_owned(), block.to_owned());
        let app = &app;
        async move {
            app.post_form(
                &mut b,
                &format!("/sessions/{id}/comments"),
                &[("block", &block), ("body", "Ten minutes is short")],
            )
            .await
        }
    };
    for _ in 0..2 {
        assert_eq!(
            comment(&mut busy, &mine, &block).await.status,
            StatusCode::SEE_OTHER
        );
    }
    let res = comment(&mut busy, &mine, &block).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&res) > 3000);
    assert_eq!(
        comment(&mut calm, &theirs, &their_block).await.status,
        StatusCode::SEE_OTHER,
        "another person"
    );

    for name in ["a.txt", "b.txt"] {
        let res = upload(&app, &mut busy, &mine, &[(name, b"notes")], &[]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    }
    let res = upload(&app, &mut busy, &mine, &[("c.txt", b"notes")], &[]).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&res) > 3000);
    let res = upload(&app, &mut calm, &theirs, &[("c.txt", b"notes")], &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "another person");
}

async fn me(app: &TestApp, token: &str) -> TestResponse {
    app.api(
        &mut Browser::default(),
        Method::GET,
        "/api/v1/me",
        None,
        Some(token),
    )
    .await
}

fn remaining(res: &TestResponse) -> i64 {
    res.headers["x-ratelimit-remaining"]
        .to_str()
        .expect("text")
        .parse()
        .expect("a count")
}

#[tokio::test]
async fn an_api_token_past_its_hourly_quota_gets_429_on_every_instance_while_another_token_goes_on()
{
    let app = TestApp::with(Options {
        limits: vec!["token-requests=5/60"],
        ..Options::default()
    })
    .await;
    let other_instance = app.another_instance();
    let mut b = app.register("script@example.org").await;
    let token = app.token(&mut b, &["read"]).await;
    let spare = app.token(&mut b, &["read"]).await;

    let first = me(&app, &token).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.headers["x-ratelimit-limit"], "5");
    assert_eq!(remaining(&first), 4);
    let reset: i64 = first.headers["x-ratelimit-reset"]
        .to_str()
        .expect("text")
        .parse()
        .expect("seconds");
    assert!(
        (reset - store::now_ms() / 1000 - 3600).abs() <= 5,
        "{reset}"
    );
    // The other instance adds its first request to the shared count at once.
    let there = me(&other_instance, &token).await;
    assert_eq!(there.status, StatusCode::OK);
    assert_eq!(remaining(&there), 3, "it sees the first instance's request");
    // A second on, the first instance adds its next request and learns of the other's.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    for left in [2, 1] {
        let res = me(&app, &token).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(remaining(&res), left);
    }

    let page = app.get(&mut b, "/account/security").await;
    assert!(page.body.contains("4 of 5, until"), "{}", page.body);
    assert!(page.body.contains("0 of 5"), "the spare token");

    let fifth = me(&app, &token).await;
    assert_eq!(fifth.status, StatusCode::OK, "the fifth");
    assert_eq!(remaining(&fifth), 0);
    let res = me(&app, &token).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.json()["error"]["code"], "too_many_attempts");
    assert!(
        (3500..=3600).contains(&retry_after(&res)),
        "{}",
        retry_after(&res)
    );
    // The refusal added what the first instance let through to the shared count; the other
    // instance, adding its next request a second on, finds the quota used.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let res = me(&other_instance, &token).await;
    assert_eq!(
        res.status,
        StatusCode::TOO_MANY_REQUESTS,
        "on every instance"
    );
    assert_eq!(
        me(&app, &spare).await.status,
        StatusCode::OK,
        "another token"
    );
    let signed_in = app.get(&mut b, "/api/v1/me").await;
    assert_eq!(signed_in.status, StatusCode::OK, "the person's browser");
}
