//! Plenary's pure types and rules: typed ids, user input parsed into valid values, and the
//! small vocabularies (locales, time zones) shared by every door; sessions, blocks, ops and
//! their timing. No IO lives here.

pub mod account;
pub mod activity;
pub mod comment;
pub mod consent;
pub mod contract;
pub mod credential;
pub mod file;
pub mod ids;
pub mod job;
pub mod legal;
pub mod library;
pub mod moderation;
pub mod op;
pub mod permission;
pub mod plan;
pub mod protocol;
pub mod requisites;
pub mod search;
pub mod session;
pub mod snapshot;
pub mod timing;

pub use account::{
    Email, FieldError, Locale, NewPassword, PersonName, Phone, TimeZoneName, TokenName,
};
pub use credential::{Credential, Scope, Scopes};
pub use ids::{
    ActivityId, BlockId, CategoryId, CommentId, ConsentId, DataExportId, ExportId, FileId, ImageId,
    InvitationId, InvoiceId, JobId, LegalVersionId, LinkId, LoginId, MailId, MethodId,
    NewsletterId, NotificationId, PaymentId, ReportId, SessionId, SnapshotId, SubscriptionEventId,
    TemplateId, TokenId, UserId, WorkspaceId, WorkspaceInvitationId,
};
pub use session::{Block, Session};
