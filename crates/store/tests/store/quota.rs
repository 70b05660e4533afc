//! A workspace's storage counts everything that can be made to grow (files, session content
//! and pictures, versions, designs and methods) and refuses what does not fit, inside the
//! transaction that writes it.

use super::library::{method, mine};
use super::sessions::session;
use super::store_with_user;
use domain::Locale;
use domain::op::Op;
use domain::session::{BlockField, BlockKind};
use plenary_store::Editor;
use plenary_store::{SnapshotKind, StoreError};

#[tokio::test]
async fn versions_duplicates_designs_and_methods_count_and_are_refused_past_the_quota() {
    let (store, user) = store_with_user("quota@example.org").await;
    let (workspace, _) = store.personal_workspace(user.id).await.expect("workspace");
    let s = session(&store, &user).await;
    let long = "word ".repeat(3_900);
    for i in 0..5 {
        store
            .apply_op(
                &Editor::trusted(s.id, user.id),
                None,
                Op::InsertBlock {
                    block: domain::BlockId::new(),
                    kind: BlockKind::Activity,
                    after: None,
                    fields: vec![
                        BlockField::Title(format!("Block {i}")),
                        BlockField::Description(long.clone()),
                    ],
                },
            )
            .await
            .expect("op");
    }
    let before = store.usage(workspace).await.expect("usage");
    assert!(before.sessions >= 90_000, "{before:?}");
    assert_eq!((before.versions, before.library, before.files), (0, 0, 0));

    let quota = before.total() + 120_000;
    store
        .save_snapshot(
            s.id,
            SnapshotKind::Named,
            "First",
            Some(user.id),
            Some(quota),
        )
        .await
        .expect("a version fits");
    let after_version = store.usage(workspace).await.expect("usage");
    assert!(after_version.versions >= 90_000, "{after_version:?}");
    assert!(matches!(
        store
            .save_snapshot(
                s.id,
                SnapshotKind::Named,
                "Second",
                Some(user.id),
                Some(quota)
            )
            .await,
        Err(StoreError::Conflict("quota"))
    ));
    assert!(matches!(
        store
            .duplicate_session(s.id, user.id, "Copy", workspace, quota)
            .await,
        Err(StoreError::Conflict("quota"))
    ));
    let mut big = method("Huge", "", (5, 10), Locale::En);
    big.steps = vec!["x".repeat(1_500); 30];
    assert!(matches!(
        store.create_method(workspace, user.id, &big, quota).await,
        Err(StoreError::Conflict("quota"))
    ));
    assert_eq!(
        store.usage(workspace).await.expect("usage"),
        after_version,
        "nothing refused was kept"
    );
    let picture = vec![7u8; 50_000];
    assert!(matches!(
        store
            .add_image(
                s.id,
                &plenary_store::NewImage {
                    content_type: "image/png",
                    bytes: &picture,
                    card: None,
                },
                Some(quota),
            )
            .await,
        Err(StoreError::Conflict("quota"))
    ));
    // Versions the service saves itself are never refused, only counted.
    store
        .save_snapshot(s.id, SnapshotKind::Auto, "", None, None)
        .await
        .expect("an automatic version");
    mine(&store, &user, &method("Small", "", (5, 10), Locale::En)).await;
    assert!(store.usage(workspace).await.expect("usage").library > 0);
}
