//! What every handler answers with when it cannot go on, a file to download ([`download_file`]), and
//! the language of a request's page.
//!
//! A handler returns `Result<Response, Refused>`: the refusal becomes its status here, once, and
//! a failure of storage or of another service is logged where it is turned into one
//! ([`OrUnavailable::or_unavailable`]), with what was being done.

use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use civicdesk_texts::Lang;

use crate::http::middleware::refusals::retry_page;

/// How long a visitor is asked to wait when storage failed.
const RETRY_SECONDS: u64 = 30;

/// Why a request gets no page.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The form did not carry its session's token, or the official's role does not allow this.
    Forbidden,
    /// Nothing here, or nothing this official may see: the same answer for both.
    NotFound,
    /// Storage (or the mail queue, or the disk) failed; nothing was saved. Already logged.
    Unavailable,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::Forbidden => StatusCode::FORBIDDEN.into_response(),
            Refused::NotFound => StatusCode::NOT_FOUND.into_response(),
            // The request's language is not known here: the page says it in both.
            Refused::Unavailable => retry_page(StatusCode::SERVICE_UNAVAILABLE, RETRY_SECONDS, |lang| {
                (lang.texts().unavailable_title, lang.texts().unavailable_text)
            }),
        }
    }
}

/// Turns a failure below the edge into [`Refused::Unavailable`], logging it with what was being
/// done ("storing a submission").
pub trait OrUnavailable<T> {
    fn or_unavailable(self, doing: &str) -> Result<T, Refused>;
}

impl<T, E: std::fmt::Display> OrUnavailable<T> for Result<T, E> {
    fn or_unavailable(self, doing: &str) -> Result<T, Refused> {
        self.map_err(|error| {
            tracing::error!(%error, "{doing} failed");
            Refused::Unavailable
        })
    }
}

/// The media type of CSV files, and of XLSX spreadsheets.
pub const CSV: &str = "text/csv; charset=utf-8";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file to download under `file_name` (plain ASCII, as every file the portal names is).
pub fn download_file(body: impl IntoResponse, content_type: &'static str, file_name: &str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The language prefix of a request's page: `/en` for English, none for Vietnamese.
pub fn prefix(uri: &Uri) -> &'static str {
    if uri.path().starts_with("/en/") { "/en" } else { "" }
}

/// The language a machine's call asks for: English when `Accept-Language` starts with it,
/// Vietnamese otherwise.
pub fn accept_lang(headers: &axum::http::HeaderMap) -> Lang {
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if accept.trim_start().to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Vi }
}

/// The language of a request's page, from its prefix.
pub fn lang_of(uri: &Uri) -> Lang {
    if prefix(uri) == "/en" { Lang::En } else { Lang::Vi }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn refusals_become_their_status_and_storage_failures_say_when_to_retry() {
        assert_eq!(Refused::Forbidden.into_response().status(), StatusCode::FORBIDDEN);
        assert_eq!(Refused::NotFound.into_response().status(), StatusCode::NOT_FOUND);
        let failed: Result<(), &str> = Err("disk full");
        let response = failed.or_unavailable("storing a submission").unwrap_err().into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "30");
        let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
        let page = String::from_utf8(body.to_vec()).unwrap();
        assert!(page.contains("chưa có gì được lưu") && page.contains("nothing was saved"), "{page}");
    }
}
