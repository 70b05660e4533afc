//! Telling people: every notification is shown in the app; by email it goes at once, in a
//! daily digest, or not at all, as each person chose on their account page.

use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::state::AppState;
use store::{NewJob, Notification, Store, User};

/// What people can choose.
pub const CHOICES: [&str; 3] = ["instant", "daily", "off"];

/// The job that sends the daily digests (and schedules the next one).
pub const DIGEST_JOB: domain::job::JobKind = domain::job::JobKind::SendDigests;

const DAY_MS: i64 = 86_400_000;

/// A notification as a sentence in `tr`'s language.
pub fn text(tr: &Tr, n: &Notification) -> String {
    // The note is a moderator's reason for publication news, the sender's name otherwise.
    tr.args(
        &format!("notification-{}", n.kind.replace('_', "-")),
        &[
            ("title", n.subject.clone().into()),
            ("name", n.note.clone().into()),
        ],
    )
}

/// Queues `mail` for `to` now if they want emails at once; otherwise their digest (or
/// nothing) covers it.
pub async fn email(state: &AppState, to: &User, mail: Compose<'_>) -> Result<(), AppError> {
    let mut tx = state.store.begin().await?;
    email_in(&mut tx.conn(), to, mail).await?;
    Ok(tx.commit().await?)
}

/// [`email`] inside a use case's unit of work.
pub async fn email_in(
    conn: &mut store::Conn<'_>,
    to: &User,
    mail: Compose<'_>,
) -> Result<(), AppError> {
    if to.email_notifications == "instant" {
        conn.enqueue_mail(&mail.render()?).await?;
    }
    Ok(())
}

/// Saves a person's choice.
/// Someone's notifications, newest first (at most `limit`).
pub async fn inbox(
    state: &AppState,
    user: &User,
    limit: i64,
) -> Result<Vec<store::Notification>, AppError> {
    Ok(state.store.notifications(user.id, limit).await?)
}

/// Marks all of someone's notifications read.
pub async fn read_all(state: &AppState, user: &User) -> Result<(), AppError> {
    Ok(state.store.read_notifications(user.id).await?)
}

/// What one person did that another hears of (see [`tell`]).
pub struct Deed<'a> {
    /// The notification's kind, e.g. `comment_mention`.
    pub kind: &'a str,
    /// What it is about: a session's or a method's title.
    pub title: &'a str,
    /// Where to read more: a path in the app.
    pub link: &'a str,
    /// The email's messages: `mail-{mail}-subject`, `mail-{mail}-body` (both with `name` and
    /// `title`) and `mail-{mail}-open` (the button).
    pub mail: &'a str,
    /// The email's line after the body, in the reader's language.
    pub more: &'a (dyn Fn(&Tr) -> String + Sync),
}

/// Tells `to` of what `from` did, inside a use case's unit of work: a notification in the app
/// (gone with `from` if they are deleted) and an email as `to` chose, in their language.
pub async fn tell(
    state: &AppState,
    conn: &mut store::Conn<'_>,
    from: &User,
    to: &User,
    deed: Deed<'_>,
) -> Result<(), AppError> {
    let name = from.full_name();
    conn.notify(&store::Notice {
        user: to.id,
        kind: deed.kind,
        subject: deed.title,
        note: &name,
        link: deed.link,
        actor: Some(from.id),
    })
    .await?;
    let tr = Tr::new(to.locale());
    let args = [
        ("name", name.clone().into()),
        ("title", deed.title.to_owned().into()),
    ];
    let mail = Compose {
        unsubscribe: None,
        tr,
        to: &to.email,
        user: Some(to.id),
        sender: Some(from.id),
        first_name: &to.first_name,
        subject: tr.args(&format!("mail-{}-subject", deed.mail), &args),
        lines: vec![
            tr.args(&format!("mail-{}-body", deed.mail), &args),
            (deed.more)(&tr),
        ],
        action: Some((
            tr.t(&format!("mail-{}-open", deed.mail)),
            state.settings.link(deed.link),
        )),
    };
    email_in(conn, to, mail).await
}

/// Saves how notifications reach `user` by email, and whether they hear of others' public
/// activity (new publications by authors whose methods they selected).
pub async fn choose(
    state: &AppState,
    user: &User,
    choice: &str,
    public_activity: bool,
) -> Result<(), AppError> {
    if !CHOICES.contains(&choice) {
        return Err(AppError::BadRequest(format!(
            "email_notifications is instant, daily or off, not {choice:?}"
        )));
    }
    state.store.set_email_notifications(user.id, choice).await?;
    Ok(state
        .store
        .set_public_activity(user.id, public_activity)
        .await?)
}

/// Makes sure the digest job is waiting; it runs a day after it is first scheduled and then
/// every day.
pub async fn schedule_digests(store: &Store) -> Result<(), store::StoreError> {
    let mut job = NewJob::new(DIGEST_JOB, serde_json::json!({}));
    job.run_at = store::now_ms() + DAY_MS;
    store.ensure_job(&job).await?;
    Ok(())
}

/// Sends each person who chose the daily digest one email with their notifications since the
/// last one. Returns how many digests were queued.
pub async fn send_digests(state: &AppState) -> Result<usize, AppError> {
    let until = store::now_ms();
    let due = state.store.digests_due(until).await?;
    for (user, items) in &due {
        let to = state.store.user(*user).await?;
        let tr = Tr::new(to.locale());
        let mut lines = vec![tr.tn("mail-digest-body", "count", items.len() as i64)];
        lines.extend(
            items
                .iter()
                .map(|n| format!("• {} {}", text(&tr, n), state.settings.link(&n.link))),
        );
        let mail = Compose {
            unsubscribe: None,
            tr,
            to: &to.email,
            user: Some(to.id),
            sender: None,
            first_name: &to.first_name,
            subject: tr.tn("mail-digest-subject", "count", items.len() as i64),
            lines,
            action: Some((
                tr.t("mail-digest-open"),
                state.settings.link("/notifications"),
            )),
        }
        .render()?;
        state.store.enqueue_mail(&mail).await?;
        state.store.digest_sent(*user, until).await?;
    }
    Ok(due.len())
}

/// The digest job: today's digests, then tomorrow's job.
pub async fn digest_job(state: &AppState) -> anyhow::Result<()> {
    send_digests(state)
        .await
        .map_err(|e| anyhow::anyhow!("digest: {e:?}"))?;
    let mut next = NewJob::new(DIGEST_JOB, serde_json::json!({}));
    next.run_at = store::now_ms() + DAY_MS;
    state.store.enqueue_job(&next).await?;
    Ok(())
}
