//! The CSV files: the leads' export (one row per case with the time of each milestone of its
//! handling), the public record's tables and the open data, all through one writer.

use chrono::{DateTime, Utc};
use civicdesk_app::components::figure_table::{Cell, ColumnKind, FigureTable};
use civicdesk_domain::queue::CaseMilestones;
use civicdesk_texts::{Lang, fill};

/// The milestones exported, in the order of the columns: the event kind that marks each.
const MILESTONES: [&str; 10] = [
    "accepted",
    "transferred",
    "assigned",
    "information_requested",
    "answer_drafted",
    "answer_approved",
    "published",
    "closed",
    "refused",
    "withdrawn",
];

/// A cell's text, never read as a formula by a spreadsheet (a leading `=`, `+`, `-`, `@`, tab or
/// carriage return gets an apostrophe in front). Quoting is the CSV writer's.
fn guard(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}").into() } else { value.into() }
}

/// Rows written as CSV, UTF-8 with a byte-order mark so spreadsheets read the Vietnamese right,
/// lines ended by CR LF.
pub fn csv_file(header: Vec<String>, rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let bytes = csv_rows(std::iter::once(header).chain(rows));
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// What a CSV file starts with, so that spreadsheets read it as UTF-8.
pub const BOM: &str = "\u{feff}";

/// Rows as lines of CSV (ended by CR LF), no cell read as a formula: a whole file, or one part
/// of a file written a part at a time.
pub fn csv_rows(rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(row.iter().map(|v| guard(v).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

/// Local (UTC+7) time, as spreadsheets read it.
fn local(at: DateTime<Utc>) -> String {
    civicdesk_domain::calendar::local_time(at).format("%Y-%m-%d %H:%M").to_string()
}

/// The CSV file of the leads' cases.
pub fn milestones_csv(cases: &[CaseMilestones]) -> String {
    let header = ["code", "title", "category", "status", "agency", "received_at", "classify_due", "answer_due"]
        .into_iter()
        .map(str::to_owned)
        .chain(MILESTONES.iter().map(|m| format!("{m}_at")))
        .chain(std::iter::once("events".to_owned()))
        .collect();
    let rows = cases.iter().map(|case| {
        [
            case.code.clone(),
            case.title.clone(),
            case.category.as_str().to_owned(),
            case.status.as_str().to_owned(),
            case.agency.clone(),
            local(case.received_at),
            case.classify_due.to_string(),
            case.answer_due.to_string(),
        ]
        .into_iter()
        .chain(MILESTONES.iter().map(|kind| {
            // The first time each happened (a transfer or an assignment may happen again).
            case.events.iter().find(|e| e.event.as_str() == *kind).map(|e| local(e.at)).unwrap_or_default()
        }))
        .chain(std::iter::once(case.events.len().to_string()))
        .collect()
    });
    csv_file(header, rows)
}

/// A table of the public record as the page shows it, each rate in five columns (the share, its
/// interval's bounds, the cases that met it and those it rests on; the share and bounds left
/// empty below the minimum sample, as the page says "too few").
pub fn figures_csv(table: &FigureTable, lang: Lang) -> String {
    let header = headers(table, lang).into_iter().map(|(label, _)| label).collect();
    let rows = table.rows.iter().map(|row| {
        std::iter::once(&row.head)
            .chain(&row.cells)
            .flat_map(|c| values(c, table.min_sample))
            .map(|v| match v {
                Value::Text(text) => text,
                Value::Number(n) => n.to_string(),
                Value::Empty => String::new(),
            })
            .collect()
    });
    csv_file(header, rows)
}

/// The column headers of a table, each rate as its five parts.
fn headers(table: &FigureTable, lang: Lang) -> Vec<(String, ColumnKind)> {
    let r = lang.record();
    let mut out = Vec::new();
    for column in &table.columns {
        match column.kind {
            ColumnKind::Rate => {
                for part in [r.csv_percent, r.csv_low, r.csv_high, r.csv_hits, r.csv_total] {
                    out.push((fill(part, &[("label", &column.label)]), ColumnKind::Rate));
                }
            }
            kind => out.push((column.label.clone(), kind)),
        }
    }
    out
}

/// A cell's values as the files write them: one, or five for a rate (the share and its bounds
/// in percent, none below the minimum sample; the cases met; the cases behind it).
enum Value {
    Text(String),
    Number(f64),
    Empty,
}

fn values(cell: &Cell, min_sample: u64) -> Vec<Value> {
    match cell {
        Cell::Text(text, _) => vec![Value::Text(text.clone())],
        Cell::Count(n, _) => vec![Value::Number(*n as f64)],
        Cell::Days(days) => vec![days.map_or(Value::Empty, |d| Value::Number(f64::from(d)))],
        Cell::Rate(rate) => {
            let shown = rate.enough(min_sample);
            let part = |v: Option<f64>| match v.filter(|_| shown) {
                Some(v) => Value::Number((v * 1000.0).round() / 10.0),
                None => Value::Empty,
            };
            let interval = rate.wilson();
            vec![
                part(rate.share()),
                part(interval.map(|i| i.low)),
                part(interval.map(|i| i.high)),
                Value::Number(rate.hits as f64),
                Value::Number(rate.total as f64),
            ]
        }
    }
}

/// The report as a spreadsheet: its title lines, the header row, then every row (subtotals and
/// the total in bold), numbers as numbers, landscape on A4 for printing.
pub fn figures_xlsx(table: &FigureTable, title: &[String], lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.record().report_region.chars().take(31).collect::<String>())?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    let bold = Format::new().set_bold();
    let heading = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let one_decimal = Format::new().set_num_format("0.0");
    let mut row: u32 = 0;
    for line in title {
        sheet.write_string_with_format(row, 0, guard(line), &bold)?;
        row += 1;
    }
    row += 1;
    let headers = headers(table, lang);
    for (col, (label, _)) in headers.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet.write_string_with_format(row, col, guard(label), &heading)?;
        sheet.set_column_width(col, if col == 0 { 40 } else { 14 })?;
    }
    sheet.set_row_height(row, 60)?;
    sheet.set_freeze_panes(row + 1, 1)?;
    for r in &table.rows {
        row += 1;
        let cells = std::iter::once(&r.head).chain(&r.cells).flat_map(|c| values(c, table.min_sample));
        for (col, value) in cells.enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            let rate_part = headers.get(usize::from(col)).is_some_and(|(_, k)| *k == ColumnKind::Rate);
            let mut format = if rate_part { one_decimal.clone() } else { Format::new() };
            if r.strong {
                format = format.set_bold();
            }
            match value {
                Value::Text(text) => sheet.write_string_with_format(row, col, guard(&text), &format)?,
                Value::Number(n) => sheet.write_number_with_format(row, col, n, &format)?,
                Value::Empty => sheet,
            };
        }
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        let file = csv_file(
            vec!["a".into(), "b".into()],
            [
                vec!["Đường hỏng".into(), "a, b".into()],
                vec!["say \"hi\"".into(), "=HYPERLINK(\"x\")".into()],
                vec!["-1".into(), "line\nbreak".into()],
            ],
        );
        assert_eq!(
            file,
            "\u{feff}a,b\r\nĐường hỏng,\"a, b\"\r\n\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"x\"\")\"\r\n'-1,\"line\nbreak\"\r\n"
        );
    }
}
