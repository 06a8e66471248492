//! Reporting periods: a month, quarter, half-year or year, counted either by the data cut-off of
//! the state reporting regime (Decree 09/2019/NĐ-CP Art. 12: from the 15th of the month before
//! the period to the 14th of its last month) or by the calendar. DOMAIN.md §5.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How a period's days are counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Basis {
    /// Decree 09/2019 Art. 12: the 15th of the month before the period to the 14th of its last
    /// month (a year: 15 December of the year before to 14 December). The default.
    #[default]
    Decree09,
    /// Calendar months, quarters, halves and years.
    Calendar,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Decree09 => "nghi-dinh-09",
            Basis::Calendar => "lich",
        }
    }

    pub fn parse(word: &str) -> Option<Self> {
        [Basis::Decree09, Basis::Calendar].into_iter().find(|b| b.as_str() == word)
    }
}

/// The length of a reporting period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PeriodKind {
    Month,
    Quarter,
    HalfYear,
    Year,
}

impl PeriodKind {
    /// The kinds a periodic report is made for (DOMAIN.md §5): not a month.
    pub const REPORTED: [PeriodKind; 3] = [PeriodKind::Quarter, PeriodKind::HalfYear, PeriodKind::Year];

    pub const ALL: [PeriodKind; 4] = [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::HalfYear, PeriodKind::Year];

    /// How many months it spans.
    pub fn months(self) -> u32 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::HalfYear => 6,
            PeriodKind::Year => 12,
        }
    }

    /// How many there are in a year.
    pub fn per_year(self) -> u32 {
        12 / self.months()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Month => "thang",
            PeriodKind::Quarter => "quy",
            PeriodKind::HalfYear => "6-thang",
            PeriodKind::Year => "nam",
        }
    }

    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == word)
    }
}

/// A run of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Span {
    /// The days from `first` to `last`, or `None` when `last` comes before `first`.
    pub fn new(first: NaiveDate, last: NaiveDate) -> Option<Self> {
        (first <= last).then_some(Span { first, last })
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last
    }

    pub fn days(self) -> i64 {
        (self.last - self.first).num_days() + 1
    }
}

/// A named reporting period: the `number`th (from 1) of its kind in `year`, on a basis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub kind: PeriodKind,
    pub basis: Basis,
    pub year: i32,
    pub number: u32,
}

impl Period {
    /// The period, if `number` is one of its kind in a year.
    pub fn new(kind: PeriodKind, basis: Basis, year: i32, number: u32) -> Option<Self> {
        (1..=kind.per_year()).contains(&number).then_some(Period { kind, basis, year, number })
    }

    /// The period of `kind` that `day` falls in.
    pub fn containing(kind: PeriodKind, basis: Basis, day: NaiveDate) -> Self {
        // On the Decree's basis, the days from the 15th on belong to the next month's period.
        let month_start = NaiveDate::from_ymd_opt(day.year(), day.month(), 1).expect("the first of a month");
        let reported = match basis {
            Basis::Decree09 if day.day() >= 15 => month_start + Months::new(1),
            _ => month_start,
        };
        let number = (reported.month0() / kind.months()) + 1;
        Period { kind, basis, year: reported.year(), number }
    }

    /// Its days.
    pub fn span(self) -> Span {
        let first_month = NaiveDate::from_ymd_opt(self.year, (self.number - 1) * self.kind.months() + 1, 1)
            .expect("a period's first month");
        let after = first_month + Months::new(self.kind.months());
        let (first, last) = match self.basis {
            Basis::Calendar => (first_month, after.pred_opt().expect("a day before")),
            Basis::Decree09 => (
                (first_month - Months::new(1)).with_day(15).expect("the 15th"),
                (after - Months::new(1)).with_day(14).expect("the 14th"),
            ),
        };
        Span { first, last }
    }

    /// The one before it.
    pub fn previous(self) -> Self {
        match self.number {
            1 => Period { year: self.year - 1, number: self.kind.per_year(), ..self },
            n => Period { number: n - 1, ..self },
        }
    }

    /// The period's name in the address (`2026-q1`, `2026-h2`, `2026-m03`, `2026`).
    pub fn key(self) -> String {
        match self.kind {
            PeriodKind::Month => format!("{}-m{:02}", self.year, self.number),
            PeriodKind::Quarter => format!("{}-q{}", self.year, self.number),
            PeriodKind::HalfYear => format!("{}-h{}", self.year, self.number),
            PeriodKind::Year => self.year.to_string(),
        }
    }

    /// Reads [`Period::key`] back.
    pub fn from_key(key: &str, basis: Basis) -> Option<Self> {
        let (year, rest) = match key.split_once('-') {
            Some((year, rest)) => (year, Some(rest)),
            None => (key, None),
        };
        let year: i32 = year.parse().ok().filter(|y| (2000..=2100).contains(y))?;
        let (kind, number) = match rest {
            None => (PeriodKind::Year, 1),
            Some(rest) => {
                let (letter, number) = rest.split_at_checked(1)?;
                let kind = match letter {
                    "m" => PeriodKind::Month,
                    "q" => PeriodKind::Quarter,
                    "h" => PeriodKind::HalfYear,
                    _ => return None,
                };
                (kind, number.parse().ok()?)
            }
        };
        Period::new(kind, basis, year, number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_decree_counts_from_the_15th_of_the_month_before_to_the_14th() {
        let q1 = Period::new(PeriodKind::Quarter, Basis::Decree09, 2026, 1).unwrap();
        assert_eq!(q1.span(), Span { first: d(2025, 12, 15), last: d(2026, 3, 14) });
        let h1 = Period::new(PeriodKind::HalfYear, Basis::Decree09, 2026, 1).unwrap();
        assert_eq!(h1.span(), Span { first: d(2025, 12, 15), last: d(2026, 6, 14) });
        let year = Period::new(PeriodKind::Year, Basis::Decree09, 2026, 1).unwrap();
        assert_eq!(year.span(), Span { first: d(2025, 12, 15), last: d(2026, 12, 14) });
        let march = Period::new(PeriodKind::Month, Basis::Decree09, 2026, 3).unwrap();
        assert_eq!(march.span(), Span { first: d(2026, 2, 15), last: d(2026, 3, 14) });
    }

    #[test]
    fn calendar_periods_are_whole_months() {
        let q1 = Period::new(PeriodKind::Quarter, Basis::Calendar, 2024, 1).unwrap();
        assert_eq!(q1.span(), Span { first: d(2024, 1, 1), last: d(2024, 3, 31) });
        let feb = Period::new(PeriodKind::Month, Basis::Calendar, 2024, 2).unwrap();
        assert_eq!(feb.span().days(), 29, "a leap year");
        let h2 = Period::new(PeriodKind::HalfYear, Basis::Calendar, 2026, 2).unwrap();
        assert_eq!(h2.span(), Span { first: d(2026, 7, 1), last: d(2026, 12, 31) });
    }

    #[test]
    fn the_14th_and_the_15th_fall_in_different_periods() {
        let q = |day| Period::containing(PeriodKind::Quarter, Basis::Decree09, day);
        assert_eq!(q(d(2026, 3, 14)).key(), "2026-q1");
        assert_eq!(q(d(2026, 3, 15)).key(), "2026-q2");
        assert_eq!(q(d(2025, 12, 15)).key(), "2026-q1", "the year's first quarter starts in December");
        assert_eq!(q(d(2025, 12, 14)).key(), "2025-q4");
        let calendar = Period::containing(PeriodKind::Quarter, Basis::Calendar, d(2025, 12, 15));
        assert_eq!(calendar.key(), "2025-q4");
        // Every day lies in the span of the period said to contain it, on both bases.
        let mut day = d(2024, 11, 1);
        while day < d(2027, 2, 1) {
            for kind in PeriodKind::ALL {
                for basis in [Basis::Decree09, Basis::Calendar] {
                    let p = Period::containing(kind, basis, day);
                    assert!(p.span().contains(day), "{day} in {p:?}");
                    assert_eq!(p.previous().span().last.succ_opt(), Some(p.span().first), "{p:?} follows on");
                }
            }
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn keys_read_back() {
        for kind in PeriodKind::ALL {
            for number in 1..=kind.per_year() {
                let p = Period::new(kind, Basis::Calendar, 2026, number).unwrap();
                assert_eq!(Period::from_key(&p.key(), Basis::Calendar), Some(p));
            }
        }
        assert_eq!(Period::from_key("2026-q5", Basis::Calendar), None);
        assert_eq!(Period::from_key("2026-x1", Basis::Calendar), None);
        assert_eq!(Period::from_key("<script>", Basis::Calendar), None);
        assert_eq!(Period::from_key("2026-m", Basis::Calendar), None);
    }
}
