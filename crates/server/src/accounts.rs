//! Account use cases shared by the HTML pages and the JSON API: each parses its input,
//! checks throttles, calls the store and queues emails. Doors only translate requests and
//! render the outcome.

use crate::auth::throttle;
use crate::auth::{Client, SignedIn, TOKEN_PREFIX, new_secret, password};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::state::AppState;
use domain::legal::Document;
use domain::{
    Credential, Email, FieldError, Locale, LoginId, NewPassword, PersonName, Phone, Scopes,
    TimeZoneName, TokenName, UserId,
};
use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::Deserialize;
use sha2::Sha256;
use store::{ApiToken, EmailToken, EmailTokenPurpose, NewUser, ProfileUpdate, User};
use utoipa::ToSchema;

const HOUR_MS: i64 = 3_600_000;

/// One kind of emailed link: what its token is for, where it leads, how long it lasts and
/// the messages of its email.
struct LinkKind {
    purpose: EmailTokenPurpose,
    path: &'static str,
    lifetime_ms: i64,
    subject: &'static str,
    lines: &'static [&'static str],
    action: &'static str,
}

const CONFIRM_LINK: LinkKind = LinkKind {
    purpose: EmailTokenPurpose::Confirm,
    path: "/confirm-email/",
    lifetime_ms: 48 * HOUR_MS,
    subject: "mail-confirm-subject",
    lines: &["mail-confirm-body", "mail-confirm-expiry"],
    action: "mail-confirm-action",
};

const RESET_LINK: LinkKind = LinkKind {
    purpose: EmailTokenPurpose::Reset,
    path: "/reset-password/",
    lifetime_ms: HOUR_MS,
    subject: "mail-reset-subject",
    lines: &["mail-reset-body", "mail-reset-expiry"],
    action: "mail-reset-action",
};

const CHANGE_LINK: LinkKind = LinkKind {
    purpose: EmailTokenPurpose::Change,
    path: "/confirm-email-change/",
    lifetime_ms: 48 * HOUR_MS,
    subject: "mail-change-subject",
    lines: &["mail-change-body", "mail-confirm-expiry"],
    action: "mail-change-action",
};

/// A new link of `kind` for the person at `to`: the hash of its secret and its email.
fn link_mail(
    state: &AppState,
    kind: &LinkKind,
    tr: Tr,
    to: &str,
    first_name: &str,
) -> anyhow::Result<(Vec<u8>, store::NewMail)> {
    let (secret, hash) = new_secret();
    let mail = Compose {
        unsubscribe: None,
        tr,
        to,
        // The store names the account the link is for.
        user: None,
        sender: None,
        first_name,
        subject: tr.t(kind.subject),
        lines: kind.lines.iter().map(|k| tr.t(k)).collect(),
        action: Some((
            tr.t(kind.action),
            state.settings.link(&format!("{}{secret}", kind.path)),
        )),
    }
    .render()?;
    Ok((hash, mail))
}

fn link_token<'a>(kind: &LinkKind, hash: &'a [u8], email: &'a str) -> EmailToken<'a> {
    EmailToken {
        hash,
        purpose: kind.purpose,
        email,
        expires_at: store::now_ms() + kind.lifetime_ms,
    }
}

/// Sends a link of `kind` to `to` for `user` (the previous link of that kind stops working).
async fn send_link(
    state: &AppState,
    kind: &LinkKind,
    user: &User,
    to: &str,
) -> Result<(), AppError> {
    let (hash, mail) = link_mail(state, kind, Tr::new(user.locale()), to, &user.first_name)?;
    state
        .store
        .issue_email_token(user.id, &link_token(kind, &hash, to), &mail)
        .await?;
    Ok(())
}

/// A token the store cannot find (unknown, used or expired) makes the link `link_invalid`.
fn link_error(e: store::StoreError) -> AppError {
    match e {
        store::StoreError::NotFound => AppError::LinkInvalid,
        other => other.into(),
    }
}

/// What someone types to create an account.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct RegisterInput {
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub password: String,
    /// Must be true: the User Agreement and Privacy Policy in force are accepted.
    #[serde(default, deserialize_with = "crate::forms::checkbox")]
    #[schema(value_type = bool)]
    pub accept_terms: bool,
    /// Must be true: the separate consent to personal data processing in force is given.
    #[serde(default, deserialize_with = "crate::forms::checkbox")]
    #[schema(value_type = bool)]
    pub accept_consent: bool,
    /// IANA time zone of the browser, e.g. `Europe/Moscow`; UTC when absent.
    #[serde(default)]
    pub time_zone: String,
}

/// The longest a registration form may stay open: a stamp older than this may have been
/// copied by a program, so the form is shown again with a new one.
const FORM_STAMP_MS: i64 = 24 * HOUR_MS;

async fn form_key(store: &store::Store) -> store::Result<Vec<u8>> {
    let mut candidate = [0u8; 32];
    rand::rng().fill_bytes(&mut candidate);
    store
        .installation_secret("registration-form", &candidate)
        .await
}

/// The MAC of a stamp: when the form was shown, and to which network (a stamp taken to
/// another network is not ours).
fn stamp_mac(key: &[u8], shown_ms: i64, network: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(b"registration-form:");
    mac.update(shown_ms.to_string().as_bytes());
    mac.update(b":");
    mac.update(network.as_bytes());
    mac
}

/// The stamp a registration form carries: when it was shown and to which network, with a
/// MAC so that no program can make one up or carry it elsewhere. `kept` is the stamp the form
/// came back with, kept when it is ours and not too old, so a person fixing a mistake does
/// not wait again.
pub async fn form_stamp(state: &AppState, client: &Client, kept: &str) -> Result<String, AppError> {
    let key = form_key(&state.store).await?;
    let network = throttle::network(&client.ip);
    if stamp_shown(&key, &network, kept)
        .is_some_and(|shown| store::now_ms() - shown < FORM_STAMP_MS)
    {
        return Ok(kept.to_owned());
    }
    let now = store::now_ms();
    Ok(format!(
        "{now}.{}",
        hex::encode(&stamp_mac(&key, now, &network).finalize().into_bytes()[..16])
    ))
}

/// When a stamp we made for `network` says its form was shown; `None` for one we did not make.
fn stamp_shown(key: &[u8], network: &str, stamp: &str) -> Option<i64> {
    let (shown, tag) = stamp.split_once('.')?;
    let shown: i64 = shown.parse().ok()?;
    let tag = hex::decode(tag).ok().filter(|t| t.len() == 16)?;
    stamp_mac(key, shown, network)
        .verify_truncated_left(&tag)
        .ok()
        .map(|()| shown)
}

/// Refuses ([`AppError::Automated`]) a registration form a program sent: the field people
/// never see filled in, a stamp missing or not ours, or sent sooner than
/// `signup_min_seconds` after the form was shown or a day or more later.
pub async fn check_form(
    state: &AppState,
    client: &Client,
    stamp: &str,
    trap: &str,
) -> Result<(), AppError> {
    let key = form_key(&state.store).await?;
    let network = throttle::network(&client.ip);
    // Another instance's clock a little ahead makes no form younger than nothing.
    let age = stamp_shown(&key, &network, stamp).map(|shown| (store::now_ms() - shown).max(0));
    let min_ms = i64::try_from(state.settings.signup_min_seconds * 1000).unwrap_or(i64::MAX);
    match age {
        Some(age) if trap.is_empty() && (min_ms..FORM_STAMP_MS).contains(&age) => Ok(()),
        _ => {
            metrics::counter!("plenary_registrations_refused_total").increment(1);
            Err(AppError::Automated)
        }
    }
}

/// A new login: the account and the secret for its cookie.
#[derive(Debug)]
pub struct NewLogin {
    pub user: User,
    pub login: LoginId,
    pub secret: String,
}

async fn start_login(state: &AppState, user: User, client: &Client) -> Result<NewLogin, AppError> {
    // A blocked account learns it only with its right password, and gets no login.
    if user.blocked_at.is_some() {
        return Err(AppError::Blocked);
    }
    let (secret, hash) = new_secret();
    let expires_at = store::now_ms() + state.settings.login_absolute_ms();
    let login = state
        .store
        .create_login(user.id, &hash, &client.user_agent, &client.ip, expires_at)
        .await?;
    Ok(NewLogin {
        user,
        login,
        secret,
    })
}

/// Creates the account, its personal workspace and a login, and sends the confirmation
/// email. The account's language is the one the person registered in.
pub async fn register(
    state: &AppState,
    input: &RegisterInput,
    tr: Tr,
    client: &Client,
) -> Result<NewLogin, AppError> {
    throttle::REGISTER_PER_IP.hit(state, &client.ip).await?;
    throttle::REGISTER_PER_NETWORK
        .hit(state, &throttle::network(&client.ip))
        .await?;
    let mut errors = FieldErrors::default();
    let first_name = errors.take("first_name", PersonName::parse(&input.first_name));
    let last_name = errors.take("last_name", PersonName::parse(&input.last_name));
    let email = errors.take("email", Email::parse(&input.email));
    let phone = errors.take("phone", Phone::parse_optional(&input.phone));
    let context = [
        input.email.as_str(),
        input.first_name.as_str(),
        input.last_name.as_str(),
    ];
    let password = errors.take(
        "password",
        NewPassword::parse_for(&input.password, &context),
    );
    if !input.accept_terms {
        errors.push("accept_terms", FieldError::Required);
    }
    if !input.accept_consent {
        errors.push("accept_consent", FieldError::Required);
    }
    let time_zone = TimeZoneName::parse(&input.time_zone).unwrap_or_else(|_| TimeZoneName::utc());
    errors.finish()?;
    let (Some(first_name), Some(last_name), Some(email), Some(phone), Some(password)) =
        (first_name, last_name, email, phone, password)
    else {
        return Err(AppError::BadRequest("incomplete".into()));
    };
    let password_hash = password::hash(password.expose().to_owned()).await?;
    // The versions in force now are the ones accepted.
    let documents = state.legal.published().await?;
    let now = store::now_ms();
    let number = |d| {
        documents
            .in_force(d, now)
            .map_or_else(String::new, |v| v.number.to_string())
    };
    let (hash, mail) = link_mail(
        state,
        &CONFIRM_LINK,
        tr,
        email.as_str(),
        first_name.as_str(),
    )?;
    let new = NewUser {
        email: email.clone(),
        password_hash,
        first_name: first_name.as_str().to_owned(),
        last_name: last_name.as_str().to_owned(),
        phone: phone.map(|p| p.as_str().to_owned()),
        locale: tr.locale,
        time_zone: time_zone.as_str().to_owned(),
        is_admin: false,
        terms_version: number(Document::Terms),
        privacy_version: number(Document::Privacy),
        confirmed: false,
        accepts: documents.to_accept(now),
        // A version announced but not in force yet is news to them.
        seen_documents_until: Some(documents.seen_at_registration(now)),
    };
    let token = link_token(&CONFIRM_LINK, &hash, email.as_str());
    let user = state.store.create_user(&new, Some((&token, &mail))).await?;
    tracing::info!(user = %user.id, "account registered");
    start_login(state, user, client).await
}

/// Signs in with email and password. Unknown addresses and wrong passwords get the same
/// answer after the same work, and both count against the throttles. A login the browser
/// held before ends: a new sign-in never leaves an old session id alive.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    viewer: &crate::auth::Viewer,
) -> Result<NewLogin, AppError> {
    let client = &viewer.client;
    throttle::SIGN_IN_PER_IP.hit(state, &client.ip).await?;
    let Ok(email) = Email::parse(email) else {
        password::dummy_verify(password.to_owned()).await;
        return Err(AppError::InvalidCredentials);
    };
    throttle::SIGN_IN_PER_ACCOUNT
        .check(state, email.as_str())
        .await?;
    let user = state.store.user_by_email(&email).await?;
    let ok = match &user {
        Some(u) => password::verify(password.to_owned(), u.password_hash.clone()).await,
        None => {
            password::dummy_verify(password.to_owned()).await;
            false
        }
    };
    match user {
        Some(user) if ok => {
            throttle::SIGN_IN_PER_ACCOUNT
                .clear(state, email.as_str())
                .await?;
            sign_out(state, viewer).await?;
            start_login(state, user, client).await
        }
        _ => {
            throttle::SIGN_IN_PER_ACCOUNT
                .hit(state, email.as_str())
                .await?;
            Err(AppError::InvalidCredentials)
        }
    }
}

/// Ends the viewer's login on the server; a login already gone is not an error.
pub async fn sign_out(state: &AppState, viewer: &crate::auth::Viewer) -> Result<(), AppError> {
    if let (Some(user), Some(login)) = (&viewer.user, viewer.login) {
        match state.store.revoke_login(user.id, login).await {
            Ok(()) | Err(store::StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Signs the account out everywhere: every login and every API token ends, and their live
/// connections close on every instance.
pub async fn sign_out_everywhere(state: &AppState, user: &User) -> Result<(), AppError> {
    state.store.revoke_all_credentials(user.id).await?;
    Ok(())
}

/// Checks the account's current password, as a change of password or address or a new token
/// asks. Every attempt is counted before the check, so parallel guesses cannot slip past the
/// throttle; a right password clears the count.
pub async fn check_password(state: &AppState, user: &User, current: &str) -> Result<(), AppError> {
    let subject = user.id.to_string();
    throttle::PASSWORD_CHECK_PER_ACCOUNT
        .hit(state, &subject)
        .await?;
    if password::verify(current.to_owned(), user.password_hash.clone()).await {
        throttle::PASSWORD_CHECK_PER_ACCOUNT
            .clear(state, &subject)
            .await?;
        Ok(())
    } else {
        Err(AppError::WrongPassword)
    }
}

/// Sends a new confirmation link (the old one stops working).
pub async fn resend_confirmation(state: &AppState, user: &User) -> Result<(), AppError> {
    if user.is_confirmed() {
        return Ok(());
    }
    throttle::EMAIL_PER_ACCOUNT
        .hit(state, &user.id.to_string())
        .await?;
    send_link(state, &CONFIRM_LINK, user, &user.email).await
}

pub async fn confirm_email(state: &AppState, secret: &str) -> Result<UserId, AppError> {
    state
        .store
        .confirm_email(&crate::auth::hash_secret(secret))
        .await
        .map_err(link_error)
}

/// The job that sends a password reset link, when the address has an account.
pub const RESET_JOB: domain::job::JobKind = domain::job::JobKind::SendResetLink;

/// Asks for a reset link for `email`. Whether the address has an account or not, the request
/// does the same work (a throttle and a queued job), so neither its answer nor its time tells;
/// the job looks the address up and sends the link.
pub async fn request_reset(state: &AppState, email: &str, client: &Client) -> Result<(), AppError> {
    throttle::RESET_PER_IP.hit(state, &client.ip).await?;
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    state
        .store
        .enqueue_job(&store::NewJob::new(
            RESET_JOB,
            serde_json::json!({ "email": email.as_str() }),
        ))
        .await?;
    Ok(())
}

/// The reset job: a link to the account with this address, if there is one and it has not
/// asked too often.
pub async fn reset_job(state: &AppState, payload: &str) -> anyhow::Result<()> {
    #[derive(Deserialize)]
    struct Payload {
        email: String,
    }
    let p: Payload = serde_json::from_str(payload)?;
    let Ok(email) = Email::parse(&p.email) else {
        return Ok(());
    };
    let Some(user) = state.store.user_by_email(&email).await? else {
        return Ok(());
    };
    if throttle::RESET_PER_ACCOUNT
        .hit(state, &user.id.to_string())
        .await
        .is_err()
    {
        return Ok(());
    }
    send_link(state, &RESET_LINK, &user, &user.email)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// True when a reset link can still be used (for showing its form).
pub async fn reset_link_valid(state: &AppState, secret: &str) -> Result<bool, AppError> {
    Ok(state
        .store
        .peek_email_token(&crate::auth::hash_secret(secret), EmailTokenPurpose::Reset)
        .await?
        .is_some())
}

/// Sets a new password from a reset link and ends every login of the account.
pub async fn reset_password(
    state: &AppState,
    secret: &str,
    new_password: &str,
) -> Result<UserId, AppError> {
    let Some((user, _)) = state
        .store
        .peek_email_token(&crate::auth::hash_secret(secret), EmailTokenPurpose::Reset)
        .await?
    else {
        return Err(AppError::LinkInvalid);
    };
    let user = state.store.user(user).await?;
    let password = NewPassword::parse_for(new_password, &context_of(&user))
        .map_err(|e| AppError::Validation(vec![("new_password", e)]))?;
    let hash = password::hash(password.expose().to_owned()).await?;
    state
        .store
        .reset_password(&crate::auth::hash_secret(secret), &hash)
        .await
        .map_err(link_error)
}

/// The editable profile.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ProfileInput {
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub phone: String,
    /// `en` or `ru`.
    #[serde(default)]
    pub locale: String,
    /// An IANA time zone name.
    #[serde(default)]
    pub time_zone: String,
}

pub async fn update_profile(
    state: &AppState,
    user: &User,
    input: &ProfileInput,
) -> Result<User, AppError> {
    let mut errors = FieldErrors::default();
    let first_name = errors.take("first_name", PersonName::parse(&input.first_name));
    let last_name = errors.take("last_name", PersonName::parse(&input.last_name));
    let phone = errors.take("phone", Phone::parse_optional(&input.phone));
    let locale = errors.take("locale", Locale::parse(&input.locale));
    let time_zone = errors.take("time_zone", TimeZoneName::parse(&input.time_zone));
    errors.finish()?;
    let (Some(first_name), Some(last_name), Some(phone), Some(locale), Some(time_zone)) =
        (first_name, last_name, phone, locale, time_zone)
    else {
        return Err(AppError::BadRequest("incomplete".into()));
    };
    let update = ProfileUpdate {
        first_name: first_name.as_str().to_owned(),
        last_name: last_name.as_str().to_owned(),
        phone: phone.map(|p| p.as_str().to_owned()),
        locale,
        time_zone: time_zone.as_str().to_owned(),
    };
    Ok(state.store.update_profile(user.id, &update).await?)
}

/// The words a person's password must not be built from: their address and names.
fn context_of(user: &User) -> [&str; 3] {
    [
        user.email.as_str(),
        user.first_name.as_str(),
        user.last_name.as_str(),
    ]
}

/// A change of password: the current one, the new one, and whether the account's API tokens
/// go on working (by default they end with the old password).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct PasswordChange {
    #[serde(default)]
    pub current_password: String,
    #[serde(default)]
    pub new_password: String,
    /// Keep the account's API tokens working; false (the default) revokes them.
    #[serde(default, deserialize_with = "crate::forms::checkbox")]
    #[schema(value_type = bool)]
    pub keep_tokens: bool,
}

/// Changes the password after checking the current one; every other login ends, and the API
/// tokens too unless the person keeps them.
pub async fn change_password(
    state: &AppState,
    user: &User,
    keep: Option<LoginId>,
    change: &PasswordChange,
) -> Result<(), AppError> {
    let new = NewPassword::parse_for(&change.new_password, &context_of(user))
        .map_err(|e| AppError::Validation(vec![("new_password", e)]))?;
    check_password(state, user, &change.current_password).await?;
    let hash = password::hash(new.expose().to_owned()).await?;
    state
        .store
        .set_password(user.id, &hash, keep, change.keep_tokens)
        .await?;
    Ok(())
}

/// Sends a confirmation link to a new address; the change happens when it is followed.
pub async fn request_email_change(
    state: &AppState,
    user: &User,
    new_email: &str,
    current: &str,
) -> Result<(), AppError> {
    let email =
        Email::parse(new_email).map_err(|e| AppError::Validation(vec![("new_email", e)]))?;
    check_password(state, user, current).await?;
    if email.as_str() == user.email {
        return Ok(());
    }
    throttle::EMAIL_PER_ACCOUNT
        .hit(state, &user.id.to_string())
        .await?;
    send_link(state, &CHANGE_LINK, user, email.as_str()).await
}

/// Follows an email-change link: the account takes the new address and the old address is told.
pub async fn confirm_email_change(state: &AppState, secret: &str) -> Result<UserId, AppError> {
    let hash = crate::auth::hash_secret(secret);
    let Some((user_id, new_email)) = state
        .store
        .peek_email_token(&hash, EmailTokenPurpose::Change)
        .await?
    else {
        return Err(AppError::LinkInvalid);
    };
    let user = state.store.user(user_id).await?;
    let tr = Tr::new(user.locale());
    let notice = Compose {
        unsubscribe: None,
        tr,
        to: &user.email,
        user: Some(user.id),
        sender: None,
        first_name: &user.first_name,
        subject: tr.t("mail-changed-subject"),
        lines: vec![
            tr.ts("mail-changed-body", "email", &new_email),
            tr.t("mail-changed-warning"),
        ],
        action: None,
    }
    .render()?;
    state
        .store
        .change_email(&hash, &notice)
        .await
        .map_err(link_error)
}

/// How long a password check lasts for making tokens: a sign-in or a confirmation within
/// this time is enough.
pub const RECENT_CHECK_MS: i64 = 10 * 60 * 1000;

/// What a new token needs: a name, its scopes, and the current password unless the login
/// checked it recently.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewToken {
    #[serde(default)]
    pub name: String,
    /// `read` (always), `write`, and `admin` (administrators only). Default: `read`.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Needed unless this browser signed in (or confirmed the password) in the last ten
    /// minutes.
    #[serde(default)]
    pub current_password: String,
}

/// Whether the signed-in browser must confirm its password before making a token.
pub fn needs_password_check(signed: &SignedIn) -> bool {
    match signed.credential {
        Credential::Login { verified_at, .. } => store::now_ms() - verified_at > RECENT_CHECK_MS,
        Credential::Token { .. } => true,
    }
}

/// A new API token; its secret is returned once and only its hash is kept. Only a signed-in
/// browser makes tokens (a token cannot), after a recent password check; `admin` is only for
/// administrators.
pub async fn create_token(
    state: &AppState,
    signed: &SignedIn,
    input: &NewToken,
) -> Result<(ApiToken, String), AppError> {
    let Some(login) = signed.login else {
        return Err(AppError::InsufficientScope);
    };
    let user = &signed.user;
    let mut errors = FieldErrors::default();
    let name = errors.take("name", TokenName::parse(&input.name));
    let scopes = errors.take(
        "scopes",
        Scopes::parse(input.scopes.iter().map(String::as_str))
            .map_err(|_| FieldError::UnknownScope)
            .and_then(|s| {
                if s.admin && !user.is_admin {
                    Err(FieldError::UnknownScope)
                } else {
                    Ok(s)
                }
            }),
    );
    let check = needs_password_check(signed);
    if check && input.current_password.is_empty() {
        errors.push("current_password", FieldError::Required);
    }
    errors.finish()?;
    let (Some(name), Some(scopes)) = (name, scopes) else {
        return Err(AppError::BadRequest("incomplete".into()));
    };
    if check {
        check_password(state, user, &input.current_password).await?;
        state.store.verify_login(login).await?;
    }
    let (secret, _) = new_secret();
    let secret = format!("{TOKEN_PREFIX}{secret}");
    let hash = crate::auth::hash_secret(&secret);
    let prefix: String = secret.chars().take(TOKEN_PREFIX.len() + 6).collect();
    let token = state
        .store
        .create_api_token(user.id, name.as_str(), &hash, &prefix, scopes)
        .await?;
    Ok((token, secret))
}

/// Re-encodes an uploaded avatar and stores it.
pub async fn set_avatar(state: &AppState, user: &User, bytes: Vec<u8>) -> Result<i64, AppError> {
    throttle::UPLOAD_PER_ACCOUNT
        .hit(state, &user.id.to_string())
        .await?;
    let png = tokio::task::spawn_blocking(move || crate::avatar::process(&bytes))
        .await
        .map_err(|e| AppError::Internal(e.into()))??;
    Ok(state.store.set_avatar(user.id, &png, "image/png").await?)
}
