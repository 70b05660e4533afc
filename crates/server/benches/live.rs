//! `scripts/bench`: live co-editing, measured against a ceiling taken in the same run.
//!
//! - 50 clients on one session send 100 ops per second in all, for ten seconds, to a real
//!   `plenary serve` process (the release binary) over loopback. Propagation is the time from an
//!   op leaving one client to its arrival at each of the 49 others. Targets: p50 at most 5 ms and
//!   p99 at most 25 ms on SQLite. The ceiling is a bare WebSocket relay in this process that sends
//!   every frame on to every other client: the transport and fan-out with no database and no
//!   rules.
//! - Server CPU time per delivered message, from /proc, with the server on core 1 and the
//!   clients on core 0.
//! - Memory of idle connections: the server process's resident memory before and after 1,000
//!   of them, and after 1,000 more while the first stay open (what one more costs once caches
//!   and allocator arenas have grown). Target: at most 64 KiB each.
//! - The peer: the same clients, load and measures against Hocuspocus 3.x (`bench/hocuspocus`,
//!   installed by `scripts/bench`) on a Yjs document receiving the same title edits, printed
//!   beside ours as ratios.
//!
//! Bounded in count and time; the server is stopped at the end.

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use axum::routing::get;
use axum::serve::ListenerExt;
use domain::op::Op;
use domain::session::BlockField;
use futures_util::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;
use tokio_tungstenite::tungstenite::{self, client::IntoClientRequest};

mod common;
mod hocuspocus;
use common::{
    Server, Stats, backend_name, bench_session, bench_token, bench_url, bench_user, cpu_time,
    free_port, ms, open_url, pin_apart, stats,
};

const CLIENTS: usize = 50;
const OPS_PER_SECOND: u64 = 100;
const SECONDS: u64 = 10;
const IDLE: usize = 1000;

/// Sent times of ops by id, and the propagation times measured.
#[derive(Default)]
struct Clock {
    sent: Mutex<HashMap<String, Instant>>,
    propagation: Mutex<Vec<Duration>>,
    acks: Mutex<Vec<Duration>>,
}

/// What a client saw in a frame: another client's op, or the acknowledgement of its own.
enum Seen {
    Op(String),
    Ack(String),
}

/// Frames edit `n` of client `k`, whose id is the third argument.
type Edit = Arc<dyn Fn(usize, u64, &str) -> tungstenite::Message + Send + Sync>;

/// How the clients talk to one server: what each sends on connecting, how edit `n` of client
/// `k` with id `id` is framed, and which op a received frame carries.
#[derive(Clone)]
struct Protocol {
    hello: Vec<tungstenite::Message>,
    edit: Edit,
    read: fn(&tungstenite::Message) -> Option<Seen>,
}

/// Plenary's protocol (and the relay's, which passes it on): JSON text; ops and acks carry the
/// op's id.
fn read_json(msg: &tungstenite::Message) -> Option<Seen> {
    let tungstenite::Message::Text(text) = msg else {
        return None;
    };
    // Only ops and acks carry an id; the rest is skipped unparsed.
    if !text.contains(r#""id":"#) {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let id = v["id"].as_str()?.to_owned();
    match v["type"].as_str() {
        Some("op") => Some(Seen::Op(id)),
        Some("ack") => Some(Seen::Ack(id)),
        _ => None,
    }
}

/// Drives `CLIENTS` connections made by `connect` for `SECONDS`, each sending its edits at an
/// equal share of the rate.
async fn drive(
    connect: impl Fn() -> tungstenite::handshake::client::Request,
    protocol: &Protocol,
) -> (Stats, Option<Stats>, usize) {
    let clock = Arc::new(Clock::default());
    let mut sockets = Vec::new();
    for _ in 0..CLIENTS {
        let (mut ws, _) = tokio_tungstenite::connect_async_with_config(connect(), None, true)
            .await
            .expect("connect");
        for m in &protocol.hello {
            ws.send(m.clone()).await.expect("hello");
        }
        sockets.push(ws);
    }
    let period = Duration::from_micros(1_000_000 * CLIENTS as u64 / OPS_PER_SECOND);
    let per_client = SECONDS * OPS_PER_SECOND / CLIENTS as u64;
    let mut tasks = Vec::new();
    for (k, ws) in sockets.into_iter().enumerate() {
        let clock = clock.clone();
        let edit = protocol.edit.clone();
        let read = protocol.read;
        let (mut tx, mut rx) = ws.split();
        let prefix = format!("c{k}-");
        // Reader: every op from another client is one propagation sample.
        let reader_clock = clock.clone();
        let mine = prefix.clone();
        let reader = tokio::spawn(async move {
            let deadline = Instant::now() + Duration::from_secs(SECONDS + 5);
            while let Ok(Some(Ok(msg))) = tokio::time::timeout_at(deadline.into(), rx.next()).await
            {
                let now = Instant::now();
                let Some(seen) = read(&msg) else {
                    continue;
                };
                let (Seen::Op(id) | Seen::Ack(id)) = &seen;
                let Some(at) = reader_clock
                    .sent
                    .lock()
                    .ok()
                    .and_then(|s| s.get(id).copied())
                else {
                    continue;
                };
                match seen {
                    Seen::Op(id) if !id.starts_with(&mine) => {
                        if let Ok(mut p) = reader_clock.propagation.lock() {
                            p.push(now - at);
                        }
                    }
                    Seen::Ack(_) => {
                        if let Ok(mut a) = reader_clock.acks.lock() {
                            a.push(now - at);
                        }
                    }
                    Seen::Op(_) => {}
                }
            }
        });
        // Writer: evenly spread over the period, each client with its own phase.
        let writer = tokio::spawn(async move {
            tokio::time::sleep(period * k as u32 / CLIENTS as u32).await;
            let mut tick = tokio::time::interval(period);
            for n in 0..per_client {
                tick.tick().await;
                let id = format!("{prefix}{n}");
                let msg = edit(k, n, &id);
                if let Ok(mut s) = clock.sent.lock() {
                    s.insert(id, Instant::now());
                }
                if tx.send(msg).await.is_err() {
                    break;
                }
            }
            tokio::time::sleep(Duration::from_secs(2)).await;
            let _ = tx.close().await;
        });
        tasks.push((reader, writer));
    }
    for (reader, writer) in tasks {
        let _ = writer.await;
        let _ = reader.await;
    }
    let samples = clock
        .propagation
        .lock()
        .map(|p| p.clone())
        .unwrap_or_default();
    let n = samples.len();
    let acks = clock.acks.lock().map(|a| a.clone()).unwrap_or_default();
    (stats(samples), (!acks.is_empty()).then(|| stats(acks)), n)
}

/// The ceiling: a relay that sends every text frame on to every connection.
async fn relay(State(tx): State<broadcast::Sender<Arc<str>>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| relay_one(socket, tx))
}

async fn relay_one(mut socket: WebSocket, tx: broadcast::Sender<Arc<str>>) {
    let mut rx = tx.subscribe();
    loop {
        tokio::select! {
            m = socket.recv() => match m {
                Some(Ok(Message::Text(t))) => { let _ = tx.send(Arc::from(t.as_str())); }
                Some(Ok(_)) => {}
                _ => break,
            },
            m = rx.recv() => match m {
                Ok(t) => if socket.send(Message::Text(t.as_ref().into())).await.is_err() { break },
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(_) => break,
            },
        }
    }
}

/// Resident memory of a process in KiB, from /proc.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

type Idle = (
    futures_util::stream::SplitSink<
        tokio_tungstenite::WebSocketStream<
            tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
        >,
        tungstenite::Message,
    >,
    tokio::task::JoinHandle<()>,
);

/// Opens `n` connections, each sending `hello`, welcomed and then read in the background;
/// waits two seconds.
async fn open_idle(
    n: usize,
    connect: &impl Fn() -> tungstenite::handshake::client::Request,
    hello: &[tungstenite::Message],
) -> Vec<Idle> {
    let mut idle = Vec::with_capacity(n);
    for _ in 0..n {
        let (mut ws, _) = tokio_tungstenite::connect_async_with_config(connect(), None, true)
            .await
            .expect("idle connect");
        for m in hello {
            ws.send(m.clone()).await.expect("hello");
        }
        let (tx, mut rx) = ws.split();
        // The welcome: the server has set the connection up.
        let _ = tokio::time::timeout(Duration::from_secs(5), rx.next()).await;
        let reader = tokio::spawn(async move { while let Some(Ok(_)) = rx.next().await {} });
        idle.push((tx, reader));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    idle
}

fn line(name: &str, s: &Stats, ceiling: &Stats, target: &str) {
    println!(
        "{name:<34} p50 {:>7.3} ms  p99 {:>7.3} ms  p50/ceiling {:>5.1}x  p99/ceiling {:>5.1}x  {target}",
        ms(s.p50),
        ms(s.p99),
        ms(s.p50) / ms(ceiling.p50).max(1e-6),
        ms(s.p99) / ms(ceiling.p99).max(1e-6),
    );
}

/// Idle connections: open, welcomed, and read like a browser reads (the others' arrivals).
/// The first thousand also grow caches and the allocator's arenas, which then stay; the second
/// thousand, opened while the first stay open, show what one more idle connection costs.
/// Prints both and gives the second figure in KiB.
async fn idle_memory(
    pid: u32,
    connect: &impl Fn() -> tungstenite::handshake::client::Request,
    hello: &[tungstenite::Message],
    target_kib: Option<f64>,
) -> f64 {
    tokio::time::sleep(Duration::from_secs(1)).await;
    let start = rss_kib(pid);
    let first = open_idle(IDLE, connect, hello).await;
    let one = rss_kib(pid);
    let second = open_idle(IDLE, connect, hello).await;
    let two = rss_kib(pid);
    let growth = one.saturating_sub(start) as f64 / IDLE as f64;
    let marginal = two.saturating_sub(one) as f64 / IDLE as f64;
    println!(
        "{IDLE} idle connections: server memory {start} KiB -> {one} KiB, {growth:.1} KiB each (with cache and allocator warm-up)"
    );
    let verdict = target_kib.map_or(String::new(), |t| {
        let met = if marginal <= t { "met" } else { "MISSED" };
        format!("  target <= {t:.0} KiB: {met}")
    });
    println!(
        "{IDLE} more idle connections: {one} KiB -> {two} KiB, {marginal:.1} KiB each{verdict}"
    );
    for (mut tx, reader) in first.into_iter().chain(second) {
        let _ = tx.close().await;
        reader.abort();
    }
    marginal
}

/// What one server did under the load: propagation, CPU per delivered message (µs) and
/// memory per idle connection (KiB).
struct Measured {
    propagation: Stats,
    cpu_us: f64,
    idle_kib: f64,
}

fn cpu_line(cpu: Duration, n: usize) -> f64 {
    let per = cpu.as_secs_f64() * 1e6 / n.max(1) as f64;
    println!(
        "server CPU time: {:.0} ms for {n} deliveries, {per:.1} µs per delivered message",
        cpu.as_secs_f64() * 1000.0,
    );
    per
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let url = bench_url();
    let backend = backend_name(&url);
    // The data: an account with a token, and a session with a block per client.
    let store = open_url(&url).await;
    let user = bench_user(
        &store,
        &format!("live-{}@bench.example", uuid::Uuid::now_v7().simple()),
    )
    .await;
    let secret = bench_token(&store, &user).await;
    let (session, blocks) = bench_session(&store, &user, CLIENTS).await;
    store.close().await;

    // The server: the release binary, on its own process.
    let port = free_port();
    let data = std::env::temp_dir().join(format!("plenary-live-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&data).expect("data dir");
    let server = Server::start(&url, port, &data);
    server.ready(port).await;
    let pinned = pin_apart(server.0.id());

    // The ceiling first, on the same machine and load.
    let (tx, _) = broadcast::channel::<Arc<str>>(4096);
    let app = Router::new().route("/relay", get(relay)).with_state(tx);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("relay");
    let relay_addr = listener.local_addr().expect("addr");
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let plenary = Protocol {
        hello: Vec::new(),
        edit: Arc::new(move |k: usize, n: u64, id: &str| {
            let op = Op::SetBlock {
                block: blocks[k],
                set: BlockField::Title(format!("Block {k}, edit {n}")),
            };
            tungstenite::Message::Text(
                serde_json::json!({"type": "op", "id": id, "op": op})
                    .to_string()
                    .into(),
            )
        }),
        read: read_json,
    };
    let (ceiling, _, ceiling_n) = drive(
        || {
            format!("ws://{relay_addr}/relay")
                .into_client_request()
                .expect("req")
        },
        &plenary,
    )
    .await;

    let live_url = format!("ws://127.0.0.1:{port}/api/v1/sessions/{session}/live");
    let connect = || {
        let mut req = live_url.as_str().into_client_request().expect("req");
        req.headers_mut().insert(
            "authorization",
            format!("Bearer {secret}").parse().expect("header"),
        );
        req
    };
    let cpu_before = cpu_time(server.0.id());
    let (ours, acks, n) = drive(connect, &plenary).await;
    let cpu = cpu_time(server.0.id()).saturating_sub(cpu_before);
    println!(
        "== live co-editing on {backend}: {CLIENTS} clients, {OPS_PER_SECOND} ops/s in all for {SECONDS} s ({n} deliveries; the relay {ceiling_n}){}",
        if pinned {
            "; server on core 1, clients and relay on core 0"
        } else {
            ""
        }
    );
    line("ceiling: bare WebSocket relay", &ceiling, &ceiling, "");
    let verdict = if backend == "SQLite" {
        let met = ms(ours.p50) <= 5.0 && ms(ours.p99) <= 25.0;
        format!(
            "target p50 <= 5 ms, p99 <= 25 ms: {}",
            if met { "met" } else { "MISSED" }
        )
    } else {
        String::new()
    };
    line("propagation to the 49 others", &ours, &ceiling, &verdict);
    if let Some(a) = acks {
        line("acknowledgement after commit", &a, &ceiling, "");
    }
    let cpu_us = cpu_line(cpu, n);
    let idle_kib = idle_memory(server.0.id(), &connect, &[], Some(64.0)).await;
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    let ours = Measured {
        propagation: ours,
        cpu_us,
        idle_kib,
    };

    let peer = hocuspocus::measure(&ceiling).await;
    let ratio = |a: f64, b: f64| a / b.max(1e-9);
    println!(
        "Plenary on {backend} / Hocuspocus (below 1 is Plenary ahead): propagation p50 {:.2}x, p99 {:.2}x; CPU per delivered message {:.2}x; memory per idle connection {:.2}x",
        ratio(ms(ours.propagation.p50), ms(peer.propagation.p50)),
        ratio(ms(ours.propagation.p99), ms(peer.propagation.p99)),
        ratio(ours.cpu_us, peer.cpu_us),
        ratio(ours.idle_kib, peer.idle_kib),
    );
}
