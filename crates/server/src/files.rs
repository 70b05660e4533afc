//! Files of sessions, their blocks and library methods. An upload is checked (its kind by
//! content, agreeing with its name; a size limit; documents against decompression bombs; the
//! workspace's quota), pictures are re-encoded without their metadata, and the bytes go to
//! the file storage once per workspace and content. With clamd configured a file waits,
//! unserved, until the `scan_file` job finds it clean; an infected one is never served and its
//! uploader is told. Files are served with the permission of their parent: whoever may see
//! the session or the method may download them. Bytes no file holds any more are deleted by
//! the `forget_files` job, a while later, so an upload of the same content meanwhile is safe.

use crate::error::AppError;
use crate::scan::Verdict;
use crate::sessions;
use crate::state::AppState;
use bytes::Bytes;
use domain::file::{FileKind, FileProblem, Sniffer, clean_name};
use domain::job::JobKind;
use domain::op::Op;
use domain::permission::Action;
use domain::session::BlockField;
use domain::{FileId, MethodId, WorkspaceId};
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;
use store::{FileParent, FileRow, NewFile, NewJob, User};

/// The job that scans one file.
pub const SCAN_JOB: JobKind = JobKind::ScanFile;

/// The job that deletes contents no file holds any more.
pub const FORGET_JOB: JobKind = JobKind::ForgetFiles;

/// How long bytes stay after their last file went, so that an upload of the same content at
/// that moment (which found them stored) keeps them.
pub const FORGET_AFTER_MS: i64 = 10 * 60 * 1000;

/// The most a document (a zip archive) may unpack to, in all.
pub const UNPACKED_MAX: u64 = 256 * 1024 * 1024;

/// The most parts a document may hold.
pub const PARTS_MAX: usize = 10_000;

/// The file storage: an S3 bucket when one is configured, else a folder under the data
/// directory (`files/`).
pub fn storage(settings: &crate::config::Settings) -> anyhow::Result<Arc<dyn ObjectStore>> {
    let Some(s3) = &settings.s3 else {
        let dir = settings.data_dir.join("files");
        std::fs::create_dir_all(&dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        return Ok(Arc::new(
            object_store::local::LocalFileSystem::new_with_prefix(&dir)?,
        ));
    };
    // TLS through rustls on ring, as everywhere else; installed once per process.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut b = object_store::aws::AmazonS3Builder::from_env().with_bucket_name(&s3.bucket);
    if let Some(endpoint) = &s3.endpoint {
        b = b
            .with_endpoint(endpoint)
            .with_allow_http(endpoint.starts_with("http://"))
            .with_virtual_hosted_style_request(false);
    }
    if let Some(region) = &s3.region {
        b = b.with_region(region);
    }
    if let (Some(id), Some(secret)) = (&s3.access_key_id, &s3.secret_access_key) {
        b = b.with_access_key_id(id).with_secret_access_key(secret);
    }
    Ok(Arc::new(b.build()?))
}

fn key(row: &FileRow) -> Key {
    Key::from(row.key())
}

/// Whether a document (a zip archive) unpacks to at most `max` bytes in at most
/// [`PARTS_MAX`] parts. Every part is unpacked and counted, so sizes the archive claims cannot
/// lie; unpacking stops just past the limit. Parts must be stored or deflated, as office
/// documents are.
pub fn unpacks_within(
    archive: impl std::io::Read + std::io::Seek,
    max: u64,
) -> Result<(), FileProblem> {
    let refused = FileProblem::Unpacks { max };
    let mut archive = zip::ZipArchive::new(archive).map_err(|_| FileProblem::NotAllowed)?;
    if archive.len() > PARTS_MAX {
        return Err(refused);
    }
    let mut left = max;
    for i in 0..archive.len() {
        let part = archive.by_index(i).map_err(|_| FileProblem::NotAllowed)?;
        let n = std::io::copy(&mut part.take(left + 1), &mut std::io::sink())
            .map_err(|_| FileProblem::NotAllowed)?;
        left = left.checked_sub(n).ok_or_else(|| refused.clone())?;
    }
    Ok(())
}

/// An upload as it arrived: written to a temporary file while its kind, size and SHA-256 were
/// worked out, so it is never held in memory whole. The file goes when this is dropped.
#[derive(Debug)]
pub struct Spooled {
    /// The name the browser gave.
    pub name: String,
    path: PathBuf,
    sniffer: Sniffer,
    /// How many bytes arrived (at most the limit and one).
    size: u64,
    sha256: String,
}

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Spooled {
    /// Receives a file from `pieces` into a new temporary file under `dir`, keeping at most
    /// `max` + 1 bytes (enough to refuse it as too large; the rest passes unread into nothing).
    pub async fn receive<S>(
        dir: &std::path::Path,
        name: String,
        mut pieces: S,
        max: u64,
    ) -> Result<Self, AppError>
    where
        S: futures_util::Stream<Item = Result<bytes::Bytes, AppError>> + Unpin,
    {
        use futures_util::StreamExt;
        use tokio::io::AsyncWriteExt;
        let io = |e: std::io::Error| AppError::Internal(e.into());
        tokio::fs::create_dir_all(dir).await.map_err(io)?;
        let mut spooled = Self {
            name,
            path: dir.join(uuid::Uuid::now_v7().simple().to_string()),
            sniffer: Sniffer::default(),
            size: 0,
            sha256: String::new(),
        };
        let mut out = tokio::fs::File::create(&spooled.path).await.map_err(io)?;
        let mut hash = Sha256::new();
        let keep = max.saturating_add(1);
        while let Some(piece) = pieces.next().await {
            let piece = piece?;
            let room =
                usize::try_from(keep.saturating_sub(spooled.sniffer.size())).unwrap_or(usize::MAX);
            let piece = &piece[..piece.len().min(room)];
            if piece.is_empty() {
                continue;
            }
            spooled.sniffer.feed(piece);
            hash.update(piece);
            out.write_all(piece).await.map_err(io)?;
        }
        out.flush().await.map_err(io)?;
        spooled.size = spooled.sniffer.size();
        spooled.sha256 = hex::encode(hash.finalize());
        Ok(spooled)
    }

    /// How many bytes arrived (at most the limit and one).
    pub fn size(&self) -> u64 {
        self.size
    }

    /// An upload already in memory (tests, imports).
    pub async fn from_bytes(
        dir: &std::path::Path,
        name: &str,
        bytes: &[u8],
    ) -> Result<Self, AppError> {
        let piece = Ok(bytes::Bytes::copy_from_slice(bytes));
        Self::receive(
            dir,
            name.to_owned(),
            futures_util::stream::iter([piece]),
            u64::MAX,
        )
        .await
    }
}

/// What an upload is stored as: the spooled file as it came, or new bytes (a re-encoded
/// picture).
enum Content {
    AsReceived,
    Reencoded(Vec<u8>),
}

/// What an upload becomes: its kind, the name it is stored under and its content. Pictures are
/// re-encoded (which drops every piece of metadata: location, camera, comments); documents are
/// unpacked into nothing and counted against decompression bombs; the rest is kept as it came.
async fn prepare(file: &mut Spooled, max: u64) -> Result<(FileKind, String, Content), AppError> {
    domain::file::refuse_disguise(&file.name).map_err(AppError::FileRefused)?;
    let name = clean_name(&file.name);
    let kind = std::mem::take(&mut file.sniffer)
        .finish(&name, max)
        .map_err(AppError::FileRefused)?;
    let path = file.path.clone();
    let max_bytes = usize::try_from(max).unwrap_or(usize::MAX);
    let blocking = |work: Box<dyn FnOnce() -> Result<(FileKind, Content), AppError> + Send>| async {
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| AppError::Internal(e.into()))?
    };
    let (stored, content) = match kind {
        FileKind::Png | FileKind::Jpeg | FileKind::Webp => {
            blocking(Box::new(move || {
                let bytes = std::fs::read(&path).map_err(|e| AppError::Internal(e.into()))?;
                let (mime, out) = crate::avatar::reencode(&bytes, max_bytes)?;
                let kind = if mime == "image/png" {
                    FileKind::Png
                } else {
                    FileKind::Jpeg
                };
                Ok((kind, Content::Reencoded(out)))
            }))
            .await?
        }
        FileKind::Gif => {
            blocking(Box::new(move || {
                let bytes = std::fs::read(&path).map_err(|e| AppError::Internal(e.into()))?;
                Ok((
                    kind,
                    Content::Reencoded(crate::avatar::reencode_gif(&bytes)?),
                ))
            }))
            .await?
        }
        k if k.is_archive() => {
            blocking(Box::new(move || {
                let file = std::fs::File::open(&path).map_err(|e| AppError::Internal(e.into()))?;
                unpacks_within(file, UNPACKED_MAX).map_err(AppError::FileRefused)?;
                Ok((kind, Content::AsReceived))
            }))
            .await?
        }
        _ => (kind, Content::AsReceived),
    };
    if matches!(content, Content::AsReceived) {
        return Ok((stored, name, content));
    }
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    Ok((stored, format!("{stem}.{}", stored.as_str()), content))
}

/// The part size of uploads to the file storage: S3 takes no smaller part but the last.
const PART: usize = 5 * 1024 * 1024;

/// Writes a spooled file to the storage at `key`, a part at a time.
async fn put_file(state: &AppState, key: &Key, path: &std::path::Path) -> anyhow::Result<()> {
    use tokio::io::AsyncWriteExt;
    let mut from = tokio::fs::File::open(path).await?;
    let mut to =
        object_store::buffered::BufWriter::with_capacity(state.files.clone(), key.clone(), PART)
            .with_max_concurrency(2);
    tokio::io::copy(&mut from, &mut to).await?;
    to.shutdown().await?;
    Ok(())
}

/// The workspace a file of `parent` goes to, if `user` may add files there (and change
/// them): the session's, for its editors; the method's, for those who may change it.
async fn writable(
    state: &AppState,
    user: &User,
    parent: FileParent,
) -> Result<WorkspaceId, AppError> {
    match parent {
        FileParent::Session(session, block) => {
            let s = sessions::require(state, user, session, Action::Edit).await?;
            if let Some(b) = block
                && !state.store.blocks(session).await?.iter().any(|x| x.id == b)
            {
                return Err(AppError::NotFound);
            }
            Ok(s.0.workspace_id)
        }
        FileParent::Method(method) => {
            let m = state.store.method(method, user.id).await?;
            match (m.editable, m.workspace_id) {
                (true, Some(w)) => Ok(w),
                _ => Err(AppError::NotFound),
            }
        }
    }
}

/// The page of a file's parent: its session's or its method's. Its files page is this
/// followed by `/files`.
pub fn page_of(parent: FileParent) -> String {
    match parent {
        FileParent::Session(s, _) => format!("/sessions/{s}"),
        FileParent::Method(m) => format!("/library/methods/{m}"),
    }
}

/// Whether `user` may see `parent`, and so its files.
pub async fn readable(state: &AppState, user: &User, parent: FileParent) -> Result<(), AppError> {
    match parent {
        FileParent::Session(session, _) => {
            sessions::visible(state, user, session).await?;
        }
        FileParent::Method(method) => {
            state.store.method(method, user.id).await?;
        }
    }
    Ok(())
}

/// Uploads a spooled file to a session, one of its blocks or a method, for someone who may
/// change it. Its bytes go to the storage (once per workspace and content) before its row is
/// written; the row reserves them in the workspace's quota in its own transaction, so uploads
/// that race cannot both pass the quota, and bytes a refused row left behind are forgotten.
pub async fn upload(
    state: &AppState,
    user: &User,
    parent: FileParent,
    mut file: Spooled,
) -> Result<FileRow, AppError> {
    let workspace = writable(state, user, parent).await?;
    crate::auth::throttle::UPLOAD_PER_ACCOUNT
        .hit(state, &user.id.to_string())
        .await?;
    let (kind, name, content) = prepare(&mut file, state.settings.file_max_bytes()).await?;
    let (sha, size) = match &content {
        Content::AsReceived => (file.sha256.clone(), file.size),
        Content::Reencoded(b) => (
            hex::encode(Sha256::digest(b)),
            u64::try_from(b.len()).unwrap_or(u64::MAX),
        ),
    };
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    let quota = crate::billing::quota(state, workspace).await?;
    let held = state.store.has_content(workspace, &sha).await?;
    if !held {
        // Refused at once when it plainly does not fit; the row's transaction decides.
        if state
            .store
            .usage(workspace)
            .await?
            .total()
            .saturating_add(size)
            > quota
        {
            return Err(AppError::QuotaExceeded);
        }
        let key = Key::from(format!("{workspace}/{sha}"));
        match &content {
            Content::AsReceived => put_file(state, &key, &file.path).await?,
            Content::Reencoded(b) => {
                state
                    .files
                    .put(&key, b.clone().into())
                    .await
                    .map_err(|e| AppError::Internal(e.into()))?;
            }
        }
    }
    let scanning = state.settings.clamd.is_some();
    let id = FileId::new();
    let scan = scanning.then(|| NewJob::new(SCAN_JOB, serde_json::json!({ "file": id })));
    let new = NewFile {
        id,
        workspace,
        parent,
        name: &name,
        kind: kind.as_str(),
        size,
        sha256: &sha,
        status: if scanning { "pending" } else { "unscanned" },
        by: user.id,
    };
    let row = match state.store.add_file(&new, quota, scan.as_ref()).await {
        Ok(row) => row,
        Err(e) => {
            if !held {
                forget_content(state, workspace, &sha).await?;
            }
            return Err(e.into());
        }
    };
    if let (false, Content::Reencoded(picture)) = (scanning, &content) {
        offer_to_card(state, &row, picture).await?;
    }
    Ok(row)
}

/// A picture uploaded to a block becomes its card's picture when the card has none yet (once
/// it may be served: after its scan, when there is one).
async fn offer_to_card(state: &AppState, row: &FileRow, bytes: &[u8]) -> Result<(), AppError> {
    let (FileParent::Session(session, Some(block)), Some(by)) = (row.parent(), row.created_by)
    else {
        return Ok(());
    };
    if !FileKind::parse(&row.kind).is_some_and(FileKind::is_image) {
        return Ok(());
    }
    let blocks = state.store.blocks(session).await?;
    if !blocks
        .iter()
        .any(|b| b.id == block && b.card_image.is_none())
    {
        return Ok(());
    }
    let (bytes, max) = (
        bytes.to_vec(),
        usize::try_from(state.settings.file_max_mb * 1024 * 1024).unwrap_or(usize::MAX),
    );
    let picture = tokio::task::spawn_blocking(move || crate::avatar::picture_within(&bytes, max))
        .await
        .map_err(|e| AppError::Internal(e.into()))??;
    // The file it came from is counted already: the picture is counted, never refused.
    let image = state
        .store
        .add_image(session, &picture.as_new(), None)
        .await?;
    // Through the op path's one check: an uploader who may no longer edit changes no card.
    let Some(editor) = state.store.editor(session, by).await? else {
        return Ok(());
    };
    let set = BlockField::CardImage(Some(image));
    state
        .store
        .apply_op(&editor, None, Op::SetBlock { block, set })
        .await?;
    Ok(())
}

/// A file and its bytes, for someone who may see its parent, once it may be served.
pub async fn open(state: &AppState, user: &User, id: FileId) -> Result<(FileRow, Bytes), AppError> {
    let row = state.store.file(id).await?;
    readable(state, user, row.parent()).await?;
    if !row.servable() {
        return Err(AppError::NotFound);
    }
    let bytes = state
        .files
        .get(&key(&row))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .bytes()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok((row, bytes))
}

/// Deletes a file of `parent`, for someone who may change it; its bytes go later, when no
/// other file of the workspace has them.
pub async fn delete(
    state: &AppState,
    user: &User,
    parent: FileParent,
    id: FileId,
) -> Result<(), AppError> {
    writable(state, user, parent).await?;
    let row = state.store.file(id).await?;
    let same = match (row.parent(), parent) {
        (FileParent::Session(a, _), FileParent::Session(b, _)) => a == b,
        (a, b) => a == b,
    };
    if !same {
        return Err(AppError::NotFound);
    }
    // The row goes with the job that forgets its bytes, in one transaction.
    let forget = forgetting(contents_of(std::slice::from_ref(&row)));
    state.store.delete_file(id, forget.as_ref()).await?;
    Ok(())
}

/// Whether copies of `files` fit in `workspace`'s quota: the contents it does not hold yet,
/// each once.
pub async fn copies_fit(
    state: &AppState,
    files: &[FileRow],
    workspace: WorkspaceId,
) -> Result<(), AppError> {
    let mut contents: Vec<(&str, i64)> = files
        .iter()
        .filter(|f| f.servable())
        .map(|f| (f.sha256.as_str(), f.size))
        .collect();
    contents.sort_unstable();
    contents.dedup();
    let mut needed = 0i64;
    for (sha, size) in contents {
        if !state.store.has_content(workspace, sha).await? {
            needed = needed.saturating_add(size);
        }
    }
    let used = state.store.usage(workspace).await?.total();
    if needed > 0 && used.saturating_add(needed) > crate::billing::quota(state, workspace).await? {
        return Err(AppError::QuotaExceeded);
    }
    Ok(())
}

/// Copies the files of `from` that may be served to `to`, for someone who may see `from` and
/// change `to`: a method's handouts going along with a copy of the method, or into the block
/// it became. Bytes are copied when `to` is in another workspace that does not hold them.
/// Refused as a whole when the copies do not fit the quota. Returns how many were copied.
pub async fn copy_files(
    state: &AppState,
    user: &User,
    from: FileParent,
    to: FileParent,
) -> Result<usize, AppError> {
    readable(state, user, from).await?;
    let workspace = writable(state, user, to).await?;
    let files: Vec<FileRow> = state
        .store
        .files_of(from)
        .await?
        .into_iter()
        .filter(FileRow::servable)
        .collect();
    copies_fit(state, &files, workspace).await?;
    // Oldest first, so the copies list in the same order.
    let mut copies = Vec::with_capacity(files.len());
    for f in files.iter().rev() {
        let target = Key::from(format!("{workspace}/{}", f.sha256));
        if f.workspace_id != workspace && !state.store.has_content(workspace, &f.sha256).await? {
            let bytes = state
                .files
                .get(&key(f))
                .await
                .map_err(|e| AppError::Internal(e.into()))?
                .bytes()
                .await
                .map_err(|e| AppError::Internal(e.into()))?;
            state
                .files
                .put(&target, bytes.into())
                .await
                .map_err(|e| AppError::Internal(e.into()))?;
        }
        copies.push(NewFile {
            id: FileId::new(),
            workspace,
            parent: to,
            name: &f.name,
            kind: &f.kind,
            size: f.size,
            sha256: &f.sha256,
            status: &f.status,
            by: user.id,
        });
    }
    // Every row at once: all the copies, or (past the quota) none.
    let rows: Vec<(&NewFile<'_>, Option<&NewJob>)> = copies.iter().map(|c| (c, None)).collect();
    state
        .store
        .add_files(&rows, crate::billing::quota(state, workspace).await?)
        .await?;
    Ok(files.len())
}

/// Deletes a method with its files, for someone who may change it: the rows and the job that
/// forgets their bytes commit together.
pub async fn delete_method(state: &AppState, user: &User, id: MethodId) -> Result<(), AppError> {
    state.store.editable_method(id, user.id).await?;
    let files = state.store.files_of(FileParent::Method(id)).await?;
    let mut tx = state.store.begin().await?;
    tx.conn().delete_method(id).await?;
    if let Some(job) = forgetting(contents_of(&files)) {
        tx.conn().insert_job(&job).await?;
    }
    Ok(tx.commit().await?)
}

/// The contents (workspace, hash) of files.
pub fn contents_of(files: &[FileRow]) -> Vec<(WorkspaceId, &str)> {
    files
        .iter()
        .map(|f| (f.workspace_id, f.sha256.as_str()))
        .collect()
}

/// Schedules the `forget_files` job for one content of a workspace: the bytes of an upload
/// whose row was refused, unless a file holds them by then.
async fn forget_content(
    state: &AppState,
    workspace: WorkspaceId,
    sha256: &str,
) -> Result<(), store::StoreError> {
    forget_contents(state, vec![(workspace, sha256)]).await
}

async fn forget_contents(
    state: &AppState,
    contents: Vec<(WorkspaceId, &str)>,
) -> Result<(), store::StoreError> {
    match forgetting(contents) {
        Some(job) => state.store.enqueue_job(&job).await,
        None => Ok(()),
    }
}

/// The `forget_files` job for these contents, [`FORGET_AFTER_MS`] from now: it deletes those no
/// file of their workspace holds by then. None for none.
pub fn forgetting(mut contents: Vec<(WorkspaceId, &str)>) -> Option<NewJob> {
    contents.sort_unstable();
    contents.dedup();
    if contents.is_empty() {
        return None;
    }
    let mut job = NewJob::new(FORGET_JOB, serde_json::json!({ "contents": contents }));
    job.run_at += FORGET_AFTER_MS;
    Some(job)
}

/// The `forget_files` job: deletes from the storage the contents it names that no file of
/// their workspace holds.
pub async fn forget_job(state: &AppState, payload: &str) -> anyhow::Result<()> {
    #[derive(serde::Deserialize)]
    struct Payload {
        contents: Vec<(WorkspaceId, String)>,
    }
    let p: Payload = serde_json::from_str(payload)?;
    for (workspace, sha) in p.contents {
        if !state.store.has_content(workspace, &sha).await? {
            match state
                .files
                .delete(&Key::from(format!("{workspace}/{sha}")))
                .await
            {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(())
}

/// The scan job: one file's bytes to clamd. Clean files become servable; an infected one is
/// quarantined (never served) and its uploader told.
pub async fn scan_job(state: &AppState, payload: &str) -> anyhow::Result<()> {
    let Some(clamd) = &state.settings.clamd else {
        anyhow::bail!("a scan job without PLENARY_CLAMD");
    };
    let id: FileId = serde_json::from_str::<serde_json::Value>(payload)?["file"]
        .as_str()
        .unwrap_or_default()
        .parse()?;
    let row = match state.store.file(id).await {
        Ok(r) => r,
        // Deleted before its scan: nothing to do.
        Err(store::StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let bytes = state.files.get(&key(&row)).await?.bytes().await?;
    match clamd.scan(&bytes).await? {
        Verdict::Clean => {
            state.store.set_file_status(id, "clean", "").await?;
            offer_to_card(state, &row, &bytes)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        }
        Verdict::Infected(signature) => {
            tracing::warn!(file = %id, %signature, "an uploaded file is infected; it is quarantined");
            // The uploader's notice, read first, commits with the quarantine.
            let notice = match row.created_by {
                Some(by) => {
                    let title = match row.parent() {
                        FileParent::Session(s, _) => state.store.session(s).await?.title,
                        FileParent::Method(m) => state
                            .store
                            .method(m, by)
                            .await
                            .ok()
                            .and_then(|r| r.fields())
                            .map(|f| f.title)
                            .unwrap_or_default(),
                    };
                    // The files page lists the blocked file with why.
                    Some((by, title, format!("{}/files", page_of(row.parent()))))
                }
                None => None,
            };
            let mut tx = state.store.begin().await?;
            tx.conn()
                .set_file_status(id, "infected", &signature)
                .await?;
            if let Some((user, title, link)) = &notice {
                tx.conn()
                    .notify(&store::Notice {
                        user: *user,
                        kind: "file_infected",
                        subject: &row.name,
                        note: title,
                        link,
                        actor: None,
                    })
                    .await?;
            }
            tx.commit().await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, usize)]) -> Vec<u8> {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, zeros) in parts {
            w.start_file(*name, options).expect("part");
            w.write_all(&vec![0u8; *zeros]).expect("zeros");
        }
        w.finish().expect("zip").into_inner()
    }

    #[test]
    fn a_document_is_unpacked_and_counted_against_the_limit() {
        let doc = zip_of(&[("word/document.xml", 6000), ("word/styles.xml", 4000)]);
        assert_eq!(unpacks_within(std::io::Cursor::new(&doc), 10_000), Ok(()));
        assert_eq!(
            unpacks_within(std::io::Cursor::new(&doc), 9_999),
            Err(FileProblem::Unpacks { max: 9_999 })
        );
        assert_eq!(
            unpacks_within(std::io::Cursor::new(b"PK\x03\x04 not really"), 10_000),
            Err(FileProblem::NotAllowed)
        );
    }

    #[test]
    fn a_document_of_too_many_parts_is_refused() {
        let names: Vec<String> = (0..=PARTS_MAX).map(|i| format!("p{i}")).collect();
        let parts: Vec<(&str, usize)> = names.iter().map(|n| (n.as_str(), 0)).collect();
        assert_eq!(
            unpacks_within(std::io::Cursor::new(zip_of(&parts)), UNPACKED_MAX),
            Err(FileProblem::Unpacks { max: UNPACKED_MAX })
        );
    }

    #[tokio::test]
    async fn a_png_stays_a_png_and_a_jpeg_a_jpeg_at_their_own_size() {
        let picture = image::RgbImage::from_fn(2000, 30, |x, _| {
            image::Rgb([u8::try_from(x % 256).unwrap_or(0), 10, 20])
        });
        for (format, name, kind) in [
            (image::ImageFormat::Png, "a.png", FileKind::Png),
            (image::ImageFormat::Jpeg, "a.jpg", FileKind::Jpeg),
        ] {
            let mut bytes = Vec::new();
            picture
                .write_to(&mut std::io::Cursor::new(&mut bytes), format)
                .expect("encoded");
            let dir = std::env::temp_dir().join("plenary-tests").join("spool");
            let mut file = Spooled::from_bytes(&dir, name, &bytes)
                .await
                .expect("spooled");
            let (got, stored_name, content) = prepare(&mut file, 1 << 30).await.expect("kept");
            assert_eq!((got, stored_name.as_str()), (kind, name));
            let Content::Reencoded(out) = content else {
                panic!("a picture is re-encoded")
            };
            let back = image::load_from_memory(&out).expect("decodes");
            assert_eq!((back.width(), back.height()), (2000, 30));
        }
    }
}
