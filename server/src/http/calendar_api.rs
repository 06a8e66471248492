//! The working-day calendar for everyone: `GET /api/v1/calendar/holidays?year=YYYY` and
//! `GET /api/v1/calendar/deadline?received=YYYY-MM-DDTHH:MM&term=N&unit=days|working_days[&agency=…]`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDateTime;
use civicdesk_app::i18n::Lang;
use civicdesk_app::i18n::staff::holiday_name;
use civicdesk_app::server::{DeadlineError, deadline_for};
use civicdesk_domain::calendar::{DayKind, Term, TermUnit};
use serde_json::json;

use crate::state::AppState;

fn bad(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}

fn kind_of(kind: DayKind) -> &'static str {
    match kind {
        DayKind::Statutory => "statutory",
        DayKind::Compensatory => "compensatory",
        DayKind::AnnouncedDayOff => "announced_day_off",
        DayKind::MakeUpWorkingDay => "make_up_working_day",
    }
}

pub async fn holidays(State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Response {
    let Some(year) = query.get("year").and_then(|y| y.parse::<i32>().ok()).filter(|y| (1900..=2199).contains(y)) else {
        return bad("year must be a year between 1900 and 2199");
    };
    let calendar = state.handlings.calendars().current();
    let days: Vec<_> = calendar
        .holidays(year)
        .iter()
        .map(
            |h| json!({ "date": h.date.to_string(), "name": holiday_name(Lang::Vi, &h.name), "kind": kind_of(h.kind) }),
        )
        .collect();
    Json(json!({ "year": year, "days": days })).into_response()
}

pub async fn deadline(State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Response {
    let Some(received) = query.get("received").and_then(|r| NaiveDateTime::parse_from_str(r, "%Y-%m-%dT%H:%M").ok())
    else {
        return bad("received must be a local time such as 2026-02-13T09:30");
    };
    let Some(amount) = query.get("term").and_then(|t| t.parse::<u32>().ok()).filter(|t| (1..=3650).contains(t)) else {
        return bad("term must be a whole number of days from 1 to 3650");
    };
    let unit = match query.get("unit").map(String::as_str) {
        Some("days") => TermUnit::Days,
        Some("working_days") => TermUnit::WorkingDays,
        _ => return bad("unit must be days or working_days"),
    };
    let calendar = state.handlings.calendars().current();
    let agency = query.get("agency").map(String::as_str).filter(|a| !a.is_empty());
    let (effective, due) =
        match deadline_for(state.store.as_ref(), &calendar, received, Term { amount, unit }, agency).await {
            Ok(dates) => dates,
            Err(DeadlineError::NoSuchAgency) => return bad("no such agency"),
            Err(DeadlineError::Store(error)) => {
                tracing::error!(%error, "loading an agency failed");
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        };
    Json(json!({ "received_effective": effective.to_string(), "due": due.to_string() })).into_response()
}
