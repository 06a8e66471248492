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
