//! The bus: how instances tell each other (and themselves) that a session changed. Inside one
//! process it is a tokio broadcast channel; on PostgreSQL every signal also goes out with
//! `NOTIFY` and a listener task brings the other instances' signals in, reconnecting when its
//! connection drops. Signals only say *that* something changed: what changed is read from the
//! database (the op log), so a missed signal costs a delay, never an op.

use crate::{Db, Store};
use domain::{SessionId, UserId};
use sqlx::postgres::PgListener;
use std::time::Duration;
use tokio::sync::broadcast;

/// The PostgreSQL channel every instance listens on.
const CHANNEL: &str = "plenary";

/// Signals kept for subscribers that are slow to read; one that falls further behind gets
/// [`Signal::Resync`]-like treatment (it sees `Lagged` and should catch up from the database).
const CAPACITY: usize = 4096;

/// Something that happened to a session, as every instance hears it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// The session's op log reached `version`.
    Version { session: SessionId, version: i64 },
    /// Roles on the session changed: whoever is connected must be checked again.
    Access { session: SessionId },
    /// Who is in the session on the instance `from` (an opaque text the live rooms define).
    Presence {
        session: SessionId,
        from: String,
        payload: String,
    },
    /// A person's logins or tokens ended (signed out, password changed or reset, a token
    /// revoked): their live connections must check their credential again.
    Credentials { user: UserId },
    /// Signals may have been missed (the listener reconnected): catch up from the database.
    Resync,
}

impl Signal {
    /// The text sent with `NOTIFY`: the sending instance, a kind letter and the fields.
    fn encode(&self, instance: &str) -> Option<String> {
        Some(match self {
            Self::Version { session, version } => format!("{instance} v {session} {version}"),
            Self::Access { session } => format!("{instance} a {session}"),
            Self::Credentials { user } => format!("{instance} c {user}"),
            Self::Presence {
                session, payload, ..
            } => format!("{instance} p {session} {payload}"),
            Self::Resync => return None,
        })
    }

    /// A signal from another instance, or `None` for our own (already delivered in process)
    /// and for text that is not a signal.
    fn decode(text: &str, instance: &str) -> Option<Self> {
        let mut parts = text.splitn(4, ' ');
        let from = parts.next()?;
        if from == instance {
            return None;
        }
        let kind = parts.next()?;
        let subject = parts.next()?;
        if kind == "c" {
            return Some(Self::Credentials {
                user: subject.parse().ok()?,
            });
        }
        let session: SessionId = subject.parse().ok()?;
        let rest = parts.next();
        match kind {
            "v" => Some(Self::Version {
                session,
                version: rest?.parse().ok()?,
            }),
            "a" => Some(Self::Access { session }),
            "p" => Some(Self::Presence {
                session,
                from: from.to_owned(),
                payload: rest.unwrap_or_default().to_owned(),
            }),
            _ => None,
        }
    }
}

/// The in-process end of the bus.
#[derive(Debug, Clone)]
pub(crate) struct Bus {
    tx: broadcast::Sender<Signal>,
    /// This process's name on the bus, so it can skip its own `NOTIFY`s.
    instance: String,
}

impl Bus {
    pub(crate) fn new() -> Self {
        Self {
            tx: broadcast::channel(CAPACITY).0,
            instance: uuid::Uuid::now_v7().simple().to_string(),
        }
    }

    /// Tells this instance only (all there is on SQLite).
    pub(crate) fn send(&self, signal: Signal) {
        // No subscriber yet is not an error.
        let _ = self.tx.send(signal);
    }
}

impl Store {
    /// Every signal from now on, from this instance and (on PostgreSQL, once
    /// [`Store::listen`] runs) the others.
    pub fn subscribe(&self) -> broadcast::Receiver<Signal> {
        self.bus.tx.subscribe()
    }

    /// This instance's name on the bus.
    pub fn instance(&self) -> &str {
        &self.bus.instance
    }

    /// Tells this instance and, on PostgreSQL, every other one. A failed `NOTIFY` is logged:
    /// the others catch up on their next signal or resync.
    pub async fn announce(&self, signal: Signal) {
        if let (Db::Postgres(pool), Some(text)) = (&self.db, signal.encode(&self.bus.instance)) {
            let sent = sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(&text)
                .execute(pool)
                .await;
            if let Err(e) = sent {
                tracing::warn!(error = %e, "could not notify other instances");
            }
        }
        self.bus.send(signal);
    }

    /// On PostgreSQL, starts the task that brings other instances' signals in: it listens on
    /// one connection of its own, and when that connection drops it reconnects and sends
    /// [`Signal::Resync`] so that nothing missed in between stays missed. On SQLite there is
    /// only one instance and nothing to start.
    pub fn listen(&self) -> Option<tokio::task::JoinHandle<()>> {
        let Db::Postgres(pool) = &self.db else {
            return None;
        };
        let pool = pool.clone();
        let bus = self.bus.clone();
        Some(tokio::spawn(async move {
            let mut delay = Duration::from_millis(100);
            loop {
                let mut listener = match PgListener::connect_with(&pool).await {
                    Ok(l) => l,
                    Err(e) => {
                        tracing::warn!(error = %e, "bus listener cannot connect; retrying");
                        tokio::time::sleep(delay).await;
                        delay = (delay * 2).min(Duration::from_secs(5));
                        continue;
                    }
                };
                if let Err(e) = listener.listen(CHANNEL).await {
                    tracing::warn!(error = %e, "bus listener cannot listen; retrying");
                    tokio::time::sleep(delay).await;
                    continue;
                }
                delay = Duration::from_millis(100);
                // Whatever happened while we were away is read from the database.
                let _ = bus.tx.send(Signal::Resync);
                loop {
                    match listener.try_recv().await {
                        Ok(Some(n)) => {
                            if let Some(signal) = Signal::decode(n.payload(), &bus.instance) {
                                let _ = bus.tx.send(signal);
                            }
                        }
                        Ok(None) => {
                            // The connection dropped; the next call reconnects and listens again.
                            tracing::warn!("bus listener lost its connection; reconnecting");
                            let _ = bus.tx.send(Signal::Resync);
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "bus listener failed; starting again");
                            break;
                        }
                    }
                }
                tokio::time::sleep(delay).await;
            }
        }))
    }

    /// Closes other instances' bus listener connections, as a dropped network would: for the
    /// test that the bus recovers.
    #[cfg(feature = "testing")]
    pub async fn drop_listeners(&self) -> crate::Result<u64> {
        Ok(crate::with_db!(self, |pool| {
            sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND datname = current_database() AND pid <> pg_backend_pid()")
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_survive_the_notify_text_and_our_own_are_skipped() {
        let session = SessionId::new();
        for signal in [
            Signal::Version {
                session,
                version: 42,
            },
            Signal::Access { session },
            Signal::Credentials {
                user: UserId::new(),
            },
            Signal::Presence {
                session,
                from: "a".into(),
                payload: r#"[{"name": "Ann Lee"}]"#.into(),
            },
        ] {
            let text = signal.encode("a").expect("sent over NOTIFY");
            assert_eq!(Signal::decode(&text, "b"), Some(signal.clone()));
            assert_eq!(Signal::decode(&text, "a"), None, "our own: {text}");
        }
        assert_eq!(Signal::Resync.encode("a"), None);
        assert_eq!(Signal::decode("a x y", "b"), None);
        assert_eq!(Signal::decode("a v not-a-uuid 1", "b"), None);
    }
}
