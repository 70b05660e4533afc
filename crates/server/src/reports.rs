//! Reports of public content (User Agreement 4.2, 4.9) and what administrators do about them.
//! Anyone reports a public method or design, or the page of a session's public link, with a
//! category and a text (a signed-out reporter leaves an address); an administrator removes the
//! content (its owner is told, with the reason, and every reporter of it) or dismisses the
//! report (its reporter is told); removed content can be put back for 30 days.

use crate::auth::Viewer;
use crate::auth::throttle;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::moderation::Why;
use crate::state::AppState;
use domain::moderation::{ReportCategory, Reported};
use domain::{Email, FieldError, Locale, ReportId};
use store::{NewMail, ReportRow, User};

/// The longest report text.
pub const MAX_BODY: usize = 4000;

/// What a reporter types.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ReportInput {
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub body: String,
    /// A signed-out reporter's address, where they hear what became of it.
    #[serde(default)]
    pub email: String,
}

/// Files a report about `target` from `viewer`. Counted per address against
/// [`throttle::REPORT_PER_IP`]; `NotFound` when the target is not public.
pub async fn file(
    state: &AppState,
    viewer: &Viewer,
    target: Reported,
    input: &ReportInput,
) -> Result<ReportId, AppError> {
    let mut errors = Vec::new();
    let category = ReportCategory::parse(&input.category);
    if category.is_none() {
        errors.push(("category", FieldError::Required));
    }
    let body = input.body.trim();
    if body.is_empty() {
        errors.push(("body", FieldError::Required));
    } else if body.chars().count() > MAX_BODY {
        errors.push(("body", FieldError::TooLong { max: MAX_BODY }));
    }
    let email = match (&viewer.user, input.email.trim()) {
        (Some(_), _) => String::new(),
        (None, "") => {
            errors.push(("email", FieldError::Required));
            String::new()
        }
        (None, typed) => match Email::parse(typed) {
            Ok(e) => e.as_str().to_owned(),
            Err(e) => {
                errors.push(("email", e));
                String::new()
            }
        },
    };
    let Some(category) = category.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    throttle::REPORT_PER_IP
        .hit(state, &viewer.client.ip)
        .await?;
    let id = state
        .store
        .file_report(&store::NewReport {
            target,
            category,
            body,
            reporter: viewer.user.as_ref().map(|u| u.id),
            reporter_email: &email,
            reporter_locale: viewer.tr.lang(),
        })
        .await?;
    tracing::info!(report = %id, kind = target.kind(), "content reported");
    Ok(id)
}

/// Where and how to write to `person`: their address, language and first name.
pub(crate) struct Addressee {
    email: String,
    pub(crate) tr: Tr,
    first_name: String,
    user: Option<domain::UserId>,
}

impl Addressee {
    pub(crate) fn of(user: &User) -> Self {
        Self {
            email: user.email.clone(),
            tr: Tr::new(user.locale()),
            first_name: user.first_name.clone(),
            user: Some(user.id),
        }
    }

    /// A report's reporter: their account, or the address they left; `None` when there is
    /// neither any more.
    pub(crate) async fn reporter(
        state: &AppState,
        r: &ReportRow,
    ) -> Result<Option<Self>, AppError> {
        if let Some(id) = r.reporter_id {
            return match state.store.user(id).await {
                Ok(u) => Ok(Some(Self::of(&u))),
                Err(store::StoreError::NotFound) => Ok(None),
                Err(e) => Err(e.into()),
            };
        }
        if r.reporter_email.is_empty() {
            return Ok(None);
        }
        Ok(Some(Self {
            email: r.reporter_email.clone(),
            tr: Tr::new(Locale::parse(&r.reporter_locale).unwrap_or_default()),
            first_name: String::new(),
            user: None,
        }))
    }

    /// An email of `key`'s subject and body (each given `title`), then the reason.
    pub(crate) fn mail(
        &self,
        state: &AppState,
        key: &str,
        title: &str,
        reason: &str,
    ) -> Result<NewMail, AppError> {
        self.mail_with(state, key, title, Some(reason), &[])
    }

    /// An email of `key`'s subject and body (each given `title`), then the reason if any, then
    /// `extra` lines, then whom to write to.
    pub(crate) fn mail_with(
        &self,
        state: &AppState,
        key: &str,
        title: &str,
        reason: Option<&str>,
        extra: &[String],
    ) -> Result<NewMail, AppError> {
        let tr = self.tr;
        let mut lines = vec![tr.ts(&format!("mail-{key}-body"), "title", title)];
        if let Some(reason) = reason {
            lines.push(tr.ts("mail-moderation-reason", "reason", reason));
        }
        lines.extend(extra.iter().cloned());
        lines.push(tr.ts(
            "mail-moderation-contact",
            "email",
            &state.settings.mail_from,
        ));
        Ok(Compose {
            tr,
            to: &self.email,
            user: self.user,
            sender: None,
            first_name: &self.first_name,
            subject: tr.ts(&format!("mail-{key}-subject"), "title", title),
            lines,
            action: None,
            unsubscribe: None,
        }
        .render()?)
    }
}

/// The name of a kind of content in mail keys: `method`, `design` or `link`.
fn kind_key(target: Reported) -> &'static str {
    match target {
        Reported::Method(_) => "method",
        Reported::Template(_) => "design",
        Reported::Link(_) => "link",
    }
}

/// Removes `target` from public view with `why`'s reason: its owner is told, and everyone
/// whose open report on it this resolves.
pub async fn remove(
    state: &AppState,
    admin: &User,
    target: Reported,
    why: &Why,
) -> Result<(), AppError> {
    let (reason, _) = why.checked()?;
    let preview = state.store.removal_preview(target).await?;
    // The copyright notices it settles: the owner may answer each with a counter-notice.
    let mut notices = Vec::new();
    for report in &preview.resolved {
        if state.store.copyright_notice(report.id).await?.is_some() {
            notices.push(report.id);
        }
    }
    let mut mails = Vec::new();
    if let Some(owner) = preview.owner {
        match state.store.user(owner).await {
            Ok(u) => {
                let to = Addressee::of(&u);
                let invitations: Vec<String> = notices
                    .iter()
                    .map(|id| {
                        to.tr.ts(
                            "mail-counter-invite",
                            "link",
                            &state.settings.link(&format!("/copyright/counter/{id}")),
                        )
                    })
                    .collect();
                mails.push(to.mail_with(
                    state,
                    &format!("removed-{}", kind_key(target)),
                    &preview.title,
                    Some(&reason),
                    &invitations,
                )?);
            }
            Err(store::StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    // Each address hears once, however many reports it filed.
    let mut told = std::collections::HashSet::new();
    for report in &preview.resolved {
        if let Some(to) = Addressee::reporter(state, report).await?
            && told.insert(to.email.to_lowercase())
        {
            mails.push(to.mail(state, "report-actioned", &preview.title, &reason)?);
        }
    }
    let reports: Vec<ReportId> = preview.resolved.iter().map(|r| r.id).collect();
    state
        .store
        .remove_content(target, admin.id, &reason, &reports, &mails)
        .await?;
    tracing::info!(kind = target.kind(), id = %target.id(), by = %admin.id, "content removed");
    Ok(())
}

/// Puts back content removed less than 30 days ago; its owner is told.
pub async fn restore(
    state: &AppState,
    admin: &User,
    target: Reported,
    why: &Why,
) -> Result<(), AppError> {
    let (reason, _) = why.checked()?;
    let preview = state.store.removal_preview(target).await?;
    let mail = match preview.owner {
        Some(owner) => match state.store.user(owner).await {
            Ok(u) => Some(Addressee::of(&u).mail(
                state,
                &format!("restored-{}", kind_key(target)),
                &preview.title,
                &reason,
            )?),
            Err(store::StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    state
        .store
        .restore_content(target, admin.id, &reason, mail.as_ref())
        .await?;
    Ok(())
}

/// Dismisses a report with `why`'s reason; its reporter is told.
pub async fn dismiss(
    state: &AppState,
    admin: &User,
    id: ReportId,
    why: &Why,
) -> Result<(), AppError> {
    let (reason, _) = why.checked()?;
    let report = state.store.report(id).await?;
    let title = match &report.title {
        Some(title) => title.clone(),
        None => {
            Tr::new(Locale::parse(&report.reporter_locale).unwrap_or_default()).t("report-gone")
        }
    };
    let mail = match Addressee::reporter(state, &report).await? {
        Some(to) => Some(to.mail(state, "report-dismissed", &title, &reason)?),
        None => None,
    };
    state
        .store
        .dismiss_report(id, admin.id, &reason, mail.as_ref())
        .await?;
    Ok(())
}
