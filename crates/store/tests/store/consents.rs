//! The consent log and the installation's secrets.

use super::store_with_user;
use domain::ConsentId;
use domain::consent::Allowed;
use plenary_store::{NewConsent, UsageHits, UsageKind};

#[tokio::test]
async fn a_persons_cookie_choices_are_logged_newest_first_and_never_rewritten() {
    let (store, user) = store_with_user("consent@example.org").await;
    let consent_id = ConsentId::new();
    let first = NewConsent {
        consent_id,
        user_id: user.id,
        revision: 1,
        allowed: Allowed::ALL,
        gpc: false,
        ip_hash: "hash-a".into(),
        text_shown: "We use cookies: all of them.".into(),
    };
    store.record_consent(&first).await.expect("first choice");
    let withdrawn = NewConsent {
        allowed: Allowed::NONE,
        gpc: true,
        text_shown: "We use cookies: none.".into(),
        ..first.clone()
    };
    store.record_consent(&withdrawn).await.expect("withdrawal");

    let log = store.consents_of(user.id, 10).await.expect("log");
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].allowed, Allowed::NONE);
    assert!(log[0].gpc);
    assert_eq!(log[0].text_shown, "We use cookies: none.");
    assert_eq!(log[1].allowed, Allowed::ALL);
    assert_eq!(log[1].consent_id, consent_id);
    assert_eq!(log[1].revision, 1);
    assert_eq!(log[1].ip_hash, "hash-a");
    assert!(log[0].created_at >= log[1].created_at);
}

#[tokio::test]
async fn a_persons_consent_log_is_theirs_only() {
    let (store, user) = store_with_user("mine@example.org").await;
    let other = store
        .create_user(&super::new_user("other@example.org"), None)
        .await
        .expect("other");
    store
        .record_consent(&NewConsent {
            consent_id: ConsentId::new(),
            user_id: user.id,
            revision: 2,
            allowed: Allowed::NONE,
            gpc: false,
            ip_hash: "h".into(),
            text_shown: "t".into(),
        })
        .await
        .expect("choice");
    assert!(
        store
            .consents_of(other.id, 10)
            .await
            .expect("log")
            .is_empty()
    );
}

#[tokio::test]
async fn the_first_secret_stored_is_the_one_every_instance_reads() {
    let (store, _) = store_with_user("secret@example.org").await;
    let first = store
        .installation_secret("ip-hash", &[1; 32])
        .await
        .expect("stored");
    let second = store
        .installation_secret("ip-hash", &[2; 32])
        .await
        .expect("read");
    assert_eq!(first, vec![1; 32]);
    assert_eq!(second, vec![1; 32]);
    let other = store
        .installation_secret("unsubscribe", &[3; 32])
        .await
        .expect("another name");
    assert_eq!(other, vec![3; 32]);
}

fn hits(day: i64, kind: UsageKind, name: &str, n: i64) -> UsageHits {
    UsageHits {
        day,
        kind,
        name: name.into(),
        hits: n,
    }
}

#[tokio::test]
async fn usage_counts_add_up_per_day_and_route_and_rank_the_most_used() {
    let (store, _) = store_with_user("usage@example.org").await;
    store
        .add_usage(&[
            hits(100, UsageKind::Page, "GET /", 3),
            hits(100, UsageKind::Page, "GET /library", 1),
            hits(101, UsageKind::Page, "GET /", 2),
            hits(101, UsageKind::Feature, "POST /sessions", 4),
        ])
        .await
        .expect("first flush");
    store
        .add_usage(&[hits(101, UsageKind::Page, "GET /library", 5)])
        .await
        .expect("second flush");
    store.add_usage(&[]).await.expect("nothing to add");

    assert_eq!(
        store
            .usage_by_day(UsageKind::Page, 100, 101)
            .await
            .expect("by day"),
        vec![(100, 4), (101, 7)]
    );
    assert_eq!(
        store
            .usage_by_day(UsageKind::Page, 101, 200)
            .await
            .expect("from a later day"),
        vec![(101, 7)]
    );
    assert_eq!(
        store.usage_top(UsageKind::Page, 0, 10).await.expect("top"),
        vec![("GET /library".to_owned(), 6), ("GET /".to_owned(), 5)]
    );
    assert_eq!(
        store
            .usage_top(UsageKind::Feature, 0, 10)
            .await
            .expect("features"),
        vec![("POST /sessions".to_owned(), 4)]
    );
    assert_eq!(
        store.usage_top(UsageKind::Page, 0, 1).await.expect("one"),
        vec![("GET /library".to_owned(), 6)]
    );
}
