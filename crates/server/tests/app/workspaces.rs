//! Team workspaces through the router: a team is made, members are invited (with an account
//! or by an invitation link), they switch to it and find its sessions and library, admins
//! manage members, the team keeps an admin, and a removed member loses its sessions at once.

use crate::helpers::{Browser, TestApp, link_path};
use crate::library_pages::create_method;
use crate::sharing::create_session;
use axum::http::{Method, StatusCode};
use serde_json::json;

/// Creates a team as `b` and returns its id.
pub async fn create_team(app: &TestApp, b: &mut Browser, name: &str) -> String {
    let res = app.post_form(b, "/workspaces", &[("name", name)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(res.location().ends_with("?notice=workspace-created"));
    res.location()
        .trim_start_matches("/workspaces/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The admin `admin` invites `email` to the team with `role`, and the person accepts.
pub async fn add_member(app: &TestApp, admin: &mut Browser, team: &str, email: &str, role: &str) {
    let res = app
        .post_form(
            admin,
            &format!("/workspaces/{team}/members"),
            &[("email", email), ("role", role)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(app.accept_invitation(email).await, "/");
}

#[tokio::test]
async fn a_team_shares_its_sessions_and_library_with_members_who_switch_to_it() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let mut bob = app.register("bob@example.org").await;

    // A name is required; the form keeps what was typed.
    let res = app
        .post_form(&mut ann, "/workspaces", &[("name", " ")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let team = create_team(&app, &mut ann, "Facilitators").await;
    add_member(&app, &mut ann, &team, "bob@example.org", "member").await;
    assert!(
        app.last_mail_to("bob@example.org")
            .await
            .text_body
            .contains("“Facilitators”")
    );

    // Ann works in the team now: her new session and method belong to it.
    let (id, block) = create_session(&app, &mut ann).await;
    let (method_page, _) = create_method(&app, &mut ann, "Team energiser").await;

    // Bob reaches them as a member, and edits, before and after switching.
    let page = app.get(&mut bob, &format!("/sessions/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let res = app
        .api(
            &mut bob,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(json!({"ops": [{"op": {"type": "set_block", "block": block, "set": {"field": "minutes", "value": 25}}}]})),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(app.get(&mut bob, &method_page).await.status, StatusCode::OK);
    // Accepting the invitation took Bob into the team; he can switch out and back.
    let home = app.get(&mut bob, "/").await;
    assert!(home.body.contains("Shared retro"), "{}", home.body);
    let personal = app
        .api(&mut bob, Method::GET, "/api/v1/workspaces", None, None)
        .await
        .json()[0]["id"]
        .as_str()
        .expect("personal")
        .to_owned();
    app.post_form(&mut bob, "/workspaces/switch", &[("workspace", &personal)])
        .await;
    let home = app.get(&mut bob, "/").await;
    assert!(
        !home.body.contains("Shared retro"),
        "Bob is in his own workspace"
    );
    let res = app
        .post_form(&mut bob, "/workspaces/switch", &[("workspace", &team)])
        .await;
    assert_eq!(res.location(), "/?notice=workspace-switched");
    let home = app.get(&mut bob, "/").await;
    assert!(home.body.contains("Shared retro"), "{}", home.body);
    assert!(home.body.contains("· Facilitators"));

    // The API lists Bob's workspaces with the one he works in, and switches too.
    let listed = app
        .api(&mut bob, Method::GET, "/api/v1/workspaces", None, None)
        .await
        .json();
    let summary: Vec<(String, String, bool)> = listed
        .as_array()
        .expect("list")
        .iter()
        .map(|w| {
            (
                w["kind"].as_str().unwrap_or_default().to_owned(),
                w["role"].as_str().unwrap_or_default().to_owned(),
                w["current"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("personal".to_owned(), "admin".to_owned(), false),
            ("team".to_owned(), "member".to_owned(), true)
        ]
    );
    let personal = listed[0]["id"].as_str().expect("id").to_owned();
    let res = app
        .api(
            &mut bob,
            Method::POST,
            &format!("/api/v1/workspaces/{personal}/switch"),
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let mine = app
        .api(&mut bob, Method::GET, "/api/v1/sessions", None, None)
        .await;
    assert!(!mine.body.contains("Shared retro"), "{}", mine.body);
    let res = app
        .api(
            &mut bob,
            Method::POST,
            &format!("/api/v1/workspaces/{team}/switch"),
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let theirs = app
        .api(&mut bob, Method::GET, "/api/v1/sessions", None, None)
        .await;
    assert!(theirs.body.contains("Shared retro"), "{}", theirs.body);

    // A member does not manage the team.
    let res = app
        .post_form(
            &mut bob,
            &format!("/workspaces/{team}/members"),
            &[("email", "eve@example.org"), ("role", "admin")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let page = app.get(&mut bob, &format!("/workspaces/{team}")).await;
    assert!(!page.body.contains("Invite a member"));

    // The team keeps an admin.
    let me = user_id(&app, "ann@example.org").await;
    let res = app
        .post_form(
            &mut ann,
            &format!("/workspaces/{team}/members/{me}/role"),
            &[("role", "member")],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.body.contains("A team needs at least one admin"),
        "{}",
        res.body
    );

    // Removed, Bob loses the team's sessions at once and is back in his own workspace.
    let bob_id = user_id(&app, "bob@example.org").await;
    let res = app
        .post_form(
            &mut ann,
            &format!("/workspaces/{team}/members/{bob_id}/remove"),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&mut bob, &format!("/sessions/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&mut bob, &method_page).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!app.get(&mut bob, "/").await.body.contains("Shared retro"));
    let res = app
        .post_form(&mut bob, "/workspaces/switch", &[("workspace", &team)])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

/// The user id of the account with `email`.
async fn user_id(app: &TestApp, email: &str) -> String {
    app.state
        .store
        .user_by_email(&domain::Email::parse(email).expect("email"))
        .await
        .expect("q")
        .expect("user")
        .id
        .to_string()
}

#[tokio::test]
async fn a_new_person_registers_from_a_team_invitation_and_works_in_the_team() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let team = create_team(&app, &mut ann, "Facilitators").await;
    let (id, _) = create_session(&app, &mut ann).await;
    let res = app
        .post_form(
            &mut ann,
            &format!("/workspaces/{team}/members"),
            &[("email", "new@example.org"), ("role", "admin")],
        )
        .await;
    assert!(
        res.location().contains("notice=share-invited"),
        "{}",
        res.location()
    );
    let mail = app.last_mail_to("new@example.org").await;
    let path = link_path(&mail.text_body, "/invitations/");
    let page = app.get(&mut Browser::default(), &path).await;
    assert!(
        page.body
            .contains("You are invited to join the team “Facilitators” as admin."),
        "{}",
        page.body
    );
    let secret = path.trim_start_matches("/invitations/");
    let mut new = Browser::default();
    let res = app
        .post_registration(
            &mut new,
            &format!("/register?invitation={secret}"),
            &[
                ("first_name", "Nadia"),
                ("last_name", "New"),
                ("email", "new@example.org"),
                ("password", crate::helpers::PASSWORD),
                ("time_zone", "Europe/Moscow"),
                ("accept_terms", "on"),
                ("accept_consent", "on"),
            ],
        )
        .await;
    assert_eq!(res.location(), "/", "{}", res.body);
    let home = app.get(&mut new, "/").await;
    assert!(home.body.contains("Shared retro"), "{}", home.body);
    assert_eq!(
        app.get(&mut new, &format!("/sessions/{id}")).await.status,
        StatusCode::OK
    );
    // The link is used up.
    assert_eq!(
        app.get(&mut Browser::default(), &path).await.status,
        StatusCode::NOT_FOUND
    );
    // In a team's trash each member finds only what they may restore: their own sessions.
    let res = app
        .post_form(&mut ann, &format!("/sessions/{id}/delete"), &[])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(
        app.get(&mut ann, "/trash")
            .await
            .body
            .contains("Shared retro")
    );
    assert!(
        !app.get(&mut new, "/trash")
            .await
            .body
            .contains("Shared retro")
    );
}
