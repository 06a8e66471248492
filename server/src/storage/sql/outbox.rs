//! The outbox: [`OutboxStore`](civicdesk_domain::store::OutboxStore), in SQL both engines accept.
//!
//! Compiled once per engine (see `mod.rs`), where `super::Engine`
//! is the store and `super::Db` its database.

#[async_trait::async_trait]
impl civicdesk_domain::store::OutboxStore for super::Engine {
    async fn claim_mail(
        &self,
        now: chrono::DateTime<chrono::Utc>,
        hold_until: chrono::DateTime<chrono::Utc>,
        limit: u32,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::cases::QueuedMail>> {
        // One statement picks and holds up to `limit` messages, so two workers (or two
        // instances) never take the same message while it is held.
        type Row = (i64, String, String, String, String, Option<String>, i64);
        let rows: Vec<Row> = sqlx::query_as(
            "UPDATE outbox SET claimed_until = $2 WHERE id IN (SELECT id FROM outbox \
             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
             AND (claimed_until IS NULL OR claimed_until <= $1) ORDER BY next_attempt_at, id LIMIT $3) \
             AND (claimed_until IS NULL OR claimed_until <= $1) \
             RETURNING id, recipient, subject, text_body, html_body, unsubscribe_url, attempts",
        )
        .bind(now)
        .bind(hold_until)
        .bind(i64::from(limit))
        .fetch_all(&self.writer)
        .await
        .map_err(crate::storage::db_err)?;
        let mut mails: Vec<_> = rows
            .into_iter()
            .map(|(id, recipient, subject, text, html, unsubscribe, attempts)| civicdesk_domain::cases::QueuedMail {
                id,
                mail: civicdesk_domain::cases::OutgoingMail { recipient, subject, text, html, unsubscribe },
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
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
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
            .map_err(crate::storage::db_err)?;
        sqlx::query("INSERT INTO outbox_attempts (message_id, at, error) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(at)
            .bind(error)
            .execute(&mut *tx)
            .await
            .map_err(crate::storage::db_err)?;
        tx.commit().await.map_err(crate::storage::db_err)
    }

    async fn mail_pending(&self) -> civicdesk_domain::store::StoreResult<u64> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
            .fetch_one(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        Ok(n.try_into().unwrap_or_default())
    }

    async fn oldest_pending_mail(&self) -> civicdesk_domain::store::StoreResult<Option<chrono::DateTime<chrono::Utc>>> {
        sqlx::query_scalar("SELECT MIN(created_at) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
            .fetch_one(&self.pool)
            .await
            .map_err(crate::storage::db_err)
    }

    async fn write_digest(
        &self,
        official: i64,
        day: chrono::NaiveDate,
        at: chrono::DateTime<chrono::Utc>,
        mail: &civicdesk_domain::cases::OutgoingMail,
    ) -> civicdesk_domain::store::StoreResult<bool> {
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        let claimed = sqlx::query(
            "INSERT INTO digests (official, day, sent_at) VALUES ($1, $2, $3) ON CONFLICT (official, day) DO NOTHING",
        )
        .bind(official)
        .bind(day)
        .bind(at)
        .execute(&mut *tx)
        .await
        .map_err(crate::storage::db_err)?;
        if claimed.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_mails(&mut tx, None, at, std::slice::from_ref(mail)).await?;
        tx.commit().await.map_err(crate::storage::db_err)?;
        Ok(true)
    }
}
