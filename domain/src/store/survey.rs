//! The satisfaction surveys: each kept with its private comment, and the running totals of their
//! answers by day, month and year, so that any period's results cost the same however many
//! surveys there are.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use crate::stats::Span;
use crate::store::error::StoreResult;
use crate::survey::{Question, Survey};

#[async_trait]
pub trait SurveyStore: Send + Sync {
    /// Stores a survey of the agency with `survey.agency`'s code, received `at` (on `day` in
    /// Vietnam), with its answers added to the running totals, in one transaction.
    async fn save_survey(&self, survey: &Survey, at: DateTime<Utc>, day: NaiveDate) -> StoreResult<()>;

    /// The answers given in `span`, counted by agency code, question and answer.
    async fn survey_counts(&self, span: Span, agency: Option<&str>) -> StoreResult<Vec<(String, Question, u8, u64)>>;
}
