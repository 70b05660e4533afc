//! The kinds of entry in a session's activity log, each with the stable text the `activity`
//! table stores, and the groups a reader filters by.

/// What happened to a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityKind {
    BlockAdded,
    BlockChanged,
    BlockMoved,
    BlockDeleted,
    BlockRestored,
    SessionChanged,
    VersionSaved,
    VersionRestored,
    /// Someone accepted an invitation.
    Joined,
    Shared,
    /// Someone's role changed (the entry names them).
    RoleChanged,
    /// Someone was removed (the entry names them).
    Unshared,
    /// Someone became the owner (the entry names them).
    OwnerChanged,
    /// Someone gave up their own role.
    Left,
    LinkCreated,
    LinkRevoked,
    Commented,
}

/// The groups of kinds a reader filters the log by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityGroup {
    Edits,
    Sharing,
    Comments,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 17] = [
        Self::BlockAdded,
        Self::BlockChanged,
        Self::BlockMoved,
        Self::BlockDeleted,
        Self::BlockRestored,
        Self::SessionChanged,
        Self::VersionSaved,
        Self::VersionRestored,
        Self::Joined,
        Self::Shared,
        Self::RoleChanged,
        Self::Unshared,
        Self::OwnerChanged,
        Self::Left,
        Self::LinkCreated,
        Self::LinkRevoked,
        Self::Commented,
    ];

    /// The text stored in `activity.kind`; it never changes for a kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BlockAdded => "block_added",
            Self::BlockChanged => "block_changed",
            Self::BlockMoved => "block_moved",
            Self::BlockDeleted => "block_deleted",
            Self::BlockRestored => "block_restored",
            Self::SessionChanged => "session_changed",
            Self::VersionSaved => "version_saved",
            Self::VersionRestored => "version_restored",
            Self::Joined => "joined",
            Self::Shared => "shared",
            Self::RoleChanged => "role_changed",
            Self::Unshared => "unshared",
            Self::OwnerChanged => "owner_changed",
            Self::Left => "left",
            Self::LinkCreated => "link_created",
            Self::LinkRevoked => "link_revoked",
            Self::Commented => "commented",
        }
    }

    /// The kind stored as `s`, if there is one.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The group a reader finds it under.
    pub fn group(self) -> ActivityGroup {
        match self {
            Self::BlockAdded
            | Self::BlockChanged
            | Self::BlockMoved
            | Self::BlockDeleted
            | Self::BlockRestored
            | Self::SessionChanged
            | Self::VersionSaved
            | Self::VersionRestored => ActivityGroup::Edits,
            Self::Joined
            | Self::Shared
            | Self::RoleChanged
            | Self::Unshared
            | Self::OwnerChanged
            | Self::Left
            | Self::LinkCreated
            | Self::LinkRevoked => ActivityGroup::Sharing,
            Self::Commented => ActivityGroup::Comments,
        }
    }

    /// True for the entries whose detail is another person (read through a reference).
    pub fn is_about_a_person(self) -> bool {
        matches!(
            self,
            Self::RoleChanged | Self::Unshared | Self::OwnerChanged
        )
    }
}

impl ActivityGroup {
    /// The group called `name` in a filter (`edits`, `sharing`, `comments`).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "edits" => Some(Self::Edits),
            "sharing" => Some(Self::Sharing),
            "comments" => Some(Self::Comments),
            _ => None,
        }
    }

    /// Its kinds.
    pub fn kinds(self) -> impl Iterator<Item = ActivityKind> {
        ActivityKind::ALL
            .into_iter()
            .filter(move |k| k.group() == self)
    }
}

/// A stored kind this version does not know: the row does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown activity kind {0:?}")]
pub struct UnknownActivityKind(pub String);

impl TryFrom<String> for ActivityKind {
    type Error = UnknownActivityKind;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s).ok_or(UnknownActivityKind(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activity_kind_reads_back_from_its_stored_text_and_belongs_to_one_group() {
        let mut seen = std::collections::HashSet::new();
        for kind in ActivityKind::ALL {
            assert_eq!(ActivityKind::parse(kind.as_str()), Some(kind));
            assert!(seen.insert(kind.as_str()), "{} twice", kind.as_str());
            let groups = [
                ActivityGroup::Edits,
                ActivityGroup::Sharing,
                ActivityGroup::Comments,
            ]
            .into_iter()
            .filter(|g| g.kinds().any(|k| k == kind))
            .count();
            assert_eq!(groups, 1, "{kind:?}");
        }
        assert_eq!(ActivityKind::parse("no_such_entry"), None);
        assert_eq!(
            ActivityGroup::Comments.kinds().collect::<Vec<_>>(),
            [ActivityKind::Commented]
        );
    }
}
