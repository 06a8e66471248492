//! Attached files as downloads: the submitter's own (through the private link), those an agency
//! published with its answer, and (for [`crate::http::staff`]) any of a case an official may see.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use civicdesk_domain::feedback::CaseCode;

use crate::http::edge::{OrUnavailable, Refused};
use crate::state::AppState;

/// `GET /phan-anh/tra-cuu/{token}/tep/{id}`: one of the submitter's own files.
pub async fn attachment(
    State(state): State<AppState>,
    Path((token, id)): Path<(String, i64)>,
) -> Result<Response, Refused> {
    let case = state.services.intake.by_token(&token).await.or_unavailable("loading a case by its private link")?;
    serve_attachment(&state, case.ok_or(Refused::NotFound)?.id, id, None).await
}

/// `GET /phan-anh/{code}/tep/{id}`: an attachment the agency published with its answer.
pub async fn public_attachment(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, i64)>,
) -> Result<Response, Refused> {
    let code = CaseCode::parse(&code).ok_or(Refused::NotFound)?;
    let case =
        state.services.store.case_by_code(&code).await.or_unavailable("loading a case")?.ok_or(Refused::NotFound)?;
    let public = case.public().attachments.into_iter().find(|a| a.id == id).ok_or(Refused::NotFound)?;
    // Downloaded under its public, neutral name.
    serve_attachment(&state, case.id, id, Some(&public.file_name)).await
}

/// A case's attached file, as a download nobody caches, under `name` or the name it was sent
/// with.
pub async fn serve_attachment(
    state: &AppState,
    case_id: i64,
    id: i64,
    name: Option<&str>,
) -> Result<Response, Refused> {
    let (info, key) = state
        .services
        .store
        .attachment(case_id, id)
        .await
        .or_unavailable("loading an attachment")?
        .ok_or(Refused::NotFound)?;
    let bytes = match tokio::fs::read(state.services.intake.attachment_path(&key)).await {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            tracing::warn!(case_id, id, "an attachment's file is missing from the data folder");
            return Err(Refused::NotFound);
        }
        read => read.or_unavailable("reading an attached file")?,
    };
    let name = name.unwrap_or(&info.file_name);
    let disposition = format!("attachment; filename*=UTF-8''{}", percent_encode(name));
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(info.kind.content_type()));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
