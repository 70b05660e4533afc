//! Copyright notices and counter-notices through the pages: anyone sends a notice with what
//! the User Agreement asks (a bad one comes back with each mistake and what was typed), the
//! administrator removes the material, its owner alone answers with a counter-notice from the
//! link in their email, the notice's sender hears of it, and the administrator's decision
//! reaches both.

use crate::administration::{public_method, root};
use crate::helpers::{Browser, TestApp};
use axum::http::StatusCode;

fn notice<'a>(url: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("material_url", url),
        ("work", "Chapter 3 of my book, 2019"),
        ("name", "Vera Rights"),
        ("email", email),
        ("phone", "+7 900 000-00-00"),
        ("good_faith", "on"),
        ("accurate", "on"),
    ]
}

/// Ann's counter-notice, with `statement`.
fn counter_notice(statement: &str) -> Vec<(&str, &str)> {
    vec![
        ("name", "Ann Petrova"),
        ("email", "ann@example.org"),
        ("phone", "+7 900 111-11-11"),
        ("statement", statement),
        ("good_faith", "on"),
        ("disclose", "on"),
    ]
}

#[tokio::test]
async fn a_copyright_notice_takes_material_down_and_its_owner_s_counter_notice_brings_it_back() {
    let app = TestApp::new().await;
    let mut admin = root(&app).await;
    let mut ann = app.register("ann@example.org").await;
    let (page, _) = public_method(&app, &mut ann, &mut admin).await;
    let mut bob = app.register("bob@example.org").await;
    let mut visitor = Browser::default();

    let form = app
        .get(&mut visitor, &format!("/copyright?url={page}"))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains(&format!(r#"value="{page}""#)),
        "filled in"
    );
    let unticked: Vec<_> = notice(&page, "vera@example.org")
        .into_iter()
        .filter(|(k, _)| *k != "accurate")
        .collect();
    let res = app.post_form(&mut visitor, "/copyright", &unticked).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains(r#"id="accurate-error""#));
    assert!(res.body.contains(r#"value="Vera Rights""#), "kept");
    for elsewhere in [
        "https://elsewhere.example/library/methods/0190a7c6-0000-7000-8000-000000000000",
        "/library/methods/0190a7c6-0000-7000-8000-000000000000",
        "/sessions",
    ] {
        let res = app
            .post_form(
                &mut visitor,
                "/copyright",
                &notice(elsewhere, "vera@example.org"),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{elsewhere}");
        assert!(
            res.body
                .contains("Give the address of the material on this service"),
            "{elsewhere}"
        );
    }
    let full_url = format!("http://127.0.0.1:8080{page}");
    let sent = app
        .post_form(
            &mut visitor,
            "/copyright",
            &notice(&full_url, "vera@example.org"),
        )
        .await;
    assert_eq!(sent.location(), "/copyright?sent=1");

    let queue = app.get(&mut admin, "/admin/reports").await;
    assert!(
        queue
            .body
            .contains("Vera Rights, vera@example.org, +7 900 000-00-00")
            && queue.body.contains("Chapter 3 of my book, 2019")
            && queue.body.contains("Copyright infringement"),
        "{}",
        queue.body
    );
    let report = app.state.store.reports(10).await.expect("reports")[0].id;
    let removed = app
        .post_form(
            &mut admin,
            &format!("/admin/reports/{report}/remove"),
            &[("reason", "Copied from a book.")],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(app.get(&mut bob, &page).await.status, StatusCode::NOT_FOUND);
    let to_ann = app.last_mail_to("ann@example.org").await;
    let counter = format!("/copyright/counter/{report}");
    assert!(to_ann.text_body.contains(&counter), "{}", to_ann.text_body);
    assert!(
        app.last_mail_to("vera@example.org")
            .await
            .subject
            .contains("removed"),
        "the sender hears of the removal"
    );

    assert_eq!(
        app.get(&mut bob, &counter).await.status,
        StatusCode::NOT_FOUND,
        "only the owner answers"
    );
    assert_eq!(
        app.post_form(&mut bob, &counter, &counter_notice("Not mine."))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&mut Browser::default(), &counter).await.status,
        StatusCode::SEE_OTHER,
        "signed out: to the sign-in"
    );
    let answer = app.get(&mut ann, &counter).await;
    assert!(
        answer.body.contains("Vera Rights") && answer.body.contains("Copied from a book."),
        "{}",
        answer.body
    );
    let res = app
        .post_form(
            &mut ann,
            &counter,
            &[("statement", "I made it up in 2015.")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains(r#"id="good_faith-error""#) && res.body.contains("I made it up in 2015.")
    );
    let answered = app
        .post_form(&mut ann, &counter, &counter_notice("I made it up in 2015."))
        .await;
    assert_eq!(answered.location(), counter);
    assert!(
        app.get(&mut ann, &counter)
            .await
            .body
            .contains("Your counter-notice was sent on")
    );
    let to_vera = app.last_mail_to("vera@example.org").await;
    assert!(
        to_vera.subject.contains("A counter-notice about"),
        "{}",
        to_vera.subject
    );
    assert!(
        to_vera
            .text_body
            .contains("Ann Petrova, ann@example.org, +7 900 111-11-11")
            && to_vera.text_body.contains("I made it up in 2015."),
        "{}",
        to_vera.text_body
    );
    let again = app
        .post_form(&mut ann, &counter, &counter_notice("Again."))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "one counter-notice");

    let queue = app.get(&mut admin, "/admin/reports").await;
    assert!(
        queue.body.contains("Counter-notices waiting")
            && queue.body.contains("I made it up in 2015.")
    );
    let decide = format!("/admin/reports/{report}/counter/restore");
    let unexplained = app.post_form(&mut admin, &decide, &[("reason", "")]).await;
    assert_eq!(unexplained.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.post_form(&mut ann, &decide, &[("reason", "Mine")])
            .await
            .status,
        StatusCode::NOT_FOUND,
        "only administrators decide"
    );
    let restored = app
        .post_form(
            &mut admin,
            &decide,
            &[("reason", "Her format predates the book.")],
        )
        .await;
    assert_eq!(
        restored.location(),
        "/admin/reports?notice=content-restored"
    );
    assert_eq!(
        app.get(&mut bob, &page).await.status,
        StatusCode::OK,
        "public again"
    );
    assert!(
        app.last_mail_to("ann@example.org")
            .await
            .subject
            .contains("is back after your counter-notice")
    );
    let to_vera = app.last_mail_to("vera@example.org").await;
    assert!(
        to_vera
            .subject
            .contains("was restored after a counter-notice")
    );
    assert!(to_vera.text_body.contains("Her format predates the book."));
    assert!(
        app.get(&mut ann, &counter)
            .await
            .body
            .contains("Restored on"),
        "the owner sees the outcome"
    );
    let twice = app
        .post_form(
            &mut admin,
            &format!("/admin/reports/{report}/counter/uphold"),
            &[("reason", "Second thoughts")],
        )
        .await;
    assert_eq!(
        twice.location(),
        "/admin/reports?notice=counter-decided",
        "decided once"
    );
}

#[tokio::test]
async fn a_signed_in_person_s_notice_about_a_public_link_keeps_no_secret_and_is_answered_at_the_address_it_gives()
 {
    let app = TestApp::new().await;
    let mut admin = root(&app).await;
    let mut ann = app.register("ann@example.org").await;
    let (session, _) = crate::sharing::create_session(&app, &mut ann).await;
    let link = crate::administration::public_link(&app, &mut ann, &session).await;
    let mut bob = app.register("bob@example.org").await;
    let sent = app
        .post_form(&mut bob, "/copyright", &notice(&link, "rights@example.org"))
        .await;
    assert_eq!(sent.location(), "/copyright?sent=1", "{}", sent.body);
    let report = app.state.store.reports(10).await.expect("reports")[0].clone();
    assert_eq!(
        (report.reporter_id, report.reporter_email.as_str()),
        (None, "rights@example.org"),
        "filed under the address it gives, not bob's account"
    );
    let secret = link.trim_start_matches("/p/");
    let kept = app
        .state
        .store
        .copyright_notice(report.id)
        .await
        .expect("read")
        .expect("a notice");
    assert!(
        kept.material_url.starts_with("/p/… (link ") && !kept.material_url.contains(secret),
        "{}",
        kept.material_url
    );
    let queue = app.get(&mut admin, "/admin/reports").await;
    assert!(
        !queue.body.contains(secret),
        "the queue never shows the secret"
    );
    let removed = app
        .post_form(
            &mut admin,
            &format!("/admin/reports/{}/remove", report.id),
            &[("reason", "Copied slides.")],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(
        app.get(&mut Browser::default(), &link).await.status,
        StatusCode::NOT_FOUND
    );
    let counter = format!("/copyright/counter/{}", report.id);
    assert!(
        app.last_mail_to("ann@example.org")
            .await
            .text_body
            .contains(&counter)
    );
    let answered = app
        .post_form(&mut ann, &counter, &counter_notice("My own slides."))
        .await;
    assert_eq!(answered.location(), counter);
    let to_sender = app.last_mail_to("rights@example.org").await;
    assert!(
        to_sender.subject.contains("A counter-notice about"),
        "{}",
        to_sender.subject
    );
    assert!(
        !app.last_mail_to("bob@example.org")
            .await
            .subject
            .contains("counter-notice"),
        "bob's account address hears nothing of it"
    );
    let kept_removed = app
        .post_form(
            &mut admin,
            &format!("/admin/reports/{}/counter/uphold", report.id),
            &[("reason", "The slides are the book's.")],
        )
        .await;
    assert_eq!(
        kept_removed.location(),
        "/admin/reports?notice=removal-upheld"
    );
    assert_eq!(
        app.get(&mut Browser::default(), &link).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        app.last_mail_to("ann@example.org")
            .await
            .subject
            .contains("stays removed")
    );
}
