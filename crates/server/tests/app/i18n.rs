use crate::helpers::{Browser, TestApp};
use axum::http::StatusCode;

#[tokio::test]
async fn the_browser_language_picks_russian_for_a_visitor() {
    let app = TestApp::new().await;
    let res = app
        .get_with(
            &mut Browser::default(),
            "/signin",
            &[("accept-language", "ru-RU,ru;q=0.9,en;q=0.5")],
        )
        .await;
    assert!(res.body.contains(r#"<html lang="ru" "#));
    assert!(res.body.contains(">Войти</button>"));
    assert!(res.body.contains("Электронная почта"));
}

#[tokio::test]
async fn the_language_switch_is_remembered_in_a_cookie_and_beats_the_browser() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    let res = app
        .post_form(
            &mut b,
            "/language",
            &[("locale", "ru"), ("next", "/register")],
        )
        .await;
    assert_eq!(res.location(), "/register");
    let page = app
        .get_with(&mut b, "/register", &[("accept-language", "en")])
        .await;
    assert!(page.body.contains(r#"<html lang="ru" "#));
    assert!(page.body.contains("Создать аккаунт"));
    let evil = app
        .post_form(
            &mut b,
            "/language",
            &[("locale", "en"), ("next", "https://evil.example")],
        )
        .await;
    assert_eq!(evil.location(), "/", "only local paths");
}

#[tokio::test]
async fn a_signed_in_user_s_language_follows_the_account_everywhere() {
    let app = TestApp::new().await;
    let mut b = app.register("lang@example.org").await;
    app.post_form(&mut b, "/language", &[("locale", "ru"), ("next", "/")])
        .await;
    let mut fresh = Browser::default();
    fresh
        .cookies
        .insert("plenary_login".into(), b.cookies["plenary_login"].clone());
    let page = app
        .get_with(&mut fresh, "/", &[("accept-language", "en")])
        .await;
    assert!(
        page.body.contains(">Выйти</button>"),
        "the account's language, without the cookie"
    );
}

#[tokio::test]
async fn emails_are_written_in_the_recipient_s_language() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    app.post_form(&mut b, "/language", &[("locale", "ru"), ("next", "/")])
        .await;
    app.post_registration(
        &mut b,
        "/register",
        &[
            ("first_name", "Ольга"),
            ("last_name", "Ким"),
            ("email", "olga@example.org"),
            ("password", crate::helpers::PASSWORD),
            ("accept_terms", "on"),
            ("accept_consent", "on"),
        ],
    )
    .await;
    let mail = app.last_mail_to("olga@example.org").await;
    assert_eq!(mail.subject, "Подтвердите адрес электронной почты");
    assert!(mail.text_body.contains("Ольга"));
    assert!(mail.html_body.contains(r#"lang="ru""#));
}

#[tokio::test]
async fn the_not_found_page_speaks_both_languages() {
    let app = TestApp::new().await;
    let en = app.get(&mut Browser::default(), "/no/such/page").await;
    assert_eq!(en.status, StatusCode::NOT_FOUND);
    assert!(en.body.contains("Page not found"));
    let ru = app
        .get_with(
            &mut Browser::default(),
            "/no/such/page",
            &[("accept-language", "ru")],
        )
        .await;
    assert_eq!(ru.status, StatusCode::NOT_FOUND);
    assert!(ru.body.contains(r#"<html lang="ru" "#));
    assert!(!ru.body.contains("Page not found"));
}

#[tokio::test]
async fn the_legal_pages_exist_in_both_languages() {
    let app = TestApp::new().await;
    for path in [
        "/terms",
        "/privacy",
        "/cookie-policy",
        "/personal-data-consent",
    ] {
        let en = app.get(&mut Browser::default(), path).await;
        let ru = app
            .get_with(&mut Browser::default(), path, &[("accept-language", "ru")])
            .await;
        assert_eq!(
            (en.status, ru.status),
            (StatusCode::OK, StatusCode::OK),
            "{path}: {}",
            en.body
        );
        assert!(en.body.contains("Version 1 · in force since"), "{path}");
        assert!(ru.body.contains("Редакция 1 · действует с"), "{path}");
        assert!(
            en.body.contains("<h2>1. "),
            "{path}: the starter text's sections"
        );
        assert!(!en.body.contains("{{"), "{path}: every placeholder filled");
        assert_ne!(en.body, ru.body);
    }
}

#[tokio::test]
async fn a_server_error_shows_an_opaque_page_in_the_visitor_s_language() {
    let app = TestApp::new().await;
    let mut b = app.register("broken@example.org").await;
    app.state.store.close().await;
    let res = app
        .get_with(&mut b, "/", &[("accept-language", "ru")])
        .await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.body.contains(r#"<html lang="ru" "#), "{}", res.body);
    assert!(
        !res.body.to_lowercase().contains("pool"),
        "no internals leak"
    );
    let api = app
        .get_with(&mut b, "/api/v1/me", &[("accept-language", "ru")])
        .await;
    assert_eq!(api.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&api.body).expect("json")["error"]["code"],
        "internal"
    );
}
