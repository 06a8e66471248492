//! One record of an import read against the national database's field names, every problem
//! named by its record, code and field.

use chrono::NaiveDate;
use serde_json::{Map, Value};
use unicode_normalization::UnicodeNormalization;

use crate::agency::AgencyLevel;
use crate::text::{SearchQuery, search_text};

use super::*;

/// A JSON object under inspection, with enough context to name what is wrong with it.
#[derive(Clone, Copy)]
pub(super) struct Record<'a> {
    pub(super) number: usize,
    pub(super) code: Option<&'a str>,
    pub(super) value: &'a Value,
}

/// A sub-object inside a record, with its path for error messages.
struct Node<'a> {
    path: String,
    object: &'a Map<String, Value>,
}

type Parsed<T> = Result<T, ImportError>;

impl<'a> Record<'a> {
    pub(super) fn error(&self, field: &str, message: &str) -> ImportError {
        ImportError {
            record: self.number,
            code: self.code.map(str::to_owned),
            field: field.to_owned(),
            message: message.to_owned(),
        }
    }

    pub(super) fn parse(mut self) -> Parsed<ImportedProcedure> {
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
