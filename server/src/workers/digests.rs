//! Escalation: each working morning, every agency lead gets a digest of their agency's overdue
//! and due-soon cases. (Overdue cases also surface in the coordinating office's own queue view.)
//!
//! A digest is written to the outbox in the same transaction that records it as sent for that
//! agency and day (a primary key on both), so running it again, or on several instances at
//! once, sends each lead one digest a day.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Timelike, Utc};
use civicdesk_domain::store::{Store, StoreResult};
use civicdesk_domain::workflow::due_soon_until;
use tokio::sync::Notify;

use civicdesk_services::calendar::Calendars;
use civicdesk_services::mail::Composer;

/// Digests go out from this local hour on.
pub const DIGEST_HOUR: u32 = 7;
/// How often the worker looks whether today's digests are due.
const EVERY: Duration = Duration::from_secs(15 * 60);

pub use civicdesk_domain::calendar::local_time;

/// Writes the digests due at local time `local` that are not yet written, recorded as written
/// `now`; returns how many this call wrote.
pub async fn send_digests(
    store: &dyn Store,
    calendars: &Calendars,
    composer: &Composer,
    local: NaiveDateTime,
    now: DateTime<Utc>,
) -> StoreResult<usize> {
    let (local_hour, today) = (local.hour(), local.date());
    let calendar = calendars.current();
    if local_hour < DIGEST_HOUR || !calendar.is_working_day(today) {
        return Ok(0);
    }
    let mut written = 0;
    for due in store.due_by_agency(due_soon_until(&calendar, today)).await? {
        if due.leads.is_empty() || due.cases.is_empty() {
            continue;
        }
        let mails = composer.digest(&due, today, &calendar);
        if store.write_digest(&due.agency.code, today, now, &mails).await? {
            written += 1;
        }
    }
    Ok(written)
}

/// The background worker: looks every quarter of an hour, wakes the outbox when it wrote.
pub async fn run_digests(store: Arc<dyn Store>, calendars: Arc<Calendars>, composer: Composer, outbox: Arc<Notify>) {
    loop {
        let now = Utc::now();
        match send_digests(store.as_ref(), &calendars, &composer, local_time(now), now).await {
            Ok(0) => {}
            Ok(written) => {
                tracing::info!(written, "daily digests written");
                outbox.notify_one();
            }
            Err(error) => tracing::error!(%error, "writing the daily digests failed"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
