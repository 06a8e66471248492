//! `GET /api/v1/agencies/{slug}/scorecard?period=&basis=`: an agency's scorecard for a reporting
//! period (default the current quarter), the same figures as its page shows.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::stats::{Band, Basis, LONGEST_DAYS, Period, PeriodKind, Rate, Standing};
use serde_json::{Value, json};

use super::ApiError;
use crate::http::edge::OrUnavailable;
use crate::state::AppState;

fn band(band: Band) -> &'static str {
    match band {
        Band::Excellent => "excellent",
        Band::Between => "between",
        Band::Weak => "weak",
    }
}

/// A rate with its sample, and its share, interval and band where the sample is large enough.
fn rate(rate: Rate, min_sample: u64, standing: Option<Standing>) -> Value {
    let shown = rate.enough(min_sample);
    let round = |v: f64| (v * 1000.0).round() / 10.0;
    json!({
        "hits": rate.hits,
        "total": rate.total,
        "enough_cases": shown,
        "percent": rate.percent().filter(|_| shown).map(|p| (p * 10.0).round() / 10.0),
        "interval_95": rate.wilson().filter(|_| shown).map(|i| json!({ "low": round(i.low), "high": round(i.high) })),
        "band": rate.band(min_sample).map(band),
        "place": standing.map(|s| s.place),
        "ranked_agencies": standing.map(|s| s.of),
    })
}

pub async fn scorecard(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
    let basis = match params.get("basis").map(String::as_str) {
        None | Some("") => Basis::Decree09,
        Some(word) => Basis::parse(word).ok_or(ApiError::BadRequest("basis must be nghi-dinh-09 or lich"))?,
    };
    let period = match params.get("period").map(String::as_str) {
        None | Some("") => Period::containing(PeriodKind::Quarter, basis, today),
        Some(key) => Period::from_key(key, basis)
            .ok_or(ApiError::BadRequest("period must be a key such as 2026-m03, 2026-q1, 2026-h2 or 2026"))?,
    };
    let agency = state.services.store.agency(&slug).await.or_unavailable("finding an agency")?;
    let agency = agency.filter(|a| a.slug == slug).ok_or(ApiError::NotFound)?;
    let span = period.span();
    let card = state
        .services
        .record
        .scorecard(AgencyLink::of(&agency), span, today)
        .await
        .or_unavailable("reading a scorecard")?;
    let (c, min) = (&card.figures.counts, card.min_sample);
    let o = card.open_today;
    Ok(Json(json!({
        "agency": { "code": card.agency.code, "slug": card.agency.slug, "name": card.agency.name },
        "period": {
            "key": period.key(),
            "kind": period.kind.as_str(),
            "basis": period.basis.as_str(),
            "first": span.first.to_string(),
            "last": span.last.to_string(),
        },
        "min_sample": min,
        "counts": {
            "received": c.received,
            "carried_over": c.carried_over,
            "answered": c.answered(),
            "answered_early": c.answered_early,
            "answered_on_time": c.answered_on_time,
            "answered_late": c.answered_late,
            "refused": c.refused,
            "withdrawn": c.withdrawn,
            "transferred": c.transferred,
            "open_within": c.open_within,
            "open_overdue": c.open_overdue,
        },
        "on_time": rate(card.figures.on_time, min, card.on_time_standing),
        "satisfaction": rate(card.figures.satisfaction, min, card.satisfaction_standing),
        "published_within_2_working_days": rate(card.figures.published_promptly, min, None),
        "working_days_to_answer": card.figures.days_to_answer().map(|d| json!({
            "answers": d.answers,
            "median": d.median,
            "p90": d.p90,
        })),
        "working_days_counted_up_to": LONGEST_DAYS,
        "open_today": {
            "date": today.to_string(),
            "on_time": o.on_time,
            "due_soon": o.due_soon,
            "overdue": o.overdue,
            "very_overdue": o.very_overdue,
            "paused": o.paused,
            "total": o.total(),
        },
    })))
}
