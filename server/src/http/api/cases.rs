//! `POST /api/v1/cases` and `GET /api/v1/cases/{code}`: the same rules as the form, in JSON.

use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use civicdesk_domain::feedback::{CaseCode, Channel, FeedbackForm, FieldError};
use civicdesk_texts::Lang;
use serde_json::json;

use super::{ApiError, message};
use crate::http::edge::OrUnavailable;
use crate::http::forms::read_form;
use crate::state::AppState;
use civicdesk_services::intake::SubmitError;

/// Messages in English when the client asks for it first, Vietnamese otherwise.
fn lang(headers: &HeaderMap) -> Lang {
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if accept.trim_start().to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Vi }
}

fn errors_json(lang: Lang, errors: &[FieldError]) -> Response {
    let f = lang.feedback();
    let errors: Vec<_> =
        errors.iter().map(|e| json!({ "field": e.field.as_str(), "message": f.problem(&e.problem) })).collect();
    (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "errors": errors }))).into_response()
}

/// Creates a case from JSON (the form's field names) or a multipart form with files.
pub async fn create(State(state): State<AppState>, request: Request) -> Result<Response, ApiError> {
    let lang = lang(request.headers());
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let (form, files, reading) = if is_json {
        let Ok(bytes) = axum::body::to_bytes(request.into_body(), 256 * 1024).await else {
            return Ok((StatusCode::PAYLOAD_TOO_LARGE, message("The body is larger than 256 KB.")).into_response());
        };
        match serde_json::from_slice::<FeedbackForm>(&bytes) {
            Ok(form) => (form, Vec::new(), Vec::new()),
            Err(e) => {
                let text = format!("The body is not a JSON object of the form's fields: {e}");
                return Ok((StatusCode::BAD_REQUEST, message(&text)).into_response());
            }
        }
    } else {
        let parts = read_form(request).await;
        (parts.feedback_form(), parts.files.clone(), parts.reading_errors())
    };
    let outcome = if reading.is_empty() {
        state.services.intake.submit(&form, files, Channel::Api, Utc::now()).await
    } else {
        let mut errors = form.validate().err().unwrap_or_default();
        errors.extend(reading);
        Err(SubmitError::Invalid(errors))
    };
    let done = match outcome {
        Err(SubmitError::Invalid(errors)) => return Ok(errors_json(lang, &errors)),
        stored => stored.or_unavailable("storing a submission")?,
    };
    let follow_url = state.services.composer.follow_url(&done.token);
    let location = format!("/api/v1/cases/{}", done.code);
    let body = Json(json!({ "code": done.code.as_str(), "follow_url": follow_url }));
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], body).into_response())
}

/// The public view of a case: no contact details, the name only if the submitter allowed it.
pub async fn show(State(state): State<AppState>, Path(code): Path<String>) -> Result<Response, ApiError> {
    let code = CaseCode::parse(&code).ok_or(ApiError::NotFound)?;
    let case =
        state.services.store.case_by_code(&code).await.or_unavailable("loading a case")?.ok_or(ApiError::NotFound)?;
    Ok(Json(case.public()).into_response())
}
