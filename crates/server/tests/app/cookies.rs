//! Cookie consent: the banner before a choice, the consent cookie and nothing else after a
//! refusal, the language cookie following the functional category, the consent log of
//! signed-in people, Global Privacy Control, a raised policy revision and the cookie domain.

use crate::helpers::{Browser, Options, TestApp};
use axum::http::StatusCode;
use domain::ConsentId;
use sha2::Digest;

fn cookie_named<'a>(cookies: &'a [String], name: &str) -> Option<&'a String> {
    cookies.iter().find(|c| c.starts_with(&format!("{name}=")))
}

#[tokio::test]
async fn a_first_visit_shows_the_banner_with_three_equal_answers_and_sets_no_cookie() {
    let app = TestApp::new().await;
    let res = app.get(&mut Browser::default(), "/signin").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains(r#"class="cookie-banner""#));
    for (value, words) in [
        ("all", "Accept all"),
        ("none", "Reject all"),
        ("choose", "Choose"),
    ] {
        assert!(
            res.body.contains(&format!(
                r#"<button type="submit"{} name="choice" value="{value}">{words}</button>"#,
                if value == "choose" {
                    r#" formmethod="get" formaction="/cookies""#
                } else {
                    ""
                }
            )),
            "{words} is a plain button like the others"
        );
    }
    assert!(res.body.contains(r#"data-consent="""#));
    assert!(
        res.body.contains(r#"href="/cookies?next="#),
        "the footer link"
    );
    assert!(res.set_cookies().is_empty(), "{:?}", res.set_cookies());
}

#[tokio::test]
async fn rejecting_all_sets_only_the_consent_cookie_and_the_banner_goes() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    let res = app
        .post_form(
            &mut b,
            "/cookies",
            &[("choice", "none"), ("next", "/signin")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.location(), "/signin?notice=cookies-saved");
    let set = res.set_cookies();
    assert_eq!(set.len(), 1, "{set:?}");
    let consent = cookie_named(&set, "plenary_consent").expect("the consent cookie");
    assert!(consent.starts_with("plenary_consent=1.000."), "{consent}");
    assert!(consent.contains("Max-Age=15552000"), "180 days: {consent}");
    assert!(consent.contains("HttpOnly") && consent.contains("SameSite=Lax"));

    let page = app.get(&mut b, "/signin?notice=cookies-saved").await;
    assert!(!page.body.contains(r#"class="cookie-banner""#));
    assert!(page.body.contains("Your cookie choice is saved"));
    assert!(page.body.contains(r#"data-consent="""#));
}

#[tokio::test]
async fn accepting_all_names_every_category_for_scripts() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    let res = app
        .post_form(
            &mut b,
            "/cookies",
            &[("choice", "all"), ("next", "/signin")],
        )
        .await;
    let set = res.set_cookies();
    let consent = cookie_named(&set, "plenary_consent").expect("the consent cookie");
    assert!(consent.starts_with("plenary_consent=1.111."), "{consent}");
    let page = app.get(&mut b, "/signin").await;
    assert!(
        page.body
            .contains(r#"data-consent="functional analytics advertising""#)
    );
}

#[tokio::test]
async fn a_picked_language_is_remembered_for_a_year_only_with_functional_cookies() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    let before = app
        .post_form(
            &mut b,
            "/language",
            &[("locale", "ru"), ("next", "/signin")],
        )
        .await;
    let lang = cookie_named(&before.set_cookies(), "plenary_lang")
        .cloned()
        .expect("the language");
    assert!(
        !lang.contains("Max-Age"),
        "until the browser closes: {lang}"
    );

    let accepted = app
        .post_form(
            &mut b,
            "/cookies",
            &[
                ("choice", "chosen"),
                ("functional", "on"),
                ("next", "/signin"),
            ],
        )
        .await;
    let set = accepted.set_cookies();
    let lang = cookie_named(&set, "plenary_lang").expect("kept");
    assert!(
        lang.starts_with("plenary_lang=ru;") && lang.contains("Max-Age=31536000"),
        "{lang}"
    );
    assert!(cookie_named(&set, "plenary_consent").is_some_and(|c| c.contains("=1.100.")));
    let switched = app
        .post_form(
            &mut b,
            "/language",
            &[("locale", "ru"), ("next", "/signin")],
        )
        .await;
    assert!(
        cookie_named(&switched.set_cookies(), "plenary_lang")
            .is_some_and(|c| c.contains("Max-Age=31536000"))
    );

    let withdrawn = app
        .post_form(
            &mut b,
            "/cookies",
            &[("choice", "none"), ("next", "/signin")],
        )
        .await;
    let set = withdrawn.set_cookies();
    let lang = cookie_named(&set, "plenary_lang").expect("re-set");
    assert!(
        lang.starts_with("plenary_lang=ru;") && !lang.contains("Max-Age"),
        "no longer kept between visits: {lang}"
    );
    let page = app.get(&mut b, "/signin").await;
    assert!(
        page.body.contains(r#"<html lang="ru" "#),
        "still in Russian"
    );
}

#[tokio::test]
async fn a_signed_in_persons_choices_are_logged_with_the_words_shown_and_no_address() {
    let app = TestApp::new().await;
    let mut b = app.register("consent@example.org").await;
    app.post_form(
        &mut b,
        "/cookies",
        &[
            ("choice", "chosen"),
            ("analytics", "on"),
            ("shown", "banner"),
            ("next", "/"),
        ],
    )
    .await;
    app.post_form(&mut b, "/cookies", &[("choice", "none"), ("next", "/")])
        .await;
    let user = app
        .state
        .store
        .user_by_email(&domain::Email::parse("consent@example.org").expect("email"))
        .await
        .expect("read")
        .expect("user");
    let log = app.state.store.consents_of(user.id, 10).await.expect("log");
    assert_eq!(log.len(), 2);
    assert!(!log[0].allowed.analytics && log[1].allowed.analytics);
    assert!(!log[1].allowed.functional && !log[1].allowed.advertising);
    assert_eq!(
        log[0].consent_id, log[1].consent_id,
        "one browser, one consent"
    );
    assert_eq!(log[0].revision, 1);
    assert!(
        log[1]
            .text_shown
            .starts_with("Cookies on Plenary\nPlenary needs a few cookies"),
        "the banner's words: {}",
        log[1].text_shown
    );
    assert!(
        log[0]
            .text_shown
            .contains("Choose which cookies and browser storage Plenary may use"),
        "the settings page's words: {}",
        log[0].text_shown
    );
    assert!(log[0].text_shown.contains("Advertising: "));
    assert!(
        log[0]
            .text_shown
            .contains("- plenary_consent (cookie): Remembers your cookie choice. 180 days")
    );
    assert_eq!(log[0].ip_hash.len(), 32);
    assert!(log[0].ip_hash.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(log[0].ip_hash, log[1].ip_hash, "one address, one hash");
    let unkeyed = hex::encode(&sha2::Sha256::digest(b"unknown")[..16]);
    assert_ne!(
        log[0].ip_hash, unkeyed,
        "keyed by the installation's secret"
    );

    let page = app.get(&mut b, "/cookies").await;
    assert!(page.body.contains("Your recorded choices"));
    assert!(
        page.body
            .contains("strictly necessary and analytics cookies")
    );
    assert!(
        page.body
            .contains("Your choice now: strictly necessary cookies only.")
    );
}

#[tokio::test]
async fn global_privacy_control_refuses_analytics_and_advertising_whatever_is_accepted() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    let gpc = [("sec-fetch-site", "same-origin"), ("sec-gpc", "1")];
    let res = app
        .post_form_with(
            &mut b,
            "/cookies",
            &[("choice", "all"), ("next", "/signin")],
            &gpc,
        )
        .await;
    assert!(
        cookie_named(&res.set_cookies(), "plenary_consent").is_some_and(|c| c.contains("=1.100."))
    );
    let page = app.get_with(&mut b, "/cookies", &[("sec-gpc", "1")]).await;
    assert!(page.body.contains("Global Privacy Control"));
    assert!(page.body.contains(r#"id="consent-analytics" disabled"#));
    assert!(page.body.contains(r#"id="consent-functional" checked"#));
}

#[tokio::test]
async fn a_choice_made_under_an_older_policy_revision_is_asked_again() {
    let app = TestApp::with(Options {
        consent_revision: Some(2),
        ..Options::default()
    })
    .await;
    let id = ConsentId::new();
    let mut old = Browser::default();
    old.cookies
        .insert("plenary_consent".into(), format!("1.111.{id}"));
    let page = app.get(&mut old, "/signin").await;
    assert!(page.body.contains(r#"class="cookie-banner""#));
    assert!(
        page.body.contains(r#"data-consent="""#),
        "nothing optional meanwhile"
    );

    let answered = app
        .post_form(
            &mut old,
            "/cookies",
            &[("choice", "all"), ("next", "/signin")],
        )
        .await;
    let set = answered.set_cookies();
    let consent = cookie_named(&set, "plenary_consent").expect("set");
    assert!(
        consent.starts_with(&format!("plenary_consent=2.111.{id};")),
        "the same consent under the new revision: {consent}"
    );
    let page = app.get(&mut old, "/signin").await;
    assert!(!page.body.contains(r#"class="cookie-banner""#));
}

#[tokio::test]
async fn the_banner_returns_to_the_address_asked_for_with_its_query() {
    let app = TestApp::new().await;
    let page = app
        .get(&mut Browser::default(), "/signin?next=%2Faccount")
        .await;
    assert!(
        page.body
            .contains(r#"<input type="hidden" name="next" value="/signin?next=%2Faccount">"#),
        "{}",
        page.body
    );
    let missing = app.get(&mut Browser::default(), "/no-such-page?x=1").await;
    assert!(
        missing
            .body
            .contains(r#"<input type="hidden" name="next" value="/no-such-page?x=1">"#)
    );
}

#[tokio::test]
async fn the_settings_page_lists_every_category_unticked_before_a_choice() {
    let app = TestApp::new().await;
    let page = app
        .get(&mut Browser::default(), "/cookies?next=/signin")
        .await;
    assert!(
        !page.body.contains(r#"class="cookie-banner""#),
        "the page is the choice"
    );
    assert!(
        page.body
            .contains(r#"id="consent-necessary" checked disabled"#)
    );
    for optional in ["functional", "analytics", "advertising"] {
        assert!(
            page.body
                .contains(&format!(r#"id="consent-{optional}" aria-describedby"#)),
            "{optional} is not ticked"
        );
    }
    for listed in [
        "plenary_consent",
        "plenary_lang",
        "plenary.details",
        "plenary_login",
    ] {
        assert!(page.body.contains(listed), "{listed}");
    }
    assert!(page.body.contains(r#"name="next" value="/signin""#));
}

#[tokio::test]
async fn an_unknown_answer_is_refused_and_sets_nothing() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    let res = app
        .post_form(&mut b, "/cookies", &[("choice", "maybe"), ("next", "/")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.set_cookies().is_empty());
}

#[tokio::test]
async fn one_choice_covers_every_host_under_the_configured_cookie_domain() {
    let app = TestApp::with(Options {
        public_url: "https://app.example.org",
        cookie_domain: Some("example.org"),
        ..Options::default()
    })
    .await;
    let mut b = Browser::default();
    let res = app
        .post_form_with(
            &mut b,
            "/cookies",
            &[("choice", "all"), ("next", "/")],
            &[("origin", "https://app.example.org")],
        )
        .await;
    let set = res.set_cookies();
    let consent = cookie_named(&set, "plenary_consent").expect("set");
    assert!(consent.contains("Domain=example.org"), "{consent}");
    assert!(consent.contains("Secure"), "{consent}");
}

#[tokio::test]
async fn only_visitors_who_allowed_analytics_are_counted_and_only_by_route() {
    let app = TestApp::new().await;
    let mut counted = Browser::default();
    app.post_form(
        &mut counted,
        "/cookies",
        &[("choice", "chosen"), ("analytics", "on"), ("next", "/")],
    )
    .await;
    let mut refused = Browser::default();
    app.post_form(
        &mut refused,
        "/cookies",
        &[("choice", "none"), ("next", "/")],
    )
    .await;
    let mut undecided = Browser::default();
    let mut signalled = counted.clone();
    app.register("reader@example.org").await;
    let person = app
        .state
        .store
        .user_by_email(&domain::Email::parse("reader@example.org").expect("email"))
        .await
        .expect("read")
        .expect("user");
    let token = plenary_server::advertising::token(&app.state.store, person.id)
        .await
        .expect("token");
    for b in [&mut counted, &mut refused, &mut undecided] {
        app.get(b, "/signin").await;
        app.get(b, "/terms").await;
        app.get(b, "/no-such-page").await;
        app.get(b, &format!("/unsubscribe/{token}")).await;
    }
    app.get_with(&mut counted, "/terms", &[("hx-request", "true")])
        .await;
    app.get_with(&mut signalled, "/terms", &[("sec-gpc", "1")])
        .await;
    app.post_form(
        &mut counted,
        "/language",
        &[("locale", "en"), ("next", "/")],
    )
    .await;
    app.state
        .usage
        .flush(&app.state.store)
        .await
        .expect("flush");

    let store = &app.state.store;
    let pages = store
        .usage_top(store::UsageKind::Page, 0, 10)
        .await
        .expect("pages");
    assert_eq!(
        pages,
        vec![
            ("GET /signin".to_owned(), 1),
            ("GET /terms".to_owned(), 1),
            ("GET /unsubscribe/{token}".to_owned(), 1),
        ],
        "one visitor's whole pages by route, not a missing page, a fragment or a refusal"
    );
    let features = store
        .usage_top(store::UsageKind::Feature, 0, 10)
        .await
        .expect("features");
    // The choice itself was made before analytics were allowed.
    assert_eq!(features, vec![("POST /language".to_owned(), 1)]);
}

#[tokio::test]
async fn administrators_see_the_counts_as_charts_and_nobody_else_sees_the_page() {
    let app = TestApp::new().await;
    let mut admin = app.register("admin@example.org").await;
    app.make_admin("admin@example.org").await;
    let mut person = app.register("person@example.org").await;
    assert_eq!(
        app.get(&mut person, "/admin/analytics").await.status,
        StatusCode::NOT_FOUND
    );
    let today = plenary_server::usage::day_of(store::now_ms());
    app.state
        .store
        .add_usage(&[
            store::UsageHits {
                day: today,
                kind: store::UsageKind::Page,
                name: "GET /library".into(),
                hits: 12,
            },
            store::UsageHits {
                day: today - 1,
                kind: store::UsageKind::Page,
                name: "GET /".into(),
                hits: 6,
            },
        ])
        .await
        .expect("counts");
    let page = app.get(&mut admin, "/admin/analytics?days=7").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg"), "a chart");
    assert!(
        page.body.contains(r#"height="160""#),
        "the busiest day fills it"
    );
    assert!(page.body.contains(r#"height="80""#), "half of it");
    assert!(
        page.body
            .contains("18 page views in 7 days; the busiest day had 12.")
    );
    assert!(page.body.contains("GET /library"));
}

#[tokio::test]
async fn an_empty_period_says_so_instead_of_drawing_a_busiest_day() {
    let app = TestApp::new().await;
    let mut admin = app.register("quiet@example.org").await;
    app.make_admin("quiet@example.org").await;
    let page = app.get(&mut admin, "/admin/analytics").await;
    assert!(page.body.contains("No page views counted in 30 days."));
    assert!(page.body.contains("No feature use counted in 30 days."));
    assert!(!page.body.contains("busiest day"));
}
