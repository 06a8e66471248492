//! The deadline calculator (`/tinh-han`): when something received at a given time is due, in
//! days or working days, and the year's days off. The same rules as the cases' own deadlines
//! and as `GET /api/v1/calendar/deadline`.

use civicdesk_domain::calendar::{DayKind, Holiday};
use civicdesk_domain::catalogue::AgencyLink;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::PageTitle;
use crate::components::LoadFailed;
use crate::i18n::{date, fill, staff::holiday_name, use_lang, use_texts};

/// The calculator's query string as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CalcQuery {
    /// `YYYY-MM-DDTHH:MM`, local time.
    pub received: String,
    pub term: String,
    /// `days` or `working_days`.
    pub unit: String,
    pub agency: String,
    pub year: String,
}

/// A field the calculator could not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CalcProblem {
    Received,
    Term,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalcData {
    pub agencies: Vec<AgencyLink>,
    /// The day counting starts from and the due day, when asked and readable.
    pub result: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    pub problems: Vec<CalcProblem>,
    pub year: i32,
    pub holidays: Vec<Holiday>,
}

#[server]
pub async fn calculate(query: CalcQuery) -> Result<CalcData, ServerFnError> {
    use chrono::Datelike;
    use civicdesk_domain::calendar::{Term, TermUnit};

    use civicdesk_services::calendar::DeadlineError;

    use crate::server::{services, storage_failed, today};
    let services = services()?;
    let store = services.store.clone();
    let calendar = services.calendars.current();
    let agencies: Vec<AgencyLink> = crate::server::agency_links(store.as_ref()).await?;
    let received = chrono::NaiveDateTime::parse_from_str(query.received.trim(), "%Y-%m-%dT%H:%M").ok();
    let term = query.term.trim().parse::<u32>().ok().filter(|t| (1..=3650).contains(t));
    let unit = if query.unit == "days" { TermUnit::Days } else { TermUnit::WorkingDays };
    let asked = !query.received.is_empty() || !query.term.is_empty();
    let mut problems = Vec::new();
    if asked && received.is_none() {
        problems.push(CalcProblem::Received);
    }
    if asked && term.is_none() {
        problems.push(CalcProblem::Term);
    }
    let agency = agencies.iter().find(|a| a.code == query.agency || a.slug == query.agency).map(|a| a.code.clone());
    let result = match (received, term) {
        (Some(received), Some(amount)) => {
            match services.calendars.deadline(received, Term { amount, unit }, agency.as_deref()).await {
                Ok(dates) => Some(dates),
                Err(DeadlineError::NoSuchAgency) => None,
                Err(DeadlineError::Store(e)) => return Err(storage_failed(e)),
            }
        }
        _ => None,
    };
    let year = query
        .year
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2199).contains(y))
        .or_else(|| received.map(|r| r.year()))
        .unwrap_or_else(|| today().year());
    let holidays = calendar.holidays(year).as_ref().clone();
    Ok(CalcData { agencies, result, problems, year, holidays })
}

#[component]
pub fn CalculatorPage() -> impl IntoView {
    let t = use_texts();
    let s = use_lang().staff();
    let query = use_query_map();
    let read = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        CalcQuery {
            received: get("nhan"),
            term: get("han"),
            unit: get("don-vi"),
            agency: get("co-quan"),
            year: get("nam"),
        }
    };
    let data = Resource::new(read, calculate);
    view! {
        <PageTitle text=s.calc_title />
        <h1>{s.calc_title}</h1>
        <p class="lead">{s.calc_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let asked = read();
                match data.await {
                    Ok(data) => view! { <Calculator data asked /> }.into_any(),
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Calculator(data: CalcData, asked: CalcQuery) -> impl IntoView {
    let lang = use_lang();
    let s = lang.staff();
    let has = |p: CalcProblem| data.problems.contains(&p);
    let unit = if asked.unit.is_empty() { "working_days".to_owned() } else { asked.unit.clone() };
    let term = if asked.term.is_empty() { "20".to_owned() } else { asked.term.clone() };
    let bad_received = has(CalcProblem::Received);
    let bad_term = has(CalcProblem::Term);
    view! {
        <form method="get" action=lang.href("/tinh-han") class="calc-form">
            <div class="field" class:field-invalid=bad_received>
                <label for="f-calc-received">{s.calc_received}</label>
                <p class="hint" id="f-calc-received-hint">{s.calc_received_hint}</p>
                {bad_received.then(|| view! { <p class="field-error" id="f-calc-received-error">{s.calc_bad_received}</p> })}
                <input id="f-calc-received" name="nhan" type="datetime-local" required value=asked.received.clone()
                    aria-describedby="f-calc-received-hint f-calc-received-error" aria-invalid=bad_received.then_some("true") />
            </div>
            <div class="field-pair">
                <div class="field" class:field-invalid=bad_term>
                    <label for="f-calc-term">{s.calc_term}</label>
                    {bad_term.then(|| view! { <p class="field-error" id="f-calc-term-error">{s.calc_bad_term}</p> })}
                    <input id="f-calc-term" name="han" type="number" min="1" max="3650" required value=term
                        inputmode="numeric" aria-describedby="f-calc-term-error" aria-invalid=bad_term.then_some("true") />
                </div>
                <div class="field">
                    <label for="f-calc-unit">{s.calc_unit}</label>
                    <select id="f-calc-unit" name="don-vi">
                        <option value="working_days" selected=unit == "working_days">{s.working_days}</option>
                        <option value="days" selected=unit == "days">{s.days}</option>
                    </select>
                </div>
            </div>
            <div class="field">
                <label for="f-calc-agency">{s.calc_agency}</label>
                <select id="f-calc-agency" name="co-quan">
                    <option value="">{s.calc_agency_default}</option>
                    {data.agencies.iter().map(|a| view! {
                        <option value=a.slug.clone() selected=asked.agency == a.slug || asked.agency == a.code>{a.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <p><button type="submit" class="button">{s.calc_submit}</button></p>
        </form>
        {data.result.map(|(effective, due)| view! {
            <section class="calc-result" aria-live="polite">
                <h2>{s.calc_result_title}</h2>
                <dl class="facts">
                    <dt>{s.calc_effective}</dt>
                    <dd id="calc-effective">{date(effective)}</dd>
                    <dt>{s.calc_due}</dt>
                    <dd id="calc-due"><strong>{date(due)}</strong></dd>
                </dl>
                <p class="hint">{s.calc_rules}</p>
            </section>
        })}
        <section>
            <h2>{fill(s.calc_holidays, &[("year", &data.year.to_string())])}</h2>
            <table class="holidays">
                <tbody>
                    {data.holidays.iter().map(|h| view! {
                        <tr class:make-up=h.kind == DayKind::MakeUpWorkingDay>
                            <td><time datetime=h.date.to_string()>{date(h.date)}</time></td>
                            <td>{holiday_name(lang, &h.name)}</td>
                            <td class="muted">{s.day_kind(h.kind)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <nav class="pagination" aria-label=s.calc_year>
                <a href=format!("{}?nam={}", lang.href("/tinh-han"), data.year - 1)>{(data.year - 1).to_string()}</a>
                <a href=format!("{}?nam={}", lang.href("/tinh-han"), data.year + 1)>{(data.year + 1).to_string()}</a>
            </nav>
        </section>
    }
}
