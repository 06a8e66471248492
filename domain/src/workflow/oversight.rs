//! Who hears of late cases beyond the agency handling them: the agencies above it and the
//! coordinating office (DOMAIN.md §1.6). Each working morning a lead's digest lists their own
//! agency's due and overdue cases and the overdue cases of every agency below theirs; a
//! coordinator's, the overdue cases of all agencies. A case that became very overdue since the
//! previous working day is set apart at the top: that is when the parent and the coordinating
//! office are told it is that late.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Duration, NaiveDate};

use crate::calendar::Calendar;
use crate::queue::{AgencyDue, QueueItem};
use crate::workflow::{DeadlineState, listed_state};

/// The agencies above `code`, nearest first; `parents` maps each agency to the one above it. A
/// loop in the data ends the walk instead of running forever.
pub fn ancestors(code: &str, parents: &HashMap<String, Option<String>>) -> Vec<String> {
    let mut seen = HashSet::from([code.to_owned()]);
    let mut out = Vec::new();
    let mut at = parents.get(code).cloned().flatten();
    while let Some(parent) = at {
        if !seen.insert(parent.clone()) {
            break;
        }
        at = parents.get(&parent).cloned().flatten();
        out.push(parent);
    }
    out
}

/// Whether a listed case counts as overdue on `today`.
pub fn is_overdue(calendar: &Calendar, today: NaiveDate, case: &QueueItem) -> bool {
    matches!(state(calendar, today, case), DeadlineState::Overdue | DeadlineState::VeryOverdue)
}

fn state(calendar: &Calendar, today: NaiveDate, case: &QueueItem) -> DeadlineState {
    listed_state(calendar, today, case.status, case.next_due.unwrap_or(today))
}

/// Whether a listed case became very overdue since the working day before `today`.
pub fn newly_very_overdue(calendar: &Calendar, today: NaiveDate, case: &QueueItem) -> bool {
    let mut before = today - Duration::days(1);
    // The previous working day, looking back at most a month (a long holiday).
    for _ in 0..31 {
        if calendar.is_working_day(before) {
            break;
        }
        before -= Duration::days(1);
    }
    state(calendar, today, case) == DeadlineState::VeryOverdue
        && state(calendar, before, case) != DeadlineState::VeryOverdue
}

/// For each agency above one with overdue cases: those cases, most overdue first.
pub fn overdue_below<'a>(
    dues: &'a [AgencyDue],
    parents: &HashMap<String, Option<String>>,
    calendar: &Calendar,
    today: NaiveDate,
) -> BTreeMap<String, Vec<&'a QueueItem>> {
    let mut below: BTreeMap<String, Vec<&QueueItem>> = BTreeMap::new();
    for due in dues {
        let overdue: Vec<&QueueItem> = due.cases.iter().filter(|c| is_overdue(calendar, today, c)).collect();
        if overdue.is_empty() {
            continue;
        }
        for above in ancestors(&due.agency.code, parents) {
            below.entry(above).or_default().extend(&overdue);
        }
    }
    for cases in below.values_mut() {
        cases.sort_by_key(|c| (c.next_due, c.id));
    }
    below
}

/// Every agency's overdue cases but `own`'s, most overdue first: what a coordinator oversees.
pub fn overdue_elsewhere<'a>(
    dues: &'a [AgencyDue],
    own: &str,
    calendar: &Calendar,
    today: NaiveDate,
) -> Vec<&'a QueueItem> {
    let mut cases: Vec<&QueueItem> = dues
        .iter()
        .filter(|due| due.agency.code != own)
        .flat_map(|due| &due.cases)
        .filter(|c| is_overdue(calendar, today, c))
        .collect();
    cases.sort_by_key(|c| (c.next_due, c.id));
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::AgencyLink;
    use crate::feedback::{CaseStatus, Category};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn case(id: i64, agency: &str, status: CaseStatus, due: &str) -> QueueItem {
        QueueItem {
            id,
            code: format!("PA-{id}"),
            title: "Đường hỏng".into(),
            category: Category::Regulation,
            status,
            agency: AgencyLink { code: agency.into(), slug: agency.to_lowercase(), name: agency.into() },
            assignee: None,
            received_on: d("2026-10-01"),
            next_due: Some(d(due)),
            duplicate_of: None,
        }
    }

    fn due(cases: Vec<QueueItem>) -> AgencyDue {
        AgencyDue { agency: cases[0].agency.clone(), leads: Vec::new(), cases }
    }

    fn parents(pairs: &[(&str, Option<&str>)]) -> HashMap<String, Option<String>> {
        pairs.iter().map(|(c, p)| ((*c).to_owned(), p.map(str::to_owned))).collect()
    }

    #[test]
    fn the_agencies_above_nearest_first_and_a_loop_ends() {
        let tree = parents(&[("WARD", Some("DISTRICT")), ("DISTRICT", Some("PROVINCE")), ("PROVINCE", None)]);
        assert_eq!(ancestors("WARD", &tree), ["DISTRICT", "PROVINCE"]);
        assert!(ancestors("PROVINCE", &tree).is_empty());
        let looped = parents(&[("A", Some("B")), ("B", Some("A"))]);
        assert_eq!(ancestors("A", &looped), ["B"]);
    }

    #[test]
    fn every_agency_above_sees_the_overdue_cases_below_it_most_overdue_first() {
        let calendar = Calendar::default();
        let tree = parents(&[("WARD", Some("DISTRICT")), ("DISTRICT", Some("PROVINCE")), ("PROVINCE", None)]);
        let dues = [
            due(vec![
                case(1, "WARD", CaseStatus::InProgress, "2026-11-12"),
                case(2, "WARD", CaseStatus::InProgress, "2026-11-18"),
                case(3, "WARD", CaseStatus::InProgress, "2026-10-20"),
            ]),
            due(vec![case(4, "DISTRICT", CaseStatus::Received, "2026-11-10")]),
        ];
        let below = overdue_below(&dues, &tree, &calendar, d("2026-11-17"));
        let ids = |code: &str| below[code].iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids("DISTRICT"), [3, 1], "the ward's overdue cases, not the one due soon");
        assert_eq!(ids("PROVINCE"), [3, 4, 1]);
        assert!(!below.contains_key("WARD"), "an agency's own cases are in its own part");
        let all = overdue_elsewhere(&dues, "PROVINCE", &calendar, d("2026-11-17"));
        assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), [3, 4, 1]);
        assert_eq!(overdue_elsewhere(&dues, "WARD", &calendar, d("2026-11-17")).len(), 1);
    }

    #[test]
    fn a_case_is_newly_very_overdue_on_the_first_working_day_it_is_so() {
        let calendar = Calendar::default();
        // The answer term is 20 days: due 27 October, very overdue from Tuesday 17 November.
        let late = case(1, "WARD", CaseStatus::InProgress, "2026-10-27");
        assert!(!newly_very_overdue(&calendar, d("2026-11-16"), &late), "only overdue on Monday");
        assert!(newly_very_overdue(&calendar, d("2026-11-17"), &late));
        assert!(!newly_very_overdue(&calendar, d("2026-11-18"), &late), "told once");
        // Crossed over the weekend: told on Monday.
        let weekend = case(2, "WARD", CaseStatus::InProgress, "2026-10-24");
        assert!(newly_very_overdue(&calendar, d("2026-11-16"), &weekend));
        // Classification is 5 working days: very overdue 6 working days after its date.
        let unclassified = case(3, "WARD", CaseStatus::Received, "2026-11-09");
        assert!(newly_very_overdue(&calendar, d("2026-11-17"), &unclassified));
        assert!(!newly_very_overdue(&calendar, d("2026-11-16"), &unclassified));
    }
}
