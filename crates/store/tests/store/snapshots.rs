use super::sessions::{insert, session};
use domain::BlockId;
use domain::op::Op;
use domain::session::{
    BlockField, BlockKind, CustomFieldDef, CustomKind, CustomValue, Material, SessionField,
};
use plenary_store::Editor;
use plenary_store::{OpOutcome, SnapshotKind, Store};

async fn apply(store: &Store, s: domain::SessionId, actor: domain::UserId, op: Op) {
    let outcome = store
        .apply_op(&Editor::trusted(s, actor), None, op)
        .await
        .expect("applied");
    assert!(
        matches!(outcome, OpOutcome::Applied { .. }),
        "refused: {outcome:?}"
    );
}

async fn content(store: &Store, s: domain::SessionId) -> domain::snapshot::Draft {
    domain::snapshot::Draft {
        session: store.session(s).await.expect("session").content_fields(),
        blocks: store
            .blocks(s)
            .await
            .expect("blocks")
            .iter()
            .map(domain::Block::draft)
            .collect(),
    }
}

#[tokio::test]
async fn restoring_a_version_brings_back_its_blocks_fields_and_order_and_can_be_undone() {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    let s = session(&store, &ann).await;
    let (day, a, b, c) = (
        BlockId::new(),
        BlockId::new(),
        BlockId::new(),
        BlockId::new(),
    );
    let room = CustomFieldDef {
        id: "room".into(),
        name: "Room".into(),
        kind: CustomKind::Text,
        options: vec![],
        column: true,
    };
    for op in [
        Op::SetSession {
            set: SessionField::CustomFields(vec![room]),
        },
        Op::InsertBlock {
            block: day,
            kind: BlockKind::Day,
            after: None,
            fields: vec![
                BlockField::Title("Day one".into()),
                BlockField::DayDate(Some(jiff::civil::date(2026, 12, 1))),
            ],
        },
        insert(a, Some(day), "Check-in", 10),
        insert(b, Some(a), "World café", 45),
        Op::SetBlock {
            block: b,
            set: BlockField::Materials(vec![Material {
                name: "Flipchart".into(),
                quantity: 3,
            }]),
        },
        Op::SetBlock {
            block: b,
            set: BlockField::Custom(CustomValue {
                id: "room".into(),
                value: Some("Hall".into()),
            }),
        },
        Op::SetBlock {
            block: a,
            set: BlockField::Notes("Keep it short".into()),
        },
    ] {
        apply(&store, s.id, ann.id, op).await;
    }
    let saved = store
        .save_snapshot(
            s.id,
            SnapshotKind::Named,
            "Before the review",
            Some(ann.id),
            None,
        )
        .await
        .expect("saved");
    assert_eq!(
        (saved.blocks, saved.name.as_str()),
        (3, "Before the review")
    );
    let then = content(&store, s.id).await;

    // Everything a review might do: rename the session, delete a block, reorder, change
    // fields and a custom value, add a block.
    for op in [
        Op::SetSession {
            set: SessionField::Title("Strategy day, reviewed".into()),
        },
        Op::DeleteBlock { block: a },
        Op::MoveBlock {
            block: b,
            after: None,
        },
        Op::SetBlock {
            block: b,
            set: BlockField::Minutes(60),
        },
        Op::SetBlock {
            block: b,
            set: BlockField::Custom(CustomValue {
                id: "room".into(),
                value: None,
            }),
        },
        insert(c, Some(day), "Energiser", 5),
    ] {
        apply(&store, s.id, ann.id, op).await;
    }
    let reviewed = content(&store, s.id).await;
    assert_ne!(reviewed, then);

    let restored = store
        .restore_snapshot(&Editor::trusted(s.id, ann.id), saved.id)
        .await
        .expect("restored");
    assert_eq!(restored.refused, 0);
    assert!(restored.applied >= 6, "{restored:?}");
    assert_eq!(content(&store, s.id).await, then);
    // The restore went through the op log like any change, and is in the activity log.
    let log = store.op_log(s.id, 0, 1000).await.expect("log");
    assert_eq!(
        log.last().map(|o| o.version),
        Some(store.session(s.id).await.expect("s").version)
    );
    let activity = store
        .activity(s.id, &plenary_store::ActivityFilter::default(), 1)
        .await
        .expect("activity");
    assert_eq!(
        (activity[0].kind.as_str(), activity[0].detail.as_str()),
        ("version_restored", "Before the review")
    );

    // The version saved just before the restore undoes it.
    store
        .restore_snapshot(&Editor::trusted(s.id, ann.id), restored.before)
        .await
        .expect("undone");
    assert_eq!(content(&store, s.id).await, reviewed);

    let kinds: Vec<String> = store
        .snapshots(s.id, 10)
        .await
        .expect("list")
        .into_iter()
        .map(|v| v.kind)
        .collect();
    assert_eq!(kinds, ["restore", "restore", "named"]);
}

#[tokio::test]
async fn a_version_is_saved_once_editing_pauses_and_not_again_until_the_next_change() {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    let s = session(&store, &ann).await;
    let other = session(&store, &ann).await;
    let now = plenary_store::now_ms();
    apply(
        &store,
        s.id,
        ann.id,
        insert(BlockId::new(), None, "Check-in", 10),
    )
    .await;
    // Still editing: nothing is due yet; a session never changed never gets a version.
    assert_eq!(store.auto_snapshots(now + 1000).await.expect("early"), 0);
    let later = now + plenary_store::PAUSE_MS + 1000;
    assert_eq!(store.auto_snapshots(later).await.expect("paused"), 1);
    assert_eq!(store.auto_snapshots(later).await.expect("again"), 0);
    let versions = store.snapshots(s.id, 10).await.expect("list");
    assert_eq!(
        (
            versions.len(),
            versions[0].kind.as_str(),
            versions[0].author.as_str()
        ),
        (1, "auto", "")
    );
    assert!(
        store
            .snapshots(other.id, 10)
            .await
            .expect("other")
            .is_empty()
    );
    // Another session's version is not found through this one.
    assert!(matches!(
        store.snapshot(other.id, versions[0].id).await,
        Err(plenary_store::StoreError::NotFound)
    ));
}

#[tokio::test]
async fn old_versions_are_thinned_to_the_last_of_each_day_and_named_ones_stay() {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    let s = session(&store, &ann).await;
    let now = plenary_store::now_ms();
    let later = now + plenary_store::PAUSE_MS + 1000;
    apply(
        &store,
        s.id,
        ann.id,
        insert(BlockId::new(), None, "Check-in", 10),
    )
    .await;
    assert_eq!(store.auto_snapshots(later).await.expect("first"), 1);
    store
        .save_snapshot(s.id, SnapshotKind::Named, "Agreed", Some(ann.id), None)
        .await
        .expect("named");
    apply(
        &store,
        s.id,
        ann.id,
        insert(BlockId::new(), None, "Wrap-up", 5),
    )
    .await;
    assert_eq!(store.auto_snapshots(later).await.expect("second"), 1);
    // Nothing is thinned while it is recent.
    assert_eq!(store.prune_snapshots(now).await.expect("recent"), 0);
    // Weeks later: of today's automatic versions the last stays, with the named one.
    let weeks = now + plenary_store::KEEP_ALL_MS + plenary_store::DAY_MS;
    assert_eq!(store.prune_snapshots(weeks).await.expect("old"), 1);
    let left: Vec<(String, i32)> = store
        .snapshots(s.id, 10)
        .await
        .expect("list")
        .into_iter()
        .map(|v| (v.kind, v.blocks))
        .collect();
    assert_eq!(left, [("auto".to_owned(), 2), ("named".to_owned(), 1)]);
    // A session changed long before the job looks is left alone.
    apply(
        &store,
        s.id,
        ann.id,
        insert(BlockId::new(), None, "Energiser", 5),
    )
    .await;
    assert_eq!(store.auto_snapshots(weeks).await.expect("too old"), 0);
}

#[tokio::test]
async fn a_version_with_a_custom_field_the_plan_no_longer_has_restores_without_it() {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    store.set_plans(Some(domain::plan::default_plans()));
    let s = session(&store, &ann).await;
    let room = CustomFieldDef {
        id: "room".into(),
        name: "Room".into(),
        kind: CustomKind::Text,
        options: vec![],
        column: true,
    };
    let until = plenary_store::now_ms() + 24 * 3600 * 1000;
    let period = domain::plan::Period::Month;
    store
        .grant_plan(s.workspace_id, "pro", period, until, None, "pilot")
        .await
        .expect("granted");
    let a = BlockId::new();
    for op in [
        Op::SetSession {
            set: SessionField::CustomFields(vec![room.clone()]),
        },
        insert(a, None, "Check-in", 10),
    ] {
        apply(&store, s.id, ann.id, op).await;
    }
    let saved = store
        .save_snapshot(s.id, SnapshotKind::Named, "With a room", Some(ann.id), None)
        .await
        .expect("saved");
    for op in [
        Op::SetSession {
            set: SessionField::CustomFields(vec![]),
        },
        Op::SetBlock {
            block: a,
            set: BlockField::Title("Welcome".into()),
        },
    ] {
        apply(&store, s.id, ann.id, op).await;
    }
    // The grant ends: Basic has no custom fields, and adding one is refused.
    store
        .grant_plan(
            s.workspace_id,
            "pro",
            period,
            plenary_store::now_ms(),
            None,
            "over",
        )
        .await
        .expect("ended");
    let restored = store
        .restore_snapshot(&Editor::trusted(s.id, ann.id), saved.id)
        .await
        .expect("restored, all but the field");
    assert!(restored.refused >= 1, "{restored:?}");
    let now = content(&store, s.id).await;
    assert!(
        now.blocks
            .iter()
            .any(|b| b.fields.contains(&BlockField::Title("Check-in".into()))),
        "the rest came back"
    );
    assert!(
        store
            .session(s.id)
            .await
            .expect("read")
            .custom_fields
            .is_empty()
    );
}
