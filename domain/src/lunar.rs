//! The Vietnamese lunar calendar, computed from the positions of the Sun and the Moon at UTC+7
//! (DOMAIN.md §3.3), for the lunar holidays: Tết Nguyên Đán and Giỗ Tổ Hùng Vương.
//!
//! Rules: a month begins on the local day of a new moon; month 11 is the one holding the winter
//! solstice; when thirteen months lie between two months 11, the first of them without a major
//! solar term (the Sun entering a multiple of 30° of longitude) is the leap month. The new-moon
//! times follow the series in Meeus, *Astronomical Algorithms*, ch. 49 (main periodic terms), and
//! the Sun's apparent longitude his ch. 25 (low-accuracy form) — minutes of error, which matter
//! only when a new moon falls within minutes of local midnight.

use chrono::{Datelike, NaiveDate};

/// Hours east of UTC at which the Vietnamese calendar is reckoned.
const TIME_ZONE: f64 = 7.0;
const SYNODIC_MONTH: f64 = 29.530588861;

/// Julian day number (integer, a civil day) of a date.
fn jdn(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + 1_721_425
}

fn date_of(jdn: i64) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jdn - 1_721_425).expect("a date in range"))
        .expect("a date in range")
}

/// ΔT (terrestrial minus universal time) in days, from the usual polynomial fits.
fn delta_t(year: f64) -> f64 {
    let seconds = if year < 1961.0 {
        30.0
    } else if year < 1986.0 {
        let t = year - 1975.0;
        45.45 + 1.067 * t - t * t / 260.0 - t.powi(3) / 718.0
    } else if year < 2005.0 {
        let t = year - 2000.0;
        63.86 + 0.3345 * t - 0.060374 * t * t
            + 0.0017275 * t.powi(3)
            + 0.000651814 * t.powi(4)
            + 0.00002373599 * t.powi(5)
    } else if year < 2050.0 {
        let t = year - 2000.0;
        62.92 + 0.32217 * t + 0.005589 * t * t
    } else {
        let u = (year - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - year)
    };
    seconds / 86_400.0
}

/// Julian ephemeris day of the `k`-th new moon after the one of 6 January 2000, in universal time.
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    let jde = 2451550.09766 + SYNODIC_MONTH * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
    let rad = |deg: f64| (deg % 360.0).to_radians();
    let e = 1.0 - 0.002516 * t - 0.0000074 * t2;
    let m = rad(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
    let mp = rad(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
    let f = rad(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
    let omega = rad(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
    let correction = -0.40720 * mp.sin()
        + 0.17241 * e * m.sin()
        + 0.01608 * (2.0 * mp).sin()
        + 0.01039 * (2.0 * f).sin()
        + 0.00739 * e * (mp - m).sin()
        - 0.00514 * e * (mp + m).sin()
        + 0.00208 * e * e * (2.0 * m).sin()
        - 0.00111 * (mp - 2.0 * f).sin()
        - 0.00057 * (mp + 2.0 * f).sin()
        + 0.00056 * e * (2.0 * mp + m).sin()
        - 0.00042 * (3.0 * mp).sin()
        + 0.00042 * e * (m + 2.0 * f).sin()
        + 0.00038 * e * (m - 2.0 * f).sin()
        - 0.00024 * e * (2.0 * mp - m).sin()
        - 0.00017 * omega.sin()
        - 0.00007 * (mp + 2.0 * m).sin()
        + 0.00004 * (2.0 * mp - 2.0 * f).sin()
        + 0.00004 * (3.0 * m).sin()
        + 0.00003 * (mp + m - 2.0 * f).sin()
        + 0.00003 * (2.0 * mp + 2.0 * f).sin()
        - 0.00003 * (mp + m + 2.0 * f).sin()
        + 0.00003 * (mp - m + 2.0 * f).sin()
        - 0.00002 * (mp - m - 2.0 * f).sin()
        - 0.00002 * (3.0 * mp + m).sin()
        + 0.00002 * (4.0 * mp).sin();
    let jde = jde + correction;
    jde - delta_t(2000.0 + k / 12.3685)
}

/// The local day (Julian day number at UTC+7) of the `k`-th new moon.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + TIME_ZONE / 24.0).floor() as i64
}

/// The Sun's apparent longitude in degrees at a Julian day (universal time).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2451545.0) / 36525.0;
    let l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
    let m = (357.52911 + 35999.05029 * t - 0.0001537 * t * t).to_radians();
    let c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * m.sin()
        + (0.019993 - 0.000101 * t) * (2.0 * m).sin()
        + 0.000289 * (3.0 * m).sin();
    let omega = (125.04 - 1934.136 * t).to_radians();
    (l0 + c - 0.00569 - 0.00478 * omega.sin()).rem_euclid(360.0)
}

/// Which 30° sector the Sun is in at the local midnight that begins day `day`.
fn sun_sector(day: i64) -> i64 {
    (sun_longitude(day as f64 - 0.5 - TIME_ZONE / 24.0) / 30.0).floor() as i64
}

/// Index `k` of the new moon that begins month 11 of the lunar year ending in solar `year`
/// (the month holding that year's December solstice).
fn month_11(year: i32) -> i64 {
    let end_of_year = jdn(NaiveDate::from_ymd_opt(year, 12, 31).expect("a valid year"));
    let mut k = ((end_of_year as f64 - 2451550.09766) / SYNODIC_MONTH).floor() as i64;
    while new_moon_day(k + 1) <= end_of_year {
        k += 1;
    }
    while new_moon_day(k) > end_of_year {
        k -= 1;
    }
    // The Sun already past 270° when this month begins: the solstice was in the month before.
    if sun_sector(new_moon_day(k)) >= 9 { k - 1 } else { k }
}

/// The first day of lunar `month` (1–12, not a leap month) of the lunar year that begins in solar
/// `year`.
fn month_start(year: i32, month: u32) -> NaiveDate {
    let a11 = month_11(year - 1);
    let b11 = month_11(year);
    // Counting from month 11 of the year before: month 12 is 1 after it, month 1 is 2, …
    let mut offset = if month == 12 { 1 } else { i64::from(month) + 1 };
    if b11 - a11 > 12 {
        // Thirteen months: the first without a major solar term is the leap month.
        let leap = (1..=12).find(|&i| sun_sector(new_moon_day(a11 + i)) == sun_sector(new_moon_day(a11 + i + 1)));
        if leap.is_some_and(|leap| leap <= offset) {
            offset += 1;
        }
    }
    date_of(new_moon_day(a11 + offset))
}

/// Lunar new year's day (1st day of the 1st month) of solar `year`.
pub fn lunar_new_year(year: i32) -> NaiveDate {
    month_start(year, 1)
}

/// The solar date of day `day` of lunar `month` in the lunar year beginning in solar `year`.
pub fn solar_date(year: i32, month: u32, day: u32) -> NaiveDate {
    month_start(year, month) + chrono::Duration::days(i64::from(day) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn lunar_new_year_at_utc_plus_7() {
        for (year, expected) in [
            (2024, "2024-02-10"),
            (2025, "2025-01-29"),
            (2026, "2026-02-17"),
            (2027, "2027-02-06"),
            (2030, "2030-02-02"), // China (UTC+8): 3 February
            (2053, "2053-02-18"),
            (1985, "1985-01-21"), // China: 20 February
        ] {
            assert_eq!(lunar_new_year(year), d(expected), "{year}");
        }
    }

    #[test]
    fn hung_kings_day_is_the_tenth_of_the_third_month() {
        for (year, expected) in [
            (2024, "2024-04-18"),
            (2025, "2025-04-07"),
            (2026, "2026-04-26"),
            (2027, "2027-04-16"),
            (2028, "2028-04-04"),
            (2029, "2029-04-23"),
            (2030, "2030-04-12"),
            (2031, "2031-04-01"),
        ] {
            assert_eq!(solar_date(year, 3, 10), d(expected), "{year}");
        }
    }

    #[test]
    fn every_lunar_new_year_falls_between_21_january_and_20_february() {
        for year in 1950..=2100 {
            let tet = lunar_new_year(year);
            assert!(tet >= NaiveDate::from_ymd_opt(year, 1, 21).unwrap(), "{year}: {tet}");
            assert!(tet <= NaiveDate::from_ymd_opt(year, 2, 20).unwrap(), "{year}: {tet}");
        }
    }
}
