//! The store test suite. The same tests run on SQLite (by default) and on PostgreSQL (with
//! `PLENARY_TEST_POSTGRES`, as the full test command runs them), each on a fresh database.

mod accounts;
mod activity;
mod administration;
mod billing;
mod comments;
mod consents;
mod console;
mod copyright;
mod data_exports;
mod exports;
mod files;
mod invoices;
mod jobs;
mod legal;
mod library;
mod logins;
mod messages;
mod migrations;
mod payments;
mod people;
mod quota;
mod schema;
mod sessions;
mod sharing;
mod snapshots;
mod throttle;
mod workspaces;

use domain::{Email, Locale};
use plenary_store::testing::fresh_store;
use plenary_store::{NewMail, NewUser, Store, User};

pub fn new_user(email: &str) -> NewUser {
    NewUser {
        email: Email::parse(email).expect("valid email"),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo".into(),
        first_name: "Anna".into(),
        last_name: "Petrova".into(),
        phone: None,
        locale: Locale::Ru,
        time_zone: "Europe/Moscow".into(),
        is_admin: false,
        terms_version: "2026-11-21".into(),
        privacy_version: "2026-11-21".into(),
        confirmed: false,
        accepts: Vec::new(),
        seen_documents_until: None,
    }
}

pub fn mail(to: &str, subject: &str) -> NewMail {
    NewMail {
        to: to.into(),
        user: None,
        sender: None,
        locale: "en".into(),
        subject: subject.into(),
        text_body: "text".into(),
        html_body: "<p>html</p>".into(),
        unsubscribe: None,
    }
}

/// What an invitation sends, for tests that do not look at it: an email and no notification.
pub fn sending() -> plenary_store::Sending<'static> {
    static MAIL: std::sync::OnceLock<NewMail> = std::sync::OnceLock::new();
    plenary_store::Sending {
        mail: MAIL.get_or_init(|| mail("invitee@example.org", "An invitation")),
        notice: None,
    }
}

pub async fn store_with_user(email: &str) -> (Store, User) {
    let store = fresh_store().await;
    let user = store
        .create_user(&new_user(email), None)
        .await
        .expect("user created");
    (store, user)
}
