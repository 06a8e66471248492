//! `/api/v1` and `/healthz`: the directory, the calendar, cases and agencies' scorecards as JSON,
//! for other systems.
//! Every refusal is JSON too ([`ApiError`]), never a page, in one shape:
//! `{"errors": [{"field": name or null, "message": text}]}`, as the rate limits and the form's
//! checks answer.

pub mod calendar;
pub mod cases;
pub mod health;
pub mod procedures;
pub mod record;

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::edge::Refused;

/// Why an API call gets no answer, each with its status and a message for the client.
#[derive(Debug)]
pub enum ApiError {
    /// A parameter is missing or malformed: what it must be.
    BadRequest(&'static str),
    NotFound,
    /// Storage failed (already logged); nothing was saved.
    Unavailable,
}

impl From<Refused> for ApiError {
    fn from(refused: Refused) -> Self {
        match refused {
            Refused::NotFound | Refused::Forbidden => ApiError::NotFound,
            Refused::Unavailable => ApiError::Unavailable,
        }
    }
}

/// The body of a refusal that concerns no one field.
pub fn message(message: &str) -> Json<serde_json::Value> {
    Json(json!({ "errors": [{ "field": null, "message": message }] }))
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::BadRequest(text) => (StatusCode::BAD_REQUEST, message(text)).into_response(),
            ApiError::NotFound => (StatusCode::NOT_FOUND, message("not found")).into_response(),
            ApiError::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "30")],
                message("storage unavailable; nothing was saved, please retry"),
            )
                .into_response(),
        }
    }
}
