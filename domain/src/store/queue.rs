//! Officials' work on cases: the queue's views and a case's change of handling.

use async_trait::async_trait;
use chrono::NaiveDate;

use crate::queue::{AgencyDue, HandlingChange, QueueFilter, QueuePage};
use crate::store::error::StoreResult;

#[async_trait]
pub trait QueueStore: Send + Sync {
    /// Writes a change if the case is still at `before.version`; `false` if someone else
    /// changed it first (nothing is written then).
    async fn change_handling(&self, change: &HandlingChange<'_>) -> StoreResult<bool>;

    async fn queue(&self, filter: &QueueFilter) -> StoreResult<QueuePage>;

    /// Each agency with open cases whose date falls on or before `soon_until`, with its leads.
    async fn due_by_agency(&self, soon_until: NaiveDate) -> StoreResult<Vec<AgencyDue>>;
}
