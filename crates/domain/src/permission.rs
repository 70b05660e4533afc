//! Who may do what with a session: one table, used by every door (pages, API, live channel).
//! A person's access is the strongest of what they hold: a role on the session, membership of
//! its workspace, a public link. Anything not allowed is answered as if the session did not
//! exist.

use serde::{Deserialize, Serialize};

/// A person's role on one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Editor,
    Commenter,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Self::Owner, Self::Editor, Self::Commenter, Self::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Editor => "editor",
            Self::Commenter => "commenter",
            Self::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A person's role in a team workspace. Every member edits the workspace's sessions and
/// library; admins also manage its members and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceRole {
    Admin,
    Member,
}

impl WorkspaceRole {
    pub const ALL: [WorkspaceRole; 2] = [Self::Admin, Self::Member];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Invite, change and remove members; rename the workspace.
    pub fn manages(self) -> bool {
        self == Self::Admin
    }
}

/// A role someone holds: on a session ([`Role`]) or in a team ([`WorkspaceRole`]). Sharing
/// and team membership list, show and change them the same way.
pub trait Seat: Copy + PartialEq + std::fmt::Debug + 'static {
    /// The prefix of the roles' names in the message files (`role-`, `workspace-role-`).
    const MESSAGE: &'static str;
    /// The id of an invitation to such a role.
    type InvitationId: Copy
        + PartialEq
        + std::fmt::Debug
        + std::fmt::Display
        + From<uuid::Uuid>
        + Into<uuid::Uuid>;
    /// Every role of the kind, strongest first.
    fn all() -> &'static [Self];
    fn as_str(self) -> &'static str;

    fn parse(s: &str) -> Option<Self> {
        Self::all().iter().copied().find(|r| r.as_str() == s)
    }

    /// The key of the role's name in the message files.
    fn message(self) -> String {
        format!("{}{}", Self::MESSAGE, self.as_str())
    }
}

impl Seat for Role {
    const MESSAGE: &'static str = "role-";
    type InvitationId = crate::InvitationId;

    fn all() -> &'static [Self] {
        &Self::ALL
    }

    fn as_str(self) -> &'static str {
        Role::as_str(self)
    }
}

impl Seat for WorkspaceRole {
    const MESSAGE: &'static str = "workspace-role-";
    type InvitationId = crate::WorkspaceInvitationId;

    fn all() -> &'static [Self] {
        &Self::ALL
    }

    fn as_str(self) -> &'static str {
        WorkspaceRole::as_str(self)
    }
}

/// How someone reaches a session, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Access {
    Owner,
    Editor,
    /// A member of the session's workspace without a role of their own on it.
    WorkspaceMember,
    Commenter,
    Viewer,
    /// Anyone with a live public link, signed in or not.
    LinkHolder,
    /// Signed in, with no way in.
    Stranger,
    Anonymous,
}

impl Access {
    pub const ALL: [Access; 8] = [
        Self::Owner,
        Self::Editor,
        Self::WorkspaceMember,
        Self::Commenter,
        Self::Viewer,
        Self::LinkHolder,
        Self::Stranger,
        Self::Anonymous,
    ];

    /// The stable text, as the API names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Editor => "editor",
            Self::WorkspaceMember => "workspace_member",
            Self::Commenter => "commenter",
            Self::Viewer => "viewer",
            Self::LinkHolder => "link_holder",
            Self::Stranger => "stranger",
            Self::Anonymous => "anonymous",
        }
    }

    /// The strongest access among what a person holds.
    pub fn of(role: Option<Role>, workspace_member: bool, link: bool, signed_in: bool) -> Self {
        let from_role = role.map(|r| match r {
            Role::Owner => Self::Owner,
            Role::Editor => Self::Editor,
            Role::Commenter => Self::Commenter,
            Role::Viewer => Self::Viewer,
        });
        let fallback = if !signed_in {
            Self::Anonymous
        } else {
            Self::Stranger
        };
        [
            from_role,
            workspace_member.then_some(Self::WorkspaceMember),
            link.then_some(Self::LinkHolder),
            Some(fallback),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(fallback)
    }
}

/// What someone wants to do with a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// The participant view: the flow and times, without facilitator notes.
    ViewParticipant,
    /// Everything collaborators see: facilitator notes, comments, history, versions.
    View,
    /// Write, edit and resolve comments.
    Comment,
    /// Change the session: ops, named versions, restoring a version.
    Edit,
    /// Invite people, change or remove their roles, create and revoke public links.
    Share,
    /// Transfer ownership, delete or restore the session.
    Own,
    /// Give up one's own role.
    Leave,
}

impl Action {
    pub const ALL: [Action; 7] = [
        Self::ViewParticipant,
        Self::View,
        Self::Comment,
        Self::Edit,
        Self::Share,
        Self::Own,
        Self::Leave,
    ];
}

/// Whether `access` allows `action`.
pub fn allows(access: Access, action: Action) -> bool {
    use Access as A;
    use Action as X;
    match action {
        X::ViewParticipant => access <= A::LinkHolder,
        X::View => access <= A::Viewer,
        X::Comment => access <= A::Commenter,
        X::Edit => access <= A::WorkspaceMember,
        X::Share | X::Own => access == A::Owner,
        // The owner hands the session over instead; a workspace member has no role to leave.
        X::Leave => matches!(access, A::Editor | A::Commenter | A::Viewer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table as people read it: one row per access, one column per action, in the order
    /// of `Action::ALL`: participant view, view, comment, edit, share, own, leave.
    const TABLE: [(Access, [bool; 7]); 8] = [
        (Access::Owner, [true, true, true, true, true, true, false]),
        (Access::Editor, [true, true, true, true, false, false, true]),
        (
            Access::WorkspaceMember,
            [true, true, true, true, false, false, false],
        ),
        (
            Access::Commenter,
            [true, true, true, false, false, false, true],
        ),
        (
            Access::Viewer,
            [true, true, false, false, false, false, true],
        ),
        (
            Access::LinkHolder,
            [true, false, false, false, false, false, false],
        ),
        (Access::Stranger, [false; 7]),
        (Access::Anonymous, [false; 7]),
    ];

    #[test]
    fn every_access_and_action_is_allowed_exactly_as_the_table_says() {
        assert_eq!(TABLE.len(), Access::ALL.len());
        for (access, row) in TABLE {
            for (action, expected) in Action::ALL.into_iter().zip(row) {
                assert_eq!(allows(access, action), expected, "{access:?} {action:?}");
            }
        }
    }

    #[test]
    fn a_stronger_access_never_loses_a_right_except_leaving() {
        for (i, stronger) in Access::ALL.into_iter().enumerate() {
            for weaker in Access::ALL.into_iter().skip(i + 1) {
                for action in Action::ALL.into_iter().filter(|a| *a != Action::Leave) {
                    assert!(
                        !allows(weaker, action) || allows(stronger, action),
                        "{weaker:?} may {action:?} but {stronger:?} may not"
                    );
                }
            }
        }
    }

    #[test]
    fn the_strongest_of_a_role_a_membership_and_a_link_counts() {
        assert_eq!(
            Access::of(Some(Role::Viewer), true, true, true),
            Access::WorkspaceMember
        );
        assert_eq!(
            Access::of(Some(Role::Editor), true, false, true),
            Access::Editor
        );
        assert_eq!(Access::of(None, false, true, false), Access::LinkHolder);
        assert_eq!(Access::of(None, false, false, true), Access::Stranger);
        assert_eq!(Access::of(None, false, false, false), Access::Anonymous);
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
        for role in WorkspaceRole::ALL {
            assert_eq!(WorkspaceRole::parse(role.as_str()), Some(role));
        }
        assert_eq!(WorkspaceRole::parse("owner"), None);
        assert!(WorkspaceRole::Admin.manages() && !WorkspaceRole::Member.manages());
    }
}
