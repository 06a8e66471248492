//! An agency's scorecard, shown on its page (`/co-quan/{slug}`): the current reporting quarter's
//! Decision 766 rates with their intervals, bands and places, and where its open cases stand
//! today.

use civicdesk_domain::stats::{Period, Scorecard, Standing};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::figure_table::{band_badge, days_text, rate_text};
use crate::components::with_query;
use crate::i18n::{date, fill, use_lang};

/// A scorecard with the period it is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodScorecard {
    pub period: Period,
    pub card: Scorecard,
}

/// The scorecard of `agency` for the reporting quarter that holds today (Decree 09's cut-off).
#[cfg(feature = "ssr")]
pub async fn current_scorecard(
    services: &civicdesk_services::Services,
    agency: civicdesk_domain::catalogue::AgencyLink,
) -> civicdesk_domain::store::StoreResult<PeriodScorecard> {
    use civicdesk_domain::stats::{Basis, PeriodKind};
    let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
    let period = Period::containing(PeriodKind::Quarter, Basis::Decree09, today);
    let card = services.record.scorecard(agency, period.span(), today).await?;
    Ok(PeriodScorecard { period, card })
}

fn standing_text(standing: Option<Standing>) -> Option<String> {
    let r = use_lang().record();
    standing.map(|s| fill(r.standing, &[("place", &s.place.to_string()), ("of", &s.of.to_string())]))
}

#[component]
pub fn ScorecardSection(scorecard: PeriodScorecard) -> impl IntoView {
    let lang = use_lang();
    let (r, s) = (lang.record(), lang.staff());
    let PeriodScorecard { period, card } = scorecard;
    let min = card.min_sample;
    let span = period.span();
    let name = (r.period_name)(period.kind, period.number, period.year);
    let days = fill(r.span, &[("first", &date(span.first)), ("last", &date(span.last))]);
    let params = vec![
        ("ky", period.kind.as_str().to_owned()),
        ("so", period.key()),
        ("co-so", period.basis.as_str().to_owned()),
    ];
    let mut own = params.clone();
    own.push(("co-quan", card.agency.slug.clone()));
    let rate = |label: &'static str, value, standing: Option<Standing>| {
        view! {
            <dt>{label}</dt>
            <dd>
                {rate_text(value, min)} " " {band_badge(value, min)}
                {standing_text(standing).map(|t| view! { " · " <strong>{t}</strong> })}
            </dd>
        }
    };
    let f = &card.figures;
    let answer_days = f.days_to_answer();
    let open = card.open_today;
    use civicdesk_domain::workflow::DeadlineState;
    let open_rows = [
        (s.deadline_state(DeadlineState::OnTime), open.on_time),
        (s.deadline_state(DeadlineState::DueSoon), open.due_soon),
        (s.deadline_state(DeadlineState::Overdue), open.overdue),
        (s.deadline_state(DeadlineState::VeryOverdue), open.very_overdue),
        (r.paused, open.paused),
    ];
    view! {
        <section aria-labelledby="ket-qua-xu-ly" class="card scorecard">
            <h2 id="ket-qua-xu-ly">{r.scorecard_title} " — " {name}</h2>
            <p class="muted">{days} ". " {(r.basis_note)(period.basis)}</p>
            <dl class="rates">
                {rate(r.on_time, f.on_time, card.on_time_standing)}
                {rate(r.satisfaction, f.satisfaction, card.satisfaction_standing)}
                {rate(r.published_promptly, f.published_promptly, None)}
                <dt>{r.received}</dt>
                <dd>{f.counts.received}</dd>
                <dt>{r.answered}</dt>
                <dd>{f.counts.answered()}</dd>
                <dt>{r.days_median}</dt>
                <dd>{days_text(answer_days.map(|d| d.median))}</dd>
                <dt>{r.days_p90}</dt>
                <dd>
                    {days_text(answer_days.map(|d| d.p90))}
                    {answer_days.map(|d| view! { <p class="hint">{fill(r.days_over, &[("answers", &d.answers.to_string())])}</p> })}
                </dd>
            </dl>
            <h3>{r.open_today_title}</h3>
            <p class="hint">{r.open_today_intro}</p>
            <table class="figures">
                <caption class="visually-hidden">{r.open_today_title}</caption>
                <thead><tr><th scope="col">{r.figure_column}</th><th scope="col" class="num">{r.count_column}</th></tr></thead>
                <tbody>
                    {open_rows.into_iter().map(|(label, n)| view! { <tr><th scope="row">{label}</th><td class="num">{n}</td></tr> }).collect_view()}
                    <tr><th scope="row">{r.open_total}</th><td class="num">{open.total()}</td></tr>
                </tbody>
            </table>
            <p>
                <a href=with_query(&lang.href("/thong-ke"), &own)>{r.scorecard_more}</a>
                " · "
                <a href=with_query(&lang.href("/thong-ke/co-quan"), &params)>{r.ranking_link}</a>
                " · "
                <a href=with_query(&lang.href("/khao-sat"), &[("co-quan", card.agency.slug.clone())])>{lang.survey().survey_link}</a>
            </p>
        </section>
    }
}
