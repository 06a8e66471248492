//! Storage of administration: set-up changes and account life cycle, each written with its audit
//! entry in one transaction, and the audit trail read back. The same SQL on both engines (see
//! [`impl_admin_store`]).

use civicdesk_domain::admin::{Applied, AuditAction, AuditEntry};
use civicdesk_domain::store::StoreError;

/// A refusal the database reports by a constraint: a code taken, or a row still referred to.
pub fn refusal(e: sqlx::Error) -> Result<Applied, StoreError> {
    if let sqlx::Error::Database(d) = &e {
        if d.is_unique_violation() {
            return Ok(Applied::Exists);
        }
        if d.is_foreign_key_violation() {
            return Ok(Applied::InUse);
        }
    }
    Err(super::db_err(e))
}

/// `None` and `Some("")` stored alike, as NULL.
pub fn json_text(value: &Option<serde_json::Value>) -> Option<String> {
    value.as_ref().map(serde_json::Value::to_string)
}

/// An audit row as read: id, at, actor id, actor, action, change, subject, before, after, address.
pub type AuditRow = (
    i64,
    chrono::DateTime<chrono::Utc>,
    Option<i64>,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
);

pub const AUDIT_COLUMNS: &str = "id, at, actor_id, actor, action, change, subject, before, after, address";

pub fn audit_entry(row: AuditRow) -> Result<AuditEntry, StoreError> {
    let (id, at, actor_id, actor, action, change, subject, before, after, address) = row;
    let json = |t: Option<String>| t.and_then(|t| serde_json::from_str(&t).ok());
    Ok(AuditEntry {
        id,
        at,
        actor_id,
        actor,
        action: AuditAction::parse(&action).ok_or_else(|| super::corrupt("audit action", &action))?,
        change,
        subject,
        before: json(before),
        after: json(after),
        address,
    })
}

/// Implements `AdminStore` for a store with `pool` and `writer` pools of database `$db`.
macro_rules! impl_admin_store {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn insert_audit(
                tx: &mut <$db as sqlx::Database>::Connection,
                entry: &civicdesk_domain::admin::AuditEntry,
            ) -> Result<(), sqlx::Error> {
                sqlx::query(
                    "INSERT INTO audit_log (at, actor_id, actor, action, change, subject, before, after, address) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(entry.at)
                .bind(entry.actor_id)
                .bind(&entry.actor)
                .bind(entry.action.as_str())
                .bind(&entry.change)
                .bind(&entry.subject)
                .bind(super::admin::json_text(&entry.before))
                .bind(super::admin::json_text(&entry.after))
                .bind(&entry.address)
                .execute(&mut *tx)
                .await
                .map(|_| ())
            }

            /// Runs one change inside `tx`: the number of rows it touched, or the database's refusal.
            async fn run_change(
                tx: &mut <$db as sqlx::Database>::Connection,
                change: &civicdesk_domain::admin::AdminChange,
            ) -> Result<u64, sqlx::Error> {
                use civicdesk_domain::admin::AdminChange as C;
                let done = match change {
                    C::SaveAgency { agency: a, new } => {
                        if a.coordinating {
                            sqlx::query("UPDATE agencies SET coordinating = FALSE WHERE code <> $1 AND coordinating")
                                .bind(&a.code)
                                .execute(&mut *tx)
                                .await?;
                        }
                        let sql = if *new { super::shared::INSERT_AGENCY } else { super::shared::UPSERT_AGENCY };
                        super::shared::bind_agency(sqlx::query(sql), a).execute(&mut *tx).await?.rows_affected()
                    }
                    C::ImportSetup(file) => {
                        if file.agencies.iter().any(|a| a.coordinating) {
                            sqlx::query("UPDATE agencies SET coordinating = FALSE WHERE coordinating")
                                .execute(&mut *tx)
                                .await?;
                        }
                        for a in &file.agencies {
                            super::shared::bind_agency(sqlx::query(super::shared::UPSERT_AGENCY), a)
                                .execute(&mut *tx)
                                .await?;
                        }
                        for area in file.areas_parents_first() {
                            sqlx::query(super::shared::UPSERT_AREA)
                            .bind(&area.code)
                            .bind(&area.name)
                            .bind(&area.agency)
                            .bind(&area.parent)
                            .execute(&mut *tx)
                            .await?;
                        }
                        1
                    }
                    C::DeleteAgency(code) => {
                        sqlx::query("DELETE FROM agencies WHERE code = $1").bind(code).execute(&mut *tx).await?.rows_affected()
                    }
                    C::SaveArea { area, new } => {
                        let sql = if *new {
                            "INSERT INTO areas (code, name, agency, parent) VALUES ($1, $2, $3, $4)"
                        } else {
                            "UPDATE areas SET name = $2, agency = $3, parent = $4 WHERE code = $1"
                        };
                        sqlx::query(sql)
                            .bind(&area.code)
                            .bind(&area.name)
                            .bind(&area.agency)
                            .bind(&area.parent)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected()
                    }
                    C::DeleteArea(code) => {
                        sqlx::query("DELETE FROM areas WHERE code = $1").bind(code).execute(&mut *tx).await?.rows_affected()
                    }
                    C::SaveField { field, new } => {
                        let sql = if *new {
                            "INSERT INTO fields (code, name) VALUES ($1, $2)"
                        } else {
                            "UPDATE fields SET name = $2 WHERE code = $1"
                        };
                        sqlx::query(sql).bind(&field.code).bind(&field.name).execute(&mut *tx).await?.rows_affected()
                    }
                    C::DeleteField(code) => {
                        sqlx::query("DELETE FROM fields WHERE code = $1").bind(code).execute(&mut *tx).await?.rows_affected()
                    }
                    C::SaveDay(day) => {
                        sqlx::query(
                            "INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3) \
                             ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note",
                        )
                        .bind(day.date)
                        .bind(super::cases::day_kind_str(day.kind))
                        .bind(&day.note)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected()
                    }
                    C::DeleteDay(date) => {
                        sqlx::query("DELETE FROM calendar_days WHERE day = $1").bind(date).execute(&mut *tx).await?.rows_affected()
                    }
                    C::SaveTerm(rule) => {
                        sqlx::query("DELETE FROM answer_terms WHERE COALESCE(agency, '') = $1 AND COALESCE(category, '') = $2")
                            .bind(rule.agency.clone().unwrap_or_default())
                            .bind(rule.category.map(|c| c.as_str()).unwrap_or_default())
                            .execute(&mut *tx)
                            .await?;
                        sqlx::query("INSERT INTO answer_terms (agency, category, amount, unit) VALUES ($1, $2, $3, $4)")
                            .bind(&rule.agency)
                            .bind(rule.category.map(|c| c.as_str()))
                            .bind(i64::from(rule.term.amount))
                            .bind(super::cases::unit_str(rule.term.unit))
                            .execute(&mut *tx)
                            .await?
                            .rows_affected()
                    }
                    C::DeleteTerm { agency, category } => sqlx::query(
                        "DELETE FROM answer_terms WHERE COALESCE(agency, '') = $1 AND COALESCE(category, '') = $2",
                    )
                    .bind(agency.clone().unwrap_or_default())
                    .bind(category.map(|c| c.as_str()).unwrap_or_default())
                    .execute(&mut *tx)
                    .await?
                    .rows_affected(),
                    C::SaveRule { rule, note } => {
                        let sql = if rule.id == 0 {
                            "INSERT INTO routing_rules (category, area, agency, note) VALUES ($1, $2, $3, $4)"
                        } else {
                            "UPDATE routing_rules SET category = $1, area = $2, agency = $3, note = $4 WHERE id = $5"
                        };
                        let query = sqlx::query(sql)
                            .bind(rule.category.map(|c| c.as_str()))
                            .bind(&rule.area)
                            .bind(&rule.agency)
                            .bind(note);
                        let query = if rule.id == 0 { query } else { query.bind(rule.id) };
                        query.execute(&mut *tx).await?.rows_affected()
                    }
                    C::DeleteRule(id) => {
                        sqlx::query("DELETE FROM routing_rules WHERE id = $1").bind(id).execute(&mut *tx).await?.rows_affected()
                    }
                    C::SaveTemplate { id, agency, title, body } => {
                        let sql = if *id == 0 {
                            "INSERT INTO response_templates (agency, title, body) VALUES ($1, $2, $3)"
                        } else {
                            "UPDATE response_templates SET agency = $1, title = $2, body = $3 WHERE id = $4"
                        };
                        let query = sqlx::query(sql).bind(agency).bind(title).bind(body);
                        let query = if *id == 0 { query } else { query.bind(id) };
                        query.execute(&mut *tx).await?.rows_affected()
                    }
                    C::DeleteTemplate(id) => sqlx::query("DELETE FROM response_templates WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected(),
                    C::CreateAccount(o) => sqlx::query(
                        "INSERT INTO officials (email, name, role, agency, password_hash, active, created_at) \
                         VALUES ($1, $2, $3, $4, $5, TRUE, $6)",
                    )
                    .bind(&o.email)
                    .bind(&o.name)
                    .bind(o.role.as_str())
                    .bind(&o.agency)
                    .bind(&o.password_hash)
                    .bind(chrono::Utc::now())
                    .execute(&mut *tx)
                    .await?
                    .rows_affected(),
                    C::UpdateAccount { id, name, role, agency, active } => {
                        let n = sqlx::query("UPDATE officials SET name = $1, role = $2, agency = $3, active = $4 WHERE id = $5")
                            .bind(name)
                            .bind(role.as_str())
                            .bind(agency)
                            .bind(active)
                            .bind(id)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected();
                        if !*active {
                            sqlx::query("DELETE FROM sessions WHERE official_id = $1").bind(id).execute(&mut *tx).await?;
                        }
                        n
                    }
                    C::EndSessions(id) => {
                        sqlx::query("DELETE FROM sessions WHERE official_id = $1").bind(id).execute(&mut *tx).await?;
                        // Counts as done even when none were open.
                        1
                    }
                    C::SendPasswordLink { official, token_hash, expires, mail } => {
                        let now = chrono::Utc::now();
                        // A new link replaces any earlier one not yet used.
                        sqlx::query("UPDATE password_resets SET used_at = $1 WHERE official_id = $2 AND used_at IS NULL")
                            .bind(now)
                            .bind(official)
                            .execute(&mut *tx)
                            .await?;
                        sqlx::query(
                            "INSERT INTO password_resets (token_hash, official_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                        )
                        .bind(token_hash)
                        .bind(official)
                        .bind(now)
                        .bind(expires)
                        .execute(&mut *tx)
                        .await?;
                        sqlx::query(
                            "INSERT INTO outbox (case_id, recipient, subject, text_body, html_body, created_at, next_attempt_at) \
                             VALUES (NULL, $1, $2, $3, $4, $5, $5)",
                        )
                        .bind(&mail.recipient)
                        .bind(&mail.subject)
                        .bind(&mail.text)
                        .bind(&mail.html)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected()
                    }
                };
                Ok(done)
            }

            async fn account_where(
                &self,
                condition: &str,
                id: Option<i64>,
            ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::admin::Account>> {
                let sql = format!(
                    "SELECT o.id, o.name, o.email, o.role, o.agency, o.active, o.created_at, \
                     (SELECT count(*) FROM sessions s WHERE s.official_id = o.id AND s.expires_at > $1) \
                     FROM officials o WHERE {condition} ORDER BY o.agency, o.name, o.id"
                );
                let query = sqlx::query_as(&sql).bind(chrono::Utc::now());
                let query = match id {
                    Some(id) => query.bind(id),
                    None => query,
                };
                let rows: Vec<(i64, String, String, String, String, bool, chrono::DateTime<chrono::Utc>, i64)> =
                    query.fetch_all(&self.pool).await.map_err(super::db_err)?;
                rows.into_iter()
                    .map(|(id, name, email, role, agency, active, created_at, sessions)| {
                        let role = civicdesk_domain::workflow::Role::parse(&role)
                            .ok_or_else(|| super::corrupt("role", &role))?;
                        Ok(civicdesk_domain::admin::Account {
                            official: civicdesk_domain::workflow::Official { id, name, email, role, agency },
                            active,
                            created_at,
                            sessions: u64::try_from(sessions).unwrap_or_default(),
                        })
                    })
                    .collect()
            }

            async fn link_owner(
                tx: &mut <$db as sqlx::Database>::Connection,
                token_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<civicdesk_domain::workflow::Official>, sqlx::Error> {
                let row: Option<(i64, String, String, String, String)> = sqlx::query_as(
                    "SELECT o.id, o.name, o.email, o.role, o.agency FROM password_resets r \
                     JOIN officials o ON o.id = r.official_id \
                     WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND o.active",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                Ok(row.and_then(|(id, name, email, role, agency)| {
                    civicdesk_domain::workflow::Role::parse(&role)
                        .map(|role| civicdesk_domain::workflow::Official { id, name, email, role, agency })
                }))
            }
        }

        #[async_trait::async_trait]
        impl civicdesk_domain::admin::AdminStore for $store {
            async fn apply_admin(
                &self,
                change: &civicdesk_domain::admin::AdminChange,
                audit: &civicdesk_domain::admin::AuditEntry,
            ) -> civicdesk_domain::store::StoreResult<civicdesk_domain::admin::Applied> {
                use civicdesk_domain::admin::Applied;
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                if let civicdesk_domain::admin::AdminChange::DeleteAgency(code) = change {
                    // References without a foreign key: the catalogue's links and the hierarchy.
                    let (linked, children): (i64, i64) = sqlx::query_as(
                        "SELECT (SELECT count(*) FROM procedure_agencies WHERE agency_code = $1), \
                         (SELECT count(*) FROM agencies WHERE parent = $1)",
                    )
                    .bind(code)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(super::db_err)?;
                    if linked + children > 0 {
                        return Ok(Applied::InUse);
                    }
                }
                let touched = match Self::run_change(&mut *tx, change).await {
                    Ok(n) => n,
                    Err(e) => return super::admin::refusal(e),
                };
                if touched == 0 {
                    return Ok(Applied::Missing);
                }
                Self::insert_audit(&mut *tx, audit).await.map_err(super::db_err)?;
                match tx.commit().await {
                    Ok(()) => Ok(Applied::Done),
                    // SQLite checks deferred foreign keys at commit.
                    Err(e) => super::admin::refusal(e),
                }
            }

            async fn record_audit(
                &self,
                entry: &civicdesk_domain::admin::AuditEntry,
            ) -> civicdesk_domain::store::StoreResult<()> {
                let mut conn = self.writer.acquire().await.map_err(super::db_err)?;
                Self::insert_audit(&mut *conn, entry).await.map_err(super::db_err)
            }

            async fn audit_entries(
                &self,
                filter: &civicdesk_domain::admin::AuditFilter,
            ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::admin::AuditEntry>> {
                use super::handling::{Value, Values};
                let mut values = Values::default();
                let mut conditions = vec!["TRUE".to_owned()];
                if let Some(action) = filter.action {
                    conditions.push(format!("action = {}", values.push(Value::Text(action.as_str().to_owned()))));
                }
                let like = |s: &str| format!("%{}%", s.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
                if let Some(actor) = &filter.actor {
                    conditions.push(format!("lower(actor) LIKE {} ESCAPE '\\'", values.push(Value::Text(like(actor)))));
                }
                if let Some(subject) = &filter.subject {
                    conditions.push(format!("lower(subject) LIKE {} ESCAPE '\\'", values.push(Value::Text(like(subject)))));
                }
                if let Some(from) = filter.from {
                    conditions.push(format!("at >= {}", values.push(Value::Time(from))));
                }
                if let Some(until) = filter.until {
                    conditions.push(format!("at < {}", values.push(Value::Time(until))));
                }
                if let Some(id) = filter.before_id {
                    conditions.push(format!("id < {}", values.push(Value::Int(id))));
                }
                let sql = format!(
                    "SELECT {} FROM audit_log WHERE {} ORDER BY id DESC LIMIT {}",
                    super::admin::AUDIT_COLUMNS,
                    conditions.join(" AND "),
                    filter.limit.clamp(1, 10_000)
                );
                let rows: Vec<super::admin::AuditRow> =
                    Self::bind_values_as(sqlx::query_as(&sql), &values).fetch_all(&self.pool).await.map_err(super::db_err)?;
                rows.into_iter().map(super::admin::audit_entry).collect()
            }

            async fn accounts(&self) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::admin::Account>> {
                self.account_where("TRUE", None).await
            }

            async fn account(&self, id: i64) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::admin::Account>> {
                Ok(self.account_where("o.id = $2", Some(id)).await?.into_iter().next())
            }

            async fn password_link(
                &self,
                token_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::workflow::Official>> {
                let mut conn = self.pool.acquire().await.map_err(super::db_err)?;
                Self::link_owner(&mut *conn, token_hash, now).await.map_err(super::db_err)
            }

            async fn use_password_link(
                &self,
                token_hash: &str,
                password_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
                audit: &civicdesk_domain::admin::AuditEntry,
            ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::workflow::Official>> {
                let mut tx = self.writer.begin().await.map_err(super::db_err)?;
                let Some(official) = Self::link_owner(&mut *tx, token_hash, now).await.map_err(super::db_err)? else {
                    return Ok(None);
                };
                // Of two uses at once, only one marks the link used.
                let marked = sqlx::query("UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL")
                    .bind(now)
                    .bind(token_hash)
                    .execute(&mut *tx)
                    .await
                    .map_err(super::db_err)?
                    .rows_affected();
                if marked == 0 {
                    return Ok(None);
                }
                sqlx::query("UPDATE officials SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(official.id)
                    .execute(&mut *tx)
                    .await
                    .map_err(super::db_err)?;
                sqlx::query("DELETE FROM sessions WHERE official_id = $1")
                    .bind(official.id)
                    .execute(&mut *tx)
                    .await
                    .map_err(super::db_err)?;
                let mut audit = audit.clone();
                audit.actor_id = Some(official.id);
                audit.actor = format!("{} <{}>", official.name, official.email);
                audit.subject = official.email.clone();
                Self::insert_audit(&mut *tx, &audit).await.map_err(super::db_err)?;
                tx.commit().await.map_err(super::db_err)?;
                Ok(Some(official))
            }

            async fn agency_records(&self) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::Agency>> {
                let rows: Vec<super::shared::AgencyRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM agencies ORDER BY code",
                    super::shared::AGENCY_COLUMNS
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(super::db_err)?;
                rows.into_iter().map(super::shared::AgencyRow::into_agency).collect()
            }

            async fn template(
                &self,
                id: i64,
            ) -> civicdesk_domain::store::StoreResult<Option<(String, String, String)>> {
                sqlx::query_as("SELECT agency, title, body FROM response_templates WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(super::db_err)
            }

            async fn routing_rules_noted(
                &self,
            ) -> civicdesk_domain::store::StoreResult<Vec<(civicdesk_domain::feedback::RoutingRule, String)>> {
                let rows: Vec<(i64, Option<String>, Option<String>, String, String)> =
                    sqlx::query_as("SELECT id, category, area, agency, note FROM routing_rules ORDER BY id")
                        .fetch_all(&self.pool)
                        .await
                        .map_err(super::db_err)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, category, area, agency, note)| {
                        let category = category.as_deref().and_then(civicdesk_domain::feedback::Category::parse);
                        (civicdesk_domain::feedback::RoutingRule { id, category, area, agency }, note)
                    })
                    .collect())
            }
        }
    };
}

pub(crate) use impl_admin_store;
