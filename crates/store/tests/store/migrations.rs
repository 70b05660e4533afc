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
async fn two_instances_migrating_one_database_at_once_do_not_race() {
    let url = fresh_url().await;
    let a = Store::connect(&url).await.expect("a");
    let b = Store::connect(&url).await.expect("b");
    let (ra, rb) = tokio::join!(a.migrate(), b.migrate());
    ra.expect("a migrated");
    rb.expect("b migrated");
    assert!(a.ready().await.expect("ready"));
}
