//! The JSON shapes of the API.

use serde::{Deserialize, Serialize};
use store::{ApiToken, LoginInfo, User, UserSummary};
use utoipa::ToSchema;

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// An account as its owner sees it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserView {
    pub id: uuid::Uuid,
    pub email: String,
    pub email_confirmed: bool,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    /// `en` or `ru`.
    pub locale: String,
    pub time_zone: String,
    pub is_admin: bool,
    pub avatar_url: Option<String>,
    /// The number of the User Agreement's version accepted at registration (accounts made
    /// before the documents had versions hold the date of the text they accepted).
    pub terms_version: String,
    /// The same for the Privacy Policy.
    pub privacy_version: String,
    /// Until when the person has seen what was published of the legal documents: their
    /// registration, or their last "Got it" on the banner that announces a new version
    /// (RFC 3339).
    pub accepted_at: String,
    pub created_at: String,
}

impl From<&User> for UserView {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.0,
            email: u.email.clone(),
            email_confirmed: u.is_confirmed(),
            first_name: u.first_name.clone(),
            last_name: u.last_name.clone(),
            phone: u.phone.clone(),
            locale: u.locale.clone(),
            time_zone: u.time_zone.clone(),
            is_admin: u.is_admin,
            avatar_url: crate::pages::avatar_url(u),
            terms_version: u.terms_version.clone(),
            privacy_version: u.privacy_version.clone(),
            accepted_at: rfc3339(u.accepted_at),
            created_at: rfc3339(u.created_at),
        }
    }
}

/// One active login.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LoginView {
    pub id: uuid::Uuid,
    pub browser: String,
    pub user_agent: String,
    pub ip: String,
    pub created_at: String,
    pub last_seen_at: String,
    /// True for the login making this request.
    pub current: bool,
}

impl LoginView {
    pub fn new(l: LoginInfo, current: Option<domain::LoginId>) -> Self {
        Self {
            id: l.id.0,
            browser: crate::pages::browser_name(&l.user_agent),
            current: Some(l.id) == current,
            user_agent: l.user_agent,
            ip: l.ip,
            created_at: rfc3339(l.created_at),
            last_seen_at: rfc3339(l.last_seen_at),
        }
    }
}

/// A personal API token (never its secret).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TokenView {
    pub id: uuid::Uuid,
    pub name: String,
    /// The first characters of the token, to recognise it.
    pub prefix: String,
    /// What it may do: `read`, and `write` or `admin` when granted.
    pub scopes: Vec<String>,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

impl From<ApiToken> for TokenView {
    fn from(t: ApiToken) -> Self {
        Self {
            id: t.id.0,
            scopes: t
                .scopes()
                .list()
                .iter()
                .map(|s| s.as_str().to_owned())
                .collect(),
            name: t.name,
            prefix: t.prefix,
            created_at: rfc3339(t.created_at),
            last_used_at: t.last_used_at.map(rfc3339),
        }
    }
}

/// A new token: `secret` is shown this once and never again.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreatedToken {
    pub token: TokenView,
    pub secret: String,
}

/// One line of the administrators' user list.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserSummaryView {
    pub id: uuid::Uuid,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub is_admin: bool,
    pub email_confirmed: bool,
    pub created_at: String,
}

impl From<UserSummary> for UserSummaryView {
    fn from(u: UserSummary) -> Self {
        Self {
            id: u.id.0,
            email: u.email,
            first_name: u.first_name,
            last_name: u.last_name,
            is_admin: u.is_admin,
            email_confirmed: u.email_confirmed_at.is_some(),
            created_at: rfc3339(u.created_at),
        }
    }
}

/// The error shape of every failed request.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable snake_case code (docs/API.md).
    pub code: String,
    /// A message for people, in the account's or request's language.
    pub message: String,
    /// Per-field errors of a `validation_failed`, keyed by field name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<std::collections::BTreeMap<String, FieldErrorView>>,
    /// With `plan_limit`: the limit reached (`active_sessions`, `collaborators_per_session`,
    /// `team_members`, `private_methods`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// With `plan_limit`: how much of the limit is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used: Option<u64>,
    /// With `plan_limit`: the most the plan allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    /// With `plan_limit`: the path of the billing page, where a larger plan is chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FieldErrorView {
    pub code: String,
    pub message: String,
}

/// An export that went on as a job because it took longer than a request waits.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ExportView {
    pub id: uuid::Uuid,
    pub session_id: uuid::Uuid,
    /// `running`, `done` or `failed`.
    pub status: String,
    pub file_name: String,
    pub content_type: String,
    /// The file's size in bytes, once done.
    pub size: Option<i64>,
    /// Where to download the file, once done.
    pub file_url: Option<String>,
    pub created_at: String,
    pub finished_at: Option<String>,
}

impl From<&store::ExportRow> for ExportView {
    fn from(e: &store::ExportRow) -> Self {
        let status = e.status();
        Self {
            id: e.id.0,
            session_id: e.session_id.0,
            status: status.as_str().to_owned(),
            file_name: e.file_name.clone(),
            content_type: e.content_type.clone(),
            size: e.size,
            file_url: (status == store::ExportStatus::Done)
                .then(|| format!("/api/v1/exports/{}/file", e.id)),
            created_at: rfc3339(e.created_at),
            finished_at: e.finished_at.map(rfc3339),
        }
    }
}
