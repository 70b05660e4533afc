//! Files of sessions and methods: rows per parent, content counted once per workspace, the
//! largest listed with their parent's title, and a deleted parent taking its rows along.

use super::library::{method, mine};
use super::sessions::session;
use super::store_with_user;
use domain::{BlockId, Locale};
use plenary_store::{FileParent, NewFile, Store, StoreError, User};

async fn add(
    store: &Store,
    user: &User,
    parent: FileParent,
    name: &str,
    sha: &str,
    size: i64,
) -> plenary_store::FileRow {
    let (workspace, _) = store.personal_workspace(user.id).await.expect("workspace");
    store
        .add_file(&NewFile {
            workspace,
            parent,
            name,
            kind: "pdf",
            size,
            sha256: sha,
            status: "unscanned",
            by: user.id,
        })
        .await
        .expect("added")
}

#[tokio::test]
async fn files_belong_to_a_session_a_block_or_a_method_and_count_each_content_once() {
    let (store, user) = store_with_user("files@example.org").await;
    let s = session(&store, &user).await;
    let m = mine(
        &store,
        &user,
        &method("Fishbowl", "Talk in a circle", (20, 40), Locale::En),
    )
    .await;
    let block = BlockId::new();
    let handout = add(
        &store,
        &user,
        FileParent::Session(s.id, None),
        "handout.pdf",
        "aa",
        300,
    )
    .await;
    let card = add(
        &store,
        &user,
        FileParent::Session(s.id, Some(block)),
        "card.pdf",
        "bb",
        200,
    )
    .await;
    let guide = add(&store, &user, FileParent::Method(m), "guide.pdf", "aa", 300).await;
    assert_eq!(guide.parent(), FileParent::Method(m));
    assert_eq!(card.parent(), FileParent::Session(s.id, Some(block)));

    let of_session: Vec<_> = store
        .files_of(FileParent::Session(s.id, None))
        .await
        .expect("files")
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(of_session, ["card.pdf", "handout.pdf"], "newest first");
    let of_method = store.files_of(FileParent::Method(m)).await.expect("files");
    assert_eq!(of_method.len(), 1);
    assert_eq!(of_method[0].id, guide.id);

    let workspace = handout.workspace_id;
    assert_eq!(
        store.storage_used(workspace).await.expect("usage"),
        500,
        "aa once"
    );
    let largest = store.largest_files(workspace, 2).await.expect("largest");
    let listed: Vec<_> = largest
        .iter()
        .map(|l| (l.file.size, l.parent_title.as_str()))
        .collect();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|(size, _)| *size == 300));
    assert!(listed.contains(&(300, "Strategy day")));
    assert!(listed.contains(&(300, "Fishbowl")));

    let deleted = store.delete_file(handout.id).await.expect("deleted");
    assert_eq!(deleted.id, handout.id);
    assert!(
        store.has_content(workspace, "aa").await.expect("held"),
        "the method still holds aa"
    );
    assert!(matches!(
        store.delete_file(handout.id).await,
        Err(StoreError::NotFound)
    ));

    store
        .delete_method(m, user.id)
        .await
        .expect("method deleted");
    assert!(
        store
            .files_of(FileParent::Method(m))
            .await
            .expect("files")
            .is_empty()
    );
    assert!(!store.has_content(workspace, "aa").await.expect("gone"));
    assert_eq!(store.storage_used(workspace).await.expect("usage"), 200);
}
