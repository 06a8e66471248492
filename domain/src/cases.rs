//! Cases as stored and shown: what a submission writes in one transaction, what the submitter
//! and the public may read back, events, attachments and the e-mail outbox — and what the portal
//! asks of storage for them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::Term;
use crate::catalogue::{AgencyLink, ProcedureLink};
use crate::feedback::{CaseCode, Category, Channel, NewCase, PublicStatus, RoutingReason, Submitter};
use crate::files::FileKind;
use crate::rating::Rating;
use crate::workflow::{Handling, Refusal};

/// A commune or ward a submitter can name; `agency` is its people's committee when listed, and
/// `parent` the area it lies in (a province), if recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Area {
    pub code: String,
    pub name: String,
    pub agency: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
}

/// A file already written under the data folder, to be recorded with the case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAttachment {
    pub file_name: String,
    pub kind: FileKind,
    pub size: u64,
    pub storage_key: String,
    pub sha256: String,
}

/// Everything one submission stores, decided before the transaction opens.
#[derive(Clone, Debug)]
pub struct Submission {
    pub case: NewCase,
    pub channel: Channel,
    pub received_at: DateTime<Utc>,
    /// The local (UTC+7) day of submission, which names the code.
    pub day: NaiveDate,
    /// The working day the periods count from (after the cut-off or on a day off: the next one).
    pub received_on: NaiveDate,
    pub classify_due: NaiveDate,
    /// The answer term of the agency and category, stored with the case.
    pub answer_term: Term,
    pub answer_due: NaiveDate,
    pub token_hash: String,
    pub agency: String,
    pub routing: RoutingReason,
    pub attachments: Vec<NewAttachment>,
}

/// An e-mail to write to the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingMail {
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Where one click ends what the message is sent for (`List-Unsubscribe`, RFC 8058), for
    /// messages sent to those who asked for them.
    pub unsubscribe: Option<String>,
}

/// Builds the e-mails of a submission once its case code is known (inside the transaction).
pub type MailBuilder = Box<dyn FnOnce(&Submission, &CaseCode) -> Vec<OutgoingMail> + Send>;

/// What happened to a case. Stored as JSON beside the event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// Received and routed.
    Submitted {
        agency: String,
        routing: RoutingReason,
    },
    /// The submitter added information (with attachments, listed on the case).
    InformationAdded {
        text: String,
    },
    Withdrawn {
        reason: String,
    },
    Accepted,
    Refused {
        refusal: Refusal,
        note: String,
    },
    Transferred {
        from: String,
        to: String,
        /// Internal: it may name the people involved.
        reason: String,
        /// What the public timeline says about it.
        #[serde(default)]
        public_note: String,
    },
    Assigned {
        to: i64,
    },
    InformationRequested {
        message: String,
    },
    /// The submitter answered a request: the clock runs again.
    Resumed,
    ProgressUpdated {
        text: String,
    },
    AnswerDrafted {
        text: String,
    },
    AnswerApproved,
    AnswerReturned {
        reason: String,
    },
    Published {
        answer: String,
    },
    Closed,
    Noted {
        text: String,
    },
    /// The public wording was redacted; transfers' public sentences rewritten, by event id.
    Redacted {
        #[serde(default)]
        transfer_notes: Vec<(i64, String)>,
    },
    /// An attachment published with the answer, or withdrawn from it.
    AttachmentPublished {
        id: i64,
        file_name: String,
        published: bool,
    },
    Rated {
        satisfied: bool,
        reason: String,
    },
    /// Before publication, the submitter corrected their contact details or withdrew the
    /// permission to show their name: which of them changed (`address`, `phone`, `email`,
    /// `show_name`), never the values, which stay in the case alone.
    DetailsCorrected {
        changed: Vec<String>,
    },
    /// The dissatisfied submitter asked for the answer to be examined again: the case is back
    /// with the agency, to be answered by `due`. The public timeline says so, not why.
    ReexaminationRequested {
        reason: String,
        due: NaiveDate,
    },
    /// An official confirmed that `text`, found in what will be published, is not personal.
    NotPersonalConfirmed {
        text: String,
    },
    /// The retention period of the finished case ended: its personal data was erased
    /// (see [`crate::retention`]).
    PersonalDataErased,
    /// Linked under the case `lead` about the same matter, or taken out from under it.
    Linked {
        lead: String,
    },
    Unlinked {
        lead: String,
    },
}

impl EventKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EventKind::Submitted { .. } => "submitted",
            EventKind::InformationAdded { .. } => "information_added",
            EventKind::Withdrawn { .. } => "withdrawn",
            EventKind::Accepted => "accepted",
            EventKind::Refused { .. } => "refused",
            EventKind::Transferred { .. } => "transferred",
            EventKind::Assigned { .. } => "assigned",
            EventKind::InformationRequested { .. } => "information_requested",
            EventKind::Resumed => "resumed",
            EventKind::ProgressUpdated { .. } => "progress_updated",
            EventKind::AnswerDrafted { .. } => "answer_drafted",
            EventKind::AnswerApproved => "answer_approved",
            EventKind::AnswerReturned { .. } => "answer_returned",
            EventKind::Published { .. } => "published",
            EventKind::Closed => "closed",
            EventKind::Noted { .. } => "noted",
            EventKind::Redacted { .. } => "redacted",
            EventKind::AttachmentPublished { .. } => "attachment_published",
            EventKind::Rated { .. } => "rated",
            EventKind::ReexaminationRequested { .. } => "reexamination_requested",
            EventKind::DetailsCorrected { .. } => "details_corrected",
            EventKind::NotPersonalConfirmed { .. } => "not_personal_confirmed",
            EventKind::PersonalDataErased => "personal_data_erased",
            EventKind::Linked { .. } => "linked",
            EventKind::Unlinked { .. } => "unlinked",
        }
    }

    /// Whether the public timeline shows it. What a submitter adds, and officials' internal work
    /// (assignments, drafts, reviews, notes), is for the submitter and staff only.
    pub fn public(&self) -> bool {
        !matches!(
            self,
            EventKind::InformationAdded { .. }
                | EventKind::Assigned { .. }
                | EventKind::AnswerDrafted { .. }
                | EventKind::AnswerApproved
                | EventKind::AnswerReturned { .. }
                | EventKind::Noted { .. }
                | EventKind::Redacted { .. }
                | EventKind::AttachmentPublished { .. }
                | EventKind::Rated { .. }
                | EventKind::NotPersonalConfirmed { .. }
                | EventKind::DetailsCorrected { .. }
                | EventKind::PersonalDataErased
                | EventKind::Linked { .. }
                | EventKind::Unlinked { .. }
        )
    }

    /// Whether the submitter's private page shows it.
    pub fn for_submitter(&self) -> bool {
        self.public()
            || matches!(
                self,
                EventKind::InformationAdded { .. } | EventKind::Rated { .. } | EventKind::DetailsCorrected { .. }
            )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseEvent {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub event: EventKind,
    pub public: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentInfo {
    pub id: i64,
    pub event_id: i64,
    pub file_name: String,
    pub kind: FileKind,
    pub size: u64,
    /// Published with the answer by the agency.
    #[serde(default)]
    pub published: bool,
}

/// A case with everything in it: for the submitter's private page and for staff. Never shown
/// publicly as it is: see [`PublicCase`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseRecord {
    pub id: i64,
    pub code: CaseCode,
    pub channel: Channel,
    pub category: Category,
    pub submitter: Submitter,
    pub title: String,
    pub content: String,
    pub procedure: Option<ProcedureLink>,
    pub concerned_agency: Option<AgencyLink>,
    pub area: Option<Area>,
    /// The responsible agency (the one in `handling`), with its name.
    pub agency: AgencyLink,
    pub received_at: DateTime<Utc>,
    pub handling: Handling,
    /// How many cases are linked under this one (the same matter raised by others).
    pub followers: u64,
    /// The assigned official's name.
    pub assignee: Option<String>,
    pub rating: Option<Rating>,
    pub duplicate_of: Option<String>,
    pub events: Vec<CaseEvent>,
    pub attachments: Vec<AttachmentInfo>,
}

/// What anyone may see of a case: no phone, e-mail or address, the name only if allowed, no
/// attachments, and only public events. The question itself is shown only with its published
/// answer, as the officials redacted it: until then it may hold details nobody has checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicCase {
    pub code: String,
    pub status: PublicStatus,
    pub category: Category,
    /// The question as published; `None` until the answer is.
    pub title: Option<String>,
    pub content: Option<String>,
    pub submitter_name: Option<String>,
    pub procedure: Option<ProcedureLink>,
    pub agency: AgencyLink,
    pub received_on: NaiveDate,
    pub answer_due: NaiveDate,
    /// The official answer, once published.
    pub answer: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub timeline: Vec<PublicEvent>,
    /// The attachments the agency published with its answer.
    pub attachments: Vec<AttachmentInfo>,
    /// How many people raised this matter: this case's submitter and those of the cases linked
    /// under it.
    pub raised_by: u64,
    /// The code of the case this one was answered with, when it was linked under it.
    pub answered_with: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicEvent {
    /// To the hour: the public record says when, not the exact instant.
    pub at: DateTime<Utc>,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer: Option<PublicTransfer>,
}

/// A transfer as the public sees it: the agencies' codes and the sentence written for the
/// public (the reason given internally is not shown).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicTransfer {
    pub from: String,
    pub to: String,
    pub note: String,
}

/// The name a published attachment is shown and downloaded under: its number and its kind.
pub fn public_file_name(number: usize, kind: crate::files::FileKind) -> String {
    format!("Tệp đính kèm {number}.{}", kind.extension())
}

/// An instant to the hour, as public pages and data show it.
pub fn to_the_hour(at: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::DurationRound;
    at.duration_trunc(chrono::Duration::hours(1)).unwrap_or(at)
}

impl CaseRecord {
    pub fn status(&self) -> crate::feedback::CaseStatus {
        self.handling.status
    }

    pub fn public(&self) -> PublicCase {
        let s = &self.submitter;
        let h = &self.handling;
        let answered = h.status.public() == PublicStatus::Answered;
        // While an answer is examined again, the one published stays public; a new draft does not.
        let published = h.published_at.is_some() && (answered || self.published_answer().is_some());
        PublicCase {
            code: self.code.to_string(),
            status: h.status.public(),
            category: self.category,
            title: published.then(|| h.public_title.clone().unwrap_or_else(|| self.title.clone())),
            content: published.then(|| h.public_content.clone().unwrap_or_else(|| self.content.clone())),
            submitter_name: (published && s.show_name)
                .then(|| s.organisation.clone().unwrap_or_else(|| s.name.clone())),
            procedure: self.procedure.clone(),
            agency: self.agency.clone(),
            received_on: h.received_on,
            answer_due: h.answer_due,
            answer: if answered && published {
                h.answer.clone()
            } else if published {
                self.published_answer().map(str::to_owned)
            } else {
                None
            },
            published_at: if published { h.published_at.map(to_the_hour) } else { None },
            timeline: self
                .events
                .iter()
                .filter(|e| e.public)
                .map(|e| PublicEvent {
                    at: to_the_hour(e.at),
                    kind: e.event.as_str().to_owned(),
                    transfer: match &e.event {
                        EventKind::Transferred { from, to, public_note, .. } => Some(PublicTransfer {
                            from: from.clone(),
                            to: to.clone(),
                            note: self.transfer_note(e.id, public_note),
                        }),
                        _ => None,
                    },
                })
                .collect(),
            // Under neutral names: what the submitter called a file ("cccd_<name>_<phone>.png")
            // may itself be personal.
            attachments: if published {
                self.attachments
                    .iter()
                    .filter(|a| a.published)
                    .enumerate()
                    .map(|(i, a)| AttachmentInfo { file_name: public_file_name(i + 1, a.kind), ..a.clone() })
                    .collect()
            } else {
                Vec::new()
            },
            raised_by: self.followers + 1,
            answered_with: h.lead.clone(),
        }
    }

    /// The submitter's details as corrected from the private page (address, phone, e-mail, and
    /// `hide_name` to withdraw the permission to show the name), checked as the form checks them:
    /// the new details and the names of what changed, or what is wrong.
    pub fn corrected_submitter(
        &self,
        address: &str,
        phone: &str,
        email: &str,
        hide_name: bool,
    ) -> Result<(Submitter, Vec<String>), Vec<crate::feedback::FieldError>> {
        use crate::feedback::{FeedbackForm, Field};
        let s = &self.submitter;
        let form = FeedbackForm {
            submitter_kind: s.kind.as_str().to_owned(),
            organisation: s.organisation.clone().unwrap_or_default(),
            name: s.name.clone(),
            address: address.to_owned(),
            phone: phone.to_owned(),
            email: email.to_owned(),
            category: self.category.as_str().to_owned(),
            title: self.title.clone(),
            content: self.content.clone(),
            consent: true,
            ..FeedbackForm::default()
        };
        let contact = [Field::Address, Field::Phone, Field::Email];
        let checked = form.validate().map(|c| c.submitter);
        let errors: Vec<_> = match &checked {
            Err(errors) => errors.iter().filter(|e| contact.contains(&e.field)).cloned().collect(),
            Ok(_) => Vec::new(),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut next = s.clone();
        if let Ok(checked) = checked {
            (next.address, next.phone, next.email) = (checked.address, checked.phone, checked.email);
        } else {
            // Something stored long ago no longer passes today's form; the contact fields did.
            next.address = crate::feedback::clean_line(address).unwrap_or_default();
            next.phone = crate::feedback::normalise_phone(phone).unwrap_or_default();
            next.email = crate::feedback::normalise_email(email);
        }
        next.show_name = s.show_name && !hide_name;
        let changed = [
            ("address", next.address != s.address),
            ("phone", next.phone != s.phone),
            ("email", next.email != s.email),
            ("show_name", next.show_name != s.show_name),
        ];
        Ok((next, changed.into_iter().filter(|(_, c)| *c).map(|(n, _)| n.to_owned()).collect()))
    }

    /// The answer last published, from the timeline.
    pub fn published_answer(&self) -> Option<&str> {
        self.events.iter().rev().find_map(|e| match &e.event {
            EventKind::Published { answer } => Some(answer.as_str()),
            _ => None,
        })
    }

    /// Whether the submitter has asked for the answer to be examined again (only once is allowed).
    pub fn reexamination_asked(&self) -> bool {
        self.events.iter().any(|e| matches!(e.event, EventKind::ReexaminationRequested { .. }))
    }

    /// The submitter's details that must not reach the public record.
    pub fn own_details(&self) -> crate::privacy::Own<'_> {
        let s = &self.submitter;
        crate::privacy::Own {
            phone: &s.phone,
            email: s.email.as_deref(),
            hidden_name: (!s.show_name).then_some(s.name.as_str()),
        }
    }

    /// What an official confirmed is not personal on this case (keys of [`crate::privacy::key_of`]).
    pub fn confirmed_not_personal(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|e| match &e.event {
                EventKind::NotPersonalConfirmed { text } => Some(crate::privacy::key_of(text)),
                _ => None,
            })
            .collect()
    }

    /// What looks personal in the texts about to be published, each at its place, less what an
    /// official confirmed is not.
    pub fn personal_in<'a>(
        &self,
        texts: impl IntoIterator<Item = (crate::privacy::Place, &'a str)>,
    ) -> Vec<crate::privacy::Finding> {
        let (confirmed, own) = (self.confirmed_not_personal(), self.own_details());
        texts
            .into_iter()
            .flat_map(|(place, text)| crate::privacy::scan(place, text, &own))
            .filter(|f| !(f.shape.confirmable() && confirmed.contains(&f.key())))
            .collect()
    }

    /// What looks personal in everything this case will publish: the question as it will be
    /// shown, the answer (drafted or approved) and the transfers' public sentences.
    pub fn personal_findings(&self) -> Vec<crate::privacy::Finding> {
        use crate::privacy::Place;
        let h = &self.handling;
        let notes: Vec<String> = self
            .events
            .iter()
            .filter_map(|e| match &e.event {
                EventKind::Transferred { public_note, .. } => Some(self.transfer_note(e.id, public_note)),
                _ => None,
            })
            .collect();
        let question = [
            (Place::Title, h.public_title.as_deref().unwrap_or(&self.title)),
            (Place::Content, h.public_content.as_deref().unwrap_or(&self.content)),
        ];
        let answer = h.answer.as_deref().map(|answer| (Place::Answer, answer));
        self.personal_in(
            question.into_iter().chain(answer).chain(notes.iter().map(|n| (Place::TransferNote, n.as_str()))),
        )
    }

    /// The public sentence of the transfer event `id` as it stands: as last redacted, else as
    /// `written`.
    pub fn transfer_note(&self, id: i64, written: &str) -> String {
        self.events
            .iter()
            .rev()
            .find_map(|e| match &e.event {
                EventKind::Redacted { transfer_notes } => {
                    transfer_notes.iter().find(|(event, _)| *event == id).map(|(_, note)| note.clone())
                }
                _ => None,
            })
            .unwrap_or_else(|| written.to_owned())
    }

    /// Whether `contact` (a phone number or e-mail address as typed) is the one given.
    pub fn contact_matches(&self, contact: &str) -> bool {
        let s = &self.submitter;
        if let Some(phone) = crate::feedback::normalise_phone(contact) {
            return phone == s.phone;
        }
        crate::feedback::normalise_email(contact)
            .zip(s.email.as_deref())
            .is_some_and(|(given, stored)| given.eq_ignore_ascii_case(stored))
    }
}

/// A message the outbox worker holds while sending it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedMail {
    pub id: i64,
    pub mail: OutgoingMail,
    pub attempts: u32,
}

/// The stored form of a private follow-up token (SHA-256, hex). Tokens are 48 hex digits;
/// anything else is refused before storage is asked.
pub fn token_hash(token: &str) -> Option<String> {
    use sha2::Digest;
    (token.len() == 48 && token.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| hex::encode(sha2::Sha256::digest(token.to_ascii_lowercase().as_bytes())))
}

/// Whether two submissions say much the same: most of the words of the shorter are in the other.
pub fn similar_text(a: &str, b: &str) -> bool {
    use std::collections::HashSet;
    let words = |s: &str| crate::text::words(s).into_iter().filter(|w| w.chars().count() > 1).collect::<HashSet<_>>();
    let (a, b) = (words(a), words(b));
    let smaller = a.len().min(b.len());
    if smaller < 3 {
        return a == b && !a.is_empty();
    }
    let shared = a.intersection(&b).count();
    shared * 10 >= smaller * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_copies_are_similar_and_different_matters_are_not() {
        let a = "Chậm trả kết quả đăng ký khai sinh tại phường Hoàn Kiếm, đã quá hẹn hai tuần";
        let b = "Chậm trả kết quả đăng ký khai sinh tại phường Hoàn Kiếm, quá hẹn 2 tuần rồi";
        let c = "Đề nghị bỏ yêu cầu nộp bản sao giấy tờ khi làm thủ tục cấp phép xây dựng";
        assert!(similar_text(a, b));
        assert!(!similar_text(a, c));
    }
}
