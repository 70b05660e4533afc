//! `scripts/crash-test`: no acknowledged change is lost when the server or the database dies.
//!
//! Four writers stream ops (each inserts a block with its own id and client op id) through
//! `POST /api/v1/sessions/{id}/ops` to a real `plenary serve` process and record every
//! acknowledgement (a `200` whose result is `applied` or `duplicate`, given after commit). An op
//! whose answer did not arrive is sent again, with the same ids, until it is acknowledged; the
//! server must then call it a duplicate or apply it, never both. Each writer starts a new
//! session (through the API too) when its session nears the block limit.
//!
//! - SQLite: the server is killed with SIGKILL at a random moment, 100 times. While it is down
//!   the database file passes `PRAGMA integrity_check`; once it is back, every op acknowledged
//!   before the kill is in the session.
//! - PostgreSQL (with `PLENARY_BENCH_POSTGRES` set, run as root on the machine's own cluster):
//!   the database server is stopped in immediate mode (no checkpoint, as in a crash) and started
//!   again, 20 times, while the server keeps running and reconnects.
//!
//! It prints the counts, `acked N, lost 0`, and fails when anything is lost. Bounded: a fixed
//! number of rounds, each waiting at most a minute for the server.

use rand::Rng;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;
use common::{Server, bench_token, bench_url, bench_user, free_port, http_client, open_url};

const WRITERS: usize = 4;
const SQLITE_KILLS: usize = 100;
const POSTGRES_RESTARTS: usize = 20;

/// Blocks a writer puts in one session before it starts another (the limit is 2,000).
const PER_SESSION: usize = 1500;

/// What the writers have been told.
#[derive(Default)]
struct Ledger {
    /// Acknowledged ops: (session, block).
    acked: Mutex<HashSet<(String, String)>>,
    /// The last refusal, to explain a failure.
    refusal: Mutex<String>,
    /// Answers that were neither an acknowledgement nor a failure to reach the server.
    refused: AtomicU64,
    /// Ops sent again after an unanswered attempt.
    resent: AtomicU64,
}

/// Sends ops until `stop`: each is retried with the same ids until acknowledged.
async fn writer(base: Arc<str>, secret: Arc<str>, ledger: Arc<Ledger>, stop: Arc<AtomicBool>) {
    let client = http_client()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let auth = format!("Bearer {secret}");
    let mut session = String::new();
    let mut in_session = PER_SESSION;
    while !stop.load(Ordering::Relaxed) {
        if in_session == PER_SESSION {
            // A new session; retried until the server answers.
            let made = client
                .post(format!("{base}/api/v1/sessions"))
                .header("authorization", &auth)
                .header("content-type", "application/json")
                .body(r#"{"title": "Crash test"}"#)
                .send()
                .await;
            let id = match made {
                Ok(res) if res.status().is_success() => res
                    .bytes()
                    .await
                    .ok()
                    .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                    .and_then(|v| v["id"].as_str().map(str::to_owned)),
                _ => None,
            };
            match id {
                Some(id) => {
                    session = id;
                    in_session = 0;
                }
                None => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            }
        }
        let url = format!("{base}/api/v1/sessions/{session}/ops");
        let block = uuid::Uuid::now_v7().to_string();
        let body = serde_json::json!({"ops": [{"client_op_id": format!("crash-{block}"), "op": {
            "type": "insert_block", "block": block, "kind": "activity", "after": null,
            "fields": [{"field": "title", "value": "Crash test"}, {"field": "minutes", "value": 5}]
        }}]})
        .to_string();
        let mut attempts = 0u32;
        loop {
            attempts += 1;
            if attempts == 2 {
                ledger.resent.fetch_add(1, Ordering::Relaxed);
            }
            let sent = client
                .post(&url)
                .header("authorization", &auth)
                .header("content-type", "application/json")
                .body(body.clone())
                .send()
                .await;
            let answer = match sent {
                Ok(res) if res.status().is_success() => res.bytes().await.ok(),
                Ok(res) if res.status().is_server_error() => None,
                Ok(res) => {
                    let status = res.status();
                    let text = res.text().await.unwrap_or_default();
                    refuse(&ledger, format!("{status}: {text}"));
                    break;
                }
                Err(_) => None,
            };
            let result = answer
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .map(|v| v["results"][0].clone());
            match result.as_ref().and_then(|r| r["status"].as_str()) {
                Some("applied" | "duplicate") => {
                    if let Ok(mut acked) = ledger.acked.lock() {
                        acked.insert((session.clone(), block.clone()));
                    }
                    in_session += 1;
                    break;
                }
                Some(_) => {
                    refuse(&ledger, format!("{result:?}"));
                    break;
                }
                // No answer: the server or its database is down. Send it again.
                None => tokio::time::sleep(Duration::from_millis(20)).await,
            }
            if stop.load(Ordering::Relaxed) && attempts > 1000 {
                break;
            }
        }
    }
}

fn refuse(ledger: &Ledger, why: String) {
    ledger.refused.fetch_add(1, Ordering::Relaxed);
    if let Ok(mut r) = ledger.refusal.lock() {
        *r = why;
    }
}

/// Acknowledged ops missing from the sessions as the server has them now.
async fn missing(
    base: &str,
    secret: &str,
    acked: &HashSet<(String, String)>,
) -> HashSet<(String, String)> {
    let sessions: HashSet<&String> = acked.iter().map(|(s, _)| s).collect();
    let mut gone = HashSet::new();
    for session in sessions {
        let present = blocks_now(base, secret, session).await;
        gone.extend(
            acked
                .iter()
                .filter(|(s, b)| s == session && !present.contains(b))
                .cloned(),
        );
    }
    gone
}

/// The block ids of the session as the server has it now (retried while it recovers).
async fn blocks_now(base: &str, secret: &str, session: &str) -> HashSet<String> {
    let client = http_client().build().expect("client");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let res = client
            .get(format!("{base}/api/v1/sessions/{session}"))
            .header("authorization", format!("Bearer {secret}"))
            .send()
            .await;
        if let Ok(res) = res
            && res.status().is_success()
            && let Ok(bytes) = res.bytes().await
            && let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes)
        {
            return v["blocks"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|b| b["id"].as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
        }
        assert!(Instant::now() < deadline, "the session could not be read");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `PRAGMA integrity_check` on the SQLite file of `url`, with no server running.
async fn integrity(url: &str) -> String {
    use sqlx::Connection;
    let mut db = sqlx::SqliteConnection::connect(url)
        .await
        .expect("the database opens");
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut db)
        .await
        .expect("integrity check");
    let _ = db.close().await;
    verdict
}

/// Stops the machine's PostgreSQL in immediate mode and starts it again.
fn restart_postgres() {
    let versions = std::fs::read_dir("/etc/postgresql").expect("a Debian PostgreSQL cluster");
    for v in versions.flatten() {
        let version = v.file_name().to_string_lossy().into_owned();
        for action in [&["stop", "-m", "immediate"][..], &["start"][..]] {
            let status = std::process::Command::new("pg_ctlcluster")
                .arg("--skip-systemctl-redirect")
                .arg(&version)
                .arg("main")
                .args(action)
                .status()
                .expect("pg_ctlcluster");
            assert!(status.success(), "pg_ctlcluster {version} main {action:?}");
        }
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let url = bench_url();
    let sqlite = url.starts_with("sqlite:");
    let store = open_url(&url).await;
    let user = bench_user(
        &store,
        &format!("crash-{}@bench.example", uuid::Uuid::now_v7().simple()),
    )
    .await;
    let secret: Arc<str> = bench_token(&store, &user).await.into();
    store.close().await;

    let port = free_port();
    let base: Arc<str> = format!("http://127.0.0.1:{port}").into();
    let data =
        std::env::temp_dir().join(format!("plenary-crash-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&data).expect("data dir");
    let mut server = Server::start(&url, port, &data);
    server.ready(port).await;

    let ledger = Arc::new(Ledger::default());
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| {
            tokio::spawn(writer(
                base.clone(),
                secret.clone(),
                ledger.clone(),
                stop.clone(),
            ))
        })
        .collect();

    let rounds = if sqlite {
        SQLITE_KILLS
    } else {
        POSTGRES_RESTARTS
    };
    let mut lost: HashSet<(String, String)> = HashSet::new();
    let mut damaged = 0usize;
    let started = Instant::now();
    for round in 1..=rounds {
        let wait = rand::rng().random_range(50..400);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        // What was acknowledged before the crash must be there after it.
        let before = ledger.acked.lock().map(|a| a.clone()).unwrap_or_default();
        if sqlite {
            let _ = server.0.kill();
            let _ = server.0.wait();
            let verdict = integrity(&url).await;
            if verdict != "ok" {
                damaged += 1;
                println!("round {round}: integrity check says {verdict}");
            }
            server = Server::start(&url, port, &data);
            server.ready(port).await;
        } else {
            restart_postgres();
        }
        let gone = missing(&base, &secret, &before).await;
        if !gone.is_empty() {
            println!("round {round}: {} acknowledged ops missing", gone.len());
        }
        lost.extend(gone);
    }
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        let _ = tokio::time::timeout(Duration::from_secs(30), w).await;
    }
    let acked = ledger.acked.lock().map(|a| a.clone()).unwrap_or_default();
    lost.extend(missing(&base, &secret, &acked).await);
    let sessions = acked.iter().map(|(s, _)| s).collect::<HashSet<_>>().len();
    drop(server);
    let _ = std::fs::remove_dir_all(&data);

    let (what, backend) = if sqlite {
        ("SIGKILLs of the server", "SQLite")
    } else {
        ("immediate restarts of PostgreSQL", "PostgreSQL")
    };
    println!(
        "== crash test on {backend}: {rounds} {what} in {:.0} s, {WRITERS} writers",
        started.elapsed().as_secs_f64()
    );
    println!(
        "acked {}, lost {} ({sessions} sessions), sent again {}, refused {}{}",
        acked.len(),
        lost.len(),
        ledger.resent.load(Ordering::Relaxed),
        ledger.refused.load(Ordering::Relaxed),
        if sqlite {
            format!(", integrity check failed {damaged} times")
        } else {
            String::new()
        }
    );
    let refused = ledger.refused.load(Ordering::Relaxed);
    if refused > 0 {
        eprintln!(
            "last refusal: {}",
            ledger.refusal.lock().map(|r| r.clone()).unwrap_or_default()
        );
    }
    if !lost.is_empty() || damaged > 0 || refused > 0 || acked.is_empty() {
        eprintln!(
            "FAILED: acknowledged changes were lost, the database was damaged, or ops were refused"
        );
        std::process::exit(1);
    }
}
