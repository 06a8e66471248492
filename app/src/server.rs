//! What pages rendered on the server reach, provided as context per request: the services of
//! `civicdesk-services` (the same the HTTP handlers call) and the request itself. Nothing here
//! decides a rule; it hands the services what the request holds and turns their failures into
//! what a page shows.

use std::sync::Arc;

use civicdesk_domain::store::{Store, StoreError};
use civicdesk_services::Services;
use civicdesk_services::accounts::{login_cookie, login_token};
use leptos::prelude::*;

/// The services of the running server.
pub fn services() -> Result<Arc<Services>, ServerFnError> {
    use_context::<Arc<Services>>().ok_or_else(|| ServerFnError::new("the services are not available"))
}

/// The storage of the running server.
pub fn store() -> Result<Arc<dyn Store>, ServerFnError> {
    Ok(services()?.store.clone())
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
    let case = services()?.intake.by_token(token).await.map_err(storage_failed)?;
    let base = use_context::<PublicUrl>().map(|u| u.0).unwrap_or_default();
    Ok(case.map(|case| (case, format!("{base}/phan-anh/tra-cuu/{token}"))))
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

/// The calendar in force.
pub fn calendar() -> Result<Arc<civicdesk_domain::calendar::Calendar>, ServerFnError> {
    Ok(services()?.calendars.current())
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

/// The official signed in on this request, if any. Staff pages are never cached.
pub async fn signed_in() -> Result<Option<civicdesk_domain::accounts::Session>, ServerFnError> {
    private_page();
    let Some(parts) = use_context::<http::request::Parts>() else { return Ok(None) };
    let found = services()?.accounts.session_of(&parts.headers).await.map_err(storage_failed)?;
    Ok(found.map(|(session, _)| session))
}

/// The signed-in official, or a redirect to the sign-in page (which comes back here after).
pub async fn official() -> Result<civicdesk_domain::accounts::Session, ServerFnError> {
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

/// Every agency as a link: the choices of the forms that name one.
pub async fn agency_links(store: &dyn Store) -> Result<Vec<civicdesk_domain::catalogue::AgencyLink>, ServerFnError> {
    civicdesk_services::directory::agency_links(store).await.map_err(storage_failed)
}

/// Every field (lĩnh vực) as (code, name): the choices of the filters that name one.
pub async fn field_choices(store: &dyn Store) -> Result<Vec<(String, String)>, ServerFnError> {
    civicdesk_services::directory::field_choices(store).await.map_err(storage_failed)
}
