use super::new_user;
use super::sessions::{insert, session};
use domain::BlockId;
use plenary_store::Editor;
use plenary_store::StoreError;

#[tokio::test]
async fn threads_have_replies_are_resolved_and_reopened_and_counted_per_block() {
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
        .expect("block");
    let on_block = store
        .add_comment(s.id, Some(block), None, ann.id, "Shorter?")
        .await
        .expect("comment");
    assert_eq!(on_block.author, "Anna Petrova");
    let reply = store
        .add_comment(s.id, None, Some(on_block.id), bob.id, "Ten minutes is fine")
        .await
        .expect("reply");
    assert_eq!(
        reply.block_id,
        Some(block),
        "a reply takes its thread's block"
    );
    assert!(matches!(
        store
            .add_comment(s.id, None, Some(reply.id), ann.id, "no replies to replies")
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .add_comment(s.id, Some(BlockId::new()), None, ann.id, "no such block")
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .add_comment(s.id, None, None, bob.id, "About the whole day")
        .await
        .expect("session comment");
    let open = store.open_threads(s.id).await.expect("open");
    assert_eq!(
        (open.get(&Some(block)), open.get(&None)),
        (Some(&1), Some(&1))
    );

    store
        .resolve_comment(s.id, on_block.id, bob.id, true)
        .await
        .expect("resolved");
    assert!(matches!(
        store.resolve_comment(s.id, reply.id, bob.id, true).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .open_threads(s.id)
            .await
            .expect("open")
            .get(&Some(block)),
        None
    );
    store
        .resolve_comment(s.id, on_block.id, ann.id, false)
        .await
        .expect("reopened");
    assert_eq!(
        store
            .open_threads(s.id)
            .await
            .expect("open")
            .get(&Some(block)),
        Some(&1)
    );
}

#[tokio::test]
async fn only_its_author_edits_or_deletes_a_comment_and_a_thread_goes_with_its_replies() {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    let bob = store
        .create_user(&new_user("bob@example.org"), None)
        .await
        .expect("bob");
    let s = session(&store, &ann).await;
    let thread = store
        .add_comment(s.id, None, None, ann.id, "First")
        .await
        .expect("comment");
    store
        .add_comment(s.id, None, Some(thread.id), bob.id, "Reply")
        .await
        .expect("reply");
    assert!(matches!(
        store.edit_comment(s.id, thread.id, bob.id, "Hijack").await,
        Err(StoreError::NotFound)
    ));
    store
        .edit_comment(s.id, thread.id, ann.id, "First, edited")
        .await
        .expect("edited");
    let edited = store.comment(s.id, thread.id).await.expect("comment");
    assert_eq!(edited.body, "First, edited");
    assert!(edited.edited_at.is_some());
    assert!(matches!(
        store.delete_comment(s.id, thread.id, bob.id).await,
        Err(StoreError::NotFound)
    ));
    store
        .delete_comment(s.id, thread.id, ann.id)
        .await
        .expect("deleted");
    assert!(store.comments(s.id).await.expect("comments").is_empty());
}
