//! Group commit for SQLite. SQLite has one writer at a time and, with `synchronous=FULL`, each
//! commit waits for the disk. One task therefore commits every op: the ops that arrived while
//! the last commit was on its way to disk go into the next transaction together, each in a
//! savepoint of its own, and share one sync. An op that is refused rolls back to its savepoint
//! without touching the others. A lone writer waits no longer than before: a group starts as
//! soon as one op is there.
//!
//! Once a group is committed, the committer announces each applied op on the bus itself, so
//! an op is never committed and left unannounced because its writer went away meanwhile.
//!
//! When a group cannot begin (the database stayed locked past the busy timeout), each of its
//! ops gets that error at once. When it fails later, or panics, its ops are applied again one
//! by one, each in a group of its own, so every op gets its own answer and one bad op does not
//! fail the others.

use crate::billing::PlanBook;
use crate::bus::Bus;
use crate::sessions::apply_op_sqlite;
use crate::{OpOutcome, Result, Signal, StoreError};
use domain::op::Op;
use domain::{SessionId, UserId};
use sqlx::{Connection, SqlitePool};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::{mpsc, oneshot};

/// The most ops one transaction takes.
const BATCH_MAX: usize = 64;

/// Ops waiting for the committer; a writer past this many waits to hand its op over.
const QUEUE: usize = 4096;

/// One op to apply.
struct Work {
    session: SessionId,
    actor: UserId,
    client_op_id: Option<String>,
    op: Op,
}

struct Request {
    work: Work,
    reply: oneshot::Sender<Result<OpOutcome>>,
}

/// The handle every clone of a SQLite store shares; the committer stops when the last goes.
#[derive(Clone, Debug)]
pub(crate) struct GroupCommit {
    queue: Option<mpsc::Sender<Request>>,
    transactions: Arc<AtomicU64>,
}

impl GroupCommit {
    /// No committer (PostgreSQL, where each op commits in its own transaction).
    pub(crate) fn none() -> Self {
        Self {
            queue: None,
            transactions: Arc::default(),
        }
    }

    /// Starts the committer on `pool` in the current tokio runtime; it announces on `bus`.
    pub(crate) fn start(pool: SqlitePool, bus: Bus, plans: PlanBook) -> Self {
        let (queue, requests) = mpsc::channel(QUEUE);
        let transactions = Arc::new(AtomicU64::new(0));
        tokio::spawn(run(pool, bus, plans, requests, transactions.clone()));
        Self {
            queue: Some(queue),
            transactions,
        }
    }

    /// Applies `op` in the next group and answers once that group is on disk.
    pub(crate) async fn apply(
        &self,
        session: SessionId,
        actor: UserId,
        client_op_id: Option<String>,
        op: Op,
    ) -> Result<OpOutcome> {
        let queue = self.queue.as_ref().ok_or_else(|| {
            StoreError::Database(sqlx::Error::Configuration(
                "group commit runs on SQLite only".into(),
            ))
        })?;
        let (reply, answer) = oneshot::channel();
        let request = Request {
            work: Work {
                session,
                actor,
                client_op_id,
                op,
            },
            reply,
        };
        if queue.send(request).await.is_err() {
            return Err(StoreError::Database(sqlx::Error::PoolClosed));
        }
        answer
            .await
            .unwrap_or(Err(StoreError::Database(sqlx::Error::PoolClosed)))
    }

    /// Transactions committed so far (each holds one or more ops).
    pub(crate) fn transactions(&self) -> u64 {
        self.transactions.load(Ordering::Relaxed)
    }
}

/// What became of a group.
enum Group {
    /// Committed; each op's own outcome (applied, refused, or its own error).
    Committed(Vec<Result<OpOutcome>>),
    /// The transaction could not begin; nothing was tried.
    NotBegun(StoreError),
    /// It failed or panicked after it began; nothing was committed.
    Failed(StoreError),
}

async fn run(
    pool: SqlitePool,
    bus: Bus,
    plans: PlanBook,
    mut requests: mpsc::Receiver<Request>,
    transactions: Arc<AtomicU64>,
) {
    let mut batch = Vec::with_capacity(BATCH_MAX);
    while requests.recv_many(&mut batch, BATCH_MAX).await > 0 {
        let (works, replies): (Vec<Arc<Work>>, Vec<_>) =
            batch.drain(..).map(|r| (Arc::new(r.work), r.reply)).unzip();
        let answers = match group(&pool, &plans, works.clone()).await {
            Group::Committed(outcomes) => {
                transactions.fetch_add(1, Ordering::Relaxed);
                outcomes
            }
            Group::NotBegun(err) => {
                tracing::warn!(error = %err, ops = works.len(), "a group commit could not begin");
                works.iter().map(|_| Err(unavailable(&err))).collect()
            }
            Group::Failed(err) => {
                tracing::warn!(error = %err, ops = works.len(), "a group commit failed; applying its ops one by one");
                let mut answers = Vec::with_capacity(works.len());
                for work in &works {
                    answers.push(match group(&pool, &plans, vec![work.clone()]).await {
                        Group::Committed(mut outcomes) => {
                            transactions.fetch_add(1, Ordering::Relaxed);
                            outcomes.pop().unwrap_or(Err(StoreError::NotFound))
                        }
                        Group::NotBegun(err) | Group::Failed(err) => Err(err),
                    });
                }
                answers
            }
        };
        for ((work, reply), answer) in works.iter().zip(replies).zip(answers) {
            if let Ok(OpOutcome::Applied { version }) = answer {
                bus.send(Signal::Version {
                    session: work.session,
                    version,
                });
            }
            let _ = reply.send(answer);
        }
    }
}

/// The error each op of a group that could not begin gets (sqlx's errors are not `Clone`).
fn unavailable(err: &StoreError) -> StoreError {
    match err {
        StoreError::Database(sqlx::Error::PoolClosed) => {
            StoreError::Database(sqlx::Error::PoolClosed)
        }
        _ => StoreError::Database(sqlx::Error::PoolTimedOut),
    }
}

/// Commits `works` in a task of its own, so that a panic fails this group and not the
/// committer.
async fn group(pool: &SqlitePool, plans: &PlanBook, works: Vec<Arc<Work>>) -> Group {
    let (pool, plans) = (pool.clone(), plans.clone());
    match tokio::spawn(async move { commit(&pool, &plans, &works).await }).await {
        Ok(group) => group,
        Err(err) => {
            tracing::error!(error = %err, "a group commit panicked");
            Group::Failed(StoreError::Database(sqlx::Error::WorkerCrashed))
        }
    }
}

/// Applies `works` in one transaction, each op in a savepoint, and commits it.
async fn commit(pool: &SqlitePool, plans: &PlanBook, works: &[Arc<Work>]) -> Group {
    let mut tx = match pool.begin_with("BEGIN IMMEDIATE").await {
        Ok(tx) => tx,
        Err(err) => return Group::NotBegun(err.into()),
    };
    let applied = async {
        let mut outcomes = Vec::with_capacity(works.len());
        for work in works {
            let mut savepoint = Connection::begin(&mut *tx).await?;
            let outcome = apply_op_sqlite(
                &mut savepoint,
                plans,
                work.session,
                work.actor,
                work.client_op_id.as_deref(),
                &work.op,
            )
            .await;
            if matches!(outcome, Ok(OpOutcome::Applied { .. })) {
                savepoint.commit().await?;
            } else {
                savepoint.rollback().await?;
            }
            outcomes.push(outcome);
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(outcomes)
    };
    match applied.await {
        Ok(outcomes) => Group::Committed(outcomes),
        Err(err) => Group::Failed(err.into()),
    }
}
