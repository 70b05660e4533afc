use super::new_user;
use super::sessions::{insert, session};
use domain::BlockId;
use domain::activity::{ActivityGroup, ActivityKind};
use domain::op::Op;
use domain::session::BlockField;
use plenary_store::ActivityFilter;
use plenary_store::Editor;

#[tokio::test]
async fn ops_are_logged_in_their_transaction_with_other_events_filtered_and_paged() {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    let bob = store
        .create_user(&new_user("bob@example.org"), None)
        .await
        .expect("bob");
    let s = session(&store, &ann).await;
    let block = BlockId::new();
    store
        .apply_op(
            &Editor::trusted(s.id, ann.id),
            None,
            insert(block, None, "Check-in", 10),
        )
        .await
        .expect("insert");
    store
        .apply_op(
            &Editor::trusted(s.id, bob.id),
            None,
            Op::SetBlock {
                block,
                set: BlockField::Minutes(15),
            },
        )
        .await
        .expect("set");
    // A refused op leaves no entry.
    store
        .apply_op(
            &Editor::trusted(s.id, bob.id),
            None,
            Op::SetBlock {
                block: BlockId::new(),
                set: BlockField::Minutes(15),
            },
        )
        .await
        .expect("refused");
    store
        .record(s.id, ann.id, ActivityKind::Shared, None, "Bob")
        .await
        .expect("shared");
    store
        .record(s.id, bob.id, ActivityKind::Commented, Some(block), "")
        .await
        .expect("commented");

    let all = store
        .activity(s.id, &ActivityFilter::default(), 10)
        .await
        .expect("all");
    let kinds: Vec<&str> = all.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["commented", "shared", "block_changed", "block_added"]
    );
    assert_eq!(
        (
            all[2].detail.as_str(),
            all[2].block_title.as_str(),
            all[2].actor.as_str()
        ),
        ("minutes", "Check-in", "Anna Petrova")
    );
    let only = |group| ActivityFilter {
        group: Some(group),
        ..ActivityFilter::default()
    };
    for (group, want) in [
        (ActivityGroup::Edits, vec!["block_changed", "block_added"]),
        (ActivityGroup::Sharing, vec!["shared"]),
        (ActivityGroup::Comments, vec!["commented"]),
    ] {
        let got: Vec<String> = store
            .activity(s.id, &only(group), 10)
            .await
            .expect("group")
            .into_iter()
            .map(|a| a.kind.as_str().to_owned())
            .collect();
        assert_eq!(got, want);
    }
    let bobs = ActivityFilter {
        actor: Some(bob.id),
        ..ActivityFilter::default()
    };
    assert_eq!(store.activity(s.id, &bobs, 10).await.expect("bob").len(), 2);
    let first_page = store
        .activity(s.id, &ActivityFilter::default(), 2)
        .await
        .expect("page");
    let next = ActivityFilter {
        before: Some(first_page[1].id),
        ..ActivityFilter::default()
    };
    let second: Vec<String> = store
        .activity(s.id, &next, 2)
        .await
        .expect("page two")
        .into_iter()
        .map(|a| a.kind.as_str().to_owned())
        .collect();
    assert_eq!(second, ["block_changed", "block_added"]);
}
