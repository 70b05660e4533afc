//! Exports and imports: a session taken out in the reader's language, as those who may see it
//! see it (the `export` crate writes the bytes), and a JSON export or a CSV of blocks made into
//! a new session, all or nothing.

use crate::error::AppError;
use crate::i18n::Tr;
use crate::sessions::{self, CreateInput};
use crate::state::AppState;
use domain::permission::Action;
use domain::session::{BlockKind, GroupFormat};
use domain::snapshot::Draft;
use domain::{Locale, Session, SessionId};
use export::import::{CsvPreview, ImportError, Imported};
use export::{Audience, Events, Format, Options, Word};
use jiff::Zoned;
use jiff::civil::Date;
use serde::Deserialize;
use store::User;

/// The reader's language, for the export crate.
#[derive(Debug, Clone, Copy)]
pub struct Words(pub Tr);

impl export::Labels for Words {
    fn locale(&self) -> Locale {
        self.0.locale
    }

    fn word(&self, word: Word) -> String {
        let key = match word {
            Word::Programme => "export-word-programme",
            Word::Design => "design",
            Word::Date => "export-word-date",
            Word::Start => "export-word-start",
            Word::End => "export-word-end",
            Word::Time => "col-time",
            Word::Duration => "col-duration",
            Word::DurationMinutes => "export-word-duration-minutes",
            Word::Kind => "field-kind",
            Word::Section => "kind-section",
            Word::Title => "col-title",
            Word::Description => "field-description",
            Word::Category => "field-category",
            Word::GroupFormat => "field-group-format",
            Word::Lead => "col-lead",
            Word::Notes => "field-notes",
            Word::Materials => "materials",
            Word::Quantity => "material-quantity",
            Word::UsedIn => "material-blocks",
            Word::Goals => "field-goals",
            Word::Place => "field-location",
            Word::Online => "location-online",
            Word::TimeZone => "field-time-zone",
            Word::Total => "export-word-total",
            Word::Page => "export-word-page",
            Word::Participants => "field-participants",
            Word::Untitled => "untitled",
            Word::NoMaterials => "export-no-materials",
        };
        self.0.t(key)
    }

    fn kind(&self, kind: BlockKind) -> String {
        self.0.t(&format!("kind-{kind}"))
    }

    fn group_format(&self, format: GroupFormat) -> String {
        self.0.t(&format!("group-format-{format}"))
    }

    fn minutes(&self, minutes: i64) -> String {
        self.0.minutes(minutes)
    }

    fn clock(&self, at: &Zoned) -> String {
        self.0.clock(at)
    }

    fn date(&self, date: Date) -> String {
        self.0.date(date)
    }
}

/// How to export, as the doors ask for it: `?format=pdf&notes=true&materials=true&landscape=true&events=day`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct ExportQuery {
    /// `pdf` (the Programme), `cards-pdf` (the Design as cards), `materials-pdf`, `docx`,
    /// `xlsx`, `csv`, `ics`, `md` or `json`.
    pub format: String,
    /// Facilitator notes in the Programme (PDF, DOCX, Markdown).
    #[serde(default)]
    pub notes: Option<String>,
    /// The materials list after the Programme (PDF, DOCX, Markdown).
    #[serde(default)]
    pub materials: Option<String>,
    /// A4 landscape for the Programme's PDF and DOCX.
    #[serde(default)]
    pub landscape: Option<String>,
    /// `day` for one calendar event per day; one per block otherwise.
    #[serde(default)]
    pub events: Option<String>,
}

/// A checkbox or a boolean: present and not `false`/`0`/`off`.
fn on(v: &Option<String>) -> bool {
    v.as_deref()
        .is_some_and(|v| !matches!(v, "false" | "0" | "off" | ""))
}

impl ExportQuery {
    fn format(&self) -> Result<Format, AppError> {
        Format::parse(&self.format).ok_or_else(|| {
            AppError::BadRequest(format!(
                "format is one of: {}",
                Format::ALL.map(Format::as_str).join(", ")
            ))
        })
    }

    fn options(&self, audience: Audience) -> Options {
        Options {
            audience,
            notes: on(&self.notes),
            materials: on(&self.materials),
            landscape: on(&self.landscape),
            events: if self.events.as_deref() == Some("day") {
                Events::PerDay
            } else {
                Events::PerBlock
            },
        }
    }
}

/// An export, ready to send.
#[derive(Debug)]
pub struct Download {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub content_type: &'static str,
}

/// The session exported for someone who may view it: what the Programme shows them.
pub async fn of_session(
    state: &AppState,
    user: &User,
    id: SessionId,
    tr: Tr,
    query: &ExportQuery,
) -> Result<Download, AppError> {
    let format = query.format()?;
    let (session, _) = sessions::require(state, user, id, Action::View).await?;
    make(state, tr, session, format, query.options(Audience::Team)).await
}

/// The session behind a public link, exported for its participants: the Programme or the Design
/// as PDF, or the calendar, without facilitator notes, leads, materials or custom fields.
/// Any other format is not found, as a revoked link is.
pub async fn of_link(
    state: &AppState,
    secret: &str,
    tr: Tr,
    query: &ExportQuery,
) -> Result<Download, AppError> {
    let format = query.format()?;
    let session = crate::sharing::by_link(state, secret).await?;
    if !Format::FOR_PARTICIPANTS.contains(&format) {
        return Err(AppError::NotFound);
    }
    make(
        state,
        tr,
        session,
        format,
        query.options(Audience::Participant),
    )
    .await
}

async fn make(
    state: &AppState,
    tr: Tr,
    session: Session,
    format: Format,
    options: Options,
) -> Result<Download, AppError> {
    let blocks = state.store.blocks(session.id).await?;
    let own = state.store.categories(session.workspace_id).await?;
    let categories = palette(tr, &own);
    let files = if format == Format::Json {
        state
            .store
            .files_of(store::FileParent::Session(session.id, None))
            .await?
            .into_iter()
            .filter(|f| f.servable())
            .map(|f| export::FileRef {
                id: f.id,
                name: f.name,
                block: f.block_id,
                kind: f.kind,
                size: f.size,
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut images = Vec::new();
    if format == Format::CardsPdf {
        for id in blocks.iter().filter_map(|b| b.card_image) {
            if images.iter().any(|(i, _)| *i == id) {
                continue;
            }
            match state
                .store
                .image(session.id, id, store::ImageSize::Card2x)
                .await
            {
                Ok(row) => images.push((id, row.bytes)),
                Err(store::StoreError::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    let file_name = export::file_name(&session.title, format);
    let bytes = tokio::task::spawn_blocking(move || {
        let source = export::Source {
            session: &session,
            blocks: &blocks,
            categories: &categories,
            files: &files,
            images: &images,
        };
        export::export(&source, &Words(tr), format, &options)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(|e| AppError::Internal(e.into()))?;
    metrics::counter!("plenary_exports_total", "format" => format.as_str()).increment(1);
    Ok(Download {
        bytes,
        file_name,
        content_type: format.content_type(),
    })
}

/// The most bytes an imported file may have.
pub const IMPORT_MAX_BYTES: usize = 5 * 1024 * 1024;

/// A JSON export made into a new session in the workspace `user` works in.
pub async fn import_json(state: &AppState, user: &User, bytes: &[u8]) -> Result<Session, AppError> {
    let imported = export::import::from_json(bytes).map_err(AppError::ImportRefused)?;
    create(state, user, imported, bytes.len()).await
}

/// A CSV of blocks read and checked, with its bad rows marked.
pub fn preview_csv(tr: Tr, bytes: &[u8]) -> Result<CsvPreview, AppError> {
    export::import::preview_csv(bytes, &Words(tr), &palette(tr, &[]))
        .map_err(AppError::ImportRefused)
}

/// A CSV's good rows made into a new session titled `title`. With bad rows and
/// `skip_bad_rows` unset, nothing is made: the error names the rows.
pub async fn import_csv(
    state: &AppState,
    user: &User,
    tr: Tr,
    bytes: &[u8],
    title: &str,
    skip_bad_rows: bool,
) -> Result<(Session, CsvPreview), AppError> {
    let preview = preview_csv(tr, bytes)?;
    let bad: Vec<usize> = preview
        .rows
        .iter()
        .filter(|r| !r.is_good())
        .map(|r| r.line)
        .collect();
    if !bad.is_empty() && !skip_bad_rows {
        return Err(AppError::ImportBadRows(bad));
    }
    if preview.good() == 0 {
        return Err(AppError::ImportRefused(ImportError::Empty));
    }
    let imported = Imported {
        title: title.trim().to_owned(),
        first_date: None,
        start_time: None,
        time_zone: None,
        language: None,
        draft: preview.draft(),
    };
    let session = create(state, user, imported, bytes.len()).await?;
    Ok((session, preview))
}

/// The default palette and the workspace's own categories (`sessions::palette`), as the export
/// crate takes them.
fn palette(tr: Tr, own: &[store::CategoryRow]) -> Vec<export::Category> {
    sessions::palette(&tr, own)
        .into_iter()
        .map(|c| export::Category {
            value: c.value,
            label: c.label,
            colour: c.colour,
        })
        .collect()
}

async fn create(
    state: &AppState,
    user: &User,
    imported: Imported,
    size: usize,
) -> Result<Session, AppError> {
    let input = CreateInput {
        title: imported.title,
        first_date: imported.first_date,
        start_time: imported.start_time,
        time_zone: imported.time_zone,
        language: imported.language,
    };
    let new = sessions::new_session(state, user, input).await?;
    crate::auth::throttle::copy_made(state, user).await?;
    let ops = domain::snapshot::restore_ops(&Draft::default(), &[], &imported.draft);
    match state
        .store
        .import_session(
            &new,
            &ops,
            i64::try_from(size).unwrap_or(i64::MAX),
            state.settings.quota_bytes(),
        )
        .await?
    {
        Ok(session) => Ok(session),
        Err((index, error)) => Err(AppError::BatchRefused {
            index,
            reason: error.code(),
        }),
    }
}
