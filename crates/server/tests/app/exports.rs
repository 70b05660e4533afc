//! Exports and imports through the real router: every format from the session's pages and the
//! API in the reader's language, what a viewer and a link holder get, a JSON export read back
//! into a session with the same content, and CSV imports with bad rows and bad files.

use crate::helpers::{Browser, Options, TestApp, TestResponse};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};

/// A session with a day, a section, an activity with notes, a lead, materials and a custom
/// value, and a break: (id, the activity's id).
async fn rich_session(app: &TestApp, b: &mut Browser) -> String {
    let s = app
        .api(
            b,
            Method::POST,
            "/api/v1/sessions",
            Some(json!({"title": "Kick-off «Альфа»", "first_date": "2026-03-28", "start_time": "09:00", "time_zone": "Europe/Berlin"})),
            None,
        )
        .await;
    assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    let id = s.json()["id"].as_str().expect("id").to_owned();
    // Custom fields are Pro's.
    let session: domain::SessionId = id.parse().expect("an id");
    let workspace = app
        .state
        .store
        .session(session)
        .await
        .expect("read")
        .workspace_id;
    app.grant_pro(workspace).await;
    let [day, section, talk, pause] = [(); 4].map(|()| uuid::Uuid::now_v7().to_string());
    let ops = json!({"ops": [
        {"op": {"type": "set_session", "set": {"field": "custom_fields", "value": [
            {"id": "room", "name": "Room", "kind": "text", "options": [], "column": true}]}}},
        {"op": {"type": "set_session", "set": {"field": "goals", "value": ["Agree the plan"]}}},
        {"op": {"type": "insert_block", "block": day, "kind": "day", "after": null,
            "fields": [{"field": "title", "value": "Day one"}]}},
        {"op": {"type": "insert_block", "block": section, "kind": "section", "after": day,
            "fields": [{"field": "title", "value": "Opening"}]}},
        {"op": {"type": "insert_block", "block": talk, "kind": "activity", "after": section,
            "fields": [
                {"field": "title", "value": "Welcome talk"},
                {"field": "minutes", "value": 30},
                {"field": "description", "value": "Why we are here"},
                {"field": "notes", "value": "Secret facilitator note"},
                {"field": "lead", "value": "Anna Lead"},
                {"field": "category", "value": "energizer"},
                {"field": "materials", "value": [{"name": "Markers", "quantity": 12}]},
                {"field": "custom", "value": {"id": "room", "value": "4B"}}]}},
        {"op": {"type": "insert_block", "block": pause, "kind": "break", "after": talk,
            "fields": [{"field": "title", "value": "Coffee"}, {"field": "minutes", "value": 15}]}},
    ]});
    let res = app
        .api(
            b,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(ops),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    id
}

pub(crate) async fn raw(
    app: &TestApp,
    b: &mut Browser,
    path: &str,
    content_type: &str,
    bytes: &[u8],
) -> TestResponse {
    let req = Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(bytes.to_vec()))
        .expect("a request");
    app.send(b, req).await
}

/// A new public link to session `id`: its path, `/p/…`.
async fn public_link(app: &TestApp, owner: &mut Browser, id: &str) -> String {
    let made = app
        .post_form(owner, &format!("/sessions/{id}/links"), &[("expires", "7")])
        .await;
    let start = made.body.find("/p/").expect("the new link is shown");
    made.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
        .collect()
}

async fn session_count(app: &TestApp, b: &mut Browser) -> usize {
    let list = app
        .api(b, Method::GET, "/api/v1/sessions", None, None)
        .await;
    list.json().as_array().expect("a list").len()
}

#[tokio::test]
async fn every_format_downloads_from_the_session_as_a_named_attachment_in_the_readers_language() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let id = rich_session(&app, &mut owner).await;
    for (format, content_type, starts) in [
        ("pdf", "application/pdf", &b"%PDF-"[..]),
        ("cards-pdf", "application/pdf", b"%PDF-"),
        ("materials-pdf", "application/pdf", b"%PDF-"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            b"PK",
        ),
        (
            "csv",
            "text/csv; charset=utf-8",
            b"\xEF\xBB\xBFDate,Start,End,Duration (min)",
        ),
        (
            "ics",
            "text/calendar; charset=utf-8",
            b"BEGIN:VCALENDAR\r\n",
        ),
        (
            "md",
            "text/markdown; charset=utf-8",
            "# Kick-off «Альфа»".as_bytes(),
        ),
        ("json", "application/json", b"{"),
    ] {
        let res = app
            .get(
                &mut owner,
                &format!("/sessions/{id}/export?format={format}"),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{format}: {}", res.body);
        assert_eq!(res.headers[header::CONTENT_TYPE], content_type, "{format}");
        assert!(
            res.bytes.starts_with(starts),
            "{format}: {:?}",
            &res.body[..40.min(res.body.len())]
        );
        let disposition = res.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .expect("ASCII");
        assert!(
            disposition.starts_with(
                "attachment; filename*=UTF-8''Kick-off-%D0%90%D0%BB%D1%8C%D1%84%D0%B0"
            ),
            "{format}: {disposition}"
        );
        assert_eq!(res.headers[header::CACHE_CONTROL], "private, no-store");
    }
    let unknown = app
        .get(&mut owner, &format!("/sessions/{id}/export?format=exe"))
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);

    // The same door over the API with a token; a Russian reader gets Russian headings.
    let token = app.token(&mut owner, &["read"]).await;
    let res = app
        .api(
            &mut Browser::default(),
            Method::GET,
            &format!("/api/v1/sessions/{id}/export?format=csv"),
            None,
            Some(&token),
        )
        .await;
    assert!(res.body.contains("Welcome talk,Energizer"), "{}", res.body);
    let profile = json!({"first_name": "Olga", "last_name": "K", "phone": "", "locale": "ru", "time_zone": "Europe/Moscow"});
    let saved = app
        .api(&mut owner, Method::PUT, "/api/v1/me", Some(profile), None)
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let res = app
        .get(&mut owner, &format!("/sessions/{id}/export?format=csv"))
        .await;
    assert!(
        res.body.starts_with("\u{feff}Дата,Начало,Конец,\"Длительность, мин\",Тип,Раздел,Название,Категория,Ведущий,Room"),
        "{}",
        res.body
    );
    assert!(
        res.body
            .contains(",Активность,Opening,Welcome talk,Энерджайзер,"),
        "{}",
        res.body
    );
}

#[tokio::test]
async fn a_viewer_exports_what_a_viewer_sees_and_a_link_holder_gets_no_facilitator_matter() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let id = rich_session(&app, &mut owner).await;
    let mut viewer = app.register("viewer@example.org").await;
    crate::sharing::share(&app, &mut owner, &id, "viewer@example.org", "viewer").await;
    let md = app
        .get(
            &mut viewer,
            &format!("/sessions/{id}/export?format=md&notes=true&materials=true"),
        )
        .await;
    assert_eq!(md.status, StatusCode::OK);
    for seen in [
        "Secret facilitator note",
        "Anna Lead",
        "Markers × 12",
        "Room: 4B",
    ] {
        assert!(md.body.contains(seen), "{seen} in {}", md.body);
    }

    let link = public_link(&app, &mut owner, &id).await;
    let mut anyone = Browser::default();
    let ics = app
        .get(&mut anyone, &format!("{link}/export?format=ics"))
        .await;
    assert_eq!(ics.status, StatusCode::OK, "{}", ics.body);
    assert!(ics.body.contains("SUMMARY:Welcome talk"), "{}", ics.body);
    assert!(
        ics.body.contains("DTSTART:20260328T080000Z"),
        "{}",
        ics.body
    );
    let pdf = app
        .get(
            &mut anyone,
            &format!("{link}/export?format=pdf&notes=true&materials=true"),
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    for secret in ["Secret facilitator note", "Anna Lead", "Markers"] {
        assert!(
            !ics.body.contains(secret),
            "{secret} in a link holder's calendar"
        );
    }
    // The facilitators' own formats are not behind the link.
    for format in ["json", "md", "csv", "docx", "xlsx", "materials-pdf"] {
        let res = app
            .get(&mut anyone, &format!("{link}/export?format={format}"))
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{format}");
    }
    let mut stranger = app.register("stranger@example.org").await;
    for path in [
        format!("/sessions/{id}/export?format=pdf"),
        format!("/api/v1/sessions/{id}/export?format=json"),
    ] {
        assert_eq!(
            app.get(&mut stranger, &path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

/// A JSON export without what differs from one session to its copy.
fn content(mut v: Value) -> Value {
    let s = v["session"].as_object_mut().expect("a session");
    for key in ["id", "workspace_id", "created_at", "updated_at", "version"] {
        s.remove(key);
    }
    for b in v["blocks"].as_array_mut().expect("blocks") {
        let b = b.as_object_mut().expect("a block");
        b.remove("id");
        b.remove("order_key");
    }
    v.as_object_mut().expect("an object").remove("files");
    v
}

#[tokio::test]
async fn a_json_export_imports_as_a_session_whose_export_is_the_same_but_for_ids_and_dates() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let id = rich_session(&app, &mut owner).await;
    let first = app
        .get(
            &mut owner,
            &format!("/api/v1/sessions/{id}/export?format=json"),
        )
        .await;
    assert_eq!(first.json()["format_version"], 1);
    let made = raw(
        &app,
        &mut owner,
        "/api/v1/sessions/import",
        "application/json",
        &first.bytes,
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let copy = made.json()["session"]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    assert_ne!(copy, id);
    let again = app
        .get(
            &mut owner,
            &format!("/api/v1/sessions/{copy}/export?format=json"),
        )
        .await;
    assert_eq!(content(again.json()), content(first.json()));
}

#[tokio::test]
async fn a_csv_with_a_bad_row_imports_nothing_until_asked_then_only_its_good_rows() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    // A custom column makes a custom field, which is Pro's.
    app.grant_pro(app.workspace_of("owner@example.org").await)
        .await;
    let before = session_count(&app, &mut owner).await;
    let csv = "title,duration,kind,notes,Room\nCheck-in,10,activity,Go round,1\n,5,break,,\nRetro,1:15,,,2\n";
    let preview = raw(
        &app,
        &mut owner,
        "/api/v1/sessions/import/preview",
        "text/csv",
        csv.as_bytes(),
    )
    .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    let p = preview.json();
    assert_eq!(p["good"], 2);
    assert_eq!(p["custom_fields"], json!(["Room"]));
    assert_eq!(p["rows"][1]["line"], 3);
    assert_eq!(p["rows"][1]["problems"], json!(["no_title"]));
    assert_eq!(p["rows"][2]["minutes"], 75);

    let refused = raw(
        &app,
        &mut owner,
        "/api/v1/sessions/import?title=Retro",
        "text/csv",
        csv.as_bytes(),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["error"]["code"], "import_bad_rows");
    assert!(
        refused.json()["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("lines 3"))
    );
    assert_eq!(
        session_count(&app, &mut owner).await,
        before,
        "nothing was made"
    );

    let made = raw(
        &app,
        &mut owner,
        "/api/v1/sessions/import?title=Retro&skip_bad_rows=true",
        "text/csv",
        csv.as_bytes(),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let m = made.json();
    assert_eq!(m["skipped_rows"], json!([3]));
    assert_eq!(m["session"]["title"], "Retro");
    let titles: Vec<&str> = m["session"]["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .map(|b| b["title"].as_str().expect("a title"))
        .collect();
    assert_eq!(titles, ["Check-in", "Retro"]);
    assert_eq!(m["session"]["blocks"][0]["notes"], "Go round");
    assert_eq!(m["session"]["blocks"][1]["minutes"], 75);
    assert_eq!(m["session"]["custom_fields"][0]["name"], "Room");
}

#[tokio::test]
async fn a_file_that_is_not_what_it_claims_gets_a_clear_error_and_creates_nothing() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let before = session_count(&app, &mut owner).await;
    for (content_type, bytes, code) in [
        (
            "application/json",
            &b"%PDF-1.7 a pdf"[..],
            "import_not_json",
        ),
        (
            "application/json",
            br#"{"title": "not ours"}"#,
            "import_not_an_export",
        ),
        (
            "application/json",
            br#"{"format_version": 99}"#,
            "import_format_version",
        ),
        ("text/csv", b"\x89PNG\r\n\x1a\n\x00\x00", "import_not_text"),
        ("text/csv", b"what;when\nx;y\n", "import_no_title_column"),
        ("text/csv", b"title\n\n", "import_empty"),
    ] {
        let res = raw(
            &app,
            &mut owner,
            "/api/v1/sessions/import?title=X",
            content_type,
            bytes,
        )
        .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        assert_eq!(res.json()["error"]["code"], code, "{}", res.body);
    }
    assert_eq!(
        session_count(&app, &mut owner).await,
        before,
        "nothing was made"
    );
    // An export whose block breaks a rule creates nothing either: the transaction takes it back.
    let id = rich_session(&app, &mut owner).await;
    let mut doc = app
        .get(
            &mut owner,
            &format!("/api/v1/sessions/{id}/export?format=json"),
        )
        .await
        .json();
    doc["blocks"][2]["minutes"] = json!(100_000);
    let res = raw(
        &app,
        &mut owner,
        "/api/v1/sessions/import",
        "application/json",
        doc.to_string().as_bytes(),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert_eq!(res.json()["error"]["code"], "import_invalid");
    assert_eq!(
        session_count(&app, &mut owner).await,
        before + 1,
        "only the session made above"
    );

    // The import page says why, in the reader's language, and keeps nothing half made.
    let (ct, body) = crate::accounts_pages::multipart("file", "plan.csv", b"\x00\x01binary");
    let res = raw(&app, &mut owner, "/sessions/import", &ct, &body).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("The file is not text (UTF-8)."),
        "{}",
        res.body
    );
}

#[tokio::test]
async fn the_import_page_previews_a_csv_marks_its_bad_row_and_imports_the_good_ones() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let csv = "Title;Duration;Kind\nWarm-up;10;activity\nLunch;forty;break\nClose;5;\n";
    let (ct, body) = crate::accounts_pages::multipart("file", "Team day.csv", csv.as_bytes());
    let page = raw(&app, &mut owner, "/sessions/import", &ct, &body).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("2 of 3 rows can be imported."),
        "{}",
        page.body
    );
    assert!(page.body.contains(r#"data-line="3""#));
    assert!(
        page.body.contains("The duration is not minutes (45)"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(r#"value="Team day""#),
        "the file's name as the title"
    );
    assert!(page.body.contains("Import 2 good rows"));

    // With the title cleared, the rows stay and the page says what is missing.
    let res = app
        .post_form(
            &mut owner,
            "/sessions/import/csv",
            &[("csv", csv), ("title", " ")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains(r#"data-line="3""#), "{}", res.body);

    let res = app
        .post_form(
            &mut owner,
            "/sessions/import/csv",
            &[("csv", csv), ("title", "Team day")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(
        res.location().ends_with("?notice=session-imported"),
        "{}",
        res.location()
    );
    let programme = app.get(&mut owner, res.location()).await;
    assert!(programme.body.contains("The session was imported."));
    assert!(programme.body.contains("Warm-up") && programme.body.contains("Close"));
    assert!(!programme.body.contains("Lunch"));
}

/// An app where every export goes on as a job, as one that takes longer than a request
/// waits does; `left_ms` is how long without a look counts as having left.
async fn slow_exports(left_ms: u64) -> TestApp {
    TestApp::with(Options {
        export_wait_ms: Some(0),
        export_left_ms: Some(left_ms),
        ..Options::default()
    })
    .await
}

/// Looks at an export's page until it is no longer running (the export is made on the
/// blocking threads meanwhile); the page as last seen.
async fn until_finished(app: &TestApp, b: &mut Browser, page: &str) -> TestResponse {
    for _ in 0..600 {
        let res = app.get(b, page).await;
        assert_eq!(res.status, StatusCode::OK, "{page}: {}", res.body);
        if !res.body.contains("hx-trigger=\"load delay:2s\"") {
            return res;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{page} still running after 30 s");
}

/// The path a 303 leads to.
fn redirected_to(res: &TestResponse) -> String {
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location().to_owned()
}

#[tokio::test]
async fn an_export_longer_than_a_request_waits_shows_its_progress_then_its_file_to_its_asker_only()
{
    let app = slow_exports(60_000).await;
    let mut owner = app.register("owner@example.org").await;
    let id = rich_session(&app, &mut owner).await;
    let asked = app
        .get(&mut owner, &format!("/sessions/{id}/export?format=pdf"))
        .await;
    let page = redirected_to(&asked);
    assert!(page.starts_with("/exports/"), "{page}");
    let first = app.get(&mut owner, &page).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.headers[header::CACHE_CONTROL], "private, no-store");
    assert!(
        first.body.contains("<title>Export: Kick-off-Альфа.pdf"),
        "{}",
        first.body
    );
    // The language switch comes back to this page.
    assert!(
        first
            .body
            .contains(&format!("name=\"next\" value=\"{page}\"")),
        "{}",
        first.body
    );
    let done = until_finished(&app, &mut owner, &page).await;
    assert!(
        done.body.contains("“Kick-off-Альфа.pdf” is ready."),
        "{}",
        done.body
    );
    assert!(
        done.body.contains(&format!("href=\"{page}/file\"")),
        "{}",
        done.body
    );
    let file = app.get(&mut owner, &format!("{page}/file")).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.bytes.starts_with(b"%PDF-"));
    assert_eq!(file.headers[header::CONTENT_TYPE], "application/pdf");
    assert!(
        file.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .expect("ASCII")
            .starts_with("attachment; filename*=UTF-8''Kick-off-%D0%90"),
    );
    // The person watched it finish: no email.
    let mails = app.state.store.recent_mail(100).await.expect("mail");
    assert!(
        mails.iter().all(|m| !m.subject.contains("Kick-off")),
        "{:?}",
        mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );

    // Nobody else sees it: not a stranger, not even a co-facilitator of the session.
    let mut stranger = app.register("stranger@example.org").await;
    let mut editor = app.register("editor@example.org").await;
    crate::sharing::share(&app, &mut owner, &id, "editor@example.org", "editor").await;
    let export = page.trim_start_matches("/exports/");
    for b in [&mut stranger, &mut editor] {
        for path in [
            page.clone(),
            format!("{page}/file"),
            format!("/api/v1/exports/{export}"),
            format!("/api/v1/exports/{export}/file"),
        ] {
            assert_eq!(
                app.get(b, &path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
    }
    // Nor its asker once the session is gone from them.
    let deleted = app
        .api(
            &mut owner,
            Method::DELETE,
            &format!("/api/v1/sessions/{id}"),
            None,
            None,
        )
        .await;
    assert!(deleted.status.is_success(), "{}", deleted.body);
    assert_eq!(
        app.get(&mut owner, &format!("{page}/file")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_export_that_finishes_after_its_asker_left_is_emailed_to_them_in_their_language() {
    let app = slow_exports(0).await;
    let mut owner = app.register("owner@example.org").await;
    let id = rich_session(&app, &mut owner).await;
    let profile = json!({"first_name": "Olga", "last_name": "K", "phone": "", "locale": "ru", "time_zone": "Europe/Moscow"});
    let saved = app
        .api(&mut owner, Method::PUT, "/api/v1/me", Some(profile), None)
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let page = redirected_to(
        &app.get(&mut owner, &format!("/sessions/{id}/export?format=docx"))
            .await,
    );
    // Nobody looks at the page: the export finishes on its own and its email is queued.
    let mut mail = None;
    for _ in 0..600 {
        mail = app
            .state
            .store
            .recent_mail(100)
            .await
            .expect("mail")
            .into_iter()
            .find(|m| m.subject.contains("Kick-off"));
        if mail.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mail = mail.expect("an email once the export is ready");
    assert_eq!(mail.to, "owner@example.org");
    assert_eq!(mail.subject, "Экспорт «Kick-off-Альфа.docx» готов");
    assert!(
        mail.text_body.contains("Здравствуйте, Olga"),
        "{}",
        mail.text_body
    );
    let link = format!("http://127.0.0.1:8080{page}");
    assert!(
        mail.text_body.contains(&link),
        "{link} in {}",
        mail.text_body
    );
    assert!(mail.html_body.contains(&link));
    let file = app.get(&mut owner, &format!("{page}/file")).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.bytes.starts_with(b"PK"));
}

#[tokio::test]
async fn the_api_answers_202_with_the_exports_address_where_its_status_and_then_its_file_are() {
    let app = slow_exports(60_000).await;
    let mut owner = app.register("owner@example.org").await;
    let id = rich_session(&app, &mut owner).await;
    let token = app.token(&mut owner, &["read"]).await;
    let mut client = Browser::default();
    let res = app
        .api(
            &mut client,
            Method::GET,
            &format!("/api/v1/sessions/{id}/export?format=xlsx"),
            None,
            Some(&token),
        )
        .await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{}", res.body);
    let address = res.location().to_owned();
    let body = res.json();
    assert_eq!(
        address,
        format!("/api/v1/exports/{}", body["id"].as_str().expect("id"))
    );
    assert_eq!(body["session_id"], id.as_str());
    assert_eq!(body["file_name"], "Kick-off-Альфа.xlsx");
    let mut status = body;
    for _ in 0..600 {
        if status["status"] != "running" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        status = app
            .api(&mut client, Method::GET, &address, None, Some(&token))
            .await
            .json();
    }
    assert_eq!(status["status"], "done", "{status}");
    assert!(status["size"].as_i64().expect("a size") > 1000);
    let file_url = status["file_url"].as_str().expect("a file address");
    assert_eq!(file_url, format!("{address}/file"));
    let file = app
        .api(&mut client, Method::GET, file_url, None, Some(&token))
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.bytes.starts_with(b"PK"));
    assert_eq!(
        usize::try_from(status["size"].as_i64().expect("size")).expect("size"),
        file.bytes.len()
    );
}

/// Begins an export as a server that then stops would: recorded, with its rescue job, but
/// made by nobody.
async fn begun_and_abandoned(
    app: &TestApp,
    session: &str,
    user: Option<domain::UserId>,
    link: Option<&str>,
    request: Value,
) -> domain::ExportId {
    let id = domain::ExportId::new();
    let export = store::NewExport {
        id,
        session: session.parse().expect("a session id"),
        user,
        link_hash: link.map(|l| plenary_server::auth::hash_secret(l.trim_start_matches("/p/"))),
        request: request.to_string(),
        file_name: "Kick-off-Альфа.pdf".into(),
        content_type: "application/pdf".into(),
    };
    let rescue = store::NewJob::new(domain::job::JobKind::RenderExport, json!({ "export": id }));
    app.state
        .store
        .begin_export(&export, &rescue)
        .await
        .expect("begun");
    id
}

#[tokio::test]
async fn an_export_its_server_never_finished_is_made_by_its_job_with_the_access_its_asker_has_now()
{
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let id = rich_session(&app, &mut owner).await;
    let me = app
        .api(&mut owner, Method::GET, "/api/v1/me", None, None)
        .await
        .json()["id"]
        .as_str()
        .expect("an id")
        .parse()
        .expect("a user id");
    let asked = json!({"query": {"format": "pdf", "notes": "true"}, "locale": "en"});
    let export = begun_and_abandoned(&app, &id, Some(me), None, asked.clone()).await;
    let file = app
        .get(&mut owner, &format!("/api/v1/exports/{export}/file"))
        .await;
    assert_eq!(file.status, StatusCode::CONFLICT);
    assert_eq!(file.json()["error"]["code"], "export_running");
    app.run_waiting_jobs(domain::job::JobKind::RenderExport)
        .await;
    let file = app
        .get(&mut owner, &format!("/exports/{export}/file"))
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.bytes.starts_with(b"%PDF-"));

    // One asked through a public link that was revoked meanwhile is not made: it failed.
    let link = public_link(&app, &mut owner, &id).await;
    let by_link = begun_and_abandoned(&app, &id, None, Some(&link), asked).await;
    let mut visitor = Browser::default();
    let page = format!("{link}/exports/{by_link}");
    let running = app.get(&mut visitor, &page).await;
    assert!(
        running.body.contains("Keep this page open"),
        "{}",
        running.body
    );
    let share = app.get(&mut owner, &format!("/sessions/{id}/share")).await;
    let revoke = share
        .body
        .split("action=\"")
        .filter_map(|a| a.split('"').next())
        .find(|a| a.contains("/links/") && a.ends_with("/revoke"))
        .expect("a revoke form")
        .to_owned();
    let revoked = app.post_form(&mut owner, &revoke, &[]).await;
    assert!(revoked.status.is_redirection(), "{}", revoked.body);
    app.run_waiting_jobs(domain::job::JobKind::RenderExport)
        .await;
    assert_eq!(
        app.state
            .store
            .export(by_link)
            .await
            .expect("kept")
            .status(),
        store::ExportStatus::Failed
    );
    // And the revoked link no longer leads to it.
    assert_eq!(
        app.get(&mut visitor, &page).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_public_links_slow_export_is_its_visitors_while_the_link_works() {
    let app = slow_exports(60_000).await;
    let mut owner = app.register("owner@example.org").await;
    let id = rich_session(&app, &mut owner).await;
    let link = public_link(&app, &mut owner, &id).await;
    let other = public_link(&app, &mut owner, &id).await;
    let mut visitor = Browser::default();
    let page = redirected_to(
        &app.get(&mut visitor, &format!("{link}/export?format=cards-pdf"))
            .await,
    );
    assert!(page.starts_with(&format!("{link}/exports/")), "{page}");
    let done = until_finished(&app, &mut visitor, &page).await;
    assert!(done.body.contains("is ready"), "{}", done.body);
    assert_eq!(done.headers["x-robots-tag"], "noindex, nofollow");
    let file = app.get(&mut visitor, &format!("{page}/file")).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.bytes.starts_with(b"%PDF-"));
    // Another link to the same session does not lead to it, nor does a signed-in door.
    let export = page.rsplit('/').next().expect("an id");
    for path in [
        format!("{other}/exports/{export}"),
        format!("/exports/{export}"),
    ] {
        let res = app.get(&mut owner, &path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
    }
}
