//! Choices about advertising, and a newsletter queued a batch at a time for those who have
//! not refused it.

use super::{mail, new_user};
use plenary_store::testing::fresh_store;
use plenary_store::{MessageChoices, NewNewsletter, Store, User};

async fn person(store: &Store, email: &str, confirmed: bool) -> User {
    store
        .create_user(
            &plenary_store::NewUser {
                confirmed,
                ..new_user(email)
            },
            None,
        )
        .await
        .expect("user")
}

fn newsletter(by: &User) -> NewNewsletter {
    NewNewsletter {
        subject_en: "News".into(),
        body_en: "Hello".into(),
        subject_ru: "Новости".into(),
        body_ru: "Привет".into(),
        sent_by: by.id,
        request_key: "form-1".into(),
        legal_link: None,
    }
}

#[tokio::test]
async fn nobody_refuses_advertising_until_they_say_so() {
    let store = fresh_store().await;
    let ann = person(&store, "ann@example.org", true).await;
    assert_eq!(
        store.user(ann.id).await.expect("read").message_choices(),
        MessageChoices::default()
    );
    let refused = MessageChoices {
        refuses_advertising: true,
        refuses_personalised: false,
    };
    store
        .set_message_choices(ann.id, refused)
        .await
        .expect("saved");
    assert_eq!(
        store.user(ann.id).await.expect("read").message_choices(),
        refused
    );
    let again = store.user(ann.id).await.expect("user");
    assert!(!again.refuses_personalised);
}

#[tokio::test]
async fn a_newsletter_goes_to_confirmed_people_who_have_not_refused_a_batch_at_a_time() {
    let store = fresh_store().await;
    let admin = person(&store, "admin@example.org", true).await;
    let ann = person(&store, "ann@example.org", true).await;
    let bob = person(&store, "bob@example.org", true).await;
    person(&store, "unconfirmed@example.org", false).await;
    let carl = person(&store, "carl@example.org", true).await;
    store
        .set_message_choices(
            carl.id,
            MessageChoices {
                refuses_advertising: true,
                refuses_personalised: true,
            },
        )
        .await
        .expect("refused");
    assert_eq!(store.advertising_audience().await.expect("count"), 3);

    let id = store
        .create_newsletter(&newsletter(&admin))
        .await
        .expect("created");
    let again = store
        .create_newsletter(&newsletter(&admin))
        .await
        .expect("sent twice");
    assert_eq!(again, id, "the same form sends once");
    let job = store
        .claim_job(60_000)
        .await
        .expect("claim")
        .expect("a job");
    assert_eq!(job.kind, "send_newsletter");
    assert!(job.payload.contains(&id.to_string()));

    let first = store
        .newsletter_recipients(false, None, 2)
        .await
        .expect("first batch");
    assert_eq!(first.len(), 2);
    let mut ids: Vec<_> = [admin.id, ann.id, bob.id].into();
    ids.sort();
    assert_eq!(first[0].id, ids[0]);
    assert_eq!(first[1].id, ids[1]);
    let mails: Vec<_> = first
        .iter()
        .map(|r| (r.id, mail(&r.email, "News")))
        .collect();
    assert!(
        store
            .queue_newsletter_batch(id, None, &mails, false, 0, 100)
            .await
            .expect("queued")
    );
    // A second worker holding the old cursor queues nothing twice.
    assert!(
        !store
            .queue_newsletter_batch(id, None, &mails, false, 0, 100)
            .await
            .expect("refused")
    );
    let n = store.newsletter(id).await.expect("read");
    assert_eq!(n.queued, 2);
    assert_eq!(n.last_user_id, Some(ids[1]));
    assert!(n.finished_at.is_none());

    let rest = store
        .newsletter_recipients(false, n.last_user_id, 2)
        .await
        .expect("the rest");
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].id, ids[2]);
    let mails: Vec<_> = rest
        .iter()
        .map(|r| (r.id, mail(&r.email, "News")))
        .collect();
    assert!(
        store
            .queue_newsletter_batch(id, n.last_user_id, &mails, true, 0, 100)
            .await
            .expect("queued")
    );
    let n = store.newsletter(id).await.expect("read");
    assert_eq!(n.queued, 3);
    assert!(n.finished_at.is_some());
    let outbox = store.recent_mail(10).await.expect("outbox");
    assert_eq!(outbox.iter().filter(|m| m.subject == "News").count(), 3);
    assert_eq!(store.newsletters(10).await.expect("list").len(), 1);
}
