//! The open data sets, streamed a page of rows at a time (constant memory, however large the
//! data), each with an `ETag` and `Last-Modified` that change when its data does, and answering
//! `If-None-Match` / `If-Modified-Since` with 304:
//! - `/du-lieu-mo/thu-tuc.json`: the whole catalogue in the national export's shape, which
//!   `civicdesk import` reads back unchanged;
//! - `/du-lieu-mo/thu-tuc.csv`: the same, one row per procedure with the CSV importer's columns.

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use civicdesk_domain::Procedure;
use civicdesk_domain::import::{CSV_COLUMNS, to_csv_row, to_national};
use futures_util::stream;

use crate::export::{BOM, csv_rows};
use crate::http::edge::{CSV, OrUnavailable, Refused};
use crate::state::AppState;

/// Procedures read per page of a stream.
const PAGE: u32 = 200;

/// A page of the catalogue as the store reads it: each procedure with its id and yearly dossiers.
type Page = [(i64, Procedure, u32)];

/// What a data set's answer says of its version: a tag and when its data last changed.
struct Version {
    tag: String,
    modified: Option<DateTime<Utc>>,
}

impl Version {
    /// Whether the client already holds this version.
    fn held_by(&self, request: &HeaderMap) -> bool {
        let text = |name| request.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
        if let Some(tags) = text(header::IF_NONE_MATCH) {
            return tags.split(',').any(|t| t.trim().trim_start_matches("W/") == self.tag || t.trim() == "*");
        }
        match (text(header::IF_MODIFIED_SINCE).and_then(|t| DateTime::parse_from_rfc2822(t).ok()), self.modified) {
            (Some(since), Some(modified)) => modified.timestamp() <= since.timestamp(),
            _ => false,
        }
    }

    fn headers(&self, response: &mut Response) {
        let headers = response.headers_mut();
        if let Ok(tag) = HeaderValue::from_str(&self.tag) {
            headers.insert(header::ETAG, tag);
        }
        let http_date = self.modified.map(|m| m.format("%a, %d %b %Y %H:%M:%S GMT").to_string());
        if let Some(date) = http_date.and_then(|d| HeaderValue::from_str(&d).ok()) {
            headers.insert(header::LAST_MODIFIED, date);
        }
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
    }
}

/// The catalogue's version: its newest revision (read along the index of revisions by time)
/// and its highest id.
async fn catalogue_version(state: &AppState) -> Result<Version, Refused> {
    let store = &state.services.store;
    let newest = store.recent_changes(1).await.or_unavailable("reading the catalogue's version")?;
    let last_id = store.last_procedure_id().await.or_unavailable("reading the catalogue's version")?;
    let modified = newest.first().map(|c| c.revision.recorded_at);
    let micros = modified.map_or(0, |m| m.timestamp_micros());
    Ok(Version { tag: format!("\"thu-tuc-{micros:x}-{last_id:x}\""), modified })
}

/// The catalogue between `head` and `tail`, `write` turning each page of procedures into bytes
/// (`first` tells whether the page is the first).
fn catalogue_stream(state: AppState, head: Bytes, tail: &'static str, write: fn(&Page, bool) -> Vec<u8>) -> Body {
    enum Step {
        Head,
        After(i64, bool),
        Done,
    }
    let pages = stream::unfold(Step::Head, move |step| {
        let (state, head) = (state.clone(), head.clone());
        async move {
            let (after, first) = match step {
                Step::Head => return Some((Ok(head), Step::After(0, true))),
                Step::After(after, first) => (after, first),
                Step::Done => return None,
            };
            match state.services.store.procedures_after(after, PAGE).await {
                Ok(page) if page.is_empty() => Some((Ok(Bytes::from_static(tail.as_bytes())), Step::Done)),
                Ok(page) => {
                    let last = page.last().map_or(after, |(id, _, _)| *id);
                    Some((Ok(Bytes::from(write(&page, first))), Step::After(last, false)))
                }
                Err(error) => {
                    // The answer has begun: it can only be cut short, which the client sees.
                    tracing::error!(%error, "streaming the catalogue failed");
                    Some((Err(std::io::Error::other(error.to_string())), Step::Done))
                }
            }
        }
    });
    Body::from_stream(pages)
}

async fn data_set(
    state: AppState,
    request: HeaderMap,
    content_type: &'static str,
    file_name: &str,
    body: impl FnOnce(AppState) -> Body,
) -> Result<Response, Refused> {
    let version = catalogue_version(&state).await?;
    let mut response = if version.held_by(&request) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = body(state).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        response
    };
    version.headers(&mut response);
    Ok(response)
}

/// `GET /du-lieu-mo/thu-tuc.json`.
pub async fn catalogue_json(State(state): State<AppState>, request: HeaderMap) -> Result<Response, Refused> {
    data_set(state, request, "application/json", "thu-tuc.json", |state| {
        catalogue_stream(state, Bytes::from_static(b"["), "\n]\n", |page, first| {
            let mut out = Vec::new();
            for (i, (_, procedure, yearly)) in page.iter().enumerate() {
                out.extend_from_slice(if first && i == 0 { b"\n" } else { b",\n" });
                // A JSON value always writes.
                let _ = serde_json::to_writer(&mut out, &to_national(procedure, *yearly));
            }
            out
        })
    })
    .await
}

/// `GET /du-lieu-mo/thu-tuc.csv`.
pub async fn catalogue_csv(State(state): State<AppState>, request: HeaderMap) -> Result<Response, Refused> {
    data_set(state, request, CSV, "thu-tuc.csv", |state| {
        let mut head = BOM.as_bytes().to_vec();
        head.extend(csv_rows([CSV_COLUMNS.map(str::to_owned).to_vec()]));
        catalogue_stream(state, Bytes::from(head), "", |page, _| {
            csv_rows(page.iter().map(|(_, procedure, yearly)| to_csv_row(procedure, *yearly)))
        })
    })
    .await
}
