use plenary_store::testing::fresh_store;
use plenary_store::{NewJob, Store};
use std::collections::HashSet;

fn job() -> NewJob {
    NewJob::new(
        domain::job::JobKind::SendDigests,
        serde_json::json!({ "n": 1 }),
    )
}

#[tokio::test]
async fn a_due_job_is_claimed_once_even_by_concurrent_workers() {
    let store = fresh_store().await;
    store.enqueue_job(&job()).await.expect("enqueued");
    let claims = (0..8).map(|_| {
        let s = store.clone();
        tokio::spawn(async move { s.claim_job(60_000).await.expect("claim") })
    });
    let mut won = 0;
    for c in claims {
        if c.await.expect("joined").is_some() {
            won += 1;
        }
    }
    assert_eq!(won, 1);
}

#[tokio::test]
async fn several_workers_share_many_jobs_each_run_exactly_once() {
    let store = fresh_store().await;
    let mut ids = HashSet::new();
    for _ in 0..40 {
        let j = job();
        ids.insert(j.id);
        store.enqueue_job(&j).await.expect("enqueued");
    }
    let worker = |s: Store| {
        tokio::spawn(async move {
            let mut done = Vec::new();
            while let Some(j) = s.claim_job(60_000).await.expect("claim") {
                s.complete_job(j.id).await.expect("complete");
                done.push(j.id);
            }
            done
        })
    };
    let handles: Vec<_> = (0..4).map(|_| worker(store.clone())).collect();
    let mut all = Vec::new();
    for h in handles {
        all.extend(h.await.expect("joined"));
    }
    assert_eq!(all.len(), 40, "no job ran twice");
    assert_eq!(all.into_iter().collect::<HashSet<_>>(), ids);
    assert_eq!(store.job_counts().await.expect("counts"), (0, 0, 0));
}

#[tokio::test]
async fn a_failed_job_waits_for_its_backoff_and_gives_up_after_its_last_attempt() {
    let store = fresh_store().await;
    let mut j = job();
    j.max_attempts = 2;
    store.enqueue_job(&j).await.expect("enqueued");
    let first = store.claim_job(60_000).await.expect("claim").expect("due");
    assert_eq!(first.attempts, 1);
    assert!(
        !store.fail_job(&first, "boom").await.expect("fail"),
        "retried, not given up"
    );
    assert!(
        store.claim_job(60_000).await.expect("claim").is_none(),
        "not due during the backoff"
    );
    store.make_job_due(j.id).await.expect("due");
    let second = store
        .claim_job(60_000)
        .await
        .expect("claim")
        .expect("due again");
    assert_eq!(second.attempts, 2);
    assert!(
        store.fail_job(&second, "boom again").await.expect("fail"),
        "given up"
    );
    assert_eq!(
        store.job_state(j.id).await.expect("state"),
        Some((2, true, true, Some("boom again".into())))
    );
    store.make_job_due(j.id).await.expect("no-op");
    assert!(store.claim_job(60_000).await.expect("claim").is_none());
}

#[tokio::test]
async fn a_job_held_by_a_worker_that_died_is_claimed_again_after_its_lease() {
    let store = fresh_store().await;
    let j = job();
    store.enqueue_job(&j).await.expect("enqueued");
    let held = store.claim_job(1_000).await.expect("claim").expect("due");
    assert!(
        store.claim_job(1_000).await.expect("claim").is_none(),
        "leased"
    );
    drop(held); // the worker dies without completing
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let again = store
        .claim_job(60_000)
        .await
        .expect("claim")
        .expect("lease ran out");
    assert_eq!((again.id, again.attempts), (j.id, 2));
}

#[tokio::test]
async fn jobs_survive_a_restart_of_the_store() {
    let url = plenary_store::testing::fresh_url().await;
    let first = Store::connect(&url).await.expect("connect");
    first.migrate().await.expect("migrate");
    let j = job();
    first.enqueue_job(&j).await.expect("enqueued");
    first.close().await;
    let second = Store::connect(&url).await.expect("reconnect");
    let claimed = second
        .claim_job(60_000)
        .await
        .expect("claim")
        .expect("still there");
    assert_eq!(claimed.id, j.id);
    assert_eq!(claimed.payload, r#"{"n":1}"#);
}

#[test]
fn backoff_doubles_and_is_capped_at_an_hour() {
    assert_eq!(plenary_store::backoff_ms(1), 2_000);
    assert_eq!(plenary_store::backoff_ms(2), 4_000);
    assert_eq!(plenary_store::backoff_ms(30), 3_600_000);
}

#[tokio::test]
async fn a_self_scheduling_job_is_enqueued_only_while_none_of_its_kind_waits() {
    let store = plenary_store::testing::fresh_store().await;
    let job =
        || plenary_store::NewJob::new(domain::job::JobKind::SendDigests, serde_json::json!({}));
    assert!(store.ensure_job(&job()).await.expect("first"));
    assert!(!store.ensure_job(&job()).await.expect("second"));
    let claimed = store
        .claim_job(60_000)
        .await
        .expect("claim")
        .expect("the job");
    assert_eq!(claimed.kind, "send_digests");
    store.complete_job(claimed.id).await.expect("done");
    assert!(store.ensure_job(&job()).await.expect("after it ran"));
}

#[tokio::test]
async fn finished_jobs_are_purged_after_a_while_but_failed_ones_stay_for_reading() {
    let store = fresh_store().await;
    let mut failing = job();
    failing.max_attempts = 1;
    store.enqueue_job(&failing).await.expect("enqueued");
    let done = job();
    store.enqueue_job(&done).await.expect("enqueued");
    let waiting = {
        let mut j = job();
        j.run_at = plenary_store::now_ms() + 3_600_000;
        j
    };
    store.enqueue_job(&waiting).await.expect("enqueued");
    for _ in 0..2 {
        let claimed = store.claim_job(60_000).await.expect("claim").expect("due");
        if claimed.id == failing.id {
            assert!(store.fail_job(&claimed, "boom").await.expect("fail"));
        } else {
            store.complete_job(claimed.id).await.expect("done");
        }
    }
    let now = plenary_store::now_ms();
    assert_eq!(
        store
            .purge_finished_jobs(now - 60_000)
            .await
            .expect("recent"),
        0
    );
    assert_eq!(store.purge_finished_jobs(now + 1).await.expect("purged"), 1);
    assert_eq!(store.job_state(done.id).await.expect("state"), None);
    assert!(store.job_state(failing.id).await.expect("state").is_some());
    assert!(store.job_state(waiting.id).await.expect("state").is_some());
}
