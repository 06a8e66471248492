//! The leads' CSV export: one row per case with the time of each milestone of its handling.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use civicdesk_domain::queue::CaseMilestones;

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

/// A cell: quoted when it needs to be, and never read as a formula by a spreadsheet.
fn cell(value: &str) -> String {
    let value =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// Local (UTC+7) time, as spreadsheets read it.
fn local(at: DateTime<Utc>) -> String {
    civicdesk_domain::calendar::local_time(at).format("%Y-%m-%d %H:%M").to_string()
}

/// The CSV file, UTF-8 with a byte-order mark so spreadsheets read the Vietnamese right.
pub fn milestones_csv(cases: &[CaseMilestones]) -> String {
    let mut out = String::from("\u{feff}code,title,category,status,agency,received_at,classify_due,answer_due");
    for milestone in MILESTONES {
        let _ = write!(out, ",{milestone}_at");
    }
    out.push_str(",events\r\n");
    for case in cases {
        let fields = [
            case.code.clone(),
            case.title.clone(),
            case.category.as_str().to_owned(),
            case.status.as_str().to_owned(),
            case.agency.clone(),
            local(case.received_at),
            case.classify_due.to_string(),
            case.answer_due.to_string(),
        ];
        let row: Vec<String> = fields
            .iter()
            .map(|f| cell(f))
            .chain(MILESTONES.iter().map(|kind| {
                // The first time each happened (a transfer or an assignment may happen again).
                case.events.iter().find(|e| e.event.as_str() == *kind).map(|e| local(e.at)).unwrap_or_default()
            }))
            .chain(std::iter::once(case.events.len().to_string()))
            .collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("Đường hỏng"), "Đường hỏng");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
    }
}
