//! Case codes in the national format.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A case code in the national format `PAKN.YYYYMMDD.NNNN`: the day of receipt (UTC+7) and its
/// number that day, from 1 (more than 9,999 in a day simply takes more digits).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseCode(String);

impl CaseCode {
    pub fn new(day: NaiveDate, number: u32) -> Self {
        CaseCode(format!("PAKN.{}.{number:04}", day.format("%Y%m%d")))
    }

    /// Reads a code as typed: surrounding space ignored, letters in any case.
    pub fn parse(raw: &str) -> Option<Self> {
        let upper = raw.trim().to_ascii_uppercase();
        let mut parts = upper.split('.');
        let (Some("PAKN"), Some(day), Some(number), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let day = NaiveDate::parse_from_str(day, "%Y%m%d").ok()?;
        let number: u32 =
            (number.len() >= 4 && number.chars().all(|c| c.is_ascii_digit())).then(|| number.parse().ok())??;
        (number > 0).then(|| CaseCode::new(day, number))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CaseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
