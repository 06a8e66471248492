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

/// What is wrong with a submitter's reason (trimmed) besides being empty: longer than
/// [`RATING_REASON_MAX`], or holding control characters other than line breaks and tabs.
pub fn reason_problems(reason: &str) -> impl Iterator<Item = crate::feedback::Problem> {
    use crate::feedback::Problem;
    let too_long = reason.chars().count() > RATING_REASON_MAX;
    let bad = reason.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    [too_long.then_some(Problem::TooLong { max: RATING_REASON_MAX }), bad.then_some(Problem::BadCharacters)]
        .into_iter()
        .flatten()
}

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
        errors.extend(reason_problems(reason).map(|problem| FieldError { field: Field::Content, problem }));
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
