//! Cookie consent (the Cookie Policy, sections 2 and 4): the four categories, a visitor's
//! choice as its first-party cookie carries it, and what a browser's Global Privacy Control
//! signal takes away from it.

use crate::ConsentId;

/// A category of cookies and browser storage. Strictly necessary ones need no consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Necessary,
    Functional,
    Analytics,
    Advertising,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Necessary,
        Category::Functional,
        Category::Analytics,
        Category::Advertising,
    ];

    /// The category's name in forms, cookies' documentation and the consent log.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Necessary => "necessary",
            Category::Functional => "functional",
            Category::Analytics => "analytics",
            Category::Advertising => "advertising",
        }
    }
}

/// The optional categories a person allowed (strictly necessary is always on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Allowed {
    pub functional: bool,
    pub analytics: bool,
    pub advertising: bool,
}

impl Allowed {
    pub const ALL: Allowed = Allowed {
        functional: true,
        analytics: true,
        advertising: true,
    };
    pub const NONE: Allowed = Allowed {
        functional: false,
        analytics: false,
        advertising: false,
    };

    /// Whether `category` may be used.
    pub fn allows(self, category: Category) -> bool {
        match category {
            Category::Necessary => true,
            Category::Functional => self.functional,
            Category::Analytics => self.analytics,
            Category::Advertising => self.advertising,
        }
    }

    /// What remains under Global Privacy Control: the signal refuses analytics and
    /// advertising, whatever was ticked.
    pub fn under_gpc(self, gpc: bool) -> Allowed {
        if gpc {
            Allowed {
                analytics: false,
                advertising: false,
                ..self
            }
        } else {
            self
        }
    }

    /// The allowed optional categories' names, space-separated (empty when none): what
    /// pages announce to scripts in `<html data-consent>`.
    pub fn names(self) -> String {
        Category::ALL[1..]
            .iter()
            .filter(|c| self.allows(**c))
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A choice as the consent cookie keeps it: `REVISION.FAD.ID`, where F, A and D are `1` or
/// `0` for functional, analytics and advertising, and ID the consent's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub id: ConsentId,
    /// The Cookie Policy's revision the choice was made under.
    pub revision: u32,
    pub allowed: Allowed,
}

impl Choice {
    /// The cookie's value.
    pub fn to_cookie(self) -> String {
        let bit = |b: bool| if b { '1' } else { '0' };
        let a = self.allowed;
        format!(
            "{}.{}{}{}.{}",
            self.revision,
            bit(a.functional),
            bit(a.analytics),
            bit(a.advertising),
            self.id
        )
    }

    /// Reads a cookie's value; anything malformed is no choice at all (the banner asks again).
    pub fn from_cookie(value: &str) -> Option<Choice> {
        let mut parts = value.splitn(3, '.');
        let revision = parts.next()?.parse().ok()?;
        let flags = parts.next()?.as_bytes();
        let id = parts.next()?.parse().ok()?;
        let flag = |i: usize| match flags.get(i) {
            Some(b'1') => Some(true),
            Some(b'0') => Some(false),
            _ => None,
        };
        if flags.len() != 3 {
            return None;
        }
        Some(Choice {
            id,
            revision,
            allowed: Allowed {
                functional: flag(0)?,
                analytics: flag(1)?,
                advertising: flag(2)?,
            },
        })
    }

    /// The choice still counts under the policy's `revision`: one made under an older revision
    /// is asked again.
    pub fn current(value: &str, revision: u32) -> Option<Choice> {
        Self::from_cookie(value).filter(|c| c.revision >= revision)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_survives_its_cookie() {
        let choice = Choice {
            id: ConsentId::new(),
            revision: 3,
            allowed: Allowed {
                functional: true,
                analytics: false,
                advertising: true,
            },
        };
        let cookie = choice.to_cookie();
        assert!(cookie.starts_with("3.101."), "{cookie}");
        assert_eq!(Choice::from_cookie(&cookie), Some(choice));
    }

    #[test]
    fn a_malformed_cookie_is_no_choice() {
        let id = ConsentId::new();
        for bad in [
            String::new(),
            "1".into(),
            "1.10.x".into(),
            format!("1.1101.{id}"),
            format!("1.1x1.{id}"),
            "1.111.not-an-id".into(),
            format!("x.111.{id}"),
            format!("-1.111.{id}"),
        ] {
            assert_eq!(Choice::from_cookie(&bad), None, "{bad}");
        }
    }

    #[test]
    fn a_raised_policy_revision_asks_again() {
        let value = Choice {
            id: ConsentId::new(),
            revision: 1,
            allowed: Allowed::ALL,
        }
        .to_cookie();
        assert!(Choice::current(&value, 1).is_some());
        assert!(Choice::current(&value, 2).is_none());
    }

    #[test]
    fn global_privacy_control_refuses_analytics_and_advertising_only() {
        assert_eq!(
            Allowed::ALL.under_gpc(true),
            Allowed {
                functional: true,
                analytics: false,
                advertising: false
            }
        );
        assert_eq!(Allowed::ALL.under_gpc(false), Allowed::ALL);
    }

    #[test]
    fn pages_name_the_allowed_categories() {
        assert_eq!(Allowed::NONE.names(), "");
        assert_eq!(Allowed::ALL.names(), "functional analytics advertising");
        let some = Allowed {
            functional: false,
            analytics: true,
            advertising: false,
        };
        assert_eq!(some.names(), "analytics");
    }
}
