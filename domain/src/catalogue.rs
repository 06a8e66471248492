//! What the directory pages ask of the catalogue, and what they get back.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::agency::{Agency, AgencyLevel};
use crate::procedure::{
    AgencyRef, Decision, FieldRef, OnlineLevel, Procedure, ProcedureStatus, RecordPart, Subject, TimeLimit,
};

/// Results per page in the directory.
pub const PAGE_SIZE: u32 = 20;
/// Pages past this are refused: nobody reads them, and deep offsets only cost the server.
pub const MAX_PAGE: u32 = 100;
/// Matches are counted up to this many (as far as pages reach); past it a list says "more than".
pub const COUNT_LIMIT: u64 = (MAX_PAGE * PAGE_SIZE) as u64;

/// A directory search: the words typed plus the filters, all carried in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureFilter {
    pub q: String,
    /// Field (lĩnh vực) code.
    pub field: Option<String>,
    /// Agency slug.
    pub agency: Option<String>,
    pub level: Option<AgencyLevel>,
    pub subject: Option<Subject>,
    pub online: Option<OnlineLevel>,
    pub status: Option<ProcedureStatus>,
    /// 1-based.
    pub page: u32,
}

/// The URL parameter names of the directory (PRODUCT.md's URL contract).
pub mod param {
    pub const QUERY: &str = "q";
    pub const FIELD: &str = "linh-vuc";
    pub const AGENCY: &str = "co-quan";
    pub const LEVEL: &str = "cap";
    pub const SUBJECT: &str = "doi-tuong";
    pub const ONLINE: &str = "truc-tuyen";
    pub const STATUS: &str = "tinh-trang";
    pub const PAGE: &str = "trang";
}

/// The longest query kept; a longer one is cut rather than refused.
const MAX_QUERY_CHARS: usize = 200;

impl ProcedureFilter {
    /// Reads a filter from URL parameters. Unknown or malformed values are ignored rather than
    /// refused: a stale bookmark still shows a useful list.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |key| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        ProcedureFilter {
            q: text(param::QUERY).map(|q| q.chars().take(MAX_QUERY_CHARS).collect()).unwrap_or_default(),
            field: text(param::FIELD),
            agency: text(param::AGENCY),
            level: text(param::LEVEL).and_then(|v| AgencyLevel::from_slug(&v)),
            subject: text(param::SUBJECT).and_then(|v| Subject::from_slug(&v)),
            online: text(param::ONLINE).and_then(|v| OnlineLevel::from_slug(&v)),
            status: text(param::STATUS).and_then(|v| ProcedureStatus::from_slug(&v)),
            page: text(param::PAGE).and_then(|v| v.parse().ok()).unwrap_or(1),
        }
    }

    /// The URL parameters that reproduce this filter, on another page.
    pub fn to_params(&self, page: u32) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if !self.q.is_empty() {
            params.push((param::QUERY, self.q.clone()));
        }
        let slugs = [
            (param::FIELD, self.field.clone()),
            (param::AGENCY, self.agency.clone()),
            (param::LEVEL, self.level.map(|l| l.slug().to_owned())),
            (param::SUBJECT, self.subject.map(|s| s.slug().to_owned())),
            (param::ONLINE, self.online.map(|o| o.slug().to_owned())),
            (param::STATUS, self.status.map(|s| s.slug().to_owned())),
        ];
        params.extend(slugs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))));
        if page > 1 {
            params.push((param::PAGE, page.to_string()));
        }
        params
    }

    /// Whether anything narrows the list besides the words typed.
    pub fn has_filters(&self) -> bool {
        self.field.is_some()
            || self.agency.is_some()
            || self.level.is_some()
            || self.subject.is_some()
            || self.online.is_some()
            || self.status.is_some()
    }

    pub fn page(&self) -> u32 {
        self.page.clamp(1, MAX_PAGE)
    }

    pub fn offset(&self) -> u32 {
        (self.page() - 1) * PAGE_SIZE
    }
}

/// One line of a result list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureSummary {
    pub code: String,
    pub name: String,
    pub fields: Vec<FieldRef>,
    pub levels: Vec<AgencyLevel>,
    pub online_level: OnlineLevel,
    pub status: ProcedureStatus,
    /// The shortest published time limit across channels.
    pub time_limit: Option<TimeLimit>,
    pub implementing: Vec<String>,
}

impl From<&Procedure> for ProcedureSummary {
    fn from(p: &Procedure) -> Self {
        let time_limit = p.channels.iter().filter_map(|c| c.time_limit).min_by_key(|t| (t.amount, t.unit as u8));
        ProcedureSummary {
            code: p.code.clone(),
            name: p.name.clone(),
            fields: p.fields.clone(),
            levels: p.levels.clone(),
            online_level: p.online_level,
            status: p.status,
            time_limit,
            implementing: p.agencies.implementing.iter().map(|a| a.name.clone()).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    pub items: Vec<ProcedureSummary>,
    /// Matches counted, at most [`COUNT_LIMIT`].
    pub total: u64,
    /// More procedures match than were counted.
    pub total_capped: bool,
    pub page: u32,
    pub page_size: u32,
}

impl SearchResults {
    pub fn pages(&self) -> u32 {
        let pages = self.total.div_ceil(u64::from(self.page_size)).max(1);
        u32::try_from(pages).unwrap_or(u32::MAX).min(MAX_PAGE)
    }
}

/// Everything the procedure page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureDetail {
    pub record: Procedure,
    /// Newest first; the first entry is the current revision.
    pub revisions: Vec<RevisionSummary>,
    /// The procedure that replaces this one, when it was replaced or abolished.
    pub replacement: Option<ProcedureLink>,
    /// The agencies named in the record that this portal knows, for links to their pages.
    pub agencies: Vec<AgencyLink>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureLink {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyLink {
    pub code: String,
    pub slug: String,
    pub name: String,
}

impl AgencyLink {
    /// The link to an agency's page.
    pub fn of(agency: &crate::Agency) -> Self {
        AgencyLink { code: agency.code.clone(), slug: agency.slug.clone(), name: agency.name.clone() }
    }

    pub fn for_ref<'a>(links: &'a [AgencyLink], agency: &AgencyRef) -> Option<&'a AgencyLink> {
        links.iter().find(|l| l.code == agency.code)
    }
}

/// One entry of a procedure's change history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevisionSummary {
    pub number: u32,
    pub recorded_at: DateTime<Utc>,
    pub status: ProcedureStatus,
    pub decision: Option<Decision>,
    /// What differs from the revision before it; empty for the first.
    pub changed: Vec<RecordPart>,
}

/// A revision of some procedure, for the catalogue's list of changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureChange {
    pub procedure: ProcedureLink,
    pub revision: RevisionSummary,
}

/// Where a reader of the catalogue's changes stands: after the revision recorded at `at` of the
/// procedure stored as `procedure` (revisions are read in that order, which an index keeps).
/// Written `2026-12-07T05:00:00.000000Z~42` in the API's `after`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChangeCursor {
    pub at: DateTime<Utc>,
    pub procedure: i64,
}

impl ChangeCursor {
    /// Before every revision recorded at `at` or later.
    pub fn since(at: DateTime<Utc>) -> Self {
        ChangeCursor { at, procedure: i64::MIN }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let (at, procedure) = text.split_once('~')?;
        let at = DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc);
        Some(ChangeCursor { at, procedure: procedure.parse().ok()? })
    }
}

impl std::fmt::Display for ChangeCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}~{}", self.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true), self.procedure)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencySummary {
    pub agency: Agency,
    pub procedures: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSummary {
    pub field: FieldRef,
    pub procedures: u64,
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub created: u32,
    pub revised: u32,
    pub unchanged: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> ProcedureFilter {
        ProcedureFilter::from_params(|k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn reads_and_writes_the_url_contract() {
        let f = params(&[("q", " khai sinh "), ("cap", "xa"), ("doi-tuong", "ca-nhan"), ("trang", "3")]);
        assert_eq!(f.q, "khai sinh");
        assert_eq!(f.level, Some(AgencyLevel::Commune));
        assert_eq!(f.subject, Some(Subject::Individual));
        assert_eq!(f.page(), 3);
        assert_eq!(
            f.to_params(4),
            vec![
                ("q", "khai sinh".into()),
                ("cap", "xa".into()),
                ("doi-tuong", "ca-nhan".into()),
                ("trang", "4".into())
            ]
        );
    }

    #[test]
    fn ignores_malformed_values_and_clamps_pages() {
        let f = params(&[("cap", "galaxy"), ("trang", "-2"), ("tinh-trang", "")]);
        assert_eq!((f.level, f.status, f.page()), (None, None, 1));
        assert_eq!(params(&[("trang", "999999")]).page(), MAX_PAGE);
    }
}
