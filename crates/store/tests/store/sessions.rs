use super::store_with_user;
use domain::op::Op;
use domain::session::{BlockField, BlockKind, OpError, SessionField, SessionStatus};
use domain::{BlockId, SessionId};
use jiff::civil::{date, time};
use plenary_store::Editor;
use plenary_store::{
    Backend, BatchOutcome, Db, ImageSize, NewImage, NewSession, OpOutcome, Store, StoreError, User,
};

pub async fn session(store: &Store, user: &User) -> domain::Session {
    let (workspace, _) = store.personal_workspace(user.id).await.expect("workspace");
    store
        .create_session(&NewSession {
            workspace,
            created_by: user.id,
            title: "Strategy day".into(),
            first_date: date(2026, 12, 1),
            start_time: time(9, 30, 0, 0),
            time_zone: "Europe/Moscow".into(),
            language: "ru".into(),
        })
        .await
        .expect("created")
}

pub fn insert(block: BlockId, after: Option<BlockId>, title: &str, minutes: u32) -> Op {
    Op::InsertBlock {
        block,
        kind: BlockKind::Activity,
        after,
        fields: vec![
            BlockField::Title(title.into()),
            BlockField::Minutes(minutes),
        ],
    }
}

#[tokio::test]
async fn a_new_session_belongs_to_the_workspace_and_starts_at_version_zero() {
    let (store, user) = store_with_user("s@example.org").await;
    let s = session(&store, &user).await;
    assert_eq!(
        (s.version, s.first_date, s.start_time),
        (0, date(2026, 12, 1), time(9, 30, 0, 0))
    );
    assert!(
        store
            .is_member(s.workspace_id, user.id)
            .await
            .expect("member")
    );
    let other = store
        .create_user(&super::new_user("o@example.org"), None)
        .await
        .expect("other");
    assert!(
        !store
            .is_member(s.workspace_id, other.id)
            .await
            .expect("member")
    );
    assert_eq!(
        store.sessions_in(s.workspace_id).await.expect("list").len(),
        1
    );
}

#[tokio::test]
async fn ops_insert_set_move_and_delete_blocks_each_taking_a_version() {
    let (store, user) = store_with_user("ops@example.org").await;
    let s = session(&store, &user).await;
    let [a, b, c] = [BlockId::new(), BlockId::new(), BlockId::new()];
    let mut versions = Vec::new();
    for op in [
        insert(a, None, "Check-in", 15),
        insert(b, Some(a), "World café", 60),
        insert(c, Some(a), "Energizer", 10),
        Op::SetBlock {
            block: b,
            set: BlockField::Minutes(45),
        },
        Op::MoveBlock {
            block: a,
            after: Some(b),
        },
        Op::DeleteBlock { block: c },
    ] {
        match store
            .apply_op(&Editor::trusted(s.id, user.id), None, op)
            .await
            .expect("applied")
        {
            OpOutcome::Applied { version } => versions.push(version),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(versions, vec![1, 2, 3, 4, 5, 6]);
    let blocks = store.blocks(s.id).await.expect("blocks");
    let titles: Vec<(&str, u32)> = blocks
        .iter()
        .map(|b| (b.title.as_str(), b.minutes))
        .collect();
    assert_eq!(titles, vec![("World café", 45), ("Check-in", 15)]);
    assert_eq!(store.session(s.id).await.expect("session").version, 6);
    assert_eq!(store.ops_since(s.id, 4).await.expect("log").len(), 2);
}

#[tokio::test]
async fn a_retried_client_op_id_is_applied_once() {
    let (store, user) = store_with_user("retry@example.org").await;
    let s = session(&store, &user).await;
    let a = BlockId::new();
    let first = store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            Some("c1"),
            insert(a, None, "A", 5),
        )
        .await
        .expect("first");
    let again = store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            Some("c1"),
            insert(a, None, "A", 5),
        )
        .await
        .expect("again");
    assert_eq!(first, OpOutcome::Applied { version: 1 });
    assert_eq!(again, OpOutcome::Duplicate { version: 1 });
    assert_eq!(
        store.session(s.id).await.expect("s").version,
        1,
        "the retry took no version"
    );
    assert_eq!(store.blocks(s.id).await.expect("b").len(), 1);
}

#[tokio::test]
async fn a_refused_op_changes_nothing() {
    let (store, user) = store_with_user("refused@example.org").await;
    let s = session(&store, &user).await;
    let a = BlockId::new();
    store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            None,
            insert(a, None, "A", 5),
        )
        .await
        .expect("ok");
    let bad = store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            Some("c9"),
            Op::SetBlock {
                block: a,
                set: BlockField::Minutes(5000),
            },
        )
        .await
        .expect("answered");
    assert_eq!(bad, OpOutcome::Refused(OpError::DurationOutOfRange));
    assert_eq!(store.session(s.id).await.expect("s").version, 1);
    assert_eq!(store.blocks(s.id).await.expect("b")[0].minutes, 5);
    let retry = store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            Some("c9"),
            Op::SetBlock {
                block: a,
                set: BlockField::Minutes(50),
            },
        )
        .await
        .expect("answered");
    assert_eq!(
        retry,
        OpOutcome::Applied { version: 2 },
        "a refused op id may be used again"
    );
}

#[tokio::test]
async fn a_deleted_block_ignores_a_late_change() {
    let (store, user) = store_with_user("late@example.org").await;
    let s = session(&store, &user).await;
    let a = BlockId::new();
    store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            None,
            insert(a, None, "A", 5),
        )
        .await
        .expect("ok");
    store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            None,
            Op::DeleteBlock { block: a },
        )
        .await
        .expect("ok");
    let late = store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            None,
            Op::SetBlock {
                block: a,
                set: BlockField::Title("B".into()),
            },
        )
        .await
        .expect("ok");
    assert!(matches!(late, OpOutcome::Applied { .. }));
    assert!(store.blocks(s.id).await.expect("b").is_empty());
}

#[tokio::test]
async fn session_fields_are_set_by_ops() {
    let (store, user) = store_with_user("fields@example.org").await;
    let s = session(&store, &user).await;
    for set in [
        SessionField::Title("Offsite".into()),
        SessionField::Status(SessionStatus::Ready),
        SessionField::Tags(vec!["team".into(), "strategy".into()]),
        SessionField::EndTime(Some(time(18, 0, 0, 0))),
        SessionField::Participants(Some(24)),
    ] {
        assert!(matches!(
            store
                .apply_op(
                    &Editor::trusted(s.id, user.id),
                    None,
                    Op::SetSession { set }
                )
                .await
                .expect("ok"),
            OpOutcome::Applied { .. }
        ));
    }
    let s = store.session(s.id).await.expect("s");
    assert_eq!(
        (s.title.as_str(), s.status.as_str(), s.tags.as_slice()),
        (
            "Offsite",
            "ready",
            ["team".to_owned(), "strategy".to_owned()].as_slice()
        )
    );
    assert_eq!(
        (s.end_time, s.participants),
        (Some(time(18, 0, 0, 0)), Some(24))
    );
    let bad = store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            None,
            Op::SetSession {
                set: SessionField::TimeZone("Nowhere/Land".into()),
            },
        )
        .await
        .expect("answered");
    assert_eq!(bad, OpOutcome::Refused(OpError::UnknownTimeZone));
}

#[tokio::test]
async fn an_op_on_an_unknown_session_is_not_found() {
    let (store, user) = store_with_user("none@example.org").await;
    let r = store
        .apply_op(
            &Editor::trusted(SessionId::new(), user.id),
            None,
            insert(BlockId::new(), None, "A", 1),
        )
        .await;
    assert!(matches!(r, Err(StoreError::NotFound)));
}

#[tokio::test]
async fn concurrent_writers_each_get_their_own_version() {
    let (store, user) = store_with_user("busy@example.org").await;
    let s = session(&store, &user).await;
    let writers = (0..8).map(|_| {
        let (store, id, uid) = (store.clone(), s.id, user.id);
        tokio::spawn(async move {
            let mut versions = Vec::new();
            for _ in 0..10 {
                match store
                    .apply_op(
                        &Editor::trusted(id, uid),
                        None,
                        insert(BlockId::new(), None, "x", 1),
                    )
                    .await
                    .expect("applied")
                {
                    OpOutcome::Applied { version } => versions.push(version),
                    other => panic!("{other:?}"),
                }
            }
            versions
        })
    });
    let mut all = Vec::new();
    for w in writers {
        all.extend(w.await.expect("joined"));
    }
    all.sort_unstable();
    assert_eq!(all, (1..=80).collect::<Vec<i64>>());
    assert_eq!(store.blocks(s.id).await.expect("b").len(), 80);
}

/// Holds the session's writers back: SQLite's write lock, or the session's row on PostgreSQL.
async fn hold_writers(store: &Store, session: SessionId) -> Held {
    match store.db() {
        Db::Sqlite(pool) => {
            let tx = pool.begin_with("BEGIN IMMEDIATE").await.expect("lock");
            Held::Sqlite(tx)
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await.expect("begin");
            sqlx::query("SELECT id FROM sessions WHERE id = $1 FOR UPDATE")
                .bind(session)
                .execute(&mut *tx)
                .await
                .expect("row lock");
            Held::Postgres(tx)
        }
    }
}

enum Held {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Held {
    async fn release(self) {
        match self {
            Self::Sqlite(tx) => tx.commit().await.expect("released"),
            Self::Postgres(tx) => tx.commit().await.expect("released"),
        }
    }
}

/// Makes the database refuse any block titled `title`: an error no rule of the op path
/// foresees.
async fn fail_in_the_database(store: &Store, title: &str) {
    match store.db() {
        Db::Sqlite(pool) => {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "CREATE TRIGGER refuse_{title} BEFORE INSERT ON blocks WHEN NEW.title = '{title}'
                 BEGIN SELECT RAISE(ABORT, '{title}'); END"
            )))
            .execute(pool)
            .await
            .expect("trigger");
        }
        Db::Postgres(pool) => {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "CREATE FUNCTION refuse_{title}() RETURNS trigger AS $$
                 BEGIN IF NEW.title = '{title}' THEN RAISE EXCEPTION '{title}'; END IF; RETURN NEW; END
                 $$ LANGUAGE plpgsql"
            )))
            .execute(pool)
            .await
            .expect("function");
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "CREATE TRIGGER refuse_{title} BEFORE INSERT ON blocks FOR EACH ROW EXECUTE FUNCTION refuse_{title}()"
            )))
            .execute(pool)
            .await
            .expect("trigger");
        }
    }
}

#[tokio::test]
async fn ops_that_arrive_together_commit_together_and_each_gets_its_own_answer() {
    let (store, user) = store_with_user("group@example.org").await;
    let s = session(&store, &user).await;
    let a = BlockId::new();
    store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            None,
            insert(a, None, "A", 5),
        )
        .await
        .expect("first");
    // An op the rules take but the database refuses (a trigger made for this test), inside its
    // savepoint.
    fail_in_the_database(&store, "boom").await;
    let before = store.op_transactions();
    let held = hold_writers(&store, s.id).await;
    let twin = BlockId::new();
    let mut ops: Vec<(SessionId, Option<&'static str>, Op)> = (0..16)
        .map(|_| (s.id, None, insert(BlockId::new(), None, "x", 1)))
        .collect();
    let too_long = Op::SetBlock {
        block: a,
        set: BlockField::Minutes(5000),
    };
    ops.insert(3, (s.id, None, too_long.clone()));
    ops.insert(9, (s.id, None, too_long));
    ops.insert(5, (s.id, Some("twin"), insert(twin, None, "twin", 1)));
    ops.insert(12, (s.id, Some("twin"), insert(twin, None, "twin", 1)));
    ops.insert(
        7,
        (SessionId::new(), None, insert(BlockId::new(), None, "y", 1)),
    );
    ops.insert(14, (s.id, None, insert(BlockId::new(), None, "boom", 1)));
    let mut writers = Vec::new();
    for (session, id, op) in ops {
        let (store, uid) = (store.clone(), user.id);
        writers.push(tokio::spawn(async move {
            store.apply_op(&Editor::trusted(session, uid), id, op).await
        }));
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    held.release().await;
    let (mut versions, mut refused, mut duplicates, mut missing, mut failed) =
        (Vec::new(), 0, 0, 0, 0);
    for w in writers {
        match w.await.expect("joined") {
            Ok(OpOutcome::Applied { version }) => versions.push(version),
            Ok(OpOutcome::Refused(OpError::DurationOutOfRange)) => refused += 1,
            Ok(OpOutcome::Duplicate { .. }) => duplicates += 1,
            Err(StoreError::NotFound) => missing += 1,
            Err(StoreError::Database(e)) if e.to_string().contains("boom") => failed += 1,
            other => panic!("unexpected answer {other:?}"),
        }
    }
    versions.sort_unstable();
    assert_eq!(
        versions,
        (2..=18).collect::<Vec<i64>>(),
        "16 inserts and one twin"
    );
    assert_eq!((refused, duplicates, missing, failed), (2, 1, 1, 1));
    let blocks = store.blocks(s.id).await.expect("b");
    assert_eq!(blocks.len(), 18);
    let first = blocks.iter().find(|b| b.id == a).expect("block a");
    assert_eq!(first.minutes, 5, "the refused ops changed nothing");
    assert_eq!(store.session(s.id).await.expect("s").version, 18);
    if store.backend() == Backend::Sqlite {
        let transactions = store.op_transactions() - before;
        assert!(
            (1..=2).contains(&transactions),
            "22 waiting ops took {transactions} transactions"
        );
    }
}

#[tokio::test]
async fn an_op_whose_writer_went_away_while_it_waited_is_announced_once_committed() {
    let (store, user) = store_with_user("gone@example.org").await;
    let s = session(&store, &user).await;
    let mut signals = store.subscribe();
    let held = hold_writers(&store, s.id).await;
    let writer = {
        let (store, uid) = (store.clone(), user.id);
        tokio::spawn(async move {
            store
                .apply_op(
                    &Editor::trusted(s.id, uid),
                    None,
                    insert(BlockId::new(), None, "gone", 5),
                )
                .await
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    writer.abort();
    assert!(
        writer.await.is_err(),
        "the writer went away before its answer"
    );
    held.release().await;
    let announced = tokio::time::timeout(std::time::Duration::from_secs(2), async {
        loop {
            match signals.recv().await {
                Ok(plenary_store::Signal::Version { session, version }) if session == s.id => {
                    return version;
                }
                Ok(_) => {}
                Err(e) => panic!("bus: {e}"),
            }
        }
    })
    .await
    .ok();
    let version = store.session(s.id).await.expect("session").version;
    if store.backend() == Backend::Sqlite {
        // A queued op is committed by the group commit whoever still waits for it.
        assert_eq!(version, 1);
    }
    assert_eq!(
        announced.unwrap_or(0),
        version,
        "a committed version is announced, and nothing else is"
    );
}

/// A small deterministic generator, so a failing sequence can be replayed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % sides as u64) as usize
    }
}

#[tokio::test]
async fn ops_through_the_store_answer_and_place_blocks_as_the_rules_do_over_every_block() {
    use domain::op::{BlockState, Effect, apply};
    let (store, user) = store_with_user("model@example.org").await;
    let s = session(&store, &user).await;
    let ids: Vec<BlockId> = (0..10).map(|_| BlockId::new()).collect();
    let mut model: Vec<BlockState> = Vec::new();
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    for step in 0..160 {
        let block = ids[dice.roll(ids.len())];
        // Now and then an anchor no block has, or the block itself.
        let after = match dice.roll(6) {
            0 => None,
            1 => Some(block),
            _ => Some(ids[dice.roll(ids.len())]),
        };
        let op = match dice.roll(6) {
            0 | 1 => insert(block, after, "b", 5),
            2 => Op::MoveBlock { block, after },
            3 => Op::DeleteBlock { block },
            4 => Op::RestoreBlock { block },
            _ => Op::SetBlock {
                block,
                set: BlockField::Minutes(10),
            },
        };
        let expected = apply(&model, op.clone());
        let got = store
            .apply_op(&Editor::trusted(s.id, user.id), None, op.clone())
            .await
            .expect("applied or refused");
        match (&expected, &got) {
            (Ok(_), OpOutcome::Applied { .. }) => {}
            (Err(e), OpOutcome::Refused(r)) if e == r => {}
            _ => panic!("step {step}, {op:?}: the rules say {expected:?}, the store {got:?}"),
        }
        let at = |model: &[BlockState], id| model.iter().position(|b: &BlockState| b.id == id);
        match expected {
            Ok(Effect::Insert {
                block, kind, key, ..
            }) => model.push(BlockState {
                id: block,
                kind,
                key,
                deleted: false,
            }),
            Ok(Effect::Move { block, key }) => {
                if let Some(i) = at(&model, block) {
                    model[i].key = key;
                }
            }
            Ok(Effect::Delete { block }) => {
                if let Some(i) = at(&model, block) {
                    model[i].deleted = true;
                }
            }
            Ok(Effect::Restore { block }) => {
                if let Some(i) = at(&model, block) {
                    model[i].deleted = false;
                }
            }
            _ => {}
        }
        model.sort_by(|a, b| a.key.cmp(&b.key));
    }
    let keys = |rows: Vec<domain::Block>| -> Vec<(BlockId, String)> {
        rows.into_iter().map(|b| (b.id, b.order_key)).collect()
    };
    let live: Vec<(BlockId, String)> = model
        .iter()
        .filter(|b| !b.deleted)
        .map(|b| (b.id, b.key.as_str().to_owned()))
        .collect();
    assert!(live.len() >= 3, "the sequence left some blocks to compare");
    assert_eq!(keys(store.blocks(s.id).await.expect("blocks")), live);
    let mut trashed: Vec<(BlockId, String)> = model
        .iter()
        .filter(|b| b.deleted)
        .map(|b| (b.id, b.key.as_str().to_owned()))
        .collect();
    let mut stored = keys(store.deleted_blocks(s.id).await.expect("deleted"));
    trashed.sort();
    stored.sort();
    assert_eq!(stored, trashed);
}

fn energy_field() -> domain::session::CustomFieldDef {
    domain::session::CustomFieldDef {
        id: "energy".into(),
        name: "Energy".into(),
        kind: domain::session::CustomKind::Choice,
        options: vec!["High".into(), "Low".into()],
        column: true,
    }
}

fn energy(block: BlockId, value: Option<&str>) -> Op {
    Op::SetBlock {
        block,
        set: BlockField::Custom(domain::session::CustomValue {
            id: "energy".into(),
            value: value.map(str::to_owned),
        }),
    }
}

#[tokio::test]
async fn custom_field_values_are_checked_stored_and_cleared() {
    let (store, user) = store_with_user("custom@example.org").await;
    let s = session(&store, &user).await;
    let a = BlockId::new();
    store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            None,
            insert(a, None, "Warm-up", 10),
        )
        .await
        .expect("insert");
    assert_eq!(
        store
            .apply_op(
                &Editor::trusted(s.id, user.id),
                None,
                energy(a, Some("High"))
            )
            .await
            .expect("op"),
        OpOutcome::Refused(OpError::UnknownField),
        "a value needs the session to define its field"
    );
    store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            None,
            Op::SetSession {
                set: SessionField::CustomFields(vec![energy_field()]),
            },
        )
        .await
        .expect("define");
    assert_eq!(
        store
            .apply_op(
                &Editor::trusted(s.id, user.id),
                None,
                energy(a, Some("medium"))
            )
            .await
            .expect("op"),
        OpOutcome::Refused(OpError::InvalidValue)
    );
    store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            None,
            energy(a, Some("low")),
        )
        .await
        .expect("set");
    let blocks = store.blocks(s.id).await.expect("blocks");
    assert_eq!(blocks[0].value("energy"), Some("Low"));
    assert_eq!(
        store.session(s.id).await.expect("s").custom_fields,
        vec![energy_field()]
    );
    store
        .apply_op(&Editor::trusted(s.id, user.id), None, energy(a, None))
        .await
        .expect("clear");
    assert_eq!(
        store.blocks(s.id).await.expect("blocks")[0].value("energy"),
        None
    );
}

#[tokio::test]
async fn a_card_image_must_belong_to_the_session() {
    let (store, user) = store_with_user("img@example.org").await;
    let s = session(&store, &user).await;
    let other = session(&store, &user).await;
    let a = BlockId::new();
    store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            None,
            insert(a, None, "Gallery walk", 20),
        )
        .await
        .expect("insert");
    let foreign = store
        .add_image(other.id, &png(None), None)
        .await
        .expect("image");
    let set = |i| Op::SetBlock {
        block: a,
        set: BlockField::CardImage(Some(i)),
    };
    assert_eq!(
        store
            .apply_op(&Editor::trusted(s.id, user.id), None, set(foreign))
            .await
            .expect("op"),
        OpOutcome::Refused(OpError::ImageNotFound)
    );
    let own = store
        .add_image(s.id, &png(None), None)
        .await
        .expect("image");
    assert!(matches!(
        store
            .apply_op(&Editor::trusted(s.id, user.id), None, set(own))
            .await,
        Ok(OpOutcome::Applied { .. })
    ));
    assert_eq!(
        store.blocks(s.id).await.expect("blocks")[0].card_image,
        Some(own)
    );
    assert_eq!(
        store
            .image(s.id, own, ImageSize::Whole)
            .await
            .expect("image")
            .bytes,
        b"png".to_vec()
    );
    assert_eq!(
        store
            .image(s.id, own, ImageSize::Card2x)
            .await
            .expect("image")
            .bytes,
        b"png".to_vec(),
        "without card copies, the whole picture serves the card"
    );
    assert!(matches!(
        store.image(s.id, foreign, ImageSize::Whole).await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn a_trashed_session_is_restored_or_purged_by_its_job() {
    let (store, user) = store_with_user("trash@example.org").await;
    let s = session(&store, &user).await;
    store.trash_session(s.id).await.expect("trash");
    assert!(matches!(
        store.session(s.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        store
            .sessions_in(s.workspace_id)
            .await
            .expect("list")
            .is_empty()
    );
    let trash = store.trash_in(s.workspace_id).await.expect("trash");
    assert_eq!(trash.len(), 1);
    let deleted_at = trash[0].deleted_at.expect("deleted at");
    assert!(
        store.claim_job(1000).await.expect("claim").is_none(),
        "the purge waits 30 days"
    );
    store.restore_session(s.id).await.expect("restore");
    assert!(store.session(s.id).await.is_ok());
    assert!(
        !store
            .purge_session(s.id, deleted_at, None)
            .await
            .expect("purge"),
        "a restored session is not purged by the old job"
    );
    store.trash_session(s.id).await.expect("trash again");
    let deleted_at = store.trash_in(s.workspace_id).await.expect("trash")[0]
        .deleted_at
        .expect("deleted at");
    assert!(
        store
            .purge_session(s.id, deleted_at, None)
            .await
            .expect("purge")
    );
    assert!(matches!(
        store.trashed_session(s.id).await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn a_duplicate_copies_blocks_values_and_images_under_new_ids() {
    let (store, user) = store_with_user("dup@example.org").await;
    let s = session(&store, &user).await;
    let [a, b] = [BlockId::new(), BlockId::new()];
    let image = store
        .add_image(s.id, &png(Some([b"card1", b"card2"])), None)
        .await
        .expect("image");
    for op in [
        Op::SetSession {
            set: SessionField::CustomFields(vec![energy_field()]),
        },
        insert(a, None, "Check-in", 15),
        insert(b, Some(a), "Goodbye", 5),
        energy(a, Some("High")),
        Op::SetBlock {
            block: a,
            set: BlockField::CardImage(Some(image)),
        },
        Op::DeleteBlock { block: b },
    ] {
        store
            .apply_op(&Editor::trusted(s.id, user.id), None, op)
            .await
            .expect("op");
    }
    let copy = store
        .duplicate_session(
            s.id,
            user.id,
            "Strategy day (copy)",
            s.workspace_id,
            i64::MAX,
        )
        .await
        .expect("copy");
    assert_ne!(copy.id, s.id);
    assert_eq!(
        (copy.title.as_str(), copy.version),
        ("Strategy day (copy)", 0)
    );
    let blocks = store.blocks(copy.id).await.expect("blocks");
    assert_eq!(blocks.len(), 1, "deleted blocks are not copied");
    assert_ne!(blocks[0].id, a);
    assert_eq!(
        (blocks[0].title.as_str(), blocks[0].value("energy")),
        ("Check-in", Some("High"))
    );
    let copied_image = blocks[0].card_image.expect("image copied");
    assert_ne!(copied_image, image);
    let card = |size| store.image(copy.id, copied_image, size);
    assert_eq!(card(ImageSize::Whole).await.expect("copied").bytes, b"png");
    assert_eq!(
        card(ImageSize::Card1x).await.expect("copied").bytes,
        b"card1"
    );
    assert_eq!(
        card(ImageSize::Card2x).await.expect("copied").bytes,
        b"card2"
    );
    assert_eq!(store.blocks(s.id).await.expect("original").len(), 1);
}

#[tokio::test]
async fn workspace_categories_have_unique_names() {
    let (store, user) = store_with_user("cat@example.org").await;
    let (ws, _) = store.personal_workspace(user.id).await.expect("ws");
    let id = store
        .add_category(ws, "Deep work", "#123456")
        .await
        .expect("add");
    assert!(matches!(
        store.add_category(ws, "Deep work", "#654321").await,
        Err(StoreError::Conflict("category"))
    ));
    assert_eq!(store.categories(ws).await.expect("list").len(), 1);
    let other = domain::WorkspaceId::new();
    assert!(matches!(
        store.delete_category(other, id).await,
        Err(StoreError::NotFound)
    ));
    store.delete_category(ws, id).await.expect("delete");
    assert!(store.categories(ws).await.expect("list").is_empty());
}

#[tokio::test]
async fn an_undone_delete_restores_the_block_in_place() {
    let (store, user) = store_with_user("undo@example.org").await;
    let s = session(&store, &user).await;
    let [a, b, c] = [BlockId::new(), BlockId::new(), BlockId::new()];
    for op in [
        insert(a, None, "A", 5),
        insert(b, Some(a), "B", 5),
        insert(c, Some(b), "C", 5),
        Op::DeleteBlock { block: b },
        Op::RestoreBlock { block: b },
    ] {
        store
            .apply_op(&Editor::trusted(s.id, user.id), None, op)
            .await
            .expect("op");
    }
    let titles: Vec<String> = store
        .blocks(s.id)
        .await
        .expect("blocks")
        .into_iter()
        .map(|b| b.title)
        .collect();
    assert_eq!(titles, vec!["A", "B", "C"]);
}

/// A stand-in PNG image, with card copies or without.
fn png(card: Option<[&'static [u8]; 2]>) -> NewImage<'static> {
    NewImage {
        content_type: "image/png",
        bytes: b"png",
        card,
    }
}

#[tokio::test]
async fn a_batch_is_applied_whole_or_not_at_all() {
    let (store, user) = store_with_user("batch@example.org").await;
    let s = session(&store, &user).await;
    let (a, b) = (BlockId::new(), BlockId::new());
    let refused = store
        .apply_ops(
            &Editor::trusted(s.id, user.id),
            &[
                (Some("1".into()), insert(a, None, "First", 10)),
                (Some("2".into()), insert(b, Some(a), "Second", 10)),
                (
                    Some("3".into()),
                    Op::SetBlock {
                        block: b,
                        set: BlockField::Minutes(5000),
                    },
                ),
            ],
        )
        .await
        .expect("answered");
    assert_eq!(
        refused,
        BatchOutcome::Refused {
            index: 2,
            error: OpError::DurationOutOfRange
        }
    );
    assert_eq!(store.session(s.id).await.expect("s").version, 0);
    assert!(store.blocks(s.id).await.expect("blocks").is_empty());

    let batch = [
        (Some("1".into()), insert(a, None, "First", 10)),
        (Some("2".into()), insert(b, Some(a), "Second", 10)),
    ];
    let done = store
        .apply_ops(&Editor::trusted(s.id, user.id), &batch)
        .await
        .expect("ok");
    assert_eq!(
        done,
        BatchOutcome::Applied(vec![
            OpOutcome::Applied { version: 1 },
            OpOutcome::Applied { version: 2 }
        ])
    );
    let again = store
        .apply_ops(&Editor::trusted(s.id, user.id), &batch)
        .await
        .expect("ok");
    assert_eq!(
        again,
        BatchOutcome::Applied(vec![
            OpOutcome::Duplicate { version: 1 },
            OpOutcome::Duplicate { version: 2 }
        ])
    );
    assert_eq!(
        store.session(s.id).await.expect("s").version,
        2,
        "a retried batch takes no version"
    );

    // A block id another session holds is refused, whichever way the op comes.
    let other = session(&store, &user).await;
    for ops in [
        vec![(None, insert(a, None, "Taken", 5))],
        vec![
            (None, insert(BlockId::new(), None, "Fresh", 5)),
            (None, insert(a, None, "Taken", 5)),
        ],
    ] {
        let outcome = store
            .apply_ops(&Editor::trusted(other.id, user.id), &ops)
            .await
            .expect("ok");
        assert!(
            matches!(
                outcome,
                BatchOutcome::Refused {
                    error: OpError::BlockExists,
                    ..
                }
            ),
            "{outcome:?}"
        );
    }
    assert_eq!(
        store
            .apply_op(
                &Editor::trusted(other.id, user.id),
                None,
                insert(a, None, "Taken", 5)
            )
            .await
            .expect("ok"),
        OpOutcome::Refused(OpError::BlockExists)
    );
}

#[tokio::test]
async fn a_sessions_minutes_count_its_live_activities_and_breaks() {
    let (store, user) = store_with_user("minutes@example.org").await;
    let s = session(&store, &user).await;
    let empty = session(&store, &user).await;
    let [a, b, n, gone] = [
        BlockId::new(),
        BlockId::new(),
        BlockId::new(),
        BlockId::new(),
    ];
    for op in [
        insert(a, None, "Check-in", 15),
        Op::InsertBlock {
            block: b,
            kind: BlockKind::Break,
            after: Some(a),
            fields: vec![BlockField::Minutes(20)],
        },
        Op::InsertBlock {
            block: n,
            kind: BlockKind::Note,
            after: Some(b),
            fields: vec![BlockField::Title("Room".into())],
        },
        insert(gone, Some(n), "Dropped", 60),
        Op::DeleteBlock { block: gone },
    ] {
        store
            .apply_op(&Editor::trusted(s.id, user.id), None, op)
            .await
            .expect("applied");
    }
    let minutes = store
        .session_minutes(&[s.id, empty.id])
        .await
        .expect("minutes");
    assert_eq!(minutes.get(&s.id), Some(&35));
    assert_eq!(minutes.get(&empty.id), None, "a session without blocks");
}

/// Runs one statement with `id` bound to `$1`, on either backend.
async fn run(store: &Store, sql: &'static str, id: SessionId) {
    match store.db() {
        Db::Sqlite(pool) => {
            sqlx::query(sql).bind(id).execute(pool).await.expect("sql");
        }
        Db::Postgres(pool) => {
            sqlx::query(sql).bind(id).execute(pool).await.expect("sql");
        }
    }
}

#[tokio::test]
async fn a_stored_value_that_does_not_read_is_an_error_naming_its_column_not_a_default() {
    let (store, user) = store_with_user("unreadable@example.org").await;
    let s = session(&store, &user).await;
    store
        .apply_op(
            &Editor::trusted(s.id, user.id),
            None,
            insert(BlockId::new(), None, "Check-in", 15),
        )
        .await
        .expect("a block");
    let version = store
        .save_snapshot(
            s.id,
            plenary_store::SnapshotKind::Named,
            "Before",
            Some(user.id),
            None,
        )
        .await
        .expect("a version");

    run(
        &store,
        "UPDATE sessions SET first_date = 'next week' WHERE id = $1",
        s.id,
    )
    .await;
    let err = store
        .session(s.id)
        .await
        .expect_err("the date does not read");
    assert!(
        matches!(&err, StoreError::Unreadable(what) if what.starts_with("sessions.first_date")),
        "{err}"
    );
    run(
        &store,
        "UPDATE sessions SET first_date = '2026-12-01' WHERE id = $1",
        s.id,
    )
    .await;

    run(
        &store,
        "UPDATE blocks SET pinned_start = 'after lunch' WHERE session_id = $1",
        s.id,
    )
    .await;
    let err = store
        .blocks(s.id)
        .await
        .expect_err("the pinned start does not read");
    assert!(
        matches!(&err, StoreError::Unreadable(what) if what.starts_with("blocks.pinned_start")),
        "{err}"
    );
    run(
        &store,
        "UPDATE blocks SET pinned_start = NULL, materials = 'markers' WHERE session_id = $1",
        s.id,
    )
    .await;
    let err = store
        .blocks(s.id)
        .await
        .expect_err("the materials do not read");
    assert!(
        matches!(&err, StoreError::Unreadable(what) if what.starts_with("blocks.materials")),
        "{err}"
    );

    // A saved version is read by the same rules.
    run(&store, "UPDATE session_snapshots SET data = REPLACE(data, '\"status\":\"draft\"', '\"status\":\"someday\"') WHERE session_id = $1", s.id).await;
    let err = store
        .snapshot(s.id, version.id)
        .await
        .expect_err("the version's status does not read");
    assert!(
        matches!(&err, StoreError::Unreadable(what) if what.starts_with("sessions.status")),
        "{err}"
    );
}
