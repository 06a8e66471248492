//! `POST /open311/v2/requests.{xml,json}`: a client system files feedback on a citizen's or a
//! business's behalf, with the key an administrator issued it (`api_key`), form-encoded as the
//! specification says. The submission is the web form's: the same checks, routing, legal
//! deadline, acknowledgement e-mail and durable store ([`Intake::submit`]); the answer is the
//! case's code as `service_request_id`, at once (the services are `realtime`: no token).
//!
//! The specification's fields map onto the legal ones: `last_name` and `first_name` make the
//! full name (family name first, as Vietnamese names are written), `address_string` the
//! address an answer can be sent to, `phone`, `email`, and `description` the matter itself; the
//! service definition's attributes give the rest (`attribute[title]`, …). What the law requires
//! and Open311 leaves optional — the name, the address, the phone number — is required here, and
//! each missing or wrong field is one error of the list, naming the parameter. `lat`, `long`,
//! `address_id`, `device_id`, `account_id` and `media_url` are accepted and not kept: the
//! record has no place for them, and the portal does not fetch what another site holds.
//!
//! [`Intake::submit`]: civicdesk_services::intake::Intake::submit

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::Extension;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use civicdesk_domain::admin::ApiClient;
use civicdesk_domain::feedback::{Category, Channel, FeedbackForm, Field, FieldError};
use civicdesk_services::intake::SubmitError;
use civicdesk_texts::{Lang, fill};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde_json::{Value, json};

use super::{Format, Refusal, answer, services, split};
use crate::config::RateLimit;
use crate::http::edge::{OrUnavailable, accept_lang as lang};
use crate::state::AppState;

/// The largest body taken: the form's longest fields, with room to spare (no files come here).
const BODY_BYTES: usize = 256 * 1024;

/// The filing budget of each client system, by its key: `None` when unlimited.
#[derive(Clone)]
pub struct Budgets(Option<Arc<DefaultKeyedRateLimiter<i64>>>);

impl Budgets {
    pub fn new(limit: Option<RateLimit>) -> Self {
        Budgets(limit.and_then(|limit| {
            let burst = NonZeroU32::new(limit.burst)?;
            let quota = Quota::with_period(limit.every)?.allow_burst(burst);
            Some(Arc::new(RateLimiter::keyed(quota)))
        }))
    }

    /// Seconds to wait before `client` may file again, if it must.
    fn wait(&self, client: &ApiClient) -> Option<u64> {
        let limiter = self.0.as_ref()?;
        let refused = limiter.check_key(&client.id).err()?;
        Some(refused.wait_time_from(DefaultClock::default().now()).as_secs().max(1))
    }
}

/// The parameter of the specification (or the attribute) a field of the form is read from.
fn parameter(field: Field) -> &'static str {
    match field {
        Field::SubmitterKind => "attribute[submitter_kind]",
        Field::Organisation => "attribute[organisation]",
        Field::Name => "last_name, first_name",
        Field::Address => "address_string",
        Field::Phone => "phone",
        Field::Email => "email",
        Field::Category => "service_code",
        Field::Title => "attribute[title]",
        Field::Content => "description",
        Field::Procedure => "attribute[procedure]",
        Field::Agency => "attribute[agency]",
        Field::Area => "attribute[area]",
        Field::Attachments => "media_url",
        Field::Consent => "attribute[consent]",
        Field::Rating => "attribute[rating]",
    }
}

/// The posted parameters, the first value of each name kept.
fn parameters(body: &[u8]) -> Result<HashMap<String, String>, Refusal> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|_| Refusal::bad("The body is not a form (application/x-www-form-urlencoded) in UTF-8."))?;
    let mut out = HashMap::new();
    for (name, value) in pairs {
        out.entry(name).or_insert(value);
    }
    Ok(out)
}

/// The web form's fields, read from the specification's parameters and the attributes.
fn feedback_form(given: &HashMap<String, String>) -> FeedbackForm {
    let value = |name: &str| given.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    FeedbackForm::from_fields(|field| match field {
        "name" => {
            let name = [value("last_name"), value("first_name")].into_iter().flatten().collect::<Vec<_>>().join(" ");
            Some(name).filter(|n| !n.is_empty())
        }
        "address" => value("address_string"),
        "phone" | "email" => value(field),
        "category" => value("service_code"),
        "content" => value("description"),
        attribute => value(&format!("attribute[{attribute}]")),
    })
}

/// The client system behind the key given, or the specification's 403.
async fn client(state: &AppState, given: &HashMap<String, String>) -> Result<ApiClient, Refusal> {
    let key = given.get("api_key").map(|k| k.trim()).unwrap_or_default();
    if key.is_empty() {
        return Err(Refusal::with(
            StatusCode::FORBIDDEN,
            "api_key is required to create a request: the portal's administrators issue one to each client system.",
        ));
    }
    let found = match civicdesk_domain::cases::token_hash(key) {
        Some(hash) => state.services.store.api_client_by_key(&hash, Utc::now()).await.or_unavailable("an API key")?,
        None => None,
    };
    found.ok_or_else(|| Refusal::with(StatusCode::FORBIDDEN, "api_key is not valid, or was revoked."))
}

/// What a refused form says, field by field, in the language asked for.
fn invalid(lang: Lang, errors: &[FieldError]) -> Refusal {
    let f = lang.feedback();
    Refusal {
        status: StatusCode::BAD_REQUEST,
        descriptions: errors.iter().map(|e| format!("{}: {}", parameter(e.field), f.problem(&e.problem))).collect(),
    }
}

/// `POST /open311/v2/requests.{format}`
pub async fn create(
    State(state): State<AppState>,
    Extension(budgets): Extension<Budgets>,
    Path(file): Path<String>,
    request: Request<Body>,
) -> Response {
    let Some((name, format)) = split(&file) else {
        return Refusal::not_found("Ask for a file ending in .xml or .json.").answer(Format::Json);
    };
    if name != "requests" {
        return Refusal::not_found(format!("Requests are created at requests.{{format}}, not {name}.")).answer(format);
    }
    match file_request(&state, &budgets, format, request).await {
        Ok(response) => response,
        Err(refusal) => refusal.answer(format),
    }
}

async fn file_request(
    state: &AppState,
    budgets: &Budgets,
    format: Format,
    request: Request<Body>,
) -> Result<Response, Refusal> {
    let lang = lang(request.headers());
    let form_encoded = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
    if !form_encoded {
        return Err(Refusal::bad(
            "Send the request as application/x-www-form-urlencoded, as the specification says (no files).",
        ));
    }
    let body = axum::body::to_bytes(request.into_body(), BODY_BYTES)
        .await
        .map_err(|_| Refusal::bad(format!("The body is larger than {} KB.", BODY_BYTES / 1024)))?;
    let given = parameters(&body)?;
    let client = client(state, &given).await?;
    if let Some(wait) = budgets.wait(&client) {
        let refusal = Refusal::with(
            StatusCode::TOO_MANY_REQUESTS,
            format!("This key has filed too many requests; retry after {wait} s."),
        );
        let mut response = refusal.answer(format);
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return Ok(response);
    }
    let Some(code) = given.get("service_code").map(|c| c.trim()).filter(|c| !c.is_empty()) else {
        return Err(Refusal::bad("service_code: the service the request is for is required."));
    };
    if !services().any(|c| c.as_str() == code) {
        let guidance = match Category::parse(code) {
            // A complaint or a denunciation is a service of other laws, said so.
            Some(other) => lang.feedback().problem(&civicdesk_domain::feedback::Problem::OutOfScope(other)),
            None => String::new(),
        };
        return Err(Refusal::not_found(format!("No service has the code {code}. {guidance}").trim_end().to_owned()));
    }
    let form = feedback_form(&given);
    let filed = match state.services.intake.submit(&form, Vec::new(), Channel::Api, Utc::now()).await {
        Err(SubmitError::Invalid(errors)) => return Err(invalid(lang, &errors)),
        stored => stored.or_unavailable("storing a request filed through Open311")?,
    };
    tracing::info!(code = %filed.code, client = client.name, "a request was filed through Open311");
    let f = lang.feedback();
    let due =
        fill(f.due_sentence, &[("agency", &filed.agency_name), ("date", &civicdesk_texts::date(filed.answer_due))]);
    let follow = fill(f.follow_sentence, &[("lookup", &format!("{}/phan-anh/tra-cuu", state.public_url))]);
    let notice = format!("{due} {follow}");
    let filed_request = json!([{
        "service_request_id": filed.code.as_str(),
        "service_notice": notice,
        "account_id": Value::Null,
    }]);
    let location = format!("/open311/v2/requests/{}.{}", filed.code, format.extension());
    let mut response = answer(format, "service_requests", &filed_request);
    *response.status_mut() = StatusCode::CREATED;
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response.into_response())
}
