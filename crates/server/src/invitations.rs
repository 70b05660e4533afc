//! Invitations by email, to a session or a team: one flow for both. Nobody gets a role without
//! answering. The invitation goes to the address by email, with a link; a confirmed account
//! with that address also finds it under Notifications, to accept or decline. An unconfirmed
//! account sees nothing until its address is confirmed, so registering someone else's address
//! gains nothing. The answer to the inviter is the same whether or not the address has an
//! account, and invitations are limited per inviter and per session or team.

use crate::auth::throttle::{INVITE_PER_PERSON as PER_PERSON, INVITE_PER_TARGET as PER_TARGET};
use crate::auth::{hash_secret, new_secret};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::state::AppState;
use domain::permission::{Role, WorkspaceRole};
use domain::{Email, FieldError};
use store::{Answering, Notice, Sending, User};
use uuid::Uuid;

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 14;

/// What an invitation is to: a session with a role on it, or a team with a role in it.
#[derive(Debug, Clone, Copy)]
pub enum To {
    Session(domain::SessionId, Role),
    Team(domain::WorkspaceId, WorkspaceRole),
}

impl To {
    fn id(self) -> Uuid {
        match self {
            Self::Session(s, _) => s.0,
            Self::Team(w, _) => w.0,
        }
    }

    /// `session` or `team`, as messages and notification kinds name it.
    fn kind(self) -> &'static str {
        match self {
            Self::Session(..) => "session",
            Self::Team(..) => "team",
        }
    }

    /// The role's key in the messages.
    fn role_key(self) -> String {
        match self {
            Self::Session(_, r) => format!("role-{}", r.as_str()),
            Self::Team(_, r) => format!("workspace-role-{}", r.as_str()),
        }
    }
}

/// A new invitation: its link's secret (sent once, by email) and what is stored of it.
struct Link {
    secret: String,
    hash: Vec<u8>,
    expires: i64,
}

impl Link {
    fn mint() -> Self {
        let (secret, hash) = new_secret();
        Self {
            secret,
            hash,
            expires: store::now_ms() + INVITATION_DAYS * 86_400_000,
        }
    }
}

/// An invitation ready to be stored: the address, its link, and what goes out with it.
struct Outgoing {
    email: Email,
    link: Link,
    mail: store::NewMail,
    /// The invitee's notification, when the address is a confirmed account's: (user, kind,
    /// what it is to, who invites).
    notice: Option<(domain::UserId, String, String, String)>,
}

impl Outgoing {
    /// Its email and notification, to be stored with it in one transaction.
    fn sending(&self) -> Sending<'_> {
        Sending {
            mail: &self.mail,
            notice: self
                .notice
                .as_ref()
                .map(|(user, kind, subject, note)| Notice {
                    user: *user,
                    kind,
                    subject,
                    note,
                    link: "/notifications",
                    actor: self.mail.sender,
                }),
        }
    }
}

/// Invites `email` to `to`, which `by` may invite to (the caller checked) and which is called
/// `label` (the session's title or the team's name, as the inviter wrote it): the invitation,
/// its email and its notification are stored in one transaction. Throttled per inviter and
/// per session or team. Answers with the address, whether it has an account or not.
pub async fn send(
    state: &AppState,
    by: &User,
    email: &str,
    label: &str,
    to: To,
) -> Result<String, AppError> {
    crate::moderation::allowed(state, by, domain::moderation::Restriction::Invite).await?;
    let out = prepare(state, by, email, label, to).await?;
    let (address, hash, expires) = (out.email.as_str(), &out.link.hash, out.link.expires);
    match to {
        To::Session(session, role) => {
            state
                .store
                .invite(session, address, role, by.id, hash, expires, &out.sending())
                .await?;
        }
        To::Team(workspace, role) => {
            state
                .store
                .invite_member(
                    workspace,
                    address,
                    role,
                    by.id,
                    hash,
                    expires,
                    &out.sending(),
                )
                .await?;
        }
    }
    Ok(address.to_owned())
}

/// Checks and prepares an invitation of `email` by `by` to `to`, called `label`.
async fn prepare(
    state: &AppState,
    by: &User,
    email: &str,
    label: &str,
    to: To,
) -> Result<Outgoing, AppError> {
    let email = Email::parse(email).map_err(|e| AppError::Validation(vec![("email", e)]))?;
    if email.as_str() == by.email {
        return Err(AppError::Validation(vec![(
            "email",
            FieldError::CannotInvite,
        )]));
    }
    // Both limits are looked at before either counts, so one refusal costs nothing.
    let (person, target) = (by.id.to_string(), to.id().to_string());
    PER_PERSON.check(state, &person).await?;
    PER_TARGET.check(state, &target).await?;
    PER_PERSON.hit(state, &person).await?;
    PER_TARGET.hit(state, &target).await?;
    let invitee = state
        .store
        .user_by_email(&email)
        .await?
        .filter(User::is_confirmed);
    let link = Link::mint();
    // In the invitee's language when they have an account, else in the inviter's.
    let tr = Tr::new(invitee.as_ref().map_or(by.locale(), User::locale));
    let inviter = by.full_name();
    let line = tr.args(
        &format!("mail-invited-{}", to.kind()),
        &[
            ("name", inviter.clone().into()),
            ("email", by.email.clone().into()),
            ("title", label.to_owned().into()),
            ("role", tr.t(&to.role_key()).into()),
        ],
    );
    let next = if invitee.is_some() {
        tr.t("mail-invitation-answer")
    } else {
        tr.t("mail-invitation-register")
    };
    let mail = Compose {
        unsubscribe: None,
        tr,
        to: email.as_str(),
        user: invitee.as_ref().map(|u| u.id),
        sender: Some(by.id),
        first_name: invitee.as_ref().map_or("", |u| u.first_name.as_str()),
        // The subject is ours alone: what the inviter wrote stays inside, quoted as theirs.
        subject: tr.t("mail-invitation-subject"),
        lines: vec![line, next],
        action: Some((
            tr.t("mail-invitation-open"),
            state
                .settings
                .link(&format!("/invitations/{}", link.secret)),
        )),
    }
    .render()?;
    let notice = invitee.map(|u| {
        (
            u.id,
            format!("{}_invited", to.kind()),
            label.to_owned(),
            inviter,
        )
    });
    Ok(Outgoing {
        email,
        link,
        mail,
        notice,
    })
}

/// What an invitation the person answered led to.
pub enum Answered {
    /// A role on this session.
    Session(domain::SessionId),
    /// Membership of this team.
    Team(domain::WorkspaceId),
}

impl Answered {
    /// Where to go next.
    pub fn path(&self) -> String {
        match self {
            Self::Session(s) => format!("/sessions/{s}"),
            Self::Team(_) => "/".to_owned(),
        }
    }
}

/// Accepts an invitation for `user`: through the link's secret (whoever holds the link), or by
/// its id when it went to their confirmed address. Not found when it was used, withdrawn or
/// has expired, or is not theirs.
pub async fn accept(
    state: &AppState,
    user: &User,
    answering: Answering<'_>,
    team: bool,
) -> Result<Answered, AppError> {
    if !team {
        if let store::Accepted::Joined(session) =
            state.store.accept_invitation(answering, user.id).await?
        {
            state
                .store
                .announce(store::Signal::Access { session })
                .await;
            return Ok(Answered::Session(session));
        }
        if matches!(answering, Answering::Addressed { .. }) {
            return Err(AppError::NotFound);
        }
    }
    // A team's: the person joins, and the live connections to its sessions check again.
    match state
        .store
        .accept_member_invitation(answering, user.id)
        .await?
    {
        Some(w) => {
            state.store.announce_access_in(w).await?;
            Ok(Answered::Team(w))
        }
        None => Err(AppError::NotFound),
    }
}

/// Accepts the invitation behind a link's secret.
pub async fn accept_link(state: &AppState, user: &User, secret: &str) -> Result<String, AppError> {
    let hash = hash_secret(secret);
    Ok(accept(state, user, Answering::Link(&hash), false)
        .await?
        .path())
}

/// Whether an invitation's kind, as paths name it, is a team's; anything but `session` or
/// `team` is not found.
pub fn is_team(kind: &str) -> Result<bool, AppError> {
    match kind {
        "session" => Ok(false),
        "team" => Ok(true),
        _ => Err(AppError::NotFound),
    }
}

/// The invitations to `user`'s confirmed address waiting for an answer.
pub async fn incoming(state: &AppState, user: &User) -> Result<Vec<store::Incoming>, AppError> {
    Ok(state.store.incoming_invitations(user.id).await?)
}

/// Declines an invitation to `user`'s confirmed address; nobody gets a role from it.
pub async fn decline(state: &AppState, user: &User, team: bool, id: Uuid) -> Result<(), AppError> {
    if team {
        state
            .store
            .decline_member_invitation(domain::WorkspaceInvitationId(id), user.id)
            .await?;
    } else {
        state
            .store
            .decline_invitation(domain::InvitationId(id), user.id)
            .await?;
    }
    Ok(())
}
