//! Deletion after 24 months without use: the notices 30 and 7 days before by email, the
//! deletion after the last, a sign-in that starts the count again, and the admin of a
//! workspace with a plan in force left alone. Time goes by through `Store::age_activity`.

use crate::helpers::{PASSWORD, TestApp};
use plenary_server::inactivity::{Pass, pass};

const DAY: i64 = 86_400_000;

async fn id_of(app: &TestApp, email: &str) -> Option<domain::UserId> {
    app.state
        .store
        .user_by_email(&domain::Email::parse(email).expect("email"))
        .await
        .expect("query")
        .map(|u| u.id)
}

async fn age(app: &TestApp, email: &str, days: i64) {
    let id = id_of(app, email).await.expect("an account");
    app.state
        .store
        .age_activity(id, days * DAY)
        .await
        .expect("aged");
}

async fn mails_to(app: &TestApp, to: &str) -> Vec<String> {
    app.state
        .store
        .recent_mail(100)
        .await
        .expect("mail")
        .into_iter()
        .filter(|m| m.to == to && m.subject.contains("will be deleted"))
        .map(|m| m.subject)
        .collect()
}

#[tokio::test]
async fn an_unused_account_is_warned_thirty_and_seven_days_before_and_then_deleted() {
    let app = TestApp::new().await;
    app.register_confirmed("ann@example.org").await;
    let ann = id_of(&app, "ann@example.org").await.expect("ann");
    let now = || store::now_ms();

    // 699 days unused: not yet. 700: the first notice, for 30 days later.
    age(&app, "ann@example.org", 699).await;
    assert_eq!(
        pass(&app.state, now()).await.expect("pass"),
        Pass::default()
    );
    age(&app, "ann@example.org", 1).await;
    let first = pass(&app.state, now()).await.expect("pass");
    assert_eq!((first.noticed, first.deleted), (1, 0));
    let sent = mails_to(&app, "ann@example.org").await;
    assert_eq!(sent.len(), 1);
    let mail = app.last_mail_to("ann@example.org").await;
    assert!(
        mail.text_body
            .contains("To keep it, just sign in before then.")
    );
    assert!(mail.text_body.contains("/signin"));
    // A second pass the same day sends nothing again.
    assert_eq!(pass(&app.state, now()).await.expect("pass").noticed, 0);

    // 23 days on: the second notice; 7 days on: the deletion.
    age(&app, "ann@example.org", 22).await;
    assert_eq!(pass(&app.state, now()).await.expect("pass").noticed, 0);
    age(&app, "ann@example.org", 1).await;
    assert_eq!(pass(&app.state, now()).await.expect("pass").noticed, 1);
    assert_eq!(mails_to(&app, "ann@example.org").await.len(), 2);
    age(&app, "ann@example.org", 6).await;
    assert_eq!(pass(&app.state, now()).await.expect("pass").deleted, 0);
    age(&app, "ann@example.org", 1).await;
    assert_eq!(pass(&app.state, now()).await.expect("pass").deleted, 1);
    assert!(id_of(&app, "ann@example.org").await.is_none());
    assert!(
        mails_to(&app, "ann@example.org").await.is_empty(),
        "the notices went with her"
    );
    let ledger = app.state.store.deletion_ledger().await.expect("ledger");
    assert_eq!(ledger.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [ann]);
}

#[tokio::test]
async fn a_sign_in_starts_the_count_again_and_a_plan_in_force_keeps_its_admin() {
    let app = TestApp::new().await;
    app.register_confirmed("carl@example.org").await;
    app.register_confirmed("dora@example.org").await;
    let dora_space = app.workspace_of("dora@example.org").await;
    app.grant_pro(dora_space).await;
    age(&app, "carl@example.org", 725).await;
    age(&app, "dora@example.org", 800).await;
    assert_eq!(
        pass(&app.state, store::now_ms())
            .await
            .expect("pass")
            .noticed,
        1
    );

    // Carl signs in: no deletion, and the count starts again.
    let (_, res) = app.sign_in("carl@example.org", PASSWORD).await;
    assert_eq!(res.status, axum::http::StatusCode::SEE_OTHER);
    let later = store::now_ms() + 10 * DAY;
    assert_eq!(
        pass(&app.state, later).await.expect("pass"),
        Pass::default()
    );
    assert!(id_of(&app, "carl@example.org").await.is_some());
    assert!(id_of(&app, "dora@example.org").await.is_some());
    assert!(mails_to(&app, "dora@example.org").await.is_empty());
}
