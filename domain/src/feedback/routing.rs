//! Which agency a case goes to, and why.

use serde::{Deserialize, Serialize};

use super::Category;

/// A routing rule administrators keep: feedback of `category` (any when `None`) about `area`
/// (any when `None`) goes to `agency`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingRule {
    pub id: i64,
    pub category: Option<Category>,
    pub area: Option<String>,
    pub agency: String,
}

/// Why a case went where it did; recorded in its first event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum RoutingReason {
    /// The procedure it concerns is implemented by that agency.
    Procedure { code: String },
    /// The submitter named the agency it concerns.
    NamedAgency,
    /// A rule matched.
    Rule { rule: i64 },
    /// Nothing else applied: the coordinating office receives it.
    Coordinating,
}

/// Chooses the responsible agency (by code): the procedure's implementing agency; else the agency
/// the submitter named; else the most specific rule on (category, area) — both matching beats area
/// alone beats category alone, ties to the lowest id; else the coordinating office.
pub fn route(
    procedure: Option<(&str, &str)>,
    named_agency: Option<&str>,
    category: Category,
    area: Option<&str>,
    rules: &[RoutingRule],
    coordinating: &str,
) -> (String, RoutingReason) {
    if let Some((code, agency)) = procedure {
        return (agency.to_owned(), RoutingReason::Procedure { code: code.to_owned() });
    }
    if let Some(agency) = named_agency {
        return (agency.to_owned(), RoutingReason::NamedAgency);
    }
    let specificity = |rule: &RoutingRule| -> Option<u8> {
        let category_match = match rule.category {
            Some(c) if c != category => return None,
            Some(_) => 1,
            None => 0,
        };
        let area_match = match (&rule.area, area) {
            (Some(a), Some(b)) if a == b => 2,
            (Some(_), _) => return None,
            (None, _) => 0,
        };
        Some(category_match + area_match)
    };
    rules
        .iter()
        .filter_map(|rule| specificity(rule).map(|s| (s, rule)))
        .max_by(|(s1, r1), (s2, r2)| s1.cmp(s2).then(r2.id.cmp(&r1.id)))
        .map(|(_, rule)| (rule.agency.clone(), RoutingReason::Rule { rule: rule.id }))
        .unwrap_or_else(|| (coordinating.to_owned(), RoutingReason::Coordinating))
}
