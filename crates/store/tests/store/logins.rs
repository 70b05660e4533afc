use super::store_with_user;
use domain::{Credential, Scopes};
use plenary_store::{Signal, StoreError, now_ms};

const DAY: i64 = 86_400_000;

#[tokio::test]
async fn a_login_is_found_by_its_token_hash_until_it_expires() {
    let (store, user) = store_with_user("login@example.org").await;
    let login = store
        .create_login(user.id, b"hash-a", "Firefox", "10.0.0.1", now_ms() + DAY)
        .await
        .expect("login");
    let found = store
        .login_by_token(b"hash-a", DAY, "10.0.0.1")
        .await
        .expect("query");
    assert_eq!(found.map(|l| (l.id, l.user.id)), Some((login, user.id)));
    assert!(
        store
            .login_by_token(b"other", DAY, "10.0.0.1")
            .await
            .expect("query")
            .is_none()
    );
    store
        .create_login(user.id, b"expired", "Firefox", "10.0.0.1", now_ms() - 1)
        .await
        .expect("login");
    assert!(
        store
            .login_by_token(b"expired", DAY, "10.0.0.1")
            .await
            .expect("query")
            .is_none(),
        "past absolute expiry"
    );
}

#[tokio::test]
async fn an_idle_login_ends() {
    let (store, user) = store_with_user("idle@example.org").await;
    store
        .create_login(user.id, b"idle", "ua", "ip", now_ms() + DAY)
        .await
        .expect("login");
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    assert!(
        store
            .login_by_token(b"idle", 10, "ip")
            .await
            .expect("query")
            .is_none()
    );
    assert_eq!(store.purge_logins(10).await.expect("purge"), 1);
}

#[tokio::test]
async fn someone_else_s_login_cannot_be_revoked() {
    let (store, user) = store_with_user("owner@example.org").await;
    let other = store
        .create_user(&super::new_user("other@example.org"), None)
        .await
        .expect("other");
    let login = store
        .create_login(user.id, b"mine", "ua", "ip", now_ms() + DAY)
        .await
        .expect("login");
    assert!(matches!(
        store.revoke_login(other.id, login).await,
        Err(StoreError::NotFound)
    ));
    store.revoke_login(user.id, login).await.expect("revoked");
    assert!(
        store
            .login_by_token(b"mine", DAY, "ip")
            .await
            .expect("query")
            .is_none()
    );
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_login_and_token_and_says_so_on_the_bus() {
    let (store, user) = store_with_user("all@example.org").await;
    for h in [b"a".as_slice(), b"b", b"c"] {
        store
            .create_login(user.id, h, "ua", "ip", now_ms() + DAY)
            .await
            .expect("login");
    }
    let token = store
        .create_api_token(user.id, "CI", b"tok", "plen_abc", Scopes::READ_WRITE)
        .await
        .expect("token");
    let mut bus = store.subscribe();
    assert_eq!(
        store.revoke_all_credentials(user.id).await.expect("revoke"),
        4
    );
    assert!(store.logins(user.id).await.expect("list").is_empty());
    assert!(store.user_by_api_token(b"tok").await.expect("q").is_none());
    let credential = Credential::Token {
        id: token.id,
        scopes: Scopes::READ_WRITE,
    };
    assert!(
        !store
            .credential_alive(user.id, credential)
            .await
            .expect("q")
    );
    let heard = tokio::time::timeout(std::time::Duration::from_secs(2), async {
        loop {
            if let Ok(Signal::Credentials { user: u }) = bus.recv().await
                && u == user.id
            {
                return;
            }
        }
    })
    .await;
    assert!(heard.is_ok(), "the bus tells the live rooms");
}

#[tokio::test]
async fn a_login_s_password_check_time_starts_at_sign_in_and_is_renewed() {
    let (store, user) = store_with_user("verified@example.org").await;
    let before = now_ms();
    store
        .create_login(user.id, b"v", "ua", "ip", now_ms() + DAY)
        .await
        .expect("login");
    let found = store
        .login_by_token(b"v", DAY, "ip")
        .await
        .expect("q")
        .expect("found");
    assert!(found.verified_at >= before);
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    store.verify_login(found.id).await.expect("verified");
    let again = store
        .login_by_token(b"v", DAY, "ip")
        .await
        .expect("q")
        .expect("found");
    assert!(again.verified_at > found.verified_at);
    let credential = Credential::Login {
        id: found.id,
        verified_at: again.verified_at,
    };
    assert!(
        store
            .credential_alive(user.id, credential)
            .await
            .expect("q")
    );
    store
        .revoke_login(user.id, found.id)
        .await
        .expect("revoked");
    assert!(
        !store
            .credential_alive(user.id, credential)
            .await
            .expect("q")
    );
}

#[tokio::test]
async fn an_api_token_signs_in_records_its_use_and_can_be_revoked() {
    let (store, user) = store_with_user("tokens@example.org").await;
    let token = store
        .create_api_token(user.id, "CI", b"tok-hash", "plen_abc", Scopes::READ)
        .await
        .expect("token");
    assert!(token.last_used_at.is_none());
    assert_eq!(token.scopes(), Scopes::READ);
    assert_eq!(
        store
            .user_by_api_token(b"tok-hash")
            .await
            .expect("q")
            .map(|(id, scopes, u)| (id, scopes, u.id)),
        Some((token.id, Scopes::READ, user.id))
    );
    let listed = store.api_tokens(user.id).await.expect("list");
    assert!(listed[0].last_used_at.is_some());
    let other = store
        .create_user(&super::new_user("x@example.org"), None)
        .await
        .expect("other");
    assert!(matches!(
        store.revoke_api_token(other.id, token.id).await,
        Err(StoreError::NotFound)
    ));
    store
        .revoke_api_token(user.id, token.id)
        .await
        .expect("revoked");
    assert!(
        store
            .user_by_api_token(b"tok-hash")
            .await
            .expect("q")
            .is_none()
    );
}
