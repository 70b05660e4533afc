//! Use cases that write more than once commit once: when the last of their writes fails (here
//! its table is renamed away, as a crash between two commits would leave things), nothing of
//! the earlier writes is there either.

use crate::helpers::TestApp;
use crate::sharing::{create_session, share};
use axum::http::{Method, StatusCode};
use domain::permission::Role;
use domain::{SessionId, UserId};
use store::{ActivityFilter, Db};

/// Renames `from` to `to`, on either backend.
async fn rename(app: &TestApp, from: &str, to: &str) {
    let sql = format!("ALTER TABLE {from} RENAME TO {to}");
    match app.state.store.db() {
        Db::Sqlite(pool) => sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(pool)
            .await
            .map(drop),
        Db::Postgres(pool) => sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(pool)
            .await
            .map(drop),
    }
    .unwrap_or_else(|e| panic!("rename {from}: {e}"));
}

async fn kinds(app: &TestApp, session: SessionId) -> Vec<String> {
    app.state
        .store
        .activity(session, &ActivityFilter::default(), 50)
        .await
        .expect("activity")
        .into_iter()
        .map(|e| e.kind.as_str().to_owned())
        .collect()
}

async fn id_of(app: &TestApp, email: &str) -> UserId {
    app.state
        .store
        .user_by_email(&domain::Email::parse(email).expect("an address"))
        .await
        .expect("read")
        .expect("a user")
        .id
}

#[tokio::test]
async fn a_comment_whose_mention_email_cannot_be_written_leaves_no_comment_entry_or_notification() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let mut ed = app.register("ed@example.org").await;
    share(&app, &mut owner, &id, "ed@example.org", "editor").await;
    let session: SessionId = id.parse().expect("id");
    let owner_id = id_of(&app, "owner@example.org").await;
    let unread = app.state.store.user(owner_id).await.expect("owner").unread;

    rename(&app, "outbox", "outbox_away").await;
    let res = app
        .post_form(
            &mut ed,
            &format!("/sessions/{id}/comments"),
            &[("block", ""), ("body", "@owner@example.org please look")],
        )
        .await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    rename(&app, "outbox_away", "outbox").await;

    let comments = app.state.store.comments(session).await.expect("comments");
    assert!(comments.is_empty(), "a comment stayed: {comments:?}");
    assert!(!kinds(&app, session).await.contains(&"commented".to_owned()));
    assert_eq!(
        app.state.store.user(owner_id).await.expect("owner").unread,
        unread
    );

    // With the outbox back, the same comment goes through whole.
    let res = app
        .post_form(
            &mut ed,
            &format!("/sessions/{id}/comments"),
            &[("block", ""), ("body", "@owner@example.org please look")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.state
            .store
            .comments(session)
            .await
            .expect("comments")
            .len(),
        1
    );
    assert!(kinds(&app, session).await.contains(&"commented".to_owned()));
    assert_eq!(
        app.state.store.user(owner_id).await.expect("owner").unread,
        unread + 1
    );
}

#[tokio::test]
async fn a_role_change_a_removal_or_a_new_link_whose_entry_cannot_be_written_changes_nothing() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    app.register("ed@example.org").await;
    share(&app, &mut owner, &id, "ed@example.org", "editor").await;
    let session: SessionId = id.parse().expect("id");
    let ed = id_of(&app, "ed@example.org").await;

    rename(&app, "activity", "activity_away").await;
    for (path, form) in [
        (
            format!("/sessions/{id}/share/{ed}/role"),
            vec![("role", "viewer")],
        ),
        (format!("/sessions/{id}/share/{ed}/remove"), vec![]),
        (format!("/sessions/{id}/share/{ed}/owner"), vec![]),
        (format!("/sessions/{id}/links"), vec![("expires", "7")]),
    ] {
        let res = app.post_form(&mut owner, &path, &form).await;
        assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
    }
    rename(&app, "activity_away", "activity").await;

    assert_eq!(
        app.state.store.access(session, ed).await.expect("access").0,
        Some(Role::Editor),
        "the role stayed as it was"
    );
    assert!(
        app.state
            .store
            .links(session)
            .await
            .expect("links")
            .is_empty()
    );
    let res = app
        .api(
            &mut owner,
            Method::GET,
            &format!("/api/v1/sessions/{id}"),
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "the owner still owns it");
}

#[tokio::test]
async fn a_publication_decision_whose_email_cannot_be_written_leaves_the_item_pending() {
    let app = TestApp::new().await;
    let mut author = app.register("pub@example.org").await;
    let (page, id) = crate::library_pages::create_method(&app, &mut author, "Peak stories").await;
    let res = app
        .post_form(
            &mut author,
            &format!("{page}/publish"),
            &[("action", "request")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let mut admin = app.register("admin@example.org").await;
    app.make_admin("admin@example.org").await;
    let author_id = id_of(&app, "pub@example.org").await;
    let unread = app
        .state
        .store
        .user(author_id)
        .await
        .expect("author")
        .unread;

    rename(&app, "outbox", "outbox_away").await;
    let res = app
        .post_form(
            &mut admin,
            &format!("/admin/moderation/method/{id}"),
            &[("decision", "approve"), ("note", "")],
        )
        .await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    rename(&app, "outbox_away", "outbox").await;

    let queue = app.get(&mut admin, "/admin/moderation").await;
    assert!(
        queue.body.contains("Peak stories"),
        "the method still waits for a decision"
    );
    assert_eq!(
        app.state
            .store
            .user(author_id)
            .await
            .expect("author")
            .unread,
        unread
    );
}

/// How many `forget_files` jobs wait.
async fn forget_jobs(app: &TestApp) -> i64 {
    let sql = "SELECT COUNT(*) FROM jobs WHERE kind = 'forget_files' AND finished_at IS NULL";
    match app.state.store.db() {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
        Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
    }
    .expect("count")
}

#[tokio::test]
async fn a_method_whose_forget_job_cannot_be_written_is_not_deleted_with_its_files() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (page, method) = crate::library_pages::create_method(&app, &mut owner, "Fishbowl").await;
    let res = crate::files::upload_to(
        &app,
        &mut owner,
        &format!("{page}/files"),
        &[("guide.pdf", crate::files::PDF)],
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let before = forget_jobs(&app).await;
    let path = format!("/api/v1/methods/{method}");

    rename(&app, "jobs", "jobs_away").await;
    let res = app.api(&mut owner, Method::DELETE, &path, None, None).await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    rename(&app, "jobs_away", "jobs").await;
    let still = app.api(&mut owner, Method::GET, &path, None, None).await;
    assert_eq!(still.status, StatusCode::OK, "the method stayed");
    let files = app
        .api(
            &mut owner,
            Method::GET,
            &format!("{path}/files"),
            None,
            None,
        )
        .await;
    assert_eq!(
        files.json().as_array().map(Vec::len),
        Some(1),
        "and its file"
    );
    assert_eq!(forget_jobs(&app).await, before);

    let res = app.api(&mut owner, Method::DELETE, &path, None, None).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(
        forget_jobs(&app).await,
        before + 1,
        "its bytes will be forgotten"
    );
}

#[tokio::test]
async fn an_invitation_whose_email_cannot_be_written_is_neither_stored_nor_announced() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let team = crate::workspaces::create_team(&app, &mut owner, "Facilitators").await;
    app.register_confirmed("ann@example.org").await;
    let ann = id_of(&app, "ann@example.org").await;
    let unread = app.state.store.user(ann).await.expect("ann").unread;

    rename(&app, "outbox", "outbox_away").await;
    for path in [
        format!("/api/v1/sessions/{id}/invitations"),
        format!("/api/v1/workspaces/{team}/invitations"),
    ] {
        let role = if path.contains("workspaces") {
            "member"
        } else {
            "viewer"
        };
        let res = app
            .api(
                &mut owner,
                Method::POST,
                &path,
                Some(serde_json::json!({"email": "ann@example.org", "role": role})),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
    }
    rename(&app, "outbox_away", "outbox").await;

    let session: SessionId = id.parse().expect("id");
    let workspace: domain::WorkspaceId = team.parse().expect("id");
    assert!(
        app.state
            .store
            .invitations(session)
            .await
            .expect("read")
            .is_empty()
    );
    assert!(
        app.state
            .store
            .member_invitations(workspace)
            .await
            .expect("read")
            .is_empty()
    );
    assert_eq!(app.state.store.user(ann).await.expect("ann").unread, unread);
    assert!(
        app.state
            .store
            .incoming_invitations(ann)
            .await
            .expect("read")
            .is_empty()
    );
}

#[tokio::test]
async fn a_registration_whose_confirmation_email_cannot_be_written_leaves_no_account() {
    let app = TestApp::new().await;
    rename(&app, "outbox", "outbox_away").await;
    let res = app
        .api(
            &mut crate::helpers::Browser::default(),
            Method::POST,
            "/api/v1/auth/register",
            Some(serde_json::json!({
                "first_name": "Ann", "last_name": "Lee", "email": "ann@example.org",
                "phone": "", "password": "a long and private passphrase", "accept_terms": true, "accept_consent": true
            })),
            None,
        )
        .await;
    assert_eq!(
        res.status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "{}",
        res.body
    );
    rename(&app, "outbox_away", "outbox").await;
    let email = domain::Email::parse("ann@example.org").expect("an address");
    assert!(
        app.state
            .store
            .user_by_email(&email)
            .await
            .expect("read")
            .is_none(),
        "no account without its confirmation email"
    );
    // With the outbox back, the same registration goes through.
    app.register("ann@example.org").await;
}
