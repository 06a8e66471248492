//! The notifier of following: every minute (by default), the followers of each procedure revised,
//! of each agency or field with an answer published and of each case with a public step since the
//! last look are written to, and from 7:00 the daily
//! (and on Mondays the weekly) digests (`civicdesk_services::follow`) — each once, whatever number
//! of instances look.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use civicdesk_services::Services;

pub async fn run_follow(services: Arc<Services>, every: Duration) {
    loop {
        tokio::time::sleep(every).await;
        let now = Utc::now();
        let follows = &services.follows;
        for (what, done) in [
            ("procedure changes", follows.notify_changes(now).await),
            ("published answers", follows.notify_answers(now).await),
            ("case steps", follows.notify_case_updates(now).await),
            ("digests", follows.send_digests(civicdesk_domain::calendar::local_time(now), now).await),
        ] {
            match done {
                Ok(0) => {}
                Ok(written) => tracing::info!(written, what, "followers told"),
                Err(error) => tracing::error!(%error, what, "telling followers failed"),
            }
        }
    }
}
