//! Retention: every hour, the personal data of finished cases whose period has ended is erased
//! (`civicdesk_domain::retention`), a hundred cases to a transaction, and the unpublished files
//! they had are deleted from `uploads/`. A case erased is marked so, in the same transaction, so
//! running it again, or on several instances at once, erases each case once.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use civicdesk_domain::store::{Store, StoreResult};

/// How often the worker looks for cases due.
const EVERY: Duration = Duration::from_secs(60 * 60);
/// Cases erased in one transaction.
const BATCH: u32 = 100;

/// Erases what is due at `now`; returns how many cases were erased.
pub async fn erase_due(store: &dyn Store, uploads: &Path, now: DateTime<Utc>) -> StoreResult<usize> {
    let before = store.retention_policy().await?.erase_before(now);
    let mut erased = 0;
    loop {
        let (cases, files) = store.erase_personal(before, now, BATCH).await?;
        for key in files {
            // Already gone (an earlier run stopped after its commit): nothing to do.
            if let Err(error) = tokio::fs::remove_file(uploads.join(&key)).await
                && error.kind() != std::io::ErrorKind::NotFound
            {
                tracing::error!(%error, key, "deleting an erased case's file failed");
            }
        }
        erased += cases;
        if cases < BATCH as usize {
            return Ok(erased);
        }
    }
}

/// The background worker.
pub async fn run_retention(store: Arc<dyn Store>, uploads: PathBuf) {
    loop {
        match erase_due(store.as_ref(), &uploads, Utc::now()).await {
            Ok(0) => {}
            Ok(erased) => tracing::info!(erased, "personal data of finished cases erased"),
            Err(error) => tracing::error!(%error, "erasing personal data failed"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
