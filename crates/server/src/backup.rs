//! Backups that forget (User Agreement 3.10). `plenary backup` copies the SQLite database,
//! while the service runs, into a dated file under `DATA_DIR/backups` and deletes those older
//! than 30 days. Every deletion of an account is also appended to a ledger file there (ids and
//! times only, no personal data), and `plenary restore` deletes again everyone the ledger lists
//! (and everyone the database it replaces lists), so a restored backup does not bring a
//! deleted person back. The database a restore replaces is kept beside it. On PostgreSQL the backups are `pg_dump`'s (README) and
//! `plenary restore` without a file re-applies the ledger after `pg_restore`.

use crate::config::Settings;
use crate::deletion::{append_ledger, read_ledger};
use anyhow::{Context, bail};
use domain::UserId;
use std::path::{Path, PathBuf};
use store::Store;

/// How many days of backups are kept.
pub const KEEP_DAYS: i64 = 30;

const PREFIX: &str = "plenary-";
/// A database a restore replaced, kept beside the restored one: `plenary.replaced-STAMP.db`.
const REPLACED: &str = "replaced-";
const SUFFIX: &str = ".db";
const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// Where backups and the ledger file live.
pub fn dir(settings: &Settings) -> PathBuf {
    crate::deletion::ledger_dir(settings)
}

/// The folder a file is in (`.` for a bare name).
fn folder_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The time a stamp (`20261207T030000Z`) gives.
fn stamped(stamp: &str) -> Option<jiff::Timestamp> {
    let civil = jiff::civil::DateTime::strptime(STAMP, stamp).ok()?;
    civil
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// The time a backup file's name gives, if it is one of ours.
fn taken_at(name: &str) -> Option<jiff::Timestamp> {
    stamped(name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?)
}

/// The time a database a restore replaced beside `live` was replaced, from its name
/// (`{stem}.replaced-STAMP.db`), if it is one.
fn replaced_at(name: &str, live: &Path) -> Option<jiff::Timestamp> {
    let stem = live.file_stem()?.to_str()?;
    let rest = name
        .strip_prefix(stem)?
        .strip_prefix('.')?
        .strip_prefix(REPLACED)?;
    stamped(rest.strip_suffix(SUFFIX)?)
}

/// Deletes the databases a restore replaced beside `live` before `oldest`, never `live`.
fn prune_replaced(live: &Path, oldest: jiff::Timestamp) -> std::io::Result<Vec<PathBuf>> {
    let canonical = live.canonicalize()?;
    let mut pruned = Vec::new();
    for entry in std::fs::read_dir(folder_of(live))? {
        let entry = entry?;
        if let Some(at) = entry
            .file_name()
            .to_str()
            .and_then(|n| replaced_at(n, live))
            && at < oldest
            && entry.file_type()?.is_file()
            && entry.path().canonicalize()? != canonical
        {
            std::fs::remove_file(entry.path())?;
            pruned.push(entry.path());
        }
    }
    Ok(pruned)
}

/// What `plenary backup` did.
pub struct Backup {
    pub file: PathBuf,
    /// Backups deleted for being older than [`KEEP_DAYS`].
    pub pruned: Vec<PathBuf>,
}

/// Backs the database up into `dir` (SQLite only), writes the database's ledger into the
/// ledger file, and deletes backups older than [`KEEP_DAYS`], and databases a restore
/// replaced (beside the database) as old.
pub async fn backup(settings: &Settings, store: &Store, dir: &Path) -> anyhow::Result<Backup> {
    if !matches!(store.db(), store::Db::Sqlite(_)) {
        bail!(
            "this database is PostgreSQL: back it up with pg_dump (README, \"Backups\"); `plenary backup` copies SQLite databases"
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let now = jiff::Timestamp::now();
    let name = format!("{PREFIX}{}{SUFFIX}", now.strftime(STAMP));
    let file = dir.join(&name);
    if file.exists() {
        bail!("{} exists already: wait a second", file.display());
    }
    store
        .backup_into(&file)
        .await
        .with_context(|| format!("cannot write {}", file.display()))?;
    // The file holds every deletion the database knows, so a restore of any backup has them.
    let known: std::collections::HashSet<UserId> =
        read_ledger(dir)?.into_iter().map(|(id, _)| id).collect();
    for (id, at) in store.deletion_ledger().await? {
        if !known.contains(&id) {
            append_ledger(dir, id, at)?;
        }
    }
    let mut pruned = Vec::new();
    let oldest = now - jiff::SignedDuration::from_hours(24 * KEEP_DAYS);
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if let Some(at) = entry.file_name().to_str().and_then(taken_at)
            && at < oldest
            && entry.file_type()?.is_file()
        {
            std::fs::remove_file(entry.path())?;
            pruned.push(entry.path());
        }
    }
    // Databases a restore replaced, beside the database: `{stem}.replaced-STAMP.db`. A
    // failure here does not undo the backup.
    if let Some(live) = store::sqlite_file(&settings.database_url) {
        match prune_replaced(&live, oldest) {
            Ok(gone) => pruned.extend(gone),
            Err(e) => tracing::warn!(error = %e, "old replaced databases could not be pruned"),
        }
    }
    Ok(Backup { file, pruned })
}

/// What `plenary restore` did.
pub struct Restored {
    /// People the ledger listed who were in the restored database, deleted again.
    pub deleted_again: usize,
    /// Where the database the backup replaced was kept.
    pub replaced: Option<PathBuf>,
}

/// Checks that `file` is a whole SQLite database of Plenary's, no newer than this version.
async fn check_backup(file: &Path) -> anyhow::Result<()> {
    let (check, newest) = store::inspect_sqlite(file)
        .await
        .with_context(|| format!("{} is not a Plenary SQLite database", file.display()))?;
    if check != "ok" {
        bail!("{} is damaged: {check}", file.display());
    }
    let known = store::migration_versions().0.into_iter().max().unwrap_or(0);
    if newest > known {
        bail!(
            "{} comes from a newer Plenary (migration {newest}; this one knows up to {known})",
            file.display()
        );
    }
    Ok(())
}

/// With the service stopped: puts the SQLite backup `file` in place of the database of
/// `settings` (keeping the replaced database beside it), or, without a file, keeps the
/// database as it is (PostgreSQL after `pg_restore`); then deletes again everyone the ledger
/// files (in the data directory's backups and in `dir`) and the replaced database list.
pub async fn restore(
    settings: &Settings,
    file: Option<&Path>,
    dir: &Path,
) -> anyhow::Result<Restored> {
    let mut ledger = read_ledger(&self::dir(settings))?;
    if dir != self::dir(settings) {
        ledger.extend(read_ledger(dir)?);
    }
    let target = store::sqlite_file(&settings.database_url);
    let mut replaced = None;
    match (file, &target) {
        (Some(_), None) => bail!(
            "this database is PostgreSQL: restore it with pg_restore (README, \"Backups\"), then run `plenary restore` without a file"
        ),
        (None, Some(t)) if !t.exists() => bail!("there is no database at {}", t.display()),
        (Some(file), Some(target)) => {
            if !file.is_file() {
                bail!("{} is not a file", file.display());
            }
            check_backup(file).await?;
            let mut kept = None;
            if target.exists() {
                // The database being replaced knows of deletions made since the backup; its
                // journal is folded in, and it is kept beside the restored one.
                let current = Store::connect(&settings.database_url)
                    .await
                    .with_context(|| format!("cannot open {}", target.display()))?;
                let known = current.deletion_ledger().await;
                let whole = current.checkpoint().await;
                current.close().await;
                ledger.extend(known.with_context(|| {
                    format!("cannot read the deletion ledger of {}", target.display())
                })?);
                if !whole? || store::sqlite_in_use(target).await? {
                    bail!("{} is in use: stop the service first", target.display());
                }
                let stamp = jiff::Timestamp::now().strftime(STAMP).to_string();
                kept = Some(target.with_extension(format!("{REPLACED}{stamp}{SUFFIX}")));
            }
            let part = target.with_extension("restoring");
            std::fs::copy(file, &part)
                .with_context(|| format!("cannot copy {} to {}", file.display(), part.display()))?;
            std::fs::File::open(&part)?.sync_all()?;
            if let Some(kept) = kept {
                std::fs::rename(target, &kept).with_context(|| {
                    format!("cannot keep the replaced database as {}", kept.display())
                })?;
                replaced = Some(kept);
            }
            for side in ["-wal", "-shm"] {
                let mut name = target.clone().into_os_string();
                name.push(side);
                match std::fs::remove_file(&name) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e).context("cannot remove the old database's journal"),
                }
            }
            std::fs::rename(&part, target).with_context(|| {
                format!("cannot put the backup in place at {}", target.display())
            })?;
            std::fs::File::open(folder_of(target))?.sync_all()?;
        }
        _ => {}
    }
    let store = crate::open_store(settings).await?;
    let state = crate::app_state(settings.clone(), store.clone())?;
    ledger.sort();
    ledger.dedup_by_key(|(id, _)| *id);
    let mut deleted_again = 0;
    for (id, at) in ledger {
        if crate::deletion::reapply(&state, id)
            .await
            .map_err(|e| anyhow::anyhow!("deleting {id} again: {e}"))?
        {
            deleted_again += 1;
        } else {
            let mut tx = store.begin().await?;
            tx.conn().record_deletion(id, at).await?;
            tx.commit().await?;
        }
    }
    store.close().await;
    Ok(Restored {
        deleted_again,
        replaced,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_backup_and_replaced_database_names_tell_when_they_were_taken() {
        let at = taken_at("plenary-20261207T030000Z.db").expect("ours");
        assert_eq!(at.to_string(), "2026-12-07T03:00:00Z");
        let live = Path::new("data/plenary.db");
        let replaced = replaced_at("plenary.replaced-20261207T030000Z.db", live).expect("replaced");
        assert_eq!(replaced, at);
        assert_eq!(replaced_at("plenary.db", live), None);
        assert_eq!(
            replaced_at("other.replaced-20261207T030000Z.db", live),
            None
        );
        assert_eq!(taken_at("plenary.replaced-20261207T030000Z.db"), None);
        for other in [
            "plenary.db",
            "deletions.ledger",
            "plenary-20261207.db",
            "plenary-20261207T030000Z.db-wal",
            "mine-20261207T030000Z.db",
        ] {
            assert_eq!(taken_at(other), None, "{other}");
        }
    }
}
