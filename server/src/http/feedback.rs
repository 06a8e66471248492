//! The feedback forms as posted by browsers: sending, looking up by code, adding information,
//! withdrawing, and downloading one's own attachments. Success answers with a redirect (post,
//! redirect, get); a problem renders the same page again with what was sent and what is wrong.

use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use civicdesk_app::pages::feedback::Posted;
use civicdesk_app::shell;
use civicdesk_domain::cases::CaseRecord;
use civicdesk_domain::feedback::{Channel, FeedbackForm, Field, FieldError, Problem, limits};
use leptos::prelude::provide_context;

use super::prefix;
use crate::feedback::{SubmitError, Upload};
use crate::state::AppState;

/// The largest request a form with attachments may send: five files and the text around them.
pub const FORM_BODY_LIMIT: usize = (limits::FILES * limits::FILE_MB as usize + 2) * 1024 * 1024;

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
    pub fn get(&self, name: &str) -> String {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    pub fn checked(&self, name: &str) -> bool {
        matches!(self.get(name).as_str(), "on" | "true" | "1" | "yes")
    }

    /// The feedback form's fields.
    pub fn feedback_form(&self) -> FeedbackForm {
        FeedbackForm {
            submitter_kind: self.get("submitter_kind"),
            organisation: self.get("organisation"),
            name: self.get("name"),
            address: self.get("address"),
            phone: self.get("phone"),
            email: self.get("email"),
            category: self.get("category"),
            title: self.get("title"),
            content: self.get("content"),
            procedure: self.get("procedure"),
            agency: self.get("agency"),
            area: self.get("area"),
            show_name: self.checked("show_name"),
            consent: self.checked("consent"),
        }
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
                problem: Problem::BodyTooLarge { max_mb: (FORM_BODY_LIMIT / 1024 / 1024) as u64 },
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

/// The case behind a private link, or where to go instead: back to `page` (which says the link
/// is not valid) when there is none, 503 when storage fails.
async fn private_case(state: &AppState, token: &str, page: &str) -> Result<CaseRecord, Response> {
    match state.feedback.by_token(token).await {
        Ok(Some(case)) => Ok(case),
        Ok(None) => Err(Redirect::to(page).into_response()),
        Err(error) => {
            tracing::error!(%error, "loading a case failed");
            Err(unavailable())
        }
    }
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "30")],
        "Storage is unavailable; nothing was saved. Please try again shortly.",
    )
        .into_response()
}

/// `POST /phan-anh/gui`
pub async fn submit(State(state): State<AppState>, uri: Uri, request: Request) -> Response {
    let lang = prefix(&uri);
    let parts = read_form(request).await;
    let form = parts.feedback_form();
    let page = format!("{lang}/phan-anh/gui");
    if !parts.get("website").is_empty() {
        let posted = Posted::Feedback { form: Box::new(form), errors: Vec::new(), automated: true };
        return render(&state, page, None, posted, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match submit_posted(&state, &form, parts, Channel::Web).await {
        Ok(done) => Redirect::to(&format!("{lang}/phan-anh/tra-cuu/{}?moi=1", done.token)).into_response(),
        Err(SubmitError::Invalid(errors)) => {
            let posted = Posted::Feedback { form: Box::new(form), errors, automated: false };
            render(&state, page, None, posted, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(error) => {
            tracing::error!(%error, "a submission could not be stored");
            unavailable()
        }
    }
}

/// Submits a posted feedback form; a body that could not be read whole is reported with every
/// other problem of the form.
pub async fn submit_posted(
    state: &AppState,
    form: &FeedbackForm,
    parts: PostedParts,
    channel: Channel,
) -> Result<crate::feedback::Submitted, SubmitError> {
    let reading = parts.reading_errors();
    if reading.is_empty() {
        return state.feedback.submit(form, parts.files, channel, Utc::now()).await;
    }
    let mut errors = form.validate().err().unwrap_or_default();
    errors.extend(reading);
    Err(SubmitError::Invalid(errors))
}

struct LookupForm {
    code: String,
    contact: String,
}

/// `POST /phan-anh/tra-cuu`
pub async fn lookup(State(state): State<AppState>, uri: Uri, request: Request) -> Response {
    let lang = prefix(&uri);
    let parts = read_form(request).await;
    let form = LookupForm { code: parts.get("code"), contact: parts.get("contact") };
    match state.feedback.lookup(&form.code, &form.contact, Utc::now()).await {
        Ok(Some(token)) => Redirect::to(&format!("{lang}/phan-anh/tra-cuu/{token}")).into_response(),
        Ok(None) => {
            let posted = Posted::Lookup { code: form.code, contact: form.contact };
            render(&state, format!("{lang}/phan-anh/tra-cuu"), None, posted, StatusCode::NOT_FOUND).await
        }
        Err(error) => {
            tracing::error!(%error, "a look-up failed");
            unavailable()
        }
    }
}

/// `POST /phan-anh/tra-cuu/{token}/bo-sung`
pub async fn add_information(
    State(state): State<AppState>,
    Path(token): Path<String>,
    uri: Uri,
    request: Request,
) -> Response {
    let lang = prefix(&uri);
    let page = format!("{lang}/phan-anh/tra-cuu/{token}");
    let case = match private_case(&state, &token, &page).await {
        Ok(case) => case,
        Err(refused) => return refused,
    };
    let parts = read_form(request).await;
    let text = parts.get("content");
    let reading = parts.reading_errors();
    let outcome = if reading.is_empty() {
        state.feedback.add_information(&case, &text, parts.files, Utc::now()).await
    } else {
        Err(SubmitError::Invalid(reading))
    };
    match outcome {
        Ok(true) => {
            // An answer to a request for information starts the clock again.
            if let Err(error) = state.handlings.resume(&case, Utc::now()).await {
                tracing::error!(%error, code = %case.code, "resuming a case after new information failed");
            }
            Redirect::to(&format!("{page}?bo-sung=1")).into_response()
        }
        Ok(false) => Redirect::to(&page).into_response(),
        Err(SubmitError::Invalid(errors)) => {
            render(&state, page, None, Posted::Information { text, errors }, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(error) => {
            tracing::error!(%error, "adding information failed");
            unavailable()
        }
    }
}

/// `POST /phan-anh/tra-cuu/{token}/rut`
pub async fn withdraw(
    State(state): State<AppState>,
    Path(token): Path<String>,
    uri: Uri,
    request: Request,
) -> Response {
    let page = format!("{}/phan-anh/tra-cuu/{token}", prefix(&uri));
    let parts = read_form(request).await;
    let case = match private_case(&state, &token, &page).await {
        Ok(case) => case,
        Err(refused) => return refused,
    };
    match state.feedback.withdraw(&case, &parts.get("reason"), Utc::now()).await {
        Ok(true) => Redirect::to(&format!("{page}?rut=1")).into_response(),
        Ok(false) => Redirect::to(&page).into_response(),
        Err(error) => {
            tracing::error!(%error, "withdrawing failed");
            unavailable()
        }
    }
}

/// `POST /phan-anh/tra-cuu/{token}/danh-gia`: the submitter rates the published answer.
pub async fn rate(State(state): State<AppState>, Path(token): Path<String>, uri: Uri, request: Request) -> Response {
    let page = format!("{}/phan-anh/tra-cuu/{token}", prefix(&uri));
    let parts = read_form(request).await;
    let case = match private_case(&state, &token, &page).await {
        Ok(case) => case,
        Err(refused) => return refused,
    };
    let satisfied = match parts.get("satisfied").as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let reason = parts.get("reason");
    match civicdesk_domain::handling::Rating::from_form(satisfied, &reason) {
        Ok(rating) => match state.handlings.rate(&case, &rating, Utc::now()).await {
            Ok(true) => Redirect::to(&format!("{page}?danh-gia=1")).into_response(),
            Ok(false) => Redirect::to(&page).into_response(),
            Err(error) => {
                tracing::error!(%error, "recording a rating failed");
                unavailable()
            }
        },
        Err(errors) => {
            let posted = Posted::Rating { satisfied, reason, errors };
            render(&state, page, None, posted, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// `GET /phan-anh/tra-cuu/{token}/tep/{id}`: one of the submitter's own files.
pub async fn attachment(State(state): State<AppState>, Path((token, id)): Path<(String, i64)>) -> Response {
    match state.feedback.by_token(&token).await {
        Ok(Some(case)) => serve_attachment(&state, case.id, id, None).await,
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /phan-anh/{code}/tep/{id}`: an attachment the agency published with its answer.
pub async fn public_attachment(State(state): State<AppState>, Path((code, id)): Path<(String, i64)>) -> Response {
    let Some(code) = civicdesk_domain::feedback::CaseCode::parse(&code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(Some(case)) = state.store.case_by_code(&code).await else { return StatusCode::NOT_FOUND.into_response() };
    match case.public().attachments.into_iter().find(|a| a.id == id) {
        // Downloaded under its public, neutral name.
        Some(public) => serve_attachment(&state, case.id, id, Some(&public.file_name)).await,
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A case's attached file, as a download nobody caches, under `name` or the name it was sent
/// with.
pub async fn serve_attachment(state: &AppState, case_id: i64, id: i64, name: Option<&str>) -> Response {
    let not_found = || StatusCode::NOT_FOUND.into_response();
    let Ok(Some((info, key))) = state.store.attachment(case_id, id).await else { return not_found() };
    let Ok(bytes) = tokio::fs::read(state.feedback.attachment_path(&key)).await else { return not_found() };
    let name = name.unwrap_or(&info.file_name);
    let disposition = format!("attachment; filename*=UTF-8''{}", percent_encode(name));
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(info.kind.content_type()));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
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
