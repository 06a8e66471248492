use super::*;
use crate::calendar::TermUnit;
use crate::feedback::Category;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn official(role: Role, agency: &str) -> Official {
    Official { id: 7, name: "Lê Văn Cán".into(), email: "can@example.vn".into(), role, agency: agency.into() }
}

/// A case of the Department of Justice received on Monday 16 November 2026 (the linking tests
/// use it too).
pub(super) fn handling(status: CaseStatus) -> Handling {
    Handling {
        status,
        agency: "STP".into(),
        assignee: None,
        received_on: d("2026-11-16"),
        classify_due: d("2026-11-23"),
        answer_term: ANSWER,
        answer_due: d("2026-12-07"),
        paused_on: None,
        publish_due: None,
        progress_due: None,
        answer: None,
        public_title: None,
        public_content: None,
        published_at: None,
        answer_days: None,
        version: 1,
        lead: None,
    }
}

fn run(role: Role, status: CaseStatus, action: Action, today: &str) -> Result<Handling, WorkflowError> {
    let calendar = Calendar::default();
    let term_of = |_: &str| Term { amount: 15, unit: TermUnit::WorkingDays };
    let today = d(today);
    let ctx = Context { calendar: &calendar, now: Utc::now(), today, term_of: &term_of };
    apply(&official(role, "STP"), &handling(status), &action, &ctx)
}

#[test]
fn scope_officers_and_leads_see_their_agency_the_coordinator_everything_admins_no_cases() {
    assert!(official(Role::Officer, "STP").sees("STP"));
    assert!(!official(Role::Officer, "STP").sees("SYT"));
    assert!(!official(Role::Lead, "STP").sees("SYT"));
    assert!(official(Role::Coordinator, "VP").sees("SYT"));
    assert!(!official(Role::Admin, "VP").sees("VP"));
    let calendar = Calendar::default();
    let term_of = |_: &str| ANSWER;
    let ctx = Context { calendar: &calendar, now: Utc::now(), today: d("2026-11-17"), term_of: &term_of };
    let other = Handling { agency: "SYT".into(), ..handling(CaseStatus::Received) };
    assert_eq!(apply(&official(Role::Lead, "STP"), &other, &Action::Accept, &ctx), Err(WorkflowError::NotPermitted));
}

#[test]
fn the_whole_life_cycle_with_a_returned_draft() {
    let calendar = Calendar::default();
    let term_of = |_: &str| ANSWER;
    let ctx = |today: &str| Context { calendar: &calendar, now: Utc::now(), today: d(today), term_of: &term_of };
    let officer = official(Role::Officer, "STP");
    let lead = official(Role::Lead, "STP");
    let mut h = handling(CaseStatus::Received);
    for (who, action, today, status) in [
        (&officer, Action::Accept, "2026-11-17", CaseStatus::InProgress),
        (&officer, Action::Claim, "2026-11-17", CaseStatus::InProgress),
        (&officer, Action::DraftAnswer { text: "Trả lời".into() }, "2026-11-20", CaseStatus::AnswerDrafted),
        (&lead, Action::Return { reason: "Chưa trả lời đúng câu hỏi".into() }, "2026-11-23", CaseStatus::InProgress),
        (&officer, Action::DraftAnswer { text: "Trả lời đầy đủ".into() }, "2026-11-24", CaseStatus::AnswerDrafted),
        (&lead, Action::Approve, "2026-11-25", CaseStatus::AnswerApproved),
        (&officer, Action::Publish, "2026-11-26", CaseStatus::Published),
        (&officer, Action::Close, "2026-11-30", CaseStatus::Closed),
    ] {
        h = apply(who, &h, &action, &ctx(today)).unwrap_or_else(|e| panic!("{action:?}: {e}"));
        assert_eq!(h.status, status, "{action:?}");
    }
    assert_eq!(h.assignee, Some(7));
    assert_eq!(h.answer.as_deref(), Some("Trả lời đầy đủ"));
    assert_eq!(h.version, 9);
    // Received Monday 16 Nov, published Thursday 26 Nov: 8 working days.
    assert_eq!(h.answer_days, Some(8));
}

#[test]
fn roles_and_states_are_enforced() {
    assert_eq!(
        run(Role::Officer, CaseStatus::AnswerDrafted, Action::Approve, "2026-11-20"),
        Err(WorkflowError::NotPermitted)
    );
    assert_eq!(run(Role::Lead, CaseStatus::Received, Action::Publish, "2026-11-20"), Err(WorkflowError::WrongState));
    assert_eq!(run(Role::Admin, CaseStatus::Received, Action::Accept, "2026-11-20"), Err(WorkflowError::NotPermitted));
    assert_eq!(
        run(Role::Officer, CaseStatus::InProgress, Action::DraftAnswer { text: "  ".into() }, "2026-11-20"),
        Err(WorkflowError::TextRequired)
    );
    assert_eq!(
        run(
            Role::Officer,
            CaseStatus::Received,
            Action::Transfer { to: "STP".into(), reason: "x".into(), public_note: String::new() },
            "2026-11-20"
        ),
        Err(WorkflowError::SameAgency)
    );
    assert_eq!(
        offered(Role::Officer, CaseStatus::Received),
        ["accept", "claim", "transfer", "refuse", "redact", "note"]
    );
    assert!(offered(Role::Lead, CaseStatus::AnswerDrafted).contains(&"approve"));
    assert!(offered(Role::Admin, CaseStatus::Received).is_empty());
}

#[test]
fn a_transfer_restarts_the_periods_at_the_competent_agency() {
    let h = run(
        Role::Officer,
        CaseStatus::Received,
        Action::Transfer {
            to: "SYT".into(), reason: "Thuộc thẩm quyền Sở Y tế".into(), public_note: String::new()
        },
        "2026-11-21", // a Saturday: received on Monday 23
    )
    .unwrap();
    assert_eq!((h.agency.as_str(), h.status, h.assignee), ("SYT", CaseStatus::Received, None));
    assert_eq!(h.received_on, d("2026-11-23"));
    assert_eq!(h.classify_due, d("2026-11-30"));
    assert_eq!(h.answer_term, Term { amount: 15, unit: TermUnit::WorkingDays });
    assert_eq!(h.answer_due, d("2026-12-14"));
}

#[test]
fn asking_for_information_pauses_the_clock_and_the_answer_moves_by_the_pause() {
    let calendar = Calendar::default();
    let h = run(
        Role::Officer,
        CaseStatus::InProgress,
        Action::RequestInformation { message: "Gửi biên nhận".into() },
        "2026-11-20",
    )
    .unwrap();
    assert_eq!((h.status, h.paused_on), (CaseStatus::AwaitingInformation, Some(d("2026-11-20"))));
    assert_eq!(h.governing_due(), None, "no deadline runs while paused");
    // Answered ten days later: 7 Dec moves ten days, to 17 Dec.
    let resumed = resume(&calendar, &h, d("2026-11-30"));
    assert_eq!((resumed.status, resumed.paused_on), (CaseStatus::InProgress, None));
    assert_eq!(resumed.answer_due, d("2026-12-17"));
    // In working days: paused Friday 20 Nov to Monday 30 Nov is 6 working days.
    let working = Handling { answer_term: Term { amount: 15, unit: TermUnit::WorkingDays }, ..h };
    assert_eq!(resume(&calendar, &working, d("2026-11-30")).answer_due, d("2026-12-15"));
}

#[test]
fn approval_sets_the_publication_date_and_lateness_the_progress_updates() {
    // Approved on Friday 4 Dec 2026: publish by Tuesday 8 Dec.
    let h = run(Role::Lead, CaseStatus::AnswerDrafted, Action::Approve, "2026-12-04").unwrap();
    assert_eq!(h.publish_due, Some(d("2026-12-08")));
    // Late on 10 Dec (answer due 7 Dec): the first progress update is due 14 Dec.
    let h = run(Role::Officer, CaseStatus::InProgress, Action::Note { text: "Đang xin ý kiến".into() }, "2026-12-10")
        .unwrap();
    assert_eq!(h.progress_due, Some(d("2026-12-14")));
    let h = run(
        Role::Officer,
        CaseStatus::InProgress,
        Action::ProgressUpdate { text: "Đang lấy ý kiến Sở Xây dựng".into() },
        "2026-12-10",
    )
    .unwrap();
    assert_eq!(h.progress_due, Some(d("2026-12-17")));
}

#[test]
fn deadline_states() {
    let calendar = Calendar::default();
    let due = d("2026-12-07"); // a Monday
    let state = |today: &str| deadline_state(&calendar, d(today), due, ANSWER);
    assert_eq!(state("2026-12-01"), DeadlineState::OnTime);
    assert_eq!(state("2026-12-03"), DeadlineState::DueSoon, "Thursday: Friday and Monday left");
    assert_eq!(state("2026-12-07"), DeadlineState::DueSoon);
    assert_eq!(state("2026-12-08"), DeadlineState::Overdue);
    assert_eq!(state("2026-12-27"), DeadlineState::Overdue, "20 days late");
    assert_eq!(state("2026-12-28"), DeadlineState::VeryOverdue, "late by more than the term");
    assert_eq!(due_soon_until(&calendar, d("2026-12-03")), d("2026-12-07"));
}

#[test]
fn answer_terms_most_specific_first() {
    let wd = |n| Term { amount: n, unit: TermUnit::WorkingDays };
    let rules = vec![
        TermRule { agency: None, category: Some(Category::Proposal), term: wd(30) },
        TermRule { agency: Some("STP".into()), category: None, term: wd(15) },
        TermRule { agency: Some("STP".into()), category: Some(Category::Proposal), term: wd(25) },
    ];
    assert_eq!(answer_term(&rules, "STP", Category::Proposal), wd(25));
    assert_eq!(answer_term(&rules, "STP", Category::Other), wd(15));
    assert_eq!(answer_term(&rules, "SYT", Category::Proposal), wd(30));
    assert_eq!(answer_term(&rules, "SYT", Category::Other), ANSWER);
}
