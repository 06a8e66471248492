//! Reading procedures from the national database's export (keys such as `MATTHC`, `TENTTHC`,
//! `CACHTHUCTHUCHIEN`; DOMAIN.md §2.1) and from CSV with the same column names.
//!
//! A file is accepted whole or rejected whole: the first bad record stops the import, and the
//! error names the record, its code and the field, so the person fixing the file knows where to look.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use serde_json::{Map, Value};
use unicode_normalization::UnicodeNormalization;

use crate::agency::AgencyLevel;
use crate::procedure::*;
use crate::text::{SearchQuery, search_text};

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

/// A JSON object under inspection, with enough context to name what is wrong with it.
#[derive(Clone, Copy)]
struct Record<'a> {
    number: usize,
    code: Option<&'a str>,
    value: &'a Value,
}

/// A sub-object inside a record, with its path for error messages.
struct Node<'a> {
    path: String,
    object: &'a Map<String, Value>,
}

type Parsed<T> = Result<T, ImportError>;

impl<'a> Record<'a> {
    fn error(&self, field: &str, message: &str) -> ImportError {
        ImportError {
            record: self.number,
            code: self.code.map(str::to_owned),
            field: field.to_owned(),
            message: message.to_owned(),
        }
    }

    fn parse(mut self) -> Parsed<ImportedProcedure> {
        let object = self.value.as_object().ok_or_else(|| self.error("", "a record must be a JSON object"))?;
        let root = Node { path: String::new(), object };
        let code = self.text(&root, "MATTHC")?;
        if code.is_empty() {
            return Err(self.error("MATTHC", "the procedure code is missing"));
        }
        if SearchQuery::parse(&code).code.is_none() {
            return Err(self.error("MATTHC", &format!("\"{code}\" is not a procedure code such as 1.001193")));
        }
        self.code = Some(match &object["MATTHC"] {
            Value::String(s) => s.trim(),
            _ => "",
        });
        let name = self.text(&root, "TENTTHC")?;
        if name.is_empty() {
            return Err(self.error("TENTTHC", "the procedure name is missing"));
        }
        let levels = self.levels(&root)?;
        let fields = self
            .children(&root, "LINHVUCTHUCHIEN")?
            .iter()
            .map(|f| {
                Ok(FieldRef { code: self.required_text(f, "MALINHVUC")?, name: self.required_text(f, "TENLINHVUC")? })
            })
            .collect::<Parsed<Vec<_>>>()?;
        if fields.is_empty() {
            return Err(self.error("LINHVUCTHUCHIEN", "at least one field (lĩnh vực) is required"));
        }
        let procedure = Procedure {
            code,
            name,
            levels,
            kind: self.text(&root, "LOAITTHC")?,
            fields,
            subjects: self.subjects(&root)?,
            agencies: ProcedureAgencies {
                implementing: self.agencies(&root, "COQUANTHUCHIEN")?,
                competent: self.agencies(&root, "COQUANCOTHAMQUYEN")?,
                delegated: self.agencies(&root, "COQUANDUOCUYQUYEN")?,
                coordinating: self.agencies(&root, "COQUANPHOIHOP")?,
            },
            receiving_address: self.text(&root, "DIACHITIEPNHAN")?,
            steps: self.steps(&root)?,
            channels: self.channels(&root)?,
            dossier: self.dossier(&root)?,
            results: self
                .children(&root, "KETQUATHUCHIEN")?
                .iter()
                .map(|r| self.required_text(r, "TENKETQUA"))
                .collect::<Parsed<_>>()?,
            legal_basis: self
                .children(&root, "CANCUPHAPLY")?
                .iter()
                .map(|d| {
                    Ok(LegalDocument {
                        number: self.required_text(d, "SOVANBAN")?,
                        title: self.text(d, "TENVANBAN")?,
                        date: self.date(d, "NGAYBANHANH")?,
                        issuer: self.text(d, "COQUANBANHANH")?,
                    })
                })
                .collect::<Parsed<_>>()?,
            conditions: self.text(&root, "YEUCAU")?,
            keywords: self
                .text(&root, "TUKHOA")?
                .split([',', ';'])
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_owned)
                .collect(),
            online_level: self.online_level(&root)?,
            decision: match root.object.get("QUYETDINHCONGBO") {
                None | Some(Value::Null) => None,
                Some(Value::Object(o)) => {
                    let d = Node { path: "QUYETDINHCONGBO".into(), object: o };
                    Some(Decision {
                        number: self.required_text(&d, "SOQUYETDINH")?,
                        date: self.date(&d, "NGAYBANHANH")?,
                        issuer: self.text(&d, "COQUANBANHANH")?,
                    })
                }
                Some(_) => return Err(self.error("QUYETDINHCONGBO", "expected an object")),
            },
            status: self.status(&root)?,
            effective_from: self.date(&root, "NGAYHIEULUC")?,
            effective_until: self.date(&root, "NGAYHETHIEULUC")?,
            replaced_by: Some(self.text(&root, "THUTUCTHAYTHE")?).filter(|s| !s.is_empty()),
        };
        let yearly_dossiers = self.count(&root, "SOHOSONAM")?;
        Ok(ImportedProcedure { procedure, yearly_dossiers })
    }

    fn path(node: &Node, key: &str) -> String {
        if node.path.is_empty() { key.to_owned() } else { format!("{}.{key}", node.path) }
    }

    /// A text value; numbers are accepted as text. Missing or null reads as empty.
    fn text(&self, node: &Node, key: &str) -> Parsed<String> {
        match node.object.get(key) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => {
                if s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) {
                    return Err(self.error(&Self::path(node, key), "contains control characters"));
                }
                Ok(s.trim().nfc().collect())
            }
            Some(Value::Number(n)) => Ok(n.to_string()),
            Some(_) => Err(self.error(&Self::path(node, key), "expected text")),
        }
    }

    fn required_text(&self, node: &Node, key: &str) -> Parsed<String> {
        let s = self.text(node, key)?;
        if s.is_empty() {
            return Err(self.error(&Self::path(node, key), "is required"));
        }
        Ok(s)
    }

    /// A whole number given as a number or as text; missing or empty reads as 0.
    fn count(&self, node: &Node, key: &str) -> Parsed<u32> {
        let s = self.text(node, key)?;
        if s.is_empty() {
            return Ok(0);
        }
        s.parse().map_err(|_| self.error(&Self::path(node, key), &format!("\"{s}\" is not a whole number")))
    }

    fn date(&self, node: &Node, key: &str) -> Parsed<Option<NaiveDate>> {
        let s = self.text(node, key)?;
        if s.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(&s, "%d/%m/%Y")
            .or_else(|_| NaiveDate::parse_from_str(&s, "%Y-%m-%d"))
            .map(Some)
            .map_err(|_| self.error(&Self::path(node, key), &format!("\"{s}\" is not a date (dd/mm/yyyy)")))
    }

    /// Objects of an array; missing reads as none.
    fn children(&self, node: &Node<'a>, key: &str) -> Parsed<Vec<Node<'a>>> {
        match node.object.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let path = format!("{}[{i}]", Self::path(node, key));
                    match item {
                        Value::Object(object) => Ok(Node { path, object }),
                        _ => Err(self.error(&path, "expected an object")),
                    }
                })
                .collect(),
            Some(_) => Err(self.error(&Self::path(node, key), "expected a list")),
        }
    }

    fn levels(&self, root: &Node) -> Parsed<Vec<AgencyLevel>> {
        let raw: Vec<String> = match root.object.get("CAPTHUCHIEN") {
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::Object(o) => o.get("CAPTHUCHIEN").map(scalar_text).unwrap_or_default(),
                    other => scalar_text(other),
                })
                .collect(),
            _ => self.text(root, "CAPTHUCHIEN")?.split([',', ';']).map(|s| s.trim().to_owned()).collect(),
        };
        let mut levels = Vec::new();
        for item in raw.iter().filter(|s| !s.is_empty()) {
            let level = item
                .parse::<u8>()
                .ok()
                .and_then(AgencyLevel::from_national)
                .or_else(|| match search_text(item).as_str() {
                    "bo" | "trung uong" | "cap bo" => Some(AgencyLevel::Central),
                    "tinh" | "cap tinh" => Some(AgencyLevel::Province),
                    "huyen" | "cap huyen" => Some(AgencyLevel::District),
                    "xa" | "cap xa" => Some(AgencyLevel::Commune),
                    _ => None,
                })
                .ok_or_else(|| {
                    self.error(
                        "CAPTHUCHIEN",
                        &format!("\"{item}\" is not a level (0 ministry, 1 province, 2 district, 3 commune)"),
                    )
                })?;
            if !levels.contains(&level) {
                levels.push(level);
            }
        }
        if levels.is_empty() {
            return Err(self.error("CAPTHUCHIEN", "at least one level of government is required"));
        }
        levels.sort();
        Ok(levels)
    }

    fn subjects(&self, root: &Node) -> Parsed<Vec<Subject>> {
        let text = match root.object.get("DOITUONGTHUCHIEN") {
            Some(Value::Array(items)) => items
                .iter()
                .flat_map(|v| match v {
                    Value::Object(o) => o.values().map(scalar_text).collect(),
                    other => vec![scalar_text(other)],
                })
                .collect::<Vec<_>>()
                .join(", "),
            _ => self.text(root, "DOITUONGTHUCHIEN")?,
        };
        let folded = search_text(&text);
        let mut subjects = Vec::new();
        if ["cong dan", "ca nhan", "nguoi nuoc ngoai", "nguoi viet nam"].iter().any(|w| folded.contains(w)) {
            subjects.push(Subject::Individual);
        }
        if ["to chuc", "doanh nghiep", "hop tac xa", "co quan"].iter().any(|w| folded.contains(w)) {
            subjects.push(Subject::Organisation);
        }
        Ok(subjects)
    }

    fn agencies(&self, root: &Node, key: &str) -> Parsed<Vec<AgencyRef>> {
        self.children(root, key)?
            .iter()
            .map(|a| {
                let key = if a.object.contains_key("TENDONVI") { "TENDONVI" } else { "TENCOQUAN" };
                let name = self.required_text(a, key)?;
                let code = [self.text(a, "MACOQUAN")?, self.text(a, "MADONVI")?]
                    .into_iter()
                    .find(|c| !c.is_empty())
                    .unwrap_or_else(|| search_text(&name));
                Ok(AgencyRef { code, name })
            })
            .collect()
    }

    fn steps(&self, root: &Node) -> Parsed<Vec<String>> {
        match root.object.get("TRINHTUTHUCHIEN") {
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
                Ok(items.iter().filter_map(Value::as_str).map(|s| s.trim().nfc().collect()).collect())
            }
            _ => {
                let mut steps = Vec::new();
                for group in self.children(root, "TRINHTUTHUCHIEN")? {
                    for step in self.children(&group, "TRINHTU")? {
                        steps.push(self.required_text(&step, "TENTRINHTU")?);
                    }
                }
                Ok(steps)
            }
        }
    }

    fn channels(&self, root: &Node) -> Parsed<Vec<Channel>> {
        let mut channels = Vec::new();
        for node in self.children(root, "CACHTHUCTHUCHIEN")? {
            let kind_text = self.required_text(&node, "KENH")?;
            let kind = match search_text(&kind_text).as_str() {
                "truc tiep" | "1" => ChannelKind::Direct,
                "truc tuyen" | "2" => ChannelKind::Online,
                "dich vu buu chinh" | "buu chinh" | "3" => ChannelKind::Postal,
                _ => {
                    return Err(self.error(
                        &Self::path(&node, "KENH"),
                        &format!("\"{kind_text}\" is not a channel (Trực tiếp, Trực tuyến, Dịch vụ bưu chính)"),
                    ));
                }
            };
            // Fees sit inside each time entry in some exports and beside them in others.
            let channel_fees = self.fees(&node)?;
            for time in self.children(&node, "THOIGIAN")? {
                let mut fees = self.fees(&time)?;
                fees.extend(channel_fees.iter().cloned());
                channels.push(Channel {
                    kind,
                    time_limit: self.time_limit(&time)?,
                    time_note: self.text(&time, "MOTA")?,
                    fees,
                });
            }
            if !channels.iter().any(|c| c.kind == kind) {
                channels.push(Channel { kind, time_limit: None, time_note: String::new(), fees: channel_fees });
            }
        }
        Ok(channels)
    }

    fn time_limit(&self, time: &Node) -> Parsed<Option<TimeLimit>> {
        let amount = self.text(time, "THOIGIANGIAIQUYET")?;
        if amount.is_empty() {
            return Ok(None);
        }
        let Ok(amount) = amount.replace(',', ".").parse::<f64>() else {
            return Err(self.error(
                &Self::path(time, "THOIGIANGIAIQUYET"),
                &format!("\"{amount}\" is not a number; put wording such as \"Trong ngày\" in MOTA"),
            ));
        };
        let unit_text = self.text(time, "DONVITINH")?;
        let unit = TimeUnit::from_national(&unit_text).ok_or_else(|| {
            self.error(
                &Self::path(time, "DONVITINH"),
                &format!(
                    "\"{unit_text}\" is not a unit (Giờ, Ngày, Ngày làm việc, Tháng); a time limit needs its unit"
                ),
            )
        })?;
        // Half days are published in hours ("0,5 ngày" = 4 working hours).
        let limit = if amount.fract() == 0.0 {
            TimeLimit { amount: amount as u32, unit }
        } else {
            TimeLimit { amount: (amount * 8.0).round() as u32, unit: TimeUnit::Hours }
        };
        Ok(Some(limit))
    }

    fn fees(&self, time: &Node) -> Parsed<Vec<Fee>> {
        self.children(time, "PHILEPHI")?
            .iter()
            .map(|fee| {
                let kind = match search_text(&self.text(fee, "LOAIPHI")?).as_str() {
                    "phi" => FeeKind::Fee,
                    _ => FeeKind::Charge,
                };
                Ok(Fee { kind, amount: self.required_text(fee, "SOTIEN")?, note: self.text(fee, "MOTA")? })
            })
            .collect()
    }

    fn dossier(&self, root: &Node) -> Parsed<Vec<DossierCase>> {
        self.children(root, "THANHPHANHOSO")?
            .iter()
            .map(|case| {
                let documents = self
                    .children(case, "GIAYTO")?
                    .iter()
                    .map(|doc| {
                        let form = Some(self.text(doc, "TENMAUDON")?).filter(|s| !s.is_empty());
                        let url = [self.text(doc, "URL")?, self.text(doc, "Url")?].into_iter().find(|s| !s.is_empty());
                        Ok(DossierDocument {
                            name: self.required_text(doc, "TENGIAYTO")?,
                            originals: self.count(doc, "SOBANCHINH")?,
                            copies: self.count(doc, "SOBANSAO")?,
                            form: form.map(|name| FormFile { name, url }),
                        })
                    })
                    .collect::<Parsed<Vec<_>>>()?;
                Ok(DossierCase { case: self.text(case, "TRUONGHOP")?, documents })
            })
            .collect()
    }

    fn online_level(&self, root: &Node) -> Parsed<OnlineLevel> {
        let text = self.text(root, "MUCDO")?;
        match search_text(&text).as_str() {
            "toan trinh" | "4" | "muc do 4" => Ok(OnlineLevel::Full),
            "mot phan" | "3" | "muc do 3" => Ok(OnlineLevel::Partial),
            "" | "khong" | "1" | "2" | "muc do 1" | "muc do 2" => Ok(OnlineLevel::None),
            _ => Err(self.error("MUCDO", &format!("\"{text}\" is not an online level (Toàn trình, Một phần)"))),
        }
    }

    fn status(&self, root: &Node) -> Parsed<ProcedureStatus> {
        let text = self.text(root, "TRANGTHAI")?;
        let folded = search_text(&text);
        if folded.is_empty() || folded == "moi" || folded == "moi ban hanh" || folded == "cong khai" {
            Ok(ProcedureStatus::New)
        } else if folded.starts_with("sua doi") || folded.starts_with("bo sung") {
            Ok(ProcedureStatus::Amended)
        } else if folded.starts_with("thay the") {
            Ok(ProcedureStatus::Replaced)
        } else if folded.starts_with("bai bo") {
            Ok(ProcedureStatus::Abolished)
        } else {
            Err(self.error("TRANGTHAI", &format!("\"{text}\" is not a status (Mới, Sửa đổi, Thay thế, Bãi bỏ)")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(extra: &str) -> String {
        format!(
            r#"{{"MATTHC":"1.001193","TENTTHC":"Đăng ký khai sinh","CAPTHUCHIEN":"3",
            "LINHVUCTHUCHIEN":[{{"MALINHVUC":"HT","TENLINHVUC":"Hộ tịch"}}]{extra}}}"#
        )
    }

    #[test]
    fn reads_a_full_record() {
        let json = format!(
            "[{}]",
            record(
                r#","DOITUONGTHUCHIEN":"Công dân Việt Nam","MUCDO":"Toàn trình",
                "CACHTHUCTHUCHIEN":[{"KENH":"Trực tiếp","THOIGIAN":[{"THOIGIANGIAIQUYET":"1","DONVITINH":"Ngày làm việc",
                  "PHILEPHI":[{"LOAIPHI":"Lệ phí","SOTIEN":"Miễn lệ phí"}]}]}],
                "THANHPHANHOSO":[{"TRUONGHOP":"","GIAYTO":[{"TENGIAYTO":"Tờ khai đăng ký khai sinh","SOBANCHINH":"1","SOBANSAO":0,"TENMAUDON":"Mẫu TK-KS"}]}],
                "CANCUPHAPLY":[{"SOVANBAN":"60/2014/QH13","TENVANBAN":"Luật Hộ tịch","NGAYBANHANH":"20/11/2014"}],
                "SOHOSONAM":1200"#
            )
        );
        let parsed = from_json(&json).unwrap();
        let p = &parsed[0].procedure;
        assert_eq!(p.levels, [AgencyLevel::Commune]);
        assert_eq!(p.subjects, [Subject::Individual]);
        assert_eq!(p.online_level, OnlineLevel::Full);
        assert_eq!(p.channels[0].time_limit, Some(TimeLimit { amount: 1, unit: TimeUnit::WorkingDays }));
        assert_eq!(p.dossier[0].documents[0].originals, 1);
        assert_eq!(p.dossier[0].documents[0].form.as_ref().unwrap().name, "Mẫu TK-KS");
        assert_eq!(p.legal_basis[0].date, NaiveDate::from_ymd_opt(2014, 11, 20));
        assert_eq!(parsed[0].yearly_dossiers, 1200);
    }

    #[test]
    fn names_the_record_and_nested_field_of_a_bad_value() {
        let good = record("");
        let bad = record(
            r#","THANHPHANHOSO":[{"GIAYTO":[{"TENGIAYTO":"Tờ khai"},{"TENGIAYTO":"Bản sao","SOBANSAO":"hai"}]}]"#,
        )
        .replace("1.001193", "1.000894");
        let err = from_json(&format!("[{good},{bad}]")).unwrap_err();
        assert_eq!(err.record, 2);
        assert_eq!(err.code.as_deref(), Some("1.000894"));
        assert_eq!(err.field, "THANHPHANHOSO[0].GIAYTO[1].SOBANSAO");
        assert!(err.to_string().contains("\"hai\" is not a whole number"), "{err}");
    }

    #[test]
    fn a_time_limit_without_a_known_unit_is_rejected() {
        let bad = record(
            r#","CACHTHUCTHUCHIEN":[{"KENH":"Trực tuyến","THOIGIAN":[{"THOIGIANGIAIQUYET":"15","DONVITINH":"tuần"}]}]"#,
        );
        let err = from_json(&format!("[{bad}]")).unwrap_err();
        assert_eq!(err.field, "CACHTHUCTHUCHIEN[0].THOIGIAN[0].DONVITINH");
    }

    #[test]
    fn rejects_missing_name_duplicate_codes_and_bad_codes() {
        let no_name = record("").replace("Đăng ký khai sinh", "");
        assert_eq!(from_json(&format!("[{no_name}]")).unwrap_err().field, "TENTTHC");
        let twice = record("");
        let err = from_json(&format!("[{twice},{twice}]")).unwrap_err();
        assert_eq!((err.record, err.field.as_str()), (2, "MATTHC"));
        let bad_code = record("").replace("1.001193", "khai sinh");
        assert_eq!(from_json(&format!("[{bad_code}]")).unwrap_err().field, "MATTHC");
    }

    #[test]
    fn accepts_the_national_sync_package_shapes() {
        let json = r#"[{"MATTHC":"1.001612","TENTTHC":"Đăng ký thành lập hộ kinh doanh",
            "CAPTHUCHIEN":[{"CAPTHUCHIEN":"3","MOTACOQUANTHUCHIEN":"UBND cấp xã"}],
            "LINHVUCTHUCHIEN":[{"MALINHVUC":"HKD","TENLINHVUC":"Hộ kinh doanh"}],
            "DOITUONGTHUCHIEN":[{"TENDOITUONG":"Công dân Việt Nam"}],
            "COQUANTHUCHIEN":[{"MADONVI":"XA","TENDONVI":"Ủy ban nhân dân cấp xã"}],
            "CACHTHUCTHUCHIEN":[{"KENH":"1","THOIGIAN":[{"THOIGIANGIAIQUYET":3,"DONVITINH":"Ngày làm việc"}],
                "PHILEPHI":[{"SOTIEN":"100.000 đồng"}]}],
            "THANHPHANHOSO":[{"GIAYTO":[{"TENGIAYTO":"Giấy đề nghị","Url":"https://example.org/mau.docx"}]}]}]"#;
        let p = from_json(json).unwrap().remove(0).procedure;
        assert_eq!(p.levels, [AgencyLevel::Commune]);
        assert_eq!(p.subjects, [Subject::Individual]);
        assert_eq!(p.agencies.implementing[0].code, "XA");
        assert_eq!(p.channels[0].kind, ChannelKind::Direct);
        assert_eq!(p.channels[0].fees[0].amount, "100.000 đồng");
        assert_eq!(p.dossier[0].documents[0].form, None);
    }

    #[test]
    fn invalid_json_is_reported_with_its_position() {
        let err = from_json("[{\"MATTHC\": }]").unwrap_err();
        assert_eq!(err.record, 0);
        assert!(err.message.contains("line 1"), "{}", err.message);
    }

    #[test]
    fn reads_csv_through_the_same_rules() {
        let csv = "MATTHC,TENTTHC,CAPTHUCHIEN,MALINHVUC,TENLINHVUC,KENH,THOIGIANGIAIQUYET,DONVITINH,GIAYTO\n\
                   1.001193,Đăng ký khai sinh,3,HT,Hộ tịch,Trực tiếp;Trực tuyến,1,Ngày làm việc,Tờ khai;Giấy chứng sinh\n";
        let parsed = from_csv(csv).unwrap();
        let p = &parsed[0].procedure;
        assert_eq!(p.channels.len(), 2);
        assert_eq!(p.channels[1].kind, ChannelKind::Online);
        assert_eq!(p.dossier[0].documents.len(), 2);

        let bad = "MATTHC,TENTTHC,CAPTHUCHIEN,MALINHVUC,TENLINHVUC\n1.001193,Khai sinh,3,HT,Hộ tịch\n1.000894,Kết hôn,9,HT,Hộ tịch\n";
        let err = from_csv(bad).unwrap_err();
        assert_eq!((err.record, err.field.as_str()), (2, "CAPTHUCHIEN"));
    }
}
