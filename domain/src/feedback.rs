//! Feedback and petitions (phản ánh, kiến nghị — PAKN): what a submission holds, the rules it must
//! meet (Decree 20/2008 Art. 7, DOMAIN.md §1.2), the categories of Art. 5 and the ones that belong
//! to another channel, case codes, statuses and routing.
//!
//! Validation lives here, with no web types, so the server (authoritative) and the browser (once
//! hydrated) run the very same rules.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who sends: a person or an organisation (enterprise, association, agency…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmitterKind {
    Individual,
    Organisation,
}

impl SubmitterKind {
    pub const ALL: [SubmitterKind; 2] = [SubmitterKind::Individual, SubmitterKind::Organisation];

    pub fn as_str(self) -> &'static str {
        match self {
            SubmitterKind::Individual => "individual",
            SubmitterKind::Organisation => "organisation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What the form offers under "loại phản ánh". The first four are the categories of Decree 20
/// Art. 5; complaints and denunciations follow other laws and are refused with guidance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Officials' conduct in handling procedures: delay, harassment, demanding extra papers.
    OfficialConduct,
    /// A regulation or procedure that is impractical, inconsistent or unlawful.
    Regulation,
    /// A proposal: a solution, an initiative, a simpler rule.
    Proposal,
    /// Other matters about administrative regulations.
    Other,
    /// Khiếu nại: handled under the Law on Complaints, not here.
    Complaint,
    /// Tố cáo: handled under the Law on Denunciations, not here.
    Denunciation,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::OfficialConduct,
        Category::Regulation,
        Category::Proposal,
        Category::Other,
        Category::Complaint,
        Category::Denunciation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::OfficialConduct => "official_conduct",
            Category::Regulation => "regulation",
            Category::Proposal => "proposal",
            Category::Other => "other",
            Category::Complaint => "complaint",
            Category::Denunciation => "denunciation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether this channel takes it (Decree 20 Art. 5); the others get guidance instead.
    pub fn accepted(self) -> bool {
        !matches!(self, Category::Complaint | Category::Denunciation)
    }
}

/// The form's fields, named as in HTML forms and the JSON API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    SubmitterKind,
    Organisation,
    Name,
    Address,
    Phone,
    Email,
    Category,
    Title,
    Content,
    Procedure,
    Agency,
    Area,
    Attachments,
    Consent,
    /// The submitter's verdict on a published answer.
    Rating,
}

impl Field {
    /// In the order the form shows them, which is also the order of the error summary.
    pub const ALL: [Field; 15] = [
        Field::SubmitterKind,
        Field::Organisation,
        Field::Name,
        Field::Address,
        Field::Phone,
        Field::Email,
        Field::Category,
        Field::Title,
        Field::Content,
        Field::Procedure,
        Field::Agency,
        Field::Area,
        Field::Attachments,
        Field::Consent,
        Field::Rating,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::SubmitterKind => "submitter_kind",
            Field::Organisation => "organisation",
            Field::Name => "name",
            Field::Address => "address",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Category => "category",
            Field::Title => "title",
            Field::Content => "content",
            Field::Procedure => "procedure",
            Field::Agency => "agency",
            Field::Area => "area",
            Field::Attachments => "attachments",
            Field::Consent => "consent",
            Field::Rating => "rating",
        }
    }
}

/// What is wrong with a field. The words are the app's (one message per problem and language).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    /// Letters that cannot be part of text, such as control characters.
    BadCharacters,
    /// Not a phone number (10 or 11 digits starting with 0, or +84).
    Phone,
    Email,
    /// A choice that is not on the list.
    Choice,
    /// A complaint or denunciation: another channel handles it.
    OutOfScope(Category),
    /// The procedure, agency or area named does not exist.
    Unknown,
    ConsentRequired,
    TooManyFiles {
        max: usize,
    },
    FileTooLarge {
        file: String,
        max_mb: u64,
    },
    FileType {
        file: String,
    },
    /// A PDF or Office file that could not be read well enough to remove its author and other
    /// properties.
    FileUnreadable {
        file: String,
    },
    /// The whole request was larger than the portal accepts.
    BodyTooLarge {
        max_mb: u64,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

/// Limits of the form, in characters after trimming.
pub mod limits {
    pub const NAME: (usize, usize) = (2, 100);
    pub const ORGANISATION: usize = 200;
    pub const ADDRESS: (usize, usize) = (5, 300);
    pub const EMAIL: usize = 254;
    pub const TITLE: (usize, usize) = (5, 200);
    pub const CONTENT: (usize, usize) = (20, 10_000);
    pub const CODE: usize = 60;
    pub const FILES: usize = 5;
    pub const FILE_MB: u64 = 10;
    /// The largest request a form with attachments may send: every file at its largest and the
    /// text around them.
    pub const BODY_BYTES: usize = (FILES * FILE_MB as usize + 2) * 1024 * 1024;
}

/// The form as typed: every value kept as a string so a page with errors can show it back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedbackForm {
    pub submitter_kind: String,
    pub organisation: String,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub category: String,
    pub title: String,
    pub content: String,
    pub procedure: String,
    pub agency: String,
    pub area: String,
    pub show_name: bool,
    pub consent: bool,
}

/// Whether a posted checkbox value means "ticked".
pub fn is_ticked(value: &str) -> bool {
    matches!(value, "on" | "true" | "1" | "yes")
}

impl FeedbackForm {
    /// The form as posted, read by field name from wherever it is held (the server's parsed
    /// body, the browser's `FormData`), so both read a post the same way.
    pub fn from_fields(field: impl Fn(&str) -> Option<String>) -> FeedbackForm {
        let text = |name: &str| field(name).unwrap_or_default();
        let ticked = |name: &str| field(name).is_some_and(|v| is_ticked(&v));
        FeedbackForm {
            submitter_kind: text("submitter_kind"),
            organisation: text("organisation"),
            name: text("name"),
            address: text("address"),
            phone: text("phone"),
            email: text("email"),
            category: text("category"),
            title: text("title"),
            content: text("content"),
            procedure: text("procedure"),
            agency: text("agency"),
            area: text("area"),
            show_name: ticked("show_name"),
            consent: ticked("consent"),
        }
    }
}

/// The submitter, validated and normalised. Everything here except a shown name is private.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submitter {
    pub kind: SubmitterKind,
    pub organisation: Option<String>,
    pub name: String,
    pub address: String,
    /// Digits only, national form (`0912345678`).
    pub phone: String,
    /// Lower-case domain; `None` when left out (then the code is the only way to follow).
    pub email: Option<String>,
    pub show_name: bool,
}

/// A valid submission, ready to be stored and routed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCase {
    pub submitter: Submitter,
    pub category: Category,
    pub title: String,
    pub content: String,
    /// Procedure code, agency slug and area code as given; the server checks they exist.
    pub procedure: Option<String>,
    pub agency: Option<String>,
    pub area: Option<String>,
}

/// Characters no text field takes: controls (but tab and line ends), and U+FFFD, which stands
/// for bytes that were not text.
fn unusable(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFD}'
}

/// One line of text: Unicode NFC (so decomposed input from some keyboards compares equal),
/// trimmed, inner runs of white space made one space. `None` if it holds control characters.
pub fn clean_line(raw: &str) -> Option<String> {
    let text = crate::text::nfc(raw);
    if text.chars().any(unusable) {
        return None;
    }
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Several lines: NFC, line ends made `\n`, trailing spaces and surrounding blank lines dropped.
pub fn clean_text(raw: &str) -> Option<String> {
    let text = crate::text::nfc(raw).replace("\r\n", "\n").replace('\r', "\n");
    if text.chars().any(unusable) {
        return None;
    }
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    Some(lines.join("\n").trim_matches('\n').trim_start_matches([' ', '\t']).to_owned())
}

/// A Vietnamese phone number in national form, or `None`. Accepts spaces, dots, dashes and
/// brackets between digits, and the `+84` / `84` country prefix.
pub fn normalise_phone(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    if !rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')')) {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let national = if plus || (digits.starts_with("84") && digits.len() >= 11) {
        format!("0{}", digits.strip_prefix("84")?)
    } else {
        digits
    };
    (national.starts_with('0') && !national.starts_with("00") && (10..=11).contains(&national.len()))
        .then_some(national)
}

/// An e-mail address with its domain in lower case, or `None` when it is not one.
pub fn normalise_email(raw: &str) -> Option<String> {
    let email = raw.trim();
    let (local, domain) = email.rsplit_once('@')?;
    let printable =
        |s: &str| s.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '"'));
    let labels_ok = domain.split('.').count() >= 2
        && domain.split('.').all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    (!local.is_empty() && local.len() <= 64 && !local.contains('@') && printable(local) && labels_ok)
        .then(|| format!("{local}@{}", domain.to_ascii_lowercase()))
}

impl FeedbackForm {
    /// Checks every rule and returns the submission, or every problem found (not just the first).
    /// Whether a named procedure, agency or area exists is for the server to add.
    pub fn validate(&self) -> Result<NewCase, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field, problem| errors.push(FieldError { field, problem });

        let kind = match self.submitter_kind.trim() {
            "" => {
                fail(Field::SubmitterKind, Problem::Required);
                None
            }
            other => SubmitterKind::parse(other).or_else(|| {
                fail(Field::SubmitterKind, Problem::Choice);
                None
            }),
        };
        let line = |field, raw: &str, (min, max): (usize, usize), fail: &mut dyn FnMut(Field, Problem)| {
            let Some(text) = clean_line(raw) else {
                fail(field, Problem::BadCharacters);
                return None;
            };
            let length = text.chars().count();
            if text.is_empty() {
                if min > 0 {
                    fail(field, Problem::Required);
                }
                return None;
            }
            if length < min {
                fail(field, Problem::TooShort { min });
                None
            } else if length > max {
                fail(field, Problem::TooLong { max });
                None
            } else {
                Some(text)
            }
        };
        let organisation = line(Field::Organisation, &self.organisation, (0, limits::ORGANISATION), &mut fail);
        if kind == Some(SubmitterKind::Organisation) && self.organisation.trim().is_empty() {
            fail(Field::Organisation, Problem::Required);
        }
        let name = line(Field::Name, &self.name, limits::NAME, &mut fail);
        let address = line(Field::Address, &self.address, limits::ADDRESS, &mut fail);
        let phone = if self.phone.trim().is_empty() {
            fail(Field::Phone, Problem::Required);
            None
        } else {
            normalise_phone(&self.phone).or_else(|| {
                fail(Field::Phone, Problem::Phone);
                None
            })
        };
        let email = if self.email.trim().is_empty() {
            None
        } else if self.email.trim().chars().count() > limits::EMAIL {
            fail(Field::Email, Problem::TooLong { max: limits::EMAIL });
            None
        } else {
            match normalise_email(&self.email) {
                Some(email) => Some(email),
                None => {
                    fail(Field::Email, Problem::Email);
                    None
                }
            }
        };
        let category = match self.category.trim() {
            "" => {
                fail(Field::Category, Problem::Required);
                None
            }
            other => match Category::parse(other) {
                Some(c) if c.accepted() => Some(c),
                Some(c) => {
                    fail(Field::Category, Problem::OutOfScope(c));
                    None
                }
                None => {
                    fail(Field::Category, Problem::Choice);
                    None
                }
            },
        };
        let title = line(Field::Title, &self.title, limits::TITLE, &mut fail);
        let content = match clean_text(&self.content) {
            None => {
                fail(Field::Content, Problem::BadCharacters);
                None
            }
            Some(text) if text.is_empty() => {
                fail(Field::Content, Problem::Required);
                None
            }
            Some(text) => {
                let (min, max) = limits::CONTENT;
                let length = text.chars().count();
                if length < min {
                    fail(Field::Content, Problem::TooShort { min });
                    None
                } else if length > max {
                    fail(Field::Content, Problem::TooLong { max });
                    None
                } else {
                    Some(text)
                }
            }
        };
        let procedure = line(Field::Procedure, &self.procedure, (0, limits::CODE), &mut fail);
        let agency = line(Field::Agency, &self.agency, (0, limits::CODE), &mut fail);
        let area = line(Field::Area, &self.area, (0, limits::CODE), &mut fail);
        if !self.consent {
            fail(Field::Consent, Problem::ConsentRequired);
        }

        match (kind, name, address, phone, category, title, content) {
            (Some(kind), Some(name), Some(address), Some(phone), Some(category), Some(title), Some(content))
                if errors.is_empty() =>
            {
                Ok(NewCase {
                    submitter: Submitter {
                        kind,
                        organisation: organisation.filter(|_| kind == SubmitterKind::Organisation),
                        name,
                        address,
                        phone,
                        email,
                        show_name: self.show_name,
                    },
                    category,
                    title,
                    content,
                    procedure,
                    agency,
                    area,
                })
            }
            _ => {
                errors.sort_by_key(|e| Field::ALL.iter().position(|f| *f == e.field));
                Err(errors)
            }
        }
    }
}

/// A case code in the national format `PAKN.YYYYMMDD.NNNN`: the day of receipt (UTC+7) and its
/// number that day, from 1 (more than 9,999 in a day simply takes more digits).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CaseCode(String);

impl CaseCode {
    pub fn new(day: NaiveDate, number: u32) -> Self {
        CaseCode(format!("PAKN.{}.{number:04}", day.format("%Y%m%d")))
    }

    /// Reads a code as typed: surrounding space ignored, letters in any case.
    pub fn parse(raw: &str) -> Option<Self> {
        let upper = raw.trim().to_ascii_uppercase();
        let mut parts = upper.split('.');
        let (Some("PAKN"), Some(day), Some(number), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let day = NaiveDate::parse_from_str(day, "%Y%m%d").ok()?;
        let number: u32 =
            (number.len() >= 4 && number.chars().all(|c| c.is_ascii_digit())).then(|| number.parse().ok())??;
        (number > 0).then(|| CaseCode::new(day, number))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CaseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a case stands. Staff see these; the public sees [`PublicStatus`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Received,
    InProgress,
    AwaitingInformation,
    AnswerDrafted,
    AnswerApproved,
    Published,
    Closed,
    Refused,
    Withdrawn,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 9] = [
        CaseStatus::Received,
        CaseStatus::InProgress,
        CaseStatus::AwaitingInformation,
        CaseStatus::AnswerDrafted,
        CaseStatus::AnswerApproved,
        CaseStatus::Published,
        CaseStatus::Closed,
        CaseStatus::Refused,
        CaseStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Received => "received",
            CaseStatus::InProgress => "in_progress",
            CaseStatus::AwaitingInformation => "awaiting_information",
            CaseStatus::AnswerDrafted => "answer_drafted",
            CaseStatus::AnswerApproved => "answer_approved",
            CaseStatus::Published => "published",
            CaseStatus::Closed => "closed",
            CaseStatus::Refused => "refused",
            CaseStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn public(self) -> PublicStatus {
        match self {
            CaseStatus::Received => PublicStatus::Received,
            CaseStatus::InProgress | CaseStatus::AnswerDrafted | CaseStatus::AnswerApproved => PublicStatus::InProgress,
            CaseStatus::AwaitingInformation => PublicStatus::AwaitingInformation,
            CaseStatus::Published | CaseStatus::Closed => PublicStatus::Answered,
            CaseStatus::Refused => PublicStatus::Refused,
            CaseStatus::Withdrawn => PublicStatus::Withdrawn,
        }
    }

    /// Whether the submitter can still add information or withdraw.
    pub fn is_open(self) -> bool {
        !matches!(self, CaseStatus::Published | CaseStatus::Closed | CaseStatus::Refused | CaseStatus::Withdrawn)
    }
}

/// The status shown to everyone (PRODUCT.md): Đã tiếp nhận · Đang xử lý · Chờ bổ sung thông tin ·
/// Đã trả lời · Không tiếp nhận · Đã rút.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicStatus {
    Received,
    InProgress,
    AwaitingInformation,
    Answered,
    Refused,
    Withdrawn,
}

/// Submitted through which channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    Api,
    Email,
    Phone,
    Paper,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Api => "api",
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::Paper => "paper",
        }
    }
}

/// A routing rule administrators keep: feedback of `category` (any when `None`) about `area`
/// (any when `None`) goes to `agency`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingRule {
    pub id: i64,
    pub category: Option<Category>,
    pub area: Option<String>,
    pub agency: String,
}

/// Why a case went where it did; recorded in its first event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum RoutingReason {
    /// The procedure it concerns is implemented by that agency.
    Procedure { code: String },
    /// The submitter named the agency it concerns.
    NamedAgency,
    /// A rule matched.
    Rule { rule: i64 },
    /// Nothing else applied: the coordinating office receives it.
    Coordinating,
}

/// Chooses the responsible agency (by code): the procedure's implementing agency; else the agency
/// the submitter named; else the most specific rule on (category, area) — both matching beats area
/// alone beats category alone, ties to the lowest id; else the coordinating office.
pub fn route(
    procedure: Option<(&str, &str)>,
    named_agency: Option<&str>,
    category: Category,
    area: Option<&str>,
    rules: &[RoutingRule],
    coordinating: &str,
) -> (String, RoutingReason) {
    if let Some((code, agency)) = procedure {
        return (agency.to_owned(), RoutingReason::Procedure { code: code.to_owned() });
    }
    if let Some(agency) = named_agency {
        return (agency.to_owned(), RoutingReason::NamedAgency);
    }
    let specificity = |rule: &RoutingRule| -> Option<u8> {
        let category_match = match rule.category {
            Some(c) if c != category => return None,
            Some(_) => 1,
            None => 0,
        };
        let area_match = match (&rule.area, area) {
            (Some(a), Some(b)) if a == b => 2,
            (Some(_), _) => return None,
            (None, _) => 0,
        };
        Some(category_match + area_match)
    };
    rules
        .iter()
        .filter_map(|rule| specificity(rule).map(|s| (s, rule)))
        .max_by(|(s1, r1), (s2, r2)| s1.cmp(s2).then(r2.id.cmp(&r1.id)))
        .map(|(_, rule)| (rule.agency.clone(), RoutingReason::Rule { rule: rule.id }))
        .unwrap_or_else(|| (coordinating.to_owned(), RoutingReason::Coordinating))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn valid() -> FeedbackForm {
        FeedbackForm {
            submitter_kind: "individual".into(),
            name: "Nguyễn Văn An".into(),
            address: "12 Hàng Bạc, phường Hoàn Kiếm".into(),
            phone: "0912 345 678".into(),
            email: "An.Nguyen@Example.VN".into(),
            category: "official_conduct".into(),
            title: "Chậm trả kết quả khai sinh".into(),
            content: "Tôi nộp hồ sơ ngày 3/11 nhưng đến nay chưa nhận được kết quả.".into(),
            consent: true,
            ..FeedbackForm::default()
        }
    }

    fn problems(form: &FeedbackForm) -> Vec<(Field, Problem)> {
        form.validate().unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn a_valid_form_is_normalised() {
        let case = valid().validate().unwrap();
        assert_eq!(case.submitter.phone, "0912345678");
        assert_eq!(case.submitter.email.as_deref(), Some("An.Nguyen@example.vn"));
        assert_eq!(case.category, Category::OfficialConduct);
        assert!(!case.submitter.show_name);
    }

    #[test]
    fn name_address_phone_and_consent_are_required_and_all_problems_are_reported() {
        let form =
            FeedbackForm { name: " ".into(), address: String::new(), phone: String::new(), consent: false, ..valid() };
        assert_eq!(
            problems(&form),
            vec![
                (Field::Name, Problem::Required),
                (Field::Address, Problem::Required),
                (Field::Phone, Problem::Required),
                (Field::Consent, Problem::ConsentRequired),
            ]
        );
    }

    #[test]
    fn email_is_optional_but_checked_when_given() {
        assert_eq!(FeedbackForm { email: String::new(), ..valid() }.validate().unwrap().submitter.email, None);
        for bad in ["an@", "an.example.vn", "an @x.vn", "an@x", "<a>@x.vn", "an@-x.vn"] {
            assert_eq!(
                problems(&FeedbackForm { email: bad.into(), ..valid() }),
                vec![(Field::Email, Problem::Email)],
                "{bad}"
            );
        }
    }

    #[test]
    fn phones_in_common_shapes() {
        for (raw, national) in [
            ("0912345678", "0912345678"),
            ("+84 912 345 678", "0912345678"),
            ("84912345678", "0912345678"),
            ("(024) 3825.3536", "02438253536"),
            ("091-234-5678", "0912345678"),
        ] {
            assert_eq!(normalise_phone(raw).as_deref(), Some(national), "{raw}");
        }
        for bad in ["12345", "0912a45678", "+1 212 555 0100", "009123456789", "091234567890123"] {
            assert_eq!(normalise_phone(bad), None, "{bad}");
        }
    }

    #[test]
    fn complaints_and_denunciations_are_out_of_scope() {
        for (raw, category) in [("complaint", Category::Complaint), ("denunciation", Category::Denunciation)] {
            assert_eq!(
                problems(&FeedbackForm { category: raw.into(), ..valid() }),
                vec![(Field::Category, Problem::OutOfScope(category))]
            );
        }
        assert_eq!(
            problems(&FeedbackForm { category: "x".into(), ..valid() }),
            vec![(Field::Category, Problem::Choice)]
        );
    }

    #[test]
    fn organisations_name_themselves() {
        let form = FeedbackForm { submitter_kind: "organisation".into(), ..valid() };
        assert_eq!(problems(&form), vec![(Field::Organisation, Problem::Required)]);
        let form = FeedbackForm { organisation: "Công ty TNHH Ánh Dương".into(), ..form };
        assert_eq!(form.validate().unwrap().submitter.organisation.as_deref(), Some("Công ty TNHH Ánh Dương"));
        // An individual's stray organisation name is not kept.
        let person = FeedbackForm { organisation: "Công ty".into(), ..valid() };
        assert_eq!(person.validate().unwrap().submitter.organisation, None);
    }

    #[test]
    fn lengths_and_control_characters() {
        assert_eq!(
            problems(&FeedbackForm { title: "Kém".into(), ..valid() }),
            vec![(Field::Title, Problem::TooShort { min: 5 })]
        );
        let long = "a".repeat(limits::CONTENT.1 + 1);
        assert_eq!(
            problems(&FeedbackForm { content: long, ..valid() }),
            vec![(Field::Content, Problem::TooLong { max: 10_000 })]
        );
        assert_eq!(
            problems(&FeedbackForm { name: "An\u{0}".into(), ..valid() }),
            vec![(Field::Name, Problem::BadCharacters)]
        );
        assert_eq!(
            problems(&FeedbackForm { content: "x\u{7}".repeat(20), ..valid() }),
            vec![(Field::Content, Problem::BadCharacters)]
        );
        // Line breaks are kept in the content, made one kind; a title's become spaces.
        let case = FeedbackForm {
            title: "Chậm\r\n  trả   kết quả".into(),
            content: "Dòng một dài hơn hai mươi ký tự\r\nDòng hai  ".into(),
            ..valid()
        }
        .validate()
        .unwrap();
        assert_eq!(case.title, "Chậm trả kết quả");
        assert_eq!(case.content, "Dòng một dài hơn hai mươi ký tự\nDòng hai");
    }

    #[test]
    fn script_tags_are_just_text() {
        let case = FeedbackForm { title: "<script>alert(1)</script>".into(), ..valid() }.validate().unwrap();
        assert_eq!(case.title, "<script>alert(1)</script>");
    }

    #[test]
    fn decomposed_input_is_composed() {
        let decomposed: String = "Nguyễn".nfd().collect();
        let case = FeedbackForm { name: decomposed, ..valid() }.validate().unwrap();
        assert_eq!(case.submitter.name, "Nguyễn");
    }

    #[test]
    fn case_codes() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(CaseCode::new(day, 7).as_str(), "PAKN.20261122.0007");
        assert_eq!(CaseCode::new(day, 12_345).as_str(), "PAKN.20261122.12345");
        assert_eq!(CaseCode::parse(" pakn.20261122.0007 "), Some(CaseCode::new(day, 7)));
        for bad in ["PAKN.20261322.0007", "PAKN.20261122.7", "PAKN.20261122.0000", "PAKN.20261122", "X.20261122.0001"] {
            assert_eq!(CaseCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn routing_prefers_the_procedure_then_the_named_agency_then_the_most_specific_rule() {
        let rules = vec![
            RoutingRule { id: 1, category: Some(Category::Regulation), area: None, agency: "STP".into() },
            RoutingRule { id: 2, category: None, area: Some("HK".into()), agency: "XA-HK".into() },
            RoutingRule {
                id: 3,
                category: Some(Category::Regulation),
                area: Some("HK".into()),
                agency: "STP-HK".into(),
            },
        ];
        let route = |p, n, c, a| route(p, n, c, a, &rules, "VP");
        assert_eq!(route(Some(("1.001193", "XA-BD")), Some("X"), Category::Other, None).0, "XA-BD");
        assert_eq!(route(None, Some("SYT"), Category::Other, Some("HK")), ("SYT".into(), RoutingReason::NamedAgency));
        assert_eq!(
            route(None, None, Category::Regulation, Some("HK")),
            ("STP-HK".into(), RoutingReason::Rule { rule: 3 })
        );
        assert_eq!(route(None, None, Category::Other, Some("HK")).0, "XA-HK");
        assert_eq!(route(None, None, Category::Regulation, Some("BD")).0, "STP");
        assert_eq!(route(None, None, Category::Proposal, Some("BD")), ("VP".into(), RoutingReason::Coordinating));
    }

    #[test]
    fn public_statuses() {
        assert_eq!(CaseStatus::AnswerDrafted.public(), PublicStatus::InProgress);
        assert_eq!(CaseStatus::Closed.public(), PublicStatus::Answered);
        assert!(CaseStatus::AwaitingInformation.is_open() && !CaseStatus::Withdrawn.is_open());
    }
}
