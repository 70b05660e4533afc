//! Library use cases shared by the pages and the API: search parameters, methods in and out
//! of sessions, designs saved from and turned into sessions, and publication reviews (the
//! author is told in the app and by email).

use crate::error::AppError;
use crate::i18n::Tr;
use crate::mail::Compose;
use crate::sessions::{self, CreateInput};
use crate::state::AppState;
use domain::library::{Complexity, MethodFields, TemplateBlock, TemplateFields};
use domain::op::Op;
use domain::search::Query;
use domain::session::{BlockField, BlockKind};
use domain::{Block, Session};
use domain::{BlockId, FieldError, Locale, MethodId, SessionId, TemplateId};
use serde::Deserialize;
use store::library::publication::Item;
use store::{MethodSearch, SearchScope, Sort, User};
use utoipa::IntoParams;

/// Results on one page.
pub const PER_PAGE: u32 = 20;

/// A category filter (a taxonomy key or `#tag`), at most.
const CATEGORY_MAX: usize = 100;

/// A search as it arrives in a query string, from the library page or the API.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words to find, in any form (stemmed, English and Russian).
    #[serde(default)]
    pub q: String,
    /// A taxonomy key such as `ideation`, or a tag as `#tag`.
    #[serde(default)]
    pub category: String,
    /// Methods that can take at least this many minutes…
    #[serde(default)]
    pub min: String,
    /// …and at most this many.
    #[serde(default)]
    pub max: String,
    /// Methods that suit a group of this size.
    #[serde(default)]
    pub group: String,
    /// `en`, `ru` or `any`; when absent, the reader's language, and the other one too when
    /// the words are written in its script.
    #[serde(default)]
    pub language: String,
    /// `1` for methods that work online.
    #[serde(default)]
    pub online: String,
    /// `all` (default), `public`, `mine` or `favourites`.
    #[serde(default)]
    pub scope: String,
    /// `relevance` (default), `newest` or `favourites`.
    #[serde(default)]
    pub sort: String,
    /// From 1.
    #[serde(default)]
    pub page: String,
}

fn number(s: &str) -> Option<u32> {
    s.trim().parse().ok()
}

impl SearchParams {
    /// The language searched: the one asked for, none for `any`; without a choice the
    /// reader's, unless the words are in another script (a Russian word in the English
    /// interface), which searches every language.
    pub fn language_for(&self, reader: Locale, query: Option<&Query>) -> Option<String> {
        match self.language.as_str() {
            "any" => None,
            "" if query.is_some_and(|q| q.has_script(reader != Locale::Ru)) => None,
            other => Some(Locale::parse(other).unwrap_or(reader).code().to_owned()),
        }
    }

    /// The language filter as the form shows it: `auto` when none was chosen.
    pub fn language_choice(&self) -> String {
        match self.language.as_str() {
            "en" | "ru" | "any" => self.language.clone(),
            _ => "auto".to_owned(),
        }
    }

    pub fn page(&self) -> u32 {
        number(&self.page).unwrap_or(1).clamp(1, 500)
    }

    /// The search asked for; a category that cannot be one (control characters, too long)
    /// is refused.
    pub fn search(&self, reader: Locale) -> Result<MethodSearch, AppError> {
        let min = number(&self.min);
        let max = number(&self.max);
        let category = domain::session::line(&self.category, CATEGORY_MAX).map_err(|e| {
            let error = match e {
                domain::session::OpError::TooLong => FieldError::TooLong { max: CATEGORY_MAX },
                _ => FieldError::ControlCharacters,
            };
            AppError::Validation(vec![("category", error)])
        })?;
        let query = Query::parse(&self.q);
        Ok(MethodSearch {
            language: self.language_for(reader, query.as_ref()),
            query,
            category: Some(category).filter(|c| !c.is_empty()),
            minutes: match (min, max) {
                (None, None) => None,
                (lo, hi) => Some((lo.unwrap_or(0), hi.unwrap_or(u32::MAX / 2))),
            },
            group: number(&self.group),
            online: matches!(self.online.as_str(), "1" | "on" | "true"),
            scope: match self.scope.as_str() {
                "public" => SearchScope::Public,
                "mine" => SearchScope::Mine,
                "favourites" => SearchScope::Favourites,
                _ => SearchScope::All,
            },
            sort: match self.sort.as_str() {
                "newest" => Sort::Newest,
                "favourites" => Sort::MostFavourited,
                _ => Sort::Relevance,
            },
            page: self.page() - 1,
            per_page: PER_PAGE,
        })
    }
}

fn refused(p: domain::library::FieldProblem) -> AppError {
    AppError::FieldRefused(p)
}

/// A new method in the library of the workspace the user works in.
pub async fn create_method(
    state: &AppState,
    user: &User,
    fields: MethodFields,
) -> Result<MethodId, AppError> {
    let fields = fields.validate().map_err(refused)?;
    let (workspace, _) = state.store.working_in(user.id).await?;
    crate::auth::throttle::copy_made(state, user).await?;
    Ok(state
        .store
        .create_method(
            workspace,
            user.id,
            &fields,
            crate::billing::quota(state, workspace).await?,
        )
        .await?)
}

pub async fn update_method(
    state: &AppState,
    user: &User,
    id: MethodId,
    fields: MethodFields,
) -> Result<(), AppError> {
    let fields = fields.validate().map_err(refused)?;
    Ok(state.store.update_method(id, user.id, &fields).await?)
}

/// A copy of a visible method, with its files, in the library of the workspace the user works
/// in: theirs to change. Nothing is made when the files do not fit that workspace's quota.
pub async fn copy_method(
    state: &AppState,
    user: &User,
    id: MethodId,
) -> Result<MethodId, AppError> {
    let row = state.store.method(id, user.id).await?;
    let fields = row.fields().ok_or(AppError::NotFound)?;
    let copy = create_method(state, user, fields).await?;
    let copied = crate::files::copy_files(
        state,
        user,
        store::FileParent::Method(id),
        store::FileParent::Method(copy),
    )
    .await;
    if let Err(e) = copied {
        // Whatever was copied goes with it.
        crate::files::delete_method(state, user, copy).await?;
        return Err(e);
    }
    Ok(copy)
}

/// The method's steps as a numbered Markdown list, then its tips: the block's facilitator
/// notes.
fn notes_of(f: &MethodFields, tr: &Tr) -> String {
    let mut out = String::new();
    for (i, s) in f.steps.iter().enumerate() {
        out.push_str(&format!("{}. {s}\n", i + 1));
    }
    if !f.tips.is_empty() {
        out.push_str(&format!("\n**{}**\n\n", tr.t("method-tips")));
        for t in &f.tips {
            out.push_str(&format!("- {t}\n"));
        }
    }
    out
}

/// `text` cut to at most `max` characters.
pub fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => text[..i].to_owned(),
        None => text.to_owned(),
    }
}

/// Inserts a visible method into a session the user may change, after `after` (at the end
/// when `None`): a new block copying its fields and remembering where it came from, with
/// copies of the method's files. Nothing is inserted when they do not fit the quota.
pub async fn insert_method(
    state: &AppState,
    user: &User,
    session: SessionId,
    method: MethodId,
    after: Option<BlockId>,
    tr: &Tr,
) -> Result<BlockId, AppError> {
    // A session the user may not change is a 404, before anything is copied.
    let row = state.store.method(method, user.id).await?;
    let f = row.fields().ok_or(AppError::NotFound)?;
    let target = sessions::editable(state, user, session).await?;
    let handouts = state
        .store
        .files_of(store::FileParent::Method(method))
        .await?;
    crate::files::copies_fit(state, &handouts, target.workspace_id).await?;
    let after = match after {
        Some(a) => Some(a),
        None => state.store.blocks(session).await?.last().map(|b| b.id),
    };
    let block = BlockId::new();
    let fields = vec![
        BlockField::Title(f.title.clone()),
        BlockField::Description(f.summary.clone()),
        BlockField::Minutes(f.duration_min),
        BlockField::Category(f.categories.first().cloned()),
        BlockField::Materials(f.materials.clone()),
        // A method allows longer goals and steps than a block; cut rather than refuse.
        BlockField::Goals(
            f.goals
                .iter()
                .map(|g| cut(g, domain::session::TITLE_MAX))
                .collect(),
        ),
        BlockField::Notes(cut(&notes_of(&f, tr), domain::session::DESCRIPTION_MAX)),
        BlockField::Method(Some(method)),
        BlockField::Illustration(f.image.clone()),
    ];
    sessions::apply_all(
        state,
        user,
        session,
        vec![Op::InsertBlock {
            block,
            kind: BlockKind::Activity,
            after,
            fields,
        }],
    )
    .await?;
    if !handouts.is_empty() {
        crate::files::copy_files(
            state,
            user,
            store::FileParent::Method(method),
            store::FileParent::Session(session, Some(block)),
        )
        .await?;
    }
    Ok(block)
}

/// A block of a session the user may change, saved as a new method in their personal
/// library. A block taken from a method keeps that method's other fields.
pub async fn save_block_as_method(
    state: &AppState,
    user: &User,
    session: SessionId,
    block: BlockId,
) -> Result<MethodId, AppError> {
    let s = sessions::editable(state, user, session).await?;
    let b = state
        .store
        .blocks(session)
        .await?
        .into_iter()
        .find(|b| b.id == block)
        .ok_or(AppError::NotFound)?;
    let source = match b.method {
        Some(m) => state
            .store
            .method(m, user.id)
            .await
            .ok()
            .and_then(|r| r.fields()),
        None => None,
    };
    let minutes = b.minutes.max(1);
    let category = b
        .category
        .clone()
        .filter(|c| domain::library::is_taxonomy(c));
    let base = source.unwrap_or_else(|| MethodFields {
        title: String::new(),
        summary: String::new(),
        image: None,
        duration_min: minutes,
        duration_max: minutes,
        group_min: 1,
        group_max: 30,
        categories: Vec::new(),
        tags: Vec::new(),
        goals: Vec::new(),
        steps: Vec::new(),
        materials: Vec::new(),
        tips: Vec::new(),
        variations: Vec::new(),
        in_person: true,
        online: false,
        complexity: Complexity::Easy,
        language: s.language,
        attribution: String::new(),
        source_url: String::new(),
        licence: String::new(),
    });
    let fields = MethodFields {
        title: if b.title.trim().is_empty() {
            base.title.clone()
        } else {
            b.title.clone()
        },
        summary: if b.description.trim().is_empty() {
            base.summary.clone()
        } else {
            b.description.clone()
        },
        image: b.illustration.clone().or(base.image.clone()),
        duration_min: base.duration_min.min(minutes),
        duration_max: base.duration_max.max(minutes),
        categories: category.map(|c| vec![c]).unwrap_or(base.categories.clone()),
        goals: Some(b.goals.clone())
            .filter(|g| !g.is_empty())
            .unwrap_or(base.goals.clone()),
        materials: Some(b.materials.clone())
            .filter(|m| !m.is_empty())
            .unwrap_or(base.materials.clone()),
        steps: if base.steps.is_empty() && !b.notes.trim().is_empty() {
            b.notes
                .split("\n\n")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        } else {
            base.steps.clone()
        },
        ..base
    };
    create_method(state, user, fields).await
}

/// A session the user may see, saved as a design in their workspace's library: its blocks and
/// structure; no dates, no people, no comments.
pub async fn save_session_as_design(
    state: &AppState,
    user: &User,
    session: SessionId,
) -> Result<TemplateId, AppError> {
    let s = sessions::visible(state, user, session).await?;
    let blocks = state.store.blocks(session).await?;
    let fields = TemplateFields {
        title: s.title.clone(),
        summary: s.description.clone(),
        goals: s.goals.clone(),
        language: s.language,
        image: None,
        licence: String::new(),
        blocks: blocks.iter().map(template_block).collect(),
    }
    .validate()
    .map_err(refused)?;
    let (workspace, _) = state.store.working_in(user.id).await?;
    crate::auth::throttle::copy_made(state, user).await?;
    Ok(state
        .store
        .create_template(
            workspace,
            user.id,
            &fields,
            crate::billing::quota(state, workspace).await?,
        )
        .await?)
}

fn template_block(b: &Block) -> TemplateBlock {
    TemplateBlock {
        kind: b.kind,
        title: b.title.clone(),
        description: b.description.clone(),
        minutes: b.minutes,
        category: b.category.clone(),
        group_format: b.group_format,
        materials: b.materials.clone(),
        goals: b.goals.clone(),
        notes: b.notes.clone(),
        method: b.method,
        illustration: b.illustration.clone(),
        day_start: b.day_start,
    }
}

/// A new session in the user's workspace from a design they may see.
pub async fn start_from_design(
    state: &AppState,
    user: &User,
    id: TemplateId,
    input: CreateInput,
) -> Result<Session, AppError> {
    let row = state.store.template(id, user.id).await?;
    let fields = row.fields().ok_or(AppError::NotFound)?;
    let input = CreateInput {
        title: if input.title.trim().is_empty() {
            fields.title.clone()
        } else {
            input.title
        },
        language: input.language.or(Some(fields.language.code().to_owned())),
        ..input
    };
    let new = sessions::new_session(state, user, input).await?;
    crate::auth::throttle::copy_made(state, user).await?;
    Ok(state
        .store
        .session_from_template(
            &fields,
            &new,
            crate::billing::quota(state, new.workspace).await?,
        )
        .await?)
}

/// An administrator's decision on a pending method or design. The author is told in the app
/// and by email, in their language.
pub async fn review(
    state: &AppState,
    by: &User,
    item: Item,
    approve: bool,
    note: &str,
) -> Result<(), AppError> {
    let note = domain::session::line(note, 500).map_err(|_| {
        AppError::Validation(vec![("note", domain::FieldError::TooLong { max: 500 })])
    })?;
    if !approve && note.is_empty() {
        return Err(AppError::Validation(vec![(
            "note",
            domain::FieldError::Required,
        )]));
    }
    // The decision, the author's notification and their email: one unit of work.
    let mut tx = state.store.begin().await?;
    let review = tx.conn().review_publication(item, approve, &note).await?;
    let (kind, id) = match item {
        Item::Method(MethodId(id)) => ("method", id),
        Item::Template(TemplateId(id)) => ("template", id),
    };
    tx.conn()
        .audit(&store::NewAudit {
            actor: Some(by.id),
            action: domain::moderation::AuditAction::ReviewPublication,
            subject_kind: kind,
            subject_id: Some(id),
            reason: &note,
            details: serde_json::json!({ "approved": approve }),
        })
        .await?;
    let Some(author) = review.author else {
        return Ok(tx.commit().await?);
    };
    let link = match item {
        Item::Method(id) => format!("/library/methods/{id}"),
        Item::Template(id) => format!("/library/designs/{id}"),
    };
    let kind = if approve {
        "publication_approved"
    } else {
        "publication_rejected"
    };
    tx.conn()
        .notify(&store::Notice {
            user: author,
            kind,
            subject: &review.title,
            note: &note,
            link: &link,
            actor: None,
        })
        .await?;
    let user = state.store.user(author).await?;
    let tr = Tr::new(user.locale());
    let key = kind.replace('_', "-");
    let mut lines = vec![tr.ts(&format!("mail-{key}-body"), "title", &review.title)];
    if !note.is_empty() {
        lines.push(tr.ts("mail-publication-note", "note", &note));
    }
    let mail = Compose {
        unsubscribe: None,
        tr,
        to: &user.email,
        user: Some(user.id),
        sender: None,
        first_name: &user.first_name,
        subject: tr.ts(&format!("mail-{key}-subject"), "title", &review.title),
        lines,
        action: Some((tr.t("mail-publication-open"), state.settings.link(&link))),
    };
    crate::notify::email_in(&mut tx.conn(), &user, mail).await?;
    if review.first {
        tell_followers(state, &mut tx.conn(), &user, &review.title, &link).await?;
    }
    Ok(tx.commit().await?)
}

/// How many people one publication tells at most.
const FOLLOWERS_TOLD: i64 = 1000;

/// Tells those who selected `author`'s methods, and did not turn it off, of their new
/// publication (User Agreement 1.6): in the app, and by email as each chose.
async fn tell_followers(
    state: &AppState,
    conn: &mut store::Conn<'_>,
    author: &store::User,
    title: &str,
    link: &str,
) -> Result<(), AppError> {
    for to in conn.followers_of(author.id, FOLLOWERS_TOLD).await? {
        let deed = crate::notify::Deed {
            kind: "author_published",
            title,
            link,
            mail: "author-published",
            more: &|tr| tr.t("mail-author-published-off"),
        };
        crate::notify::tell(state, conn, author, &to, deed).await?;
    }
    Ok(())
}

/// The job that recomputes the methods' search columns, a batch at a time.
pub const REINDEX_JOB: domain::job::JobKind = domain::job::JobKind::ReindexMethods;

/// Methods reindexed per job; a larger library queues the next batch.
const REINDEX_BATCH: i64 = 1000;

/// Queues the reindexing of every method when the search index holds an older version of
/// what it should (several instances starting at once queue it once).
pub async fn schedule_reindex(store: &store::Store) -> anyhow::Result<()> {
    if store.search_index_version().await? < store::SEARCH_INDEX_VERSION {
        let job = store::NewJob::new(REINDEX_JOB, serde_json::json!({ "after": null }));
        if store.ensure_job(&job).await? {
            tracing::info!("the library's search index is being rebuilt");
        }
    }
    Ok(())
}

/// The `reindex_methods` job: one batch after the method in its payload, then the next job;
/// after the last batch the index is marked current.
pub async fn reindex_job(state: &AppState, payload: &str) -> anyhow::Result<()> {
    #[derive(Deserialize)]
    struct Payload {
        after: Option<MethodId>,
    }
    let p: Payload = serde_json::from_str(payload)?;
    match state.store.reindex_methods(p.after, REINDEX_BATCH).await? {
        Some(last) => {
            let next = store::NewJob::new(REINDEX_JOB, serde_json::json!({ "after": last }));
            state.store.enqueue_job(&next).await?;
        }
        None => {
            state
                .store
                .set_search_index_version(store::SEARCH_INDEX_VERSION)
                .await?;
        }
    }
    Ok(())
}

/// Moves `item`, which `user` may change, on its way to the public library: asking to publish
/// (refused when an administrator took publishing from them) or back to private.
pub async fn set_publication(
    state: &AppState,
    user: &User,
    item: Item,
    to: domain::library::Publication,
) -> Result<(), AppError> {
    if to == domain::library::Publication::Pending {
        crate::moderation::allowed(state, user, domain::moderation::Restriction::Publish).await?;
    }
    Ok(state.store.set_publication(item, user.id, to).await?)
}
