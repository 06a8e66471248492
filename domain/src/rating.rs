//! The submitter's verdict on a published answer: satisfied or not, and why not.

use serde::{Deserialize, Serialize};

/// The submitter's verdict on a published answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rating {
    pub satisfied: bool,
    pub reason: String,
}

/// The longest reason a rating may carry.
pub const RATING_REASON_MAX: usize = 2_000;

impl Rating {
    /// The rating as posted: a choice, and a reason when the submitter is not satisfied.
    pub fn from_form(satisfied: Option<bool>, reason: &str) -> Result<Rating, Vec<crate::feedback::FieldError>> {
        use crate::feedback::{Field, FieldError, Problem};
        let reason = reason.trim();
        let mut errors = Vec::new();
        if satisfied.is_none() {
            errors.push(FieldError { field: Field::Rating, problem: Problem::Required });
        }
        if satisfied == Some(false) && reason.is_empty() {
            errors.push(FieldError { field: Field::Content, problem: Problem::Required });
        }
        if reason.chars().count() > RATING_REASON_MAX {
            errors.push(FieldError { field: Field::Content, problem: Problem::TooLong { max: RATING_REASON_MAX } });
        }
        if reason.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
            errors.push(FieldError { field: Field::Content, problem: Problem::BadCharacters });
        }
        match satisfied {
            Some(satisfied) if errors.is_empty() => Ok(Rating { satisfied, reason: reason.to_owned() }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::{Field, Problem};

    #[test]
    fn a_rating_needs_a_choice_and_a_reason_when_unhappy() {
        assert_eq!(Rating::from_form(Some(true), "  "), Ok(Rating { satisfied: true, reason: String::new() }));
        let fields = |r: Result<Rating, Vec<crate::feedback::FieldError>>| {
            r.unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect::<Vec<_>>()
        };
        assert_eq!(fields(Rating::from_form(None, "")), vec![(Field::Rating, Problem::Required)]);
        assert_eq!(fields(Rating::from_form(Some(false), "")), vec![(Field::Content, Problem::Required)]);
        assert_eq!(
            Rating::from_form(Some(false), " Chậm quá "),
            Ok(Rating { satisfied: false, reason: "Chậm quá".into() })
        );
        assert_eq!(
            fields(Rating::from_form(Some(true), &"a".repeat(RATING_REASON_MAX + 1))),
            vec![(Field::Content, Problem::TooLong { max: RATING_REASON_MAX })]
        );
    }
}
