//! Storage of officials' work, the same SQL on both engines (see [`impl_handling_store`]): the
//! queue's statements are built here once, with their bind values.

use chrono::NaiveDate;

use civicdesk_domain::catalogue::{AgencyLink, ProcedureLink};
use civicdesk_domain::feedback::{CaseStatus, Category};
use civicdesk_domain::handling::{AnsweredCase, AnsweredFilter, QUEUE_PAGE_SIZE, QueueFilter, QueueItem, QueueView};
use civicdesk_domain::store::StoreError;

use super::corrupt;
use civicdesk_domain::workflow::Handling;

/// A value bound to a generated statement.
pub enum Value {
    Text(String),
    Int(i64),
    Date(NaiveDate),
    Time(chrono::DateTime<chrono::Utc>),
}

/// Bind values and their `$n` placeholders.
#[derive(Default)]
pub struct Values(pub Vec<Value>);

impl Values {
    pub fn push(&mut self, value: Value) -> String {
        self.0.push(value);
        format!("${}", self.0.len())
    }

    fn text(&mut self, s: &str) -> String {
        self.push(Value::Text(s.to_owned()))
    }

    fn date(&mut self, d: NaiveDate) -> String {
        self.push(Value::Date(d))
    }
}

const OPEN: &str = "('received', 'in_progress', 'awaiting_information', 'answer_drafted', 'answer_approved')";

const ANSWERED: &str = "('published', 'closed')";

/// The condition of one queue view. Views of open cases name the open statuses exactly as the
/// partial indexes do (migration 0004), so those indexes serve them.
fn view_condition(view: QueueView, filter: &QueueFilter, values: &mut Values) -> String {
    let open = format!("c.status IN {OPEN}");
    match view {
        QueueView::Open => open,
        QueueView::Answered => format!("c.status IN {ANSWERED}"),
        other => format!("{open} AND {}", open_view_condition(other, filter, values)),
    }
}

/// What singles out a view among the open cases.
fn open_view_condition(view: QueueView, filter: &QueueFilter, values: &mut Values) -> String {
    match view {
        QueueView::Open | QueueView::Answered => "TRUE".to_owned(),
        QueueView::New => "c.status = 'received'".to_owned(),
        QueueView::Mine => format!("c.assignee = {}", values.push(Value::Int(filter.me))),
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
fn field_condition(field: &str, values: &mut Values) -> String {
    format!(
        "c.procedure_code IN (SELECT p.code FROM procedures p JOIN procedure_fields pf ON pf.procedure_id = p.id \
         WHERE pf.field_code = {})",
        values.text(field)
    )
}

/// Each folded word must appear in `column` (a `LIKE` on folded text, its wildcards escaped).
fn words_condition(column: &str, words: &[String], values: &mut Values) -> Vec<String> {
    words
        .iter()
        .map(|word| {
            let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            format!("{column} LIKE {} ESCAPE '\\'", values.text(&format!("%{escaped}%")))
        })
        .collect()
}

/// The filters apart from the view.
fn filter_conditions(filter: &QueueFilter, values: &mut Values) -> Vec<String> {
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
        conditions.push(format!("c.assignee = {}", values.push(Value::Int(assignee))));
    }
    if let Some(from) = filter.due_from {
        conditions.push(format!("c.next_due >= {}", values.date(from)));
    }
    if let Some(to) = filter.due_to {
        conditions.push(format!("c.next_due <= {}", values.date(to)));
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
    let mut values = Values::default();
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
    let mut open_values = Values::default();
    let mut open_conditions = filter_conditions(filter, &mut open_values);
    open_conditions.push(format!("c.status IN {OPEN}"));
    let sums: Vec<String> = OPEN_VIEWS
        .iter()
        .map(|view| {
            format!("SUM(CASE WHEN {} THEN 1 ELSE 0 END)", open_view_condition(*view, filter, &mut open_values))
        })
        .collect();
    let open_counts = format!("SELECT {} FROM cases c WHERE {}", sums.join(", "), open_conditions.join(" AND "));
    let mut answered_values = Values::default();
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
    pub page: (String, Values),
    pub open_counts: (String, Values),
    pub answered_count: (String, Values),
}

/// The public list's statement (rows) and its count.
pub fn answered_sql(filter: &AnsweredFilter) -> (String, String, Values) {
    let mut values = Values::default();
    let mut conditions =
        vec!["c.published_at IS NOT NULL".to_owned(), "c.status IN ('published', 'closed')".to_owned()];
    if let Some(agency) = &filter.agency {
        conditions.push(format!("a.slug = {}", values.text(agency)));
    }
    if let Some(procedure) = &filter.procedure {
        conditions.push(format!("c.procedure_code = {}", values.text(procedure)));
    }
    if let Some(field) = &filter.field {
        conditions.push(field_condition(field, &mut values));
    }
    // Published dates are compared as instants: from the start of `from` to the end of `to`, UTC+7.
    if let Some(from) = filter.from {
        let start = from.and_hms_opt(0, 0, 0).expect("midnight") - chrono::Duration::hours(7);
        conditions.push(format!("c.published_at >= {}", values.push(Value::Time(start.and_utc()))));
    }
    if let Some(to) = filter.to {
        let end = to.and_hms_opt(0, 0, 0).expect("midnight") + chrono::Duration::hours(17);
        conditions.push(format!("c.published_at < {}", values.push(Value::Time(end.and_utc()))));
    }
    // Only the published wording is searched: a redacted passage must not be findable.
    conditions.extend(words_condition("c.public_search", &filter.words, &mut values));
    let from = format!("FROM cases c JOIN agencies a ON a.code = c.agency WHERE {}", conditions.join(" AND "));
    let offset = i64::from(filter.page.max(1) - 1) * i64::from(civicdesk_domain::handling::ANSWERED_PAGE_SIZE);
    let rows = format!(
        "SELECT c.code, COALESCE(c.public_title, c.title) AS title, c.category, a.code AS agency_code, \
         a.slug AS agency_slug, a.name AS agency_name, c.procedure_code, \
         (SELECT p.name FROM procedures p WHERE p.code = c.procedure_code) AS procedure_name, c.published_at \
         {from} ORDER BY c.published_at DESC, c.id DESC LIMIT {} OFFSET {offset}",
        civicdesk_domain::handling::ANSWERED_PAGE_SIZE
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

/// Implements [`HandlingStore`](civicdesk_domain::handling::HandlingStore) for a store type with
/// a `pool` field; every statement is plain SQL both engines accept.
macro_rules! impl_handling_store {
    ($store:ty, $db:ty) => {
        impl $store {
            fn bind_values_as<'q, O>(
                mut query: sqlx::query::QueryAs<'q, $db, O, <$db as sqlx::Database>::Arguments<'q>>,
                values: &'q super::handling::Values,
            ) -> sqlx::query::QueryAs<'q, $db, O, <$db as sqlx::Database>::Arguments<'q>> {
                use super::handling::Value;
                for value in &values.0 {
                    query = match value {
                        Value::Text(s) => query.bind(s),
                        Value::Int(i) => query.bind(i),
                        Value::Date(d) => query.bind(d),
                        Value::Time(t) => query.bind(t),
                    };
                }
                query
            }

            /// Active officials matching `condition` (on `o`, from `from`), each with one more
            /// text column: the password hash, or a session's CSRF token.
            async fn officials_with(
                &self,
                extra: &str,
                from: &str,
                condition: &str,
                values: &super::handling::Values,
            ) -> civicdesk_domain::store::StoreResult<Vec<(civicdesk_domain::workflow::Official, String)>> {
                let sql = format!(
                    "SELECT o.id, o.name, o.email, o.role, o.agency, {extra} FROM {from} WHERE o.active AND {condition} \
                     ORDER BY o.name, o.id"
                );
                let rows: Vec<(i64, String, String, String, String, String)> =
                    Self::bind_values_as(sqlx::query_as(&sql), values).fetch_all(&self.pool).await.map_err(super::db_err)?;
                rows.into_iter()
                    .map(|(id, name, email, role, agency, extra)| {
                        let role = civicdesk_domain::workflow::Role::parse(&role).ok_or_else(|| {
                            super::corrupt("role", &role)
                        })?;
                        Ok((civicdesk_domain::workflow::Official { id, name, email, role, agency }, extra))
                    })
                    .collect()
            }

            async fn official_where(
                &self,
                condition: &str,
                value: super::handling::Value,
            ) -> civicdesk_domain::store::StoreResult<Vec<(civicdesk_domain::workflow::Official, String)>> {
                let values = super::handling::Values(vec![value]);
                self.officials_with("o.password_hash", "officials o", condition, &values).await
            }
        }

        #[async_trait::async_trait]
        impl civicdesk_domain::handling::HandlingStore for $store {
            async fn create_official(
                &self,
                o: &civicdesk_domain::handling::NewOfficial,
                at: chrono::DateTime<chrono::Utc>,
            ) -> civicdesk_domain::store::StoreResult<i64> {
                sqlx::query_scalar(
                    "INSERT INTO officials (email, name, role, agency, password_hash, active, created_at) \
                     VALUES ($1, $2, $3, $4, $5, TRUE, $6) \
                     ON CONFLICT (email) DO UPDATE SET name = excluded.name, role = excluded.role, \
                     agency = excluded.agency, password_hash = excluded.password_hash, active = TRUE RETURNING id",
                )
                .bind(&o.email)
                .bind(&o.name)
                .bind(o.role.as_str())
                .bind(&o.agency)
                .bind(&o.password_hash)
                .bind(at)
                .fetch_one(&self.pool)
                .await
                .map_err(super::db_err)
            }

            async fn official_by_email(
                &self,
                email: &str,
            ) -> civicdesk_domain::store::StoreResult<Option<(civicdesk_domain::workflow::Official, String)>> {
                let email = super::handling::Value::Text(email.to_owned());
                Ok(self.official_where("lower(o.email) = lower($1)", email).await?.into_iter().next())
            }

            async fn official(
                &self,
                id: i64,
            ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::workflow::Official>> {
                let id = super::handling::Value::Int(id);
                Ok(self.official_where("o.id = $1", id).await?.into_iter().next().map(|(o, _)| o))
            }

            async fn officials_of(
                &self,
                agency: &str,
            ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::workflow::Official>> {
                let agency = super::handling::Value::Text(agency.to_owned());
                Ok(self.official_where("o.agency = $1", agency).await?.into_iter().map(|(o, _)| o).collect())
            }

            async fn create_session(
                &self,
                token_hash: &str,
                official: i64,
                csrf: &str,
                at: chrono::DateTime<chrono::Utc>,
                expires: chrono::DateTime<chrono::Utc>,
            ) -> civicdesk_domain::store::StoreResult<()> {
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                // Expired sessions are dropped as new ones open.
                sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
                    .bind(at)
                    .execute(&mut *tx)
                    .await
                    .map_err(super::db_err)?;
                sqlx::query(
                    "INSERT INTO sessions (token_hash, official_id, csrf, created_at, expires_at, last_seen_at) \
                     VALUES ($1, $2, $3, $4, $5, $4)",
                )
                .bind(token_hash)
                .bind(official)
                .bind(csrf)
                .bind(at)
                .bind(expires)
                .execute(&mut *tx)
                .await
                .map_err(super::db_err)?;
                tx.commit().await.map_err(super::db_err)
            }

            async fn session(
                &self,
                token_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
                idle_since: chrono::DateTime<chrono::Utc>,
            ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::handling::Session>> {
                use super::handling::{Value, Values};
                let values = Values(vec![Value::Text(token_hash.to_owned()), Value::Time(now), Value::Time(idle_since)]);
                let from = "sessions s JOIN officials o ON o.id = s.official_id";
                let condition = "s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3";
                let found = self.officials_with("s.csrf", from, condition, &values).await?;
                let Some((official, csrf)) = found.into_iter().next() else {
                    return Ok(None);
                };
                // The idle clock restarts; one write a minute at most per session.
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at < $3")
                    .bind(now)
                    .bind(token_hash)
                    .bind(now - chrono::Duration::minutes(1))
                    .execute(&self.writer)
                    .await
                    .map_err(super::db_err)?;
                Ok(Some(civicdesk_domain::handling::Session { official, csrf }))
            }

            async fn set_password(
                &self,
                official: i64,
                password_hash: &str,
                keep: &str,
            ) -> civicdesk_domain::store::StoreResult<()> {
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                sqlx::query("UPDATE officials SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(official)
                    .execute(&mut *tx)
                    .await
                    .map_err(super::db_err)?;
                sqlx::query("DELETE FROM sessions WHERE official_id = $1 AND token_hash <> $2")
                    .bind(official)
                    .bind(keep)
                    .execute(&mut *tx)
                    .await
                    .map_err(super::db_err)?;
                tx.commit().await.map_err(super::db_err)
            }

            async fn end_session(&self, token_hash: &str) -> civicdesk_domain::store::StoreResult<()> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.writer)
                    .await
                    .map_err(super::db_err)?;
                Ok(())
            }

            async fn record_login(
                &self,
                email: &str,
                address: &str,
                at: chrono::DateTime<chrono::Utc>,
                success: bool,
            ) -> civicdesk_domain::store::StoreResult<()> {
                sqlx::query("INSERT INTO login_attempts (at, email, address, success) VALUES ($1, $2, $3, $4)")
                    .bind(at)
                    .bind(email)
                    .bind(address)
                    .bind(success)
                    .execute(&self.writer)
                    .await
                    .map_err(super::db_err)?;
                Ok(())
            }

            async fn login_failures(
                &self,
                email: &str,
                address: &str,
                since: chrono::DateTime<chrono::Utc>,
            ) -> civicdesk_domain::store::StoreResult<(u64, u64)> {
                let (by_email, by_address): (i64, i64) = sqlx::query_as(
                    "SELECT (SELECT count(*) FROM login_attempts WHERE email = $1 AND at >= $3 AND NOT success), \
                     (SELECT count(*) FROM login_attempts WHERE address = $2 AND at >= $3 AND NOT success)",
                )
                .bind(email)
                .bind(address)
                .bind(since)
                .fetch_one(&self.pool)
                .await
                .map_err(super::db_err)?;
                Ok((by_email.try_into().unwrap_or_default(), by_address.try_into().unwrap_or_default()))
            }

            async fn import_cases(
                &self,
                cases: &[civicdesk_domain::handling::ImportedCase],
            ) -> civicdesk_domain::store::StoreResult<()> {
                use super::cases::unit_str;
                use super::handling::queue_due;
                // Rows per statement: 27 parameters each, within either engine's limit.
                const ROWS: usize = 400;
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                for chunk in cases.chunks(ROWS) {
                    let mut insert = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO cases (code, channel, status, category, submitter_kind, name, address, phone, \
                         email, show_name, title, content, procedure_code, agency, received_at, received_on, \
                         classify_due, answer_due, updated_at, answer_term_amount, answer_term_unit, next_due, \
                         search_text, assignee, answer, published_at, public_search) ",
                    );
                    insert.push_values(chunk, |mut row, case| {
                        let h = &case.handling;
                        let s = &case.submitter;
                        let published = h.published_at.is_some();
                        row.push_bind(case.code.clone())
                            .push_bind(case.channel.as_str())
                            .push_bind(h.status.as_str())
                            .push_bind(case.category.as_str())
                            .push_bind(s.kind.as_str())
                            .push_bind(s.name.clone())
                            .push_bind(s.address.clone())
                            .push_bind(s.phone.clone())
                            .push_bind(s.email.clone())
                            .push_bind(s.show_name)
                            .push_bind(case.title.clone())
                            .push_bind(case.content.clone())
                            .push_bind(case.procedure.clone())
                            .push_bind(h.agency.clone())
                            .push_bind(case.received_at)
                            .push_bind(h.received_on)
                            .push_bind(h.classify_due)
                            .push_bind(h.answer_due)
                            .push_bind(case.received_at)
                            .push_bind(i64::from(h.answer_term.amount))
                            .push_bind(unit_str(h.answer_term.unit))
                            .push_bind(queue_due(h))
                            .push_bind(civicdesk_domain::text::search_text(&format!("{} {}", case.title, case.content)))
                            .push_bind(h.assignee)
                            .push_bind(h.answer.clone())
                            .push_bind(h.published_at)
                            .push_bind(if published {
                                civicdesk_domain::text::search_text(&format!(
                                    "{} {} {}",
                                    case.title,
                                    case.content,
                                    h.answer.as_deref().unwrap_or_default()
                                ))
                            } else {
                                String::new()
                            });
                    });
                    insert.build().execute(&mut *tx).await.map_err(super::db_err)?;
                }
                tx.commit().await.map_err(super::db_err)?;
                Ok(())
            }

            async fn change_handling(
                &self,
                change: &civicdesk_domain::handling::HandlingChange<'_>,
            ) -> civicdesk_domain::store::StoreResult<bool> {
                use super::cases::unit_str;
                use super::handling::queue_due;
                let h = change.after;
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                let updated = sqlx::query(
                    "UPDATE cases SET status = $3, agency = $4, assignee = $5, received_on = $6, classify_due = $7, \
                     answer_term_amount = $8, answer_term_unit = $9, answer_due = $10, paused_on = $11, \
                     publish_due = $12, progress_due = $13, answer = $14, public_title = $15, public_content = $16, \
                     published_at = $17, version = $18, next_due = $19, updated_at = $20, \
                     public_search = $21 WHERE id = $1 AND version = $2",
                )
                .bind(change.case_id)
                .bind(change.before.version)
                .bind(h.status.as_str())
                .bind(&h.agency)
                .bind(h.assignee)
                .bind(h.received_on)
                .bind(h.classify_due)
                .bind(i64::from(h.answer_term.amount))
                .bind(unit_str(h.answer_term.unit))
                .bind(h.answer_due)
                .bind(h.paused_on)
                .bind(h.publish_due)
                .bind(h.progress_due)
                .bind(&h.answer)
                .bind(&h.public_title)
                .bind(&h.public_content)
                .bind(h.published_at)
                .bind(h.version)
                .bind(queue_due(h))
                .bind(change.at)
                .bind(&change.public_search)
                .execute(&mut *tx)
                .await
                .map_err(super::db_err)?;
                if updated.rows_affected() != 1 {
                    return Ok(false);
                }
                let (before, after) = (change.before.snapshot(), h.snapshot());
                let mut diff = serde_json::Map::new();
                if before.status != after.status {
                    diff.insert("status".into(), serde_json::json!([before.status, after.status]));
                }
                if before.agency != after.agency {
                    diff.insert("agency".into(), serde_json::json!([before.agency, after.agency]));
                }
                if before.assignee != after.assignee {
                    diff.insert("assignee".into(), serde_json::json!([before.assignee, after.assignee]));
                }
                let diff = Some(serde_json::Value::Object(diff).to_string());
                Self::insert_event(&mut tx, change.case_id, change.at, &change.actor, &change.event, diff).await?;
                Self::insert_mails(&mut tx, Some(change.case_id), change.at, &change.mails).await?;
                tx.commit().await.map_err(super::db_err)?;
                Ok(true)
            }

            async fn queue(
                &self,
                filter: &civicdesk_domain::handling::QueueFilter,
            ) -> civicdesk_domain::store::StoreResult<civicdesk_domain::handling::QueuePage> {
                use civicdesk_domain::handling::{QueuePage, QueueView};
                let statements = super::handling::queue_sql(filter);
                let (page_sql, page_values) = &statements.page;
                let rows = Self::bind_values_as(sqlx::query_as::<_, super::handling::QueueRow>(page_sql), page_values)
                    .fetch_all(&self.pool);
                type Sums = (Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>);
                let open = async {
                    let (sql, values) = &statements.open_counts;
                    let (a, b, c, d, e, f): Sums =
                        Self::bind_values_as(sqlx::query_as(sql), values).fetch_one(&self.pool).await?;
                    Ok::<_, sqlx::Error>([a, b, c, d, e, f].map(|n| n.unwrap_or(0)))
                };
                let answered = async {
                    let (sql, values) = &statements.answered_count;
                    let (n,): (i64,) = Self::bind_values_as(sqlx::query_as(sql), values).fetch_one(&self.pool).await?;
                    Ok::<_, sqlx::Error>(n)
                };
                let (rows, open, answered) = tokio::try_join!(rows, open, answered).map_err(super::db_err)?;
                let counts: Vec<(QueueView, u64)> = QueueView::ALL
                    .iter()
                    .map(|view| {
                        let n = match super::handling::OPEN_VIEWS.iter().position(|v| v == view) {
                            Some(i) => open[i],
                            None => answered,
                        };
                        (*view, n.try_into().unwrap_or_default())
                    })
                    .collect();
                let total = counts.iter().find(|(v, _)| *v == filter.view).map_or(0, |(_, n)| *n);
                Ok(QueuePage {
                    items: rows.into_iter().map(super::handling::QueueRow::into_item).collect::<Result<_, _>>()?,
                    total,
                    counts,
                })
            }

            async fn answered_cases(
                &self,
                filter: &civicdesk_domain::handling::AnsweredFilter,
            ) -> civicdesk_domain::store::StoreResult<(Vec<civicdesk_domain::handling::AnsweredCase>, u64)> {
                let (rows_sql, count_sql, values) = super::handling::answered_sql(filter);
                let rows = Self::bind_values_as(sqlx::query_as::<_, super::handling::AnsweredRow>(&rows_sql), &values)
                    .fetch_all(&self.pool);
                let count = Self::bind_values_as(sqlx::query_as::<_, (i64,)>(&count_sql), &values).fetch_one(&self.pool);
                let (rows, (count,)) = tokio::try_join!(rows, count).map_err(super::db_err)?;
                Ok((
                    rows.into_iter().map(super::handling::AnsweredRow::into_case).collect::<Result<_, _>>()?,
                    count.try_into().unwrap_or_default(),
                ))
            }

            async fn rate_case(
                &self,
                case_id: i64,
                rating: &civicdesk_domain::rating::Rating,
                at: chrono::DateTime<chrono::Utc>,
            ) -> civicdesk_domain::store::StoreResult<bool> {
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                let done = sqlx::query(
                    "UPDATE cases SET rating = $2, rating_reason = $3, updated_at = $4 \
                     WHERE id = $1 AND rating IS NULL AND status IN ('published', 'closed')",
                )
                .bind(case_id)
                .bind(if rating.satisfied { "satisfied" } else { "not_satisfied" })
                .bind(&rating.reason)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(super::db_err)?;
                if done.rows_affected() != 1 {
                    return Ok(false);
                }
                let event = civicdesk_domain::cases::EventKind::Rated { satisfied: rating.satisfied, reason: rating.reason.clone() };
                Self::insert_event(&mut tx, case_id, at, "submitter", &event, None).await?;
                tx.commit().await.map_err(super::db_err)?;
                Ok(true)
            }

            async fn calendar_days(
                &self,
            ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::calendar::DayOverride>> {
                use civicdesk_domain::calendar::{DayKind, DayOverride};
                let rows: Vec<(chrono::NaiveDate, String, String)> =
                    sqlx::query_as("SELECT day, kind, note FROM calendar_days ORDER BY day")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(super::db_err)?;
                rows.into_iter()
                    .map(|(date, kind, note)| {
                        let kind = match kind.as_str() {
                            "announced_day_off" => DayKind::AnnouncedDayOff,
                            "make_up_working_day" => DayKind::MakeUpWorkingDay,
                            other => {
                                return Err(super::corrupt("day kind", &other));
                            }
                        };
                        Ok(DayOverride { date, kind, note })
                    })
                    .collect()
            }

            async fn term_rules(&self) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::workflow::TermRule>> {
                let rows: Vec<(Option<String>, Option<String>, i64, String)> =
                    sqlx::query_as("SELECT agency, category, amount, unit FROM answer_terms ORDER BY id")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(super::db_err)?;
                rows.into_iter()
                    .map(|(agency, category, amount, unit)| {
                        Ok(civicdesk_domain::workflow::TermRule {
                            agency,
                            category: category.as_deref().and_then(civicdesk_domain::feedback::Category::parse),
                            term: civicdesk_domain::calendar::Term {
                                amount: u32::try_from(amount).unwrap_or_default(),
                                unit: super::cases::parse_unit(&unit)?,
                            },
                        })
                    })
                    .collect()
            }

            async fn templates(&self, agency: &str) -> civicdesk_domain::store::StoreResult<Vec<(i64, String, String)>> {
                sqlx::query_as("SELECT id, title, body FROM response_templates WHERE agency = $1 ORDER BY title, id")
                    .bind(agency)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(super::db_err)
            }

            async fn save_template(&self, agency: &str, title: &str, body: &str) -> civicdesk_domain::store::StoreResult<i64> {
                sqlx::query_scalar("INSERT INTO response_templates (agency, title, body) VALUES ($1, $2, $3) RETURNING id")
                    .bind(agency)
                    .bind(title)
                    .bind(body)
                    .fetch_one(&self.writer)
                    .await
                    .map_err(super::db_err)
            }

            async fn due_by_agency(
                &self,
                soon_until: chrono::NaiveDate,
            ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::handling::AgencyDue>> {
                let rows: Vec<super::handling::QueueRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM cases c JOIN agencies a ON a.code = c.agency LEFT JOIN officials o ON o.id = c.assignee \
                     WHERE c.next_due <= $1 AND c.status NOT IN ('awaiting_information', 'published', 'closed', \
                     'refused', 'withdrawn') ORDER BY c.agency, c.next_due, c.id",
                    super::handling::QUEUE_COLUMNS
                ))
                .bind(soon_until)
                .fetch_all(&self.pool)
                .await
                .map_err(super::db_err)?;
                let mut out: Vec<civicdesk_domain::handling::AgencyDue> = Vec::new();
                for row in rows {
                    let item = row.into_item()?;
                    match out.last_mut() {
                        Some(last) if last.agency.code == item.agency.code => last.cases.push(item),
                        _ => out.push(civicdesk_domain::handling::AgencyDue {
                            agency: item.agency.clone(),
                            leads: Vec::new(),
                            cases: vec![item],
                        }),
                    }
                }
                for due in &mut out {
                    due.leads = civicdesk_domain::handling::HandlingStore::officials_of(self, &due.agency.code)
                        .await?
                        .into_iter()
                        .filter(|o| o.role == civicdesk_domain::workflow::Role::Lead)
                        .collect();
                }
                Ok(out)
            }

            async fn write_digest(
                &self,
                agency: &str,
                day: chrono::NaiveDate,
                at: chrono::DateTime<chrono::Utc>,
                mails: &[civicdesk_domain::cases::OutgoingMail],
            ) -> civicdesk_domain::store::StoreResult<bool> {
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                let claimed = sqlx::query(
                    "INSERT INTO digests (agency, day, sent_at) VALUES ($1, $2, $3) ON CONFLICT (agency, day) DO NOTHING",
                )
                .bind(agency)
                .bind(day)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(super::db_err)?;
                if claimed.rows_affected() != 1 {
                    return Ok(false);
                }
                Self::insert_mails(&mut tx, None, at, mails).await?;
                tx.commit().await.map_err(super::db_err)?;
                Ok(true)
            }

            async fn milestones(
                &self,
                agency: Option<&str>,
            ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::handling::CaseMilestones>> {
                use super::cases::EventRow;
                let rows: Vec<(i64, String, String, String, String, String, chrono::DateTime<chrono::Utc>, chrono::NaiveDate, chrono::NaiveDate)> =
                    sqlx::query_as(
                        "SELECT id, code, title, category, status, agency, received_at, classify_due, answer_due FROM cases \
                         WHERE ($1 = '' OR agency = $1) ORDER BY id",
                    )
                    .bind(agency.unwrap_or_default())
                    .fetch_all(&self.pool)
                    .await
                    .map_err(super::db_err)?;
                let events: Vec<(i64, i64, chrono::DateTime<chrono::Utc>, String, bool, String)> = sqlx::query_as(
                    "SELECT e.case_id, e.id, e.at, e.actor, e.public, e.data FROM case_events e JOIN cases c ON c.id = e.case_id \
                     WHERE ($1 = '' OR c.agency = $1) ORDER BY e.case_id, e.id",
                )
                .bind(agency.unwrap_or_default())
                .fetch_all(&self.pool)
                .await
                .map_err(super::db_err)?;
                let mut events = events.into_iter().peekable();
                use super::corrupt;
                let mut out = Vec::with_capacity(rows.len());
                for (id, code, title, category, status, agency, received_at, classify_due, answer_due) in rows {
                    let mut own = Vec::new();
                    while let Some((_, event_id, at, actor, public, data)) = events.next_if(|e| e.0 == id) {
                        own.push(EventRow { id: event_id, at, actor, public, data }.into_event()?);
                    }
                    out.push(civicdesk_domain::handling::CaseMilestones {
                        category: civicdesk_domain::feedback::Category::parse(&category).ok_or_else(|| corrupt("category", &category))?,
                        status: civicdesk_domain::feedback::CaseStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
                        code,
                        title,
                        agency,
                        received_at,
                        classify_due,
                        answer_due,
                        events: own,
                    });
                }
                Ok(out)
            }

            async fn case_code(
                &self,
                case_id: i64,
            ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::feedback::CaseCode>> {
                let code: Option<String> = sqlx::query_scalar("SELECT code FROM cases WHERE id = $1")
                    .bind(case_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(super::db_err)?;
                Ok(code.and_then(|c| civicdesk_domain::feedback::CaseCode::parse(&c)))
            }
        }
    };
}
pub(crate) use impl_handling_store;
