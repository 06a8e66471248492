//! The open data sets, streamed a page of rows at a time (constant memory, however large the
//! data), each with an `ETag` and `Last-Modified` that change when its data does, and answering
//! `If-None-Match` / `If-Modified-Since` with 304:
//! - `/du-lieu-mo/thu-tuc.json`: the whole catalogue in the national export's shape, which
//!   `civicdesk import` reads back unchanged;
//! - `/du-lieu-mo/thu-tuc.csv`: the same, one row per procedure with the CSV importer's columns;
//! - `/du-lieu-mo/phan-anh.{json,csv}`: every published answer, through the one public view of a
//!   case (no personal data);
//! - `/du-lieu-mo/co-quan.{json,csv}`: the agencies with their public contacts;
//! - `/du-lieu-mo/thong-ke-thang.{json,csv}`: the public record month by month, by agency and by
//!   field;
//! - `/du-lieu-mo/khao-sat.{json,csv}`: the satisfaction survey's answers month by month, by agency
//!   and question.

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use civicdesk_domain::Procedure;
use civicdesk_domain::cases::PublicCase;
use civicdesk_domain::import::{CSV_COLUMNS, to_csv_row, to_national};
use civicdesk_domain::queue::AnsweredFilter;
use civicdesk_domain::stats::{Figures, Span};
use civicdesk_domain::store::{RecordQuery, StoreResult};
use futures_util::future::BoxFuture;
use futures_util::stream;

use crate::export::{BOM, csv_rows};
use crate::http::edge::{CSV, OrUnavailable, Refused, download_file};
use crate::state::AppState;

/// Procedures read per page of a stream.
const PAGE: u32 = 200;

/// What a data set's answer says of its version: a tag and when its data last changed.
struct Version {
    tag: String,
    modified: Option<DateTime<Utc>>,
}

impl Version {
    /// Whether the client already holds this version.
    fn held_by(&self, request: &HeaderMap) -> bool {
        let text = |name| request.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
        if let Some(tags) = text(header::IF_NONE_MATCH) {
            return tags.split(',').any(|t| t.trim().trim_start_matches("W/") == self.tag || t.trim() == "*");
        }
        match (text(header::IF_MODIFIED_SINCE).and_then(|t| DateTime::parse_from_rfc2822(t).ok()), self.modified) {
            (Some(since), Some(modified)) => modified.timestamp() <= since.timestamp(),
            _ => false,
        }
    }

    fn headers(&self, response: &mut Response) {
        let headers = response.headers_mut();
        if let Ok(tag) = HeaderValue::from_str(&self.tag) {
            headers.insert(header::ETAG, tag);
        }
        let http_date = self.modified.map(|m| m.format("%a, %d %b %Y %H:%M:%S GMT").to_string());
        if let Some(date) = http_date.and_then(|d| HeaderValue::from_str(&d).ok()) {
            headers.insert(header::LAST_MODIFIED, date);
        }
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
    }
}

/// The catalogue's version: its newest revision (read along the index of revisions by time)
/// and its highest id.
async fn catalogue_version(state: &AppState) -> Result<Version, Refused> {
    let store = &state.services.store;
    let newest = store.recent_changes(1).await.or_unavailable("reading the catalogue's version")?;
    let last_id = store.last_procedure_id().await.or_unavailable("reading the catalogue's version")?;
    let modified = newest.first().map(|c| c.revision.recorded_at);
    let micros = modified.map_or(0, |m| m.timestamp_micros());
    Ok(Version { tag: format!("\"thu-tuc-{micros:x}-{last_id:x}\""), modified })
}

/// A page of rows and the cursor after it, or `None` at the end.
type NextPage<R> = BoxFuture<'static, StoreResult<Option<(Vec<R>, i64)>>>;

/// Rows between `head` and `tail`, `read` giving each page of them from the cursor after the last
/// (starting at 0), `write` turning it into bytes (`first`: whether it is the first page).
fn paged<R: Send + 'static>(
    state: AppState,
    head: Bytes,
    tail: &'static str,
    read: fn(AppState, i64) -> NextPage<R>,
    write: fn(&[R], bool) -> Vec<u8>,
) -> Body {
    enum Step {
        Head,
        After(i64, bool),
        Done,
    }
    let pages = stream::unfold(Step::Head, move |step| {
        let (state, head) = (state.clone(), head.clone());
        async move {
            let (after, first) = match step {
                Step::Head => return Some((Ok(head), Step::After(0, true))),
                Step::After(after, first) => (after, first),
                Step::Done => return None,
            };
            match read(state, after).await {
                Ok(None) => Some((Ok(Bytes::from_static(tail.as_bytes())), Step::Done)),
                Ok(Some((rows, next))) => Some((Ok(Bytes::from(write(&rows, first))), Step::After(next, false))),
                Err(error) => {
                    // The answer has begun: it can only be cut short, which the client sees.
                    tracing::error!(%error, "streaming a data set failed");
                    Some((Err(std::io::Error::other(error.to_string())), Step::Done))
                }
            }
        }
    });
    Body::from_stream(pages)
}

/// The catalogue a page of procedures at a time, along the primary key.
fn procedures(state: AppState, after: i64) -> NextPage<(i64, Procedure, u32)> {
    Box::pin(async move {
        let page = state.services.store.procedures_after(after, PAGE).await?;
        Ok(page.last().map(|(id, _, _)| *id).map(|last| (page, last)))
    })
}

/// JSON items of a list, `write` giving each one's value: a comma before all but the very first.
fn json_items<R>(rows: &[R], first: bool, value: impl Fn(&R) -> serde_json::Value) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        out.extend_from_slice(if first && i == 0 { b"\n" } else { b",\n" });
        // A JSON value always writes.
        let _ = serde_json::to_writer(&mut out, &value(row));
    }
    out
}

/// A CSV file's first bytes: the byte-order mark and the header row.
fn csv_head(columns: &[&str]) -> Bytes {
    let mut head = BOM.as_bytes().to_vec();
    head.extend(csv_rows([columns.iter().map(|c| (*c).to_owned()).collect()]));
    Bytes::from(head)
}

async fn data_set(
    state: AppState,
    request: HeaderMap,
    version: Version,
    (content_type, file_name): (&'static str, &str),
    body: impl FnOnce(AppState) -> Body,
) -> Result<Response, Refused> {
    let mut response = if version.held_by(&request) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        download_file(body(state), content_type, file_name)
    };
    version.headers(&mut response);
    Ok(response)
}

/// `GET /du-lieu-mo/thu-tuc.json`.
pub async fn catalogue_json(State(state): State<AppState>, request: HeaderMap) -> Result<Response, Refused> {
    let version = catalogue_version(&state).await?;
    data_set(state, request, version, ("application/json", "thu-tuc.json"), |state| {
        paged(state, Bytes::from_static(b"["), "\n]\n", procedures, |page, first| {
            json_items(page, first, |(_, procedure, yearly)| to_national(procedure, *yearly))
        })
    })
    .await
}

/// `GET /du-lieu-mo/thu-tuc.csv`.
pub async fn catalogue_csv(State(state): State<AppState>, request: HeaderMap) -> Result<Response, Refused> {
    let version = catalogue_version(&state).await?;
    data_set(state, request, version, (CSV, "thu-tuc.csv"), |state| {
        paged(state, csv_head(&CSV_COLUMNS), "", procedures, |page, _| {
            csv_rows(page.iter().map(|(_, procedure, yearly)| to_csv_row(procedure, *yearly)))
        })
    })
    .await
}

/// Cases' ids read per page of the published answers (each range read along the primary key).
const CASE_RANGE: i64 = 1_000;

/// The published answers' version: the latest publication and the highest case id.
async fn answers_version(state: &AppState) -> Result<Version, Refused> {
    let store = &state.services.store;
    let latest =
        store.latest_answers(&AnsweredFilter::default()).await.or_unavailable("reading the answers' version")?;
    let last_id = store.last_case_id().await.or_unavailable("reading the answers' version")?;
    let modified = latest.first().map(|a| a.published_at);
    let micros = modified.map_or(0, |m| m.timestamp_micros());
    Ok(Version { tag: format!("\"phan-anh-{micros:x}-{last_id:x}\""), modified })
}

/// The published answers, by ranges of the cases' ids, each through the one public view of a case.
fn answers(state: AppState, from: i64) -> NextPage<PublicCase> {
    Box::pin(async move {
        let store = state.services.store.as_ref();
        let last = store.last_case_id().await?;
        let mut first = from.max(1);
        while first <= last {
            let codes = store.published_between(first, first + CASE_RANGE - 1).await?;
            first += CASE_RANGE;
            let mut rows = Vec::with_capacity(codes.len());
            for (code, _) in codes {
                rows.extend(civicdesk_services::directory::public_case(store, &code).await?);
            }
            if !rows.is_empty() {
                return Ok(Some((rows, first)));
            }
        }
        Ok(None)
    })
}

/// The columns (and keys) of the published answers.
pub const ANSWER_COLUMNS: [&str; 11] = [
    "code",
    "category",
    "agency_code",
    "agency_name",
    "procedure_code",
    "received_on",
    "answer_due",
    "published_at",
    "title",
    "question",
    "answer",
];

fn answer_row(case: &PublicCase) -> Vec<String> {
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    vec![
        case.code.clone(),
        case.category.as_str().to_owned(),
        case.agency.code.clone(),
        case.agency.name.clone(),
        case.procedure.as_ref().map(|p| p.code.clone()).unwrap_or_default(),
        case.received_on.to_string(),
        case.answer_due.to_string(),
        case.published_at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default(),
        text(&case.title),
        text(&case.content),
        text(&case.answer),
    ]
}

/// `GET /du-lieu-mo/phan-anh.json`: every published answer, without personal data.
pub async fn answers_json(State(state): State<AppState>, request: HeaderMap) -> Result<Response, Refused> {
    let version = answers_version(&state).await?;
    data_set(state, request, version, ("application/json", "phan-anh.json"), |state| {
        paged(state, Bytes::from_static(b"["), "\n]\n", answers, |page, first| {
            json_items(page, first, |case| keyed(&ANSWER_COLUMNS, answer_row(case)))
        })
    })
    .await
}

/// `GET /du-lieu-mo/phan-anh.csv`.
pub async fn answers_csv(State(state): State<AppState>, request: HeaderMap) -> Result<Response, Refused> {
    let version = answers_version(&state).await?;
    data_set(state, request, version, (CSV, "phan-anh.csv"), |state| {
        paged(state, csv_head(&ANSWER_COLUMNS), "", answers, |page, _| csv_rows(page.iter().map(answer_row)))
    })
    .await
}

/// `GET /du-lieu-mo/{file}`: the data sets written whole.
pub async fn tables(
    State(state): State<AppState>,
    Path(file): Path<String>,
    request: HeaderMap,
) -> Result<Response, Refused> {
    match file.as_str() {
        "co-quan.json" | "co-quan.csv" => agencies(state, file, request).await,
        "thong-ke-thang.json" | "thong-ke-thang.csv" => statistics(state, file, request).await,
        "khao-sat.json" | "khao-sat.csv" => survey(state, file, request).await,
        _ => Err(Refused::NotFound),
    }
}

/// The columns (and keys) of the agencies.
pub const AGENCY_COLUMNS: [&str; 11] =
    ["code", "slug", "name", "level", "parent", "email", "phone", "address", "office_hours", "website", "procedures"];

/// `GET /du-lieu-mo/co-quan.{json,csv}`: the agencies, their public contacts and how many
/// procedures each carries out. Small: written whole, its tag the digest of what it holds.
async fn agencies(state: AppState, file: String, request: HeaderMap) -> Result<Response, Refused> {
    let agencies = state.services.store.agencies().await.or_unavailable("listing the agencies")?;
    let rows: Vec<Vec<String>> = agencies
        .iter()
        .map(|s| {
            let a = &s.agency;
            vec![
                a.code.clone(),
                a.slug.clone(),
                a.name.clone(),
                a.level.slug().to_owned(),
                a.parent.clone().unwrap_or_default(),
                a.email.clone(),
                a.phone.clone(),
                a.address.clone(),
                a.office_hours.clone(),
                a.website.clone().unwrap_or_default(),
                s.procedures.to_string(),
            ]
        })
        .collect();
    whole_table(state, request, &file, &AGENCY_COLUMNS, rows).await
}

/// Months the monthly statistics cover, this one included.
const STATISTICS_MONTHS: u32 = 24;

/// The columns (and keys) of the monthly statistics.
pub const STATISTICS_COLUMNS: [&str; 16] = [
    "month",
    "scope",
    "code",
    "name",
    "received",
    "answered",
    "answered_late",
    "refused",
    "withdrawn",
    "transferred",
    "on_time",
    "satisfied",
    "rated",
    "published_promptly",
    "published",
    "open_overdue",
];

fn statistics_row(month: NaiveDate, scope: &str, code: &str, name: &str, f: &Figures) -> Vec<String> {
    let c = &f.counts;
    let mut row = vec![month.format("%Y-%m").to_string(), scope.to_owned(), code.to_owned(), name.to_owned()];
    row.extend(
        [
            c.received,
            c.answered(),
            c.answered_late,
            c.refused,
            c.withdrawn,
            c.transferred,
            f.on_time.hits,
            f.satisfaction.hits,
            f.satisfaction.total,
            f.published_promptly.hits,
            f.published_promptly.total,
            c.open_overdue,
        ]
        .map(|n| n.to_string()),
    );
    row
}

/// `GET /du-lieu-mo/thong-ke-thang.{json,csv}`: the public record month by month (calendar
/// months, the last 24), for each agency and each field: the same figures as `/thong-ke`, read
/// from its running totals (two reads a month, whatever the number of cases).
async fn statistics(state: AppState, file: String, request: HeaderMap) -> Result<Response, Refused> {
    let services = &state.services;
    let today = civicdesk_domain::calendar::local_day(Utc::now());
    let fields: Vec<_> =
        services.store.fields().await.or_unavailable("listing the fields")?.into_iter().map(|f| f.field).collect();
    let mut rows = Vec::new();
    for (first, span) in recent_months(today) {
        let query = RecordQuery::all(span, today);
        let view = services.record.read(&query).await.or_unavailable("reading the record")?;
        for a in &view.agencies {
            rows.push(statistics_row(first, "agency", &a.agency.code, &a.agency.name, &a.figures));
        }
        for f in services.record.by_field(&query, &fields).await.or_unavailable("reading the record")? {
            let (code, name) = f.field.map_or((String::new(), String::new()), |f| (f.code, f.name));
            rows.push(statistics_row(first, "field", &code, &name, &f.figures));
        }
    }
    whole_table(state, request, &file, &STATISTICS_COLUMNS, rows).await
}

/// A data set written whole from `rows` under `columns`, as `file` (`{name}.json` or `{name}.csv`)
/// asks, tagged by a digest of what it holds.
async fn whole_table(
    state: AppState,
    request: HeaderMap,
    file: &str,
    columns: &[&str],
    rows: Vec<Vec<String>>,
) -> Result<Response, Refused> {
    let (name, body, content_type) = if let Some(name) = file.strip_suffix(".json") {
        (name, json_table(columns, rows), "application/json")
    } else if let Some(name) = file.strip_suffix(".csv") {
        (name, csv_table(columns, rows), CSV)
    } else {
        return Err(Refused::NotFound);
    };
    let version = Version { tag: digest_tag(name, &body), modified: None };
    data_set(state, request, version, (content_type, file), |_| Body::from(body)).await
}

/// The calendar months of the monthly data sets, oldest first: each one's first day and its
/// span (this month's up to today).
fn recent_months(today: NaiveDate) -> impl Iterator<Item = (NaiveDate, Span)> {
    let this_month = today.with_day(1).unwrap_or(today);
    (0..STATISTICS_MONTHS).rev().filter_map(move |back| {
        let first = this_month - chrono::Months::new(back);
        let last = (first + chrono::Months::new(1)).pred_opt().unwrap_or(first).min(today);
        Span::new(first, last).map(|span| (first, span))
    })
}

/// A row as a JSON object keyed by `columns`.
fn keyed(columns: &[&str], row: Vec<String>) -> serde_json::Value {
    columns.iter().zip(row).map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v))).collect()
}

/// Rows as a JSON list of objects keyed by `columns`.
fn json_table(columns: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    let items: Vec<serde_json::Value> = rows.into_iter().map(|row| keyed(columns, row)).collect();
    serde_json::to_vec(&items).unwrap_or_default()
}

/// Rows as a CSV file with `columns` as its header.
fn csv_table(columns: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    crate::export::csv_file(columns.iter().map(|c| (*c).to_owned()).collect(), rows).into_bytes()
}

/// A tag for a data set written whole: a digest of what it holds.
fn digest_tag(name: &str, body: &[u8]) -> String {
    use sha2::Digest;
    format!("\"{name}-{}\"", hex::encode(&sha2::Sha256::digest(body)[..12]))
}

/// The columns (and keys) of the survey results.
pub const SURVEY_COLUMNS: [&str; 11] = [
    "month",
    "agency_code",
    "agency_name",
    "question",
    "answered",
    "satisfied",
    "answer_1",
    "answer_2",
    "answer_3",
    "answer_4",
    "answer_5",
];

/// The survey's answers month by month (the last 24 calendar months), counted for each agency and
/// question: never a comment or a dossier's number, which may say who answered.
async fn survey(state: AppState, file: String, request: HeaderMap) -> Result<Response, Refused> {
    let today = civicdesk_domain::calendar::local_day(Utc::now());
    let mut rows = Vec::new();
    for (first, span) in recent_months(today) {
        let results = state.services.surveys.results(span, None).await.or_unavailable("reading the survey")?;
        for (agency, answers) in &results.agencies {
            for q in &answers.questions {
                let rate = q.satisfied();
                let mut row = vec![
                    first.format("%Y-%m").to_string(),
                    agency.code.clone(),
                    agency.name.clone(),
                    q.question.as_str().to_owned(),
                    rate.total.to_string(),
                    rate.hits.to_string(),
                ];
                row.extend((0..5).map(|i| q.counts.get(i).map(u64::to_string).unwrap_or_default()));
                rows.push(row);
            }
        }
    }
    whole_table(state, request, &file, &SURVEY_COLUMNS, rows).await
}
