//! `POST /api/v1/cases` and `GET /api/v1/cases/{code}`: the same rules as the form, in JSON.

use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use civicdesk_domain::cases::PublicCase;
use civicdesk_domain::feedback::{Channel, FeedbackForm, FieldError};
use civicdesk_texts::Lang;
use serde::Serialize;
use utoipa::ToSchema;

use super::{ApiError, ApiErrors, ApiFieldError, message};
use crate::http::edge::{OrUnavailable, accept_lang as lang};
use crate::http::forms::read_form;
use crate::state::AppState;
use civicdesk_services::intake::SubmitError;

fn errors_json(lang: Lang, errors: &[FieldError]) -> Response {
    let f = lang.feedback();
    let errors = errors
        .iter()
        .map(|e| ApiFieldError { field: Some(e.field.as_str().to_owned()), message: f.problem(&e.problem) })
        .collect();
    (StatusCode::UNPROCESSABLE_ENTITY, Json(ApiErrors { errors })).into_response()
}

/// A case filed.
#[derive(Serialize, ToSchema)]
pub struct CaseFiled {
    /// The case's code, `PAKN.YYYYMMDD.NNNN`: its public page is `/phan-anh/{code}`.
    pub code: String,
    /// The submitter's private link, to follow the case, add information or withdraw it. Give it
    /// to the submitter only: it is not shown again.
    pub follow_url: String,
}

/// Files feedback or a petition.
///
/// With the web form's rules: the same checks, routing to the responsible agency, legal deadline
/// and e-mails. The body is JSON with the form's field names, or `multipart/form-data` with the
/// same fields and the attached files under `files`. Messages are in English when
/// `Accept-Language` starts with `en`, Vietnamese otherwise.
#[utoipa::path(
    post,
    path = "/api/v1/cases",
    operation_id = "fileCase",
    tag = "feedback",
    request_body(content = FeedbackForm, content_type = "application/json"),
    responses(
        (status = CREATED, description = "Filed; `Location` is the case in this API", body = CaseFiled,
            headers(("Location" = String, description = "/api/v1/cases/{code}")),
            links(
                ("case" = (operation_id = "getCase", parameters(("code" = "$response.body#/code")),
                    description = "The case's public view")),
                ("staffCase" = (operation_id = "getStaffCase", parameters(("code" = "$response.body#/code")),
                    description = "The whole case, for an official of its agency")),
            )),
        (status = BAD_REQUEST, description = "The body is not a JSON object of the form's fields", body = ApiErrors),
        (status = PAYLOAD_TOO_LARGE, description = "The body is larger than allowed", body = ApiErrors),
        (status = UNPROCESSABLE_ENTITY, description = "Every problem found, field by field; nothing was saved", body = ApiErrors),
        (status = TOO_MANY_REQUESTS, description = "Too many submissions from this address; retry after `Retry-After` seconds", body = ApiErrors),
        (status = SERVICE_UNAVAILABLE, description = "The database did not answer; nothing was saved", body = ApiErrors),
    ),
)]
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
    let body = Json(CaseFiled { code: done.code.to_string(), follow_url });
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], body).into_response())
}

/// A case as the public sees it.
///
/// Its status, agency and deadline, its public timeline, and once the answer is published the
/// question and the answer. No contact details; the name only if the submitter allowed it.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{code}",
    operation_id = "getCase",
    tag = "feedback",
    params(("code" = String, Path, description = "The case's code, `PAKN.YYYYMMDD.NNNN`", min_length = 1)),
    responses(
        (status = OK, description = "The public view of the case", body = PublicCase),
        (status = NOT_FOUND, description = "No case has this code", body = ApiErrors),
        (status = TOO_MANY_REQUESTS, description = "Too many look-ups from this address; retry after `Retry-After` seconds", body = ApiErrors),
        (status = SERVICE_UNAVAILABLE, description = "The database did not answer", body = ApiErrors),
    ),
)]
pub async fn show(State(state): State<AppState>, Path(code): Path<String>) -> Result<Json<PublicCase>, ApiError> {
    let store = state.services.store.as_ref();
    let case = civicdesk_services::directory::public_case(store, &code).await.or_unavailable("loading a case")?;
    Ok(Json(case.ok_or(ApiError::NotFound)?))
}
