//! What a session's share page and a team's page show alike (`people.html`): the form to invite
//! by email, everyone with their role (with the forms to change or take it, for whoever may),
//! and the invitations waiting for an answer. The roles are a session's or a team's
//! (`domain::permission::Seat`); each page says where its forms post.

use crate::i18n::Tr;
use domain::UserId;
use domain::permission::Seat;
use store::{Holder, Invitation};

/// What the invitation form sends.
#[derive(serde::Deserialize)]
pub struct InviteInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub role: String,
}

/// A role a select offers.
pub struct Choice {
    pub value: &'static str,
    pub label: String,
}

/// The invitation form.
pub struct Invite {
    pub action: String,
    pub heading: String,
    pub hint: String,
    pub roles: Vec<Choice>,
}

/// One person and their role.
pub struct PersonLine {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    /// The reader themselves.
    pub you: bool,
    pub role: &'static str,
    pub role_label: String,
    /// For whoever may change this person's role: the path its forms post under
    /// (`…/role`, `…/remove`, and `…/owner` when `owner` is offered).
    pub manage: Option<String>,
    pub owner: bool,
}

/// One invitation waiting, with where withdrawing it posts (for whoever may).
pub struct PendingLine {
    pub email: String,
    pub role_label: String,
    pub revoke: String,
}

/// The people part of a page.
pub struct People {
    pub invite: Option<Invite>,
    pub heading: String,
    pub lines: Vec<PersonLine>,
    /// The roles a person's select offers.
    pub roles: Vec<Choice>,
    pub pending: Vec<PendingLine>,
}

/// The choices of `roles`, named in the reader's language.
pub fn choices<R: Seat>(tr: &Tr, roles: &[R]) -> Vec<Choice> {
    roles
        .iter()
        .map(|r| Choice {
            value: r.as_str(),
            label: tr.t(&r.message()),
        })
        .collect()
}

/// The lines of `holders` for `me`; `manage` gives the path a holder's forms post under when
/// the reader may change their role.
pub fn lines<R: Seat>(
    tr: &Tr,
    me: UserId,
    holders: &[Holder<R>],
    manage: impl Fn(&Holder<R>) -> Option<String>,
    owner: bool,
) -> Vec<PersonLine> {
    holders
        .iter()
        .map(|h| PersonLine {
            user_id: h.user_id,
            name: h.name(),
            email: h.email.clone(),
            you: h.user_id == me,
            role: h.role.as_str(),
            role_label: tr.t(&h.role.message()),
            manage: manage(h),
            owner,
        })
        .collect()
}

/// The lines of invitations waiting; `revoke` gives where withdrawing one posts.
pub fn pending<R: Seat>(
    tr: &Tr,
    invitations: &[Invitation<R>],
    revoke: impl Fn(&Invitation<R>) -> String,
) -> Vec<PendingLine> {
    invitations
        .iter()
        .map(|i| PendingLine {
            email: i.email.clone(),
            role_label: tr.t(&i.role.message()),
            revoke: revoke(i),
        })
        .collect()
}
