//! Typed ids: UUID v7 newtypes, so a user id can never be passed where a workspace id is meant.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),* $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "sqlx", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

id_type!(
    /// A person's account.
    UserId,
    /// Owner of content; every user has a personal one.
    WorkspaceId,
    /// A signed-in browser.
    LoginId,
    /// A personal API token.
    TokenId,
    /// A background job.
    JobId,
    /// An email in the outbox.
    MailId,
    /// A session being designed.
    SessionId,
    /// One block of a session's flow.
    BlockId,
    /// An image of a session: its cover or a card's picture.
    ImageId,
    /// A workspace's own block category.
    CategoryId,
    /// A method in a library.
    MethodId,
    /// A design (session template) in a library.
    TemplateId,
    /// A message to a user shown in the app.
    NotificationId,
    /// An invitation by email to a session.
    InvitationId,
    /// A public link to a session's participant view.
    LinkId,
    /// A comment on a session or one of its blocks.
    CommentId,
    /// An entry of a session's activity log.
    ActivityId,
    /// A saved version (snapshot) of a session.
    SnapshotId,
    /// An invitation by email to a team workspace.
    WorkspaceInvitationId,
    /// An uploaded file.
    FileId,
    /// An export that went on as a job.
    ExportId,
    /// A change to a workspace's subscription, in its history.
    SubscriptionEventId,
    /// A payment for a workspace's plan: a first payment, a renewal or a switch.
    PaymentId,
    /// An invoice for a plan paid by bank transfer.
    InvoiceId,
    /// A browser's cookie choice, kept in its consent cookie across changes of mind.
    ConsentId,
    /// An advertising email administrators send to everyone who has not refused it.
    NewsletterId,
    /// A version of a legal document, a draft until it is published.
    LegalVersionId,
    /// A person's copy of their data (Download my data).
    DataExportId,
    /// A report of public content.
    ReportId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_time_ordered_and_round_trip_through_text() {
        let a = UserId::new();
        let b = UserId::new();
        assert!(a < b);
        assert_eq!(a.to_string().parse::<UserId>().ok(), Some(a));
        assert!("not-a-uuid".parse::<UserId>().is_err());
    }
}
