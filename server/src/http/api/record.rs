//! `GET /api/v1/agencies/{slug}/scorecard?period=&basis=`: an agency's scorecard for a reporting
//! period (default the current quarter), the same figures as its page shows.

use axum::Json;
use axum::extract::{Path, State};
use chrono::NaiveDate;
use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::stats::{Band, Basis, LONGEST_DAYS, Period, PeriodKind, Rate, Standing};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, ApiErrors, ApiQuery};
use crate::http::edge::OrUnavailable;
use crate::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScorecardQuery {
    /// A period's key, from 2000 to 2100: a month `2026-m03`, a quarter `2026-q1`, a half
    /// `2026-h2` or a year `2026`; the current quarter when left out or empty.
    #[param(pattern = r"^((20[0-9]{2}|2100)(-(m(0[1-9]|1[0-2])|q[1-4]|h[12]))?)?$")]
    period: Option<String>,
    /// `nghi-dinh-09` (the state reporting regime's periods, Decree 09/2019 Art. 12: from the
    /// 15th of the month before the period to the 14th of its last month; the default) or `lich`
    /// (by the calendar).
    #[param(pattern = "^(nghi-dinh-09|lich)?$")]
    basis: Option<String>,
}

/// Where a rate stands against the province's bands.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RateBand {
    Excellent,
    Between,
    Weak,
}

impl From<Band> for RateBand {
    fn from(band: Band) -> Self {
        match band {
            Band::Excellent => RateBand::Excellent,
            Band::Between => RateBand::Between,
            Band::Weak => RateBand::Weak,
        }
    }
}

/// A share of cases: its counts always; its percentage, interval, band and place among the
/// agencies only when enough cases stand behind it.
#[derive(Serialize, ToSchema)]
pub struct RateFigure {
    pub hits: u64,
    pub total: u64,
    /// Whether `total` reaches the scorecard's `min_sample`.
    pub enough_cases: bool,
    /// To one decimal.
    pub percent: Option<f64>,
    /// The Wilson score interval at 95 %, in percent.
    pub interval_95: Option<PercentInterval>,
    pub band: Option<RateBand>,
    /// 1 for the best of the agencies ranked.
    pub place: Option<usize>,
    pub ranked_agencies: Option<usize>,
}

#[derive(Serialize, ToSchema)]
pub struct PercentInterval {
    pub low: f64,
    pub high: f64,
}

impl RateFigure {
    fn of(rate: Rate, min_sample: u64, standing: Option<Standing>) -> Self {
        let shown = rate.enough(min_sample);
        let round = |v: f64| (v * 1000.0).round() / 10.0;
        RateFigure {
            hits: rate.hits,
            total: rate.total,
            enough_cases: shown,
            percent: rate.percent().filter(|_| shown).map(|p| (p * 10.0).round() / 10.0),
            interval_95: rate
                .wilson()
                .filter(|_| shown)
                .map(|i| PercentInterval { low: round(i.low), high: round(i.high) }),
            band: rate.band(min_sample).map(RateBand::from),
            place: standing.map(|s| s.place),
            ranked_agencies: standing.map(|s| s.of),
        }
    }
}

/// An agency's figures for one reporting period.
#[derive(Serialize, ToSchema)]
pub struct ScorecardJson {
    pub agency: AgencyLink,
    pub period: PeriodJson,
    /// The fewest cases a rate is shown for.
    pub min_sample: u64,
    pub counts: CountsJson,
    /// Answered within the legal term, of those answered.
    pub on_time: RateFigure,
    /// Satisfied, of the submitters who rated the answer.
    pub satisfaction: RateFigure,
    /// Published within two working days of the answer.
    pub published_within_2_working_days: RateFigure,
    pub working_days_to_answer: Option<DaysJson>,
    /// Longer answers are counted as this many working days.
    pub working_days_counted_up_to: u32,
    /// The agency's open cases today, by where they stand against their deadline.
    pub open_today: OpenTodayJson,
}

#[derive(Serialize, ToSchema)]
pub struct PeriodJson {
    pub key: String,
    /// `thang` (month), `quy` (quarter), `6-thang` (half-year) or `nam` (year).
    pub kind: String,
    pub basis: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

#[derive(Serialize, ToSchema)]
pub struct CountsJson {
    pub received: u64,
    /// Still open when the period began.
    pub carried_over: u64,
    pub answered: u64,
    pub answered_early: u64,
    pub answered_on_time: u64,
    pub answered_late: u64,
    pub refused: u64,
    pub withdrawn: u64,
    pub transferred: u64,
    /// Open at the period's end, within their term.
    pub open_within: u64,
    /// Open at the period's end, past their term.
    pub open_overdue: u64,
}

#[derive(Serialize, ToSchema)]
pub struct DaysJson {
    pub answers: u64,
    pub median: u32,
    pub p90: u32,
}

#[derive(Serialize, ToSchema)]
pub struct OpenTodayJson {
    pub date: NaiveDate,
    pub on_time: u64,
    /// Two working days or fewer left.
    pub due_soon: u64,
    pub overdue: u64,
    /// Late by more than the term itself.
    pub very_overdue: u64,
    /// Waiting for the submitter's information.
    pub paused: u64,
    pub total: u64,
}

/// An agency's scorecard for a reporting period.
///
/// The counts of the period, the rates on time, of satisfaction and of prompt publication with
/// their intervals and places among the agencies, and the agency's open cases today: the figures
/// its page shows.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{slug}/scorecard",
    operation_id = "getScorecard",
    tag = "record",
    params(("slug" = String, Path, description = "The agency's slug, as in `/co-quan/{slug}`", min_length = 1), ScorecardQuery),
    responses(
        (status = OK, description = "The scorecard", body = ScorecardJson),
        (status = BAD_REQUEST, description = "`period` or `basis` is malformed", body = ApiErrors),
        (status = NOT_FOUND, description = "No agency has this slug", body = ApiErrors),
        (status = SERVICE_UNAVAILABLE, description = "The database did not answer", body = ApiErrors),
    ),
)]
pub async fn scorecard(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(query): ApiQuery<ScorecardQuery>,
) -> Result<Json<ScorecardJson>, ApiError> {
    let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
    let basis = match query.basis.as_deref() {
        None | Some("") => Basis::Decree09,
        Some(word) => Basis::parse(word).ok_or(ApiError::bad("basis must be nghi-dinh-09 or lich"))?,
    };
    let period = match query.period.as_deref() {
        None | Some("") => Period::containing(PeriodKind::Quarter, basis, today),
        Some(key) => Period::from_key(key, basis)
            .ok_or(ApiError::bad("period must be a key such as 2026-m03, 2026-q1, 2026-h2 or 2026"))?,
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
    Ok(Json(ScorecardJson {
        agency: card.agency,
        period: PeriodJson {
            key: period.key(),
            kind: period.kind.as_str().to_owned(),
            basis: period.basis.as_str().to_owned(),
            first: span.first,
            last: span.last,
        },
        min_sample: min,
        counts: CountsJson {
            received: c.received,
            carried_over: c.carried_over,
            answered: c.answered(),
            answered_early: c.answered_early,
            answered_on_time: c.answered_on_time,
            answered_late: c.answered_late,
            refused: c.refused,
            withdrawn: c.withdrawn,
            transferred: c.transferred,
            open_within: c.open_within,
            open_overdue: c.open_overdue,
        },
        on_time: RateFigure::of(card.figures.on_time, min, card.on_time_standing),
        satisfaction: RateFigure::of(card.figures.satisfaction, min, card.satisfaction_standing),
        published_within_2_working_days: RateFigure::of(card.figures.published_promptly, min, None),
        working_days_to_answer: card.figures.days_to_answer().map(|d| DaysJson {
            answers: d.answers,
            median: d.median,
            p90: d.p90,
        }),
        working_days_counted_up_to: LONGEST_DAYS,
        open_today: OpenTodayJson {
            date: today,
            on_time: o.on_time,
            due_soon: o.due_soon,
            overdue: o.overdue,
            very_overdue: o.very_overdue,
            paused: o.paused,
            total: o.total(),
        },
    }))
}
