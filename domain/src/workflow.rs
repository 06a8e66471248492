//! A case in officials' hands: who may see it, what each role may do to it, how each action moves
//! it through the life cycle (PRODUCT.md, DOMAIN.md §1.4), and the legal dates that move with it.
//!
//! [`apply`] is a pure function from the case's current [`Handling`] and an [`Action`] to the new
//! handling and the event that records the change; storage only writes the result, guarded by
//! the version it was computed from, so two officials acting at once cannot both win.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, Term, TermUnit};
use crate::feedback::{CaseStatus, Category};

/// What an official account may do (vai trò).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Chuyên viên: handles the cases of their agency.
    Officer,
    /// Lãnh đạo: assigns, approves answers, sees everything of their agency.
    Lead,
    /// The coordinating office: sees and routes everything, chases late agencies.
    Coordinator,
    /// Quản trị: agencies, accounts, routing rules, the holiday calendar. Handles no cases.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Officer, Role::Lead, Role::Coordinator, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Lead => "lead",
            Role::Coordinator => "coordinator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A signed-in official, as the rules need them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Official {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// Code of the agency the account belongs to.
    pub agency: String,
}

impl Official {
    /// Whether this official may see (and so act on) a case handled by `case_agency`. Everything
    /// else about a case the official may not see answers "not found".
    pub fn sees(&self, case_agency: &str) -> bool {
        match self.role {
            Role::Coordinator => true,
            Role::Officer | Role::Lead => self.agency == case_agency,
            Role::Admin => false,
        }
    }

    /// Whether the queue is open to this official at all.
    pub fn handles_cases(&self) -> bool {
        self.role != Role::Admin
    }
}

/// Why a case is not accepted (DOMAIN.md §1.2–1.3). Lack of competence is never one: that is a
/// transfer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Refusal {
    /// Fails the legal requirements of a submission (Decree 20 Art. 7).
    Requirements,
    /// A complaint: the submitter is guided to the Law on Complaints' channel.
    Complaint,
    /// A denunciation: guided to the Law on Denunciations' channel.
    Denunciation,
    /// The same matter as another case, which is handled instead.
    Duplicate { of: String },
}

impl Refusal {
    pub fn as_str(&self) -> &'static str {
        match self {
            Refusal::Requirements => "requirements",
            Refusal::Complaint => "complaint",
            Refusal::Denunciation => "denunciation",
            Refusal::Duplicate { .. } => "duplicate",
        }
    }
}

/// What an official can do to a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    Accept,
    Refuse {
        refusal: Refusal,
        note: String,
    },
    /// To the competent agency (by code), with the reason (internal) and the sentence the
    /// public timeline shows for it (may be empty).
    Transfer {
        to: String,
        reason: String,
        #[serde(default)]
        public_note: String,
    },
    /// Gives the case to an official of its agency (by account id).
    Assign {
        to: i64,
    },
    /// Takes the case oneself.
    Claim,
    /// Asks the submitter for more; the clock stops until they answer.
    RequestInformation {
        message: String,
    },
    /// Tells the submitter how far the handling has got (due every 7 days once late).
    ProgressUpdate {
        text: String,
    },
    DraftAnswer {
        text: String,
    },
    Approve,
    /// The lead (or the coordinating office) sends the draft back for rework.
    Return {
        reason: String,
    },
    Publish,
    Close,
    /// An internal note, for staff only.
    Note {
        text: String,
    },
    /// The question as the public will read it, with personal details taken out, and the
    /// public sentences of transfers rewritten (by the transfer event's id).
    Redact {
        title: String,
        content: String,
        #[serde(default)]
        transfer_notes: Vec<(i64, String)>,
    },
    /// Records that a number or address found in what will be published is not personal (an
    /// agency's hotline, say), so it no longer stops the answer.
    ConfirmNotPersonal {
        text: String,
    },
}

impl Action {
    pub fn as_str(&self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::Refuse { .. } => "refuse",
            Action::Transfer { .. } => "transfer",
            Action::Assign { .. } => "assign",
            Action::Claim => "claim",
            Action::RequestInformation { .. } => "request_information",
            Action::ProgressUpdate { .. } => "progress_update",
            Action::DraftAnswer { .. } => "draft_answer",
            Action::Approve => "approve",
            Action::Return { .. } => "return",
            Action::Publish => "publish",
            Action::Close => "close",
            Action::Note { .. } => "note",
            Action::Redact { .. } => "redact",
            Action::ConfirmNotPersonal { .. } => "confirm_not_personal",
        }
    }

    /// Whether `role` may take this action at all (on a case it sees).
    pub fn permitted(&self, role: Role) -> bool {
        use Role::*;
        let roles: &[Role] = match self {
            Action::Assign { .. } | Action::Approve | Action::Return { .. } => &[Lead, Coordinator],
            Action::Claim | Action::DraftAnswer { .. } => &[Officer, Lead],
            _ => &[Officer, Lead, Coordinator],
        };
        roles.contains(&role)
    }

    /// The statuses a case may be in for this action.
    fn from(&self) -> &'static [CaseStatus] {
        use CaseStatus::*;
        match self {
            Action::Accept => &[Received],
            Action::Refuse { .. } | Action::Transfer { .. } => &[Received, InProgress],
            Action::Assign { .. } | Action::Claim => {
                &[Received, InProgress, AwaitingInformation, AnswerDrafted, AnswerApproved]
            }
            Action::RequestInformation { .. } => &[InProgress],
            Action::ProgressUpdate { .. } => &[InProgress, AwaitingInformation, AnswerDrafted, AnswerApproved],
            Action::DraftAnswer { .. } => &[InProgress, AnswerDrafted],
            Action::Approve => &[AnswerDrafted],
            Action::Return { .. } => &[AnswerDrafted, AnswerApproved],
            Action::Publish => &[AnswerApproved],
            Action::Close => &[Published],
            Action::Note { .. } => &CaseStatus::ALL,
            Action::Redact { .. } | Action::ConfirmNotPersonal { .. } => {
                &[Received, InProgress, AwaitingInformation, AnswerDrafted, AnswerApproved, Published, Closed]
            }
        }
    }

    /// Whether a case in `status` can take this action.
    pub fn allowed_in(&self, status: CaseStatus) -> bool {
        self.from().contains(&status)
    }
}

/// The actions offered on a case page, in the order shown.
pub fn offered(role: Role, status: CaseStatus) -> Vec<&'static str> {
    let samples = [
        Action::Accept,
        Action::Claim,
        Action::Assign { to: 0 },
        Action::DraftAnswer { text: String::new() },
        Action::Approve,
        Action::Return { reason: String::new() },
        Action::Publish,
        Action::Close,
        Action::RequestInformation { message: String::new() },
        Action::ProgressUpdate { text: String::new() },
        Action::Transfer { to: String::new(), reason: String::new(), public_note: String::new() },
        Action::Refuse { refusal: Refusal::Requirements, note: String::new() },
        Action::Redact { title: String::new(), content: String::new(), transfer_notes: Vec::new() },
        Action::Note { text: String::new() },
    ];
    samples.iter().filter(|a| a.permitted(role) && a.allowed_in(status)).map(Action::as_str).collect()
}

/// The part of a case that handling changes, with the legal dates as stored. Dates are local
/// (UTC+7) days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handling {
    pub status: CaseStatus,
    /// The responsible agency's code.
    pub agency: String,
    pub assignee: Option<i64>,
    /// The working day the current agency's periods count from.
    pub received_on: NaiveDate,
    /// Classify (accept, refuse or transfer) by this day.
    pub classify_due: NaiveDate,
    pub answer_term: Term,
    /// Answer by this day; moved by pauses.
    pub answer_due: NaiveDate,
    /// The day the clock stopped, while waiting for the submitter.
    pub paused_on: Option<NaiveDate>,
    /// Publish by this day, once the answer is approved.
    pub publish_due: Option<NaiveDate>,
    /// The next progress update is due by this day, once the answer is late.
    pub progress_due: Option<NaiveDate>,
    pub answer: Option<String>,
    /// The question as published, when an official redacted it.
    pub public_title: Option<String>,
    pub public_content: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    /// Bumped by every change; a change computed from an older version is refused.
    pub version: i64,
}

/// What [`apply`] needs to know besides the case.
pub struct Context<'a> {
    pub calendar: &'a Calendar,
    pub now: DateTime<Utc>,
    /// Today, local time.
    pub today: NaiveDate,
    /// The answer term of the agency a transfer goes to.
    pub term_of: &'a dyn Fn(&str) -> Term,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("this role may not do that")]
    NotPermitted,
    #[error("the case is not in a state for that")]
    WrongState,
    /// A required text (reason, answer, message) is empty.
    #[error("a text is required")]
    TextRequired,
    #[error("the case is already with that agency")]
    SameAgency,
}

/// Who and what a change touched, for the event's before-and-after record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub status: CaseStatus,
    pub agency: String,
    pub assignee: Option<i64>,
}

impl Handling {
    pub fn snapshot(&self) -> Snapshot {
        Snapshot { status: self.status, agency: self.agency.clone(), assignee: self.assignee }
    }

    /// The date that matters now: classification while received, the answer while it is being
    /// prepared, publication once approved; none while paused or finished.
    pub fn governing_due(&self) -> Option<NaiveDate> {
        match self.status {
            CaseStatus::Received => Some(self.classify_due),
            CaseStatus::InProgress | CaseStatus::AnswerDrafted => Some(self.answer_due),
            CaseStatus::AnswerApproved => self.publish_due,
            _ => None,
        }
    }

    /// Where the case stands against its governing date on `today`.
    pub fn deadline_state(&self, calendar: &Calendar, today: NaiveDate) -> Option<DeadlineState> {
        let due = self.governing_due()?;
        let term = match self.status {
            CaseStatus::Received => CLASSIFY,
            CaseStatus::AnswerApproved => PUBLISH,
            _ => self.answer_term,
        };
        Some(deadline_state(calendar, today, due, term))
    }
}

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

/// Ends a pause (the submitter answered): the answer date moves by the time paused.
pub fn resume(calendar: &Calendar, handling: &Handling, today: NaiveDate) -> Handling {
    let mut next = handling.clone();
    if let Some(paused_on) = handling.paused_on {
        next.answer_due = extend_by_pause(calendar, handling.answer_due, paused_on, today, handling.answer_term.unit);
        next.paused_on = None;
        next.status = CaseStatus::InProgress;
    }
    next
}

fn required(text: &str) -> Result<(), WorkflowError> {
    if text.trim().is_empty() { Err(WorkflowError::TextRequired) } else { Ok(()) }
}

/// Applies `action` by `official` to a case: the new handling, or why not. The caller has
/// checked that the official sees the case, and that an assignee belongs to its agency.
pub fn apply(
    official: &Official,
    handling: &Handling,
    action: &Action,
    ctx: &Context,
) -> Result<Handling, WorkflowError> {
    if !official.sees(&handling.agency) || !action.permitted(official.role) {
        return Err(WorkflowError::NotPermitted);
    }
    if !action.allowed_in(handling.status) {
        return Err(WorkflowError::WrongState);
    }
    let mut next = handling.clone();
    next.version += 1;
    match action {
        Action::Accept => next.status = CaseStatus::InProgress,
        Action::Refuse { refusal, note } => {
            // Complaints and denunciations get the standard guidance; the others say what is wrong.
            match refusal {
                Refusal::Requirements => required(note)?,
                Refusal::Duplicate { of } => required(of)?,
                Refusal::Complaint | Refusal::Denunciation => {}
            }
            next.status = CaseStatus::Refused;
        }
        Action::Transfer { to, reason, .. } => {
            required(reason)?;
            if *to == handling.agency {
                return Err(WorkflowError::SameAgency);
            }
            // The competent agency's own periods count from the day it receives the case.
            let received_on = ctx.calendar.working_day_from(ctx.today);
            next.agency = to.clone();
            next.assignee = None;
            next.status = CaseStatus::Received;
            next.received_on = received_on;
            next.classify_due = ctx.calendar.due(received_on, CLASSIFY);
            next.answer_term = (ctx.term_of)(to);
            next.answer_due = ctx.calendar.due(received_on, next.answer_term);
            next.progress_due = None;
        }
        Action::Assign { to } => next.assignee = Some(*to),
        Action::Claim => next.assignee = Some(official.id),
        Action::RequestInformation { message } => {
            required(message)?;
            next.status = CaseStatus::AwaitingInformation;
            next.paused_on = Some(ctx.today);
        }
        Action::ProgressUpdate { text } => {
            required(text)?;
            if ctx.today > handling.answer_due {
                next.progress_due = Some(ctx.calendar.due(ctx.today, PROGRESS_EVERY));
            }
        }
        Action::DraftAnswer { text } => {
            required(text)?;
            next.status = CaseStatus::AnswerDrafted;
            next.answer = Some(text.trim().to_owned());
        }
        Action::Approve => {
            next.status = CaseStatus::AnswerApproved;
            next.publish_due = Some(ctx.calendar.due(ctx.today, PUBLISH));
        }
        Action::Return { reason } => {
            required(reason)?;
            next.status = CaseStatus::InProgress;
            next.publish_due = None;
        }
        Action::Publish => {
            next.status = CaseStatus::Published;
            next.published_at = Some(ctx.now);
            next.progress_due = None;
        }
        Action::Close => next.status = CaseStatus::Closed,
        Action::Note { text } | Action::ConfirmNotPersonal { text } => required(text)?,
        Action::Redact { title, content, .. } => {
            required(title)?;
            required(content)?;
            next.public_title = Some(title.trim().to_owned());
            next.public_content = Some(content.trim().to_owned());
        }
    }
    // Once the answer is late, progress updates fall due every 7 days.
    if next.status.is_open() && next.paused_on.is_none() && next.progress_due.is_none() && ctx.today > next.answer_due {
        next.progress_due = Some(ctx.calendar.due(next.answer_due, PROGRESS_EVERY));
    }
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn official(role: Role, agency: &str) -> Official {
        Official { id: 7, name: "Lê Văn Cán".into(), email: "can@example.vn".into(), role, agency: agency.into() }
    }

    fn handling(status: CaseStatus) -> Handling {
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
            version: 1,
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
        assert_eq!(
            apply(&official(Role::Lead, "STP"), &other, &Action::Accept, &ctx),
            Err(WorkflowError::NotPermitted)
        );
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
            (
                &lead,
                Action::Return { reason: "Chưa trả lời đúng câu hỏi".into() },
                "2026-11-23",
                CaseStatus::InProgress,
            ),
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
    }

    #[test]
    fn roles_and_states_are_enforced() {
        assert_eq!(
            run(Role::Officer, CaseStatus::AnswerDrafted, Action::Approve, "2026-11-20"),
            Err(WorkflowError::NotPermitted)
        );
        assert_eq!(
            run(Role::Lead, CaseStatus::Received, Action::Publish, "2026-11-20"),
            Err(WorkflowError::WrongState)
        );
        assert_eq!(
            run(Role::Admin, CaseStatus::Received, Action::Accept, "2026-11-20"),
            Err(WorkflowError::NotPermitted)
        );
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
                to: "SYT".into(),
                reason: "Thuộc thẩm quyền Sở Y tế".into(),
                public_note: String::new(),
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
        let h =
            run(Role::Officer, CaseStatus::InProgress, Action::Note { text: "Đang xin ý kiến".into() }, "2026-12-10")
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
}
