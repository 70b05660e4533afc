//! The legal documents (User Agreement 1.3–1.4, Cookie Policy 5): the User Agreement, the
//! Privacy Policy, the Cookie Policy and the separate consent to personal data processing, each
//! in numbered versions that administrators write in Markdown in both languages.
//!
//! Our starter texts are version 1 of each, published the first time the service asks for a
//! document. A later version is published with a date of effect at least
//! [`crate::config::Settings::legal_notice_days`] ahead; publishing announces it by email to
//! every confirmed address, and every page shows signed-in people a banner until they have
//! seen it: before the date "changes on …", after it "changed on …", with a link to what
//! changed. Registration records the versions in force that the person accepted.

use crate::config::Settings;
use crate::error::AppError;
use crate::i18n::Tr;
use domain::legal::Document;
use domain::{LegalVersionId, Locale, UserId};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use store::{LegalDraft, NewNewsletter, PublishedLegal, Store, StoreError};

/// How long a process trusts what it read of the published versions; one it publishes
/// itself is seen at once.
const FRESH_FOR: Duration = Duration::from_secs(30);

/// The longest text of a version or of its changes, in characters.
pub const BODY_MAX: usize = 100_000;

/// The latest day a version may take effect, in days from now.
pub const LATEST_DAYS: i64 = 366;

/// Our starter texts, English and Russian, with `{{…}}` filled from the configuration.
fn starter(document: Document) -> (&'static str, &'static str) {
    match document {
        Document::Terms => (
            include_str!("../legal/terms.en.md"),
            include_str!("../legal/terms.ru.md"),
        ),
        Document::Privacy => (
            include_str!("../legal/privacy.en.md"),
            include_str!("../legal/privacy.ru.md"),
        ),
        Document::Cookies => (
            include_str!("../legal/cookies.en.md"),
            include_str!("../legal/cookies.ru.md"),
        ),
        Document::Consent => (
            include_str!("../legal/consent.en.md"),
            include_str!("../legal/consent.ru.md"),
        ),
    }
}

/// A starter text with the operator's name and details, the contact address and the site.
fn fill(text: &str, settings: &crate::config::Settings, locale: Locale) -> String {
    let host = settings
        .public_url
        .host_str()
        .unwrap_or("localhost")
        .to_owned();
    let (operator, details) = match &settings.operator {
        Some(o) => {
            let (name, address) = match locale {
                Locale::En => (
                    o.name_en.clone().unwrap_or_else(|| o.name.clone()),
                    o.address_en.clone().unwrap_or_else(|| o.address.clone()),
                ),
                Locale::Ru => (o.name.clone(), o.address.clone()),
            };
            let tr = Tr::new(locale);
            let details = tr.args(
                "legal-operator-details",
                &[
                    ("inn", o.inn.clone().into()),
                    ("ogrn", o.ogrn.clone().into()),
                    ("address", address.into()),
                ],
            );
            (name, details)
        }
        None => (host.clone(), String::new()),
    };
    let email = settings
        .mail_from
        .rsplit_once('<')
        .map_or(settings.mail_from.as_str(), |(_, a)| {
            a.trim_end_matches('>')
        })
        .trim()
        .to_owned();
    text.replace("{{operator}}", &operator)
        .replace("{{operator_details}}", &details)
        .replace("{{email}}", &email)
        .replace(
            "{{site}}",
            settings.public_url.as_str().trim_end_matches('/'),
        )
}

/// Publishes our starter texts as version 1 of every document that has none yet; how many.
pub async fn seed(store: &Store, settings: &crate::config::Settings) -> store::Result<usize> {
    let mut seeded = 0;
    for document in Document::ALL {
        let (en, ru) = starter(document);
        let en = fill(en, settings, Locale::En);
        let ru = fill(ru, settings, Locale::Ru);
        if store.seed_legal(document, &en, &ru).await? {
            seeded += 1;
        }
    }
    Ok(seeded)
}

/// The published versions, as this process last read them.
#[derive(Default)]
pub struct Published {
    versions: Vec<PublishedLegal>,
}

impl Published {
    /// Every published version, by document and number.
    pub fn versions(&self) -> impl Iterator<Item = &PublishedLegal> {
        self.versions.iter()
    }

    fn of(&self, document: Document) -> impl Iterator<Item = &PublishedLegal> {
        self.versions
            .iter()
            .filter(move |v| v.document == document.as_str())
    }

    /// The version in force at `now`: the highest-numbered one whose date has come.
    pub fn in_force(&self, document: Document, now: i64) -> Option<&PublishedLegal> {
        self.of(document)
            .filter(|v| v.effective_at <= now)
            .max_by_key(|v| v.number)
    }

    /// The version published to take effect after `now`, if there is one.
    pub fn waiting(&self, document: Document, now: i64) -> Option<&PublishedLegal> {
        self.of(document)
            .filter(|v| v.effective_at > now)
            .max_by_key(|v| v.number)
    }

    /// What a person registering at `now` has seen: everything published before the first
    /// version still waiting for its date (so that version is news to them), or `now`.
    pub fn seen_at_registration(&self, now: i64) -> i64 {
        self.versions
            .iter()
            .filter(|v| v.effective_at > now)
            .map(|v| v.published_at - 1)
            .min()
            .unwrap_or(now)
            .min(now)
    }

    /// The versions in force of the documents accepted at registration.
    pub fn to_accept(&self, now: i64) -> Vec<LegalVersionId> {
        Document::ALL
            .into_iter()
            .filter(|d| d.accepted_at_registration())
            .filter_map(|d| self.in_force(d, now).map(|v| v.id))
            .collect()
    }

    /// What a person who has seen every change published until `seen_at` is to be told at
    /// `now`: each version published since, oldest first.
    pub fn news(&self, seen_at: i64, now: i64) -> Vec<Notice> {
        self.notices(|v| v.published_at > seen_at, now)
    }

    /// The versions announced to take effect after `now`.
    pub fn upcoming(&self, now: i64) -> Vec<Notice> {
        self.notices(|v| v.effective_at > now, now)
    }

    fn notices(&self, which: impl Fn(&PublishedLegal) -> bool, now: i64) -> Vec<Notice> {
        let mut notices: Vec<Notice> = self
            .versions
            .iter()
            .filter(|v| which(v))
            .filter_map(|v| {
                Some(Notice {
                    id: v.id,
                    document: Document::parse(&v.document)?,
                    number: v.number,
                    effective_at: v.effective_at,
                    upcoming: v.effective_at > now,
                })
            })
            .collect();
        notices.sort_by_key(|n| (n.effective_at, n.number));
        notices
    }
}

/// A new version someone is told of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: LegalVersionId,
    pub document: Document,
    pub number: i64,
    pub effective_at: i64,
    /// Not in force yet.
    pub upcoming: bool,
}

impl Notice {
    /// "The User Agreement changes on …" or "… changed on …", in the reader's language.
    pub fn text(&self, tr: &Tr) -> String {
        let tr = *tr;
        tr.args(
            if self.upcoming {
                "legal-banner-changes"
            } else {
                "legal-banner-changed"
            },
            &[
                ("document", title(tr, self.document).into()),
                ("date", day(tr, self.effective_at).into()),
            ],
        )
    }

    /// The version's page, which says what changed.
    pub fn link(&self) -> String {
        version_path(self.document, self.number)
    }
}

/// Where one version of a document is read.
pub fn version_path(document: Document, number: i64) -> String {
    format!("{}/versions/{number}", document.path())
}

/// The document's title in the reader's language.
pub fn title(tr: Tr, document: Document) -> String {
    tr.t(&format!("legal-title-{}", document.as_str()))
}

/// The calendar day of `ms` (UTC, where dates of effect fall), in the reader's format.
pub fn day(tr: Tr, ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| tr.date(t.to_zoned(jiff::tz::TimeZone::UTC).date()))
        .unwrap_or_default()
}

/// The legal documents of an installation: its store and settings, and the published
/// versions as this process last read them (again when older than [`FRESH_FOR`]).
pub struct Legal {
    store: Store,
    settings: Arc<Settings>,
    read: RwLock<Option<(Instant, Arc<Published>)>>,
}

impl Legal {
    pub fn new(store: Store, settings: Arc<Settings>) -> Self {
        Self {
            store,
            settings,
            read: RwLock::new(None),
        }
    }

    fn fresh(&self) -> Option<Arc<Published>> {
        let read = self
            .read
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        read.as_ref()
            .filter(|(at, _)| at.elapsed() < FRESH_FOR)
            .map(|(_, p)| p.clone())
    }

    /// Forgets what was read: the next call reads again (after a publication here, or a
    /// change made to the database by other means).
    pub fn forget(&self) {
        *self
            .read
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }

    /// The published versions of every document, after seeding any document that has none.
    pub async fn published(&self) -> store::Result<Arc<Published>> {
        if let Some(p) = self.fresh() {
            return Ok(p);
        }
        let mut versions = self.store.published_legal().await?;
        if Document::ALL
            .iter()
            .any(|d| !versions.iter().any(|v| v.document == d.as_str()))
        {
            seed(&self.store, &self.settings).await?;
            versions = self.store.published_legal().await?;
        }
        let p = Arc::new(Published { versions });
        *self
            .read
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some((Instant::now(), p.clone()));
        Ok(p)
    }

    /// What the person who has seen changes until `seen_at` is to be told now.
    pub async fn news_for(&self, seen_at: i64) -> store::Result<Vec<Notice>> {
        Ok(self.published().await?.news(seen_at, store::now_ms()))
    }

    /// The cookie choice's revision: the configured one, raised by each version of the Cookie
    /// Policy in force after the first (Cookie Policy 5: a new version asks everyone again).
    pub async fn consent_revision(&self) -> store::Result<u32> {
        let published = self.published().await?;
        let number = published
            .in_force(Document::Cookies, store::now_ms())
            .map_or(1, |v| v.number);
        Ok(self
            .settings
            .consent_revision
            .saturating_add(u32::try_from(number - 1).unwrap_or(0)))
    }

    /// The person has been shown what changed ("Got it"): each version they were told of is
    /// recorded as told (`notice`; carrying on after its date is accepting it, User Agreement
    /// 1.4), and what was published until the last of them is not shown again.
    pub async fn seen(&self, user: &store::User) -> Result<(), AppError> {
        let published = self.published().await?;
        let news = published.news(user.accepted_at, store::now_ms());
        let Some(until) = news
            .iter()
            .filter_map(|n| published.versions().find(|v| v.id == n.id))
            .map(|v| v.published_at)
            .max()
        else {
            return Ok(());
        };
        let ids: Vec<LegalVersionId> = news.iter().map(|n| n.id).collect();
        self.store
            .accept_legal(user.id, &ids, "notice", until)
            .await?;
        tracing::info!(user = %user.id, versions = ids.len(), "legal changes seen");
        Ok(())
    }

    /// Saves a new draft of `document`, or rewrites draft `id`.
    pub async fn save_draft(
        &self,
        admin: UserId,
        document: Document,
        id: Option<LegalVersionId>,
        input: &DraftInput,
    ) -> Result<LegalVersionId, AppError> {
        check_draft(input)?;
        let draft = LegalDraft {
            document,
            body_en: input.body_en.trim().to_owned(),
            body_ru: input.body_ru.trim().to_owned(),
            changes_en: input.changes_en.trim().to_owned(),
            changes_ru: input.changes_ru.trim().to_owned(),
            written_by: admin,
        };
        Ok(self.store.save_legal_draft(id, &draft).await?)
    }

    /// Publishes draft `id` to take effect at the start of `day` (UTC), announcing it by
    /// email to every confirmed address. The day must be at least the notice period away and
    /// within a year, and the draft must say what changed in both languages when an earlier
    /// version exists. The announcement is written from the draft as it is published.
    pub async fn publish(
        &self,
        admin: UserId,
        id: LegalVersionId,
        day: &str,
    ) -> Result<i64, AppError> {
        let version = self.store.legal_version(id).await?;
        let document = version.document().ok_or(AppError::NotFound)?;
        if version.published_at.is_some() {
            return Err(AppError::Conflict("legal_published"));
        }
        let now = store::now_ms();
        let earliest = earliest_day(&self.settings, now);
        let date: jiff::civil::Date = match day.trim() {
            "" => {
                return Err(AppError::Validation(vec![(
                    "effective_on",
                    domain::FieldError::Required,
                )]));
            }
            day => day.parse().map_err(|_| {
                AppError::Validation(vec![("effective_on", domain::FieldError::InvalidDate)])
            })?,
        };
        if date < earliest {
            let min_days = usize::try_from(self.settings.legal_notice_days).unwrap_or(usize::MAX);
            return Err(AppError::Validation(vec![(
                "effective_on",
                domain::FieldError::TooEarly { min_days },
            )]));
        }
        if date > latest_day(now) {
            return Err(AppError::Validation(vec![(
                "effective_on",
                domain::FieldError::TooLate {
                    max_days: usize::try_from(LATEST_DAYS).unwrap_or(usize::MAX),
                },
            )]));
        }
        let earlier = self
            .published()
            .await?
            .versions()
            .any(|v| v.document == document.as_str());
        if earlier {
            let errors: Vec<_> = [
                ("changes_en", &version.changes_en),
                ("changes_ru", &version.changes_ru),
            ]
            .into_iter()
            .filter(|(_, text)| text.trim().is_empty())
            .map(|(field, _)| (field, domain::FieldError::Required))
            .collect();
            if !errors.is_empty() {
                return Err(AppError::Validation(errors));
            }
        }
        let effective_at = date
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_err(|e| AppError::Internal(e.into()))?
            .timestamp()
            .as_millisecond();
        let number = match self
            .store
            .publish_legal(id, effective_at, |v, number| {
                announcement(admin, document, number, effective_at, v)
            })
            .await
        {
            Err(StoreError::Conflict(_)) => return Err(AppError::Conflict("legal_scheduled")),
            other => other?,
        };
        self.forget();
        tracing::info!(%admin, document = document.as_str(), number, effective_at, "legal document published");
        Ok(number)
    }
}

/// A draft as the console's form sends it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct DraftInput {
    #[serde(default)]
    pub body_en: String,
    #[serde(default)]
    pub body_ru: String,
    #[serde(default)]
    pub changes_en: String,
    #[serde(default)]
    pub changes_ru: String,
}

/// Checks a draft: both texts present, none too long.
pub fn check_draft(input: &DraftInput) -> Result<(), AppError> {
    let mut errors = Vec::new();
    for (field, value, required) in [
        ("body_en", &input.body_en, true),
        ("body_ru", &input.body_ru, true),
        ("changes_en", &input.changes_en, false),
        ("changes_ru", &input.changes_ru, false),
    ] {
        if required && value.trim().is_empty() {
            errors.push((field, domain::FieldError::Required));
        } else if value.chars().count() > BODY_MAX {
            errors.push((field, domain::FieldError::TooLong { max: BODY_MAX }));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The calendar day (UTC) `days` after `now`.
fn day_after(now: i64, days: i64) -> jiff::civil::Date {
    let today = jiff::Timestamp::from_millisecond(now)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    today
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(today)
}

/// The last day a version published now may take effect.
pub fn latest_day(now: i64) -> jiff::civil::Date {
    day_after(now, LATEST_DAYS)
}

/// The first day a version published now may take effect: its start (00:00 UTC) is at least
/// the whole notice period away.
pub fn earliest_day(settings: &crate::config::Settings, now: i64) -> jiff::civil::Date {
    day_after(now, i64::from(settings.legal_notice_days) + 1)
}

/// The email announcing a new version, in both languages: its date, what changes, and what
/// a person who does not accept it may do.
fn announcement(
    admin: UserId,
    document: Document,
    number: i64,
    effective_at: i64,
    version: &store::LegalVersion,
) -> NewNewsletter {
    let write = |locale: Locale, changes: &str| {
        let tr = Tr::new(locale);
        let args = [
            ("document", title(tr, document).into()),
            ("date", day(tr, effective_at).into()),
        ];
        let subject = tr.args("legal-mail-subject", &args);
        let mut body = tr.args("legal-mail-intro", &args);
        if !changes.trim().is_empty() {
            body.push_str("\n\n");
            body.push_str(&tr.t("legal-mail-changes"));
            body.push_str("\n\n");
            body.push_str(&crate::markdown::plain(changes));
        }
        body.push_str("\n\n");
        body.push_str(&tr.args("legal-mail-outro", &args));
        (subject, body)
    };
    let (subject_en, body_en) = write(Locale::En, &version.changes_en);
    let (subject_ru, body_ru) = write(Locale::Ru, &version.changes_ru);
    NewNewsletter {
        subject_en,
        body_en,
        subject_ru,
        body_ru,
        sent_by: admin,
        request_key: format!("legal-{}", version.id),
        legal_link: Some(version_path(document, number)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(
        document: &str,
        number: i64,
        published_at: i64,
        effective_at: i64,
    ) -> PublishedLegal {
        PublishedLegal {
            id: LegalVersionId::new(),
            document: document.into(),
            number,
            published_at,
            effective_at,
        }
    }

    #[test]
    fn the_version_in_force_is_the_newest_whose_date_has_come() {
        let p = Published {
            versions: vec![
                published("terms", 1, 0, 100),
                published("terms", 2, 500, 1_000),
                published("privacy", 1, 0, 100),
            ],
        };
        assert_eq!(p.in_force(Document::Terms, 999).map(|v| v.number), Some(1));
        assert_eq!(p.waiting(Document::Terms, 999).map(|v| v.number), Some(2));
        assert_eq!(
            p.in_force(Document::Terms, 1_000).map(|v| v.number),
            Some(2)
        );
        assert!(p.waiting(Document::Terms, 1_000).is_none());
        assert!(p.in_force(Document::Consent, 1_000).is_none());
        assert_eq!(
            p.to_accept(1_000).len(),
            2,
            "terms and privacy; no consent yet"
        );
    }

    #[test]
    fn a_person_is_told_of_versions_published_since_they_last_saw_the_documents() {
        let p = Published {
            versions: vec![
                published("terms", 1, 0, 100),
                published("terms", 2, 500, 1_000),
                published("cookies", 2, 700, 2_000),
            ],
        };
        let news = p.news(400, 1_500);
        assert_eq!(news.len(), 2);
        assert_eq!(news[0].document, Document::Terms);
        assert!(!news[0].upcoming, "the agreement changed already");
        assert!(news[1].upcoming, "the cookie policy changes later");
        assert_eq!(news[1].link(), "/cookie-policy/versions/2");
        assert!(
            p.news(700, 1_500).is_empty(),
            "seen after the last publication"
        );
    }
}
