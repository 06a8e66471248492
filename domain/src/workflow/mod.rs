//! A case in officials' hands: who may see it, what each role may do to it, how each action moves
//! it through the life cycle (PRODUCT.md, DOMAIN.md §1.4), and the legal dates that move with it.
//!
//! [`apply`] is a pure function from the case's current [`Handling`] and an [`Action`] to the new
//! handling and the event that records the change; storage only writes the result, guarded by
//! the version it was computed from, so two officials acting at once cannot both win. Who acts
//! (`officials`), why a case is not accepted (`refusal`) and the legal dates (`deadlines`) are
//! rooms of their own.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, Term};
use crate::feedback::CaseStatus;

mod deadlines;
pub mod linking;
mod officials;
pub mod oversight;
mod reexamination;
mod refusal;
#[cfg(test)]
mod tests;

pub use deadlines::{
    ANSWER, CLASSIFY, DeadlineState, PROGRESS_EVERY, PUBLISH, TermRule, answer_term, deadline_state, due_soon_until,
    extend_by_pause, listed_state,
};
pub use officials::{Official, Role};
pub use reexamination::{NotReexaminable, ReexaminationPolicy, reexaminable, reexamine};
pub use refusal::Refusal;

/// The reason a submitter gives for asking for an answer to be examined again, checked.
pub use reexamination::reason as reexamination_reason;
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
    /// Links the case under another about the same matter (by code): answered with it.
    Link {
        lead: String,
    },
    /// Takes the case out from under the one it was linked to.
    Unlink,
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
            Action::Link { .. } => "link",
            Action::Unlink => "unlink",
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
            Action::Link { .. } | Action::Unlink => &[Received, InProgress, AwaitingInformation, AnswerDrafted],
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Working days from `received_on` to the publication, counted on publication: how long the
    /// answer took, in the record.
    #[serde(default)]
    pub answer_days: Option<u32>,
    /// Bumped by every change; a change computed from an older version is refused.
    pub version: i64,
    /// The code of the case this one is linked under (the same matter, raised earlier): its
    /// answer is this case's answer.
    #[serde(default)]
    pub lead: Option<String>,
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
    /// The case cannot be linked under that one (see [`linking::linkable`]).
    #[error("the cases cannot be linked so")]
    CannotLink,
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
            let days = ctx.calendar.working_days_between(handling.received_on, ctx.today);
            next.answer_days = Some(u32::try_from(days).unwrap_or(0));
            next.progress_due = None;
        }
        Action::Close => next.status = CaseStatus::Closed,
        Action::Note { text } | Action::ConfirmNotPersonal { text } => required(text)?,
        Action::Link { lead } => next.lead = Some(lead.trim().to_owned()),
        Action::Unlink if handling.lead.is_none() => return Err(WorkflowError::WrongState),
        Action::Unlink => next.lead = None,
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
