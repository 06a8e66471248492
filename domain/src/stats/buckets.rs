//! Where storage keeps the running totals: by day, by month and by year, each contribution added
//! at all three, so that any span of days sums a bounded number of rows (its edge days and whole
//! months) and a state at the end of a day sums its year's earlier months, its month's days, and
//! the years before — never a row per case.

use chrono::{Datelike, Months, NaiveDate};

use super::period::Span;

/// The size of a bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Day,
    Month,
    Year,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Day, Level::Month, Level::Year];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Day => "d",
            Level::Month => "m",
            Level::Year => "y",
        }
    }

    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == word)
    }

    /// The bucket `day` falls in, named so that buckets of a level sort as their days do.
    pub fn bucket(self, day: NaiveDate) -> String {
        match self {
            Level::Day => day.format("%Y-%m-%d").to_string(),
            Level::Month => day.format("%Y-%m").to_string(),
            Level::Year => format!("{:04}", day.year()),
        }
    }
}

/// Buckets of one level from `first` to `last`, both included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Range {
    pub level: Level,
    pub first: String,
    pub last: String,
}

fn range(level: Level, first: NaiveDate, last: NaiveDate) -> Range {
    Range { level, first: level.bucket(first), last: level.bucket(last) }
}

fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("the first of a month")
}

fn month_end(day: NaiveDate) -> NaiveDate {
    (month_start(day) + Months::new(1)).pred_opt().expect("the day before")
}

/// The buckets whose sum is the total over the days of `span`: its first and last months' days
/// where the span holds only part of them, and the whole months between.
pub fn span_ranges(span: Span) -> Vec<Range> {
    let (first, last) = (span.first, span.last);
    if month_start(first) == month_start(last) && !(first.day() == 1 && last == month_end(last)) {
        return vec![range(Level::Day, first, last)];
    }
    let mut out = Vec::new();
    let mut months_from = month_start(first);
    if first.day() != 1 {
        out.push(range(Level::Day, first, month_end(first)));
        months_from = month_start(first) + Months::new(1);
    }
    let mut months_to = month_start(last);
    if last != month_end(last) {
        out.push(range(Level::Day, month_start(last), last));
        months_to = match month_start(last).checked_sub_months(Months::new(1)) {
            Some(m) => m,
            None => return out,
        };
    }
    if months_from <= months_to {
        out.push(range(Level::Month, months_from, months_to));
    }
    out
}

/// The buckets whose sum is the total over every day up to and including `day`.
pub fn through_ranges(day: NaiveDate) -> Vec<Range> {
    let year_start = NaiveDate::from_ymd_opt(day.year(), 1, 1).expect("the first of January");
    let mut out = vec![Range { level: Level::Year, first: "0000".into(), last: format!("{:04}", day.year() - 1) }];
    if day.month() > 1 {
        out.push(range(Level::Month, year_start, month_start(day) - Months::new(1)));
    }
    out.push(range(Level::Day, month_start(day), day));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Every day of the buckets in `ranges`, as a sorted list.
    fn days(ranges: &[Range], from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut day = from;
        while day <= to {
            let hits = ranges
                .iter()
                .filter(|r| {
                    let b = r.level.bucket(day);
                    r.first <= b && b <= r.last
                })
                .count();
            assert!(hits <= 1, "{day} counted {hits} times in {ranges:?}");
            if hits == 1 {
                out.push(day);
            }
            day = day.succ_opt().unwrap();
        }
        out
    }

    #[test]
    fn a_span_is_its_days_each_once() {
        let spans = [
            (d(2025, 12, 15), d(2026, 3, 14)),
            (d(2026, 1, 1), d(2026, 12, 31)),
            (d(2026, 2, 1), d(2026, 2, 28)),
            (d(2026, 2, 3), d(2026, 2, 9)),
            (d(2026, 1, 31), d(2026, 2, 1)),
            (d(2026, 3, 1), d(2026, 3, 14)),
            (d(2026, 3, 15), d(2026, 3, 31)),
        ];
        for (first, last) in spans {
            let span = Span::new(first, last).unwrap();
            let ranges = span_ranges(span);
            let expected: Vec<NaiveDate> = first.iter_days().take_while(|x| *x <= last).collect();
            assert_eq!(days(&ranges, d(2024, 1, 1), d(2027, 12, 31)), expected, "{span:?}: {ranges:?}");
            assert!(ranges.len() <= 3);
        }
    }

    #[test]
    fn a_state_sums_every_day_up_to_it_each_once() {
        for day in [d(2026, 1, 1), d(2026, 3, 14), d(2026, 12, 31), d(2027, 2, 28)] {
            let ranges = through_ranges(day);
            let expected: Vec<NaiveDate> = d(2024, 1, 1).iter_days().take_while(|x| *x <= day).collect();
            assert_eq!(days(&ranges, d(2024, 1, 1), d(2028, 1, 1)), expected, "{day}");
        }
    }
}
