//! The Programme's rows and the forms beside them: the first day has a heading like the days
//! after it, a note shows only when it comes, a block's files and open comments show on its
//! row; custom field names are one each; refused forms keep what was typed, with the reason.

use crate::files::{PDF, upload};
use crate::helpers::{Browser, TestApp};
use crate::sharing::create_session;
use axum::http::{Method, StatusCode};
use serde_json::json;

/// Sends ops through the API and expects them taken.
async fn ops(app: &TestApp, b: &mut Browser, id: &str, ops: serde_json::Value) {
    let res = app
        .api(
            b,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(json!({ "ops": ops })),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

fn insert(
    client: &str,
    kind: &str,
    title: &str,
    minutes: Option<u32>,
    after: &str,
) -> serde_json::Value {
    let mut fields = vec![json!({"field": "title", "value": title})];
    if let Some(m) = minutes {
        fields.push(json!({"field": "minutes", "value": m}));
    }
    json!({"client_op_id": client, "op": {
        "type": "insert_block", "block": uuid::Uuid::now_v7().to_string(), "kind": kind,
        "after": after, "fields": fields,
    }})
}

/// The row of the Programme whose `data-title` is `title`, as HTML.
fn row<'a>(body: &'a str, title: &str) -> &'a str {
    let start = body
        .find(&format!("data-title=\"{title}\""))
        .unwrap_or_else(|| panic!("no row {title}: {body}"));
    let end = body[start..]
        .find("</tr>")
        .map_or(body.len(), |e| start + e);
    &body[start..end]
}

#[tokio::test]
async fn the_first_day_has_a_heading_like_the_days_after_it_and_a_note_shows_only_its_start() {
    let app = TestApp::new().await;
    let mut b = app.register("days@example.org").await;
    let (id, check_in) = create_session(&app, &mut b).await;
    ops(
        &app,
        &mut b,
        &id,
        json!([insert("n", "note", "Remember the room", None, &check_in)]),
    )
    .await;
    let page = app.get(&mut b, &format!("/sessions/{id}")).await;
    assert!(
        page.body.contains("first-day")
            && page.body.contains("Day 1</span> <span class=\"muted\">Tue, Dec 1, 2026 · 9:00 AM–9:10 AM · 10 min</span>"),
        "{}",
        page.body
    );
    let note = row(&page.body, "Remember the room");
    assert!(
        note.contains("<span class=\"when\">9:10 AM</span>") && !note.contains("9:10 AM–9:10 AM"),
        "{note}"
    );
    // A session that opens with a day block has no extra heading.
    let (other, first) = create_session(&app, &mut b).await;
    let day = uuid::Uuid::now_v7().to_string();
    ops(
        &app,
        &mut b,
        &other,
        json!([
            {"client_op_id": "d", "op": {"type": "insert_block", "block": day, "kind": "day", "after": first,
                "fields": [{"field": "title", "value": "Kick-off day"}]}},
            {"client_op_id": "m", "op": {"type": "move_block", "block": day, "after": null}},
        ]),
    )
    .await;
    let page = app.get(&mut b, &format!("/sessions/{other}")).await;
    assert!(!page.body.contains("first-day"), "{}", page.body);
    assert!(page.body.contains(
        r#"Day:</span> <span class="editable" data-field="title" data-value="Kick-off day">"#
    ));
}

#[tokio::test]
async fn a_blocks_files_and_open_comments_show_on_its_row() {
    let app = TestApp::new().await;
    let mut b = app.register("rowfiles@example.org").await;
    let (id, block) = create_session(&app, &mut b).await;
    let res = upload(
        &app,
        &mut b,
        &id,
        &[("agenda.pdf", PDF)],
        &[("block", &block)],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = app
        .post_form(
            &mut b,
            &format!("/sessions/{id}/comments"),
            &[("block", &block), ("body", "Too short?")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get(&mut b, &format!("/sessions/{id}")).await;
    let row = row(&page.body, "Check-in");
    assert!(
        row.contains("/agenda.pdf\">") && row.contains("1 file"),
        "{row}"
    );
    assert!(row.contains("1 open comment"), "{row}");
}

#[tokio::test]
async fn two_custom_fields_cannot_share_a_name_and_the_refused_form_keeps_what_was_typed() {
    let app = TestApp::new().await;
    let mut b = app.register("fields@example.org").await;
    app.grant_pro(app.workspace_of("fields@example.org").await)
        .await;
    let (id, _) = create_session(&app, &mut b).await;
    let path = format!("/sessions/{id}/fields");
    let field =
        |name: &'static str| vec![("name", name), ("kind", "choice"), ("options", "High, Low")];
    let res = app.post_form(&mut b, &path, &field("Energy")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = app.post_form(&mut b, &path, &field("energy")).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("Another field has this name already.")
            && res.body.contains(r#"value="energy""#)
            && res.body.contains(r#"value="High, Low""#)
            && res.body.contains(r#"<option value="choice" selected>"#),
        "{}",
        res.body
    );
    // The API refuses the same with its code.
    let res = app
        .api(
            &mut b,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(json!({"ops": [{"client_op_id": "f", "op": {"type": "set_session", "set": {"field": "custom_fields", "value": [
                {"id": "a", "name": "Room", "kind": "text"}, {"id": "b", "name": "ROOM", "kind": "text"}
            ]}}}]})),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert_eq!(
        res.json()["error"]["fields"]["ops"]["code"],
        "field_name_taken"
    );
}

#[tokio::test]
async fn a_refused_settings_form_keeps_what_was_typed_and_says_why() {
    let app = TestApp::new().await;
    let mut b = app.register("keep@example.org").await;
    let (id, _) = create_session(&app, &mut b).await;
    let res = app
        .post_form(
            &mut b,
            &format!("/sessions/{id}/settings"),
            &[
                ("title", "Renamed retro"),
                ("description", "Kept words"),
                ("goals", ""),
                ("first_date", "2026-12-03"),
                ("start_time", "25:99"),
                ("end_time", ""),
                ("time_zone", "Europe/Berlin"),
                ("location_kind", "online"),
                ("location", "Room 4"),
                ("participants", "12"),
                ("language", "en"),
                ("tags", "team"),
                ("status", "ready"),
                ("folder", "Spring"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for kept in [
        r#"value="Renamed retro""#,
        ">Kept words</textarea>",
        r#"value="25:99""#,
        r#"value="Room 4""#,
        r#"<option selected>Europe/Berlin</option>"#,
        r#"value="Spring""#,
    ] {
        assert!(res.body.contains(kept), "{kept} in {}", res.body);
    }
    assert!(res.body.contains("Enter a time."));
    let page = app.get(&mut b, &format!("/sessions/{id}")).await;
    assert!(page.body.contains("Shared retro"), "nothing was saved");
}

#[tokio::test]
async fn a_refused_new_block_shows_the_programme_again_with_the_form_as_typed() {
    let app = TestApp::new().await;
    let mut b = app.register("addkeep@example.org").await;
    let (id, block) = create_session(&app, &mut b).await;
    let res = app
        .post_form(
            &mut b,
            &format!("/sessions/{id}/blocks"),
            &[
                ("kind", "break"),
                ("title", "Long lunch"),
                ("minutes", "5000"),
                ("after", &block),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("A duration is from 0 to 1440 minutes.")
            && res.body.contains(r#"value="Long lunch""#)
            && res.body.contains(r#"value="5000""#)
            && res.body.contains(r#"<option value="break" selected>"#)
            && res
                .body
                .contains(&format!(r#"<option value="{block}" selected>"#)),
        "{}",
        res.body
    );
    assert!(
        !res.body.contains("data-title=\"Long lunch\""),
        "nothing was added"
    );
}
