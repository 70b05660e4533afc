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

#[tokio::test]
async fn hits_added_at_once_count_as_many_and_a_new_window_starts_from_them() {
    let store = fresh_store().await;
    let first = store.throttle_add("many", 60_000, 7).await.expect("add");
    assert_eq!(first.hits, 7);
    let second = store.throttle_add("many", 60_000, 5).await.expect("add");
    assert_eq!(second.hits, 12);
    assert_eq!(second.resets_at, first.resets_at, "the same window");
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    let third = store.throttle_add("many", 20, 4).await.expect("add");
    assert_eq!(third.hits, 4, "the short window has ended");
    assert!(
        third.resets_at - 20 > first.resets_at - 60_000,
        "the new window starts later than the old one"
    );
}
