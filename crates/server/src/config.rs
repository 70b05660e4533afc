//! Typed configuration: defaults, then an optional TOML file, then `PLENARY_*` environment
//! variables, then command-line flags. Secrets are redacted wherever settings are shown.

use clap::Args;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Settings that flags and the environment can give. Every field is optional so that a
/// missing flag falls through to the file and then to the default.
#[derive(Debug, Clone, Default, Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsArgs {
    /// Address to listen on.
    #[arg(long, global = true, env = "PLENARY_BIND")]
    pub bind: Option<SocketAddr>,
    /// Where the SQLite database and files live.
    #[arg(long, global = true, env = "PLENARY_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// `sqlite:PATH` or `postgres://USER@HOST/DB`; default a SQLite file in the data dir.
    #[arg(long, global = true, env = "PLENARY_DATABASE_URL")]
    pub database_url: Option<String>,
    /// The URL people open, used in emails and origin checks; default `http://BIND`.
    #[arg(long, global = true, env = "PLENARY_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// SMTP server for outgoing email, e.g. `smtp://user:pass@host:587?tls=required`
    /// or `smtps://user:pass@host`. Without one, emails are kept for /admin/mail.
    #[arg(long, global = true, env = "PLENARY_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// The From address of outgoing email.
    #[arg(long, global = true, env = "PLENARY_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// `text` or `json`.
    #[arg(long, global = true, env = "PLENARY_LOG_FORMAT")]
    pub log_format: Option<String>,
    /// A login ends after this many minutes without a request.
    #[arg(long, global = true, env = "PLENARY_LOGIN_IDLE_MINUTES")]
    pub login_idle_minutes: Option<u64>,
    /// A login ends this many hours after sign-in, however active.
    #[arg(long, global = true, env = "PLENARY_LOGIN_ABSOLUTE_HOURS")]
    pub login_absolute_hours: Option<u64>,
    /// How often an idle job worker looks for work, in milliseconds.
    #[arg(long, global = true, env = "PLENARY_JOB_POLL_MS")]
    pub job_poll_ms: Option<u64>,
    /// `true` behind a reverse proxy: the client address is the last entry of
    /// `X-Forwarded-For` (the one the proxy added) instead of the connection's.
    #[arg(long, global = true, env = "PLENARY_TRUST_PROXY", value_parser = clap::builder::BoolishValueParser::new())]
    pub trust_proxy: Option<bool>,
    /// clamd for malware scanning of uploads: `tcp://HOST:PORT` or `unix:/PATH`. Without it,
    /// uploads are served unscanned (and startup says so).
    #[arg(long, global = true, env = "PLENARY_CLAMD")]
    pub clamd: Option<String>,
    /// The largest file one may upload, in megabytes.
    #[arg(long, global = true, env = "PLENARY_FILE_MAX_MB")]
    pub file_max_mb: Option<u64>,
    /// How much storage each workspace may use, in megabytes: files, session content and
    /// pictures, versions, designs and methods.
    #[arg(long, global = true, env = "PLENARY_WORKSPACE_QUOTA_MB")]
    pub workspace_quota_mb: Option<u64>,
    /// How many copies one person may make in an hour: named versions, duplicated sessions,
    /// designs saved from sessions and copied methods.
    #[arg(long, global = true, env = "PLENARY_COPIES_PER_HOUR")]
    pub copies_per_hour: Option<u32>,
    /// Days without a sign-in or API use after which an account is deleted (0: never).
    #[arg(long, global = true, env = "PLENARY_INACTIVE_DAYS")]
    pub inactive_days: Option<u32>,
    /// How many days before that deletion a notice goes by email, comma-separated.
    #[arg(
        long,
        global = true,
        env = "PLENARY_INACTIVE_NOTICE_DAYS",
        value_delimiter = ','
    )]
    pub inactive_notice_days: Option<Vec<u32>>,
    /// The fewest days between a legal document's publication and the date it takes effect
    /// (User Agreement 1.3 promises 14: fewer are not allowed).
    #[arg(long, global = true, env = "PLENARY_LEGAL_NOTICE_DAYS")]
    pub legal_notice_days: Option<u32>,
    /// Requests a minute one signed-in browser or API token may make (bursts of a quarter of
    /// it pass at once).
    #[arg(long, global = true, env = "PLENARY_RATE_PER_MINUTE")]
    pub rate_per_minute: Option<u32>,
    /// Requests a minute one client address may make, signed in or not.
    #[arg(long, global = true, env = "PLENARY_IP_RATE_PER_MINUTE")]
    pub ip_rate_per_minute: Option<u32>,
    /// Changed limits, comma-separated, each `NAME=MAX/MINUTES`: e.g. `signin-ip=60/15`
    /// allows 60 sign-ins from one address in 15 minutes. docs/OPERATIONS.md lists the names.
    #[arg(long, global = true, env = "PLENARY_LIMITS", value_delimiter = ',')]
    pub limits: Option<Vec<String>>,
    /// The fewest seconds between showing the registration form and sending it; faster is a
    /// program, not a person (0 turns the check off).
    #[arg(long, global = true, env = "PLENARY_SIGNUP_MIN_SECONDS")]
    pub signup_min_seconds: Option<u64>,
    /// How long a request waits for an export, in milliseconds, before the export goes on as
    /// a job with a progress page (and an email when it is ready); 0 makes every export a job.
    #[arg(long, global = true, env = "PLENARY_EXPORT_WAIT_MS")]
    pub export_wait_ms: Option<u64>,
    /// `false` switches billing off: no plan limits and no billing pages (a self-hosted team).
    #[arg(long, global = true, env = "PLENARY_BILLING", value_parser = clap::builder::BoolishValueParser::new())]
    pub billing: Option<bool>,
    /// Who takes card payments: `sandbox` (the default: a test page with test cards, and
    /// every page says "test mode") or `yookassa`.
    #[arg(long, global = true, env = "PLENARY_PAYMENT_PROVIDER")]
    pub payment_provider: Option<String>,
    /// Stripe's secret API key and the webhook endpoint's signing secret (with
    /// `payment_provider = "stripe"`).
    #[arg(long, global = true, env = "PLENARY_STRIPE_SECRET_KEY")]
    pub stripe_secret_key: Option<String>,
    #[arg(long, global = true, env = "PLENARY_STRIPE_WEBHOOK_SECRET")]
    pub stripe_webhook_secret: Option<String>,
    /// Stripe's API address, for a test double; its documented one by default.
    #[arg(long, global = true, env = "PLENARY_STRIPE_API")]
    pub stripe_api: Option<String>,
    /// YooKassa's shop id and secret key (with `payment_provider = "yookassa"`).
    #[arg(long, global = true, env = "PLENARY_YOOKASSA_SHOP_ID")]
    pub yookassa_shop_id: Option<String>,
    #[arg(long, global = true, env = "PLENARY_YOOKASSA_SECRET_KEY")]
    pub yookassa_secret_key: Option<String>,
    /// YooKassa's API address, for a test double; its documented one by default.
    #[arg(long, global = true, env = "PLENARY_YOOKASSA_API")]
    pub yookassa_api: Option<String>,
    /// The VAT code of receipts' items (1: no VAT; YooKassa's codes 1 to 12).
    #[arg(long, global = true, env = "PLENARY_YOOKASSA_VAT_CODE")]
    pub yookassa_vat_code: Option<u8>,
    /// The networks YooKassa's notifications come from, comma-separated; its published list
    /// by default.
    #[arg(long, global = true, env = "PLENARY_YOOKASSA_NETWORKS")]
    pub yookassa_networks: Option<String>,
    /// Days a workspace keeps its paid features while a failed renewal is retried.
    #[arg(long, global = true, env = "PLENARY_BILLING_GRACE_DAYS")]
    pub billing_grace_days: Option<u32>,
    /// The domain of Plenary's cookies, e.g. `example.org` to share the cookie choice and the
    /// language with every host under it; by default each host keeps its own.
    #[arg(long, global = true, env = "PLENARY_COOKIE_DOMAIN")]
    pub cookie_domain: Option<String>,
    /// The Cookie Policy's revision: raising it asks everyone for their cookie choice again.
    #[arg(long, global = true, env = "PLENARY_CONSENT_REVISION")]
    pub consent_revision: Option<u32>,
    /// The plans, from the file's `[[plans]]`; Basic, Pro and Team when none are given.
    #[arg(skip)]
    #[serde(default)]
    pub plans: Option<Vec<domain::plan::Plan>>,
    /// The company that runs the installation, for invoices by bank transfer (`[operator]`);
    /// without it, no invoice is offered.
    #[arg(skip)]
    #[serde(default)]
    pub operator: Option<Operator>,
    /// Keep uploaded files in this S3 bucket instead of the data directory (several
    /// instances then share them).
    #[arg(long, global = true, env = "PLENARY_S3_BUCKET")]
    pub s3_bucket: Option<String>,
    /// An S3-compatible endpoint, e.g. `https://storage.example.org`; default AWS.
    #[arg(long, global = true, env = "PLENARY_S3_ENDPOINT")]
    pub s3_endpoint: Option<String>,
    #[arg(long, global = true, env = "PLENARY_S3_REGION")]
    pub s3_region: Option<String>,
    /// Without keys, the usual AWS sources apply (`AWS_*` variables, instance roles).
    #[arg(long, global = true, env = "PLENARY_S3_ACCESS_KEY_ID")]
    pub s3_access_key_id: Option<String>,
    #[arg(long, global = true, env = "PLENARY_S3_SECRET_ACCESS_KEY")]
    pub s3_secret_access_key: Option<String>,
}

impl SettingsArgs {
    /// Fills each unset field from `lower`.
    fn or(self, lower: SettingsArgs) -> SettingsArgs {
        SettingsArgs {
            bind: self.bind.or(lower.bind),
            data_dir: self.data_dir.or(lower.data_dir),
            database_url: self.database_url.or(lower.database_url),
            public_url: self.public_url.or(lower.public_url),
            smtp_url: self.smtp_url.or(lower.smtp_url),
            mail_from: self.mail_from.or(lower.mail_from),
            log_format: self.log_format.or(lower.log_format),
            login_idle_minutes: self.login_idle_minutes.or(lower.login_idle_minutes),
            login_absolute_hours: self.login_absolute_hours.or(lower.login_absolute_hours),
            job_poll_ms: self.job_poll_ms.or(lower.job_poll_ms),
            trust_proxy: self.trust_proxy.or(lower.trust_proxy),
            clamd: self.clamd.or(lower.clamd),
            file_max_mb: self.file_max_mb.or(lower.file_max_mb),
            workspace_quota_mb: self.workspace_quota_mb.or(lower.workspace_quota_mb),
            copies_per_hour: self.copies_per_hour.or(lower.copies_per_hour),
            inactive_days: self.inactive_days.or(lower.inactive_days),
            inactive_notice_days: self.inactive_notice_days.or(lower.inactive_notice_days),
            legal_notice_days: self.legal_notice_days.or(lower.legal_notice_days),
            rate_per_minute: self.rate_per_minute.or(lower.rate_per_minute),
            ip_rate_per_minute: self.ip_rate_per_minute.or(lower.ip_rate_per_minute),
            limits: self.limits.or(lower.limits),
            signup_min_seconds: self.signup_min_seconds.or(lower.signup_min_seconds),
            export_wait_ms: self.export_wait_ms.or(lower.export_wait_ms),
            billing: self.billing.or(lower.billing),
            plans: self.plans.or(lower.plans),
            operator: self.operator.or(lower.operator),
            payment_provider: self.payment_provider.or(lower.payment_provider),
            stripe_secret_key: self.stripe_secret_key.or(lower.stripe_secret_key),
            stripe_webhook_secret: self.stripe_webhook_secret.or(lower.stripe_webhook_secret),
            stripe_api: self.stripe_api.or(lower.stripe_api),
            yookassa_shop_id: self.yookassa_shop_id.or(lower.yookassa_shop_id),
            yookassa_secret_key: self.yookassa_secret_key.or(lower.yookassa_secret_key),
            yookassa_api: self.yookassa_api.or(lower.yookassa_api),
            yookassa_vat_code: self.yookassa_vat_code.or(lower.yookassa_vat_code),
            yookassa_networks: self.yookassa_networks.or(lower.yookassa_networks),
            billing_grace_days: self.billing_grace_days.or(lower.billing_grace_days),
            cookie_domain: self.cookie_domain.or(lower.cookie_domain),
            consent_revision: self.consent_revision.or(lower.consent_revision),
            s3_bucket: self.s3_bucket.or(lower.s3_bucket),
            s3_endpoint: self.s3_endpoint.or(lower.s3_endpoint),
            s3_region: self.s3_region.or(lower.s3_region),
            s3_access_key_id: self.s3_access_key_id.or(lower.s3_access_key_id),
            s3_secret_access_key: self.s3_secret_access_key.or(lower.s3_secret_access_key),
        }
    }
}

/// One changed limit, `NAME=MAX/MINUTES`: its name, most hits and window in milliseconds.
fn parse_limit(text: &str) -> Result<(&str, i32, i64), String> {
    let bad = || format!("limits: {text:?} is not NAME=MAX/MINUTES, e.g. signin-ip=60/15");
    let (name, rest) = text.trim().split_once('=').ok_or_else(bad)?;
    let (max, minutes) = rest.split_once('/').ok_or_else(bad)?;
    let max: i32 = max.trim().parse().map_err(|_| bad())?;
    let minutes: i64 = minutes.trim().parse().map_err(|_| bad())?;
    if max < 1 || !(1..=10_080).contains(&minutes) {
        return Err(format!(
            "limits: {text:?} needs at least 1 and a window of 1 to 10080 minutes"
        ));
    }
    Ok((name.trim(), max, minutes * 60_000))
}

/// The changed limits, each well formed and given once. Whether each names a limit is checked
/// at the start, where the limits are known (`auth::throttle::check_names`).
fn checked_limits(limits: Vec<String>) -> Result<Vec<String>, ConfigError> {
    let mut seen = Vec::new();
    for text in limits.iter().filter(|l| !l.trim().is_empty()) {
        let (name, ..) = parse_limit(text).map_err(ConfigError::Invalid)?;
        if seen.contains(&name) {
            return Err(ConfigError::Invalid(format!(
                "limits: {name:?} is given twice"
            )));
        }
        seen.push(name);
    }
    Ok(limits
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// The effective settings.
#[derive(Clone, Serialize)]
pub struct Settings {
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub public_url: url::Url,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub log_format: LogFormat,
    pub login_idle_minutes: u64,
    pub login_absolute_hours: u64,
    pub job_poll_ms: u64,
    pub trust_proxy: bool,
    pub clamd: Option<crate::scan::Clamd>,
    pub file_max_mb: u64,
    pub workspace_quota_mb: u64,
    pub copies_per_hour: u32,
    /// Days without use after which an account is deleted (0: never), and the days before
    /// it that notices go, longest first, each shorter than the period.
    pub inactive_days: u32,
    pub inactive_notice_days: Vec<u32>,
    /// The fewest days between a legal document's publication and its date of effect.
    pub legal_notice_days: u32,
    pub rate_per_minute: u32,
    pub ip_rate_per_minute: u32,
    /// Changed limits, as `NAME=MAX/MINUTES`, each checked against `auth::throttle::ALL`.
    pub limits: Vec<String>,
    pub signup_min_seconds: u64,
    pub export_wait_ms: u64,
    /// How long without a look at an export's progress page counts as having left it: an
    /// export that finishes later than that after the last look is announced by email.
    pub export_left_ms: u64,
    /// Whether plans, limits and payments apply.
    pub billing: bool,
    /// Who takes card payments.
    pub payment_provider: PaymentProviderKind,
    /// Days paid features last past a term while a failed renewal is retried.
    pub billing_grace_days: u32,
    pub s3: Option<S3>,
    /// The plans, the free one first (`domain::plan::validate`).
    pub plans: Vec<domain::plan::Plan>,
    /// Who invoices organisations, when anyone does.
    pub operator: Option<Operator>,
    /// The domain cookies are set for, when not only the public URL's host.
    pub cookie_domain: Option<String>,
    /// The Cookie Policy's revision; choices made under an older one are asked again.
    pub consent_revision: u32,
}

/// The company that runs the installation, as its invoices and acts name it: its legal and
/// bank details, checked at the start like an organisation's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operator {
    /// "ООО «Пленари»".
    pub name: String,
    /// Its name in English documents; `name` when left out.
    #[serde(default)]
    pub name_en: Option<String>,
    pub inn: String,
    /// Empty for a sole trader.
    #[serde(default)]
    pub kpp: String,
    pub ogrn: String,
    pub address: String,
    #[serde(default)]
    pub address_en: Option<String>,
    pub bank: String,
    pub bik: String,
    pub account: String,
    pub correspondent_account: String,
    /// Who signs invoices and acts.
    pub head: String,
    /// The VAT rate in percent, when VAT is charged (20 is included in the price); none for
    /// an operator that charges none.
    #[serde(default)]
    pub vat_percent: Option<u8>,
}

impl Operator {
    /// Its details checked as an organisation's are; the first problem found, named.
    fn check(&self) -> Result<(), ConfigError> {
        use domain::requisites as r;
        let bad = |e: r::RequisiteError| ConfigError::Invalid(format!("operator: {e}"));
        r::inn(&self.inn).map_err(bad)?;
        if !self.kpp.is_empty() {
            r::kpp(&self.kpp).map_err(bad)?;
        }
        r::ogrn(&self.ogrn).map_err(bad)?;
        r::bik(&self.bik).map_err(bad)?;
        r::settlement_account(&self.account, &self.bik).map_err(bad)?;
        r::correspondent_account(&self.correspondent_account, &self.bik).map_err(bad)?;
        for (field, v) in [
            ("name", &self.name),
            ("address", &self.address),
            ("bank", &self.bank),
            ("head", &self.head),
        ] {
            if v.trim().is_empty() {
                return Err(ConfigError::Invalid(format!("operator: {field} is needed")));
            }
        }
        if self.vat_percent.is_some_and(|v| v > 30) {
            return Err(ConfigError::Invalid(
                "operator: vat_percent is a rate in percent, at most 30".into(),
            ));
        }
        Ok(())
    }
}

/// Who takes card payments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PaymentProviderKind {
    /// Plenary's own test page with test cards: no money moves.
    Sandbox,
    YooKassa(YooKassaSettings),
    Stripe(StripeSettings),
}

/// A Stripe account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StripeSettings {
    pub secret_key: String,
    pub webhook_secret: String,
    pub api: String,
}

/// A YooKassa shop's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YooKassaSettings {
    pub shop_id: String,
    pub secret_key: String,
    pub api: String,
    pub vat_code: u8,
    pub networks: Vec<String>,
}

fn yookassa(
    shop_id: Option<String>,
    secret_key: Option<String>,
    api: Option<String>,
    vat_code: Option<u8>,
    networks: Option<String>,
) -> Result<YooKassaSettings, ConfigError> {
    let bad = |what: &str| ConfigError::Invalid(format!("yookassa: {what}"));
    let shop_id = shop_id
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| bad("yookassa_shop_id is needed"))?;
    let secret_key = secret_key
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| bad("yookassa_secret_key is needed"))?;
    let vat_code = vat_code.unwrap_or(1);
    if !(1..=12).contains(&vat_code) {
        return Err(bad("yookassa_vat_code is one of YooKassa's codes, 1 to 12"));
    }
    let networks: Vec<String> = match networks {
        Some(list) => list
            .split(',')
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect(),
        None => crate::payments::yookassa::NETWORKS
            .iter()
            .map(|n| (*n).to_owned())
            .collect(),
    };
    for n in &networks {
        n.parse::<ipnet::IpNet>().map_err(|_| {
            bad(&format!(
                "{n:?} in yookassa_networks is not a network (a.b.c.d/n)"
            ))
        })?;
    }
    Ok(YooKassaSettings {
        shop_id,
        secret_key,
        api: api
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| crate::payments::yookassa::API.to_owned()),
        vat_code,
        networks,
    })
}

/// An S3 bucket for uploaded files.
#[derive(Clone, Serialize)]
pub struct S3 {
    pub bucket: String,
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted_toml())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the configuration file {path} is not valid: {source}")]
    Parse {
        path: PathBuf,
        source: toml::de::Error,
    },
    #[error("{0}")]
    Invalid(String),
}

/// The cookie domain, checked against the public URL: a browser refuses a cookie for a
/// domain its host is not in, so such a setting stops the start.
fn cookie_domain(
    given: Option<String>,
    public_url: &url::Url,
) -> Result<Option<String>, ConfigError> {
    let Some(domain) = given
        .map(|d| d.trim().trim_start_matches('.').to_ascii_lowercase())
        .filter(|d| !d.is_empty())
    else {
        return Ok(None);
    };
    let host = public_url
        .host_str()
        .unwrap_or_default()
        .to_ascii_lowercase();
    // A single label (`org`) is a top-level domain, for which browsers refuse cookies.
    if !domain.contains('.') && domain != host {
        return Err(ConfigError::Invalid(format!(
            "cookie_domain {domain} is a top-level domain: browsers would refuse its cookies"
        )));
    }
    if host == domain || host.ends_with(&format!(".{domain}")) {
        Ok(Some(domain))
    } else {
        Err(ConfigError::Invalid(format!(
            "cookie_domain {domain} does not contain the public URL's host {host}"
        )))
    }
}

impl Settings {
    /// Merges flags/env (`args`, as clap read them) over the optional file over defaults.
    pub fn load(args: SettingsArgs, file: Option<&Path>) -> Result<Self, ConfigError> {
        let from_file = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_owned(),
                    source,
                })?;
                toml::from_str(&text).map_err(|source| ConfigError::Parse {
                    path: path.to_owned(),
                    source,
                })?
            }
            None => SettingsArgs::default(),
        };
        Self::resolve(args.or(from_file))
    }

    fn resolve(a: SettingsArgs) -> Result<Self, ConfigError> {
        let bind = a
            .bind
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
        let data_dir = a.data_dir.unwrap_or_else(|| PathBuf::from("./data"));
        let database_url = a
            .database_url
            .unwrap_or_else(|| format!("sqlite:{}", data_dir.join("plenary.db").display()));
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError::Invalid(format!(
                "database_url must start with sqlite: or postgres:// (got {})",
                redact_url(&database_url)
            )));
        }
        let public_url = a.public_url.unwrap_or_else(|| format!("http://{bind}"));
        let public_url = url::Url::parse(&public_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .ok_or_else(|| {
                ConfigError::Invalid(format!("public_url is not an http(s) URL: {public_url}"))
            })?;
        let log_format = match a.log_format.as_deref().unwrap_or("text") {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(ConfigError::Invalid(format!(
                    "log_format must be text or json (got {other})"
                )));
            }
        };
        let mail_from = a.mail_from.unwrap_or_else(|| {
            format!(
                "Plenary <noreply@{}>",
                public_url.host_str().unwrap_or("localhost")
            )
        });
        let clamd = match a.clamd.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(c) => Some(crate::scan::Clamd::parse(c).map_err(ConfigError::Invalid)?),
        };
        let s3 = a
            .s3_bucket
            .filter(|b| !b.trim().is_empty())
            .map(|bucket| S3 {
                bucket,
                endpoint: a.s3_endpoint.filter(|e| !e.trim().is_empty()),
                region: a.s3_region.filter(|r| !r.trim().is_empty()),
                access_key_id: a.s3_access_key_id.filter(|k| !k.is_empty()),
                secret_access_key: a.s3_secret_access_key.filter(|k| !k.is_empty()),
            });
        let cookie_domain = cookie_domain(a.cookie_domain, &public_url)?;
        let inactive_days = a.inactive_days.unwrap_or(730);
        let mut inactive_notice_days = a.inactive_notice_days.unwrap_or_else(|| vec![30, 7]);
        inactive_notice_days.sort_unstable_by(|a, b| b.cmp(a));
        inactive_notice_days.dedup();
        if inactive_days > 0
            && inactive_notice_days
                .iter()
                .any(|&d| d == 0 || d >= inactive_days)
        {
            return Err(ConfigError::Invalid(format!(
                "inactive_notice_days: each notice goes 1 to {} days before the deletion",
                inactive_days - 1
            )));
        }
        let plans = a.plans.unwrap_or_else(domain::plan::default_plans);
        domain::plan::validate(&plans).map_err(|e| ConfigError::Invalid(format!("plans: {e}")))?;
        Ok(Self {
            s3,
            clamd,
            file_max_mb: a.file_max_mb.unwrap_or(25).clamp(1, 1024),
            workspace_quota_mb: a.workspace_quota_mb.unwrap_or(1024).max(1),
            copies_per_hour: a.copies_per_hour.unwrap_or(30).max(1),
            inactive_days,
            inactive_notice_days,
            legal_notice_days: a.legal_notice_days.unwrap_or(14).clamp(14, 365),
            rate_per_minute: a.rate_per_minute.unwrap_or(600).max(4),
            ip_rate_per_minute: a.ip_rate_per_minute.unwrap_or(3000).max(4),
            limits: checked_limits(a.limits.unwrap_or_default())?,
            signup_min_seconds: a.signup_min_seconds.unwrap_or(3).min(60),
            export_wait_ms: a.export_wait_ms.unwrap_or(1000).min(60_000),
            export_left_ms: 15_000,
            billing: a.billing.unwrap_or(true),
            payment_provider: match a.payment_provider.as_deref().map(str::trim) {
                None | Some("" | "sandbox") => PaymentProviderKind::Sandbox,
                Some("yookassa") => PaymentProviderKind::YooKassa(yookassa(
                    a.yookassa_shop_id,
                    a.yookassa_secret_key,
                    a.yookassa_api,
                    a.yookassa_vat_code,
                    a.yookassa_networks,
                )?),
                Some("stripe") => PaymentProviderKind::Stripe(StripeSettings {
                    secret_key: a
                        .stripe_secret_key
                        .filter(|s| !s.trim().is_empty())
                        .ok_or_else(|| {
                            ConfigError::Invalid("stripe: stripe_secret_key is needed".into())
                        })?,
                    webhook_secret: a
                        .stripe_webhook_secret
                        .filter(|s| !s.trim().is_empty())
                        .ok_or_else(|| {
                            ConfigError::Invalid("stripe: stripe_webhook_secret is needed".into())
                        })?,
                    api: a
                        .stripe_api
                        .filter(|s| !s.trim().is_empty())
                        .unwrap_or_else(|| crate::payments::stripe::API.to_owned()),
                }),
                Some(other) => {
                    return Err(ConfigError::Invalid(format!(
                        "payment_provider: {other:?} is not one Plenary knows (sandbox, yookassa, stripe)"
                    )));
                }
            },
            billing_grace_days: a.billing_grace_days.unwrap_or(7).clamp(6, 60),
            operator: match a.operator {
                Some(o) => {
                    o.check()?;
                    Some(o)
                }
                None => None,
            },
            plans,
            cookie_domain,
            consent_revision: a.consent_revision.unwrap_or(1).max(1),
            bind,
            data_dir,
            database_url,
            public_url,
            smtp_url: a.smtp_url.filter(|s| !s.trim().is_empty()),
            mail_from,
            log_format,
            login_idle_minutes: a.login_idle_minutes.unwrap_or(14 * 24 * 60).max(1),
            login_absolute_hours: a.login_absolute_hours.unwrap_or(30 * 24).max(1),
            job_poll_ms: a.job_poll_ms.unwrap_or(1000).clamp(10, 60_000),
            trust_proxy: a.trust_proxy.unwrap_or(false),
        })
    }

    /// True when people reach the service over TLS, so cookies can be `Secure`.
    pub fn is_https(&self) -> bool {
        self.public_url.scheme() == "https"
    }

    /// `scheme://host[:port]` of the public URL, as browsers send it in `Origin`.
    pub fn public_origin(&self) -> String {
        self.public_url.origin().ascii_serialization()
    }

    /// A link on this site: the public URL joined with `path`.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.public_url.as_str().trim_end_matches('/'), path)
    }

    /// The largest upload, in bytes.
    pub fn file_max_bytes(&self) -> u64 {
        self.file_max_mb.saturating_mul(1024 * 1024)
    }

    /// What each workspace may store, in bytes.
    pub fn quota_bytes(&self) -> i64 {
        i64::try_from(self.workspace_quota_mb.saturating_mul(1024 * 1024)).unwrap_or(i64::MAX)
    }

    /// Where uploads wait, on this machine, while they arrive and are checked.
    pub fn spool_dir(&self) -> PathBuf {
        self.data_dir.join("uploads")
    }

    pub fn login_idle_ms(&self) -> i64 {
        i64::try_from(self.login_idle_minutes.saturating_mul(60_000)).unwrap_or(i64::MAX)
    }

    pub fn login_absolute_ms(&self) -> i64 {
        i64::try_from(self.login_absolute_hours.saturating_mul(3_600_000)).unwrap_or(i64::MAX)
    }

    /// The settings as TOML with passwords in URLs replaced by `***`.
    /// The most hits and the window in milliseconds that configuration gives the limit
    /// `name`, if it changes it.
    pub fn limit(&self, name: &str) -> Option<(i32, i64)> {
        self.limits
            .iter()
            .filter_map(|l| parse_limit(l).ok())
            .find(|(n, ..)| *n == name)
            .map(|(_, max, window_ms)| (max, window_ms))
    }

    pub fn redacted_toml(&self) -> String {
        let mut shown = self.clone();
        shown.database_url = redact_url(&self.database_url);
        shown.smtp_url = self.smtp_url.as_deref().map(redact_url);
        match &mut shown.payment_provider {
            PaymentProviderKind::YooKassa(y) => y.secret_key = "***".to_owned(),
            PaymentProviderKind::Stripe(s) => {
                s.secret_key = "***".to_owned();
                s.webhook_secret = "***".to_owned();
            }
            PaymentProviderKind::Sandbox => {}
        }
        if let Some(s3) = &mut shown.s3
            && s3.secret_access_key.is_some()
        {
            s3.secret_access_key = Some("***".to_owned());
        }
        toml::to_string(&shown).unwrap_or_else(|e| format!("# cannot show settings: {e}"))
    }
}

/// Replaces the password of a URL, if it has one, with `***`.
pub fn redact_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => raw.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_nothing_configured_the_defaults_apply() {
        let s = Settings::load(SettingsArgs::default(), None).expect("defaults are valid");
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(s.database_url, "sqlite:./data/plenary.db");
        assert_eq!(s.public_url.as_str(), "http://127.0.0.1:8080/");
        assert!(s.smtp_url.is_none());
    }

    #[test]
    fn a_cookie_domain_must_contain_the_public_host() {
        let with = |public: &str, domain: &str| {
            Settings::load(
                SettingsArgs {
                    public_url: Some(public.into()),
                    cookie_domain: Some(domain.into()),
                    ..SettingsArgs::default()
                },
                None,
            )
        };
        let s = with("https://app.example.org", ".Example.org").expect("a parent domain");
        assert_eq!(s.cookie_domain.as_deref(), Some("example.org"));
        assert_eq!(s.consent_revision, 1);
        let s = with("https://example.org", "example.org").expect("the host itself");
        assert_eq!(s.cookie_domain.as_deref(), Some("example.org"));
        let err = with("https://app.example.org", "other.org").expect_err("refused");
        assert!(err.to_string().contains("other.org"), "{err}");
        assert!(with("https://badexample.org", "example.org").is_err());
        assert!(
            with("https://app.example.org", "org").is_err(),
            "a top-level domain"
        );
    }

    #[test]
    fn flags_and_env_beat_the_file_which_beats_defaults() {
        let dir = std::env::temp_dir().join(format!("plenary-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("plenary.toml");
        std::fs::write(
            &file,
            "bind = \"127.0.0.1:9000\"\ndata_dir = \"/srv/plenary\"\nmail_from = \"file@example.org\"\n",
        )
        .expect("write file");
        let flags = SettingsArgs {
            bind: Some("127.0.0.1:9999".parse().expect("addr")),
            ..SettingsArgs::default()
        };
        let s = Settings::load(flags, Some(&file)).expect("valid");
        assert_eq!(s.bind.to_string(), "127.0.0.1:9999");
        assert_eq!(s.data_dir, PathBuf::from("/srv/plenary"));
        assert_eq!(s.database_url, "sqlite:/srv/plenary/plenary.db");
        assert_eq!(s.mail_from, "file@example.org");
    }

    #[test]
    fn an_operator_comes_from_the_file_and_a_wrong_number_in_it_stops_the_start_naming_it() {
        let dir =
            std::env::temp_dir().join(format!("plenary-config-operator-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("plenary.toml");
        let operator = |inn: &str| {
            format!(
                "[operator]\nname = \"ООО «Пленари»\"\ninn = \"{inn}\"\nkpp = \"770401001\"\nogrn = \"1027700229193\"\n\
                 address = \"Москва\"\nbank = \"ПАО Сбербанк\"\nbik = \"044525225\"\naccount = \"40702810438000034726\"\n\
                 correspondent_account = \"30101810400000000225\"\nhead = \"Петров П. П.\"\n"
            )
        };
        std::fs::write(&file, operator("7736207543")).expect("write");
        let s = Settings::load(SettingsArgs::default(), Some(&file)).expect("valid");
        assert_eq!(s.operator.map(|o| o.inn), Some("7736207543".to_owned()));
        std::fs::write(&file, operator("7736207544")).expect("write");
        let refused = Settings::load(SettingsArgs::default(), Some(&file))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(refused.contains("operator: inn"), "{refused}");
        assert!(
            Settings::load(SettingsArgs::default(), None)
                .expect("valid")
                .operator
                .is_none(),
            "no operator, no invoices"
        );
    }

    #[test]
    fn plans_come_from_the_file_or_ship_as_three_and_bad_ones_stop_the_start() {
        let dir = std::env::temp_dir().join(format!("plenary-config-plans-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("plenary.toml");
        let defaults = Settings::load(SettingsArgs::default(), None).expect("valid");
        assert!(defaults.billing);
        assert_eq!(
            defaults
                .plans
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>(),
            ["basic", "pro", "team"]
        );
        // The settings as shown read back as the same plans.
        let shown: toml::Value = toml::from_str(&defaults.redacted_toml()).expect("TOML");
        assert_eq!(
            shown["plans"][1]["prices"][0]["currency"].as_str(),
            Some("RUB")
        );
        std::fs::write(
            &file,
            r#"billing = false

[[plans]]
id = "free"
name = { en = "Free", ru = "Бесплатный" }
limits = { active_sessions = 3, features = ["exports"] }

[[plans]]
id = "studio"
name = { en = "Studio", ru = "Студия" }
prices = [
  { currency = "RUB", monthly = 50000, annual = 500000 },
  { currency = "EUR", monthly = 900, annual = 9000 },
]
limits = { features = ["run_mode", "exports", "public_links", "custom_fields"] }
"#,
        )
        .expect("write");
        let s = Settings::load(SettingsArgs::default(), Some(&file)).expect("valid");
        assert!(!s.billing);
        assert_eq!(s.plans.len(), 2);
        assert_eq!(s.plans[0].limits.active_sessions, Some(3));
        assert_eq!(s.plans[1].prices[1].annual, 9000);
        assert_eq!(s.plans[1].limits.active_sessions, None);
        std::fs::write(
            &file,
            "[[plans]]\nid = \"pro\"\nname = { en = \"Pro\", ru = \"Про\" }\nprices = [{ currency = \"RUB\", monthly = 1, annual = 10 }]\n",
        )
        .expect("write");
        let refused = Settings::load(SettingsArgs::default(), Some(&file));
        assert!(
            matches!(&refused, Err(ConfigError::Invalid(m)) if m.contains("must be free")),
            "{refused:?}"
        );
    }

    #[test]
    fn inactivity_deletes_after_730_days_with_notices_30_and_7_days_before_unless_told() {
        let s = Settings::load(SettingsArgs::default(), None).expect("defaults");
        assert_eq!(
            (s.inactive_days, s.inactive_notice_days.clone()),
            (730, vec![30, 7])
        );
        let with = |days, notices: Vec<u32>| {
            Settings::load(
                SettingsArgs {
                    inactive_days: Some(days),
                    inactive_notice_days: Some(notices),
                    ..SettingsArgs::default()
                },
                None,
            )
        };
        let s = with(365, vec![7, 60, 7]).expect("sorted, once each");
        assert_eq!(s.inactive_notice_days, [60, 7]);
        let err = with(30, vec![30]).expect_err("a notice before the count starts");
        assert!(err.to_string().contains("inactive_notice_days"), "{err}");
        assert!(with(30, vec![0]).is_err(), "a notice on the day itself");
        assert!(with(0, vec![30]).is_ok(), "off: the notices do not matter");
    }

    #[test]
    fn a_limit_is_changed_by_its_name_and_a_malformed_one_stops_the_start() {
        let with = |limits: &[&str]| {
            Settings::load(
                SettingsArgs {
                    limits: Some(limits.iter().map(|l| (*l).to_owned()).collect()),
                    ..SettingsArgs::default()
                },
                None,
            )
        };
        let s = with(&["token-requests=100/30"]).expect("well formed");
        assert_eq!(s.limit("token-requests"), Some((100, 30 * 60_000)));
        assert_eq!(
            s.limit("signin-ip"),
            None,
            "a limit not named is not changed"
        );
        for (bad, says) in [
            (&["signin-ip=lots/15"][..], "NAME=MAX/MINUTES"),
            (&["signin-ip=0/15"], "at least 1"),
            (&["signin-ip=5/15", "signin-ip=6/15"], "twice"),
        ] {
            let err = with(bad).expect_err("refused");
            assert!(err.to_string().contains(says), "{bad:?}: {err}");
        }
    }

    #[test]
    fn an_unknown_key_in_the_file_is_an_error() {
        let dir = std::env::temp_dir().join(format!("plenary-config-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("plenary.toml");
        std::fs::write(&file, "bnid = \"127.0.0.1:9000\"\n").expect("write");
        assert!(matches!(
            Settings::load(SettingsArgs::default(), Some(&file)),
            Err(ConfigError::Parse { .. })
        ));
    }

    #[test]
    fn secrets_are_redacted_when_settings_are_shown() {
        let s = Settings::load(
            SettingsArgs {
                database_url: Some("postgres://plenary:hunter2secret@db/plenary".into()),
                smtp_url: Some("smtps://mailer:topsecret@mail.example.org".into()),
                payment_provider: Some("yookassa".into()),
                yookassa_shop_id: Some("shop-1".into()),
                yookassa_secret_key: Some("live_shopsecret".into()),
                ..SettingsArgs::default()
            },
            None,
        )
        .expect("valid");
        let shown = s.redacted_toml();
        assert!(
            !shown.contains("hunter2secret")
                && !shown.contains("topsecret")
                && !shown.contains("live_shopsecret"),
            "{shown}"
        );
        assert!(shown.contains("***"));
        assert!(!format!("{s:?}").contains("topsecret"));
    }

    #[test]
    fn yookassa_needs_its_shop_and_key_and_takes_notifications_from_its_networks_unless_told() {
        let with = |key: Option<&str>, networks: Option<&str>| {
            Settings::load(
                SettingsArgs {
                    payment_provider: Some("yookassa".into()),
                    yookassa_shop_id: Some("shop-1".into()),
                    yookassa_secret_key: key.map(str::to_owned),
                    yookassa_networks: networks.map(str::to_owned),
                    ..SettingsArgs::default()
                },
                None,
            )
        };
        let err = with(None, None)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("yookassa_secret_key is needed"), "{err}");
        let err = with(Some("k"), Some("10.0.0.0/8, nonsense"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("\"nonsense\" in yookassa_networks"), "{err}");
        let s = with(Some("k"), None).expect("valid");
        let PaymentProviderKind::YooKassa(y) = &s.payment_provider else {
            panic!("not YooKassa: {:?}", s.payment_provider);
        };
        assert_eq!(y.networks.len(), crate::payments::yookassa::NETWORKS.len());
        assert_eq!(
            (y.vat_code, y.api.as_str()),
            (1, crate::payments::yookassa::API)
        );
        let err = Settings::load(
            SettingsArgs {
                payment_provider: Some("paypal".into()),
                ..SettingsArgs::default()
            },
            None,
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(err.contains("\"paypal\" is not one Plenary knows"), "{err}");
        let stripe = Settings::load(
            SettingsArgs {
                payment_provider: Some("stripe".into()),
                stripe_secret_key: Some("sk_live_verysecret".into()),
                stripe_webhook_secret: Some("whsec_alsosecret".into()),
                ..SettingsArgs::default()
            },
            None,
        )
        .expect("valid");
        let shown = stripe.redacted_toml();
        assert!(
            !shown.contains("verysecret") && !shown.contains("alsosecret"),
            "{shown}"
        );
        let err = Settings::load(
            SettingsArgs {
                payment_provider: Some("stripe".into()),
                stripe_secret_key: Some("sk_test_1".into()),
                ..SettingsArgs::default()
            },
            None,
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(err.contains("stripe_webhook_secret is needed"), "{err}");
    }

    #[test]
    fn a_bad_database_url_is_refused_with_a_clear_message() {
        let err = Settings::load(
            SettingsArgs {
                database_url: Some("mysql://x".into()),
                ..SettingsArgs::default()
            },
            None,
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(err.contains("sqlite: or postgres://"), "{err}");
    }
}
