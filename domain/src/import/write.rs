//! Writing procedures in the national database's export shape (DOMAIN.md §2.1): the shape the
//! reader takes, so that a catalogue written here is read back unchanged, here or by another
//! system that reads the national export. Also one CSV row per procedure, with the columns the
//! CSV reader takes (a summary: it holds one time limit and the documents' names only).

use serde_json::{Value, json};

use crate::procedure::*;

/// The national words for what the reader maps back.
fn level_number(level: crate::AgencyLevel) -> u8 {
    crate::AgencyLevel::ALL.iter().position(|l| *l == level).unwrap_or_default() as u8
}

fn unit_word(unit: TimeUnit) -> &'static str {
    match unit {
        TimeUnit::Hours => "Giờ",
        TimeUnit::Days => "Ngày",
        TimeUnit::WorkingDays => "Ngày làm việc",
        TimeUnit::Months => "Tháng",
    }
}

fn channel_word(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Direct => "Trực tiếp",
        ChannelKind::Online => "Trực tuyến",
        ChannelKind::Postal => "Dịch vụ bưu chính",
    }
}

fn online_word(level: OnlineLevel) -> &'static str {
    match level {
        OnlineLevel::Full => "Toàn trình",
        OnlineLevel::Partial => "Một phần",
        OnlineLevel::None => "",
    }
}

fn status_word(status: ProcedureStatus) -> &'static str {
    match status {
        ProcedureStatus::New => "Mới",
        ProcedureStatus::Amended => "Sửa đổi",
        ProcedureStatus::Replaced => "Thay thế",
        ProcedureStatus::Abolished => "Bãi bỏ",
    }
}

fn subject_words(subjects: &[Subject]) -> String {
    let words: Vec<&str> = subjects
        .iter()
        .map(|s| match s {
            Subject::Individual => "Công dân Việt Nam",
            Subject::Organisation => "Tổ chức",
        })
        .collect();
    words.join(", ")
}

fn date(day: Option<chrono::NaiveDate>) -> Value {
    day.map_or(Value::Null, |d| d.format("%d/%m/%Y").to_string().into())
}

fn agencies(list: &[AgencyRef]) -> Value {
    list.iter().map(|a| json!({ "MACOQUAN": a.code, "TENCOQUAN": a.name })).collect()
}

fn fees(list: &[Fee]) -> Value {
    list.iter()
        .map(|f| {
            let kind = match f.kind {
                FeeKind::Fee => "Phí",
                FeeKind::Charge => "Lệ phí",
            };
            json!({ "LOAIPHI": kind, "SOTIEN": f.amount, "MOTA": f.note })
        })
        .collect()
}

/// One procedure as a record of the national export, with its yearly number of dossiers.
pub fn to_national(p: &Procedure, yearly_dossiers: u32) -> Value {
    let channels: Vec<Value> = p
        .channels
        .iter()
        .map(|c| {
            let time = json!({
                "THOIGIANGIAIQUYET": c.time_limit.map_or(String::new(), |t| t.amount.to_string()),
                "DONVITINH": c.time_limit.map_or("", |t| unit_word(t.unit)),
                "MOTA": c.time_note,
                "PHILEPHI": fees(&c.fees),
            });
            json!({ "KENH": channel_word(c.kind), "THOIGIAN": [time] })
        })
        .collect();
    let dossier: Vec<Value> = p
        .dossier
        .iter()
        .map(|case| {
            let documents: Vec<Value> = case
                .documents
                .iter()
                .map(|d| {
                    json!({
                        "TENGIAYTO": d.name,
                        "SOBANCHINH": d.originals,
                        "SOBANSAO": d.copies,
                        "TENMAUDON": d.form.as_ref().map(|f| f.name.as_str()),
                        "URL": d.form.as_ref().and_then(|f| f.url.as_deref()),
                    })
                })
                .collect();
            json!({ "TRUONGHOP": case.case, "GIAYTO": documents })
        })
        .collect();
    let legal: Vec<Value> = p
        .legal_basis
        .iter()
        .map(|d| {
            json!({
                "SOVANBAN": d.number,
                "TENVANBAN": d.title,
                "NGAYBANHANH": date(d.date),
                "COQUANBANHANH": d.issuer,
            })
        })
        .collect();
    json!({
        "MATTHC": p.code,
        "TENTTHC": p.name,
        "CAPTHUCHIEN": p.levels.iter().map(|l| level_number(*l)).collect::<Vec<_>>(),
        "LOAITTHC": p.kind,
        "LINHVUCTHUCHIEN": p.fields.iter().map(|f| json!({ "MALINHVUC": f.code, "TENLINHVUC": f.name })).collect::<Vec<_>>(),
        "DOITUONGTHUCHIEN": subject_words(&p.subjects),
        "COQUANTHUCHIEN": agencies(&p.agencies.implementing),
        "COQUANCOTHAMQUYEN": agencies(&p.agencies.competent),
        "COQUANDUOCUYQUYEN": agencies(&p.agencies.delegated),
        "COQUANPHOIHOP": agencies(&p.agencies.coordinating),
        "DIACHITIEPNHAN": p.receiving_address,
        "TRINHTUTHUCHIEN": p.steps,
        "CACHTHUCTHUCHIEN": channels,
        "THANHPHANHOSO": dossier,
        "KETQUATHUCHIEN": p.results.iter().map(|r| json!({ "TENKETQUA": r })).collect::<Vec<_>>(),
        "CANCUPHAPLY": legal,
        "YEUCAU": p.conditions,
        "TUKHOA": p.keywords.join("; "),
        "MUCDO": online_word(p.online_level),
        "QUYETDINHCONGBO": p.decision.as_ref().map(|d| json!({
            "SOQUYETDINH": d.number,
            "NGAYBANHANH": date(d.date),
            "COQUANBANHANH": d.issuer,
        })),
        "TRANGTHAI": status_word(p.status),
        "NGAYHIEULUC": date(p.effective_from),
        "NGAYHETHIEULUC": date(p.effective_until),
        "THUTUCTHAYTHE": p.replaced_by,
        "SOHOSONAM": yearly_dossiers,
    })
}

/// The CSV reader's columns, in order.
pub const CSV_COLUMNS: [&str; 20] = [
    "MATTHC",
    "TENTTHC",
    "CAPTHUCHIEN",
    "MALINHVUC",
    "TENLINHVUC",
    "DOITUONGTHUCHIEN",
    "MACOQUAN",
    "TENCOQUAN",
    "KENH",
    "THOIGIANGIAIQUYET",
    "DONVITINH",
    "PHILEPHI",
    "GIAYTO",
    "KETQUATHUCHIEN",
    "CANCUPHAPLY",
    "MUCDO",
    "TRANGTHAI",
    "NGAYHIEULUC",
    "THUTUCTHAYTHE",
    "SOHOSONAM",
];

/// One procedure as a row of [`CSV_COLUMNS`]: lists joined by `; `; the shortest time limit.
pub fn to_csv_row(p: &Procedure, yearly_dossiers: u32) -> Vec<String> {
    let join = |items: Vec<String>| items.join("; ");
    let time = crate::catalogue::ProcedureSummary::from(p).time_limit;
    let mut kinds: Vec<ChannelKind> = Vec::new();
    for c in &p.channels {
        if !kinds.contains(&c.kind) {
            kinds.push(c.kind);
        }
    }
    vec![
        p.code.clone(),
        p.name.clone(),
        join(p.levels.iter().map(|l| level_number(*l).to_string()).collect()),
        join(p.fields.iter().map(|f| f.code.clone()).collect()),
        join(p.fields.iter().map(|f| f.name.clone()).collect()),
        subject_words(&p.subjects),
        join(p.agencies.implementing.iter().map(|a| a.code.clone()).collect()),
        join(p.agencies.implementing.iter().map(|a| a.name.clone()).collect()),
        join(kinds.into_iter().map(|k| channel_word(k).to_owned()).collect()),
        time.map_or(String::new(), |t| t.amount.to_string()),
        time.map_or(String::new(), |t| unit_word(t.unit).to_owned()),
        join(p.channels.iter().flat_map(|c| c.fees.iter().map(|f| f.amount.clone())).collect()),
        join(p.dossier.iter().flat_map(|c| c.documents.iter().map(|d| d.name.clone())).collect()),
        join(p.results.clone()),
        join(p.legal_basis.iter().map(|d| d.number.clone()).collect()),
        online_word(p.online_level).to_owned(),
        status_word(p.status).to_owned(),
        p.effective_from.map_or(String::new(), |d| d.format("%d/%m/%Y").to_string()),
        p.replaced_by.clone().unwrap_or_default(),
        yearly_dossiers.to_string(),
    ]
}
