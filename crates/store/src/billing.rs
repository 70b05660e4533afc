//! Plans held by workspaces, and the limits they set, checked inside the transaction that
//! would go over them: what a write adds is counted with the rows it writes, and on
//! PostgreSQL the workspace's row is locked first, so two writers cannot both take the last
//! place. With billing off the store has no plans and nothing is limited.
//!
//! A workspace with no subscription, or whose paid features have ended, is on the first
//! (free) plan.

use crate::{Result, Store, StoreError, now_ms, with_db};
use domain::plan::{Feature, Limit, Limits, OverLimit, Period, Plan};
use domain::{SessionId, SubscriptionEventId, UserId, WorkspaceId};
use std::sync::{Arc, RwLock};

/// The plans a store enforces, shared by its clones and its committer; none with billing
/// off.
#[derive(Debug, Clone, Default)]
pub(crate) struct PlanBook(Arc<RwLock<Option<Arc<[Plan]>>>>);

impl PlanBook {
    fn plans(&self) -> Option<Arc<[Plan]>> {
        self.0.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn set(&self, plans: Option<Vec<Plan>>) {
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = plans.map(Arc::from);
    }
}

/// A workspace's subscription as stored.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SubscriptionRow {
    pub workspace_id: WorkspaceId,
    pub plan_id: String,
    period: String,
    pub currency: String,
    /// The first term's first day (`YYYY-MM-DD`), and the current term's number from it.
    pub anchor: String,
    pub term: i32,
    /// The day after the current term ends (`YYYY-MM-DD`).
    pub paid_until: String,
    /// When the current term ends (ms): a renewal falls due then.
    pub due_at: i64,
    /// Paid features last until then (ms).
    pub features_until: i64,
    pub renews: bool,
    /// `paid` or `granted`.
    pub source: String,
    /// Paid and not used, in minor units.
    pub balance: i64,
}

impl SubscriptionRow {
    pub fn period(&self) -> Period {
        Period::parse(&self.period).unwrap_or(Period::Month)
    }

    /// Whether its plan's features last at `now` (ms).
    pub fn in_force(&self, now: i64) -> bool {
        self.features_until > now
    }
}

/// An entry of a workspace's subscription history.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SubscriptionEvent {
    pub id: SubscriptionEventId,
    /// `granted`, `ended`, …
    pub kind: String,
    pub plan_id: String,
    pub features_until: i64,
    pub by_user: Option<UserId>,
    /// The name of who did it, when a person did.
    pub by_name: Option<String>,
    pub reason: String,
    pub created_at: i64,
}

/// How much of each counted limit a workspace uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub active_sessions: u64,
    pub team_members: u64,
    pub private_methods: u64,
    /// The most people any one session is shared with, its owner aside.
    pub collaborators_per_session: u64,
    /// Sessions held read-only, past the plan's active sessions (archived ones aside).
    pub held_sessions: u64,
}

impl Counts {
    /// What is used of `limit`, for those counted here.
    pub fn of(&self, limit: Limit) -> Option<u64> {
        match limit {
            Limit::ActiveSessions => Some(self.active_sessions),
            Limit::TeamMembers => Some(self.team_members),
            Limit::PrivateMethods => Some(self.private_methods),
            Limit::CollaboratorsPerSession => Some(self.collaborators_per_session),
            Limit::StorageMb | Limit::HistoryDays => None,
        }
    }
}

/// Sessions of workspace `$1` that count as active: not archived, not held, not in the trash.
const ACTIVE_SESSIONS: &str = "SELECT COUNT(*) FROM sessions WHERE workspace_id = $1 AND deleted_at IS NULL AND NOT archived AND NOT held";
const TEAM_MEMBERS: &str = "SELECT COUNT(*) FROM workspace_members WHERE workspace_id = $1";
const PRIVATE_METHODS: &str = "SELECT COUNT(*) FROM methods WHERE workspace_id = $1";

/// The count behind each limit a write can go over, for workspace `$1` (or session `$1`).
fn count_sql(limit: Limit) -> Option<&'static str> {
    Some(match limit {
        Limit::ActiveSessions => ACTIVE_SESSIONS,
        Limit::TeamMembers => TEAM_MEMBERS,
        Limit::PrivateMethods => PRIVATE_METHODS,
        Limit::CollaboratorsPerSession => {
            "SELECT COUNT(*) FROM session_shares WHERE session_id = $1 AND role <> 'owner'"
        }
        Limit::StorageMb | Limit::HistoryDays => return None,
    })
}

fn u64_of(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// The plan a workspace holds and until when its features last.
const PLAN_OF: &str = "SELECT plan_id, features_until FROM subscriptions WHERE workspace_id = $1";

/// The plan named in `row` while in force at `now` and still offered, otherwise the free one
/// (the first): the one rule for which plan a workspace is on.
fn plan_in(plans: &[Plan], row: Option<(String, i64)>, now: i64) -> Option<&Plan> {
    row.filter(|(_, until)| *until > now)
        .and_then(|(id, _)| plans.iter().find(|p| p.id == id))
        .or(plans.first())
}

fn limits_in(plans: &[Plan], row: Option<(String, i64)>, now: i64) -> Limits {
    plan_in(plans, row, now)
        .map(|p| p.limits.clone())
        .unwrap_or_else(Limits::unlimited)
}

impl crate::Conn<'_> {
    /// The limits `workspace` is under now; no limit with billing off.
    pub(crate) async fn limits_of(
        &mut self,
        book: &PlanBook,
        workspace: WorkspaceId,
    ) -> Result<Limits> {
        let Some(plans) = book.plans() else {
            return Ok(Limits::unlimited());
        };
        let row: Option<(String, i64)> = crate::tx::on_conn!(self, |c| {
            sqlx::query_as(PLAN_OF)
                .bind(workspace)
                .fetch_optional(&mut **c)
                .await?
        });
        Ok(limits_in(&plans, row, now_ms()))
    }

    /// Inside a write transaction: fails with [`StoreError::OverLimit`] when `adding` more
    /// would take `workspace` past its plan's `limit` (counted in `workspace`, or in
    /// `session` for a per-session limit). On PostgreSQL the workspace's row is locked first,
    /// so the count and the write it guards are one step; SQLite's writers already take
    /// turns. Costs nothing with billing off.
    pub(crate) async fn check_limit(
        &mut self,
        book: &PlanBook,
        workspace: WorkspaceId,
        session: Option<SessionId>,
        limit: Limit,
        adding: u64,
    ) -> Result<()> {
        if book.plans().is_none() || adding == 0 {
            return Ok(());
        }
        let limits = self.limits_of(book, workspace).await?;
        let (Some(_), Some(sql)) = (limits.max(limit), count_sql(limit)) else {
            return Ok(());
        };
        self.lock_workspace(workspace).await?;
        let used: i64 = crate::tx::on_conn!(self, |c| {
            let q = sqlx::query_scalar(sql);
            match session {
                Some(s) => q.bind(s).fetch_one(&mut **c).await?,
                None => q.bind(workspace).fetch_one(&mut **c).await?,
            }
        });
        limits
            .allows(limit, u64_of(used), adding)
            .map_err(StoreError::OverLimit)
    }

    /// Inside a write transaction: fails with [`StoreError::NotInPlan`] when `workspace`'s
    /// plan does not include `feature`. Costs nothing with billing off.
    pub(crate) async fn check_feature(
        &mut self,
        book: &PlanBook,
        workspace: WorkspaceId,
        feature: Feature,
    ) -> Result<()> {
        if self.limits_of(book, workspace).await?.has(feature) {
            Ok(())
        } else {
            Err(StoreError::NotInPlan(feature))
        }
    }

    /// On PostgreSQL, locks `workspace`'s row for the rest of the transaction, so counting its
    /// places and taking one are one step; SQLite's writers already take turns.
    async fn lock_workspace(&mut self, workspace: WorkspaceId) -> Result<()> {
        if let crate::Conn::Postgres(c) = self {
            sqlx::query("SELECT id FROM workspaces WHERE id = $1 FOR UPDATE")
                .bind(workspace)
                .execute(&mut **c)
                .await?;
        }
        Ok(())
    }

    /// What refuses a change to a held session of `workspace`: its plan's active sessions,
    /// with how many are active.
    pub(crate) async fn held_refusal(
        &mut self,
        book: &PlanBook,
        workspace: WorkspaceId,
    ) -> Result<StoreError> {
        let limits = self.limits_of(book, workspace).await?;
        let used: i64 = crate::tx::on_conn!(self, |c| {
            sqlx::query_scalar(ACTIVE_SESSIONS)
                .bind(workspace)
                .fetch_one(&mut **c)
                .await?
        });
        let used = u64_of(used);
        Ok(StoreError::OverLimit(OverLimit {
            limit: Limit::ActiveSessions,
            used,
            max: limits.active_sessions.unwrap_or(used),
        }))
    }

    /// Fits `workspace`'s active sessions to the plan it is on at `now`: past the plan's
    /// limit, the least recently changed are held read-only; with `release`, held sessions
    /// are made active again while the plan has room, the most recently changed first (a
    /// plan that grew). Archived sessions are left as they are. Nothing is deleted.
    pub(crate) async fn fit_holds(
        &mut self,
        book: &PlanBook,
        workspace: WorkspaceId,
        now: i64,
        release: bool,
    ) -> Result<Holds> {
        let plans = book.plans();
        self.lock_workspace(workspace).await?;
        let row: Option<(String, i64)> = crate::tx::on_conn!(self, |c| {
            sqlx::query_as(PLAN_OF)
                .bind(workspace)
                .fetch_optional(&mut **c)
                .await?
        });
        let max = match &plans {
            Some(plans) => limits_in(plans, row, now).active_sessions,
            None => None,
        };
        let active: i64 = crate::tx::on_conn!(self, |c| {
            sqlx::query_scalar(ACTIVE_SESSIONS)
                .bind(workspace)
                .fetch_one(&mut **c)
                .await?
        });
        let max = max.map_or(i64::MAX, |m| i64::try_from(m).unwrap_or(i64::MAX));
        let mut holds = Holds::default();
        if active > max {
            holds.held = crate::tx::on_conn!(self, |c| {
                sqlx::query(
                    "UPDATE sessions SET held = TRUE WHERE id IN (
                        SELECT id FROM sessions WHERE workspace_id = $1 AND deleted_at IS NULL AND NOT archived AND NOT held
                        ORDER BY updated_at, id LIMIT $2)",
                )
                .bind(workspace)
                .bind(active - max)
                .execute(&mut **c)
                .await?
                .rows_affected()
            });
        } else if release && active < max {
            holds.released = crate::tx::on_conn!(self, |c| {
                sqlx::query(
                    "UPDATE sessions SET held = FALSE WHERE id IN (
                        SELECT id FROM sessions WHERE workspace_id = $1 AND deleted_at IS NULL AND NOT archived AND held
                        ORDER BY updated_at DESC, id LIMIT $2)",
                )
                .bind(workspace)
                .bind(max - active)
                .execute(&mut **c)
                .await?
                .rows_affected()
            });
        }
        Ok(holds)
    }
}

/// What fitting a workspace's sessions to its plan did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Holds {
    /// Sessions held read-only now.
    pub held: u64,
    /// Held sessions made active again.
    pub released: u64,
}

impl Store {
    /// Sets the plans this store enforces (`None` with billing off: nothing is limited).
    pub fn set_plans(&self, plans: Option<Vec<Plan>>) {
        self.plans.set(plans);
    }

    /// The plan `workspace` is on now; none with billing off.
    pub async fn plan_of(&self, workspace: WorkspaceId) -> Result<Option<Plan>> {
        let Some(plans) = self.plans.plans() else {
            return Ok(None);
        };
        let row: Option<(String, i64)> = with_db!(self, |pool| {
            sqlx::query_as(PLAN_OF)
                .bind(workspace)
                .fetch_optional(pool)
                .await?
        });
        Ok(plan_in(&plans, row, now_ms()).cloned())
    }

    /// The limits `workspace` is under now: none with billing off.
    pub async fn limits_of(&self, workspace: WorkspaceId) -> Result<Limits> {
        Ok(self
            .plan_of(workspace)
            .await?
            .map_or_else(Limits::unlimited, |p| p.limits))
    }

    /// Fails with [`StoreError::NotInPlan`] when `workspace`'s plan does not include
    /// `feature` (never with billing off): for what reads, such as an export; a write checks
    /// in its own transaction.
    pub async fn check_feature(&self, workspace: WorkspaceId, feature: Feature) -> Result<()> {
        if self.limits_of(workspace).await?.has(feature) {
            Ok(())
        } else {
            Err(StoreError::NotInPlan(feature))
        }
    }

    /// `workspace`'s subscription, if it ever had one.
    pub async fn subscription(&self, workspace: WorkspaceId) -> Result<Option<SubscriptionRow>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT workspace_id, plan_id, period, currency, anchor, term, paid_until, due_at, features_until, renews, source, balance
                 FROM subscriptions WHERE workspace_id = $1",
            )
            .bind(workspace)
            .fetch_optional(pool)
            .await?
        }))
    }

    /// How much of each counted limit `workspace` uses.
    pub async fn plan_counts(&self, workspace: WorkspaceId) -> Result<Counts> {
        let sql = format!(
            "SELECT ({ACTIVE_SESSIONS}), ({TEAM_MEMBERS}), ({PRIVATE_METHODS}),
                (SELECT COALESCE(MAX(n), 0) FROM (
                    SELECT COUNT(*) AS n FROM session_shares h JOIN sessions s ON s.id = h.session_id
                    WHERE s.workspace_id = $1 AND s.deleted_at IS NULL AND h.role <> 'owner'
                    GROUP BY h.session_id) c),
                (SELECT COUNT(*) FROM sessions WHERE workspace_id = $1 AND deleted_at IS NULL AND NOT archived AND held)"
        );
        let (sessions, members, methods, collaborators, held): (i64, i64, i64, i64, i64) =
            with_db!(self, |pool| {
                sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(workspace)
                    .fetch_one(pool)
                    .await?
            });
        Ok(Counts {
            active_sessions: u64_of(sessions),
            team_members: u64_of(members),
            private_methods: u64_of(methods),
            collaborators_per_session: u64_of(collaborators),
            held_sessions: u64_of(held),
        })
    }

    /// Gives `workspace` plan `plan_id` without payment until `until` (ms), as an
    /// administrator `by` decided for `reason`; recorded in its history. A paid term the
    /// workspace has keeps its balance.
    pub async fn grant_plan(
        &self,
        workspace: WorkspaceId,
        plan_id: &str,
        period: Period,
        until: i64,
        by: Option<UserId>,
        reason: &str,
    ) -> Result<()> {
        let now = now_ms();
        let today = jiff::Timestamp::from_millisecond(until)
            .map_err(|e| StoreError::Unreadable(format!("grant until {until}: {e}")))?
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        crate::tx::on_conn!(&mut c, |db| {
            sqlx::query(
                "INSERT INTO subscriptions (workspace_id, plan_id, period, currency, anchor, term, paid_until, due_at, features_until, renews, source, created_at, updated_at)
                 VALUES ($1, $2, $3, '', $4, 0, $4, $5, $5, FALSE, 'granted', $6, $6)
                 ON CONFLICT (workspace_id) DO UPDATE SET plan_id = $2, period = $3, paid_until = $4, due_at = $5,
                    features_until = $5, renews = FALSE, source = 'granted', updated_at = $6",
            )
            .bind(workspace)
            .bind(plan_id)
            .bind(period.as_str())
            .bind(today.to_string())
            .bind(until)
            .bind(now)
            .execute(&mut **db)
            .await?;
        });
        // The plan granted (or the one left when a grant ends) fits the sessions to itself.
        c.fit_holds(&self.plans, workspace, now, true).await?;
        event(
            &mut c, workspace, "granted", plan_id, period, until, by, reason, now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Keeps `keep` active and holds `workspace`'s other sessions read-only (archived ones
    /// aside), as one of its admins chose. More than the plan allows is refused whole, as is
    /// a session of another workspace (not found).
    pub async fn choose_active(&self, workspace: WorkspaceId, keep: &[SessionId]) -> Result<()> {
        let keep: std::collections::BTreeSet<SessionId> = keep.iter().copied().collect();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        c.lock_workspace(workspace).await?;
        let limits = c.limits_of(&self.plans, workspace).await?;
        let choosing = u64::try_from(keep.len()).unwrap_or(u64::MAX);
        limits
            .allows(Limit::ActiveSessions, 0, choosing)
            .map_err(|over| {
                StoreError::OverLimit(OverLimit {
                    used: choosing,
                    ..over
                })
            })?;
        crate::tx::on_conn!(&mut c, |db| {
            sqlx::query(
                "UPDATE sessions SET held = TRUE WHERE workspace_id = $1 AND deleted_at IS NULL AND NOT archived AND NOT held",
            )
            .bind(workspace)
            .execute(&mut **db)
            .await?;
            for id in &keep {
                let n = sqlx::query(
                    "UPDATE sessions SET held = FALSE WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL AND NOT archived",
                )
                .bind(id)
                .bind(workspace)
                .execute(&mut **db)
                .await?
                .rows_affected();
                if n == 0 {
                    return Err(StoreError::NotFound);
                }
            }
        });
        tx.commit().await
    }

    /// Holds, in every workspace past its plan's active sessions at `now`, the sessions over
    /// the limit (the billing pass's step after a plan has ended). The workspaces and how
    /// many of their sessions were held.
    pub async fn hold_over_limits(&self, now: i64) -> Result<Vec<(WorkspaceId, u64)>> {
        let Some(plans) = self.plans.plans() else {
            return Ok(Vec::new());
        };
        let Some(least) = plans.iter().filter_map(|p| p.limits.active_sessions).min() else {
            return Ok(Vec::new());
        };
        // Each workspace past the smallest plan's limit, with the plan it holds, so that only
        // one past its own plan's limit is written to.
        let rows: Vec<(WorkspaceId, i64, Option<String>, Option<i64>)> = with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT s.workspace_id, COUNT(*), sub.plan_id, sub.features_until
                 FROM sessions s LEFT JOIN subscriptions sub ON sub.workspace_id = s.workspace_id
                 WHERE s.deleted_at IS NULL AND NOT s.archived AND NOT s.held
                 GROUP BY s.workspace_id, sub.plan_id, sub.features_until HAVING COUNT(*) > $1",
            )
            .bind(i64::try_from(least).unwrap_or(i64::MAX))
            .fetch_all(pool)
            .await?
        });
        let over = rows
            .into_iter()
            .filter_map(|(workspace, active, plan, until)| {
                let row = plan.zip(until);
                let max = limits_in(&plans, row, now).active_sessions?;
                (u64_of(active) > max).then_some(workspace)
            });
        let mut done = Vec::new();
        for workspace in over {
            let mut tx = self.begin().await?;
            let holds = tx
                .conn()
                .fit_holds(&self.plans, workspace, now, false)
                .await?;
            tx.commit().await?;
            if holds.held > 0 {
                done.push((workspace, holds.held));
            }
        }
        Ok(done)
    }

    /// What refuses a change to a held session of `workspace` ([`StoreError::OverLimit`] on
    /// its active sessions).
    pub async fn held_refusal(&self, workspace: WorkspaceId) -> Result<StoreError> {
        Ok(with_db!(self, |pool| {
            let mut conn = pool.acquire().await?;
            crate::Conn::from(&mut *conn)
                .held_refusal(&self.plans, workspace)
                .await?
        }))
    }

    /// Makes every held session active again: billing is off, so no plan limits anything.
    pub async fn release_all_holds(&self) -> Result<u64> {
        Ok(with_db!(self, |pool| {
            sqlx::query("UPDATE sessions SET held = FALSE WHERE held")
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }

    /// Who hears about `workspace`'s payments: its owner.
    pub async fn billing_contact(&self, workspace: WorkspaceId) -> Result<crate::User> {
        let owner: UserId = with_db!(self, |pool| {
            sqlx::query_scalar("SELECT owner_id FROM workspaces WHERE id = $1")
                .bind(workspace)
                .fetch_optional(pool)
                .await?
        })
        .ok_or(StoreError::NotFound)?;
        self.user(owner).await
    }

    /// `workspace`'s subscription history, newest first.
    pub async fn subscription_events(
        &self,
        workspace: WorkspaceId,
    ) -> Result<Vec<SubscriptionEvent>> {
        Ok(with_db!(self, |pool| {
            sqlx::query_as(
                "SELECT e.id, e.kind, e.plan_id, e.features_until, e.by_user,
                    CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END AS by_name,
                    e.reason, e.created_at
                 FROM subscription_events e LEFT JOIN users u ON u.id = e.by_user
                 WHERE e.workspace_id = $1 ORDER BY e.created_at DESC, e.id DESC",
            )
            .bind(workspace)
            .fetch_all(pool)
            .await?
        }))
    }
}

/// Adds an entry to a workspace's subscription history.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn event(
    c: &mut crate::Conn<'_>,
    workspace: WorkspaceId,
    kind: &str,
    plan: &str,
    period: Period,
    until: i64,
    by: Option<UserId>,
    reason: &str,
    now: i64,
) -> Result<()> {
    crate::tx::on_conn!(c, |db| {
        sqlx::query(
            "INSERT INTO subscription_events (id, workspace_id, kind, plan_id, period, features_until, by_user, reason, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(SubscriptionEventId::new())
        .bind(workspace)
        .bind(kind)
        .bind(plan)
        .bind(period.as_str())
        .bind(until)
        .bind(by)
        .bind(reason)
        .bind(now)
        .execute(&mut **db)
        .await?;
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::plan::default_plans;

    #[test]
    fn a_plan_out_of_force_or_no_longer_offered_falls_back_to_the_free_one() {
        let plans = default_plans();
        let basic = plans[0].limits.clone();
        let pro = plans[1].limits.clone();
        assert_eq!(limits_in(&plans, None, 100), basic);
        assert_eq!(limits_in(&plans, Some(("pro".into(), 101)), 100), pro);
        assert_eq!(limits_in(&plans, Some(("pro".into(), 100)), 100), basic);
        assert_eq!(limits_in(&plans, Some(("gone".into(), 101)), 100), basic);
    }
}
