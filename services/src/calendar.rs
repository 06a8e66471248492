//! The working-day calendar in force — statutory days computed, plus the announced days off and
//! make-up working days administrators keep in storage, loaded at start-up and reloaded when an
//! administrator changes them — and the one rule for when something received is due.

use std::sync::{Arc, RwLock};

use chrono::{NaiveDate, NaiveDateTime};
use civicdesk_domain::agency::Agency;
use civicdesk_domain::calendar::{Calendar, Term, default_cutoff};
use civicdesk_domain::store::{Store, StoreError, StoreResult};

pub struct Calendars {
    store: Arc<dyn Store>,
    current: RwLock<Arc<Calendar>>,
}

/// Why a deadline could not be worked out.
#[derive(Debug, thiserror::Error)]
pub enum DeadlineError {
    #[error("no such agency")]
    NoSuchAgency,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The day counting starts from, for something received at `local` (Vietnam's time) by
/// `agency`: the same day before its cut-off (17:00 when it names none), otherwise the next
/// working day.
pub fn counting_from(calendar: &Calendar, local: NaiveDateTime, agency: Option<&Agency>) -> NaiveDate {
    calendar.received_on(local, agency.map_or_else(default_cutoff, Agency::cutoff_time))
}

impl Calendars {
    pub async fn load(store: Arc<dyn Store>) -> StoreResult<Arc<Self>> {
        let calendar = Calendar::new(store.calendar_days().await?);
        Ok(Arc::new(Calendars { store, current: RwLock::new(Arc::new(calendar)) }))
    }

    pub fn current(&self) -> Arc<Calendar> {
        self.current.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Reads the announced days again (after an administrator changed them).
    pub async fn reload(&self) -> StoreResult<()> {
        let calendar = Arc::new(Calendar::new(self.store.calendar_days().await?));
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = calendar;
        Ok(())
    }

    /// The day counting starts from and the due day, for something received at `received`
    /// (Vietnam's time) by the agency with code `agency`, or by none in particular.
    pub async fn deadline(
        &self,
        received: NaiveDateTime,
        term: Term,
        agency: Option<&str>,
    ) -> Result<(NaiveDate, NaiveDate), DeadlineError> {
        let agency = match agency {
            None => None,
            Some(code) => Some(self.store.agency(code).await?.ok_or(DeadlineError::NoSuchAgency)?),
        };
        let calendar = self.current();
        let from = counting_from(&calendar, received, agency.as_ref());
        Ok((from, calendar.due(from, term)))
    }
}
