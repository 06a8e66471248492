//! Every table of the statistics pages, defined once: the page shows it and its download (CSV)
//! writes it, from the same rows.

use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::procedure::FieldRef;
use civicdesk_domain::stats::{Figures, PeriodKind, RankBy, Ranking, Span};
use civicdesk_texts::Lang;

use super::RecordPage;
use crate::components::figure_table::{Cell, Column, FigureTable, Row};
use crate::components::with_query;
use crate::i18n::fill;

pub const SUMMARY: &str = "tong-hop";
pub const BY_CHANNEL: &str = "kenh";
pub const BY_CATEGORY: &str = "loai";
pub const BY_REASON: &str = "ly-do";
pub const DAYS: &str = "thoi-gian";
pub const AGENCIES: &str = "co-quan";
pub const FIELDS: &str = "linh-vuc";
pub const MONTHS: &str = "thang";
pub const RANKING: &str = "xep-hang";

/// Every table's name, as its download's address says it.
pub const ALL: [&str; 9] = [SUMMARY, BY_CHANNEL, BY_CATEGORY, BY_REASON, DAYS, AGENCIES, FIELDS, MONTHS, RANKING];

/// The address's parameters that chose the page, as typed, for links that keep the choice.
fn params(page: &RecordPage) -> Vec<(&'static str, String)> {
    let a = &page.ask;
    [
        ("ky", &a.kind),
        ("so", &a.period),
        ("co-so", &a.basis),
        ("tu", &a.from),
        ("den", &a.to),
        ("co-quan", &a.agency),
        ("linh-vuc", &a.field),
        ("loai", &a.category),
        ("kenh", &a.channel),
        ("theo", &a.by),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_ref().filter(|v| !v.trim().is_empty()).map(|v| (k, v.clone())))
    .collect()
}

/// `path` (in `lang`) with the page's choice.
pub fn page_href(page: &RecordPage, lang: Lang, path: &str) -> String {
    with_query(&lang.href(path), &params(page))
}

/// The address of the table's download.
pub fn download_href(page: &RecordPage, lang: Lang, name: &str) -> String {
    page_href(page, lang, &format!("/thong-ke/tai/{name}.csv"))
}

/// Which answers a count stands for: published in `span`, of an agency and a field, or any
/// (`Some(None)`: concerning no procedure).
#[derive(Clone, Copy)]
struct Answers<'a> {
    span: Span,
    agency: Option<&'a AgencyLink>,
    field: Option<Option<&'a FieldRef>>,
}

impl<'a> Answers<'a> {
    /// Those the page counts: its span, agency and field.
    fn of(page: &'a RecordPage) -> Self {
        Answers { span: page.span, agency: page.agency.as_ref(), field: page.field.as_ref().map(Option::as_ref) }
    }
}

/// The public list of the answers a count stands for. None when the page is narrowed by category
/// or channel, or the answers concern no procedure, which the list cannot be narrowed to, so a
/// link never leads to a list of another length than its figure.
fn answered_href(page: &RecordPage, lang: Lang, answers: Answers) -> Option<String> {
    if page.category.is_some() || page.channel.is_some() || answers.field == Some(None) {
        return None;
    }
    let mut params = vec![("tu", answers.span.first.to_string()), ("den", answers.span.last.to_string())];
    if let Some(a) = answers.agency.filter(|a| !a.slug.is_empty()) {
        params.push(("co-quan", a.slug.clone()));
    }
    if let Some(Some(field)) = answers.field {
        params.push(("linh-vuc", field.code.clone()));
    }
    Some(with_query(&lang.href("/phan-anh"), &params))
}

pub fn agency_cell(lang: Lang, agency: &AgencyLink) -> Cell {
    let href = (!agency.slug.is_empty()).then(|| lang.href(&format!("/co-quan/{}", agency.slug)));
    Cell::Text(agency.name.clone(), href)
}

/// The table named `name`, if there is one.
pub fn by_name(page: &RecordPage, lang: Lang, name: &str) -> Option<FigureTable> {
    let r = lang.record();
    let (f, s) = (lang.feedback(), lang.staff());
    let c = &page.view.total.counts;
    let counts = |caption: &str, column: &str, rows: Vec<(String, u64)>| FigureTable {
        name: ALL.into_iter().find(|n| *n == name).unwrap_or(SUMMARY),
        caption: caption.to_owned(),
        columns: vec![Column::text(column), Column::count(r.count_column)],
        rows: rows.into_iter().map(|(label, n)| Row::new(Cell::text(label), vec![Cell::count(n)])).collect(),
        min_sample: page.min_sample,
    };
    let table = match name {
        SUMMARY => {
            let mut table = counts(
                r.summary_title,
                r.figure_column,
                [
                    (r.carried_over, c.carried_over),
                    (r.received, c.received),
                    (r.answered, c.answered()),
                    (r.answered_early, c.answered_early),
                    (r.answered_on_time, c.answered_on_time),
                    (r.answered_late, c.answered_late),
                    (r.refused, c.refused),
                    (r.withdrawn, c.withdrawn),
                    (r.transferred, c.transferred),
                    (r.open_within, c.open_within),
                    (r.open_overdue, c.open_overdue),
                ]
                .into_iter()
                .map(|(label, n)| (label.to_owned(), n))
                .collect(),
            );
            table.rows[2].cells[0] = Cell::Count(c.answered(), answered_href(page, lang, Answers::of(page)));
            table
        }
        DAYS => {
            let days = page.view.total.days_to_answer();
            let [median, p90] = Cell::days_to_answer(&page.view.total);
            FigureTable {
                name: DAYS,
                caption: r.days_title.to_owned(),
                columns: vec![Column::text(r.figure_column), Column::days(r.days_title)],
                rows: vec![
                    Row::new(Cell::text(r.days_median), vec![median]),
                    Row::new(Cell::text(r.days_p90), vec![p90]),
                    Row::new(
                        Cell::text(r.answered),
                        vec![Cell::Count(days.map_or(0, |d| d.answers), answered_href(page, lang, Answers::of(page)))],
                    ),
                ],
                min_sample: page.min_sample,
            }
        }
        BY_CHANNEL => counts(
            r.by_channel_title,
            r.channel_label,
            c.received_by_channel.iter().map(|(ch, n)| (s.channel(*ch).to_owned(), *n)).collect(),
        ),
        BY_CATEGORY => counts(
            r.by_category_title,
            r.category_label,
            c.received_by_category.iter().map(|(ca, n)| (f.category(*ca).to_owned(), *n)).collect(),
        ),
        BY_REASON => counts(
            r.by_reason_title,
            r.refused,
            c.refused_by_reason.iter().map(|(why, n)| ((r.refused_for)(*why).to_owned(), *n)).collect(),
        ),
        AGENCIES => agencies(page, lang),
        FIELDS => fields(page, lang),
        MONTHS => months(page, lang),
        RANKING => ranking(page, lang, &Ranking::of(page.view.agencies.clone(), page.by, page.min_sample)),
        _ => return None,
    };
    Some(table)
}

/// The columns of what was received in a span and how what ended in it ended.
fn flow_columns(lang: Lang) -> Vec<Column> {
    let r = lang.record();
    [r.received, r.answered, r.answered_early, r.answered_on_time, r.answered_late, r.refused, r.withdrawn]
        .into_iter()
        .map(Column::count)
        .collect()
}

/// The cells of [`flow_columns`], the answers linked to those of `answers`.
fn flow_cells(page: &RecordPage, lang: Lang, figures: &Figures, answers: Answers) -> Vec<Cell> {
    let c = &figures.counts;
    vec![
        Cell::count(c.received),
        Cell::Count(c.answered(), answered_href(page, lang, answers)),
        Cell::count(c.answered_early),
        Cell::count(c.answered_on_time),
        Cell::count(c.answered_late),
        Cell::count(c.refused),
        Cell::count(c.withdrawn),
    ]
}

/// The columns of a table with a row of figures for each agency or field.
fn figures_columns(lang: Lang, head: &str) -> Vec<Column> {
    let r = lang.record();
    let mut columns = vec![Column::text(head)];
    columns.extend(flow_columns(lang));
    columns.extend([
        Column::count(r.open_within),
        Column::count(r.open_overdue),
        Column::rate(r.on_time),
        Column::rate(r.satisfaction),
        Column::days(r.days_median),
        Column::days(r.days_p90),
    ]);
    columns
}

/// A row of [`figures_columns`]: `figures` under `head`, the answers linked to those of `answers`.
fn figures_row(page: &RecordPage, lang: Lang, head: Cell, figures: &Figures, answers: Answers) -> Row {
    let c = &figures.counts;
    let mut cells = flow_cells(page, lang, figures, answers);
    cells.extend([
        Cell::count(c.open_within),
        Cell::count(c.open_overdue),
        Cell::Rate(figures.on_time),
        Cell::Rate(figures.satisfaction),
    ]);
    cells.extend(Cell::days_to_answer(figures));
    Row::new(head, cells)
}

fn agencies(page: &RecordPage, lang: Lang) -> FigureTable {
    let r = lang.record();
    FigureTable {
        name: AGENCIES,
        caption: r.agencies_title.to_owned(),
        columns: figures_columns(lang, r.agency_column),
        rows: page
            .view
            .agencies
            .iter()
            .map(|a| {
                let answers = Answers { agency: Some(&a.agency), ..Answers::of(page) };
                figures_row(page, lang, agency_cell(lang, &a.agency), &a.figures, answers)
            })
            .collect(),
        min_sample: page.min_sample,
    }
}

/// The figures by field, those about no procedure last.
fn fields(page: &RecordPage, lang: Lang) -> FigureTable {
    let r = lang.record();
    FigureTable {
        name: FIELDS,
        caption: r.fields_title.to_owned(),
        columns: figures_columns(lang, r.field_label),
        rows: page
            .by_field
            .iter()
            .map(|f| {
                let name = f.field.as_ref().map_or(r.no_field, |f| f.name.as_str());
                let answers = Answers { field: Some(f.field.as_ref()), ..Answers::of(page) };
                figures_row(page, lang, Cell::text(name), &f.figures, answers)
            })
            .collect(),
        min_sample: page.min_sample,
    }
}

/// Each calendar month's flows (what was received and how it ended), the months at either end
/// counted over the days of the span they hold.
fn months(page: &RecordPage, lang: Lang) -> FigureTable {
    let r = lang.record();
    let rows = page
        .months
        .iter()
        .map(|(first, figures)| {
            let last = (*first + chrono::Months::new(1)).pred_opt().unwrap_or(*first);
            let span = Span::new((*first).max(page.span.first), last.min(page.span.last)).unwrap_or(page.span);
            let mut cells = flow_cells(page, lang, figures, Answers { span, ..Answers::of(page) });
            cells.extend(Cell::days_to_answer(figures));
            Row::new(Cell::text(month_name(lang, *first)), cells)
        })
        .collect();
    let mut columns = vec![Column::text(r.month_column)];
    columns.extend(flow_columns(lang));
    columns.extend([Column::days(r.days_median), Column::days(r.days_p90)]);
    FigureTable { name: MONTHS, caption: r.months_title.to_owned(), columns, rows, min_sample: page.min_sample }
}

/// The calendar month starting on `first`, named in `lang`.
pub fn month_name(lang: Lang, first: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    (lang.record().period_name)(PeriodKind::Month, first.month(), first.year())
}

/// The ranking: the ranked agencies in their order, then those with too few cases.
pub fn ranking(page: &RecordPage, lang: Lang, ranking: &Ranking) -> FigureTable {
    let r = lang.record();
    let other = match ranking.by {
        RankBy::OnTime => RankBy::Satisfaction,
        RankBy::Satisfaction => RankBy::OnTime,
    };
    let label = |by: RankBy| match by {
        RankBy::OnTime => r.on_time,
        RankBy::Satisfaction => r.satisfaction,
    };
    let not_ranked = fill(r.not_ranked, &[("min", &ranking.min_sample.to_string())]);
    let places = ranking.ranked.iter().enumerate().map(|(i, a)| (Cell::count(i as u64 + 1), a));
    let rest = ranking.unranked.iter().map(|a| (Cell::text(not_ranked.clone()), a));
    FigureTable {
        name: RANKING,
        caption: r.ranking_title.to_owned(),
        columns: vec![
            Column::text(r.agency_column),
            Column::count(r.place_column),
            Column::rate(label(ranking.by)),
            Column::rate(label(other)),
            Column::count(r.received),
            Column::count(r.answered),
        ],
        rows: places
            .chain(rest)
            .map(|(place, a)| {
                Row::new(
                    agency_cell(lang, &a.agency),
                    vec![
                        place,
                        Cell::Rate(ranking.by.rate(&a.figures)),
                        Cell::Rate(other.rate(&a.figures)),
                        Cell::count(a.figures.counts.received),
                        Cell::Count(
                            a.figures.counts.answered(),
                            answered_href(page, lang, Answers { agency: Some(&a.agency), ..Answers::of(page) }),
                        ),
                    ],
                )
            })
            .collect(),
        min_sample: page.min_sample,
    }
}
