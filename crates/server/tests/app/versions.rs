//! Versions through the router: saved with a name by editors, shown read-only to everyone who
//! may see the session, restored as logged ops, and saved by themselves by the job.

use crate::helpers::{Browser, Options, TestApp};
use crate::sharing::{create_session, share};
use axum::http::{Method, StatusCode};
use serde_json::json;

/// Saves a version named `name` as `b` and returns its id, read from the versions page.
pub async fn save_version(app: &TestApp, b: &mut Browser, id: &str, name: &str) -> String {
    let res = app
        .post_form(b, &format!("/sessions/{id}/versions"), &[("name", name)])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get(b, &format!("/sessions/{id}/versions")).await;
    let marker = format!("/sessions/{id}/versions/");
    let start = page.body.find(&marker).expect("a version link") + marker.len();
    page.body[start..start + 36].to_owned()
}

async fn rename(app: &TestApp, b: &mut Browser, id: &str, block: &str, title: &str) {
    let res = app
        .api(
            b,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(json!({"ops": [{"op": {"type": "set_block", "block": block, "set": {"field": "title", "value": title}}}]})),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

#[tokio::test]
async fn an_editor_saves_a_named_version_views_it_read_only_and_restores_it_while_a_viewer_only_looks()
 {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let mut ed = app.register("ed@example.org").await;
    share(&app, &mut owner, &id, "ed@example.org", "editor").await;
    let mut vi = app.register("vi@example.org").await;
    share(&app, &mut owner, &id, "vi@example.org", "viewer").await;

    // A name is required and the typed text is kept when refused.
    let res = app
        .post_form(
            &mut ed,
            &format!("/sessions/{id}/versions"),
            &[("name", "  ")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("aria-invalid=\"true\""), "{}", res.body);

    let version = save_version(&app, &mut ed, &id, "First draft").await;
    rename(&app, &mut owner, &id, &block, "Opening circle").await;

    let shown = app
        .get(&mut vi, &format!("/sessions/{id}/versions/{version}"))
        .await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        shown.body.contains("Version “First draft”"),
        "{}",
        shown.body
    );
    assert!(shown.body.contains("Check-in") && !shown.body.contains("Opening circle"));
    assert!(
        !shown.body.contains("/restore"),
        "a viewer is offered no restore"
    );
    let refused = app
        .post_form(
            &mut vi,
            &format!("/sessions/{id}/versions/{version}/restore"),
            &[],
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    let restored = app
        .post_form(
            &mut ed,
            &format!("/sessions/{id}/versions/{version}/restore"),
            &[],
        )
        .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER, "{}", restored.body);
    assert!(restored.location().contains("notice=version-restored"));
    let programme = app.get(&mut vi, &format!("/sessions/{id}")).await;
    assert!(programme.body.contains("Check-in") && !programme.body.contains("Opening circle"));

    // The way back is listed, and the log says who restored what.
    let list = app.get(&mut vi, &format!("/sessions/{id}/versions")).await;
    assert!(
        list.body.contains("Before restoring “First draft”"),
        "{}",
        list.body
    );
    let log = app
        .get(&mut owner, &format!("/sessions/{id}/activity"))
        .await;
    assert!(
        log.body.contains("restored the version “First draft”"),
        "{}",
        log.body
    );

    // Another session's version is not found through this one, nor by a stranger.
    let (other, _) = create_session(&app, &mut owner).await;
    let crossed = app
        .get(&mut owner, &format!("/sessions/{other}/versions/{version}"))
        .await;
    assert_eq!(crossed.status, StatusCode::NOT_FOUND);
    let mut stranger = app.register("stranger@example.org").await;
    let res = app
        .get(&mut stranger, &format!("/sessions/{id}/versions/{version}"))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_versions_job_saves_a_version_once_editing_pauses_and_schedules_its_next_run() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let store = &app.state.store;
    plenary_server::versions::schedule(store)
        .await
        .expect("scheduled");
    let (waiting, _, _) = store.job_counts().await.expect("counts");
    plenary_server::versions::schedule(store)
        .await
        .expect("again");
    assert_eq!(
        store.job_counts().await.expect("counts").0,
        waiting,
        "one waits"
    );

    // Run now, while the edit is fresh: nothing is saved, and the next run is queued.
    plenary_server::versions::job(&app.state)
        .await
        .expect("ran");
    assert_eq!(store.job_counts().await.expect("counts").0, waiting + 1);
    let session: domain::SessionId = id.parse().expect("id");
    assert!(store.snapshots(session, 10).await.expect("list").is_empty());

    // Once the pause has passed, one version is saved, and only one.
    let later = store::now_ms() + store::PAUSE_MS;
    assert_eq!(store.auto_snapshots(later).await.expect("saved"), 1);
    assert_eq!(store.auto_snapshots(later).await.expect("again"), 0);
    let list = app
        .get(&mut owner, &format!("/sessions/{id}/versions"))
        .await;
    assert!(list.body.contains("Saved after a pause"), "{}", list.body);
}

#[tokio::test]
async fn the_api_lists_saves_and_restores_versions_and_a_viewer_only_lists_them() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let mut vi = app.register("vi@example.org").await;
    share(&app, &mut owner, &id, "vi@example.org", "viewer").await;
    let path = format!("/api/v1/sessions/{id}/versions");

    let empty = app
        .api(
            &mut owner,
            Method::POST,
            &path,
            Some(json!({"name": ""})),
            None,
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty.json()["error"]["fields"]["name"]["code"], "required");
    let saved = app
        .api(
            &mut owner,
            Method::POST,
            &path,
            Some(json!({"name": "Draft 1"})),
            None,
        )
        .await;
    assert_eq!(saved.status, StatusCode::CREATED, "{}", saved.body);
    let version = saved.json()["id"].as_str().expect("id").to_owned();
    assert_eq!(
        (
            saved.json()["kind"].as_str(),
            saved.json()["blocks"].as_i64()
        ),
        (Some("named"), Some(1))
    );
    let refused = app
        .api(
            &mut vi,
            Method::POST,
            &path,
            Some(json!({"name": "Mine"})),
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    rename(&app, &mut owner, &id, &block, "Opening circle").await;
    let listed = app.api(&mut vi, Method::GET, &path, None, None).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.json()[0]["name"], "Draft 1");
    let restore = format!("{path}/{version}/restore");
    assert_eq!(
        app.api(&mut vi, Method::POST, &restore, None, None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let done = app
        .api(&mut owner, Method::POST, &restore, None, None)
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(
        (
            done.json()["applied"].as_u64(),
            done.json()["refused"].as_u64()
        ),
        (Some(1), Some(0))
    );
    let session = app
        .api(
            &mut vi,
            Method::GET,
            &format!("/api/v1/sessions/{id}"),
            None,
            None,
        )
        .await;
    assert!(session.body.contains("Check-in") && !session.body.contains("Opening circle"));
}

#[tokio::test]
async fn named_versions_and_duplicates_are_throttled_and_count_against_the_storage() {
    let app = TestApp::with(Options {
        copies_per_hour: Some(3),
        workspace_quota_mb: Some(1),
        ..Options::default()
    })
    .await;
    let mut ann = app.register("copies@example.org").await;
    let (id, block) = create_session(&app, &mut ann).await;
    // A session of about 400 KB: a version of it fits in the megabyte, two do not.
    let long = "word ".repeat(3_900);
    let mut ops = Vec::new();
    for i in 0..20 {
        ops.push(json!({"op": {"type": "insert_block", "block": uuid::Uuid::now_v7(), "kind": "activity",
            "after": block, "fields": [{"field": "title", "value": format!("Block {i}")}, {"field": "description", "value": long}]}}));
    }
    let res = app
        .api(
            &mut ann,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(json!({ "ops": ops })),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    save_version(&app, &mut ann, &id, "First").await;
    let refused = app
        .api(
            &mut ann,
            Method::POST,
            &format!("/api/v1/sessions/{id}/versions"),
            Some(json!({"name": "Second"})),
            None,
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(refused.json()["error"]["code"], "storage_quota_exceeded");
    let copy = app
        .api(
            &mut ann,
            Method::POST,
            &format!("/api/v1/sessions/{id}/duplicate"),
            None,
            None,
        )
        .await;
    assert_eq!(copy.json()["error"]["code"], "storage_quota_exceeded");
    // Three copies an hour, refused or not; the fourth waits.
    let paused = app
        .api(
            &mut ann,
            Method::POST,
            &format!("/api/v1/sessions/{id}/duplicate"),
            None,
            None,
        )
        .await;
    assert_eq!(
        paused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        paused.body
    );
    assert!(paused.headers.contains_key("retry-after"));
}
