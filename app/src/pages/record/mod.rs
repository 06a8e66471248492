//! `/thong-ke`: the public record of how agencies receive and handle feedback, by reporting period
//! (Decree 09/2019 or calendar) or any range, for all agencies or one, a category and a channel;
//! the agencies ranked (`ranking`) and an agency's scorecard (`scorecard`). A plain GET form
//! chooses (`form`); the figures come from the running totals storage keeps, and every table is
//! defined once (`tables`) for the page and its download.

pub mod form;
pub mod ranking;
pub mod report;
pub mod scorecard;
pub mod tables;

use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::feedback::{Category, Channel};
use civicdesk_domain::procedure::FieldRef;
use civicdesk_domain::stats::{Basis, FieldFigures, Figures, Period, PeriodKind, RankBy, RecordView, Span};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::PageTitle;
use crate::components::chart::{Bar, Group, Series, Stroke, Tone, bar_chart, grouped_bar_chart};
use crate::components::figure_table::{band_badge, figure_table, rate_text};
use crate::components::{LoadFailed, table_region};
use crate::i18n::{Lang, date, fill, use_lang};
use form::{FormFor, RecordForm};

/// The longest free range, in days.
const MAX_RANGE_DAYS: i64 = 3 * 366;

/// The field filter's value for the cases that concern no procedure.
pub const NO_FIELD: &str = "khong";

/// What the address asks for, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordAsk {
    pub kind: Option<String>,
    pub period: Option<String>,
    pub basis: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub agency: Option<String>,
    pub field: Option<String>,
    pub category: Option<String>,
    pub channel: Option<String>,
    /// The rate the ranking orders by.
    pub by: Option<String>,
}

/// What is shown: the period or range chosen and its record, with the form's choices.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RecordPage {
    pub kind: PeriodKind,
    pub basis: Basis,
    pub period: Period,
    pub span: Span,
    /// Whether a free range replaced the period, or was asked for and refused.
    pub range: Option<Span>,
    pub bad_range: bool,
    pub periods: Vec<Period>,
    pub agency: Option<AgencyLink>,
    /// The field chosen (`Some(None)`: the cases that concern no procedure).
    pub field: Option<Option<FieldRef>>,
    pub category: Option<Category>,
    pub channel: Option<Channel>,
    pub agencies: Vec<AgencyLink>,
    pub fields: Vec<FieldRef>,
    pub view: RecordView,
    /// The same figures by field, where the page shows them.
    pub by_field: Vec<FieldFigures>,
    /// Each month's figures over the months the span touches, by the month's first day.
    pub months: Vec<(chrono::NaiveDate, Figures)>,
    pub by: RankBy,
    pub min_sample: u64,
    pub ask: RecordAsk,
}

/// The period, range and filters `ask` names, against `today`; what it names wrongly is left
/// out (a range, with `bad_range` set).
pub fn read_ask(ask: &RecordAsk, today: chrono::NaiveDate) -> (PeriodKind, Basis, Period, Option<Span>, bool) {
    let kind = ask.kind.as_deref().and_then(PeriodKind::parse).unwrap_or(PeriodKind::Quarter);
    let basis = ask.basis.as_deref().and_then(Basis::parse).unwrap_or_default();
    let period = ask
        .period
        .as_deref()
        .and_then(|key| Period::from_key(key, basis))
        .filter(|p| p.kind == kind)
        .unwrap_or_else(|| Period::containing(kind, basis, today));
    let day = |v: &Option<String>| {
        v.as_deref().filter(|s| !s.trim().is_empty()).map(|s| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d"))
    };
    let (range, bad) = match (day(&ask.from), day(&ask.to)) {
        (None, None) => (None, false),
        (Some(Ok(first)), Some(Ok(last))) => match Span::new(first, last).filter(|s| s.days() <= MAX_RANGE_DAYS) {
            Some(span) => (Some(span), false),
            None => (None, true),
        },
        _ => (None, true),
    };
    (kind, basis, period, range, bad)
}

/// The choice `ask` names (period, range, agency, category, channel) with the form's options,
/// and no figures yet.
#[cfg(feature = "ssr")]
pub async fn choice_page(
    services: &civicdesk_services::Services,
    ask: RecordAsk,
) -> civicdesk_domain::store::StoreResult<RecordPage> {
    /// How many periods of a kind the form offers, back from the current one.
    const PERIOD_CHOICES: usize = 12;
    let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
    let (kind, basis, period, range, bad_range) = read_ask(&ask, today);
    let agencies: Vec<AgencyLink> =
        services.store.agencies().await?.into_iter().map(|a| AgencyLink::of(&a.agency)).collect();
    let agency = ask.agency.as_deref().and_then(|slug| agencies.iter().find(|a| a.slug == slug)).cloned();
    let fields: Vec<FieldRef> = services.store.fields().await?.into_iter().map(|f| f.field).collect();
    let field = match ask.field.as_deref() {
        None | Some("") => None,
        Some(NO_FIELD) => Some(None),
        Some(code) => fields.iter().find(|f| f.code == code).cloned().map(Some),
    };
    let category = ask.category.as_deref().and_then(Category::parse).filter(|c| c.accepted());
    let channel = ask.channel.as_deref().and_then(Channel::parse);
    let by = ask.by.as_deref().and_then(RankBy::parse).unwrap_or_default();
    let span = range.unwrap_or_else(|| period.span());
    let mut periods = Vec::with_capacity(PERIOD_CHOICES);
    let mut p = Period::containing(kind, basis, today);
    for _ in 0..PERIOD_CHOICES {
        periods.push(p);
        p = p.previous();
    }
    Ok(RecordPage {
        kind,
        basis,
        period,
        span,
        range,
        bad_range,
        periods,
        agency,
        field,
        category,
        channel,
        agencies,
        fields,
        view: RecordView::default(),
        by_field: Vec::new(),
        months: Vec::new(),
        by,
        min_sample: services.record.min_sample,
        ask,
    })
}

impl RecordPage {
    /// What the page asks of the record, on `today`.
    #[cfg(feature = "ssr")]
    pub fn query(&self, today: chrono::NaiveDate) -> civicdesk_domain::store::RecordQuery {
        civicdesk_domain::store::RecordQuery {
            span: self.span,
            today,
            agency: self.agency.as_ref().map(|a| a.code.clone()),
            field: self.field.as_ref().map(|f| f.as_ref().map(|f| f.code.clone()).unwrap_or_default()),
            category: self.category,
            channel: self.channel,
            by: civicdesk_domain::store::RecordBy::Agency,
        }
    }
}

/// The page `ask` names with its figures by agency and the `parts` it shows besides, read on the
/// server (also by the tables' downloads).
#[cfg(feature = "ssr")]
pub async fn record_page(
    services: &civicdesk_services::Services,
    ask: RecordAsk,
    parts: civicdesk_services::record::Parts,
) -> civicdesk_domain::store::StoreResult<RecordPage> {
    let mut page = choice_page(services, ask).await?;
    let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
    let query = page.query(today);
    let read = services.record.page(&query, parts, &page.fields).await?;
    page.view = read.view;
    page.by_field = read.by_field;
    page.months = read.months;
    Ok(page)
}

#[server]
pub async fn load_record(ask: RecordAsk) -> Result<RecordPage, ServerFnError> {
    use crate::server::{services, storage_failed};
    record_page(&*services()?, ask, civicdesk_services::record::Parts::ALL).await.map_err(storage_failed)
}

/// The record by agency alone, as the ranking shows it.
#[server]
pub async fn load_ranking(ask: RecordAsk) -> Result<RecordPage, ServerFnError> {
    use crate::server::{services, storage_failed};
    record_page(&*services()?, ask, civicdesk_services::record::Parts::NONE).await.map_err(storage_failed)
}

/// What the address asks for, from its parameters.
pub fn ask_from_query(get: impl Fn(&str) -> Option<String>) -> RecordAsk {
    RecordAsk {
        kind: get("ky"),
        period: get("so"),
        basis: get("co-so"),
        from: get("tu"),
        to: get("den"),
        agency: get("co-quan"),
        field: get("linh-vuc"),
        category: get("loai"),
        channel: get("kenh"),
        by: get("theo"),
    }
}

#[component]
pub fn RecordPage() -> impl IntoView {
    let lang = use_lang();
    let r = lang.record();
    let query = use_query_map();
    let ask = move || query.with(|q| ask_from_query(|k| q.get(k)));
    let data = Resource::new(ask, load_record);
    view! {
        <PageTitle text=r.title />
        <h1>{r.title}</h1>
        <p class="lead">{r.lead}</p>
        <Suspense fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <RecordView page /> }.into_any(),
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The period's heading in `lang`: its name, or the range's days.
pub fn heading(page: &RecordPage, lang: Lang) -> String {
    let r = lang.record();
    match page.range {
        Some(_) => span_text(page, lang),
        None => (r.period_name)(page.period.kind, page.period.number, page.period.year),
    }
}

/// The days of the page's period or range, in `lang`.
pub fn span_text(page: &RecordPage, lang: Lang) -> String {
    let r = lang.record();
    fill(r.span, &[("first", &date(page.span.first)), ("last", &date(page.span.last))])
}

/// The period chosen, said in words, with how its days were counted.
#[component]
pub fn PeriodHeading(page: RecordPage) -> impl IntoView {
    let lang = use_lang();
    let r = lang.record();
    view! {
        <section aria-labelledby="ky-bao-cao">
            <h2 id="ky-bao-cao">{heading(&page, lang)}</h2>
            <p class="muted">{span_text(&page, lang)} ". " {(r.basis_note)(page.basis)}</p>
            {page.bad_range.then(|| view! { <p class="notice notice-error" role="alert">{r.bad_range}</p> })}
        </section>
    }
}

#[component]
fn RecordView(page: RecordPage) -> impl IntoView {
    let lang = use_lang();
    let r = lang.record();
    let c = page.view.total.counts.clone();
    let in_time = c.answered_early + c.answered_on_time;
    let outcomes = bar_chart(
        "ket-qua",
        r.outcomes_chart_title.to_owned(),
        fill(
            r.outcomes_summary,
            &[
                ("answered", &c.answered().to_string()),
                ("in_time", &in_time.to_string()),
                ("open", &c.open().to_string()),
                ("overdue", &c.open_overdue.to_string()),
            ],
        ),
        vec![
            Bar { label: r.answered_early.to_owned(), value: c.answered_early, tone: Tone::Good },
            Bar { label: r.answered_on_time.to_owned(), value: c.answered_on_time, tone: Tone::Good },
            Bar { label: r.answered_late.to_owned(), value: c.answered_late, tone: Tone::Bad },
            Bar { label: r.refused.to_owned(), value: c.refused, tone: Tone::Neutral },
            Bar { label: r.withdrawn.to_owned(), value: c.withdrawn, tone: Tone::Neutral },
            Bar { label: r.open_within.to_owned(), value: c.open_within, tone: Tone::Neutral },
            Bar { label: r.open_overdue.to_owned(), value: c.open_overdue, tone: Tone::Bad },
        ],
    );
    let trend = months_chart(&page, lang);
    let min = page.min_sample;
    let total = page.view.total.clone();
    let table = |name: &'static str, visible: bool| {
        tables::by_name(&page, lang, name)
            .map(|t| figure_table(t, visible, Some(tables::download_href(&page, lang, name))))
    };
    let rate = |label: &'static str, value: civicdesk_domain::stats::Rate, source: &'static str| {
        view! {
            <dt>{label}</dt>
            <dd>
                {rate_text(value, min)} " " {band_badge(value, min)}
                <p class="hint">{source}</p>
            </dd>
        }
    };
    view! {
        <RecordForm page=page.clone() form_for=FormFor::Record />
        <PeriodHeading page=page.clone() />
        <section aria-labelledby="tong-hop">
            <h2 id="tong-hop">{r.summary_title}</h2>
            <div class="record-summary">
                {outcomes}
                <div>{table(tables::SUMMARY, true)}</div>
            </div>
        </section>
        <section aria-labelledby="thoi-gian">
            <h2 id="thoi-gian">{r.days_title}</h2>
            <p>{r.days_intro}</p>
            {table(tables::DAYS, false)}
        </section>
        <section aria-labelledby="chi-so">
            <h2 id="chi-so">{r.rates_title}</h2>
            <p>{r.rates_intro}</p>
            <dl class="rates">
                {rate(r.on_time, total.on_time, r.on_time_source)}
                {rate(r.satisfaction, total.satisfaction, r.satisfaction_source)}
                {rate(r.published_promptly, total.published_promptly, r.published_promptly_source)}
            </dl>
            <p>
                <a href=tables::page_href(&page, lang, "/thong-ke/co-quan")>{r.ranking_link}</a>
                " · "
                <a href=lang.href("/thong-ke/bao-cao")>{r.report_link}</a>
                " · "
                <a href=lang.href("/thong-ke/khao-sat")>{lang.survey().results_link}</a>
            </p>
        </section>
        <section aria-labelledby="theo-kenh" class="record-breakdown">
            <h2 id="theo-kenh">{r.by_channel_title}</h2>
            {table(tables::BY_CHANNEL, false)}
            <h2>{r.by_category_title}</h2>
            {table(tables::BY_CATEGORY, false)}
            {(!c.refused_by_reason.is_empty()).then(|| view! {
                <h2>{r.by_reason_title}</h2>
                {table(tables::BY_REASON, false)}
            })}
        </section>
        <section aria-labelledby="theo-thang">
            <h2 id="theo-thang">{r.months_title}</h2>
            <p>{r.months_intro}</p>
            {trend}
            {table_region(r.months_region, table(tables::MONTHS, false))}
        </section>
        <section aria-labelledby="theo-co-quan">
            <h2 id="theo-co-quan">{r.agencies_title}</h2>
            <p>{r.agencies_intro}</p>
            {table_region(r.agencies_region, table(tables::AGENCIES, false))}
        </section>
        <section aria-labelledby="theo-linh-vuc">
            <h2 id="theo-linh-vuc">{r.fields_title}</h2>
            <p>{r.fields_intro}</p>
            {table_region(r.fields_region, table(tables::FIELDS, false))}
        </section>
    }
}

/// The months' trend: what was received and what was answered in each, with a sentence that
/// says the same.
fn months_chart(page: &RecordPage, lang: Lang) -> impl IntoView + use<> {
    let r = lang.record();
    let received: u64 = page.months.iter().map(|(_, f)| f.counts.received).sum();
    let answered: u64 = page.months.iter().map(|(_, f)| f.counts.answered()).sum();
    // The first of the busiest months.
    let busiest = page.months.iter().rev().max_by_key(|(_, f)| f.counts.received);
    let summary = fill(
        r.months_summary,
        &[
            ("months", &page.months.len().to_string()),
            ("received", &received.to_string()),
            ("answered", &answered.to_string()),
            ("busiest", &busiest.map(|(m, _)| tables::month_name(lang, *m)).unwrap_or_default()),
            ("most", &busiest.map_or(0, |(_, f)| f.counts.received).to_string()),
        ],
    );
    grouped_bar_chart(
        "theo-thang-bieu-do",
        r.months_title.to_owned(),
        summary,
        vec![
            Series { label: r.received.to_owned(), stroke: Stroke::Outline },
            Series { label: r.answered.to_owned(), stroke: Stroke::Solid },
        ],
        page.months
            .iter()
            .map(|(m, f)| Group {
                label: tables::month_name(lang, *m),
                values: vec![f.counts.received, f.counts.answered()],
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_address_names_a_period_or_a_range_and_nothing_else_breaks_it() {
        let today = d(2026, 3, 20);
        let (kind, basis, period, range, bad) = read_ask(&RecordAsk::default(), today);
        assert_eq!(
            (kind, basis, period.key(), range, bad),
            (PeriodKind::Quarter, Basis::Decree09, "2026-q2".into(), None, false)
        );
        let ask = RecordAsk {
            kind: Some("nam".into()),
            period: Some("2025".into()),
            basis: Some("lich".into()),
            ..RecordAsk::default()
        };
        let (_, _, period, _, _) = read_ask(&ask, today);
        assert_eq!(period.span(), Span::new(d(2025, 1, 1), d(2025, 12, 31)).unwrap());
        // A period of another kind than asked falls back to the current one of the kind.
        let ask = RecordAsk { kind: Some("thang".into()), period: Some("2025-q1".into()), ..RecordAsk::default() };
        assert_eq!(read_ask(&ask, today).2.key(), "2026-m04");
        let range =
            RecordAsk { from: Some("2026-01-05".into()), to: Some("2026-02-01".into()), ..RecordAsk::default() };
        assert_eq!(read_ask(&range, today).3, Span::new(d(2026, 1, 5), d(2026, 2, 1)));
        for (from, to) in
            [("2026-02-01", "2026-01-05"), ("<script>", "2026-01-01"), ("2020-01-01", "2026-01-01"), ("2026-01-01", "")]
        {
            let ask = RecordAsk { from: Some(from.into()), to: Some(to.into()), ..RecordAsk::default() };
            let (_, _, _, range, bad) = read_ask(&ask, today);
            assert_eq!((range, bad), (None, true), "{from} – {to}");
        }
    }
}
