//! The SQL both engines share, and the macro that implements [`Store`] with it for each pool type.

use chrono::{DateTime, Utc};
use civicdesk_domain::agency::{Agency, AgencyLevel};
use civicdesk_domain::catalogue::{PAGE_SIZE, ProcedureFilter, ProcedureSummary, RevisionSummary};
use civicdesk_domain::procedure::{Procedure, Subject};
use civicdesk_domain::store::StoreError;
use civicdesk_domain::text::{SearchQuery, fold, search_text};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A value bound to a generated query.
pub enum Bind {
    Text(String),
    Int(i64),
}

/// Collects bind values and hands out their `$n` placeholders (SQLite accepts `$n` too).
#[derive(Default)]
pub struct Binds(pub Vec<Bind>);

impl Binds {
    pub fn text(&mut self, value: String) -> String {
        self.0.push(Bind::Text(value));
        format!("${}", self.0.len())
    }

    pub fn int(&mut self, value: i64) -> String {
        self.0.push(Bind::Int(value));
        format!("${}", self.0.len())
    }
}

/// A directory search as two statements (one page, one count) over the same bind values.
pub struct SearchSql {
    pub page: String,
    pub count: String,
    pub binds: Binds,
}

/// How well a procedure matches a query; lower ranks first. Both engines compute the same tier
/// for the same record, so the same query lists the same procedures in the same order.
#[derive(Clone, Copy)]
pub enum Tier {
    /// The code typed exactly.
    ExactCode = 0,
    /// The name holds the words as typed, in order (the last one as a prefix).
    NamePhrase = 1,
    /// The words in order elsewhere: a keyword such as "sổ đỏ", a paper, an agency. This ranks
    /// above scattered words in the name, where short prefixes ("so", "do") match by chance.
    Phrase = 2,
    /// The name holds every word.
    NameWords = 3,
    /// Every word somewhere.
    Words = 4,
}

/// Builds the search. `word_hits` is the engine's full-text match: a `SELECT id, tier` over the
/// procedures that contain every word (as a prefix) in name or body.
pub fn search_sql(filter: &ProcedureFilter, word_hits: fn(&[String], &mut Binds) -> String) -> SearchSql {
    let mut binds = Binds::default();
    let query = SearchQuery::parse(&filter.q);
    let hits = if let Some(code) = &query.code {
        let exact = binds.text(code.clone());
        let local = binds.text(format!("{code}.%"));
        Some(format!(
            "SELECT id, CASE WHEN code = {exact} THEN {} ELSE {} END AS tier FROM procedures \
             WHERE code = {exact} OR code LIKE {local}",
            Tier::ExactCode as u8,
            Tier::NamePhrase as u8,
        ))
    } else if !query.words.is_empty() {
        Some(word_hits(&query.words, &mut binds))
    } else {
        None
    };

    let mut conditions = vec!["TRUE".to_owned()];
    if let Some(field) = &filter.field {
        let p = binds.text(field.clone());
        conditions.push(format!("p.id IN (SELECT procedure_id FROM procedure_fields WHERE field_code = {p})"));
    }
    if let Some(agency) = &filter.agency {
        let p = binds.text(agency.clone());
        conditions.push(format!(
            "p.id IN (SELECT pa.procedure_id FROM procedure_agencies pa JOIN agencies a ON a.code = pa.agency_code \
             WHERE a.slug = {p} AND pa.role = 'implementing')"
        ));
    }
    if let Some(level) = filter.level {
        let p = binds.int(level_bit(level));
        conditions.push(format!("(p.level_mask & {p}) <> 0"));
    }
    match filter.subject {
        Some(Subject::Individual) => conditions.push("p.for_individuals".into()),
        Some(Subject::Organisation) => conditions.push("p.for_organisations".into()),
        None => {}
    }
    if let Some(online) = filter.online {
        let p = binds.text(to_text(&online));
        conditions.push(format!("p.online_level = {p}"));
    }
    if let Some(status) = filter.status {
        let p = binds.text(to_text(&status));
        conditions.push(format!("p.status = {p}"));
    }
    let conditions = conditions.join(" AND ");

    let (with, from, tier) = match &hits {
        Some(hits) => (format!("WITH hits AS ({hits}) "), "procedures p JOIN hits h ON h.id = p.id", "h.tier, "),
        None => (String::new(), "procedures p", ""),
    };
    let limit = binds.int(i64::from(PAGE_SIZE));
    let offset = binds.int(i64::from(filter.offset()));
    SearchSql {
        page: format!(
            "{with}SELECT p.summary FROM {from} WHERE {conditions} \
             ORDER BY {tier}p.in_force DESC, p.popularity DESC, p.code LIMIT {limit} OFFSET {offset}"
        ),
        count: format!("{with}SELECT count(*) FROM {from} WHERE {conditions}"),
        binds,
    }
}

fn level_bit(level: AgencyLevel) -> i64 {
    1 << (level as u32)
}

/// The columns a procedure is filtered and ranked by, derived from its record.
pub struct ProcedureColumns {
    pub status: String,
    pub in_force: bool,
    pub online_level: String,
    pub level_mask: i64,
    pub for_individuals: bool,
    pub for_organisations: bool,
    pub summary: String,
    pub record: String,
    pub name_search: String,
    pub body_search: String,
}

impl ProcedureColumns {
    pub fn of(p: &Procedure) -> Self {
        ProcedureColumns {
            status: to_text(&p.status),
            in_force: p.status.in_force(),
            online_level: to_text(&p.online_level),
            level_mask: p.levels.iter().map(|l| level_bit(*l)).fold(0, |a, b| a | b),
            for_individuals: p.serves(Subject::Individual),
            for_organisations: p.serves(Subject::Organisation),
            summary: to_json(&ProcedureSummary::from(p)),
            record: to_json(p),
            name_search: search_text(&format!("{} {}", p.name, p.code)),
            body_search: search_text(&p.body_text()),
        }
    }
}

/// The change history from stored revisions, newest first.
pub fn revision_history(rows: Vec<(i64, DateTime<Utc>, String)>) -> Result<Vec<RevisionSummary>, StoreError> {
    let mut previous: Option<Procedure> = None;
    let mut history = Vec::with_capacity(rows.len());
    for (number, recorded_at, record) in rows {
        let record: Procedure = from_json(&record)?;
        history.push(RevisionSummary {
            number: u32::try_from(number).unwrap_or_default(),
            recorded_at,
            status: record.status,
            decision: record.decision.clone(),
            changed: previous.as_ref().map(|p| record.changed_parts(p)).unwrap_or_default(),
        });
        previous = Some(record);
    }
    history.reverse();
    Ok(history)
}

#[derive(sqlx::FromRow)]
pub struct AgencyRow {
    pub code: String,
    pub slug: String,
    pub name: String,
    pub level: String,
    pub parent: Option<String>,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub office_hours: String,
    pub cutoff: String,
    pub website: Option<String>,
    pub coordinating: bool,
}

impl AgencyRow {
    pub fn into_agency(self) -> Result<Agency, StoreError> {
        Ok(Agency {
            level: from_text(&self.level)?,
            code: self.code,
            slug: self.slug,
            name: self.name,
            parent: self.parent,
            email: self.email,
            phone: self.phone,
            address: self.address,
            office_hours: self.office_hours,
            cutoff: self.cutoff,
            website: self.website,
            coordinating: self.coordinating,
        })
    }
}

pub const AGENCY_COLUMNS: &str =
    "code, slug, name, level, parent, email, phone, address, office_hours, cutoff, website, coordinating";

/// Orders by level of government, the coordinating office first within its level, then by
/// name as a Vietnamese reader expects (accents do not push "Đ" after "Z").
pub fn agency_order(a: &Agency) -> (AgencyLevel, bool, String) {
    (a.level, !a.coordinating, fold(&a.name))
}

/// An enum's serde name (`"working_days"`), the form it is stored in.
pub fn to_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => unreachable!("stored enums serialise as strings, got {other:?}"),
    }
}

pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|e| StoreError::Corrupt(format!("{text:?}: {e}")))
}

pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("domain records always serialise")
}

pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Implements [`Store`](civicdesk_domain::store::Store) for a store type with a `pool` field,
/// given the engine's name and its full-text `word_hits` function. The SQL is the same text for
/// both engines; only the pool type differs, which is why this is a macro and not a generic.
macro_rules! impl_store {
    ($store:ty, $engine:literal, $word_hits:path) => {
        #[async_trait::async_trait]
        impl civicdesk_domain::store::Store for $store {
            fn engine(&self) -> &'static str {
                $engine
            }

            async fn ping(&self) -> civicdesk_domain::store::StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await.map_err(super::db_err)?;
                Ok(())
            }

            async fn save_agencies(
                &self,
                agencies: &[civicdesk_domain::Agency],
            ) -> civicdesk_domain::store::StoreResult<()> {
                use super::shared::to_text;
                let mut tx = self.pool.begin().await.map_err(super::db_err)?;
                for a in agencies {
                    sqlx::query(
                        "INSERT INTO agencies (code, slug, name, level, parent, email, phone, address, office_hours, \
                         cutoff, website, coordinating) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                         ON CONFLICT (code) DO UPDATE SET slug = excluded.slug, name = excluded.name, \
                         level = excluded.level, parent = excluded.parent, email = excluded.email, \
                         phone = excluded.phone, address = excluded.address, office_hours = excluded.office_hours, \
                         cutoff = excluded.cutoff, website = excluded.website, coordinating = excluded.coordinating",
                    )
                    .bind(&a.code)
                    .bind(&a.slug)
                    .bind(&a.name)
                    .bind(to_text(&a.level))
                    .bind(&a.parent)
                    .bind(&a.email)
                    .bind(&a.phone)
                    .bind(&a.address)
                    .bind(&a.office_hours)
                    .bind(&a.cutoff)
                    .bind(&a.website)
                    .bind(a.coordinating)
                    .execute(&mut *tx)
                    .await
                    .map_err(super::db_err)?;
                }
                tx.commit().await.map_err(super::db_err)
            }

            async fn agencies(
                &self,
            ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::catalogue::AgencySummary>> {
                use super::shared::{AGENCY_COLUMNS, AgencyRow, agency_order};
                #[derive(sqlx::FromRow)]
                struct Row {
                    #[sqlx(flatten)]
                    agency: AgencyRow,
                    procedures: i64,
                }
                let rows: Vec<Row> = sqlx::query_as(&format!(
                    "SELECT {AGENCY_COLUMNS}, (SELECT count(*) FROM procedure_agencies pa \
                     WHERE pa.agency_code = agencies.code AND pa.role = 'implementing') AS procedures FROM agencies"
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(super::db_err)?;
                let mut out = rows
                    .into_iter()
                    .map(|r| {
                        Ok(civicdesk_domain::catalogue::AgencySummary {
                            agency: r.agency.into_agency()?,
                            procedures: r.procedures.try_into().unwrap_or_default(),
                        })
                    })
                    .collect::<civicdesk_domain::store::StoreResult<Vec<_>>>()?;
                out.sort_by_key(|s| agency_order(&s.agency));
                Ok(out)
            }

            async fn agency(
                &self,
                slug: &str,
            ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::Agency>> {
                use super::shared::{AGENCY_COLUMNS, AgencyRow};
                let row: Option<AgencyRow> =
                    sqlx::query_as(&format!("SELECT {AGENCY_COLUMNS} FROM agencies WHERE slug = $1"))
                        .bind(slug)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(super::db_err)?;
                row.map(AgencyRow::into_agency).transpose()
            }

            async fn fields(
                &self,
            ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::catalogue::FieldSummary>> {
                let rows: Vec<(String, String, i64)> = sqlx::query_as(
                    "SELECT f.code, f.name, count(pf.procedure_id) FROM fields f \
                     LEFT JOIN procedure_fields pf ON pf.field_code = f.code GROUP BY f.code, f.name",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(super::db_err)?;
                let mut out: Vec<_> = rows
                    .into_iter()
                    .map(|(code, name, n)| civicdesk_domain::catalogue::FieldSummary {
                        field: civicdesk_domain::procedure::FieldRef { code, name },
                        procedures: n.try_into().unwrap_or_default(),
                    })
                    .collect();
                out.sort_by_key(|f| civicdesk_domain::text::fold(&f.field.name));
                Ok(out)
            }

            async fn import_procedures(
                &self,
                items: &[civicdesk_domain::import::ImportedProcedure],
                recorded_at: chrono::DateTime<chrono::Utc>,
            ) -> civicdesk_domain::store::StoreResult<civicdesk_domain::catalogue::ImportReport> {
                use super::shared::{ProcedureColumns, from_json};
                let mut report = civicdesk_domain::catalogue::ImportReport::default();
                let mut tx = self.pool.begin().await.map_err(super::db_err)?;
                for item in items {
                    let p = &item.procedure;
                    let popularity = i64::from(item.yearly_dossiers);
                    for f in &p.fields {
                        sqlx::query(
                            "INSERT INTO fields (code, name) VALUES ($1, $2) \
                             ON CONFLICT (code) DO UPDATE SET name = excluded.name",
                        )
                        .bind(&f.code)
                        .bind(&f.name)
                        .execute(&mut *tx)
                        .await
                        .map_err(super::db_err)?;
                    }
                    let existing: Option<(i64, String)> =
                        sqlx::query_as("SELECT id, record FROM procedures WHERE code = $1")
                            .bind(&p.code)
                            .fetch_optional(&mut *tx)
                            .await
                            .map_err(super::db_err)?;
                    match existing {
                        Some((id, record)) if from_json::<civicdesk_domain::Procedure>(&record)? == *p => {
                            sqlx::query("UPDATE procedures SET popularity = $1 WHERE id = $2")
                                .bind(popularity)
                                .bind(id)
                                .execute(&mut *tx)
                                .await
                                .map_err(super::db_err)?;
                            report.unchanged += 1;
                            continue;
                        }
                        Some((id, _)) => {
                            for table in ["procedure_fields", "procedure_agencies"] {
                                sqlx::query(&format!("DELETE FROM {table} WHERE procedure_id = $1"))
                                    .bind(id)
                                    .execute(&mut *tx)
                                    .await
                                    .map_err(super::db_err)?;
                            }
                            report.revised += 1;
                        }
                        None => report.created += 1,
                    }
                    // One statement creates a procedure or makes its next revision current.
                    let c = ProcedureColumns::of(p);
                    let (id, revision): (i64, i64) = sqlx::query_as(
                        "INSERT INTO procedures (code, name, status, in_force, online_level, level_mask, \
                         for_individuals, for_organisations, popularity, revision, updated_at, summary, record, \
                         name_search, body_search) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, $13, $14) \
                         ON CONFLICT (code) DO UPDATE SET name = excluded.name, status = excluded.status, \
                         in_force = excluded.in_force, online_level = excluded.online_level, \
                         level_mask = excluded.level_mask, for_individuals = excluded.for_individuals, \
                         for_organisations = excluded.for_organisations, popularity = excluded.popularity, \
                         revision = procedures.revision + 1, updated_at = excluded.updated_at, \
                         summary = excluded.summary, record = excluded.record, \
                         name_search = excluded.name_search, body_search = excluded.body_search \
                         RETURNING id, revision",
                    )
                    .bind(&p.code)
                    .bind(&p.name)
                    .bind(&c.status)
                    .bind(c.in_force)
                    .bind(&c.online_level)
                    .bind(c.level_mask)
                    .bind(c.for_individuals)
                    .bind(c.for_organisations)
                    .bind(popularity)
                    .bind(recorded_at)
                    .bind(&c.summary)
                    .bind(&c.record)
                    .bind(&c.name_search)
                    .bind(&c.body_search)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(super::db_err)?;
                    sqlx::query(
                        "INSERT INTO procedure_revisions (procedure_id, number, recorded_at, record) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(id)
                    .bind(revision)
                    .bind(recorded_at)
                    .bind(&c.record)
                    .execute(&mut *tx)
                    .await
                    .map_err(super::db_err)?;
                    let mut fields: Vec<&str> = p.fields.iter().map(|f| f.code.as_str()).collect();
                    fields.sort_unstable();
                    fields.dedup();
                    for field in fields {
                        sqlx::query("INSERT INTO procedure_fields (field_code, procedure_id) VALUES ($1, $2)")
                            .bind(field)
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(super::db_err)?;
                    }
                    let roles = [
                        ("implementing", &p.agencies.implementing),
                        ("competent", &p.agencies.competent),
                        ("delegated", &p.agencies.delegated),
                        ("coordinating", &p.agencies.coordinating),
                    ];
                    for (role, agencies) in roles {
                        for a in agencies {
                            sqlx::query(
                                "INSERT INTO procedure_agencies (agency_code, procedure_id, role) VALUES ($1, $2, $3) \
                                 ON CONFLICT DO NOTHING",
                            )
                            .bind(&a.code)
                            .bind(id)
                            .bind(role)
                            .execute(&mut *tx)
                            .await
                            .map_err(super::db_err)?;
                        }
                    }
                }
                tx.commit().await.map_err(super::db_err)?;
                Ok(report)
            }

            async fn procedure(
                &self,
                code: &str,
            ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::catalogue::ProcedureDetail>> {
                use super::shared::{from_json, revision_history};
                use civicdesk_domain::catalogue::{AgencyLink, ProcedureDetail, ProcedureLink};
                let row: Option<(i64, String)> = sqlx::query_as("SELECT id, record FROM procedures WHERE code = $1")
                    .bind(code)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(super::db_err)?;
                let Some((id, record)) = row else { return Ok(None) };
                let record: civicdesk_domain::Procedure = from_json(&record)?;
                let revisions: Vec<(i64, chrono::DateTime<chrono::Utc>, String)> = sqlx::query_as(
                    "SELECT number, recorded_at, record FROM procedure_revisions WHERE procedure_id = $1 ORDER BY number",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(super::db_err)?;
                let replacement = match &record.replaced_by {
                    Some(code) => sqlx::query_as::<_, (String, String)>("SELECT code, name FROM procedures WHERE code = $1")
                        .bind(code)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(super::db_err)?
                        .map(|(code, name)| ProcedureLink { code, name }),
                    None => None,
                };
                let agencies: Vec<(String, String, String)> = sqlx::query_as(
                    "SELECT DISTINCT a.code, a.slug, a.name FROM agencies a \
                     JOIN procedure_agencies pa ON pa.agency_code = a.code WHERE pa.procedure_id = $1",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(super::db_err)?;
                Ok(Some(ProcedureDetail {
                    record,
                    revisions: revision_history(revisions)?,
                    replacement,
                    agencies: agencies.into_iter().map(|(code, slug, name)| AgencyLink { code, slug, name }).collect(),
                }))
            }

            async fn search_procedures(
                &self,
                filter: &civicdesk_domain::catalogue::ProcedureFilter,
            ) -> civicdesk_domain::store::StoreResult<civicdesk_domain::catalogue::SearchResults> {
                use super::shared::{Bind, from_json, search_sql};
                let sql = search_sql(filter, $word_hits);
                let mut page = sqlx::query_scalar::<_, String>(&sql.page);
                let mut count = sqlx::query_scalar::<_, i64>(&sql.count);
                for bind in &sql.binds.0 {
                    (page, count) = match bind {
                        Bind::Text(s) => (page.bind(s), count.bind(s)),
                        Bind::Int(i) => (page.bind(i), count.bind(i)),
                    };
                }
                let rows = page.fetch_all(&self.pool).await.map_err(super::db_err)?;
                let total = count.fetch_one(&self.pool).await.map_err(super::db_err)?;
                Ok(civicdesk_domain::catalogue::SearchResults {
                    items: rows.iter().map(|s| from_json(s)).collect::<Result<_, _>>()?,
                    total: total.try_into().unwrap_or_default(),
                    page: filter.page(),
                    page_size: civicdesk_domain::catalogue::PAGE_SIZE,
                })
            }

            async fn popular_procedures(
                &self,
                limit: u32,
            ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::catalogue::ProcedureSummary>> {
                let rows: Vec<String> = sqlx::query_scalar(
                    "SELECT summary FROM procedures WHERE in_force ORDER BY popularity DESC, code LIMIT $1",
                )
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(super::db_err)?;
                rows.iter().map(|s| super::shared::from_json(s)).collect()
            }

            async fn procedure_count(&self) -> civicdesk_domain::store::StoreResult<u64> {
                let n: i64 = sqlx::query_scalar("SELECT count(*) FROM procedures")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(super::db_err)?;
                Ok(n.try_into().unwrap_or_default())
            }
        }
    };
}
pub(crate) use impl_store;
