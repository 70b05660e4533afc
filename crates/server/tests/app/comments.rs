//! Comments through the router: commenters comment but do not edit, threads are resolved and
//! reopened, only authors change their own, an open thread is counted on its block, and a
//! mention tells the person mentioned.

use crate::helpers::TestApp;
use crate::sharing::{create_session, share};
use axum::http::{Method, StatusCode};
use serde_json::json;

/// The id of the comment a redirect points at (`…#comment-ID`).
fn comment_of(location: &str) -> String {
    location
        .split("#comment-")
        .nth(1)
        .unwrap_or_else(|| panic!("no comment in {location}"))
        .to_owned()
}

#[tokio::test]
async fn a_commenter_comments_replies_and_resolves_but_cannot_edit_the_session() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let mut cat = app.register("cat@example.org").await;
    share(&app, &mut owner, &id, "cat@example.org", "commenter").await;
    let mut vic = app.register("vic@example.org").await;
    share(&app, &mut owner, &id, "vic@example.org", "viewer").await;

    let res = app
        .post_form(
            &mut cat,
            &format!("/sessions/{id}/comments"),
            &[("block", &block), ("body", "Ten minutes is short")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let thread = comment_of(res.location());
    let page = app.get(&mut owner, &format!("/sessions/{id}")).await;
    assert!(
        page.body.contains("1 open comment"),
        "the block shows its open thread"
    );

    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/comments/{thread}/reply"),
            &[("body", "Make it fifteen")],
        )
        .await;
    let reply = comment_of(res.location());
    let res = app
        .post_form(
            &mut cat,
            &format!("/sessions/{id}/comments/{thread}/resolve"),
            &[("resolved", "true")],
        )
        .await;
    assert!(res.location().contains("comment-resolved"));
    let page = app.get(&mut owner, &format!("/sessions/{id}")).await;
    assert!(!page.body.contains("open comment"));
    let comments = app.get(&mut vic, &format!("/sessions/{id}/comments")).await;
    assert_eq!(comments.status, StatusCode::OK);
    assert!(
        comments.body.contains("Ten minutes is short") && comments.body.contains("Make it fifteen")
    );
    assert!(
        !comments.body.contains("Post comment"),
        "a viewer reads, does not write"
    );

    // A viewer may not comment; the commenter may not change the session.
    let res = app
        .post_form(
            &mut vic,
            &format!("/sessions/{id}/comments"),
            &[("block", ""), ("body", "Me too")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .api(
            &mut cat,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(json!({"ops": [{"op": {"type": "delete_block", "block": block}}]})),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // Only the author edits or deletes.
    let res = app
        .post_form(
            &mut cat,
            &format!("/sessions/{id}/comments/{reply}/edit"),
            &[("body", "Hijacked")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/comments/{reply}/edit"),
            &[("body", "  ")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/comments/{reply}/edit"),
            &[("body", "Make it twenty")],
        )
        .await;
    assert!(res.location().contains("comment-edited"));
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/comments/{thread}/delete"),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post_form(
            &mut cat,
            &format!("/sessions/{id}/comments/{thread}/delete"),
            &[],
        )
        .await;
    assert!(res.location().contains("comment-deleted"));
    let comments = app
        .get(&mut owner, &format!("/sessions/{id}/comments"))
        .await;
    assert!(
        !comments.body.contains("Make it twenty"),
        "the replies went with the thread"
    );
}

#[tokio::test]
async fn an_empty_comment_is_refused_with_what_was_chosen_kept() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/comments"),
            &[("block", &block), ("body", " ")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("body-error"));
    assert!(
        res.body
            .contains(&format!(r#"<option value="{block}" selected>"#))
    );
}

#[tokio::test]
async fn a_mention_tells_the_collaborator_in_the_app_and_by_email_and_nobody_else() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let mut ed = app.register("ed@example.org").await;
    share(&app, &mut owner, &id, "ed@example.org", "editor").await;
    let mut outsider = app.register("outsider@example.org").await;
    let res = app
        .post_form(
            &mut ed,
            &format!("/sessions/{id}/comments"),
            &[
                ("block", ""),
                (
                    "body",
                    "@owner@example.org can you check the timing? @outsider@example.org too",
                ),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let notes = app.get(&mut owner, "/notifications").await;
    assert!(
        notes
            .body
            .contains("mentioned you in a comment on “Shared retro”"),
        "{}",
        notes.body
    );
    let mail = app.last_mail_to("owner@example.org").await;
    assert!(
        mail.subject.contains("mentioned you")
            && mail.text_body.contains("can you check the timing")
    );
    let theirs = app.get(&mut outsider, "/notifications").await;
    assert!(
        !theirs.body.contains("mentioned you"),
        "only collaborators can be mentioned"
    );
    let mine = app.get(&mut ed, "/notifications").await;
    assert!(!mine.body.contains("mentioned you"));
}
