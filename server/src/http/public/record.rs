//! `GET /thong-ke/tai/{table}.csv` (and `/en/…`): a table of the statistics pages as a file,
//! with the same address parameters as the page and the same rows as its table; and the periodic
//! report, `bao-cao.csv` or `bao-cao.xlsx`.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::Response;
use civicdesk_app::pages::record::{ask_from_query, record_page, report, tables};
use civicdesk_services::record::Parts;
use civicdesk_texts::Lang;

use crate::http::edge::{CSV, OrUnavailable, Refused, XLSX, download_file, lang_of};
use crate::state::AppState;

pub async fn download(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    uri: Uri,
) -> Result<Response, Refused> {
    let lang = lang_of(&uri);
    if let Some(format) = file.strip_prefix("bao-cao.") {
        return report(&state, lang, format, &params).await;
    }
    let name = file.strip_suffix(".csv").ok_or(Refused::NotFound)?;
    let name = tables::ALL.into_iter().find(|n| *n == name).ok_or(Refused::NotFound)?;
    let mut ask = ask_from_query(|k| params.get(k).cloned());
    if name == tables::RANKING {
        ask.agency = None;
    }
    let parts = match name {
        tables::FIELDS => Parts::FIELDS,
        tables::MONTHS => Parts::MONTHS,
        _ => Parts::NONE,
    };
    let page = record_page(&state.services, ask, parts).await.or_unavailable("reading the record")?;
    let table = tables::by_name(&page, lang, name).ok_or(Refused::NotFound)?;
    let file_name = format!("thong-ke-{name}-{}.csv", page.span.first);
    Ok(download_file(crate::export::figures_csv(&table, lang).into_bytes(), CSV, &file_name))
}

/// The periodic report as CSV or XLSX.
async fn report(
    state: &AppState,
    lang: Lang,
    format: &str,
    params: &HashMap<String, String>,
) -> Result<Response, Refused> {
    let ask = ask_from_query(|k| params.get(k).cloned());
    let page = report::report_page(&state.services, ask).await.or_unavailable("reading the record")?;
    let table = report::report_table(&page, lang);
    let name = format!("bao-cao-{}.{format}", page.record.period.key());
    match format {
        "csv" => Ok(download_file(crate::export::figures_csv(&table, lang).into_bytes(), CSV, &name)),
        "xlsx" => {
            let title = report::title_lines(&page, lang);
            let file = crate::export::figures_xlsx(&table, &title, lang).or_unavailable("writing a spreadsheet")?;
            Ok(download_file(file, XLSX, &name))
        }
        _ => Err(Refused::NotFound),
    }
}
