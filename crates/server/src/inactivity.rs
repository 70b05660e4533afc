//! Deleting accounts not used for a long time (User Agreement 3.9.1): a daily job sends each
//! notice of the coming deletion by email (30 and 7 days before, by default), then deletes the
//! account as its owner would ([`crate::deletion`]). A sign-in or API use starts the count
//! again; administrators and the admins of a workspace with a plan in force (paid, or granted
//! by an administrator) are never deleted. A notice sent late moves the date on, so the last notice always comes its full
//! number of days before. Every notice and deletion is logged.

use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::state::AppState;
use domain::Locale;
use domain::job::JobKind;
use store::{Inactive, NewJob, Store};

const DAY_MS: i64 = 86_400_000;

/// How many people one pass looks at; a full pass runs again a minute later.
const BATCH: i64 = 500;

/// Makes sure the daily job is waiting.
pub async fn schedule(store: &Store) -> Result<(), store::StoreError> {
    let mut job = NewJob::new(JobKind::ForgetInactive, serde_json::json!({}));
    job.run_at = store::now_ms() + DAY_MS;
    store.ensure_job(&job).await?;
    Ok(())
}

/// What one pass did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub noticed: usize,
    pub deleted: usize,
    /// People whose notice or deletion failed (logged; tried again at the next pass).
    pub failed: usize,
    /// The batch was full and something was done: more may be due.
    pub more: bool,
}

/// What is due for one person at `now`: a notice (its number and the deletion date it
/// gives), the deletion, or nothing yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Due {
    Notice { number: i32, deletes_at: i64 },
    Deletion,
    Nothing,
}

fn due(p: &Inactive, now: i64, period_ms: i64, leads_ms: &[i64]) -> Due {
    let deletes_at = p.deletes_at.unwrap_or(p.active_at + period_ms);
    let sent = usize::try_from(p.notices).unwrap_or(0);
    match leads_ms.get(sent) {
        Some(&lead) if now >= deletes_at - lead => Due::Notice {
            number: p.notices + 1,
            deletes_at: deletes_at.max(now + lead),
        },
        Some(_) => Due::Nothing,
        None if now >= deletes_at => Due::Deletion,
        None => Due::Nothing,
    }
}

/// One pass at `now`: the notices and deletions due, the longest unused first. A failure
/// for one person is logged and the pass goes on.
pub async fn pass(state: &AppState, now: i64) -> Result<Pass, AppError> {
    let days = i64::from(state.settings.inactive_days);
    if days == 0 {
        return Ok(Pass::default());
    }
    let period_ms = days * DAY_MS;
    let leads_ms: Vec<i64> = state
        .settings
        .inactive_notice_days
        .iter()
        .map(|&d| i64::from(d) * DAY_MS)
        .collect();
    let people = state
        .store
        .inactive_people(now, period_ms, &leads_ms, BATCH)
        .await?;
    let mut done = Pass::default();
    for p in &people {
        match act(state, p, due(p, now, period_ms, &leads_ms), now).await {
            Ok(Due::Notice { number, deletes_at }) => {
                tracing::info!(user = %p.id, number, deletes_at, "inactivity notice sent");
                done.noticed += 1;
            }
            Ok(Due::Deletion) => {
                tracing::info!(user = %p.id, active_at = p.active_at, "account deleted after inactivity");
                done.deleted += 1;
            }
            Ok(Due::Nothing) => {}
            Err(e) => {
                tracing::warn!(user = %p.id, error = ?e, "inactivity: this person's step failed");
                done.failed += 1;
            }
        }
    }
    done.more = people.len() as i64 == BATCH && done.noticed + done.deleted > 0;
    Ok(done)
}

/// Does what is due for `p`: answers what was done (`Nothing` when they used the account
/// meanwhile or another pass did it).
async fn act(state: &AppState, p: &Inactive, due: Due, now: i64) -> Result<Due, AppError> {
    match due {
        Due::Notice { number, deletes_at } => {
            // The notice and its email: one unit of work.
            let mail = notice(state, p, deletes_at)?;
            let mut tx = state.store.begin().await?;
            if !tx
                .conn()
                .inactivity_noticed(p.id, number, deletes_at, p.active_at)
                .await?
            {
                return Ok(Due::Nothing);
            }
            tx.conn().enqueue_mail(&mail).await?;
            tx.commit().await?;
            Ok(due)
        }
        Due::Deletion => {
            let check = crate::deletion::StillInactive {
                active_at: p.active_at,
                notices: p.notices,
                now,
            };
            Ok(
                if crate::deletion::delete_inactive(state, p.id, check).await? {
                    Due::Deletion
                } else {
                    Due::Nothing
                },
            )
        }
        Due::Nothing => Ok(Due::Nothing),
    }
}

/// The notice: when the account goes, and how to keep it.
fn notice(state: &AppState, p: &Inactive, deletes_at: i64) -> Result<store::NewMail, AppError> {
    let tr = Tr::new(Locale::parse(&p.locale).unwrap_or_default());
    let date = tr.datetime(deletes_at, &p.time_zone);
    let last = tr.datetime(p.active_at, &p.time_zone);
    Ok(Compose {
        tr,
        to: &p.email,
        user: Some(p.id),
        sender: None,
        first_name: &p.first_name,
        subject: tr.ts("mail-inactive-subject", "date", &date),
        lines: vec![
            tr.args(
                "mail-inactive-body",
                &[("date", date.clone().into()), ("last", last.into())],
            ),
            tr.t("mail-inactive-keep"),
        ],
        action: Some((
            tr.t("mail-inactive-sign-in"),
            state.settings.link("/signin"),
        )),
        unsubscribe: None,
    }
    .render()?)
}

/// The daily job: one pass now, then the next (in a minute when the batch was full).
pub async fn job(state: &AppState) -> anyhow::Result<()> {
    let done = pass(state, store::now_ms())
        .await
        .map_err(|e| anyhow::anyhow!("inactivity: {e:?}"))?;
    if done.noticed + done.deleted + done.failed > 0 {
        tracing::info!(
            noticed = done.noticed,
            deleted = done.deleted,
            failed = done.failed,
            "inactivity pass"
        );
    }
    let mut next = NewJob::new(JobKind::ForgetInactive, serde_json::json!({}));
    next.run_at = store::now_ms() + if done.more { 60_000 } else { DAY_MS };
    state.store.enqueue_job(&next).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(active_at: i64, notices: i32, deletes_at: Option<i64>) -> Inactive {
        Inactive {
            id: domain::UserId::new(),
            email: "ann@example.org".into(),
            first_name: "Ann".into(),
            locale: "en".into(),
            time_zone: "UTC".into(),
            active_at,
            notices,
            deletes_at,
        }
    }

    const PERIOD: i64 = 730 * DAY_MS;
    const LEADS: [i64; 2] = [30 * DAY_MS, 7 * DAY_MS];

    #[test]
    fn notices_come_their_days_before_and_the_deletion_only_after_the_last() {
        let deadline = PERIOD;
        // 31 days before: nothing; 30 days before: the first notice, for the deadline.
        assert_eq!(
            due(&person(0, 0, None), deadline - 31 * DAY_MS, PERIOD, &LEADS),
            Due::Nothing
        );
        assert_eq!(
            due(&person(0, 0, None), deadline - 30 * DAY_MS, PERIOD, &LEADS),
            Due::Notice {
                number: 1,
                deletes_at: deadline
            }
        );
        // The second at 7 days before; the deletion at the deadline, not before.
        let once = person(0, 1, Some(deadline));
        assert_eq!(
            due(&once, deadline - 8 * DAY_MS, PERIOD, &LEADS),
            Due::Nothing
        );
        assert_eq!(
            due(&once, deadline - 7 * DAY_MS, PERIOD, &LEADS),
            Due::Notice {
                number: 2,
                deletes_at: deadline
            }
        );
        let twice = person(0, 2, Some(deadline));
        assert_eq!(due(&twice, deadline - 1, PERIOD, &LEADS), Due::Nothing);
        assert_eq!(due(&twice, deadline, PERIOD, &LEADS), Due::Deletion);
    }

    #[test]
    fn a_notice_sent_late_moves_the_date_so_each_comes_its_full_days_before() {
        // The first pass finds someone already past the deadline: 30 days from now.
        let now = PERIOD + 100 * DAY_MS;
        assert_eq!(
            due(&person(0, 0, None), now, PERIOD, &LEADS),
            Due::Notice {
                number: 1,
                deletes_at: now + 30 * DAY_MS
            }
        );
        // Without notices configured the deletion comes at the deadline.
        assert_eq!(due(&person(0, 0, None), PERIOD, PERIOD, &[]), Due::Deletion);
    }
}
