use plenary_store::Store;
use plenary_store::testing::{fresh_store, fresh_url};

#[test]
fn both_backends_have_the_same_migration_versions() {
    let (sqlite, postgres) = plenary_store::migration_versions();
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);
}

#[tokio::test]
async fn a_migrated_database_is_ready_and_migrating_again_changes_nothing() {
    let store = fresh_store().await;
    assert!(store.ready().await.expect("ready"));
    store.migrate().await.expect("second run is a no-op");
    assert!(store.ready().await.expect("ready"));
}

#[tokio::test]
async fn instances_migrating_one_database_at_once_do_not_race() {
    let url = fresh_url().await;
    let mut stores = Vec::new();
    for _ in 0..4 {
        stores.push(Store::connect(&url).await.expect("connect"));
    }
    let (a, b, c, d) = tokio::join!(
        stores[0].migrate(),
        stores[1].migrate(),
        stores[2].migrate(),
        stores[3].migrate()
    );
    for (i, r) in [a, b, c, d].into_iter().enumerate() {
        r.unwrap_or_else(|e| panic!("instance {i} failed to migrate: {e}"));
    }
    assert!(stores[0].ready().await.expect("ready"));
}
