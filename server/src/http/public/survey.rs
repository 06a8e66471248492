//! `POST /khao-sat` (and `/en/…`): a satisfaction survey sent. Kept and answered with the thanks
//! page; or shown again with each problem beside its field and everything typed kept.

use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use civicdesk_app::pages::feedback::Posted;
use civicdesk_domain::survey::SurveyForm;
use civicdesk_services::survey::SurveyRefused;

use crate::http::edge::{OrUnavailable, Refused, prefix};
use crate::http::forms::{read_form, render};
use crate::state::AppState;

pub async fn submit(State(state): State<AppState>, uri: Uri, request: Request) -> Result<Response, Refused> {
    let lang = prefix(&uri);
    let parts = read_form(request).await;
    let form = SurveyForm::from_fields(|name| parts.value(name).map(str::to_owned));
    let page = format!("{lang}/khao-sat");
    if !parts.get("website").is_empty() {
        let posted = Posted::Survey { form: Box::new(form), errors: Vec::new(), automated: true };
        return Ok(render(&state, page, None, posted, StatusCode::UNPROCESSABLE_ENTITY).await);
    }
    match state.services.surveys.submit(&form, Utc::now()).await {
        Ok(()) => Ok(Redirect::to(&format!("{lang}/khao-sat?da-gui=1")).into_response()),
        Err(SurveyRefused::Invalid(errors)) => {
            let posted = Posted::Survey { form: Box::new(form), errors, automated: false };
            Ok(render(&state, page, None, posted, StatusCode::UNPROCESSABLE_ENTITY).await)
        }
        Err(stored) => Err(stored).or_unavailable("storing a survey"),
    }
}
