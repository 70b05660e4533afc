//! Copyright notices and counter-notices (User Agreement 4.10). Anyone, signed in or not,
//! sends a notice about material on the service (a public method or design, or a session's
//! public link) with what the agreement asks: the work and its copyright details, the
//! material's address, their name, email and phone, and the good-faith and accuracy
//! statements. It lands in the reports queue as a report of category `copyright`. Removing the
//! material tells its owner, who may answer with a counter-notice from their account; its
//! sender hears of it, and an administrator restores the material or keeps it removed, both
//! sides told.

use crate::auth::throttle;
use crate::auth::{Viewer, hash_secret};
use crate::error::AppError;
use crate::moderation::Why;
use crate::reports::Addressee;
use crate::state::AppState;
use domain::moderation::{ReportCategory, Reported};
use domain::{Email, FieldError, MethodId, Phone, ReportId, TemplateId};
use store::User;

/// The longest description of the work, and of a counter-notice's statement.
pub const MAX_TEXT: usize = 4000;
/// The longest name.
const MAX_NAME: usize = 200;
/// The longest address of the material.
const MAX_URL: usize = 2000;

/// What a notice's sender types.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct NoticeInput {
    #[serde(default)]
    pub material_url: String,
    #[serde(default)]
    pub work: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// "I believe in good faith that the use is not authorised."
    #[serde(default, deserialize_with = "crate::forms::checkbox")]
    pub good_faith: bool,
    /// "The notice is accurate, and I hold the rights or may act for who does."
    #[serde(default, deserialize_with = "crate::forms::checkbox")]
    pub accurate: bool,
}

/// What the owner of removed material types to answer.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CounterInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub statement: String,
    /// "I believe in good faith that the material was removed by mistake or misidentification."
    #[serde(default, deserialize_with = "crate::forms::checkbox")]
    pub good_faith: bool,
    /// "My name and contact details may be given to the notice's sender."
    #[serde(default, deserialize_with = "crate::forms::checkbox")]
    pub disclose: bool,
}

/// A required text of at most `max` characters, trimmed.
fn required(
    errors: &mut Vec<(&'static str, FieldError)>,
    field: &'static str,
    value: &str,
    max: usize,
) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.push((field, FieldError::Required));
    } else if value.chars().count() > max {
        errors.push((field, FieldError::TooLong { max }));
    }
    value.to_owned()
}

/// A box that must be ticked.
fn ticked(errors: &mut Vec<(&'static str, FieldError)>, field: &'static str, value: bool) {
    if !value {
        errors.push((field, FieldError::Required));
    }
}

/// The contact details both forms ask for: a name, an email address and a phone number.
fn contact(
    errors: &mut Vec<(&'static str, FieldError)>,
    name: &str,
    email: &str,
    phone: &str,
) -> (String, String, String) {
    let name = required(errors, "name", name, MAX_NAME);
    let email = match Email::parse(email) {
        Ok(e) => e.as_str().to_owned(),
        Err(e) => {
            errors.push(("email", e));
            String::new()
        }
    };
    let phone = match Phone::parse_optional(phone) {
        Ok(Some(p)) => p.as_str().to_owned(),
        Ok(None) => {
            errors.push(("phone", FieldError::Required));
            String::new()
        }
        Err(e) => {
            errors.push(("phone", e));
            String::new()
        }
    };
    (name, email, phone)
}

/// The material an address on this service leads to: a method's or design's page in the
/// library, or a public link's page. `None` for anything else, or another site's address.
pub async fn material(state: &AppState, address: &str) -> Result<Option<Reported>, AppError> {
    let address = address.trim();
    let path = if address.starts_with('/') {
        address.to_owned()
    } else {
        match url::Url::parse(address) {
            Ok(u) if u.origin() == state.settings.public_url.origin() => u.path().to_owned(),
            _ => return Ok(None),
        }
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    Ok(match parts.as_slice() {
        ["library", "methods", id, ..] => id.parse().ok().map(|id| Reported::Method(MethodId(id))),
        ["library", "designs", id, ..] => {
            id.parse().ok().map(|id| Reported::Template(TemplateId(id)))
        }
        ["p", secret, ..] => match state.store.link_by_token(&hash_secret(secret)).await {
            Ok(link) => Some(Reported::Link(link.id)),
            Err(store::StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        _ => None,
    })
}

/// Files a copyright notice from `viewer`. Counted against [`throttle::REPORT_PER_IP`], like
/// any report.
pub async fn file_notice(
    state: &AppState,
    viewer: &Viewer,
    input: &NoticeInput,
) -> Result<ReportId, AppError> {
    let mut errors = Vec::new();
    let address = input.material_url.trim();
    let target = if address.chars().count() > MAX_URL {
        errors.push(("material_url", FieldError::TooLong { max: MAX_URL }));
        None
    } else {
        material(state, address).await?
    };
    if address.is_empty() {
        errors.push(("material_url", FieldError::Required));
    } else if target.is_none() && errors.is_empty() {
        errors.push(("material_url", FieldError::NotPublicMaterial));
    }
    let work = required(&mut errors, "work", &input.work, MAX_TEXT);
    let (name, email, phone) = contact(&mut errors, &input.name, &input.email, &input.phone);
    ticked(&mut errors, "good_faith", input.good_faith);
    ticked(&mut errors, "accurate", input.accurate);
    let Some(target) = target.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    throttle::REPORT_PER_IP
        .hit(state, &viewer.client.ip)
        .await?;
    // The material as the service names it: a link's secret is never kept.
    let material_url = match target {
        Reported::Method(id) => format!("/library/methods/{id}"),
        Reported::Template(id) => format!("/library/designs/{id}"),
        Reported::Link(id) => format!("/p/… (link {id})"),
    };
    // The sender is who the notice names, written to at the address it gives, whether or not
    // they are signed in: the notice is not their account's.
    let filed = state
        .store
        .file_copyright_notice(
            &store::NewReport {
                target,
                category: ReportCategory::Copyright,
                body: &work,
                reporter: None,
                reporter_email: &email,
                reporter_locale: viewer.tr.lang(),
            },
            &store::NewNotice {
                work: &work,
                material_url: &material_url,
                name: &name,
                email: &email,
                phone: &phone,
            },
        )
        .await;
    match filed {
        Ok(id) => {
            tracing::info!(report = %id, kind = target.kind(), "copyright notice filed");
            Ok(id)
        }
        // Public a moment ago, not any more.
        Err(store::StoreError::NotFound) => Err(AppError::Validation(vec![(
            "material_url",
            FieldError::NotPublicMaterial,
        )])),
        Err(e) => Err(e.into()),
    }
}

/// What a counter-notice answers: the notice and the removed material, for its owner only.
/// `NotFound` for anyone else, and for a report that is not a notice acted on.
pub async fn answerable(
    state: &AppState,
    user: &User,
    id: ReportId,
) -> Result<(store::ReportRow, store::NoticeRow), AppError> {
    let report = state.store.report(id).await?;
    let notice = state
        .store
        .copyright_notice(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if report.owner_id != Some(user.id) || report.status != "actioned" {
        return Err(AppError::NotFound);
    }
    Ok((report, notice))
}

/// Files `user`'s counter-notice to notice `id`; the notice's sender is told, with the
/// counter-notice's name, contact details and statement.
pub async fn file_counter(
    state: &AppState,
    user: &User,
    viewer: &Viewer,
    id: ReportId,
    input: &CounterInput,
) -> Result<(), AppError> {
    let (report, _) = answerable(state, user, id).await?;
    let mut errors = Vec::new();
    let (name, email, phone) = contact(&mut errors, &input.name, &input.email, &input.phone);
    let statement = required(&mut errors, "statement", &input.statement, MAX_TEXT);
    ticked(&mut errors, "good_faith", input.good_faith);
    ticked(&mut errors, "disclose", input.disclose);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let title = report.title.clone().unwrap_or_default();
    let mut mails = Vec::new();
    if let Some(to) = Addressee::reporter(state, &report).await? {
        let tr = to.tr;
        let extra = [
            tr.args(
                "mail-counter-filed-from",
                &[
                    ("name", name.clone().into()),
                    ("email", email.clone().into()),
                    ("phone", phone.clone().into()),
                ],
            ),
            tr.ts("mail-counter-filed-statement", "statement", &statement),
        ];
        mails.push(to.mail_with(state, "counter-filed", &title, None, &extra)?);
    }
    state
        .store
        .file_counter_notice(
            id,
            &store::NewCounter {
                user: user.id,
                name: &name,
                email: &email,
                phone: &phone,
                statement: &statement,
                locale: viewer.tr.lang(),
            },
            &mails,
        )
        .await?;
    tracing::info!(report = %id, "counter-notice filed");
    Ok(())
}

/// Decides the counter-notice to notice `id` with `why`'s reason: `restore` puts the material
/// back, otherwise it stays removed. Its owner and the notice's sender are told.
pub async fn decide(
    state: &AppState,
    admin: &User,
    id: ReportId,
    restore: bool,
    why: &Why,
) -> Result<(), AppError> {
    let (reason, _) = why.checked()?;
    let report = state.store.report(id).await?;
    let counter = state
        .store
        .counter_notice(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = report.title.clone().unwrap_or_default();
    let outcome = if restore { "restored" } else { "upheld" };
    let mut mails = Vec::new();
    if let Some(owner) = counter.user_id {
        match state.store.user(owner).await {
            Ok(u) => mails.push(Addressee::of(&u).mail(
                state,
                &format!("counter-{outcome}"),
                &title,
                &reason,
            )?),
            Err(store::StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(to) = Addressee::reporter(state, &report).await? {
        mails.push(to.mail(state, &format!("notice-{outcome}"), &title, &reason)?);
    }
    match state
        .store
        .decide_counter_notice(id, admin.id, restore, &reason, &mails)
        .await
    {
        // The counter-notice is there; what cannot come back is the material.
        Err(store::StoreError::NotFound) if restore => Err(AppError::Conflict("not_restorable")),
        other => Ok(other?),
    }
}
