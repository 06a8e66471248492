//! Officials' work on cases as storage reads and writes it: the queue's views and filters, a
//! change of handling written with its event, the public record of answered cases, what the
//! daily digests list, and a case's milestones.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::cases::{CaseEvent, EventKind, OutgoingMail};
use crate::catalogue::{AgencyLink, ProcedureLink};
use crate::feedback::{CaseStatus, Category};
use crate::workflow::{Handling, Official};

/// The queue's views (PRODUCT.md: new, mine, due soon, overdue, waiting for the submitter,
/// answered), each a tab with its count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueView {
    /// Every open case.
    Open,
    New,
    Mine,
    DueSoon,
    Overdue,
    Waiting,
    Answered,
}

impl QueueView {
    pub const ALL: [QueueView; 7] = [
        QueueView::Open,
        QueueView::New,
        QueueView::Mine,
        QueueView::DueSoon,
        QueueView::Overdue,
        QueueView::Waiting,
        QueueView::Answered,
    ];

    /// The word in the URL (`?xem=qua-han`).
    pub fn slug(self) -> &'static str {
        match self {
            QueueView::Open => "dang-mo",
            QueueView::New => "moi",
            QueueView::Mine => "cua-toi",
            QueueView::DueSoon => "sap-den-han",
            QueueView::Overdue => "qua-han",
            QueueView::Waiting => "cho-bo-sung",
            QueueView::Answered => "da-tra-loi",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.slug() == s)
    }
}

/// Rows per queue page.
pub const QUEUE_PAGE_SIZE: u32 = 25;

/// What the queue shows: one view, narrowed by filters, in deadline order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    pub view: QueueView,
    /// The agency whose cases are listed; `None` only for the coordinating office (all).
    pub agency: Option<String>,
    /// The official asking ("mine").
    pub me: i64,
    pub today: NaiveDate,
    /// Cases whose date falls from today to this day are due soon.
    pub soon_until: NaiveDate,
    pub status: Option<CaseStatus>,
    pub category: Option<Category>,
    pub procedure: Option<String>,
    /// A field (lĩnh vực) code: cases about a procedure of that field.
    pub field: Option<String>,
    pub assignee: Option<i64>,
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    /// Cases received (counted from) by this day.
    pub received_to: Option<NaiveDate>,
    /// Folded words, each of which must appear in the title or content.
    pub words: Vec<String>,
    pub page: u32,
}

impl QueueFilter {
    /// The first page of `view` for the official `me` over `agency` (all for `None`), on
    /// `today`, narrowed by nothing else.
    pub fn of(view: QueueView, agency: Option<String>, me: i64, today: NaiveDate, soon_until: NaiveDate) -> Self {
        QueueFilter {
            view,
            agency,
            me,
            today,
            soon_until,
            status: None,
            category: None,
            procedure: None,
            field: None,
            assignee: None,
            due_from: None,
            due_to: None,
            received_to: None,
            words: Vec::new(),
            page: 1,
        }
    }
}

/// One row of the queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub category: Category,
    pub status: CaseStatus,
    pub agency: AgencyLink,
    pub assignee: Option<String>,
    pub received_on: NaiveDate,
    pub next_due: Option<NaiveDate>,
    pub duplicate_of: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    /// Cases matching the view and filters.
    pub total: u64,
    /// Cases in each view (filters applied, view aside).
    pub counts: Vec<(QueueView, u64)>,
}

/// What the public list of answered cases is narrowed by.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnsweredFilter {
    pub words: Vec<String>,
    pub agency: Option<String>,
    pub field: Option<String>,
    pub procedure: Option<String>,
    /// Published on or after / before or on.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub page: u32,
}

/// Rows per page of the public list.
pub const ANSWERED_PAGE_SIZE: u32 = 20;

/// Cases by when they were received, for other systems (Open311's list of requests).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedFilter {
    /// Received at or after.
    pub from: DateTime<Utc>,
    /// Received before.
    pub until: DateTime<Utc>,
    /// Of these categories; all when empty.
    pub categories: Vec<crate::feedback::Category>,
    /// Only the open ones (`Some(true)`), only the closed ones (`Some(false)`), or both.
    pub open: Option<bool>,
    pub offset: u32,
    pub limit: u32,
}

/// One answered case in the public list: no personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnsweredCase {
    pub code: String,
    pub title: String,
    pub category: Category,
    pub agency: AgencyLink,
    pub procedure: Option<ProcedureLink>,
    pub published_at: DateTime<Utc>,
}

/// A change of handling, written with its event and e-mails in one transaction.
#[derive(Clone, Debug)]
pub struct HandlingChange<'a> {
    pub case_id: i64,
    pub before: &'a Handling,
    pub after: &'a Handling,
    pub event: EventKind,
    /// Who: an official's account id as text, `submitter` or `system`.
    pub actor: String,
    pub at: DateTime<Utc>,
    pub mails: Vec<OutgoingMail>,
    /// The published wording, folded, for the public list's search (empty until published).
    pub public_search: String,
}

/// Cases behind a digest: one agency's due-soon and overdue open cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgencyDue {
    pub agency: AgencyLink,
    pub leads: Vec<Official>,
    pub cases: Vec<QueueItem>,
}

/// A case with its milestones, for the leads' CSV export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseMilestones {
    pub code: String,
    pub title: String,
    pub category: Category,
    pub status: CaseStatus,
    pub agency: String,
    pub received_at: DateTime<Utc>,
    pub classify_due: NaiveDate,
    pub answer_due: NaiveDate,
    pub events: Vec<CaseEvent>,
}

/// A case with its handling as it stands, for [`CaseStore::import_cases`](crate::store::CaseStore::import_cases).
#[derive(Clone, Debug)]
pub struct ImportedCase {
    pub code: String,
    pub channel: crate::feedback::Channel,
    pub category: Category,
    pub submitter: crate::feedback::Submitter,
    pub title: String,
    pub content: String,
    pub procedure: Option<String>,
    pub received_at: DateTime<Utc>,
    pub handling: Handling,
}
