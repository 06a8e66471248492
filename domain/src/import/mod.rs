//! Reading procedures from the national database's export (keys such as `MATTHC`, `TENTTHC`,
//! `CACHTHUCTHUCHIEN`; DOMAIN.md §2.1) and from CSV with the same column names; and writing them
//! in that shape ([`to_national`]), which reading gives back unchanged.
//!
//! A file is accepted whole or rejected whole: the first bad record stops the import, and the
//! error names the record, its code and the field, so the person fixing the file knows where to look.
//! Each record is read by [`record`], field by field against the national database's names.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde_json::{Map, Value};

use crate::procedure::*;

mod record;
#[cfg(test)]
mod tests;
mod write;

use record::Record;
pub use write::{CSV_COLUMNS, to_csv_row, to_national};

/// Why a file was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ImportError {
    /// 1-based position of the record in the file (a CSV data row counts from 1 after the header).
    pub record: usize,
    pub code: Option<String>,
    /// Path of the field inside the record, e.g. `THANHPHANHOSO[0].GIAYTO[1].SOBANCHINH`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "record {}", self.record)?;
        if let Some(code) = &self.code {
            write!(f, " ({code})")?;
        }
        write!(f, ", field {}: {}", self.field, self.message)
    }
}

/// A procedure as read from a file, with the yearly number of dossiers when the file gives it
/// (`SOHOSONAM`), which ranks the most used procedures first.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedProcedure {
    pub procedure: Procedure,
    pub yearly_dossiers: u32,
}

/// Parses a JSON export: an array of records, or an object whose `data` (or `items`) is one.
pub fn from_json(text: &str) -> Result<Vec<ImportedProcedure>, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError {
        record: 0,
        code: None,
        field: String::new(),
        message: format!("not valid JSON (line {}, column {}): {e}", e.line(), e.column()),
    })?;
    let records = match &value {
        Value::Array(items) => items,
        Value::Object(o) => match o.get("data").or_else(|| o.get("items")) {
            Some(Value::Array(items)) => items,
            _ => return Err(file_error("expected an array of records, or an object with a \"data\" array")),
        },
        _ => return Err(file_error("expected an array of records")),
    };
    parse_all(records.iter().map(Cow::Borrowed))
}

/// Parses CSV whose header uses the export's key names. List cells separate items with `;`.
/// Columns: MATTHC, TENTTHC, CAPTHUCHIEN, MALINHVUC, TENLINHVUC, DOITUONGTHUCHIEN, MACOQUAN,
/// TENCOQUAN, KENH, THOIGIANGIAIQUYET, DONVITINH, PHILEPHI, GIAYTO, KETQUATHUCHIEN, CANCUPHAPLY,
/// MUCDO, TRANGTHAI, NGAYHIEULUC, THUTUCTHAYTHE, SOHOSONAM; only MATTHC and TENTTHC are required.
pub fn from_csv(text: &str) -> Result<Vec<ImportedProcedure>, ImportError> {
    // As spreadsheets save it (and the portal's open data writes it), with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| file_error(&format!("cannot read the header row: {e}")))?.clone();
    for required in ["MATTHC", "TENTTHC"] {
        if !headers.iter().any(|h| h == required) {
            return Err(file_error(&format!("the header row has no {required} column")));
        }
    }
    let mut rows = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(|e| ImportError {
            record: i + 1,
            code: None,
            field: String::new(),
            message: format!("unreadable CSV row: {e}"),
        })?;
        let cells: HashMap<&str, &str> = headers.iter().zip(row.iter()).collect();
        rows.push(csv_row_to_record(&|name| cells.get(name).copied().unwrap_or("")));
    }
    parse_all(rows.into_iter().map(Cow::Owned))
}

use std::borrow::Cow;

/// A JSON scalar as text (`"3"` and `3` alike).
fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_owned(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn file_error(message: &str) -> ImportError {
    ImportError { record: 0, code: None, field: String::new(), message: message.to_owned() }
}

fn parse_all<'a>(records: impl Iterator<Item = Cow<'a, Value>>) -> Result<Vec<ImportedProcedure>, ImportError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, value) in records.enumerate() {
        let record = Record { number: i + 1, code: None, value: value.as_ref() };
        let parsed = record.parse()?;
        if !seen.insert(parsed.procedure.code.clone()) {
            return Err(record.error("MATTHC", "this code appears twice in the file"));
        }
        out.push(parsed);
    }
    Ok(out)
}

/// Turns a CSV row into the JSON shape, so that one parser checks both formats.
fn csv_row_to_record<'c>(cell: &dyn Fn(&str) -> &'c str) -> Value {
    let list = |name: &str| -> Vec<String> {
        cell(name).split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
    };
    let paired = |codes: Vec<String>, names: Vec<String>, code_key: &str, name_key: &str| -> Value {
        Value::Array(
            codes
                .into_iter()
                .zip(names.into_iter().map(Some).chain(std::iter::repeat(None)))
                .map(|(code, name)| {
                    let mut o = Map::new();
                    o.insert(code_key.into(), code.clone().into());
                    o.insert(name_key.into(), name.unwrap_or(code).into());
                    Value::Object(o)
                })
                .collect(),
        )
    };
    let fees: Vec<Value> = list("PHILEPHI")
        .into_iter()
        .map(|amount| serde_json::json!({ "LOAIPHI": "Lệ phí", "SOTIEN": amount }))
        .collect();
    let channels: Vec<Value> = list("KENH")
        .into_iter()
        .map(|kind| {
            serde_json::json!({
                "KENH": kind,
                "THOIGIAN": [{
                    "THOIGIANGIAIQUYET": cell("THOIGIANGIAIQUYET"),
                    "DONVITINH": cell("DONVITINH"),
                    "PHILEPHI": fees,
                }],
            })
        })
        .collect();
    let documents: Vec<Value> = list("GIAYTO")
        .into_iter()
        .map(|name| serde_json::json!({ "TENGIAYTO": name, "SOBANCHINH": 1, "SOBANSAO": 0 }))
        .collect();
    serde_json::json!({
        "MATTHC": cell("MATTHC"),
        "TENTTHC": cell("TENTTHC"),
        "CAPTHUCHIEN": cell("CAPTHUCHIEN"),
        "LINHVUCTHUCHIEN": paired(list("MALINHVUC"), list("TENLINHVUC"), "MALINHVUC", "TENLINHVUC"),
        "DOITUONGTHUCHIEN": cell("DOITUONGTHUCHIEN"),
        "COQUANTHUCHIEN": paired(list("MACOQUAN"), list("TENCOQUAN"), "MACOQUAN", "TENCOQUAN"),
        "CACHTHUCTHUCHIEN": channels,
        "THANHPHANHOSO": if documents.is_empty() { Value::Array(vec![]) } else { serde_json::json!([{ "TRUONGHOP": "", "GIAYTO": documents }]) },
        "KETQUATHUCHIEN": list("KETQUATHUCHIEN").into_iter().map(|r| serde_json::json!({ "TENKETQUA": r })).collect::<Vec<_>>(),
        "CANCUPHAPLY": list("CANCUPHAPLY").into_iter().map(|n| serde_json::json!({ "SOVANBAN": n })).collect::<Vec<_>>(),
        "MUCDO": cell("MUCDO"),
        "TRANGTHAI": cell("TRANGTHAI"),
        "NGAYHIEULUC": cell("NGAYHIEULUC"),
        "THUTUCTHAYTHE": cell("THUTUCTHAYTHE"),
        "SOHOSONAM": cell("SOHOSONAM"),
    })
}
