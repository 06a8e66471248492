//! Working days and legal periods (DOMAIN.md §3): weekends, the statutory holidays of the Labour
//! Code 2019 Art. 112 — the lunar ones computed, never tabled — days off in lieu of holidays that
//! fall on a weekend, and each year's announced days off and make-up working days, which
//! administrators enter as data.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::lunar;

/// What makes a day special.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A holiday of the Labour Code.
    Statutory,
    /// A working day off because a statutory holiday fell on a weekend.
    Compensatory,
    /// A day off the government announced for the year (e.g. a bridge day).
    AnnouncedDayOff,
    /// A Saturday or Sunday worked to make up for an announced day off.
    MakeUpWorkingDay,
}

/// Which holiday a day is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "holiday", content = "note", rename_all = "snake_case")]
pub enum HolidayName {
    NewYear,
    /// Tết Nguyên Đán, with the day of the lunar year (0 for New Year's Eve).
    LunarNewYear(u8),
    HungKings,
    Reunification,
    Labour,
    National,
    /// A day in lieu of the statutory day given.
    InLieuOf(NaiveDate),
    /// An announced change, with the administrator's note.
    Announced(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: HolidayName,
    pub kind: DayKind,
}

/// One announced change to a year's calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayOverride {
    pub date: NaiveDate,
    /// [`DayKind::AnnouncedDayOff`] or [`DayKind::MakeUpWorkingDay`].
    pub kind: DayKind,
    pub note: String,
}

/// A period as the law states it: an amount and its unit, always both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Term {
    pub amount: u32,
    pub unit: TermUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TermUnit {
    /// "Ngày": calendar days; a last day that is not a working day moves to the next one.
    Days,
    /// "Ngày làm việc".
    WorkingDays,
}

/// The working-day calendar. Statutory days are computed per year on first use and kept.
pub struct Calendar {
    overrides: BTreeMap<NaiveDate, DayOverride>,
    years: Mutex<HashMap<i32, Arc<Vec<Holiday>>>>,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::new(Vec::new())
    }
}

/// Local time of the Vietnamese administration.
const UTC_OFFSET_HOURS: i32 = 7;

/// Vietnam's local date and time at a moment (UTC+7, no daylight saving): the one place the
/// offset is applied.
pub fn local_time(at: chrono::DateTime<chrono::Utc>) -> NaiveDateTime {
    (at + Duration::hours(i64::from(UTC_OFFSET_HOURS))).naive_utc()
}

/// A moment as Vietnam's clocks show it, with the offset named (for feeds and documents that
/// carry one).
pub fn in_vietnam(at: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::FixedOffset> {
    let offset = chrono::FixedOffset::east_opt(UTC_OFFSET_HOURS * 3600).expect("UTC+7 is a valid offset");
    at.with_timezone(&offset)
}

/// The day in Vietnam at a moment.
pub fn local_day(at: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    local_time(at).date()
}

/// The moment of a local date and time in Vietnam.
pub fn from_local(local: NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    (local - Duration::hours(i64::from(UTC_OFFSET_HOURS))).and_utc()
}

/// The instant a local day starts (midnight in Vietnam).
pub fn day_start(day: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    from_local(day.and_time(NaiveTime::MIN))
}

/// The default time after which a submission counts as received the next working day.
pub fn default_cutoff() -> NaiveTime {
    NaiveTime::from_hms_opt(17, 0, 0).expect("a valid time")
}

impl Calendar {
    pub fn new(overrides: Vec<DayOverride>) -> Self {
        Calendar { overrides: overrides.into_iter().map(|o| (o.date, o)).collect(), years: Mutex::new(HashMap::new()) }
    }

    /// The statutory holidays of `year` and the days in lieu they give.
    fn statutory(year: i32) -> Vec<Holiday> {
        let date = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("a valid date");
        let holiday = |date, name| Holiday { date, name, kind: DayKind::Statutory };
        let mut days = vec![holiday(date(1, 1), HolidayName::NewYear)];
        // Tết: five days, the eve and the first four days of the lunar year (the usual plan).
        let tet = lunar::lunar_new_year(year);
        for (i, day) in (-1..=3).enumerate() {
            days.push(holiday(tet + Duration::days(day), HolidayName::LunarNewYear(i as u8)));
        }
        days.push(holiday(lunar::solar_date(year, 3, 10), HolidayName::HungKings));
        days.push(holiday(date(4, 30), HolidayName::Reunification));
        days.push(holiday(date(5, 1), HolidayName::Labour));
        // 2 September and an adjacent day: the one that joins the holiday to a weekend.
        let national = date(9, 2);
        let adjacent = if national.weekday() == Weekday::Tue { date(9, 1) } else { date(9, 3) };
        days.push(holiday(national.min(adjacent), HolidayName::National));
        days.push(holiday(national.max(adjacent), HolidayName::National));
        days.sort_by_key(|h| h.date);

        // A holiday on a weekend gives the next working day off.
        let mut taken: Vec<NaiveDate> = days.iter().map(|h| h.date).collect();
        let mut in_lieu = Vec::new();
        for h in days.iter().filter(|h| is_weekend(h.date)) {
            let mut day = h.date + Duration::days(1);
            while is_weekend(day) || taken.contains(&day) {
                day += Duration::days(1);
            }
            taken.push(day);
            in_lieu.push(Holiday { date: day, name: HolidayName::InLieuOf(h.date), kind: DayKind::Compensatory });
        }
        days.extend(in_lieu);
        days
    }

    /// Every special day of `year` in date order: statutory, in lieu, and the announced changes.
    pub fn holidays(&self, year: i32) -> Arc<Vec<Holiday>> {
        let mut years = self.years.lock().unwrap_or_else(|p| p.into_inner());
        years
            .entry(year)
            .or_insert_with(|| {
                let mut days: Vec<Holiday> =
                    Self::statutory(year).into_iter().filter(|h| !self.overrides.contains_key(&h.date)).collect();
                let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("a valid year");
                let end = NaiveDate::from_ymd_opt(year, 12, 31).expect("a valid year");
                days.extend(self.overrides.range(start..=end).map(|(date, o)| Holiday {
                    date: *date,
                    name: HolidayName::Announced(o.note.clone()),
                    kind: o.kind,
                }));
                days.sort_by_key(|h| h.date);
                Arc::new(days)
            })
            .clone()
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.holidays(date.year()).iter().find(|h| h.date == date) {
            Some(h) => h.kind == DayKind::MakeUpWorkingDay,
            None => !is_weekend(date),
        }
    }

    /// The first working day on or after `date`.
    pub fn working_day_from(&self, mut date: NaiveDate) -> NaiveDate {
        while !self.is_working_day(date) {
            date += Duration::days(1);
        }
        date
    }

    /// The day a submission made at `local` (time at UTC+7) counts as received: that day if it
    /// is a working day and before the cut-off, otherwise the next working day.
    pub fn received_on(&self, local: NaiveDateTime, cutoff: NaiveTime) -> NaiveDate {
        let day = local.date();
        if self.is_working_day(day) && local.time() < cutoff {
            day
        } else {
            self.working_day_from(day + Duration::days(1))
        }
    }

    /// The last day of a period of `term` counted from the day after `from`.
    pub fn due(&self, from: NaiveDate, term: Term) -> NaiveDate {
        match term.unit {
            TermUnit::Days => self.working_day_from(from + Duration::days(i64::from(term.amount))),
            TermUnit::WorkingDays => {
                let mut day = from;
                for _ in 0..term.amount {
                    day = self.working_day_from(day + Duration::days(1));
                }
                day
            }
        }
    }

    /// Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (start, end, sign) = if to >= from { (from, to, 1) } else { (to, from, -1) };
        let mut count = 0;
        let mut day = start + Duration::days(1);
        while day <= end {
            if self.is_working_day(day) {
                count += 1;
            }
            day += Duration::days(1);
        }
        sign * count
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn days_of(calendar: &Calendar, year: i32, kind: DayKind) -> Vec<NaiveDate> {
        calendar.holidays(year).iter().filter(|h| h.kind == kind).map(|h| h.date).collect()
    }

    #[test]
    fn the_statutory_days_of_2030() {
        let calendar = Calendar::default();
        let statutory = days_of(&calendar, 2030, DayKind::Statutory);
        // Tết 2030 is on 2 February (not 3, as at UTC+8): eve 1 Feb, then 2–5 Feb.
        for day in [
            "2030-01-01",
            "2030-02-01",
            "2030-02-02",
            "2030-02-05",
            "2030-04-12",
            "2030-04-30",
            "2030-05-01",
            "2030-09-02",
        ] {
            assert!(statutory.contains(&d(day)), "{day}");
        }
        assert_eq!(statutory.len(), 11, "the Labour Code's 11 days");
        assert!(!statutory.contains(&d("2030-02-06")));
    }

    #[test]
    fn a_holiday_on_a_weekend_gives_the_next_working_day_off() {
        let calendar = Calendar::default();
        // 2 Feb 2030 is a Saturday, 3 Feb a Sunday: Tết runs 1–5 Feb, so 6 and 7 Feb are in lieu.
        assert_eq!(days_of(&calendar, 2030, DayKind::Compensatory)[..2], [d("2030-02-06"), d("2030-02-07")]);
        assert!(!calendar.is_working_day(d("2030-02-07")));
        assert!(calendar.is_working_day(d("2030-02-08")));
    }

    #[test]
    fn periods_count_from_the_next_day_and_end_on_a_working_day() {
        let calendar = Calendar::default();
        let days = |n| Term { amount: n, unit: TermUnit::Days };
        let working = |n| Term { amount: n, unit: TermUnit::WorkingDays };
        // Monday 16 Nov 2026 + 5 working days = Monday 23 Nov.
        assert_eq!(calendar.due(d("2026-11-16"), working(5)), d("2026-11-23"));
        // 20 days from Wednesday 11 Nov end on Tuesday 1 Dec; from Thursday 12 Nov on Wednesday 2 Dec.
        assert_eq!(calendar.due(d("2026-11-11"), days(20)), d("2026-12-01"));
        // 20 days from Friday 6 Nov would end on Thursday 26 Nov; 15 days from 6 Nov end on
        // Saturday 21 Nov, which rolls to Monday 23 Nov.
        assert_eq!(calendar.due(d("2026-11-06"), days(15)), d("2026-11-23"));
    }

    #[test]
    fn deadlines_span_tet() {
        let calendar = Calendar::default();
        // Tết 2026: 17 Feb. The eve (16 Feb) to 20 Feb are statutory; Friday 13 Feb + 5 working
        // days skips the weekend and the whole holiday: 23, 24, 25, 26, 27 Feb.
        let due = calendar.due(d("2026-02-13"), Term { amount: 5, unit: TermUnit::WorkingDays });
        assert_eq!(due, d("2026-02-27"));
        // Twenty calendar days from 1 Feb 2030 end on 21 Feb; from 13 Jan 2030 on 2 Feb (Tết) →
        // the next working day is 8 Feb.
        assert_eq!(calendar.due(d("2030-01-13"), Term { amount: 20, unit: TermUnit::Days }), d("2030-02-08"));
    }

    #[test]
    fn announced_days_off_and_make_up_saturdays_are_data() {
        let calendar = Calendar::new(vec![
            DayOverride { date: d("2026-02-13"), kind: DayKind::AnnouncedDayOff, note: "Nghỉ bù Tết".into() },
            DayOverride { date: d("2026-02-28"), kind: DayKind::MakeUpWorkingDay, note: "Làm bù".into() },
        ]);
        assert!(!calendar.is_working_day(d("2026-02-13")));
        assert!(calendar.is_working_day(d("2026-02-28")), "a make-up Saturday is a working day");
        // From Thursday 12 Feb: 23, 24, 25, 26, 27 Feb → then the make-up Saturday counts.
        assert_eq!(calendar.due(d("2026-02-12"), Term { amount: 6, unit: TermUnit::WorkingDays }), d("2026-02-28"));
    }

    #[test]
    fn receipt_after_the_cut_off_or_on_a_day_off_counts_from_the_next_working_day() {
        let calendar = Calendar::default();
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(calendar.received_on(at("2026-11-20 16:59"), default_cutoff()), d("2026-11-20"));
        assert_eq!(calendar.received_on(at("2026-11-20 17:00"), default_cutoff()), d("2026-11-23"));
        assert_eq!(calendar.received_on(at("2026-11-21 09:00"), default_cutoff()), d("2026-11-23"));
        assert_eq!(calendar.received_on(at("2026-04-30 08:00"), default_cutoff()), d("2026-05-04"));
    }

    #[test]
    fn properties_over_many_years() {
        let calendar = Calendar::default();
        let mut from = d("2024-01-01");
        while from < d("2031-12-31") {
            for unit in [TermUnit::Days, TermUnit::WorkingDays] {
                let mut previous = from;
                for amount in [1, 2, 5, 7, 20] {
                    let due = calendar.due(from, Term { amount, unit });
                    assert!(calendar.is_working_day(due), "{from} + {amount} {unit:?} = {due}");
                    assert!(due > from && due >= previous, "monotonic: {from} + {amount} {unit:?}");
                    previous = due;
                }
            }
            assert_eq!(
                calendar
                    .working_days_between(from, calendar.due(from, Term { amount: 5, unit: TermUnit::WorkingDays })),
                5
            );
            from += Duration::days(3);
        }
    }
}
