//! The CSV files: the leads' export (one row per case with the time of each milestone of its
//! handling) and the public record's tables, both through one writer.

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
fn csv_file(header: Vec<String>, rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    for row in std::iter::once(header).chain(rows) {
        // Writing to memory cannot fail.
        let _ = writer.write_record(row.iter().map(|v| guard(v).into_owned()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
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
    let r = lang.record();
    let mut header = Vec::new();
    for column in &table.columns {
        match column.kind {
            ColumnKind::Rate => {
                for part in [r.csv_percent, r.csv_low, r.csv_high, r.csv_hits, r.csv_total] {
                    header.push(fill(part, &[("label", &column.label)]));
                }
            }
            ColumnKind::Text | ColumnKind::Count => header.push(column.label.clone()),
        }
    }
    let value = |cell: &Cell, out: &mut Vec<String>| match cell {
        Cell::Text(text, _) => out.push(text.clone()),
        Cell::Count(n, _) => out.push(n.to_string()),
        Cell::Rate(rate) => {
            let shown = rate.enough(table.min_sample);
            let part = |v: Option<f64>| v.filter(|_| shown).map(|v| format!("{:.1}", v * 100.0)).unwrap_or_default();
            let interval = rate.wilson();
            out.push(part(rate.share()));
            out.push(part(interval.map(|i| i.low)));
            out.push(part(interval.map(|i| i.high)));
            out.push(rate.hits.to_string());
            out.push(rate.total.to_string());
        }
    };
    let rows = table.rows.iter().map(|row| {
        let mut out = Vec::new();
        value(&row.head, &mut out);
        for cell in &row.cells {
            value(cell, &mut out);
        }
        out
    });
    csv_file(header, rows)
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
