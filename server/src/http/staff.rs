//! The officials' forms as browsers post them: signing in and out, and every action on a case.
//! Each answers with a redirect (post, redirect, get). Every post has passed the same-site check
//! ([`super::security`]); actions also need a session and its CSRF token, signing in the token
//! of the sign-in page's own cookie. A case outside the official's scope is "not found",
//! whatever the action.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use civicdesk_app::pages::feedback::Posted;
use civicdesk_app::pages::staff::{ActionPosted, LoginPosted, PasswordPosted};
use civicdesk_domain::admin::{AdminChange, AuditAction, AuditEntry};
use civicdesk_domain::cases::CaseRecord;
use civicdesk_domain::feedback::Channel;
use civicdesk_domain::workflow::{Action, Refusal, Role, WorkflowError};

use super::feedback::{PostedParts, read_form, render};
use super::prefix;
use crate::auth::{self, LoginError, Signed};
use crate::feedback::SubmitError;
use crate::handling::ActError;
use crate::state::AppState;

fn secure(state: &AppState) -> bool {
    state.site.https()
}

fn redirect_with_cookie(to: &str, cookie: String) -> Response {
    let mut response = Redirect::to(to).into_response();
    if let Ok(value) = cookie.parse() {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Gives a browser opening the sign-in page without a sign-in token one: as a cookie on the
/// answer, and as if it had sent it, so the page rendered now puts the same token in its form.
/// (Set here rather than by the page through Leptos' response options, which were seen to come
/// back empty now and then under concurrent load: the official would then be refused once.)
pub async fn login_cookie(
    State(site): State<super::security::Site>,
    mut request: Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path();
    let is_login_page =
        request.method() == axum::http::Method::GET && matches!(path, "/can-bo/dang-nhap" | "/en/can-bo/dang-nhap");
    if !is_login_page || auth::login_token(request.headers()).is_some() {
        return next.run(request).await;
    }
    let token = auth::new_token();
    let cookie = civicdesk_app::server::login_cookie(&token, site.https());
    let sent = format!("{}={token}", auth::LOGIN_COOKIE);
    if let Ok(value) = HeaderValue::from_str(&sent) {
        request.headers_mut().append(header::COOKIE, value);
    }
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Whether a staff form carries its session's CSRF token.
pub(super) fn genuine(parts: &PostedParts, signed: &Signed) -> bool {
    auth::tokens_match(&parts.get("csrf"), &signed.session.csrf)
}

/// `POST /can-bo/dang-nhap`
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = prefix(&uri);
    let parts = read_form(request).await;
    // The sign-in form's token must match the cookie its page set: another site cannot sign a
    // browser in to an account of its choosing.
    let expected = auth::login_token(&headers);
    if !expected.as_deref().is_some_and(|expected| auth::tokens_match(&parts.get(auth::LOGIN_FIELD), expected)) {
        return Redirect::to(&format!("{lang}/can-bo/dang-nhap?loi=het-han")).into_response();
    }
    let page = format!("{lang}/can-bo/dang-nhap");
    match auth::login(state.store.as_ref(), &parts.get("email"), &parts.get("password"), peer.ip(), Utc::now()).await {
        Ok(session) => redirect_with_cookie(&format!("{lang}/can-bo"), auth::session_cookie(&session, secure(&state))),
        Err(LoginError::Wrong) => {
            let posted = LoginPosted { email: parts.get("email"), problem: "sai".into() };
            render(&state, page, Some(&headers), posted, StatusCode::UNAUTHORIZED).await
        }
        Err(LoginError::Throttled) => {
            let posted = LoginPosted { email: parts.get("email"), problem: "tam-khoa".into() };
            let mut response = render(&state, page, Some(&headers), posted, StatusCode::TOO_MANY_REQUESTS).await;
            response.headers_mut().insert(header::RETRY_AFTER, axum::http::HeaderValue::from_static("900"));
            response
        }
        Err(LoginError::Store(error)) => {
            tracing::error!(%error, "signing in failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `POST /can-bo/dang-xuat`: ends this session, or with `everywhere` every session of the account.
pub async fn logout(
    State(state): State<AppState>,
    signed: Signed,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    uri: Uri,
    request: Request,
) -> Response {
    let parts = read_form(request).await;
    if !genuine(&parts, &signed) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let ended = if parts.checked("everywhere") {
        let official = &signed.session.official;
        let entry = AuditEntry::new(AuditAction::SignOutEverywhere, Some(official), &official.email)
            .from_address(peer.ip().to_string());
        state.store.apply_admin(&AdminChange::EndSessions(official.id), &entry).await.map(|_| ())
    } else {
        state.store.end_session(&signed.token_hash).await
    };
    if let Err(error) = ended {
        tracing::error!(%error, "ending a session failed");
    }
    redirect_with_cookie(&format!("{}/can-bo/dang-nhap", prefix(&uri)), auth::clear_cookie(secure(&state)))
}

/// `POST /can-bo/mat-khau`: the official's own password, the current one given. Refusals show
/// the page again with why, never the passwords typed.
pub async fn change_password(
    State(state): State<AppState>,
    signed: Signed,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let page = format!("{}/can-bo/mat-khau", prefix(&uri));
    let parts = read_form(request).await;
    if !genuine(&parts, &signed) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let official = &signed.session.official;
    let (new, again) = (parts.get("new"), parts.get("again"));
    let current_ok = match state.store.official_by_email(&official.email).await {
        Ok(Some((_, hash))) => {
            let current = parts.get("current");
            tokio::task::spawn_blocking(move || auth::verify_password(&current, &hash)).await.unwrap_or(false)
        }
        Ok(None) => false,
        Err(error) => {
            tracing::error!(%error, "reading an account failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let problem = if current_ok { auth::new_password_problem(&new, &again) } else { Some("sai") };
    if let Some(problem) = problem {
        let posted = PasswordPosted { problem: problem.to_owned() };
        return render(&state, page, Some(&headers), posted, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let stored = auth::hash_password(&new).map_err(|error| tracing::error!(%error, "hashing a password failed"));
    match stored {
        Ok(hash) => match state.store.set_password(official.id, &hash, &signed.token_hash).await {
            Ok(()) => {
                let entry = AuditEntry::new(AuditAction::PasswordChanged, Some(official), &official.email);
                if let Err(error) = state.store.record_audit(&entry).await {
                    tracing::error!(%error, "recording a password change failed");
                }
                Redirect::to(&format!("{page}?xong=1")).into_response()
            }
            Err(error) => {
                tracing::error!(%error, "storing a password failed");
                StatusCode::SERVICE_UNAVAILABLE.into_response()
            }
        },
        Err(()) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// `POST /can-bo/dat-mat-khau/{token}`: sets the password through a one-time link, then sends the
/// official to sign in. A link used, expired or unknown shows its page again, which says so.
pub async fn set_password_by_link(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = prefix(&uri);
    let page = format!("{lang}/can-bo/dat-mat-khau/{token}");
    let parts = read_form(request).await;
    let Some(hash) = civicdesk_domain::cases::token_hash(&token) else {
        return render(&state, page, Some(&headers), (), StatusCode::NOT_FOUND).await;
    };
    let (new, again) = (parts.get("new"), parts.get("again"));
    if let Some(problem) = auth::new_password_problem(&new, &again) {
        let posted = PasswordPosted { problem: problem.to_owned() };
        return render(&state, page, Some(&headers), posted, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let Ok(Ok(password_hash)) = tokio::task::spawn_blocking(move || auth::hash_password(&new)).await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let entry = AuditEntry::new(AuditAction::PasswordSet, None, "").from_address(peer.ip().to_string());
    match state.store.use_password_link(&hash, &password_hash, Utc::now(), &entry).await {
        Ok(Some(_)) => Redirect::to(&format!("{lang}/can-bo/dang-nhap?xong=mat-khau")).into_response(),
        Ok(None) => render(&state, page, Some(&headers), (), StatusCode::NOT_FOUND).await,
        Err(error) => {
            tracing::error!(%error, "setting a password by link failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The action a case form names, with its fields.
fn action_of(name: &str, parts: &PostedParts) -> Option<Action> {
    let text = |field: &str| parts.get(field).trim().to_owned();
    Some(match name {
        "accept" => Action::Accept,
        "refuse" => Action::Refuse {
            refusal: match parts.get("refusal").as_str() {
                "requirements" => Refusal::Requirements,
                "complaint" => Refusal::Complaint,
                "denunciation" => Refusal::Denunciation,
                "duplicate" => Refusal::Duplicate { of: text("duplicate_of") },
                _ => return None,
            },
            note: text("note"),
        },
        "transfer" => Action::Transfer { to: text("agency"), reason: text("reason"), public_note: text("public_note") },
        "assign" => Action::Assign { to: parts.get("assignee").trim().parse().ok()? },
        "claim" => Action::Claim,
        "request_information" => Action::RequestInformation { message: text("message") },
        "progress_update" => Action::ProgressUpdate { text: text("text") },
        "draft_answer" => Action::DraftAnswer { text: text("text") },
        "approve" => Action::Approve,
        "return" => Action::Return { reason: text("reason") },
        "publish" => Action::Publish,
        "close" => Action::Close,
        "note" => Action::Note { text: text("text") },
        "redact" => Action::Redact {
            title: text("title"),
            content: text("content"),
            transfer_notes: parts
                .fields
                .iter()
                .filter_map(|(name, value)| {
                    Some((name.strip_prefix("transfer_note_")?.parse().ok()?, value.trim().to_owned()))
                })
                .collect(),
        },
        "confirm_not_personal" => Action::ConfirmNotPersonal { text: text("text") },
        _ => return None,
    })
}

/// `POST /can-bo/phan-anh/{code}`: one action, named by the form's `action` field.
pub async fn act(
    State(state): State<AppState>,
    signed: Signed,
    Path(code): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let page = format!("{}/can-bo/phan-anh/{code}", prefix(&uri));
    let parts = read_form(request).await;
    if !genuine(&parts, &signed) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let Some(action) = action_of(&parts.get("action"), &parts) else {
        return Redirect::to(&format!("{page}?loi=hanh-dong")).into_response();
    };
    match state.handlings.act(&signed.session.official, &code, &action, Utc::now()).await {
        Ok(()) => Redirect::to(&format!("{page}?xong={}", action.as_str())).into_response(),
        Err(ActError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(ActError::Store(error)) => {
            tracing::error!(%error, "a case action failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
        Err(refused) => {
            // The page again, as it is now, with the form as it was filled and why.
            let (problem, status) = match refused {
                ActError::Rule(WorkflowError::NotPermitted) => ("khong-duoc-phep", StatusCode::FORBIDDEN),
                ActError::Rule(WorkflowError::WrongState) => ("trang-thai", StatusCode::CONFLICT),
                ActError::Rule(WorkflowError::TextRequired) => ("thieu-noi-dung", StatusCode::UNPROCESSABLE_ENTITY),
                ActError::Rule(WorkflowError::SameAgency) => ("cung-co-quan", StatusCode::UNPROCESSABLE_ENTITY),
                ActError::Conflict => ("da-thay-doi", StatusCode::CONFLICT),
                ActError::PersonalData(_) => ("du-lieu-ca-nhan", StatusCode::UNPROCESSABLE_ENTITY),
                _ => ("khong-ro", StatusCode::UNPROCESSABLE_ENTITY),
            };
            let fields = parts.fields.into_iter().filter(|(name, _)| name != "csrf").collect();
            let posted = ActionPosted { action: action.as_str().to_owned(), fields, problem: problem.to_owned() };
            render(&state, page, Some(&headers), posted, status).await
        }
    }
}

/// `POST /can-bo/ghi-nhan`: feedback an official records on a citizen's behalf, received by
/// phone or on paper. The same rules, routing and deadlines as the portal's own form; the
/// official lands on the submitter's follow-up page, to give them the code and the link.
pub async fn record(
    State(state): State<AppState>,
    signed: Signed,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = prefix(&uri);
    let parts = read_form(request).await;
    if !genuine(&parts, &signed) || !signed.session.official.handles_cases() {
        return StatusCode::FORBIDDEN.into_response();
    }
    let channel = if parts.get("channel") == "paper" { Channel::Paper } else { Channel::Phone };
    let form = parts.feedback_form();
    match super::feedback::submit_posted(&state, &form, parts, channel).await {
        Ok(done) => Redirect::to(&format!("{lang}/phan-anh/tra-cuu/{}?moi=1", done.token)).into_response(),
        Err(SubmitError::Invalid(errors)) => {
            let posted = Posted::OnBehalf { form: Box::new(form), errors, channel: channel.as_str().to_owned() };
            render(&state, format!("{lang}/can-bo/ghi-nhan"), Some(&headers), posted, StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
        Err(error) => {
            tracing::error!(%error, "recording a case failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `POST /can-bo/giao-viec`: the queue's bulk assignment of the cases ticked.
pub async fn assign_many(State(state): State<AppState>, signed: Signed, uri: Uri, request: Request) -> Response {
    let parts = read_form(request).await;
    if !genuine(&parts, &signed) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let queue = format!("{}/can-bo", prefix(&uri));
    // Back to the same view and filters, on this site only.
    let back = Some(parts.get("back")).filter(|b| b.starts_with(&queue)).unwrap_or(queue);
    let codes: Vec<String> = parts.fields.iter().filter(|(n, _)| n == "code").map(|(_, v)| v.clone()).collect();
    let Ok(to) = parts.get("assignee").trim().parse::<i64>() else {
        return Redirect::to(&back).into_response();
    };
    match state.handlings.assign_many(&signed.session.official, &codes, to, Utc::now()).await {
        Ok(done) => {
            let join = if back.contains('?') { '&' } else { '?' };
            Redirect::to(&format!("{back}{join}giao={done}")).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "assigning cases failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /can-bo/phan-anh/{code}/tep/{id}`: an attachment, for officials who may see the case.
pub async fn attachment(
    State(state): State<AppState>,
    signed: Signed,
    Path((code, id)): Path<(String, i64)>,
) -> Response {
    match scoped_case(&state, &signed, &code).await {
        Ok(case) => super::feedback::serve_attachment(&state, case.id, id, None).await,
        Err(refused) => refused,
    }
}

/// `POST /can-bo/phan-anh/{code}/tep/{id}`: publishes an attachment with the answer (`published`
/// = 1) or stops publishing it (0).
pub async fn publish_attachment(
    State(state): State<AppState>,
    signed: Signed,
    Path((code, id)): Path<(String, i64)>,
    uri: Uri,
    request: Request,
) -> Response {
    let parts = read_form(request).await;
    if !genuine(&parts, &signed) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let case = match scoped_case(&state, &signed, &code).await {
        Ok(case) => case,
        Err(refused) => return refused,
    };
    let official = &signed.session.official;
    let published = parts.get("published") == "1";
    match state.store.publish_attachment(case.id, id, published, &official.id.to_string(), Utc::now()).await {
        Ok(true) => Redirect::to(&format!("{}/can-bo/phan-anh/{code}?xong=attachment", prefix(&uri))).into_response(),
        Ok(false) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "publishing an attachment failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /can-bo/xuat.csv`: a lead's cases (the coordinating office's: all) with every
/// milestone's time, for their own reporting.
pub async fn export(
    State(state): State<AppState>,
    signed: Signed,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    let official = &signed.session.official;
    let agency = match official.role {
        Role::Lead => Some(official.agency.as_str()),
        Role::Coordinator => None,
        Role::Officer | Role::Admin => return StatusCode::FORBIDDEN.into_response(),
    };
    let entry = AuditEntry::new(AuditAction::Export, Some(official), format!("xuat.csv: {}", agency.unwrap_or("*")))
        .from_address(peer.ip().to_string());
    match state.store.record_audit(&entry).await.map(|_| ()) {
        Ok(()) => {}
        Err(error) => {
            tracing::error!(%error, "recording an export failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    match state.store.milestones(agency).await {
        Ok(cases) => {
            let today = crate::handling::local_day(Utc::now());
            let name = format!("attachment; filename=\"phan-anh-{}-{today}.csv\"", agency.unwrap_or("tat-ca"));
            let mut response = crate::export::milestones_csv(&cases).into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
            if let Ok(value) = HeaderValue::from_str(&name) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            response
        }
        Err(error) => {
            tracing::error!(%error, "exporting cases failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /api/v1/staff/cases/{code}`: the whole case for a signed-in official who may see it.
pub async fn case_json(State(state): State<AppState>, signed: Signed, Path(code): Path<String>) -> Response {
    match scoped_case(&state, &signed, &code).await {
        Ok(case) => axum::Json(case).into_response(),
        Err(refused) => refused,
    }
}

/// The case with `code` if the signed-in official may see it; otherwise "not found" (or 503 when
/// storage fails), the same answer for a case that does not exist.
async fn scoped_case(state: &AppState, signed: &Signed, code: &str) -> Result<CaseRecord, Response> {
    let official = &signed.session.official;
    match state.handlings.case_for(official, code).await {
        Ok(Some(case)) => {
            if let Some(entry) = civicdesk_domain::admin::personal_view(official, &case.handling.agency, code)
                && let Err(error) = state.store.record_audit(&entry).await
            {
                tracing::error!(%error, "recording a view of personal data failed");
                return Err(StatusCode::SERVICE_UNAVAILABLE.into_response());
            }
            Ok(case)
        }
        Ok(None) => Err(StatusCode::NOT_FOUND.into_response()),
        Err(error) => {
            tracing::error!(%error, "loading a case failed");
            Err(StatusCode::SERVICE_UNAVAILABLE.into_response())
        }
    }
}
