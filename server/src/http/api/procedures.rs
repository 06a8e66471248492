//! `/api/v1`: the directory as JSON, with the same parameters as the pages.

use axum::Json;
use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use civicdesk_domain::calendar::from_local;
use civicdesk_domain::catalogue::{ChangeCursor, ProcedureDetail, ProcedureFilter, SearchResults, param};
use civicdesk_domain::procedure::{Decision, ProcedureStatus, RecordPart};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, ApiErrors, ApiQuery};
use crate::http::edge::OrUnavailable;
use crate::state::AppState;

/// The directory's parameters (as in its pages' addresses), or those of the catalogue's changes.
/// Unknown or malformed filter values are ignored, as the pages ignore them.
#[derive(Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProcedureQuery {
    /// Words to find in the name, code, field or agency; accents and case may be left out.
    q: Option<String>,
    /// A field's (lĩnh vực) code.
    #[serde(rename = "linh-vuc")]
    #[param(rename = "linh-vuc")]
    linh_vuc: Option<String>,
    /// An agency's slug, as in `/co-quan/{slug}`.
    #[serde(rename = "co-quan")]
    #[param(rename = "co-quan")]
    co_quan: Option<String>,
    /// The level of government that carries it out: `trung-uong`, `tinh`, `huyen`, `xa`.
    cap: Option<String>,
    /// Who it is for: `ca-nhan` (individuals), `to-chuc` (organisations and businesses).
    #[serde(rename = "doi-tuong")]
    #[param(rename = "doi-tuong")]
    doi_tuong: Option<String>,
    /// How far it can be done online: `toan-trinh` (entirely), `mot-phan` (partly), `khong`.
    #[serde(rename = "truc-tuyen")]
    #[param(rename = "truc-tuyen")]
    truc_tuyen: Option<String>,
    /// The record's standing: `moi` (new), `sua-doi` (amended), `thay-the` (replaced), `bai-bo`
    /// (abolished).
    #[serde(rename = "tinh-trang")]
    #[param(rename = "tinh-trang")]
    tinh_trang: Option<String>,
    /// The page of results, from 1.
    trang: Option<String>,
    /// Instead of a search, the catalogue's changes from this moment: a day (from its start in
    /// Vietnam), `2026-12-01`, or an RFC 3339 time, `2026-12-01T08:00:00+07:00`.
    #[serde(rename = "changed-since")]
    #[param(rename = "changed-since")]
    changed_since: Option<String>,
    /// The changes after the cursor a page of changes ended with (its `next` holds it).
    after: Option<String>,
    /// How many changes a page holds, 1 to 100 (100 unless asked).
    limit: Option<String>,
}

impl ProcedureQuery {
    /// The directory's filter these parameters name.
    fn filter(&self) -> ProcedureFilter {
        ProcedureFilter::from_params(|key| {
            match key {
                param::QUERY => &self.q,
                param::FIELD => &self.linh_vuc,
                param::AGENCY => &self.co_quan,
                param::LEVEL => &self.cap,
                param::SUBJECT => &self.doi_tuong,
                param::ONLINE => &self.truc_tuyen,
                param::STATUS => &self.tinh_trang,
                param::PAGE => &self.trang,
                _ => &None,
            }
            .clone()
        })
    }
}

/// A page of the directory, or of the catalogue's changes.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum ProcedureList {
    Search(SearchResults),
    Changes(Changes),
}

/// Searches the directory, or lists the catalogue's changes.
///
/// With the parameters of `/thu-tuc`, a page of the directory's search; with `changed-since` (or
/// `after`), the catalogue's changes instead, oldest first, for a system that keeps a copy in
/// step.
#[utoipa::path(
    get,
    path = "/api/v1/procedures",
    operation_id = "listProcedures",
    tag = "directory",
    params(ProcedureQuery),
    responses(
        (status = OK, description = "A page of results (20 a page), or of changes", body = ProcedureList),
        (status = BAD_REQUEST, description = "`changed-since`, `after` or `limit` is malformed", body = ApiErrors),
        (status = SERVICE_UNAVAILABLE, description = "The database did not answer", body = ApiErrors),
    ),
)]
pub async fn list_procedures(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<ProcedureQuery>,
) -> Result<Json<ProcedureList>, ApiError> {
    let cursor = match (&query.after, &query.changed_since) {
        (Some(after), _) => ChangeCursor::parse(after.trim()).ok_or(ApiError::bad("after: the cursor a page gave"))?,
        (None, Some(since)) => ChangeCursor::since(moment(since.trim()).ok_or(ApiError::bad(
            "changed-since: a day (2026-12-01) or an RFC 3339 time (2026-12-01T08:00:00+07:00)",
        ))?),
        (None, None) => {
            let found =
                state.services.store.search_procedures(&query.filter()).await.or_unavailable("searching procedures")?;
            return Ok(Json(ProcedureList::Search(found)));
        }
    };
    Ok(Json(ProcedureList::Changes(changes(&state, cursor, query.limit.as_deref()).await?)))
}

/// Revisions a page of the catalogue's changes holds.
pub const CHANGES_PAGE: u32 = 100;

/// The catalogue's changes, oldest first, for a system that keeps a copy in step.
#[derive(Serialize, ToSchema)]
pub struct Changes {
    pub changes: Vec<Change>,
    /// The address of the next page, while there may be more; a copy that is in step keeps asking
    /// it later for what has changed since.
    pub next: String,
    /// Whether this page was the last one for now.
    pub complete: bool,
}

/// One revision of one procedure.
#[derive(Serialize, ToSchema)]
pub struct Change {
    pub code: String,
    pub name: String,
    pub revision: u32,
    pub recorded_at: DateTime<Utc>,
    pub status: ProcedureStatus,
    pub decision: Option<Decision>,
    /// The parts that differ from the revision before (none for a new procedure).
    pub changed: Vec<RecordPart>,
    /// The full record as it is now.
    pub url: String,
}

/// A page of the changes after `cursor`: `changed-since` (a day, from its start in Vietnam, or an
/// RFC 3339 time) starts reading them; `after` (the cursor a page ends with) goes on from where
/// the last page stopped; `limit` makes the pages smaller than 100.
async fn changes(state: &AppState, cursor: ChangeCursor, limit: Option<&str>) -> Result<Changes, ApiError> {
    let limit = match limit {
        None => CHANGES_PAGE,
        Some(n) => {
            n.trim().parse().ok().filter(|n| (1..=CHANGES_PAGE).contains(n)).ok_or(ApiError::bad("limit: 1 to 100"))?
        }
    };
    let page = state.services.store.changes_after(cursor, limit).await.or_unavailable("reading the changes")?;
    let complete = page.len() < limit as usize;
    let last = page.last().map_or(cursor, |(c, _)| *c);
    let changes = page
        .into_iter()
        .map(|(_, c)| Change {
            url: format!(
                "{}/api/v1/procedures/{}",
                state.public_url,
                civicdesk_app::components::encode(&c.procedure.code)
            ),
            code: c.procedure.code,
            name: c.procedure.name,
            revision: c.revision.number,
            recorded_at: c.revision.recorded_at,
            status: c.revision.status,
            decision: c.revision.decision,
            changed: c.revision.changed,
        })
        .collect();
    let mut next = format!(
        "{}/api/v1/procedures?after={}",
        state.public_url,
        civicdesk_app::components::encode(&last.to_string())
    );
    if limit != CHANGES_PAGE {
        next.push_str(&format!("&limit={limit}"));
    }
    Ok(Changes { changes, next, complete })
}

/// A day (from its start in Vietnam) or an RFC 3339 time.
fn moment(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(day) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(from_local(day.and_hms_opt(0, 0, 0)?));
    }
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

/// A procedure's full record.
///
/// Every field of the national database, with the record's change history.
#[utoipa::path(
    get,
    path = "/api/v1/procedures/{code}",
    operation_id = "getProcedure",
    tag = "directory",
    params(("code" = String, Path, description = "The procedure's code in the national database, e.g. `1.001193`", min_length = 1)),
    responses(
        (status = OK, description = "The record, newest revision first in its history", body = ProcedureDetail),
        (status = NOT_FOUND, description = "No procedure has this code", body = ApiErrors),
        (status = SERVICE_UNAVAILABLE, description = "The database did not answer", body = ApiErrors),
    ),
)]
pub async fn show_procedure(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<ProcedureDetail>, ApiError> {
    state
        .services
        .store
        .procedure(&code)
        .await
        .or_unavailable("loading a procedure")?
        .map(Json)
        .ok_or(ApiError::NotFound)
}
