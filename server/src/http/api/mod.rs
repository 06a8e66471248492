//! `/api/v1` and `/healthz`: the directory, the calendar, cases and agencies' scorecards as JSON,
//! for other systems, described by an OpenAPI 3.1 document at `/api/v1/openapi.json` that is made
//! from these handlers and the types they answer with ([`routes`]), so it cannot drift from them.
//! Every refusal is JSON too ([`ApiError`]), never a page, in one shape ([`ApiErrors`]):
//! `{"errors": [{"field": name or null, "message": text}]}`, as the rate limits and the form's
//! checks answer.

pub mod calendar;
pub mod cases;
pub mod health;
pub mod procedures;
pub mod record;
pub mod staff;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use civicdesk_app::pages::open_data::{ApiOperation, ApiReference, OPENAPI_PATH};
use civicdesk_domain::feedback::limits::BODY_BYTES;
use serde::de::DeserializeOwned;
use utoipa::OpenApi;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

use super::edge::Refused;
use super::middleware::limits::{self, Guard};
pub use super::middleware::refusals::{ApiErrors, ApiFieldError};
use crate::state::AppState;

/// Why an API call gets no answer, each with its status and a message for the client.
#[derive(Debug)]
pub enum ApiError {
    /// A parameter is missing or malformed: what it must be.
    BadRequest(String),
    /// The call needs an official's session, and none came with it.
    Unauthorized,
    NotFound,
    /// Storage failed (already logged); nothing was saved.
    Unavailable,
}

impl ApiError {
    pub fn bad(text: &str) -> Self {
        ApiError::BadRequest(text.to_owned())
    }
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
pub fn message(message: &str) -> Json<ApiErrors> {
    Json(ApiErrors::message(message))
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::BadRequest(text) => (StatusCode::BAD_REQUEST, message(&text)).into_response(),
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Cookie realm=\"civicdesk\"")],
                message("sign in at /can-bo/dang-nhap first; this call answers an official's session"),
            )
                .into_response(),
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

/// The query string read into `T`, or a 400 in the API's shape naming what could not be read.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        serde_urlencoded::from_str(parts.uri.query().unwrap_or(""))
            .map(ApiQuery)
            .map_err(|e| ApiError::BadRequest(format!("the query string: {e}")))
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "civicdesk",
        description = "The directory of administrative procedures, the working-day calendar, \
            feedback and petitions (phản ánh, kiến nghị) and each agency's record, for other \
            systems. Refusals are JSON in one shape (`ApiErrors`). Dates are local to Vietnam \
            (UTC+7); instants are RFC 3339 in UTC.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    tags(
        (name = "directory", description = "The procedures (thủ tục hành chính), as the directory's pages show them."),
        (name = "calendar", description = "Public holidays and legal deadlines in working days."),
        (name = "feedback", description = "Filing feedback and reading the public view of a case."),
        (name = "record", description = "Each agency's performance."),
        (name = "staff", description = "For signed-in officials (the session cookie of /can-bo)."),
        (name = "health", description = "Whether the portal and its database answer."),
    ),
    components(schemas(ApiErrors)),
    modifiers(&SessionCookie),
)]
struct ApiDoc;

/// The officials' calls take the session cookie that signing in at `/can-bo/dang-nhap` sets.
struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
        let cookie = ApiKeyValue::with_description(
            civicdesk_services::accounts::SESSION_COOKIE,
            "The session of an official signed in at /can-bo/dang-nhap",
        );
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("session", SecurityScheme::ApiKey(ApiKey::Cookie(cookie)));
    }
}

/// The API's routes, each described on its handler, with the submission limit on filing and
/// the look-up limit on reading cases (both already answering in JSON), and the document that
/// describes them at [`OPENAPI_PATH`]; and its calls, for the open-data page.
pub fn routes(submit: Option<Guard>, lookup: Option<Guard>) -> (axum::Router<AppState>, ApiReference) {
    let limited = |(schemas, paths, method): UtoipaMethodRouter<AppState>, guard: Option<Guard>| {
        let method = match guard {
            Some(guard) => method.layer(from_fn_with_state(guard, limits::guard)),
            None => method,
        };
        (schemas, paths, method)
    };
    let (schemas, paths, filing) = routes!(cases::create);
    let filing = (schemas, paths, filing.layer(DefaultBodyLimit::max(BODY_BYTES)));
    let (router, document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::healthz))
        .routes(routes!(procedures::list_procedures))
        .routes(routes!(procedures::show_procedure))
        .routes(routes!(calendar::holidays))
        .routes(routes!(calendar::deadline))
        .routes(routes!(record::scorecard))
        .routes(limited(filing, submit))
        .routes(limited(routes!(cases::show), lookup))
        .routes(routes!(staff::case_json))
        .split_for_parts();
    let reference = reference(&document);
    let document = Bytes::from(document.to_json().expect("the API's document is JSON"));
    (router.route(OPENAPI_PATH, get(openapi).with_state(document)), reference)
}

/// Each call the document describes: its method, address and summary, and whether it takes a
/// session.
fn reference(document: &utoipa::openapi::OpenApi) -> ApiReference {
    let mut operations = Vec::new();
    for (path, item) in &document.paths.paths {
        let methods = [("GET", &item.get), ("POST", &item.post), ("PUT", &item.put), ("DELETE", &item.delete)];
        for (method, operation) in methods {
            let Some(operation) = operation else { continue };
            operations.push(ApiOperation {
                method: method.to_owned(),
                path: path.clone(),
                summary: operation.summary.clone().unwrap_or_default().replace('\n', " "),
                needs_session: operation.security.as_ref().is_some_and(|s| !s.is_empty()),
            });
        }
    }
    ApiReference(operations)
}

/// `GET /api/v1/openapi.json`: the API's description.
async fn openapi(State(document): State<Bytes>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], document).into_response()
}
