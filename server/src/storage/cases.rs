//! Storage of feedback and petitions, the same SQL on both engines (see [`impl_case_store`]).

use chrono::{DateTime, NaiveDate, Utc};
use civicdesk_domain::calendar::{Term, TermUnit};
use civicdesk_domain::cases::{Area, AttachmentInfo, CaseEvent, CaseRecord};
use civicdesk_domain::catalogue::{AgencyLink, ProcedureLink};
use civicdesk_domain::feedback::{CaseCode, CaseStatus, Category, Channel, Submitter, SubmitterKind};
use civicdesk_domain::files::FileKind;
use civicdesk_domain::rating::Rating;
use civicdesk_domain::store::StoreError;
use civicdesk_domain::workflow::Handling;

use super::corrupt;
use super::shared::from_json;

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
     c.published_at, c.version";

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
    version: i64,
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
            published_at: self.published_at,
            version: self.version,
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
        let channel = match self.channel.as_str() {
            "web" => Channel::Web,
            "api" => Channel::Api,
            "email" => Channel::Email,
            "phone" => Channel::Phone,
            "paper" => Channel::Paper,
            other => return Err(corrupt("channel", other)),
        };
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

/// Implements [`CaseStore`](civicdesk_domain::cases::CaseStore) for a store type with a `pool`
/// field. Every statement is plain SQL both engines accept; the macro exists because the pool
/// types differ.
macro_rules! impl_case_store {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn insert_event(
                tx: &mut sqlx::Transaction<'_, $db>,
                case_id: i64,
                at: chrono::DateTime<chrono::Utc>,
                actor: &str,
                event: &civicdesk_domain::cases::EventKind,
                change: Option<String>,
            ) -> civicdesk_domain::store::StoreResult<i64> {
                sqlx::query_scalar(
                    "INSERT INTO case_events (case_id, at, actor, kind, public, data, change) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(case_id)
                .bind(at)
                .bind(actor)
                .bind(event.as_str())
                .bind(event.public())
                .bind(super::shared::to_json(event))
                .bind(change)
                .fetch_one(&mut **tx)
                .await
                .map_err(super::db_err)
            }

            async fn insert_attachments(
                tx: &mut sqlx::Transaction<'_, $db>,
                case_id: i64,
                event_id: i64,
                attachments: &[civicdesk_domain::cases::NewAttachment],
            ) -> civicdesk_domain::store::StoreResult<()> {
                for a in attachments {
                    sqlx::query(
                        "INSERT INTO attachments (case_id, event_id, file_name, content_type, size, storage_key, sha256) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(case_id)
                    .bind(event_id)
                    .bind(&a.file_name)
                    .bind(a.kind.content_type())
                    .bind(i64::try_from(a.size).unwrap_or(i64::MAX))
                    .bind(&a.storage_key)
                    .bind(&a.sha256)
                    .execute(&mut **tx)
                    .await
                    .map_err(super::db_err)?;
                }
                Ok(())
            }

            async fn insert_mails(
                tx: &mut sqlx::Transaction<'_, $db>,
                case_id: Option<i64>,
                at: chrono::DateTime<chrono::Utc>,
                mails: &[civicdesk_domain::cases::OutgoingMail],
            ) -> civicdesk_domain::store::StoreResult<()> {
                for m in mails {
                    sqlx::query(
                        "INSERT INTO outbox (case_id, recipient, subject, text_body, html_body, created_at, next_attempt_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $6)",
                    )
                    .bind(case_id)
                    .bind(&m.recipient)
                    .bind(&m.subject)
                    .bind(&m.text)
                    .bind(&m.html)
                    .bind(at)
                    .execute(&mut **tx)
                    .await
                    .map_err(super::db_err)?;
                }
                Ok(())
            }

            /// Marks an open case as changed (and gives it `status`); `false` if it is not open.
            async fn touch_open_case(
                tx: &mut sqlx::Transaction<'_, $db>,
                case_id: i64,
                at: chrono::DateTime<chrono::Utc>,
                status: Option<civicdesk_domain::feedback::CaseStatus>,
            ) -> civicdesk_domain::store::StoreResult<bool> {
                use civicdesk_domain::feedback::CaseStatus;
                let closed: Vec<&str> = CaseStatus::ALL.iter().filter(|s| !s.is_open()).map(|s| s.as_str()).collect();
                let placeholders: Vec<String> = (0..closed.len()).map(|i| format!("${}", i + 3)).collect();
                let sql = format!(
                    "UPDATE cases SET updated_at = $2, status = COALESCE(${}, status) WHERE id = $1 AND status NOT IN ({})",
                    closed.len() + 3,
                    placeholders.join(", ")
                );
                let mut query = sqlx::query(&sql).bind(case_id).bind(at);
                for s in &closed {
                    query = query.bind(*s);
                }
                let done = query.bind(status.map(|s| s.as_str())).execute(&mut **tx).await.map_err(super::db_err)?;
                Ok(done.rows_affected() == 1)
            }

            /// Writes one submission in `tx` (see [`CaseStore::submit_case`]).
            ///
            /// [`CaseStore::submit_case`]: civicdesk_domain::cases::CaseStore::submit_case
            async fn insert_submission(
                tx: &mut sqlx::Transaction<'_, $db>,
                s: &civicdesk_domain::cases::Submission,
                mails: civicdesk_domain::cases::MailBuilder,
            ) -> civicdesk_domain::store::StoreResult<civicdesk_domain::feedback::CaseCode> {
                use civicdesk_domain::cases::EventKind;
                use civicdesk_domain::feedback::{CaseCode, CaseStatus};
                let case = &s.case;
                // The day's number first. Only one group is written at a time per instance; on
                // PostgreSQL the counter's row lock orders the groups of several instances.
                let number: i64 = sqlx::query_scalar(
                    "INSERT INTO case_counters (day, last) VALUES ($1, 1) \
                     ON CONFLICT (day) DO UPDATE SET last = case_counters.last + 1 RETURNING last",
                )
                .bind(s.day)
                .fetch_one(&mut **tx)
                .await
                .map_err(super::db_err)?;
                let code = CaseCode::new(s.day, u32::try_from(number).unwrap_or(u32::MAX));

                // A likely duplicate: same phone or e-mail, similar text, within 30 days.
                let since = s.received_at - chrono::Duration::days(30);
                let earlier: Vec<(String, String, String)> = sqlx::query_as(
                    "SELECT code, title, content FROM cases WHERE (phone = $1 OR email = $2) AND received_at >= $3 \
                     ORDER BY id DESC LIMIT 20",
                )
                .bind(&case.submitter.phone)
                .bind(&case.submitter.email)
                .bind(since)
                .fetch_all(&mut **tx)
                .await
                .map_err(super::db_err)?;
                let text = format!("{} {}", case.title, case.content);
                let duplicate_of = earlier
                    .into_iter()
                    .find(|(_, title, content)| {
                        civicdesk_domain::cases::similar_text(&text, &format!("{title} {content}"))
                    })
                    .map(|(code, _, _)| code);

                let sub = &case.submitter;
                let case_id: i64 = sqlx::query_scalar(
                    "INSERT INTO cases (code, channel, status, category, submitter_kind, organisation, \
                     name, address, phone, email, show_name, title, content, procedure_code, concerned_agency, area, \
                     agency, received_at, received_on, classify_due, answer_due, duplicate_of, updated_at, \
                     answer_term_amount, answer_term_unit, next_due, search_text) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, \
                     $20, $21, $22, $18, $23, $24, $20, $25) RETURNING id",
                )
                .bind(code.as_str())
                .bind(s.channel.as_str())
                .bind(CaseStatus::Received.as_str())
                .bind(case.category.as_str())
                .bind(sub.kind.as_str())
                .bind(&sub.organisation)
                .bind(&sub.name)
                .bind(&sub.address)
                .bind(&sub.phone)
                .bind(&sub.email)
                .bind(sub.show_name)
                .bind(&case.title)
                .bind(&case.content)
                .bind(&case.procedure)
                .bind(&case.agency)
                .bind(&case.area)
                .bind(&s.agency)
                .bind(s.received_at)
                .bind(s.received_on)
                .bind(s.classify_due)
                .bind(s.answer_due)
                .bind(&duplicate_of)
                .bind(i64::from(s.answer_term.amount))
                .bind(super::cases::unit_str(s.answer_term.unit))
                .bind(civicdesk_domain::text::search_text(&text))
                .fetch_one(&mut **tx)
                .await
                .map_err(super::db_err)?;
                sqlx::query("INSERT INTO case_tokens (token_hash, case_id, created_at) VALUES ($1, $2, $3)")
                    .bind(&s.token_hash)
                    .bind(case_id)
                    .bind(s.received_at)
                    .execute(&mut **tx)
                    .await
                    .map_err(super::db_err)?;
                let event = EventKind::Submitted { agency: s.agency.clone(), routing: s.routing.clone() };
                let event_id = Self::insert_event(tx, case_id, s.received_at, "submitter", &event, None).await?;
                Self::insert_attachments(tx, case_id, event_id, &s.attachments).await?;
                Self::insert_mails(tx, Some(case_id), s.received_at, &mails(s, &code)).await?;
                Ok(code)
            }

            /// Writes a group of submissions in one transaction, each under its own savepoint
            /// (see [`super::group_commit`]).
            async fn write_submissions(
                writer: sqlx::Pool<$db>,
                group: Vec<super::group_commit::Pending>,
            ) -> Vec<civicdesk_domain::store::StoreResult<civicdesk_domain::feedback::CaseCode>> {
                use sqlx::Acquire as _;
                let mut tx = match writer.begin().await {
                    Ok(tx) => tx,
                    Err(e) => return super::group_commit::fail_group(group.len(), &e),
                };
                let mut results = Vec::with_capacity(group.len());
                for pending in group {
                    let result = async {
                        let mut savepoint = (&mut tx).begin().await.map_err(super::db_err)?;
                        match Self::insert_submission(&mut savepoint, &pending.submission, pending.mails).await {
                            Ok(code) => savepoint.commit().await.map(|()| code).map_err(super::db_err),
                            Err(e) => {
                                savepoint.rollback().await.map_err(super::db_err)?;
                                Err(e)
                            }
                        }
                    }
                    .await;
                    results.push(result);
                }
                match tx.commit().await {
                    Ok(()) => results,
                    Err(e) => super::group_commit::fail_group(results.len(), &e),
                }
            }

            /// Loads a case by a condition on `c`, with its events and attachments.
            async fn load_case(
                &self,
                condition: &str,
                value: &str,
            ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::cases::CaseRecord>> {
                use super::cases::{AttachmentRow, CASE_COLUMNS, CASE_FROM, CaseRow, EventRow};
                let row: Option<CaseRow> =
                    sqlx::query_as(&format!("SELECT {CASE_COLUMNS} FROM {CASE_FROM} WHERE {condition}"))
                        .bind(value)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(super::db_err)?;
                let Some(row) = row else { return Ok(None) };
                let id = row.id;
                let events: Vec<EventRow> = sqlx::query_as(
                    "SELECT id, at, actor, public, data FROM case_events WHERE case_id = $1 ORDER BY id",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(super::db_err)?;
                let attachments: Vec<AttachmentRow> = sqlx::query_as(
                    "SELECT id, event_id, file_name, content_type, size, published FROM attachments WHERE case_id = $1 ORDER BY id",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(super::db_err)?;
                row.into_record(events, attachments).map(Some)
            }
        }

        #[async_trait::async_trait]
        impl civicdesk_domain::cases::CaseStore for $store {
            async fn save_areas(&self, areas: &[civicdesk_domain::cases::Area]) -> civicdesk_domain::store::StoreResult<()> {
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                for area in areas {
                    sqlx::query(super::shared::UPSERT_AREA)
                    .bind(&area.code)
                    .bind(&area.name)
                    .bind(&area.agency)
                    .bind(&area.parent)
                    .execute(&mut *tx)
                    .await
                    .map_err(super::db_err)?;
                }
                tx.commit().await.map_err(super::db_err)
            }

            async fn areas(&self) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::cases::Area>> {
                let rows: Vec<(String, String, Option<String>, Option<String>)> =
                    sqlx::query_as("SELECT code, name, agency, parent FROM areas")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(super::db_err)?;
                let mut areas: Vec<_> = rows
                    .into_iter()
                    .map(|(code, name, agency, parent)| civicdesk_domain::cases::Area { code, name, agency, parent })
                    .collect();
                areas.sort_by_key(|a| civicdesk_domain::text::fold(&a.name));
                Ok(areas)
            }

            async fn save_routing_rule(
                &self,
                rule: &civicdesk_domain::feedback::RoutingRule,
                note: &str,
            ) -> civicdesk_domain::store::StoreResult<i64> {
                sqlx::query_scalar("INSERT INTO routing_rules (category, area, agency, note) VALUES ($1, $2, $3, $4) RETURNING id")
                    .bind(rule.category.map(|c| c.as_str()))
                    .bind(&rule.area)
                    .bind(&rule.agency)
                    .bind(note)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(super::db_err)
            }

            async fn routing_rules(
                &self,
            ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::feedback::RoutingRule>> {
                let rows: Vec<(i64, Option<String>, Option<String>, String)> =
                    sqlx::query_as("SELECT id, category, area, agency FROM routing_rules ORDER BY id")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(super::db_err)?;
                rows.into_iter()
                    .map(|(id, category, area, agency)| {
                        let category = match category {
                            Some(c) => Some(civicdesk_domain::feedback::Category::parse(&c).ok_or_else(|| {
                                super::corrupt("routing category", &c)
                            })?),
                            None => None,
                        };
                        Ok(civicdesk_domain::feedback::RoutingRule { id, category, area, agency })
                    })
                    .collect()
            }

            async fn coordinating_agency(&self) -> civicdesk_domain::store::StoreResult<Option<String>> {
                sqlx::query_scalar("SELECT code FROM agencies WHERE coordinating ORDER BY code LIMIT 1")
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(super::db_err)
            }

            async fn procedure_for_case(
                &self,
                code: &str,
            ) -> civicdesk_domain::store::StoreResult<Option<(civicdesk_domain::catalogue::ProcedureLink, Option<String>)>> {
                let row: Option<(String, String, Option<String>)> = sqlx::query_as(
                    "SELECT p.code, p.name, (SELECT pa.agency_code FROM procedure_agencies pa \
                     JOIN agencies a ON a.code = pa.agency_code \
                     WHERE pa.procedure_id = p.id AND pa.role = 'implementing' ORDER BY pa.agency_code LIMIT 1) \
                     FROM procedures p WHERE p.code = $1",
                )
                .bind(code)
                .fetch_optional(&self.pool)
                .await
                .map_err(super::db_err)?;
                Ok(row.map(|(code, name, agency)| (civicdesk_domain::catalogue::ProcedureLink { code, name }, agency)))
            }

            async fn agency_ref(
                &self,
                slug_or_code: &str,
            ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::catalogue::AgencyLink>> {
                let row: Option<(String, String, String)> =
                    sqlx::query_as("SELECT code, slug, name FROM agencies WHERE slug = $1 OR code = $1")
                        .bind(slug_or_code)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(super::db_err)?;
                Ok(row.map(|(code, slug, name)| civicdesk_domain::catalogue::AgencyLink { code, slug, name }))
            }

            async fn submit_case(
                &self,
                submission: civicdesk_domain::cases::Submission,
                mails: civicdesk_domain::cases::MailBuilder,
            ) -> civicdesk_domain::store::StoreResult<civicdesk_domain::feedback::CaseCode> {
                self.submissions.submit(super::group_commit::Pending { submission, mails }).await
            }

            async fn case_by_code(
                &self,
                code: &civicdesk_domain::feedback::CaseCode,
            ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::cases::CaseRecord>> {
                self.load_case("c.code = $1", code.as_str()).await
            }

            async fn case_by_token(
                &self,
                token_hash: &str,
            ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::cases::CaseRecord>> {
                self.load_case("c.id = (SELECT t.case_id FROM case_tokens t WHERE t.token_hash = $1)", token_hash).await
            }

            async fn add_case_token(
                &self,
                case_id: i64,
                token_hash: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> civicdesk_domain::store::StoreResult<()> {
                sqlx::query("INSERT INTO case_tokens (token_hash, case_id, created_at) VALUES ($1, $2, $3)")
                    .bind(token_hash)
                    .bind(case_id)
                    .bind(at)
                    .execute(&self.writer)
                    .await
                    .map_err(super::db_err)?;
                Ok(())
            }

            async fn add_information(
                &self,
                case_id: i64,
                text: &str,
                attachments: &[civicdesk_domain::cases::NewAttachment],
                at: chrono::DateTime<chrono::Utc>,
                mails: &[civicdesk_domain::cases::OutgoingMail],
            ) -> civicdesk_domain::store::StoreResult<bool> {
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                if !Self::touch_open_case(&mut tx, case_id, at, None).await? {
                    return Ok(false);
                }
                let event = civicdesk_domain::cases::EventKind::InformationAdded { text: text.to_owned() };
                let event_id = Self::insert_event(&mut tx, case_id, at, "submitter", &event, None).await?;
                Self::insert_attachments(&mut tx, case_id, event_id, attachments).await?;
                Self::insert_mails(&mut tx, Some(case_id), at, mails).await?;
                tx.commit().await.map_err(super::db_err)?;
                Ok(true)
            }

            async fn withdraw_case(
                &self,
                case_id: i64,
                reason: &str,
                at: chrono::DateTime<chrono::Utc>,
                mails: &[civicdesk_domain::cases::OutgoingMail],
            ) -> civicdesk_domain::store::StoreResult<bool> {
                use civicdesk_domain::feedback::CaseStatus;
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                if !Self::touch_open_case(&mut tx, case_id, at, Some(CaseStatus::Withdrawn)).await? {
                    return Ok(false);
                }
                let event = civicdesk_domain::cases::EventKind::Withdrawn { reason: reason.to_owned() };
                Self::insert_event(&mut tx, case_id, at, "submitter", &event, None).await?;
                Self::insert_mails(&mut tx, Some(case_id), at, mails).await?;
                tx.commit().await.map_err(super::db_err)?;
                Ok(true)
            }

            async fn attachment(
                &self,
                case_id: i64,
                id: i64,
            ) -> civicdesk_domain::store::StoreResult<Option<(civicdesk_domain::cases::AttachmentInfo, String)>> {
                #[derive(sqlx::FromRow)]
                struct Row {
                    #[sqlx(flatten)]
                    info: super::cases::AttachmentRow,
                    storage_key: String,
                }
                let row: Option<Row> = sqlx::query_as(
                    "SELECT id, event_id, file_name, content_type, size, published, storage_key FROM attachments \
                     WHERE case_id = $1 AND id = $2",
                )
                .bind(case_id)
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(super::db_err)?;
                row.map(|r| Ok((r.info.into_info()?, r.storage_key))).transpose()
            }

            async fn publish_attachment(
                &self,
                case_id: i64,
                id: i64,
                published: bool,
                actor: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> civicdesk_domain::store::StoreResult<bool> {
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                let file_name: Option<String> = sqlx::query_scalar(
                    "UPDATE attachments SET published = $3 WHERE case_id = $1 AND id = $2 RETURNING file_name",
                )
                .bind(case_id)
                .bind(id)
                .bind(published)
                .fetch_optional(&mut *tx)
                .await
                .map_err(super::db_err)?;
                let Some(file_name) = file_name else { return Ok(false) };
                let event = civicdesk_domain::cases::EventKind::AttachmentPublished { id, file_name, published };
                Self::insert_event(&mut tx, case_id, at, actor, &event, None).await?;
                tx.commit().await.map_err(super::db_err)?;
                Ok(true)
            }

            async fn recorded_attachments(&self, keys: &[String]) -> civicdesk_domain::store::StoreResult<Vec<String>> {
                let mut found = Vec::new();
                for key in keys {
                    let hit: Option<String> = sqlx::query_scalar("SELECT storage_key FROM attachments WHERE storage_key = $1")
                        .bind(key)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(super::db_err)?;
                    found.extend(hit);
                }
                Ok(found)
            }

            async fn claim_mail(
                &self,
                now: chrono::DateTime<chrono::Utc>,
                hold_until: chrono::DateTime<chrono::Utc>,
                limit: u32,
            ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::cases::QueuedMail>> {
                // One statement picks and holds up to `limit` messages, so two workers (or two
                // instances) never take the same message while it is held.
                let rows: Vec<(i64, String, String, String, String, i64)> = sqlx::query_as(
                    "UPDATE outbox SET claimed_until = $2 WHERE id IN (SELECT id FROM outbox \
                     WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
                     AND (claimed_until IS NULL OR claimed_until <= $1) ORDER BY next_attempt_at, id LIMIT $3) \
                     AND (claimed_until IS NULL OR claimed_until <= $1) \
                     RETURNING id, recipient, subject, text_body, html_body, attempts",
                )
                .bind(now)
                .bind(hold_until)
                .bind(i64::from(limit))
                .fetch_all(&self.writer)
                .await
                .map_err(super::db_err)?;
                let mut mails: Vec<_> = rows
                    .into_iter()
                    .map(|(id, recipient, subject, text, html, attempts)| civicdesk_domain::cases::QueuedMail {
                        id,
                        mail: civicdesk_domain::cases::OutgoingMail { recipient, subject, text, html },
                        attempts: attempts.try_into().unwrap_or_default(),
                    })
                    .collect();
                mails.sort_by_key(|m| m.id);
                Ok(mails)
            }

            async fn record_mail_attempt(
                &self,
                id: i64,
                at: chrono::DateTime<chrono::Utc>,
                error: Option<&str>,
                retry_at: Option<chrono::DateTime<chrono::Utc>>,
            ) -> civicdesk_domain::store::StoreResult<()> {
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                let update = match (error, retry_at) {
                    (None, _) => "UPDATE outbox SET attempts = attempts + 1, sent_at = $2, claimed_until = NULL WHERE id = $1",
                    (Some(_), Some(_)) => {
                        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $3, claimed_until = NULL WHERE id = $1"
                    }
                    (Some(_), None) => {
                        "UPDATE outbox SET attempts = attempts + 1, failed_at = $2, claimed_until = NULL WHERE id = $1"
                    }
                };
                sqlx::query(update)
                    .bind(id)
                    .bind(at)
                    .bind(retry_at.unwrap_or(at))
                    .execute(&mut *tx)
                    .await
                    .map_err(super::db_err)?;
                sqlx::query("INSERT INTO outbox_attempts (message_id, at, error) VALUES ($1, $2, $3)")
                    .bind(id)
                    .bind(at)
                    .bind(error)
                    .execute(&mut *tx)
                    .await
                    .map_err(super::db_err)?;
                tx.commit().await.map_err(super::db_err)
            }

            async fn mail_pending(&self) -> civicdesk_domain::store::StoreResult<u64> {
                let n: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(super::db_err)?;
                Ok(n.try_into().unwrap_or_default())
            }
        }
    };
}
pub(crate) use impl_case_store;
