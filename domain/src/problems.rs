//! Why an official's request was refused, as values: the services and handlers decide them, the
//! texts turn them into words, and the page's address names them (`?loi=`) by a word that stays
//! the same in every language.

use serde::{Deserialize, Serialize};

/// Why an action on a case was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionProblem {
    /// The official's role may not take it.
    NotPermitted,
    /// The case is no longer in a state that allows it.
    WrongState,
    /// A reason, answer or message is required and was left empty.
    TextRequired,
    /// A transfer to the agency that already holds the case.
    SameAgency,
    /// The official or agency chosen does not exist, or not where the case is.
    UnknownChoice,
    /// Someone changed the case meanwhile.
    Changed,
    /// What would be published looks like it holds personal data.
    PersonalData,
    /// The form named no action the page offers.
    UnknownAction,
    /// The case cannot be linked under the one named (see `workflow::linking::linkable`).
    CannotLink,
}

/// Why a sign-in did not succeed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInProblem {
    /// The e-mail address or the password is wrong (which one is never said).
    Wrong,
    /// Too many failures lately.
    Throttled,
    /// The sign-in form was too old, or not this browser's.
    Expired,
}

/// Why a new password was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordProblem {
    /// The current password given is wrong.
    WrongCurrent,
    /// Shorter than the minimum.
    TooShort,
    /// The two new ones typed differ.
    Differ,
}

/// A field of the administrators' forms, which is also a column of the set-up files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminField {
    Code,
    Name,
    Slug,
    Level,
    Parent,
    Email,
    Phone,
    Address,
    OfficeHours,
    Cutoff,
    Website,
    Coordinating,
    Agency,
    Area,
    Category,
    Date,
    Kind,
    Note,
    Amount,
    Unit,
    Title,
    Body,
    Role,
    Password,
    Active,
    /// Days a dissatisfied submitter has to ask for re-examination.
    WithinDays,
    /// Days the personal data of finished cases is kept.
    KeepDays,
    /// Working days the agency has to answer a re-examination.
    TermDays,
}

impl AdminField {
    /// The name of the form field and of the file column.
    pub fn name(self) -> &'static str {
        match self {
            AdminField::Code => "code",
            AdminField::Name => "name",
            AdminField::Slug => "slug",
            AdminField::Level => "level",
            AdminField::Parent => "parent",
            AdminField::Email => "email",
            AdminField::Phone => "phone",
            AdminField::Address => "address",
            AdminField::OfficeHours => "office_hours",
            AdminField::Cutoff => "cutoff",
            AdminField::Website => "website",
            AdminField::Coordinating => "coordinating",
            AdminField::Agency => "agency",
            AdminField::Area => "area",
            AdminField::Category => "category",
            AdminField::Date => "date",
            AdminField::Kind => "kind",
            AdminField::Note => "note",
            AdminField::Amount => "amount",
            AdminField::Unit => "unit",
            AdminField::Title => "title",
            AdminField::Body => "body",
            AdminField::Role => "role",
            AdminField::Password => "password",
            AdminField::Active => "active",
            AdminField::WithinDays => "within_days",
            AdminField::KeepDays => "keep_days",
            AdminField::TermDays => "term_days",
        }
    }
}

/// Why an administration form was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminProblem {
    /// What was typed in this field is not acceptable.
    Field(AdminField),
    /// A code, link word or e-mail address that is already used.
    Exists,
    /// An item that cases, accounts, rules, procedures or children still name.
    InUse,
    /// The item is no longer there (someone may just have deleted it).
    Gone,
    /// An administrator may not lock themselves out.
    OwnAccount,
    /// There must always be one coordinating office.
    CoordinatorNeeded,
    /// A password link for a locked account.
    Inactive,
    /// The form named no action the pages offer.
    UnknownAction,
}

impl AdminProblem {
    /// The field the problem is in, when it is in one.
    pub fn field(self) -> Option<AdminField> {
        match self {
            AdminProblem::Field(field) => Some(field),
            _ => None,
        }
    }
}

impl From<AdminField> for AdminProblem {
    fn from(field: AdminField) -> Self {
        AdminProblem::Field(field)
    }
}

/// The word that names a problem in a page's address, and back.
macro_rules! words {
    ($($kind:ident { $($variant:ident => $word:literal),* $(,)? })*) => {$(
        impl $kind {
            pub const ALL: &'static [$kind] = &[$($kind::$variant),*];

            /// The word in `?loi=`.
            pub fn word(self) -> &'static str {
                match self {
                    $($kind::$variant => $word),*
                }
            }

            pub fn from_word(word: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|p| p.word() == word)
            }
        }
    )*};
}

words! {
    ActionProblem {
        NotPermitted => "khong-duoc-phep",
        WrongState => "trang-thai",
        TextRequired => "thieu-noi-dung",
        SameAgency => "cung-co-quan",
        UnknownChoice => "khong-ro",
        Changed => "da-thay-doi",
        PersonalData => "du-lieu-ca-nhan",
        UnknownAction => "hanh-dong",
        CannotLink => "khong-gop-duoc",
    }
    SignInProblem {
        Wrong => "sai",
        Throttled => "tam-khoa",
        Expired => "het-han",
    }
    PasswordProblem {
        WrongCurrent => "sai",
        TooShort => "ngan",
        Differ => "khac",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_back_as_its_problem() {
        for p in ActionProblem::ALL {
            assert_eq!(ActionProblem::from_word(p.word()), Some(*p));
        }
        for p in SignInProblem::ALL {
            assert_eq!(SignInProblem::from_word(p.word()), Some(*p));
        }
        for p in PasswordProblem::ALL {
            assert_eq!(PasswordProblem::from_word(p.word()), Some(*p));
        }
        assert_eq!(SignInProblem::from_word("<script>"), None);
    }
}
