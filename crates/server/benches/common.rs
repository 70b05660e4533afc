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
            },
            None,
        )
        .await
        .expect("user")
}
