//! The officials' side: signing in and out and passwords ([`session`]), every action on a case
//! ([`cases`]), the export of milestones ([`export`]) and the administrators' set-up ([`admin`]).
//!
//! Every post has passed the same-site check ([`super::middleware::security`]) before it comes
//! here; a handler that takes a [`StaffForm`] also has a valid session and that session's CSRF
//! token, and one that takes [`Signed`] a valid session. A case outside the official's scope is
//! "not found", whatever the action.

pub mod admin;
pub mod cases;
pub mod export;
pub mod session;

use axum::extract::{FromRequest, FromRequestParts, OptionalFromRequestParts, Request};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use civicdesk_domain::accounts::Session;

use super::edge::{OrUnavailable, Refused, prefix};
use super::forms::{PostedParts, read_form};
use crate::state::AppState;
use civicdesk_services::accounts;

/// A signed-in official, as an extractor: a handler that takes one is for staff only. Requests
/// without a valid session are sent to the sign-in page.
pub struct Signed {
    pub session: Session,
    pub token_hash: String,
}

/// What a staff request without a session gets.
pub enum NotSigned {
    /// To the sign-in page, then back.
    Redirect(String),
    Unavailable,
}

impl IntoResponse for NotSigned {
    fn into_response(self) -> Response {
        match self {
            NotSigned::Redirect(to) => Redirect::to(&to).into_response(),
            NotSigned::Unavailable => Refused::Unavailable.into_response(),
        }
    }
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = NotSigned;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let found = state
            .services
            .accounts
            .session_of(&parts.headers)
            .await
            .or_unavailable("reading a session")
            .map_err(|_| NotSigned::Unavailable)?;
        match found {
            Some((session, token_hash)) => Ok(Signed { session, token_hash }),
            None => Err(NotSigned::Redirect(format!("{}/can-bo/dang-nhap", prefix(&parts.uri)))),
        }
    }
}

impl OptionalFromRequestParts<AppState> for Signed {
    type Rejection = NotSigned;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Self>, Self::Rejection> {
        match <Signed as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(signed) => Ok(Some(signed)),
            Err(NotSigned::Redirect(_)) => Ok(None),
            Err(other) => Err(other),
        }
    }
}

/// A form posted by a signed-in official, carrying that session's CSRF token: the session, the
/// fields and files, and the request's headers (so that a page rendered again with the form
/// knows who is signed in). A form without the token is refused (403) before its handler runs.
pub struct StaffForm {
    pub signed: Signed,
    pub parts: PostedParts,
    pub headers: HeaderMap,
}

impl FromRequest<AppState> for StaffForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut head, body) = request.into_parts();
        let signed = <Signed as FromRequestParts<AppState>>::from_request_parts(&mut head, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let headers = head.headers.clone();
        let parts = read_form(Request::from_parts(head, body)).await;
        if !accounts::tokens_match(&parts.get("csrf"), &signed.session.csrf) {
            return Err(Refused::Forbidden.into_response());
        }
        Ok(StaffForm { signed, parts, headers })
    }
}
