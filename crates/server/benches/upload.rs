//! `scripts/bench`: what an upload costs the server in memory. The server runs in a process of
//! its own; before each request its peak resident memory is reset (`/proc/PID/clear_refs`),
//! and after it the peak (`VmHWM`) is read. Twenty documents of 20 MB in one request, then a
//! 150 MB text field (refused). The growth is printed beside the 5 MiB part in which the file
//! storage is written, the buffer an upload streams through. An outside test of the version
//! before streaming measured 853 MB for twenty 26 MB files and +275 MB for a 150 MB field.

mod common;

use common::{
    Server, backend_name, bench_login, bench_url, bench_user, free_port, http_client, open_url,
};

const MIB: f64 = 1024.0 * 1024.0;
/// The part size uploads stream through to the storage (`files::PART`).
const PART_MIB: f64 = 5.0;

/// A field of the process's `/proc/PID/status`, in KiB.
fn status_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Resets the process's peak resident memory to what it holds now.
fn reset_peak(pid: u32) {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").expect("clear_refs");
}

fn multipart(boundary: &str, fields: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, filename, bytes) in fields {
        let disposition = match filename {
            Some(f) => format!("form-data; name=\"{name}\"; filename=\"{f}\""),
            None => format!("form-data; name=\"{name}\""),
        };
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    body
}

#[tokio::main]
async fn main() {
    let url = bench_url();
    let store = open_url(&url).await;
    let user = bench_user(&store, "upload@bench.example").await;
    let cookie = bench_login(&store, &user).await;
    let (workspace, _) = store.personal_workspace(user.id).await.expect("workspace");
    let session = store
        .create_session(&store::NewSession {
            workspace,
            created_by: user.id,
            title: "Uploads".into(),
            first_date: jiff::civil::date(2026, 12, 1),
            start_time: jiff::civil::time(9, 0, 0, 0),
            time_zone: "UTC".into(),
            language: "en".into(),
        })
        .await
        .expect("session");
    let port = free_port();
    let data =
        std::env::temp_dir().join(format!("plenary-upload-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&data).expect("data dir");
    let server = Server::start(&url, port, &data);
    server.ready(port).await;
    let pid = server.0.id();
    let client = http_client()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let target = format!("http://127.0.0.1:{port}/sessions/{}/files", session.id);
    println!(
        "== upload memory on {}: the server's peak resident growth per request",
        backend_name(&url)
    );

    let send = async |body: Vec<u8>, boundary: &str| {
        // Settle, then measure from what the process holds now.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        reset_peak(pid);
        let before = status_kib(pid, "VmRSS:");
        let started = std::time::Instant::now();
        let res = client
            .post(&target)
            .header("cookie", &cookie)
            .header("sec-fetch-site", "same-origin")
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body)
            .send()
            .await
            .expect("answer");
        let status = res.status();
        let _ = res.bytes().await;
        let peak = status_kib(pid, "VmHWM:");
        let grown = (peak.saturating_sub(before)) as f64 * 1024.0 / MIB;
        (status, grown, started.elapsed())
    };

    let mut document = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    document.resize(20 * 1024 * 1024, b'x');
    let names: Vec<String> = (0..20).map(|i| format!("handout-{i}.pdf")).collect();
    let files: Vec<(&str, Option<&str>, &[u8])> = names
        .iter()
        .map(|n| ("files", Some(n.as_str()), document.as_slice()))
        .collect();
    let body = multipart("BENCHBOUNDARY", &files);
    let total = body.len() as f64 / MIB;
    let (status, grown, took) = send(body, "BENCHBOUNDARY").await;
    println!(
        "twenty 20 MB documents ({total:.0} MiB) answered {status} in {:.1} s: peak +{grown:.1} MiB, {:.1}x the {PART_MIB} MiB part (target: a small multiple)",
        took.as_secs_f64(),
        grown / PART_MIB
    );
    let stored = store
        .files_of(store::FileParent::Session(session.id, None))
        .await
        .expect("files")
        .len();
    println!("  stored: {stored} files");

    let field = vec![b'7'; 150 * 1024 * 1024];
    let body = multipart("BENCHFIELD", &[("block", None, field.as_slice())]);
    let (status, grown, took) = send(body, "BENCHFIELD").await;
    println!(
        "a 150 MB text field answered {status} in {:.1} s: peak +{grown:.1} MiB, {:.1}x the {PART_MIB} MiB part",
        took.as_secs_f64(),
        grown / PART_MIB
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
}
