//! Workspaces: the list of one's own with a switch and "Create a team", and a team's page
//! where admins invite, change and remove members, withdraw invitations and rename it, and
//! anyone may leave.

use super::people::{self, Invite, People};
use super::{Chrome, Form, NoticeQuery, redirect_notice, render, render_form_error};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::state::AppState;
use crate::workspaces;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form as FormBody, Router};
use domain::permission::WorkspaceRole;
use domain::{UserId, WorkspaceId, WorkspaceInvitationId};
use serde::Deserialize;
use store::WorkspaceRow;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/workspaces", get(list).post(create))
        .route("/workspaces/switch", post(switch))
        .route("/workspaces/{id}", get(team))
        .route("/workspaces/{id}/name", post(rename))
        .route("/workspaces/{id}/members", post(invite))
        .route("/workspaces/{id}/members/{user}/role", post(set_role))
        .route("/workspaces/{id}/members/{user}/remove", post(remove))
        .route("/workspaces/{id}/leave", post(leave))
        .route(
            "/workspaces/{id}/invitations/{inv}/revoke",
            post(revoke_invitation),
        )
}

#[derive(Template)]
#[template(path = "workspaces.html")]
struct ListPage {
    c: Chrome,
    workspaces: Vec<WorkspaceRow>,
    current: WorkspaceId,
    f: Form,
}

async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    user: &store::User,
    f: Form,
) -> Result<ListPage, AppError> {
    Ok(ListPage {
        c: Chrome::new(viewer, "/workspaces"),
        workspaces: state.store.workspaces_of(user.id).await?,
        current: state.store.current_workspace(user.id).await?.id,
        f,
    })
}

async fn list(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let mut p = list_page(&state, &viewer, &signed.user, Form::default()).await?;
    p.c = p.c.with_notice(n.notice.as_deref());
    Ok(render(&p))
}

#[derive(Deserialize)]
struct NameForm {
    #[serde(default)]
    name: String,
}

async fn create(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    FormBody(input): FormBody<NameForm>,
) -> Result<Response, AppError> {
    match workspaces::create(&state, &signed.user, &input.name).await {
        Ok(id) => Ok(redirect_notice(
            &format!("/workspaces/{id}"),
            "workspace-created",
        )),
        Err(e @ AppError::Validation(_)) => {
            let f = Form::default()
                .with("name", &input.name)
                .with_error(&e, &viewer.tr);
            let p = list_page(&state, &viewer, &signed.user, f).await?;
            Ok(render_form_error(&e, &p))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct SwitchForm {
    workspace: WorkspaceId,
}

async fn switch(
    State(state): State<AppState>,
    signed: SignedIn,
    FormBody(input): FormBody<SwitchForm>,
) -> Result<Response, AppError> {
    workspaces::switch(&state, &signed.user, input.workspace).await?;
    Ok(redirect_notice("/", "workspace-switched"))
}

#[derive(Template)]
#[template(path = "workspace.html")]
struct TeamPage {
    c: Chrome,
    w: WorkspaceRow,
    people: People,
    manages: bool,
    f: Form,
    /// Its storage use, and its largest files.
    storage: String,
    largest: Vec<Largest>,
}

/// One of a workspace's largest files, with the files page of its session or method.
struct Largest {
    name: String,
    size: String,
    parent: String,
    link: String,
}

/// Files listed under a workspace's storage use.
const LARGEST: i64 = 10;

async fn team_page(
    state: &AppState,
    viewer: &Viewer,
    user: &store::User,
    id: WorkspaceId,
    f: Form,
) -> Result<TeamPage, AppError> {
    let (w, members, invitations) = workspaces::members(state, user, id).await?;
    let manages = w.is_team() && w.role().manages();
    let tr = &viewer.tr;
    let largest = state
        .store
        .largest_files(id, LARGEST)
        .await?
        .into_iter()
        .map(|l| Largest {
            size: super::files::size(&viewer.tr, l.file.size),
            link: format!("{}/files", crate::files::page_of(l.file.parent())),
            name: l.file.name,
            parent: l.parent_title,
        })
        .collect();
    Ok(TeamPage {
        storage: super::files::usage(state, &viewer.tr, id).await?,
        largest,
        c: Chrome::new(viewer, &format!("/workspaces/{id}")),
        people: People {
            invite: manages.then(|| Invite {
                action: format!("/workspaces/{id}/members"),
                heading: tr.t("workspace-invite"),
                hint: tr.t("workspace-roles-hint"),
                roles: people::choices(tr, &WorkspaceRole::ALL),
            }),
            heading: tr.t("workspace-members"),
            lines: people::lines(
                tr,
                user.id,
                &members,
                |p| {
                    (manages && p.user_id != user.id)
                        .then(|| format!("/workspaces/{id}/members/{}", p.user_id))
                },
                false,
            ),
            roles: people::choices(tr, &WorkspaceRole::ALL),
            pending: people::pending(tr, &invitations, |i| {
                format!("/workspaces/{id}/invitations/{}/revoke", i.id)
            }),
        },
        manages,
        w,
        f,
    })
}

async fn team(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<WorkspaceId>,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let f = Form::default().with("role", "member");
    let mut p = team_page(&state, &viewer, &signed.user, id, f).await?;
    p.c = p.c.with_notice(n.notice.as_deref());
    Ok(render(&p))
}

/// Re-renders the team page after a refused form, with what was typed.
async fn refused(
    state: &AppState,
    viewer: &Viewer,
    user: &store::User,
    id: WorkspaceId,
    e: AppError,
    typed: &[(&str, &str)],
) -> Result<Response, AppError> {
    if !matches!(
        e,
        AppError::Validation(_) | AppError::LastAdmin | AppError::Throttled { .. }
    ) {
        return Err(e);
    }
    let f = typed
        .iter()
        .fold(Form::default(), |f, (k, v)| f.with(k, v))
        .with_error(&e, &viewer.tr);
    let p = team_page(state, viewer, user, id, f).await?;
    Ok(render_form_error(&e, &p))
}

async fn rename(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<WorkspaceId>,
    FormBody(input): FormBody<NameForm>,
) -> Result<Response, AppError> {
    match workspaces::rename(&state, &signed.user, id, &input.name).await {
        Ok(()) => Ok(redirect_notice(
            &format!("/workspaces/{id}"),
            "workspace-renamed",
        )),
        Err(e) => {
            refused(
                &state,
                &viewer,
                &signed.user,
                id,
                e,
                &[("name", &input.name)],
            )
            .await
        }
    }
}

async fn invite(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<WorkspaceId>,
    FormBody(input): FormBody<people::InviteInput>,
) -> Result<Response, AppError> {
    let done = match workspaces::parse_role(&input.role) {
        Ok(role) => workspaces::invite(&state, &signed.user, id, &input.email, role).await,
        Err(e) => Err(e),
    };
    let to = format!("/workspaces/{id}");
    match done {
        Ok(_) => Ok(redirect_notice(&to, "share-invited")),
        Err(e) => {
            let typed = [
                ("email", input.email.as_str()),
                ("role", input.role.as_str()),
            ];
            refused(&state, &viewer, &signed.user, id, e, &typed).await
        }
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
    viewer: Viewer,
    Path((id, user)): Path<(WorkspaceId, UserId)>,
    FormBody(input): FormBody<RoleForm>,
) -> Result<Response, AppError> {
    let done = match workspaces::parse_role(&input.role) {
        Ok(role) => workspaces::set_role(&state, &signed.user, id, user, role).await,
        Err(e) => Err(e),
    };
    match done {
        Ok(()) => Ok(redirect_notice(
            &format!("/workspaces/{id}"),
            "share-role-changed",
        )),
        Err(e) => refused(&state, &viewer, &signed.user, id, e, &[]).await,
    }
}

async fn remove(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path((id, user)): Path<(WorkspaceId, UserId)>,
) -> Result<Response, AppError> {
    match workspaces::remove(&state, &signed.user, id, user).await {
        Ok(()) => Ok(redirect_notice(
            &format!("/workspaces/{id}"),
            "share-removed",
        )),
        Err(e) => refused(&state, &viewer, &signed.user, id, e, &[]).await,
    }
}

async fn leave(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<WorkspaceId>,
) -> Result<Response, AppError> {
    match workspaces::remove(&state, &signed.user, id, signed.user.id).await {
        Ok(()) => Ok(redirect_notice("/workspaces", "workspace-left")),
        Err(e) => refused(&state, &viewer, &signed.user, id, e, &[]).await,
    }
}

async fn revoke_invitation(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, inv)): Path<(WorkspaceId, WorkspaceInvitationId)>,
) -> Result<Response, AppError> {
    workspaces::revoke_invitation(&state, &signed.user, id, inv).await?;
    Ok(redirect_notice(
        &format!("/workspaces/{id}"),
        "invitation-revoked",
    ))
}
