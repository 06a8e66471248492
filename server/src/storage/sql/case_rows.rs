//! The rows a case is written as and read back from, for every concern that changes a case: its
//! events, files and e-mails, a submission whole (one at a time or a group in one transaction),
//! and a case with its events.
//!
//! Compiled once per engine (see `mod.rs`), where `super::Engine`
//! is the store and `super::Db` its database.

impl super::Engine {
    pub(super) async fn insert_event(
        tx: &mut sqlx::Transaction<'_, super::Db>,
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
        .bind(crate::storage::catalogue::to_json(event))
        .bind(change)
        .fetch_one(&mut **tx)
        .await
        .map_err(crate::storage::db_err)
    }

    pub(super) async fn insert_attachments(
        tx: &mut sqlx::Transaction<'_, super::Db>,
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
            .map_err(crate::storage::db_err)?;
        }
        Ok(())
    }

    pub(super) async fn insert_mails(
        tx: &mut sqlx::Transaction<'_, super::Db>,
        case_id: Option<i64>,
        at: chrono::DateTime<chrono::Utc>,
        mails: &[civicdesk_domain::cases::OutgoingMail],
    ) -> civicdesk_domain::store::StoreResult<()> {
        for m in mails {
            sqlx::query(
                "INSERT INTO outbox (case_id, recipient, subject, text_body, html_body, unsubscribe_url, \
                 created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $7, $6, $6)",
            )
            .bind(case_id)
            .bind(&m.recipient)
            .bind(&m.subject)
            .bind(&m.text)
            .bind(&m.html)
            .bind(at)
            .bind(&m.unsubscribe)
            .execute(&mut **tx)
            .await
            .map_err(crate::storage::db_err)?;
        }
        Ok(())
    }

    /// Marks an open case as changed (and gives it `status`); `false` if it is not open.
    pub(super) async fn touch_open_case(
        tx: &mut sqlx::Transaction<'_, super::Db>,
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
        let done = query.bind(status.map(|s| s.as_str())).execute(&mut **tx).await.map_err(crate::storage::db_err)?;
        Ok(done.rows_affected() == 1)
    }

    /// Writes one submission in `tx` (see [`CaseStore::submit_case`]).
    ///
    /// [`CaseStore::submit_case`]: civicdesk_domain::store::CaseStore::submit_case
    pub(super) async fn insert_submission(
        tx: &mut sqlx::Transaction<'_, super::Db>,
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
        .map_err(crate::storage::db_err)?;
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
        .map_err(crate::storage::db_err)?;
        let text = format!("{} {}", case.title, case.content);
        let duplicate_of = earlier
            .into_iter()
            .find(|(_, title, content)| civicdesk_domain::cases::similar_text(&text, &format!("{title} {content}")))
            .map(|(code, _, _)| code);

        let sub = &case.submitter;
        let case_id: i64 = sqlx::query_scalar(&format!(
            "INSERT INTO cases (code, channel, status, category, submitter_kind, organisation, \
             name, address, phone, email, show_name, title, content, procedure_code, concerned_agency, area, \
             agency, received_at, received_on, classify_due, answer_due, duplicate_of, updated_at, \
             answer_term_amount, answer_term_unit, next_due, search_text, field) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, \
             $20, $21, $22, $18, $23, $24, $20, $25, {}) RETURNING id",
            crate::storage::record::field_of("$14")
        ))
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
        .bind(crate::storage::cases::unit_str(s.answer_term.unit))
        .bind(civicdesk_domain::text::search_text(&text))
        .fetch_one(&mut **tx)
        .await
        .map_err(crate::storage::db_err)?;
        sqlx::query("INSERT INTO case_tokens (token_hash, case_id, created_at) VALUES ($1, $2, $3)")
            .bind(&s.token_hash)
            .bind(case_id)
            .bind(s.received_at)
            .execute(&mut **tx)
            .await
            .map_err(crate::storage::db_err)?;
        let event = EventKind::Submitted { agency: s.agency.clone(), routing: s.routing.clone() };
        let event_id = Self::insert_event(tx, case_id, s.received_at, "submitter", &event, None).await?;
        Self::insert_attachments(tx, case_id, event_id, &s.attachments).await?;
        Self::restate(tx, case_id, None).await?;
        Self::insert_mails(tx, Some(case_id), s.received_at, &mails(s, &code)).await?;
        Ok(code)
    }

    /// Writes a group of submissions in one transaction, each under its own savepoint
    /// (see [`crate::storage::group_commit`]).
    pub(in crate::storage) async fn write_submissions(
        writer: sqlx::Pool<super::Db>,
        group: Vec<crate::storage::group_commit::Pending>,
    ) -> Vec<civicdesk_domain::store::StoreResult<civicdesk_domain::feedback::CaseCode>> {
        use sqlx::Acquire as _;
        let mut tx = match writer.begin().await {
            Ok(tx) => tx,
            Err(e) => return crate::storage::group_commit::fail_group(group.len(), &e),
        };
        let mut results = Vec::with_capacity(group.len());
        for pending in group {
            let result = async {
                let mut savepoint = (&mut tx).begin().await.map_err(crate::storage::db_err)?;
                match Self::insert_submission(&mut savepoint, &pending.submission, pending.mails).await {
                    Ok(code) => savepoint.commit().await.map(|()| code).map_err(crate::storage::db_err),
                    Err(e) => {
                        savepoint.rollback().await.map_err(crate::storage::db_err)?;
                        Err(e)
                    }
                }
            }
            .await;
            results.push(result);
        }
        match tx.commit().await {
            Ok(()) => results,
            Err(e) => crate::storage::group_commit::fail_group(results.len(), &e),
        }
    }

    /// Loads a case by a condition on `c`, with its events and attachments.
    pub(super) async fn load_case(
        &self,
        condition: &str,
        value: &str,
    ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::cases::CaseRecord>> {
        use crate::storage::cases::{AttachmentRow, CASE_COLUMNS, CASE_FROM, CaseRow, EventRow};
        let row: Option<CaseRow> = sqlx::query_as(&format!("SELECT {CASE_COLUMNS} FROM {CASE_FROM} WHERE {condition}"))
            .bind(value)
            .fetch_optional(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        let Some(row) = row else { return Ok(None) };
        let id = row.id;
        let events: Vec<EventRow> =
            sqlx::query_as("SELECT id, at, actor, public, data FROM case_events WHERE case_id = $1 ORDER BY id")
                .bind(id)
                .fetch_all(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
        let attachments: Vec<AttachmentRow> = sqlx::query_as(
            "SELECT id, event_id, file_name, content_type, size, published FROM attachments WHERE case_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        row.into_record(events, attachments).map(Some)
    }
}
