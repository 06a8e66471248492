//! Reading a posted form (multipart or URL-encoded, never failing: what could be read is kept)
//! and rendering a page again with what was posted, as the GET of the same address would.

use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use civicdesk_app::shell;
use civicdesk_domain::feedback::{FeedbackForm, Field, FieldError, Problem, is_ticked, limits};
use leptos::prelude::provide_context;

use crate::state::AppState;
use civicdesk_services::intake::Upload;

/// Renders the page at `path` as a GET would, with `posted` (what a form sent back) in its
/// context. The request's cookies go with it, so a staff page knows who is signed in.
pub async fn render<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    path: String,
    headers: Option<&axum::http::HeaderMap>,
    posted: T,
    status: StatusCode,
) -> Response {
    let context = state.page_context();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            context();
            provide_context(posted.clone());
        },
        move || shell(options.clone()),
    );
    let (mut parts, ()) = match Request::builder().method(Method::GET).uri(&path).body(()) {
        Ok(request) => request.into_parts(),
        Err(_) => return StatusCode::BAD_REQUEST.into_response(),
    };
    if let Some(cookie) = headers.and_then(|h| h.get(header::COOKIE)) {
        parts.headers.insert(header::COOKIE, cookie.clone());
    }
    let mut response = crate::ssr::render(&path, || handler(Request::from_parts(parts.clone(), Body::empty()))).await;
    if response.status() != StatusCode::SERVICE_UNAVAILABLE {
        *response.status_mut() = status;
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A form as read from a request: text fields and files, or why it could not be read whole.
#[derive(Default)]
pub struct PostedParts {
    pub fields: Vec<(String, String)>,
    pub files: Vec<Upload>,
    /// Files that were larger than allowed (their names), dropped while reading.
    pub oversize: Vec<String>,
    /// The body ended early or was larger than the limit.
    pub truncated: bool,
}

impl PostedParts {
    /// The first value posted under `name`, if any.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The value posted under `name`, empty when there is none.
    pub fn get(&self, name: &str) -> String {
        self.value(name).unwrap_or_default().to_owned()
    }

    pub fn checked(&self, name: &str) -> bool {
        self.value(name).is_some_and(is_ticked)
    }

    /// The feedback form's fields.
    pub fn feedback_form(&self) -> FeedbackForm {
        FeedbackForm::from_fields(|name| self.value(name).map(str::to_owned))
    }

    /// Problems found while reading the body, as field errors.
    pub fn reading_errors(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = self
            .oversize
            .iter()
            .map(|file| FieldError {
                field: Field::Attachments,
                problem: Problem::FileTooLarge { file: file.clone(), max_mb: limits::FILE_MB },
            })
            .collect();
        if self.truncated {
            errors.push(FieldError {
                field: Field::Attachments,
                problem: Problem::BodyTooLarge { max_mb: (limits::BODY_BYTES / 1024 / 1024) as u64 },
            });
        }
        errors
    }
}

/// Reads a multipart or URL-encoded form. Never fails: what could be read is kept (text fields
/// come before the files in a browser's form, so they survive an oversize body). U+0000 never
/// belongs in text and PostgreSQL can neither store nor compare it: it is read as U+FFFD, which
/// validation refuses like any byte that is not text.
pub async fn read_form(request: Request) -> PostedParts {
    let mut parts = read_form_raw(request).await;
    for (_, value) in &mut parts.fields {
        if value.contains('\0') {
            *value = value.replace('\0', "\u{FFFD}");
        }
    }
    parts
}

async fn read_form_raw(request: Request) -> PostedParts {
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let mut parts = PostedParts::default();
    if !is_multipart {
        match axum::body::to_bytes(request.into_body(), 1024 * 1024).await {
            Ok(bytes) => {
                parts.fields = form_urlencoded(&bytes);
            }
            Err(_) => parts.truncated = true,
        }
        return parts;
    }
    let Ok(mut multipart) = Multipart::from_request(request, &()).await else {
        parts.truncated = true;
        return parts;
    };
    let max_file = (limits::FILE_MB * 1024 * 1024) as usize;
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => {
                parts.truncated = true;
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let limit = if file_name.is_some() { max_file } else { 64 * 1024 };
        let mut bytes = Vec::new();
        let mut too_large = false;
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > limit {
                        too_large = true;
                    } else if !too_large {
                        bytes.extend_from_slice(&chunk);
                    }
                }
                Ok(None) => break,
                Err(_) => {
                    parts.truncated = true;
                    break;
                }
            }
        }
        match file_name {
            Some(file_name) if too_large => parts.oversize.push(file_name),
            Some(file_name) => {
                if !(file_name.is_empty() && bytes.is_empty()) {
                    parts.files.push(Upload { file_name, bytes });
                }
            }
            // A text field over 64 KB is cut; validation then reports it as too long.
            None => parts.fields.push((name, String::from_utf8_lossy(&bytes).into_owned())),
        }
        if parts.truncated {
            break;
        }
    }
    parts
}

fn form_urlencoded(bytes: &[u8]) -> Vec<(String, String)> {
    bytes
        .split(|b| *b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let mut it = pair.splitn(2, |b| *b == b'=');
            let decode = |s: &[u8]| {
                let plus: Vec<u8> = s.iter().map(|b| if *b == b'+' { b' ' } else { *b }).collect();
                percent_decode(&plus)
            };
            (decode(it.next().unwrap_or_default()), decode(it.next().unwrap_or_default()))
        })
        .collect()
}

fn percent_decode(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%'
            && let Some(byte) = s
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(s[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encoded_forms_decode_plus_percent_and_bad_bytes() {
        let fields = form_urlencoded(b"code=PAKN.20261122.0001&contact=%2B84+912&bad=%FF%zz");
        assert_eq!(fields[0], ("code".into(), "PAKN.20261122.0001".into()));
        assert_eq!(fields[1], ("contact".into(), "+84 912".into()));
        assert_eq!(fields[2].1, "\u{FFFD}%zz");
    }
}
