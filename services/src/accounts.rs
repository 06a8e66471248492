//! Officials' sign-in: argon2id password hashes, server-side sessions in the database (so every
//! instance knows them), throttling per account and per address, and the CSRF token every staff
//! form carries.
//!
//! The session cookie is `HttpOnly` and `SameSite=Lax`, and `Secure` when the portal is served
//! over HTTPS. Each session has its own CSRF token, checked on every staff POST, and a POST whose
//! `Origin` names another site is refused before that.

use std::net::IpAddr;
use std::sync::Arc;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, Utc};
use civicdesk_domain::accounts::{NewOfficial, Session};
use civicdesk_domain::admin::{AuditAction, AuditEntry};
use civicdesk_domain::cases::token_hash;
use civicdesk_domain::problems::PasswordProblem;
use civicdesk_domain::store::{Store, StoreError};
use civicdesk_domain::workflow::Role;
use http::HeaderMap;
use rand::RngCore;

/// The name of the staff session cookie.
pub const SESSION_COOKIE: &str = "civicdesk_session";
/// The cookie holding the sign-in form's token, set by the sign-in page before any session.
pub const LOGIN_COOKIE: &str = "civicdesk_login";
/// The sign-in form's field that must repeat it.
pub const LOGIN_FIELD: &str = "login_token";

/// How long a staff session may go unused before it ends.
#[derive(Clone, Copy, Debug)]
pub struct IdleLimit(pub chrono::Duration);

impl IdleLimit {
    /// Sessions last used before this have ended.
    pub fn since(self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - self.0
    }
}

/// Officials' sessions, as every page and handler reads them.
pub struct Accounts {
    store: Arc<dyn Store>,
    idle: IdleLimit,
}

impl Accounts {
    pub fn new(store: Arc<dyn Store>, idle: IdleLimit) -> Self {
        Accounts { store, idle }
    }

    /// The session a request carries, if valid now, with its token's hash.
    pub async fn session_of(&self, headers: &HeaderMap) -> Result<Option<(Session, String)>, StoreError> {
        let Some(hash) = session_token(headers).and_then(|t| token_hash(&t)) else { return Ok(None) };
        let now = Utc::now();
        Ok(self.store.session(&hash, now, self.idle.since(now)).await?.map(|s| (s, hash)))
    }
}

/// How long a session lasts: a working day and a little more.
pub const SESSION_HOURS: i64 = 12;
/// Failed sign-ins counted over this window.
const THROTTLE_MINUTES: i64 = 15;
/// Failures within the window that lock an account…
const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
/// …and an address (several accounts tried from one place).
const MAX_FAILURES_PER_ADDRESS: u64 = 20;

/// 24 random bytes as hex, the shape [`token_hash`] accepts.
pub fn new_token() -> String {
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Why a new password typed twice is refused, if it is.
pub fn new_password_problem(new: &str, again: &str) -> Option<PasswordProblem> {
    if new.chars().count() < MIN_PASSWORD {
        Some(PasswordProblem::TooShort)
    } else if new != again {
        Some(PasswordProblem::Differ)
    } else {
        None
    }
}

/// An argon2id hash of `password`, in the PHC string format.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hash: {e}"))?
        .to_string())
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

pub use civicdesk_domain::accounts::MIN_PASSWORD;

/// Creates an account (the CLI's `create-admin`, the demo data, the administrators' page).
pub async fn create_official(
    store: &dyn Store,
    email: &str,
    name: &str,
    role: Role,
    agency: &str,
    password: &str,
) -> anyhow::Result<i64> {
    let email = civicdesk_domain::feedback::normalise_email(email)
        .ok_or_else(|| anyhow::anyhow!("{email:?} is not an e-mail address"))?
        .to_lowercase();
    anyhow::ensure!(password.chars().count() >= MIN_PASSWORD, "the password needs at least {MIN_PASSWORD} characters");
    anyhow::ensure!(store.agency_ref(agency).await?.is_some(), "no agency {agency:?}");
    let official = NewOfficial {
        email,
        name: name.trim().to_owned(),
        role,
        agency: agency.to_owned(),
        password_hash: hash_password(password)?,
    };
    Ok(store.create_official(&official, Utc::now()).await?)
}

/// What `create-admin` did.
#[derive(Debug, PartialEq, Eq)]
pub enum AdminSetUp {
    Created(i64),
    /// An existing administrator's password (and name) set anew, as asked.
    Reset(i64),
}

/// `create-admin`: creates an administrator, or — only when `reset` is asked for — sets a new
/// password for an existing administrator. An account of another role is never changed.
pub async fn set_up_admin(
    store: &dyn Store,
    email: &str,
    name: &str,
    agency: &str,
    password: &str,
    reset: bool,
) -> anyhow::Result<AdminSetUp> {
    let normalised = email.trim().to_lowercase();
    // Deactivated accounts count too: creating would otherwise bring one back with a new role.
    let found = store.accounts().await?.into_iter().find(|a| a.official.email == normalised).map(|a| a.official);
    match found {
        None => Ok(AdminSetUp::Created(create_official(store, email, name, Role::Admin, agency, password).await?)),
        Some(existing) if existing.role != Role::Admin => anyhow::bail!(
            "{normalised} is the account of a {} of {}; create-admin changes no other role, nothing was changed",
            existing.role.as_str(),
            existing.agency
        ),
        Some(_) if !reset => {
            anyhow::bail!("{normalised} is already an administrator; add --reset to give it a new password")
        }
        Some(existing) => {
            create_official(store, email, name, Role::Admin, &existing.agency, password).await?;
            Ok(AdminSetUp::Reset(existing.id))
        }
    }
}

/// Why a sign-in did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("wrong e-mail or password")]
    Wrong,
    /// Too many failures lately: wait before trying again.
    #[error("too many failed attempts")]
    Throttled,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks the credentials and opens a session; returns the session cookie's token.
pub async fn login(
    store: &dyn Store,
    email: &str,
    password: &str,
    address: IpAddr,
    now: DateTime<Utc>,
) -> Result<String, LoginError> {
    let email = email.trim().to_lowercase();
    let address = address.to_string();
    let (by_account, by_address) =
        store.login_failures(&email, &address, now - Duration::minutes(THROTTLE_MINUTES)).await?;
    if by_account >= MAX_FAILURES_PER_ACCOUNT || by_address >= MAX_FAILURES_PER_ADDRESS {
        return Err(LoginError::Throttled);
    }
    let found = store.official_by_email(&email).await?;
    // Verify against a fixed hash when there is no such account, so the time taken does not
    // tell which accounts exist.
    let hash = found.as_ref().map_or_else(|| DUMMY_HASH.clone(), |(_, hash)| hash.clone());
    let password = password.to_owned();
    // Hashing takes tens of milliseconds of CPU: off the request threads.
    let password_ok = tokio::task::spawn_blocking(move || verify_password(&password, &hash)).await.unwrap_or(false);
    let official = match found {
        Some((official, _)) if password_ok => official,
        _ => {
            store.record_login(&email, &address, now, false).await?;
            let typed: String = email.chars().take(254).collect();
            let entry = AuditEntry::new(AuditAction::SignInFailed, None, &typed).by(&typed).from_address(&address);
            store.record_audit(&entry).await?;
            return Err(LoginError::Wrong);
        }
    };
    store.record_login(&email, &address, now, true).await?;
    store
        .record_audit(&AuditEntry::new(AuditAction::SignIn, Some(&official), &official.email).from_address(&address))
        .await?;
    let token = new_token();
    let csrf = new_token();
    let hash = token_hash(&token).expect("a token made here has the right shape");
    store.create_session(&hash, official.id, &csrf, now, now + Duration::hours(SESSION_HOURS)).await?;
    Ok(token)
}

/// An argon2id hash of a random password nobody knows, made once.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password(&new_token()).expect("hashing works"));

/// The `Set-Cookie` value that opens a session.
pub fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        SESSION_HOURS * 3600,
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that ends it.
pub fn clear_cookie(secure: bool) -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}", if secure { "; Secure" } else { "" })
}

/// The session token in a request's cookies.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

fn cookie(headers: &HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.to_owned())
}

/// The sign-in token a request's cookie holds, if it has the shape this portal gives them.
pub fn login_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, LOGIN_COOKIE).filter(|t| {
        (16..=64).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// The `Set-Cookie` value that gives a browser its sign-in token.
pub fn login_cookie(token: &str, secure: bool) -> String {
    format!(
        "{LOGIN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=86400{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Whether a token posted equals the expected one, compared in constant time.
pub fn tokens_match(posted: &str, expected: &str) -> bool {
    use subtle::ConstantTimeEq;
    !expected.is_empty() && posted.as_bytes().ct_eq(expected.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header;

    #[test]
    fn passwords_verify_only_themselves() {
        let hash = hash_password("mật khẩu dài hơn mười").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("mật khẩu dài hơn mười", &hash));
        assert!(!verify_password("mat khau dai hon muoi", &hash));
        assert!(!verify_password("anything", &DUMMY_HASH));
    }

    #[test]
    fn cookies_and_tokens() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, "a=1; civicdesk_session=abc; b=2".parse().unwrap());
        assert_eq!(session_token(&headers).as_deref(), Some("abc"));
        assert!(session_cookie("t", true).ends_with("; Secure"));
        assert!(session_cookie("t", false).contains("HttpOnly; SameSite=Lax"));
        assert_eq!(login_token(&headers), None);
        headers.insert(header::COOKIE, "civicdesk_login=AbCdEfGhIjKlMnOpQrStUv".parse().unwrap());
        assert_eq!(login_token(&headers).as_deref(), Some("AbCdEfGhIjKlMnOpQrStUv"));
        headers.insert(header::COOKIE, "civicdesk_login=\"><script>xxxxxxxxxx".parse().unwrap());
        assert_eq!(login_token(&headers), None, "a cookie of another shape is not reflected");
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abd", "abc") && !tokens_match("", "") && !tokens_match("ab", "abc"));
    }
}
