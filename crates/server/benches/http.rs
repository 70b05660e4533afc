//! `scripts/bench`: HTTP through a real `plenary serve` process (the release binary) over
//! loopback, against a ceiling measured in the same run: a trivial handler (axum, one fixed
//! answer) that this bench starts itself.
//!
//! For the ceiling, `/healthz`, the dashboard, the Programme page of a 300-block session and
//! the JSON of that session:
//! - latency at a fixed offered rate ([`RATE`] requests per second for [`SECONDS`] s), open
//!   loop: each request is due at its own time and its latency counts from then, not from
//!   when it could be sent, so a slow answer also counts against the requests queued behind it
//!   (no coordinated omission);
//! - requests per second, closed loop: [`CONNECTIONS`] connections asking one after another
//!   for [`BURST`] s.
//!
//! Each figure is printed as a ratio to the ceiling's. With two or more cores the server and
//! the ceiling (a process of its own) run on core 1 and this process (the load) on core 0. Bounded in count and time;
//! the server is stopped at the end.

use axum::Router;
use axum::routing::get;
use axum::serve::ListenerExt;
use std::time::{Duration, Instant};

mod common;
use common::{
    Server, Stats, backend_name, bench_login, bench_url, bench_user, free_port, http_client, ms,
    open_url, pin_apart, programme_session, stats,
};

const RATE: u32 = 50;
const SECONDS: u32 = 10;
const CONNECTIONS: usize = 4;
const BURST: u64 = 3;

/// Latencies at the fixed rate (from each request's due time), and errors.
async fn at_rate(client: &reqwest::Client, url: &str, cookie: &str) -> (Stats, usize) {
    let n = RATE * SECONDS;
    let period = Duration::from_secs(1) / RATE;
    let start = tokio::time::Instant::now() + Duration::from_millis(50);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..n {
        let (client, url, cookie) = (client.clone(), url.to_owned(), cookie.to_owned());
        let due = start + period * i;
        tasks.spawn(async move {
            tokio::time::sleep_until(due).await;
            let ok = match client.get(&url).header("cookie", cookie).send().await {
                Ok(res) => res.status().is_success() && res.bytes().await.is_ok(),
                Err(_) => false,
            };
            (tokio::time::Instant::now() - due, ok)
        });
    }
    let mut times = Vec::with_capacity(n as usize);
    let mut errors = 0;
    while let Some(done) = tasks.join_next().await {
        let (t, ok) = done.expect("request task");
        times.push(t);
        errors += usize::from(!ok);
    }
    (stats(times), errors)
}

/// Requests per second with [`CONNECTIONS`] connections asking one after another.
async fn throughput(client: &reqwest::Client, url: &str, cookie: &str) -> f64 {
    let deadline = Instant::now() + Duration::from_secs(BURST);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..CONNECTIONS {
        let (client, url, cookie) = (client.clone(), url.to_owned(), cookie.to_owned());
        tasks.spawn(async move {
            let mut done = 0u64;
            while Instant::now() < deadline {
                if let Ok(res) = client.get(&url).header("cookie", &cookie).send().await
                    && res.status().is_success()
                    && res.bytes().await.is_ok()
                {
                    done += 1;
                }
            }
            done
        });
    }
    let mut total = 0;
    while let Some(n) = tasks.join_next().await {
        total += n.expect("connection task");
    }
    total as f64 / started.elapsed().as_secs_f64()
}

struct Figure {
    name: String,
    latency: Stats,
    errors: usize,
    rps: f64,
}

fn print(f: &Figure, ceiling: &Figure) {
    println!(
        "{:<30} p50 {:>7.3} ms ({:>5.1}x)  p99 {:>7.3} ms ({:>5.1}x)  {:>7.0} req/s ({:>6.3}x){}",
        f.name,
        ms(f.latency.p50),
        ms(f.latency.p50) / ms(ceiling.latency.p50).max(1e-6),
        ms(f.latency.p99),
        ms(f.latency.p99) / ms(ceiling.latency.p99).max(1e-6),
        f.rps,
        f.rps / ceiling.rps.max(1e-6),
        if f.errors > 0 {
            format!("  {} ERRORS", f.errors)
        } else {
            String::new()
        }
    );
}

/// Set to a port, this bench is the ceiling's process instead: it serves one fixed answer
/// there until killed.
const CEILING: &str = "PLENARY_BENCH_CEILING_PORT";

async fn serve_ceiling(port: u16) {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .expect("ceiling port");
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let app = Router::new().route("/", get(|| async { "ok" }));
    let _ = axum::serve(listener, app).await;
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if let Some(port) = std::env::var(CEILING).ok().and_then(|p| p.parse().ok()) {
        return serve_ceiling(port).await;
    }
    let url = bench_url();
    let backend = backend_name(&url);
    // The data: an account signed in by a login cookie, a 300-block session like the
    // designer bench's (custom fields, categories, Markdown).
    let store = open_url(&url).await;
    let user = bench_user(
        &store,
        &format!("http-{}@bench.example", uuid::Uuid::now_v7().simple()),
    )
    .await;
    let session = programme_session(&store, &user, 300).await;
    let cookie = bench_login(&store, &user).await;
    store.close().await;

    // The server on core 1, this process on core 0 (with two cores or more).
    let port = free_port();
    let data = std::env::temp_dir().join(format!("plenary-http-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&data).expect("data dir");
    let server = Server::start(&url, port, &data);
    server.ready(port).await;
    let pinned = pin_apart(server.0.id());

    // The ceiling: one fixed answer through axum, in a process of its own (this bench again)
    // on the server's core, with the same socket setup.
    let ceiling_port = free_port();
    let ceiling = Server(
        std::process::Command::new(std::env::current_exe().expect("this bench"))
            .env(CEILING, ceiling_port.to_string())
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("ceiling"),
    );
    ceiling.ready(ceiling_port).await;
    if pinned {
        common::pin(ceiling.0.id(), 1);
    }
    let ceiling_addr = format!("127.0.0.1:{ceiling_port}");

    let client = http_client()
        .tcp_nodelay(true)
        .pool_max_idle_per_host(512)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    let base = format!("http://127.0.0.1:{port}");
    let targets: Vec<(String, String)> = vec![
        (
            "ceiling: trivial handler".into(),
            format!("http://{ceiling_addr}/"),
        ),
        ("/healthz".into(), format!("{base}/healthz")),
        ("dashboard".into(), format!("{base}/")),
        (
            "Programme page, 300 blocks".into(),
            format!("{base}/sessions/{session}"),
        ),
        (
            "session JSON, 300 blocks".into(),
            format!("{base}/api/v1/sessions/{session}"),
        ),
    ];
    // Warm both up: connections, caches, the allocator.
    for (_, url) in &targets {
        for _ in 0..20 {
            let _ = client.get(url).header("cookie", &cookie).send().await;
        }
    }
    let started = Instant::now();
    let mut figures = Vec::new();
    for (name, url) in &targets {
        let (latency, errors) = at_rate(&client, url, &cookie).await;
        let rps = throughput(&client, url, &cookie).await;
        figures.push(Figure {
            name: name.clone(),
            latency,
            errors,
            rps,
        });
    }
    println!(
        "== HTTP on {backend}: {RATE} req/s offered for {SECONDS} s each (latency from each request's due time), then {CONNECTIONS} connections for {BURST} s (req/s); ratios to the ceiling{}",
        if pinned {
            "; server and ceiling on core 1, load on core 0"
        } else {
            ""
        }
    );
    let ceiling = figures.remove(0);
    print(&ceiling, &ceiling);
    for f in &figures {
        print(f, &ceiling);
    }
    println!("finished in {:.1} s", started.elapsed().as_secs_f64());
    drop(server);
    drop(ceiling);
    let _ = std::fs::remove_dir_all(&data);
}
