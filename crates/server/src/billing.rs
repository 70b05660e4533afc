//! Plans held by workspaces: which plan a workspace is on, what it uses of each limit, and
//! the storage it may fill. The limits themselves are checked by the store, inside the
//! transaction that writes (see `store::billing`); with billing off there are none.

use crate::error::AppError;
use crate::state::AppState;
use domain::WorkspaceId;
use domain::plan::{Limit, Limits, Plan};

/// What a workspace holds and uses, for its billing page.
#[derive(Debug, Clone)]
pub struct Standing {
    /// The plan in force (the free one when nothing else is).
    pub plan: Plan,
    pub subscription: Option<store::SubscriptionRow>,
    /// Whether `subscription` is in force now.
    pub in_force: bool,
    pub counts: store::Counts,
    /// Bytes stored, and the most the workspace may store.
    pub stored: i64,
    pub quota: i64,
}

impl Standing {
    /// What is used of `limit`: a count, or megabytes of storage; none for version history.
    pub fn used(&self, limit: Limit) -> Option<u64> {
        match limit {
            Limit::StorageMb => Some(u64::try_from(self.stored).unwrap_or(0) / (1024 * 1024)),
            other => self.counts.of(other),
        }
    }
}

/// The most `workspace` may store, in bytes: the installation's quota, or less when its plan
/// says so.
pub async fn quota(state: &AppState, workspace: WorkspaceId) -> Result<i64, AppError> {
    let limits = state.store.limits_of(workspace).await?;
    Ok(quota_under(state.settings.quota_bytes(), &limits))
}

fn quota_under(installation: i64, limits: &Limits) -> i64 {
    limits
        .storage_mb
        .map(|mb| i64::try_from(mb.saturating_mul(1024 * 1024)).unwrap_or(i64::MAX))
        .map_or(installation, |plan| plan.min(installation))
}

/// `workspace`'s plan, subscription and use of each limit; `None` with billing off.
pub async fn standing(
    state: &AppState,
    workspace: WorkspaceId,
) -> Result<Option<Standing>, AppError> {
    let Some(plan) = state.store.plan_of(workspace).await? else {
        return Ok(None);
    };
    let subscription = state.store.subscription(workspace).await?;
    let now = store::now_ms();
    let counts = state.store.plan_counts(workspace).await?;
    let stored = state.store.usage(workspace).await?.total();
    Ok(Some(Standing {
        quota: quota_under(state.settings.quota_bytes(), &plan.limits),
        in_force: subscription.as_ref().is_some_and(|s| s.in_force(now)),
        plan,
        subscription,
        counts,
        stored,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plans_storage_narrows_the_installations_quota_but_never_widens_it() {
        let mut limits = Limits::unlimited();
        assert_eq!(quota_under(1 << 30, &limits), 1 << 30);
        limits.storage_mb = Some(200);
        assert_eq!(quota_under(1 << 30, &limits), 200 << 20);
        limits.storage_mb = Some(4096);
        assert_eq!(quota_under(1 << 30, &limits), 1 << 30);
    }
}
