//! Files of sessions and their blocks. An upload is checked (its kind by content, agreeing
//! with its name; a size limit; the workspace's quota), pictures are re-encoded without their
//! metadata, and the bytes go to the file storage once per workspace and content. With clamd
//! configured a file waits, unserved, until the `scan_file` job finds it clean; an infected one
//! is never served and its uploader is told. Files are served with the permission of their
//! session: whoever may see the session may download them.

use crate::error::AppError;
use crate::scan::Verdict;
use crate::sessions;
use crate::state::AppState;
use bytes::Bytes;
use domain::file::{FileKind, classify, clean_name};
use domain::op::Op;
use domain::permission::Action;
use domain::session::BlockField;
use domain::{BlockId, FileId, SessionId};
use object_store::path::Path as Key;
use object_store::{ObjectStore, ObjectStoreExt};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use store::{FileRow, NewFile, NewJob, User};

/// The job that scans one file.
pub const SCAN_JOB: &str = "scan_file";

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

/// What an upload becomes: its kind, name and bytes as stored.
fn prepare(name: &str, bytes: &[u8], max: u64) -> Result<(FileKind, String, Vec<u8>), AppError> {
    let name = clean_name(name);
    let kind = classify(&name, bytes, max).map_err(AppError::FileRefused)?;
    if !matches!(kind, FileKind::Png | FileKind::Jpeg | FileKind::Webp) {
        return Ok((kind, name, bytes.to_vec()));
    }
    // Re-encoded, which drops every piece of metadata (location, camera, comments).
    let (mime, out) = crate::avatar::picture(bytes)?;
    let kind = if mime == "image/png" {
        FileKind::Png
    } else {
        FileKind::Jpeg
    };
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    Ok((kind, format!("{stem}.{}", kind.as_str()), out))
}

/// Uploads a file to `session`, or to one of its blocks; someone who may change the session.
pub async fn upload(
    state: &AppState,
    user: &User,
    session: SessionId,
    block: Option<BlockId>,
    name: &str,
    bytes: &[u8],
) -> Result<FileRow, AppError> {
    let s = sessions::require(state, user, session, Action::Edit).await?;
    if let Some(b) = block
        && !state.store.blocks(session).await?.iter().any(|x| x.id == b)
    {
        return Err(AppError::NotFound);
    }
    let max = state.settings.file_max_mb * 1024 * 1024;
    let (name, bytes) = (name.to_owned(), bytes.to_vec());
    let (kind, name, bytes) = tokio::task::spawn_blocking(move || prepare(&name, &bytes, max))
        .await
        .map_err(|e| AppError::Internal(e.into()))??;
    let sha = hex::encode(Sha256::digest(&bytes));
    let workspace = s.0.workspace_id;
    let stored = state.store.has_content(workspace, &sha).await?;
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    if !stored {
        let used = state.store.storage_used(workspace).await?;
        let quota =
            i64::try_from(state.settings.workspace_quota_mb * 1024 * 1024).unwrap_or(i64::MAX);
        if used.saturating_add(size) > quota {
            return Err(AppError::QuotaExceeded);
        }
        state
            .files
            .put(
                &Key::from(format!("{workspace}/{sha}")),
                bytes.clone().into(),
            )
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    let status = if state.settings.clamd.is_some() {
        "pending"
    } else {
        "unscanned"
    };
    let row = state
        .store
        .add_file(&NewFile {
            workspace,
            session,
            block,
            name: &name,
            kind: kind.as_str(),
            size,
            sha256: &sha,
            status,
            by: user.id,
        })
        .await?;
    if status == "unscanned" {
        offer_to_card(state, &row, &bytes).await?;
    }
    if status == "pending" {
        state
            .store
            .enqueue_job(&NewJob::new(
                SCAN_JOB,
                serde_json::json!({ "file": row.id }),
            ))
            .await?;
    }
    Ok(row)
}

/// A picture uploaded to a block becomes its card's picture when the card has none yet (once
/// it may be served: after its scan, when there is one).
async fn offer_to_card(state: &AppState, row: &FileRow, bytes: &[u8]) -> Result<(), AppError> {
    let (Some(block), Some(by)) = (row.block_id, row.created_by) else {
        return Ok(());
    };
    let Some(kind) = FileKind::parse(&row.kind).filter(|k| k.is_image()) else {
        return Ok(());
    };
    let blocks = state.store.blocks(row.session_id).await?;
    if !blocks
        .iter()
        .any(|b| b.id == block && b.card_image.is_none())
    {
        return Ok(());
    }
    let image = state
        .store
        .add_image(row.session_id, kind.mime(), bytes)
        .await?;
    let set = BlockField::CardImage(Some(image));
    state
        .store
        .apply_op(row.session_id, by, None, Op::SetBlock { block, set })
        .await?;
    Ok(())
}

/// A file and its bytes, for someone who may see its session, once it may be served.
pub async fn open(state: &AppState, user: &User, id: FileId) -> Result<(FileRow, Bytes), AppError> {
    let row = state.store.file(id).await?;
    sessions::visible(state, user, row.session_id).await?;
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

/// Deletes a file of `session`; its bytes go when no other file of the workspace has them.
pub async fn delete(
    state: &AppState,
    user: &User,
    session: SessionId,
    id: FileId,
) -> Result<(), AppError> {
    sessions::require(state, user, session, Action::Edit).await?;
    let row = state.store.file(id).await?;
    if row.session_id != session {
        return Err(AppError::NotFound);
    }
    if state.store.delete_file(id).await? {
        state
            .files
            .delete(&key(&row))
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(())
}

/// Deletes from the storage the contents of `gone` (files whose rows were deleted) that no
/// other file of their workspace still holds.
pub async fn forget(state: &AppState, gone: &[FileRow]) -> anyhow::Result<()> {
    let mut keys: Vec<(domain::WorkspaceId, &str)> = gone
        .iter()
        .map(|f| (f.workspace_id, f.sha256.as_str()))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    for (workspace, sha) in keys {
        if !state.store.has_content(workspace, sha).await? {
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
            state
                .store
                .set_file_status(id, "infected", &signature)
                .await?;
            if let Some(by) = row.created_by {
                let title = state.store.session(row.session_id).await?.title;
                state
                    .store
                    .notify(
                        by,
                        "file_infected",
                        &row.name,
                        &title,
                        &format!("/sessions/{}/files", row.session_id),
                    )
                    .await?;
            }
        }
    }
    Ok(())
}
