//! The working-day calendar for everyone: `GET /api/v1/calendar/holidays?year=YYYY` and
//! `GET /api/v1/calendar/deadline?received=YYYY-MM-DDTHH:MM&term=N&unit=days|working_days[&agency=…]`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Query, State};
use chrono::NaiveDateTime;
use civicdesk_domain::calendar::{DayKind, Term, TermUnit};
use civicdesk_services::calendar::DeadlineError;
use civicdesk_texts::Lang;
use civicdesk_texts::staff::holiday_name;
use serde_json::json;

use super::ApiError;
use crate::http::edge::OrUnavailable;
use crate::state::AppState;

fn kind_of(kind: DayKind) -> &'static str {
    match kind {
        DayKind::Statutory => "statutory",
        DayKind::Compensatory => "compensatory",
        DayKind::AnnouncedDayOff => "announced_day_off",
        DayKind::MakeUpWorkingDay => "make_up_working_day",
    }
}

pub async fn holidays(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let Some(year) = query.get("year").and_then(|y| y.parse::<i32>().ok()).filter(|y| (1900..=2199).contains(y)) else {
        return Err(ApiError::BadRequest("year must be a year between 1900 and 2199"));
    };
    let calendar = state.services.calendars.current();
    let days: Vec<_> = calendar
        .holidays(year)
        .iter()
        .map(
            |h| json!({ "date": h.date.to_string(), "name": holiday_name(Lang::Vi, &h.name), "kind": kind_of(h.kind) }),
        )
        .collect();
    Ok(Json(json!({ "year": year, "days": days })))
}

pub async fn deadline(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let Some(received) = query.get("received").and_then(|r| NaiveDateTime::parse_from_str(r, "%Y-%m-%dT%H:%M").ok())
    else {
        return Err(ApiError::BadRequest("received must be a local time such as 2026-02-13T09:30"));
    };
    let Some(amount) = query.get("term").and_then(|t| t.parse::<u32>().ok()).filter(|t| (1..=3650).contains(t)) else {
        return Err(ApiError::BadRequest("term must be a whole number of days from 1 to 3650"));
    };
    let unit = match query.get("unit").map(String::as_str) {
        Some("days") => TermUnit::Days,
        Some("working_days") => TermUnit::WorkingDays,
        _ => return Err(ApiError::BadRequest("unit must be days or working_days")),
    };
    let agency = query.get("agency").map(String::as_str).filter(|a| !a.is_empty());
    let term = Term { amount, unit };
    let (effective, due) = match state.services.calendars.deadline(received, term, agency).await {
        Err(DeadlineError::NoSuchAgency) => return Err(ApiError::BadRequest("no such agency")),
        dates => dates.or_unavailable("loading an agency")?,
    };
    Ok(Json(json!({ "received_effective": effective.to_string(), "due": due.to_string() })))
}
