//! The legal dates of a case and where it stands against them.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, Term, TermUnit};
use crate::feedback::{CaseStatus, Category};

/// Classify or transfer within 5 working days of receipt (DOMAIN.md §1.4).
pub const CLASSIFY: Term = Term { amount: 5, unit: TermUnit::WorkingDays };
/// Publish within 2 working days of approval.
pub const PUBLISH: Term = Term { amount: 2, unit: TermUnit::WorkingDays };
/// The default answer term: 20 days of receipt.
pub const ANSWER: Term = Term { amount: 20, unit: TermUnit::Days };
/// A progress update every 7 days once the answer is late.
pub const PROGRESS_EVERY: Term = Term { amount: 7, unit: TermUnit::Days };

/// Where a case stands against a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    OnTime,
    /// Two working days or fewer left.
    DueSoon,
    Overdue,
    /// Late by more than the term itself.
    VeryOverdue,
}

impl DeadlineState {
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineState::OnTime => "on_time",
            DeadlineState::DueSoon => "due_soon",
            DeadlineState::Overdue => "overdue",
            DeadlineState::VeryOverdue => "very_overdue",
        }
    }
}

/// Where something due on `due` under `term` stands on `today`.
pub fn deadline_state(calendar: &Calendar, today: NaiveDate, due: NaiveDate, term: Term) -> DeadlineState {
    if today <= due {
        return if calendar.working_days_between(today, due) <= 2 {
            DeadlineState::DueSoon
        } else {
            DeadlineState::OnTime
        };
    }
    let late = match term.unit {
        TermUnit::Days => (today - due).num_days(),
        TermUnit::WorkingDays => calendar.working_days_between(due, today),
    };
    if late > i64::from(term.amount) { DeadlineState::VeryOverdue } else { DeadlineState::Overdue }
}

/// Where a listed case stands when only its status and governing date are known (the queue, the
/// digests): "very overdue" is measured against the status's own term, the default answer term
/// while the answer is being prepared.
pub fn listed_state(calendar: &Calendar, today: NaiveDate, status: CaseStatus, due: NaiveDate) -> DeadlineState {
    let term = match status {
        CaseStatus::Received => CLASSIFY,
        CaseStatus::AnswerApproved => PUBLISH,
        _ => ANSWER,
    };
    deadline_state(calendar, today, due, term)
}

/// The first working day after which a case counts as due soon: cases with a governing date on
/// or before this day (and not before `today`) are "due soon".
pub fn due_soon_until(calendar: &Calendar, today: NaiveDate) -> NaiveDate {
    calendar.due(today, Term { amount: 2, unit: TermUnit::WorkingDays })
}

/// Moves a due date by the time the clock stood still, in the term's own unit.
pub fn extend_by_pause(
    calendar: &Calendar,
    due: NaiveDate,
    paused_on: NaiveDate,
    resumed_on: NaiveDate,
    unit: TermUnit,
) -> NaiveDate {
    match unit {
        TermUnit::Days => calendar.working_day_from(due + Duration::days((resumed_on - paused_on).num_days().max(0))),
        TermUnit::WorkingDays => {
            let paused = calendar.working_days_between(paused_on, resumed_on).max(0);
            calendar.due(due, Term { amount: u32::try_from(paused).unwrap_or(u32::MAX), unit: TermUnit::WorkingDays })
        }
    }
}

/// The answer term for a case of `category` at `agency`: the most specific configured term
/// (agency and category, then agency, then category), else [`ANSWER`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermRule {
    pub agency: Option<String>,
    pub category: Option<Category>,
    pub term: Term,
}

pub fn answer_term(rules: &[TermRule], agency: &str, category: Category) -> Term {
    rules
        .iter()
        .filter_map(|r| {
            let agency_score = match &r.agency {
                Some(a) if a == agency => 2,
                Some(_) => return None,
                None => 0,
            };
            let category_score = match r.category {
                Some(c) if c == category => 1,
                Some(_) => return None,
                None => 0,
            };
            Some((agency_score + category_score, r.term))
        })
        .max_by_key(|(score, _)| *score)
        .map_or(ANSWER, |(_, term)| term)
}
