//! Settings and the audit trail: [`SettingsStore`](civicdesk_domain::store::SettingsStore), in SQL both engines accept.
//!
//! Compiled once per engine (see `mod.rs`), where `super::Engine`
//! is the store and `super::Db` its database.

use crate::storage::binds::Bind;

impl super::Engine {
    pub(super) async fn insert_audit(
        tx: &mut <super::Db as sqlx::Database>::Connection,
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
        .bind(crate::storage::settings::json_text(&entry.before))
        .bind(crate::storage::settings::json_text(&entry.after))
        .bind(&entry.address)
        .execute(&mut *tx)
        .await
        .map(|_| ())
    }

    /// Deletes the row of `table` whose `column` is `key`: how many rows went (0 when it was gone).
    async fn delete_row(
        tx: &mut <super::Db as sqlx::Database>::Connection,
        table: &'static str,
        column: &'static str,
        key: Bind,
    ) -> Result<u64, sqlx::Error> {
        let sql = format!("DELETE FROM {table} WHERE {column} = $1");
        let query = sqlx::query(&sql);
        let query = match key {
            Bind::Text(s) => query.bind(s),
            Bind::Int(i) => query.bind(i),
            Bind::Date(d) => query.bind(d),
            Bind::Time(t) => query.bind(t),
        };
        Ok(query.execute(&mut *tx).await?.rows_affected())
    }

    /// Runs one change inside `tx`: the number of rows it touched, or the database's refusal.
    pub(super) async fn run_change(
        tx: &mut <super::Db as sqlx::Database>::Connection,
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
                let sql = if *new {
                    crate::storage::catalogue::INSERT_AGENCY
                } else {
                    crate::storage::catalogue::UPSERT_AGENCY
                };
                crate::storage::catalogue::bind_agency(sqlx::query(sql), a).execute(&mut *tx).await?.rows_affected()
            }
            C::ImportSetup(file) => {
                if file.agencies.iter().any(|a| a.coordinating) {
                    sqlx::query("UPDATE agencies SET coordinating = FALSE WHERE coordinating")
                        .execute(&mut *tx)
                        .await?;
                }
                for a in &file.agencies {
                    crate::storage::catalogue::bind_agency(sqlx::query(crate::storage::catalogue::UPSERT_AGENCY), a)
                        .execute(&mut *tx)
                        .await?;
                }
                for area in file.areas_parents_first() {
                    sqlx::query(crate::storage::catalogue::UPSERT_AREA)
                        .bind(&area.code)
                        .bind(&area.name)
                        .bind(&area.agency)
                        .bind(&area.parent)
                        .execute(&mut *tx)
                        .await?;
                }
                1
            }
            C::DeleteAgency(code) => Self::delete_row(tx, "agencies", "code", Bind::Text(code.clone())).await?,
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
            C::DeleteArea(code) => Self::delete_row(tx, "areas", "code", Bind::Text(code.clone())).await?,
            C::SaveField { field, new } => {
                let sql = if *new {
                    "INSERT INTO fields (code, name) VALUES ($1, $2)"
                } else {
                    "UPDATE fields SET name = $2 WHERE code = $1"
                };
                sqlx::query(sql).bind(&field.code).bind(&field.name).execute(&mut *tx).await?.rows_affected()
            }
            C::DeleteField(code) => Self::delete_row(tx, "fields", "code", Bind::Text(code.clone())).await?,
            C::SaveDay(day) => sqlx::query(
                "INSERT INTO calendar_days (day, kind, note) VALUES ($1, $2, $3) \
                     ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note",
            )
            .bind(day.date)
            .bind(crate::storage::cases::day_kind_str(day.kind))
            .bind(&day.note)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
            C::DeleteDay(date) => Self::delete_row(tx, "calendar_days", "day", Bind::Date(*date)).await?,
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
                    .bind(crate::storage::cases::unit_str(rule.term.unit))
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            }
            C::SaveRetention(policy) => sqlx::query(
                "INSERT INTO policies (name, value) VALUES ('retain_personal_days', $1) \
                 ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            )
            .bind(i64::from(policy.keep_days))
            .execute(&mut *tx)
            .await?
            .rows_affected(),
            C::SaveReexamination(policy) => {
                let mut saved = 0;
                for (name, value) in
                    [("reexamine_within_days", policy.within_days), ("reexamine_term_days", policy.term_days)]
                {
                    saved += sqlx::query(
                        "INSERT INTO policies (name, value) VALUES ($1, $2) \
                         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    )
                    .bind(name)
                    .bind(i64::from(value))
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                }
                saved
            }
            C::DeleteTerm { agency, category } => {
                sqlx::query("DELETE FROM answer_terms WHERE COALESCE(agency, '') = $1 AND COALESCE(category, '') = $2")
                    .bind(agency.clone().unwrap_or_default())
                    .bind(category.map(|c| c.as_str()).unwrap_or_default())
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            }
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
            C::DeleteRule(id) => Self::delete_row(tx, "routing_rules", "id", Bind::Int(*id)).await?,
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
            C::DeleteTemplate(id) => Self::delete_row(tx, "response_templates", "id", Bind::Int(*id)).await?,
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
                let n =
                    sqlx::query("UPDATE officials SET name = $1, role = $2, agency = $3, active = $4 WHERE id = $5")
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
            C::IssueApiKey(client) => {
                sqlx::query("INSERT INTO api_clients (name, key_hash, hint, created_at) VALUES ($1, $2, $3, $4)")
                    .bind(&client.name)
                    .bind(&client.key_hash)
                    .bind(&client.hint)
                    .bind(chrono::Utc::now())
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            }
            // A key revoked stays revoked, from the first time.
            C::RevokeApiKey(id) => {
                sqlx::query("UPDATE api_clients SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                    .bind(chrono::Utc::now())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            }
        };
        Ok(done)
    }
}

#[async_trait::async_trait]
impl civicdesk_domain::store::SettingsStore for super::Engine {
    async fn save_areas(&self, areas: &[civicdesk_domain::cases::Area]) -> civicdesk_domain::store::StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        for area in areas {
            sqlx::query(crate::storage::catalogue::UPSERT_AREA)
                .bind(&area.code)
                .bind(&area.name)
                .bind(&area.agency)
                .bind(&area.parent)
                .execute(&mut *tx)
                .await
                .map_err(crate::storage::db_err)?;
        }
        tx.commit().await.map_err(crate::storage::db_err)
    }

    async fn areas(&self) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::cases::Area>> {
        let rows: Vec<(String, String, Option<String>, Option<String>)> =
            sqlx::query_as("SELECT code, name, agency, parent FROM areas")
                .fetch_all(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
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
        sqlx::query_scalar(
            "INSERT INTO routing_rules (category, area, agency, note) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(rule.category.map(|c| c.as_str()))
        .bind(&rule.area)
        .bind(&rule.agency)
        .bind(note)
        .fetch_one(&self.pool)
        .await
        .map_err(crate::storage::db_err)
    }

    async fn routing_rules(
        &self,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::feedback::RoutingRule>> {
        let rows: Vec<(i64, Option<String>, Option<String>, String)> =
            sqlx::query_as("SELECT id, category, area, agency FROM routing_rules ORDER BY id")
                .fetch_all(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
        rows.into_iter()
            .map(|(id, category, area, agency)| {
                let category = match category {
                    Some(c) => Some(
                        civicdesk_domain::feedback::Category::parse(&c)
                            .ok_or_else(|| crate::storage::corrupt("routing category", &c))?,
                    ),
                    None => None,
                };
                Ok(civicdesk_domain::feedback::RoutingRule { id, category, area, agency })
            })
            .collect()
    }

    async fn calendar_days(
        &self,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::calendar::DayOverride>> {
        use civicdesk_domain::calendar::{DayKind, DayOverride};
        let rows: Vec<(chrono::NaiveDate, String, String)> =
            sqlx::query_as("SELECT day, kind, note FROM calendar_days ORDER BY day")
                .fetch_all(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
        rows.into_iter()
            .map(|(date, kind, note)| {
                let kind = match kind.as_str() {
                    "announced_day_off" => DayKind::AnnouncedDayOff,
                    "make_up_working_day" => DayKind::MakeUpWorkingDay,
                    other => {
                        return Err(crate::storage::corrupt("day kind", other));
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
                .map_err(crate::storage::db_err)?;
        rows.into_iter()
            .map(|(agency, category, amount, unit)| {
                Ok(civicdesk_domain::workflow::TermRule {
                    agency,
                    category: category.as_deref().and_then(civicdesk_domain::feedback::Category::parse),
                    term: civicdesk_domain::calendar::Term {
                        amount: u32::try_from(amount).unwrap_or_default(),
                        unit: crate::storage::cases::parse_unit(&unit)?,
                    },
                })
            })
            .collect()
    }

    async fn reexamination_policy(
        &self,
    ) -> civicdesk_domain::store::StoreResult<civicdesk_domain::workflow::ReexaminationPolicy> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT name, value FROM policies WHERE name IN ('reexamine_within_days', 'reexamine_term_days')",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        let mut policy = civicdesk_domain::workflow::ReexaminationPolicy::default();
        for (name, value) in rows {
            let value = u32::try_from(value).map_err(|_| crate::storage::corrupt("policy", &name))?;
            match name.as_str() {
                "reexamine_within_days" => policy.within_days = value,
                _ => policy.term_days = value,
            }
        }
        Ok(policy)
    }

    async fn retention_policy(
        &self,
    ) -> civicdesk_domain::store::StoreResult<civicdesk_domain::retention::RetentionPolicy> {
        let value: Option<i64> = sqlx::query_scalar("SELECT value FROM policies WHERE name = 'retain_personal_days'")
            .fetch_optional(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        Ok(match value {
            Some(days) => civicdesk_domain::retention::RetentionPolicy {
                keep_days: u32::try_from(days)
                    .map_err(|_| crate::storage::corrupt("policy", "retain_personal_days"))?,
            },
            None => civicdesk_domain::retention::RetentionPolicy::default(),
        })
    }

    async fn templates(&self, agency: &str) -> civicdesk_domain::store::StoreResult<Vec<(i64, String, String)>> {
        sqlx::query_as("SELECT id, title, body FROM response_templates WHERE agency = $1 ORDER BY title, id")
            .bind(agency)
            .fetch_all(&self.pool)
            .await
            .map_err(crate::storage::db_err)
    }

    async fn save_template(&self, agency: &str, title: &str, body: &str) -> civicdesk_domain::store::StoreResult<i64> {
        sqlx::query_scalar("INSERT INTO response_templates (agency, title, body) VALUES ($1, $2, $3) RETURNING id")
            .bind(agency)
            .bind(title)
            .bind(body)
            .fetch_one(&self.writer)
            .await
            .map_err(crate::storage::db_err)
    }

    async fn apply_admin(
        &self,
        change: &civicdesk_domain::admin::AdminChange,
        audit: &civicdesk_domain::admin::AuditEntry,
    ) -> civicdesk_domain::store::StoreResult<civicdesk_domain::admin::Applied> {
        use civicdesk_domain::admin::Applied;
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        if let civicdesk_domain::admin::AdminChange::DeleteAgency(code) = change {
            // References without a foreign key: the catalogue's links and the hierarchy.
            let (linked, children): (i64, i64) = sqlx::query_as(
                "SELECT (SELECT count(*) FROM procedure_agencies WHERE agency_code = $1), \
                 (SELECT count(*) FROM agencies WHERE parent = $1)",
            )
            .bind(code)
            .fetch_one(&mut *tx)
            .await
            .map_err(crate::storage::db_err)?;
            if linked + children > 0 {
                return Ok(Applied::InUse);
            }
        }
        let touched = match Self::run_change(&mut tx, change).await {
            Ok(n) => n,
            Err(e) => return crate::storage::settings::refusal(e),
        };
        if touched == 0 {
            return Ok(Applied::Missing);
        }
        Self::insert_audit(&mut tx, audit).await.map_err(crate::storage::db_err)?;
        match tx.commit().await {
            Ok(()) => Ok(Applied::Done),
            // SQLite checks deferred foreign keys at commit.
            Err(e) => crate::storage::settings::refusal(e),
        }
    }

    async fn record_audit(
        &self,
        entry: &civicdesk_domain::admin::AuditEntry,
    ) -> civicdesk_domain::store::StoreResult<()> {
        let mut conn = self.writer.acquire().await.map_err(crate::storage::db_err)?;
        Self::insert_audit(&mut conn, entry).await.map_err(crate::storage::db_err)
    }

    async fn audit_entries(
        &self,
        filter: &civicdesk_domain::admin::AuditFilter,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::admin::AuditEntry>> {
        use crate::storage::binds::{Bind, Binds};
        let mut values = Binds::default();
        let mut conditions = vec!["TRUE".to_owned()];
        if let Some(action) = filter.action {
            conditions.push(format!("action = {}", values.push(Bind::Text(action.as_str().to_owned()))));
        }
        let like =
            |s: &str| format!("%{}%", s.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        if let Some(actor) = &filter.actor {
            conditions.push(format!("lower(actor) LIKE {} ESCAPE '\\'", values.push(Bind::Text(like(actor)))));
        }
        if let Some(subject) = &filter.subject {
            conditions.push(format!("lower(subject) LIKE {} ESCAPE '\\'", values.push(Bind::Text(like(subject)))));
        }
        if let Some(from) = filter.from {
            conditions.push(format!("at >= {}", values.push(Bind::Time(from))));
        }
        if let Some(until) = filter.until {
            conditions.push(format!("at < {}", values.push(Bind::Time(until))));
        }
        if let Some(id) = filter.before_id {
            conditions.push(format!("id < {}", values.push(Bind::Int(id))));
        }
        let sql = format!(
            "SELECT {} FROM audit_log WHERE {} ORDER BY id DESC LIMIT {}",
            crate::storage::settings::AUDIT_COLUMNS,
            conditions.join(" AND "),
            filter.limit.clamp(1, 10_000)
        );
        let rows: Vec<crate::storage::settings::AuditRow> = Self::bind_all(sqlx::query_as(&sql), &values)
            .fetch_all(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        rows.into_iter().map(crate::storage::settings::audit_entry).collect()
    }

    async fn template(&self, id: i64) -> civicdesk_domain::store::StoreResult<Option<(String, String, String)>> {
        sqlx::query_as("SELECT agency, title, body FROM response_templates WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(crate::storage::db_err)
    }

    async fn routing_rules_noted(
        &self,
    ) -> civicdesk_domain::store::StoreResult<Vec<(civicdesk_domain::feedback::RoutingRule, String)>> {
        let rows: Vec<(i64, Option<String>, Option<String>, String, String)> =
            sqlx::query_as("SELECT id, category, area, agency, note FROM routing_rules ORDER BY id")
                .fetch_all(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
        Ok(rows
            .into_iter()
            .map(|(id, category, area, agency, note)| {
                let category = category.as_deref().and_then(civicdesk_domain::feedback::Category::parse);
                (civicdesk_domain::feedback::RoutingRule { id, category, area, agency }, note)
            })
            .collect())
    }
}
