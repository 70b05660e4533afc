use crate::helpers::{Browser, TestApp};
use axum::http::StatusCode;

async fn session_path(app: &TestApp, b: &mut Browser) -> String {
    let res = app
        .post_form(
            b,
            "/sessions",
            &[
                ("title", "Team day"),
                ("first_date", "2026-12-01"),
                ("start_time", "09:00"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location().to_owned()
}

/// A new session with one activity: (session path, block id).
async fn session_with_block(
    app: &TestApp,
    b: &mut Browser,
    title: &str,
    minutes: &str,
) -> (String, String) {
    let path = session_path(app, b).await;
    app.post_form(
        b,
        &format!("{path}/blocks"),
        &[
            ("kind", "activity"),
            ("title", title),
            ("minutes", minutes),
            ("after", ""),
        ],
    )
    .await;
    let id = block_ids(&app.get(b, &path).await.body)[0].clone();
    (path, id)
}

fn block_ids(body: &str) -> Vec<String> {
    body.match_indices("id=\"block-")
        .map(|(i, _)| body[i + 10..i + 46].to_owned())
        .collect()
}

#[tokio::test]
async fn the_dashboard_creates_a_session_and_lists_it() {
    let app = TestApp::new().await;
    let mut b = app.register("dash@example.org").await;
    let home = app.get(&mut b, "/").await;
    assert!(
        home.body.contains("Plan your first session")
            && home.body.contains("href=\"/library/designs\""),
        "a newcomer is welcomed with what to do first"
    );
    let path = session_path(&app, &mut b).await;
    assert!(path.starts_with("/sessions/"));
    let home = app.get(&mut b, "/").await;
    assert!(home.body.contains("Team day") && home.body.contains(&format!("href=\"{path}\"")));
    assert!(!home.body.contains("Plan your first session"));
    assert!(home.body.contains(">Create session</summary>"));
}

#[tokio::test]
async fn forms_add_edit_move_and_delete_blocks_and_times_follow() {
    let app = TestApp::new().await;
    let mut b = app.register("prog@example.org").await;
    let path = session_path(&app, &mut b).await;
    for (title, minutes) in [("Check-in", "30"), ("Ideas", "60"), ("Wrap-up", "15")] {
        let res = app
            .post_form(
                &mut b,
                &format!("{path}/blocks"),
                &[
                    ("kind", "activity"),
                    ("title", title),
                    ("minutes", minutes),
                    ("after", ""),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
    }
    let page = app.get(&mut b, &path).await;
    assert!(
        page.body.contains("9:00 AM–9:30 AM") && page.body.contains("10:30 AM–10:45 AM"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Total 1 h 45 min"));
    let ids = block_ids(&page.body);
    assert_eq!(ids.len(), 3);

    let res = app
        .post_form(
            &mut b,
            &format!("{path}/blocks/{}/move", ids[2]),
            &[("dir", "up")],
        )
        .await;
    let after_move = app.get(&mut b, res.location()).await;
    assert!(
        after_move
            .body
            .contains("Moved “Wrap-up” up to position 2."),
        "announced"
    );
    assert_eq!(
        block_ids(&after_move.body),
        vec![ids[0].clone(), ids[2].clone(), ids[1].clone()]
    );

    let res = app
        .post_form(
            &mut b,
            &format!("{path}/blocks/{}", ids[0]),
            &[
                ("title", "Check-in round"),
                ("minutes", "45"),
                ("lead", "Anna"),
                ("description", "Each says one word."),
                ("notes", "Keep it short"),
                ("pinned_start", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut b, &path).await;
    assert!(
        page.body.contains("Check-in round")
            && page.body.contains("9:00 AM–9:45 AM")
            && page.body.contains("Anna")
    );
    assert!(page.body.contains("Total 2 h"));

    app.post_form(&mut b, &format!("{path}/blocks/{}/delete", ids[1]), &[])
        .await;
    let page = app.get(&mut b, &path).await;
    assert_eq!(block_ids(&page.body).len(), 2);
    assert!(!page.body.contains("Ideas"));
}

#[tokio::test]
async fn times_use_a_24_hour_clock_in_russian() {
    let app = TestApp::new().await;
    let mut b = app.register("ru@example.org").await;
    app.post_form(&mut b, "/language", &[("locale", "ru"), ("next", "/")])
        .await;
    let path = session_path(&app, &mut b).await;
    app.post_form(
        &mut b,
        &format!("{path}/blocks"),
        &[
            ("kind", "activity"),
            ("title", "Знакомство"),
            ("minutes", "270"),
            ("after", ""),
        ],
    )
    .await;
    let page = app.get(&mut b, &path).await;
    assert!(page.body.contains("09:00–13:30"), "{}", page.body);
    assert!(page.body.contains("Всего 4 ч 30 мин"));
}

#[tokio::test]
async fn the_print_page_has_no_site_chrome_and_optional_notes_and_materials() {
    let app = TestApp::new().await;
    let mut b = app.register("print@example.org").await;
    let (path, id) = session_with_block(&app, &mut b, "Warm-up", "20").await;
    app.post_form(
        &mut b,
        &format!("{path}/blocks/{id}"),
        &[
            ("title", "Warm-up"),
            ("minutes", "20"),
            ("lead", ""),
            ("description", ""),
            ("notes", "Secret tip"),
            ("pinned_start", ""),
        ],
    )
    .await;
    let plain = app.get(&mut b, &format!("{path}/print")).await;
    assert!(plain.body.contains("Warm-up") && plain.body.contains("/static/print.css"));
    assert!(!plain.body.contains("site-header") && !plain.body.contains("Secret tip"));
    let with_notes = app
        .get(&mut b, &format!("{path}/print?notes=on&materials=on"))
        .await;
    assert!(
        with_notes.body.contains("Secret tip") && with_notes.body.contains("<h2>Materials</h2>")
    );
}

#[tokio::test]
async fn another_account_gets_404_from_every_session_page() {
    let app = TestApp::new().await;
    let mut owner = app.register("own@example.org").await;
    let path = session_path(&app, &mut owner).await;
    app.post_form(
        &mut owner,
        &format!("{path}/blocks"),
        &[
            ("kind", "note"),
            ("title", "Private"),
            ("minutes", ""),
            ("after", ""),
        ],
    )
    .await;
    let id = block_ids(&app.get(&mut owner, &path).await.body)[0].clone();
    let mut other = app.register("other@example.org").await;
    assert_eq!(
        app.get(&mut other, &path).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&mut other, &format!("{path}/print")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&mut other, &format!("{path}/blocks/{id}/edit"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    for (action, fields) in [
        (
            format!("{path}/blocks"),
            vec![
                ("kind", "activity"),
                ("title", "x"),
                ("minutes", "5"),
                ("after", ""),
            ],
        ),
        (format!("{path}/blocks/{id}/delete"), vec![]),
        (format!("{path}/blocks/{id}/move"), vec![("dir", "up")]),
        (
            format!("{path}/blocks/{id}"),
            vec![
                ("title", "hacked"),
                ("minutes", "1"),
                ("lead", ""),
                ("description", ""),
                ("notes", ""),
                ("pinned_start", ""),
            ],
        ),
    ] {
        assert_eq!(
            app.post_form(&mut other, &action, &fields).await.status,
            StatusCode::NOT_FOUND,
            "{action}"
        );
    }
    let page = app.get(&mut owner, &path).await;
    assert!(page.body.contains("Private") && !page.body.contains("hacked"));
}

#[tokio::test]
async fn the_design_shows_the_same_blocks_as_cards_grouped_by_day_and_section() {
    let app = TestApp::new().await;
    let mut b = app.register("design@example.org").await;
    let path = session_path(&app, &mut b).await;
    for (kind, title, minutes) in [
        ("section", "Opening", ""),
        ("activity", "Check-in", "30"),
        ("day", "Second day", ""),
        ("break", "Tea", "15"),
    ] {
        app.post_form(
            &mut b,
            &format!("{path}/blocks"),
            &[
                ("kind", kind),
                ("title", title),
                ("minutes", minutes),
                ("after", ""),
            ],
        )
        .await;
    }
    let page = app.get(&mut b, &format!("{path}/design")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.body.matches("class=\"board-day\"").count(),
        2,
        "two days"
    );
    assert!(
        page.body.contains(
            r#"data-title="Opening"><span class="editable" data-field="title" data-value="Opening">Opening</span> <span class="muted">30 min</span></h4>"#
        ),
        "{}",
        page.body
    );
    assert_eq!(page.body.matches("class=\"block-card").count(), 2);
    assert!(
        page.body.contains(r#"9:00 AM–9:30 AM · <span class="editable" data-field="minutes" data-value="30">30 min</span>"#)
            && page.body.contains("Check-in"),
        "{}",
        page.body
    );
    assert!(page.body.contains(r#"aria-current="page">Design</a>"#));
    let mut other = app.register("peek@example.org").await;
    assert_eq!(
        app.get(&mut other, &format!("{path}/design")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_settings_form_changes_the_session_and_its_times() {
    let app = TestApp::new().await;
    let mut b = app.register("settings@example.org").await;
    let path = session_path(&app, &mut b).await;
    app.post_form(
        &mut b,
        &format!("{path}/blocks"),
        &[
            ("kind", "activity"),
            ("title", "Long talk"),
            ("minutes", "600"),
            ("after", ""),
        ],
    )
    .await;
    let form = |title: &'static str, tz: &'static str| {
        vec![
            ("title", title),
            ("description", "Why we meet"),
            ("goals", "Align\nDecide"),
            ("first_date", "2026-12-03"),
            ("start_time", "10:00"),
            ("end_time", "17:00"),
            ("time_zone", tz),
            ("location_kind", "online"),
            ("location", "Video call"),
            ("participants", "12"),
            ("language", "ru"),
            ("tags", "team, strategy"),
            ("status", "ready"),
        ]
    };
    let res = app
        .post_form(
            &mut b,
            &format!("{path}/settings"),
            &form("Team day 2", "Asia/Tokyo"),
        )
        .await;
    assert_eq!(res.location(), path);
    let page = app.get(&mut b, &path).await;
    assert!(page.body.contains("Team day 2") && page.body.contains("Asia/Tokyo"));
    assert!(page.body.contains("10:00 AM–8:00 PM"));
    assert!(page.body.contains("3 h over the end time"), "{}", page.body);
    let settings = app.get(&mut b, &format!("{path}/settings")).await;
    assert!(
        settings.body.contains("Align\nDecide")
            && settings.body.contains(r#"value="team, strategy""#)
    );
    let bad = app
        .post_form(
            &mut b,
            &format!("{path}/settings"),
            &form("Team day 3", "Nowhere/Land"),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Choose a time zone from the list."));
    assert!(
        !app.get(&mut b, &path).await.body.contains("Team day 3"),
        "saved whole or not at all"
    );
    let empty = app
        .post_form(&mut b, &format!("{path}/settings"), &form(" ", "UTC"))
        .await;
    assert!(empty.body.contains("Give the session a title."));
}

#[tokio::test]
async fn descriptions_render_markdown_safely_and_materials_add_up() {
    let app = TestApp::new().await;
    let mut b = app.register("mat@example.org").await;
    let path = session_path(&app, &mut b).await;
    for title in ["Brainstorm", "Clustering"] {
        app.post_form(
            &mut b,
            &format!("{path}/blocks"),
            &[
                ("kind", "activity"),
                ("title", title),
                ("minutes", "20"),
                ("after", ""),
            ],
        )
        .await;
    }
    let ids = block_ids(&app.get(&mut b, &path).await.body);
    let edit = |title: &'static str, description: &'static str, materials: &'static str| {
        vec![
            ("title", title),
            ("minutes", "20"),
            ("lead", ""),
            ("description", description),
            ("notes", ""),
            ("pinned_start", ""),
            ("materials", materials),
        ]
    };
    app.post_form(
        &mut b,
        &format!("{path}/blocks/{}", ids[0]),
        &edit(
            "Brainstorm",
            "**Silent** first <script>alert(1)</script>",
            "Sticky notes × 100\nMarkers, 10",
        ),
    )
    .await;
    app.post_form(
        &mut b,
        &format!("{path}/blocks/{}", ids[1]),
        &edit("Clustering", "", "markers × 5\nWall"),
    )
    .await;
    let page = app.get(&mut b, &path).await;
    assert!(
        page.body.contains("<strong>Silent</strong>") && !page.body.contains("<script>alert"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<td>Markers</td><td>15</td><td>Brainstorm, Clustering</td>"),
        "materials add up by name"
    );
    assert!(
        page.body.contains("<td>Sticky notes</td><td>100</td>")
            && page.body.contains("<td>Wall</td><td>1</td>")
    );
    let form = app
        .get(&mut b, &format!("{path}/blocks/{}/edit", ids[0]))
        .await;
    assert!(form.body.contains("Sticky notes × 100\nMarkers × 10"));
    let print = app.get(&mut b, &format!("{path}/print?materials=on")).await;
    assert!(print.body.contains("<td>Markers</td><td>15</td>"));
}

#[tokio::test]
async fn a_day_block_takes_its_own_date_and_start_time() {
    let app = TestApp::new().await;
    let mut b = app.register("days@example.org").await;
    let path = session_path(&app, &mut b).await;
    for (kind, title, minutes) in [
        ("activity", "One", "30"),
        ("day", "Later", ""),
        ("activity", "Two", "30"),
    ] {
        app.post_form(
            &mut b,
            &format!("{path}/blocks"),
            &[
                ("kind", kind),
                ("title", title),
                ("minutes", minutes),
                ("after", ""),
            ],
        )
        .await;
    }
    let ids = block_ids(&app.get(&mut b, &path).await.body);
    let form = app
        .get(&mut b, &format!("{path}/blocks/{}/edit", ids[1]))
        .await;
    assert!(form.body.contains("Date of this day") && !form.body.contains("Pinned start time"));
    let res = app
        .post_form(
            &mut b,
            &format!("{path}/blocks/{}", ids[1]),
            &[
                ("title", "Later"),
                ("minutes", "0"),
                ("lead", ""),
                ("description", ""),
                ("notes", ""),
                ("materials", ""),
                ("day_date", "2026-12-10"),
                ("day_start", "13:15"),
                ("day_end", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut b, &path).await;
    assert!(
        page.body.contains("Thu, Dec 10, 2026") && page.body.contains("1:15 PM–1:45 PM"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_dashboard_searches_filters_and_shows_a_list_or_cards() {
    let app = TestApp::new().await;
    let mut b = app.register("find@example.org").await;
    for title in ["Strategy day", "Team retro"] {
        app.post_form(
            &mut b,
            "/sessions",
            &[
                ("title", title),
                ("first_date", "2026-12-01"),
                ("start_time", "09:00"),
            ],
        )
        .await;
    }
    let all = app.get(&mut b, "/").await;
    assert!(all.body.contains("class=\"session-grid\""));
    assert!(
        all.body.contains("Tue, Dec 1, 2026 · 0 min"),
        "a card has its date in the reader's format and its length"
    );
    assert!(
        !all.body.contains("class=\"dash-filters\""),
        "two sessions need no filters"
    );
    for n in 0..6 {
        app.post_form(
            &mut b,
            "/sessions",
            &[
                ("title", &format!("Meeting {n}")),
                ("first_date", "2026-12-02"),
            ],
        )
        .await;
    }
    let all = app.get(&mut b, "/").await;
    assert!(all.body.contains("8 sessions") && all.body.contains("class=\"dash-filters\""));
    let found = app
        .get(&mut b, "/?q=RETRO&status=&tag=&sort=title&view=list")
        .await;
    assert!(
        found.body.contains("1 session<")
            && found.body.contains("Team retro")
            && !found.body.contains(">Strategy day<"),
        "{}",
        found.body
    );
    assert!(found.body.contains("<table class=\"data\">"));
    let none = app.get(&mut b, "/?status=done").await;
    assert!(
        none.body.contains("0 sessions") && none.body.contains("No session matches these filters.")
    );
}

#[tokio::test]
async fn a_refused_form_change_says_why() {
    let app = TestApp::new().await;
    let mut b = app.register("why@example.org").await;
    let path = session_path(&app, &mut b).await;
    let res = app
        .post_form(
            &mut b,
            &format!("{path}/blocks"),
            &[
                ("kind", "activity"),
                ("title", "Marathon"),
                ("minutes", "5000"),
                ("after", ""),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("A duration is from 0 to 1440 minutes."),
        "{}",
        res.body
    );
}

#[tokio::test]
async fn a_refused_block_form_keeps_what_was_typed_and_changes_nothing() {
    let app = TestApp::new().await;
    let mut b = app.register("keep@example.org").await;
    let (path, id) = session_with_block(&app, &mut b, "Warm-up", "10").await;
    let res = app
        .post_form(
            &mut b,
            &format!("{path}/blocks/{id}"),
            &[
                ("title", "Renamed warm-up"),
                ("minutes", "2000"),
                ("lead", "Sam"),
                ("description", "A long *story*"),
                ("notes", "Bring a bell"),
                ("pinned_start", ""),
                ("materials", "Bell"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("A duration is from 0 to 1440 minutes."));
    for typed in [
        "value=\"Renamed warm-up\"",
        "value=\"2000\"",
        "value=\"Sam\"",
        "Bring a bell",
        "A long *story*",
    ] {
        assert!(res.body.contains(typed), "{typed} is kept");
    }
    let page = app.get(&mut b, &path).await;
    assert!(
        page.body.contains("Warm-up") && !page.body.contains("Renamed"),
        "nothing was saved"
    );
}
