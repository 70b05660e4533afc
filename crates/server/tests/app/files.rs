//! Files through the router: several uploaded at once to a session or a block, checked by
//! content, stored once per workspace, within the quota; downloaded by collaborators (ranges,
//! revalidation, never sniffed) and a 404 for anyone else; scanned by a real clamd, which
//! blocks the EICAR file for good and tells the uploader.

use crate::accounts_pages::sample_jpeg;
use crate::helpers::{Browser, Options, TestApp, TestResponse};
use crate::sharing::{create_session, share};
use axum::http::StatusCode;
use object_store::ObjectStoreExt;

const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// A multipart body with several files (field `files`) and the form's other fields.
fn form(files: &[(&str, &[u8])], fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "PLENARYFILESBOUNDARY";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (filename, bytes) in files {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(
    app: &TestApp,
    b: &mut Browser,
    id: &str,
    files: &[(&str, &[u8])],
    fields: &[(&str, &str)],
) -> TestResponse {
    let (ct, body) = form(files, fields);
    let req = axum::http::Request::post(format!("/sessions/{id}/files"))
        .header("content-type", ct)
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from(body))
        .expect("request");
    app.send(b, req).await
}

/// Uploads one file to a session and returns its download path.
pub async fn upload_one(
    app: &TestApp,
    b: &mut Browser,
    id: &str,
    name: &str,
    bytes: &[u8],
) -> String {
    let res = upload(app, b, id, &[(name, bytes)], &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    link(app, b, id, name).await
}

/// The download link of the file named `name` on the session's files page.
async fn link(app: &TestApp, b: &mut Browser, id: &str, name: &str) -> String {
    let page = app.get(b, &format!("/sessions/{id}/files")).await;
    let at = page
        .body
        .find(&format!("data-file=\"{name}\""))
        .unwrap_or_else(|| panic!("{name} listed: {}", page.body));
    let start = at + page.body[at..].find("href=\"/files/").expect("a link") + 6;
    page.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect()
}

#[tokio::test]
async fn collaborators_upload_and_download_files_and_strangers_get_a_404() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let mut viewer = app.register("viewer@example.org").await;
    share(&app, &mut owner, &id, "viewer@example.org", "viewer").await;

    let photo = sample_jpeg();
    let res = upload(
        &app,
        &mut owner,
        &id,
        &[
            ("handout.pdf", PDF),
            ("room.jpeg", &photo),
            ("agenda.md", b"# Agenda\n"),
        ],
        &[("block", &block)],
    )
    .await;
    assert_eq!(
        res.location(),
        format!("/sessions/{id}/files?notice=files-uploaded"),
        "{}",
        res.body
    );
    let page = app.get(&mut viewer, &format!("/sessions/{id}/files")).await;
    assert!(page.body.contains("for “Check-in”"), "{}", page.body);
    assert!(
        !page.body.contains("Upload files"),
        "a viewer does not upload"
    );

    let pdf = link(&app, &mut viewer, &id, "handout.pdf").await;
    let got = app.get(&mut viewer, &pdf).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.headers["content-type"], "application/pdf");
    assert_eq!(got.headers["x-content-type-options"], "nosniff");
    assert!(
        got.headers["content-disposition"]
            .to_str()
            .unwrap_or_default()
            .starts_with("attachment;")
    );
    assert!(
        got.headers["cache-control"]
            .to_str()
            .unwrap_or_default()
            .starts_with("private")
    );
    // (The test client reads bodies as text: compare what survives that.)
    assert!(got.body.starts_with("%PDF-1.7\n") && got.body.ends_with("%%EOF\n"));
    assert_eq!(
        got.headers["content-length"],
        PDF.len().to_string().as_str()
    );

    // Ranges and revalidation.
    let part = app
        .get_with(&mut viewer, &pdf, &[("range", "bytes=0-7")])
        .await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.body, "%PDF-1.7");
    assert_eq!(
        part.headers["content-range"],
        format!("bytes 0-7/{}", PDF.len())
    );
    let etag = got.headers["etag"].to_str().expect("etag").to_owned();
    let again = app
        .get_with(&mut viewer, &pdf, &[("if-none-match", &etag)])
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);

    // The photo is shown inline, re-encoded (its name follows its new kind).
    let jpg = link(&app, &mut viewer, &id, "room.jpg").await;
    let shown = app.get(&mut viewer, &jpg).await;
    assert_eq!(shown.headers["content-type"], "image/jpeg");
    assert!(
        shown.headers["content-disposition"]
            .to_str()
            .unwrap_or_default()
            .starts_with("inline;")
    );

    // A picture uploaded to a block became its card's picture.
    let design = app
        .get(&mut viewer, &format!("/sessions/{id}/design"))
        .await;
    assert!(
        design.body.contains(&format!(
            "class=\"card-image\" src=\"/sessions/{id}/images/"
        )),
        "{}",
        design.body
    );

    let mut stranger = app.register("stranger@example.org").await;
    assert_eq!(
        app.get(&mut stranger, &pdf).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&mut stranger, &format!("/sessions/{id}/files"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let res = upload(&app, &mut viewer, &id, &[("mine.pdf", PDF)], &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "a viewer cannot upload");
    // Signed out, a download asks to sign in, as any page does.
    assert!(
        app.get(&mut Browser::default(), &pdf)
            .await
            .location()
            .starts_with("/signin")
    );

    // Deleting: the file is gone for everyone.
    let file_id = pdf.split('/').nth(2).expect("id").to_owned();
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/files/{file_id}/delete"),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&mut viewer, &pdf).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn files_are_checked_by_content_stored_once_and_held_to_the_quota() {
    let app = TestApp::with(Options {
        workspace_quota_mb: Some(1),
        ..Options::default()
    })
    .await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";
    let res = upload(
        &app,
        &mut owner,
        &id,
        &[
            ("logo.svg", svg),
            ("report.docx", PDF),
            ("notes.txt", b"fine"),
        ],
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("This kind of file cannot be uploaded"),
        "{}",
        res.body
    );
    assert!(res.body.contains("it is a .pdf file"), "{}", res.body);
    assert!(
        res.body.contains("1 file uploaded."),
        "the good one is kept: {}",
        res.body
    );

    // The same content twice is stored once: the usage does not grow.
    let big = vec![b'a'; 700 * 1024];
    let res = upload(&app, &mut owner, &id, &[("big.txt", &big)], &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = upload(&app, &mut owner, &id, &[("copy.txt", &big)], &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    // New content over the quota is refused with a clear message.
    let other = vec![b'b'; 400 * 1024];
    let res = upload(&app, &mut owner, &id, &[("more.txt", &other)], &[]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("storage is full"), "{}", res.body);
    let page = app.get(&mut owner, &format!("/sessions/{id}/files")).await;
    assert!(
        page.body.contains("This workspace uses 701 KB of 1.0 MB."),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_file_waits_for_its_scan_and_the_eicar_file_is_never_served() {
    let daemon = crate::helpers::clamd::start().await;
    let app = TestApp::with(Options {
        clamd: Some(daemon.clamd.to_string()),
        ..Options::default()
    })
    .await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let eicar = crate::helpers::clamd::EICAR;
    let res = upload(
        &app,
        &mut owner,
        &id,
        &[("eicar.txt", eicar), ("plan.txt", b"Welcome, then groups")],
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get(&mut owner, &format!("/sessions/{id}/files")).await;
    assert_eq!(
        page.body.matches("data-status=\"pending\"").count(),
        2,
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("href=\"/files/"),
        "nothing is served before its scan"
    );

    app.run_jobs().await;
    let page = app.get(&mut owner, &format!("/sessions/{id}/files")).await;
    assert!(
        page.body
            .contains("data-file=\"eicar.txt\" data-status=\"infected\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("blocked: malware found"));
    let plan = link(&app, &mut owner, &id, "plan.txt").await;
    assert_eq!(
        app.get(&mut owner, &plan).await.body,
        "Welcome, then groups"
    );
    let files = app
        .state
        .store
        .files_of(id.parse().expect("id"))
        .await
        .expect("files");
    let infected = files.iter().find(|f| f.name == "eicar.txt").expect("row");
    assert_eq!(
        app.get(&mut owner, &format!("/files/{}/eicar.txt", infected.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let told = app.get(&mut owner, "/notifications").await;
    assert!(
        told.body
            .contains("“eicar.txt”, uploaded to “Shared retro”, contains malware"),
        "{}",
        told.body
    );
}

#[tokio::test]
async fn files_can_live_in_an_s3_bucket_shared_by_every_instance() {
    let bucket = crate::helpers::s3::start().await;
    let app = TestApp::with(Options {
        s3: Some((bucket.endpoint.clone(), bucket.name.clone())),
        ..Options::default()
    })
    .await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let path = upload_one(&app, &mut owner, &id, "handout.pdf", PDF).await;
    let got = app.get(&mut owner, &path).await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(got.body.starts_with("%PDF-1.7"));
    let file: domain::FileId = path.split('/').nth(2).expect("id").parse().expect("id");
    let row = app.state.store.file(file).await.expect("row");
    assert_eq!(
        bucket.keys().await,
        [row.key()],
        "the bytes are in the bucket"
    );

    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/files/{file}/delete"),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(bucket.keys().await.is_empty(), "and gone with the file");
}

#[tokio::test]
async fn a_purged_session_takes_its_files_with_it_and_they_count_until_then() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let (other, _) = create_session(&app, &mut owner).await;
    upload_one(&app, &mut owner, &id, "handout.pdf", PDF).await;
    upload_one(&app, &mut owner, &id, "notes.txt", b"only here").await;
    // The same handout in another session of the workspace keeps its bytes alive.
    upload_one(&app, &mut owner, &other, "handout.pdf", PDF).await;
    let session: domain::SessionId = id.parse().expect("id");
    let rows = app.state.store.files_of(session).await.expect("files");
    let workspace = rows[0].workspace_id;
    let used = |app: &TestApp| {
        let store = app.state.store.clone();
        async move { store.storage_used(workspace).await.expect("usage") }
    };
    let before = used(&app).await;

    let res = app
        .post_form(&mut owner, &format!("/sessions/{id}/delete"), &[])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        used(&app).await,
        before,
        "a session in the trash still counts"
    );
    let deleted_at = app
        .state
        .store
        .trashed_session(session)
        .await
        .expect("in trash")
        .deleted_at
        .expect("deleted at");
    let job = store::ClaimedJob {
        id: domain::JobId::new(),
        kind: "purge_session".into(),
        payload: serde_json::json!({ "session": session, "deleted_at": deleted_at }).to_string(),
        attempts: 1,
        max_attempts: 8,
    };
    plenary_server::jobs::run_one(&app.state, job).await;
    assert!(app.state.store.trashed_session(session).await.is_err());
    let text = rows.iter().find(|f| f.name == "notes.txt").expect("notes");
    let pdf = rows.iter().find(|f| f.name == "handout.pdf").expect("pdf");
    let gone = app
        .state
        .files
        .get(&object_store::path::Path::from(text.key()))
        .await;
    assert!(
        matches!(gone, Err(object_store::Error::NotFound { .. })),
        "its own bytes are gone"
    );
    let kept = app
        .state
        .files
        .get(&object_store::path::Path::from(pdf.key()))
        .await;
    assert!(kept.is_ok(), "shared bytes stay");
    assert_eq!(used(&app).await, i64::try_from(PDF.len()).expect("len"));
}
