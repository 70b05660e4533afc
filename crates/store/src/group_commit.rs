//! Group commit for SQLite. SQLite has one writer at a time and, with `synchronous=FULL`, each
//! commit waits for the disk. One task therefore commits every op: the ops that arrived while
//! the last commit was on its way to disk go into the next transaction together, each in a
//! savepoint of its own, and share one sync. An op that is refused rolls back to its savepoint
//! without touching the others; a batch that fails as a whole is applied again op by op, so
//! each op gets its own answer. A lone writer waits no longer than before: a batch starts as
//! soon as one op is there.

use crate::sessions::apply_op_sqlite;
use crate::{OpOutcome, Result, StoreError};
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

struct Request {
    session: SessionId,
    actor: UserId,
    client_op_id: Option<String>,
    op: Op,
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

    /// Starts the committer on `pool` in the current tokio runtime.
    pub(crate) fn start(pool: SqlitePool) -> Self {
        let (queue, requests) = mpsc::channel(QUEUE);
        let transactions = Arc::new(AtomicU64::new(0));
        tokio::spawn(run(pool, requests, transactions.clone()));
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
            session,
            actor,
            client_op_id,
            op,
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

async fn run(
    pool: SqlitePool,
    mut requests: mpsc::Receiver<Request>,
    transactions: Arc<AtomicU64>,
) {
    let mut batch = Vec::with_capacity(BATCH_MAX);
    while requests.recv_many(&mut batch, BATCH_MAX).await > 0 {
        // Each group in a task of its own: should applying an op panic, its group's writers
        // get an error (their answers are dropped, nothing is committed) and the committer
        // goes on serving everyone else.
        let group = tokio::spawn(commit_and_answer(
            pool.clone(),
            std::mem::take(&mut batch),
            transactions.clone(),
        ));
        if let Err(e) = group.await {
            tracing::error!(error = %e, "a group commit panicked; its ops were not applied");
        }
    }
}

/// Commits `batch` and answers each op; a batch that fails as a whole is applied again op by
/// op, so each op gets its own answer.
async fn commit_and_answer(pool: SqlitePool, batch: Vec<Request>, transactions: Arc<AtomicU64>) {
    match commit(&pool, &batch).await {
        Ok(outcomes) => {
            transactions.fetch_add(1, Ordering::Relaxed);
            for (request, outcome) in batch.into_iter().zip(outcomes) {
                let _ = request.reply.send(outcome);
            }
        }
        Err(err) => {
            tracing::warn!(error = %err, ops = batch.len(), "a group commit failed; applying its ops one by one");
            for request in batch {
                let outcome = match commit(&pool, std::slice::from_ref(&request)).await {
                    Ok(mut outcomes) => {
                        transactions.fetch_add(1, Ordering::Relaxed);
                        outcomes.pop().unwrap_or(Err(StoreError::NotFound))
                    }
                    Err(err) => Err(err),
                };
                let _ = request.reply.send(outcome);
            }
        }
    }
}

/// Applies `batch` in one transaction, each op in a savepoint, and commits it. The outer
/// error means nothing was committed; the inner ones are each op's own outcome.
async fn commit(pool: &SqlitePool, batch: &[Request]) -> Result<Vec<Result<OpOutcome>>> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for request in batch {
        let mut savepoint = Connection::begin(&mut *tx).await?;
        let outcome = apply_op_sqlite(
            &mut savepoint,
            request.session,
            request.actor,
            request.client_op_id.as_deref(),
            &request.op,
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
    Ok(outcomes)
}
