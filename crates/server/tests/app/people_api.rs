//! The JSON doors of sharing, invitations, public links, comments, notifications, teams and
//! categories, used the way an API client would: everything the pages do, the same rules.

use crate::helpers::{Browser, TestApp, TestResponse};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

async fn call(
    app: &TestApp,
    b: &mut Browser,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> TestResponse {
    app.api(b, method, path, body, None).await
}

async fn user_id(app: &TestApp, b: &mut Browser) -> String {
    let me = call(app, b, Method::GET, "/api/v1/me", None).await;
    me.json()["id"].as_str().expect("an id").to_owned()
}

#[tokio::test]
async fn a_session_is_shared_answered_commented_linked_and_handed_over_through_the_api() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, block) = crate::sharing::create_session(&app, &mut owner).await;
    let mut ann = app.register_confirmed("ann@example.org").await;
    let ann_id = user_id(&app, &mut ann).await;

    // The owner invites Ann as a commenter; the answer is the address, whoever it is.
    let sent = call(
        &app,
        &mut owner,
        Method::POST,
        &format!("/api/v1/sessions/{id}/invitations"),
        Some(json!({"email": "ann@example.org", "role": "commenter"})),
    )
    .await;
    assert_eq!(sent.status, StatusCode::ACCEPTED, "{}", sent.body);
    assert_eq!(sent.json()["email"], "ann@example.org");
    let refused = call(
        &app,
        &mut owner,
        Method::POST,
        &format!("/api/v1/sessions/{id}/invitations"),
        Some(json!({"email": "bob@example.org", "role": "owner"})),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.json()["error"]["fields"]["role"]["code"],
        "unknown_role"
    );

    // The owner sees the invitation waiting; Ann finds it in her inbox and accepts it there.
    let people = call(
        &app,
        &mut owner,
        Method::GET,
        &format!("/api/v1/sessions/{id}/people"),
        None,
    )
    .await
    .json();
    assert_eq!(people["access"], "owner");
    assert_eq!(people["invitations"][0]["email"], "ann@example.org");
    assert_eq!(people["invitations"][0]["role"], "commenter");
    let inbox = call(
        &app,
        &mut ann,
        Method::GET,
        "/api/v1/me/notifications",
        None,
    )
    .await
    .json();
    let waiting = &inbox["invitations"][0];
    assert_eq!(
        (&waiting["kind"], &waiting["to"]),
        (&json!("session"), &json!(id))
    );
    let accepted = call(
        &app,
        &mut ann,
        Method::POST,
        &format!(
            "/api/v1/me/invitations/session/{}/accept",
            waiting["id"].as_str().expect("an id")
        ),
        None,
    )
    .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(accepted.json(), json!({"kind": "session", "id": id}));

    // Ann sees who is there, without the invitations and links only the owner manages.
    let seen = call(
        &app,
        &mut ann,
        Method::GET,
        &format!("/api/v1/sessions/{id}/people"),
        None,
    )
    .await
    .json();
    assert_eq!(seen["access"], "commenter");
    let roles: Vec<(&str, &str)> = seen["people"]
        .as_array()
        .expect("people")
        .iter()
        .map(|p| {
            (
                p["email"].as_str().unwrap_or_default(),
                p["role"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        roles.contains(&("ann@example.org", "commenter")),
        "{roles:?}"
    );
    assert!(roles.contains(&("owner@example.org", "owner")), "{roles:?}");
    assert_eq!(seen["invitations"], json!([]));

    // Ann comments on the block; the owner replies; Ann edits hers, resolves the thread.
    let comment = call(
        &app,
        &mut ann,
        Method::POST,
        &format!("/api/v1/sessions/{id}/comments"),
        Some(json!({"block": block, "body": "Shorter?"})),
    )
    .await;
    assert_eq!(comment.status, StatusCode::CREATED, "{}", comment.body);
    let thread = comment.json()["id"].as_str().expect("an id").to_owned();
    let reply = call(
        &app,
        &mut owner,
        Method::POST,
        &format!("/api/v1/sessions/{id}/comments"),
        Some(json!({"parent": thread, "body": "Agreed"})),
    )
    .await;
    assert_eq!(
        reply.json()["block"],
        json!(block),
        "a reply takes its thread's block"
    );
    let reply_id = reply.json()["id"].as_str().expect("an id").to_owned();
    let not_hers = call(
        &app,
        &mut ann,
        Method::PUT,
        &format!("/api/v1/sessions/{id}/comments/{reply_id}"),
        Some(json!({"body": "Mine now"})),
    )
    .await;
    assert_eq!(not_hers.status, StatusCode::NOT_FOUND);
    for (method, path, body) in [
        (
            Method::PUT,
            format!("/api/v1/sessions/{id}/comments/{thread}"),
            json!({"body": "Ten minutes shorter?"}),
        ),
        (
            Method::PUT,
            format!("/api/v1/sessions/{id}/comments/{thread}/resolved"),
            json!({"resolved": true}),
        ),
    ] {
        let res = call(&app, &mut ann, method, &path, Some(body)).await;
        assert_eq!(res.status, StatusCode::NO_CONTENT, "{path}: {}", res.body);
    }
    let listed = call(
        &app,
        &mut owner,
        Method::GET,
        &format!("/api/v1/sessions/{id}/comments"),
        None,
    )
    .await
    .json();
    assert_eq!(listed[0]["body"], "Ten minutes shorter?");
    assert!(listed[0]["resolved_at"].is_i64() && listed[0]["edited_at"].is_i64());
    assert_eq!(listed[1]["parent"], json!(thread));
    let gone = call(
        &app,
        &mut owner,
        Method::DELETE,
        &format!("/api/v1/sessions/{id}/comments/{reply_id}"),
        None,
    )
    .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);

    // A commenter may not share; the owner makes a link, which works signed out until revoked.
    let not_allowed = call(
        &app,
        &mut ann,
        Method::POST,
        &format!("/api/v1/sessions/{id}/links"),
        Some(json!({})),
    )
    .await;
    assert_eq!(not_allowed.status, StatusCode::NOT_FOUND);
    let made = call(
        &app,
        &mut owner,
        Method::POST,
        &format!("/api/v1/sessions/{id}/links"),
        Some(json!({"expires_days": 7})),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let url = made.json()["url"].as_str().expect("a url").to_owned();
    let path = &url[url.find("/p/").expect("a participant path")..];
    assert_eq!(
        app.get(&mut Browser::default(), path).await.status,
        StatusCode::OK
    );
    let bad_days = call(
        &app,
        &mut owner,
        Method::POST,
        &format!("/api/v1/sessions/{id}/links"),
        Some(json!({"expires_days": 2})),
    )
    .await;
    assert_eq!(bad_days.status, StatusCode::UNPROCESSABLE_ENTITY);
    let people = call(
        &app,
        &mut owner,
        Method::GET,
        &format!("/api/v1/sessions/{id}/people"),
        None,
    )
    .await
    .json();
    let link = people["links"][0]["id"]
        .as_str()
        .expect("a link")
        .to_owned();
    assert!(people["links"][0]["expires_at"].is_i64());
    let revoked = call(
        &app,
        &mut owner,
        Method::DELETE,
        &format!("/api/v1/sessions/{id}/links/{link}"),
        None,
    )
    .await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&mut Browser::default(), path).await.status,
        StatusCode::NOT_FOUND
    );

    // The owner makes Ann an editor, then hands the session to her and stays on as an editor.
    let role = call(
        &app,
        &mut owner,
        Method::PUT,
        &format!("/api/v1/sessions/{id}/people/{ann_id}"),
        Some(json!({"role": "editor"})),
    )
    .await;
    assert_eq!(role.status, StatusCode::NO_CONTENT, "{}", role.body);
    let handed = call(
        &app,
        &mut owner,
        Method::POST,
        &format!("/api/v1/sessions/{id}/owner"),
        Some(json!({"user_id": ann_id})),
    )
    .await;
    assert_eq!(handed.status, StatusCode::NO_CONTENT, "{}", handed.body);
    let now = call(
        &app,
        &mut owner,
        Method::GET,
        &format!("/api/v1/sessions/{id}/people"),
        None,
    )
    .await
    .json();
    assert_eq!(now["access"], "editor");
    // The former owner leaves; the session is gone for them.
    let left = call(
        &app,
        &mut owner,
        Method::POST,
        &format!("/api/v1/sessions/{id}/leave"),
        None,
    )
    .await;
    assert_eq!(left.status, StatusCode::NO_CONTENT);
    let after = call(
        &app,
        &mut owner,
        Method::GET,
        &format!("/api/v1/sessions/{id}"),
        None,
    )
    .await;
    assert_eq!(after.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_invitation_is_withdrawn_or_declined_and_then_leads_nowhere() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = crate::sharing::create_session(&app, &mut owner).await;
    let mut cat = app.register_confirmed("cat@example.org").await;
    for email in ["cat@example.org", "dan@example.org"] {
        let sent = call(
            &app,
            &mut owner,
            Method::POST,
            &format!("/api/v1/sessions/{id}/invitations"),
            Some(json!({"email": email, "role": "viewer"})),
        )
        .await;
        assert_eq!(sent.status, StatusCode::ACCEPTED);
    }
    let people = call(
        &app,
        &mut owner,
        Method::GET,
        &format!("/api/v1/sessions/{id}/people"),
        None,
    )
    .await
    .json();
    let dan = people["invitations"]
        .as_array()
        .expect("invitations")
        .iter()
        .find(|i| i["email"] == "dan@example.org")
        .expect("Dan's")["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let withdrawn = call(
        &app,
        &mut owner,
        Method::DELETE,
        &format!("/api/v1/sessions/{id}/invitations/{dan}"),
        None,
    )
    .await;
    assert_eq!(withdrawn.status, StatusCode::NO_CONTENT);
    let mail = app.last_mail_to("dan@example.org").await;
    let path = crate::helpers::link_path(&mail.text_body, "/invitations/");
    let mut dan_b = app.register("dan@example.org").await;
    assert_eq!(
        app.get(&mut dan_b, &path).await.status,
        StatusCode::NOT_FOUND
    );

    let inbox = call(
        &app,
        &mut cat,
        Method::GET,
        "/api/v1/me/notifications",
        None,
    )
    .await
    .json();
    let invitation = inbox["invitations"][0]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    assert!(
        inbox["notifications"][0]["text"]
            .as_str()
            .unwrap_or_default()
            .contains("Shared retro"),
        "{inbox}"
    );
    let wrong_kind = call(
        &app,
        &mut cat,
        Method::POST,
        &format!("/api/v1/me/invitations/team/{invitation}/accept"),
        None,
    )
    .await;
    assert_eq!(wrong_kind.status, StatusCode::NOT_FOUND);
    let declined = call(
        &app,
        &mut cat,
        Method::POST,
        &format!("/api/v1/me/invitations/session/{invitation}/decline"),
        None,
    )
    .await;
    assert_eq!(declined.status, StatusCode::NO_CONTENT);
    let again = call(
        &app,
        &mut cat,
        Method::POST,
        &format!("/api/v1/me/invitations/session/{invitation}/accept"),
        None,
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    let read = call(
        &app,
        &mut cat,
        Method::POST,
        "/api/v1/me/notifications/read",
        None,
    )
    .await;
    assert_eq!(read.status, StatusCode::NO_CONTENT);
    let inbox = call(
        &app,
        &mut cat,
        Method::GET,
        "/api/v1/me/notifications",
        None,
    )
    .await
    .json();
    assert_eq!(inbox["invitations"], json!([]));
    assert!(inbox["notifications"][0]["read_at"].is_i64());
}

#[tokio::test]
async fn a_team_is_made_renamed_joined_and_managed_through_the_api_and_keeps_an_admin() {
    let app = TestApp::new().await;
    let mut admin = app.register("admin@example.org").await;
    let admin_id = user_id(&app, &mut admin).await;
    let made = call(
        &app,
        &mut admin,
        Method::POST,
        "/api/v1/workspaces",
        Some(json!({"name": "Facilitators"})),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let team = made.json()["id"].as_str().expect("an id").to_owned();
    let renamed = call(
        &app,
        &mut admin,
        Method::PUT,
        &format!("/api/v1/workspaces/{team}"),
        Some(json!({"name": "Lead facilitators"})),
    )
    .await;
    assert_eq!(renamed.status, StatusCode::NO_CONTENT);
    let empty = call(
        &app,
        &mut admin,
        Method::PUT,
        &format!("/api/v1/workspaces/{team}"),
        Some(json!({"name": "  "})),
    )
    .await;
    assert_eq!(empty.json()["error"]["fields"]["name"]["code"], "required");

    let mut eve = app.register_confirmed("eve@example.org").await;
    let eve_id = user_id(&app, &mut eve).await;
    let sent = call(
        &app,
        &mut admin,
        Method::POST,
        &format!("/api/v1/workspaces/{team}/invitations"),
        Some(json!({"email": "eve@example.org", "role": "member"})),
    )
    .await;
    assert_eq!(sent.status, StatusCode::ACCEPTED, "{}", sent.body);
    let inbox = call(
        &app,
        &mut eve,
        Method::GET,
        "/api/v1/me/notifications",
        None,
    )
    .await
    .json();
    let invitation = &inbox["invitations"][0];
    assert_eq!(invitation["kind"], "team");
    assert_eq!(invitation["label"], "Lead facilitators");
    let joined = call(
        &app,
        &mut eve,
        Method::POST,
        &format!(
            "/api/v1/me/invitations/team/{}/accept",
            invitation["id"].as_str().expect("an id")
        ),
        None,
    )
    .await;
    assert_eq!(joined.json(), json!({"kind": "team", "id": team}));

    // A member sees the members but not the invitations, and manages nothing.
    let seen = call(
        &app,
        &mut eve,
        Method::GET,
        &format!("/api/v1/workspaces/{team}/members"),
        None,
    )
    .await
    .json();
    assert_eq!(seen["members"].as_array().map(Vec::len), Some(2));
    assert_eq!(seen["invitations"], json!([]));
    let not_hers = call(
        &app,
        &mut eve,
        Method::PUT,
        &format!("/api/v1/workspaces/{team}"),
        Some(json!({"name": "Eve's"})),
    )
    .await;
    assert_eq!(not_hers.status, StatusCode::NOT_FOUND);

    // The admin makes Eve an admin too, steps down, and Eve cannot leave the team adminless.
    let promoted = call(
        &app,
        &mut admin,
        Method::PUT,
        &format!("/api/v1/workspaces/{team}/members/{eve_id}"),
        Some(json!({"role": "admin"})),
    )
    .await;
    assert_eq!(promoted.status, StatusCode::NO_CONTENT, "{}", promoted.body);
    let stepped = call(
        &app,
        &mut admin,
        Method::DELETE,
        &format!("/api/v1/workspaces/{team}/members/{admin_id}"),
        None,
    )
    .await;
    assert_eq!(stepped.status, StatusCode::NO_CONTENT);
    let last = call(
        &app,
        &mut eve,
        Method::PUT,
        &format!("/api/v1/workspaces/{team}/members/{eve_id}"),
        Some(json!({"role": "member"})),
    )
    .await;
    assert_eq!(last.status, StatusCode::CONFLICT);
    assert_eq!(last.json()["error"]["code"], "last_admin");

    // Eve invites someone and withdraws it.
    call(
        &app,
        &mut eve,
        Method::POST,
        &format!("/api/v1/workspaces/{team}/invitations"),
        Some(json!({"email": "fay@example.org", "role": "member"})),
    )
    .await;
    let members = call(
        &app,
        &mut eve,
        Method::GET,
        &format!("/api/v1/workspaces/{team}/members"),
        None,
    )
    .await
    .json();
    let fay = members["invitations"][0]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let withdrawn = call(
        &app,
        &mut eve,
        Method::DELETE,
        &format!("/api/v1/workspaces/{team}/invitations/{fay}"),
        None,
    )
    .await;
    assert_eq!(withdrawn.status, StatusCode::NO_CONTENT);
    let members = call(
        &app,
        &mut eve,
        Method::GET,
        &format!("/api/v1/workspaces/{team}/members"),
        None,
    )
    .await
    .json();
    assert_eq!(members["invitations"], json!([]));
}

#[tokio::test]
async fn categories_are_listed_added_refused_and_removed_in_the_workspace_one_works_in() {
    let app = TestApp::new().await;
    let mut b = app.register("cats@example.org").await;
    let listed = call(&app, &mut b, Method::GET, "/api/v1/categories", None)
        .await
        .json();
    let defaults = listed.as_array().map(Vec::len).unwrap_or_default();
    assert_eq!(defaults, domain::session::DEFAULT_CATEGORIES.len());
    assert_eq!(listed[0]["value"], "check-in");
    assert_eq!(listed[0]["label"], "Check-in");
    let added = call(
        &app,
        &mut b,
        Method::POST,
        "/api/v1/categories",
        Some(json!({"name": "Field trip", "colour": "#A1B2C3"})),
    )
    .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    let id = added.json()["id"].as_str().expect("an id").to_owned();
    let twice = call(
        &app,
        &mut b,
        Method::POST,
        "/api/v1/categories",
        Some(json!({"name": "Field trip", "colour": "#000000"})),
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.json()["error"]["code"], "category_taken");
    let bad = call(
        &app,
        &mut b,
        Method::POST,
        "/api/v1/categories",
        Some(json!({"name": "", "colour": "red"})),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &bad.json()["error"]["fields"];
    assert_eq!(
        (&fields["name"]["code"], &fields["colour"]["code"]),
        (&json!("required"), &json!("invalid_colour"))
    );
    let listed = call(&app, &mut b, Method::GET, "/api/v1/categories", None)
        .await
        .json();
    let own = &listed[defaults];
    assert_eq!(
        (&own["id"], &own["value"], &own["colour"]),
        (&json!(id), &json!("Field trip"), &json!("#a1b2c3"))
    );
    let removed = call(
        &app,
        &mut b,
        Method::DELETE,
        &format!("/api/v1/categories/{id}"),
        None,
    )
    .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    let again = call(
        &app,
        &mut b,
        Method::DELETE,
        &format!("/api/v1/categories/{id}"),
        None,
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}
