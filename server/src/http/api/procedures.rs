//! `/api/v1`: the directory as JSON, with the same parameters as the pages.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use civicdesk_domain::calendar::from_local;
use civicdesk_domain::catalogue::{ChangeCursor, ProcedureDetail, ProcedureFilter};
use civicdesk_domain::procedure::{Decision, ProcedureStatus, RecordPart};
use serde::Serialize;

use super::ApiError;
use crate::http::edge::OrUnavailable;
use crate::state::AppState;

/// `GET /api/v1/procedures?q=&linh-vuc=&co-quan=&cap=&doi-tuong=&truc-tuyen=&tinh-trang=&trang=`;
/// with `changed-since=` (or `after=`), the catalogue's changes instead ([`changes`]).
pub async fn list_procedures(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let cursor = match (params.get("after"), params.get("changed-since")) {
        (Some(after), _) => {
            ChangeCursor::parse(after.trim()).ok_or(ApiError::BadRequest("after: the cursor a page gave"))?
        }
        (None, Some(since)) => ChangeCursor::since(moment(since.trim()).ok_or(ApiError::BadRequest(
            "changed-since: a day (2026-12-01) or an RFC 3339 time (2026-12-01T08:00:00+07:00)",
        ))?),
        (None, None) => {
            let filter = ProcedureFilter::from_params(|k| params.get(k).cloned());
            let found = state.services.store.search_procedures(&filter).await.or_unavailable("searching procedures")?;
            return Ok(Json(found).into_response());
        }
    };
    Ok(changes(&state, cursor, &params).await?.into_response())
}

/// Revisions a page of the catalogue's changes holds.
pub const CHANGES_PAGE: u32 = 100;

/// The catalogue's changes, oldest first, for a system that keeps a copy in step.
#[derive(Serialize)]
pub struct Changes {
    pub changes: Vec<Change>,
    /// The address of the next page, while there may be more; a copy that is in step keeps asking
    /// it later for what has changed since.
    pub next: String,
    /// Whether this page was the last one for now.
    pub complete: bool,
}

/// One revision of one procedure.
#[derive(Serialize)]
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
async fn changes(
    state: &AppState,
    cursor: ChangeCursor,
    params: &HashMap<String, String>,
) -> Result<Json<Changes>, ApiError> {
    let limit = match params.get("limit") {
        None => CHANGES_PAGE,
        Some(n) => n
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=CHANGES_PAGE).contains(n))
            .ok_or(ApiError::BadRequest("limit: 1 to 100"))?,
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
    Ok(Json(Changes { changes, next, complete }))
}

/// A day (from its start in Vietnam) or an RFC 3339 time.
fn moment(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(day) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(from_local(day.and_hms_opt(0, 0, 0)?));
    }
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

/// `GET /api/v1/procedures/{code}`: the full record with its change history.
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
