//! A table of figures of the public record, defined once and then shown as HTML on the page and
//! written as CSV (and spreadsheets) by the downloads, so that what is downloaded is what is shown.

use civicdesk_domain::stats::{Band, Figures, LONGEST_DAYS, Rate};
use leptos::prelude::*;

use crate::i18n::{fill, use_lang};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Count,
    /// A rate, with its interval and sample; downloads give each part a column.
    Rate,
    /// A number of working days.
    Days,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub label: String,
    pub kind: ColumnKind,
}

impl Column {
    pub fn text(label: &str) -> Self {
        Column { label: label.to_owned(), kind: ColumnKind::Text }
    }

    pub fn count(label: &str) -> Self {
        Column { label: label.to_owned(), kind: ColumnKind::Count }
    }

    pub fn rate(label: &str) -> Self {
        Column { label: label.to_owned(), kind: ColumnKind::Rate }
    }

    pub fn days(label: &str) -> Self {
        Column { label: label.to_owned(), kind: ColumnKind::Days }
    }
}

/// One cell: its value and, where the cases behind it are public, the address of their list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String, Option<String>),
    Count(u64, Option<String>),
    Rate(Rate),
    /// Working days, none where nothing was answered; [`LONGEST_DAYS`] stands for that many or
    /// more.
    Days(Option<u32>),
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Self {
        Cell::Text(value.into(), None)
    }

    pub fn count(n: u64) -> Self {
        Cell::Count(n, None)
    }

    /// The median and the 90th percentile of the days `figures` took to answer.
    pub fn days_to_answer(figures: &Figures) -> [Cell; 2] {
        let days = figures.days_to_answer();
        [Cell::Days(days.map(|d| d.median)), Cell::Days(days.map(|d| d.p90))]
    }
}

/// A row: its heading cell, then one cell for each further column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub head: Cell,
    pub cells: Vec<Cell>,
    /// A subtotal or total, set in bold.
    pub strong: bool,
}

impl Row {
    pub fn new(head: Cell, cells: Vec<Cell>) -> Self {
        Row { head, cells, strong: false }
    }

    pub fn strong(head: Cell, cells: Vec<Cell>) -> Self {
        Row { head, cells, strong: true }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureTable {
    /// Its name in the download's address (`co-quan` for `…/tai/co-quan.csv`).
    pub name: &'static str,
    pub caption: String,
    /// The first column heads the rows.
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The fewest cases a rate is given on.
    pub min_sample: u64,
}

/// A share as a percentage with one decimal.
pub fn percent(share: f64) -> String {
    format!("{:.1}", share * 100.0)
}

/// A rate as the pages say it: the figure with its interval and sample, or why there is none.
pub fn rate_text(rate: Rate, min_sample: u64) -> String {
    let r = use_lang().record();
    match (rate.share(), rate.wilson()) {
        (Some(share), Some(interval)) if rate.enough(min_sample) => fill(
            r.rate,
            &[
                ("percent", &percent(share)),
                ("hits", &rate.hits.to_string()),
                ("total", &rate.total.to_string()),
                ("low", &percent(interval.low)),
                ("high", &percent(interval.high)),
            ],
        ),
        _ if rate.total == 0 => r.no_cases.to_owned(),
        _ => fill(r.too_few, &[("total", &rate.total.to_string())]),
    }
}

/// Working days as the pages say them: "5 working days", "30 working days or more", or that
/// nothing was answered.
pub fn days_text(days: Option<u32>) -> String {
    let r = use_lang().record();
    match days {
        Some(days) if days >= LONGEST_DAYS => fill(r.days_longest, &[("days", &LONGEST_DAYS.to_string())]),
        Some(days) => fill(r.days_value, &[("days", &days.to_string())]),
        None => r.no_answers.to_owned(),
    }
}

/// A rate's Decision 766 band as a badge, if it has enough cases for one. The band is written
/// out, so colour never carries it alone.
pub fn band_badge(rate: Rate, min_sample: u64) -> impl IntoView + use<> {
    let r = use_lang().record();
    rate.band(min_sample).map(|band| {
        let tone = match band {
            Band::Excellent => "badge badge-ok",
            Band::Between => "badge",
            Band::Weak => "badge badge-warn",
        };
        view! { <span class=tone>{(r.band)(band)}</span> }
    })
}

fn cell_content(cell: Cell, min_sample: u64) -> AnyView {
    let linked = |text: String, href: Option<String>| match href {
        Some(href) => view! { <a href=href>{text}</a> }.into_any(),
        None => view! { {text} }.into_any(),
    };
    match cell {
        Cell::Text(text, href) => linked(text, href),
        Cell::Count(n, href) => linked(n.to_string(), href.filter(|_| n > 0)),
        Cell::Rate(rate) => view! { {rate_text(rate, min_sample)} " " {band_badge(rate, min_sample)} }.into_any(),
        Cell::Days(days) => view! { {days_text(days)} }.into_any(),
    }
}

/// The table as HTML, with a link to download it when `download` is its address.
pub fn figure_table(table: FigureTable, visible_caption: bool, download: Option<String>) -> AnyView {
    let r = use_lang().record();
    let min = table.min_sample;
    let class = |kind: ColumnKind| if matches!(kind, ColumnKind::Count | ColumnKind::Days) { "num" } else { "" };
    let kinds: Vec<ColumnKind> = table.columns.iter().skip(1).map(|c| c.kind).collect();
    let caption_class = if visible_caption { "" } else { "visually-hidden" };
    let download_text = fill(r.csv, &[("table", &table.caption)]);
    if table.rows.is_empty() {
        return view! { <p class="muted">{r.no_cases}</p> }.into_any();
    }
    view! {
        <table class="figures">
            <caption class=caption_class>{table.caption}</caption>
            <thead>
                <tr>
                    {table.columns.into_iter().map(|c| view! { <th scope="col" class=class(c.kind)>{c.label}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {table.rows.into_iter().map(|row| view! {
                    <tr class:total=row.strong>
                        <th scope="row">{cell_content(row.head, min)}</th>
                        {row.cells.into_iter().zip(kinds.clone()).map(|(cell, kind)| view! {
                            <td class=class(kind)>{cell_content(cell, min)}</td>
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {download.map(|href| view! { <p class="download"><a href=href download="">{download_text}</a></p> })}
    }
    .into_any()
}
