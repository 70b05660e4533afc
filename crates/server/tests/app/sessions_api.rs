use crate::helpers::{Browser, PASSWORD, TestApp};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

async fn signed_in(app: &TestApp, email: &str) -> Browser {
    let mut b = Browser::default();
    let res = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/auth/register",
            Some(json!({
                "first_name": "Ann", "last_name": "Lee", "email": email, "password": PASSWORD,
                "accept_terms": true, "accept_consent": true, "time_zone": "Europe/Moscow"
            })),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    b
}

async fn new_session(app: &TestApp, b: &mut Browser) -> Value {
    let res = app
        .api(
            b,
            Method::POST,
            "/api/v1/sessions",
            Some(json!({
                "title": "Two-day offsite", "first_date": "2026-12-01", "start_time": "09:30"
            })),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    res.json()
}

fn uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[tokio::test]
async fn a_session_is_created_in_the_account_s_time_zone_and_listed() {
    let app = TestApp::new().await;
    let mut b = signed_in(&app, "s@example.org").await;
    let s = new_session(&app, &mut b).await;
    assert_eq!(
        (
            s["time_zone"].as_str(),
            s["language"].as_str(),
            s["version"].as_i64()
        ),
        (Some("Europe/Moscow"), Some("en"), Some(0))
    );
    let list = app
        .api(&mut b, Method::GET, "/api/v1/sessions", None, None)
        .await
        .json();
    assert_eq!(list[0]["title"], "Two-day offsite");
    let bad = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/sessions",
            Some(json!({"title": " "})),
            None,
        )
        .await;
    assert_eq!(bad.json()["error"]["fields"]["title"]["code"], "required");
}

#[tokio::test]
async fn ops_build_a_two_day_flow_and_every_time_is_computed() {
    let app = TestApp::new().await;
    let mut b = signed_in(&app, "flow@example.org").await;
    let s = new_session(&app, &mut b).await;
    let id = s["id"].as_str().expect("id").to_owned();
    let [sec, a, brk, day2, c] = [uuid(), uuid(), uuid(), uuid(), uuid()];
    let ops = json!({"ops": [
        {"client_op_id": "1", "op": {"type": "insert_block", "block": sec, "kind": "section", "after": null, "fields": [{"field": "title", "value": "Opening"}]}},
        {"client_op_id": "2", "op": {"type": "insert_block", "block": a, "kind": "activity", "after": sec, "fields": [{"field": "title", "value": "Check-in"}, {"field": "minutes", "value": 30}]}},
        {"client_op_id": "3", "op": {"type": "insert_block", "block": brk, "kind": "break", "after": a, "fields": [{"field": "minutes", "value": 15}]}},
        {"client_op_id": "4", "op": {"type": "insert_block", "block": day2, "kind": "day", "after": brk, "fields": [{"field": "day_start", "value": "10:00"}]}},
        {"client_op_id": "5", "op": {"type": "insert_block", "block": c, "kind": "activity", "after": day2, "fields": [{"field": "title", "value": "Retro"}, {"field": "minutes", "value": 60}]}},
        {"client_op_id": "6", "op": {"type": "set_block", "block": a, "set": {"field": "minutes", "value": 45}}}
    ]});
    let res = app
        .api(
            &mut b,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(ops),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let out = res.json();
    assert_eq!(out["version"], 6);
    assert!(
        out["results"]
            .as_array()
            .expect("results")
            .iter()
            .all(|r| r["status"] == "applied")
    );
    let view = app
        .api(
            &mut b,
            Method::GET,
            &format!("/api/v1/sessions/{id}"),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(view["version"], 6);
    let times: Vec<(String, String)> = view["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .map(|b| {
            (
                b["start"].as_str().unwrap_or("").to_owned(),
                b["end"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        times[1],
        (
            "2026-12-01T09:30:00+03:00".to_owned(),
            "2026-12-01T10:15:00+03:00".to_owned()
        ),
        "the new duration counts"
    );
    assert_eq!(times[2].1, "2026-12-01T10:30:00+03:00");
    assert_eq!(
        times[4],
        (
            "2026-12-02T10:00:00+03:00".to_owned(),
            "2026-12-02T11:00:00+03:00".to_owned()
        )
    );
    assert_eq!(view["days"].as_array().map(Vec::len), Some(2));
    assert_eq!(view["total_minutes"], 120);
    assert_eq!(view["section_minutes"][&sec], 60);
    assert_eq!(view["blocks"][1]["section"], json!(sec));
}

#[tokio::test]
async fn a_batch_is_applied_whole_or_not_at_all_and_a_retried_one_once() {
    let app = TestApp::new().await;
    let mut b = signed_in(&app, "retry@example.org").await;
    let id = new_session(&app, &mut b).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let a = uuid();
    let send = |batch: serde_json::Value| {
        let path = format!("/api/v1/sessions/{id}/ops");
        let app = &app;
        let mut b = b.clone();
        async move {
            app.api(&mut b, Method::POST, &path, Some(batch), None)
                .await
        }
    };
    // A bad op late in the batch refuses the whole batch: nothing of it is applied.
    let bad = json!({"ops": [
        {"client_op_id": "x1", "op": {"type": "insert_block", "block": a, "kind": "activity", "after": null}},
        {"client_op_id": "x2", "op": {"type": "set_block", "block": a, "set": {"field": "title", "value": "ok"}}},
        {"client_op_id": "x3", "op": {"type": "set_block", "block": a, "set": {"field": "minutes", "value": 5000}}}
    ]});
    let refused = send(bad).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let error = &refused.json()["error"];
    assert_eq!(error["code"], "op_refused");
    assert_eq!(error["fields"]["ops"]["code"], "duration_out_of_range");
    assert!(
        error["message"]
            .as_str()
            .expect("message")
            .starts_with("Change 3 of the batch")
    );
    let session: domain::SessionId = id.parse().expect("id");
    assert_eq!(
        app.state.store.session(session).await.expect("s").version,
        0
    );

    let good = json!({"ops": [
        {"client_op_id": "y1", "op": {"type": "insert_block", "block": a, "kind": "activity", "after": null}},
        {"client_op_id": "y2", "op": {"type": "set_block", "block": a, "set": {"field": "title", "value": "ok"}}}
    ]});
    let first = send(good.clone()).await.json();
    let statuses = |v: &serde_json::Value| -> Vec<String> {
        v["results"]
            .as_array()
            .expect("r")
            .iter()
            .map(|r| r["status"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    assert_eq!(statuses(&first), ["applied", "applied"]);
    let again = send(good).await.json();
    assert_eq!(statuses(&again), ["duplicate", "duplicate"]);
    assert_eq!(again["version"], first["version"]);

    // A client op id that cannot be read refuses the batch before anything is applied.
    let long = json!({"ops": [
        {"client_op_id": "z1", "op": {"type": "set_block", "block": a, "set": {"field": "title", "value": "changed"}}},
        {"client_op_id": "z".repeat(101), "op": {"type": "set_block", "block": a, "set": {"field": "title", "value": "x"}}}
    ]});
    assert_eq!(send(long).await.status, StatusCode::BAD_REQUEST);
    let view = app
        .api(
            &mut b,
            Method::GET,
            &format!("/api/v1/sessions/{id}"),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(view["blocks"].as_array().map(Vec::len), Some(1));
    assert_eq!(view["blocks"][0]["title"], "ok");

    // Another session's block id is taken: refused with a code, not a server error.
    let other = new_session(&app, &mut b).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    for batch in [
        json!({"ops": [{"op": {"type": "insert_block", "block": a, "kind": "activity", "after": null}}]}),
        json!({"ops": [
            {"op": {"type": "insert_block", "block": uuid(), "kind": "activity", "after": null}},
            {"op": {"type": "insert_block", "block": a, "kind": "activity", "after": null}}
        ]}),
    ] {
        let res = app
            .api(
                &mut b,
                Method::POST,
                &format!("/api/v1/sessions/{other}/ops"),
                Some(batch),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        assert_eq!(res.json()["error"]["fields"]["ops"]["code"], "block_exists");
    }
    let garbage = app
        .api(
            &mut b,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(json!({"ops": [{"op": {"type": "explode"}}]})),
            None,
        )
        .await;
    assert_eq!(garbage.json()["error"]["code"], "bad_request");
}

#[tokio::test]
async fn another_account_gets_404_for_someone_else_s_session() {
    let app = TestApp::new().await;
    let mut owner = signed_in(&app, "owner@example.org").await;
    let id = new_session(&app, &mut owner).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let mut stranger = signed_in(&app, "stranger@example.org").await;
    let read = app
        .api(
            &mut stranger,
            Method::GET,
            &format!("/api/v1/sessions/{id}"),
            None,
            None,
        )
        .await;
    assert_eq!(
        (read.status, read.json()["error"]["code"].clone()),
        (StatusCode::NOT_FOUND, json!("not_found"))
    );
    let write = app.api(&mut stranger, Method::POST, &format!("/api/v1/sessions/{id}/ops"),
        Some(json!({"ops": [{"op": {"type": "set_session", "set": {"field": "title", "value": "mine now"}}}]})), None).await;
    assert_eq!(write.status, StatusCode::NOT_FOUND);
    assert!(
        app.api(&mut stranger, Method::GET, "/api/v1/sessions", None, None)
            .await
            .json()
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    let view = app
        .api(
            &mut owner,
            Method::GET,
            &format!("/api/v1/sessions/{id}"),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(view["title"], "Two-day offsite");
    let missing = app
        .api(
            &mut owner,
            Method::GET,
            &format!("/api/v1/sessions/{}", uuid()),
            None,
            None,
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let anonymous = app
        .api(
            &mut Browser::default(),
            Method::GET,
            &format!("/api/v1/sessions/{id}"),
            None,
            None,
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_api_duplicates_trashes_and_restores_and_sets_custom_values_by_op() {
    let app = TestApp::new().await;
    let mut b = signed_in(&app, "api-life@example.org").await;
    app.grant_pro(app.workspace_of("api-life@example.org").await)
        .await;
    let s = new_session(&app, &mut b).await;
    let id = s["id"].as_str().expect("id").to_owned();
    let block = uuid();
    let ops = json!({ "ops": [
        { "client_op_id": "f", "op": { "type": "set_session", "set": { "field": "custom_fields", "value": [
            { "id": "room", "name": "Room", "kind": "text" } ] } } },
        { "client_op_id": "b", "op": { "type": "insert_block", "block": block, "kind": "activity", "after": null,
            "fields": [ { "field": "title", "value": "Check-in" }, { "field": "custom", "value": { "id": "room", "value": "Blue" } } ] } },
    ]});
    let res = app
        .api(
            &mut b,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(ops),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let unknown = json!({ "ops": [
        { "client_op_id": "x", "op": { "type": "set_block", "block": block, "set": { "field": "custom", "value": { "id": "nope", "value": "1" } } } },
    ]});
    let res = app
        .api(
            &mut b,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(unknown),
            None,
        )
        .await;
    assert_eq!(
        res.json()["error"]["fields"]["ops"]["code"],
        "unknown_field"
    );
    let view = app
        .api(
            &mut b,
            Method::GET,
            &format!("/api/v1/sessions/{id}"),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(view["blocks"][0]["custom"]["room"], "Blue");
    assert_eq!(view["custom_fields"][0]["name"], "Room");

    let copy = app
        .api(
            &mut b,
            Method::POST,
            &format!("/api/v1/sessions/{id}/duplicate"),
            None,
            None,
        )
        .await;
    assert_eq!(copy.status, StatusCode::CREATED, "{}", copy.body);
    let copy = copy.json();
    assert_eq!(copy["title"], "Two-day offsite (copy)");
    assert_eq!(copy["blocks"][0]["custom"]["room"], "Blue");
    assert_ne!(copy["blocks"][0]["id"], block.as_str());

    let mut other = signed_in(&app, "api-other@example.org").await;
    for (method, path) in [
        (Method::DELETE, format!("/api/v1/sessions/{id}")),
        (Method::POST, format!("/api/v1/sessions/{id}/duplicate")),
    ] {
        assert_eq!(
            app.api(&mut other, method, &path, None, None).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let gone = app
        .api(
            &mut b,
            Method::DELETE,
            &format!("/api/v1/sessions/{id}"),
            None,
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.api(
            &mut b,
            Method::GET,
            &format!("/api/v1/sessions/{id}"),
            None,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let trash = app
        .api(&mut b, Method::GET, "/api/v1/trash", None, None)
        .await
        .json();
    assert_eq!(trash[0]["id"], id.as_str());
    assert!(trash[0]["deleted_at"].is_i64());
    assert_eq!(
        app.api(
            &mut other,
            Method::POST,
            &format!("/api/v1/sessions/{id}/restore"),
            None,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let back = app
        .api(
            &mut b,
            Method::POST,
            &format!("/api/v1/sessions/{id}/restore"),
            None,
            None,
        )
        .await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(back.json()["blocks"][0]["title"], "Check-in");
}
