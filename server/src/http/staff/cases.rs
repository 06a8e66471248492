//! Every action on a case as an official's browser posts it: one action on one case, a case
//! recorded on a citizen's behalf, the queue's bulk assignment, publishing an attachment; and the
//! case and its files for an official who may see them.

use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use civicdesk_app::pages::feedback::Posted;
use civicdesk_app::pages::staff::ActionPosted;
use civicdesk_domain::cases::CaseRecord;
use civicdesk_domain::feedback::Channel;
use civicdesk_domain::problems::ActionProblem;
use civicdesk_domain::workflow::{Action, Refusal, WorkflowError};

use super::{Signed, StaffForm};
use crate::http::edge::{OrUnavailable, Refused, prefix};
use crate::http::forms::{PostedParts, render};
use crate::http::public::attachments::serve_attachment;
use crate::http::public::feedback::submit_posted;
use crate::state::AppState;
use civicdesk_services::casework::ActError;
use civicdesk_services::intake::SubmitError;

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
        "link" => Action::Link { lead: text("lead") },
        "unlink" => Action::Unlink,
        _ => return None,
    })
}

/// `POST /can-bo/phan-anh/{code}`: one action, named by the form's `action` field.
pub async fn act(
    State(state): State<AppState>,
    Path(code): Path<String>,
    uri: Uri,
    StaffForm { signed, parts, headers }: StaffForm,
) -> Result<Response, Refused> {
    let page = format!("{}/can-bo/phan-anh/{code}", prefix(&uri));
    let Some(action) = action_of(&parts.get("action"), &parts) else {
        return Ok(Redirect::to(&format!("{page}?loi={}", ActionProblem::UnknownAction.word())).into_response());
    };
    // Refused: the page again, as it is now, with the form as it was filled and why.
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let (problem, status) =
        match state.services.casework.act(&signed.session.official, &code, &action, Utc::now()).await {
            Ok(()) => return Ok(Redirect::to(&format!("{page}?xong={}", action.as_str())).into_response()),
            Err(ActError::NotFound) => return Err(Refused::NotFound),
            Err(ActError::Store(error)) => return Err(error).or_unavailable("a case action"),
            Err(ActError::Rule(WorkflowError::NotPermitted)) => (ActionProblem::NotPermitted, StatusCode::FORBIDDEN),
            Err(ActError::Rule(WorkflowError::WrongState)) => (ActionProblem::WrongState, StatusCode::CONFLICT),
            Err(ActError::Rule(WorkflowError::TextRequired)) => (ActionProblem::TextRequired, unprocessable),
            Err(ActError::Rule(WorkflowError::SameAgency)) => (ActionProblem::SameAgency, unprocessable),
            Err(ActError::Rule(WorkflowError::CannotLink)) => (ActionProblem::CannotLink, unprocessable),
            Err(ActError::Conflict) => (ActionProblem::Changed, StatusCode::CONFLICT),
            Err(ActError::PersonalData(_)) => (ActionProblem::PersonalData, unprocessable),
            Err(ActError::Unknown) => (ActionProblem::UnknownChoice, unprocessable),
        };
    let fields = parts.fields.into_iter().filter(|(name, _)| name != "csrf").collect();
    let posted = ActionPosted { action: action.as_str().to_owned(), fields, problem };
    Ok(render(&state, page, Some(&headers), posted, status).await)
}

/// `POST /can-bo/ghi-nhan`: feedback an official records on a citizen's behalf, received by
/// phone or on paper. The same rules, routing and deadlines as the portal's own form; the
/// official lands on the submitter's follow-up page, to give them the code and the link.
pub async fn record(
    State(state): State<AppState>,
    uri: Uri,
    StaffForm { signed, parts, headers }: StaffForm,
) -> Result<Response, Refused> {
    let lang = prefix(&uri);
    if !signed.session.official.handles_cases() {
        return Err(Refused::Forbidden);
    }
    let channel = if parts.get("channel") == "paper" { Channel::Paper } else { Channel::Phone };
    let form = parts.feedback_form();
    let done = match submit_posted(&state, &form, parts, channel).await {
        Err(SubmitError::Invalid(errors)) => {
            let posted = Posted::OnBehalf { form: Box::new(form), errors, channel: channel.as_str().to_owned() };
            let page = format!("{lang}/can-bo/ghi-nhan");
            return Ok(render(&state, page, Some(&headers), posted, StatusCode::UNPROCESSABLE_ENTITY).await);
        }
        stored => stored.or_unavailable("recording a case")?,
    };
    Ok(Redirect::to(&format!("{lang}/phan-anh/tra-cuu/{}?moi=1", done.token)).into_response())
}

/// `POST /can-bo/giao-viec`: the queue's bulk assignment of the cases ticked.
pub async fn assign_many(
    State(state): State<AppState>,
    uri: Uri,
    StaffForm { signed, parts, .. }: StaffForm,
) -> Result<Response, Refused> {
    let queue = format!("{}/can-bo", prefix(&uri));
    // Back to the same view and filters, on this site only.
    let back = Some(parts.get("back")).filter(|b| b.starts_with(&queue)).unwrap_or(queue);
    let codes: Vec<String> = parts.fields.iter().filter(|(n, _)| n == "code").map(|(_, v)| v.clone()).collect();
    let Ok(to) = parts.get("assignee").trim().parse::<i64>() else {
        return Ok(Redirect::to(&back).into_response());
    };
    let done = state
        .services
        .casework
        .assign_many(&signed.session.official, &codes, to, Utc::now())
        .await
        .or_unavailable("assigning cases")?;
    let join = if back.contains('?') { '&' } else { '?' };
    Ok(Redirect::to(&format!("{back}{join}giao={done}")).into_response())
}

/// `GET /can-bo/phan-anh/{code}/tep/{id}`: an attachment, for officials who may see the case.
pub async fn attachment(
    State(state): State<AppState>,
    signed: Signed,
    Path((code, id)): Path<(String, i64)>,
) -> Result<Response, Refused> {
    let case = scoped_case(&state, &signed, &code).await?;
    serve_attachment(&state, case.id, id, None).await
}

/// `POST /can-bo/phan-anh/{code}/tep/{id}`: publishes an attachment with the answer (`published`
/// = 1) or stops publishing it (0).
pub async fn publish_attachment(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, i64)>,
    uri: Uri,
    StaffForm { signed, parts, .. }: StaffForm,
) -> Result<Response, Refused> {
    let case = scoped_case(&state, &signed, &code).await?;
    let official = &signed.session.official;
    let published = parts.get("published") == "1";
    let found = state
        .services
        .store
        .publish_attachment(case.id, id, published, &official.id.to_string(), Utc::now())
        .await
        .or_unavailable("publishing an attachment")?;
    if !found {
        return Err(Refused::NotFound);
    }
    Ok(Redirect::to(&format!("{}/can-bo/phan-anh/{code}?xong=attachment", prefix(&uri))).into_response())
}

/// The case with `code` if the signed-in official may see it; otherwise "not found", the same
/// answer as for a case that does not exist. A view of personal data is audited first.
pub(crate) async fn scoped_case(state: &AppState, signed: &Signed, code: &str) -> Result<CaseRecord, Refused> {
    let official = &signed.session.official;
    let case = state.services.casework.case_for(official, code).await.or_unavailable("loading a case")?;
    let case = case.ok_or(Refused::NotFound)?;
    if let Some(entry) = civicdesk_domain::admin::personal_view(official, &case.handling.agency, code) {
        state.services.store.record_audit(&entry).await.or_unavailable("recording a view of personal data")?;
    }
    Ok(case)
}
