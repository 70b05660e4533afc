//! Backups that forget (User Agreement 3.10). `plenary backup` copies the SQLite database,
//! while the service runs, into a dated file under `DATA_DIR/backups` and deletes those older
//! than 30 days. Every deletion of an account is also appended to a ledger file there (ids and
//! times only, no personal data), and `plenary restore` deletes again everyone the ledger lists
//! (and everyone the database it replaces lists), so a restored backup does not bring a
//! deleted person back. On PostgreSQL the backups are `pg_dump`'s (README) and
//! `plenary restore` without a file re-applies the ledger after `pg_restore`.

use crate::config::Settings;
use anyhow::{Context, bail};
use domain::UserId;
use std::io::Write;
use std::path::{Path, PathBuf};
use store::{DeletionReason, Store};

/// How many days of backups are kept.
pub const KEEP_DAYS: i64 = 30;

const PREFIX: &str = "plenary-";
const SUFFIX: &str = ".db";
const STAMP: &str = "%Y%m%dT%H%M%SZ";
const LEDGER: &str = "deletions.ledger";

/// Where backups and the ledger file live.
pub fn dir(settings: &Settings) -> PathBuf {
    settings.data_dir.join("backups")
}

/// Appends one deletion to the ledger file in `dir` and flushes it to the disk.
pub fn append_ledger(dir: &Path, user: UserId, at: i64) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(LEDGER))?;
    writeln!(file, "{user} {at}")?;
    file.sync_data()
}

/// The ledger file in `dir`: each deleted person with the time of the deletion (none when
/// there is no file yet).
pub fn read_ledger(dir: &Path) -> anyhow::Result<Vec<(UserId, i64)>> {
    let path = dir.join(LEDGER);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            let mut parts = line.split_whitespace();
            let entry = (|| {
                let id = parts.next()?.parse::<UserId>().ok()?;
                let at = parts.next()?.parse::<i64>().ok()?;
                Some((id, at))
            })();
            entry.with_context(|| format!("{} line {} is not `id time`", path.display(), n + 1))
        })
        .collect()
}

/// The time a backup file's name gives, if it is one of ours.
fn taken_at(name: &str) -> Option<jiff::Timestamp> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let civil = jiff::civil::DateTime::strptime(STAMP, stamp).ok()?;
    civil
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// What `plenary backup` did.
pub struct Backup {
    pub file: PathBuf,
    /// Backups deleted for being older than [`KEEP_DAYS`].
    pub pruned: Vec<PathBuf>,
}

/// Backs the database up into `dir` (SQLite only), writes the database's ledger into the
/// ledger file, and deletes backups older than [`KEEP_DAYS`].
pub async fn backup(store: &Store, dir: &Path) -> anyhow::Result<Backup> {
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
        let name = entry.file_name();
        if let Some(at) = name.to_str().and_then(taken_at)
            && at < oldest
        {
            std::fs::remove_file(entry.path())?;
            pruned.push(entry.path());
        }
    }
    Ok(Backup { file, pruned })
}

/// What `plenary restore` did.
pub struct Restored {
    /// People the ledger listed who were in the restored database, deleted again.
    pub deleted_again: usize,
}

/// Restores the SQLite database of `settings` from `file` (with the service stopped), or,
/// without a file, keeps the database as it is (PostgreSQL after `pg_restore`); then deletes
/// again everyone the ledger file in `dir` and the replaced database's ledger list.
pub async fn restore(
    settings: &Settings,
    file: Option<&Path>,
    dir: &Path,
) -> anyhow::Result<Restored> {
    let mut ledger = read_ledger(dir)?;
    if let Some(file) = file {
        let Some(target) = store::sqlite_file(&settings.database_url) else {
            bail!(
                "this database is PostgreSQL: restore it with pg_restore (README, \"Backups\"), then run `plenary restore` without a file"
            );
        };
        if !file.is_file() {
            bail!("{} is not a file", file.display());
        }
        if target.exists() {
            // The database being replaced knows of deletions made since the backup.
            match Store::connect(&settings.database_url).await {
                Ok(current) => {
                    if let Ok(more) = current.deletion_ledger().await {
                        ledger.extend(more);
                    }
                    current.close().await;
                }
                Err(e) => tracing::warn!(error = %e, "the database being replaced does not open"),
            }
        }
        let part = target.with_extension("restoring");
        std::fs::copy(file, &part)
            .with_context(|| format!("cannot copy {} to {}", file.display(), part.display()))?;
        std::fs::File::open(&part)?.sync_all()?;
        for side in ["-wal", "-shm"] {
            let mut name = target.clone().into_os_string();
            name.push(side);
            match std::fs::remove_file(&name) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).context("cannot remove the old database's journal"),
            }
        }
        std::fs::rename(&part, &target)
            .with_context(|| format!("cannot put the backup in place at {}", target.display()))?;
    }
    let store = crate::open_store(settings).await?;
    ledger.sort();
    ledger.dedup_by_key(|(id, _)| *id);
    let mut deleted_again = 0;
    for (id, at) in ledger {
        match store.delete_user(id, DeletionReason::Ledger, true).await {
            Ok(deleted) => {
                deleted_again += 1;
                let contents = deleted
                    .contents
                    .iter()
                    .map(|(w, sha)| (*w, sha.as_str()))
                    .collect();
                if let Some(job) = crate::files::forgetting(contents) {
                    store.enqueue_job(&job).await?;
                }
            }
            Err(store::StoreError::NotFound) => {
                let mut tx = store.begin().await?;
                tx.conn().record_deletion(id, at).await?;
                tx.commit().await?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    store.close().await;
    Ok(Restored { deleted_again })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_backup_names_tell_when_they_were_taken() {
        let at = taken_at("plenary-20261207T030000Z.db").expect("ours");
        assert_eq!(at.to_string(), "2026-12-07T03:00:00Z");
        for other in [
            "deletions.ledger",
            "plenary-20261207.db",
            "plenary-20261207T030000Z.db-wal",
            "mine-20261207T030000Z.db",
        ] {
            assert_eq!(taken_at(other), None, "{other}");
        }
    }

    #[test]
    fn the_ledger_file_reads_back_what_was_appended_and_names_a_broken_line() {
        let dir = std::env::temp_dir().join(format!("plenary-ledger-{}", UserId::new()));
        assert!(read_ledger(&dir).expect("no file yet").is_empty());
        let (a, b) = (UserId::new(), UserId::new());
        append_ledger(&dir, a, 1).expect("a");
        append_ledger(&dir, b, 2).expect("b");
        assert_eq!(read_ledger(&dir).expect("read"), [(a, 1), (b, 2)]);
        std::fs::write(dir.join(LEDGER), format!("{a} 1\nnot a line\n")).expect("write");
        let err = read_ledger(&dir).expect_err("a broken line");
        assert!(err.to_string().contains("line 2"), "{err}");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
