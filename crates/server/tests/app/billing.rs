//! Plans for people: the pricing page compares the plans the installation offers, in the
//! reader's language and the currency asked for, linked from every page's footer; with
//! billing off there is none. A workspace's plan sets limits, checked where the write happens
//! and said plainly when reached; its billing page shows what it uses of each.

use crate::helpers::{Browser, Options, TestApp};
use axum::http::{Method, StatusCode};
use domain::plan::{Currency, Limits, Names, Period, Plan, Price};
use serde_json::json;

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
    assert!(!terms.body.contains(r#"href="/pricing""#), "{}", terms.body);
}

/// Makes a session through the API as `b`, answering its status and body.
async fn make_session(app: &TestApp, b: &mut Browser, title: &str) -> crate::helpers::TestResponse {
    app.api(
        b,
        Method::POST,
        "/api/v1/sessions",
        Some(json!({ "title": title })),
        None,
    )
    .await
}

#[tokio::test]
async fn an_eleventh_active_session_on_the_free_plan_is_refused_naming_the_limit_until_one_is_archived()
 {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let mut ids = Vec::new();
    for n in 1..=10 {
        let res = make_session(&app, &mut ann, &format!("Workshop {n}")).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        ids.push(res.json()["id"].as_str().expect("an id").to_owned());
    }
    // The API: 402 with the limit, the figures and where to upgrade.
    let refused = make_session(&app, &mut ann, "Workshop 11").await;
    assert_eq!(refused.status, StatusCode::PAYMENT_REQUIRED);
    let error = &refused.json()["error"];
    assert_eq!(error["code"], "plan_limit");
    assert_eq!(error["limit"], "active_sessions");
    assert_eq!(
        (error["used"].as_u64(), error["max"].as_u64()),
        (Some(10), Some(10))
    );
    assert_eq!(error["upgrade"], "/billing");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("Active sessions: 10 of 10")),
        "{error}"
    );
    // The form on the dashboard: a page that says so in the reader's language, with the way on.
    app.post_form(&mut ann, "/language", &[("locale", "ru"), ("next", "/")])
        .await;
    let page = app
        .post_form(&mut ann, "/sessions", &[("title", "Workshop 11")])
        .await;
    assert_eq!(page.status, StatusCode::PAYMENT_REQUIRED);
    assert!(
        page.body.contains("Достигнут предел тарифа"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Активные сессии: 10 из 10"),
        "{}",
        page.body
    );
    assert!(page.body.contains("href=\"/billing\""));
    // A copy and a design made into a session count the same.
    let copy = app
        .api(
            &mut ann,
            Method::POST,
            &format!("/api/v1/sessions/{}/duplicate", ids[0]),
            None,
            None,
        )
        .await;
    assert_eq!(copy.status, StatusCode::PAYMENT_REQUIRED, "{}", copy.body);

    // Archiving one frees a place; taking it out of the archive again is refused while the
    // place is taken.
    let archived = app
        .post_form(
            &mut ann,
            &format!("/sessions/{}/archive", ids[0]),
            &[("archived", "true")],
        )
        .await;
    assert_eq!(archived.status, StatusCode::SEE_OTHER);
    let eleventh = make_session(&app, &mut ann, "Workshop 11").await;
    assert_eq!(eleventh.status, StatusCode::CREATED, "{}", eleventh.body);
    let back = app
        .post_form(
            &mut ann,
            &format!("/sessions/{}/archive", ids[0]),
            &[("archived", "false")],
        )
        .await;
    assert_eq!(back.status, StatusCode::PAYMENT_REQUIRED, "{}", back.body);
    // Nothing of the refused writes is left: ten active, one archived.
    let listed = app
        .api(&mut ann, Method::GET, "/api/v1/sessions", None, None)
        .await;
    let list = listed.json();
    let items = list["items"]
        .as_array()
        .or(list.as_array())
        .expect("a list");
    assert_eq!(items.len(), 11, "{list}");
}

#[tokio::test]
async fn a_granted_plan_lifts_the_limit_until_it_ends_and_billing_off_lifts_every_limit() {
    let plans = domain::plan::default_plans();
    let small = Plan {
        limits: Limits {
            active_sessions: Some(1),
            ..plans[0].limits.clone()
        },
        ..plans[0].clone()
    };
    let app = TestApp::with(Options {
        plans: Some(vec![small.clone(), plans[1].clone()]),
        ..Options::default()
    })
    .await;
    let mut ann = app.register("ann@example.org").await;
    assert_eq!(
        make_session(&app, &mut ann, "One").await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        make_session(&app, &mut ann, "Two").await.status,
        StatusCode::PAYMENT_REQUIRED
    );
    let store = &app.state.store;
    let email = domain::Email::parse("ann@example.org").expect("an address");
    let user = store
        .user_by_email(&email)
        .await
        .expect("ann")
        .expect("ann");
    let workspace = store.working_in(user.id).await.expect("a workspace").0;
    let day = 24 * 60 * 60 * 1000;
    store
        .grant_plan(
            workspace,
            "pro",
            Period::Month,
            store::now_ms() + day,
            None,
            "Pilot",
        )
        .await
        .expect("granted");
    assert_eq!(
        make_session(&app, &mut ann, "Two").await.status,
        StatusCode::CREATED
    );
    let page = app.get(&mut ann, "/billing").await;
    assert!(
        page.body.contains("<h2 id=\"plan-heading\">Pro</h2>"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("Granted by the service’s administrators until")
    );
    assert!(page.body.contains("Pro granted until"));
    assert!(page.body.contains("by the service. Reason: Pilot"));
    // Ended, the workspace is back under the free plan's limits; nothing is taken away.
    store
        .grant_plan(
            workspace,
            "pro",
            Period::Month,
            store::now_ms() - 1,
            None,
            "Pilot over",
        )
        .await
        .expect("ended");
    assert_eq!(
        make_session(&app, &mut ann, "Three").await.status,
        StatusCode::PAYMENT_REQUIRED
    );
    let page = app.get(&mut ann, "/billing").await;
    assert!(page.body.contains("The workspace is on the free plan."));
    assert!(page.body.contains("1 of 1"), "{}", page.body);
    assert!(
        page.body.contains("1 session is read-only"),
        "{}",
        page.body
    );

    let free = TestApp::with(Options {
        billing: Some(false),
        plans: Some(vec![small, plans[1].clone()]),
        ..Options::default()
    })
    .await;
    let mut bob = free.register("bob@example.org").await;
    for title in ["One", "Two", "Three"] {
        assert_eq!(
            make_session(&free, &mut bob, title).await.status,
            StatusCode::CREATED
        );
    }
    assert_eq!(
        free.get(&mut bob, "/billing").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_billing_page_shows_the_plan_and_what_the_workspace_uses_of_each_limit() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    for n in 1..=3 {
        make_session(&app, &mut ann, &format!("Workshop {n}")).await;
    }
    let home = app.get(&mut ann, "/").await;
    assert!(home.body.contains("href=\"/billing\""));
    let en = app.get(&mut ann, "/billing").await;
    assert_eq!(en.status, StatusCode::OK);
    for seen in [
        "<h2 id=\"plan-heading\">Basic</h2>",
        "The workspace is on the free plan.",
        "Active sessions</span>",
        "3 of 10",
        "<meter min=\"0\" max=\"10\" low=\"7\" high=\"9\" optimum=\"0\" value=\"3\"",
        "0 of 2",
        "0 MB of 200 MB",
        "7 days kept",
        "Run mode<span class=\"visually-hidden\">: not included",
        "Nothing yet.",
        "href=\"/pricing\"",
        "<a href=\"/billing\" aria-current=\"page\">Plan and billing</a>",
    ] {
        assert!(en.body.contains(seen), "{seen:?} in {}", en.body);
    }
    app.post_form(
        &mut ann,
        "/language",
        &[("locale", "ru"), ("next", "/billing")],
    )
    .await;
    let ru = app.get(&mut ann, "/billing").await;
    for seen in [
        "Тариф и оплата",
        "Базовый",
        "3 из 10",
        "хранятся 7 дней",
        "0 МБ из 200 МБ",
    ] {
        assert!(ru.body.contains(seen), "{seen:?} in {}", ru.body);
    }
    // Signed out, it is the sign-in page's.
    let mut visitor = Browser::default();
    let res = app.get(&mut visitor, "/billing").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
}

/// Invites `email` to session `id` with `role` through the API, as `b`.
async fn invite(
    app: &TestApp,
    b: &mut Browser,
    id: &str,
    email: &str,
    role: &str,
) -> crate::helpers::TestResponse {
    let body = json!({ "email": email, "role": role });
    let path = format!("/api/v1/sessions/{id}/invitations");
    app.api(b, Method::POST, &path, Some(body), None).await
}

#[tokio::test]
async fn inviting_a_third_collaborator_on_the_free_plan_is_refused_to_the_inviter_at_once() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let id = make_session(&app, &mut ann, "Offsite").await.json()["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    for who in ["bob@example.org", "cat@example.org"] {
        app.register(who).await;
        assert_eq!(
            invite(&app, &mut ann, &id, who, "editor").await.status,
            StatusCode::ACCEPTED
        );
        app.accept_invitation(who).await;
    }
    let refused = invite(&app, &mut ann, &id, "dan@example.org", "editor").await;
    assert_eq!(
        refused.status,
        StatusCode::PAYMENT_REQUIRED,
        "{}",
        refused.body
    );
    let error = &refused.json()["error"];
    assert_eq!(error["limit"], "collaborators_per_session");
    assert_eq!(
        (error["used"].as_u64(), error["max"].as_u64()),
        (Some(2), Some(2))
    );
    // A new role for someone already in a place is no new place.
    let again = invite(&app, &mut ann, &id, "bob@example.org", "viewer").await;
    assert_eq!(again.status, StatusCode::ACCEPTED, "{}", again.body);
}

/// An app whose free plan keeps one session active, beside the shipped Pro.
async fn one_active_session_app() -> TestApp {
    let plans = domain::plan::default_plans();
    let small = Plan {
        limits: Limits {
            active_sessions: Some(1),
            ..plans[0].limits.clone()
        },
        ..plans[0].clone()
    };
    TestApp::with(Options {
        plans: Some(vec![small, plans[1].clone()]),
        ..Options::default()
    })
    .await
}

/// A block title change on session `id`, as the API takes it.
fn retitle(id: &str, block: &str, title: &str) -> (String, serde_json::Value) {
    (
        format!("/api/v1/sessions/{id}/ops"),
        json!({"ops": [{"op": {"type": "set_block", "block": block, "set": {"field": "title", "value": title}}}]}),
    )
}

#[tokio::test]
async fn past_the_plans_limit_a_session_is_read_only_to_everyone_until_its_admin_chooses_it_as_active()
 {
    let app = one_active_session_app().await;
    let mut ann = app.register("ann@example.org").await;
    let mut bob = app.register("bob@example.org").await;
    let workspace = app.workspace_of("ann@example.org").await;
    let store = &app.state.store;
    let hour = 3_600_000;
    store
        .grant_plan(
            workspace,
            "pro",
            Period::Month,
            store::now_ms() + hour,
            None,
            "Pilot",
        )
        .await
        .expect("granted");
    let (first, block) = crate::sharing::create_session(&app, &mut ann).await;
    crate::sharing::share(&app, &mut ann, &first, "bob@example.org", "editor").await;
    let second = make_session(&app, &mut ann, "Second").await.json()["id"]
        .as_str()
        .expect("an id")
        .to_owned();

    // The grant ends: the session changed least recently is held.
    store
        .grant_plan(
            workspace,
            "pro",
            Period::Month,
            store::now_ms() - 1,
            None,
            "Over",
        )
        .await
        .expect("ended");
    for who in [&mut ann, &mut bob] {
        let (path, body) = retitle(&first, &block, "Changed");
        let refused = app.api(who, Method::POST, &path, Some(body), None).await;
        assert_eq!(
            refused.status,
            StatusCode::PAYMENT_REQUIRED,
            "{}",
            refused.body
        );
        let error = &refused.json()["error"];
        assert_eq!(
            (
                error["code"].as_str(),
                error["limit"].as_str(),
                error["used"].as_u64(),
                error["max"].as_u64()
            ),
            (
                Some("plan_limit"),
                Some("active_sessions"),
                Some(1),
                Some(1)
            )
        );
        // Still read: the API says it is held, the page says why and offers no editing.
        let read = app
            .api(
                who,
                Method::GET,
                &format!("/api/v1/sessions/{first}"),
                None,
                None,
            )
            .await;
        assert_eq!(read.status, StatusCode::OK);
        assert_eq!(read.json()["held"], true);
        let page = app.get(who, &format!("/sessions/{first}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("class=\"held-note\""), "{}", page.body);
        assert!(!page.body.contains("id=\"add-block\""), "no editing form");
    }
    let exported = app
        .get(&mut bob, &format!("/sessions/{first}/export?format=csv"))
        .await;
    assert_eq!(exported.status, StatusCode::OK, "an export still works");

    // The billing page says so; only its admin may choose, and a choice past the plan is
    // refused in the reader's words with nothing changed.
    let billing = app.get(&mut ann, "/billing").await;
    assert!(
        billing.body.contains("1 session is read-only"),
        "{}",
        billing.body
    );
    assert!(billing.body.contains("href=\"/billing/sessions\""));
    let listed = app.get(&mut ann, "/billing/sessions").await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(
        listed.body.contains(&format!("value=\"{second}\" checked")),
        "{}",
        listed.body
    );
    assert!(
        listed.body.contains(&format!("value=\"{first}\" aria")),
        "{}",
        listed.body
    );
    let bobs = app.get(&mut bob, "/billing/sessions").await;
    assert!(
        !bobs.body.contains(&first),
        "bob chooses in his own workspace only: {}",
        bobs.body
    );
    let both = format!("keep={first}&keep={second}");
    let too_many = app
        .send(
            &mut ann,
            axum::http::Request::post("/billing/sessions")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(both))
                .expect("a request"),
        )
        .await;
    assert_eq!(too_many.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_many
            .body
            .contains("2 sessions are ticked, but the plan keeps at most 1 active."),
        "{}",
        too_many.body
    );
    let chosen = app
        .post_form(&mut ann, "/billing/sessions", &[("keep", first.as_str())])
        .await;
    assert_eq!(chosen.location(), "/billing?notice=active-chosen");
    let (path, body) = retitle(&first, &block, "Changed");
    let ok = app
        .api(&mut bob, Method::POST, &path, Some(body), None)
        .await;
    assert_eq!(ok.status, StatusCode::OK, "active again: {}", ok.body);
    let held = app
        .api(
            &mut ann,
            Method::GET,
            &format!("/api/v1/sessions/{second}"),
            None,
            None,
        )
        .await;
    assert_eq!(held.json()["held"], true);

    // A plan with room makes it editable again, with no choice to make.
    store
        .grant_plan(
            workspace,
            "pro",
            Period::Month,
            store::now_ms() + hour,
            None,
            "Again",
        )
        .await
        .expect("granted again");
    let again = app
        .api(
            &mut ann,
            Method::GET,
            &format!("/api/v1/sessions/{second}"),
            None,
            None,
        )
        .await;
    assert_eq!(again.json()["held"], false);
}

#[tokio::test]
async fn when_a_plan_ends_the_billing_pass_holds_what_does_not_fit_and_tells_the_owner_in_their_language()
 {
    let app = one_active_session_app().await;
    let mut ann = app.register("ann@example.org").await;
    app.post_form(&mut ann, "/language", &[("locale", "ru"), ("next", "/")])
        .await;
    let workspace = app.workspace_of("ann@example.org").await;
    let store = &app.state.store;
    let now = store::now_ms();
    let day = 86_400_000;
    store
        .grant_plan(workspace, "pro", Period::Month, now + day, None, "Pilot")
        .await
        .expect("granted");
    for title in ["One", "Two", "Three"] {
        assert_eq!(
            make_session(&app, &mut ann, title).await.status,
            StatusCode::CREATED
        );
    }
    let pass = plenary_server::billing::pass(&app.state, now)
        .await
        .expect("a pass");
    assert_eq!(pass.held, 0, "nothing while the grant lasts");
    let pass = plenary_server::billing::pass(&app.state, now + 2 * day)
        .await
        .expect("a pass");
    assert_eq!(pass.held, 2);
    let mail = app.last_mail_to("ann@example.org").await;
    assert_eq!(mail.subject, "Часть ваших сессий теперь только для чтения");
    assert!(
        mail.text_body
            .contains("2 сессии доступны только для чтения"),
        "{}",
        mail.text_body
    );
    assert!(
        mail.text_body.contains("/billing/sessions"),
        "{}",
        mail.text_body
    );
    let page = app.get(&mut ann, "/").await;
    assert_eq!(
        page.body.matches("class=\"tag held\"").count(),
        2,
        "{}",
        page.body
    );
}

/// Sets `defs` as session `id`'s custom fields through the API: the answer.
async fn set_fields(
    app: &TestApp,
    b: &mut Browser,
    id: &str,
    defs: serde_json::Value,
) -> crate::helpers::TestResponse {
    app.api(
        b,
        Method::POST,
        &format!("/api/v1/sessions/{id}/ops"),
        Some(json!({"ops": [{"op": {"type": "set_session", "set": {"field": "custom_fields", "value": defs}}}]})),
        None,
    )
    .await
}

#[tokio::test]
async fn custom_fields_are_a_plans_feature_refused_by_name_and_what_a_session_has_stays_after_a_downgrade()
 {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let made = make_session(&app, &mut ann, "Fields").await;
    let id = made.json()["id"].as_str().expect("id").to_owned();
    let room = json!([{"id": "room", "name": "Room", "kind": "text"}]);
    // Basic has no custom fields: said by name, with where to upgrade.
    let refused = set_fields(&app, &mut ann, &id, room.clone()).await;
    assert_eq!(
        refused.status,
        StatusCode::PAYMENT_REQUIRED,
        "{}",
        refused.body
    );
    let error = &refused.json()["error"];
    assert_eq!(error["code"], "plan_feature");
    assert_eq!(error["feature"], "custom_fields");
    assert_eq!(error["upgrade"], "/billing");
    assert_eq!(
        error["message"],
        "The workspace’s plan does not include this: Custom fields. A larger plan has it."
    );
    let page = app
        .post_form(
            &mut ann,
            &format!("/sessions/{id}/fields"),
            &[("name", "Room"), ("kind", "text")],
        )
        .await;
    assert_eq!(page.status, StatusCode::PAYMENT_REQUIRED);
    assert!(
        page.body.contains("Not in this plan")
            && page.body.contains("does not include this: Custom fields")
            && page.body.contains("href=\"/billing\""),
        "{}",
        page.body
    );
    // Pro has them.
    let ws = app.workspace_of("ann@example.org").await;
    app.grant_pro(ws).await;
    assert_eq!(
        set_fields(&app, &mut ann, &id, room).await.status,
        StatusCode::OK
    );
    // Back on Basic, the field stays and can be renamed or removed, but none is added.
    app.state
        .store
        .grant_plan(ws, "pro", Period::Month, store::now_ms(), None, "over")
        .await
        .expect("ended");
    let renamed = json!([{"id": "room", "name": "Place", "kind": "text"}]);
    assert_eq!(
        set_fields(&app, &mut ann, &id, renamed).await.status,
        StatusCode::OK
    );
    let added = json!([{"id": "room", "name": "Place", "kind": "text"}, {"id": "energy", "name": "Energy", "kind": "text"}]);
    assert_eq!(
        set_fields(&app, &mut ann, &id, added).await.status,
        StatusCode::PAYMENT_REQUIRED
    );
    assert_eq!(
        set_fields(&app, &mut ann, &id, json!([])).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn on_a_plan_without_exports_or_public_links_neither_is_made_and_a_link_made_before_still_works()
 {
    let plans = domain::plan::default_plans();
    let bare = Plan {
        limits: Limits {
            features: Vec::new(),
            ..plans[0].limits.clone()
        },
        ..plans[0].clone()
    };
    let app = TestApp::with(Options {
        plans: Some(vec![bare, plans[1].clone()]),
        ..Options::default()
    })
    .await;
    let mut ann = app.register("ann@example.org").await;
    let ws = app.workspace_of("ann@example.org").await;
    let made = make_session(&app, &mut ann, "Offsite").await;
    let id = made.json()["id"].as_str().expect("id").to_owned();
    // A link made while the plan had them.
    app.grant_pro(ws).await;
    let link = app
        .api(
            &mut ann,
            Method::POST,
            &format!("/api/v1/sessions/{id}/links"),
            Some(json!({"expires_days": 7})),
            None,
        )
        .await;
    assert_eq!(link.status, StatusCode::CREATED, "{}", link.body);
    app.state
        .store
        .grant_plan(ws, "pro", Period::Month, store::now_ms(), None, "over")
        .await
        .expect("ended");
    let export = app
        .get(
            &mut ann,
            &format!("/api/v1/sessions/{id}/export?format=csv"),
        )
        .await;
    assert_eq!(
        export.status,
        StatusCode::PAYMENT_REQUIRED,
        "{}",
        export.body
    );
    assert_eq!(export.json()["error"]["feature"], "exports");
    let another = app
        .api(
            &mut ann,
            Method::POST,
            &format!("/api/v1/sessions/{id}/links"),
            Some(json!({"expires_days": 7})),
            None,
        )
        .await;
    assert_eq!(
        another.status,
        StatusCode::PAYMENT_REQUIRED,
        "{}",
        another.body
    );
    assert_eq!(another.json()["error"]["feature"], "public_links");
    let url = link.json()["url"]
        .as_str()
        .expect("the link's address")
        .to_owned();
    let mut visitor = Browser::default();
    let seen = app
        .get(
            &mut visitor,
            url.trim_start_matches("http://127.0.0.1:8080"),
        )
        .await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    assert!(seen.body.contains("Offsite"));
}

#[tokio::test]
async fn on_basic_a_csv_import_leaves_custom_columns_out_and_a_copy_with_fields_is_refused() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let csv = "title,duration,Room\nCheck-in,10,Hall\nRetro,30,Attic\n";
    let preview = crate::exports::raw(
        &app,
        &mut ann,
        "/api/v1/sessions/import/preview",
        "text/csv",
        csv.as_bytes(),
    )
    .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert_eq!(preview.json()["custom_fields"], json!([]));
    assert_eq!(preview.json()["ignored_columns"], json!(["Room"]));
    let made = crate::exports::raw(
        &app,
        &mut ann,
        "/api/v1/sessions/import?title=Retro",
        "text/csv",
        csv.as_bytes(),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let id = made.json()["session"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let session = app
        .state
        .store
        .session(id.parse().expect("an id"))
        .await
        .expect("read");
    assert!(session.custom_fields.is_empty());
    assert_eq!(
        app.state
            .store
            .blocks(session.id)
            .await
            .expect("blocks")
            .len(),
        2,
        "the rows came in"
    );
    // A session with a field, made on Pro, cannot be copied once the plan is Basic again.
    let ws = app.workspace_of("ann@example.org").await;
    app.grant_pro(ws).await;
    let room = json!([{"id": "room", "name": "Room", "kind": "text"}]);
    assert_eq!(
        set_fields(&app, &mut ann, &id, room).await.status,
        StatusCode::OK
    );
    app.state
        .store
        .grant_plan(ws, "pro", Period::Month, store::now_ms(), None, "over")
        .await
        .expect("ended");
    let copy = app
        .api(
            &mut ann,
            Method::POST,
            &format!("/api/v1/sessions/{id}/duplicate"),
            None,
            None,
        )
        .await;
    assert_eq!(copy.status, StatusCode::PAYMENT_REQUIRED, "{}", copy.body);
    assert_eq!(copy.json()["error"]["feature"], "custom_fields");
}
