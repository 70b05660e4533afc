use crate::helpers::{Browser, Options, TestApp, link_path};
use axum::http::StatusCode;
use plenary_server::config::{Settings, SettingsArgs};
use store::MailStatus;

#[tokio::test]
async fn the_worker_delivers_the_confirmation_email_over_smtp_and_its_link_confirms() {
    let app = TestApp::with(Options {
        smtp: true,
        ..Options::default()
    })
    .await;
    let cancel = tokio_util::sync::CancellationToken::new();
    let worker = tokio::spawn(plenary_server::jobs::run_worker(
        app.state.clone(),
        cancel.clone(),
    ));
    let mut b = app.register("smtp@example.org").await;
    let received = app
        .smtp
        .as_ref()
        .expect("sink")
        .wait_for("smtp@example.org")
        .await;
    let text = received.decoded();
    assert!(
        text.contains("Subject: Confirm your email address"),
        "{text}"
    );
    assert!(text.contains("From: Plenary <noreply@example.org>"));
    assert!(
        text.contains("multipart/alternative") && text.contains("text/html"),
        "HTML and plain text parts"
    );
    let path = link_path(&text, "/confirm-email/");
    assert_eq!(
        app.post_form(&mut b, &path, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    // The sink has the message before the worker records the delivery: wait for that.
    let mut status = MailStatus::Pending;
    for _ in 0..100 {
        status = app.last_mail_to("smtp@example.org").await.status;
        if status != MailStatus::Pending {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(status, MailStatus::Sent);
    cancel.cancel();
    worker.await.expect("worker stops when asked");
}

#[tokio::test]
async fn a_delivery_that_fails_is_retried_later_and_the_email_waits() {
    let store = store::testing::fresh_store().await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let settings = Settings::load(
        SettingsArgs {
            smtp_url: Some(format!("smtp://127.0.0.1:{closed}")),
            ..SettingsArgs::default()
        },
        None,
    )
    .expect("settings");
    let state = plenary_server::app_state(settings, store).expect("state");
    let id = state
        .store
        .enqueue_mail(&store::NewMail {
            to: "later@example.org".into(),
            user: None,
            sender: None,
            locale: "en".into(),
            subject: "Hi".into(),
            text_body: "t".into(),
            html_body: "h".into(),
            unsubscribe: None,
        })
        .await
        .expect("queued");
    let job = state
        .store
        .claim_job(60_000)
        .await
        .expect("claim")
        .expect("due");
    let job_id = job.id;
    plenary_server::jobs::run_one(&state, job).await;
    let (attempts, finished, failed, error) = state
        .store
        .job_state(job_id)
        .await
        .expect("state")
        .expect("job");
    assert_eq!((attempts, finished, failed), (1, false, false));
    assert!(error.is_some());
    assert!(
        state
            .store
            .claim_job(60_000)
            .await
            .expect("claim")
            .is_none(),
        "waits for its backoff"
    );
    assert_eq!(
        state.store.mail(id).await.expect("mail").status,
        MailStatus::Pending
    );
}

#[tokio::test]
async fn without_smtp_an_email_is_kept_for_administrators() {
    let app = TestApp::new().await;
    app.register("kept@example.org").await;
    app.run_jobs().await;
    let mail = app.last_mail_to("kept@example.org").await;
    assert_eq!(mail.status, MailStatus::Kept);
    let mut admin = app.register("root@example.org").await;
    app.make_admin("root@example.org").await;
    let page = app
        .get(&mut admin, &format!("/admin/mail/{}", mail.id))
        .await;
    assert!(
        page.body.contains("/confirm-email/"),
        "the link can be read there"
    );
    let _ = Browser::default();
}
