//! E-mail waiting to be sent, and the daily digests written into it.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use crate::cases::{OutgoingMail, QueuedMail};
use crate::store::error::StoreResult;

#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Takes the oldest messages due at `now`, at most `limit`, and holds them until `hold_until`.
    async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        hold_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<QueuedMail>>;

    /// Records an attempt: sent, or failed with `retry_at` (`None`: give up).
    async fn record_mail_attempt(
        &self,
        id: i64,
        at: DateTime<Utc>,
        error: Option<&str>,
        retry_at: Option<DateTime<Utc>>,
    ) -> StoreResult<()>;

    /// Messages not yet sent nor given up.
    async fn mail_pending(&self) -> StoreResult<u64>;

    /// When the oldest of those was written, if there is one.
    async fn oldest_pending_mail(&self) -> StoreResult<Option<DateTime<Utc>>>;

    /// Writes an official's digest for `day` to the outbox unless one was written already (by
    /// this or another instance); `true` if this call wrote it.
    async fn write_digest(
        &self,
        official: i64,
        day: NaiveDate,
        at: DateTime<Utc>,
        mail: &OutgoingMail,
    ) -> StoreResult<bool>;
}
