//! The block forms: add at a position, edit, move up or down, delete. Each becomes ops.

use super::super::{Chrome, render};
use super::apply;
use super::view::parse_materials;
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::sessions;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::op::Op;
use domain::session::{BlockField, BlockKind, CustomFieldDef, CustomValue, GroupFormat};
use domain::{Block, Session};
use domain::{BlockId, SessionId};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions/{id}/blocks", post(add_block))
        .route("/sessions/{id}/blocks/{block}/edit", get(edit_page))
        .route("/sessions/{id}/blocks/{block}", post(save_block))
        .route("/sessions/{id}/blocks/{block}/move", post(move_block))
        .route("/sessions/{id}/blocks/{block}/delete", post(delete_block))
}

#[derive(Deserialize)]
struct AddForm {
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    minutes: String,
    after: Option<String>,
}

/// Adds a block from the Programme's form; a refused one shows the Programme again with the
/// form as typed and the reason.
async fn add_block(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Form(f): Form<AddForm>,
) -> Result<Response, AppError> {
    sessions::editable(&state, &signed.user, id).await?;
    let kind = BlockKind::parse(&f.kind).ok_or_else(|| AppError::BadRequest("kind".into()))?;
    let blocks = state.store.blocks(id).await?;
    let after = match f.after.as_deref().filter(|a| !a.is_empty()) {
        Some(a) => Some(
            a.parse::<BlockId>()
                .map_err(|_| AppError::BadRequest("after".into()))?,
        ),
        None => blocks.last().map(|b| b.id),
    };
    let mut fields = vec![BlockField::Title(f.title.clone())];
    let refused = match f.minutes.trim() {
        "" => None,
        m => match m.parse::<u32>() {
            Ok(m) => {
                fields.push(BlockField::Minutes(m));
                None
            }
            Err(_) => Some("invalid_number".to_owned()),
        },
    };
    let block = BlockId::new();
    let refused = match refused {
        Some(code) => code,
        None => {
            let insert = Op::InsertBlock {
                block,
                kind,
                after,
                fields,
            };
            match apply(&state, &signed, id, vec![insert]).await {
                Ok(()) => {
                    return Ok(
                        Redirect::to(&format!("/sessions/{id}#block-{block}")).into_response()
                    );
                }
                Err(AppError::OpRefused(code)) => code,
                Err(e) => return Err(e),
            }
        }
    };
    let add = super::AddInput {
        error: Some(
            viewer
                .tr
                .t(&format!("op-error-{}", refused.replace('_', "-"))),
        ),
        kind: f.kind,
        title: f.title,
        minutes: f.minutes,
        after: f.after.unwrap_or_default(),
    };
    super::refused_add(&state, &signed, &viewer, id, add).await
}

#[derive(Template)]
#[template(path = "block_edit.html")]
struct EditPage {
    c: Chrome,
    session: Session,
    b: Block,
    /// The form's texts: as stored, or as typed when a save was refused.
    minutes: String,
    materials: String,
    goals: String,
    pinned_start: String,
    day_date: String,
    day_start: String,
    day_end: String,
    categories: Vec<sessions::Category>,
    members: Vec<String>,
    /// (definition, current value)
    custom: Vec<(CustomFieldDef, String)>,
    alert: Option<String>,
}

impl EditPage {
    /// The block's group format's stable text; empty for none.
    fn group_format(&self) -> &'static str {
        self.b.group_format.map_or("", GroupFormat::as_str)
    }
}

/// `HH:MM` of a time, as a time field shows it.
fn hm(t: Option<jiff::civil::Time>) -> String {
    t.map(|t| t.strftime("%H:%M").to_string())
        .unwrap_or_default()
}

/// The edit page of block `b`; with `typed`, the form shows what was typed instead.
async fn edit_view(
    state: &AppState,
    viewer: &Viewer,
    session: Session,
    mut b: Block,
    typed: Option<(&EditForm, &[(String, String)])>,
    alert: Option<String>,
) -> Result<EditPage, AppError> {
    let mut materials = b
        .materials
        .iter()
        .map(|m| format!("{} × {}", m.name, m.quantity))
        .collect::<Vec<_>>()
        .join("\n");
    let mut goals = b.goals.join("\n");
    let mut minutes = b.minutes.to_string();
    let mut pinned_start = hm(b.pinned_start);
    let mut day_date = b.day_date.map(|d| d.to_string()).unwrap_or_default();
    let mut day_start = hm(b.day_start);
    let mut day_end = hm(b.day_end);
    if let Some((f, form)) = typed {
        b.title.clone_from(&f.title);
        b.lead.clone_from(&f.lead);
        b.description.clone_from(&f.description);
        b.notes.clone_from(&f.notes);
        b.category = Some(f.category.clone()).filter(|c| !c.is_empty());
        b.group_format = group_format(&f.group_format);
        b.values = form
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("custom.").map(|k| (k.to_owned(), v.clone())))
            .collect();
        materials.clone_from(&f.materials);
        goals.clone_from(&f.goals);
        minutes.clone_from(&f.minutes);
        pinned_start.clone_from(&f.pinned_start);
        day_date.clone_from(&f.day_date);
        day_start.clone_from(&f.day_start);
        day_end.clone_from(&f.day_end);
    }
    let own = state.store.categories(session.workspace_id).await?;
    let members = state
        .store
        .member_names(session.workspace_id)
        .await?
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    let custom = session
        .custom_fields
        .iter()
        .cloned()
        .map(|d| {
            let v = b.value(&d.id).unwrap_or_default().to_owned();
            (d, v)
        })
        .collect();
    let mut categories = sessions::palette(&viewer.tr, &own);
    if let Some(cur) = b.category.as_ref()
        && !categories.iter().any(|c| &c.value == cur)
    {
        // A category the workspace has since removed stays selectable as it is.
        categories.push(sessions::Category {
            value: cur.clone(),
            label: cur.clone(),
            colour: sessions::NO_COLOUR.into(),
        });
    }
    Ok(EditPage {
        c: Chrome::new(viewer, &format!("/sessions/{}", session.id)),
        categories,
        session,
        b,
        minutes,
        materials,
        goals,
        pinned_start,
        day_date,
        day_start,
        day_end,
        members,
        custom,
        alert,
    })
}

/// A session the user may see and one of its live blocks.
async fn visible_block(
    state: &AppState,
    signed: &SignedIn,
    id: SessionId,
    block: BlockId,
) -> Result<(Session, Block), AppError> {
    let session = sessions::editable(state, &signed.user, id).await?;
    let b = state
        .store
        .blocks(id)
        .await?
        .into_iter()
        .find(|b| b.id == block)
        .ok_or(AppError::NotFound)?;
    Ok((session, b))
}

async fn edit_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path((id, block)): Path<(SessionId, BlockId)>,
) -> Result<Response, AppError> {
    let (session, b) = visible_block(&state, &signed, id, block).await?;
    Ok(render(
        &edit_view(&state, &viewer, session, b, None, None).await?,
    ))
}

#[derive(Deserialize)]
struct EditForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    group_format: String,
    #[serde(default)]
    goals: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    lead: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    pinned_start: String,
    #[serde(default)]
    materials: String,
    #[serde(default)]
    day_date: String,
    #[serde(default)]
    day_start: String,
    #[serde(default)]
    day_end: String,
}

/// The block's fields from the edit form, each checked, or the code of the first refusal.
fn block_sets(
    f: &EditForm,
    form: &[(String, String)],
    kind: BlockKind,
    defs: &[CustomFieldDef],
) -> Result<Vec<BlockField>, String> {
    let minutes = f
        .minutes
        .trim()
        .parse::<u32>()
        .map_err(|_| "duration_out_of_range".to_owned())?;
    let time = |t: &str| match t.trim() {
        "" => Ok(None),
        t => t.parse().map(Some).map_err(|_| "invalid_time".to_owned()),
    };
    let mut sets = vec![
        BlockField::Title(f.title.clone()),
        BlockField::Minutes(minutes),
        BlockField::Lead(f.lead.clone()),
        BlockField::Description(f.description.clone()),
        BlockField::Notes(f.notes.clone()),
        BlockField::Materials(parse_materials(&f.materials)),
        BlockField::Goals(f.goals.lines().map(str::to_owned).collect()),
        BlockField::Category(Some(f.category.clone()).filter(|c| !c.is_empty())),
        BlockField::GroupFormat(group_format(&f.group_format)),
    ];
    for (key, value) in form {
        if let Some(field) = key.strip_prefix("custom.")
            && defs.iter().any(|d| d.id == field)
        {
            sets.push(BlockField::Custom(CustomValue {
                id: field.to_owned(),
                value: Some(value.clone()),
            }));
        }
    }
    match kind {
        BlockKind::Activity | BlockKind::Break | BlockKind::Note => {
            sets.push(BlockField::PinnedStart(time(&f.pinned_start)?));
        }
        BlockKind::Day => {
            let date = match f.day_date.trim() {
                "" => None,
                d => Some(d.parse().map_err(|_| "invalid_date".to_owned())?),
            };
            sets.push(BlockField::DayDate(date));
            sets.push(BlockField::DayStart(time(&f.day_start)?));
            sets.push(BlockField::DayEnd(time(&f.day_end)?));
        }
        BlockKind::Section => {}
    }
    // Checked together first, so that a form is saved whole or not at all.
    sets.into_iter()
        .map(|field| {
            field
                .validate_in(kind, defs)
                .map_err(|e| e.code().to_owned())
        })
        .collect()
}

async fn save_block(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path((id, block)): Path<(SessionId, BlockId)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    // The fixed fields by name; `custom.ID` fields carry custom values.
    let f: EditForm = serde_json::from_value(serde_json::Value::Object(
        form.iter()
            .filter(|(k, _)| !k.starts_with("custom."))
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect(),
    ))
    .map_err(|_| AppError::BadRequest("form".into()))?;
    let (session, b) = visible_block(&state, &signed, id, block).await?;
    let refused = match block_sets(&f, &form, b.kind, &session.custom_fields) {
        Ok(sets) => {
            let ops = sets
                .into_iter()
                .map(|set| Op::SetBlock { block, set })
                .collect();
            match apply(&state, &signed, id, ops).await {
                Ok(()) => {
                    return Ok(
                        Redirect::to(&format!("/sessions/{id}#block-{block}")).into_response()
                    );
                }
                Err(AppError::OpRefused(code)) => code,
                Err(e) => return Err(e),
            }
        }
        Err(code) => code,
    };
    let alert = viewer
        .tr
        .t(&format!("op-error-{}", refused.replace('_', "-")));
    let page = edit_view(&state, &viewer, session, b, Some((&f, &form)), Some(alert)).await?;
    Ok(super::super::render_status(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        &page,
    ))
}

fn group_format(text: &str) -> Option<GroupFormat> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

#[derive(Deserialize)]
struct MoveForm {
    dir: String,
}

/// Moves a block one place up or down (the keyboard way to reorder).
async fn move_block(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, block)): Path<(SessionId, BlockId)>,
    Form(f): Form<MoveForm>,
) -> Result<Response, AppError> {
    sessions::editable(&state, &signed.user, id).await?;
    let order: Vec<BlockId> = state
        .store
        .blocks(id)
        .await?
        .into_iter()
        .map(|b| b.id)
        .collect();
    let pos = order
        .iter()
        .position(|b| *b == block)
        .ok_or(AppError::NotFound)?;
    let after = match f.dir.as_str() {
        "up" if pos == 0 => {
            return Ok(Redirect::to(&format!("/sessions/{id}#block-{block}")).into_response());
        }
        "up" => pos.checked_sub(2).map(|p| order[p]),
        _ if pos + 1 == order.len() => {
            return Ok(Redirect::to(&format!("/sessions/{id}#block-{block}")).into_response());
        }
        _ => Some(order[pos + 1]),
    };
    apply(&state, &signed, id, vec![Op::MoveBlock { block, after }]).await?;
    let dir = if f.dir == "up" { "up" } else { "down" };
    Ok(Redirect::to(&format!(
        "/sessions/{id}?moved={block}&dir={dir}#block-{block}"
    ))
    .into_response())
}

async fn delete_block(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, block)): Path<(SessionId, BlockId)>,
) -> Result<Response, AppError> {
    apply(&state, &signed, id, vec![Op::DeleteBlock { block }]).await?;
    Ok(Redirect::to(&format!("/sessions/{id}")).into_response())
}
