//! Cookie consent (the Cookie Policy, sections 2 and 4): what a request's consent cookie and
//! Global Privacy Control signal allow, the cookies that keep a choice, and recording a
//! choice, in the signed-in person's consent log too. The cookies and storage Plenary uses,
//! by category, are listed in [`USED`], which the Cookie settings page shows.

use crate::config::Settings;
use crate::i18n::{LANG_COOKIE, Tr};
use axum::http::HeaderMap;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use domain::consent::{Allowed, Category, Choice};
use domain::{ConsentId, Locale, UserId};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// The cookie that keeps a choice (strictly necessary: without it the banner would ask on
/// every page).
pub const CONSENT_COOKIE: &str = "plenary_consent";
/// How long a choice is kept before the banner asks again.
pub const CONSENT_DAYS: i64 = 180;
/// How long a language picked with functional cookies allowed is remembered.
pub const LANG_DAYS: i64 = 365;

/// What the request says about consent: the choice its cookie holds (none before a choice,
/// or when the policy's revision has risen since) and whether the browser sends Global
/// Privacy Control.
#[derive(Debug, Clone, Copy, Default)]
pub struct Seen {
    pub choice: Option<Choice>,
    pub gpc: bool,
    /// The consent's id from the cookie, even one under an older revision: a choice made
    /// again keeps it.
    pub id: Option<ConsentId>,
}

impl Seen {
    pub fn from_request(jar: &CookieJar, headers: &HeaderMap, revision: u32) -> Self {
        let cookie = jar.get(CONSENT_COOKIE).map(|c| c.value());
        Self {
            choice: cookie.and_then(|v| Choice::current(v, revision)),
            id: cookie.and_then(Choice::from_cookie).map(|c| c.id),
            gpc: headers
                .get("sec-gpc")
                .is_some_and(|v| v.as_bytes().trim_ascii() == b"1"),
        }
    }

    /// True while no choice is on record: the banner shows.
    pub fn asking(&self) -> bool {
        self.choice.is_none()
    }

    /// What may be used now: nothing optional before a choice; never analytics or
    /// advertising under Global Privacy Control.
    pub fn allowed(&self) -> Allowed {
        self.choice
            .map_or(Allowed::NONE, |c| c.allowed)
            .under_gpc(self.gpc)
    }
}

/// A cookie of the installation: on the configured cookie domain (so one choice covers every
/// host), `Secure` behind TLS. `days: None` makes it last until the browser closes.
fn cookie(
    settings: &Settings,
    name: &'static str,
    value: String,
    days: Option<i64>,
) -> Cookie<'static> {
    let mut builder = Cookie::build((name, value))
        .path("/")
        .secure(settings.is_https())
        .same_site(SameSite::Lax);
    if let Some(domain) = &settings.cookie_domain {
        builder = builder.domain(domain.clone());
    }
    if let Some(days) = days {
        builder = builder.max_age(cookie::time::Duration::days(days));
    }
    builder.build()
}

/// The language cookie: remembered for a year with functional cookies allowed; otherwise kept
/// only until the browser closes, as a setting asked for by a click (strictly necessary).
pub fn lang_cookie(settings: &Settings, locale: Locale, remember: bool) -> Cookie<'static> {
    cookie(
        settings,
        LANG_COOKIE,
        locale.code().to_owned(),
        remember.then_some(LANG_DAYS),
    )
}

fn consent_cookie(settings: &Settings, choice: Choice) -> Cookie<'static> {
    let mut c = cookie(
        settings,
        CONSENT_COOKIE,
        choice.to_cookie(),
        Some(CONSENT_DAYS),
    );
    c.set_http_only(true);
    c
}

/// Where the person answered: the words they read differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The banner: its title and text.
    Banner,
    /// The settings page: its introduction, each category and every cookie it lists.
    Settings,
}

/// Who answers: the signed-in person (if any), what their request said about consent, the
/// language they read the question in and where, and their address.
pub struct Asked<'a> {
    pub user: Option<UserId>,
    /// The Cookie Policy's revision in force ([`crate::legal::Legal::consent_revision`]).
    pub revision: u32,
    pub seen: Seen,
    pub tr: Tr,
    pub shown: Shown,
    pub ip: &'a str,
    /// The login cookie's name, as the settings page lists it.
    pub login_cookie: &'static str,
}

/// Records a choice: in the consent cookie, in the signed-in person's consent log, and at
/// once in the cookies themselves (a refused category's cookies go). Global Privacy Control
/// refuses analytics and advertising whatever was ticked.
pub async fn give(
    settings: &Settings,
    store: &store::Store,
    who: Asked<'_>,
    jar: CookieJar,
    asked: Allowed,
) -> store::Result<CookieJar> {
    let allowed = asked.under_gpc(who.seen.gpc);
    let choice = Choice {
        id: who.seen.id.unwrap_or_default(),
        revision: who.revision,
        allowed,
    };
    if let Some(user_id) = who.user {
        store
            .record_consent(&store::NewConsent {
                consent_id: choice.id,
                user_id,
                revision: choice.revision,
                allowed,
                gpc: who.seen.gpc,
                ip_hash: ip_hash(store, who.ip).await?,
                text_shown: words_shown(settings, who.tr, who.shown, who.login_cookie),
            })
            .await?;
    }
    let mut jar = jar.add(consent_cookie(settings, choice));
    // The remembered language follows the functional category: kept for a year, or only
    // until the browser closes.
    if let Some(locale) = jar
        .get(LANG_COOKIE)
        .and_then(|c| Locale::parse(c.value()).ok())
    {
        jar = jar.add(lang_cookie(settings, locale, allowed.functional));
    }
    Ok(jar)
}

/// A keyed hash of a client address, the only form in which the consent log keeps it.
async fn ip_hash(store: &store::Store, ip: &str) -> store::Result<String> {
    let mut candidate = [0u8; 32];
    rand::rng().fill_bytes(&mut candidate);
    let key = store
        .installation_secret("consent-ip-hash", &candidate)
        .await?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("HMAC takes a key of any length");
    mac.update(ip.as_bytes());
    Ok(hex::encode(&mac.finalize().into_bytes()[..16]))
}

/// The words the person read before answering, in their language, for the log.
pub fn words_shown(settings: &Settings, tr: Tr, shown: Shown, login_cookie: &str) -> String {
    match shown {
        Shown::Banner => format!(
            "{}\n{}",
            tr.t("consent-banner-title"),
            tr.t("consent-banner-text")
        ),
        Shown::Settings => {
            let mut text = vec![tr.t("consent-settings"), tr.t("consent-intro")];
            for category in Category::ALL {
                let name = category.as_str();
                text.push(format!(
                    "{}: {}",
                    tr.t(&format!("consent-{name}")),
                    tr.t(&format!("consent-{name}-text"))
                ));
                let items: Vec<&Used> = USED.iter().filter(|u| u.category == category).collect();
                if items.is_empty() {
                    text.push(tr.t(&format!("consent-{name}-none")));
                }
                for u in items {
                    text.push(format!(
                        "- {} ({}): {} {}",
                        u.name.unwrap_or(login_cookie),
                        u.kind,
                        tr.t(u.purpose),
                        lifetime(tr, u.lifetime, settings.login_absolute_hours.div_ceil(24))
                    ));
                }
            }
            text.join("\n")
        }
    }
}

/// How long a cookie or item lasts, in words.
pub fn lifetime(tr: Tr, lifetime: Lifetime, login_days: u64) -> String {
    match lifetime {
        Lifetime::Browser => tr.t("consent-lifetime-browser"),
        Lifetime::Tab => tr.t("consent-lifetime-tab"),
        Lifetime::Days(days) => tr.tn("consent-lifetime-days", "days", days),
        Lifetime::Login => tr.tn("consent-lifetime-login", "days", login_days),
        Lifetime::Kept => tr.t("consent-lifetime-kept"),
    }
}

/// How long one of our cookies or stored items lasts.
#[derive(Debug, Clone, Copy)]
pub enum Lifetime {
    /// Until the browser closes.
    Browser,
    /// Until the tab closes (session storage).
    Tab,
    Days(i64),
    /// Until the person signs out, at most the login's absolute lifetime.
    Login,
    /// Until the person clears it (or withdraws consent).
    Kept,
}

/// One cookie or stored item Plenary uses, in the category that covers it.
#[derive(Debug, Clone, Copy)]
pub struct Used {
    pub category: Category,
    /// The cookie's or item's name (`None`: the login cookie, whose name depends on TLS).
    pub name: Option<&'static str>,
    /// The Fluent key of what it is for.
    pub purpose: &'static str,
    pub lifetime: Lifetime,
    /// Where it lives: `cookie`, `localStorage` or `sessionStorage`.
    pub kind: &'static str,
}

/// Every cookie and stored item Plenary itself uses.
pub const USED: &[Used] = &[
    Used {
        category: Category::Necessary,
        name: None,
        purpose: "consent-use-login",
        lifetime: Lifetime::Login,
        kind: "cookie",
    },
    Used {
        category: Category::Necessary,
        name: Some(CONSENT_COOKIE),
        purpose: "consent-use-consent",
        lifetime: Lifetime::Days(CONSENT_DAYS),
        kind: "cookie",
    },
    Used {
        category: Category::Necessary,
        name: Some(LANG_COOKIE),
        purpose: "consent-use-lang-session",
        lifetime: Lifetime::Browser,
        kind: "cookie",
    },
    Used {
        category: Category::Necessary,
        name: Some("plenary-history-…"),
        purpose: "consent-use-history",
        lifetime: Lifetime::Tab,
        kind: "sessionStorage",
    },
    Used {
        category: Category::Necessary,
        name: Some("htmx-current-path-for-history"),
        purpose: "consent-use-htmx-path",
        lifetime: Lifetime::Tab,
        kind: "sessionStorage",
    },
    Used {
        category: Category::Functional,
        name: Some(LANG_COOKIE),
        purpose: "consent-use-lang",
        lifetime: Lifetime::Days(LANG_DAYS),
        kind: "cookie",
    },
    Used {
        category: Category::Functional,
        name: Some("plenary.details"),
        purpose: "consent-use-details",
        lifetime: Lifetime::Kept,
        kind: "localStorage",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn jar_with(value: &str) -> CookieJar {
        let mut headers = HeaderMap::new();
        headers.insert(
            axum::http::header::COOKIE,
            HeaderValue::from_str(&format!("{CONSENT_COOKIE}={value}")).expect("header"),
        );
        CookieJar::from_headers(&headers)
    }

    #[test]
    fn nothing_optional_is_allowed_before_a_choice() {
        let seen = Seen::from_request(&CookieJar::new(), &HeaderMap::new(), 1);
        assert!(seen.asking());
        assert_eq!(seen.allowed(), Allowed::NONE);
    }

    #[test]
    fn global_privacy_control_takes_analytics_and_advertising_from_a_choice() {
        let choice = Choice {
            id: ConsentId::new(),
            revision: 1,
            allowed: Allowed::ALL,
        };
        let mut headers = HeaderMap::new();
        headers.insert("sec-gpc", HeaderValue::from_static("1"));
        let seen = Seen::from_request(&jar_with(&choice.to_cookie()), &headers, 1);
        assert!(!seen.asking());
        assert!(seen.allowed().functional);
        assert!(!seen.allowed().analytics);
        assert!(!seen.allowed().advertising);
    }
}
