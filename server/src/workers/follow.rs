//! The notifier of following: every minute, the followers of each procedure revised since the
//! last look are written to (`civicdesk_services::follow`), once, whatever number of instances
//! look.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use civicdesk_services::Services;

const EVERY: Duration = Duration::from_secs(60);

pub async fn run_follow(services: Arc<Services>) {
    loop {
        match services.follows.notify_changes(Utc::now()).await {
            Ok(0) => {}
            Ok(written) => tracing::info!(written, "followers told of procedure changes"),
            Err(error) => tracing::error!(%error, "telling followers of procedure changes failed"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
