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
    RemoveContent,
    RestoreContent,
    DismissReport,
    /// A counter-notice answered by keeping the material removed.
    UpholdRemoval,
}

impl AuditAction {
    pub const ALL: [AuditAction; 17] = [
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
        Self::RemoveContent,
        Self::RestoreContent,
        Self::DismissReport,
        Self::UpholdRemoval,
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
            Self::RemoveContent => "remove_content",
            Self::RestoreContent => "restore_content",
            Self::DismissReport => "dismiss_report",
            Self::UpholdRemoval => "uphold_removal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// Why someone reports public content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportCategory {
    Illegal,
    Harmful,
    Harassment,
    Spam,
    Malware,
    Copyright,
    Other,
}

impl ReportCategory {
    pub const ALL: [ReportCategory; 7] = [
        Self::Illegal,
        Self::Harmful,
        Self::Harassment,
        Self::Spam,
        Self::Malware,
        Self::Copyright,
        Self::Other,
    ];

    /// The name stored in `reports.category` and sent by the form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Illegal => "illegal",
            Self::Harmful => "harmful",
            Self::Harassment => "harassment",
            Self::Spam => "spam",
            Self::Malware => "malware",
            Self::Copyright => "copyright",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What a report is about: public content, or the page of a session's public link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reported {
    Method(crate::MethodId),
    Template(crate::TemplateId),
    Link(crate::LinkId),
}

impl Reported {
    /// `method`, `template` or `link`, as stored.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Method(_) => "method",
            Self::Template(_) => "template",
            Self::Link(_) => "link",
        }
    }

    pub fn id(self) -> uuid::Uuid {
        match self {
            Self::Method(crate::MethodId(u))
            | Self::Template(crate::TemplateId(u))
            | Self::Link(crate::LinkId(u)) => u,
        }
    }

    pub fn from_parts(kind: &str, id: uuid::Uuid) -> Option<Self> {
        match kind {
            "method" => Some(Self::Method(crate::MethodId(id))),
            "template" => Some(Self::Template(crate::TemplateId(id))),
            "link" => Some(Self::Link(crate::LinkId(id))),
            _ => None,
        }
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
        for c in ReportCategory::ALL {
            assert_eq!(ReportCategory::parse(c.as_str()), Some(c));
        }
        for r in [
            Reported::Method(crate::MethodId::new()),
            Reported::Template(crate::TemplateId::new()),
            Reported::Link(crate::LinkId::new()),
        ] {
            assert_eq!(Reported::from_parts(r.kind(), r.id()), Some(r));
        }
        assert_eq!(Restriction::parse("everything"), None);
        assert_eq!(AuditAction::parse(""), None);
    }
}
