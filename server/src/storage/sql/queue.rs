//! The queue: [`QueueStore`](civicdesk_domain::store::QueueStore), in SQL both engines accept.
//!
//! Compiled once per engine (see `mod.rs`), where `super::Engine`
//! is the store and `super::Db` its database.

#[async_trait::async_trait]
impl civicdesk_domain::store::QueueStore for super::Engine {
    async fn change_handling(
        &self,
        change: &civicdesk_domain::queue::HandlingChange<'_>,
    ) -> civicdesk_domain::store::StoreResult<bool> {
        use crate::storage::cases::unit_str;
        use crate::storage::queue::queue_due;
        let h = change.after;
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        let facts = Self::case_facts(&mut tx, change.case_id).await?;
        let updated = sqlx::query(
            "UPDATE cases SET status = $3, agency = $4, assignee = $5, received_on = $6, classify_due = $7, \
             answer_term_amount = $8, answer_term_unit = $9, answer_due = $10, paused_on = $11, \
             publish_due = $12, progress_due = $13, answer = $14, public_title = $15, public_content = $16, \
             published_at = $17, version = $18, next_due = $19, updated_at = $20, \
             public_search = $21, answer_days = $22, lead_case = $23 WHERE id = $1 AND version = $2",
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
        .bind(h.answer_days.map(|n| i32::try_from(n).unwrap_or(i32::MAX)))
        .bind(&h.lead)
        .execute(&mut *tx)
        .await
        .map_err(crate::storage::db_err)?;
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
        Self::restate(&mut tx, change.case_id, facts).await?;
        Self::insert_mails(&mut tx, Some(change.case_id), change.at, &change.mails).await?;
        tx.commit().await.map_err(crate::storage::db_err)?;
        Ok(true)
    }

    async fn queue(
        &self,
        filter: &civicdesk_domain::queue::QueueFilter,
    ) -> civicdesk_domain::store::StoreResult<civicdesk_domain::queue::QueuePage> {
        use civicdesk_domain::queue::{QueuePage, QueueView};
        let statements = crate::storage::queue::queue_sql(filter);
        let (page_sql, page_values) = &statements.page;
        let rows = Self::bind_all(sqlx::query_as::<_, crate::storage::queue::QueueRow>(page_sql), page_values)
            .fetch_all(&self.pool);
        type Sums = (Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>);
        let open = async {
            let (sql, values) = &statements.open_counts;
            let (a, b, c, d, e, f): Sums = Self::bind_all(sqlx::query_as(sql), values).fetch_one(&self.pool).await?;
            Ok::<_, sqlx::Error>([a, b, c, d, e, f].map(|n| n.unwrap_or(0)))
        };
        let answered = async {
            let (sql, values) = &statements.answered_count;
            let (n,): (i64,) = Self::bind_all(sqlx::query_as(sql), values).fetch_one(&self.pool).await?;
            Ok::<_, sqlx::Error>(n)
        };
        let (rows, open, answered) = tokio::try_join!(rows, open, answered).map_err(crate::storage::db_err)?;
        let counts: Vec<(QueueView, u64)> = QueueView::ALL
            .iter()
            .map(|view| {
                let n = match crate::storage::queue::OPEN_VIEWS.iter().position(|v| v == view) {
                    Some(i) => open[i],
                    None => answered,
                };
                (*view, n.try_into().unwrap_or_default())
            })
            .collect();
        let total = counts.iter().find(|(v, _)| *v == filter.view).map_or(0, |(_, n)| *n);
        Ok(QueuePage {
            items: rows.into_iter().map(crate::storage::queue::QueueRow::into_item).collect::<Result<_, _>>()?,
            total,
            counts,
        })
    }

    async fn due_by_agency(
        &self,
        soon_until: chrono::NaiveDate,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::queue::AgencyDue>> {
        let rows: Vec<crate::storage::queue::QueueRow> = sqlx::query_as(&format!(
            "SELECT {} FROM cases c JOIN agencies a ON a.code = c.agency LEFT JOIN officials o ON o.id = c.assignee \
             WHERE c.next_due <= $1 AND c.status NOT IN ('awaiting_information', 'published', 'closed', \
             'refused', 'withdrawn') ORDER BY c.agency, c.next_due, c.id",
            crate::storage::queue::QUEUE_COLUMNS
        ))
        .bind(soon_until)
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        let mut out: Vec<civicdesk_domain::queue::AgencyDue> = Vec::new();
        for row in rows {
            let item = row.into_item()?;
            match out.last_mut() {
                Some(last) if last.agency.code == item.agency.code => last.cases.push(item),
                _ => out.push(civicdesk_domain::queue::AgencyDue {
                    agency: item.agency.clone(),
                    leads: Vec::new(),
                    cases: vec![item],
                }),
            }
        }
        for due in &mut out {
            due.leads = civicdesk_domain::store::AccountStore::officials_of(self, &due.agency.code)
                .await?
                .into_iter()
                .filter(|o| o.role == civicdesk_domain::workflow::Role::Lead)
                .collect();
        }
        Ok(out)
    }
}
