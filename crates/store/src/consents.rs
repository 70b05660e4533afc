//! The consent log: signed-in people's cookie choices, one row per choice, and the
//! installation's own secrets (the key that hashes addresses in it).

use crate::{Result, Store, now_ms, with_db};
use domain::consent::Allowed;
use domain::{ConsentId, UserId};
use uuid::Uuid;

/// A choice to write in the log.
#[derive(Debug, Clone)]
pub struct NewConsent {
    pub consent_id: ConsentId,
    pub user_id: UserId,
    pub revision: u32,
    pub allowed: Allowed,
    /// The browser sent Global Privacy Control.
    pub gpc: bool,
    /// A keyed hash of the address the choice came from, never the address.
    pub ip_hash: String,
    /// The words the person was shown, in their language.
    pub text_shown: String,
}

/// A logged choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRow {
    pub consent_id: ConsentId,
    pub revision: u32,
    pub allowed: Allowed,
    pub gpc: bool,
    pub ip_hash: String,
    pub text_shown: String,
    pub created_at: i64,
}

type Row = (Uuid, i64, bool, bool, bool, bool, String, String, i64);

impl Store {
    /// Appends a choice to the person's consent log.
    pub async fn record_consent(&self, c: &NewConsent) -> Result<()> {
        with_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO consents (id, consent_id, user_id, revision, functional, analytics,
                   advertising, gpc, ip_hash, text_shown, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(Uuid::now_v7())
            .bind(c.consent_id)
            .bind(c.user_id)
            .bind(i64::from(c.revision))
            .bind(c.allowed.functional)
            .bind(c.allowed.analytics)
            .bind(c.allowed.advertising)
            .bind(c.gpc)
            .bind(&c.ip_hash)
            .bind(&c.text_shown)
            .bind(now_ms())
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The person's latest choices, newest first.
    pub async fn consents_of(&self, user: UserId, limit: i64) -> Result<Vec<ConsentRow>> {
        let rows: Vec<Row> = with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT consent_id, revision, functional, analytics, advertising, gpc, ip_hash,
                   text_shown, created_at
                 FROM consents WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
            )
            .bind(user)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(
                |(id, revision, functional, analytics, advertising, gpc, ip_hash, text, at)| {
                    ConsentRow {
                        consent_id: id.into(),
                        revision: u32::try_from(revision).unwrap_or(u32::MAX),
                        allowed: Allowed {
                            functional,
                            analytics,
                            advertising,
                        },
                        gpc,
                        ip_hash,
                        text_shown: text,
                        created_at: at,
                    }
                },
            )
            .collect())
    }

    /// The installation's secret named `name`: `candidate` when there is none yet (the first
    /// instance to ask stores its own, and every instance then reads that one).
    pub async fn installation_secret(&self, name: &str, candidate: &[u8]) -> Result<Vec<u8>> {
        let sql = "SELECT secret FROM installation_secrets WHERE name = $1";
        let found: Option<Vec<u8>> = with_db!(self, |pool| {
            sqlx::query_scalar(sql)
                .bind(name)
                .fetch_optional(pool)
                .await?
        });
        if let Some(secret) = found {
            return Ok(secret);
        }
        let secret: Vec<u8> = with_db!(self, |pool| {
            sqlx::query(
                "INSERT INTO installation_secrets (name, secret, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (name) DO NOTHING",
            )
            .bind(name)
            .bind(candidate)
            .bind(now_ms())
            .execute(pool)
            .await?;
            sqlx::query_scalar("SELECT secret FROM installation_secrets WHERE name = $1")
                .bind(name)
                .fetch_one(pool)
                .await?
        });
        Ok(secret)
    }
}
