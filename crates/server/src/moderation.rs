//! Administrators' actions on accounts (User Agreement 6.3, 6.4, 6.6): block and unblock,
//! restrict features for a while or until lifted, make and unmake administrators. Each needs a
//! reason, goes into the audit log in the same transaction, and tells the person by email in
//! their language (a block and an unblock always; a restriction when the administrator writes
//! them a message). Also the checks the features make before they act for someone.

use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::state::AppState;
use domain::FieldError;
use domain::moderation::Restriction;
use store::User;

/// The longest reason or message an administrator writes.
const MAX_TEXT: usize = 2000;

/// The longest restriction with an end, in days.
pub const MAX_DAYS: i64 = 3650;

/// What an administrator types for an action: why, and what to tell the person.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Why {
    #[serde(default)]
    pub reason: String,
    /// Written to the person in the email, beside the reason.
    #[serde(default)]
    pub message: String,
}

impl Why {
    /// The reason and the message, trimmed; the reason is required.
    pub fn checked(&self) -> Result<(String, String), AppError> {
        let reason = self.reason.trim();
        let message = self.message.trim();
        let mut errors = Vec::new();
        if reason.is_empty() {
            errors.push(("reason", FieldError::Required));
        } else if reason.chars().count() > MAX_TEXT {
            errors.push(("reason", FieldError::TooLong { max: MAX_TEXT }));
        }
        if message.chars().count() > MAX_TEXT {
            errors.push(("message", FieldError::TooLong { max: MAX_TEXT }));
        }
        if errors.is_empty() {
            Ok((reason.to_owned(), message.to_owned()))
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

/// Refuses what `user` may not do now: a feature an administrator took from them.
pub async fn allowed(state: &AppState, user: &User, kind: Restriction) -> Result<(), AppError> {
    match state.store.restriction(user.id, kind).await? {
        Some(_) => Err(AppError::Restricted(kind)),
        None => Ok(()),
    }
}

/// The email that tells `person` of an action: `what` names its subject and first line, the
/// reason follows, then the administrator's message when there is one.
fn tell(
    state: &AppState,
    person: &User,
    what: &str,
    reason: &str,
    message: &str,
    extra: Option<String>,
) -> Result<store::NewMail, AppError> {
    let tr = Tr::new(person.locale());
    let site = state.settings.public_url.as_str().trim_end_matches('/');
    let mut lines = vec![tr.ts(&format!("mail-{what}-body"), "site", site)];
    lines.extend(extra);
    lines.push(tr.ts("mail-moderation-reason", "reason", reason));
    if !message.is_empty() {
        lines.push(tr.ts("mail-moderation-message", "message", message));
    }
    lines.push(tr.ts(
        &format!("mail-{what}-contact"),
        "email",
        &state.settings.mail_from,
    ));
    Ok(Compose {
        tr,
        to: &person.email,
        user: Some(person.id),
        sender: None,
        first_name: &person.first_name,
        subject: tr.ts(&format!("mail-{what}-subject"), "site", site),
        lines,
        action: None,
        unsubscribe: None,
    }
    .render()?)
}

/// Blocks `person`; with `hide_content` their public methods and designs are withheld until
/// they are unblocked. Returns how many were withheld.
pub async fn block(
    state: &AppState,
    by: Option<&User>,
    person: &User,
    why: &Why,
    hide_content: bool,
) -> Result<u64, AppError> {
    let (reason, message) = why.checked()?;
    let mail = tell(state, person, "blocked", &reason, &message, None)?;
    let withheld = state
        .store
        .block_user(&store::Block {
            user: person.id,
            by: by.map(|u| u.id),
            reason: &reason,
            hide_content,
            mail: Some(mail),
        })
        .await?;
    tracing::info!(user = %person.id, by = ?by.map(|u| u.id), withheld, "account blocked");
    Ok(withheld)
}

/// Unblocks `person`, and shows again what their block withheld.
pub async fn unblock(
    state: &AppState,
    by: Option<&User>,
    person: &User,
    why: &Why,
) -> Result<u64, AppError> {
    let (reason, message) = why.checked()?;
    let mail = tell(state, person, "unblocked", &reason, &message, None)?;
    let shown = state
        .store
        .unblock_user(person.id, by.map(|u| u.id), &reason, Some(&mail))
        .await?;
    tracing::info!(user = %person.id, by = ?by.map(|u| u.id), shown, "account unblocked");
    Ok(shown)
}

/// What an administrator chose to take from someone.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RestrictInput {
    #[serde(default)]
    pub publish: Option<String>,
    #[serde(default)]
    pub public_links: Option<String>,
    #[serde(default)]
    pub invite: Option<String>,
    /// For how many days; empty until lifted.
    #[serde(default)]
    pub days: String,
    #[serde(flatten)]
    pub why: Why,
}

impl RestrictInput {
    pub fn kinds(&self) -> Vec<Restriction> {
        [
            (&self.publish, Restriction::Publish),
            (&self.public_links, Restriction::PublicLinks),
            (&self.invite, Restriction::Invite),
        ]
        .into_iter()
        .filter(|(on, _)| on.is_some())
        .map(|(_, kind)| kind)
        .collect()
    }
}

/// Takes the chosen features from `person` for the chosen days (or until lifted).
pub async fn restrict(
    state: &AppState,
    by: &User,
    person: &User,
    input: &RestrictInput,
) -> Result<(), AppError> {
    let kinds = input.kinds();
    let mut errors = Vec::new();
    let days = match input.days.trim() {
        "" => None,
        typed => match typed.parse::<i64>() {
            Ok(d) if (1..=MAX_DAYS).contains(&d) => Some(d),
            _ => {
                errors.push((
                    "days",
                    FieldError::Days {
                        max_days: MAX_DAYS as usize,
                    },
                ));
                None
            }
        },
    };
    if kinds.is_empty() {
        errors.push(("kinds", FieldError::Required));
    }
    // The reason and the message are checked with the rest, so every mistake shows at once.
    let checked = input.why.checked();
    if let Err(AppError::Validation(list)) = &checked {
        errors.extend(list.iter().cloned());
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (reason, message) = checked?;
    let until = days.map(|d| store::now_ms() + d * 86_400_000);
    // The person hears of it when the administrator wrote them something.
    let mail = if message.is_empty() {
        None
    } else {
        let tr = Tr::new(person.locale());
        let names: Vec<String> = kinds
            .iter()
            .map(|k| tr.t(&format!("restriction-{}", k.as_str().replace('_', "-"))))
            .collect();
        let extra = tr.ts("mail-restricted-what", "what", &names.join(", "));
        let extra = match until {
            Some(at) => format!(
                "{extra} {}",
                tr.ts(
                    "mail-restricted-until",
                    "date",
                    &tr.datetime(at, &person.time_zone)
                )
            ),
            None => extra,
        };
        Some(tell(
            state,
            person,
            "restricted",
            &reason,
            &message,
            Some(extra),
        )?)
    };
    state
        .store
        .restrict_user(&store::Restrict {
            user: person.id,
            by: Some(by.id),
            kinds: &kinds,
            until,
            reason: &reason,
            mail,
        })
        .await?;
    Ok(())
}

/// Gives `person` back a feature.
pub async fn lift(
    state: &AppState,
    by: &User,
    person: &User,
    kind: Restriction,
    why: &Why,
) -> Result<(), AppError> {
    let (reason, _) = why.checked()?;
    state
        .store
        .lift_restriction(person.id, kind, Some(by.id), &reason)
        .await?;
    Ok(())
}

/// Makes `person` an administrator, or an ordinary account.
pub async fn set_admin(
    state: &AppState,
    by: Option<&User>,
    person: &User,
    is_admin: bool,
    why: &Why,
) -> Result<(), AppError> {
    let (reason, _) = why.checked()?;
    state
        .store
        .set_admin_by(person.id, is_admin, by.map(|u| u.id), &reason)
        .await?;
    tracing::info!(user = %person.id, by = ?by.map(|u| u.id), is_admin, "administrator role changed");
    Ok(())
}

/// Records in the audit log an administrator's action whose use case keeps its own history
/// too (a plan granted, a refund, an invoice paid, a newsletter, a legal document published).
pub async fn record(
    state: &AppState,
    by: Option<&User>,
    action: domain::moderation::AuditAction,
    subject_kind: &'static str,
    subject_id: Option<uuid::Uuid>,
    reason: &str,
) -> Result<(), AppError> {
    state
        .store
        .audit(&store::NewAudit {
            actor: by.map(|u| u.id),
            action,
            subject_kind,
            subject_id,
            reason,
            details: serde_json::json!({}),
        })
        .await?;
    Ok(())
}
