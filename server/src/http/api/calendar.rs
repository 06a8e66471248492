//! The working-day calendar for everyone: `GET /api/v1/calendar/holidays?year=YYYY` and
//! `GET /api/v1/calendar/deadline?received=YYYY-MM-DDTHH:MM&term=N&unit=days|working_days[&agency=…]`.

use axum::Json;
use axum::extract::State;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use civicdesk_domain::calendar::{DayKind, Term, TermUnit};
use civicdesk_services::calendar::DeadlineError;
use civicdesk_texts::Lang;
use civicdesk_texts::staff::holiday_name;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, ApiErrors, ApiQuery};
use crate::http::edge::OrUnavailable;
use crate::state::AppState;

/// What kind of day off (or working day) a calendar entry is.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A public holiday the Labour Code names.
    Statutory,
    /// A working day off in place of a holiday that fell on a weekend.
    Compensatory,
    /// A day off the government announced for the year.
    AnnouncedDayOff,
    /// A Saturday or Sunday worked to make up for an announced day off.
    MakeUpWorkingDay,
}

impl From<DayKind> for HolidayKind {
    fn from(kind: DayKind) -> Self {
        match kind {
            DayKind::Statutory => HolidayKind::Statutory,
            DayKind::Compensatory => HolidayKind::Compensatory,
            DayKind::AnnouncedDayOff => HolidayKind::AnnouncedDayOff,
            DayKind::MakeUpWorkingDay => HolidayKind::MakeUpWorkingDay,
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// A year from 1900 to 2199.
    #[param(value_type = i32, minimum = 1900, maximum = 2199)]
    year: String,
}

/// The days of a year that are not ordinary: holidays, days in lieu, days off and make-up days.
#[derive(Serialize, ToSchema)]
pub struct Holidays {
    pub year: i32,
    pub days: Vec<Holiday>,
}

#[derive(Serialize, ToSchema)]
pub struct Holiday {
    pub date: NaiveDate,
    /// Its name in Vietnamese.
    pub name: String,
    pub kind: HolidayKind,
}

/// A year's holidays and days off.
///
/// Lunar holidays included, with the days off and make-up working days the administrators
/// entered as the government announced them.
#[utoipa::path(
    get,
    path = "/api/v1/calendar/holidays",
    operation_id = "getHolidays",
    tag = "calendar",
    params(YearQuery),
    responses(
        (status = OK, description = "The year's days, in date order", body = Holidays),
        (status = BAD_REQUEST, description = "`year` is missing or out of range", body = ApiErrors),
    ),
)]
pub async fn holidays(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<YearQuery>,
) -> Result<Json<Holidays>, ApiError> {
    let Some(year) = query.year.parse::<i32>().ok().filter(|y| YEARS.contains(y)) else {
        return Err(ApiError::bad("year must be a year between 1900 and 2199"));
    };
    let calendar = state.services.calendars.current();
    let days = calendar
        .holidays(year)
        .iter()
        .map(|h| Holiday { date: h.date, name: holiday_name(Lang::Vi, &h.name), kind: h.kind.into() })
        .collect();
    Ok(Json(Holidays { year, days }))
}

/// The years the calendar knows (its lunar tables' span).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// How a term is counted.
#[derive(Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitParam {
    /// Calendar days.
    Days,
    /// Working days: not weekends, holidays or days off, counting make-up working days.
    WorkingDays,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeadlineQuery {
    /// When the matter was received, local time to the minute, from 1900 to 2199:
    /// `2026-02-13T09:30`.
    #[param(
        pattern = r"^(19|20|21)[0-9]{2}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)T([01][0-9]|2[0-3]):[0-5][0-9]$"
    )]
    received: String,
    /// The legal term, 1 to 3650.
    #[param(value_type = u32, minimum = 1, maximum = 3650)]
    term: String,
    #[param(inline)]
    unit: UnitParam,
    /// An agency's code or slug, to count from its own cut-off time.
    agency: Option<String>,
}

/// When a legal term ends.
#[derive(Serialize, ToSchema)]
pub struct Deadline {
    /// The day the count starts from: the day of receipt before the agency's cut-off (17:00
    /// unless it set another), otherwise the next working day.
    pub received_effective: NaiveDate,
    /// The last day of the term.
    pub due: NaiveDate,
}

/// When a legal term ends.
///
/// Counted from a moment of receipt, in working days (without weekends, Vietnamese holidays,
/// lunar ones included, and announced days off) or in calendar days.
#[utoipa::path(
    get,
    path = "/api/v1/calendar/deadline",
    operation_id = "getDeadline",
    tag = "calendar",
    params(DeadlineQuery),
    responses(
        (status = OK, description = "The term's start and end", body = Deadline),
        (status = BAD_REQUEST, description = "A parameter is missing or malformed, or no agency has that code", body = ApiErrors),
        (status = SERVICE_UNAVAILABLE, description = "The database did not answer", body = ApiErrors),
    ),
)]
pub async fn deadline(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<DeadlineQuery>,
) -> Result<Json<Deadline>, ApiError> {
    let Some(received) = NaiveDateTime::parse_from_str(&query.received, "%Y-%m-%dT%H:%M")
        .ok()
        .filter(|r| YEARS.contains(&r.date().year()))
    else {
        return Err(ApiError::bad("received must be a local time from 1900 to 2199 such as 2026-02-13T09:30"));
    };
    let Some(amount) = query.term.parse::<u32>().ok().filter(|t| (1..=3650).contains(t)) else {
        return Err(ApiError::bad("term must be a whole number of days from 1 to 3650"));
    };
    let unit = match query.unit {
        UnitParam::Days => TermUnit::Days,
        UnitParam::WorkingDays => TermUnit::WorkingDays,
    };
    let agency = query.agency.as_deref().filter(|a| !a.is_empty());
    let term = Term { amount, unit };
    let (effective, due) = match state.services.calendars.deadline(received, term, agency).await {
        Err(DeadlineError::NoSuchAgency) => return Err(ApiError::bad("no such agency")),
        dates => dates.or_unavailable("loading an agency")?,
    };
    Ok(Json(Deadline { received_effective: effective, due }))
}
