//! The queue's statements, built here once with their bind values, and its rows read back.

use chrono::NaiveDate;

use civicdesk_domain::calendar::day_start;
use civicdesk_domain::catalogue::{AgencyLink, ProcedureLink};
use civicdesk_domain::feedback::{CaseStatus, Category};
use civicdesk_domain::queue::{AnsweredCase, AnsweredFilter, QUEUE_PAGE_SIZE, QueueFilter, QueueItem, QueueView};
use civicdesk_domain::store::StoreError;

use super::binds::{Bind, Binds};
use super::corrupt;
use civicdesk_domain::workflow::Handling;

/// The open statuses, as the partial indexes of migration 0004 name them.
pub const OPEN: &str = "('received', 'in_progress', 'awaiting_information', 'answer_drafted', 'answer_approved')";

const ANSWERED: &str = "('published', 'closed')";

/// The condition of one queue view. Views of open cases name the open statuses exactly as the
/// partial indexes do (migration 0004), so those indexes serve them.
fn view_condition(view: QueueView, filter: &QueueFilter, values: &mut Binds) -> String {
    let open = format!("c.status IN {OPEN}");
    match view {
        QueueView::Open => open,
        QueueView::Answered => format!("c.status IN {ANSWERED}"),
        other => format!("{open} AND {}", open_view_condition(other, filter, values)),
    }
}

/// What singles out a view among the open cases.
fn open_view_condition(view: QueueView, filter: &QueueFilter, values: &mut Binds) -> String {
    match view {
        QueueView::Open | QueueView::Answered => "TRUE".to_owned(),
        QueueView::New => "c.status = 'received'".to_owned(),
        QueueView::Mine => format!("c.assignee = {}", values.push(Bind::Int(filter.me))),
        QueueView::DueSoon => format!(
            "c.next_due >= {} AND c.next_due <= {} AND c.status <> 'awaiting_information'",
            values.date(filter.today),
            values.date(filter.soon_until)
        ),
        QueueView::Overdue => {
            format!("c.next_due < {} AND c.status <> 'awaiting_information'", values.date(filter.today))
        }
        QueueView::Waiting => "c.status = 'awaiting_information'".to_owned(),
    }
}

/// Cases about a procedure of a field (lĩnh vực).
fn field_condition(field: &str, values: &mut Binds) -> String {
    // The field the case was counted under when it was received, as the public record counts it,
    // so a figure and the list behind it agree.
    format!("c.field = {}", values.text(field))
}

/// Each folded word must appear in `column` (a `LIKE` on folded text, its wildcards escaped).
fn words_condition(column: &str, words: &[String], values: &mut Binds) -> Vec<String> {
    words
        .iter()
        .map(|word| {
            let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            format!("{column} LIKE {} ESCAPE '\\'", values.text(format!("%{escaped}%")))
        })
        .collect()
}

/// The filters apart from the view.
fn filter_conditions(filter: &QueueFilter, values: &mut Binds) -> Vec<String> {
    let mut conditions = Vec::new();
    if let Some(agency) = &filter.agency {
        conditions.push(format!("c.agency = {}", values.text(agency)));
    }
    if let Some(status) = filter.status {
        conditions.push(format!("c.status = {}", values.text(status.as_str())));
    }
    if let Some(category) = filter.category {
        conditions.push(format!("c.category = {}", values.text(category.as_str())));
    }
    if let Some(procedure) = &filter.procedure {
        conditions.push(format!("c.procedure_code = {}", values.text(procedure)));
    }
    if let Some(field) = &filter.field {
        conditions.push(field_condition(field, values));
    }
    if let Some(assignee) = filter.assignee {
        conditions.push(format!("c.assignee = {}", values.push(Bind::Int(assignee))));
    }
    if let Some(from) = filter.due_from {
        conditions.push(format!("c.next_due >= {}", values.date(from)));
    }
    if let Some(to) = filter.due_to {
        conditions.push(format!("c.next_due <= {}", values.date(to)));
    }
    if let Some(to) = filter.received_to {
        conditions.push(format!("c.received_on <= {}", values.date(to)));
    }
    conditions.extend(words_condition("c.search_text", &filter.words, values));
    conditions
}

/// The columns of a queue row.
pub const QUEUE_COLUMNS: &str = "c.id, c.code, c.title, c.category, c.status, a.code AS agency_code, \
     a.slug AS agency_slug, a.name AS agency_name, o.name AS assignee_name, c.received_on, c.next_due, c.duplicate_of";

#[derive(sqlx::FromRow)]
pub struct QueueRow {
    id: i64,
    code: String,
    title: String,
    category: String,
    status: String,
    agency_code: String,
    agency_slug: String,
    agency_name: String,
    assignee_name: Option<String>,
    received_on: NaiveDate,
    next_due: Option<NaiveDate>,
    duplicate_of: Option<String>,
}

impl QueueRow {
    pub fn into_item(self) -> Result<QueueItem, StoreError> {
        Ok(QueueItem {
            category: Category::parse(&self.category).ok_or_else(|| corrupt("category", &self.category))?,
            status: CaseStatus::parse(&self.status).ok_or_else(|| corrupt("status", &self.status))?,
            id: self.id,
            code: self.code,
            title: self.title,
            agency: AgencyLink { code: self.agency_code, slug: self.agency_slug, name: self.agency_name },
            assignee: self.assignee_name,
            received_on: self.received_on,
            next_due: self.next_due,
            duplicate_of: self.duplicate_of,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct AnsweredRow {
    code: String,
    title: String,
    category: String,
    agency_code: String,
    agency_slug: String,
    agency_name: String,
    procedure_code: Option<String>,
    procedure_name: Option<String>,
    published_at: chrono::DateTime<chrono::Utc>,
}

impl AnsweredRow {
    pub fn into_case(self) -> Result<AnsweredCase, StoreError> {
        Ok(AnsweredCase {
            category: Category::parse(&self.category).ok_or_else(|| corrupt("category", &self.category))?,
            code: self.code,
            title: self.title,
            agency: AgencyLink { code: self.agency_code, slug: self.agency_slug, name: self.agency_name },
            procedure: self
                .procedure_code
                .map(|code| ProcedureLink { name: self.procedure_name.unwrap_or_else(|| code.clone()), code }),
            published_at: self.published_at,
        })
    }
}

/// The page statement and the counting statement of a queue request.
pub fn queue_sql(filter: &QueueFilter) -> QueueStatements {
    let mut values = Binds::default();
    let mut conditions = filter_conditions(filter, &mut values);
    conditions.push(view_condition(filter.view, filter, &mut values));
    let order = if filter.view == QueueView::Answered { "c.published_at DESC, c.id DESC" } else { "c.next_due, c.id" };
    let offset = i64::from(filter.page.max(1) - 1) * i64::from(QUEUE_PAGE_SIZE);
    let page = format!(
        "SELECT {QUEUE_COLUMNS} FROM cases c JOIN agencies a ON a.code = c.agency \
         LEFT JOIN officials o ON o.id = c.assignee WHERE {} ORDER BY {order} LIMIT {} OFFSET {offset}",
        conditions.join(" AND "),
        QUEUE_PAGE_SIZE
    );

    // One pass over the open cases counts every view of them; the answered ones are counted
    // apart, each through its own index.
    let mut open_values = Binds::default();
    let mut open_conditions = filter_conditions(filter, &mut open_values);
    open_conditions.push(format!("c.status IN {OPEN}"));
    let sums: Vec<String> = OPEN_VIEWS
        .iter()
        .map(|view| {
            format!("SUM(CASE WHEN {} THEN 1 ELSE 0 END)", open_view_condition(*view, filter, &mut open_values))
        })
        .collect();
    let open_counts = format!("SELECT {} FROM cases c WHERE {}", sums.join(", "), open_conditions.join(" AND "));
    let mut answered_values = Binds::default();
    let mut answered_conditions = filter_conditions(filter, &mut answered_values);
    answered_conditions.push(format!("c.status IN {ANSWERED}"));
    let answered_count = format!("SELECT count(*) FROM cases c WHERE {}", answered_conditions.join(" AND "));
    QueueStatements {
        page: (page, values),
        open_counts: (open_counts, open_values),
        answered_count: (answered_count, answered_values),
    }
}

/// The views of open cases, in the order their counts come back.
pub const OPEN_VIEWS: [QueueView; 6] =
    [QueueView::Open, QueueView::New, QueueView::Mine, QueueView::DueSoon, QueueView::Overdue, QueueView::Waiting];

/// The queue's three statements with their bind values.
pub struct QueueStatements {
    pub page: (String, Binds),
    pub open_counts: (String, Binds),
    pub answered_count: (String, Binds),
}

/// The public list's statement (rows) and its count.
pub fn answered_sql(filter: &AnsweredFilter) -> (String, String, Binds) {
    let mut values = Binds::default();
    let mut conditions =
        vec!["c.published_at IS NOT NULL".to_owned(), "c.status IN ('published', 'closed')".to_owned()];
    // A case answered with the one it is linked under is listed once, as that one.
    conditions.push("c.lead_case IS NULL".to_owned());
    if let Some(agency) = &filter.agency {
        conditions.push(format!("a.slug = {}", values.text(agency)));
    }
    if let Some(procedure) = &filter.procedure {
        conditions.push(format!("c.procedure_code = {}", values.text(procedure)));
    }
    if let Some(field) = &filter.field {
        conditions.push(field_condition(field, &mut values));
    }
    // Published dates are compared as instants: from the start of `from` to the end of `to` in Vietnam.
    if let Some(from) = filter.from {
        let start = day_start(from);
        conditions.push(format!("c.published_at >= {}", values.push(Bind::Time(start))));
    }
    if let Some(to) = filter.to {
        let end = day_start(to.succ_opt().unwrap_or(to));
        conditions.push(format!("c.published_at < {}", values.push(Bind::Time(end))));
    }
    // Only the published wording is searched: a redacted passage must not be findable.
    conditions.extend(words_condition("c.public_search", &filter.words, &mut values));
    let from = format!("FROM cases c JOIN agencies a ON a.code = c.agency WHERE {}", conditions.join(" AND "));
    let offset = i64::from(filter.page.max(1) - 1) * i64::from(civicdesk_domain::queue::ANSWERED_PAGE_SIZE);
    let rows = format!(
        "SELECT c.code, COALESCE(c.public_title, c.title) AS title, c.category, a.code AS agency_code, \
         a.slug AS agency_slug, a.name AS agency_name, c.procedure_code, \
         (SELECT p.name FROM procedures p WHERE p.code = c.procedure_code) AS procedure_name, c.published_at \
         {from} ORDER BY c.published_at DESC, c.id DESC LIMIT {} OFFSET {offset}",
        civicdesk_domain::queue::ANSWERED_PAGE_SIZE
    );
    (rows, format!("SELECT count(*) {from}"), values)
}

/// The date the queue sorts a case by: its governing date, and while paused the answer date as
/// it stood (so waiting cases keep their place); none once finished.
pub fn queue_due(h: &Handling) -> Option<NaiveDate> {
    match h.status {
        CaseStatus::AwaitingInformation => Some(h.answer_due),
        _ => h.governing_due(),
    }
}
