//! The same matter raised by many (DOMAIN.md §1.6, as e-People merges its petitions): an official
//! links cases under a lead case; the lead's answer, approved and published once, is each linked
//! case's answer, published with the lead's public wording (so no submitter's own text is
//! published unchecked), each counted against its own received day and deadline.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Handling, WorkflowError};
use crate::calendar::Calendar;
use crate::cases::similar_text;
use crate::feedback::CaseStatus;

/// An open case that may be about the same matter, as suggested beside another.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Suggestion {
    pub code: String,
    pub title: String,
    pub content: String,
    pub received_on: NaiveDate,
}

/// How many open cases of the same agency or procedure, the latest received, are compared with
/// the one an official opens: the cost of a suggestion stays the same however many cases there are.
pub const COMPARED: u32 = 200;
/// How many suggestions are shown.
pub const SUGGESTED: usize = 5;

/// The suggestions among `candidates` for a case worded `title`, `content`: those that read as
/// the same matter, the latest first, at most [`SUGGESTED`].
pub fn suggestions(title: &str, content: &str, candidates: Vec<Suggestion>) -> Vec<Suggestion> {
    let mut found: Vec<Suggestion> =
        candidates.into_iter().filter(|c| same_matter(title, content, &c.title, &c.content)).collect();
    found.sort_by(|a, b| b.received_on.cmp(&a.received_on).then_with(|| b.code.cmp(&a.code)));
    found.truncate(SUGGESTED);
    found
}

/// Whether the case `code` (with `followers` linked under it) may be linked under `lead_code`:
/// another open case of the same agency, itself linked under none, while this one leads none.
pub fn linkable(
    code: &str,
    case: &Handling,
    followers: u64,
    lead_code: &str,
    lead: &Handling,
) -> Result<(), WorkflowError> {
    let fits = code != lead_code
        && case.agency == lead.agency
        && lead.status.is_open()
        && lead.lead.is_none()
        && case.lead.is_none()
        && followers == 0;
    if fits { Ok(()) } else { Err(WorkflowError::CannotLink) }
}

/// Whether another case's wording reads as the same matter as this one's.
pub fn same_matter(title: &str, content: &str, other_title: &str, other_content: &str) -> bool {
    similar_text(&format!("{title} {content}"), &format!("{other_title} {other_content}"))
}

/// A linked case answered by its lead's publication: the lead's answer and public wording, its
/// own dates kept, its own answer time counted from its own received day.
pub fn answered_with_lead(
    calendar: &Calendar,
    case: &Handling,
    answer: &str,
    wording: (&str, &str),
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Handling {
    let mut next = case.clone();
    next.version += 1;
    next.status = CaseStatus::Published;
    next.answer = Some(answer.to_owned());
    next.public_title = Some(wording.0.to_owned());
    next.public_content = Some(wording.1.to_owned());
    next.published_at = Some(now);
    next.paused_on = None;
    next.progress_due = None;
    let days = calendar.working_days_between(case.received_on, today);
    next.answer_days = Some(u32::try_from(days).unwrap_or(0));
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn open(agency: &str) -> Handling {
        Handling { agency: agency.into(), version: 3, ..crate::workflow::tests::handling(CaseStatus::InProgress) }
    }

    #[test]
    fn only_an_open_unlinked_case_of_the_same_agency_leads() {
        let (case, lead) = (open("STP"), open("STP"));
        assert_eq!(linkable("B", &case, 0, "A", &lead), Ok(()));
        assert_eq!(linkable("A", &case, 0, "A", &lead), Err(WorkflowError::CannotLink), "not under itself");
        assert_eq!(linkable("B", &case, 0, "A", &open("SYT")), Err(WorkflowError::CannotLink), "another agency's");
        let closed = Handling { status: CaseStatus::Published, ..open("STP") };
        assert_eq!(linkable("B", &case, 0, "A", &closed), Err(WorkflowError::CannotLink), "an answered lead");
        let linked = Handling { lead: Some("C".into()), ..open("STP") };
        assert_eq!(linkable("B", &case, 0, "A", &linked), Err(WorkflowError::CannotLink), "no chains");
        assert_eq!(linkable("B", &linked, 0, "A", &lead), Err(WorkflowError::CannotLink), "taken out first");
        assert_eq!(linkable("B", &case, 2, "A", &lead), Err(WorkflowError::CannotLink), "a lead is not linked");
    }

    #[test]
    fn a_linked_case_takes_the_answer_and_keeps_its_own_dates() {
        let case =
            Handling { status: CaseStatus::AwaitingInformation, paused_on: Some(d("2026-11-20")), ..open("STP") };
        let now: DateTime<Utc> = "2026-11-27T03:00:00Z".parse().unwrap();
        let after =
            answered_with_lead(&Calendar::default(), &case, "Trả lời", ("Tiêu đề", "Nội dung"), now, d("2026-11-27"));
        assert_eq!(after.status, CaseStatus::Published);
        assert_eq!(after.answer.as_deref(), Some("Trả lời"));
        assert_eq!(
            (after.public_title.as_deref(), after.public_content.as_deref()),
            (Some("Tiêu đề"), Some("Nội dung"))
        );
        assert_eq!((after.answer_due, after.received_on), (case.answer_due, case.received_on));
        assert_eq!(after.answer_days, Some(9), "Monday 16 to Friday 27 November");
        assert_eq!((after.paused_on, after.version), (None, 4));
    }

    #[test]
    fn suggestions_are_the_same_matter_latest_first_and_few() {
        let like = |code: &str, day: &str| Suggestion {
            code: code.into(),
            title: "Chậm trả kết quả đăng ký khai sinh".into(),
            content: "Nộp hồ sơ tại phường Hoàn Kiếm đã quá hẹn hai tuần".into(),
            received_on: d(day),
        };
        let mut candidates: Vec<Suggestion> =
            (1..=7).map(|i| like(&format!("P{i}"), &format!("2026-11-0{i}"))).collect();
        candidates.push(Suggestion {
            title: "Đèn đường hỏng".into(),
            content: "Phố Huế tối".into(),
            ..like("X", "2026-11-09")
        });
        let found = suggestions(
            "Chậm trả kết quả đăng ký khai sinh",
            "Nộp hồ sơ tại phường Hoàn Kiếm, quá hẹn hai tuần",
            candidates,
        );
        let codes: Vec<&str> = found.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["P7", "P6", "P5", "P4", "P3"]);
    }
}
