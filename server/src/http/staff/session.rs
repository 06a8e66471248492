//! Signing in and out, and passwords: one's own, and one set through a one-time link. Each
//! answers with a redirect; a refusal shows the page again with why, never the passwords typed.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use civicdesk_app::pages::staff::{LoginPosted, PasswordPosted};
use civicdesk_domain::admin::{AdminChange, AuditAction, AuditEntry};
use civicdesk_domain::cases::token_hash;
use civicdesk_domain::problems::{PasswordProblem, SignInProblem};

use super::StaffForm;
use crate::http::edge::{OrUnavailable, Refused, prefix};
use crate::http::forms::{read_form, render};
use crate::state::AppState;
use civicdesk_services::accounts::{self, LoginError};

fn redirect_with_cookie(to: &str, cookie: String) -> Response {
    let mut response = Redirect::to(to).into_response();
    if let Ok(value) = cookie.parse() {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// `POST /can-bo/dang-nhap`
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, Refused> {
    let lang = prefix(&uri);
    let parts = read_form(request).await;
    // The sign-in form's token must match the cookie its page set: another site cannot sign a
    // browser in to an account of its choosing.
    let expected = accounts::login_token(&headers);
    if !expected.as_deref().is_some_and(|expected| accounts::tokens_match(&parts.get(accounts::LOGIN_FIELD), expected))
    {
        return Ok(
            Redirect::to(&format!("{lang}/can-bo/dang-nhap?loi={}", SignInProblem::Expired.word())).into_response()
        );
    }
    let page = format!("{lang}/can-bo/dang-nhap");
    let email = parts.get("email");
    match accounts::login(state.services.store.as_ref(), &email, &parts.get("password"), peer.ip(), Utc::now()).await {
        Ok(session) => {
            Ok(redirect_with_cookie(&format!("{lang}/can-bo"), accounts::session_cookie(&session, state.site.https())))
        }
        Err(LoginError::Wrong) => {
            let posted = LoginPosted { email, problem: SignInProblem::Wrong };
            Ok(render(&state, page, Some(&headers), posted, StatusCode::UNAUTHORIZED).await)
        }
        Err(LoginError::Throttled) => {
            let posted = LoginPosted { email, problem: SignInProblem::Throttled };
            let mut response = render(&state, page, Some(&headers), posted, StatusCode::TOO_MANY_REQUESTS).await;
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("900"));
            Ok(response)
        }
        Err(LoginError::Store(error)) => Err(error).or_unavailable("signing in"),
    }
}

/// `POST /can-bo/dang-xuat`: ends this session, or with `everywhere` every session of the account.
pub async fn logout(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    uri: Uri,
    StaffForm { signed, parts, .. }: StaffForm,
) -> Response {
    let ended = if parts.checked("everywhere") {
        let official = &signed.session.official;
        let entry = AuditEntry::new(AuditAction::SignOutEverywhere, Some(official), &official.email)
            .from_address(peer.ip().to_string());
        state.services.store.apply_admin(&AdminChange::EndSessions(official.id), &entry).await.map(|_| ())
    } else {
        state.services.store.end_session(&signed.token_hash).await
    };
    // The cookie goes whatever storage says: this browser is signed out either way.
    let _ = ended.or_unavailable("ending a session");
    redirect_with_cookie(&format!("{}/can-bo/dang-nhap", prefix(&uri)), accounts::clear_cookie(state.site.https()))
}

/// `POST /can-bo/mat-khau`: the official's own password, the current one given.
pub async fn change_password(
    State(state): State<AppState>,
    uri: Uri,
    StaffForm { signed, parts, headers }: StaffForm,
) -> Result<Response, Refused> {
    let page = format!("{}/can-bo/mat-khau", prefix(&uri));
    let official = &signed.session.official;
    let (new, again) = (parts.get("new"), parts.get("again"));
    let current_ok =
        match state.services.store.official_by_email(&official.email).await.or_unavailable("reading an account")? {
            Some((_, hash)) => {
                let current = parts.get("current");
                tokio::task::spawn_blocking(move || accounts::verify_password(&current, &hash)).await.unwrap_or(false)
            }
            None => false,
        };
    let problem =
        if current_ok { accounts::new_password_problem(&new, &again) } else { Some(PasswordProblem::WrongCurrent) };
    if let Some(problem) = problem {
        let posted = PasswordPosted { problem };
        return Ok(render(&state, page, Some(&headers), posted, StatusCode::UNPROCESSABLE_ENTITY).await);
    }
    let hash = hashed(new).await?;
    state
        .services
        .store
        .set_password(official.id, &hash, &signed.token_hash)
        .await
        .or_unavailable("storing a password")?;
    let entry = AuditEntry::new(AuditAction::PasswordChanged, Some(official), &official.email);
    // The password is changed; a lost audit line is logged, not shown to the official.
    let _ = state.services.store.record_audit(&entry).await.or_unavailable("recording a password change");
    Ok(Redirect::to(&format!("{page}?xong=1")).into_response())
}

/// An argon2id hash of a new password, made off the request threads.
async fn hashed(password: String) -> Result<String, Refused> {
    match tokio::task::spawn_blocking(move || accounts::hash_password(&password)).await {
        Ok(hashed) => hashed.or_unavailable("hashing a password"),
        Err(stopped) => Err(stopped).or_unavailable("hashing a password"),
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
) -> Result<Response, Refused> {
    let lang = prefix(&uri);
    let page = format!("{lang}/can-bo/dat-mat-khau/{token}");
    let parts = read_form(request).await;
    let Some(link) = token_hash(&token) else {
        return Ok(render(&state, page, Some(&headers), (), StatusCode::NOT_FOUND).await);
    };
    let (new, again) = (parts.get("new"), parts.get("again"));
    if let Some(problem) = accounts::new_password_problem(&new, &again) {
        let posted = PasswordPosted { problem };
        return Ok(render(&state, page, Some(&headers), posted, StatusCode::UNPROCESSABLE_ENTITY).await);
    }
    let password_hash = hashed(new).await?;
    let entry = AuditEntry::new(AuditAction::PasswordSet, None, "").from_address(peer.ip().to_string());
    let used = state
        .services
        .store
        .use_password_link(&link, &password_hash, Utc::now(), &entry)
        .await
        .or_unavailable("setting a password by link")?;
    Ok(match used {
        Some(_) => Redirect::to(&format!("{lang}/can-bo/dang-nhap?xong=mat-khau")).into_response(),
        None => render(&state, page, Some(&headers), (), StatusCode::NOT_FOUND).await,
    })
}
