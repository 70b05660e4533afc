//! The administrators' console through the real router: a person's page, blocking (sign-in
//! refused with a clear page, logins, tokens and public links ended, the person told by
//! email) and unblocking, restrictions that refuse publishing, public links and invitations
//! until lifted, the administrator role, the audit log, and the rule that every console
//! route answers 404 to anyone but an administrator.

use crate::helpers::{Browser, PASSWORD, TestApp};
use crate::library_pages::create_method;
use crate::sharing::create_session;
use axum::http::{Method, StatusCode};
use serde_json::json;

pub async fn root(app: &TestApp) -> Browser {
    let root = app.register("root@example.org").await;
    app.make_admin("root@example.org").await;
    root
}

async fn user_id(app: &TestApp, email: &str) -> domain::UserId {
    app.state
        .store
        .user_by_email(&domain::Email::parse(email).expect("email"))
        .await
        .expect("read")
        .expect("an account")
        .id
}

/// The public link the share page shows once: `/p/SECRET`.
pub async fn public_link(app: &TestApp, owner: &mut Browser, session: &str) -> String {
    let made = app
        .post_form(
            owner,
            &format!("/sessions/{session}/links"),
            &[("expires", "")],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    crate::sharing::shown_link(&made.body)
}

#[tokio::test]
async fn a_blocked_person_cannot_sign_in_their_token_and_public_link_stop_and_an_unblock_restores_both()
 {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let (session, _) = create_session(&app, &mut ann).await;
    let link = public_link(&app, &mut ann, &session).await;
    let token = app.token(&mut ann, &["read"]).await;
    let mut admin = root(&app).await;
    let id = user_id(&app, "ann@example.org").await;

    let page = app.get(&mut admin, &format!("/admin/people/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("ann@example.org") && page.body.contains("Block the account"));

    let path = format!("/admin/people/{id}/block");
    let unexplained = app
        .post_form(&mut admin, &path, &[("reason", "  "), ("message", "")])
        .await;
    assert_eq!(unexplained.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unexplained.body.contains("aria-invalid=\"true\""));
    assert!(
        app.signed_in(&mut ann).await,
        "nothing happened without a reason"
    );

    let blocked = app
        .post_form(
            &mut admin,
            &path,
            &[
                ("reason", "Sending spam invitations"),
                ("message", "Write to us if this is a mistake."),
            ],
        )
        .await;
    assert_eq!(
        blocked.location(),
        format!("/admin/people/{id}?notice=account-blocked")
    );
    assert!(!app.signed_in(&mut ann).await, "the login ended");
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
    let shown = app.get(&mut Browser::default(), &link).await;
    assert_eq!(shown.status, StatusCode::NOT_FOUND);
    let mail = app.last_mail_to("ann@example.org").await;
    assert!(mail.subject.contains("is blocked"), "{}", mail.subject);
    assert!(
        mail.text_body.contains("Sending spam invitations")
            && mail.text_body.contains("Write to us if this is a mistake."),
        "{}",
        mail.text_body
    );

    let (_, refused) = app.sign_in("ann@example.org", PASSWORD).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        refused.body.contains("This account is blocked"),
        "{}",
        refused.body
    );
    // A wrong password learns nothing of the block.
    let (_, wrong) = app.sign_in("ann@example.org", "not the password").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(!wrong.body.contains("blocked"));

    let listed = app.get(&mut admin, "/admin?q=ann").await;
    assert!(listed.body.contains("Blocked"), "{}", listed.body);
    let again = app
        .post_form(&mut admin, &path, &[("reason", "Twice")])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    let unblocked = app
        .post_form(
            &mut admin,
            &format!("/admin/people/{id}/unblock"),
            &[("reason", "Explained by email"), ("message", "")],
        )
        .await;
    assert_eq!(
        unblocked.location(),
        format!("/admin/people/{id}?notice=account-unblocked")
    );
    let (mut back, res) = app.sign_in("ann@example.org", PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(app.signed_in(&mut back).await);
    assert_eq!(
        app.get(&mut Browser::default(), &link).await.status,
        StatusCode::OK
    );
    assert!(
        app.last_mail_to("ann@example.org")
            .await
            .subject
            .contains("unblocked")
    );

    let log = app.get(&mut admin, "/admin/audit").await;
    assert_eq!(log.status, StatusCode::OK);
    for text in [
        "Sending spam invitations",
        "Explained by email",
        "Blocked",
        "Unblocked",
    ] {
        assert!(log.body.contains(text), "{text}: {}", log.body);
    }
    let only_blocks = app.get(&mut admin, "/admin/audit?action=block").await;
    assert!(only_blocks.body.contains("Sending spam invitations"));
    assert!(!only_blocks.body.contains("Explained by email"));
}

#[tokio::test]
async fn restrictions_refuse_publishing_public_links_and_invitations_until_lifted() {
    let app = TestApp::new().await;
    let mut ann = app.register("ann@example.org").await;
    let (session, _) = create_session(&app, &mut ann).await;
    let (method_page, _) = create_method(&app, &mut ann, "Fishbowl").await;
    let mut admin = root(&app).await;
    let id = user_id(&app, "ann@example.org").await;
    let restrict = format!("/admin/people/{id}/restrict");

    let nothing = app
        .post_form(&mut admin, &restrict, &[("reason", "Spam")])
        .await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bad_days = app
        .post_form(
            &mut admin,
            &restrict,
            &[("publish", "on"), ("days", "0"), ("reason", "Spam")],
        )
        .await;
    assert_eq!(bad_days.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_days
            .body
            .contains("Enter a number of days from 1 to 3650")
    );
    let done = app
        .post_form(
            &mut admin,
            &restrict,
            &[
                ("publish", "on"),
                ("public_links", "on"),
                ("invite", "on"),
                ("days", "7"),
                ("reason", "Spam in the library"),
                ("message", "Please stop."),
            ],
        )
        .await;
    assert_eq!(
        done.location(),
        format!("/admin/people/{id}?notice=account-restricted")
    );
    let mail = app.last_mail_to("ann@example.org").await;
    assert!(
        mail.text_body.contains("public links to sessions"),
        "{}",
        mail.text_body
    );

    let publish = app
        .post_form(
            &mut ann,
            &format!("{method_page}/publish"),
            &[("action", "request")],
        )
        .await;
    assert_eq!(publish.status, StatusCode::FORBIDDEN);
    assert!(
        publish.body.contains("right to publish"),
        "{}",
        publish.body
    );
    let link = app
        .post_form(
            &mut ann,
            &format!("/sessions/{session}/links"),
            &[("expires", "")],
        )
        .await;
    assert_eq!(link.status, StatusCode::FORBIDDEN);
    let invite = app
        .api(
            &mut ann,
            Method::POST,
            &format!("/api/v1/sessions/{session}/invitations"),
            Some(json!({"email": "bob@example.org", "role": "editor"})),
            None,
        )
        .await;
    assert_eq!(invite.status, StatusCode::FORBIDDEN, "{}", invite.body);
    assert_eq!(invite.json()["error"]["code"], "restricted");

    let page = app.get(&mut admin, &format!("/admin/people/{id}")).await;
    assert!(page.body.contains("Spam in the library"));
    let lifted = app
        .post_form(
            &mut admin,
            &format!("/admin/people/{id}/lift/publish"),
            &[("reason", "Talked it over")],
        )
        .await;
    assert_eq!(
        lifted.location(),
        format!("/admin/people/{id}?notice=restriction-lifted")
    );
    let publish = app
        .post_form(
            &mut ann,
            &format!("{method_page}/publish"),
            &[("action", "request")],
        )
        .await;
    assert_eq!(publish.status, StatusCode::SEE_OTHER, "{}", publish.body);
    // The others still hold.
    let link = app
        .post_form(
            &mut ann,
            &format!("/sessions/{session}/links"),
            &[("expires", "")],
        )
        .await;
    assert_eq!(link.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_administrator_role_is_given_and_taken_with_a_reason_and_the_last_one_keeps_it() {
    let app = TestApp::new().await;
    let mut admin = root(&app).await;
    let mut ann = app.register("ann@example.org").await;
    let id = user_id(&app, "ann@example.org").await;
    let root_id = user_id(&app, "root@example.org").await;
    assert_eq!(
        app.get(&mut ann, "/admin").await.status,
        StatusCode::NOT_FOUND
    );
    let granted = app
        .post_form(
            &mut admin,
            &format!("/admin/people/{id}/role"),
            &[("role", "admin"), ("reason", "Joins support")],
        )
        .await;
    assert_eq!(
        granted.location(),
        format!("/admin/people/{id}?notice=administrator-granted")
    );
    assert_eq!(app.get(&mut ann, "/admin").await.status, StatusCode::OK);
    // An administrator is not blocked before they are an ordinary account.
    let block = app
        .post_form(
            &mut admin,
            &format!("/admin/people/{id}/block"),
            &[("reason", "Test")],
        )
        .await;
    assert_eq!(block.status, StatusCode::CONFLICT);
    let revoked = app
        .post_form(
            &mut ann,
            &format!("/admin/people/{root_id}/role"),
            &[("role", "user"), ("reason", "Leaves")],
        )
        .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER, "{}", revoked.body);
    assert_eq!(
        app.get(&mut admin, "/admin").await.status,
        StatusCode::NOT_FOUND
    );
    let last = app
        .post_form(
            &mut ann,
            &format!("/admin/people/{id}/role"),
            &[("role", "user"), ("reason", "Leaves too")],
        )
        .await;
    assert_eq!(last.status, StatusCode::CONFLICT);
    assert!(
        last.body.contains("at least one administrator"),
        "{}",
        last.body
    );
    let log = app.get(&mut ann, "/admin/audit?action=grant_admin").await;
    assert!(log.body.contains("Joins support") && !log.body.contains("Leaves"));
}

/// Every `.route("/admin…", …)` in the server's source, with the methods it answers.
fn console_routes() -> Vec<(String, Vec<Method>)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pages"),
        &mut files,
    );
    let mut routes = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        for (at, _) in text.match_indices(".route(") {
            // The call's text, to its closing parenthesis.
            let rest = &text[at + ".route(".len()..];
            let mut depth = 1;
            let end = rest
                .char_indices()
                .find(|(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(rest.len(), |(i, _)| i);
            let call = &rest[..end];
            let Some(path) = call.split('"').nth(1) else {
                continue;
            };
            if !path.starts_with("/admin") {
                continue;
            }
            let mut methods = Vec::new();
            if call.contains("get(") {
                methods.push(Method::GET);
            }
            if call.contains("post(") {
                methods.push(Method::POST);
            }
            routes.push((path.to_owned(), methods));
        }
    }
    routes
}

#[tokio::test]
async fn every_console_route_answers_404_to_anyone_but_an_administrator() {
    let app = TestApp::new().await;
    let mut admin = root(&app).await;
    let mut ann = app.register("ann@example.org").await;
    let ann_id = user_id(&app, "ann@example.org").await;
    let routes = console_routes();
    for known in [
        "/admin",
        "/admin/people/{id}",
        "/admin/people/{id}/block",
        "/admin/audit",
        "/admin/moderation",
        "/admin/legal",
    ] {
        assert!(
            routes.iter().any(|(p, _)| p == known),
            "{known} not found in {routes:?}"
        );
    }
    let fill = |path: &str| {
        path.replace("{id}", &ann_id.to_string())
            .replace("{document}", "terms")
            .replace("{kind}", "publish")
    };
    let mut anonymous = Browser::default();
    for (path, methods) in &routes {
        let path = fill(path);
        for method in methods {
            for (who, browser) in [("a person", &mut ann), ("a visitor", &mut anonymous)] {
                let res = if *method == Method::GET {
                    app.get(browser, &path).await
                } else {
                    app.post_form(browser, &path, &[("reason", "mine"), ("role", "admin")])
                        .await
                };
                assert_eq!(res.status, StatusCode::NOT_FOUND, "{who}: {method} {path}");
            }
        }
    }
    assert!(!app.state.store.user(ann_id).await.expect("ann").is_admin);
    assert!(
        app.state
            .store
            .user(ann_id)
            .await
            .expect("ann")
            .blocked_at
            .is_none()
    );
    // An administrator reaches every page without a parameter.
    for (path, methods) in &routes {
        if !path.contains('{') && methods.contains(&Method::GET) {
            let res = app.get(&mut admin, path).await;
            assert_ne!(res.status, StatusCode::NOT_FOUND, "{path}");
        }
    }
}

/// Ann's method, published in the public library: its page's path and its id.
pub async fn public_method(
    app: &TestApp,
    ann: &mut Browser,
    admin: &mut Browser,
) -> (String, String) {
    let (page, id) = create_method(app, ann, "Fishbowl").await;
    let asked = app
        .post_form(ann, &format!("{page}/publish"), &[("action", "request")])
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let approved = app
        .post_form(
            admin,
            &format!("/admin/moderation/method/{id}"),
            &[("decision", "approve"), ("note", "")],
        )
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    (page, id)
}

#[tokio::test]
async fn a_reported_method_is_removed_with_its_author_and_reporter_told_and_restored_within_30_days()
 {
    let app = TestApp::new().await;
    let mut admin = root(&app).await;
    let mut ann = app.register("ann@example.org").await;
    let (page, id) = public_method(&app, &mut ann, &mut admin).await;
    let mut bob = app.register("bob@example.org").await;
    assert_eq!(app.get(&mut bob, &page).await.status, StatusCode::OK);
    assert!(
        app.get(&mut bob, &page)
            .await
            .body
            .contains("Report this method")
    );

    let form = format!("{page}/report");
    let empty = app.post_form(&mut bob, &form, &[("body", "")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let sent = app
        .post_form(
            &mut bob,
            &form,
            &[
                ("category", "spam"),
                ("body", "It advertises a paid course."),
            ],
        )
        .await;
    assert_eq!(sent.location(), format!("{form}?sent=1"), "{}", sent.body);
    assert!(
        app.get(&mut bob, sent.location())
            .await
            .body
            .contains("Thank you")
    );

    let queue = app.get(&mut admin, "/admin/reports").await;
    assert!(
        queue.body.contains("It advertises a paid course.") && queue.body.contains("1 open report")
    );
    let report = app.state.store.reports(10).await.expect("reports")[0].id;
    let ann_id = user_id(&app, "ann@example.org").await;
    let about_ann = app
        .get(&mut admin, &format!("/admin/people/{ann_id}"))
        .await;
    assert!(
        about_ann.body.contains("Reports about what they made")
            && about_ann.body.contains("Fishbowl")
            && about_ann.body.contains("Open, waiting for a decision")
            && about_ann
                .body
                .contains(&format!("/admin/reports#report-{report}")),
        "{}",
        about_ann.body
    );
    let unexplained = app
        .post_form(
            &mut admin,
            &format!("/admin/reports/{report}/remove"),
            &[("reason", "")],
        )
        .await;
    assert_eq!(unexplained.status, StatusCode::UNPROCESSABLE_ENTITY);
    let removed = app
        .post_form(
            &mut admin,
            &format!("/admin/reports/{report}/remove"),
            &[("reason", "Advertising is not a method.")],
        )
        .await;
    assert_eq!(removed.location(), "/admin/reports?notice=content-removed");
    assert_eq!(app.get(&mut bob, &page).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&mut ann, &page).await.status,
        StatusCode::OK,
        "the author keeps it"
    );
    let to_ann = app.last_mail_to("ann@example.org").await;
    assert!(
        to_ann.subject.contains("removed from the public library"),
        "{}",
        to_ann.subject
    );
    assert!(to_ann.text_body.contains("Advertising is not a method."));
    let to_bob = app.last_mail_to("bob@example.org").await;
    assert!(to_bob.subject.contains("removed"), "{}", to_bob.subject);
    let again = app
        .post_form(
            &mut admin,
            &format!("/admin/reports/{report}/dismiss"),
            &[("reason", "Twice")],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let about_ann = app
        .get(&mut admin, &format!("/admin/people/{ann_id}"))
        .await;
    assert!(
        about_ann.body.contains("Removed on")
            && about_ann.body.contains("Advertising is not a method."),
        "the report's outcome on its owner's page"
    );

    let content = app.get(&mut admin, "/admin/content").await;
    assert!(content.body.contains("Fishbowl"), "{}", content.body);
    let restored = app
        .post_form(
            &mut admin,
            &format!("/admin/content/method/{id}/restore"),
            &[("reason", "The author explained it is free.")],
        )
        .await;
    assert_eq!(
        restored.location(),
        "/admin/content?notice=content-restored"
    );
    assert_eq!(app.get(&mut bob, &page).await.status, StatusCode::OK);
    assert!(
        app.last_mail_to("ann@example.org")
            .await
            .subject
            .contains("back in the public library")
    );
    let twice = app
        .post_form(
            &mut admin,
            &format!("/admin/content/method/{id}/restore"),
            &[("reason", "Again")],
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);

    // Removed longer than 30 days ago: no longer restorable.
    let by_address = app
        .post_form(
            &mut admin,
            "/admin/content",
            &[
                ("address", &format!("http://localhost{page}")),
                ("reason", "Spam again"),
            ],
        )
        .await;
    assert_eq!(
        by_address.location(),
        "/admin/content?notice=content-removed"
    );
    let month = 31 * 86_400_000_i64;
    match app.state.store.db() {
        store::Db::Sqlite(pool) => {
            sqlx::query("UPDATE methods SET withheld_at = withheld_at - $1")
                .bind(month)
                .execute(pool)
                .await
                .expect("aged");
        }
        store::Db::Postgres(pool) => {
            sqlx::query("UPDATE methods SET withheld_at = withheld_at - $1")
                .bind(month)
                .execute(pool)
                .await
                .expect("aged");
        }
    }
    let late = app
        .post_form(
            &mut admin,
            &format!("/admin/content/method/{id}/restore"),
            &[("reason", "Too late")],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(
        late.body.contains("can no longer be restored"),
        "{}",
        late.body
    );
    let log = app
        .get(&mut admin, "/admin/audit?action=remove_content")
        .await;
    assert!(log.body.contains("Advertising is not a method.") && log.body.contains("Spam again"));
}

#[tokio::test]
async fn a_visitor_reports_a_public_link_with_an_address_and_hears_of_the_dismissal() {
    let app = TestApp::new().await;
    let mut admin = root(&app).await;
    let mut ann = app.register("ann@example.org").await;
    let (session, _) = create_session(&app, &mut ann).await;
    let link = public_link(&app, &mut ann, &session).await;
    let mut visitor = Browser::default();
    let page = app.get(&mut visitor, &link).await;
    assert!(page.body.contains(&format!("{link}/report")));
    let form = format!("{link}/report");
    let shown = app.get(&mut visitor, &form).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("name=\"email\""));
    let no_address = app
        .post_form(
            &mut visitor,
            &form,
            &[("category", "harmful"), ("body", "Unsafe advice.")],
        )
        .await;
    assert_eq!(no_address.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_address.body.contains("Unsafe advice."),
        "what was typed stays"
    );
    let sent = app
        .post_form(
            &mut visitor,
            &form,
            &[
                ("category", "harmful"),
                ("body", "Unsafe advice."),
                ("email", "visitor@example.org"),
            ],
        )
        .await;
    assert_eq!(sent.location(), format!("{form}?sent=1"), "{}", sent.body);
    let nowhere = app
        .post_form(
            &mut visitor,
            "/p/not-a-real-link/report",
            &[
                ("category", "spam"),
                ("body", "x"),
                ("email", "visitor@example.org"),
            ],
        )
        .await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);

    let report = app.state.store.reports(10).await.expect("reports")[0].clone();
    assert_eq!(report.reporter_email, "visitor@example.org");
    let queue = app.get(&mut admin, "/admin/reports").await;
    assert!(queue.body.contains("Shared retro") && queue.body.contains("visitor@example.org"));
    let dismissed = app
        .post_form(
            &mut admin,
            &format!("/admin/reports/{}/dismiss", report.id),
            &[("reason", "Nothing unsafe on this page.")],
        )
        .await;
    assert_eq!(
        dismissed.location(),
        "/admin/reports?notice=report-dismissed"
    );
    let mail = app.last_mail_to("visitor@example.org").await;
    assert!(mail.subject.contains("no action"), "{}", mail.subject);
    assert!(mail.text_body.starts_with("Hello!"), "{}", mail.text_body);
    assert_eq!(app.get(&mut visitor, &link).await.status, StatusCode::OK);

    // A second report, acted on: the link stops working and its owner hears why.
    let sent = app
        .post_form(
            &mut visitor,
            &form,
            &[
                ("category", "illegal"),
                ("body", "Pirated material."),
                ("email", "visitor@example.org"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let report = app.state.store.reports(10).await.expect("reports")[0].id;
    let removed = app
        .post_form(
            &mut admin,
            &format!("/admin/reports/{report}/remove"),
            &[("reason", "Pirated material.")],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(
        app.get(&mut visitor, &link).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        app.last_mail_to("ann@example.org")
            .await
            .subject
            .contains("is disabled")
    );
    // No new link undoes it until it is restored.
    let fresh = app
        .post_form(
            &mut ann,
            &format!("/sessions/{session}/links"),
            &[("expires", "")],
        )
        .await;
    assert_eq!(fresh.status, StatusCode::CONFLICT);
    assert!(
        fresh.body.contains("disabled this session"),
        "{}",
        fresh.body
    );
    let listed = app
        .state
        .store
        .links(session.parse().expect("id"))
        .await
        .expect("links");
    assert!(
        listed.is_empty(),
        "a disabled link is not among the owner's live links"
    );
}
