//! How a request proves who it is: a browser's login or a personal API token, and what a
//! token may do (its scopes). Every door asks the same questions of a credential, so a
//! read-only token stays read-only over HTTP and on the live channel alike.

use crate::{LoginId, TokenId};
use serde::{Deserialize, Serialize};

/// What a personal API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Read everything the account may read.
    Read,
    /// Change what the account may change (creating tokens excepted).
    Write,
    /// Use the administrators' pages and API; only for administrators.
    Admin,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Self::Read, Self::Write, Self::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
            Self::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// A token's scopes. Every token reads; writing and administration are granted on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Scopes {
    pub write: bool,
    pub admin: bool,
}

impl Scopes {
    pub const READ: Scopes = Scopes {
        write: false,
        admin: false,
    };
    pub const READ_WRITE: Scopes = Scopes {
        write: true,
        admin: false,
    };

    /// Scopes from their names; `read` is always included. An unknown name is refused.
    pub fn parse<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self, &'a str> {
        let mut scopes = Self::READ;
        for name in names {
            match Scope::parse(name.trim()) {
                Some(Scope::Read) => {}
                Some(Scope::Write) => scopes.write = true,
                Some(Scope::Admin) => scopes.admin = true,
                None if name.trim().is_empty() => {}
                None => return Err(name),
            }
        }
        Ok(scopes)
    }

    /// As stored: the names separated by spaces, `read` first.
    pub fn to_text(self) -> String {
        self.list()
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Read from storage; anything unknown grants nothing more than reading.
    pub fn from_text(text: &str) -> Self {
        Self::parse(text.split_whitespace()).unwrap_or(Self::READ)
    }

    pub fn list(self) -> Vec<Scope> {
        let mut out = vec![Scope::Read];
        if self.write {
            out.push(Scope::Write);
        }
        if self.admin {
            out.push(Scope::Admin);
        }
        out
    }
}

/// How a request proved who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Credential {
    /// A browser's login; `verified_at` is when its password was last checked (ms).
    Login { id: LoginId, verified_at: i64 },
    /// A personal API token and its scopes.
    Token { id: TokenId, scopes: Scopes },
}

impl Credential {
    /// May it change things (unsafe methods, live ops)?
    pub fn can_write(self) -> bool {
        match self {
            Self::Login { .. } => true,
            Self::Token { scopes, .. } => scopes.write,
        }
    }

    /// May it use the powers of an administrator the account has?
    pub fn can_administer(self) -> bool {
        match self {
            Self::Login { .. } => true,
            Self::Token { scopes, .. } => scopes.admin,
        }
    }

    pub fn login(self) -> Option<LoginId> {
        match self {
            Self::Login { id, .. } => Some(id),
            Self::Token { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_always_read_and_refuse_unknown_names() {
        assert_eq!(Scopes::parse(["write"]), Ok(Scopes::READ_WRITE));
        assert_eq!(Scopes::parse([]), Ok(Scopes::READ));
        assert_eq!(Scopes::parse(["read", "delete"]), Err("delete"));
        assert_eq!(
            Scopes::from_text(&Scopes::parse(["admin", "write"]).expect("ok").to_text()),
            Scopes {
                write: true,
                admin: true
            }
        );
        assert_eq!(Scopes::from_text("read sudo"), Scopes::READ);
    }

    #[test]
    fn a_read_only_token_neither_writes_nor_administers() {
        let token = Credential::Token {
            id: TokenId::new(),
            scopes: Scopes::READ,
        };
        assert!(!token.can_write() && !token.can_administer());
        let login = Credential::Login {
            id: LoginId::new(),
            verified_at: 0,
        };
        assert!(login.can_write() && login.can_administer());
    }
}
