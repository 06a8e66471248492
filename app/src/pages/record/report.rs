//! `/thong-ke/bao-cao`: the periodic report (quarter, six months, year) in the shape of the
//! national reporting form (Circular 01/2020/TT-VPCP, form 06) adapted to feedback: a row for
//! every agency, grouped by level with each group's subtotal, and a totals row that is the sum of
//! the rows. Printable on A4 landscape, and downloaded as CSV or XLSX from the same table.

use civicdesk_domain::agency::AgencyLevel;
use civicdesk_domain::feedback::Channel;
use civicdesk_domain::stats::{AgencyFigures, Figures, PeriodKind, Rate};
use civicdesk_texts::Lang;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::form::{FormFor, RecordForm};
use super::{RecordAsk, RecordPage, ask_from_query, heading, span_text, tables};
use crate::components::figure_table::{Cell, Column, FigureTable, Row, figure_table};
use crate::components::{LoadFailed, table_region};
use crate::i18n::{date, fill, use_lang};
use crate::islands::print_button::PrintButton;
use crate::pages::PageTitle;

/// The report's name in its downloads' addresses.
pub const REPORT: &str = "bao-cao";

/// The agencies of one level, by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportGroup {
    pub level: AgencyLevel,
    pub agencies: Vec<AgencyFigures>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReportPage {
    pub record: RecordPage,
    pub groups: Vec<ReportGroup>,
    /// The province the report is for: the area at the top of the set-up, when there is one
    /// (otherwise the portal's own name for where it serves, [`province`]).
    pub province: Option<String>,
    pub made_on: chrono::NaiveDate,
    /// Each agency's survey answers on overall satisfaction (by code): Decision 766's
    /// "satisfaction with procedures" while there are no case files to count it from.
    pub surveyed: Vec<(String, Rate)>,
}

/// What a report's address may choose: the kind of period (not a month), the period and its
/// basis; nothing narrows it.
pub fn report_ask(ask: RecordAsk) -> RecordAsk {
    let kind = ask.kind.filter(|k| PeriodKind::parse(k).is_some_and(|k| PeriodKind::REPORTED.contains(&k)));
    RecordAsk { kind, period: ask.period, basis: ask.basis, ..RecordAsk::default() }
}

/// The report `ask` names, read on the server (also by its downloads).
#[cfg(feature = "ssr")]
pub async fn report_page(
    services: &civicdesk_services::Services,
    ask: RecordAsk,
) -> civicdesk_domain::store::StoreResult<ReportPage> {
    let record = super::record_page(services, report_ask(ask), civicdesk_services::record::Parts::FIELDS).await?;
    let agencies = services.store.agencies().await?;
    let level_of = |code: &str| agencies.iter().find(|a| a.agency.code == code).map(|a| a.agency.level);
    let groups = AgencyLevel::ALL
        .into_iter()
        .map(|level| ReportGroup {
            level,
            agencies: record
                .view
                .agencies
                .iter()
                .filter(|a| level_of(&a.agency.code).unwrap_or(AgencyLevel::Province) == level)
                .cloned()
                .collect(),
        })
        .filter(|g| !g.agencies.is_empty())
        .collect();
    let roots: Vec<String> =
        services.store.areas().await?.into_iter().filter(|a| a.parent.is_none()).map(|a| a.name).collect();
    // Several areas without a parent are wards or communes side by side, not a province.
    let province = <[String; 1]>::try_from(roots).ok().map(|[name]| name);
    let made_on = civicdesk_domain::calendar::local_day(chrono::Utc::now());
    let surveyed = services
        .surveys
        .results(record.span, None)
        .await?
        .agencies
        .into_iter()
        .map(|(a, results)| (a.code, results.of(civicdesk_domain::survey::Question::Overall).satisfied()))
        .collect();
    Ok(ReportPage { record, groups, province, made_on, surveyed })
}

#[server]
pub async fn load_report(ask: RecordAsk) -> Result<ReportPage, ServerFnError> {
    use crate::server::{services, storage_failed};
    report_page(&*services()?, ask).await.map_err(storage_failed)
}

/// The name of the province the report is for, in `lang`.
pub fn province(page: &ReportPage, lang: Lang) -> String {
    page.province.clone().unwrap_or_else(|| lang.texts().portal_tagline.to_owned())
}

/// The report's title lines, as printed above its table and written above a spreadsheet's.
pub fn title_lines(page: &ReportPage, lang: Lang) -> Vec<String> {
    let r = lang.record();
    let record = &page.record;
    let mut lines = Vec::new();
    lines.push(province(page, lang));
    lines.push(r.report_title.to_owned());
    lines.push(format!("{} ({}). {}", heading(record, lang), span_text(record, lang), (r.basis_note)(record.basis)));
    lines.push(fill(r.report_made_on, &[("date", &date(page.made_on))]));
    lines
}

/// The cells of one row of the report, in the order of [`columns`].
fn cells(f: &Figures, surveyed: Rate) -> Vec<Cell> {
    let c = &f.counts;
    let by = |channels: &[Channel]| {
        c.received_by_channel.iter().filter(|(ch, _)| channels.contains(ch)).map(|(_, n)| n).sum::<u64>()
    };
    vec![
        Cell::count(c.carried_over + c.received),
        Cell::count(by(&[Channel::Web, Channel::Api, Channel::Email])),
        Cell::count(by(&[Channel::Phone, Channel::Paper])),
        Cell::count(c.carried_over),
        Cell::count(c.answered()),
        Cell::count(c.answered_early),
        Cell::count(c.answered_on_time),
        Cell::count(c.answered_late),
        Cell::count(c.open()),
        Cell::count(c.open_within),
        Cell::count(c.open_overdue),
        Cell::count(c.refused),
        Cell::count(c.withdrawn),
        Cell::Rate(f.on_time),
        Cell::Rate(f.satisfaction),
        Cell::Rate(surveyed),
    ]
}

fn columns(lang: Lang) -> Vec<Column> {
    let r = lang.record();
    vec![
        Column::text(r.agency_column),
        Column::count(r.report_received_total),
        Column::count(r.report_received_online),
        Column::count(r.report_received_direct),
        Column::count(r.carried_over),
        Column::count(r.report_answered_total),
        Column::count(r.answered_early),
        Column::count(r.answered_on_time),
        Column::count(r.answered_late),
        Column::count(r.report_open_total),
        Column::count(r.open_within),
        Column::count(r.open_overdue),
        Column::count(r.refused),
        Column::count(r.withdrawn),
        Column::rate(r.on_time),
        Column::rate(r.satisfaction),
        Column::rate(lang.survey().procedures_figure),
    ]
}

/// The report as a table: each level's subtotal, then its agencies, and the totals row, the sum
/// of the agencies' rows.
pub fn report_table(page: &ReportPage, lang: Lang) -> FigureTable {
    let (r, t) = (lang.record(), lang.texts());
    let surveyed =
        |code: &str| page.surveyed.iter().find(|(c, _)| c == code).map(|(_, rate)| *rate).unwrap_or_default();
    let mut rows = Vec::new();
    let (mut total, mut total_surveyed) = (Figures::default(), Rate::default());
    for (n, group) in page.groups.iter().enumerate() {
        let (mut subtotal, mut group_surveyed) = (Figures::default(), Rate::default());
        for a in &group.agencies {
            subtotal.add(&a.figures);
            group_surveyed.add(surveyed(&a.agency.code));
        }
        total.add(&subtotal);
        total_surveyed.add(group_surveyed);
        let name = format!("{}. {}", roman(n + 1), t.level_agencies(group.level));
        rows.push(Row::strong(Cell::text(name), cells(&subtotal, group_surveyed)));
        for a in &group.agencies {
            rows.push(Row::new(tables::agency_cell(lang, &a.agency), cells(&a.figures, surveyed(&a.agency.code))));
        }
    }
    rows.push(Row::strong(Cell::text(r.report_total), cells(&total, total_surveyed)));
    // The same cases again by field: its subtotal is the total above. Surveys are not asked by
    // field.
    if !page.record.by_field.is_empty() {
        let mut by_field = Figures::default();
        for f in &page.record.by_field {
            by_field.add(&f.figures);
        }
        rows.push(Row::strong(Cell::text(r.report_by_field), cells(&by_field, total_surveyed)));
        for f in &page.record.by_field {
            let name = f.field.as_ref().map_or(r.no_field, |f| f.name.as_str());
            rows.push(Row::new(Cell::text(name), cells(&f.figures, Rate::default())));
        }
    }
    FigureTable {
        name: REPORT,
        caption: r.report_title.to_owned(),
        columns: columns(lang),
        rows,
        min_sample: page.record.min_sample,
    }
}

fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI"].get(n - 1).copied().unwrap_or("")
}

/// The address of the report's download in `format` (`csv`, `xlsx`).
pub fn download_href(page: &ReportPage, lang: Lang, format: &str) -> String {
    tables::page_href(&page.record, lang, &format!("/thong-ke/tai/{REPORT}.{format}"))
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let lang = use_lang();
    let r = lang.record();
    let query = use_query_map();
    let ask = move || report_ask(query.with(|q| ask_from_query(|k| q.get(k))));
    let data = Resource::new(ask, load_report);
    view! {
        <PageTitle text=r.report_title />
        <Suspense fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                let Ok(page) = data.await else { return view! { <LoadFailed /> }.into_any() };
                view! { <ReportBody page form_for=FormFor::Report /> }
                .into_any()
            })}
        </Suspense>
    }
}

/// The report as printed: its head, the form that chooses its period (`form_for` says for which
/// page), its downloads and its table.
#[component]
pub fn ReportBody(page: ReportPage, form_for: FormFor) -> impl IntoView {
    let lang = use_lang();
    let r = lang.record();
    let table = report_table(&page, lang);
    let record = &page.record;
    view! {
        <div class="report">
        <header class="report-head">
            <p class="report-province">{province(&page, lang)}</p>
            <h1>{r.report_title}</h1>
            <p><strong>{heading(record, lang)}</strong> " (" {span_text(record, lang)} ")"</p>
            <p class="muted">{(r.basis_note)(record.basis)}</p>
            <p class="muted">{fill(r.report_made_on, &[("date", &date(page.made_on))])}</p>
        </header>
        <RecordForm page=record.clone() form_for />
        <p class="download no-print">
            <a href=download_href(&page, lang, "xlsx") download="">{r.report_xlsx}</a>
            " · "
            <a href=download_href(&page, lang, "csv") download="">{r.report_csv}</a>
            " "
            <PrintButton label=r.report_print.to_owned() />
        </p>
        {table_region(r.report_region, figure_table(table, false, None))}
        <p class="hint">{r.report_note}</p>
        </div>
    }
}
