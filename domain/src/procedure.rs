//! The procedure record (thủ tục hành chính, TTHC) with the national database's fields
//! (DOMAIN.md §2.1).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::agency::AgencyLevel;

/// One administrative procedure as published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Procedure {
    /// National code `D.DDDDDD`, or a local instance's longer code.
    pub code: String,
    pub name: String,
    /// Levels of government that carry it out (cấp thực hiện).
    pub levels: Vec<AgencyLevel>,
    /// Procedure type as the national database names it (loại TTHC).
    pub kind: String,
    /// Fields (lĩnh vực) it belongs to.
    pub fields: Vec<FieldRef>,
    pub subjects: Vec<Subject>,
    pub agencies: ProcedureAgencies,
    pub receiving_address: String,
    pub steps: Vec<String>,
    pub channels: Vec<Channel>,
    /// Dossier components (thành phần hồ sơ) grouped by case (trường hợp).
    pub dossier: Vec<DossierCase>,
    /// Papers issued at the end (kết quả thực hiện).
    pub results: Vec<String>,
    pub legal_basis: Vec<LegalDocument>,
    pub conditions: String,
    pub keywords: Vec<String>,
    pub online_level: OnlineLevel,
    pub decision: Option<Decision>,
    pub status: ProcedureStatus,
    pub effective_from: Option<NaiveDate>,
    pub effective_until: Option<NaiveDate>,
    /// For a replaced or abolished procedure: the code of the one that takes its place.
    pub replaced_by: Option<String>,
}

/// A field (lĩnh vực) such as Hộ tịch (civil status) or Xây dựng (construction).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldRef {
    pub code: String,
    pub name: String,
}

/// Who may carry out the procedure (đối tượng thực hiện).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Individual,
    Organisation,
}

impl Subject {
    pub const ALL: [Subject; 2] = [Self::Individual, Self::Organisation];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Individual => "ca-nhan",
            Self::Organisation => "to-chuc",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.slug() == s)
    }
}

/// An agency named in a procedure, by code and by the name the record gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyRef {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcedureAgencies {
    pub implementing: Vec<AgencyRef>,
    pub competent: Vec<AgencyRef>,
    pub delegated: Vec<AgencyRef>,
    pub coordinating: Vec<AgencyRef>,
}

impl ProcedureAgencies {
    /// Every agency named, each once, implementing ones first.
    pub fn all(&self) -> impl Iterator<Item = &AgencyRef> {
        let mut seen = Vec::new();
        self.implementing.iter().chain(&self.competent).chain(&self.delegated).chain(&self.coordinating).filter(
            move |a| {
                let fresh = !seen.contains(&a.code);
                seen.push(a.code.clone());
                fresh
            },
        )
    }
}

/// A way to submit (cách thức thực hiện).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Channel {
    pub kind: ChannelKind,
    pub time_limit: Option<TimeLimit>,
    /// The time limit as the record words it, including conditions ("kể từ ngày nhận đủ hồ sơ").
    pub time_note: String,
    pub fees: Vec<Fee>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    Direct,
    Online,
    Postal,
}

/// A time limit is meaningless without its unit: 15 days and 15 working days differ by weeks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeLimit {
    pub amount: u32,
    pub unit: TimeUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    Hours,
    Days,
    WorkingDays,
    Months,
}

impl TimeUnit {
    /// Reads the national export's `DONVITINH` ("Ngày", "Ngày làm việc", "Giờ", "Tháng").
    pub fn from_national(text: &str) -> Option<Self> {
        match crate::text::search_text(text).as_str() {
            "gio" | "gio lam viec" => Some(Self::Hours),
            "ngay" => Some(Self::Days),
            "ngay lam viec" => Some(Self::WorkingDays),
            "thang" => Some(Self::Months),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fee {
    pub kind: FeeKind,
    /// Amount as published ("8.000 đồng/bản"); fees often depend on the case, so it stays text.
    pub amount: String,
    /// Exemptions and conditions.
    pub note: String,
}

/// Phí (a fee for a service) or lệ phí (a charge for a state act).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    Fee,
    Charge,
}

/// The papers to bring in one case ("Trường hợp đăng ký khai sinh có yếu tố nước ngoài").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DossierCase {
    /// Empty for the general case.
    pub case: String,
    pub documents: Vec<DossierDocument>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DossierDocument {
    pub name: String,
    pub originals: u32,
    pub copies: u32,
    /// The blank form to fill in, when there is one.
    pub form: Option<FormFile>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormFile {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LegalDocument {
    pub number: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub issuer: String,
}

/// Online level since Decree 42/2022 (it replaced the old levels 1–4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OnlineLevel {
    /// Toàn trình: the whole procedure can be done online.
    Full,
    /// Một phần: partly online.
    Partial,
    None,
}

impl OnlineLevel {
    pub const ALL: [OnlineLevel; 3] = [Self::Full, Self::Partial, Self::None];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Full => "toan-trinh",
            Self::Partial => "mot-phan",
            Self::None => "khong",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.slug() == s)
    }
}

/// The decision that published the procedure (quyết định công bố).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    pub number: String,
    pub date: Option<NaiveDate>,
    pub issuer: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProcedureStatus {
    New,
    Amended,
    Replaced,
    Abolished,
}

impl ProcedureStatus {
    pub const ALL: [ProcedureStatus; 4] = [Self::New, Self::Amended, Self::Replaced, Self::Abolished];

    pub fn slug(self) -> &'static str {
        match self {
            Self::New => "moi",
            Self::Amended => "sua-doi",
            Self::Replaced => "thay-the",
            Self::Abolished => "bai-bo",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.slug() == s)
    }

    /// Still in force: a replaced or abolished procedure is kept only for reference.
    pub fn in_force(self) -> bool {
        matches!(self, Self::New | Self::Amended)
    }
}

impl Procedure {
    /// Text that search matches besides the name: keywords, fields, agencies, papers, results.
    pub fn body_text(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        parts.extend(self.keywords.iter().map(String::as_str));
        parts.extend(self.fields.iter().map(|f| f.name.as_str()));
        parts.extend(self.agencies.all().map(|a| a.name.as_str()));
        parts.extend(self.results.iter().map(String::as_str));
        parts.extend(self.dossier.iter().flat_map(|c| c.documents.iter().map(|d| d.name.as_str())));
        parts.join(" ")
    }

    pub fn serves(&self, subject: Subject) -> bool {
        self.subjects.contains(&subject)
    }

    /// Names of the parts that differ from an earlier revision, for the change history.
    pub fn changed_parts(&self, earlier: &Procedure) -> Vec<RecordPart> {
        use RecordPart::*;
        let mut parts = Vec::new();
        let mut check = |changed: bool, part| {
            if changed {
                parts.push(part)
            }
        };
        check(self.name != earlier.name, Name);
        check(self.channels != earlier.channels, Channels);
        check(self.dossier != earlier.dossier, Dossier);
        check(self.steps != earlier.steps, Steps);
        check(self.agencies != earlier.agencies || self.receiving_address != earlier.receiving_address, Agencies);
        check(self.legal_basis != earlier.legal_basis, LegalBasis);
        check(self.results != earlier.results, Results);
        check(self.conditions != earlier.conditions, Conditions);
        check(self.online_level != earlier.online_level, OnlineLevel);
        check(
            self.status != earlier.status
                || self.effective_from != earlier.effective_from
                || self.effective_until != earlier.effective_until
                || self.replaced_by != earlier.replaced_by,
            Status,
        );
        parts
    }
}

/// A part of the record, as named in the change history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordPart {
    Name,
    Channels,
    Dossier,
    Steps,
    Agencies,
    LegalBasis,
    Results,
    Conditions,
    OnlineLevel,
    Status,
}
