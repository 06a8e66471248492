//! Rates with the number of cases behind them: the 95 % Wilson score interval (DOMAIN.md §5), the
//! bands of Decision 766/QĐ-TTg (DOMAIN.md §1.7), and the ranking that only a sample large enough
//! may enter, ordered by the interval's lower bound so that a handful of cases never tops it.

use serde::{Deserialize, Serialize};

/// z for a two-sided 95 % interval.
const Z: f64 = 1.96;

/// The fewest cases a rate may rest on to be shown as a figure and ranked, unless configured.
pub const DEFAULT_MIN_SAMPLE: u64 = 10;

/// `hits` out of `total`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    pub hits: u64,
    pub total: u64,
}

/// A 95 % interval for a share, both ends between 0 and 1.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Rate {
    pub fn new(hits: u64, total: u64) -> Self {
        debug_assert!(hits <= total);
        Rate { hits, total }
    }

    /// The share, or `None` of no cases.
    pub fn share(self) -> Option<f64> {
        (self.total > 0).then(|| self.hits as f64 / self.total as f64)
    }

    /// The share as a percentage.
    pub fn percent(self) -> Option<f64> {
        self.share().map(|s| s * 100.0)
    }

    /// The Wilson score interval at 95 %: centre (p + z²/2n)/(1 + z²/n), half-width
    /// z·√(p(1−p)/n + z²/4n²)/(1 + z²/n).
    pub fn wilson(self) -> Option<Interval> {
        let p = self.share()?;
        let n = self.total as f64;
        let z2 = Z * Z;
        let denominator = 1.0 + z2 / n;
        let centre = (p + z2 / (2.0 * n)) / denominator;
        let half = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
        Some(Interval { low: (centre - half).max(0.0), high: (centre + half).min(1.0) })
    }

    /// Both rates' cases together (two agencies' into their group's).
    pub fn add(&mut self, other: Rate) {
        self.hits += other.hits;
        self.total += other.total;
    }

    /// Whether there are enough cases to show the rate as a figure and rank by it.
    pub fn enough(self, min_sample: u64) -> bool {
        self.total >= min_sample.max(1)
    }

    /// Where the rate stands among the bands of Decision 766, if there are enough cases.
    pub fn band(self, min_sample: u64) -> Option<Band> {
        self.percent().filter(|_| self.enough(min_sample)).map(Band::of)
    }
}

/// The bands of Decision 766/QĐ-TTg: 90–100 excellent, below 50 weak. The sources name no band
/// in between, so neither does civicdesk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Band {
    Excellent,
    Between,
    Weak,
}

impl Band {
    pub fn of(percent: f64) -> Self {
        if percent >= 90.0 {
            Band::Excellent
        } else if percent < 50.0 {
            Band::Weak
        } else {
            Band::Between
        }
    }
}

/// Orders `items` best first by the lower bound of their rate's interval, leaving out (and
/// returning apart, in their order) those with fewer than `min_sample` cases. Ties go to the
/// larger sample, then keep their order.
pub fn rank<T>(items: Vec<T>, rate: impl Fn(&T) -> Rate, min_sample: u64) -> (Vec<T>, Vec<T>) {
    let (mut ranked, unranked): (Vec<T>, Vec<T>) = items.into_iter().partition(|t| rate(t).enough(min_sample));
    ranked.sort_by(|a, b| {
        let (ra, rb) = (rate(a), rate(b));
        let low = |r: Rate| r.wilson().map_or(0.0, |i| i.low);
        low(rb).total_cmp(&low(ra)).then(rb.total.cmp(&ra.total))
    });
    (ranked, unranked)
}

/// The median and 90th percentile of `values` (nearest rank), or `None` of none.
pub fn median_and_p90(values: &mut [i64]) -> Option<(i64, i64)> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let at = |q: f64| {
        let rank = (q * values.len() as f64).ceil() as usize;
        values[rank.clamp(1, values.len()) - 1]
    };
    Some((at(0.5), at(0.9)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-4
    }

    #[test]
    fn wilson_intervals_match_the_published_formula() {
        // 8 of 10: the textbook interval is 0.490 – 0.943.
        let i = Rate::new(8, 10).wilson().unwrap();
        assert!(close(i.low, 0.4902) && close(i.high, 0.9433), "{i:?}");
        // All of one case is not certainty.
        let one = Rate::new(1, 1).wilson().unwrap();
        assert!(close(one.low, 0.2065) && one.high == 1.0, "{one:?}");
        let none = Rate::new(0, 50).wilson().unwrap();
        assert!(none.low == 0.0 && close(none.high, 0.0714), "{none:?}");
        assert_eq!(Rate::new(0, 0).wilson(), None);
    }

    #[test]
    fn a_small_sample_never_tops_the_ranking() {
        let agencies = vec![("one case", Rate::new(1, 1)), ("many", Rate::new(92, 100)), ("few", Rate::new(9, 9))];
        let (ranked, unranked) = rank(agencies, |a| a.1, 10);
        assert_eq!(ranked.iter().map(|a| a.0).collect::<Vec<_>>(), ["many"]);
        assert_eq!(unranked.iter().map(|a| a.0).collect::<Vec<_>>(), ["one case", "few"]);
        let (ranked, _) =
            rank(vec![("a", Rate::new(10, 10)), ("b", Rate::new(95, 100)), ("c", Rate::new(50, 100))], |a| a.1, 1);
        assert_eq!(ranked.iter().map(|a| a.0).collect::<Vec<_>>(), ["b", "a", "c"], "10/10 is less sure than 95/100");
    }

    #[test]
    fn bands_need_enough_cases() {
        assert_eq!(Rate::new(90, 100).band(10), Some(Band::Excellent));
        assert_eq!(Rate::new(89, 100).band(10), Some(Band::Between));
        assert_eq!(Rate::new(49, 100).band(10), Some(Band::Weak));
        assert_eq!(Rate::new(5, 5).band(10), None);
    }

    #[test]
    fn median_and_90th_percentile_by_nearest_rank() {
        assert_eq!(median_and_p90(&mut [5, 1, 3, 2, 4, 6, 7, 8, 9, 10]), Some((5, 9)));
        assert_eq!(median_and_p90(&mut [4]), Some((4, 4)));
        assert_eq!(median_and_p90(&mut []), None);
    }
}
