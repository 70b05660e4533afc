//! The activity log through the router: what collaborators did, told in the reader's
//! language, filtered, in the API and on a page; nobody else sees it.

use crate::helpers::TestApp;
use crate::sharing::{create_session, share};
use axum::http::{Method, StatusCode};

#[tokio::test]
async fn the_log_tells_who_added_changed_shared_and_commented_filtered_by_what_and_who() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let mut ed = app.register("ed@example.org").await;
    share(&app, &mut owner, &id, "ed@example.org", "editor").await;
    let res = app
        .api(
            &mut ed,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(serde_json::json!({"ops": [
                {"op": {"type": "set_block", "block": block, "set": {"field": "title", "value": "Opening circle"}}},
                {"op": {"type": "set_block", "block": block, "set": {"field": "minutes", "value": 20}}}
            ]})),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    app.post_form(
        &mut ed,
        &format!("/sessions/{id}/comments"),
        &[("block", &block), ("body", "Shall we?")],
    )
    .await;

    let log = app
        .api(
            &mut owner,
            Method::GET,
            &format!("/api/v1/sessions/{id}/activity"),
            None,
            None,
        )
        .await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.body);
    let entries = log.json()["entries"].as_array().expect("entries").clone();
    let texts: Vec<&str> = entries.iter().filter_map(|e| e["text"].as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("commented on “Opening circle”")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("changed the duration of “Opening circle”")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("accepted an invitation and joined the session")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("added “Opening circle”")),
        "{texts:?}"
    );

    let sharing = app
        .api(
            &mut owner,
            Method::GET,
            &format!("/api/v1/sessions/{id}/activity?group=sharing"),
            None,
            None,
        )
        .await
        .json();
    let kinds: Vec<&str> = sharing["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["joined"]);
    let bad = app
        .api(
            &mut owner,
            Method::GET,
            &format!("/api/v1/sessions/{id}/activity?group=gossip"),
            None,
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);

    let ed_id = entries
        .iter()
        .find(|e| e["kind"] == "commented")
        .and_then(|e| e["actor_id"].as_str())
        .expect("actor")
        .to_owned();
    let page = app
        .get(
            &mut owner,
            &format!("/sessions/{id}/activity?group=&actor={ed_id}"),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("commented on “Opening circle”"));
    assert!(
        !page.body.contains("added “Opening circle”"),
        "only what Ed did"
    );

    let mut stranger = app.register("stranger@example.org").await;
    let res = app
        .api(
            &mut stranger,
            Method::GET,
            &format!("/api/v1/sessions/{id}/activity"),
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn two_people_of_one_name_are_told_apart_in_the_who_filter() {
    let app = TestApp::new().await;
    let mut owner = app.register("anna.one@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    app.register("anna.two@example.org").await;
    share(&app, &mut owner, &id, "anna.two@example.org", "viewer").await;
    let page = app
        .get(&mut owner, &format!("/sessions/{id}/activity"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(">Anna Petrova (anna.one@example.org)</option>")
            && page
                .body
                .contains(">Anna Petrova (anna.two@example.org)</option>"),
        "{}",
        page.body
    );
}
