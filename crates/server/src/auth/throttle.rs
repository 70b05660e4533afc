//! Throttles for sign-in, registration, password reset, confirmation emails, reports,
//! comments, uploads and API tokens, counted in the database so they hold across instances.
//! Each limit is a fixed window that ends by itself: a temporary pause with a clear message,
//! never a permanent lock. Every limit named in [`ALL`] can be changed in configuration
//! (`limits`, e.g. `signin-ip=60/15`: at most 60 in 15 minutes).

use crate::error::AppError;
use crate::state::AppState;

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
/// Registrations from one network (an IPv4 /24 or an IPv6 /48), so a farm of addresses side
/// by side counts as one.
pub const REGISTER_PER_NETWORK: Limit = Limit {
    name: "register-network",
    max: 30,
    window_ms: 60 * MINUTE,
};
/// Comments and replies one person may write in an hour.
pub const COMMENT_PER_ACCOUNT: Limit = Limit {
    name: "comment-account",
    max: 120,
    window_ms: 60 * MINUTE,
};
/// Files one person may upload in an hour (the avatar included).
pub const UPLOAD_PER_ACCOUNT: Limit = Limit {
    name: "upload-account",
    max: 120,
    window_ms: 60 * MINUTE,
};
/// Requests one API token may make in an hour, across every instance
/// ([`crate::limits::TokenMeters`] counts them).
pub const TOKEN_REQUESTS: Limit = Limit {
    name: "token-requests",
    max: 5000,
    window_ms: 60 * MINUTE,
};

/// Invitations one person may send in an hour.
pub const INVITE_PER_PERSON: Limit = Limit {
    name: "invite-person",
    max: 30,
    window_ms: 60 * MINUTE,
};
/// Invitations to one session or team in an hour.
pub const INVITE_PER_TARGET: Limit = Limit {
    name: "invite-target",
    max: 20,
    window_ms: 60 * MINUTE,
};

/// Every limit configuration may change, by name.
pub const ALL: &[Limit] = &[
    SIGN_IN_PER_IP,
    SIGN_IN_PER_ACCOUNT,
    PASSWORD_CHECK_PER_ACCOUNT,
    REGISTER_PER_IP,
    REGISTER_PER_NETWORK,
    RESET_PER_IP,
    RESET_PER_ACCOUNT,
    REPORT_PER_IP,
    EMAIL_PER_ACCOUNT,
    COMMENT_PER_ACCOUNT,
    UPLOAD_PER_ACCOUNT,
    TOKEN_REQUESTS,
    INVITE_PER_PERSON,
    INVITE_PER_TARGET,
];

/// Refuses a configuration that changes a limit no one has: a misspelt name would otherwise
/// leave the limit as it was without a word.
pub fn check_names(settings: &crate::config::Settings) -> anyhow::Result<()> {
    for given in &settings.limits {
        let name = given.split('=').next().unwrap_or_default().trim();
        if !ALL.iter().any(|l| l.name == name) {
            anyhow::bail!(
                "limits: no limit is named {name:?}; the names are {}",
                ALL.iter().map(|l| l.name).collect::<Vec<_>>().join(", ")
            );
        }
    }
    Ok(())
}

/// The network an address belongs to for [`REGISTER_PER_NETWORK`]: the first three bytes of
/// an IPv4 address, the first three groups of an IPv6 one; an address that does not parse
/// is its own network.
pub fn network(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(v4)) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        Ok(std::net::IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => network(&v4.to_string()),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
            }
        },
        Err(_) => ip.to_owned(),
    }
}

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
pub async fn copy_made(state: &AppState, user: &store::User) -> Result<(), AppError> {
    copies(&state.settings)
        .counted(state, &user.id.to_string())
        .await
}

impl Limit {
    pub fn key(&self, subject: &str) -> String {
        format!("{}:{}", self.name, subject)
    }

    /// This limit as configuration sets it.
    pub fn configured(&self, state: &AppState) -> Self {
        self.with(&state.settings)
    }

    fn with(self, settings: &crate::config::Settings) -> Self {
        settings
            .limit(self.name)
            .map_or(self, |(max, window_ms)| Self {
                max,
                window_ms,
                ..self
            })
    }

    /// Counts a hit; past the limit (as configured), [`AppError::Throttled`].
    pub async fn hit(&self, state: &AppState, subject: &str) -> Result<(), AppError> {
        self.configured(state).counted(state, subject).await
    }

    /// Counts a hit against this very limit, whatever configuration says.
    async fn counted(&self, state: &AppState, subject: &str) -> Result<(), AppError> {
        let hit = state
            .store
            .throttle_hit(&self.key(subject), self.window_ms)
            .await?;
        if hit.hits > self.max {
            Err(throttled(hit.resets_at))
        } else {
            Ok(())
        }
    }

    /// Fails when the limit is already reached, without counting.
    pub async fn check(&self, state: &AppState, subject: &str) -> Result<(), AppError> {
        let limit = self.configured(state);
        let hit = state
            .store
            .throttle_peek(&limit.key(subject), limit.window_ms)
            .await?;
        if hit.hits >= limit.max {
            Err(throttled(hit.resets_at))
        } else {
            Ok(())
        }
    }

    pub async fn clear(&self, state: &AppState, subject: &str) -> Result<(), AppError> {
        state.store.throttle_clear(&self.key(subject)).await?;
        Ok(())
    }
}

fn throttled(resets_at: i64) -> AppError {
    AppError::throttled_until(resets_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_side_by_side_share_a_network_and_others_do_not() {
        assert_eq!(network("203.0.113.7"), network("203.0.113.200"));
        assert_ne!(network("203.0.113.7"), network("203.0.114.7"));
        assert_eq!(network("2001:db8:1:2::1"), network("2001:db8:1:ffff::9"));
        assert_ne!(network("2001:db8:1::1"), network("2001:db8:2::1"));
        assert_eq!(network("::ffff:203.0.113.7"), network("203.0.113.9"));
        assert_eq!(network("not an address"), "not an address");
    }

    #[test]
    fn a_configured_limit_replaces_its_default_and_an_unknown_name_stops_the_start() {
        let with = |limits: &[&str]| {
            crate::config::Settings::load(
                crate::config::SettingsArgs {
                    limits: Some(limits.iter().map(|l| (*l).to_owned()).collect()),
                    ..crate::config::SettingsArgs::default()
                },
                None,
            )
            .expect("well formed")
        };
        let s = with(&["token-requests=100/30"]);
        check_names(&s).expect("a known name");
        let token = TOKEN_REQUESTS.with(&s);
        assert_eq!((token.max, token.window_ms), (100, 30 * MINUTE));
        let signin = SIGN_IN_PER_IP.with(&s);
        assert_eq!((signin.max, signin.window_ms), (30, 15 * MINUTE));
        let err = check_names(&with(&["signin-ips=1/1"])).expect_err("misspelt");
        assert!(
            err.to_string().contains("no limit is named \"signin-ips\""),
            "{err}"
        );
    }

    #[test]
    fn every_configurable_limit_has_its_own_name() {
        let mut names: Vec<&str> = ALL.iter().map(|l| l.name).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
