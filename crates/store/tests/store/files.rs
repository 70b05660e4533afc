//! Files of sessions and methods: rows per parent, content counted once per workspace, the
//! largest listed with their parent's title, and a deleted parent taking its rows along.

use super::library::{method, mine};
use super::sessions::session;
use super::store_with_user;
use domain::library::Publication;
use domain::{BlockId, FileId, Locale};
use plenary_store::library::publication::Item;
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
        .add_file(
            &NewFile {
                id: FileId::new(),
                workspace,
                parent,
                name,
                kind: "pdf",
                size,
                sha256: sha,
                status: "unscanned",
                by: user.id,
            },
            i64::MAX,
            None,
        )
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
        store.usage(workspace).await.expect("usage").files,
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

    let deleted = store.delete_file(handout.id, None).await.expect("deleted");
    assert_eq!(deleted.id, handout.id);
    assert!(
        store.has_content(workspace, "aa").await.expect("held"),
        "the method still holds aa"
    );
    assert!(matches!(
        store.delete_file(handout.id, None).await,
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
    assert_eq!(store.usage(workspace).await.expect("usage").files, 200);
}

#[tokio::test]
async fn uploads_that_race_for_the_last_space_cannot_all_pass_the_quota() {
    let (store, user) = store_with_user("race@example.org").await;
    let (workspace, _) = store.personal_workspace(user.id).await.expect("workspace");
    let s = session(&store, &user).await;
    const MB: i64 = 1024 * 1024;
    let tries: Vec<_> = (0..8)
        .map(|i| {
            let store = store.clone();
            let sha = format!("content-{i}");
            let by = user.id;
            tokio::spawn(async move {
                store
                    .add_file(
                        &NewFile {
                            id: FileId::new(),
                            workspace,
                            parent: FileParent::Session(s.id, None),
                            name: "big.pdf",
                            kind: "pdf",
                            size: 9 * MB,
                            sha256: &sha,
                            status: "unscanned",
                            by,
                        },
                        60 * MB,
                        None,
                    )
                    .await
            })
        })
        .collect();
    let mut stored = 0;
    for t in tries {
        match t.await.expect("task") {
            Ok(_) => stored += 1,
            Err(StoreError::Conflict("quota")) => {}
            Err(e) => panic!("unexpected: {e}"),
        }
    }
    assert_eq!(
        stored, 6,
        "six files of 9 MB fit in 60 MB, the rest are refused"
    );
    assert!(store.usage(workspace).await.expect("usage").total() <= 60 * MB);
}

#[tokio::test]
async fn a_published_method_goes_back_to_review_when_its_files_change() {
    let (store, author) = store_with_user("reviewed@example.org").await;
    let m = mine(
        &store,
        &author,
        &method("Fishbowl", "", (20, 40), Locale::En),
    )
    .await;
    let publish = async || {
        store
            .set_publication(Item::Method(m), author.id, Publication::Pending)
            .await
            .expect("asked");
        store
            .review_publication(Item::Method(m), true, "")
            .await
            .expect("approved");
        assert_eq!(
            store.method(m, author.id).await.expect("row").publication(),
            Publication::Published
        );
    };
    publish().await;
    let file = add(
        &store,
        &author,
        FileParent::Method(m),
        "worksheet.pdf",
        "ws",
        100,
    )
    .await;
    let row = store.method(m, author.id).await.expect("row");
    assert_eq!(
        row.publication(),
        Publication::Pending,
        "a new file is reviewed"
    );
    let reader = store
        .create_user(&super::new_user("reader@example.org"), None)
        .await
        .expect("reader");
    assert!(
        matches!(store.method(m, reader.id).await, Err(StoreError::NotFound)),
        "and out of the public library until then"
    );
    publish().await;
    store.delete_file(file.id, None).await.expect("deleted");
    assert_eq!(
        store.method(m, author.id).await.expect("row").publication(),
        Publication::Pending,
        "so is a removed one"
    );
}
