//! `TestApp`: the app on a fresh database, driven with `oneshot`, with a cookie jar per
//! browser and a real SMTP sink when a test needs email.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use plenary_server::config::{Settings, SettingsArgs};
use plenary_server::state::AppState;
use std::collections::HashMap;
use tower::ServiceExt;

pub mod clamd;
pub mod s3;
pub mod smtp;

pub struct TestApp {
    pub state: AppState,
    pub router: Router,
    pub smtp: Option<smtp::Sink>,
}

/// A browser: the cookies it holds, and the address it connects from (none unless told).
#[derive(Debug, Default, Clone)]
pub struct Browser {
    pub cookies: HashMap<String, String>,
    pub from: Option<std::net::SocketAddr>,
}

impl Browser {
    /// A browser without cookies that connects from `ip`.
    pub fn at(ip: &str) -> Self {
        Self {
            from: Some(std::net::SocketAddr::new(
                ip.parse().expect("an IP"),
                40_000,
            )),
            ..Self::default()
        }
    }
}

#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as text (lossy), and as it came.
    pub body: String,
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect()
    }
}

pub const PASSWORD: &str = "a quiet river at dawn";

pub struct Options {
    pub public_url: &'static str,
    pub smtp: bool,
    /// clamd to scan uploads with (`tcp://…`); none by default.
    pub clamd: Option<String>,
    pub workspace_quota_mb: Option<u64>,
    pub file_max_mb: Option<u64>,
    /// Copies (named versions, duplicates, designs, methods) one person may make an hour.
    pub copies_per_hour: Option<u32>,
    /// Requests a minute per login or token, and per address.
    pub rate_per_minute: Option<u32>,
    pub ip_rate_per_minute: Option<u32>,
    /// An S3 endpoint and bucket for files, instead of a folder.
    pub s3: Option<(String, String)>,
    /// How long a request waits for an export before it goes on as a job (0: never).
    pub export_wait_ms: Option<u64>,
    /// How long without a look at an export's page counts as having left it.
    pub export_left_ms: Option<u64>,
    /// `Some(false)` switches billing off.
    pub billing: Option<bool>,
    /// Plans instead of the shipped ones.
    pub plans: Option<Vec<domain::plan::Plan>>,
    /// Payments through YooKassa at this API address (a fake), as shop `shop-1` with key
    /// `test-secret`, its notifications taken from 127.0.0.0/8.
    pub yookassa_api: Option<String>,
    /// Payments through Stripe at this API address (a fake), with the secret key
    /// `sk_test_fake` and the webhook secret `whsec_fake`.
    pub stripe_api: Option<String>,
    /// The operator who invoices organisations (none: no invoices).
    pub operator: Option<plenary_server::config::Operator>,
    /// The domain cookies are set for.
    pub cookie_domain: Option<&'static str>,
    /// The Cookie Policy's revision.
    pub consent_revision: Option<u32>,
    /// Changed limits, as `NAME=MAX/MINUTES`.
    pub limits: Vec<&'static str>,
    /// The fewest seconds a registration form takes (0 here unless told, as tests type fast).
    pub signup_min_seconds: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:8080",
            smtp: false,
            clamd: None,
            workspace_quota_mb: None,
            file_max_mb: None,
            copies_per_hour: None,
            rate_per_minute: None,
            ip_rate_per_minute: None,
            s3: None,
            export_wait_ms: None,
            export_left_ms: None,
            billing: None,
            plans: None,
            yookassa_api: None,
            stripe_api: None,
            operator: None,
            cookie_domain: None,
            consent_revision: None,
            limits: Vec::new(),
            signup_min_seconds: 0,
        }
    }
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with(Options::default()).await
    }

    pub async fn with(options: Options) -> Self {
        let store = store::testing::fresh_store().await;
        let smtp = if options.smtp {
            Some(smtp::Sink::start().await)
        } else {
            None
        };
        let mut settings = Settings::load(
            SettingsArgs {
                public_url: Some(options.public_url.into()),
                smtp_url: smtp
                    .as_ref()
                    .map(|s| format!("smtp://127.0.0.1:{}", s.port)),
                mail_from: Some("Plenary <noreply@example.org>".into()),
                job_poll_ms: Some(20),
                // Uploaded files of each app go to a folder of their own.
                data_dir: Some(
                    std::env::temp_dir()
                        .join("plenary-tests")
                        .join(format!("app-{}", uuid::Uuid::now_v7())),
                ),
                clamd: options.clamd,
                workspace_quota_mb: options.workspace_quota_mb,
                file_max_mb: options.file_max_mb,
                copies_per_hour: options.copies_per_hour,
                rate_per_minute: options.rate_per_minute,
                ip_rate_per_minute: options.ip_rate_per_minute,
                s3_endpoint: options.s3.as_ref().map(|(e, _)| e.clone()),
                s3_bucket: options.s3.as_ref().map(|(_, b)| b.clone()),
                s3_region: options.s3.as_ref().map(|_| "us-east-1".to_owned()),
                s3_access_key_id: options.s3.as_ref().map(|_| "test".to_owned()),
                s3_secret_access_key: options.s3.as_ref().map(|_| "test-secret".to_owned()),
                // Unoptimised typst can take over the default second on a busy machine; the
                // tests of exports as jobs ask for 0.
                export_wait_ms: Some(options.export_wait_ms.unwrap_or(60_000)),
                billing: options.billing,
                plans: options.plans,
                operator: options.operator,
                cookie_domain: options.cookie_domain.map(str::to_owned),
                consent_revision: options.consent_revision,
                limits: Some(options.limits.iter().map(|l| (*l).to_owned()).collect()),
                signup_min_seconds: Some(options.signup_min_seconds),
                payment_provider: match (&options.yookassa_api, &options.stripe_api) {
                    (Some(_), _) => Some("yookassa".to_owned()),
                    (None, Some(_)) => Some("stripe".to_owned()),
                    (None, None) => None,
                },
                stripe_secret_key: options
                    .stripe_api
                    .as_ref()
                    .map(|_| "sk_test_fake".to_owned()),
                stripe_webhook_secret: options.stripe_api.as_ref().map(|_| "whsec_fake".to_owned()),
                stripe_api: options.stripe_api,
                yookassa_shop_id: options.yookassa_api.as_ref().map(|_| "shop-1".to_owned()),
                yookassa_secret_key: options
                    .yookassa_api
                    .as_ref()
                    .map(|_| "test-secret".to_owned()),
                yookassa_networks: options
                    .yookassa_api
                    .as_ref()
                    .map(|_| "127.0.0.0/8".to_owned()),
                yookassa_api: options.yookassa_api,
                ..SettingsArgs::default()
            },
            None,
        )
        .expect("settings");
        if let Some(ms) = options.export_left_ms {
            settings.export_left_ms = ms;
        }
        let state = plenary_server::app_state(settings, store).expect("state");
        let router = plenary_server::build_app(state.clone());
        Self {
            state,
            router,
            smtp,
        }
    }

    /// A second instance of the service on the same database, with limits of its own.
    pub fn another_instance(&self) -> Self {
        let state =
            plenary_server::app_state((*self.state.settings).clone(), self.state.store.clone())
                .expect("state");
        Self {
            router: plenary_server::build_app(state.clone()),
            state,
            smtp: None,
        }
    }

    /// Sends a request as `browser`, storing the cookies it gets back.
    pub async fn send(&self, browser: &mut Browser, mut req: Request<Body>) -> TestResponse {
        if let Some(addr) = browser.from {
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(addr));
        }
        if !browser.cookies.is_empty() {
            let cookie = browser
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            req.headers_mut().insert(
                header::COOKIE,
                HeaderValue::from_str(&cookie).expect("cookie"),
            );
        }
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        let response = TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        };
        for c in response.set_cookies() {
            let pair = c.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                let removed = c.contains("Max-Age=0") || value.is_empty();
                if removed {
                    browser.cookies.remove(name);
                } else {
                    browser.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        response
    }

    pub async fn get(&self, browser: &mut Browser, path: &str) -> TestResponse {
        self.get_with(browser, path, &[]).await
    }

    pub async fn get_with(
        &self,
        browser: &mut Browser,
        path: &str,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let mut req = Request::builder().method(Method::GET).uri(path);
        for (k, v) in headers {
            req = req.header(HeaderName::from_bytes(k.as_bytes()).expect("name"), *v);
        }
        self.send(browser, req.body(Body::empty()).expect("request"))
            .await
    }

    /// A same-origin form post, as a browser sends it.
    pub async fn post_form(
        &self,
        browser: &mut Browser,
        path: &str,
        fields: &[(&str, &str)],
    ) -> TestResponse {
        self.post_form_with(browser, path, fields, &[("sec-fetch-site", "same-origin")])
            .await
    }

    pub async fn post_form_with(
        &self,
        browser: &mut Browser,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (k, v) in headers {
            req = req.header(HeaderName::from_bytes(k.as_bytes()).expect("name"), *v);
        }
        self.send(browser, req.body(Body::from(body)).expect("request"))
            .await
    }

    /// A JSON request, optionally with a bearer token.
    pub async fn api(
        &self,
        browser: &mut Browser,
        method: Method,
        path: &str,
        body: Option<serde_json::Value>,
        token: Option<&str>,
    ) -> TestResponse {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let body = match body {
            Some(v) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        self.send(browser, req.body(body).expect("request")).await
    }

    /// Posts a registration form to `path` as a browser does: with the stamp of the form it
    /// was shown.
    pub async fn post_registration(
        &self,
        browser: &mut Browser,
        path: &str,
        fields: &[(&str, &str)],
    ) -> TestResponse {
        let page = self.get(browser, "/register").await;
        let stamp = input_value(&page.body, "form_stamp");
        let mut all = fields.to_vec();
        all.push(("form_stamp", &stamp));
        self.post_form(browser, path, &all).await
    }

    /// Registers through the form and returns the signed-in browser.
    pub async fn register(&self, email: &str) -> Browser {
        let mut b = Browser::default();
        let res = self
            .post_registration(
                &mut b,
                "/register",
                &[
                    ("first_name", "Anna"),
                    ("last_name", "Petrova"),
                    ("email", email),
                    ("phone", ""),
                    ("password", PASSWORD),
                    ("accept_terms", "on"),
                    ("accept_consent", "on"),
                    ("time_zone", "Europe/Moscow"),
                ],
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "registration failed: {}",
            res.body
        );
        b
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> (Browser, TestResponse) {
        let mut b = Browser::default();
        let res = self
            .post_form(
                &mut b,
                "/signin",
                &[("email", email), ("password", password)],
            )
            .await;
        (b, res)
    }

    /// True when `browser` is signed in (the API answers /me).
    pub async fn signed_in(&self, browser: &mut Browser) -> bool {
        self.api(browser, Method::GET, "/api/v1/me", None, None)
            .await
            .status
            == StatusCode::OK
    }

    /// Makes the waiting jobs of `kind` due, then runs every due job: what the worker does once
    /// their time comes.
    pub async fn run_waiting_jobs(&self, kind: domain::job::JobKind) {
        self.state.store.make_jobs_due(kind).await.expect("due");
        self.run_jobs().await;
    }

    /// Runs every due job now, as the worker would.
    pub async fn run_jobs(&self) {
        while let Some(job) = self.state.store.claim_job(60_000).await.expect("claim") {
            plenary_server::jobs::run_one(&self.state, job).await;
        }
    }

    /// Gives `workspace` the Pro plan for a month, as an administrator would: every feature
    /// (custom fields among them) for tests about something else.
    pub async fn grant_pro(&self, workspace: domain::WorkspaceId) {
        self.state
            .store
            .grant_plan(
                workspace,
                "pro",
                domain::plan::Period::Month,
                store::now_ms() + 30 * store::DAY_MS,
                None,
                "a test that uses every feature",
            )
            .await
            .expect("granted");
    }

    /// The subscription of `workspace`, which must have one.
    pub async fn subscription(&self, workspace: domain::WorkspaceId) -> store::SubscriptionRow {
        self.state
            .store
            .subscription(workspace)
            .await
            .expect("read")
            .expect("a subscription")
    }

    /// The workspace the account at `email` works in.
    pub async fn workspace_of(&self, email: &str) -> domain::WorkspaceId {
        let email = domain::Email::parse(email).expect("email");
        let user = self
            .state
            .store
            .user_by_email(&email)
            .await
            .expect("read")
            .expect("an account");
        self.state
            .store
            .current_workspace(user.id)
            .await
            .expect("workspace")
            .id
    }

    /// The newest outbox email to `to`.
    pub async fn last_mail_to(&self, to: &str) -> store::Mail {
        self.state
            .store
            .recent_mail(100)
            .await
            .expect("mail")
            .into_iter()
            .find(|m| m.to == to)
            .unwrap_or_else(|| panic!("no email to {to}"))
    }

    /// A new API token of `browser`'s account with `scopes` (`read` always), made as the
    /// security page makes it, right after signing in: its secret.
    pub async fn token(&self, browser: &mut Browser, scopes: &[&str]) -> String {
        let res = self
            .api(
                browser,
                Method::POST,
                "/api/v1/me/tokens",
                Some(serde_json::json!({"name": "test", "scopes": scopes})),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "token: {}", res.body);
        res.json()["secret"].as_str().expect("secret").to_owned()
    }

    /// Registers `email` and confirms the address from its emailed link: the signed-in browser.
    pub async fn register_confirmed(&self, email: &str) -> Browser {
        let mut b = self.register(email).await;
        self.confirm_email(&mut b, email).await;
        b
    }

    /// Follows the confirmation link in the newest email to `email`, as `browser`.
    pub async fn confirm_email(&self, browser: &mut Browser, email: &str) {
        let mail = self
            .state
            .store
            .recent_mail(100)
            .await
            .expect("mail")
            .into_iter()
            .find(|m| m.to == email && m.text_body.contains("/confirm-email/"))
            .unwrap_or_else(|| panic!("no confirmation email to {email}"));
        let path = link_path(&mail.text_body, "/confirm-email/");
        let res = self.post_form(browser, &path, &[]).await;
        assert_eq!(res.location(), "/?notice=email-confirmed", "{}", res.body);
    }

    /// The person at `email` (signed in afresh, with the tests' password) accepts the
    /// invitation in the newest email to them, through its link: where it led.
    pub async fn accept_invitation(&self, email: &str) -> String {
        let link = link_path(&self.last_mail_to(email).await.text_body, "/invitations/");
        let (mut invitee, _) = self.sign_in(email, PASSWORD).await;
        let res = self.post_form(&mut invitee, &link, &[]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        res.location()
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    pub async fn make_admin(&self, email: &str) {
        let user = self
            .state
            .store
            .user_by_email(&domain::Email::parse(email).expect("email"))
            .await
            .expect("q")
            .expect("user");
        self.state
            .store
            .set_admin(user.id, true)
            .await
            .expect("admin");
    }
}

/// The path of the first link to this site in `text`, e.g. `/confirm-email/TOKEN`.
pub fn link_path(text: &str, prefix: &str) -> String {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} link in: {text}"));
    text[start..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}

pub fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Serves `router` on 127.0.0.1 in this process, for the fakes of outside services: its
/// address.
pub async fn serve_local(router: axum::Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

/// The value of the input named `name` in a page.
pub fn input_value(body: &str, name: &str) -> String {
    let at = body
        .find(&format!(r#"name="{name}" value=""#))
        .unwrap_or_else(|| panic!("no input {name} in {body}"));
    let rest = &body[at + name.len() + 15..];
    rest[..rest.find('"').expect("the value ends")].to_owned()
}
