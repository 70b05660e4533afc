//! The library through its pages and its API: search, methods in and out of sessions, designs,
//! publication review, favourites, and who may see what.

use crate::helpers::{Browser, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::json;

async fn seeded() -> TestApp {
    let app = TestApp::new().await;
    plenary_server::starter::seed(&app.state.store)
        .await
        .expect("starter library");
    app
}

/// The id of the first method the API finds for `query`.
async fn find(app: &TestApp, b: &mut Browser, query: &str) -> Option<String> {
    let res = app
        .api(
            b,
            Method::GET,
            &format!("/api/v1/methods?{query}"),
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()["items"][0]["method"]["id"]
        .as_str()
        .map(str::to_owned)
}

async fn new_session(app: &TestApp, b: &mut Browser, title: &str) -> String {
    let res = app
        .post_form(
            b,
            "/sessions",
            &[
                ("title", title),
                ("first_date", "2026-12-01"),
                ("start_time", "09:00"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location().trim_start_matches("/sessions/").to_owned()
}

async fn blocks(app: &TestApp, b: &mut Browser, session: &str) -> Vec<serde_json::Value> {
    let res = app
        .api(
            b,
            Method::GET,
            &format!("/api/v1/sessions/{session}"),
            None,
            None,
        )
        .await;
    res.json()["blocks"].as_array().cloned().unwrap_or_default()
}

/// Adds an activity at the end of a session through the form; returns its id.
async fn add_activity(
    app: &TestApp,
    b: &mut Browser,
    session: &str,
    title: &str,
    minutes: &str,
) -> String {
    let res = app
        .post_form(
            b,
            &format!("/sessions/{session}/blocks"),
            &[
                ("kind", "activity"),
                ("title", title),
                ("minutes", minutes),
                ("after", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    blocks(app, b, session)
        .await
        .iter()
        .find(|x| x["title"] == title)
        .and_then(|x| x["id"].as_str())
        .expect("the new block")
        .to_owned()
}

/// Creates a method through the form; returns its page's path and its id.
pub async fn create_method(app: &TestApp, b: &mut Browser, title: &str) -> (String, String) {
    let res = app
        .post_form(b, "/library/methods", &method_form(title, "20", "30"))
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = res
        .location()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    let id = page.trim_start_matches("/library/methods/").to_owned();
    (page, id)
}

fn method_form<'a>(title: &'a str, min: &'a str, max: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        (
            "summary",
            "Pairs interview each other about a peak experience.",
        ),
        ("duration_min", min),
        ("duration_max", max),
        ("group_min", "2"),
        ("group_max", "40"),
        ("categories", "reflection"),
        ("categories", "team-building"),
        ("tags", "stories, pairs"),
        (
            "steps",
            "Form pairs.\nInterview for five minutes each.\nShare one story with the group.",
        ),
        ("in_person", "1"),
        ("complexity", "easy"),
        ("language", "en"),
        ("image", "appreciative-interview.svg"),
    ]
}

#[tokio::test]
async fn a_fresh_install_shows_the_starter_library_in_both_languages() {
    let app = seeded().await;
    let mut b = app.register("fresh@example.org").await;
    let en = app.get(&mut b, "/library").await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(
        en.body.contains("1-2-4-All"),
        "English starter methods, A to Z"
    );
    assert!(en.body.contains("rel=\"next\""), "more than one page");
    let ru = app
        .get(
            &mut b,
            &format!("/library?language=ru&q={}", crate::helpers::enc("точками")),
        )
        .await;
    assert!(
        ru.body.contains("Голосование <mark>точками</mark>"),
        "Russian starter methods"
    );
    let designs = app.get(&mut b, "/library/designs").await;
    assert!(designs.body.contains("Team retrospective in 90 minutes"));
    let svg = app.get(&mut b, "/library/images/dot-voting.svg").await;
    assert_eq!(svg.headers["content-type"], "image/svg+xml");
    assert!(svg.body.contains("<svg"));
    assert_eq!(
        app.get(&mut b, "/library/images/..%2Fsecret.svg")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_russian_search_finds_another_word_form_and_marks_it() {
    let app = seeded().await;
    let mut b = app.register("ru-search@example.org").await;
    let res = app
        .get(
            &mut b,
            &format!(
                "/library?language=ru&q={}",
                crate::helpers::enc("ретроспективу")
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("<mark>ретроспектив"), "a marked match");
    let api = app
        .api(
            &mut b,
            Method::GET,
            &format!(
                "/api/v1/methods?language=ru&q={}",
                crate::helpers::enc("ретроспективу")
            ),
            None,
            None,
        )
        .await
        .json();
    let first = &api["items"][0];
    assert!(
        first["title_matches"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
            || first["summary_matches"]
                .as_array()
                .is_some_and(|a| !a.is_empty()),
        "{first}"
    );
    assert_eq!(api["page"], 1);
}

#[tokio::test]
async fn a_duration_filter_keeps_only_methods_that_fit() {
    let app = seeded().await;
    let mut b = app.register("dur@example.org").await;
    let res = app
        .api(
            &mut b,
            Method::GET,
            "/api/v1/methods?min=60&max=90&language=any",
            None,
            None,
        )
        .await
        .json();
    let items = res["items"].as_array().expect("items");
    assert!(!items.is_empty());
    for i in items {
        let f = &i["method"]["fields"];
        assert!(
            f["duration_min"].as_u64() <= Some(90) && f["duration_max"].as_u64() >= Some(60),
            "{f}"
        );
    }
}

#[tokio::test]
async fn a_method_is_refused_with_its_field_named_then_created_and_changed() {
    let app = TestApp::new().await;
    let mut b = app.register("author@example.org").await;
    let res = app
        .post_form(
            &mut b,
            "/library/methods",
            &method_form("Peak stories", "30", "10"),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("value=\"Peak stories\""),
        "what was typed stays"
    );
    assert!(res.body.contains("id=\"duration-error\""));
    let (page_path, _) = create_method(&app, &mut b, "Peak stories").await;
    let page = app.get(&mut b, &page_path).await;
    assert!(page.body.contains("Interview for five minutes each."));
    assert!(page.body.contains("#stories"));
    let mut edit = method_form("Peak stories, shorter", "10", "20");
    edit.push(("online", "1"));
    let res = app.post_form(&mut b, &page_path, &edit).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut b, &page_path).await;
    assert!(page.body.contains("Peak stories, shorter"));
    let api = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/methods",
            Some(json!({"title": "", "duration_min": 5, "duration_max": 10, "group_min": 1, "group_max": 5, "in_person": true, "online": false, "language": "en"})),
            None,
        )
        .await;
    assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        api.json()["error"]["fields"]["title"]["code"],
        "invalid_value"
    );
}

#[tokio::test]
async fn a_method_is_inserted_into_a_session_after_a_chosen_block_and_remembers_its_source() {
    let app = seeded().await;
    let mut b = app.register("insert@example.org").await;
    let session = new_session(&app, &mut b, "Team day").await;
    let opening = add_activity(&app, &mut b, &session, "Opening", "10").await;
    add_activity(&app, &mut b, &session, "Closing", "10").await;
    let method = find(&app, &mut b, "q=dot+voting").await.expect("found");
    let panel = app
        .get(
            &mut b,
            &format!("/sessions/{session}/library?q=dot+voting&after={opening}"),
        )
        .await;
    assert!(
        panel
            .body
            .contains(&format!("name=\"method\" value=\"{method}\""))
    );
    let res = app
        .post_form(
            &mut b,
            &format!("/sessions/{session}/library/insert"),
            &[("method", &method), ("after", &opening)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let after = blocks(&app, &mut b, &session).await;
    let titles: Vec<&str> = after.iter().filter_map(|b| b["title"].as_str()).collect();
    assert_eq!(titles, ["Opening", "Dot voting", "Closing"]);
    assert_eq!(after[1]["category"], "prioritisation");
    let programme = app.get(&mut b, &format!("/sessions/{session}")).await;
    assert!(
        programme
            .body
            .contains(&format!("href=\"/library/methods/{method}\""))
    );
    let design = app
        .get(&mut b, &format!("/sessions/{session}/design"))
        .await;
    assert!(design.body.contains("/library/images/dot-voting.svg"));
    // The same through the API, at the end.
    let res = app
        .api(
            &mut b,
            Method::POST,
            &format!("/api/v1/sessions/{session}/methods"),
            Some(json!({ "method": method })),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    assert_eq!(blocks(&app, &mut b, &session).await.len(), 4);
}

#[tokio::test]
async fn a_block_saved_as_a_method_lands_in_my_library_only() {
    let app = TestApp::new().await;
    let mut b = app.register("block@example.org").await;
    let session = new_session(&app, &mut b, "Offsite").await;
    let block = add_activity(&app, &mut b, &session, "Story circle", "25").await;
    let res = app
        .post_form(
            &mut b,
            &format!("/sessions/{session}/blocks/{block}/save-as-method"),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(
        res.location()
            .ends_with("/edit?notice=method-saved-from-block")
    );
    let mine = find(&app, &mut b, "scope=mine&q=story").await;
    assert!(mine.is_some());
    let mut other = app.register("nosy@example.org").await;
    assert_eq!(find(&app, &mut other, "q=story+circle").await, None);
    let edit = app.get(&mut other, res.location()).await;
    assert_eq!(edit.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn publishing_waits_for_an_administrator_who_approves_or_rejects_with_a_reason() {
    let app = TestApp::new().await;
    let mut author = app.register("pub@example.org").await;
    let (page, id) = create_method(&app, &mut author, "Peak stories").await;
    let res = app
        .post_form(
            &mut author,
            &format!("{page}/publish"),
            &[("action", "request")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let mut reader = app.register("reader@example.org").await;
    assert_eq!(find(&app, &mut reader, "q=peak+stories").await, None);
    assert_eq!(
        app.get(&mut reader, "/admin/moderation").await.status,
        StatusCode::NOT_FOUND
    );
    let mut admin = app.register("admin@example.org").await;
    app.make_admin("admin@example.org").await;
    let queue = app.get(&mut admin, "/admin/moderation").await;
    assert!(queue.body.contains("Peak stories"));
    let refused = app
        .post_form(
            &mut admin,
            &format!("/admin/moderation/method/{id}"),
            &[("decision", "reject"), ("note", "")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .post_form(
            &mut admin,
            &format!("/admin/moderation/method/{id}"),
            &[("decision", "approve"), ("note", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        find(&app, &mut reader, "q=peak+stories").await,
        Some(id.clone())
    );
    let home = app.get(&mut author, "/library").await;
    assert!(
        home.body.contains("class=\"badge\">1"),
        "the unread count shows"
    );
    let notes = app.get(&mut author, "/notifications").await;
    assert!(
        notes
            .body
            .contains("“Peak stories” is now in the public library.")
    );
    let mail = app.last_mail_to("pub@example.org").await;
    assert!(mail.subject.contains("Peak stories"));
    // Unpublishing takes it out of others' reach again.
    app.post_form(
        &mut author,
        &format!("{page}/publish"),
        &[("action", "withdraw")],
    )
    .await;
    assert_eq!(find(&app, &mut reader, "q=peak+stories").await, None);
    // A rejection carries its reason to the author.
    app.post_form(
        &mut author,
        &format!("{page}/publish"),
        &[("action", "request")],
    )
    .await;
    app.post_form(
        &mut admin,
        &format!("/admin/moderation/method/{id}"),
        &[
            ("decision", "reject"),
            ("note", "Please add the originator."),
        ],
    )
    .await;
    let page_now = app.get(&mut author, &page).await;
    assert!(page_now.body.contains("Please add the originator."));
}

#[tokio::test]
async fn a_session_saved_as_a_design_starts_a_new_session_without_its_people() {
    let app = TestApp::new().await;
    let mut b = app.register("design@example.org").await;
    let session = new_session(&app, &mut b, "Kick-off").await;
    let block = add_activity(&app, &mut b, &session, "Warm-up", "15").await;
    app.api(
        &mut b,
        Method::POST,
        &format!("/api/v1/sessions/{session}/ops"),
        Some(json!({"ops": [{"op": {"type": "set_block", "block": block, "set": {"field": "lead", "value": "Maria"}}}]})),
        None,
    )
    .await;
    let res = app
        .post_form(&mut b, &format!("/sessions/{session}/save-as-design"), &[])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let design = res
        .location()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    let preview = app.get(&mut b, &design).await;
    assert!(preview.body.contains("Warm-up"));
    assert!(preview.body.contains("9:00 AM–9:15 AM"), "timed from 9:00");
    let res = app
        .post_form(
            &mut b,
            &format!("{design}/start"),
            &[
                ("title", "Kick-off again"),
                ("first_date", "2027-01-15"),
                ("start_time", "10:00"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let new = res.location().trim_start_matches("/sessions/").to_owned();
    let copy = blocks(&app, &mut b, &new).await;
    assert_eq!(copy[0]["title"], "Warm-up");
    assert_eq!(copy[0]["lead"], "", "no people travel with a design");
    assert!(
        copy[0]["start"]
            .as_str()
            .unwrap_or_default()
            .starts_with("2027-01-15T10:00")
    );
    let mut stranger = app.register("stranger@example.org").await;
    assert_eq!(
        app.get(&mut stranger, &design).await.status,
        StatusCode::NOT_FOUND
    );
    let start = app
        .post_form(
            &mut stranger,
            &format!("{design}/start"),
            &[("title", "Mine")],
        )
        .await;
    assert_eq!(start.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_starter_design_starts_a_session_through_the_api() {
    let app = seeded().await;
    let mut b = app.register("api-design@example.org").await;
    let list = app
        .api(
            &mut b,
            Method::GET,
            "/api/v1/designs?language=ru",
            None,
            None,
        )
        .await
        .json();
    let first = &list[0];
    assert_eq!(first["scope"], "public");
    let n = first["fields"]["blocks"].as_array().map_or(0, Vec::len);
    let res = app
        .api(
            &mut b,
            Method::POST,
            &format!(
                "/api/v1/designs/{}/sessions",
                first["id"].as_str().expect("id")
            ),
            Some(json!({"first_date": "2027-02-01"})),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let session = res.json()["id"].as_str().expect("id").to_owned();
    assert_eq!(blocks(&app, &mut b, &session).await.len(), n);
}

#[tokio::test]
async fn favourites_toggle_and_list_as_selected_methods() {
    let app = seeded().await;
    let mut b = app.register("fav@example.org").await;
    let method = find(&app, &mut b, "q=dot+voting").await.expect("found");
    let res = app
        .post_form(
            &mut b,
            &format!("/library/methods/{method}/favourite"),
            &[("on", "1"), ("next", "https://evil.example/")],
        )
        .await;
    assert_eq!(
        res.location(),
        format!("/library/methods/{method}"),
        "no open redirect"
    );
    assert_eq!(
        find(&app, &mut b, "scope=favourites").await,
        Some(method.clone())
    );
    let res = app
        .api(
            &mut b,
            Method::DELETE,
            &format!("/api/v1/methods/{method}/favourite"),
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(find(&app, &mut b, "scope=favourites").await, None);
}

#[tokio::test]
async fn nobody_reaches_another_persons_private_library_or_changes_the_starter_library() {
    let app = seeded().await;
    let mut owner = app.register("owner@example.org").await;
    let (page, id) = create_method(&app, &mut owner, "Secret method").await;
    let session = new_session(&app, &mut owner, "Private").await;
    let mut other = app.register("other@example.org").await;
    for path in [
        page.clone(),
        format!("{page}/edit"),
        format!("/sessions/{session}/library"),
    ] {
        assert_eq!(
            app.get(&mut other, &path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    for path in [
        format!("{page}/delete"),
        format!("{page}/copy"),
        format!("{page}/favourite"),
        format!("/sessions/{session}/save-as-design"),
    ] {
        assert_eq!(
            app.post_form(&mut other, &path, &[("on", "1")])
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // Not even with a method one may see, into a session one may not.
    let public = find(&app, &mut other, "q=dot+voting").await.expect("found");
    let res = app
        .post_form(
            &mut other,
            &format!("/sessions/{session}/library/insert"),
            &[("method", &public), ("after", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    for method in [Method::GET, Method::DELETE] {
        let res = app
            .api(
                &mut other,
                method,
                &format!("/api/v1/methods/{id}"),
                None,
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }
    // The starter library is public but nobody's to change.
    let res = app
        .api(
            &mut owner,
            Method::DELETE,
            &format!("/api/v1/methods/{public}"),
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .api(
            &mut owner,
            Method::POST,
            &format!("/api/v1/library/{public}/publication"),
            Some(json!({"action": "withdraw"})),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Signed out, the library asks to sign in.
    let res = app.get(&mut Browser::default(), "/library").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_method_longer_than_a_block_allows_is_cut_to_fit_when_inserted() {
    let app = TestApp::new().await;
    let mut b = app.register("long@example.org").await;
    let step = "s".repeat(1_900);
    let res = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/methods",
            Some(json!({
                "title": "Marathon", "duration_min": 30, "duration_max": 60, "group_min": 2,
                "group_max": 20, "in_person": true, "online": false, "language": "en",
                "goals": ["g".repeat(300)], "steps": vec![step; 30],
            })),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let method = res.json()["id"].as_str().expect("id").to_owned();
    let session = new_session(&app, &mut b, "Long day").await;
    let res = app
        .api(
            &mut b,
            Method::POST,
            &format!("/api/v1/sessions/{session}/methods"),
            Some(json!({ "method": method })),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let block = &blocks(&app, &mut b, &session).await[0];
    assert_eq!(
        block["goals"][0].as_str().map(|g| g.chars().count()),
        Some(200)
    );
    let notes = block["notes"].as_str().unwrap_or_default().chars().count();
    assert!((19_000..=20_000).contains(&notes), "{notes}");
}

/// The author asks to publish the method at `page`, and the administrator approves it.
async fn publish(app: &TestApp, author: &mut Browser, admin: &mut Browser, page: &str, id: &str) {
    let res = app
        .post_form(author, &format!("{page}/publish"), &[("action", "request")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = app
        .post_form(
            admin,
            &format!("/admin/moderation/method/{id}"),
            &[("decision", "approve"), ("note", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
}

#[tokio::test]
async fn those_who_selected_an_authors_methods_hear_of_the_next_publication_unless_they_turned_it_off()
 {
    let app = TestApp::new().await;
    let mut author = app.register_confirmed("author@example.org").await;
    let mut admin = app.register("admin@example.org").await;
    app.make_admin("admin@example.org").await;
    let mut fan = app.register_confirmed("fan@example.org").await;
    let mut quiet = app.register_confirmed("quiet@example.org").await;
    let (first_page, first) = create_method(&app, &mut author, "Peak stories").await;
    publish(&app, &mut author, &mut admin, &first_page, &first).await;
    for b in [&mut fan, &mut quiet] {
        let res = app
            .post_form(
                b,
                &format!("/library/methods/{first}/favourite"),
                &[("on", "1")],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    }
    // Quiet turns these notices off on the account page; the box is ticked until then.
    let account = app.get(&mut quiet, "/account").await;
    assert!(
        account
            .body
            .contains("id=\"public-activity\" name=\"public_activity\" value=\"on\" checked")
    );
    let saved = app
        .post_form(
            &mut quiet,
            "/account/notifications",
            &[("email_notifications", "instant")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let account = app.get(&mut quiet, "/account").await;
    assert!(
        account
            .body
            .contains("id=\"public-activity\" name=\"public_activity\" value=\"on\">")
    );

    let (second_page, second) = create_method(&app, &mut author, "Silent brainstorm").await;
    publish(&app, &mut author, &mut admin, &second_page, &second).await;
    let heard = app.get(&mut fan, "/notifications").await;
    assert!(
        heard
            .body
            .contains("Anna Petrova published “Silent brainstorm” in the public library."),
        "{}",
        heard.body
    );
    let mail = app.last_mail_to("fan@example.org").await;
    assert_eq!(mail.subject, "Anna Petrova published “Silent brainstorm”");
    assert!(
        mail.text_body
            .contains(&format!("/library/methods/{second}"))
    );
    // Unpublished and approved again, it is no news: nobody hears twice.
    let res = app
        .post_form(
            &mut author,
            &format!("{second_page}/publish"),
            &[("action", "withdraw")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    publish(&app, &mut author, &mut admin, &second_page, &second).await;
    let heard = app.get(&mut fan, "/notifications").await;
    assert_eq!(
        heard.body.matches("published “Silent brainstorm”").count(),
        1,
        "told again"
    );
    let silent = app.get(&mut quiet, "/notifications").await;
    assert!(!silent.body.contains("Silent brainstorm"));
    let own = app.get(&mut author, "/notifications").await;
    assert!(
        !own.body.contains("Anna Petrova published"),
        "the author hears of it"
    );
}
