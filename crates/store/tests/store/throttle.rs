use plenary_store::testing::fresh_store;

#[tokio::test]
async fn hits_are_counted_within_a_window_and_a_new_window_starts_over() {
    let store = fresh_store().await;
    for expected in 1..=3 {
        assert_eq!(
            store.throttle_hit("k", 60_000).await.expect("hit").hits,
            expected
        );
    }
    assert_eq!(
        store.throttle_peek("k", 60_000).await.expect("peek").hits,
        3,
        "peeking does not count"
    );
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    assert_eq!(
        store.throttle_hit("k", 20).await.expect("hit").hits,
        1,
        "the short window has ended"
    );
}

#[tokio::test]
async fn a_cleared_counter_starts_from_zero() {
    let store = fresh_store().await;
    store.throttle_hit("c", 60_000).await.expect("hit");
    store.throttle_clear("c").await.expect("clear");
    assert_eq!(
        store.throttle_peek("c", 60_000).await.expect("peek").hits,
        0
    );
}

#[tokio::test]
async fn concurrent_hits_are_all_counted() {
    let store = fresh_store().await;
    let hits = (0..20).map(|_| {
        let s = store.clone();
        tokio::spawn(async move { s.throttle_hit("busy", 60_000).await.expect("hit") })
    });
    for h in hits {
        h.await.expect("joined");
    }
    assert_eq!(
        store
            .throttle_peek("busy", 60_000)
            .await
            .expect("peek")
            .hits,
        20
    );
}
