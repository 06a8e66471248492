//! Cases: [`CaseStore`](civicdesk_domain::store::CaseStore), in SQL both engines accept; the rows
//! a case is written as are in `case_rows.rs`.
//!
//! Compiled once per engine (see `mod.rs`), where `super::Engine`
//! is the store and `super::Db` its database.

#[async_trait::async_trait]
impl civicdesk_domain::store::CaseStore for super::Engine {
    async fn submit_case(
        &self,
        submission: civicdesk_domain::cases::Submission,
        mails: civicdesk_domain::cases::MailBuilder,
    ) -> civicdesk_domain::store::StoreResult<civicdesk_domain::feedback::CaseCode> {
        self.submissions.submit(crate::storage::group_commit::Pending { submission, mails }).await
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
            .map_err(crate::storage::db_err)?;
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
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        if !Self::touch_open_case(&mut tx, case_id, at, None).await? {
            return Ok(false);
        }
        let event = civicdesk_domain::cases::EventKind::InformationAdded { text: text.to_owned() };
        let event_id = Self::insert_event(&mut tx, case_id, at, "submitter", &event, None).await?;
        Self::insert_attachments(&mut tx, case_id, event_id, attachments).await?;
        Self::insert_mails(&mut tx, Some(case_id), at, mails).await?;
        tx.commit().await.map_err(crate::storage::db_err)?;
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
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        let facts = Self::case_facts(&mut tx, case_id).await?;
        if !Self::touch_open_case(&mut tx, case_id, at, Some(CaseStatus::Withdrawn)).await? {
            return Ok(false);
        }
        let event = civicdesk_domain::cases::EventKind::Withdrawn { reason: reason.to_owned() };
        Self::insert_event(&mut tx, case_id, at, "submitter", &event, None).await?;
        Self::restate(&mut tx, case_id, facts).await?;
        Self::insert_mails(&mut tx, Some(case_id), at, mails).await?;
        tx.commit().await.map_err(crate::storage::db_err)?;
        Ok(true)
    }

    async fn correct_submitter(
        &self,
        case_id: i64,
        submitter: &civicdesk_domain::feedback::Submitter,
        event: &civicdesk_domain::cases::EventKind,
        at: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<bool> {
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        if !Self::touch_open_case(&mut tx, case_id, at, None).await? {
            return Ok(false);
        }
        sqlx::query("UPDATE cases SET address = $2, phone = $3, email = $4, show_name = $5 WHERE id = $1")
            .bind(case_id)
            .bind(&submitter.address)
            .bind(&submitter.phone)
            .bind(&submitter.email)
            .bind(submitter.show_name)
            .execute(&mut *tx)
            .await
            .map_err(crate::storage::db_err)?;
        Self::insert_event(&mut tx, case_id, at, "submitter", event, None).await?;
        tx.commit().await.map_err(crate::storage::db_err)?;
        Ok(true)
    }

    async fn linked_under(&self, code: &str) -> civicdesk_domain::store::StoreResult<Vec<String>> {
        sqlx::query_scalar("SELECT code FROM cases WHERE lead_case = $1 ORDER BY id")
            .bind(code)
            .fetch_all(&self.pool)
            .await
            .map_err(crate::storage::db_err)
    }

    async fn open_near(
        &self,
        agency: &str,
        procedure: Option<&str>,
        except: i64,
        limit: u32,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::workflow::linking::Suggestion>> {
        // Two reads along indexes (the agency's open queue, the procedure's cases), each bounded.
        let open = "status IN ('received', 'in_progress', 'awaiting_information', 'answer_drafted', 'answer_approved') \
                    AND lead_case IS NULL AND id <> $2";
        let by_agency = format!(
            "SELECT code, title, content, received_on FROM cases WHERE agency = $1 AND {open} \
             ORDER BY received_at DESC LIMIT $3"
        );
        let by_procedure = format!(
            "SELECT code, title, content, received_on FROM cases WHERE procedure_code = $1 AND {open} \
             ORDER BY received_at DESC LIMIT $3"
        );
        let mut rows: Vec<(String, String, String, chrono::NaiveDate)> = sqlx::query_as(&by_agency)
            .bind(agency)
            .bind(except)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        if let Some(procedure) = procedure {
            let more: Vec<(String, String, String, chrono::NaiveDate)> = sqlx::query_as(&by_procedure)
                .bind(procedure)
                .bind(except)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
            for row in more {
                if rows.iter().all(|r| r.0 != row.0) {
                    rows.push(row);
                }
            }
        }
        Ok(rows
            .into_iter()
            .map(|(code, title, content, received_on)| civicdesk_domain::workflow::linking::Suggestion {
                code,
                title,
                content,
                received_on,
            })
            .collect())
    }

    async fn erase_personal(
        &self,
        before: chrono::DateTime<chrono::Utc>,
        at: chrono::DateTime<chrono::Utc>,
        limit: u32,
    ) -> civicdesk_domain::store::StoreResult<(usize, Vec<String>)> {
        use civicdesk_domain::cases::EventKind;
        use civicdesk_domain::retention::{ERASED_NAME, FINISHED};
        let db = crate::storage::db_err;
        let finished = FINISHED.iter().map(|s| format!("'{}'", s.as_str())).collect::<Vec<_>>().join(", ");
        let mut tx = self.writer.begin().await.map_err(db)?;
        // Each case is marked erased by a guarded update: two instances never erase one twice.
        let due: Vec<(i64, String, String, Option<String>, Option<String>, Option<chrono::DateTime<chrono::Utc>>)> =
            sqlx::query_as(&format!(
                "SELECT id, title, content, public_title, public_content, published_at FROM cases \
                 WHERE personal_erased_at IS NULL AND updated_at < $1 AND status IN ({finished}) \
                 ORDER BY updated_at, id LIMIT $2"
            ))
            .bind(before)
            .bind(i64::from(limit))
            .fetch_all(&mut *tx)
            .await
            .map_err(db)?;
        let (mut files, mut erased) = (Vec::new(), 0);
        for (id, title, content, public_title, public_content, published_at) in &due {
            // What was published stays; what only staff saw of the submitter's text goes.
            let (title, content) = match published_at {
                Some(_) => (
                    public_title.clone().unwrap_or_else(|| title.clone()),
                    public_content.clone().unwrap_or_else(|| content.clone()),
                ),
                None => (title.clone(), String::new()),
            };
            let search = civicdesk_domain::text::search_text(&format!("{title} {content}"));
            let taken = sqlx::query(
                "UPDATE cases SET name = $2, organisation = NULL, address = '', phone = '', email = NULL, \
                 show_name = FALSE, rating_reason = NULL, title = $3, content = $4, search_text = $5, \
                 personal_erased_at = $6 WHERE id = $1 AND personal_erased_at IS NULL",
            )
            .bind(id)
            .bind(ERASED_NAME)
            .bind(&title)
            .bind(&content)
            .bind(&search)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
            // Another instance erased it meanwhile (PostgreSQL waits for it, then finds it done).
            if taken.rows_affected() != 1 {
                continue;
            }
            erased += 1;
            let events: Vec<(i64, String)> = sqlx::query_as("SELECT id, data FROM case_events WHERE case_id = $1")
                .bind(id)
                .fetch_all(&mut *tx)
                .await
                .map_err(db)?;
            for (event_id, data) in events {
                let event: EventKind = crate::storage::catalogue::from_json(&data)?;
                let kept = event.clone().without_personal();
                if kept != event {
                    sqlx::query("UPDATE case_events SET data = $2 WHERE id = $1")
                        .bind(event_id)
                        .bind(crate::storage::catalogue::to_json(&kept))
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                }
            }
            let removed: Vec<String> = sqlx::query_scalar(
                "DELETE FROM attachments WHERE case_id = $1 AND NOT published RETURNING storage_key",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await
            .map_err(db)?;
            files.extend(removed);
            sqlx::query("DELETE FROM case_tokens WHERE case_id = $1").bind(id).execute(&mut *tx).await.map_err(db)?;
            sqlx::query("DELETE FROM outbox_attempts WHERE message_id IN (SELECT id FROM outbox WHERE case_id = $1)")
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(db)?;
            sqlx::query("DELETE FROM outbox WHERE case_id = $1").bind(id).execute(&mut *tx).await.map_err(db)?;
            Self::insert_event(&mut tx, *id, at, "system", &EventKind::PersonalDataErased, None).await?;
        }
        tx.commit().await.map_err(db)?;
        Ok((erased, files))
    }

    async fn attachment(
        &self,
        case_id: i64,
        id: i64,
    ) -> civicdesk_domain::store::StoreResult<Option<(civicdesk_domain::cases::AttachmentInfo, String)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            info: crate::storage::cases::AttachmentRow,
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
        .map_err(crate::storage::db_err)?;
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
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        let file_name: Option<String> = sqlx::query_scalar(
            "UPDATE attachments SET published = $3 WHERE case_id = $1 AND id = $2 RETURNING file_name",
        )
        .bind(case_id)
        .bind(id)
        .bind(published)
        .fetch_optional(&mut *tx)
        .await
        .map_err(crate::storage::db_err)?;
        let Some(file_name) = file_name else { return Ok(false) };
        let event = civicdesk_domain::cases::EventKind::AttachmentPublished { id, file_name, published };
        Self::insert_event(&mut tx, case_id, at, actor, &event, None).await?;
        tx.commit().await.map_err(crate::storage::db_err)?;
        Ok(true)
    }

    async fn recorded_attachments(&self, keys: &[String]) -> civicdesk_domain::store::StoreResult<Vec<String>> {
        let mut found = Vec::new();
        for key in keys {
            let hit: Option<String> = sqlx::query_scalar("SELECT storage_key FROM attachments WHERE storage_key = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
            found.extend(hit);
        }
        Ok(found)
    }

    async fn import_cases(
        &self,
        cases: &[civicdesk_domain::queue::ImportedCase],
    ) -> civicdesk_domain::store::StoreResult<()> {
        use crate::storage::cases::unit_str;
        use crate::storage::queue::queue_due;
        // Rows per statement: 30 parameters each, within either engine's limit.
        const ROWS: usize = 400;
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        let last: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM cases")
            .fetch_one(&mut *tx)
            .await
            .map_err(crate::storage::db_err)?;
        for chunk in cases.chunks(ROWS) {
            let mut insert = sqlx::QueryBuilder::<super::Db>::new(
                "INSERT INTO cases (code, channel, status, category, submitter_kind, name, address, phone, \
                 email, show_name, title, content, procedure_code, agency, received_at, received_on, \
                 classify_due, answer_due, updated_at, answer_term_amount, answer_term_unit, next_due, \
                 search_text, assignee, answer, published_at, public_search, paused_on, publish_due, answer_days) ",
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
                    })
                    .push_bind(h.paused_on)
                    .push_bind(h.publish_due)
                    .push_bind(h.answer_days.map(|n| i32::try_from(n).unwrap_or(i32::MAX)));
            });
            insert.build().execute(&mut *tx).await.map_err(crate::storage::db_err)?;
        }
        // Each case counts in its procedure's field as it is on the day it is written.
        sqlx::query(&format!(
            "UPDATE cases SET field = {} WHERE id > $1 AND procedure_code IS NOT NULL",
            crate::storage::record::field_of("cases.procedure_code")
        ))
        .bind(last)
        .execute(&mut *tx)
        .await
        .map_err(crate::storage::db_err)?;
        // The imported cases' part of the record, read back as every other change's is.
        let mut delta = civicdesk_domain::stats::Delta::new();
        for facts in Self::facts_in(&mut tx, "c.id > $1", last).await? {
            civicdesk_domain::stats::change(&mut delta, None, Some(&facts));
        }
        Self::add_to_record(&mut tx, &delta).await?;
        tx.commit().await.map_err(crate::storage::db_err)?;
        Ok(())
    }

    async fn answered_cases(
        &self,
        filter: &civicdesk_domain::queue::AnsweredFilter,
    ) -> civicdesk_domain::store::StoreResult<(Vec<civicdesk_domain::queue::AnsweredCase>, u64)> {
        let (rows_sql, count_sql, values) = crate::storage::queue::answered_sql(filter);
        let rows = Self::bind_all(sqlx::query_as::<_, crate::storage::queue::AnsweredRow>(&rows_sql), &values)
            .fetch_all(&self.pool);
        let count = Self::bind_all(sqlx::query_as::<_, (i64,)>(&count_sql), &values).fetch_one(&self.pool);
        let (rows, (count,)) = tokio::try_join!(rows, count).map_err(crate::storage::db_err)?;
        Ok((
            rows.into_iter().map(crate::storage::queue::AnsweredRow::into_case).collect::<Result<_, _>>()?,
            count.try_into().unwrap_or_default(),
        ))
    }

    async fn latest_answers(
        &self,
        filter: &civicdesk_domain::queue::AnsweredFilter,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::queue::AnsweredCase>> {
        let first = civicdesk_domain::queue::AnsweredFilter { page: 1, ..filter.clone() };
        let (rows_sql, _, values) = crate::storage::queue::answered_sql(&first);
        let rows = Self::bind_all(sqlx::query_as::<_, crate::storage::queue::AnsweredRow>(&rows_sql), &values)
            .fetch_all(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        rows.into_iter().map(crate::storage::queue::AnsweredRow::into_case).collect()
    }

    async fn last_case_id(&self) -> civicdesk_domain::store::StoreResult<i64> {
        let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM cases")
            .fetch_one(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        Ok(id.unwrap_or(0))
    }

    async fn codes_received(
        &self,
        filter: &civicdesk_domain::queue::ReceivedFilter,
    ) -> civicdesk_domain::store::StoreResult<Vec<String>> {
        use civicdesk_domain::feedback::CaseStatus;
        let mut values = crate::storage::binds::Binds::default();
        let from = values.push(crate::storage::binds::Bind::Time(filter.from));
        let until = values.push(crate::storage::binds::Bind::Time(filter.until));
        let mut sql = format!("SELECT code FROM cases WHERE received_at >= {from} AND received_at < {until}");
        let listed = |values: &mut crate::storage::binds::Binds, items: Vec<&str>| {
            items.into_iter().map(|item| values.text(item)).collect::<Vec<_>>().join(", ")
        };
        if !filter.categories.is_empty() {
            let categories = listed(&mut values, filter.categories.iter().map(|c| c.as_str()).collect());
            sql.push_str(&format!(" AND category IN ({categories})"));
        }
        if let Some(open) = filter.open {
            let statuses = CaseStatus::ALL.into_iter().filter(|s| s.is_open() == open).map(CaseStatus::as_str);
            let statuses = listed(&mut values, statuses.collect());
            sql.push_str(&format!(" AND status IN ({statuses})"));
        }
        let limit = values.int(i64::from(filter.limit));
        let offset = values.int(i64::from(filter.offset));
        sql.push_str(&format!(" ORDER BY received_at, id LIMIT {limit} OFFSET {offset}"));
        let rows: Vec<(String,)> = Self::bind_all(sqlx::query_as(&sql), &values)
            .fetch_all(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        Ok(rows.into_iter().map(|(code,)| code).collect())
    }

    async fn published_between(
        &self,
        first: i64,
        last: i64,
    ) -> civicdesk_domain::store::StoreResult<Vec<(String, chrono::DateTime<chrono::Utc>)>> {
        sqlx::query_as(
            "SELECT code, published_at FROM cases WHERE id BETWEEN $1 AND $2 \
             AND published_at IS NOT NULL AND status IN ('published', 'closed') ORDER BY id",
        )
        .bind(first)
        .bind(last)
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)
    }

    async fn rate_case(
        &self,
        case_id: i64,
        rating: &civicdesk_domain::rating::Rating,
        at: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<bool> {
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        let facts = Self::case_facts(&mut tx, case_id).await?;
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
        .map_err(crate::storage::db_err)?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        let event =
            civicdesk_domain::cases::EventKind::Rated { satisfied: rating.satisfied, reason: rating.reason.clone() };
        Self::insert_event(&mut tx, case_id, at, "submitter", &event, None).await?;
        Self::restate(&mut tx, case_id, facts).await?;
        tx.commit().await.map_err(crate::storage::db_err)?;
        Ok(true)
    }

    async fn milestones(
        &self,
        agency: Option<&str>,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::queue::CaseMilestones>> {
        use crate::storage::cases::EventRow;
        let rows: Vec<(
            i64,
            String,
            String,
            String,
            String,
            String,
            chrono::DateTime<chrono::Utc>,
            chrono::NaiveDate,
            chrono::NaiveDate,
        )> = sqlx::query_as(
            "SELECT id, code, title, category, status, agency, received_at, classify_due, answer_due FROM cases \
                 WHERE ($1 = '' OR agency = $1) ORDER BY id",
        )
        .bind(agency.unwrap_or_default())
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        let events: Vec<(i64, i64, chrono::DateTime<chrono::Utc>, String, bool, String)> = sqlx::query_as(
            "SELECT e.case_id, e.id, e.at, e.actor, e.public, e.data FROM case_events e JOIN cases c ON c.id = e.case_id \
             WHERE ($1 = '' OR c.agency = $1) ORDER BY e.case_id, e.id",
        )
        .bind(agency.unwrap_or_default())
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        let mut events = events.into_iter().peekable();
        use crate::storage::corrupt;
        let mut out = Vec::with_capacity(rows.len());
        for (id, code, title, category, status, agency, received_at, classify_due, answer_due) in rows {
            let mut own = Vec::new();
            while let Some((_, event_id, at, actor, public, data)) = events.next_if(|e| e.0 == id) {
                own.push(EventRow { id: event_id, at, actor, public, data }.into_event()?);
            }
            out.push(civicdesk_domain::queue::CaseMilestones {
                category: civicdesk_domain::feedback::Category::parse(&category)
                    .ok_or_else(|| corrupt("category", &category))?,
                status: civicdesk_domain::feedback::CaseStatus::parse(&status)
                    .ok_or_else(|| corrupt("status", &status))?,
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
            .map_err(crate::storage::db_err)?;
        Ok(code.and_then(|c| civicdesk_domain::feedback::CaseCode::parse(&c)))
    }
}
