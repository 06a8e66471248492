//! The feedback forms as posted by browsers: sending, looking up by code, adding information,
//! withdrawing and rating. Success answers with a redirect (post, redirect, get); a problem
//! renders the same page again with what was sent and what is wrong.

use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use civicdesk_app::pages::feedback::Posted;
use civicdesk_domain::cases::CaseRecord;
use civicdesk_domain::feedback::{Channel, FeedbackForm};
use civicdesk_domain::rating::Rating;

use crate::http::edge::{OrUnavailable, Refused, prefix};
use crate::http::forms::{PostedParts, read_form, render};
use crate::state::AppState;
use civicdesk_services::casework::ReexamineError;
use civicdesk_services::intake::{SubmitError, Submitted};

/// A form posted from a case's private page: the page to return to, the case behind the link and
/// what was posted. A link that is not (or no longer) valid sends the browser back to its page,
/// which says so.
pub struct PrivateCaseForm {
    page: String,
    case: CaseRecord,
    parts: PostedParts,
}

impl FromRequest<AppState> for PrivateCaseForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut head, body) = request.into_parts();
        let Path(token) =
            Path::<String>::from_request_parts(&mut head, state).await.map_err(IntoResponse::into_response)?;
        let page = format!("{}/phan-anh/tra-cuu/{token}", prefix(&head.uri));
        let case = state
            .services
            .intake
            .by_token(&token)
            .await
            .or_unavailable("loading a case by its private link")
            .map_err(IntoResponse::into_response)?;
        let Some(case) = case else { return Err(Redirect::to(&page).into_response()) };
        let parts = read_form(Request::from_parts(head, body)).await;
        Ok(PrivateCaseForm { page, case, parts })
    }
}

/// `POST /phan-anh/gui`
pub async fn submit(State(state): State<AppState>, uri: Uri, request: Request) -> Result<Response, Refused> {
    let lang = prefix(&uri);
    let parts = read_form(request).await;
    let form = parts.feedback_form();
    let page = format!("{lang}/phan-anh/gui");
    if !parts.get("website").is_empty() {
        let posted = Posted::Feedback { form: Box::new(form), errors: Vec::new(), automated: true };
        return Ok(render(&state, page, None, posted, StatusCode::UNPROCESSABLE_ENTITY).await);
    }
    let done = match submit_posted(&state, &form, parts, Channel::Web).await {
        Err(SubmitError::Invalid(errors)) => {
            let posted = Posted::Feedback { form: Box::new(form), errors, automated: false };
            return Ok(render(&state, page, None, posted, StatusCode::UNPROCESSABLE_ENTITY).await);
        }
        stored => stored.or_unavailable("storing a submission")?,
    };
    Ok(Redirect::to(&format!("{lang}/phan-anh/tra-cuu/{}?moi=1", done.token)).into_response())
}

/// Submits a posted feedback form; a body that could not be read whole is reported with every
/// other problem of the form.
pub async fn submit_posted(
    state: &AppState,
    form: &FeedbackForm,
    parts: PostedParts,
    channel: Channel,
) -> Result<Submitted, SubmitError> {
    let reading = parts.reading_errors();
    if reading.is_empty() {
        return state.services.intake.submit(form, parts.files, channel, Utc::now()).await;
    }
    let mut errors = form.validate().err().unwrap_or_default();
    errors.extend(reading);
    Err(SubmitError::Invalid(errors))
}

/// `POST /phan-anh/tra-cuu`
pub async fn lookup(State(state): State<AppState>, uri: Uri, request: Request) -> Result<Response, Refused> {
    let lang = prefix(&uri);
    let parts = read_form(request).await;
    let (code, contact) = (parts.get("code"), parts.get("contact"));
    match state.services.intake.lookup(&code, &contact, Utc::now()).await.or_unavailable("a look-up")? {
        Some(token) => Ok(Redirect::to(&format!("{lang}/phan-anh/tra-cuu/{token}")).into_response()),
        None => {
            let posted = Posted::Lookup { code, contact };
            Ok(render(&state, format!("{lang}/phan-anh/tra-cuu"), None, posted, StatusCode::NOT_FOUND).await)
        }
    }
}

/// `POST /phan-anh/tra-cuu/{token}/bo-sung`
pub async fn add_information(
    State(state): State<AppState>,
    PrivateCaseForm { page, case, parts }: PrivateCaseForm,
) -> Result<Response, Refused> {
    let text = parts.get("content");
    let reading = parts.reading_errors();
    let outcome = if reading.is_empty() {
        state.services.intake.add_information(&case, &text, parts.files, Utc::now()).await
    } else {
        Err(SubmitError::Invalid(reading))
    };
    match outcome {
        Ok(true) => {
            // An answer to a request for information starts the clock again.
            if let Err(error) = state.services.casework.resume(&case, Utc::now()).await {
                tracing::error!(%error, code = %case.code, "resuming a case after new information failed");
            }
            Ok(Redirect::to(&format!("{page}?bo-sung=1")).into_response())
        }
        Ok(false) => Ok(Redirect::to(&page).into_response()),
        Err(SubmitError::Invalid(errors)) => {
            let posted = Posted::Information { text, errors };
            Ok(render(&state, page, None, posted, StatusCode::UNPROCESSABLE_ENTITY).await)
        }
        Err(error) => Err(error).or_unavailable("adding information"),
    }
}

/// `POST /phan-anh/tra-cuu/{token}/rut`
pub async fn withdraw(
    State(state): State<AppState>,
    PrivateCaseForm { page, case, parts }: PrivateCaseForm,
) -> Result<Response, Refused> {
    let withdrawn =
        state.services.intake.withdraw(&case, &parts.get("reason"), Utc::now()).await.or_unavailable("withdrawing")?;
    Ok(Redirect::to(&if withdrawn { format!("{page}?rut=1") } else { page }).into_response())
}

/// `POST /phan-anh/tra-cuu/{token}/danh-gia`: the submitter rates the published answer.
pub async fn rate(
    State(state): State<AppState>,
    PrivateCaseForm { page, case, parts }: PrivateCaseForm,
) -> Result<Response, Refused> {
    let satisfied = match parts.get("satisfied").as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let reason = parts.get("reason");
    match Rating::from_form(satisfied, &reason) {
        Ok(rating) => {
            let rated =
                state.services.casework.rate(&case, &rating, Utc::now()).await.or_unavailable("recording a rating")?;
            Ok(Redirect::to(&if rated { format!("{page}?danh-gia=1") } else { page }).into_response())
        }
        Err(errors) => {
            let posted = Posted::Rating { satisfied, reason, errors };
            Ok(render(&state, page, None, posted, StatusCode::UNPROCESSABLE_ENTITY).await)
        }
    }
}

/// `POST /phan-anh/tra-cuu/{token}/xem-xet-lai`: the dissatisfied submitter asks for the answer
/// to be examined again. A case that cannot be (any more) goes back to its page, which says why.
pub async fn reexamine(
    State(state): State<AppState>,
    PrivateCaseForm { page, case, parts }: PrivateCaseForm,
) -> Result<Response, Refused> {
    let reason = parts.get("reason");
    match state.services.casework.reexamine(&case, &reason, Utc::now()).await {
        Ok(_) => Ok(Redirect::to(&format!("{page}?xem-xet-lai=1")).into_response()),
        Err(ReexamineError::Invalid(errors)) => {
            let posted = Posted::Reexamination { reason, errors };
            Ok(render(&state, page, None, posted, StatusCode::UNPROCESSABLE_ENTITY).await)
        }
        Err(ReexamineError::Not(_)) => Ok(Redirect::to(&page).into_response()),
        Err(ReexamineError::Store(error)) => Err(error).or_unavailable("asking for re-examination"),
    }
}

/// `POST /phan-anh/tra-cuu/{token}/thong-tin`: before publication, the submitter corrects their
/// contact details or withdraws the permission to show their name.
pub async fn correct_details(
    State(state): State<AppState>,
    PrivateCaseForm { page, case, parts }: PrivateCaseForm,
) -> Result<Response, Refused> {
    let (address, phone, email) = (parts.get("address"), parts.get("phone"), parts.get("email"));
    let hide_name = civicdesk_domain::feedback::is_ticked(&parts.get("hide_name"));
    match state.services.intake.correct_details(&case, (&address, &phone, &email), hide_name, Utc::now()).await {
        Ok(true) => Ok(Redirect::to(&format!("{page}?thong-tin=1")).into_response()),
        Ok(false) => Ok(Redirect::to(&page).into_response()),
        Err(SubmitError::Invalid(errors)) => {
            let posted = Posted::Details { address, phone, email, hide_name, errors };
            Ok(render(&state, page, None, posted, StatusCode::UNPROCESSABLE_ENTITY).await)
        }
        Err(error) => Err(error).or_unavailable("correcting contact details"),
    }
}
