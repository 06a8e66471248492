//! Accounts: [`AccountStore`](civicdesk_domain::store::AccountStore), in SQL both engines accept.
//!
//! Compiled once per engine (see `mod.rs`), where `super::Engine`
//! is the store and `super::Db` its database.

impl super::Engine {
    /// Active officials matching `condition` (on `o`, from `from`), each with one more
    /// text column: the password hash, or a session's CSRF token.
    pub(super) async fn officials_with(
        &self,
        extra: &str,
        from: &str,
        condition: &str,
        values: &crate::storage::binds::Binds,
    ) -> civicdesk_domain::store::StoreResult<Vec<(civicdesk_domain::workflow::Official, String)>> {
        let sql = format!(
            "SELECT o.id, o.name, o.email, o.role, o.agency, {extra} FROM {from} WHERE o.active AND {condition} \
             ORDER BY o.name, o.id"
        );
        let rows: Vec<(i64, String, String, String, String, String)> =
            Self::bind_all(sqlx::query_as(&sql), values).fetch_all(&self.pool).await.map_err(crate::storage::db_err)?;
        rows.into_iter()
            .map(|(id, name, email, role, agency, extra)| {
                let role = civicdesk_domain::workflow::Role::parse(&role)
                    .ok_or_else(|| crate::storage::corrupt("role", &role))?;
                Ok((civicdesk_domain::workflow::Official { id, name, email, role, agency }, extra))
            })
            .collect()
    }

    pub(super) async fn official_where(
        &self,
        condition: &str,
        value: crate::storage::binds::Bind,
    ) -> civicdesk_domain::store::StoreResult<Vec<(civicdesk_domain::workflow::Official, String)>> {
        let values = crate::storage::binds::Binds(vec![value]);
        self.officials_with("o.password_hash", "officials o", condition, &values).await
    }

    pub(super) async fn account_where(
        &self,
        condition: &str,
        id: Option<i64>,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::admin::Account>> {
        let sql = format!(
            "SELECT o.id, o.name, o.email, o.role, o.agency, o.active, o.created_at, \
             (SELECT count(*) FROM sessions s WHERE s.official_id = o.id AND s.expires_at > $1) AS sessions \
             FROM officials o WHERE {condition} ORDER BY o.agency, o.name, o.id"
        );
        let query = sqlx::query_as(&sql).bind(chrono::Utc::now());
        let query = match id {
            Some(id) => query.bind(id),
            None => query,
        };
        let rows: Vec<crate::storage::settings::AccountRow> =
            query.fetch_all(&self.pool).await.map_err(crate::storage::db_err)?;
        rows.into_iter().map(crate::storage::settings::AccountRow::into_account).collect()
    }

    pub(super) async fn link_owner(
        tx: &mut <super::Db as sqlx::Database>::Connection,
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
            civicdesk_domain::workflow::Role::parse(&role).map(|role| civicdesk_domain::workflow::Official {
                id,
                name,
                email,
                role,
                agency,
            })
        }))
    }
}

#[async_trait::async_trait]
impl civicdesk_domain::store::AccountStore for super::Engine {
    async fn create_official(
        &self,
        o: &civicdesk_domain::accounts::NewOfficial,
        at: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<i64> {
        sqlx::query_scalar(
            "INSERT INTO officials (email, name, role, agency, password_hash, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, TRUE, $6) \
             ON CONFLICT (email) DO UPDATE SET name = excluded.name, role = excluded.role, \
             agency = excluded.agency, password_hash = excluded.password_hash, active = TRUE RETURNING id",
        )
        .bind(&o.email)
        .bind(&o.name)
        .bind(o.role.as_str())
        .bind(&o.agency)
        .bind(&o.password_hash)
        .bind(at)
        .fetch_one(&self.pool)
        .await
        .map_err(crate::storage::db_err)
    }

    async fn official_by_email(
        &self,
        email: &str,
    ) -> civicdesk_domain::store::StoreResult<Option<(civicdesk_domain::workflow::Official, String)>> {
        let email = crate::storage::binds::Bind::Text(email.to_owned());
        Ok(self.official_where("lower(o.email) = lower($1)", email).await?.into_iter().next())
    }

    async fn official(
        &self,
        id: i64,
    ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::workflow::Official>> {
        let id = crate::storage::binds::Bind::Int(id);
        Ok(self.official_where("o.id = $1", id).await?.into_iter().next().map(|(o, _)| o))
    }

    async fn officials_of(
        &self,
        agency: &str,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::workflow::Official>> {
        let agency = crate::storage::binds::Bind::Text(agency.to_owned());
        Ok(self.official_where("o.agency = $1", agency).await?.into_iter().map(|(o, _)| o).collect())
    }

    async fn officials_in_role(
        &self,
        role: civicdesk_domain::workflow::Role,
    ) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::workflow::Official>> {
        let role = crate::storage::binds::Bind::Text(role.as_str().to_owned());
        Ok(self.official_where("o.role = $1", role).await?.into_iter().map(|(o, _)| o).collect())
    }

    async fn create_session(
        &self,
        token_hash: &str,
        official: i64,
        csrf: &str,
        at: chrono::DateTime<chrono::Utc>,
        expires: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        // Expired sessions are dropped as new ones open.
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(crate::storage::db_err)?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, official_id, csrf, created_at, expires_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $4)",
        )
        .bind(token_hash)
        .bind(official)
        .bind(csrf)
        .bind(at)
        .bind(expires)
        .execute(&mut *tx)
        .await
        .map_err(crate::storage::db_err)?;
        tx.commit().await.map_err(crate::storage::db_err)
    }

    async fn session(
        &self,
        token_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
        idle_since: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::accounts::Session>> {
        use crate::storage::binds::{Bind, Binds};
        let values = Binds(vec![Bind::Text(token_hash.to_owned()), Bind::Time(now), Bind::Time(idle_since)]);
        let from = "sessions s JOIN officials o ON o.id = s.official_id";
        let condition = "s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3";
        let found = self.officials_with("s.csrf", from, condition, &values).await?;
        let Some((official, csrf)) = found.into_iter().next() else {
            return Ok(None);
        };
        // The idle clock restarts; one write a minute at most per session.
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at < $3")
            .bind(now)
            .bind(token_hash)
            .bind(now - chrono::Duration::minutes(1))
            .execute(&self.writer)
            .await
            .map_err(crate::storage::db_err)?;
        Ok(Some(civicdesk_domain::accounts::Session { official, csrf }))
    }

    async fn set_password(
        &self,
        official: i64,
        password_hash: &str,
        keep: &str,
    ) -> civicdesk_domain::store::StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        sqlx::query("UPDATE officials SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(official)
            .execute(&mut *tx)
            .await
            .map_err(crate::storage::db_err)?;
        sqlx::query("DELETE FROM sessions WHERE official_id = $1 AND token_hash <> $2")
            .bind(official)
            .bind(keep)
            .execute(&mut *tx)
            .await
            .map_err(crate::storage::db_err)?;
        tx.commit().await.map_err(crate::storage::db_err)
    }

    async fn end_session(&self, token_hash: &str) -> civicdesk_domain::store::StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.writer)
            .await
            .map_err(crate::storage::db_err)?;
        Ok(())
    }

    async fn record_login(
        &self,
        email: &str,
        address: &str,
        at: chrono::DateTime<chrono::Utc>,
        success: bool,
    ) -> civicdesk_domain::store::StoreResult<()> {
        sqlx::query("INSERT INTO login_attempts (at, email, address, success) VALUES ($1, $2, $3, $4)")
            .bind(at)
            .bind(email)
            .bind(address)
            .bind(success)
            .execute(&self.writer)
            .await
            .map_err(crate::storage::db_err)?;
        Ok(())
    }

    async fn login_failures(
        &self,
        email: &str,
        address: &str,
        since: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<(u64, u64)> {
        let (by_email, by_address): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM login_attempts WHERE email = $1 AND at >= $3 AND NOT success), \
             (SELECT count(*) FROM login_attempts WHERE address = $2 AND at >= $3 AND NOT success)",
        )
        .bind(email)
        .bind(address)
        .bind(since)
        .fetch_one(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        Ok((by_email.try_into().unwrap_or_default(), by_address.try_into().unwrap_or_default()))
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
        let mut conn = self.pool.acquire().await.map_err(crate::storage::db_err)?;
        Self::link_owner(&mut conn, token_hash, now).await.map_err(crate::storage::db_err)
    }

    async fn use_password_link(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
        audit: &civicdesk_domain::admin::AuditEntry,
    ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::workflow::Official>> {
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        let Some(official) = Self::link_owner(&mut tx, token_hash, now).await.map_err(crate::storage::db_err)? else {
            return Ok(None);
        };
        // Of two uses at once, only one marks the link used.
        let marked = sqlx::query("UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL")
            .bind(now)
            .bind(token_hash)
            .execute(&mut *tx)
            .await
            .map_err(crate::storage::db_err)?
            .rows_affected();
        if marked == 0 {
            return Ok(None);
        }
        sqlx::query("UPDATE officials SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(official.id)
            .execute(&mut *tx)
            .await
            .map_err(crate::storage::db_err)?;
        sqlx::query("DELETE FROM sessions WHERE official_id = $1")
            .bind(official.id)
            .execute(&mut *tx)
            .await
            .map_err(crate::storage::db_err)?;
        let mut audit = audit.clone();
        audit.actor_id = Some(official.id);
        audit.actor = format!("{} <{}>", official.name, official.email);
        audit.subject = official.email.clone();
        Self::insert_audit(&mut tx, &audit).await.map_err(crate::storage::db_err)?;
        tx.commit().await.map_err(crate::storage::db_err)?;
        Ok(Some(official))
    }

    async fn api_clients(&self) -> civicdesk_domain::store::StoreResult<Vec<civicdesk_domain::admin::ApiClient>> {
        let rows: Vec<ApiClientRow> = sqlx::query_as(
            "SELECT id, name, hint, created_at, last_used_at, revoked_at FROM api_clients ORDER BY id DESC",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        Ok(rows.into_iter().map(ApiClientRow::into_client).collect())
    }

    async fn api_client_by_key(
        &self,
        key_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> civicdesk_domain::store::StoreResult<Option<civicdesk_domain::admin::ApiClient>> {
        let row: Option<ApiClientRow> = sqlx::query_as(
            "SELECT id, name, hint, created_at, last_used_at, revoked_at FROM api_clients \
             WHERE key_hash = $1 AND revoked_at IS NULL",
        )
        .bind(key_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(crate::storage::db_err)?;
        let Some(row) = row else { return Ok(None) };
        if row.last_used_at.is_none_or(|at| at < now - chrono::Duration::minutes(1)) {
            sqlx::query("UPDATE api_clients SET last_used_at = $1 WHERE id = $2")
                .bind(now)
                .bind(row.id)
                .execute(&self.writer)
                .await
                .map_err(crate::storage::db_err)?;
        }
        Ok(Some(row.into_client()))
    }
}

/// A row of `api_clients`.
#[derive(sqlx::FromRow)]
struct ApiClientRow {
    id: i64,
    name: String,
    hint: String,
    created_at: chrono::DateTime<chrono::Utc>,
    last_used_at: Option<chrono::DateTime<chrono::Utc>>,
    revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl ApiClientRow {
    fn into_client(self) -> civicdesk_domain::admin::ApiClient {
        let ApiClientRow { id, name, hint, created_at, last_used_at, revoked_at } = self;
        civicdesk_domain::admin::ApiClient { id, name, hint, created_at, last_used_at, revoked_at }
    }
}
