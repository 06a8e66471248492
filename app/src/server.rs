//! What server functions need from the running server, provided as context per request.

use std::sync::Arc;

use civicdesk_domain::store::{Store, StoreError};
use leptos::prelude::*;

/// The storage of the running server.
pub fn store() -> Result<Arc<dyn Store>, ServerFnError> {
    use_context::<Arc<dyn Store>>().ok_or_else(|| ServerFnError::new("storage is not available"))
}

/// Logs a storage failure and gives the page a message without internals.
pub fn storage_failed(e: StoreError) -> ServerFnError {
    tracing::error!(error = %e, "storage failed while rendering");
    ServerFnError::new("storage failed")
}

/// Sets the response status of the page being rendered (404 for a missing record).
pub fn set_status(status: u16) {
    if let (Some(response), Ok(status)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(status))
    {
        response.set_status(status);
    }
}

/// The portal's public address (no trailing slash), for links shown to submitters.
#[derive(Clone, Debug)]
pub struct PublicUrl(pub String);

/// The case behind a private follow-up link, with the full link.
pub async fn private_case(token: &str) -> Result<Option<(civicdesk_domain::cases::CaseRecord, String)>, ServerFnError> {
    let Some(hash) = civicdesk_domain::cases::token_hash(token) else { return Ok(None) };
    let case = store()?.case_by_token(&hash).await.map_err(storage_failed)?;
    let base = use_context::<PublicUrl>().map(|u| u.0).unwrap_or_default();
    Ok(case.map(|case| (case, format!("{base}/phan-anh/tra-cuu/{token}"))))
}

/// The name of the staff session cookie.
pub const SESSION_COOKIE: &str = "civicdesk_session";

/// The session token in a request's cookies.
pub fn session_token(headers: &http::HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

fn cookie(headers: &http::HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.to_owned())
}

/// The cookie holding the sign-in form's token, set by the sign-in page before any session.
pub const LOGIN_COOKIE: &str = "civicdesk_login";
/// The sign-in form's field that must repeat it.
pub const LOGIN_FIELD: &str = "login_token";

/// The sign-in token a request's cookie holds, if it has the shape this portal gives them.
pub fn login_token(headers: &http::HeaderMap) -> Option<String> {
    cookie(headers, LOGIN_COOKIE).filter(|t| {
        (16..=64).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
}

/// The token for the sign-in form being rendered: the browser's own if it has one, otherwise a
/// new random one, sent as a cookie with this response. A post must carry both.
pub fn login_form_token() -> String {
    let parts = use_context::<http::request::Parts>();
    if let Some(token) = parts.as_ref().and_then(|p| login_token(&p.headers)) {
        return token;
    }
    // The server gives the page's own request one; this is for the page rendered in the browser.
    let token = leptos::nonce::Nonce::new().to_string();
    let secure = use_context::<PublicUrl>().is_some_and(|u| u.0.starts_with("https://"));
    if let (Some(response), Ok(value)) =
        (use_context::<leptos_axum::ResponseOptions>(), login_cookie(&token, secure).parse())
    {
        response.append_header(http::header::SET_COOKIE, value);
    }
    token
}

/// The `Set-Cookie` value that gives a browser its sign-in token.
pub fn login_cookie(token: &str, secure: bool) -> String {
    format!(
        "{LOGIN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=86400{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The working-day calendar in force, as the running server keeps it.
#[derive(Clone)]
pub struct CalendarSource(pub Arc<dyn Fn() -> Arc<civicdesk_domain::calendar::Calendar> + Send + Sync>);

/// The calendar in force.
pub fn calendar() -> Result<Arc<civicdesk_domain::calendar::Calendar>, ServerFnError> {
    use_context::<CalendarSource>()
        .map(|source| (source.0)())
        .ok_or_else(|| ServerFnError::new("the calendar is not available"))
}

/// Today in Vietnam (UTC+7).
pub fn today() -> chrono::NaiveDate {
    civicdesk_domain::calendar::local_day(chrono::Utc::now())
}

/// Marks the page being rendered as private: never kept by a cache or shared.
pub fn private_page() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store, private"));
    }
}

/// How long a staff session may go unused before it ends.
#[derive(Clone, Copy, Debug)]
pub struct IdleLimit(pub chrono::Duration);

impl IdleLimit {
    /// Sessions last used before this have ended.
    pub fn since(self, now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
        now - self.0
    }
}

/// The official signed in on this request, if any. Staff pages are never cached.
pub async fn signed_in() -> Result<Option<civicdesk_domain::handling::Session>, ServerFnError> {
    private_page();
    let Some(parts) = use_context::<http::request::Parts>() else { return Ok(None) };
    let Some(hash) = session_token(&parts.headers).and_then(|t| civicdesk_domain::cases::token_hash(&t)) else {
        return Ok(None);
    };
    let now = chrono::Utc::now();
    let idle = use_context::<IdleLimit>().ok_or_else(|| ServerFnError::new("the idle limit is not set"))?;
    store()?.session(&hash, now, idle.since(now)).await.map_err(storage_failed)
}

/// The signed-in official, or a redirect to the sign-in page (which comes back here after).
pub async fn official() -> Result<civicdesk_domain::handling::Session, ServerFnError> {
    match signed_in().await? {
        Some(session) => Ok(session),
        None => {
            let path = use_context::<http::request::Parts>().map(|p| p.uri.path().to_owned()).unwrap_or_default();
            let prefix = if path.starts_with("/en/") { "/en" } else { "" };
            leptos_axum::redirect(&format!("{prefix}/can-bo/dang-nhap"));
            // A page (not a server function called from the browser) answers with the redirect
            // itself, whatever the client accepts.
            if !path.starts_with("/api/") {
                set_status(303);
            }
            Err(ServerFnError::new("not signed in"))
        }
    }
}

/// Why a deadline could not be worked out.
#[derive(Debug)]
pub enum DeadlineError {
    NoSuchAgency,
    Store(civicdesk_domain::store::StoreError),
}

impl std::fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeadlineError::NoSuchAgency => f.write_str("no such agency"),
            DeadlineError::Store(error) => error.fmt(f),
        }
    }
}

/// The day counting starts from and the due day, for something received at `received` (local
/// time) by `agency` (its own cut-off time; 17:00 when none is named).
pub async fn deadline_for(
    store: &dyn Store,
    calendar: &civicdesk_domain::calendar::Calendar,
    received: chrono::NaiveDateTime,
    term: civicdesk_domain::calendar::Term,
    agency: Option<&str>,
) -> Result<(chrono::NaiveDate, chrono::NaiveDate), DeadlineError> {
    use civicdesk_domain::calendar::default_cutoff;
    let cutoff = match agency {
        None => default_cutoff(),
        Some(agency) => match store.agency(agency).await.map_err(DeadlineError::Store)? {
            Some(agency) => {
                chrono::NaiveTime::parse_from_str(agency.cutoff.trim(), "%H:%M").unwrap_or_else(|_| default_cutoff())
            }
            None => return Err(DeadlineError::NoSuchAgency),
        },
    };
    let effective = calendar.received_on(received, cutoff);
    Ok((effective, calendar.due(effective, term)))
}

/// Every agency as a link: the choices of the forms that name one.
pub async fn agency_links(store: &dyn Store) -> Result<Vec<civicdesk_domain::catalogue::AgencyLink>, ServerFnError> {
    Ok(store
        .agencies()
        .await
        .map_err(storage_failed)?
        .into_iter()
        .map(|a| civicdesk_domain::catalogue::AgencyLink {
            code: a.agency.code,
            slug: a.agency.slug,
            name: a.agency.name,
        })
        .collect())
}

/// Every field (lĩnh vực) as (code, name): the choices of the filters that name one.
pub async fn field_choices(store: &dyn Store) -> Result<Vec<(String, String)>, ServerFnError> {
    Ok(store.fields().await.map_err(storage_failed)?.into_iter().map(|f| (f.field.code, f.field.name)).collect())
}
