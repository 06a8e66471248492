//! Agencies (cơ quan) and the levels of government they sit at.

use serde::{Deserialize, Serialize};

/// Level of government (cấp). Since 1 July 2025 there are two local levels, province and commune;
/// the district level is kept only so that legacy records still read correctly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgencyLevel {
    Central,
    Province,
    District,
    Commune,
}

impl AgencyLevel {
    pub const ALL: [AgencyLevel; 4] = [Self::Central, Self::Province, Self::District, Self::Commune];

    /// The national export's `CAPTHUCHIEN` number: 0 ministry, 1 province, 2 district, 3 commune.
    pub fn from_national(n: u8) -> Option<Self> {
        Self::ALL.get(usize::from(n)).copied()
    }

    /// The stable word used in URLs and storage (`?cap=tinh`).
    pub fn slug(self) -> &'static str {
        match self {
            Self::Central => "trung-uong",
            Self::Province => "tinh",
            Self::District => "huyen",
            Self::Commune => "xa",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.slug() == s)
    }
}

impl Agency {
    /// The receipt cut-off as a time: the agency's own, or the default when it gives none (or
    /// one that does not read as `HH:MM`).
    pub fn cutoff_time(&self) -> chrono::NaiveTime {
        chrono::NaiveTime::parse_from_str(self.cutoff.trim(), "%H:%M")
            .unwrap_or_else(|_| crate::calendar::default_cutoff())
    }
}

/// An agency that implements procedures or answers feedback.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    /// Short stable code, e.g. `STP` for the Department of Justice.
    pub code: String,
    pub slug: String,
    pub name: String,
    pub level: AgencyLevel,
    /// Code of the agency above this one, if any.
    pub parent: Option<String>,
    pub email: String,
    pub phone: String,
    pub address: String,
    /// Office hours as published, e.g. "Thứ Hai – Thứ Sáu, 7:30–11:30 và 13:30–17:00".
    pub office_hours: String,
    /// Submissions after this local time (UTC+7) count as received on the next working day.
    pub cutoff: String,
    pub website: Option<String>,
    /// The coordinating office (Văn phòng UBND): receives what no rule routes and sees everything.
    #[serde(default)]
    pub coordinating: bool,
}
