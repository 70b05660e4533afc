//! The files of a session or a method: the list (with who uploaded what and whether it is
//! scanned), the upload form for those who may change the parent (several files at once, to
//! a session or one of its blocks), deleting, and downloading, which answers ranges and
//! revalidation and never sniffs.

use super::{Chrome, NoticeQuery, redirect_notice, render, render_status};
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::files;
use crate::forms;
use crate::sessions;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use domain::file::FileKind;
use domain::permission::Action;
use domain::{BlockId, FileId, MethodId, SessionId};
use store::{FileParent, FileRow};

/// Files sent in one upload, at most.
const PER_UPLOAD: usize = 20;

pub fn router(settings: &crate::config::Settings) -> Router<AppState> {
    // The whole request is limited too; each file is held to its limit as it arrives.
    let limit = DefaultBodyLimit::max(upload_limit(settings));
    Router::new()
        .route(
            "/sessions/{id}/files",
            get(session_page).post(session_upload).layer(limit),
        )
        .route("/sessions/{id}/files/{file}/delete", post(session_delete))
        .route(
            "/library/methods/{id}/files",
            get(method_page).post(method_upload).layer(limit),
        )
        .route(
            "/library/methods/{id}/files/{file}/delete",
            post(method_delete),
        )
        .route("/files/{file}/{name}", get(download))
}

/// A file as the list shows it.
pub struct Line {
    pub row: FileRow,
    pub size: String,
    pub when: String,
    /// The block it belongs to, if any.
    pub block: String,
    pub image: bool,
}

#[derive(Template)]
#[template(path = "files.html")]
struct FilesPage {
    c: Chrome,
    /// The session's or method's title, and its page.
    title: String,
    back: String,
    /// This page: uploads post here, and deletes to `{base}/{file}/delete`.
    base: String,
    files: Vec<Line>,
    /// A session's blocks, which files may go to.
    blocks: Vec<(BlockId, String)>,
    can_edit: bool,
    used: String,
    /// Problems with files of the last upload: (file name, message).
    problems: Vec<(String, String)>,
}

/// A size in words: "12 KB", "3.4 MB".
pub fn size(tr: &crate::i18n::Tr, bytes: i64) -> String {
    let bytes = bytes.max(0);
    let kb = (bytes + 1023) / 1024;
    if kb < 1024 {
        tr.tn("size-kb", "count", kb.max(1))
    } else {
        // One decimal: tenths of a megabyte.
        let tenths = (bytes * 10 + 1024 * 1024 - 1) / (1024 * 1024);
        tr.ts(
            "size-mb",
            "count",
            &format!("{}.{}", tenths / 10, tenths % 10),
        )
    }
}

/// "12 KB of 1024 MB used": a workspace's storage use and its quota.
pub async fn usage(
    state: &AppState,
    tr: &crate::i18n::Tr,
    workspace: domain::WorkspaceId,
) -> Result<String, AppError> {
    let used = state.store.usage(workspace).await?.total();
    let quota = crate::billing::quota(state, workspace).await?;
    Ok(tr.args(
        "files-used",
        &[
            ("used", size(tr, used).into()),
            ("quota", size(tr, quota).into()),
        ],
    ))
}

/// The files page of `parent` for `user`, who may see it.
async fn files_page(
    state: &AppState,
    viewer: &Viewer,
    user: &store::User,
    parent: FileParent,
    problems: Vec<(String, String)>,
) -> Result<FilesPage, AppError> {
    let (title, workspace, can_edit, blocks) = match parent {
        FileParent::Session(id, _) => {
            let (s, access) = sessions::require(state, user, id, Action::View).await?;
            let blocks = super::sessions::block_titles(state, &viewer.tr, id).await?;
            let can_edit = sessions::may_edit(&s, access);
            (s.title, s.workspace_id, can_edit, blocks)
        }
        FileParent::Method(id) => {
            let m = state.store.method(id, user.id).await?;
            let title = m.fields().map(|f| f.title).unwrap_or_default();
            // Starter methods belong to no workspace and hold no files.
            let workspace = m.workspace_id.ok_or(AppError::NotFound)?;
            (title, workspace, m.editable, Vec::new())
        }
    };
    let back = files::page_of(parent);
    let files = state
        .store
        .files_of(parent)
        .await?
        .into_iter()
        .map(|row| Line {
            size: size(&viewer.tr, row.size),
            when: viewer.tr.datetime(row.created_at, &user.time_zone),
            block: row
                .block_id
                .and_then(|b| blocks.iter().find(|(id, _)| *id == b))
                .map(|(_, t)| t.clone())
                .unwrap_or_default(),
            image: FileKind::parse(&row.kind).is_some_and(FileKind::is_image),
            row,
        })
        .collect();
    let base = format!("{back}/files");
    Ok(FilesPage {
        c: Chrome::new(viewer, &base),
        used: usage(state, &viewer.tr, workspace).await?,
        title,
        back,
        base,
        can_edit,
        files,
        blocks,
        problems,
    })
}

async fn page(
    state: &AppState,
    signed: &SignedIn,
    viewer: &Viewer,
    parent: FileParent,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let mut p = files_page(state, viewer, &signed.user, parent, Vec::new()).await?;
    p.c = p.c.with_notice(notice);
    Ok(render(&p))
}

async fn session_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    page(
        &state,
        &signed,
        &viewer,
        FileParent::Session(id, None),
        n.notice.as_deref(),
    )
    .await
}

async fn method_page(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<MethodId>,
    Query(n): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    page(
        &state,
        &signed,
        &viewer,
        FileParent::Method(id),
        n.notice.as_deref(),
    )
    .await
}

type Upload = Result<Multipart, axum::extract::multipart::MultipartRejection>;

/// The largest upload request: every file at its limit, and room for the form around them.
pub fn upload_limit(settings: &crate::config::Settings) -> usize {
    let file = usize::try_from(settings.file_max_bytes()).unwrap_or(usize::MAX);
    file.saturating_add(1)
        .saturating_mul(PER_UPLOAD)
        .saturating_add(64 * 1024)
}

/// The form's files (field `files`, several allowed, each spooled to disk as it arrives and
/// cut just past the size limit) and its optional `block`. Nothing of it is held in memory
/// whole: other fields are limited to a few bytes, and fields the form does not have pass
/// unread.
async fn read_form(
    state: &AppState,
    multipart: Upload,
) -> Result<(Option<BlockId>, Vec<files::Spooled>), AppError> {
    use futures_util::StreamExt;
    let mut multipart = multipart.map_err(|_| AppError::BadRequest("multipart".into()))?;
    let dir = state.settings.spool_dir();
    let max = state.settings.file_max_bytes();
    let mut block: Option<BlockId> = None;
    let mut uploads: Vec<files::Spooled> = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(forms::multipart_error)?
    {
        match field.name() {
            Some("block") => {
                let text = forms::small_text(field).await?;
                block = match text.trim() {
                    "" => None,
                    b => Some(
                        b.parse()
                            .map_err(|_| AppError::BadRequest("block".into()))?,
                    ),
                };
            }
            Some("files") => {
                if uploads.len() == PER_UPLOAD {
                    return Err(AppError::TooLarge);
                }
                let name = field.file_name().unwrap_or_default().to_owned();
                let pieces = field.map(|p| p.map_err(forms::multipart_error));
                let file = files::Spooled::receive(&dir, name, pieces, max).await?;
                if file.name.is_empty() && file.size() == 0 {
                    continue;
                }
                uploads.push(file);
            }
            _ => {}
        }
    }
    Ok((block, uploads))
}

/// Takes every file of the form for `parent` (a session's `block` when the form names one),
/// one after the other; files that are refused are listed with why, the others are kept.
async fn upload(
    state: &AppState,
    signed: &SignedIn,
    viewer: &Viewer,
    parent: FileParent,
    multipart: Upload,
) -> Result<Response, AppError> {
    // Refused before anything is read when the user may not add files here.
    let p = files_page(state, viewer, &signed.user, parent, Vec::new()).await?;
    if !p.can_edit {
        return Err(AppError::NotFound);
    }
    let (block, uploads) = read_form(state, multipart).await?;
    let parent = match parent {
        FileParent::Session(id, _) => FileParent::Session(id, block),
        method => method,
    };
    let mut problems = Vec::new();
    let mut stored: usize = 0;
    let none = uploads.is_empty();
    for file in uploads {
        let name = domain::file::clean_name(&file.name);
        match files::upload(state, &signed.user, parent, file).await {
            Ok(_) => stored += 1,
            Err(
                e @ (AppError::FileRefused(_)
                | AppError::QuotaExceeded
                | AppError::TooLarge
                | AppError::UnsupportedImage),
            ) => {
                problems.push((name, e.message(&viewer.tr)));
            }
            Err(e) => return Err(e),
        }
    }
    if none {
        problems.push((String::new(), viewer.tr.t("files-none-chosen")));
    }
    if problems.is_empty() {
        return Ok(redirect_notice(&p.base, "files-uploaded"));
    }
    let mut p = files_page(state, viewer, &signed.user, parent, problems).await?;
    if stored > 0 {
        p.c.notice = Some(viewer.tr.tn("files-some-uploaded", "count", stored));
    }
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
}

async fn session_upload(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<SessionId>,
    multipart: Upload,
) -> Result<Response, AppError> {
    upload(
        &state,
        &signed,
        &viewer,
        FileParent::Session(id, None),
        multipart,
    )
    .await
}

async fn method_upload(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<MethodId>,
    multipart: Upload,
) -> Result<Response, AppError> {
    upload(&state, &signed, &viewer, FileParent::Method(id), multipart).await
}

/// Deletes a file of `parent` and returns to its files page.
async fn delete(
    state: &AppState,
    signed: &SignedIn,
    parent: FileParent,
    file: FileId,
) -> Result<Response, AppError> {
    files::delete(state, &signed.user, parent, file).await?;
    Ok(redirect_notice(
        &format!("{}/files", files::page_of(parent)),
        "file-deleted",
    ))
}

async fn session_delete(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, file)): Path<(SessionId, FileId)>,
) -> Result<Response, AppError> {
    delete(&state, &signed, FileParent::Session(id, None), file).await
}

async fn method_delete(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, file)): Path<(MethodId, FileId)>,
) -> Result<Response, AppError> {
    delete(&state, &signed, FileParent::Method(id), file).await
}

/// One byte range of `len` bytes asked for by `Range`: (first, last), inclusive. `None` for
/// no range or one we do not serve (several ranges), `Some(Err)` for one out of bounds.
fn range(headers: &HeaderMap, len: u64) -> Option<Result<(u64, u64), ()>> {
    let spec = headers
        .get(header::RANGE)?
        .to_str()
        .ok()?
        .strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let parsed = match (a.trim(), b.trim()) {
        ("", suffix) => suffix
            .parse::<u64>()
            .ok()
            .filter(|n| *n > 0 && len > 0)
            .map(|n| (len.saturating_sub(n), len - 1)),
        (first, "") => first
            .parse::<u64>()
            .ok()
            .map(|f| (f, len.saturating_sub(1))),
        (first, last) => match (first.parse::<u64>(), last.parse::<u64>()) {
            (Ok(f), Ok(l)) if f <= l => Some((f, l.min(len.saturating_sub(1)))),
            // Not a range at all: the header is ignored.
            _ => return None,
        },
    };
    Some(parsed.filter(|(f, l)| *f < len && f <= l).ok_or(()))
}

/// Sends a file to someone who may see its session or method: pictures inline, everything else as a
/// download; never sniffed; cached privately and revalidated by its content hash; ranges
/// answered.
async fn download(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((file, _name)): Path<(FileId, String)>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (row, bytes) = files::open(&state, &signed.user, file).await?;
    let kind = FileKind::parse(&row.kind).ok_or(AppError::NotFound)?;
    let etag = format!("\"{}\"", row.sha256);
    let mut out = HeaderMap::new();
    let set = |out: &mut HeaderMap, name, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            out.insert(name, v);
        }
    };
    set(&mut out, header::CONTENT_TYPE, kind.mime());
    set(&mut out, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(&mut out, header::CACHE_CONTROL, "private, max-age=3600");
    set(&mut out, header::ETAG, &etag);
    set(&mut out, header::ACCEPT_RANGES, "bytes");
    let encoded =
        percent_encoding::utf8_percent_encode(&row.name, percent_encoding::NON_ALPHANUMERIC);
    let disposition = if kind.is_image() {
        "inline"
    } else {
        "attachment"
    };
    set(
        &mut out,
        header::CONTENT_DISPOSITION,
        &format!("{disposition}; filename*=UTF-8''{encoded}"),
    );
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
    {
        return Ok((StatusCode::NOT_MODIFIED, out).into_response());
    }
    let len = bytes.len() as u64;
    match range(&headers, len) {
        Some(Ok((first, last))) => {
            set(
                &mut out,
                header::CONTENT_RANGE,
                &format!("bytes {first}-{last}/{len}"),
            );
            let part = bytes
                .slice(usize::try_from(first).unwrap_or(0)..usize::try_from(last + 1).unwrap_or(0));
            Ok((StatusCode::PARTIAL_CONTENT, out, Body::from(part)).into_response())
        }
        Some(Err(())) => {
            set(&mut out, header::CONTENT_RANGE, &format!("bytes */{len}"));
            Ok((StatusCode::RANGE_NOT_SATISFIABLE, out).into_response())
        }
        None => Ok((StatusCode::OK, out, Body::from(bytes)).into_response()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::RANGE, HeaderValue::from_str(value).expect("value"));
        h
    }

    #[test]
    fn byte_ranges_are_read_as_clients_send_them() {
        assert_eq!(range(&HeaderMap::new(), 10), None);
        assert_eq!(range(&asked("bytes=0-3"), 10), Some(Ok((0, 3))));
        assert_eq!(range(&asked("bytes=4-"), 10), Some(Ok((4, 9))));
        assert_eq!(range(&asked("bytes=-3"), 10), Some(Ok((7, 9))));
        assert_eq!(range(&asked("bytes=5-100"), 10), Some(Ok((5, 9))));
        assert_eq!(range(&asked("bytes=10-"), 10), Some(Err(())));
        assert_eq!(range(&asked("bytes=0-1,4-5"), 10), None);
        assert_eq!(range(&asked("bytes=7-3"), 10), None);
    }
}
