use crate::accounts_pages::{multipart, sample_jpeg};
use crate::helpers::{Browser, TestApp};
use axum::http::StatusCode;

async fn new_session(app: &TestApp, b: &mut Browser, title: &str, date: &str) -> String {
    let res = app
        .post_form(
            b,
            "/sessions",
            &[
                ("title", title),
                ("first_date", date),
                ("start_time", "09:00"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location().to_owned()
}

async fn add_block(app: &TestApp, b: &mut Browser, path: &str, title: &str, minutes: &str) {
    let res = app
        .post_form(
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
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
}

fn first_block(body: &str) -> String {
    let i = body.find("data-block=\"").expect("a block") + 12;
    body[i..i + 36].to_owned()
}

async fn upload(app: &TestApp, b: &mut Browser, path: &str, bytes: &[u8]) -> crate::TestResponse {
    let (ct, body) = multipart("image", "picture.jpg", bytes);
    let req = axum::http::Request::post(path)
        .header("content-type", ct)
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from(body))
        .expect("req");
    app.send(b, req).await
}

#[tokio::test]
async fn sessions_are_duplicated_archived_trashed_and_restored_from_the_dashboard() {
    let app = TestApp::new().await;
    let mut b = app.register("life@example.org").await;
    let path = new_session(&app, &mut b, "Kick-off", "2026-12-01").await;
    add_block(&app, &mut b, &path, "Warm-up", "10").await;

    let res = app
        .post_form(&mut b, &format!("{path}/duplicate"), &[])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let copy = res
        .location()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    assert_ne!(copy, path);
    let page = app.get(&mut b, &copy).await;
    assert!(page.body.contains("Kick-off (copy)") && page.body.contains("Warm-up"));

    let res = app
        .post_form(&mut b, &format!("{copy}/archive"), &[("archived", "true")])
        .await;
    assert_eq!(res.location(), "/?notice=session-archived");
    let home = app.get(&mut b, "/").await;
    assert!(home.body.contains("Kick-off") && !home.body.contains("Kick-off (copy)"));
    let archived = app.get(&mut b, "/?show=archived").await;
    assert!(archived.body.contains("Kick-off (copy)"));

    let res = app.post_form(&mut b, &format!("{path}/delete"), &[]).await;
    assert_eq!(res.location(), "/?notice=session-trashed");
    assert_eq!(app.get(&mut b, &path).await.status, StatusCode::NOT_FOUND);
    let trash = app.get(&mut b, "/trash").await;
    assert!(trash.body.contains("Kick-off"), "{}", trash.body);

    let mut other = app.register("snoop@example.org").await;
    for action in ["restore", "duplicate", "delete"] {
        assert_eq!(
            app.post_form(&mut other, &format!("{path}/{action}"), &[])
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{action}"
        );
    }
    assert!(
        !app.get(&mut other, "/trash")
            .await
            .body
            .contains("Kick-off")
    );

    let res = app.post_form(&mut b, &format!("{path}/restore"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut b, &path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Warm-up"));
}

#[tokio::test]
async fn the_purge_job_deletes_a_session_left_in_the_trash() {
    let app = TestApp::new().await;
    let mut b = app.register("purge@example.org").await;
    let path = new_session(&app, &mut b, "Old plan", "2026-12-01").await;
    app.post_form(&mut b, &format!("{path}/delete"), &[]).await;
    let id: domain::SessionId = path.trim_start_matches("/sessions/").parse().expect("id");
    app.run_jobs().await;
    assert!(
        app.state.store.trashed_session(id).await.is_ok(),
        "not due for 30 days"
    );
    // The 30 days are over: the job enqueued by the delete runs.
    app.run_waiting_jobs(domain::job::JobKind::PurgeSession)
        .await;
    assert!(app.state.store.trashed_session(id).await.is_err());
    assert!(!app.get(&mut b, "/trash").await.body.contains("Old plan"));
}

#[tokio::test]
async fn the_dashboard_filters_by_date_and_folder() {
    let app = TestApp::new().await;
    let mut b = app.register("folders@example.org").await;
    let a = new_session(&app, &mut b, "December retreat", "2026-12-10").await;
    new_session(&app, &mut b, "January sync", "2027-01-15").await;
    let settings = app.get(&mut b, &format!("{a}/settings")).await;
    assert!(settings.body.contains("name=\"folder\""));
    let res = app
        .post_form(
            &mut b,
            &format!("{a}/settings"),
            &[
                ("title", "December retreat"),
                ("first_date", "2026-12-10"),
                ("start_time", "09:00"),
                ("time_zone", "UTC"),
                ("language", "en"),
                ("status", "draft"),
                ("folder", "Clients"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get(&mut b, "/?folder=Clients").await;
    assert!(page.body.contains("December retreat") && !page.body.contains("January sync"));
    let page = app.get(&mut b, "/?from=2027-01-01&to=2027-12-31").await;
    assert!(!page.body.contains("December retreat") && page.body.contains("January sync"));
}

#[tokio::test]
async fn a_custom_field_becomes_a_programme_column_and_a_card_line() {
    let app = TestApp::new().await;
    let mut b = app.register("fields@example.org").await;
    app.grant_pro(app.workspace_of("fields@example.org").await)
        .await;
    let path = new_session(&app, &mut b, "Fields", "2026-12-01").await;
    add_block(&app, &mut b, &path, "Brainstorm", "20").await;
    let res = app
        .post_form(
            &mut b,
            &format!("{path}/fields"),
            &[
                ("name", "Energy"),
                ("kind", "choice"),
                ("options", "High, Low"),
                ("column", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get(&mut b, &path).await;
    assert!(
        page.body
            .contains("<th scope=\"col\" class=\"custom\">Energy</th>"),
        "{}",
        page.body
    );
    let block = first_block(&page.body);
    let edit = app
        .get(&mut b, &format!("{path}/blocks/{block}/edit"))
        .await;
    assert!(edit.body.contains("name=\"custom.f1\""));
    let save = |value: &'static str| {
        vec![
            ("title", "Brainstorm"),
            ("minutes", "20"),
            ("custom.f1", value),
            ("group_format", "small_groups"),
            ("category", "ideation"),
        ]
    };
    let res = app
        .post_form(&mut b, &format!("{path}/blocks/{block}"), &save("Medium"))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "not a choice");
    let res = app
        .post_form(&mut b, &format!("{path}/blocks/{block}"), &save("high"))
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get(&mut b, &path).await;
    assert!(
        page.body
            .contains(r#"<td class="custom" data-label="Energy">High</td>"#),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("</svg>Ideation</span>"),
        "the category's tag"
    );
    assert!(page.body.contains("Group format:</span> Small groups"));
    assert!(
        page.body.contains("fill=\"#f3a712\""),
        "the category colour"
    );
    let design = app.get(&mut b, &format!("{path}/design")).await;
    assert!(
        design
            .body
            .contains("<span class=\"muted\">Energy:</span> High")
    );

    let res = app
        .post_form(&mut b, &format!("{path}/fields/f1/delete"), &[])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(!app.get(&mut b, &path).await.body.contains(">Energy</th>"));
}

#[tokio::test]
async fn workspace_categories_join_the_palette_with_their_colour() {
    let app = TestApp::new().await;
    let mut b = app.register("cats@example.org").await;
    let res = app
        .post_form(
            &mut b,
            "/categories",
            &[("name", "Deep work"), ("colour", "#123ABC")],
        )
        .await;
    assert_eq!(res.location(), "/categories?notice=category-added");
    let again = app
        .post_form(
            &mut b,
            "/categories",
            &[("name", "Deep work"), ("colour", "#000000")],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("already have a category"));
    let bad = app
        .post_form(&mut b, "/categories", &[("name", "X"), ("colour", "red")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let path = new_session(&app, &mut b, "Colours", "2026-12-01").await;
    add_block(&app, &mut b, &path, "Focus time", "50").await;
    let block = first_block(&app.get(&mut b, &path).await.body);
    let edit = app
        .get(&mut b, &format!("{path}/blocks/{block}/edit"))
        .await;
    assert!(
        edit.body
            .contains("<option value=\"Deep work\">Deep work</option>")
    );
    app.post_form(
        &mut b,
        &format!("{path}/blocks/{block}"),
        &[
            ("title", "Focus time"),
            ("minutes", "50"),
            ("category", "Deep work"),
        ],
    )
    .await;
    let design = app.get(&mut b, &format!("{path}/design")).await;
    assert!(design.body.contains("fill=\"#123abc\""), "{}", design.body);

    let mut other = app.register("cats2@example.org").await;
    assert!(
        !app.get(&mut other, "/categories")
            .await
            .body
            .contains("Deep work")
    );
}

#[tokio::test]
async fn cover_and_card_images_are_re_encoded_and_only_members_see_them() {
    let app = TestApp::new().await;
    let mut b = app.register("pics@example.org").await;
    let path = new_session(&app, &mut b, "Pictures", "2026-12-01").await;
    add_block(&app, &mut b, &path, "Gallery walk", "30").await;
    let block = first_block(&app.get(&mut b, &path).await.body);

    let res = upload(&app, &mut b, &format!("{path}/cover"), &sample_jpeg()).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = upload(
        &app,
        &mut b,
        &format!("{path}/blocks/{block}/image"),
        &sample_jpeg(),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

    let design = app.get(&mut b, &format!("{path}/design")).await;
    let start = design
        .body
        .find("class=\"card-image\" src=\"")
        .expect("card image")
        + 24;
    let url: String = design.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let img = app.get(&mut b, &url).await;
    assert_eq!(img.status, StatusCode::OK);
    assert_eq!(img.headers["content-type"], "image/jpeg");
    let mut other = app.register("pics2@example.org").await;
    assert_eq!(
        app.get(&mut other, &url).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        upload(&app, &mut other, &format!("{path}/cover"), &sample_jpeg())
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(
        app.get(&mut b, &path)
            .await
            .body
            .contains("class=\"cover\"")
    );

    let res = upload(
        &app,
        &mut b,
        &format!("{path}/cover"),
        b"%PDF-1.7 not a picture",
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
}
