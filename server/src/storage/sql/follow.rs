//! Following by e-mail: [`FollowStore`](civicdesk_domain::store::FollowStore), in SQL both
//! engines accept.
//!
//! Compiled once per engine (see `mod.rs`), where `super::Engine`
//! is the store and `super::Db` its database.

/// A subscription with its target's name: the procedure's, agency's or field's (a case's code; the
/// code if it is gone).
const SUBSCRIPTION: &str = "SELECT s.id, s.email, s.kind, s.target, s.frequency, \
     COALESCE((SELECT p.name FROM procedures p WHERE s.kind = 'procedure' AND p.code = s.target), \
     (SELECT a.name FROM agencies a WHERE s.kind = 'agency' AND a.code = s.target), \
     (SELECT f.name FROM fields f WHERE s.kind = 'field' AND f.code = s.target), s.target) AS target_name, \
     s.created_at, s.confirmed_at FROM subscriptions s";

/// A published answer as its followers hear of it (the linked cases are answered as their lead).
const ANSWER: &str = "SELECT c.id, c.code, COALESCE(c.public_title, c.title) AS title, a.code AS agency_code, \
     a.slug AS agency_slug, a.name AS agency_name, c.field, c.published_at \
     FROM cases c JOIN agencies a ON a.code = c.agency \
     WHERE c.published_at IS NOT NULL AND c.status IN ('published', 'closed') AND c.lead_case IS NULL";

#[derive(sqlx::FromRow)]
struct AnswerRow {
    id: i64,
    code: String,
    title: String,
    agency_code: String,
    agency_slug: String,
    agency_name: String,
    field: String,
    published_at: chrono::DateTime<chrono::Utc>,
}

impl AnswerRow {
    fn into_answer(self) -> civicdesk_domain::follow::PublishedAnswer {
        civicdesk_domain::follow::PublishedAnswer {
            id: self.id,
            code: self.code,
            title: self.title,
            agency: civicdesk_domain::catalogue::AgencyLink {
                code: self.agency_code,
                slug: self.agency_slug,
                name: self.agency_name,
            },
            field: self.field,
            published_at: self.published_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct SubscriptionRow {
    id: i64,
    email: String,
    kind: String,
    target: String,
    frequency: String,
    target_name: String,
    created_at: chrono::DateTime<chrono::Utc>,
    confirmed_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl SubscriptionRow {
    fn into_subscription(self) -> civicdesk_domain::store::StoreResult<civicdesk_domain::follow::Subscription> {
        Ok(civicdesk_domain::follow::Subscription {
            id: self.id,
            kind: civicdesk_domain::follow::FollowKind::parse(&self.kind)
                .ok_or_else(|| crate::storage::corrupt("follow kind", &self.kind))?,
            frequency: civicdesk_domain::follow::Frequency::parse(&self.frequency)
                .ok_or_else(|| crate::storage::corrupt("follow frequency", &self.frequency))?,
            email: self.email,
            target: self.target,
            target_name: self.target_name,
            created_at: self.created_at,
            confirmed_at: self.confirmed_at,
        })
    }
}

impl super::Engine {
    /// Each notice's token and message.
    async fn insert_notices(
        tx: &mut sqlx::Transaction<'_, super::Db>,
        notices: &[civicdesk_domain::store::follow::Notice],
        at: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<()> {
        for notice in notices {
            Self::insert_follow_token(tx, notice.subscription, &notice.token_hash, at).await?;
            Self::insert_mails(tx, None, at, std::slice::from_ref(&notice.mail)).await?;
        }
        Ok(())
    }

    async fn insert_follow_token(
        tx: &mut sqlx::Transaction<'_, super::Db>,
        subscription: i64,
        token_hash: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<()> {
        sqlx::query("INSERT INTO follow_tokens (token_hash, subscription_id, created_at) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(subscription)
            .bind(at)
            .execute(&mut **tx)
            .await
            .map_err(crate::storage::db_err)?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl civicdesk_domain::store::FollowStore for super::Engine {
    async fn request_follow(
        &self,
        request: civicdesk_domain::follow::FollowRequest<'_>,
        mail: &civicdesk_domain::cases::OutgoingMail,
        at: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<civicdesk_domain::follow::Requested> {
        use civicdesk_domain::follow::{REQUEST_WINDOW_HOURS, REQUESTS_PER_ADDRESS, Requested};
        let civicdesk_domain::follow::FollowRequest { email, kind, target, frequency, token_hash } = request;
        let db = crate::storage::db_err;
        let mut tx = self.writer.begin().await.map_err(db)?;
        let since = at - chrono::Duration::hours(REQUEST_WINDOW_HOURS);
        let recent: i64 = sqlx::query_scalar("SELECT count(*) FROM follow_requests WHERE email = $1 AND at > $2")
            .bind(email)
            .bind(since)
            .fetch_one(&mut *tx)
            .await
            .map_err(db)?;
        if u64::try_from(recent).unwrap_or(u64::MAX) >= REQUESTS_PER_ADDRESS {
            return Ok(Requested::Throttled);
        }
        let existing: Option<(i64, Option<chrono::DateTime<chrono::Utc>>)> =
            sqlx::query_as("SELECT id, confirmed_at FROM subscriptions WHERE email = $1 AND kind = $2 AND target = $3")
                .bind(email)
                .bind(kind.as_str())
                .bind(target)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
        let id = match existing {
            Some((_, Some(_))) => return Ok(Requested::AlreadyFollowing),
            Some((id, None)) => {
                sqlx::query("UPDATE subscriptions SET frequency = $2 WHERE id = $1")
                    .bind(id)
                    .bind(frequency.as_str())
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                id
            }
            None => sqlx::query_scalar(
                "INSERT INTO subscriptions (email, kind, target, frequency, created_at) VALUES ($1, $2, $3, $4, $5) \
                 RETURNING id",
            )
            .bind(email)
            .bind(kind.as_str())
            .bind(target)
            .bind(frequency.as_str())
            .bind(at)
            .fetch_one(&mut *tx)
            .await
            .map_err(db)?,
        };
        Self::insert_follow_token(&mut tx, id, token_hash, at).await?;
        sqlx::query("INSERT INTO follow_requests (email, at) VALUES ($1, $2)")
            .bind(email)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        Self::insert_mails(&mut tx, None, at, std::slice::from_ref(mail)).await?;
        tx.commit().await.map_err(db)?;
        Ok(Requested::Sent)
    }

    async fn subscription_by_token(
        &self,
        token_hash: &str,
    ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::follow::Subscription>> {
        let row: Option<SubscriptionRow> = sqlx::query_as(&format!(
            "{SUBSCRIPTION} WHERE s.id = (SELECT t.subscription_id FROM follow_tokens t WHERE t.token_hash = $1)"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        row.map(SubscriptionRow::into_subscription).transpose()
    }

    async fn subscriptions_of(
        &self,
        email: &str,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::follow::Subscription>> {
        let rows: Vec<SubscriptionRow> = sqlx::query_as(&format!("{SUBSCRIPTION} WHERE s.email = $1 ORDER BY s.id"))
            .bind(email)
            .fetch_all(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        rows.into_iter().map(SubscriptionRow::into_subscription).collect()
    }

    async fn confirm_follow(
        &self,
        id: i64,
        at: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<bool> {
        let done = sqlx::query("UPDATE subscriptions SET confirmed_at = COALESCE(confirmed_at, $2) WHERE id = $1")
            .bind(id)
            .bind(at)
            .execute(&self.writer)
            .await
            .map_err(crate::storage::db_err)?;
        Ok(done.rows_affected() == 1)
    }

    async fn set_follow_frequency(
        &self,
        id: i64,
        frequency: civicdesk_domain::follow::Frequency,
    ) -> civicdesk_domain::store::StoreResult<bool> {
        let done = sqlx::query("UPDATE subscriptions SET frequency = $2 WHERE id = $1")
            .bind(id)
            .bind(frequency.as_str())
            .execute(&self.writer)
            .await
            .map_err(crate::storage::db_err)?;
        Ok(done.rows_affected() == 1)
    }

    async fn end_follow(&self, id: i64) -> civicdesk_domain::store::StoreResult<bool> {
        let db = crate::storage::db_err;
        let mut tx = self.writer.begin().await.map_err(db)?;
        sqlx::query("DELETE FROM follow_tokens WHERE subscription_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let done =
            sqlx::query("DELETE FROM subscriptions WHERE id = $1").bind(id).execute(&mut *tx).await.map_err(db)?;
        tx.commit().await.map_err(db)?;
        Ok(done.rows_affected() == 1)
    }

    async fn followers(
        &self,
        kind: civicdesk_domain::follow::FollowKind,
        targets: &[String],
        frequency: civicdesk_domain::follow::Frequency,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::follow::Subscription>> {
        if targets.is_empty() {
            return Ok(Vec::new());
        }
        let mut values = crate::storage::binds::Binds::default();
        let kind = values.text(kind.as_str());
        let frequency = values.text(frequency.as_str());
        let listed = targets.iter().map(|t| values.text(t)).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "{SUBSCRIPTION} WHERE s.kind = {kind} AND s.target IN ({listed}) AND s.frequency = {frequency} \
             AND s.confirmed_at IS NOT NULL ORDER BY s.target, s.id"
        );
        let rows: Vec<SubscriptionRow> = Self::bind_all(sqlx::query_as(&sql), &values)
            .fetch_all(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        rows.into_iter().map(SubscriptionRow::into_subscription).collect()
    }

    async fn followers_at(
        &self,
        kind: civicdesk_domain::follow::FollowKind,
        frequency: civicdesk_domain::follow::Frequency,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::follow::Subscription>> {
        let rows: Vec<SubscriptionRow> = sqlx::query_as(&format!(
            "{SUBSCRIPTION} WHERE s.kind = $1 AND s.frequency = $2 AND s.confirmed_at IS NOT NULL ORDER BY s.email, s.id"
        ))
        .bind(kind.as_str())
        .bind(frequency.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        rows.into_iter().map(SubscriptionRow::into_subscription).collect()
    }

    async fn answers_after(
        &self,
        cursor: civicdesk_domain::follow::Cursor,
        limit: u32,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::follow::PublishedAnswer>> {
        let rows: Vec<AnswerRow> = sqlx::query_as(&format!(
            "{ANSWER} AND (c.published_at > $1 OR (c.published_at = $1 AND c.id > $2)) \
             ORDER BY c.published_at, c.id LIMIT $3"
        ))
        .bind(cursor.at)
        .bind(cursor.id)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        Ok(rows.into_iter().map(AnswerRow::into_answer).collect())
    }

    async fn answers_between(
        &self,
        first: chrono::NaiveDate,
        until: chrono::NaiveDate,
        limit: u32,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::follow::PublishedAnswer>> {
        let start = civicdesk_domain::calendar::day_start;
        let rows: Vec<AnswerRow> = sqlx::query_as(&format!(
            "{ANSWER} AND c.published_at >= $1 AND c.published_at < $2 ORDER BY c.published_at, c.id LIMIT $3"
        ))
        .bind(start(first))
        .bind(start(until))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        Ok(rows.into_iter().map(AnswerRow::into_answer).collect())
    }

    async fn write_follow_digest(
        &self,
        frequency: civicdesk_domain::follow::Frequency,
        period: chrono::NaiveDate,
        notices: &[civicdesk_domain::store::follow::Notice],
        at: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<bool> {
        let db = crate::storage::db_err;
        let mut tx = self.writer.begin().await.map_err(db)?;
        let claimed = sqlx::query(
            "INSERT INTO follow_digests (frequency, period, sent_at) VALUES ($1, $2, $3) \
             ON CONFLICT (frequency, period) DO NOTHING",
        )
        .bind(frequency.as_str())
        .bind(period)
        .bind(at)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if claimed.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_notices(&mut tx, notices, at).await?;
        tx.commit().await.map_err(db)?;
        Ok(true)
    }

    async fn case_updates_after(
        &self,
        cursor: civicdesk_domain::follow::Cursor,
        limit: u32,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::follow::CaseUpdate>> {
        let rows: Vec<(i64, chrono::DateTime<chrono::Utc>, String, String)> = sqlx::query_as(
            "SELECT e.id, e.at, c.code, e.kind FROM case_events e JOIN cases c ON c.id = e.case_id \
             WHERE e.public AND (e.at > $1 OR (e.at = $1 AND e.id > $2)) ORDER BY e.at, e.id LIMIT $3",
        )
        .bind(cursor.at)
        .bind(cursor.id)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        Ok(rows
            .into_iter()
            .map(|(id, at, code, kind)| civicdesk_domain::follow::CaseUpdate { id, at, code, kind })
            .collect())
    }

    async fn field_name(&self, code: &str) -> civicdesk_domain::store::StoreResult<Option<String>> {
        sqlx::query_scalar("SELECT name FROM fields WHERE code = $1")
            .bind(code)
            .fetch_optional(&self.pool)
            .await
            .map_err(crate::storage::db_err)
    }

    async fn follow_cursor(
        &self,
        name: &str,
    ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::follow::Cursor>> {
        let row: Option<(chrono::DateTime<chrono::Utc>, i64)> =
            sqlx::query_as("SELECT at, id FROM follow_cursors WHERE name = $1")
                .bind(name)
                .fetch_optional(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
        Ok(row.map(|(at, id)| civicdesk_domain::follow::Cursor { at, id }))
    }

    async fn advance_follow(
        &self,
        name: &str,
        from: Option<civicdesk_domain::follow::Cursor>,
        to: civicdesk_domain::follow::Cursor,
        notices: &[civicdesk_domain::store::follow::Notice],
        at: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<bool> {
        let db = crate::storage::db_err;
        let mut tx = self.writer.begin().await.map_err(db)?;
        let moved = match from {
            None => sqlx::query(
                "INSERT INTO follow_cursors (name, at, id) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
            )
            .bind(name)
            .bind(to.at)
            .bind(to.id)
            .execute(&mut *tx)
            .await
            .map_err(db)?,
            Some(from) => {
                sqlx::query("UPDATE follow_cursors SET at = $2, id = $3 WHERE name = $1 AND at = $4 AND id = $5")
                    .bind(name)
                    .bind(to.at)
                    .bind(to.id)
                    .bind(from.at)
                    .bind(from.id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?
            }
        };
        if moved.rows_affected() != 1 {
            return Ok(false);
        }
        Self::insert_notices(&mut tx, notices, at).await?;
        tx.commit().await.map_err(db)?;
        Ok(true)
    }
}
