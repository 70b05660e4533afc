//! The session pages without the editor island: the Programme as a server-rendered table with
//! forms (add, edit, move up and down, delete), and the print page. Every form becomes ops
//! applied through the same path as the API.

use super::{Chrome, render};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::sessions::{self, CreateInput, OpEnvelope};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::op::Op;
use domain::session::{BlockField, BlockKind};
use domain::timing::Conflict;
use domain::{BlockId, SessionId};
use serde::Deserialize;
use store::{BlockRow, SessionRow};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessions", post(create))
        .route("/sessions/{id}", get(programme))
        .route("/sessions/{id}/design", get(design))
        .route(
            "/sessions/{id}/settings",
            get(settings_page).post(save_settings),
        )
        .route("/sessions/{id}/print", get(print))
        .route("/sessions/{id}/blocks", post(add_block))
        .route("/sessions/{id}/blocks/{block}/edit", get(edit_page))
        .route("/sessions/{id}/blocks/{block}", post(save_block))
        .route("/sessions/{id}/blocks/{block}/move", post(move_block))
        .route("/sessions/{id}/blocks/{block}/delete", post(delete_block))
}

/// One line of the Programme.
#[derive(Clone)]
pub struct Row {
    pub id: BlockId,
    pub kind: &'static str,
    pub title: String,
    pub duration: String,
    pub start: String,
    pub end: String,
    pub lead: String,
    pub description: String,
    /// The description as sanitised HTML.
    pub description_html: String,
    pub notes: String,
    pub materials: Vec<(String, u32)>,
    /// For a section: its subtotal; for a day: its date and total.
    pub heading: Option<String>,
    pub conflict: Option<String>,
    pub first: bool,
    pub last: bool,
}

pub struct Programme {
    pub session: SessionRow,
    pub rows: Vec<Row>,
    pub total: String,
    pub days: Vec<String>,
    /// Every material with its total quantity and the blocks that use it.
    pub materials: Vec<MaterialTotal>,
}

pub struct MaterialTotal {
    pub name: String,
    pub quantity: u64,
    pub blocks: String,
}

/// Adds up materials of the same name (any case) across blocks.
fn material_totals(tr: &Tr, rows: &[Row]) -> Vec<MaterialTotal> {
    let mut totals: Vec<(String, u64, Vec<String>)> = Vec::new();
    for r in rows {
        for (name, qty) in &r.materials {
            let title = if r.title.is_empty() {
                tr.t("untitled")
            } else {
                r.title.clone()
            };
            match totals
                .iter_mut()
                .find(|(n, _, _)| n.to_lowercase() == name.to_lowercase())
            {
                Some((_, q, blocks)) => {
                    *q += u64::from(*qty);
                    if !blocks.contains(&title) {
                        blocks.push(title);
                    }
                }
                None => totals.push((name.clone(), u64::from(*qty), vec![title])),
            }
        }
    }
    totals.sort_by_key(|(n, _, _)| n.to_lowercase());
    totals
        .into_iter()
        .map(|(name, quantity, blocks)| MaterialTotal {
            name,
            quantity,
            blocks: blocks.join(", "),
        })
        .collect()
}

/// Materials typed one per line as "Markers × 12", "Markers, 12" or just "Markers" (one).
pub fn parse_materials(text: &str) -> Vec<domain::session::Material> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let split = ['×', ',', '*']
                .iter()
                .filter_map(|sep| line.rsplit_once(*sep))
                .chain(line.rsplit_once(" x "))
                .find_map(|(name, n)| n.trim().parse::<u32>().ok().map(|q| (name.trim(), q)));
            let (name, quantity) = split.unwrap_or((line, 1));
            domain::session::Material {
                name: name.to_owned(),
                quantity,
            }
        })
        .collect()
}

pub fn programme_of(tr: &Tr, session: SessionRow, blocks: &[BlockRow]) -> Programme {
    let plan = sessions::schedule(&session, blocks);
    let n = blocks.len();
    let rows: Vec<Row> = blocks
        .iter()
        .zip(&plan.slots)
        .enumerate()
        .map(|(i, (b, slot))| {
            let kind = BlockKind::parse(&b.kind).unwrap_or(BlockKind::Note);
            let heading = match kind {
                BlockKind::Section => plan
                    .sections
                    .iter()
                    .find(|(s, _)| *s == i)
                    .map(|(_, m)| tr.minutes(*m)),
                BlockKind::Day => plan
                    .days
                    .get(slot.day)
                    .map(|d| format!("{} · {}", tr.date(d.date), tr.minutes(d.minutes))),
                _ => None,
            };
            Row {
                id: b.id,
                kind: kind.as_str(),
                title: b.title.clone(),
                duration: if matches!(kind, BlockKind::Activity | BlockKind::Break) {
                    tr.minutes(i64::from(b.minutes))
                } else {
                    String::new()
                },
                start: tr.clock(&slot.start),
                end: tr.clock(&slot.end),
                lead: b.lead.clone(),
                description: b.description.clone(),
                description_html: crate::markdown::render(&b.description),
                notes: b.notes.clone(),
                materials: serde_json::from_str::<Vec<domain::session::Material>>(&b.materials)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|m| (m.name, m.quantity))
                    .collect(),
                heading,
                conflict: slot.conflict.map(|c| match c {
                    Conflict::Gap(m) => tr.ts("conflict-gap", "duration", &tr.minutes(m)),
                    Conflict::Overlap(m) => tr.ts("conflict-overlap", "duration", &tr.minutes(m)),
                }),
                first: i == 0,
                last: i + 1 == n,
            }
        })
        .collect();
    let days = plan
        .days
        .iter()
        .map(|d| {
            let mut line = format!(
                "{}: {}–{}, {}",
                tr.date(d.date),
                tr.clock(&d.start),
                tr.clock(&d.end),
                tr.minutes(d.minutes)
            );
            if let Some(o) = d.overrun {
                line.push_str(&format!(
                    " — {}",
                    tr.ts("overrun", "duration", &tr.minutes(o))
                ));
            }
            line
        })
        .collect();
    let materials = material_totals(tr, &rows);
    Programme {
        session,
        rows,
        total: tr.minutes(plan.total_minutes),
        days,
        materials,
    }
}

async fn create(
    State(state): State<AppState>,
    signed: SignedIn,
    Form(input): Form<NewSessionForm>,
) -> Result<Response, AppError> {
    let input = CreateInput {
        title: input.title,
        first_date: input
            .first_date
            .filter(|d| !d.is_empty())
            .and_then(|d| d.parse().ok()),
        start_time: input
            .start_time
            .filter(|t| !t.is_empty())
            .and_then(|t| t.parse().ok()),
        time_zone: None,
        language: None,
    };
    let session = sessions::create(&state, &signed.user, input).await?;
    Ok(Redirect::to(&format!("/sessions/{}", session.id)).into_response())
}

#[derive(Deserialize)]
struct NewSessionForm {
    #[serde(default)]
    title: String,
    first_date: Option<String>,
    start_time: Option<String>,
}

#[derive(Template)]
#[template(path = "session.html")]
struct ProgrammePage {
    c: Chrome,
    p: Programme,
}

#[derive(Deserialize)]
struct Announce {
    moved: Option<BlockId>,
    dir: Option<String>,
}

async fn programme(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(a): Query<Announce>,
) -> Result<Response, AppError> {
    let session = sessions::visible(&state, &signed.user, id).await?;
    let blocks = state.store.blocks(id).await?;
    let mut c = Chrome::new(&viewer, &format!("/sessions/{id}"));
    if let Some(moved) = a.moved.and_then(|m| blocks.iter().position(|b| b.id == m)) {
        let key = if a.dir.as_deref() == Some("up") {
            "moved-up"
        } else {
            "moved-down"
        };
        let title = if blocks[moved].title.is_empty() {
            viewer.tr.t("untitled")
        } else {
            blocks[moved].title.clone()
        };
        c.notice = Some(viewer.tr.args(
            key,
            &[
                ("title", title.into()),
                ("position", i64::try_from(moved + 1).unwrap_or(0).into()),
            ],
        ));
    }
    Ok(render(&ProgrammePage {
        p: programme_of(&viewer.tr, session, &blocks),
        c,
    }))
}

/// A section of the Design board: its heading (if any) and its cards.
pub struct CardGroup {
    pub id: Option<BlockId>,
    pub title: String,
    pub subtotal: Option<String>,
    pub cards: Vec<Row>,
}

/// A day of the Design board.
pub struct DayColumn {
    pub id: Option<BlockId>,
    pub label: String,
    pub groups: Vec<CardGroup>,
}

/// Groups the Programme's rows by day and section for the Design board.
fn board(rows: &[Row], days: &[String]) -> Vec<DayColumn> {
    let mut out: Vec<DayColumn> = Vec::new();
    let new_group = |id, title, subtotal| CardGroup {
        id,
        title,
        subtotal,
        cards: Vec::new(),
    };
    for r in rows {
        match r.kind {
            "day" => out.push(DayColumn {
                id: Some(r.id),
                label: format!("{} · {}", r.title, r.heading.clone().unwrap_or_default()),
                groups: vec![new_group(None, String::new(), None)],
            }),
            "section" => {
                if out.is_empty() {
                    out.push(DayColumn {
                        id: None,
                        label: days.first().cloned().unwrap_or_default(),
                        groups: Vec::new(),
                    });
                }
                if let Some(day) = out.last_mut() {
                    day.groups
                        .push(new_group(Some(r.id), r.title.clone(), r.heading.clone()));
                }
            }
            _ => {
                if out.is_empty() {
                    out.push(DayColumn {
                        id: None,
                        label: days.first().cloned().unwrap_or_default(),
                        groups: Vec::new(),
                    });
                }
                if let Some(day) = out.last_mut() {
                    if day.groups.is_empty() {
                        day.groups.push(new_group(None, String::new(), None));
                    }
                    if let Some(g) = day.groups.last_mut() {
                        g.cards.push(r.clone());
                    }
                }
            }
        }
    }
    out
}

#[derive(Template)]
#[template(path = "design.html")]
struct DesignPage {
    c: Chrome,
    p: Programme,
    board: Vec<DayColumn>,
}

async fn design(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
) -> Result<Response, AppError> {
    let session = sessions::visible(&state, &signed.user, id).await?;
    let blocks = state.store.blocks(id).await?;
    let p = programme_of(&viewer.tr, session, &blocks);
    let board = board(&p.rows, &p.days);
    Ok(render(&DesignPage {
        c: Chrome::new(&viewer, &format!("/sessions/{id}/design")),
        p,
        board,
    }))
}

#[derive(Template)]
#[template(path = "print.html")]
struct PrintPage {
    tr: Tr,
    p: Programme,
    materials: bool,
    notes: bool,
}

#[derive(Deserialize)]
struct PrintOptions {
    #[serde(default)]
    materials: Option<String>,
    #[serde(default)]
    notes: Option<String>,
}

async fn print(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(o): Query<PrintOptions>,
) -> Result<Response, AppError> {
    let session = sessions::visible(&state, &signed.user, id).await?;
    let blocks = state.store.blocks(id).await?;
    Ok(render(&PrintPage {
        tr: viewer.tr,
        p: programme_of(&viewer.tr, session, &blocks),
        materials: o.materials.is_some(),
        notes: o.notes.is_some(),
    }))
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

async fn add_block(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<SessionId>,
    Form(f): Form<AddForm>,
) -> Result<Response, AppError> {
    sessions::visible(&state, &signed.user, id).await?;
    let kind = BlockKind::parse(&f.kind).ok_or_else(|| AppError::BadRequest("kind".into()))?;
    let blocks = state.store.blocks(id).await?;
    let after = match f.after.as_deref().filter(|a| !a.is_empty()) {
        Some(a) => Some(
            a.parse::<BlockId>()
                .map_err(|_| AppError::BadRequest("after".into()))?,
        ),
        None => blocks.last().map(|b| b.id),
    };
    let mut fields = vec![BlockField::Title(f.title)];
    if let Ok(m) = f.minutes.trim().parse::<u32>() {
        fields.push(BlockField::Minutes(m));
    }
    let block = BlockId::new();
    apply(
        &state,
        &signed,
        id,
        vec![Op::InsertBlock {
            block,
            kind,
            after,
            fields,
        }],
    )
    .await?;
    Ok(Redirect::to(&format!("/sessions/{id}#block-{block}")).into_response())
}

/// Applies ops from a form; a refused op is a 422 with its reason.
async fn apply(
    state: &AppState,
    signed: &SignedIn,
    id: SessionId,
    ops: Vec<Op>,
) -> Result<(), AppError> {
    let envelopes = ops
        .into_iter()
        .map(|op| OpEnvelope {
            client_op_id: None,
            op,
        })
        .collect();
    let (_, results) = sessions::apply_batch(state, &signed.user, id, envelopes).await?;
    match results.into_iter().find_map(|r| r.error) {
        Some(code) => Err(AppError::BadRequest(code)),
        None => Ok(()),
    }
}

#[derive(Template)]
#[template(path = "block_edit.html")]
struct EditPage {
    c: Chrome,
    session: SessionRow,
    b: BlockRow,
    materials: String,
}

async fn edit_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path((id, block)): Path<(SessionId, BlockId)>,
) -> Result<Response, AppError> {
    let session = sessions::visible(&state, &signed.user, id).await?;
    let b = state
        .store
        .blocks(id)
        .await?
        .into_iter()
        .find(|b| b.id == block)
        .ok_or(AppError::NotFound)?;
    let materials = serde_json::from_str::<Vec<domain::session::Material>>(&b.materials)
        .unwrap_or_default()
        .into_iter()
        .map(|m| format!("{} × {}", m.name, m.quantity))
        .collect::<Vec<_>>()
        .join("\n");
    Ok(render(&EditPage {
        c: Chrome::new(&viewer, &format!("/sessions/{id}")),
        session,
        b,
        materials,
    }))
}

#[derive(Deserialize)]
struct EditForm {
    #[serde(default)]
    title: String,
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

async fn save_block(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, block)): Path<(SessionId, BlockId)>,
    Form(f): Form<EditForm>,
) -> Result<Response, AppError> {
    let minutes = f
        .minutes
        .trim()
        .parse::<u32>()
        .map_err(|_| AppError::BadRequest("duration_out_of_range".into()))?;
    let pinned = match f.pinned_start.trim() {
        "" => None,
        t => Some(
            t.parse()
                .map_err(|_| AppError::BadRequest("pinned_start".into()))?,
        ),
    };
    sessions::visible(&state, &signed.user, id).await?;
    let kind = state
        .store
        .blocks(id)
        .await?
        .into_iter()
        .find(|b| b.id == block)
        .map(|b| b.kind)
        .ok_or(AppError::NotFound)?;
    let mut sets = vec![
        BlockField::Title(f.title),
        BlockField::Minutes(minutes),
        BlockField::Lead(f.lead),
        BlockField::Description(f.description),
        BlockField::Notes(f.notes),
        BlockField::Materials(parse_materials(&f.materials)),
    ];
    let optional_time = |t: &str| match t.trim() {
        "" => Ok(None),
        t => t
            .parse()
            .map(Some)
            .map_err(|_| AppError::BadRequest("invalid_time".into())),
    };
    match BlockKind::parse(&kind) {
        Some(BlockKind::Activity | BlockKind::Break | BlockKind::Note) => {
            sets.push(BlockField::PinnedStart(pinned));
        }
        Some(BlockKind::Day) => {
            let date = match f.day_date.trim() {
                "" => None,
                d => Some(
                    d.parse()
                        .map_err(|_| AppError::BadRequest("invalid_date".into()))?,
                ),
            };
            sets.push(BlockField::DayDate(date));
            sets.push(BlockField::DayStart(optional_time(&f.day_start)?));
            sets.push(BlockField::DayEnd(optional_time(&f.day_end)?));
        }
        _ => {}
    }
    apply(
        &state,
        &signed,
        id,
        sets.into_iter()
            .map(|set| Op::SetBlock { block, set })
            .collect(),
    )
    .await?;
    Ok(Redirect::to(&format!("/sessions/{id}#block-{block}")).into_response())
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
    sessions::visible(&state, &signed.user, id).await?;
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

#[derive(Template)]
#[template(path = "session_settings.html")]
struct SettingsPage {
    c: Chrome,
    s: SessionRow,
    goals: String,
    tags: String,
    zones: Vec<String>,
    alert: Option<String>,
}

fn lines_of(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

fn settings(viewer: &Viewer, s: SessionRow, alert: Option<String>) -> SettingsPage {
    SettingsPage {
        c: Chrome::new(viewer, &format!("/sessions/{}/settings", s.id)),
        goals: lines_of(&s.goals).join("\n"),
        tags: lines_of(&s.tags).join(", "),
        zones: domain::TimeZoneName::all(),
        s,
        alert,
    }
}

async fn settings_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
) -> Result<Response, AppError> {
    let s = sessions::visible(&state, &signed.user, id).await?;
    Ok(render(&settings(&viewer, s, None)))
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    goals: String,
    #[serde(default)]
    first_date: String,
    #[serde(default)]
    start_time: String,
    #[serde(default)]
    end_time: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    location_kind: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    participants: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    status: String,
}

/// The session's fields from the settings form, each a `set_session` op.
fn settings_ops(f: &SettingsForm) -> Result<Vec<Op>, &'static str> {
    use domain::session::{LocationKind, SessionField as F, SessionStatus};
    let time = |t: &str| {
        t.trim()
            .parse::<jiff::civil::Time>()
            .map_err(|_| "invalid_time")
    };
    let mut fields = vec![
        F::Title(f.title.clone()),
        F::Description(f.description.clone()),
        F::Goals(f.goals.lines().map(str::to_owned).collect()),
        F::FirstDate(f.first_date.trim().parse().map_err(|_| "invalid_date")?),
        F::StartTime(time(&f.start_time)?),
        F::EndTime(if f.end_time.trim().is_empty() {
            None
        } else {
            Some(time(&f.end_time)?)
        }),
        F::TimeZone(f.time_zone.clone()),
        F::LocationKind(if f.location_kind == "online" {
            LocationKind::Online
        } else {
            LocationKind::InPerson
        }),
        F::Location(f.location.clone()),
        F::Participants(match f.participants.trim() {
            "" => None,
            p => Some(p.parse().map_err(|_| "invalid_number")?),
        }),
        F::Language(f.language.clone()),
        F::Tags(f.tags.split(',').map(str::to_owned).collect()),
        F::Status(SessionStatus::parse(&f.status).unwrap_or_default()),
    ];
    if f.title.trim().is_empty() {
        return Err("title_required");
    }
    // Checked together first, so that a form is saved whole or not at all.
    for field in &fields {
        field.clone().validate().map_err(|e| e.code())?;
    }
    Ok(fields.drain(..).map(|set| Op::SetSession { set }).collect())
}

async fn save_settings(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Form(f): Form<SettingsForm>,
) -> Result<Response, AppError> {
    let s = sessions::visible(&state, &signed.user, id).await?;
    let ops = match settings_ops(&f) {
        Ok(ops) => ops,
        Err(code) => {
            let page = settings(
                &viewer,
                s,
                Some(viewer.tr.t(&format!("op-error-{}", code.replace('_', "-")))),
            );
            return Ok(super::render_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            ));
        }
    };
    match apply(&state, &signed, id, ops).await {
        Ok(()) => Ok(Redirect::to(&format!("/sessions/{id}")).into_response()),
        Err(AppError::BadRequest(code)) => {
            let s = state.store.session(id).await?;
            let page = settings(
                &viewer,
                s,
                Some(viewer.tr.t(&format!("op-error-{}", code.replace('_', "-")))),
            );
            Ok(super::render_status(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                &page,
            ))
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_materials;

    #[test]
    fn materials_are_read_one_per_line_with_an_optional_quantity() {
        let m = parse_materials("Markers × 12\nFlip chart, 2\n  \nSticky notes x 100\nTape");
        let got: Vec<(&str, u32)> = m.iter().map(|x| (x.name.as_str(), x.quantity)).collect();
        assert_eq!(
            got,
            vec![
                ("Markers", 12),
                ("Flip chart", 2),
                ("Sticky notes", 100),
                ("Tape", 1)
            ]
        );
        assert_eq!(
            parse_materials("Pens, red")[0].name,
            "Pens, red",
            "a comma without a number is part of the name"
        );
    }
}
