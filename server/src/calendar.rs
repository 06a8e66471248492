//! The working-day calendar in force: statutory days computed, plus the announced days off and
//! make-up working days administrators keep in storage. Loaded at start-up and reloaded when an
//! administrator changes it.

use std::sync::{Arc, RwLock};

use civicdesk_domain::calendar::Calendar;
use civicdesk_domain::store::{Store, StoreResult};

pub struct Calendars {
    store: Arc<dyn Store>,
    current: RwLock<Arc<Calendar>>,
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
}
