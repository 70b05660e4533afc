//! Advertising emails (User Agreement 1.6): a person refuses them on the account page or by
//! the one-click link at the foot of each one (RFC 8058, signed so it cannot be forged and
//! working without signing in); administrators send one to everyone who has not refused,
//! each in their language, through the outbox.

use crate::i18n::Tr;
use crate::mail::Compose;
use crate::state::AppState;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::{Locale, NewsletterId, UserId};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use store::{NewMail, NewsletterRow, Store};

/// How many emails one transaction queues.
pub const BATCH: i64 = 200;
/// How far apart advertising emails are delivered (ten a second): the emails people wait
/// for, a sign-in code or a reset link, never queue behind a whole newsletter.
pub const PACE_MS: i64 = 100;

/// The installation's key for unsubscribe links.
async fn key(store: &Store) -> store::Result<Vec<u8>> {
    let mut candidate = [0u8; 32];
    rand::rng().fill_bytes(&mut candidate);
    store.installation_secret("unsubscribe", &candidate).await
}

fn mac(key: &[u8], user: UserId) -> [u8; 16] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(b"unsubscribe:");
    mac.update(user.0.as_bytes());
    let mut out = [0u8; 16];
    out.copy_from_slice(&mac.finalize().into_bytes()[..16]);
    out
}

/// The token of a person's unsubscribe link: their id and a MAC of it.
pub async fn token(store: &Store, user: UserId) -> store::Result<String> {
    Ok(token_with(&key(store).await?, user))
}

fn token_with(key: &[u8], user: UserId) -> String {
    let mut bytes = user.0.as_bytes().to_vec();
    bytes.extend_from_slice(&mac(key, user));
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The person an unsubscribe token names, when it is one we made.
pub async fn verify(store: &Store, token: &str) -> store::Result<Option<UserId>> {
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(token) else {
        return Ok(None);
    };
    let Some((id, tag)) = bytes.split_first_chunk::<16>() else {
        return Ok(None);
    };
    if tag.len() != 16 {
        return Ok(None);
    }
    let user = UserId(uuid::Uuid::from_bytes(*id));
    let key = key(store).await?;
    let mut check = Hmac::<Sha256>::new_from_slice(&key).expect("any key length");
    check.update(b"unsubscribe:");
    check.update(user.0.as_bytes());
    // Constant-time comparison of the truncated tag.
    Ok(check.verify_truncated_left(tag).is_ok().then_some(user))
}

/// Refuses advertising for the person a valid token names; `false` for a token we did not
/// make (or a person no longer here).
pub async fn unsubscribe(state: &AppState, token: &str) -> store::Result<bool> {
    let Some(user) = verify(&state.store, token).await? else {
        return Ok(false);
    };
    state.store.refuse_advertising(user).await
}

/// The paragraphs of a newsletter's text: split at blank lines, each trimmed.
fn paragraphs(body: &str) -> Vec<String> {
    body.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The job that queues a newsletter's emails.
pub async fn send_job(state: &AppState, payload: &str) -> anyhow::Result<()> {
    #[derive(serde::Deserialize)]
    struct Payload {
        newsletter_id: NewsletterId,
    }
    let p: Payload = serde_json::from_str(payload)?;
    queue_newsletter(state, p.newsletter_id, BATCH).await
}

/// Queues a newsletter's emails `batch` at a time, from where it stopped, each in its
/// recipient's language, paced [`PACE_MS`] apart.
pub async fn queue_newsletter(
    state: &AppState,
    id: NewsletterId,
    batch: i64,
) -> anyhow::Result<()> {
    let key = key(&state.store).await?;
    let mut next_at = store::now_ms();
    loop {
        let n = state.store.newsletter(id).await?;
        if n.finished_at.is_some() {
            return Ok(());
        }
        let people = state
            .store
            .newsletter_recipients(n.is_legal(), n.last_user_id, batch)
            .await?;
        let mut mails = Vec::with_capacity(people.len());
        for person in &people {
            mails.push((person.id, compose(state, &key, &n, person)?));
        }
        let count = i64::try_from(people.len()).unwrap_or(i64::MAX);
        let finished = count < batch;
        if !state
            .store
            .queue_newsletter_batch(n.id, n.last_user_id, &mails, finished, next_at, PACE_MS)
            .await?
        {
            // Another worker moved the cursor first; read where it stands now.
            continue;
        }
        next_at += count * PACE_MS;
        if finished {
            return Ok(());
        }
    }
}

fn compose(
    state: &AppState,
    key: &[u8],
    n: &NewsletterRow,
    person: &store::Recipient,
) -> anyhow::Result<NewMail> {
    let tr = Tr::new(Locale::parse(&person.locale).unwrap_or_default());
    let (subject, body) = match tr.locale {
        Locale::Ru => (&n.subject_ru, &n.body_ru),
        Locale::En => (&n.subject_en, &n.body_en),
    };
    // An announcement of a legal document is informational: no unsubscribe, and its button
    // leads to the new version.
    let (unsubscribe, action) = match &n.link {
        Some(link) if n.is_legal() => (
            None,
            Some((tr.t("legal-mail-read"), state.settings.link(link))),
        ),
        _ => {
            let token = token_with(key, person.id);
            let unsubscribe = state.settings.link(&format!("/unsubscribe/{token}"));
            (Some(unsubscribe), None)
        }
    };
    Compose {
        unsubscribe,
        tr,
        to: &person.email,
        user: Some(person.id),
        sender: None,
        first_name: &person.first_name,
        subject: subject.clone(),
        lines: paragraphs(body),
        action,
    }
    .render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newsletter_is_split_into_paragraphs_at_blank_lines() {
        assert_eq!(
            paragraphs("Hello!\r\n\r\nNew designs\nare here.\n\n\n  \n\nBye "),
            vec!["Hello!", "New designs\nare here.", "Bye"]
        );
    }

    #[test]
    fn a_tag_made_with_another_key_or_for_another_person_does_not_verify() {
        let user = UserId::new();
        let other = UserId::new();
        let tag = mac(b"key-one", user);
        assert_eq!(tag, mac(b"key-one", user));
        assert_ne!(tag, mac(b"key-two", user));
        assert_ne!(tag, mac(b"key-one", other));
    }
}
