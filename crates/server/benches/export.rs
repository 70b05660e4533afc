//! `scripts/bench`: the exports of a 300-block session (the http bench's: days, sections,
//! breaks, Markdown, categories, a custom column) through a real `plenary serve` process over
//! loopback, one request after another, against a ceiling measured in the same run: the HTML
//! print page of the same session, which reads the same rows and lays out the same Programme.
//!
//! Targets (issue 20): the PDF's p95 under 1 s; DOCX, XLSX and iCalendar under 200 ms each.
//! Last, the PDF of the largest session there may be (2,000 blocks), for information: one
//! that takes over a second goes on as an export job in service (the bench waits for it).
//! Also the peak resident memory of the server across the PDF exports (`VmHWM`), against its
//! resident memory before them. Bounded: [`ROUNDS`] requests per format.

use std::time::{Duration, Instant};

mod common;
use common::{
    Server, Stats, backend_name, bench_login, bench_url, bench_user, free_port, http_client, line,
    open_url, pin_apart, programme_session, stats,
};

const ROUNDS: usize = 30;

/// Each request's time, asked one after another; panics on an error, which a bench must not
/// hide.
async fn timed(client: &reqwest::Client, url: &str, cookie: &str) -> (Stats, usize) {
    let mut times = Vec::with_capacity(ROUNDS);
    let mut size = 0;
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let res = client
            .get(url)
            .header("cookie", cookie)
            .send()
            .await
            .expect("an answer");
        assert!(res.status().is_success(), "{url}: {}", res.status());
        assert!(
            !res.url().path().contains("/exports/"),
            "{url} went on as a job"
        );
        size = res.bytes().await.expect("a body").len();
        times.push(started.elapsed());
    }
    (stats(times), size)
}

/// A field of `/proc/PID/status` in KiB (`VmRSS`, `VmHWM`).
fn kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let url = bench_url();
    let backend = backend_name(&url);
    let store = open_url(&url).await;
    let user = bench_user(
        &store,
        &format!("export-{}@bench.example", uuid::Uuid::now_v7().simple()),
    )
    .await;
    let session = programme_session(&store, &user, 300).await;
    // The largest session there may be: 2,000 blocks.
    let largest = programme_session(&store, &user, 2000).await;
    let cookie = bench_login(&store, &user).await;
    store.close().await;

    let port = free_port();
    let data =
        std::env::temp_dir().join(format!("plenary-export-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&data).expect("data dir");
    let server = Server::start(&url, port, &data);
    server.ready(port).await;
    let pid = server.0.id();
    let pinned = pin_apart(pid);
    let client = http_client()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client");
    let base = format!("http://127.0.0.1:{port}/sessions/{session}");
    let print = format!("{base}/print?notes=on&materials=on");
    // Warm up: connections, the fonts read once, caches, the allocator.
    for url in [&print, &format!("{base}/export?format=docx")] {
        for _ in 0..3 {
            let _ = client.get(url).header("cookie", &cookie).send().await;
        }
    }
    let (ceiling, _) = timed(&client, &print, &cookie).await;
    let rss_before = kib(pid, "VmRSS");
    let hwm_before = kib(pid, "VmHWM");
    let (pdf, pdf_size) = timed(&client, &format!("{base}/export?format=pdf"), &cookie).await;
    let hwm_after = kib(pid, "VmHWM");

    println!(
        "== Exports of a 300-block session on {backend}: {ROUNDS} requests each, one after another; p95 ratio to the HTML print page of the same session{}",
        if pinned {
            "; server on core 1, client on core 0"
        } else {
            ""
        }
    );
    line("ceiling: print page (HTML)", &ceiling, &ceiling, None);
    line(
        &format!("PDF, Programme ({} KiB)", pdf_size / 1024),
        &pdf,
        &ceiling,
        Some(1000.0),
    );
    for (name, query, target) in [
        (
            "PDF, with notes and materials",
            "pdf&notes=true&materials=true",
            Some(1000.0),
        ),
        ("PDF, Design as cards", "cards-pdf", None),
        ("DOCX", "docx", Some(200.0)),
        ("XLSX", "xlsx", Some(200.0)),
        ("iCalendar", "ics", Some(200.0)),
        ("CSV", "csv", None),
        ("Markdown", "md", None),
        ("JSON", "json", None),
    ] {
        let (s, size) = timed(&client, &format!("{base}/export?format={query}"), &cookie).await;
        line(
            &format!("{name} ({} KiB)", size / 1024),
            &s,
            &ceiling,
            target,
        );
    }
    let (s, size) = timed(
        &client,
        &format!("http://127.0.0.1:{port}/sessions/{largest}/export?format=pdf"),
        &cookie,
    )
    .await;
    line(
        &format!("PDF, 2,000 blocks ({} KiB)", size / 1024),
        &s,
        &ceiling,
        None,
    );
    println!(
        "  (no target: in service an export over export_wait_ms, a second by default, goes on as a job with a progress page; this line times the making itself)"
    );
    println!(
        "server memory: {:.1} MiB resident before the PDF exports, peak {:.1} MiB during them (peak before them {:.1} MiB)",
        rss_before as f64 / 1024.0,
        hwm_after as f64 / 1024.0,
        hwm_before as f64 / 1024.0,
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
}
