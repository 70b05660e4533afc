//! The legal documents with versions: administrators write a new version as a draft and
//! publish it with a date at least the notice period away; the publication is announced by an
//! informational email to every confirmed address and by a banner that signed-in people see
//! until they say they have read it; the version takes effect on its date, and those who had
//! not seen it are told it changed.

use crate::helpers::{Browser, Options, TestApp};
use axum::http::StatusCode;
use domain::job::JobKind;
use store::Db;

const DAY_MS: i64 = 86_400_000;

/// The day `days` from today (UTC), as the date field sends it.
fn day_in(days: i64) -> String {
    jiff::Timestamp::from_millisecond(store::now_ms() + days * DAY_MS)
        .expect("now")
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

/// The texts of version 2 of the User Agreement, as the draft's form sends them.
const DRAFT: [(&str, &str); 4] = [
    ("body_en", "## 1. General\n\n1.1. Version two."),
    ("body_ru", "## 1. Общие положения\n\n1.1. Вторая редакция."),
    ("changes_en", "Clause 1.1 says **version two**."),
    ("changes_ru", "Пункт 1.1 говорит о **второй редакции**."),
];

/// Sends the draft's form with Publish and `day`.
async fn publish(
    app: &TestApp,
    admin: &mut Browser,
    draft: &str,
    day: &str,
) -> crate::helpers::TestResponse {
    let mut form = DRAFT.to_vec();
    form.push(("effective_on", day));
    app.post_form(admin, &format!("{draft}/publish"), &form)
        .await
}

/// Writes a new version of the User Agreement as `admin`; the draft's page.
async fn write_draft(app: &TestApp, admin: &mut Browser) -> String {
    let res = app.post_form(admin, "/admin/legal/terms/new", &DRAFT).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let draft = res.location().split('?').next().expect("path").to_owned();
    assert!(draft.starts_with("/admin/legal/drafts/"), "{draft}");
    draft
}

/// Moves version 2's date of effect into the past, as time passing would.
async fn let_version_two_take_effect(app: &TestApp) {
    let sql = "UPDATE legal_versions SET effective_at = $1 WHERE document = 'terms' AND number = 2";
    let past = store::now_ms() - 1_000;
    match app.state.store.db() {
        Db::Sqlite(pool) => sqlx::query(sql).bind(past).execute(pool).await.map(drop),
        Db::Postgres(pool) => sqlx::query(sql).bind(past).execute(pool).await.map(drop),
    }
    .expect("moved");
    app.state.legal.forget();
}

#[tokio::test]
async fn a_new_version_is_announced_by_email_and_banner_and_takes_effect_on_its_date() {
    let app = TestApp::with(Options {
        smtp: true,
        ..Options::default()
    })
    .await;
    let mut admin = app.register_confirmed("admin@example.org").await;
    app.make_admin("admin@example.org").await;
    let mut anna = app.register_confirmed("anna@example.org").await;
    let mut boris = app.register_confirmed("boris@example.org").await;
    app.post_form(&mut boris, "/language", &[("locale", "ru"), ("next", "/")])
        .await;
    // Refusing advertising does not refuse notices of the agreement.
    app.post_form(&mut boris, "/account/messages", &[]).await;

    // Only administrators reach the console.
    assert_eq!(
        app.get(&mut anna, "/admin/legal").await.status,
        StatusCode::NOT_FOUND
    );
    let list = app.get(&mut admin, "/admin/legal").await;
    assert!(
        list.body.contains("Version 1 · in force since"),
        "{}",
        list.body
    );
    // A new version starts from the text in force.
    let form = app.get(&mut admin, "/admin/legal/terms/new").await;
    assert!(
        form.body.contains("1.3."),
        "the starter text is in the form"
    );

    let draft = write_draft(&app, &mut admin).await;
    let page = app.get(&mut admin, &draft).await;
    assert!(
        page.body.contains("1.1. Version two."),
        "the draft as people will read it"
    );
    assert!(
        !app.get(&mut anna, "/").await.body.contains("legal-banner"),
        "a draft is announced to nobody"
    );

    // Too soon: 14 whole days of notice, so the 14th day from today is one too early.
    let res = publish(&app, &mut admin, &draft, &day_in(14)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("at least 14 days from today"),
        "{}",
        res.body
    );
    assert!(
        res.body.contains("1.1. Version two."),
        "what was typed stays"
    );
    let res = publish(&app, &mut admin, &draft, "next week").await;
    assert!(res.body.contains("Enter a date as YYYY-MM-DD."));
    let res = publish(&app, &mut admin, &draft, &day_in(400)).await;
    assert!(res.body.contains("within 366 days"), "{}", res.body);

    let res = publish(&app, &mut admin, &draft, &day_in(15)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/admin/legal?notice=legal-published");
    assert_eq!(
        app.get(&mut admin, &draft).await.status,
        StatusCode::NOT_FOUND,
        "a published version has no draft page: it never changes"
    );

    // The announcement: every confirmed address, in its language, informational.
    app.run_jobs().await;
    app.run_waiting_jobs(JobKind::SendMail).await;
    let to_anna = app.last_mail_to("anna@example.org").await;
    assert!(
        to_anna.subject.starts_with("The User Agreement changes on"),
        "{}",
        to_anna.subject
    );
    assert!(
        to_anna.text_body.contains("Clause 1.1 says version two."),
        "what changes, without Markdown: {}",
        to_anna.text_body
    );
    assert!(to_anna.text_body.contains("/terms/versions/2"));
    assert!(
        to_anna.unsubscribe.is_none(),
        "informational: no unsubscribe"
    );
    let to_boris = app.last_mail_to("boris@example.org").await;
    assert!(
        to_boris
            .subject
            .starts_with("Новая редакция документа «Пользовательское соглашение»"),
        "{}",
        to_boris.subject
    );

    // Before the date: the version in force is still 1, with the new one announced.
    let terms = app.get(&mut Browser::default(), "/terms").await;
    assert!(terms.body.contains("Version 1 · in force since"));
    assert!(terms.body.contains("A new version takes effect on"));
    let two = app.get(&mut Browser::default(), "/terms/versions/2").await;
    assert!(two.body.contains("Version 2 · takes effect on"));
    assert!(two.body.contains("What changes"));
    assert!(two.body.contains("<strong>version two</strong>"));

    // Signed-in people see the banner until they say they have read it.
    let home = app.get(&mut anna, "/").await;
    assert!(
        home.body.contains("The User Agreement changes on"),
        "{}",
        home.body
    );
    let res = app
        .post_form(&mut anna, "/legal/seen", &[("next", "/library")])
        .await;
    assert_eq!(res.location(), "/library");
    assert!(!app.get(&mut anna, "/").await.body.contains("legal-banner"));
    let anna_id = app
        .state
        .store
        .user_by_email(&domain::Email::parse("anna@example.org").expect("e"))
        .await
        .expect("q")
        .expect("anna")
        .id;
    let accepted = app
        .state
        .store
        .legal_accepted_by(anna_id)
        .await
        .expect("accepted");
    assert!(
        accepted
            .iter()
            .any(|a| a.document == "terms" && a.number == 2 && a.how == "notice"),
        "{accepted:?}"
    );

    // Another version waits while this one does.
    let second = write_draft(&app, &mut admin).await;
    let res = publish(&app, &mut admin, &second, &day_in(30)).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.body.contains("waits for its date"));
    let res = app
        .post_form(&mut admin, &format!("{second}/delete"), &[])
        .await;
    assert_eq!(res.location(), "/admin/legal?notice=legal-draft-deleted");

    // On its date it is in force, and Boris, who never said he had read it, is told it changed.
    let_version_two_take_effect(&app).await;
    let terms = app.get(&mut Browser::default(), "/terms").await;
    assert!(terms.body.contains("Version 2 · in force since"));
    assert!(terms.body.contains("Version two."));
    let home = app.get(&mut boris, "/").await;
    assert!(
        home.body
            .contains("действует новая редакция документа «Пользовательское соглашение»"),
        "{}",
        home.body
    );
    assert!(!app.get(&mut anna, "/").await.body.contains("legal-banner"));
    let versions = app.get(&mut Browser::default(), "/terms/versions").await;
    assert!(versions.body.contains("Version 1"));
    assert!(versions.body.contains("since replaced"));
}

#[tokio::test]
async fn a_person_registering_before_a_new_version_takes_effect_accepts_the_one_in_force_and_is_told_of_the_next()
 {
    let app = TestApp::new().await;
    let mut admin = app.register_confirmed("admin@example.org").await;
    app.make_admin("admin@example.org").await;
    let draft = write_draft(&app, &mut admin).await;
    let res = publish(&app, &mut admin, &draft, &day_in(20)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let form = app.get(&mut Browser::default(), "/register").await;
    assert!(
        form.body.contains("The User Agreement changes on"),
        "{}",
        form.body
    );
    let mut late_browser = app.register("late@example.org").await;
    // Told on the form, and on every page until they say they have read it.
    let home = app.get(&mut late_browser, "/").await;
    assert!(
        home.body.contains("The User Agreement changes on"),
        "{}",
        home.body
    );
    let late = app
        .state
        .store
        .user_by_email(&domain::Email::parse("late@example.org").expect("e"))
        .await
        .expect("q")
        .expect("late");
    assert_eq!(late.terms_version, "1");
    let numbers: Vec<i64> = app
        .state
        .store
        .legal_accepted_by(late.id)
        .await
        .expect("accepted")
        .iter()
        .filter(|a| a.document == "terms")
        .map(|a| a.number)
        .collect();
    assert_eq!(numbers, [1], "the version in force, not the announced one");
}

#[tokio::test]
async fn a_draft_without_both_texts_or_what_changed_is_refused_and_keeps_what_was_typed() {
    let app = TestApp::new().await;
    let mut admin = app.register_confirmed("admin@example.org").await;
    app.make_admin("admin@example.org").await;
    let res = app
        .post_form(
            &mut admin,
            "/admin/legal/privacy/new",
            &[("body_en", "## 1. Only English"), ("body_ru", "  ")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains(r#"id="body_ru-error""#));
    assert!(res.body.contains("## 1. Only English"));
    let res = app
        .post_form(
            &mut admin,
            "/admin/legal/privacy/new",
            &[("body_en", "## 1. English"), ("body_ru", "## 1. Русский")],
        )
        .await;
    let draft = res.location().split('?').next().expect("path").to_owned();
    let res = app
        .post_form(
            &mut admin,
            &format!("{draft}/publish"),
            &[
                ("body_en", "## 1. English"),
                ("body_ru", "## 1. Русский"),
                ("effective_on", &day_in(20)),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains(r#"id="changes_en-error""#),
        "what changed is needed"
    );
    assert!(res.body.contains(r#"id="changes_ru-error""#));
    assert_eq!(
        app.get(&mut admin, "/admin/legal/nonsense/new")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
