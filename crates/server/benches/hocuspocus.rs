//! The live bench's peer: Hocuspocus 3.x (`bench/hocuspocus`, installed by `scripts/bench`)
//! under the same clients, load and measures, on a Yjs document receiving the same title edits.

use super::{
    CLIENTS, Measured, OPS_PER_SECOND, Protocol, SECONDS, Seen, cpu_line, drive, idle_memory, line,
};
use crate::common::{Server, Stats, cpu_time, free_port, pin_apart};
use std::sync::Arc;
use tokio_tungstenite::tungstenite::{self, client::IntoClientRequest};

/// Hocuspocus's protocol: binary sync messages holding Yjs updates. An edit's update holds its
/// title, "Block K, edit N", as a Yjs string (its length in the byte before it), which names
/// the op. Hocuspocus's acknowledgements name no update, so none are counted.
fn read_yjs(msg: &tungstenite::Message) -> Option<Seen> {
    let tungstenite::Message::Binary(bytes) = msg else {
        return None;
    };
    let at = bytes.windows(6).position(|w| w == b"Block ")?;
    let len = usize::from(*bytes.get(at.checked_sub(1)?)?);
    let title = std::str::from_utf8(bytes.get(at..at + len)?).ok()?;
    let (k, n) = title.strip_prefix("Block ")?.split_once(", edit ")?;
    Some(Seen::Op(format!("c{k}-{n}")))
}

/// The peer's files: its server, the script that makes its clients' edits, and its packages.
fn hocuspocus_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/hocuspocus")
}

/// The same load against Hocuspocus 3.x on a Yjs document: each client's edits set its block's
/// title in a Yjs map, made by Yjs itself (edits.mjs) before the clock starts. The server runs
/// with the persistence its database extensions use (the whole document, after a pause).
pub async fn measure(ceiling: &Stats) -> Measured {
    let dir = hocuspocus_dir();
    assert!(
        dir.join("node_modules/@hocuspocus/server").is_dir(),
        "Hocuspocus is not installed in {}: scripts/bench installs it (npm ci)",
        dir.display()
    );
    let version: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("node_modules/@hocuspocus/server/package.json"))
            .expect("Hocuspocus's package.json"),
    )
    .expect("package.json");
    let doc = format!("session-{}", uuid::Uuid::now_v7().simple());
    let per_client = SECONDS * OPS_PER_SECOND / CLIENTS as u64;
    let made = std::process::Command::new("node")
        .current_dir(&dir)
        .args([
            "edits.mjs",
            &CLIENTS.to_string(),
            &per_client.to_string(),
            &doc,
        ])
        .output()
        .expect("node edits.mjs");
    assert!(
        made.status.success(),
        "edits.mjs failed: {}",
        String::from_utf8_lossy(&made.stderr)
    );
    let made: serde_json::Value = serde_json::from_slice(&made.stdout).expect("edits JSON");
    let binary = |v: &serde_json::Value| {
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().expect("base64"))
            .expect("base64");
        tungstenite::Message::Binary(bytes.into())
    };
    let hello: Vec<_> = made["hello"]
        .as_array()
        .expect("hello")
        .iter()
        .map(binary)
        .collect();
    let edits: Vec<Vec<tungstenite::Message>> = made["edits"]
        .as_array()
        .expect("edits")
        .iter()
        .map(|c| c.as_array().expect("client").iter().map(binary).collect())
        .collect();
    let edits = Arc::new(edits);
    let protocol = Protocol {
        hello: hello.clone(),
        edit: Arc::new(move |k: usize, n: u64, _: &str| {
            edits[k][usize::try_from(n).unwrap_or(0)].clone()
        }),
        read: read_yjs,
    };

    let port = free_port();
    let data = std::env::temp_dir().join(format!(
        "plenary-hocuspocus-{}",
        uuid::Uuid::now_v7().simple()
    ));
    std::fs::create_dir_all(&data).expect("data dir");
    let mut child = std::process::Command::new("node")
        .current_dir(&dir)
        .arg("server.mjs")
        .env("PORT", port.to_string())
        .env("DATA", &data)
        .env("NODE_ENV", "production")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("node server.mjs");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut first)
        .expect("Hocuspocus started");
    assert!(first.starts_with("listening"), "Hocuspocus said {first:?}");
    let pid = server.0.id();
    let pinned = pin_apart(pid);
    let url = format!("ws://127.0.0.1:{port}/");
    let connect = || url.as_str().into_client_request().expect("req");

    let cpu_before = cpu_time(pid);
    let (propagation, _, n) = drive(connect, &protocol).await;
    let cpu = cpu_time(pid).saturating_sub(cpu_before);
    println!(
        "== the peer: Hocuspocus {} on Node {}, the same {CLIENTS} clients and {OPS_PER_SECOND} edits/s on a Yjs document ({n} deliveries){}",
        version["version"].as_str().unwrap_or("?"),
        String::from_utf8_lossy(
            &std::process::Command::new("node")
                .arg("--version")
                .output()
                .map(|o| o.stdout)
                .unwrap_or_default()
        )
        .trim(),
        if pinned {
            "; server on core 1, clients on core 0"
        } else {
            ""
        }
    );
    line("propagation to the 49 others", &propagation, ceiling, "");
    let cpu_us = cpu_line(cpu, n);
    let idle_kib = idle_memory(pid, &connect, &hello, None).await;
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
    Measured {
        propagation,
        cpu_us,
        idle_kib,
    }
}
