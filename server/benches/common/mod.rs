//! What every benchmark reports with, and the large history two of them share.

use std::time::{Duration, Instant};

use civicdesk_domain::store::Store;
use civicdesk_server::{demo, generate_cases};

/// The `p` quantile (0 to 1) of samples sorted in ascending order.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Milliseconds, as the reports print them.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Fills the database at `url` the first time with the demo data and `target` synthetic cases
/// across 50 agencies; afterwards it is reused as it is.
#[allow(dead_code)]
pub async fn ensure_cases(store: &dyn Store, url: &str, target: u32) -> anyhow::Result<()> {
    demo::load_if_empty(store).await?;
    // Ids run from 1 in a database made here: the last one tells whether it is complete.
    if store.case_code(i64::from(target)).await?.is_none() {
        anyhow::ensure!(
            store.case_code(1).await?.is_none(),
            "{url} holds an incomplete or different set of cases: delete it to regenerate"
        );
        let started = Instant::now();
        generate_cases::fill(store, target, 50, 42).await?;
        println!("{}: generated {target} cases in {:.0} s", store.engine(), started.elapsed().as_secs_f64());
    }
    Ok(())
}
