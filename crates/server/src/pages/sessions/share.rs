//! The share page of a session: who has which role, invitations by email, and (for the owner)
//! changing roles, removing people, withdrawing invitations and handing the session over;
//! everyone with a role can leave. Invitation links land here too (`/invitations/{secret}`).

use super::super::people::{self, Invite, People};
use super::super::{Chrome, Form, NoticeQuery, redirect_notice, render, render_form_error};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::sessions;
use crate::sharing;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form as FormBody, Router};
use domain::Session;
use domain::permission::{self, Action, Role};
use domain::{InvitationId, SessionId, UserId};
use serde::Deserialize;
use store::LinkRow;

/// The roles the owner gives.
const ROLES: [Role; 3] = [Role::Editor, Role::Commenter, Role::Viewer];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions/{id}/share", get(share_page).post(invite))
        .route("/sessions/{id}/share/{user}/role", post(set_role))
        .route("/sessions/{id}/share/{user}/remove", post(remove))
        .route("/sessions/{id}/share/{user}/owner", post(transfer))
        .route("/sessions/{id}/invitations/{inv}/revoke", post(revoke))
        .route("/sessions/{id}/leave", post(leave))
        .route("/invitations/{secret}", get(invitation_page).post(accept))
        .route("/sessions/{id}/links", post(create_link))
        .route("/sessions/{id}/links/{link}/revoke", post(revoke_link))
        .route("/p/{secret}", get(participant))
}

#[derive(Template)]
#[template(path = "share.html")]
struct SharePage {
    c: Chrome,
    s: Session,
    people: People,
    can_share: bool,
    can_leave: bool,
    f: Form,
    /// Live public links, each with when it was made and when it ends, in words.
    links: Vec<(LinkRow, String)>,
    /// A link just made: its full address, shown this once.
    new_link: Option<String>,
    link_days: [i64; 3],
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    user: &store::User,
    id: SessionId,
    f: Form,
) -> Result<SharePage, AppError> {
    let sharing::Overview {
        session: s,
        access,
        people,
        invitations,
        links,
    } = sharing::overview(state, user, id).await?;
    let (tr, tz) = (&viewer.tr, &user.time_zone);
    let can_share = permission::allows(access, Action::Share);
    let links = links
        .into_iter()
        .map(|l| {
            let made = viewer.tr.datetime(l.created_at, tz);
            let ends = match l.expires_at {
                Some(e) => viewer
                    .tr
                    .ts("link-expires", "when", &viewer.tr.datetime(e, tz)),
                None => viewer.tr.t("link-no-expiry"),
            };
            let words = format!("{} · {ends}", viewer.tr.ts("link-made", "when", &made));
            (l, words)
        })
        .collect();
    Ok(SharePage {
        links,
        new_link: None,
        link_days: sharing::LINK_DAYS,
        c: Chrome::new(viewer, &format!("/sessions/{id}/share")),
        people: People {
            invite: can_share.then(|| Invite {
                action: format!("/sessions/{id}/share"),
                heading: tr.t("share-invite"),
                hint: tr.t("share-roles-hint"),
                roles: people::choices(tr, &ROLES),
            }),
            heading: tr.t("share-people"),
            lines: people::lines(
                tr,
                user.id,
                &people,
                |p| {
                    (can_share && p.role != Role::Owner)
                        .then(|| format!("/sessions/{id}/share/{}", p.user_id))
                },
                permission::allows(access, Action::Own),
            ),
            roles: people::choices(tr, &ROLES),
            pending: people::pending(tr, &invitations, |i| {
                format!("/sessions/{id}/invitations/{}/revoke", i.id)
            }),
        },
        can_share,
        can_leave: permission::allows(access, Action::Leave),
        s,
        f,
    })
}

async fn share_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let mut p = page(
        &state,
        &viewer,
        &signed.user,
        id,
        Form::default().with("role", "editor"),
    )
    .await?;
    p.c = p.c.with_notice(n.notice.as_deref());
    Ok(render(&p))
}

async fn invite(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    FormBody(input): FormBody<people::InviteInput>,
) -> Result<Response, AppError> {
    let done = match sharing::parse_role(&input.role) {
        Ok(role) => sharing::invite(&state, &signed.user, id, &input.email, role).await,
        Err(e) => Err(e),
    };
    match done {
        Ok(_) => Ok(redirect_notice(
            &format!("/sessions/{id}/share"),
            "share-invited",
        )),
        Err(
            e @ (AppError::Validation(_) | AppError::Throttled { .. } | AppError::Restricted(_)),
        ) => {
            let f = Form::default()
                .with("email", &input.email)
                .with("role", &input.role)
                .with_error(&e, &viewer.tr);
            let p = page(&state, &viewer, &signed.user, id, f).await?;
            Ok(render_form_error(&e, &p))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

async fn set_role(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, user)): Path<(SessionId, UserId)>,
    FormBody(input): FormBody<RoleForm>,
) -> Result<Response, AppError> {
    let role = sharing::parse_role(&input.role)?;
    sharing::set_role(&state, &signed.user, id, user, role).await?;
    Ok(redirect_notice(
        &format!("/sessions/{id}/share"),
        "share-role-changed",
    ))
}

async fn remove(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, user)): Path<(SessionId, UserId)>,
) -> Result<Response, AppError> {
    sharing::remove(&state, &signed.user, id, user).await?;
    Ok(redirect_notice(
        &format!("/sessions/{id}/share"),
        "share-removed",
    ))
}

async fn transfer(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, user)): Path<(SessionId, UserId)>,
) -> Result<Response, AppError> {
    sharing::transfer(&state, &signed.user, id, user).await?;
    Ok(redirect_notice(
        &format!("/sessions/{id}/share"),
        "share-owner-changed",
    ))
}

async fn revoke(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, inv)): Path<(SessionId, InvitationId)>,
) -> Result<Response, AppError> {
    sharing::withdraw(&state, &signed.user, id, inv).await?;
    Ok(redirect_notice(
        &format!("/sessions/{id}/share"),
        "invitation-revoked",
    ))
}

async fn leave(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
) -> Result<Response, AppError> {
    sharing::leave(&state, &signed.user, id).await?;
    Ok(redirect_notice("/", "share-left"))
}

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationPage {
    c: Chrome,
    lead: String,
    secret: String,
    signed_in: bool,
}

/// An invitation link: a button to join for someone signed in, or the way to register or sign
/// in first. A used, withdrawn or expired link is a 404.
async fn invitation_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    let hash = crate::auth::hash_secret(&secret);
    let lead = match state.store.invitation(&hash).await {
        Ok((inv, title)) => {
            let role = viewer.tr.t(&format!("role-{}", inv.role.as_str()));
            viewer.tr.args(
                "invitation-lead",
                &[("title", title.into()), ("role", role.into())],
            )
        }
        Err(store::StoreError::NotFound) => {
            let (inv, team) = state.store.member_invitation(&hash).await?;
            let role = viewer
                .tr
                .t(&format!("workspace-role-{}", inv.role.as_str()));
            viewer.tr.args(
                "invitation-team-lead",
                &[("team", team.into()), ("role", role.into())],
            )
        }
        Err(e) => return Err(e.into()),
    };
    Ok(render(&InvitationPage {
        lead,
        c: Chrome::new(&viewer, "/invitations"),
        signed_in: viewer.user.is_some(),
        secret,
    }))
}

async fn accept(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    let to = crate::invitations::accept_link(&state, &signed.user, &secret).await?;
    Ok(Redirect::to(&to).into_response())
}

#[derive(Deserialize)]
struct LinkForm {
    /// Days the link lives; empty for until revoked.
    #[serde(default)]
    expires: String,
}

/// Makes a public link and shows the share page with its address, this once.
async fn create_link(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    FormBody(input): FormBody<LinkForm>,
) -> Result<Response, AppError> {
    let days =
        match input.expires.trim() {
            "" => None,
            d => Some(d.parse::<i64>().map_err(|_| {
                AppError::Validation(vec![("expires", domain::FieldError::Required)])
            })?),
        };
    let path = sharing::create_link(&state, &signed.user, id, days).await?;
    let mut p = page(
        &state,
        &viewer,
        &signed.user,
        id,
        Form::default().with("role", "editor"),
    )
    .await?;
    p.new_link = Some(state.settings.link(&path));
    p.c.notice = Some(viewer.tr.t("notice-link-created"));
    Ok(render(&p))
}

async fn revoke_link(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, link)): Path<(SessionId, domain::LinkId)>,
) -> Result<Response, AppError> {
    sharing::revoke_link(&state, &signed.user, id, link).await?;
    Ok(redirect_notice(
        &format!("/sessions/{id}/share"),
        "link-revoked",
    ))
}

#[derive(Template)]
#[template(path = "participant.html")]
struct ParticipantPage {
    c: Chrome,
    p: super::Programme,
    /// The link's secret, for its export links.
    secret: String,
}

/// The participant view behind a public link: the flow and its times, without facilitator
/// notes, leads, materials or custom fields; never indexed. A revoked or expired link is a 404.
async fn participant(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(secret): Path<String>,
) -> Result<Response, AppError> {
    let session = sharing::by_link(&state, &secret).await?;
    let blocks = state.store.blocks(session.id).await?;
    let own = state.store.categories(session.workspace_id).await?;
    let palette = sessions::palette(&viewer.tr, &own);
    let mut p = super::programme_of(&viewer.tr, session, &blocks, &palette);
    p.can_edit = false;
    let mut res = render(&ParticipantPage {
        c: Chrome::new(&viewer, "/p"),
        p,
        secret,
    });
    res.headers_mut().insert(
        "x-robots-tag",
        axum::http::HeaderValue::from_static("noindex, nofollow"),
    );
    Ok(res)
}
