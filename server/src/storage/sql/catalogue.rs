//! The directory: [`CatalogueStore`](civicdesk_domain::store::CatalogueStore), in SQL both engines accept.
//!
//! Compiled once per engine (see `mod.rs`), where `super::Engine`
//! is the store and `super::Db` its database.

#[async_trait::async_trait]
impl civicdesk_domain::store::CatalogueStore for super::Engine {
    async fn save_agencies(&self, agencies: &[civicdesk_domain::Agency]) -> civicdesk_domain::store::StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        for a in agencies {
            crate::storage::catalogue::bind_agency(sqlx::query(crate::storage::catalogue::UPSERT_AGENCY), a)
                .execute(&mut *tx)
                .await
                .map_err(crate::storage::db_err)?;
        }
        tx.commit().await.map_err(crate::storage::db_err)
    }

    async fn agencies(&self) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::catalogue::AgencySummary>> {
        use crate::storage::catalogue::{AGENCY_COLUMNS, AgencyRow, agency_order};
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            agency: AgencyRow,
            procedures: i64,
        }
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {AGENCY_COLUMNS}, coalesce((SELECT n.procedures FROM catalogue_counts n \
             WHERE n.kind = 'agency' AND n.code = agencies.code), 0) AS procedures FROM agencies"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
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

    async fn agency(&self, slug: &str) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::Agency>> {
        use crate::storage::catalogue::{AGENCY_COLUMNS, AgencyRow};
        let row: Option<AgencyRow> =
            sqlx::query_as(&format!("SELECT {AGENCY_COLUMNS} FROM agencies WHERE slug = $1 OR code = $1"))
                .bind(slug)
                .fetch_optional(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
        row.map(AgencyRow::into_agency).transpose()
    }

    async fn fields(&self) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::catalogue::FieldSummary>> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT f.code, f.name, coalesce(n.procedures, 0) FROM fields f \
             LEFT JOIN catalogue_counts n ON n.kind = 'field' AND n.code = f.code",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
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
        use crate::storage::catalogue::{ProcedureColumns, from_json};
        let mut report = civicdesk_domain::catalogue::ImportReport::default();
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
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
                .map_err(crate::storage::db_err)?;
            }
            let existing: Option<(i64, String)> = sqlx::query_as("SELECT id, record FROM procedures WHERE code = $1")
                .bind(&p.code)
                .fetch_optional(&mut *tx)
                .await
                .map_err(crate::storage::db_err)?;
            match existing {
                Some((id, record)) if from_json::<civicdesk_domain::Procedure>(&record)? == *p => {
                    sqlx::query("UPDATE procedures SET popularity = $1 WHERE id = $2")
                        .bind(popularity)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(crate::storage::db_err)?;
                    report.unchanged += 1;
                    continue;
                }
                Some((id, _)) => {
                    for table in ["procedure_fields", "procedure_agencies"] {
                        sqlx::query(&format!("DELETE FROM {table} WHERE procedure_id = $1"))
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(crate::storage::db_err)?;
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
                 name_search, body_search, national_code, facets) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, $13, $14, $15, $16) \
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, status = excluded.status, \
                 in_force = excluded.in_force, online_level = excluded.online_level, \
                 level_mask = excluded.level_mask, for_individuals = excluded.for_individuals, \
                 for_organisations = excluded.for_organisations, popularity = excluded.popularity, \
                 revision = procedures.revision + 1, updated_at = excluded.updated_at, \
                 summary = excluded.summary, record = excluded.record, \
                 name_search = excluded.name_search, body_search = excluded.body_search, \
                 facets = excluded.facets \
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
            .bind(&c.national_code)
            .bind(&c.facets)
            .fetch_one(&mut *tx)
            .await
            .map_err(crate::storage::db_err)?;
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
            .map_err(crate::storage::db_err)?;
            let mut fields: Vec<&str> = p.fields.iter().map(|f| f.code.as_str()).collect();
            fields.sort_unstable();
            fields.dedup();
            for field in fields {
                sqlx::query("INSERT INTO procedure_fields (field_code, procedure_id) VALUES ($1, $2)")
                    .bind(field)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(crate::storage::db_err)?;
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
                    .map_err(crate::storage::db_err)?;
                }
            }
        }
        if report.created + report.revised > 0 {
            sqlx::query(crate::storage::catalogue::RENUMBER_RANKS)
                .execute(&mut *tx)
                .await
                .map_err(crate::storage::db_err)?;
            for statement in crate::storage::catalogue::RECOUNT {
                sqlx::query(statement).execute(&mut *tx).await.map_err(crate::storage::db_err)?;
            }
            for statement in super::REINDEX {
                sqlx::query(statement).execute(&mut *tx).await.map_err(crate::storage::db_err)?;
            }
        }
        tx.commit().await.map_err(crate::storage::db_err)?;
        if report.created + report.revised > 0 {
            for statement in super::TIDY {
                // The import is stored; a tidy-up that fails only leaves searches slower.
                if let Err(error) = sqlx::raw_sql(statement).execute(&self.writer).await {
                    tracing::warn!(%error, statement, "tidying up after an import failed");
                }
            }
        }
        Ok(report)
    }

    async fn procedure(
        &self,
        code: &str,
    ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::catalogue::ProcedureDetail>> {
        use crate::storage::catalogue::{from_json, revision_history};
        use civicdesk_domain::catalogue::{AgencyLink, ProcedureDetail, ProcedureLink};
        let row: Option<(i64, String)> = sqlx::query_as("SELECT id, record FROM procedures WHERE code = $1")
            .bind(code)
            .fetch_optional(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        let Some((id, record)) = row else { return Ok(None) };
        let record: civicdesk_domain::Procedure = from_json(&record)?;
        let revisions: Vec<(i64, chrono::DateTime<chrono::Utc>, String)> = sqlx::query_as(
            "SELECT number, recorded_at, record FROM procedure_revisions WHERE procedure_id = $1 ORDER BY number",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        let replacement = match &record.replaced_by {
            Some(code) => sqlx::query_as::<_, (String, String)>("SELECT code, name FROM procedures WHERE code = $1")
                .bind(code)
                .fetch_optional(&self.pool)
                .await
                .map_err(crate::storage::db_err)?
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
        .map_err(crate::storage::db_err)?;
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
        use crate::storage::catalogue::{from_json, search_sql};
        // Filters name an agency by slug; the index holds its code.
        let agency_code = match &filter.agency {
            Some(slug) => {
                let code: Option<String> = sqlx::query_scalar("SELECT code FROM agencies WHERE slug = $1")
                    .bind(slug)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(crate::storage::db_err)?;
                // An unknown agency matches nothing, rather than being ignored.
                Some(code.unwrap_or_else(|| "unknown".to_owned()))
            }
            None => None,
        };
        let sql = search_sql(filter, agency_code.as_deref(), super::text_source);
        let offset = filter.offset() as usize;
        let wanted = offset + civicdesk_domain::catalogue::PAGE_SIZE as usize;
        // The page and the count are independent: they run at once, on two connections.
        let page = async {
            let mut rows: Vec<String> = Vec::with_capacity(wanted);
            for statement in &sql.pages {
                if rows.len() >= wanted {
                    break;
                }
                let still_wanted = (wanted - rows.len()) as i64;
                let query = Self::bind_all(sqlx::query_as::<_, (String,)>(&statement.sql), &statement.binds);
                rows.extend(query.bind(still_wanted).fetch_all(&self.pool).await?.into_iter().map(|(row,)| row));
            }
            Ok::<_, sqlx::Error>(rows)
        };
        let count = Self::bind_all(sqlx::query_as::<_, (i64,)>(&sql.count.sql), &sql.count.binds).fetch_one(&self.pool);
        let (rows, (total,)) = tokio::try_join!(page, count).map_err(crate::storage::db_err)?;
        let total: u64 = total.try_into().unwrap_or_default();
        let limit = civicdesk_domain::catalogue::COUNT_LIMIT;
        let rows: Vec<String> = rows.into_iter().skip(offset).collect();
        Ok(civicdesk_domain::catalogue::SearchResults {
            items: rows.iter().map(|s| from_json(s)).collect::<Result<_, _>>()?,
            total: total.min(limit),
            total_capped: total > limit,
            page: filter.page(),
            page_size: civicdesk_domain::catalogue::PAGE_SIZE,
        })
    }

    async fn popular_procedures(
        &self,
        limit: u32,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::catalogue::ProcedureSummary>> {
        let rows: Vec<String> =
            sqlx::query_scalar("SELECT summary FROM procedures WHERE in_force ORDER BY search_rank LIMIT $1")
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
        rows.iter().map(|s| crate::storage::catalogue::from_json(s)).collect()
    }

    async fn procedure_count(&self) -> civicdesk_domain::store::StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM procedures")
            .fetch_one(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        Ok(n.try_into().unwrap_or_default())
    }

    async fn last_procedure_id(&self) -> civicdesk_domain::store::StoreResult<i64> {
        let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM procedures")
            .fetch_one(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        Ok(id.unwrap_or(0))
    }

    async fn procedures_between(
        &self,
        first: i64,
        last: i64,
    ) -> civicdesk_domain::store::StoreResult<Vec<(String, chrono::DateTime<chrono::Utc>)>> {
        sqlx::query_as("SELECT code, updated_at FROM procedures WHERE id BETWEEN $1 AND $2 ORDER BY id")
            .bind(first)
            .bind(last)
            .fetch_all(&self.pool)
            .await
            .map_err(crate::storage::db_err)
    }

    async fn procedures_after(
        &self,
        after: i64,
        limit: u32,
    ) -> civicdesk_domain::store::StoreResult<Vec<(i64, civicdesk_domain::Procedure, u32)>> {
        let rows: Vec<(i64, String, i64)> =
            sqlx::query_as("SELECT id, record, popularity FROM procedures WHERE id > $1 ORDER BY id LIMIT $2")
                .bind(after)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
        rows.into_iter()
            .map(|(id, record, popularity)| {
                let procedure = crate::storage::catalogue::from_json(&record)?;
                Ok((id, procedure, u32::try_from(popularity).unwrap_or(u32::MAX)))
            })
            .collect()
    }

    async fn recent_changes(
        &self,
        limit: u32,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::catalogue::ProcedureChange>> {
        // Along procedure_revisions_by_time (migration 0015), the newest first; each with the
        // revision before it, to say what changed.
        let rows: Vec<crate::storage::catalogue::ChangeRow> = sqlx::query_as(&format!(
            "{} ORDER BY r.recorded_at DESC, r.procedure_id DESC LIMIT $1",
            crate::storage::catalogue::CHANGES
        ))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        rows.into_iter().map(crate::storage::catalogue::ChangeRow::into_change).collect()
    }

    async fn changes_after(
        &self,
        cursor: civicdesk_domain::catalogue::ChangeCursor,
        limit: u32,
    ) -> civicdesk_domain::store::StoreResult<
        Vec<(civicdesk_domain::catalogue::ChangeCursor, civicdesk_domain::catalogue::ProcedureChange)>,
    > {
        // A range of procedure_revisions_by_time (migration 0015), the oldest first.
        let rows: Vec<crate::storage::catalogue::ChangeRow> = sqlx::query_as(&format!(
            "{} WHERE (r.recorded_at, r.procedure_id) > ($1, $2) ORDER BY r.recorded_at, r.procedure_id LIMIT $3",
            crate::storage::catalogue::CHANGES
        ))
        .bind(cursor.at)
        .bind(cursor.procedure)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        rows.into_iter()
            .map(|row| {
                let cursor = row.cursor();
                Ok((cursor, row.into_change()?))
            })
            .collect()
    }

    async fn coordinating_agency(&self) -> civicdesk_domain::store::StoreResult<Option<String>> {
        sqlx::query_scalar("SELECT code FROM agencies WHERE coordinating ORDER BY code LIMIT 1")
            .fetch_optional(&self.pool)
            .await
            .map_err(crate::storage::db_err)
    }

    async fn procedure_for_case(
        &self,
        code: &str,
    ) -> civicdesk_domain::store::StoreResult<Option<(civicdesk_domain::catalogue::ProcedureLink, Option<String>)>>
    {
        let row: Option<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT p.code, p.name, (SELECT pa.agency_code FROM procedure_agencies pa \
             JOIN agencies a ON a.code = pa.agency_code \
             WHERE pa.procedure_id = p.id AND pa.role = 'implementing' ORDER BY pa.agency_code LIMIT 1) \
             FROM procedures p WHERE p.code = $1",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
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
                .map_err(crate::storage::db_err)?;
        Ok(row.map(|(code, slug, name)| civicdesk_domain::catalogue::AgencyLink { code, slug, name }))
    }

    async fn agency_records(&self) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::Agency>> {
        let rows: Vec<crate::storage::catalogue::AgencyRow> = sqlx::query_as(&format!(
            "SELECT {} FROM agencies ORDER BY code",
            crate::storage::catalogue::AGENCY_COLUMNS
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        rows.into_iter().map(crate::storage::catalogue::AgencyRow::into_agency).collect()
    }
}
