//! Open311 GeoReport v2 at `/open311/v2/`, in XML and JSON (the file's extension says which):
//! `discovery`, `services`, `services/{code}`, `requests` and `requests/{id}`, `tokens/{token}`,
//! and filing a request ([`filing`], with a client system's key).
//!
//! A service is a category of feedback the portal takes; a request is a case, by its code, seen
//! exactly as the public sees it (the one public view of a case): its status (`open` or
//! `closed`), the responsible agency, when it was received and last moved (to the hour), the
//! legal date of its answer, and once the answer is published the question and the answer. Never
//! a name, phone, e-mail or address. Each answer is written once as JSON; the XML is the same
//! tree, each list's items named as the specification names them. Refusals are the
//! specification's list of errors, with the status they carry (400, 403, 404, 429).
//! `jurisdiction_id` is accepted and needs no value: the portal serves one jurisdiction.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use civicdesk_domain::cases::PublicCase;
use civicdesk_domain::feedback::{Category, PublicStatus, SubmitterKind};
use civicdesk_domain::queue::ReceivedFilter;
use civicdesk_texts::Lang;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde_json::{Value, json};

use axum::middleware::from_fn_with_state;
use axum::routing::{MethodRouter, get};
use axum::{Extension, Router};

use crate::config::RateLimit;
use crate::http::edge::{OrUnavailable, accept_lang as lang};
use crate::http::middleware::limits::{self, Guard};
use crate::state::AppState;

pub mod filing;

/// The specification this follows.
const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";

/// The longest span `requests` covers, and the one it covers by default (the last 90 days).
const LONGEST_SPAN_DAYS: i64 = 90;

/// Requests a page of `requests` holds unless `page_size` asks fewer (or, up to this, more).
const PAGE_SIZE: u32 = 100;
const MAX_PAGE_SIZE: u32 = 200;

/// Codes a `service_request_id` list may name at once.
const MAX_IDS: usize = 100;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Xml,
    Json,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Xml => "xml",
            Format::Json => "json",
        }
    }
}

/// `name.xml` or `name.json`.
fn split(file: &str) -> Option<(&str, Format)> {
    if let Some(name) = file.strip_suffix(".json") {
        Some((name, Format::Json))
    } else {
        file.strip_suffix(".xml").map(|name| (name, Format::Xml))
    }
}

/// A refusal in the specification's shape: a list of errors, each with its code (the status the
/// answer carries) and description.
struct Refusal {
    status: StatusCode,
    descriptions: Vec<String>,
}

impl Refusal {
    fn with(status: StatusCode, description: impl Into<String>) -> Self {
        Refusal { status, descriptions: vec![description.into()] }
    }

    fn bad(description: impl Into<String>) -> Self {
        Refusal::with(StatusCode::BAD_REQUEST, description)
    }

    fn not_found(description: impl Into<String>) -> Self {
        Refusal::with(StatusCode::NOT_FOUND, description)
    }

    fn unavailable() -> Self {
        Refusal::with(StatusCode::SERVICE_UNAVAILABLE, "The database did not answer; please retry.")
    }

    fn answer(self, format: Format) -> Response {
        let code = self.status.as_u16();
        let errors: Vec<Value> =
            self.descriptions.into_iter().map(|d| json!({ "code": code, "description": d })).collect();
        let mut response = answer(format, "errors", &Value::Array(errors));
        *response.status_mut() = self.status;
        response
    }
}

impl From<crate::http::edge::Refused> for Refusal {
    fn from(_: crate::http::edge::Refused) -> Self {
        Refusal::unavailable()
    }
}

/// How the XML names the items of each list.
fn item_name(list: &str) -> &'static str {
    match list {
        "services" => "service",
        "service_requests" => "request",
        "attributes" => "attribute",
        "values" => "value",
        "endpoints" => "endpoint",
        "formats" => "format",
        "errors" => "error",
        _ => "item",
    }
}

fn xml_value(writer: &mut Writer<Vec<u8>>, name: &str, value: &Value) -> std::io::Result<()> {
    writer.write_event(Event::Start(BytesStart::new(name)))?;
    match value {
        Value::Null => {}
        Value::Bool(b) => writer.write_event(Event::Text(BytesText::new(if *b { "true" } else { "false" })))?,
        Value::Number(n) => writer.write_event(Event::Text(BytesText::new(&n.to_string())))?,
        Value::String(s) => writer.write_event(Event::Text(BytesText::new(s)))?,
        Value::Array(items) => {
            for item in items {
                xml_value(writer, item_name(name), item)?;
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                xml_value(writer, key, field)?;
            }
        }
    }
    writer.write_event(Event::End(BytesEnd::new(name)))
}

/// `value` as the format asks: JSON as it is; XML under the element `root`.
fn answer(format: Format, root: &str, value: &Value) -> Response {
    match format {
        Format::Json => ([(header::CONTENT_TYPE, "application/json")], value.to_string()).into_response(),
        Format::Xml => {
            let mut writer = Writer::new(Vec::new());
            let written = writer
                .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
                .and_then(|()| xml_value(&mut writer, root, value));
            match written {
                Ok(()) => ([(header::CONTENT_TYPE, "text/xml; charset=utf-8")], writer.into_inner()).into_response(),
                Err(error) => {
                    tracing::error!(%error, "writing Open311 XML failed");
                    StatusCode::INTERNAL_SERVER_ERROR.into_response()
                }
            }
        }
    }
}

/// The categories the portal takes, each a service.
fn services() -> impl Iterator<Item = Category> {
    Category::ALL.into_iter().filter(|c| c.accepted())
}

/// An instant as the specification writes it (W3C), in Vietnam's time.
fn w3c(at: DateTime<Utc>) -> String {
    let vietnam = FixedOffset::east_opt(7 * 3600).expect("a valid offset");
    at.with_timezone(&vietnam).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The end of a day in Vietnam, W3C.
fn end_of(day: NaiveDate) -> String {
    format!("{day}T23:59:59+07:00")
}

/// Open311's routes. What reads a request by its code is under the look-up limit where one is
/// set, as a public case page is; filing is under each client system's own budget (`filing`).
pub fn routes(lookup: Option<Guard>, filing: Option<RateLimit>) -> Router<AppState> {
    let looked_up = |route: MethodRouter<AppState>| match &lookup {
        Some(guard) => route.route_layer(from_fn_with_state(guard.clone(), limits::guard)),
        None => route,
    };
    Router::new()
        .route(
            "/open311/v2/{file}",
            looked_up(get(top)).post(filing::create).layer(Extension(filing::Budgets::new(filing))),
        )
        .route("/open311/v2/services/{file}", get(service_definition))
        .route("/open311/v2/requests/{file}", looked_up(get(request)))
        .route("/open311/v2/tokens/{file}", looked_up(get(token)))
}

/// `GET /open311/v2/{file}`: `discovery`, `services` or `requests`, as XML or JSON.
pub async fn top(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some((name, format)) = split(&file) else {
        return Refusal::not_found("Ask for a file ending in .xml or .json.").answer(Format::Json);
    };
    let answered = match name {
        "discovery" => Ok(answer(format, "discovery", &discovery(&state))),
        "services" => Ok(answer(format, "services", &service_list(lang(&headers)))),
        "requests" => {
            requests(&state, &params, lang(&headers)).await.map(|list| answer(format, "service_requests", &list))
        }
        _ => Err(Refusal::not_found(format!("No such resource: {name}."))),
    };
    answered.unwrap_or_else(|refusal| refusal.answer(format))
}

fn discovery(state: &AppState) -> Value {
    json!({
        "changeset": "2026-12-07T00:00:00+07:00",
        "contact": format!("{}/du-lieu-mo", state.public_url),
        "key_service": format!("{}/du-lieu-mo#open311", state.public_url),
        "endpoints": [{
            "specification": SPECIFICATION,
            "url": format!("{}/open311/v2", state.public_url),
            "changeset": "2026-12-07T00:00:00+07:00",
            "type": "production",
            "formats": ["text/xml", "application/json"],
        }],
    })
}

fn service_list(lang: Lang) -> Value {
    let f = lang.feedback();
    services()
        .map(|c| {
            json!({
                "service_code": c.as_str(),
                "service_name": f.category(c),
                "description": f.category(c),
                "metadata": true,
                "type": "realtime",
                "keywords": "",
                "group": f.nav,
            })
        })
        .collect()
}

/// `GET /open311/v2/services/{code}.{format}`: what a request of this service asks besides the
/// specification's own fields, with the values the portal knows.
pub async fn service_definition(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some((code, format)) = split(&file) else {
        return Refusal::not_found("Ask for a file ending in .xml or .json.").answer(Format::Json);
    };
    let Some(category) = services().find(|c| c.as_str() == code) else {
        return Refusal::not_found(format!("No service has the code {code}.")).answer(format);
    };
    match definition(&state, category, lang(&headers)).await {
        Ok(value) => answer(format, "service_definition", &value),
        Err(refusal) => refusal.answer(format),
    }
}

async fn definition(state: &AppState, category: Category, lang: Lang) -> Result<Value, Refusal> {
    let store = state.services.store.as_ref();
    let f = lang.feedback();
    let agencies: Vec<Value> = store
        .agency_records()
        .await
        .or_unavailable("listing the agencies")?
        .into_iter()
        .map(|a| json!({ "key": a.slug, "name": a.name }))
        .collect();
    let areas: Vec<Value> = store
        .areas()
        .await
        .or_unavailable("listing the areas")?
        .into_iter()
        .map(|a| json!({ "key": a.code, "name": a.name }))
        .collect();
    let kinds: Vec<Value> =
        SubmitterKind::ALL.into_iter().map(|k| json!({ "key": k.as_str(), "name": f.kind(k) })).collect();
    let s = lang.staff();
    let yes_no = json!([{ "key": "true", "name": s.yes }, { "key": "false", "name": s.no }]);
    let attribute = |order: u32, code: &str, datatype: &str, required: bool, description: &str, values: Value| {
        let mut a = json!({
            "variable": true,
            "code": code,
            "datatype": datatype,
            "required": required,
            "datatype_description": "",
            "order": order,
            "description": description,
        });
        if datatype == "singlevaluelist" {
            a["values"] = values;
        }
        a
    };
    Ok(json!({
        "service_code": category.as_str(),
        "attributes": [
            attribute(1, "submitter_kind", "singlevaluelist", true, f.kind_label, Value::Array(kinds)),
            attribute(2, "organisation", "string", false, f.organisation_label, Value::Null),
            attribute(3, "title", "string", true, f.title_label, Value::Null),
            attribute(4, "procedure", "string", false, f.procedure_label, Value::Null),
            attribute(5, "agency", "singlevaluelist", false, f.agency_label, Value::Array(agencies)),
            attribute(6, "area", "singlevaluelist", false, f.area_label, Value::Array(areas)),
            attribute(7, "show_name", "singlevaluelist", false, f.show_name_label, yes_no),
            attribute(8, "consent", "singlevaluelist", true, f.consent_label, json!([{ "key": "true", "name": s.yes }])),
        ],
    }))
}

/// `GET /open311/v2/requests/{id}.{format}`: one request, in a list as the specification has it.
pub async fn request(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some((id, format)) = split(&file) else {
        return Refusal::not_found("Ask for a file ending in .xml or .json.").answer(Format::Json);
    };
    match public_case(&state, id).await {
        Ok(Some(case)) => answer(format, "service_requests", &json!([service_request(&state, &case, lang(&headers))])),
        Ok(None) => Refusal::not_found(format!("No request has the id {id}.")).answer(format),
        Err(refusal) => refusal.answer(format),
    }
}

/// `GET /open311/v2/tokens/{token}.{format}`. The portal gives a request's id as it is filed and
/// issues no tokens; a client that asks with the id it was given as a token finds that request,
/// any other token is not found.
pub async fn token(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((token, format)) = split(&file) else {
        return Refusal::not_found("Ask for a file ending in .xml or .json.").answer(Format::Json);
    };
    match public_case(&state, token).await {
        Ok(Some(case)) => {
            answer(format, "service_requests", &json!([{ "service_request_id": case.code, "token": token.trim() }]))
        }
        Ok(None) => Refusal::not_found(format!(
            "No token {token}: the portal answers each request with its service_request_id at once."
        ))
        .answer(format),
        Err(refusal) => refusal.answer(format),
    }
}

async fn public_case(state: &AppState, id: &str) -> Result<Option<PublicCase>, Refusal> {
    let store = state.services.store.as_ref();
    Ok(civicdesk_services::directory::public_case(store, id.trim()).await.or_unavailable("loading a case")?)
}

/// A case as a service request: only what its public view holds.
fn service_request(state: &AppState, case: &PublicCase, lang: Lang) -> Value {
    let closed = matches!(case.status, PublicStatus::Answered | PublicStatus::Refused | PublicStatus::Withdrawn);
    let received = case.timeline.first().map(|e| e.at);
    let updated = case.timeline.iter().map(|e| e.at).chain(case.published_at).max();
    let media = case.attachments.first().map(|a| format!("{}/phan-anh/{}/tep/{}", state.public_url, case.code, a.id));
    json!({
        "service_request_id": case.code,
        "status": if closed { "closed" } else { "open" },
        "status_notes": case.answer,
        "service_name": lang.feedback().category(case.category),
        "service_code": case.category.as_str(),
        "description": case.content,
        "agency_responsible": case.agency.name,
        "service_notice": lang.feedback().status(case.status),
        "requested_datetime": received.map_or_else(|| format!("{}T00:00:00+07:00", case.received_on), w3c),
        "updated_datetime": updated.map(w3c),
        "expected_datetime": end_of(case.answer_due),
        "address": Value::Null,
        "address_id": Value::Null,
        "zipcode": Value::Null,
        "lat": Value::Null,
        "long": Value::Null,
        "media_url": media,
    })
}

/// A W3C date-time (`2026-12-01T08:00:00+07:00`, `2026-12-01T01:00:00Z`), or a day.
fn moment(name: &str, text: &str) -> Result<DateTime<Utc>, Refusal> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(civicdesk_domain::calendar::from_local)
        .ok_or_else(|| Refusal::bad(format!("{name} must be a W3C date-time such as 2026-12-01T08:00:00+07:00")))
}

/// The requests `params` ask for: by their ids, or by service, span of receipt and status, a
/// page at a time (`page`, `page_size`: the portal's extension).
async fn requests(state: &AppState, params: &HashMap<String, String>, lang: Lang) -> Result<Value, Refusal> {
    let given = |name: &str| params.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());
    let list =
        |name: &str| given(name).map(|v| v.split(',').map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>());
    if let Some(ids) = list("service_request_id") {
        if ids.len() > MAX_IDS {
            return Err(Refusal::bad(format!("service_request_id names at most {MAX_IDS} requests")));
        }
        let mut out = Vec::new();
        for id in ids {
            if let Some(case) = public_case(state, id).await? {
                out.push(service_request(state, &case, lang));
            }
        }
        return Ok(Value::Array(out));
    }
    let categories = list("service_code")
        .unwrap_or_default()
        .into_iter()
        .map(|code| {
            services()
                .find(|c| c.as_str() == code)
                .ok_or_else(|| Refusal::bad(format!("No service has the code {code}.")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let span = Duration::days(LONGEST_SPAN_DAYS);
    let (from, until) = match (given("start_date"), given("end_date")) {
        (Some(start), Some(end)) => (moment("start_date", start)?, moment("end_date", end)?),
        (Some(start), None) => {
            let start = moment("start_date", start)?;
            (start, start + span)
        }
        (None, Some(end)) => {
            let end = moment("end_date", end)?;
            (end - span, end)
        }
        (None, None) => {
            let now = Utc::now();
            (now - span, now)
        }
    };
    if until < from {
        return Err(Refusal::bad("end_date comes before start_date"));
    }
    if until - from > span {
        return Err(Refusal::bad(format!("start_date and end_date may be at most {LONGEST_SPAN_DAYS} days apart")));
    }
    let open = match list("status").unwrap_or_default().as_slice() {
        [] => None,
        statuses => {
            let (mut open, mut closed) = (false, false);
            for status in statuses {
                match *status {
                    "open" => open = true,
                    "closed" => closed = true,
                    other => return Err(Refusal::bad(format!("status must be open or closed, not {other}"))),
                }
            }
            if open && closed { None } else { Some(open) }
        }
    };
    let number = |name: &str, default: u32, most: u32| match given(name) {
        None => Ok(default),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=most).contains(n))
            .ok_or_else(|| Refusal::bad(format!("{name} must be a whole number from 1 to {most}"))),
    };
    let page = number("page", 1, 10_000)?;
    let page_size = number("page_size", PAGE_SIZE, MAX_PAGE_SIZE)?;
    let filter = ReceivedFilter {
        from,
        until: until + Duration::seconds(1),
        categories,
        open,
        offset: (page - 1) * page_size,
        limit: page_size,
    };
    let codes = state.services.store.codes_received(&filter).await.or_unavailable("listing requests")?;
    let mut out = Vec::new();
    for code in codes {
        if let Some(case) = public_case(state, &code).await? {
            out.push(service_request(state, &case, lang));
        }
    }
    Ok(Value::Array(out))
}
