//! What administrators do to accounts (User Agreement 6.3, 6.4, 6.6): restrict a feature for a
//! while or until lifted, block, unblock; and the actions the audit log names.

/// A feature an administrator may take from a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Restriction {
    /// Asking for the public library.
    Publish,
    /// Making public links to sessions.
    PublicLinks,
    /// Inviting people to sessions and teams.
    Invite,
}

impl Restriction {
    pub const ALL: [Restriction; 3] = [Self::Publish, Self::PublicLinks, Self::Invite];

    /// The name stored in `user_restrictions.kind` and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::PublicLinks => "public_links",
            Self::Invite => "invite",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// An administrator's action, as the audit log names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    Block,
    Unblock,
    Restrict,
    LiftRestriction,
    GrantAdmin,
    RevokeAdmin,
    DeleteAccount,
    ReviewPublication,
    GrantPlan,
    Refund,
    InvoicePaid,
    SendNewsletter,
    PublishLegal,
}

impl AuditAction {
    pub const ALL: [AuditAction; 13] = [
        Self::Block,
        Self::Unblock,
        Self::Restrict,
        Self::LiftRestriction,
        Self::GrantAdmin,
        Self::RevokeAdmin,
        Self::DeleteAccount,
        Self::ReviewPublication,
        Self::GrantPlan,
        Self::Refund,
        Self::InvoicePaid,
        Self::SendNewsletter,
        Self::PublishLegal,
    ];

    /// The name stored in `audit_log.action`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Block => "block",
            Self::Unblock => "unblock",
            Self::Restrict => "restrict",
            Self::LiftRestriction => "lift_restriction",
            Self::GrantAdmin => "grant_admin",
            Self::RevokeAdmin => "revoke_admin",
            Self::DeleteAccount => "delete_account",
            Self::ReviewPublication => "review_publication",
            Self::GrantPlan => "grant_plan",
            Self::Refund => "refund",
            Self::InvoicePaid => "invoice_paid",
            Self::SendNewsletter => "send_newsletter",
            Self::PublishLegal => "publish_legal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_restriction_and_action_reads_back_from_its_stored_name() {
        for r in Restriction::ALL {
            assert_eq!(Restriction::parse(r.as_str()), Some(r));
        }
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
        }
        assert_eq!(Restriction::parse("everything"), None);
        assert_eq!(AuditAction::parse(""), None);
    }
}
