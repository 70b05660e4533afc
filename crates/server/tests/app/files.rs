//! Files through the router: several uploaded at once to a session or a block, checked by
//! content, stored once per workspace, within the quota; downloaded by collaborators (ranges,
//! revalidation, never sniffed) and a 404 for anyone else; scanned by a real clamd, which
//! blocks the EICAR file for good and tells the uploader.

use crate::accounts_pages::sample_jpeg;
use crate::helpers::{Browser, Options, TestApp, TestResponse};
use crate::sharing::{create_session, share};
use axum::http::{Method, StatusCode};
use object_store::ObjectStoreExt;

pub(crate) const PDF: &[u8] =
    b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

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

pub(crate) async fn upload(
    app: &TestApp,
    b: &mut Browser,
    id: &str,
    files: &[(&str, &[u8])],
    fields: &[(&str, &str)],
) -> TestResponse {
    upload_to(app, b, &format!("/sessions/{id}/files"), files, fields).await
}

/// Posts files to a files page (`/sessions/{id}/files` or `/library/methods/{id}/files`).
pub(crate) async fn upload_to(
    app: &TestApp,
    b: &mut Browser,
    path: &str,
    files: &[(&str, &[u8])],
    fields: &[(&str, &str)],
) -> TestResponse {
    let (ct, body) = form(files, fields);
    let req = axum::http::Request::post(path)
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
    link_on(app, b, &format!("/sessions/{id}/files"), name).await
}

/// The download link of the file named `name` on a files page.
async fn link_on(app: &TestApp, b: &mut Browser, path: &str, name: &str) -> String {
    let page = app.get(b, path).await;
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
        .files_of(store::FileParent::Session(id.parse().expect("id"), None))
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
    assert_eq!(
        bucket.keys().await.len(),
        1,
        "kept a while after the file went"
    );
    app.run_waiting_jobs(plenary_server::files::FORGET_JOB)
        .await;
    assert!(bucket.keys().await.is_empty(), "and then gone");
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
    let rows = app
        .state
        .store
        .files_of(store::FileParent::Session(session, None))
        .await
        .expect("files");
    let workspace = rows[0].workspace_id;
    let used = |app: &TestApp| {
        let store = app.state.store.clone();
        async move { store.usage(workspace).await.expect("usage").files }
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
    // Its 30 days are over: the purge job runs.
    app.run_waiting_jobs(domain::job::JobKind::PurgeSession)
        .await;
    assert!(app.state.store.trashed_session(session).await.is_err());
    app.run_waiting_jobs(plenary_server::files::FORGET_JOB)
        .await;
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

/// The storage key of the file at `path` (a download link).
async fn key_of(app: &TestApp, path: &str) -> String {
    let file: domain::FileId = path.split('/').nth(2).expect("id").parse().expect("id");
    app.state.store.file(file).await.expect("row").key()
}

/// Whether the storage holds bytes under `key`.
async fn stored(app: &TestApp, key: &str) -> bool {
    let got = app
        .state
        .files
        .get(&object_store::path::Path::from(key))
        .await;
    !matches!(got, Err(object_store::Error::NotFound { .. }))
}

#[tokio::test]
async fn a_method_carries_files_that_whoever_sees_it_downloads_and_only_its_editors_change() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (page, method) = crate::library_pages::create_method(&app, &mut owner, "Fishbowl").await;
    let files_page = format!("{page}/files");
    let res = upload_to(&app, &mut owner, &files_page, &[("guide.pdf", PDF)], &[]).await;
    assert_eq!(
        res.location(),
        format!("{files_page}?notice=files-uploaded"),
        "{}",
        res.body
    );
    let shown = app.get(&mut owner, &page).await;
    assert!(shown.body.contains(">guide.pdf</a>"), "{}", shown.body);
    assert!(shown.body.contains(&format!("href=\"{files_page}\"")));
    let guide = link_on(&app, &mut owner, &files_page, "guide.pdf").await;
    let got = app.get(&mut owner, &guide).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.bytes, PDF);

    // The workspace shows its storage use, and where its largest files are.
    let file: domain::FileId = guide.split('/').nth(2).expect("id").parse().expect("id");
    let workspace = app.state.store.file(file).await.expect("row").workspace_id;
    let ws = app
        .get(&mut owner, &format!("/workspaces/{workspace}"))
        .await;
    assert!(
        ws.body.contains(&format!(
            "This workspace uses {} KB",
            PDF.len().div_ceil(1024)
        )),
        "{}",
        ws.body
    );
    assert!(ws.body.contains("guide.pdf"));
    assert!(
        ws.body
            .contains(&format!("href=\"{files_page}\">Fishbowl</a>"))
    );

    // A private method's files are nobody else's.
    let mut stranger = app.register("stranger@example.org").await;
    for path in [&page, &files_page, &guide] {
        assert_eq!(
            app.get(&mut stranger, path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let res = upload_to(&app, &mut stranger, &files_page, &[("mine.pdf", PDF)], &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post_form(&mut stranger, &format!("{files_page}/{file}/delete"), &[])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(app.state.store.file(file).await.is_ok());

    // Deleting the method takes its files along, and their bytes a while later.
    let key = key_of(&app, &guide).await;
    let res = app
        .post_form(
            &mut owner,
            &format!("/library/methods/{method}/delete"),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(app.state.store.file(file).await.is_err());
    assert!(stored(&app, &key).await, "the bytes wait a while");
    app.run_waiting_jobs(plenary_server::files::FORGET_JOB)
        .await;
    assert!(!stored(&app, &key).await, "then go");
}

/// A zip archive whose first part is `first` (which makes it a Word document), then `copies`
/// more parts of a megabyte of zeros each: a cheap bomb when there are many.
fn document(first: &[u8], copies: usize) -> Vec<u8> {
    use std::io::Write;
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut one = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    one.start_file("zeros.xml", deflated).expect("part");
    one.write_all(&vec![0u8; 1024 * 1024]).expect("zeros");
    let mut source = one.finish_into_readable().expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    out.start_file("word/document.xml", deflated).expect("part");
    out.write_all(first).expect("text");
    for i in 0..copies {
        let part = source.by_index(0).expect("zeros");
        out.raw_copy_file_rename(part, format!("word/media/part{i}.xml"))
            .expect("copy");
    }
    out.finish().expect("zip").into_inner()
}

#[tokio::test]
async fn a_document_that_unpacks_too_far_is_refused_and_an_honest_one_kept() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let honest = document(b"<w:document>Agenda</w:document>", 2);
    let limit = plenary_server::files::UNPACKED_MAX / (1024 * 1024);
    let bomb = document(b"<w:document/>", usize::try_from(limit).expect("small") + 1);
    assert!(bomb.len() < 2 * 1024 * 1024, "a small file: {}", bomb.len());
    let res = upload(
        &app,
        &mut owner,
        &id,
        &[("agenda.docx", &honest), ("bomb.docx", &bomb)],
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains(&format!(
            "<strong>bomb.docx</strong>: This document unpacks to more than {limit} MB"
        )),
        "{}",
        res.body
    );
    let agenda = link(&app, &mut owner, &id, "agenda.docx").await;
    assert_eq!(app.get(&mut owner, &agenda).await.bytes, honest);
    assert!(!res.body.contains("data-file=\"bomb.docx\""));
}

/// An animated GIF of two 4×4 frames, with a comment that must not survive.
fn gif_with_comment() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let palette = [0u8, 0, 0, 255, 255, 255];
        let mut e = gif::Encoder::new(&mut out, 4, 4, &palette).expect("gif");
        e.set_repeat(gif::Repeat::Infinite).expect("loop");
        e.write_raw_extension(gif::Extension::Comment.into(), &[b"secret-comment"])
            .expect("comment");
        for (i, delay) in [(0u8, 10u16), (1, 30)] {
            let frame = gif::Frame {
                width: 4,
                height: 4,
                delay,
                buffer: std::borrow::Cow::Owned(vec![i; 16]),
                ..gif::Frame::default()
            };
            e.write_frame(&frame).expect("frame");
        }
    }
    out
}

#[tokio::test]
async fn pictures_are_stored_without_metadata_and_cards_get_small_copies() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let res = upload(
        &app,
        &mut owner,
        &id,
        &[("dance.gif", &gif_with_comment())],
        &[("block", &block)],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let path = link(&app, &mut owner, &id, "dance.gif").await;
    let got = app.get(&mut owner, &path).await;
    assert_eq!(got.headers["content-type"], "image/gif");
    assert!(!got.body.contains("secret-comment"), "the comment is gone");
    let mut decoder = gif::DecodeOptions::new()
        .read_info(std::io::Cursor::new(&got.bytes))
        .expect("a GIF");
    let mut delays = Vec::new();
    while let Some(frame) = decoder.read_next_frame().expect("frame") {
        delays.push(frame.delay);
    }
    assert_eq!(delays, [10, 30], "both frames, timed as they were");
    assert_eq!(decoder.repeat(), gif::Repeat::Infinite);

    // The GIF became the card's picture, with copies for cards at 1x and 2x.
    let design = app.get(&mut owner, &format!("/sessions/{id}/design")).await;
    let needle = "class=\"card-image\" src=\"";
    let at = design.body.find(needle).expect("a card picture") + needle.len();
    let src: String = design.body[at..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    assert!(src.ends_with("?size=card"), "{src}");
    assert!(
        design.body.contains(&format!("{src}2x 2x")),
        "{}",
        design.body
    );
    for (size, expected) in [("card", (320, 140)), ("card2x", (640, 280))] {
        let path = src.replace("size=card", &format!("size={size}"));
        let got = app.get(&mut owner, &path).await;
        let shown = image::load_from_memory(&got.bytes).expect("a picture");
        assert_eq!((shown.width(), shown.height()), expected, "{size}");
    }

    // A photo over the covers' 5 MB is still a file, kept at its own size.
    let mut seed = 7u32;
    let noise = image::RgbImage::from_fn(1400, 1400, |_, _| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let [a, b, c, _] = seed.to_le_bytes();
        image::Rgb([a, b, c])
    });
    let mut png = Vec::new();
    noise
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    assert!(png.len() > 5 * 1024 * 1024);
    let path = upload_one(&app, &mut owner, &id, "noise.png", &png).await;
    let got = app.get(&mut owner, &path).await;
    assert_eq!(got.headers["content-type"], "image/png");
    let kept = image::load_from_memory(&got.bytes).expect("png");
    assert_eq!((kept.width(), kept.height()), (1400, 1400));
}

#[tokio::test]
async fn the_api_lists_a_sessions_files_and_deletes_one_for_editors_only() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let mut viewer = app.register("viewer@example.org").await;
    share(&app, &mut owner, &id, "viewer@example.org", "viewer").await;
    let res = upload(
        &app,
        &mut owner,
        &id,
        &[("handout.pdf", PDF)],
        &[("block", &block)],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

    let listed = app
        .api(
            &mut viewer,
            Method::GET,
            &format!("/api/v1/sessions/{id}/files"),
            None,
            None,
        )
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let files = listed.json();
    let file = &files[0];
    assert_eq!(files.as_array().map(Vec::len), Some(1));
    assert_eq!(file["name"], "handout.pdf");
    assert_eq!(file["kind"], "pdf");
    assert_eq!(file["status"], "unscanned");
    assert_eq!(file["block"], block.as_str());
    let download = file["download"].as_str().expect("a link").to_owned();
    assert_eq!(app.get(&mut viewer, &download).await.bytes, PDF);

    let mut stranger = app.register("stranger@example.org").await;
    let hidden = app
        .api(
            &mut stranger,
            Method::GET,
            &format!("/api/v1/sessions/{id}/files"),
            None,
            None,
        )
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let path = format!("/api/v1/files/{}", file["id"].as_str().expect("id"));
    for who in [&mut viewer, &mut stranger] {
        let res = app.api(who, Method::DELETE, &path, None, None).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    }
    let res = app.api(&mut owner, Method::DELETE, &path, None, None).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
    let after = app
        .api(
            &mut owner,
            Method::GET,
            &format!("/api/v1/sessions/{id}/files"),
            None,
            None,
        )
        .await;
    assert_eq!(after.json(), serde_json::json!([]));
}

#[tokio::test]
async fn a_methods_files_go_along_into_its_copies_and_sessions_while_they_fit_the_quota() {
    let app = TestApp::with(Options {
        workspace_quota_mb: Some(1),
        ..Options::default()
    })
    .await;
    let mut ann = app.register("ann@example.org").await;
    let (page, method) = crate::library_pages::create_method(&app, &mut ann, "Fishbowl").await;
    let handout = vec![b'a'; 600 * 1024];
    let res = upload_to(
        &app,
        &mut ann,
        &format!("{page}/files"),
        &[("roles.txt", &handout)],
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

    // A copy in the same workspace shares the bytes: it fits however often it is made.
    let res = app
        .post_form(&mut ann, &format!("/library/methods/{method}/copy"), &[])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let copy = res
        .location()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    let copied = link_on(&app, &mut ann, &format!("{copy}/files"), "roles.txt").await;
    assert_eq!(app.get(&mut ann, &copied).await.bytes, handout);

    // Used in a session, the method's files belong to the new block.
    let (id, _) = create_session(&app, &mut ann).await;
    let res = app
        .post_form(
            &mut ann,
            &format!("/library/methods/{method}/use"),
            &[("session", &id)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let files = app.get(&mut ann, &format!("/sessions/{id}/files")).await;
    assert!(files.body.contains("for “Fishbowl”"), "{}", files.body);
    assert!(files.body.contains("data-file=\"roles.txt\""));

    // In a team whose storage is nearly full, neither a copy nor a use is made.
    crate::workspaces::create_team(&app, &mut ann, "Facilitators").await;
    let (team_session, _) = create_session(&app, &mut ann).await;
    let other = vec![b'b'; 600 * 1024];
    upload_one(&app, &mut ann, &team_session, "plan.txt", &other).await;
    let methods_before = app
        .get(&mut ann, "/library?scope=mine")
        .await
        .body
        .matches("Fishbowl")
        .count();
    let res = app
        .post_form(&mut ann, &format!("/library/methods/{method}/copy"), &[])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(
        res.body.contains("The workspace’s storage is full"),
        "{}",
        res.body
    );
    let res = app
        .post_form(
            &mut ann,
            &format!("/library/methods/{method}/use"),
            &[("session", &team_session)],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    let blocks = app
        .api(
            &mut ann,
            Method::GET,
            &format!("/api/v1/sessions/{team_session}"),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(
        blocks["blocks"].as_array().map(Vec::len),
        Some(1),
        "no block was inserted: {blocks}"
    );
    assert_eq!(
        app.get(&mut ann, "/library?scope=mine")
            .await
            .body
            .matches("Fishbowl")
            .count(),
        methods_before,
        "no copy was left behind"
    );
}

#[tokio::test]
async fn uploads_that_race_for_the_last_space_cannot_all_pass_the_quota() {
    let app = TestApp::with(Options {
        workspace_quota_mb: Some(1),
        ..Options::default()
    })
    .await;
    let mut owner = app.register("race@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let cookie = owner
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let tries: Vec<_> = (0..8u8)
        .map(|i| {
            let (ct, body) = form(&[("part.txt", &vec![b'a' + i; 300 * 1024])], &[]);
            let req = axum::http::Request::post(format!("/sessions/{id}/files"))
                .header("content-type", ct)
                .header("cookie", &cookie)
                .header("sec-fetch-site", "same-origin")
                .body(axum::body::Body::from(body))
                .expect("request");
            let router = app.router.clone();
            tokio::spawn(async move {
                tower::ServiceExt::oneshot(router, req)
                    .await
                    .expect("answer")
                    .status()
            })
        })
        .collect();
    for t in tries {
        let status = t.await.expect("task");
        assert!(
            status == StatusCode::SEE_OTHER || status == StatusCode::UNPROCESSABLE_ENTITY,
            "{status}"
        );
    }
    let session: domain::SessionId = id.parse().expect("id");
    let stored = app
        .state
        .store
        .files_of(store::FileParent::Session(session, None))
        .await
        .expect("files");
    assert_eq!(
        stored.len(),
        3,
        "three of 300 KB fit in the megabyte, five are refused"
    );
    let workspace = stored[0].workspace_id;
    let usage = app.state.store.usage(workspace).await.expect("usage");
    assert!(usage.total() <= 1024 * 1024, "{usage:?}");
}

#[tokio::test]
async fn a_broken_multipart_body_is_a_400_and_an_oversized_text_field_too() {
    let app = TestApp::new().await;
    let mut owner = app.register("broken@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let send = |ct: &str, body: Vec<u8>| {
        axum::http::Request::post(format!("/sessions/{id}/files"))
            .header("content-type", ct)
            .header("sec-fetch-site", "same-origin")
            .body(axum::body::Body::from(body))
            .expect("request")
    };
    let broken =
        b"--X\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nno end"
            .to_vec();
    let res = app
        .send(&mut owner, send("multipart/form-data; boundary=X", broken))
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    let (ct, body) = form(
        &[("a.txt", b"fine")],
        &[("block", &"x".repeat(5 * 1024 * 1024))],
    );
    let res = app.send(&mut owner, send(&ct, body)).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert!(res.body.contains("could not be read"), "{}", res.body);
}

#[tokio::test]
async fn a_request_past_the_whole_upload_limit_is_a_413_and_stores_nothing() {
    let app = TestApp::with(Options {
        file_max_mb: Some(1),
        ..Options::default()
    })
    .await;
    let mut owner = app.register("whole@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let part = vec![b'z'; 1024 * 1024 + 10];
    let parts: Vec<(&str, &[u8])> = (0..21).map(|_| ("big.txt", part.as_slice())).collect();
    let res = upload(&app, &mut owner, &id, &parts, &[]).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.body);
    let session: domain::SessionId = id.parse().expect("id");
    assert!(
        app.state
            .store
            .files_of(store::FileParent::Session(session, None))
            .await
            .expect("files")
            .is_empty()
    );
}

#[tokio::test]
async fn a_file_whose_name_hides_its_ending_is_refused() {
    let app = TestApp::new().await;
    let mut owner = app.register("disguise@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let res = upload(
        &app,
        &mut owner,
        &id,
        &[
            ("invoice\u{202e}fdp.txt", b"plain words"),
            ("plan\u{2067}txt.exe\u{2069}.txt", b"more"),
        ],
        &[],
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.body
            .matches("change the order in which it is shown")
            .count(),
        2,
        "{}",
        res.body
    );
}
