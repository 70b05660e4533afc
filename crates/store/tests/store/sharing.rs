use super::new_user;
use super::sessions::{insert, session};
use domain::BlockId;
use domain::permission::Role;
use plenary_store::testing::{fresh_url, on_postgres};
use plenary_store::{Signal, Store, StoreError};
use std::time::Duration;

#[tokio::test]
async fn the_creator_owns_a_new_session_and_roles_can_be_given_changed_and_taken() {
    let (store, owner) = super::store_with_user("owner@example.org").await;
    let guest = store
        .create_user(&new_user("guest@example.org"), None)
        .await
        .expect("guest");
    let s = session(&store, &owner).await;
    assert_eq!(
        store.access(s.id, owner.id).await.expect("access"),
        (Some(Role::Owner), true)
    );
    assert_eq!(
        store.access(s.id, guest.id).await.expect("access"),
        (None, false)
    );
    assert!(
        store
            .shared_with(guest.id)
            .await
            .expect("shared")
            .is_empty()
    );

    store
        .set_share(s.id, guest.id, Role::Commenter)
        .await
        .expect("shared");
    assert_eq!(
        store.access(s.id, guest.id).await.expect("access"),
        (Some(Role::Commenter), false)
    );
    let shared = store.shared_with(guest.id).await.expect("shared");
    assert_eq!(shared.len(), 1);
    assert_eq!((shared[0].0.id, shared[0].1), (s.id, Role::Commenter));
    assert!(
        store.shared_with(owner.id).await.expect("own").is_empty(),
        "the owner sees it in their own workspace, not among shared ones"
    );

    store
        .set_share(s.id, guest.id, Role::Editor)
        .await
        .expect("changed");
    let shares = store.shares(s.id).await.expect("shares");
    let roles: Vec<_> = shares.iter().map(|r| (r.user_id, r.role())).collect();
    assert_eq!(
        roles,
        vec![(owner.id, Role::Owner), (guest.id, Role::Editor)]
    );

    assert!(matches!(
        store.set_share(s.id, owner.id, Role::Viewer).await,
        Err(StoreError::Conflict("owner"))
    ));
    assert!(matches!(
        store.set_share(s.id, guest.id, Role::Owner).await,
        Err(StoreError::Conflict("owner"))
    ));
    assert!(matches!(
        store.remove_share(s.id, owner.id).await,
        Err(StoreError::Conflict("owner"))
    ));
    store.remove_share(s.id, guest.id).await.expect("removed");
    assert_eq!(
        store.access(s.id, guest.id).await.expect("access"),
        (None, false)
    );
    assert!(matches!(
        store.remove_share(s.id, guest.id).await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn ownership_passes_to_a_collaborator_and_the_old_owner_stays_an_editor() {
    let (store, owner) = super::store_with_user("owner@example.org").await;
    let guest = store
        .create_user(&new_user("guest@example.org"), None)
        .await
        .expect("guest");
    let stranger = store
        .create_user(&new_user("stranger@example.org"), None)
        .await
        .expect("stranger");
    let s = session(&store, &owner).await;
    assert!(matches!(
        store.transfer_ownership(s.id, stranger.id).await,
        Err(StoreError::NotFound)
    ));
    store
        .set_share(s.id, guest.id, Role::Viewer)
        .await
        .expect("shared");
    store
        .transfer_ownership(s.id, guest.id)
        .await
        .expect("transferred");
    assert_eq!(
        store.access(s.id, guest.id).await.expect("access").0,
        Some(Role::Owner)
    );
    assert_eq!(
        store.access(s.id, owner.id).await.expect("access").0,
        Some(Role::Editor)
    );
    let copy = store
        .duplicate_session(s.id, guest.id, "Copy")
        .await
        .expect("copy");
    assert_eq!(
        store.access(copy.id, guest.id).await.expect("access").0,
        Some(Role::Owner),
        "whoever makes a copy owns it"
    );
}

/// The next signal about `session` within two seconds (other tests share the channel).
async fn next_about(
    rx: &mut tokio::sync::broadcast::Receiver<Signal>,
    session: domain::SessionId,
) -> Signal {
    tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match rx.recv().await {
                Ok(s @ Signal::Version { session: id, .. }) if id == session => return s,
                Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(e) => panic!("bus closed: {e}"),
            }
        }
    })
    .await
    .expect("a signal within five seconds")
}

#[tokio::test]
async fn an_applied_op_is_announced_with_its_version_and_a_retried_one_is_not() {
    let (store, owner) = super::store_with_user("owner@example.org").await;
    let s = session(&store, &owner).await;
    let mut rx = store.subscribe();
    let block = BlockId::new();
    store
        .apply_op(
            s.id,
            owner.id,
            Some("c1"),
            insert(block, None, "Check-in", 10),
        )
        .await
        .expect("applied");
    assert_eq!(
        next_about(&mut rx, s.id).await,
        Signal::Version {
            session: s.id,
            version: 1
        }
    );
    store
        .apply_op(s.id, owner.id, Some("c1"), insert(block, None, "Again", 10))
        .await
        .expect("duplicate");
    store
        .apply_op(s.id, owner.id, None, insert(BlockId::new(), None, "Two", 5))
        .await
        .expect("applied");
    assert_eq!(
        next_about(&mut rx, s.id).await,
        Signal::Version {
            session: s.id,
            version: 2
        },
        "the duplicate took no version and was not announced"
    );
}

#[tokio::test]
async fn another_instance_hears_the_version_even_after_its_listener_connection_drops() {
    if !on_postgres() {
        // On SQLite there is one instance: nothing listens, and nothing needs to.
        let (store, _) = super::store_with_user("owner@example.org").await;
        assert!(store.listen().is_none());
        return;
    }
    let url = fresh_url().await;
    let store = Store::connect(&url).await.expect("first instance");
    store.migrate().await.expect("migrated");
    let owner = store
        .create_user(&new_user("owner@example.org"), None)
        .await
        .expect("owner");
    let s = session(&store, &owner).await;
    // A second instance on the same database: its own pools, its own bus.
    let other = Store::connect(&url).await.expect("second instance");
    let listener = other.listen().expect("a listener on PostgreSQL");
    let mut rx = other.subscribe();
    // The listener sends a resync once it is listening.
    tokio::time::timeout(Duration::from_secs(5), async {
        while rx.recv().await != Ok(Signal::Resync) {}
    })
    .await
    .expect("listener started");
    store
        .apply_op(s.id, owner.id, None, insert(BlockId::new(), None, "One", 5))
        .await
        .expect("applied");
    assert_eq!(
        next_about(&mut rx, s.id).await,
        Signal::Version {
            session: s.id,
            version: 1
        }
    );

    assert!(store.drop_listeners().await.expect("terminated") >= 1);
    tokio::time::timeout(Duration::from_secs(10), async {
        while rx.recv().await != Ok(Signal::Resync) {}
    })
    .await
    .expect("the listener noticed and came back");
    // Back: a later op is heard again.
    store
        .apply_op(s.id, owner.id, None, insert(BlockId::new(), None, "Two", 5))
        .await
        .expect("applied");
    assert_eq!(
        next_about(&mut rx, s.id).await,
        Signal::Version {
            session: s.id,
            version: 2
        }
    );
    listener.abort();
}
