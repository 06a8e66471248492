//! Officials' actions on cases: scope first (a case the official may not see does not exist for
//! them), then the life-cycle rules of [`workflow::apply`], then one transaction that writes the
//! new handling, its event and the e-mails it causes.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use civicdesk_domain::calendar::local_day;
use civicdesk_domain::cases::{CaseRecord, EventKind, OutgoingMail};
use civicdesk_domain::feedback::{CaseCode, CaseStatus, FieldError};
use civicdesk_domain::privacy::{Finding, Place};
use civicdesk_domain::queue::HandlingChange;
use civicdesk_domain::rating::Rating;
use civicdesk_domain::store::{Store, StoreError};
use civicdesk_domain::text::search_text;
use civicdesk_domain::workflow::{self, Action, Handling, NotReexaminable, Official, WorkflowError, linking};
use tokio::sync::Notify;

use crate::calendar::Calendars;
use crate::mail::Composer;

#[derive(Debug, thiserror::Error)]
pub enum ActError {
    /// No such case, or one the official may not see: the same answer for both.
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Rule(#[from] WorkflowError),
    /// The assignee or the agency named does not exist (or is outside the case's agency).
    #[error("unknown assignee or agency")]
    Unknown,
    /// Someone changed the case meanwhile; the page shows it as it is now.
    #[error("the case changed meanwhile")]
    Conflict,
    /// What would be published holds what looks like personal data: redact it, or confirm
    /// that a number found is not personal.
    #[error("personal data in what would be published")]
    PersonalData(Vec<Finding>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a request for re-examination was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ReexamineError {
    /// The reason is missing or not acceptable.
    #[error("the reason has errors")]
    Invalid(Vec<FieldError>),
    #[error("the case cannot be examined again: {0:?}")]
    Not(NotReexaminable),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Officials' work on cases: each action checked against their scope and the case's life cycle.
pub struct CaseWork {
    store: Arc<dyn Store>,
    calendars: Arc<Calendars>,
    composer: Composer,
    outbox: Arc<Notify>,
}

impl CaseWork {
    pub fn new(store: Arc<dyn Store>, calendars: Arc<Calendars>, composer: Composer, outbox: Arc<Notify>) -> Self {
        CaseWork { store, calendars, composer, outbox }
    }

    /// A case as an official may see it, or `None` (missing or outside their scope).
    pub async fn case_for(&self, official: &Official, code: &str) -> Result<Option<CaseRecord>, StoreError> {
        let Some(code) = CaseCode::parse(code) else { return Ok(None) };
        Ok(self.store.case_by_code(&code).await?.filter(|case| official.sees(&case.handling.agency)))
    }

    /// Takes `action` on the case with `code` as `official`.
    pub async fn act(
        &self,
        official: &Official,
        code: &str,
        action: &Action,
        now: DateTime<Utc>,
    ) -> Result<(), ActError> {
        let case = self.case_for(official, code).await?.ok_or(ActError::NotFound)?;
        // A link names its lead by code as stored, and only one this official sees.
        let linked;
        let action = match action {
            Action::Link { lead } => {
                let lead = self.case_for(official, lead).await?.ok_or(ActError::Unknown)?;
                linking::linkable(
                    case.code.as_str(),
                    &case.handling,
                    case.followers,
                    lead.code.as_str(),
                    &lead.handling,
                )?;
                linked = Action::Link { lead: lead.code.to_string() };
                &linked
            }
            _ => action,
        };
        match action {
            Action::Assign { to } => {
                let assignee = self.store.official(*to).await?.ok_or(ActError::Unknown)?;
                if assignee.agency != case.handling.agency || !assignee.handles_cases() {
                    return Err(ActError::Unknown);
                }
            }
            Action::Transfer { to, .. } if self.store.agency_ref(to).await?.is_none() => {
                return Err(ActError::Unknown);
            }
            _ => {}
        }
        // Nothing personal is approved for publication, published, or written into a
        // transfer's public sentence.
        let found = match action {
            Action::Approve | Action::Publish => case.personal_findings(),
            Action::Transfer { public_note, .. } => case.personal_in([(Place::TransferNote, public_note.as_str())]),
            // Rewritten transfer sentences are public at once.
            Action::Redact { transfer_notes, .. } => {
                case.personal_in(transfer_notes.iter().map(|(_, note)| (Place::TransferNote, note.as_str())))
            }
            _ => Vec::new(),
        };
        if !found.is_empty() {
            return Err(ActError::PersonalData(found));
        }
        let rules = self.store.term_rules().await?;
        // The rules run without awaiting anything: the context borrows what is not `Send`.
        let after = {
            let calendar = self.calendars.current();
            let term_of = |agency: &str| workflow::answer_term(&rules, agency, case.category);
            let ctx = workflow::Context { calendar: &calendar, now, today: local_day(now), term_of: &term_of };
            workflow::apply(official, &case.handling, action, &ctx)?
        };
        let event = event_of(&case.handling, &after, action);
        let mut mails = self.mails_for(&case, &after, action);
        mails.extend(self.mails_to_staff(official, &case, &after, action).await?);
        self.write(&case, &after, event, official.id.to_string(), now, mails).await?;
        if matches!(action, Action::Publish) && case.followers > 0 {
            self.publish_linked(official, &case, &after, now).await?;
        }
        Ok(())
    }

    /// The lead case's answer, just published, published for each case linked under it: with
    /// the lead's public wording, each case's own dates, and an e-mail to each submitter with
    /// their own code. A linked case changed meanwhile, or no longer open, is left as it is.
    async fn publish_linked(
        &self,
        official: &Official,
        lead: &CaseRecord,
        published: &Handling,
        now: DateTime<Utc>,
    ) -> Result<(), ActError> {
        let answer = published.answer.clone().unwrap_or_default();
        let title = published.public_title.clone().unwrap_or_else(|| lead.title.clone());
        let content = published.public_content.clone().unwrap_or_else(|| lead.content.clone());
        for code in self.store.linked_under(lead.code.as_str()).await? {
            let Some(case) = self.case_for(official, &code).await? else { continue };
            if !case.status().is_open() {
                continue;
            }
            let after = linking::answered_with_lead(
                &self.calendars.current(),
                &case.handling,
                &answer,
                (&title, &content),
                now,
                local_day(now),
            );
            let mails = self.composer.answer_published(&case, &answer);
            let event = EventKind::Published { answer: answer.clone() };
            match self.write(&case, &after, event, official.id.to_string(), now, mails).await {
                Ok(()) | Err(ActError::Conflict) => {}
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }

    /// Open cases that read as the same matter as `case`: of its agency or procedure, linked
    /// under none, the latest first.
    pub async fn same_matter(&self, case: &CaseRecord) -> Result<Vec<linking::Suggestion>, StoreError> {
        let procedure = case.procedure.as_ref().map(|p| p.code.as_str());
        let near = self.store.open_near(&case.handling.agency, procedure, case.id, linking::COMPARED).await?;
        let near = near.into_iter().filter(|c| case.handling.lead.as_deref() != Some(c.code.as_str())).collect();
        Ok(linking::suggestions(&case.title, &case.content, near))
    }

    /// Assigns several cases at once (the queue's bulk action); returns how many were assigned.
    pub async fn assign_many(
        &self,
        official: &Official,
        codes: &[String],
        to: i64,
        now: DateTime<Utc>,
    ) -> Result<usize, ActError> {
        let mut done = 0;
        for code in codes {
            match self.act(official, code, &Action::Assign { to }, now).await {
                Ok(()) => done += 1,
                Err(ActError::NotFound | ActError::Rule(_) | ActError::Conflict | ActError::Unknown) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(done)
    }

    /// The submitter answered a request for information: the clock runs again, the answer date
    /// moved by the time it stood still.
    pub async fn resume(&self, case: &CaseRecord, now: DateTime<Utc>) -> Result<(), ActError> {
        if case.handling.status != CaseStatus::AwaitingInformation {
            return Ok(());
        }
        let mut after = workflow::resume(&self.calendars.current(), &case.handling, local_day(now));
        after.version += 1;
        self.write(case, &after, EventKind::Resumed, "submitter".into(), now, Vec::new()).await
    }

    /// Whether the submitter may ask now for the case's answer to be examined again: the last day
    /// to ask, or why not.
    pub async fn reexamination_window(
        &self,
        case: &CaseRecord,
        now: DateTime<Utc>,
    ) -> Result<Result<NaiveDate, NotReexaminable>, StoreError> {
        let policy = self.store.reexamination_policy().await?;
        let asked = case.reexamination_asked();
        Ok(workflow::reexaminable(&case.handling, case.rating.as_ref(), asked, policy, local_day(now)))
    }

    /// The dissatisfied submitter asks for the answer to be examined again: the case goes back to
    /// the agency's leads with its own deadline, and the submitter and the leads are told the new
    /// date. The new date, or why not.
    pub async fn reexamine(
        &self,
        case: &CaseRecord,
        typed_reason: &str,
        now: DateTime<Utc>,
    ) -> Result<NaiveDate, ReexamineError> {
        let reason = workflow::reexamination_reason(typed_reason).map_err(ReexamineError::Invalid)?;
        let policy = self.store.reexamination_policy().await?;
        let today = local_day(now);
        workflow::reexaminable(&case.handling, case.rating.as_ref(), case.reexamination_asked(), policy, today)
            .map_err(ReexamineError::Not)?;
        let after = workflow::reexamine(&self.calendars.current(), &case.handling, policy, today);
        let due = after.answer_due;
        let leads = self.leads_of(&case.handling.agency).await?;
        let mut mails = self.composer.reexamination_requested(case, due);
        mails.extend(self.composer.reexamination_to_leads(case, &leads, due, &reason));
        let event = EventKind::ReexaminationRequested { reason, due };
        match self.write(case, &after, event, "submitter".into(), now, mails).await {
            Ok(()) => Ok(due),
            Err(ActError::Store(e)) => Err(ReexamineError::Store(e)),
            // Changed meanwhile (an official closed it, or the same request twice): not again.
            Err(_) => Err(ReexamineError::Not(NotReexaminable::AlreadyAsked)),
        }
    }

    /// The submitter's rating of the published answer.
    pub async fn rate(&self, case: &CaseRecord, rating: &Rating, now: DateTime<Utc>) -> Result<bool, StoreError> {
        self.store.rate_case(case.id, rating, now).await
    }

    async fn write(
        &self,
        case: &CaseRecord,
        after: &Handling,
        event: EventKind,
        actor: String,
        now: DateTime<Utc>,
        mails: Vec<OutgoingMail>,
    ) -> Result<(), ActError> {
        // What the public reads: the answer as published, or, while it is examined again, the
        // one published before (a new draft is not public).
        let answered = after.status.public() == civicdesk_domain::feedback::PublicStatus::Answered;
        let public_answer = if answered { after.answer.as_deref() } else { case.published_answer() };
        let public_search = match public_answer {
            Some(answer) if after.published_at.is_some() => {
                let title = after.public_title.as_deref().unwrap_or(&case.title);
                let content = after.public_content.as_deref().unwrap_or(&case.content);
                search_text(&format!("{title} {content} {answer}"))
            }
            _ => String::new(),
        };
        let change = HandlingChange {
            case_id: case.id,
            before: &case.handling,
            after,
            event,
            actor,
            at: now,
            mails,
            public_search,
        };
        if !self.store.change_handling(&change).await? {
            return Err(ActError::Conflict);
        }
        if !change.mails.is_empty() {
            self.outbox.notify_one();
        }
        Ok(())
    }

    async fn leads_of(&self, agency: &str) -> Result<Vec<Official>, StoreError> {
        let officials = self.store.officials_of(agency).await?;
        Ok(officials.into_iter().filter(|o| o.role == workflow::Role::Lead).collect())
    }

    /// What the officials who must act next are told: the receiving agency's leads of a
    /// transfer, the official a case was assigned to (unless they assigned it themselves).
    async fn mails_to_staff(
        &self,
        official: &Official,
        case: &CaseRecord,
        after: &Handling,
        action: &Action,
    ) -> Result<Vec<OutgoingMail>, StoreError> {
        Ok(match action {
            Action::Transfer { to, reason, .. } => match self.store.agency_ref(to).await? {
                Some(agency) => {
                    let leads = self.leads_of(&agency.code).await?;
                    self.composer.transfer_to_leads(case, &leads, &agency.name, reason, after.classify_due)
                }
                None => Vec::new(),
            },
            Action::Assign { to } if *to != official.id => match self.store.official(*to).await? {
                Some(assignee) => self.composer.assigned(case, &assignee, &official.name, after.answer_due),
                None => Vec::new(),
            },
            _ => Vec::new(),
        })
    }

    /// What the submitter is told: a request for information, a progress update, the answer.
    fn mails_for(&self, case: &CaseRecord, after: &Handling, action: &Action) -> Vec<OutgoingMail> {
        match action {
            Action::RequestInformation { message } => self.composer.information_requested(case, message),
            Action::ProgressUpdate { text } => self.composer.progress_update(case, text),
            Action::Publish => self.composer.answer_published(case, after.answer.as_deref().unwrap_or_default()),
            Action::Refuse { refusal, note } => self.composer.refused(case, refusal, note),
            _ => Vec::new(),
        }
    }
}

/// The event recording `action` on a case whose handling was `before`.
fn event_of(before: &Handling, after: &Handling, action: &Action) -> EventKind {
    match action.clone() {
        Action::Accept => EventKind::Accepted,
        Action::Refuse { refusal, note } => EventKind::Refused { refusal, note },
        Action::Transfer { to, reason, public_note } => EventKind::Transferred {
            from: before.agency.clone(),
            to,
            reason,
            public_note: public_note.trim().to_owned(),
        },
        Action::Assign { to } => EventKind::Assigned { to },
        Action::Claim => EventKind::Assigned { to: after.assignee.unwrap_or_default() },
        Action::RequestInformation { message } => EventKind::InformationRequested { message },
        Action::ProgressUpdate { text } => EventKind::ProgressUpdated { text },
        Action::DraftAnswer { text } => EventKind::AnswerDrafted { text },
        Action::Approve => EventKind::AnswerApproved,
        Action::Return { reason } => EventKind::AnswerReturned { reason },
        Action::Publish => EventKind::Published { answer: before.answer.clone().unwrap_or_default() },
        Action::Close => EventKind::Closed,
        Action::Note { text } => EventKind::Noted { text },
        Action::Redact { transfer_notes, .. } => EventKind::Redacted {
            transfer_notes: transfer_notes.into_iter().map(|(id, note)| (id, note.trim().to_owned())).collect(),
        },
        Action::ConfirmNotPersonal { text } => EventKind::NotPersonalConfirmed { text: text.trim().to_owned() },
        Action::Link { lead } => EventKind::Linked { lead },
        Action::Unlink => EventKind::Unlinked { lead: before.lead.clone().unwrap_or_default() },
    }
}
