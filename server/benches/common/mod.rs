//! What every benchmark reports with.

use std::time::Duration;

/// The `p` quantile (0 to 1) of samples sorted in ascending order.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Milliseconds, as the reports print them.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
