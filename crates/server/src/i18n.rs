//! English and Russian through Fluent (CLDR plural rules, so Russian gets its one/few/many
//! forms). The language is chosen from the account, then a cookie, then `Accept-Language`.

use domain::Locale;
use fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en-US",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en-US");
static RU: LanguageIdentifier = langid!("ru");

/// The name of the cookie that remembers a signed-out visitor's language.
pub const LANG_COOKIE: &str = "plenary_lang";

/// Translations for one locale; cheap to copy into every template.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub locale: Locale,
}

impl Tr {
    pub fn new(locale: Locale) -> Self {
        Self { locale }
    }

    fn langid(&self) -> &'static LanguageIdentifier {
        match self.locale {
            Locale::En => &EN,
            Locale::Ru => &RU,
        }
    }

    /// The language code for `<html lang>`.
    pub fn lang(&self) -> &'static str {
        self.locale.code()
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(self.langid(), key)
    }

    /// The message `key` with named arguments.
    pub fn args(&self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES.lookup_with_args(self.langid(), key, &map)
    }

    /// The message `key` with one text argument.
    pub fn ts(&self, key: &str, name: &'static str, value: &str) -> String {
        self.args(key, &[(name, FluentValue::from(value.to_owned()))])
    }

    /// The message `key` with one number argument (which picks the plural form).
    pub fn tn(&self, key: &str, name: &'static str, value: impl Count) -> String {
        self.args(key, &[(name, FluentValue::from(value.count()))])
    }

    /// True when `key` exists in this locale's file itself (not only by fallback).
    pub fn has(&self, key: &str) -> bool {
        LOCALES.try_lookup(self.langid(), key).is_some()
    }

    /// The message for a refused field.
    pub fn field_error(&self, error: &domain::FieldError) -> String {
        let key = format!("field-error-{}", error.code().replace('_', "-"));
        match error.limit() {
            Some(n) => self.tn(&key, "limit", i64::try_from(n).unwrap_or(i64::MAX)),
            None => self.t(&key),
        }
    }

    /// A date and time in the reader's language and time zone.
    pub fn datetime(&self, ms: i64, time_zone: &str) -> String {
        let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else {
            return String::new();
        };
        let tz = jiff::tz::TimeZone::get(time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        let zoned = ts.to_zoned(tz);
        match self.locale {
            Locale::En => zoned.strftime("%b %-d, %Y, %-I:%M %p").to_string(),
            Locale::Ru => zoned.strftime("%d.%m.%Y, %H:%M").to_string(),
        }
    }
}

impl Tr {
    /// A wall-clock time: 24-hour in Russian, the English 12-hour clock in English.
    pub fn clock(&self, z: &jiff::Zoned) -> String {
        match self.locale {
            Locale::En => z.strftime("%-I:%M %p").to_string(),
            Locale::Ru => z.strftime("%H:%M").to_string(),
        }
    }

    /// A calendar date.
    pub fn date(&self, d: jiff::civil::Date) -> String {
        match self.locale {
            Locale::En => d.strftime("%a, %b %-d, %Y").to_string(),
            Locale::Ru => d.strftime("%d.%m.%Y").to_string(),
        }
    }

    /// A duration such as "1 h 30 min".
    pub fn minutes(&self, total: i64) -> String {
        let (h, m) = (total / 60, total % 60);
        match (h, m) {
            (0, m) => self.tn("duration-minutes", "minutes", m),
            (h, 0) => self.tn("duration-hours", "hours", h),
            (h, m) => self.args(
                "duration-hours-minutes",
                &[
                    ("hours", FluentValue::from(h)),
                    ("minutes", FluentValue::from(m)),
                ],
            ),
        }
    }
}

/// A number a message counts with; templates pass references, code passes values.
pub trait Count {
    fn count(&self) -> i64;
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl Count for u64 {
    fn count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl Count for usize {
    fn count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

/// Picks the best supported language from an `Accept-Language` header, honouring q-values.
pub fn from_accept_language(header: &str) -> Option<Locale> {
    let mut best: Option<(f32, Locale)> = None;
    for part in header.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or_default().trim();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        if let Ok(locale) = Locale::parse(tag)
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, locale));
        }
    }
    best.map(|(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        assert_eq!(
            from_accept_language("ru-RU,ru;q=0.9,en;q=0.8"),
            Some(Locale::Ru)
        );
        assert_eq!(
            from_accept_language("de-DE,en;q=0.5,ru;q=0.7"),
            Some(Locale::Ru)
        );
        assert_eq!(from_accept_language("de-DE,fr"), None);
        assert_eq!(from_accept_language("ru;q=0"), None);
    }

    #[test]
    fn russian_uses_its_three_plural_forms() {
        let ru = Tr::new(Locale::Ru);
        let one = ru.tn("throttled", "minutes", 1_i64);
        let few = ru.tn("throttled", "minutes", 3_i64);
        let many = ru.tn("throttled", "minutes", 5_i64);
        assert!(one.contains("1 минуту"), "{one}");
        assert!(few.contains("3 минуты"), "{few}");
        assert!(many.contains("5 минут"), "{many}");
        let en = Tr::new(Locale::En);
        assert!(en.tn("throttled", "minutes", 1_i64).contains("1 minute."));
        assert!(en.tn("throttled", "minutes", 5_i64).contains("5 minutes"));
    }

    fn keys(ftl: &str) -> std::collections::BTreeSet<&str> {
        ftl.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
            .collect()
    }

    #[test]
    fn english_and_russian_have_the_same_messages() {
        let en = keys(include_str!("../locales/en-US/main.ftl"));
        let ru = keys(include_str!("../locales/ru/main.ftl"));
        let only_en: Vec<_> = en.difference(&ru).collect();
        let only_ru: Vec<_> = ru.difference(&en).collect();
        assert!(
            only_en.is_empty() && only_ru.is_empty(),
            "only in English: {only_en:?}; only in Russian: {only_ru:?}"
        );
        assert!(en.len() > 50);
    }
}
