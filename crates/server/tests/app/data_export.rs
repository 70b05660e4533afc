//! Download my data: a person asks for a copy, a job makes a ZIP of their account, sessions,
//! comments and files with its progress noted, an email brings its link, and the copy is
//! theirs alone, for 7 days, once a day; deleting the account forgets its bytes.

use crate::files::upload_one;
use crate::helpers::{Browser, PASSWORD, TestApp};
use crate::sharing::create_session;
use axum::http::StatusCode;
use object_store::ObjectStoreExt;
use std::io::Read;
use store::Db;

/// The copy's id from the address its page is at.
fn copy_id(location: &str) -> domain::DataExportId {
    location
        .trim_start_matches("/account/data/")
        .parse()
        .unwrap_or_else(|_| panic!("a copy's page: {location}"))
}

/// The ZIP's entries: name and text (lossy).
fn entries(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("entry");
            let mut content = Vec::new();
            entry.read_to_end(&mut content).expect("read");
            (
                entry.name().expect("a name").into_owned(),
                String::from_utf8_lossy(&content).into_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_copy_of_ones_data_is_made_as_a_zip_and_downloaded_by_its_owner_only() {
    let app = TestApp::new().await;
    let mut ann = app.register_confirmed("ann@example.org").await;
    let (session, block) = create_session(&app, &mut ann).await;
    let res = app
        .post_form(
            &mut ann,
            &format!("/sessions/{session}/comments"),
            &[("block", &block), ("body", "Ten minutes is short")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    upload_one(&app, &mut ann, &session, "agenda.txt", b"Welcome, everyone").await;
    // A session in the trash is hers too.
    let trashed = app
        .api(
            &mut ann,
            axum::http::Method::POST,
            "/api/v1/sessions",
            Some(serde_json::json!({"title": "Old offsite", "first_date": "2026-11-01"})),
            None,
        )
        .await
        .json()["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let res = app
        .post_form(&mut ann, &format!("/sessions/{trashed}/delete"), &[])
        .await;
    assert_eq!(res.location(), "/?notice=session-trashed");
    let secret = app.token(&mut ann, &["write"]).await;

    let page = app.get(&mut ann, "/account/data").await;
    assert!(page.body.contains("Prepare my data"), "{}", page.body);
    // Not with an API token: only in a signed-in browser.
    let by_token = app
        .api(
            &mut Browser::default(),
            axum::http::Method::POST,
            "/account/data",
            None,
            Some(&secret),
        )
        .await;
    assert_eq!(by_token.status, StatusCode::NOT_FOUND);
    let res = app.post_form(&mut ann, "/account/data", &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = copy_id(res.location());
    let progress = app.get(&mut ann, res.location()).await;
    assert!(
        progress.body.contains("Preparing your data"),
        "{}",
        progress.body
    );
    assert!(
        progress.body.contains("hx-get"),
        "the page looks again while it runs"
    );

    // Once a day.
    let again = app.post_form(&mut ann, "/account/data", &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("less than a day ago"), "{}", again.body);

    app.run_jobs().await;
    let row = app.state.store.data_export(id).await.expect("row");
    assert_eq!(
        row.total, 10,
        "seven parts, two sessions (one in the trash) and a file: {row:?}"
    );
    assert_eq!(row.done, row.total);
    let ready = app.get(&mut ann, &format!("/account/data/{id}")).await;
    assert!(ready.body.contains("Your data is ready"), "{}", ready.body);
    let mail = app.last_mail_to("ann@example.org").await;
    assert_eq!(mail.subject, "Your data is ready to download");
    assert!(mail.text_body.contains(&format!("/account/data/{id}")));

    let zip = app
        .get(&mut ann, &format!("/account/data/{id}/download"))
        .await;
    assert_eq!(zip.status, StatusCode::OK);
    assert_eq!(zip.headers["content-type"], "application/zip");
    assert!(
        zip.headers["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment; filename=\"plenary-data-")
    );
    let files = entries(&zip.bytes);
    let named = |prefix: &str| {
        files
            .iter()
            .find(|(n, _)| n.starts_with(prefix))
            .unwrap_or_else(|| {
                panic!(
                    "no {prefix} in {:?}",
                    files.iter().map(|f| &f.0).collect::<Vec<_>>()
                )
            })
            .1
            .clone()
    };
    assert!(named("README.txt").contains("account.json"));
    let account: serde_json::Value = serde_json::from_str(&named("account.json")).expect("JSON");
    assert_eq!(account["profile"]["email"], "ann@example.org");
    assert_eq!(account["api_tokens"].as_array().map(Vec::len), Some(1));
    assert!(
        files.iter().all(
            |(_, text)| !text.contains(&secret) && !text.contains(&secret[secret.len() - 20..])
        ),
        "no token's secret"
    );
    assert!(
        files.iter().all(|(_, text)| !text.contains("$argon2")),
        "no password hash"
    );
    assert_eq!(
        account["legal_documents_accepted"].as_array().map(Vec::len),
        Some(3)
    );
    assert!(named("sessions/001-").contains("Shared retro"));
    assert!(
        named("sessions/002-").contains("Old offsite"),
        "the trashed one"
    );
    assert!(named("comments.json").contains("Ten minutes is short"));
    assert_eq!(named("files/"), "Welcome, everyone");
    let billing: serde_json::Value = serde_json::from_str(&named("billing.json")).expect("JSON");
    assert_eq!(
        billing[0]["workspace"], "Anna Petrova",
        "her personal workspace's billing: {billing}"
    );
    assert!(billing[0]["payments"].is_array() && billing[0]["plan_changes"].is_array());

    // Not with her API token either.
    let by_token = app
        .api(
            &mut Browser::default(),
            axum::http::Method::GET,
            &format!("/account/data/{id}/download"),
            None,
            Some(&secret),
        )
        .await;
    assert_eq!(by_token.status, StatusCode::NOT_FOUND);
    // Nobody else sees it, or can download it.
    let mut bob = app.register("bob@example.org").await;
    for path in [
        format!("/account/data/{id}"),
        format!("/account/data/{id}/download"),
    ] {
        assert_eq!(app.get(&mut bob, &path).await.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(
        app.get(
            &mut Browser::default(),
            &format!("/account/data/{id}/download")
        )
        .await
        .status,
        StatusCode::SEE_OTHER,
        "signed out: to the sign-in page"
    );

    // After 7 days the link no longer works, and the job forgets the bytes.
    let sql = "UPDATE data_exports SET expires_at = 1 WHERE user_id IS NOT NULL";
    match app.state.store.db() {
        Db::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(drop),
        Db::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(drop),
    }
    .expect("expired");
    assert_eq!(
        app.get(&mut ann, &format!("/account/data/{id}/download"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(
        app.get(&mut ann, &format!("/account/data/{id}"))
            .await
            .body
            .contains("This copy has expired")
    );
    let key = plenary_server::data_export::key(id);
    assert!(
        app.state.files.head(&key).await.is_ok(),
        "kept until its job"
    );
    app.run_waiting_jobs(domain::job::JobKind::ForgetDataExport)
        .await;
    assert!(matches!(
        app.state.files.head(&key).await,
        Err(object_store::Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn deleting_an_account_forgets_the_copies_of_its_data() {
    let app = TestApp::new().await;
    let mut cleo = app.register_confirmed("cleo@example.org").await;
    let res = app.post_form(&mut cleo, "/account/data", &[]).await;
    let id = copy_id(res.location());
    app.run_jobs().await;
    let key = plenary_server::data_export::key(id);
    assert!(app.state.files.head(&key).await.is_ok(), "made");
    let res = app
        .post_form(
            &mut cleo,
            "/account/delete",
            &[
                ("current_password", PASSWORD),
                ("confirm", "cleo@example.org"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(matches!(
        app.state.files.head(&key).await,
        Err(object_store::Error::NotFound { .. })
    ));
    assert!(matches!(
        app.state.store.data_export(id).await,
        Err(store::StoreError::NotFound)
    ));
}
