//! Account input parsed once at the boundary: a value of these types is valid by construction.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Why one field of a form or request was refused. `code()` is stable: it names the message
/// in the Fluent files and appears in the API's `fields` map.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("required")]
    Required,
    #[error("too short (at least {min})")]
    TooShort { min: usize },
    #[error("too long (at most {max})")]
    TooLong { max: usize },
    #[error("not an email address")]
    InvalidEmail,
    #[error("not a phone number")]
    InvalidPhone,
    #[error("a common password")]
    CommonPassword,
    #[error("unknown language")]
    UnknownLocale,
    #[error("unknown time zone")]
    UnknownTimeZone,
    #[error("contains control characters")]
    ControlCharacters,
    #[error("not a role one can be given")]
    UnknownRole,
    #[error("this person cannot be invited: yourself, or the owner")]
    CannotInvite,
    #[error("a password made of the service's name, your email address or your names")]
    ContextPassword,
    #[error("not a scope this account may give a token")]
    UnknownScope,
    #[error("not a colour as #rrggbb")]
    InvalidColour,
    #[error("not what was asked to be typed")]
    Mismatch,
    #[error("not a date as YYYY-MM-DD")]
    InvalidDate,
    #[error("too early (at least {min_days} days from today)")]
    TooEarly { min_days: usize },
    #[error("too late (at most {max_days} days from today)")]
    TooLate { max_days: usize },
    #[error("not a number of days from 1 to {max_days}")]
    Days { max_days: usize },
    #[error("not the address of public material on this service")]
    NotPublicMaterial,
}

impl FieldError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::TooShort { .. } => "too_short",
            Self::TooLong { .. } => "too_long",
            Self::InvalidEmail => "invalid_email",
            Self::InvalidPhone => "invalid_phone",
            Self::CommonPassword => "common_password",
            Self::UnknownLocale => "unknown_locale",
            Self::UnknownTimeZone => "unknown_time_zone",
            Self::ControlCharacters => "control_characters",
            Self::UnknownRole => "unknown_role",
            Self::CannotInvite => "cannot_invite",
            Self::ContextPassword => "context_password",
            Self::UnknownScope => "unknown_scope",
            Self::InvalidColour => "invalid_colour",
            Self::Mismatch => "mismatch",
            Self::InvalidDate => "invalid_date",
            Self::TooEarly { .. } => "too_early",
            Self::TooLate { .. } => "too_late",
            Self::Days { .. } => "days",
            Self::NotPublicMaterial => "not_public_material",
        }
    }

    /// The number a message needs (the limit), if any.
    pub fn limit(&self) -> Option<usize> {
        match self {
            Self::TooShort { min } => Some(*min),
            Self::TooLong { max } => Some(*max),
            Self::TooEarly { min_days } => Some(*min_days),
            Self::TooLate { max_days } | Self::Days { max_days } => Some(*max_days),
            _ => None,
        }
    }
}

fn text(input: &str, max: usize) -> Result<String, FieldError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(FieldError::Required);
    }
    if trimmed
        .chars()
        .any(|c| c.is_control() || crate::session::is_bidi_control(c))
    {
        return Err(FieldError::ControlCharacters);
    }
    if trimmed.chars().count() > max {
        return Err(FieldError::TooLong { max });
    }
    Ok(trimmed.to_owned())
}

/// An email address, trimmed and lower-cased so one address means one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub const MAX: usize = 254;

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let value = text(input, Self::MAX)?.to_lowercase();
        let (local, domain) = value.rsplit_once('@').ok_or(FieldError::InvalidEmail)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && !local
                .chars()
                .any(|c| c.is_whitespace() || "<>()[],;:\"\\".contains(c));
        if domain_ok && local_ok {
            Ok(Self(value))
        } else {
            Err(FieldError::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A first or last name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX: usize = 100;

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        text(input, Self::MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number as people write it: digits with `+ - ( ) .` and spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    pub const MAX: usize = 32;

    /// An empty input means "no phone".
    pub fn parse_optional(input: &str) -> Result<Option<Self>, FieldError> {
        if input.trim().is_empty() {
            return Ok(None);
        }
        let value = text(input, Self::MAX)?;
        let digits = value.chars().filter(char::is_ascii_digit).count();
        let allowed = value
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if allowed && digits >= 5 && !value[1..].contains('+') {
            Ok(Some(Self(value)))
        } else {
            Err(FieldError::InvalidPhone)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password someone chooses, as ASVS 5.0 asks (V6.2): at least 10 and at most 128
/// characters, counted after Unicode normalization (NFKC, so a password typed on another
/// keyboard still matches); no control characters; not in the bundled list of common and
/// breached passwords; not made of a few characters repeated (`aaaaaaaaaa`, ten spaces); and
/// not built from the context words (the service's name, the person's email address and
/// names) with digits and punctuation around them. No composition rules. It is never stored;
/// only its argon2id hash is.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

static COMMON_PASSWORDS_TEXT: &str = include_str!("../data/common-passwords.txt");

fn common_passwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON_PASSWORDS_TEXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    })
}

/// How many passwords the bundled list holds.
pub fn common_password_count() -> usize {
    common_passwords().len()
}

/// A password as it is hashed and checked: NFKC-normalized.
pub fn normalize_password(input: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    input.nfkc().collect()
}

/// The fewest different characters a password may be made of.
const DISTINCT_MIN: usize = 4;

/// The service's own name, always a context word.
const SERVICE_WORDS: [&str; 2] = ["plenary", "пленари"];

impl NewPassword {
    pub const MIN: usize = 10;
    pub const MAX: usize = 128;

    /// A new password with no person to compare it with (only the service's name).
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        Self::parse_for(input, &[])
    }

    /// A new password for the person these context words describe: their email address and
    /// names.
    pub fn parse_for(input: &str, context: &[&str]) -> Result<Self, FieldError> {
        let password = normalize_password(input);
        let count = password.chars().count();
        if count == 0 {
            return Err(FieldError::Required);
        }
        if password.chars().any(char::is_control) {
            return Err(FieldError::ControlCharacters);
        }
        if count < Self::MIN {
            return Err(FieldError::TooShort { min: Self::MIN });
        }
        if count > Self::MAX {
            return Err(FieldError::TooLong { max: Self::MAX });
        }
        let lower = password.to_lowercase();
        if common_passwords().contains(lower.as_str()) || common_passwords().contains(lower.trim())
        {
            return Err(FieldError::CommonPassword);
        }
        let distinct: HashSet<char> = lower.chars().collect();
        if distinct.len() < DISTINCT_MIN {
            return Err(FieldError::CommonPassword);
        }
        if only_context(&lower, context) {
            return Err(FieldError::ContextPassword);
        }
        Ok(Self(password))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// True when `password` (lower-cased) is nothing but context words with a few other letters,
/// digits and punctuation: "plenary2026!", "anna.petrova1990".
fn only_context(password: &str, context: &[&str]) -> bool {
    let mut words: Vec<String> = SERVICE_WORDS.iter().map(|w| (*w).to_owned()).collect();
    for c in context {
        let c = c.to_lowercase();
        // An email address gives its whole local part and each of its pieces.
        let local = c.split('@').next().unwrap_or_default().to_owned();
        words.extend(
            local
                .split(|ch: char| !ch.is_alphabetic())
                .map(str::to_owned)
                .chain([letters(&local), letters(&c)]),
        );
        words.extend(c.split_whitespace().map(letters));
    }
    words.retain(|w| w.chars().count() >= 3);
    // Longest first, so "annapetrova" goes before "anna".
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let mut left = letters(password);
    let before = left.chars().count();
    for w in &words {
        left = left.replace(w.as_str(), "");
    }
    left.chars().count() < before && left.chars().count() < DISTINCT_MIN
}

fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphabetic()).collect()
}

/// The languages of the UI and of emails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Ru,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Ru];

    /// Accepts a language tag such as `ru`, `ru-RU` or `en_GB`.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let lang = input
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match lang.as_str() {
            "en" => Ok(Self::En),
            "ru" => Ok(Self::Ru),
            _ => Err(FieldError::UnknownLocale),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ru => "ru",
        }
    }

    /// The language's own name, as a switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Ru => "Русский",
        }
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::fmt::Display for TimeZoneName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An IANA time zone name known to the time zone database, such as `Europe/Moscow`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TimeZoneName(String);

impl TimeZoneName {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let name = input.trim();
        if name.is_empty() {
            return Err(FieldError::Required);
        }
        match jiff::tz::TimeZone::get(name) {
            Ok(_) => Ok(Self(name.to_owned())),
            Err(_) => Err(FieldError::UnknownTimeZone),
        }
    }

    pub fn utc() -> Self {
        Self("UTC".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The zone itself (UTC should the database have lost the name since it was parsed).
    pub fn zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.0).unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// Every zone name the database knows, sorted, for a picker.
    pub fn all() -> Vec<String> {
        let mut names: Vec<String> = jiff::tz::db()
            .available()
            .map(|n| n.as_str().to_owned())
            .filter(|n| n.contains('/') || n == "UTC")
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// The name someone gives an API token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TokenName(String);

impl TokenName {
    pub const MAX: usize = 100;

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        text(input, Self::MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_trimmed_and_lowercased() {
        assert_eq!(
            Email::parse("  Anna.Petrova@Example.ORG ").map(|e| e.as_str().to_owned()),
            Ok("anna.petrova@example.org".to_owned())
        );
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "anna",
            "anna@",
            "@example.org",
            "anna@example",
            "a b@example.org",
            "anna@exa..mple.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} was accepted");
        }
        assert_eq!(Email::parse(""), Err(FieldError::Required));
    }

    #[test]
    fn names_are_required_and_limited() {
        assert_eq!(PersonName::parse("   "), Err(FieldError::Required));
        assert_eq!(
            PersonName::parse(&"я".repeat(101)),
            Err(FieldError::TooLong { max: 100 })
        );
        assert_eq!(
            PersonName::parse(" Анна ").map(|n| n.as_str().to_owned()),
            Ok("Анна".into())
        );
        assert_eq!(
            PersonName::parse("a\u{0}b"),
            Err(FieldError::ControlCharacters)
        );
    }

    #[test]
    fn a_phone_is_optional_but_must_look_like_a_phone() {
        assert_eq!(Phone::parse_optional(" "), Ok(None));
        assert!(Phone::parse_optional("+7 (495) 123-45-67").is_ok_and(|p| p.is_some()));
        assert_eq!(
            Phone::parse_optional("call me"),
            Err(FieldError::InvalidPhone)
        );
        assert_eq!(
            Phone::parse_optional("12+34567"),
            Err(FieldError::InvalidPhone)
        );
    }

    #[test]
    fn passwords_need_ten_to_128_characters() {
        assert_eq!(
            NewPassword::parse("short"),
            Err(FieldError::TooShort { min: 10 })
        );
        assert_eq!(
            NewPassword::parse(&"x".repeat(129)),
            Err(FieldError::TooLong { max: 128 })
        );
        assert!(NewPassword::parse("горный ручей 42").is_ok());
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert!(common_password_count() >= 10_000);
        assert_eq!(
            NewPassword::parse("password123"),
            Err(FieldError::CommonPassword)
        );
        assert_eq!(
            NewPassword::parse("PASSWORD123"),
            Err(FieldError::CommonPassword)
        );
    }

    #[test]
    fn passwords_of_one_repeated_character_or_with_control_characters_are_refused() {
        for weak in [
            "          ",
            "aaaaaaaaaa",
            "1111111111",
            "abababababab",
            "121212121212",
        ] {
            assert_eq!(
                NewPassword::parse(weak),
                Err(FieldError::CommonPassword),
                "{weak:?}"
            );
        }
        assert_eq!(
            NewPassword::parse("a quiet\0river at dawn"),
            Err(FieldError::ControlCharacters)
        );
        assert_eq!(
            NewPassword::parse("a quiet\u{1b}river at dawn"),
            Err(FieldError::ControlCharacters)
        );
    }

    #[test]
    fn a_password_s_length_counts_characters_after_normalization() {
        // Eight characters typed, twelve once the two ligatures are normalized; nine Cyrillic
        // letters stay nine.
        assert!(NewPassword::parse("\u{fb03}\u{fb04} rowan").is_ok());
        assert_eq!(
            NewPassword::parse("гроза над"),
            Err(FieldError::TooShort { min: 10 })
        );
        // "ﬁ" typed on one keyboard and "fi" on another are the same password.
        assert_eq!(
            NewPassword::parse("\u{fb01}nally a quiet river")
                .expect("kept")
                .expose(),
            "finally a quiet river"
        );
    }

    #[test]
    fn passwords_built_from_the_service_name_or_the_person_are_refused() {
        let me = ["anna.petrova@example.org", "Anna", "Petrova"];
        for weak in [
            "plenary2026!",
            "Plenary Plenary",
            "anna.petrova1990",
            "PetrovaAnna!!",
        ] {
            assert_eq!(
                NewPassword::parse_for(weak, &me),
                Err(FieldError::ContextPassword),
                "{weak}"
            );
        }
        assert!(NewPassword::parse_for("Anna rows the quiet river", &me).is_ok());
        assert!(NewPassword::parse_for("a quiet river at dawn", &me).is_ok());
    }

    #[test]
    fn locales_parse_from_language_tags() {
        assert_eq!(Locale::parse("ru-RU"), Ok(Locale::Ru));
        assert_eq!(Locale::parse("en_GB"), Ok(Locale::En));
        assert_eq!(Locale::parse("de"), Err(FieldError::UnknownLocale));
    }

    #[test]
    fn time_zones_must_exist() {
        assert!(TimeZoneName::parse("Europe/Moscow").is_ok());
        assert_eq!(
            TimeZoneName::parse("Mars/Olympus"),
            Err(FieldError::UnknownTimeZone)
        );
        assert!(TimeZoneName::all().iter().any(|z| z == "America/New_York"));
    }
}
