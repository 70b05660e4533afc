//! News and offers (advertising emails): sent by administrators to everyone with a confirmed
//! address who has not refused, each in their language, with a signed one-click unsubscribe
//! link (RFC 8058) that works without signing in; refused on the account page too.

use crate::helpers::{Browser, Options, TestApp, link_path};
use axum::http::StatusCode;
use domain::Email;
use domain::job::JobKind;

async fn user_id(app: &TestApp, email: &str) -> domain::UserId {
    app.state
        .store
        .user_by_email(&Email::parse(email).expect("email"))
        .await
        .expect("read")
        .expect("user")
        .id
}

async fn choices(app: &TestApp, email: &str) -> store::MessageChoices {
    app.state
        .store
        .user(user_id(app, email).await)
        .await
        .expect("user")
        .message_choices()
}

async fn send_newsletter(app: &TestApp, admin: &mut Browser, subject: &str) {
    let res = app
        .post_form(
            admin,
            "/admin/newsletters",
            &[
                ("subject_en", subject),
                ("body_en", "New designs are here.\n\nTake a look."),
                ("subject_ru", &format!("{subject} (ru)")),
                ("body_ru", "Новые дизайны уже здесь.\n\nЗагляните."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/admin/newsletters?notice=newsletter-sent");
    app.run_jobs().await;
    // Advertising is delivered paced; this is the time passing.
    app.run_waiting_jobs(JobKind::SendMail).await;
}

/// The emails of the outbox with `subject`, by recipient.
async fn sent(app: &TestApp, subject: &str) -> Vec<store::Mail> {
    let mut mails: Vec<store::Mail> = app
        .state
        .store
        .recent_mail(500)
        .await
        .expect("mail")
        .into_iter()
        .filter(|m| m.subject.starts_with(subject))
        .collect();
    mails.sort_by(|a, b| a.to.cmp(&b.to));
    mails
}

#[tokio::test]
async fn news_reach_everyone_who_has_not_refused_in_their_language_with_a_one_click_unsubscribe() {
    let app = TestApp::with(Options {
        smtp: true,
        ..Options::default()
    })
    .await;
    let mut admin = app.register_confirmed("admin@example.org").await;
    app.make_admin("admin@example.org").await;
    app.register_confirmed("anna@example.org").await;
    let mut boris = app.register_confirmed("boris@example.org").await;
    app.post_form(&mut boris, "/language", &[("locale", "ru"), ("next", "/")])
        .await;
    let mut refuser = app.register_confirmed("refuser@example.org").await;
    app.post_form(&mut refuser, "/account/messages", &[("personalised", "on")])
        .await;
    app.register("unconfirmed@example.org").await;

    let page = app.get(&mut admin, "/admin/newsletters").await;
    assert!(
        page.body
            .contains("3 people with a confirmed address have not refused")
    );
    send_newsletter(&app, &mut admin, "Spring news").await;

    let mails = sent(&app, "Spring news").await;
    let to: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
    assert_eq!(
        to,
        vec!["admin@example.org", "anna@example.org", "boris@example.org"],
        "not the one who refused, not an unconfirmed address"
    );
    let boris_mail = &mails[2];
    assert_eq!(boris_mail.subject, "Spring news (ru)");
    assert!(boris_mail.text_body.contains("Новые дизайны уже здесь."));
    assert!(boris_mail.text_body.contains("Отписаться"));
    assert_eq!(mails[1].subject, "Spring news");
    assert!(mails[1].html_body.contains("<p>Take a look.</p>"));

    // The email as the mail server got it carries the RFC 8058 headers.
    let smtp = app.smtp.as_ref().expect("smtp");
    let received = smtp.wait_for("anna@example.org").await;
    let url = mails[1]
        .unsubscribe
        .clone()
        .expect("an unsubscribe address");
    assert!(url.starts_with("http://127.0.0.1:8080/unsubscribe/"));
    assert!(
        received
            .data
            .contains(&format!("List-Unsubscribe: <{url}>")),
        "{}",
        received.data
    );
    assert!(
        received
            .data
            .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    );
    // Informational emails have neither.
    let confirmation = smtp.wait_for("unconfirmed@example.org").await;
    assert!(!confirmation.data.contains("List-Unsubscribe"));

    // The mail client's one-click POST: no cookie, no browser headers.
    let path = link_path(&mails[1].text_body, "/unsubscribe/");
    let res = app
        .post_form_with(
            &mut Browser::default(),
            &path,
            &[("List-Unsubscribe", "One-Click")],
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(choices(&app, "anna@example.org").await.refuses_advertising);
    assert!(!choices(&app, "boris@example.org").await.refuses_advertising);

    send_newsletter(&app, &mut admin, "Summer news").await;
    let to: Vec<String> = sent(&app, "Summer news")
        .await
        .into_iter()
        .map(|m| m.to)
        .collect();
    assert_eq!(to, vec!["admin@example.org", "boris@example.org"]);
    let page = app.get(&mut admin, "/admin/newsletters").await;
    assert!(page.body.contains("Sent: 2 emails queued."));
    assert!(page.body.contains("Sent: 3 emails queued."));
}

#[tokio::test]
async fn an_unsubscribe_link_changes_nothing_when_opened_and_a_forged_one_is_not_found() {
    let app = TestApp::new().await;
    app.register("link@example.org").await;
    let id = user_id(&app, "link@example.org").await;
    let token = plenary_server::advertising::token(&app.state.store, id)
        .await
        .expect("token");
    let mut visitor = Browser::default();
    let page = app
        .get(&mut visitor, &format!("/unsubscribe/{token}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Stop sending news and offers"));
    assert!(!choices(&app, "link@example.org").await.refuses_advertising);

    // Another person's id with this tag, a cut tag, or noise.
    app.register("other@example.org").await;
    let other = user_id(&app, "other@example.org").await;
    let theirs = plenary_server::advertising::token(&app.state.store, other)
        .await
        .expect("token");
    let forged = format!("{}{}", &theirs[..22], &token[22..]);
    for bad in [forged.as_str(), &token[..30], "not-a-token"] {
        let res = app.get(&mut visitor, &format!("/unsubscribe/{bad}")).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{bad}");
        let res = app
            .post_form(&mut visitor, &format!("/unsubscribe/{bad}"), &[])
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{bad}");
    }
    assert!(!choices(&app, "other@example.org").await.refuses_advertising);

    // A mail client may post from anywhere: the token, not a cookie, says whose it is.
    let res = app
        .post_form_with(
            &mut visitor,
            &format!("/unsubscribe/{token}"),
            &[],
            &[
                ("origin", "https://webmail.example"),
                ("sec-fetch-site", "cross-site"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("no more news and offers"));
    assert!(choices(&app, "link@example.org").await.refuses_advertising);
}

#[tokio::test]
async fn the_account_page_refuses_news_and_personalised_advertising_and_takes_them_back() {
    let app = TestApp::new().await;
    let mut b = app.register("choices@example.org").await;
    let page = app.get(&mut b, "/account").await;
    assert!(
        page.body
            .contains(r#"id="messages-advertising" name="advertising" checked"#)
    );
    assert!(!page.body.contains(r#"data-personalised="refused""#));

    let res = app.post_form(&mut b, "/account/messages", &[]).await;
    assert_eq!(res.location(), "/account?notice=messages-saved");
    let now = choices(&app, "choices@example.org").await;
    assert!(now.refuses_advertising && now.refuses_personalised);
    let page = app.get(&mut b, "/account").await;
    assert!(
        page.body
            .contains(r#"id="messages-advertising" name="advertising">"#)
    );
    assert!(
        page.body.contains(r#"data-personalised="refused""#),
        "scripts are told"
    );

    app.post_form(
        &mut b,
        "/account/messages",
        &[("advertising", "on"), ("personalised", "on")],
    )
    .await;
    assert_eq!(
        choices(&app, "choices@example.org").await,
        store::MessageChoices::default()
    );
}

#[tokio::test]
async fn a_news_email_needs_both_languages_and_only_administrators_send_one() {
    let app = TestApp::new().await;
    let mut person = app.register("person@example.org").await;
    let res = app.get(&mut person, "/admin/newsletters").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post_form(
            &mut person,
            "/admin/newsletters",
            &[
                ("subject_en", "x"),
                ("body_en", "x"),
                ("subject_ru", "x"),
                ("body_ru", "x"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    let mut admin = app.register("boss@example.org").await;
    app.make_admin("boss@example.org").await;
    let res = app
        .post_form(
            &mut admin,
            "/admin/newsletters",
            &[
                ("subject_en", "Hello"),
                ("body_en", "Kept as typed"),
                ("subject_ru", "Line\u{7}break"),
                ("body_ru", "  "),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains(r#"id="body_ru-error""#));
    assert!(res.body.contains(r#"id="subject_ru-error""#));
    assert!(res.body.contains("Kept as typed"));
    assert!(
        app.state
            .store
            .newsletters(10)
            .await
            .expect("list")
            .is_empty()
    );
}

#[tokio::test]
async fn a_newsletter_is_queued_batch_by_batch_once_and_never_sent_to_someone_who_refused_meanwhile()
 {
    let app = TestApp::new().await;
    let mut admin = app.register_confirmed("chief@example.org").await;
    app.make_admin("chief@example.org").await;
    for who in [
        "a@example.org",
        "b@example.org",
        "c@example.org",
        "d@example.org",
    ] {
        app.register_confirmed(who).await;
    }
    app.run_jobs().await;
    let page = app.get(&mut admin, "/admin/newsletters").await;
    let marker = r#"name="request_key" value=""#;
    let start = page.body.find(marker).expect("a one-time key") + marker.len();
    let key = page.body[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(key.len() >= 32, "{key}");
    let fields = [
        ("subject_en", "Autumn news"),
        ("body_en", "Hello."),
        ("subject_ru", "Осенние новости"),
        ("body_ru", "Привет."),
        ("request_key", key.as_str()),
    ];
    // Send pressed twice: one newsletter.
    app.post_form(&mut admin, "/admin/newsletters", &fields)
        .await;
    app.post_form(&mut admin, "/admin/newsletters", &fields)
        .await;
    let list = app.state.store.newsletters(10).await.expect("list");
    assert_eq!(list.len(), 1);

    // Two at a time: five people in three batches.
    plenary_server::advertising::queue_newsletter(&app.state, list[0].id, 2)
        .await
        .expect("queued");
    let n = app.state.store.newsletter(list[0].id).await.expect("read");
    assert_eq!(n.queued, 5);
    assert!(n.finished_at.is_some());

    // Someone refuses after the email was queued but before it went out.
    let mut b = app
        .sign_in("b@example.org", crate::helpers::PASSWORD)
        .await
        .0;
    app.post_form(&mut b, "/account/messages", &[]).await;
    app.run_jobs().await;
    app.run_waiting_jobs(JobKind::SendMail).await;
    let mails = sent(&app, "Autumn news").await;
    assert_eq!(mails.len(), 5, "queued once each, not twice");
    for m in &mails {
        let expected = if m.to == "b@example.org" {
            store::MailStatus::Failed
        } else {
            store::MailStatus::Kept
        };
        assert_eq!(m.status, expected, "{}", m.to);
    }
    let refused = mails.iter().find(|m| m.to == "b@example.org").expect("b's");
    assert_eq!(
        refused.error.as_deref(),
        Some("not sent: news and offers were refused")
    );
}
