//! Escalation: each working morning every agency lead gets a digest of their agency's overdue
//! and due-soon cases and of the overdue cases of the agencies below theirs; every coordinator,
//! of the overdue cases of all agencies. Cases that became very overdue since the previous
//! working day head the digests of those above (`oversight`).
//!
//! A digest is written to the outbox in the same transaction that records it as sent to that
//! official for that day (a primary key on both), so running it again, or on several instances
//! at once, sends each official one digest a day.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Timelike, Utc};
use civicdesk_domain::queue::{AgencyDue, QueueItem};
use civicdesk_domain::store::{Store, StoreResult};
use civicdesk_domain::workflow::{Official, Role, due_soon_until, oversight};
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
    let dues = store.due_by_agency(due_soon_until(&calendar, today)).await?;
    let agencies = store.agency_records().await?;
    let parents: HashMap<String, Option<String>> =
        agencies.iter().map(|a| (a.code.clone(), a.parent.clone())).collect();
    let names: HashMap<&str, &str> = agencies.iter().map(|a| (a.code.as_str(), a.name.as_str())).collect();
    let own: HashMap<&str, &AgencyDue> = dues.iter().map(|d| (d.agency.code.as_str(), d)).collect();
    let below = oversight::overdue_below(&dues, &parents, &calendar, today);

    // (recipient, their agency's name, its own cases, the overdue ones they oversee)
    let mut digests: Vec<(Official, &str, &[QueueItem], Vec<&QueueItem>)> = Vec::new();
    let codes: BTreeSet<&str> = own.keys().copied().chain(below.keys().map(String::as_str)).collect();
    for code in codes {
        let leads = match own.get(code) {
            Some(due) => due.leads.clone(),
            None => store.officials_of(code).await?.into_iter().filter(|o| o.role == Role::Lead).collect(),
        };
        let cases = own.get(code).map_or(&[][..], |d| d.cases.as_slice());
        let under = below.get(code).cloned().unwrap_or_default();
        let name = names.get(code).copied().unwrap_or(code);
        digests.extend(leads.into_iter().map(|lead| (lead, name, cases, under.clone())));
    }
    for coordinator in store.officials_in_role(Role::Coordinator).await? {
        let code = coordinator.agency.as_str();
        let cases = own.get(code).map_or(&[][..], |d| d.cases.as_slice());
        let under = oversight::overdue_elsewhere(&dues, code, &calendar, today);
        let name = names.get(code).copied().unwrap_or_default();
        digests.push((coordinator, name, cases, under));
    }

    let mut written = 0;
    for (to, agency, cases, under) in digests {
        if cases.is_empty() && under.is_empty() {
            continue;
        }
        let mail = composer.digest(&to, agency, cases, &under, today, &calendar);
        if store.write_digest(to.id, today, now, &mail).await? {
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
