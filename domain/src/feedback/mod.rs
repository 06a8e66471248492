//! Feedback and petitions (phản ánh, kiến nghị — PAKN): what a submission holds, the rules it must
//! meet (Decree 20/2008 Art. 7, DOMAIN.md §1.2), the categories of Art. 5 and the ones that belong
//! to another channel; apart from it, what typed text is made into (`clean`), case codes
//! (`code`), statuses and channels (`status`) and routing (`routing`).
//!
//! Validation lives here, with no web types, so the server (authoritative) and the browser (once
//! hydrated) run the very same rules.

use serde::{Deserialize, Serialize};

mod clean;
mod code;
mod routing;
mod status;
#[cfg(test)]
mod tests;

pub use clean::{clean_line, clean_text, normalise_email, normalise_phone};
pub use code::CaseCode;
pub use routing::{RoutingReason, RoutingRule, route};
pub use status::{CaseStatus, Channel, PublicStatus};

/// Who sends: a person or an organisation (enterprise, association, agency…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FeedbackForm {
    /// Who files it: a person, or an organisation or business.
    #[cfg_attr(feature = "openapi", schema(value_type = SubmitterKind, required = true))]
    pub submitter_kind: String,
    /// The organisation's or business's name; required for an organisation.
    pub organisation: String,
    /// The submitter's full name (or the organisation's representative's).
    #[cfg_attr(feature = "openapi", schema(required = true, example = "Nguyễn Văn An"))]
    pub name: String,
    /// Where the answer can be sent by post.
    #[cfg_attr(feature = "openapi", schema(required = true, example = "12 Tràng Tiền, Hoàn Kiếm, Hà Nội"))]
    pub address: String,
    /// A Vietnamese phone number.
    #[cfg_attr(feature = "openapi", schema(required = true, example = "0912345678"))]
    pub phone: String,
    /// Where to be told of the answer; optional.
    pub email: String,
    /// What kind of matter it is. Complaints and denunciations are refused with guidance: other
    /// laws govern them.
    #[cfg_attr(feature = "openapi", schema(value_type = Category, required = true))]
    pub category: String,
    #[cfg_attr(feature = "openapi", schema(required = true, example = "Thời hạn trả kết quả không được tuân thủ"))]
    pub title: String,
    /// The matter itself, in the submitter's words.
    #[cfg_attr(
        feature = "openapi",
        schema(
            required = true,
            example = "Tôi nộp hồ sơ đăng ký hộ kinh doanh đã quá hạn ghi trên giấy hẹn mà chưa nhận được kết quả."
        )
    )]
    pub content: String,
    /// The code of the procedure concerned, if any (`1.001193`).
    pub procedure: String,
    /// The agency concerned, by its slug as in `/co-quan/{slug}`, if any; it routes the case.
    pub agency: String,
    /// The code of the area (ward or commune) concerned, if any.
    pub area: String,
    /// Whether the name may be shown with the published answer.
    pub show_name: bool,
    /// Consent to the processing of the personal data given (Decree 13/2023); must be `true`.
    #[cfg_attr(feature = "openapi", schema(required = true, example = true))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
