//! Cases' rows read back as the domain's records, with their handling, events and files.

use chrono::{DateTime, NaiveDate, Utc};
use civicdesk_domain::calendar::{Term, TermUnit};
use civicdesk_domain::cases::{Area, AttachmentInfo, CaseEvent, CaseRecord};
use civicdesk_domain::catalogue::{AgencyLink, ProcedureLink};
use civicdesk_domain::feedback::{CaseCode, CaseStatus, Category, Channel, Submitter, SubmitterKind};
use civicdesk_domain::files::FileKind;
use civicdesk_domain::rating::Rating;
use civicdesk_domain::store::StoreError;
use civicdesk_domain::workflow::Handling;

use super::catalogue::from_json;
use super::corrupt;

pub const CASE_COLUMNS: &str = "c.id, c.code, c.channel, c.category, c.submitter_kind, c.organisation, \
     c.name, c.address, c.phone, c.email, c.show_name, c.title, c.content, c.procedure_code, \
     (SELECT p.name FROM procedures p WHERE p.code = c.procedure_code) AS procedure_name, \
     ca.code AS concerned_code, ca.slug AS concerned_slug, ca.name AS concerned_name, \
     ar.code AS area_code, ar.name AS area_name, ar.agency AS area_agency, \
     a.code AS agency_code, a.slug AS agency_slug, a.name AS agency_name, \
     c.received_at, c.duplicate_of, c.rating, c.rating_reason, \
     (SELECT o.name FROM officials o WHERE o.id = c.assignee) AS assignee_name, \
     c.status, c.agency, c.assignee, c.received_on, c.classify_due, c.answer_term_amount, c.answer_term_unit, \
     c.answer_due, c.paused_on, c.publish_due, c.progress_due, c.answer, c.public_title, c.public_content, \
     c.published_at, c.answer_days, c.version, c.lead_case, \
     (SELECT count(*) FROM cases f WHERE f.lead_case = c.code) AS followers";

pub const CASE_FROM: &str = "cases c JOIN agencies a ON a.code = c.agency \
     LEFT JOIN agencies ca ON ca.code = c.concerned_agency LEFT JOIN areas ar ON ar.code = c.area";

#[derive(sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    code: String,
    channel: String,
    category: String,
    submitter_kind: String,
    organisation: Option<String>,
    name: String,
    address: String,
    phone: String,
    email: Option<String>,
    show_name: bool,
    title: String,
    content: String,
    procedure_code: Option<String>,
    procedure_name: Option<String>,
    concerned_code: Option<String>,
    concerned_slug: Option<String>,
    concerned_name: Option<String>,
    area_code: Option<String>,
    area_name: Option<String>,
    area_agency: Option<String>,
    agency_code: String,
    agency_slug: String,
    agency_name: String,
    received_at: DateTime<Utc>,
    duplicate_of: Option<String>,
    rating: Option<String>,
    rating_reason: Option<String>,
    assignee_name: Option<String>,
    #[sqlx(flatten)]
    handling: HandlingRow,
    followers: i64,
}

#[derive(sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub public: bool,
    pub data: String,
}

#[derive(sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: i64,
    pub event_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub published: bool,
}

impl AttachmentRow {
    pub fn into_info(self) -> Result<AttachmentInfo, StoreError> {
        Ok(AttachmentInfo {
            id: self.id,
            event_id: self.event_id,
            kind: FileKind::from_content_type(&self.content_type)
                .ok_or_else(|| corrupt("attachment type", &self.content_type))?,
            file_name: self.file_name,
            size: self.size.try_into().unwrap_or_default(),
            published: self.published,
        })
    }
}

/// The handling columns of a case (selected by `CASE_COLUMNS`).
#[derive(sqlx::FromRow)]
pub struct HandlingRow {
    status: String,
    agency: String,
    assignee: Option<i64>,
    received_on: NaiveDate,
    classify_due: NaiveDate,
    answer_term_amount: i64,
    answer_term_unit: String,
    answer_due: NaiveDate,
    paused_on: Option<NaiveDate>,
    publish_due: Option<NaiveDate>,
    progress_due: Option<NaiveDate>,
    answer: Option<String>,
    public_title: Option<String>,
    public_content: Option<String>,
    published_at: Option<chrono::DateTime<chrono::Utc>>,
    answer_days: Option<i32>,
    version: i64,
    lead_case: Option<String>,
}

pub fn unit_str(unit: TermUnit) -> &'static str {
    match unit {
        TermUnit::Days => "days",
        TermUnit::WorkingDays => "working_days",
    }
}

pub fn day_kind_str(kind: civicdesk_domain::calendar::DayKind) -> &'static str {
    match kind {
        civicdesk_domain::calendar::DayKind::MakeUpWorkingDay => "make_up_working_day",
        _ => "announced_day_off",
    }
}

pub fn parse_unit(s: &str) -> Result<TermUnit, StoreError> {
    match s {
        "days" => Ok(TermUnit::Days),
        "working_days" => Ok(TermUnit::WorkingDays),
        other => Err(corrupt("term unit", other)),
    }
}

impl HandlingRow {
    pub fn into_handling(self) -> Result<Handling, StoreError> {
        Ok(Handling {
            status: CaseStatus::parse(&self.status).ok_or_else(|| corrupt("status", &self.status))?,
            agency: self.agency,
            assignee: self.assignee,
            received_on: self.received_on,
            classify_due: self.classify_due,
            answer_term: Term {
                amount: u32::try_from(self.answer_term_amount).unwrap_or_default(),
                unit: parse_unit(&self.answer_term_unit)?,
            },
            answer_due: self.answer_due,
            paused_on: self.paused_on,
            publish_due: self.publish_due,
            progress_due: self.progress_due,
            answer: self.answer,
            public_title: self.public_title,
            public_content: self.public_content,
            answer_days: self.answer_days.and_then(|n| u32::try_from(n).ok()),
            published_at: self.published_at,
            version: self.version,
            lead: self.lead_case,
        })
    }
}

impl EventRow {
    pub fn into_event(self) -> Result<CaseEvent, StoreError> {
        Ok(CaseEvent {
            id: self.id,
            at: self.at,
            actor: self.actor,
            public: self.public,
            event: from_json(&self.data)?,
        })
    }
}

impl CaseRow {
    pub fn into_record(self, events: Vec<EventRow>, attachments: Vec<AttachmentRow>) -> Result<CaseRecord, StoreError> {
        let channel = Channel::parse(&self.channel).ok_or_else(|| corrupt("channel", &self.channel))?;
        Ok(CaseRecord {
            id: self.id,
            code: CaseCode::parse(&self.code).ok_or_else(|| corrupt("case code", &self.code))?,
            channel,
            category: Category::parse(&self.category).ok_or_else(|| corrupt("category", &self.category))?,
            submitter: Submitter {
                kind: SubmitterKind::parse(&self.submitter_kind)
                    .ok_or_else(|| corrupt("submitter kind", &self.submitter_kind))?,
                organisation: self.organisation,
                name: self.name,
                address: self.address,
                phone: self.phone,
                email: self.email,
                show_name: self.show_name,
            },
            title: self.title,
            content: self.content,
            procedure: self
                .procedure_code
                .map(|code| ProcedureLink { name: self.procedure_name.unwrap_or_else(|| code.clone()), code }),
            concerned_agency: match (self.concerned_code, self.concerned_slug, self.concerned_name) {
                (Some(code), Some(slug), Some(name)) => Some(AgencyLink { code, slug, name }),
                _ => None,
            },
            area: match (self.area_code, self.area_name) {
                (Some(code), Some(name)) => Some(Area { code, name, agency: self.area_agency, parent: None }),
                _ => None,
            },
            agency: AgencyLink { code: self.agency_code, slug: self.agency_slug, name: self.agency_name },
            received_at: self.received_at,
            handling: self.handling.into_handling()?,
            followers: u64::try_from(self.followers).unwrap_or_default(),
            assignee: self.assignee_name,
            rating: self
                .rating
                .map(|r| Rating { satisfied: r == "satisfied", reason: self.rating_reason.unwrap_or_default() }),
            duplicate_of: self.duplicate_of,
            events: events.into_iter().map(EventRow::into_event).collect::<Result<_, StoreError>>()?,
            attachments: attachments.into_iter().map(AttachmentRow::into_info).collect::<Result<_, _>>()?,
        })
    }
}
