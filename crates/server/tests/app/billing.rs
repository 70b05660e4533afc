//! Plans for people: the pricing page compares the plans the installation offers, in the
//! reader's language and the currency asked for, linked from every page's footer; with
//! billing off there is none.

use crate::helpers::{Browser, Options, TestApp};
use axum::http::StatusCode;
use domain::plan::{Currency, Limits, Names, Plan, Price};

#[tokio::test]
async fn the_pricing_page_compares_the_shipped_plans_in_the_readers_language() {
    let app = TestApp::new().await;
    let mut visitor = Browser::default();
    let en = app.get(&mut visitor, "/pricing").await;
    assert_eq!(en.status, StatusCode::OK);
    for seen in [
        "<h2 id=\"plan-1\">Basic</h2>",
        "<strong>Free</strong>",
        "<h2 id=\"plan-2\">Pro</h2>",
        "<strong>RUB\u{a0}990 a month</strong>",
        "or RUB\u{a0}9,900 a year",
        "or RUB\u{a0}24,900 a year",
        "10 active sessions",
        "Active sessions without limit",
        "2 collaborators a session",
        "200 MB for files and content",
        "5 GB for files and content",
        "7 days of version history",
        "All the version history",
        "Run mode<span class=\"visually-hidden\">: not included",
        "Run mode<span class=\"visually-hidden\">: included",
        "href=\"/register\"",
    ] {
        assert!(en.body.contains(seen), "{seen:?} in {}", en.body);
    }
    // One currency: no choice of currency. Every page's footer leads here.
    assert!(!en.body.contains("/pricing?currency="));
    assert!(
        en.body
            .contains("<a href=\"/pricing\" aria-current=\"page\">Plans and prices</a>")
    );
    let terms = app.get(&mut visitor, "/terms").await;
    assert!(
        terms
            .body
            .contains("<a href=\"/pricing\">Plans and prices</a>")
    );

    let ru = app
        .get_with(
            &mut visitor,
            "/pricing",
            &[("accept-language", "ru-RU,ru;q=0.9")],
        )
        .await;
    for seen in [
        "<h2 id=\"plan-1\">Базовый</h2>",
        "<strong>Бесплатно</strong>",
        "<strong>990\u{a0}₽ в месяц</strong>",
        "или 9\u{a0}900\u{a0}₽ в год",
        "10 активных сессий",
        "2 соавтора на сессию",
        "3 участника команды",
        "25 участников команды",
        "20 методов в своей библиотеке",
        "7 дней истории версий",
        "50 ГБ для файлов и содержимого",
    ] {
        assert!(ru.body.contains(seen), "{seen:?} in {}", ru.body);
    }

    // Signed in, there is no call to make an account.
    let mut ann = app.register("ann@example.org").await;
    assert!(
        !app.get(&mut ann, "/pricing")
            .await
            .body
            .contains("href=\"/register\"")
    );
}

#[tokio::test]
async fn prices_show_in_the_currency_asked_for_and_a_plan_without_it_is_left_out() {
    let plan = |id: &str, prices: Vec<Price>| Plan {
        id: id.into(),
        name: Names {
            en: id.to_uppercase(),
            ru: id.to_uppercase(),
        },
        prices,
        limits: Limits::default(),
    };
    let price = |code: &str, monthly: i64| Price {
        currency: Currency::try_from(code.to_owned()).expect("a currency"),
        monthly,
        annual: monthly * 10,
    };
    let app = TestApp::with(Options {
        plans: Some(vec![
            plan("free", Vec::new()),
            plan("solo", vec![price("RUB", 50_000), price("EUR", 1_250)]),
            plan("crew", vec![price("RUB", 150_000)]),
        ]),
        ..Options::default()
    })
    .await;
    let mut visitor = Browser::default();
    let rub = app.get(&mut visitor, "/pricing").await;
    assert!(
        rub.body.contains("<strong>RUB\u{a0}500 a month</strong>"),
        "{}",
        rub.body
    );
    assert!(rub.body.contains("CREW"));
    assert!(
        rub.body
            .contains("href=\"/pricing?currency=RUB\" aria-current=\"true\"")
    );
    let eur = app.get(&mut visitor, "/pricing?currency=EUR").await;
    assert!(
        eur.body.contains("<strong>€12.50 a month</strong>"),
        "{}",
        eur.body
    );
    assert!(eur.body.contains("or €125 a year"));
    assert!(eur.body.contains("FREE") && !eur.body.contains("CREW"));
    assert!(
        eur.body
            .contains("href=\"/pricing?currency=EUR\" aria-current=\"true\"")
    );
    // A currency no plan has falls back to the first.
    let other = app.get(&mut visitor, "/pricing?currency=XYZ").await;
    assert!(other.body.contains("RUB\u{a0}500 a month"));
}

#[tokio::test]
async fn with_billing_off_there_is_no_pricing_page() {
    let app = TestApp::with(Options {
        billing: Some(false),
        ..Options::default()
    })
    .await;
    let mut visitor = Browser::default();
    let res = app.get(&mut visitor, "/pricing").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Nor a link to it.
    let terms = app.get(&mut visitor, "/terms").await;
    assert_eq!(terms.status, StatusCode::OK);
    assert!(!terms.body.contains("/pricing"), "{}", terms.body);
}
