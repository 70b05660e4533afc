//! Sharing use cases for every door: invite by email with a role, change a role, remove
//! someone, hand the session over, leave. Whoever is invited is told in the app and by email;
//! every change is announced on the bus so live connections are checked again at once.

use crate::auth::{hash_secret, new_secret};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::sessions;
use crate::state::AppState;
use domain::permission::{Action, Role};
use domain::{Email, FieldError, SessionId, UserId};
use store::{Accepted, Signal, User};

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 14;

/// What an invitation did.
#[derive(Debug, Clone, PartialEq)]
pub enum Invited {
    /// The person has an account: they have the role now.
    Member(String),
    /// No account yet: an invitation link went to the address.
    Emailed(String),
}

/// The role a form or request names; the owner is never given, only handed over.
pub fn parse_role(s: &str) -> Result<Role, AppError> {
    match Role::parse(s) {
        Some(r) if r != Role::Owner => Ok(r),
        _ => Err(AppError::Validation(vec![(
            "role",
            FieldError::UnknownRole,
        )])),
    }
}

/// Invites `email` to the session with `role`.
pub async fn invite(
    state: &AppState,
    by: &User,
    session: SessionId,
    email: &str,
    role: Role,
) -> Result<Invited, AppError> {
    let (row, _) = sessions::require(state, by, session, Action::Share).await?;
    let email = Email::parse(email).map_err(|e| AppError::Validation(vec![("email", e)]))?;
    if role == Role::Owner {
        return Err(AppError::Validation(vec![(
            "role",
            FieldError::UnknownRole,
        )]));
    }
    let inviter = full_name(by);
    match state.store.user_by_email(&email).await? {
        Some(user) if user.id == by.id => Err(AppError::Validation(vec![(
            "email",
            FieldError::CannotInvite,
        )])),
        Some(user) => {
            if state.store.access(session, user.id).await?.0 == Some(Role::Owner) {
                return Err(AppError::Validation(vec![(
                    "email",
                    FieldError::CannotInvite,
                )]));
            }
            state.store.set_share(session, user.id, role).await?;
            state
                .store
                .record(session, by.id, "shared", None, &full_name(&user))
                .await?;
            let link = format!("/sessions/{session}");
            state
                .store
                .notify(user.id, "session_shared", &row.title, &inviter, &link)
                .await?;
            let tr = Tr::new(user.locale());
            let mail = Compose {
                tr,
                to: &user.email,
                first_name: &user.first_name,
                subject: tr.ts("mail-session-shared-subject", "title", &row.title),
                lines: vec![shared_line(&tr, &inviter, &row.title, role)],
                action: Some((tr.t("mail-session-open"), state.settings.link(&link))),
            };
            crate::notify::email(state, &user, mail).await?;
            state.store.announce(Signal::Access { session }).await;
            Ok(Invited::Member(full_name(&user)))
        }
        None => {
            let link = Invitation::mint();
            state
                .store
                .invite(
                    session,
                    email.as_str(),
                    role,
                    by.id,
                    &link.hash,
                    link.expires,
                )
                .await?;
            let tr = Tr::new(by.locale());
            link.send(
                state,
                by,
                &email,
                tr.ts("mail-session-shared-subject", "title", &row.title),
                shared_line(&tr, &inviter, &row.title, role),
            )
            .await
        }
    }
}

/// An invitation link for someone without an account: its secret goes out by email once;
/// only its hash is stored.
pub struct Invitation {
    secret: String,
    pub hash: Vec<u8>,
    pub expires: i64,
}

impl Invitation {
    /// A new secret, valid for [`INVITATION_DAYS`].
    pub fn mint() -> Self {
        let (secret, hash) = new_secret();
        Self {
            secret,
            hash,
            expires: store::now_ms() + INVITATION_DAYS * 86_400_000,
        }
    }

    /// Emails the link to `to` with `subject` and `line`, in the inviter's language (the
    /// person has none of their own yet).
    pub async fn send(
        self,
        state: &AppState,
        by: &User,
        to: &Email,
        subject: String,
        line: String,
    ) -> Result<Invited, AppError> {
        let tr = Tr::new(by.locale());
        let mail = Compose {
            tr,
            to: to.as_str(),
            first_name: "",
            subject,
            lines: vec![line, tr.t("mail-invitation-register")],
            action: Some((
                tr.t("mail-invitation-open"),
                state
                    .settings
                    .link(&format!("/invitations/{}", self.secret)),
            )),
        }
        .render()?;
        state.store.enqueue_mail(&mail).await?;
        Ok(Invited::Emailed(to.as_str().to_owned()))
    }
}

fn shared_line(tr: &Tr, inviter: &str, title: &str, role: Role) -> String {
    tr.args(
        "mail-session-shared-body",
        &[
            ("name", inviter.to_owned().into()),
            ("title", title.to_owned().into()),
            ("role", tr.t(&format!("role-{}", role.as_str())).into()),
        ],
    )
}

pub fn full_name(user: &User) -> String {
    format!("{} {}", user.first_name, user.last_name)
        .trim()
        .to_owned()
}

/// Gives someone who already has a role another one (not the owner's).
pub async fn set_role(
    state: &AppState,
    by: &User,
    session: SessionId,
    user: UserId,
    role: Role,
) -> Result<(), AppError> {
    sessions::require(state, by, session, Action::Share).await?;
    match state.store.access(session, user).await?.0 {
        None => return Err(AppError::NotFound),
        Some(Role::Owner) => {
            return Err(AppError::Validation(vec![(
                "role",
                FieldError::UnknownRole,
            )]));
        }
        Some(_) => {}
    }
    state.store.set_share(session, user, role).await?;
    let name = full_name(&state.store.user(user).await?);
    state
        .store
        .record(session, by.id, "role_changed", None, &name)
        .await?;
    state.store.announce(Signal::Access { session }).await;
    Ok(())
}

/// Takes someone's role away; their live connections close at once.
pub async fn remove(
    state: &AppState,
    by: &User,
    session: SessionId,
    user: UserId,
) -> Result<(), AppError> {
    sessions::require(state, by, session, Action::Share).await?;
    state.store.remove_share(session, user).await?;
    let name = full_name(&state.store.user(user).await?);
    state
        .store
        .record(session, by.id, "unshared", None, &name)
        .await?;
    state.store.announce(Signal::Access { session }).await;
    Ok(())
}

/// Hands the session to a collaborator; the owner stays on as an editor.
pub async fn transfer(
    state: &AppState,
    by: &User,
    session: SessionId,
    to: UserId,
) -> Result<(), AppError> {
    sessions::require(state, by, session, Action::Own).await?;
    state.store.transfer_ownership(session, to).await?;
    let name = full_name(&state.store.user(to).await?);
    state
        .store
        .record(session, by.id, "owner_changed", None, &name)
        .await?;
    state.store.announce(Signal::Access { session }).await;
    Ok(())
}

/// Gives up one's own role.
pub async fn leave(state: &AppState, user: &User, session: SessionId) -> Result<(), AppError> {
    sessions::require(state, user, session, Action::Leave).await?;
    state.store.remove_share(session, user.id).await?;
    state
        .store
        .record(session, user.id, "left", None, "")
        .await?;
    state.store.announce(Signal::Access { session }).await;
    Ok(())
}

/// Uses an invitation link (to a session or to a team) for `user`: the path it leads to, or
/// not found when the link was used, withdrawn or has expired.
pub async fn accept(state: &AppState, user: &User, secret: &str) -> Result<String, AppError> {
    match state
        .store
        .accept_invitation(&hash_secret(secret), user.id)
        .await?
    {
        Accepted::Joined(session) => {
            state.store.announce(Signal::Access { session }).await;
            Ok(format!("/sessions/{session}"))
        }
        // Not a session's: perhaps a team's, whose dashboard they now see.
        Accepted::Invalid => match crate::workspaces::accept(state, user, secret).await? {
            Some(_) => Ok("/".to_owned()),
            None => Err(AppError::NotFound),
        },
    }
}

/// How long a new public link may live, as offered on the share page.
pub const LINK_DAYS: [i64; 3] = [1, 7, 30];

/// Makes a public link to the session's participant view; the path with its secret is shown
/// once, to the person who made it. `days` is how long it lives (none: until revoked).
pub async fn create_link(
    state: &AppState,
    by: &User,
    session: SessionId,
    days: Option<i64>,
) -> Result<String, AppError> {
    sessions::require(state, by, session, Action::Share).await?;
    if days.is_some_and(|d| !LINK_DAYS.contains(&d)) {
        return Err(AppError::Validation(vec![(
            "expires",
            FieldError::Required,
        )]));
    }
    let (secret, hash) = new_secret();
    let expires = days.map(|d| store::now_ms() + d * 86_400_000);
    state
        .store
        .create_link(session, by.id, &hash, expires)
        .await?;
    state
        .store
        .record(session, by.id, "link_created", None, "")
        .await?;
    Ok(format!("/p/{secret}"))
}

/// Revokes a public link; from now on it is a 404.
pub async fn revoke_link(
    state: &AppState,
    by: &User,
    session: SessionId,
    link: domain::LinkId,
) -> Result<(), AppError> {
    sessions::require(state, by, session, Action::Share).await?;
    state.store.revoke_link(session, link).await?;
    state
        .store
        .record(session, by.id, "link_revoked", None, "")
        .await?;
    Ok(())
}

/// The session behind a public link, or not found when it is revoked, expired or unknown.
pub async fn by_link(state: &AppState, secret: &str) -> Result<store::SessionRow, AppError> {
    let id = state.store.session_by_link(&hash_secret(secret)).await?;
    Ok(state.store.session(id).await?)
}
