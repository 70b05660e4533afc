//! The HTTP layer's error: one enum, a stable snake_case code per variant (listed in
//! docs/API.md), rendered as JSON under `/api/` and as an HTML page elsewhere, in the
//! reader's language. 5xx bodies are opaque; the cause goes to the log.

use crate::i18n::Tr;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::FieldError;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 422: some fields were refused; each names its field and reason.
    #[error("validation failed")]
    Validation(Vec<(&'static str, FieldError)>),
    /// 409: the email address belongs to another account.
    #[error("email taken")]
    EmailTaken,
    /// 401: wrong email or password (never says which).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// 422: the current password given to confirm a change is wrong.
    #[error("wrong current password")]
    WrongPassword,
    /// 401: this needs a signed-in account.
    #[error("unauthenticated")]
    Unauthenticated,
    /// 404: no such thing, or not yours to see.
    #[error("not found")]
    NotFound,
    /// 403: an unsafe request from another site.
    #[error("cross-site request")]
    CrossSite,
    /// 403: the API token lacks the scope this needs (`write` to change anything; creating
    /// tokens needs a signed-in browser, not a token).
    #[error("insufficient scope")]
    InsufficientScope,
    /// 429: too many attempts; try again later.
    #[error("too many attempts")]
    Throttled { retry_after_secs: u64 },
    /// 429: too many requests from this token, login or address; slow down.
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// 410: an emailed link that is unknown, used or expired.
    #[error("link invalid")]
    LinkInvalid,
    /// 422: an upload that is not a PNG, JPEG or WebP image (by content).
    #[error("unsupported image")]
    UnsupportedImage,
    /// 413: a body larger than allowed.
    #[error("payload too large")]
    TooLarge,
    /// 422: a change to a session was refused; the code names why (`op-error-…` messages).
    #[error("op refused: {0}")]
    OpRefused(String),
    /// 422 `op_refused`: the op at `index` of a batch was refused for `reason`, so none of the
    /// batch was applied.
    #[error("op {index} of the batch refused: {reason}")]
    BatchRefused { index: usize, reason: &'static str },
    /// 422: a method or design was refused; the problem names its field and reason.
    #[error("refused: {0}")]
    FieldRefused(domain::library::FieldProblem),
    /// 422: an uploaded file was refused: empty, too large, not an allowed kind, or named as
    /// another kind than its content.
    #[error("file refused: {0:?}")]
    FileRefused(domain::file::FileProblem),
    /// 422: the workspace's file storage is full.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// 409: the change would leave a team without an admin.
    #[error("last admin")]
    LastAdmin,
    /// 409: the change cannot be made as things stand; the code names why (`owner_role`: the
    /// owner's role changes only by handing the session over; `personal_workspace`: a
    /// personal workspace has one member; `category_taken`: the workspace has a category of
    /// that name).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// 400: a request that cannot be read at all.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A file to import that is not what it claims, or holds what a session cannot.
    #[error("import refused: {0}")]
    ImportRefused(export::import::ImportError),
    /// A CSV to import with bad rows (their lines), imported only when asked to skip them.
    #[error("import refused: bad rows {0:?}")]
    ImportBadRows(Vec<usize>),
    /// 402 `plan_limit`: the write would take the workspace past its plan's limit; the body
    /// names the limit, what is used and the most allowed.
    #[error("{0}")]
    PlanLimit(domain::plan::OverLimit),
    /// 402 `plan_feature`: the workspace's plan does not include the feature asked for; the
    /// body names it.
    #[error("the plan does not include {}", .0.as_str())]
    PlanFeature(domain::plan::Feature),
    /// 409: an export that went on as a job is still being made (false) or failed (true).
    #[error("export not ready")]
    ExportNotReady(bool),
    /// 503 `payments_unavailable`: the payment provider could not be reached or failed; no
    /// money was taken by this request, and it can be tried again.
    #[error("payment provider unavailable: {0}")]
    PaymentsUnavailable(String),
    /// 403: an administrator blocked the account.
    #[error("account blocked")]
    Blocked,
    /// 403: an administrator took this feature from the account.
    #[error("restricted: {}", .0.as_str())]
    Restricted(domain::moderation::Restriction),
    /// 422 `form_refused`: a registration form sent faster than a person fills it in, from a
    /// page a day old or more, or with the field people never see filled in.
    #[error("form refused as automated")]
    Automated,
    /// 500: something broke on our side.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<crate::payments::ProviderError> for AppError {
    fn from(e: crate::payments::ProviderError) -> Self {
        tracing::warn!(error = %e, "the payment provider failed");
        Self::PaymentsUnavailable(e.to_string())
    }
}

impl From<store::StoreError> for AppError {
    fn from(e: store::StoreError) -> Self {
        match e {
            store::StoreError::NotFound => Self::NotFound,
            store::StoreError::Conflict("email_taken") => Self::EmailTaken,
            store::StoreError::Conflict("last_admin") => Self::LastAdmin,
            store::StoreError::Conflict("quota") => Self::QuotaExceeded,
            store::StoreError::Conflict("owner") => Self::Conflict("owner_role"),
            store::StoreError::Conflict("personal") => Self::Conflict("personal_workspace"),
            store::StoreError::Conflict("category") => Self::Conflict("category_taken"),
            store::StoreError::Conflict("team") => Self::Conflict("hand_over_team"),
            store::StoreError::Conflict("shared") => Self::Conflict("shared_sessions"),
            store::StoreError::Conflict("blocked") => Self::Conflict("already_blocked"),
            store::StoreError::Conflict("not_blocked") => Self::Conflict("not_blocked"),
            store::StoreError::Conflict("resolved") => Self::Conflict("report_resolved"),
            store::StoreError::Conflict("links_removed") => Self::Conflict("links_removed"),
            store::StoreError::Conflict("countered") => Self::Conflict("countered"),
            store::StoreError::Conflict("not_restorable") => Self::Conflict("not_restorable"),
            store::StoreError::Conflict("last_administrator") => {
                Self::Conflict("last_administrator")
            }
            store::StoreError::Conflict("blocked_account") => Self::Conflict("blocked_account"),
            store::StoreError::Conflict("admin") => Self::Conflict("administrator_unblockable"),
            store::StoreError::Conflict(_) => Self::Conflict("conflict"),
            store::StoreError::OverLimit(over) => Self::PlanLimit(over),
            store::StoreError::NotInPlan(feature) => Self::PlanFeature(feature),
            other => Self::Internal(other.into()),
        }
    }
}

impl AppError {
    /// 429 `too_many_attempts` until `resets_at` (ms since the epoch), a second at least.
    pub fn throttled_until(resets_at: i64) -> Self {
        let wait_ms = (resets_at - store::now_ms()).max(1000);
        Self::Throttled {
            retry_after_secs: u64::try_from((wait_ms + 999) / 1000).unwrap_or(60),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::Validation(_)
            | Self::WrongPassword
            | Self::UnsupportedImage
            | Self::OpRefused(_)
            | Self::BatchRefused { .. }
            | Self::FileRefused(_)
            | Self::QuotaExceeded
            | Self::ImportRefused(_)
            | Self::ImportBadRows(_)
            | Self::FieldRefused(_)
            | Self::Automated => StatusCode::UNPROCESSABLE_ENTITY,
            Self::EmailTaken | Self::LastAdmin | Self::Conflict(_) | Self::ExportNotReady(_) => {
                StatusCode::CONFLICT
            }
            Self::InvalidCredentials | Self::Unauthenticated => StatusCode::UNAUTHORIZED,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::CrossSite | Self::InsufficientScope | Self::Blocked | Self::Restricted(_) => {
                StatusCode::FORBIDDEN
            }
            Self::Throttled { .. } | Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::LinkInvalid => StatusCode::GONE,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::PlanLimit(_) | Self::PlanFeature(_) => StatusCode::PAYMENT_REQUIRED,
            Self::PaymentsUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Validation(_) | Self::FieldRefused(_) => "validation_failed",
            Self::EmailTaken => "email_taken",
            Self::InvalidCredentials => "invalid_credentials",
            Self::WrongPassword => "wrong_password",
            Self::Unauthenticated => "unauthenticated",
            Self::NotFound => "not_found",
            Self::CrossSite => "cross_site_request",
            Self::InsufficientScope => "insufficient_scope",
            Self::Throttled { .. } => "too_many_attempts",
            Self::RateLimited { .. } => "rate_limited",
            Self::LinkInvalid => "link_invalid",
            Self::UnsupportedImage => "unsupported_image",
            Self::TooLarge => "payload_too_large",
            Self::OpRefused(_) | Self::BatchRefused { .. } => "op_refused",
            Self::LastAdmin => "last_admin",
            Self::Conflict(code) => code,
            Self::FileRefused(p) => p.code(),
            Self::QuotaExceeded => "storage_quota_exceeded",
            Self::BadRequest(_) => "bad_request",
            Self::ImportRefused(e) => e.code(),
            Self::ImportBadRows(_) => "import_bad_rows",
            Self::ExportNotReady(false) => "export_running",
            Self::ExportNotReady(true) => "export_failed",
            Self::PlanLimit(_) => "plan_limit",
            Self::PlanFeature(_) => "plan_feature",
            Self::PaymentsUnavailable(_) => "payments_unavailable",
            Self::Blocked => "account_blocked",
            Self::Restricted(_) => "restricted",
            Self::Automated => "form_refused",
            Self::Internal(_) => "internal",
        }
    }

    /// The message for people, in `tr`'s language.
    pub fn message(&self, tr: &Tr) -> String {
        match self {
            Self::Throttled { retry_after_secs } => {
                let minutes = i64::try_from(retry_after_secs.div_ceil(60))
                    .unwrap_or(60)
                    .max(1);
                tr.tn("throttled", "minutes", minutes)
            }
            Self::RateLimited { retry_after_secs } => tr.tn(
                "error-rate-limited",
                "seconds",
                i64::try_from(*retry_after_secs).unwrap_or(60),
            ),
            Self::OpRefused(reason) => tr.t(&format!("op-error-{}", reason.replace('_', "-"))),
            Self::BatchRefused { index, reason } => tr.args(
                "error-batch-refused",
                &[
                    ("number", (index + 1).into()),
                    (
                        "reason",
                        tr.t(&format!("op-error-{}", reason.replace('_', "-")))
                            .into(),
                    ),
                ],
            ),
            Self::FieldRefused(_) => tr.t("error-validation-failed"),
            Self::Restricted(kind) => tr.t(&format!(
                "error-restricted-{}",
                kind.as_str().replace('_', "-")
            )),
            Self::PlanLimit(over) => tr.args(
                "error-plan-limit",
                &[
                    (
                        "limit",
                        tr.t(&format!("limit-{}", over.limit.as_str().replace('_', "-")))
                            .into(),
                    ),
                    ("used", over.used.into()),
                    ("max", over.max.into()),
                ],
            ),
            Self::PlanFeature(feature) => tr.ts(
                "error-plan-feature",
                "feature",
                &tr.t(&format!(
                    "pricing-feature-{}",
                    feature.as_str().replace('_', "-")
                )),
            ),
            Self::ImportRefused(export::import::ImportError::Invalid { what, error }) => tr.args(
                "error-import-invalid",
                &[
                    ("what", what.clone().into()),
                    (
                        "reason",
                        tr.t(&format!("op-error-{}", error.replace('_', "-")))
                            .into(),
                    ),
                ],
            ),
            Self::ImportRefused(export::import::ImportError::Version(v)) => {
                tr.args("error-import-format-version", &[("version", (*v).into())])
            }
            Self::ImportBadRows(lines) => tr.ts(
                "error-import-bad-rows",
                "lines",
                &lines
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Self::FileRefused(
                p @ (domain::file::FileProblem::TooLarge { max }
                | domain::file::FileProblem::Unpacks { max }),
            ) => tr.tn(
                &format!("error-{}", p.code().replace('_', "-")),
                "megabytes",
                i64::try_from(max / (1024 * 1024)).unwrap_or(i64::MAX),
            ),
            Self::FileRefused(domain::file::FileProblem::NameMismatch { actual }) => {
                tr.ts("error-file-name-mismatch", "ending", actual.extensions()[0])
            }
            other => tr.t(&format!("error-{}", other.code().replace('_', "-"))),
        }
    }

    /// Per-field (code, message) pairs for a validation error.
    pub fn fields(&self, tr: &Tr) -> Vec<(&'static str, &'static str, String)> {
        match self {
            Self::Validation(list) => list
                .iter()
                .map(|(field, e)| (*field, e.code(), tr.field_error(e)))
                .collect(),
            Self::EmailTaken => vec![("email", "email_taken", tr.t("error-email-taken"))],
            Self::FieldRefused(p) => vec![(
                p.field,
                p.error.code(),
                tr.t(&format!("op-error-{}", p.error.code().replace('_', "-"))),
            )],
            Self::BatchRefused { reason, .. } => vec![(
                "ops",
                *reason,
                tr.t(&format!("op-error-{}", reason.replace('_', "-"))),
            )],
            Self::WrongPassword => {
                vec![(
                    "current_password",
                    "wrong_password",
                    tr.t("error-wrong-password"),
                )]
            }
            _ => Vec::new(),
        }
    }
}

/// The error carried on a response until [`crate::pages::render_errors`] writes its body.
#[derive(Debug, Clone)]
pub struct ErrorMarker(pub Arc<AppError>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(error = ?cause, "internal error");
        }
        let mut res = self.status().into_response();
        if let Self::Throttled { retry_after_secs } | Self::RateLimited { retry_after_secs } = &self
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res.extensions_mut().insert(ErrorMarker(Arc::new(self)));
        res
    }
}

/// Collects field errors from several parses.
#[derive(Debug, Default)]
pub struct FieldErrors(pub Vec<(&'static str, FieldError)>);

impl FieldErrors {
    /// The parsed value, or `None` with the error recorded under `field`.
    pub fn take<T>(&mut self, field: &'static str, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push((field, e));
                None
            }
        }
    }

    pub fn push(&mut self, field: &'static str, e: FieldError) {
        self.0.push((field, e));
    }

    /// Ok when nothing was refused.
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.0))
        }
    }
}
