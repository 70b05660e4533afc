//! What the benchmarks share: percentiles, one printed line per figure with its ratio to a
//! ceiling measured in the same run, a fresh store and a user.

#![allow(dead_code, reason = "each benchmark uses a different part")]

use domain::{Email, Locale};
use std::time::Duration;
use store::{NewUser, Store, User};

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

pub struct Stats {
    pub p50: Duration,
    pub p95: Duration,
    pub p99: Duration,
}

pub fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort_unstable();
    Stats {
        p50: percentile(&samples, 50.0),
        p95: percentile(&samples, 95.0),
        p99: percentile(&samples, 99.0),
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn line(name: &str, s: &Stats, ceiling: &Stats, target_ms: Option<f64>) {
    let verdict = match target_ms {
        Some(t) if ms(s.p95) <= t => format!("target p95 <= {t} ms: met"),
        Some(t) => format!("target p95 <= {t} ms: MISSED"),
        None => String::new(),
    };
    println!(
        "{name:<38} p50 {:>7.3} ms  p95 {:>7.3} ms  p99 {:>7.3} ms  p95/ceiling {:>6.1}x  {verdict}",
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        ms(s.p95) / ms(ceiling.p95).max(1e-6),
    );
}

/// A fresh SQLite file, or the PostgreSQL database in `PLENARY_BENCH_POSTGRES`.
pub fn bench_url() -> String {
    match std::env::var("PLENARY_BENCH_POSTGRES") {
        Ok(u) if !u.is_empty() => u,
        _ => {
            let dir = std::env::temp_dir()
                .join(format!("plenary-bench-{}", uuid::Uuid::now_v7().simple()));
            std::fs::create_dir_all(&dir).expect("bench dir");
            format!("sqlite:{}", dir.join("bench.db").display())
        }
    }
}

/// A migrated store on [`bench_url`].
pub async fn open_store() -> Store {
    open_url(&bench_url()).await
}

pub async fn open_url(url: &str) -> Store {
    let store = Store::connect(url).await.expect("database");
    store.migrate().await.expect("migrate");
    store
}

/// A confirmed account to run the benchmark as.
pub async fn bench_user(store: &Store, email: &str) -> User {
    store
        .create_user(
            &NewUser {
                email: Email::parse(email).expect("email"),
                password_hash: "x".into(),
                first_name: "Bench".into(),
                last_name: "Mark".into(),
                phone: None,
                locale: Locale::En,
                time_zone: "Europe/Berlin".into(),
                is_admin: false,
                terms_version: "1".into(),
                privacy_version: "1".into(),
                confirmed: true,
                accepts: Vec::new(),
                seen_documents_until: None,
            },
            None,
        )
        .await
        .expect("user")
}

/// "SQLite" or "PostgreSQL", for a database URL.
pub fn backend_name(url: &str) -> &'static str {
    if url.starts_with("sqlite:") {
        "SQLite"
    } else {
        "PostgreSQL"
    }
}

/// A login of `user` for an hour: the `Cookie` header value that signs a request in.
pub async fn bench_login(store: &Store, user: &User) -> String {
    let (secret, hash) = plenary_server::auth::new_secret();
    store
        .create_login(
            user.id,
            &hash,
            "bench",
            "127.0.0.1",
            store::now_ms() + 3_600_000,
        )
        .await
        .expect("login");
    format!("plenary_login={secret}")
}

/// An API token for `user`: the secret to send as `Authorization: Bearer …`.
pub async fn bench_token(store: &Store, user: &User) -> String {
    let secret = format!("plen_bench{}", uuid::Uuid::now_v7().simple());
    store
        .create_api_token(
            user.id,
            "bench",
            &plenary_server::auth::hash_secret(&secret),
            "plen_bench",
            domain::Scopes::READ_WRITE,
        )
        .await
        .expect("token");
    secret
}

/// A new session of `user` with `blocks` activities of ten minutes: its id and the blocks'.
pub async fn bench_session(
    store: &Store,
    user: &User,
    blocks: usize,
) -> (domain::SessionId, Vec<domain::BlockId>) {
    use domain::op::Op;
    use domain::session::{BlockField, BlockKind};
    let (workspace, _) = store.personal_workspace(user.id).await.expect("workspace");
    let session = store
        .create_session(&store::NewSession {
            workspace,
            created_by: user.id,
            title: "Bench".into(),
            first_date: jiff::civil::date(2026, 12, 1),
            start_time: jiff::civil::time(9, 0, 0, 0),
            time_zone: "UTC".into(),
            language: "en".into(),
        })
        .await
        .expect("session");
    let mut ids = Vec::new();
    let mut after = None;
    for i in 0..blocks {
        let block = domain::BlockId::new();
        let op = Op::InsertBlock {
            block,
            kind: BlockKind::Activity,
            after,
            fields: vec![
                BlockField::Title(format!("Block {i}")),
                BlockField::Minutes(10),
            ],
        };
        store
            .apply_op(&store::Editor::trusted(session.id, user.id), None, op)
            .await
            .expect("block");
        after = Some(block);
        ids.push(block);
    }
    (session.id, ids)
}

/// A session of `n` blocks for page and export benches: the custom fields of
/// [`custom_fields`], then days, sections, breaks and activities with Markdown, a lead, a
/// category and a custom value ([`insert`]).
pub async fn programme_session(store: &Store, user: &User, n: usize) -> domain::SessionId {
    let (session, _) = bench_session(store, user, 0).await;
    let editor = store::Editor::trusted(session, user.id);
    let set_fields = domain::op::Op::SetSession {
        set: domain::session::SessionField::CustomFields(custom_fields()),
    };
    store
        .apply_op(&editor, None, set_fields)
        .await
        .expect("custom fields");
    let mut last = None;
    for i in 0..n {
        let (id, op) = insert(last, i);
        store.apply_op(&editor, None, op).await.expect("block");
        last = Some(id);
    }
    session
}

/// A free port on 127.0.0.1.
/// The server's settings for an in-process bench: the defaults, without the rate limits, since
/// a bench offers more than any one client should.
pub fn bench_settings() -> plenary_server::config::Settings {
    let mut settings = plenary_server::config::Settings::load(
        plenary_server::config::SettingsArgs::default(),
        None,
    )
    .expect("settings");
    settings.rate_per_minute = 100_000_000;
    settings.ip_rate_per_minute = 100_000_000;
    settings.limits = BENCH_LIMITS.split(',').map(str::to_owned).collect();
    settings
}

/// The hourly limits a bench's token and person would meet, lifted.
const BENCH_LIMITS: &str =
    "token-requests=100000000/60,comment-account=100000000/60,upload-account=100000000/60";

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port()
}

/// `plenary serve` (this build's binary) in its own process on `url`, listening on
/// 127.0.0.1:`port`, with `data` as its data directory. Killed when dropped.
pub struct Server(pub std::process::Child);

impl Server {
    pub fn start(url: &str, port: u16, data: &std::path::Path) -> Self {
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("PLENARY_DATABASE_URL", url)
            .env("PLENARY_BIND", format!("127.0.0.1:{port}"))
            .env("PLENARY_DATA_DIR", data)
            .env("PLENARY_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
            // The benches offer more than any one client should: no rate limit gets in the way.
            .env("PLENARY_RATE_PER_MINUTE", "100000000")
            .env("PLENARY_IP_RATE_PER_MINUTE", "100000000")
            .env("PLENARY_LIMITS", BENCH_LIMITS)
            // The export bench times making each file in its request, never the job that
            // takes over an export slower than a second.
            .env("PLENARY_EXPORT_WAIT_MS", "60000")
            .env("RUST_LOG", "warn")
            .current_dir(data)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("plenary serve");
        Self(child)
    }

    /// Waits until it accepts connections on `port` (at most a minute).
    pub async fn ready(&self, port: u16) {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            assert!(
                std::time::Instant::now() < deadline,
                "the server did not start"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The custom fields of the benchmark sessions: one shown as a column, one not.
pub fn custom_fields() -> Vec<domain::session::CustomFieldDef> {
    use domain::session::{CustomFieldDef, CustomKind};
    vec![
        CustomFieldDef {
            id: "room".into(),
            name: "Room".into(),
            kind: CustomKind::Text,
            options: vec![],
            column: true,
        },
        CustomFieldDef {
            id: "energy".into(),
            name: "Energy".into(),
            kind: CustomKind::Choice,
            options: vec!["High".into(), "Low".into()],
            column: false,
        },
    ]
}

pub fn insert(after: Option<domain::BlockId>, i: usize) -> (domain::BlockId, domain::op::Op) {
    use domain::op::Op;
    use domain::session::{BlockField, BlockKind};
    let block = domain::BlockId::new();
    let kind = match i % 25 {
        0 => BlockKind::Day,
        5 | 15 => BlockKind::Section,
        10 => BlockKind::Break,
        _ => BlockKind::Activity,
    };
    let fields = vec![
        BlockField::Title(format!("Block {i}: a method with a readable title")),
        BlockField::Minutes(u32::try_from(5 + i % 40).unwrap_or(10)),
        BlockField::Lead("Anna".into()),
        BlockField::Description(
            "**Pairs** discuss for two minutes, then share one insight with the room.".into(),
        ),
        BlockField::Category(Some("ideation".into())),
        BlockField::Custom(domain::session::CustomValue {
            id: "room".into(),
            value: Some(format!("Room {}", i % 4)),
        }),
    ];
    let fields = fields
        .into_iter()
        .filter(|f| f.clone().validate_in(kind, &custom_fields()).is_ok())
        .collect();
    (
        block,
        Op::InsertBlock {
            block,
            kind,
            after,
            fields,
        },
    )
}

/// Pins every thread of process `pid` to CPU `core` (with `taskset`); false when it could not.
pub fn pin(pid: u32, core: usize) -> bool {
    std::process::Command::new("taskset")
        .args(["-a", "-p", "-c", &core.to_string(), &pid.to_string()])
        .stdout(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// With two cores or more: the server process on core 1 and this one (clients, ceilings) on
/// core 0, so they do not take each other's time. Says whether it did: on one core, `taskset`
/// refuses core 1. (Not `available_parallelism`, which counts only the cores this process may
/// use, one once it has been pinned for an earlier server.)
pub fn pin_apart(server: u32) -> bool {
    pin(server, 1) && pin(std::process::id(), 0)
}

/// CPU time (user and system) process `pid` has used so far.
pub fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|i| fields.get(*i).and_then(|f| f.parse::<u64>().ok()))
        .sum();
    let per_second = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .trim()
                .parse::<u64>()
                .ok()
        })
        .unwrap_or(100);
    Duration::from_micros(ticks * 1_000_000 / per_second.max(1))
}

/// An HTTP client builder (plain HTTP on loopback; rustls's ring provider installed first, as
/// the server does, since reqwest is built without a provider of its own).
pub fn http_client() -> reqwest::ClientBuilder {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
}
