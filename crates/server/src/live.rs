//! The live channel: a WebSocket at `/api/v1/sessions/{id}/live` that moves the text frames of
//! a `collab` room (docs/PROTOCOL.md). Authenticated like the API (login cookie or token);
//! a cookie-authenticated upgrade must come from our own pages (`Origin`). Whoever may not see
//! the session gets 404 before any upgrade.

use crate::auth::{Auth, SignedIn};
use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, extract::ws::Utf8Bytes};
use collab::{JoinError, Member, Next, Person};
use domain::SessionId;
use serde::Deserialize;
use std::time::Duration;

/// The largest frame a client may send: an op with a long description fits many times over.
const MAX_MESSAGE: usize = 256 * 1024;
/// How often an idle connection is pinged, so dead peers are noticed and proxies keep it open.
const PING_EVERY: Duration = Duration::from_secs(25);

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/sessions/{id}/live", get(live))
}

#[derive(Debug, Deserialize)]
struct LiveQuery {
    /// The last version the client has seen; the ops after it come first.
    since: Option<i64>,
}

impl From<JoinError> for AppError {
    fn from(e: JoinError) -> Self {
        match e {
            JoinError::NotFound => AppError::NotFound,
            JoinError::Store(e) => AppError::from(e),
        }
    }
}

async fn live(
    State(state): State<AppState>,
    signed: SignedIn,
    Extension(auth): Extension<Auth>,
    headers: HeaderMap,
    Path(id): Path<SessionId>,
    Query(q): Query<LiveQuery>,
    // Taken as a result so that who may not see the session gets 404 whatever they sent.
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, AppError> {
    if !auth.bearer && !crate::auth::csrf::same_origin(&headers, &state.settings.public_origin()) {
        return Err(AppError::CrossSite);
    }
    let person = Person {
        user: signed.user.id,
        name: signed.user.full_name(),
        credential: signed.credential,
    };
    let member = state.hub.join(id, person, q.since).await?;
    let ws = ws.map_err(|e| AppError::BadRequest(format!("not a WebSocket upgrade: {e}")))?;
    Ok(ws
        // Small buffers: most connections sit idle most of the time.
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_write_buffer_size(1024 * 1024)
        .max_message_size(MAX_MESSAGE)
        .max_frame_size(MAX_MESSAGE)
        .on_upgrade(move |socket| run(socket, member, state, signed.credential)))
}

/// Moves frames both ways until either side closes. A member told to leave (removed, fallen
/// behind) gets its last message and a close frame.
async fn run(
    mut socket: WebSocket,
    mut member: Member,
    state: AppState,
    credential: domain::Credential,
) {
    let mut ping = tokio::time::interval(PING_EVERY);
    ping.tick().await;
    metrics::gauge!("plenary_live_connections").increment(1.0);
    loop {
        tokio::select! {
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(_))) if state.limits.take_live(credential).is_err() => {
                    // Flooding: the message is dropped and the client told. An op it carried
                    // gets no answer; the client keeps it and sends it again on reconnecting.
                    metrics::counter!("plenary_rate_limited_total").increment(1);
                    let reply = collab::protocol::ServerMsg::Error { reason: "rate_limited".into() };
                    if socket.send(text_frame(&reply.to_text())).await.is_err() {
                        break;
                    }
                }
                Some(Ok(Message::Text(text))) => {
                    if let Some(reply) = member.receive(text.as_str()).await
                        && socket.send(text_frame(&reply.to_text())).await.is_err()
                    {
                        break;
                    }
                }
                Some(Ok(Message::Binary(_))) => {
                    let reply = collab::protocol::ServerMsg::Error { reason: "text frames only".into() };
                    if socket.send(text_frame(&reply.to_text())).await.is_err() {
                        break;
                    }
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
            },
            next = member.next() => match next {
                Next::Send(text) => {
                    if socket.send(text_frame(&text)).await.is_err() {
                        break;
                    }
                }
                Next::Close(text) => {
                    let _ = socket.send(text_frame(&text)).await;
                    let _ = socket.send(Message::Close(None)).await;
                    break;
                }
            },
            _ = ping.tick() => {
                if socket.send(Message::Ping(Default::default())).await.is_err() {
                    break;
                }
            }
        }
    }
    metrics::gauge!("plenary_live_connections").decrement(1.0);
}

fn text_frame(text: &str) -> Message {
    Message::Text(Utf8Bytes::from(text))
}
