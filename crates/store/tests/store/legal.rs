//! The legal documents' versions: a starter version seeded once, drafts that change until they
//! are published, publication that numbers a version and queues its announcement, one version
//! waiting for its date at a time, and acceptances that go with their person.

use super::new_user;
use domain::legal::Document;
use plenary_store::testing::fresh_store;
use plenary_store::{LegalDraft, NewNewsletter, Store, StoreError, User};

async fn admin(store: &Store) -> User {
    store
        .create_user(&new_user("lawyer@example.org"), None)
        .await
        .expect("admin")
}

fn draft(by: &User, text: &str) -> LegalDraft {
    LegalDraft {
        document: Document::Terms,
        body_en: format!("## 1. {text}"),
        body_ru: format!("## 1. {text} (ru)"),
        changes_en: "Clause 1 is new.".into(),
        changes_ru: "Пункт 1 новый.".into(),
        written_by: by.id,
    }
}

fn announcement(by: &User, key: &str) -> NewNewsletter {
    NewNewsletter {
        subject_en: "The User Agreement changes".into(),
        body_en: "It changes.".into(),
        subject_ru: "Соглашение меняется".into(),
        body_ru: "Меняется.".into(),
        sent_by: by.id,
        request_key: key.into(),
        legal_link: Some("/terms/versions/2".into()),
    }
}

#[tokio::test]
async fn the_starter_text_is_version_one_once_and_never_announced() {
    let store = fresh_store().await;
    assert!(
        store
            .seed_legal(Document::Terms, "en", "ru")
            .await
            .expect("seed")
    );
    assert!(
        !store
            .seed_legal(Document::Terms, "other", "другой")
            .await
            .expect("again"),
        "a document with a version is not seeded again"
    );
    let published = store.published_legal().await.expect("published");
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].number, 1);
    assert_eq!(
        published[0].published_at, 0,
        "nobody is told of the starter text"
    );
    let v = store.legal_by_number(Document::Terms, 1).await.expect("v1");
    assert_eq!((v.body_en.as_str(), v.body_ru.as_str()), ("en", "ru"));
}

#[tokio::test]
async fn a_draft_changes_until_it_is_published_and_then_never() {
    let store = fresh_store().await;
    let by = admin(&store).await;
    store
        .seed_legal(Document::Terms, "en", "ru")
        .await
        .expect("seed");
    let id = store
        .save_legal_draft(None, &draft(&by, "First"))
        .await
        .expect("draft");
    assert!(
        store.published_legal().await.expect("published").len() == 1,
        "a draft is not published"
    );
    store
        .save_legal_draft(Some(id), &draft(&by, "Second"))
        .await
        .expect("rewritten");
    assert_eq!(
        store.legal_version(id).await.expect("read").body_en,
        "## 1. Second"
    );
    let later = plenary_store::now_ms() + 20 * 86_400_000;
    let number = store
        .publish_legal(id, later, |_, _| announcement(&by, "legal-a"))
        .await
        .expect("published");
    assert_eq!(number, 2);
    let v = store.legal_version(id).await.expect("read");
    assert_eq!((v.number, v.effective_at), (Some(2), Some(later)));
    assert!(v.published_at.is_some());
    assert!(
        matches!(
            store.save_legal_draft(Some(id), &draft(&by, "Third")).await,
            Err(StoreError::NotFound)
        ),
        "a published version never changes"
    );
    assert!(
        !store.delete_legal_draft(id).await.expect("delete"),
        "nor goes"
    );
    let news = store.newsletters(10).await.expect("newsletters");
    assert_eq!(
        news.len(),
        1,
        "the announcement is queued with the publication"
    );
    assert!(news[0].is_legal());
    assert_eq!(news[0].link.as_deref(), Some("/terms/versions/2"));
}

#[tokio::test]
async fn one_version_waits_for_its_date_at_a_time() {
    let store = fresh_store().await;
    let by = admin(&store).await;
    store
        .seed_legal(Document::Terms, "en", "ru")
        .await
        .expect("seed");
    let later = plenary_store::now_ms() + 20 * 86_400_000;
    let first = store
        .save_legal_draft(None, &draft(&by, "A"))
        .await
        .expect("a");
    let second = store
        .save_legal_draft(None, &draft(&by, "B"))
        .await
        .expect("b");
    store
        .publish_legal(first, later, |_, _| announcement(&by, "legal-a"))
        .await
        .expect("first");
    assert!(matches!(
        store
            .publish_legal(second, later + 1, |_, _| announcement(&by, "legal-b"))
            .await,
        Err(StoreError::Conflict("scheduled"))
    ));
    assert_eq!(
        store.newsletters(10).await.expect("newsletters").len(),
        1,
        "the refused publication queues nothing"
    );
    assert!(
        store
            .legal_version(second)
            .await
            .expect("b")
            .published_at
            .is_none()
    );
    assert!(store.delete_legal_draft(second).await.expect("deleted"));
}

#[tokio::test]
async fn acceptances_are_recorded_once_and_go_with_their_person() {
    let store = fresh_store().await;
    store
        .seed_legal(Document::Terms, "en", "ru")
        .await
        .expect("seed");
    store
        .seed_legal(Document::Consent, "en", "ru")
        .await
        .expect("seed");
    let ids: Vec<_> = store
        .published_legal()
        .await
        .expect("published")
        .iter()
        .map(|v| v.id)
        .collect();
    let user = store
        .create_user(
            &plenary_store::NewUser {
                accepts: ids.clone(),
                ..new_user("reader@example.org")
            },
            None,
        )
        .await
        .expect("user");
    let accepted = store.legal_accepted_by(user.id).await.expect("accepted");
    assert_eq!(accepted.len(), 2);
    assert!(accepted.iter().all(|a| a.how == "registration"));
    let before = store.user(user.id).await.expect("user").accepted_at;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    store
        .accept_legal(user.id, &ids, "notice", plenary_store::now_ms())
        .await
        .expect("again");
    let accepted = store.legal_accepted_by(user.id).await.expect("accepted");
    assert_eq!(accepted.len(), 2, "accepted once");
    assert!(
        accepted.iter().all(|a| a.how == "registration"),
        "as first recorded"
    );
    assert!(
        store.user(user.id).await.expect("user").accepted_at > before,
        "what was published until now counts as seen"
    );
    let counts = store.legal_acceptance_counts().await.expect("counts");
    assert!(counts.iter().all(|(_, n)| *n == 1));
    assert_eq!(counts.len(), 2);
}

#[tokio::test]
async fn people_who_had_accounts_before_versions_existed_are_shown_the_starter_text() {
    let store = fresh_store().await;
    store
        .create_user(&new_user("early@example.org"), None)
        .await
        .expect("early");
    assert!(
        store
            .seed_legal(Document::Consent, "en", "ru")
            .await
            .expect("seed")
    );
    let published = store.published_legal().await.expect("published");
    assert!(
        published[0].published_at > 0,
        "published now, so those who had accounts are told of it"
    );
}

#[tokio::test]
async fn a_second_press_of_publish_publishes_nothing_more() {
    let store = fresh_store().await;
    let by = admin(&store).await;
    store
        .seed_legal(Document::Terms, "en", "ru")
        .await
        .expect("seed");
    let id = store
        .save_legal_draft(None, &draft(&by, "A"))
        .await
        .expect("a");
    let later = plenary_store::now_ms() + 20 * 86_400_000;
    store
        .publish_legal(id, later, |v, n| {
            assert_eq!(
                (v.body_en.as_str(), n),
                ("## 1. A", 2),
                "written from the draft"
            );
            announcement(&by, "legal-a")
        })
        .await
        .expect("published");
    assert!(matches!(
        store
            .publish_legal(id, later, |_, _| announcement(&by, "legal-again"))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.newsletters(10).await.expect("newsletters").len(), 1);
}
