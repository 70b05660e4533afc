//! Invitations wait for an answer: nobody gets a role, or a team, without accepting; an
//! unconfirmed account gets nothing from an address it cannot prove; the inviter learns
//! nothing about who has an account; invitations are limited; emails quote what the inviter
//! wrote and keep their own subject.

use crate::TestApp;
use crate::helpers::Browser;
use crate::sharing::{create_session, invite};
use axum::http::StatusCode;

/// The path of the form that answers the first waiting invitation on the notifications page.
async fn waiting(app: &TestApp, b: &mut Browser, answer: &str) -> Option<String> {
    let page = app.get(b, "/notifications").await;
    let start = page.body.find("/notifications/invitations/")?;
    let path: String = page.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let path = path
        .rsplit_once('/')
        .map(|(head, _)| format!("{head}/{answer}"))?;
    Some(path)
}

#[tokio::test]
async fn an_unconfirmed_account_gets_nothing_shared_with_its_address_until_it_is_confirmed() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    // Someone registers a colleague's address without being able to confirm it.
    let mut squatter = app.register("colleague@corp.example").await;
    invite(&app, &mut owner, &id, "colleague@corp.example", "editor").await;
    let page = app.get(&mut squatter, &format!("/sessions/{id}")).await;
    assert_eq!(
        page.status,
        StatusCode::NOT_FOUND,
        "no role from an invitation"
    );
    assert!(waiting(&app, &mut squatter, "accept").await.is_none());
    let home = app.get(&mut squatter, "/").await;
    assert!(!home.body.contains("Shared retro"));
    // The invitation went by email, as to a stranger: only the mailbox's owner can use it.
    let mail = app.last_mail_to("colleague@corp.example").await;
    assert!(
        mail.text_body.contains("create a free account"),
        "{}",
        mail.text_body
    );

    // Whoever confirms the address finds the invitation and may accept it.
    app.confirm_email(&mut squatter, "colleague@corp.example")
        .await;
    let accept = waiting(&app, &mut squatter, "accept")
        .await
        .expect("the invitation waits under Notifications");
    let res = app.post_form(&mut squatter, &accept, &[]).await;
    assert_eq!(
        res.location(),
        format!("/sessions/{id}?notice=invitation-accepted")
    );
    let welcome = app.get(&mut squatter, res.location()).await;
    assert!(
        welcome.body.contains("Invitation accepted"),
        "{}",
        welcome.body
    );
    let page = app.get(&mut squatter, &format!("/sessions/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
}

#[tokio::test]
async fn an_existing_user_is_invited_not_added_and_accepts_or_declines_in_notifications() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let mut guest = app.register_confirmed("guest@example.org").await;
    invite(&app, &mut owner, &id, "guest@example.org", "viewer").await;
    assert_eq!(
        app.get(&mut guest, &format!("/sessions/{id}")).await.status,
        StatusCode::NOT_FOUND,
        "not a collaborator before answering"
    );
    let notes = app.get(&mut guest, "/notifications").await;
    assert!(
        notes
            .body
            .contains("Anna Petrova invites you to the session “Shared retro” as Viewer."),
        "{}",
        notes.body
    );
    let decline = waiting(&app, &mut guest, "decline").await.expect("waiting");
    let res = app.post_form(&mut guest, &decline, &[]).await;
    assert_eq!(res.location(), "/notifications?notice=invitation-declined");
    assert!(waiting(&app, &mut guest, "accept").await.is_none());
    let share = app.get(&mut owner, &format!("/sessions/{id}/share")).await;
    assert!(
        !share.body.contains("guest@example.org"),
        "a declined invitation is gone"
    );
    // Someone else cannot answer for them.
    invite(&app, &mut owner, &id, "guest@example.org", "viewer").await;
    let accept = waiting(&app, &mut guest, "accept").await.expect("waiting");
    let mut other = app.register_confirmed("other@example.org").await;
    assert_eq!(
        app.post_form(&mut other, &accept, &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let res = app.post_form(&mut guest, &accept, &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&mut guest, &format!("/sessions/{id}")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_inviter_learns_nothing_about_whether_an_address_has_an_account() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let mut known = Browser::default();
    let res = app
        .api(
            &mut known,
            axum::http::Method::POST,
            "/api/v1/auth/register",
            Some(serde_json::json!({
                "email": "known@example.org", "password": crate::helpers::PASSWORD,
                "first_name": "Kira", "last_name": "Known", "accept_terms": true, "accept_consent": true
            })),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    app.confirm_email(&mut known, "known@example.org").await;
    let mut answers = Vec::new();
    for email in ["known@example.org", "nobody@example.org"] {
        let res = app
            .post_form(
                &mut owner,
                &format!("/sessions/{id}/share"),
                &[("email", email), ("role", "editor")],
            )
            .await;
        answers.push((res.status, res.location().to_owned()));
    }
    assert_eq!(answers[0], answers[1]);
    let page = app.get(&mut owner, &format!("/sessions/{id}/share")).await;
    assert!(page.body.contains("known@example.org") && page.body.contains("nobody@example.org"));
    assert!(
        !page.body.contains("Kira"),
        "no name of an invited account is shown"
    );
}

#[tokio::test]
async fn an_invitation_email_keeps_our_subject_and_quotes_the_title_as_the_inviter_s() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let res = app
        .api(
            &mut owner,
            axum::http::Method::POST,
            "/api/v1/sessions",
            Some(serde_json::json!({"title": "URGENT: your account is locked, click here"})),
            None,
        )
        .await;
    let id = res.json()["id"].as_str().expect("id").to_owned();
    invite(&app, &mut owner, &id, "target@example.org", "viewer").await;
    let mail = app.last_mail_to("target@example.org").await;
    assert_eq!(mail.subject, "An invitation to work together on Plenary");
    assert!(
        mail.text_body.contains(
            "Anna Petrova (owner@example.org) invites you to work on a session with them as Viewer. They call it: “URGENT: your account is locked, click here”."
        ),
        "{}",
        mail.text_body
    );
}

#[tokio::test]
async fn invitations_are_limited_per_session_and_per_person() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (first, _) = create_session(&app, &mut owner).await;
    let (second, _) = create_session(&app, &mut owner).await;
    let send = |id: String, n: usize| {
        let app = &app;
        let mut owner = owner.clone();
        async move {
            app.post_form(
                &mut owner,
                &format!("/sessions/{id}/share"),
                &[
                    ("email", &format!("person{n}@example.org")),
                    ("role", "viewer"),
                ],
            )
            .await
        }
    };
    for n in 0..20 {
        assert_eq!(send(first.clone(), n).await.status, StatusCode::SEE_OTHER);
    }
    let paused = send(first.clone(), 20).await;
    assert_eq!(paused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(paused.body.contains("Too many attempts"), "{}", paused.body);
    assert!(paused.headers.contains_key("retry-after"));
    // The same person, another session: thirty an hour in all.
    for n in 21..=30 {
        assert_eq!(send(second.clone(), n).await.status, StatusCode::SEE_OTHER);
    }
    assert_eq!(
        send(second.clone(), 31).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    let sent = app
        .state
        .store
        .recent_mail(100)
        .await
        .expect("mail")
        .iter()
        .filter(|m| m.to.starts_with("person"))
        .count();
    assert_eq!(sent, 30, "nothing went out past the limits");
}

#[tokio::test]
async fn a_team_invitation_waits_for_its_answer_too() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let team = crate::workspaces::create_team(&app, &mut ann, "Facilitators").await;
    let mut bob = app.register_confirmed("bob@example.org").await;
    let res = app
        .post_form(
            &mut ann,
            &format!("/workspaces/{team}/members"),
            &[("email", "bob@example.org"), ("role", "member")],
        )
        .await;
    assert!(res.location().contains("notice=share-invited"));
    let mine = app.get(&mut bob, "/workspaces").await;
    assert!(!mine.body.contains("Facilitators"), "not a member yet");
    let notes = app.get(&mut bob, "/notifications").await;
    assert!(
        notes
            .body
            .contains("invites you to the team “Facilitators”"),
        "{}",
        notes.body
    );
    let accept = waiting(&app, &mut bob, "accept").await.expect("waiting");
    assert!(accept.contains("/team/"));
    let res = app.post_form(&mut bob, &accept, &[]).await;
    assert_eq!(res.location(), "/?notice=invitation-accepted");
    let mine = app.get(&mut bob, "/workspaces").await;
    assert!(mine.body.contains("Facilitators"));
}
