//! Officials' accounts, passwords, sessions and sign-in attempts.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::accounts::{NewOfficial, Session};
use crate::admin::{Account, ApiClient, AuditEntry};
use crate::store::error::StoreResult;
use crate::workflow::Official;

#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn create_official(&self, official: &NewOfficial, at: DateTime<Utc>) -> StoreResult<i64>;

    /// An active account and its password hash, by e-mail (any case).
    async fn official_by_email(&self, email: &str) -> StoreResult<Option<(Official, String)>>;

    async fn official(&self, id: i64) -> StoreResult<Option<Official>>;

    /// Active accounts of an agency, by name.
    async fn officials_of(&self, agency: &str) -> StoreResult<Vec<Official>>;

    /// Active accounts in a role, by name (e.g. every coordinator, for the digests).
    async fn officials_in_role(&self, role: crate::workflow::Role) -> StoreResult<Vec<Official>>;

    async fn create_session(
        &self,
        token_hash: &str,
        official: i64,
        csrf: &str,
        at: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The session of a token, if it has not expired at `now`, was last used after `idle_since`,
    /// and its account is active. Records the use (at most once a minute).
    async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
        idle_since: DateTime<Utc>,
    ) -> StoreResult<Option<Session>>;

    async fn end_session(&self, token_hash: &str) -> StoreResult<()>;

    /// A new password hash for an account; every other session of it ends (the one named by
    /// `keep` goes on).
    async fn set_password(&self, official: i64, password_hash: &str, keep: &str) -> StoreResult<()>;

    async fn record_login(&self, email: &str, address: &str, at: DateTime<Utc>, success: bool) -> StoreResult<()>;

    /// Failed sign-ins since `since`: for this e-mail, and from this address.
    async fn login_failures(&self, email: &str, address: &str, since: DateTime<Utc>) -> StoreResult<(u64, u64)>;

    async fn accounts(&self) -> StoreResult<Vec<Account>>;

    async fn account(&self, id: i64) -> StoreResult<Option<Account>>;

    /// The account a password link belongs to, if the link is unused and not expired.
    async fn password_link(&self, token_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<Official>>;

    /// Sets the password through a link, once: marks it used, ends every session of the account
    /// and appends `audit`. `None` if the link was not usable.
    async fn use_password_link(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: DateTime<Utc>,
        audit: &AuditEntry,
    ) -> StoreResult<Option<Official>>;

    /// Every client system with a key, revoked or not, newest first.
    async fn api_clients(&self) -> StoreResult<Vec<ApiClient>>;

    /// The client system whose key has this hash, unless the key was revoked; records the use
    /// at `now` (at most once a minute).
    async fn api_client_by_key(&self, key_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<ApiClient>>;
}
