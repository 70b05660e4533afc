//! `scripts/bench`: the session designer's performance targets, each measured against a
//! ceiling taken in the same run.
//!
//! - The Programme page of a 300-block session: server time p95 at most 15 ms. The ceiling is
//!   `/healthz` through the same router and layers, so the ratio is the page's own cost.
//! - `apply_op` with commit on SQLite: p95 at most 5 ms; commit p50/p99 and ops per second
//!   with 1, 8 and 64 concurrent writers (on SQLite with the ops per group commit). The ceiling
//!   is a one-row `UPDATE` in its own transaction.
//! - Plan limits cost the op path nothing that shows: `apply_op` p95 and the ops per second of
//!   8 writers with billing on (the shipped plans) stay within 10 % of billing off, in
//!   alternating rounds of the same run.
//!
//! Everything runs in-process on a fresh SQLite file (or PostgreSQL with
//! `PLENARY_BENCH_POSTGRES`), bounded in count, and stops by itself.

use axum::body::Body;
use axum::http::Request;
use domain::op::Op;
use domain::session::BlockField;
use std::time::Instant;
use store::{NewSession, OpOutcome};
use tower::ServiceExt;

mod common;
use common::{bench_login, bench_user, custom_fields, insert, line, open_store, stats};

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let store = open_store().await;
    println!("Plenary designer benchmark ({:?} backend)", store.backend());
    let user = bench_user(&store, "bench@example.org").await;
    let (workspace, _) = store.personal_workspace(user.id).await.expect("workspace");
    let new_session = |title: &str| NewSession {
        workspace,
        created_by: user.id,
        title: title.into(),
        first_date: jiff::civil::date(2026, 12, 1),
        start_time: jiff::civil::time(9, 0, 0, 0),
        time_zone: "Europe/Berlin".into(),
        language: "en".into(),
    };
    let session = store
        .create_session(&new_session("Benchmark"))
        .await
        .expect("session");

    store
        .apply_op(
            &store::Editor::trusted(session.id, user.id),
            None,
            Op::SetSession {
                set: domain::session::SessionField::CustomFields(custom_fields()),
            },
        )
        .await
        .expect("custom fields");
    // apply_op: 300 inserts (with a category and a custom value) build the session, then 600
    // field sets.
    let mut op_times = Vec::new();
    let mut ids = Vec::new();
    let mut last = None;
    for i in 0..300 {
        let (id, op) = insert(last, i);
        let t = Instant::now();
        let outcome = store
            .apply_op(
                &store::Editor::trusted(session.id, user.id),
                Some(&format!("c{i}")),
                op,
            )
            .await
            .expect("op");
        op_times.push(t.elapsed());
        assert!(matches!(outcome, OpOutcome::Applied { .. }), "{outcome:?}");
        ids.push(id);
        last = Some(id);
    }
    for i in 0..600 {
        let op = Op::SetBlock {
            block: ids[(i * 7) % ids.len()],
            set: BlockField::Minutes(u32::try_from(10 + i % 30).unwrap_or(10)),
        };
        let t = Instant::now();
        store
            .apply_op(&store::Editor::trusted(session.id, user.id), None, op)
            .await
            .expect("op");
        op_times.push(t.elapsed());
    }
    // The ceiling: the cheapest write transaction the store can make (a throttle counter).
    let mut ceiling_times = Vec::new();
    for i in 0..900 {
        let t = Instant::now();
        store
            .throttle_hit(&format!("bench:{}", i % 10), 60_000)
            .await
            .expect("write");
        ceiling_times.push(t.elapsed());
    }
    let op_stats = stats(op_times);
    let write_ceiling = stats(ceiling_times);
    println!();
    line(
        "ceiling: one-row write transaction",
        &write_ceiling,
        &write_ceiling,
        None,
    );
    line(
        "apply_op with commit (300 blocks)",
        &op_stats,
        &write_ceiling,
        Some(5.0),
    );

    for writers in [1usize, 8, 64] {
        let target = store
            .create_session(&new_session(&format!("Writers {writers}")))
            .await
            .expect("session");
        store
            .apply_op(
                &store::Editor::trusted(target.id, user.id),
                None,
                Op::SetSession {
                    set: domain::session::SessionField::CustomFields(custom_fields()),
                },
            )
            .await
            .expect("custom fields");
        let per_writer = (1600 / writers).min(200);
        let commits_before = store.op_transactions();
        let t = Instant::now();
        let tasks: Vec<_> = (0..writers)
            .map(|w| {
                let store = store.clone();
                let (sid, uid) = (target.id, user.id);
                tokio::spawn(async move {
                    let mut times = Vec::with_capacity(per_writer);
                    for i in 0..per_writer {
                        let (_, op) = insert(None, w * per_writer + i + 1);
                        let started = Instant::now();
                        let outcome = store
                            .apply_op(&store::Editor::trusted(sid, uid), None, op)
                            .await
                            .expect("op");
                        times.push(started.elapsed());
                        assert!(matches!(outcome, OpOutcome::Applied { .. }), "{outcome:?}");
                    }
                    times
                })
            })
            .collect();
        let mut times = Vec::new();
        for task in tasks {
            times.extend(task.await.expect("writer"));
        }
        let secs = t.elapsed().as_secs_f64();
        let commits = store.op_transactions() - commits_before;
        let s = stats(times);
        let ops = writers * per_writer;
        let per_commit = if commits > 0 {
            format!(", {:.1} ops per commit", ops as f64 / commits as f64)
        } else {
            String::new()
        };
        println!(
            "{:<38} p50 {:>7.3} ms  p99 {:>7.3} ms  p50/ceiling {:>5.1}x  p99/ceiling {:>5.1}x  {:>6.0} ops/s  ({ops} ops in {:.2} s{per_commit})",
            format!("apply_op, {writers} concurrent writer(s)"),
            common::ms(s.p50),
            common::ms(s.p99),
            common::ms(s.p50) / common::ms(write_ceiling.p50).max(1e-6),
            common::ms(s.p99) / common::ms(write_ceiling.p99).max(1e-6),
            ops as f64 / secs,
            secs
        );
    }

    // Plan limits on the op path: rounds with billing off and on (the shipped plans, as the
    // service runs by default) take turns on the same session, so drift hits both alike.
    let editor = store::Editor::trusted(session.id, user.id);
    let (mut single, mut writers_on) = ([Vec::new(), Vec::new()], [(0usize, 0f64); 2]);
    for round in 0..6 {
        let on = round % 2;
        store.set_plans((on == 1).then(domain::plan::default_plans));
        for i in 0..150 {
            let op = Op::SetBlock {
                block: ids[(i * 11 + round) % ids.len()],
                set: BlockField::Minutes(u32::try_from(5 + (i + round) % 40).unwrap_or(5)),
            };
            let t = Instant::now();
            store.apply_op(&editor, None, op).await.expect("op");
            single[on].push(t.elapsed());
        }
        let t = Instant::now();
        let tasks: Vec<_> = (0..8)
            .map(|w| {
                let (store, ids) = (store.clone(), ids.clone());
                tokio::spawn(async move {
                    for i in 0..50 {
                        let op = Op::SetBlock {
                            block: ids[(w * 50 + i) % ids.len()],
                            set: BlockField::Minutes(
                                u32::try_from(1 + (i + round) % 60).unwrap_or(1),
                            ),
                        };
                        store.apply_op(&editor, None, op).await.expect("op");
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("writer");
        }
        writers_on[on].0 += 8 * 50;
        writers_on[on].1 += t.elapsed().as_secs_f64();
    }
    store.set_plans(None);
    let [off, on] = single.map(stats);
    let ops_per_s = writers_on.map(|(ops, secs)| ops as f64 / secs);
    println!();
    line("apply_op, billing off", &off, &write_ceiling, None);
    line("apply_op, billing on", &on, &write_ceiling, None);
    let p95_ratio = common::ms(on.p95) / common::ms(off.p95).max(1e-6);
    let ops_ratio = ops_per_s[1] / ops_per_s[0].max(1e-6);
    println!(
        "{:<38} p95 on/off {p95_ratio:>5.2}x (target <= 1.10: {})  8 writers {:>6.0} / {:>6.0} ops/s, on/off {ops_ratio:>5.2}x (target >= 0.90: {})",
        "plan limits on the op path",
        if p95_ratio <= 1.10 { "met" } else { "MISSED" },
        ops_per_s[1],
        ops_per_s[0],
        if ops_ratio >= 0.90 { "met" } else { "MISSED" },
    );

    // The Programme page through the real router, signed in.
    let settings = common::bench_settings();
    let state = plenary_server::app_state(settings, store.clone()).expect("state");
    let app = plenary_server::build_app(state);
    let cookie = bench_login(&store, &user).await;
    let get = |path: String| {
        let app = app.clone();
        let cookie = cookie.clone();
        async move {
            let req = Request::get(path)
                .header("cookie", cookie)
                .body(Body::empty())
                .expect("request");
            let t = Instant::now();
            let res = app.oneshot(req).await.expect("response");
            let status = res.status();
            let _ = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .expect("body");
            assert!(status.is_success(), "{status}");
            t.elapsed()
        }
    };
    let programme = format!("/sessions/{}", session.id);
    for _ in 0..20 {
        get(programme.clone()).await;
        get("/healthz".into()).await;
    }
    let (mut page, mut health, mut json) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..300 {
        health.push(get("/healthz".into()).await);
        page.push(get(programme.clone()).await);
        json.push(get(format!("/api/v1/sessions/{}", session.id)).await);
    }
    let health = stats(health);
    println!();
    line(
        "ceiling: /healthz through the router",
        &health,
        &health,
        None,
    );
    line(
        "Programme page, 300 blocks",
        &stats(page),
        &health,
        Some(15.0),
    );
    line(
        "session JSON with times, 300 blocks",
        &stats(json),
        &health,
        None,
    );
    println!("\nfinished in {:.1} s", started.elapsed().as_secs_f64());
}
