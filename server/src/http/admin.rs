//! `POST /quan-tri`: the administrators' forms, named by their `action` field. Each answers with
//! a redirect back to the page, or shows the page again with the form as filled and why it was
//! refused.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use civicdesk_app::pages::staff::ActionPosted;
use civicdesk_domain::calendar::{DayKind, DayOverride, Term, TermUnit};
use civicdesk_domain::feedback::{Category, RoutingRule};
use civicdesk_domain::store::StoreError;
use civicdesk_domain::workflow::{Role, TermRule};

use super::feedback::{PostedParts, read_form, render};
use crate::auth::{self, Signed};
use crate::startup::AppState;

/// Why a form was refused: the word the page explains.
enum Refused {
    Problem(&'static str),
    Store(StoreError),
}

impl From<StoreError> for Refused {
    fn from(e: StoreError) -> Self {
        Refused::Store(e)
    }
}

fn required(parts: &PostedParts, field: &str) -> Result<String, Refused> {
    Some(parts.get(field).trim().to_owned()).filter(|v| !v.is_empty()).ok_or(Refused::Problem("noi-dung"))
}

fn optional(parts: &PostedParts, field: &str) -> Option<String> {
    Some(parts.get(field).trim().to_owned()).filter(|v| !v.is_empty())
}

fn day(parts: &PostedParts) -> Result<NaiveDate, Refused> {
    NaiveDate::parse_from_str(parts.get("date").trim(), "%Y-%m-%d").map_err(|_| Refused::Problem("ngay"))
}

async fn agency(state: &AppState, parts: &PostedParts) -> Result<String, Refused> {
    let code = required(parts, "agency").map_err(|_| Refused::Problem("co-quan"))?;
    state.store.agency_ref(&code).await?.map(|a| a.code).ok_or(Refused::Problem("co-quan"))
}

fn category(parts: &PostedParts) -> Result<Option<Category>, Refused> {
    match optional(parts, "category") {
        None => Ok(None),
        Some(c) => Category::parse(&c).filter(|c| c.accepted()).map(Some).ok_or(Refused::Problem("noi-dung")),
    }
}

/// Does what the form asks.
async fn apply(state: &AppState, action: &str, parts: &PostedParts) -> Result<(), Refused> {
    let store = state.store.as_ref();
    match action {
        "add_day" => {
            let kind =
                if parts.get("kind") == "working_day" { DayKind::MakeUpWorkingDay } else { DayKind::AnnouncedDayOff };
            let override_ = DayOverride { date: day(parts)?, kind, note: required(parts, "note")? };
            store.save_calendar_day(&override_).await?;
            state.handlings.calendars().reload().await?;
        }
        "delete_day" => {
            store.delete_calendar_day(day(parts)?).await?;
            state.handlings.calendars().reload().await?;
        }
        "add_term" => {
            let amount = parts
                .get("amount")
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|a| (1..=365).contains(a))
                .ok_or(Refused::Problem("thoi-han"))?;
            let unit = if parts.get("unit") == "working_days" { TermUnit::WorkingDays } else { TermUnit::Days };
            let agency = match optional(parts, "agency") {
                None => None,
                Some(_) => Some(agency(state, parts).await?),
            };
            store.save_term_rule(&TermRule { agency, category: category(parts)?, term: Term { amount, unit } }).await?;
        }
        "add_account" => {
            let role = Role::parse(&parts.get("role")).ok_or(Refused::Problem("noi-dung"))?;
            let agency = agency(state, parts).await?;
            let name = required(parts, "name")?;
            let email = parts.get("email").trim().to_lowercase();
            if civicdesk_domain::feedback::normalise_email(&email).is_none() {
                return Err(Refused::Problem("email"));
            }
            if parts.get("password").chars().count() < auth::MIN_PASSWORD {
                return Err(Refused::Problem("mat-khau"));
            }
            if store.official_by_email(&email).await?.is_some() {
                return Err(Refused::Problem("trung"));
            }
            auth::create_official(store, &email, &name, role, &agency, &parts.get("password")).await.map_err(
                |error| {
                    tracing::error!(%error, "creating an account failed");
                    Refused::Problem("noi-dung")
                },
            )?;
        }
        "add_template" => {
            let agency = agency(state, parts).await?;
            store.save_template(&agency, &required(parts, "title")?, &required(parts, "body")?).await?;
        }
        "add_rule" => {
            let rule = RoutingRule {
                id: 0,
                category: category(parts)?,
                area: optional(parts, "area"),
                agency: agency(state, parts).await?,
            };
            if let Some(area) = &rule.area
                && !store.areas().await?.iter().any(|a| &a.code == area)
            {
                return Err(Refused::Problem("noi-dung"));
            }
            store.save_routing_rule(&rule, parts.get("note").trim()).await?;
        }
        _ => return Err(Refused::Problem("hanh-dong")),
    }
    Ok(())
}

/// `POST /quan-tri`
pub async fn act(
    State(state): State<AppState>,
    signed: Signed,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = super::prefix(&uri);
    let parts = read_form(request).await;
    if !super::staff::genuine(&parts, &signed) {
        return StatusCode::FORBIDDEN.into_response();
    }
    if signed.session.official.role != Role::Admin {
        return StatusCode::NOT_FOUND.into_response();
    }
    let action = parts.get("action");
    match apply(&state, &action, &parts).await {
        Ok(()) => Redirect::to(&format!("{lang}/quan-tri?xong={action}")).into_response(),
        Err(Refused::Problem(problem)) => {
            // Passwords are never sent back to the page.
            let fields = parts.fields.into_iter().filter(|(name, _)| name != "csrf" && name != "password").collect();
            let posted = ActionPosted { action, fields, problem: problem.to_owned() };
            render(&state, format!("{lang}/quan-tri"), Some(&headers), posted, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(Refused::Store(error)) => {
            tracing::error!(%error, "an administration change failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
