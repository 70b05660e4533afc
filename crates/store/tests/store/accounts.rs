use super::{mail, new_user, store_with_user};
use domain::Email;
use plenary_store::testing::fresh_store;
use plenary_store::{EmailToken, EmailTokenPurpose, MailStatus, ProfileUpdate, StoreError, now_ms};

#[tokio::test]
async fn a_new_account_gets_a_personal_workspace_and_can_be_found_by_email() {
    let (store, user) = store_with_user("anna@example.org").await;
    let found = store
        .user_by_email(&Email::parse("ANNA@example.org").expect("email"))
        .await
        .expect("query");
    assert_eq!(found.map(|u| u.id), Some(user.id));
    let (_, name) = store.personal_workspace(user.id).await.expect("workspace");
    assert_eq!(name, "Anna Petrova");
    assert!(!user.is_confirmed());
    assert_eq!(user.terms_version, "2026-11-21");
    assert!(user.accepted_at > 0);
}

#[tokio::test]
async fn a_second_account_with_the_same_email_is_a_conflict() {
    let (store, _) = store_with_user("dup@example.org").await;
    let again = store.create_user(&new_user("dup@example.org"), None).await;
    assert!(
        matches!(again, Err(StoreError::Conflict("email_taken"))),
        "{again:?}"
    );
}

#[tokio::test]
async fn registering_with_a_confirmation_queues_its_email_in_the_same_transaction() {
    let store = fresh_store().await;
    let token = EmailToken {
        hash: b"h1",
        purpose: EmailTokenPurpose::Confirm,
        email: "new@example.org",
        expires_at: now_ms() + 60_000,
    };
    let user = store
        .create_user(
            &new_user("new@example.org"),
            Some((&token, &mail("new@example.org", "Confirm"))),
        )
        .await
        .expect("created");
    let mails = store.recent_mail(10).await.expect("mails");
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].status, MailStatus::Pending);
    let (waiting, _, _) = store.job_counts().await.expect("counts");
    assert_eq!(waiting, 1, "a send_mail job waits");
    assert_eq!(
        store.confirm_email(b"h1").await.expect("confirmed"),
        user.id
    );
    assert!(store.user(user.id).await.expect("user").is_confirmed());
}

#[tokio::test]
async fn a_confirmation_link_works_once() {
    let (store, user) = store_with_user("once@example.org").await;
    let token = EmailToken {
        hash: b"once",
        purpose: EmailTokenPurpose::Confirm,
        email: "once@example.org",
        expires_at: now_ms() + 60_000,
    };
    store
        .issue_email_token(user.id, &token, &mail("once@example.org", "Confirm"))
        .await
        .expect("issued");
    assert!(store.confirm_email(b"once").await.is_ok());
    assert!(matches!(
        store.confirm_email(b"once").await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn an_expired_link_does_nothing() {
    let (store, user) = store_with_user("late@example.org").await;
    let token = EmailToken {
        hash: b"late",
        purpose: EmailTokenPurpose::Reset,
        email: "late@example.org",
        expires_at: now_ms() - 1,
    };
    store
        .issue_email_token(user.id, &token, &mail("late@example.org", "Reset"))
        .await
        .expect("issued");
    assert!(
        store
            .peek_email_token(b"late", EmailTokenPurpose::Reset)
            .await
            .expect("peek")
            .is_none()
    );
    assert!(matches!(
        store.reset_password(b"late", "newhash").await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn a_token_of_one_purpose_cannot_be_used_for_another() {
    let (store, user) = store_with_user("purpose@example.org").await;
    let token = EmailToken {
        hash: b"conf",
        purpose: EmailTokenPurpose::Confirm,
        email: "purpose@example.org",
        expires_at: now_ms() + 60_000,
    };
    store
        .issue_email_token(user.id, &token, &mail("purpose@example.org", "Confirm"))
        .await
        .expect("issued");
    assert!(matches!(
        store.reset_password(b"conf", "newhash").await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn a_new_link_replaces_the_previous_one_of_the_same_purpose() {
    let (store, user) = store_with_user("again@example.org").await;
    for hash in [b"first".as_slice(), b"second".as_slice()] {
        let token = EmailToken {
            hash,
            purpose: EmailTokenPurpose::Confirm,
            email: "again@example.org",
            expires_at: now_ms() + 60_000,
        };
        store
            .issue_email_token(user.id, &token, &mail("again@example.org", "Confirm"))
            .await
            .expect("issued");
    }
    assert!(matches!(
        store.confirm_email(b"first").await,
        Err(StoreError::NotFound)
    ));
    assert!(store.confirm_email(b"second").await.is_ok());
}

#[tokio::test]
async fn a_password_reset_sets_the_hash_and_ends_every_login_and_token() {
    let (store, user) = store_with_user("reset@example.org").await;
    store
        .create_api_token(
            user.id,
            "CI",
            b"tok",
            "plen_abc",
            domain::Scopes::READ_WRITE,
        )
        .await
        .expect("token");
    store
        .create_login(user.id, b"l1", "ua", "127.0.0.1", now_ms() + 60_000)
        .await
        .expect("login");
    store
        .create_login(user.id, b"l2", "ua", "127.0.0.1", now_ms() + 60_000)
        .await
        .expect("login");
    let token = EmailToken {
        hash: b"reset",
        purpose: EmailTokenPurpose::Reset,
        email: "reset@example.org",
        expires_at: now_ms() + 60_000,
    };
    store
        .issue_email_token(user.id, &token, &mail("reset@example.org", "Reset"))
        .await
        .expect("issued");
    store
        .reset_password(b"reset", "newhash")
        .await
        .expect("reset");
    assert_eq!(
        store.user(user.id).await.expect("user").password_hash,
        "newhash"
    );
    assert!(store.logins(user.id).await.expect("logins").is_empty());
    assert!(store.api_tokens(user.id).await.expect("tokens").is_empty());
}

#[tokio::test]
async fn a_password_change_keeps_only_the_current_login_and_the_tokens_when_asked() {
    let (store, user) = store_with_user("change@example.org").await;
    let keep = store
        .create_login(user.id, b"keep", "ua", "127.0.0.1", now_ms() + 60_000)
        .await
        .expect("login");
    store
        .create_login(user.id, b"other", "ua", "127.0.0.1", now_ms() + 60_000)
        .await
        .expect("login");
    store
        .create_api_token(user.id, "CI", b"tok", "plen_abc", domain::Scopes::READ)
        .await
        .expect("token");
    store
        .set_password(user.id, "h2", Some(keep), true)
        .await
        .expect("changed");
    let left: Vec<_> = store
        .logins(user.id)
        .await
        .expect("logins")
        .into_iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(left, vec![keep]);
    assert_eq!(store.api_tokens(user.id).await.expect("tokens").len(), 1);
    store
        .set_password(user.id, "h3", Some(keep), false)
        .await
        .expect("changed");
    assert!(store.api_tokens(user.id).await.expect("tokens").is_empty());
}

#[tokio::test]
async fn an_email_change_takes_the_new_address_and_tells_the_old_one() {
    let (store, user) = store_with_user("old@example.org").await;
    let token = EmailToken {
        hash: b"chg",
        purpose: EmailTokenPurpose::Change,
        email: "new@example.org",
        expires_at: now_ms() + 60_000,
    };
    store
        .issue_email_token(user.id, &token, &mail("new@example.org", "Confirm new"))
        .await
        .expect("issued");
    store
        .change_email(b"chg", &mail("old@example.org", "Changed"))
        .await
        .expect("changed");
    let user = store.user(user.id).await.expect("user");
    assert_eq!(user.email, "new@example.org");
    assert!(user.is_confirmed());
    let to: Vec<String> = store
        .recent_mail(10)
        .await
        .expect("mail")
        .into_iter()
        .map(|m| m.to)
        .collect();
    assert!(to.contains(&"old@example.org".to_owned()));
}

#[tokio::test]
async fn links_sent_to_the_old_address_stop_working_when_the_address_changes() {
    let (store, user) = store_with_user("before@example.org").await;
    let reset = EmailToken {
        hash: b"old-reset",
        purpose: EmailTokenPurpose::Reset,
        email: "before@example.org",
        expires_at: now_ms() + 60_000,
    };
    store
        .issue_email_token(user.id, &reset, &mail("before@example.org", "Reset"))
        .await
        .expect("issued");
    let change = EmailToken {
        hash: b"to-after",
        purpose: EmailTokenPurpose::Change,
        email: "after@example.org",
        expires_at: now_ms() + 60_000,
    };
    store
        .issue_email_token(user.id, &change, &mail("after@example.org", "Confirm"))
        .await
        .expect("issued");
    store
        .change_email(b"to-after", &mail("before@example.org", "Changed"))
        .await
        .expect("changed");
    assert!(
        store
            .peek_email_token(b"old-reset", EmailTokenPurpose::Reset)
            .await
            .expect("q")
            .is_none()
    );
    assert!(matches!(
        store.reset_password(b"old-reset", "stolen").await,
        Err(StoreError::NotFound)
    ));
    assert_ne!(
        store.user(user.id).await.expect("user").password_hash,
        "stolen"
    );
}

#[tokio::test]
async fn a_reset_link_works_only_while_the_account_has_the_address_it_went_to() {
    let (store, user) = store_with_user("mailbox@example.org").await;
    let reset = EmailToken {
        hash: b"elsewhere",
        purpose: EmailTokenPurpose::Reset,
        email: "someone-else@example.org",
        expires_at: now_ms() + 60_000,
    };
    store
        .issue_email_token(user.id, &reset, &mail("someone-else@example.org", "Reset"))
        .await
        .expect("issued");
    assert!(matches!(
        store.reset_password(b"elsewhere", "stolen").await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn an_email_change_to_a_taken_address_is_a_conflict_and_changes_nothing() {
    let (store, user) = store_with_user("mine@example.org").await;
    store
        .create_user(&new_user("taken@example.org"), None)
        .await
        .expect("other");
    let token = EmailToken {
        hash: b"tk",
        purpose: EmailTokenPurpose::Change,
        email: "taken@example.org",
        expires_at: now_ms() + 60_000,
    };
    store
        .issue_email_token(user.id, &token, &mail("taken@example.org", "Confirm"))
        .await
        .expect("issued");
    let outcome = store
        .change_email(b"tk", &mail("mine@example.org", "Changed"))
        .await;
    assert!(
        matches!(outcome, Err(StoreError::Conflict("email_taken"))),
        "{outcome:?}"
    );
    assert_eq!(
        store.user(user.id).await.expect("user").email,
        "mine@example.org"
    );
}

#[tokio::test]
async fn the_profile_is_updated() {
    let (store, user) = store_with_user("profile@example.org").await;
    let update = ProfileUpdate {
        first_name: "Maria".into(),
        last_name: "Ivanova".into(),
        phone: Some("+7 999 000-00-00".into()),
        locale: domain::Locale::En,
        time_zone: "Asia/Yekaterinburg".into(),
    };
    let updated = store
        .update_profile(user.id, &update)
        .await
        .expect("updated");
    assert_eq!(
        (updated.first_name.as_str(), updated.locale.as_str()),
        ("Maria", "en")
    );
    assert_eq!(updated.phone.as_deref(), Some("+7 999 000-00-00"));
}

#[tokio::test]
async fn an_avatar_is_stored_replaced_and_removed() {
    let (store, user) = store_with_user("avatar@example.org").await;
    let v1 = store
        .set_avatar(user.id, b"png-1", "image/png")
        .await
        .expect("set");
    let v2 = store
        .set_avatar(user.id, b"png-2", "image/png")
        .await
        .expect("replaced");
    assert!(v2 >= v1);
    assert_eq!(
        store.avatar(user.id).await.expect("get").map(|a| a.image),
        Some(b"png-2".to_vec())
    );
    store.remove_avatar(user.id).await.expect("removed");
    assert!(store.avatar(user.id).await.expect("get").is_none());
    assert!(
        store
            .user(user.id)
            .await
            .expect("user")
            .avatar_version
            .is_none()
    );
}

#[tokio::test]
async fn user_search_matches_email_and_names_in_any_case() {
    let (store, _) = store_with_user("anna@example.org").await;
    let mut other = new_user("boris@example.org");
    other.first_name = "Boris".into();
    other.last_name = "Smirnov".into();
    store.create_user(&other, None).await.expect("other");
    let emails = |list: Vec<plenary_store::UserSummary>| {
        list.into_iter().map(|u| u.email).collect::<Vec<_>>()
    };
    assert_eq!(
        emails(store.search_users("BORIS", 10).await.expect("q")),
        vec!["boris@example.org"]
    );
    assert_eq!(
        emails(store.search_users("smirn", 10).await.expect("q")),
        vec!["boris@example.org"]
    );
    assert_eq!(
        emails(store.search_users("anna@", 10).await.expect("q")),
        vec!["anna@example.org"]
    );
    assert_eq!(store.search_users("", 10).await.expect("q").len(), 2);
    assert!(
        store.search_users("%", 10).await.expect("q").is_empty(),
        "% is literal"
    );
}
