//! How a request that is not served is answered: a short page in both languages for a browser,
//! JSON in one shape ([`ApiErrors`]) for the API.

use axum::Json;
use axum::body::Body;
use axum::http::{HeaderValue, Response, StatusCode, header};
use axum::response::IntoResponse;
use civicdesk_texts::{Lang, fill};
use serde::Serialize;
use utoipa::ToSchema;

/// Every refusal of the API: what was wrong, field by field where a field was.
#[derive(Serialize, ToSchema)]
pub struct ApiErrors {
    pub errors: Vec<ApiFieldError>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiFieldError {
    /// The field or parameter at fault; `null` when the refusal concerns no one field.
    pub field: Option<String>,
    /// What is wrong, in the language the client asked for where it is a field's problem.
    pub message: String,
}

impl ApiErrors {
    /// A refusal that concerns no one field.
    pub fn message(message: &str) -> Self {
        ApiErrors { errors: vec![ApiFieldError { field: None, message: message.to_owned() }] }
    }
}

/// An API refusal with `status` that concerns no one field.
pub fn json_refusal(status: StatusCode, message: &str) -> axum::response::Response {
    (status, Json(ApiErrors::message(message))).into_response()
}

/// A short page in Vietnamese and English asking to come back in `wait` seconds: its title and
/// text (with `{seconds}`) for each language come from `texts`.
pub fn retry_page(
    status: StatusCode,
    wait: u64,
    texts: impl Fn(Lang) -> (&'static str, &'static str),
) -> Response<Body> {
    let mut response = page(status, texts, &[("seconds", &wait.to_string())]);
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
    response
}

/// A short page in both languages saying why a request was not served.
pub fn message_page(status: StatusCode, texts: impl Fn(Lang) -> (&'static str, &'static str)) -> Response<Body> {
    page(status, texts, &[])
}

fn page(
    status: StatusCode,
    texts: impl Fn(Lang) -> (&'static str, &'static str),
    values: &[(&str, &str)],
) -> Response<Body> {
    let section = |lang: Lang| {
        let (title, text) = texts(lang);
        format!("<section lang=\"{}\"><h1>{title}</h1><p>{}</p></section>", lang.code(), fill(text, values))
    };
    let body = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{}</title><link rel=\"stylesheet\" \
         href=\"/pkg/civicdesk.css\"></head><body><main class=\"container\">{}<hr>{}</main></body></html>",
        texts(Lang::Vi).0,
        section(Lang::Vi),
        section(Lang::En)
    );
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    response
}
