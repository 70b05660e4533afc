//! Deleting an account through the real router: by the person (their password, the typed
//! address, sessions others work on handed over or deleted with their people told) and by an
//! administrator on request.

use crate::helpers::{Browser, PASSWORD, TestApp};
use crate::sharing::{create_session, share};
use axum::http::{Method, StatusCode};

/// The deletion form, as the person sends it.
async fn delete_account(
    app: &TestApp,
    b: &mut Browser,
    password: &str,
    confirm: &str,
    delete_shared: bool,
) -> crate::helpers::TestResponse {
    let mut fields = vec![("current_password", password), ("confirm", confirm)];
    if delete_shared {
        fields.push(("delete_shared", "on"));
    }
    app.post_form(b, "/account/delete", &fields).await
}

async fn user_id(app: &TestApp, email: &str) -> Option<domain::UserId> {
    app.state
        .store
        .user_by_email(&domain::Email::parse(email).expect("email"))
        .await
        .expect("query")
        .map(|u| u.id)
}

#[tokio::test]
async fn deleting_ones_account_takes_the_password_and_the_typed_address_then_ends_every_login_and_token()
 {
    let app = TestApp::new().await;
    let mut ann = app.register_confirmed("ann@example.org").await;
    let token = app.token(&mut ann, &["read"]).await;
    let (mut other_login, _) = app.sign_in("ann@example.org", PASSWORD).await;

    let page = app.get(&mut ann, "/account/delete").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("What is deleted"), "{}", page.body);
    assert!(page.body.contains("To confirm, type ann@example.org."));

    // A wrong password, then a wrong address: refused, nothing deleted.
    let wrong = delete_account(&app, &mut ann, "not the password", "ann@example.org", false).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("The current password is not right."));
    let typo = delete_account(&app, &mut ann, PASSWORD, "ann@example.com", false).await;
    assert_eq!(typo.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(typo.body.contains("This is not what was asked for"));
    assert!(user_id(&app, "ann@example.org").await.is_some());

    let done = delete_account(&app, &mut ann, PASSWORD, " Ann@Example.org ", false).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), "/signin?notice=account-deleted");
    let landing = app.get(&mut ann, done.location()).await;
    assert!(landing.body.contains("Your account has been deleted."));
    assert!(user_id(&app, "ann@example.org").await.is_none());
    assert!(
        !app.signed_in(&mut other_login).await,
        "another login lives on"
    );
    let by_token = app
        .api(
            &mut Browser::default(),
            Method::GET,
            "/api/v1/me",
            None,
            Some(&token),
        )
        .await;
    assert_eq!(by_token.status, StatusCode::UNAUTHORIZED);
    let (_, again) = app.sign_in("ann@example.org", PASSWORD).await;
    assert_ne!(
        again.status,
        StatusCode::SEE_OTHER,
        "signed in to a deleted account"
    );
    // The address is free for a new account.
    app.register("ann@example.org").await;
}

#[tokio::test]
async fn a_session_others_work_on_is_handed_over_first_or_deleted_with_its_people_told() {
    let app = TestApp::new().await;
    let mut ann = app.register_confirmed("ann@example.org").await;
    app.register_confirmed("bob@example.org").await;
    app.register_confirmed("carl@example.org").await;
    let (kept, _) = create_session(&app, &mut ann).await;
    share(&app, &mut ann, &kept, "bob@example.org", "editor").await;
    let (gone, _) = create_session(&app, &mut ann).await;
    share(&app, &mut ann, &gone, "carl@example.org", "viewer").await;

    let page = app.get(&mut ann, "/account/delete").await;
    assert!(page.body.contains(&format!("/sessions/{kept}/share")));
    assert!(page.body.contains(&format!("/sessions/{gone}/share")));
    let refused = delete_account(&app, &mut ann, PASSWORD, "ann@example.org", false).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused.body.contains("hand them over first"),
        "{}",
        refused.body
    );

    // Ann hands one session to Bob on its share page, and deletes the other with her account.
    let bob = user_id(&app, "bob@example.org").await.expect("bob");
    let handed = app
        .post_form(
            &mut ann,
            &format!("/sessions/{kept}/share/{bob}/owner"),
            &[],
        )
        .await;
    assert_eq!(handed.status, StatusCode::SEE_OTHER, "{}", handed.body);
    let done = delete_account(&app, &mut ann, PASSWORD, "ann@example.org", true).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);

    let (mut bob_b, _) = app.sign_in("bob@example.org", PASSWORD).await;
    let session = app
        .api(
            &mut bob_b,
            Method::GET,
            &format!("/api/v1/sessions/{kept}"),
            None,
            None,
        )
        .await;
    assert_eq!(session.status, StatusCode::OK, "bob's session went");
    let (mut carl_b, _) = app.sign_in("carl@example.org", PASSWORD).await;
    let lost = app
        .api(
            &mut carl_b,
            Method::GET,
            &format!("/api/v1/sessions/{gone}"),
            None,
            None,
        )
        .await;
    assert_eq!(lost.status, StatusCode::NOT_FOUND);
    let told = app.last_mail_to("carl@example.org").await;
    assert_eq!(told.subject, "“Shared retro” has been deleted");
    let inbox = app.get(&mut carl_b, "/notifications").await;
    assert!(
        inbox
            .body
            .contains("“Shared retro” was deleted with its owner’s account."),
        "{}",
        inbox.body
    );
}

#[tokio::test]
async fn an_administrator_deletes_an_account_on_request_but_not_their_own_and_no_one_else_may() {
    let app = TestApp::new().await;
    let mut admin = app.register_confirmed("admin@example.org").await;
    app.make_admin("admin@example.org").await;
    let mut ann = app.register_confirmed("ann@example.org").await;
    let ann_id = user_id(&app, "ann@example.org").await.expect("ann");
    let admin_id = user_id(&app, "admin@example.org").await.expect("admin");
    let path = format!("/admin/users/{ann_id}/delete");

    // Not for anyone else: 404, as every admin page.
    assert_eq!(app.get(&mut ann, &path).await.status, StatusCode::NOT_FOUND);
    let list = app.get(&mut admin, "/admin").await;
    assert!(list.body.contains(&path), "{}", list.body);
    assert!(
        !list
            .body
            .contains(&format!("/admin/users/{admin_id}/delete"))
    );
    let own = app
        .post_form(
            &mut admin,
            &format!("/admin/users/{admin_id}/delete"),
            &[("confirm", "admin@example.org")],
        )
        .await;
    assert_eq!(own.status, StatusCode::CONFLICT);

    let page = app.get(&mut admin, &path).await;
    assert!(page.body.contains("Delete the account of Anna Petrova"));
    let typo = app
        .post_form(&mut admin, &path, &[("confirm", "someone@example.org")])
        .await;
    assert_eq!(typo.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = app
        .post_form(&mut admin, &path, &[("confirm", "ann@example.org")])
        .await;
    assert_eq!(done.location(), "/admin?notice=account-deleted-by-admin");
    let list = app.get(&mut admin, done.location()).await;
    assert!(list.body.contains("The account has been deleted."));
    assert!(!list.body.contains("ann@example.org"));
    assert!(user_id(&app, "ann@example.org").await.is_none());
    assert!(!app.signed_in(&mut ann).await);
    let ledger = app.state.store.deletion_ledger().await.expect("ledger");
    assert_eq!(
        ledger.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        [ann_id]
    );
}

#[tokio::test]
async fn a_session_handed_over_in_a_team_that_goes_moves_to_its_new_owner_with_its_files() {
    let app = TestApp::new().await;
    let mut ann = app.register_confirmed("ann@example.org").await;
    app.register_confirmed("bob@example.org").await;
    let team = crate::workspaces::create_team(&app, &mut ann, "Solo").await;
    let (id, _) = create_session(&app, &mut ann).await;
    let session: domain::SessionId = id.parse().expect("id");
    let s = app.state.store.session(session).await.expect("session");
    assert_eq!(s.workspace_id.to_string(), team, "made in the team");
    let download =
        crate::files::upload_one(&app, &mut ann, &id, "handout.txt", b"Bring pens.").await;
    share(&app, &mut ann, &id, "bob@example.org", "editor").await;
    let bob = user_id(&app, "bob@example.org").await.expect("bob");
    let handed = app
        .post_form(&mut ann, &format!("/sessions/{id}/share/{bob}/owner"), &[])
        .await;
    assert_eq!(handed.status, StatusCode::SEE_OTHER, "{}", handed.body);

    // Nothing of hers is shared now: no tick needed, and the team goes with her.
    let done = delete_account(&app, &mut ann, PASSWORD, "ann@example.org", false).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    app.run_waiting_jobs(domain::job::JobKind::ForgetFiles)
        .await;

    let (mut bob_b, _) = app.sign_in("bob@example.org", PASSWORD).await;
    let moved = app.state.store.session(session).await.expect("kept");
    assert_eq!(
        moved.workspace_id,
        app.workspace_of("bob@example.org").await
    );
    let file = app.get(&mut bob_b, &download).await;
    assert_eq!(file.status, StatusCode::OK, "{}", file.body);
    assert_eq!(file.bytes, b"Bring pens.");
}
