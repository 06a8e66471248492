//! Examining an answer again (xem xét lại): a submitter who rated the published answer "not
//! satisfied" may ask, once and within a period the administrators set, for the agency to look at
//! it again. The case goes back to the responsible agency's leads, unassigned, with a deadline of
//! its own; the answer already published stays public until the new one replaces it, and the case
//! counts as complained about again in the satisfaction figure (DOMAIN.md §1.7).

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Handling;
use crate::calendar::{Calendar, Term, TermUnit, local_day};
use crate::feedback::{CaseStatus, FieldError};
use crate::rating::Rating;

/// How long a dissatisfied submitter has to ask, and how long the agency then has to answer again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReexaminationPolicy {
    /// Calendar days from the day the answer was published.
    pub within_days: u32,
    /// Working days from the day the request counts as received.
    pub term_days: u32,
}

impl Default for ReexaminationPolicy {
    fn default() -> Self {
        ReexaminationPolicy { within_days: 30, term_days: 10 }
    }
}

impl ReexaminationPolicy {
    /// The longest either period may be set to.
    pub const MAX_DAYS: u32 = 365;

    pub fn term(self) -> Term {
        Term { amount: self.term_days, unit: TermUnit::WorkingDays }
    }
}

/// Why a case cannot be examined again now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotReexaminable {
    /// No answer has been published.
    NotAnswered,
    /// The submitter has not rated the answer "not satisfied".
    NotDissatisfied,
    /// It has been asked for once already (and may be under way).
    AlreadyAsked,
    /// The period to ask ended on this day.
    Expired(NaiveDate),
}

/// Whether the case may be examined again on `today`: the last day to ask, or why not. `asked`
/// says whether it has been examined again before.
pub fn reexaminable(
    handling: &Handling,
    rating: Option<&Rating>,
    asked: bool,
    policy: ReexaminationPolicy,
    today: NaiveDate,
) -> Result<NaiveDate, NotReexaminable> {
    if asked {
        return Err(NotReexaminable::AlreadyAsked);
    }
    let published =
        handling.published_at.filter(|_| matches!(handling.status, CaseStatus::Published | CaseStatus::Closed));
    let Some(published) = published else { return Err(NotReexaminable::NotAnswered) };
    if rating.is_none_or(|r| r.satisfied) {
        return Err(NotReexaminable::NotDissatisfied);
    }
    let until = local_day(published) + Days::new(u64::from(policy.within_days));
    if today > until { Err(NotReexaminable::Expired(until)) } else { Ok(until) }
}

/// The case as it goes back to the agency: in progress again, unassigned so that its leads take it
/// up, answerable by a new date counted from the working day the request counts as received. The
/// day the case was first received, and the answer already published, stay as they were.
pub fn reexamine(calendar: &Calendar, handling: &Handling, policy: ReexaminationPolicy, today: NaiveDate) -> Handling {
    let mut next = handling.clone();
    next.version += 1;
    next.status = CaseStatus::InProgress;
    next.assignee = None;
    next.answer_term = policy.term();
    next.answer_due = calendar.due(calendar.working_day_from(today), next.answer_term);
    next.paused_on = None;
    next.publish_due = None;
    next.progress_due = None;
    next
}

/// The reason as typed, checked as a rating's is, and required.
pub fn reason(typed: &str) -> Result<String, Vec<FieldError>> {
    use crate::feedback::{Field, Problem};
    let reason = typed.trim();
    let problems: Vec<Problem> =
        if reason.is_empty() { vec![Problem::Required] } else { crate::rating::reason_problems(reason).collect() };
    if problems.is_empty() {
        Ok(reason.to_owned())
    } else {
        Err(problems.into_iter().map(|problem| FieldError { field: Field::Content, problem }).collect())
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::calendar::Term;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    /// Answered on Tuesday 3 March 2026 (local time).
    fn answered() -> Handling {
        Handling {
            status: CaseStatus::Published,
            agency: "HN-STP".into(),
            assignee: Some(7),
            received_on: d(2, 2),
            classify_due: d(2, 6),
            answer_term: Term { amount: 20, unit: TermUnit::Days },
            answer_due: d(3, 4),
            paused_on: None,
            publish_due: Some(d(3, 4)),
            progress_due: None,
            answer: Some("Trả lời".into()),
            public_title: None,
            public_content: None,
            published_at: Some(Utc.with_ymd_and_hms(2026, 3, 3, 3, 0, 0).unwrap()),
            answer_days: Some(21),
            version: 9,
            lead: None,
        }
    }

    fn unhappy() -> Rating {
        Rating { satisfied: false, reason: "Chưa trả lời đúng câu hỏi".into() }
    }

    #[test]
    fn only_a_dissatisfied_submitter_may_ask_once_within_the_period() {
        let policy = ReexaminationPolicy::default();
        let h = answered();
        assert_eq!(reexaminable(&h, Some(&unhappy()), false, policy, d(3, 10)), Ok(d(4, 2)));
        assert_eq!(reexaminable(&h, Some(&unhappy()), false, policy, d(4, 2)), Ok(d(4, 2)), "the last day counts");
        assert_eq!(reexaminable(&h, Some(&unhappy()), false, policy, d(4, 3)), Err(NotReexaminable::Expired(d(4, 2))));
        assert_eq!(reexaminable(&h, Some(&unhappy()), true, policy, d(3, 10)), Err(NotReexaminable::AlreadyAsked));
        let happy = Rating { satisfied: true, reason: String::new() };
        assert_eq!(reexaminable(&h, Some(&happy), false, policy, d(3, 10)), Err(NotReexaminable::NotDissatisfied));
        assert_eq!(reexaminable(&h, None, false, policy, d(3, 10)), Err(NotReexaminable::NotDissatisfied));
        let open = Handling { status: CaseStatus::InProgress, ..h.clone() };
        assert_eq!(reexaminable(&open, Some(&unhappy()), false, policy, d(3, 10)), Err(NotReexaminable::NotAnswered));
        let short = ReexaminationPolicy { within_days: 5, ..policy };
        assert_eq!(reexaminable(&h, Some(&unhappy()), false, short, d(3, 9)), Err(NotReexaminable::Expired(d(3, 8))));
    }

    #[test]
    fn the_case_goes_back_to_the_leads_with_a_deadline_of_its_own() {
        let calendar = Calendar::default();
        let policy = ReexaminationPolicy { within_days: 30, term_days: 10 };
        // Asked on Saturday 7 March: counted from Monday 9 March, the tenth working day after it.
        let next = reexamine(&calendar, &answered(), policy, d(3, 7));
        assert_eq!(next.status, CaseStatus::InProgress);
        assert_eq!(next.assignee, None, "back to the leads, for them to assign");
        assert_eq!(next.answer_due, d(3, 23));
        assert_eq!(next.answer_term, Term { amount: 10, unit: TermUnit::WorkingDays });
        assert_eq!(next.received_on, d(2, 2), "the case was received when it was");
        assert_eq!(next.publish_due, None);
        assert_eq!(next.answer.as_deref(), Some("Trả lời"), "the published answer stays until replaced");
        assert_eq!(next.version, 10);
    }

    #[test]
    fn the_reason_is_required_and_bounded() {
        assert_eq!(reason("  Chưa đúng  "), Ok("Chưa đúng".into()));
        assert!(reason("   ").is_err());
        assert!(reason(&"a".repeat(crate::rating::RATING_REASON_MAX + 1)).is_err());
        assert!(reason("a\u{7}b").is_err());
    }
}
