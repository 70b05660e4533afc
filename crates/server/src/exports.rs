//! Exports and imports: a session taken out in the reader's language, as those who may see it
//! see it (the `export` crate writes the bytes), and a JSON export or a CSV of blocks made into
//! a new session, all or nothing.

use crate::error::AppError;
use crate::i18n::Tr;
use crate::sessions::{self, CreateInput};
use crate::state::AppState;
use domain::job::JobKind;
use domain::permission::Action;
use domain::session::{BlockKind, GroupFormat};
use domain::snapshot::Draft;
use domain::{ExportId, Locale, Session, SessionId, UserId};
use export::import::{CsvPreview, ImportError, Imported};
use export::{Audience, Events, Format, Options, Word};
use jiff::Zoned;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use store::{ExportRow, ExportStatus, User};

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
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::IntoParams)]
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

/// What an export door answers: the file, or an export that went on as a job because it took
/// longer than a request waits (`export_wait_ms`).
#[derive(Debug)]
pub enum Outcome {
    Ready(Download),
    Later(ExportId),
}

/// Who asked for an export: a person who may view the session, or a visitor of its public
/// link (by the hash of the link's secret).
#[derive(Debug, Clone)]
enum Asker {
    Person(UserId),
    Link(Vec<u8>),
}

/// What was asked, kept with an export that goes on as a job, so that the job can make it
/// again should the server that began it stop.
#[derive(Debug, Serialize, Deserialize)]
struct Asked {
    query: ExportQuery,
    locale: Locale,
}

/// The session exported for someone who may view it: what the Programme shows them.
pub async fn of_session(
    state: &AppState,
    user: &User,
    id: SessionId,
    tr: Tr,
    query: &ExportQuery,
) -> Result<Outcome, AppError> {
    let work = for_person(state, user.id, id, tr, query).await?;
    deliver(state, work, Asker::Person(user.id), tr, query).await
}

/// The session behind a public link, exported for its participants: the Programme or the Design
/// as PDF, or the calendar, without facilitator notes, leads, materials or custom fields.
/// Any other format is not found, as a revoked link is.
pub async fn of_link(
    state: &AppState,
    secret: &str,
    tr: Tr,
    query: &ExportQuery,
) -> Result<Outcome, AppError> {
    let link = crate::auth::hash_secret(secret);
    let work = for_link(state, &link, tr, query).await?;
    deliver(state, work, Asker::Link(link), tr, query).await
}

async fn for_person(
    state: &AppState,
    user: UserId,
    id: SessionId,
    tr: Tr,
    query: &ExportQuery,
) -> Result<Work, AppError> {
    let format = query.format()?;
    let user = state.store.user(user).await?;
    let (session, _) = sessions::require(state, &user, id, Action::View).await?;
    Work::load(state, tr, session, format, query.options(Audience::Team)).await
}

async fn for_link(
    state: &AppState,
    link: &[u8],
    tr: Tr,
    query: &ExportQuery,
) -> Result<Work, AppError> {
    let format = query.format()?;
    let session = state
        .store
        .session(state.store.session_by_link(link).await?)
        .await?;
    if !Format::FOR_PARTICIPANTS.contains(&format) {
        return Err(AppError::NotFound);
    }
    let options = query.options(Audience::Participant);
    Work::load(state, tr, session, format, options).await
}

/// Everything an export is made from, read from the store.
struct Work {
    session: Session,
    blocks: Vec<domain::Block>,
    categories: Vec<export::Category>,
    files: Vec<export::FileRef>,
    images: Vec<(domain::ImageId, Vec<u8>)>,
    tr: Tr,
    format: Format,
    options: Options,
}

impl Work {
    async fn load(
        state: &AppState,
        tr: Tr,
        session: Session,
        format: Format,
        options: Options,
    ) -> Result<Self, AppError> {
        // Exports are a plan's feature (every shipped plan has it; an operator's may not).
        state
            .store
            .check_feature(session.workspace_id, domain::plan::Feature::Exports)
            .await?;
        Self::read(state, tr, session, format, options).await
    }

    async fn read(
        state: &AppState,
        tr: Tr,
        session: Session,
        format: Format,
        options: Options,
    ) -> Result<Self, AppError> {
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
        Ok(Self {
            session,
            blocks,
            categories,
            files,
            images,
            tr,
            format,
            options,
        })
    }

    fn file_name(&self) -> String {
        export::file_name(&self.session.title, self.format)
    }

    /// The bytes; typst's PDFs take a while, so this runs off the async threads.
    fn render(self) -> anyhow::Result<Vec<u8>> {
        let source = export::Source {
            session: &self.session,
            blocks: &self.blocks,
            categories: &self.categories,
            files: &self.files,
            images: &self.images,
        };
        let bytes = export::export(&source, &Words(self.tr), self.format, &self.options)?;
        metrics::counter!("plenary_exports_total", "format" => self.format.as_str()).increment(1);
        Ok(bytes)
    }
}

/// A session in Plenary's JSON format (which Import reads back), whatever the workspace's
/// plan: the owner's copy of their data. Its file name and bytes.
pub async fn json_copy(
    state: &AppState,
    tr: Tr,
    session: Session,
) -> Result<(String, Vec<u8>), AppError> {
    let options = ExportQuery::default().options(Audience::Team);
    let work = Work::read(state, tr, session, Format::Json, options).await?;
    let name = work.file_name();
    Ok((name, work.render()?))
}

/// How long after it began an export job's rescue comes due: by then the server that began
/// it has finished it, unless it stopped.
const RESCUE_AFTER_MS: i64 = 2 * 60_000;

/// How long an export that went on as a job is kept.
pub const EXPORTS_KEPT_MS: i64 = 7 * 24 * 3600 * 1000;

/// Makes the export, waiting for it up to `export_wait_ms`; one that takes longer goes on in
/// the background as an export job, and the door shows its progress instead.
async fn deliver(
    state: &AppState,
    work: Work,
    asker: Asker,
    tr: Tr,
    query: &ExportQuery,
) -> Result<Outcome, AppError> {
    let file_name = work.file_name();
    let content_type = work.format.content_type();
    let session = work.session.id;
    let mut running = tokio::task::spawn_blocking(move || work.render());
    let wait = std::time::Duration::from_millis(state.settings.export_wait_ms);
    if !wait.is_zero()
        && let Ok(done) = tokio::time::timeout(wait, &mut running).await
    {
        let bytes = joined(done).map_err(AppError::Internal)?;
        return Ok(Outcome::Ready(Download {
            bytes,
            file_name,
            content_type,
        }));
    }
    let id = ExportId::new();
    let asked = Asked {
        query: query.clone(),
        locale: tr.locale,
    };
    let (user, link_hash) = match asker {
        Asker::Person(user) => (Some(user), None),
        Asker::Link(hash) => (None, Some(hash)),
    };
    let export = store::NewExport {
        id,
        session,
        user,
        link_hash,
        request: serde_json::to_string(&asked).map_err(|e| AppError::Internal(e.into()))?,
        file_name,
        content_type: content_type.to_owned(),
    };
    let mut rescue = store::NewJob::new(JobKind::RenderExport, serde_json::json!({ "export": id }));
    rescue.run_at += RESCUE_AFTER_MS;
    state.store.begin_export(&export, &rescue).await?;
    let state = state.clone();
    tokio::spawn(async move {
        let outcome = joined(running.await);
        if let Err(e) = finish(&state, id, outcome).await {
            tracing::warn!(export = %id, error = %e, "could not finish an export; its job will");
        }
    });
    Ok(Outcome::Later(id))
}

fn joined(
    done: Result<anyhow::Result<Vec<u8>>, tokio::task::JoinError>,
) -> anyhow::Result<Vec<u8>> {
    done.map_err(anyhow::Error::from)?
}

/// Stores a finished export's bytes, or why it failed, with an email to the person who asked
/// when they have left its progress page.
async fn finish(
    state: &AppState,
    id: ExportId,
    outcome: anyhow::Result<Vec<u8>>,
) -> anyhow::Result<()> {
    let row = state.store.export(id).await?;
    let left = store::now_ms() - row.watched_at >= i64::try_from(state.settings.export_left_ms)?;
    let mail = match row.user_id {
        Some(user) if left => Some(ready_mail(state, user, &row, outcome.is_ok()).await?),
        _ => None,
    };
    let stored = match &outcome {
        Ok(bytes) => {
            state
                .store
                .finish_export(id, Ok(bytes), mail.as_ref())
                .await?
        }
        Err(e) => {
            let text = format!("{e:#}");
            tracing::error!(export = %id, error = %text, "an export failed");
            state
                .store
                .finish_export(id, Err(&text), mail.as_ref())
                .await?
        }
    };
    if stored {
        tracing::info!(export = %id, emailed = mail.is_some(), "export finished in the background");
    }
    Ok(())
}

/// "Your export is ready", or that it failed, in the person's language.
async fn ready_mail(
    state: &AppState,
    user: UserId,
    row: &store::ExportRow,
    ok: bool,
) -> anyhow::Result<store::NewMail> {
    let to = state.store.user(user).await?;
    let tr = Tr::new(to.locale());
    let named = |key: &str| tr.ts(key, "name", &row.file_name);
    let (subject, line, action) = if ok {
        (
            named("mail-export-ready-subject"),
            named("mail-export-ready"),
            (
                tr.t("mail-export-download"),
                state.settings.link(&format!("/exports/{}", row.id)),
            ),
        )
    } else {
        (
            named("mail-export-failed-subject"),
            named("mail-export-failed"),
            (
                tr.t("mail-export-open-session"),
                state
                    .settings
                    .link(&format!("/sessions/{}", row.session_id)),
            ),
        )
    };
    crate::mail::Compose {
        unsubscribe: None,
        tr,
        to: &to.email,
        user: Some(to.id),
        sender: None,
        first_name: &to.first_name,
        subject,
        lines: vec![line],
        action: Some(action),
    }
    .render()
}

/// The job that makes an export its server did not finish, from what was asked, with the
/// access the asker has now.
pub async fn rescue_job(state: &AppState, payload: &str) -> anyhow::Result<()> {
    #[derive(Deserialize)]
    struct Payload {
        export: ExportId,
    }
    let p: Payload = serde_json::from_str(payload)?;
    let row = match state.store.export(p.export).await {
        Ok(row) => row,
        // Deleted with its session or its asker: nothing to make.
        Err(store::StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if row.finished_at.is_some() {
        return Ok(());
    }
    let asked: Asked = serde_json::from_str(&row.request)?;
    let tr = Tr::new(asked.locale);
    let work = match (row.user_id, &row.link_hash) {
        (Some(user), _) => for_person(state, user, row.session_id, tr, &asked.query).await,
        (None, Some(link)) => for_link(state, link, tr, &asked.query).await,
        (None, None) => Err(AppError::NotFound),
    };
    let outcome = match work {
        Ok(work) => joined(tokio::task::spawn_blocking(move || work.render()).await),
        Err(e) => Err(anyhow::anyhow!("the export cannot be made any more: {e}")),
    };
    finish(state, row.id, outcome).await
}

/// An export that went on as a job, for the person who asked (anyone else: not found, as are
/// exports of sessions they may no longer view), noting that they are looking at it.
pub async fn look(state: &AppState, user: &User, id: ExportId) -> Result<ExportRow, AppError> {
    let row = state.store.export(id).await?;
    if row.user_id != Some(user.id) {
        return Err(AppError::NotFound);
    }
    sessions::require(state, user, row.session_id, Action::View).await?;
    Ok(state.store.look_at_export(id).await?)
}

/// An export that went on as a job, for a visitor of the public link it was asked through
/// while that link still works.
pub async fn look_by_link(
    state: &AppState,
    secret: &str,
    id: ExportId,
) -> Result<ExportRow, AppError> {
    let link = crate::auth::hash_secret(secret);
    let row = state.store.export(id).await?;
    if row.link_hash.as_deref() != Some(link.as_slice())
        || state.store.session_by_link(&link).await? != row.session_id
    {
        return Err(AppError::NotFound);
    }
    Ok(state.store.look_at_export(id).await?)
}

/// A finished export's file.
pub async fn file_of(state: &AppState, row: &ExportRow) -> Result<Download, AppError> {
    if row.status() != ExportStatus::Done {
        return Err(AppError::ExportNotReady(
            row.status() == ExportStatus::Failed,
        ));
    }
    Ok(Download {
        bytes: state.store.export_content(row.id).await?,
        file_name: row.file_name.clone(),
        content_type: Format::ALL
            .into_iter()
            .map(Format::content_type)
            .find(|t| *t == row.content_type)
            .unwrap_or("application/octet-stream"),
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

/// Whether the workspace `user` works in (where an import lands) may have custom fields.
pub async fn custom_fields_allowed(state: &AppState, user: &User) -> Result<bool, AppError> {
    let workspace = state.store.current_workspace(user.id).await?;
    Ok(state
        .store
        .limits_of(workspace.id)
        .await?
        .has(domain::plan::Feature::CustomFields))
}

/// `draft` without custom fields or values: what an import keeps on a plan without them.
fn without_custom_fields(draft: &mut Draft) {
    draft
        .session
        .retain(|f| !matches!(f, domain::session::SessionField::CustomFields(_)));
    for block in &mut draft.blocks {
        block
            .fields
            .retain(|f| !matches!(f, domain::session::BlockField::Custom(_)));
    }
}

async fn create(
    state: &AppState,
    user: &User,
    mut imported: Imported,
    size: usize,
) -> Result<Session, AppError> {
    // Custom fields are a plan's feature: without it, an import leaves them out (the CSV
    // preview says so) rather than refusing the rest.
    if !custom_fields_allowed(state, user).await? {
        without_custom_fields(&mut imported.draft);
    }
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
            crate::billing::quota(state, new.workspace).await?,
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
