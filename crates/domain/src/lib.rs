//! Plenary's pure types and rules: typed ids, user input parsed into valid values, and the
//! small vocabularies (locales, time zones) shared by every door. No IO lives here.

pub mod account;
pub mod ids;
pub mod timing;

pub use account::{
    Email, FieldError, Locale, NewPassword, PersonName, Phone, TimeZoneName, TokenName,
};
pub use ids::{JobId, LoginId, MailId, TokenId, UserId, WorkspaceId};
