//! Following by e-mail: `POST /theo-doi` asks to follow a procedure; from a message's link,
//! `POST /theo-doi/{token}/xac-nhan` confirms and `POST /theo-doi/{token}/huy` stops — the page's
//! button, or a mail program's one-click POST (RFC 8058), which is why that one is taken from any
//! site. A refused address comes back beside its field, as typed.

use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use civicdesk_app::pages::feedback::Posted;
use civicdesk_app::pages::follow::PARAMS;
use civicdesk_services::follow::{Ended, FollowError};

use civicdesk_app::components::encode;
use civicdesk_domain::cases::token_hash;
use civicdesk_domain::follow::Frequency;

use crate::http::edge::{OrUnavailable, Refused, prefix};
use crate::http::forms::{read_form, render};
use crate::state::AppState;

pub async fn request(State(state): State<AppState>, uri: Uri, request: Request) -> Result<Response, Refused> {
    let lang = prefix(&uri);
    let parts = read_form(request).await;
    let email = parts.get("email");
    let (kind, param) = PARAMS.iter().find(|(_, name)| parts.value(name).is_some()).copied().unwrap_or(PARAMS[0]);
    let key = parts.get(param);
    let frequency = Frequency::parse(&parts.get("tan-suat")).unwrap_or_default();
    let page = format!("{lang}/theo-doi?{param}={}", encode(&key));
    match state.services.follows.request(kind, &key, frequency, &email, Utc::now()).await {
        // Sent, already following or too many lately: the same answer, so the form tells nobody
        // what an address follows.
        Ok(_) => Ok(Redirect::to(&format!("{page}&da-gui=1")).into_response()),
        Err(FollowError::Invalid(error)) => {
            let posted = Posted::Follow { email, frequency: frequency.as_str().to_owned(), errors: vec![error] };
            Ok(render(&state, page, None, posted, StatusCode::UNPROCESSABLE_ENTITY).await)
        }
        Err(FollowError::Unknown) => Err(Refused::NotFound),
        Err(FollowError::Store(error)) => Err(error).or_unavailable("asking to follow"),
    }
}

pub async fn confirm(State(state): State<AppState>, Path(token): Path<String>, uri: Uri) -> Result<Response, Refused> {
    let lang = prefix(&uri);
    shaped(&token)?;
    match state.services.follows.confirm(&token, Utc::now()).await.or_unavailable("confirming a following")? {
        true => Ok(Redirect::to(&format!("{lang}/theo-doi/{token}?xong=1")).into_response()),
        false => Err(Refused::NotFound),
    }
}

/// Changes how often a following of the link's address is told, from its page.
pub async fn set_frequency(
    State(state): State<AppState>,
    Path(token): Path<String>,
    uri: Uri,
    request: Request,
) -> Result<Response, Refused> {
    let lang = prefix(&uri);
    shaped(&token)?;
    let parts = read_form(request).await;
    let (Some(id), Some(frequency)) = (parts.get("id").trim().parse().ok(), Frequency::parse(&parts.get("tan-suat")))
    else {
        return Ok(Redirect::to(&format!("{lang}/theo-doi/{token}")).into_response());
    };
    match state.services.follows.set_frequency(&token, id, frequency).await.or_unavailable("changing a following")? {
        true => Ok(Redirect::to(&format!("{lang}/theo-doi/{token}?doi=1")).into_response()),
        false => Err(Refused::NotFound),
    }
}

/// Stops the following the link stands for, or (with `id`, from its page) another of the same
/// address. Answered with the page saying so, also when it had been stopped already.
pub async fn end(
    State(state): State<AppState>,
    Path(token): Path<String>,
    uri: Uri,
    request: Request,
) -> Result<Response, Refused> {
    let lang = prefix(&uri);
    shaped(&token)?;
    let parts = read_form(request).await;
    let id = parts.get("id").trim().parse::<i64>().ok();
    // Another of the address's followings: back to its page, which lists what is left.
    if state.services.follows.end(&token, id).await.or_unavailable("ending a following")? == Ended::Other {
        return Ok(Redirect::to(&format!("{lang}/theo-doi/{token}")).into_response());
    }
    Ok(render(&state, format!("{lang}/theo-doi/{token}"), None, Posted::Unfollowed, StatusCode::OK).await)
}

/// A link's token of the shape tokens have, or "not found" before anything is read.
fn shaped(token: &str) -> Result<(), Refused> {
    token_hash(token).map(|_| ()).ok_or(Refused::NotFound)
}
