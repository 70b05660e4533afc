//! The notifications page: invitations waiting for an answer (accept or decline), then every
//! message, newest first.

use super::{Chrome, NoticeQuery, redirect_notice, render};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::invitations;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use store::{Answering, Incoming, Notification};
use uuid::Uuid;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(notifications))
        .route("/notifications/read", post(read_all))
        .route(
            "/notifications/invitations/{kind}/{id}/accept",
            post(accept),
        )
        .route(
            "/notifications/invitations/{kind}/{id}/decline",
            post(decline),
        )
}

/// An invitation as the page shows it: the invitation and its sentence.
pub struct Waiting {
    pub invitation: Incoming,
    pub text: String,
    pub until: String,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    c: Chrome,
    invitations: Vec<Waiting>,
    items: Vec<(Notification, String, String)>,
}

async fn notifications(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let tr = viewer.tr;
    let zone = &signed.user.time_zone;
    let invitations = invitations::incoming(&state, &signed.user)
        .await?
        .into_iter()
        .map(|i| {
            let role = match i.kind.as_str() {
                "team" => tr.t(&format!("workspace-role-{}", i.role)),
                _ => tr.t(&format!("role-{}", i.role)),
            };
            let text = tr.args(
                &format!("invitation-waiting-{}", i.kind),
                &[
                    ("name", i.inviter.clone().into()),
                    ("title", i.label.clone().into()),
                    ("role", role.into()),
                ],
            );
            let until = tr.ts("invitation-until", "date", &tr.datetime(i.expires_at, zone));
            Waiting {
                invitation: i,
                text,
                until,
            }
        })
        .collect();
    let items = crate::notify::inbox(&state, &signed.user, 100)
        .await?
        .into_iter()
        .map(|x| {
            let text = crate::notify::text(&tr, &x);
            let when = tr.datetime(x.created_at, zone);
            (x, text, when)
        })
        .collect();
    Ok(render(&NotificationsPage {
        c: Chrome::new(&viewer, "/notifications").with_notice(n.notice.as_deref()),
        invitations,
        items,
    }))
}

async fn read_all(State(state): State<AppState>, signed: SignedIn) -> Result<Response, AppError> {
    crate::notify::read_all(&state, &signed.user).await?;
    Ok(redirect_notice("/notifications", "notifications-read"))
}

async fn accept(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((kind, id)): Path<(String, Uuid)>,
) -> Result<Response, AppError> {
    let answering = Answering::Addressed {
        id,
        user: signed.user.id,
    };
    let answered = invitations::accept(
        &state,
        &signed.user,
        answering,
        invitations::is_team(&kind)?,
    )
    .await?;
    Ok(redirect_notice(&answered.path(), "invitation-accepted"))
}

async fn decline(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((kind, id)): Path<(String, Uuid)>,
) -> Result<Response, AppError> {
    invitations::decline(&state, &signed.user, invitations::is_team(&kind)?, id).await?;
    Ok(redirect_notice("/notifications", "invitation-declined"))
}
