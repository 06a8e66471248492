//! `GET /thong-ke/tai/{table}.csv` (and `/en/…`): a table of the statistics pages as a file,
//! with the same address parameters as the page and the same rows as its table.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use civicdesk_app::pages::record::{ask_from_query, record_page, tables};
use civicdesk_texts::Lang;

use crate::http::edge::{OrUnavailable, Refused, prefix};
use crate::state::AppState;

pub async fn download(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    uri: Uri,
) -> Result<Response, Refused> {
    let lang = if prefix(&uri) == "/en" { Lang::En } else { Lang::Vi };
    let name = file.strip_suffix(".csv").ok_or(Refused::NotFound)?;
    let name = tables::ALL.into_iter().find(|n| *n == name).ok_or(Refused::NotFound)?;
    let mut ask = ask_from_query(|k| params.get(k).cloned());
    if name == tables::RANKING {
        ask.agency = None;
    }
    let page = record_page(&state.services, ask).await.or_unavailable("reading the record")?;
    let table = tables::by_name(&page, lang, name).ok_or(Refused::NotFound)?;
    let file_name = format!("attachment; filename=\"thong-ke-{name}-{}.csv\"", page.span.first);
    let mut response = crate::export::figures_csv(&table, lang).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&file_name) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
