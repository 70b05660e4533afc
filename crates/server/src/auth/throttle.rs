//! Throttles for sign-in, registration, password reset and confirmation emails, counted in
//! the database so they hold across instances. Each limit is a fixed window that ends by
//! itself: a temporary pause with a clear message, never a permanent lock.

use crate::error::AppError;
use store::Store;

/// A limit: at most `max` hits per `window_ms`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub name: &'static str,
    pub max: i32,
    pub window_ms: i64,
}

const MINUTE: i64 = 60_000;

pub const SIGN_IN_PER_IP: Limit = Limit {
    name: "signin-ip",
    max: 30,
    window_ms: 15 * MINUTE,
};
/// Failed sign-ins per account.
pub const SIGN_IN_PER_ACCOUNT: Limit = Limit {
    name: "signin-account",
    max: 5,
    window_ms: 15 * MINUTE,
};
/// Wrong current passwords per account (changing the password or the address, confirming a
/// new token): like sign-in, so a stolen login cannot guess its way to the password.
pub const PASSWORD_CHECK_PER_ACCOUNT: Limit = Limit {
    name: "password-check",
    max: 5,
    window_ms: 15 * MINUTE,
};
pub const REGISTER_PER_IP: Limit = Limit {
    name: "register-ip",
    max: 10,
    window_ms: 60 * MINUTE,
};
pub const RESET_PER_IP: Limit = Limit {
    name: "reset-ip",
    max: 10,
    window_ms: 60 * MINUTE,
};
/// Reset emails per account; past it the request page answers the same but sends nothing.
pub const RESET_PER_ACCOUNT: Limit = Limit {
    name: "reset-account",
    max: 3,
    window_ms: 60 * MINUTE,
};
/// Reports of public content from one address.
pub const REPORT_PER_IP: Limit = Limit {
    name: "report-ip",
    max: 10,
    window_ms: 60 * MINUTE,
};
pub const EMAIL_PER_ACCOUNT: Limit = Limit {
    name: "email-account",
    max: 5,
    window_ms: 60 * MINUTE,
};

/// Copies one person may make in an hour (named versions, duplicated sessions, designs saved
/// or started from, methods made or copied), as configured.
pub fn copies(settings: &crate::config::Settings) -> Limit {
    Limit {
        name: "copies",
        max: i32::try_from(settings.copies_per_hour).unwrap_or(i32::MAX),
        window_ms: 60 * MINUTE,
    }
}

/// Counts one more copy by `user` against their hourly allowance ([`copies`]).
pub async fn copy_made(state: &crate::state::AppState, user: &store::User) -> Result<(), AppError> {
    copies(&state.settings)
        .hit(&state.store, &user.id.to_string())
        .await
}

impl Limit {
    fn key(&self, subject: &str) -> String {
        format!("{}:{}", self.name, subject)
    }

    /// Counts a hit; past the limit, [`AppError::Throttled`].
    pub async fn hit(&self, store: &Store, subject: &str) -> Result<(), AppError> {
        let hit = store
            .throttle_hit(&self.key(subject), self.window_ms)
            .await?;
        if hit.hits > self.max {
            Err(throttled(hit.resets_at))
        } else {
            Ok(())
        }
    }

    /// Fails when the limit is already reached, without counting.
    pub async fn check(&self, store: &Store, subject: &str) -> Result<(), AppError> {
        let hit = store
            .throttle_peek(&self.key(subject), self.window_ms)
            .await?;
        if hit.hits >= self.max {
            Err(throttled(hit.resets_at))
        } else {
            Ok(())
        }
    }

    pub async fn clear(&self, store: &Store, subject: &str) -> Result<(), AppError> {
        store.throttle_clear(&self.key(subject)).await?;
        Ok(())
    }
}

fn throttled(resets_at: i64) -> AppError {
    let wait_ms = (resets_at - store::now_ms()).max(1000);
    AppError::Throttled {
        retry_after_secs: u64::try_from((wait_ms + 999) / 1000).unwrap_or(60),
    }
}
