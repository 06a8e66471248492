//! The public record: the running totals of [`crate::stats::tally`], kept by storage with every
//! change of a case, and read back for a span of days.

use async_trait::async_trait;
use chrono::NaiveDate;

use crate::feedback::{CaseStatus, Category, Channel};
use crate::stats::{Delta, Span, Sums};
use crate::store::error::StoreResult;

/// What part of the record to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordQuery {
    pub span: Span,
    /// The day the record is read on (in Vietnam): cases due before it and still open are late.
    pub today: NaiveDate,
    pub agency: Option<String>,
    /// A field's code (`Some("")`: the cases that concern no procedure).
    pub field: Option<String>,
    pub category: Option<Category>,
    pub channel: Option<Channel>,
    /// What the sums are given for.
    pub by: RecordBy,
}

impl RecordQuery {
    /// Everything of `span`, by agency.
    pub fn all(span: Span, today: NaiveDate) -> Self {
        RecordQuery { span, today, agency: None, field: None, category: None, channel: None, by: RecordBy::Agency }
    }
}

/// The parts a query's sums are given for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordBy {
    Agency,
    Field,
    /// Each calendar month the span touches, whole, by its bucket (`2026-03`): only the flows.
    Month,
}

#[async_trait]
pub trait RecordStore: Send + Sync {
    /// The sums of the span for each agency (or field, as `query.by` says) that has any, by its
    /// code.
    async fn record(&self, query: &RecordQuery) -> StoreResult<Vec<(String, Sums)>>;

    /// The open cases of the agency with `agency`'s code, counted by status and the date the
    /// queue orders them by.
    async fn open_by_due(&self, agency: &str) -> StoreResult<Vec<(CaseStatus, Option<NaiveDate>, u64)>>;

    /// Every running total as stored, without the ones that are zero.
    async fn record_totals(&self) -> StoreResult<Delta>;

    /// The running totals recounted from the cases themselves.
    async fn recount_record(&self) -> StoreResult<Delta>;

    /// Whether the record is kept: `false` only when there are cases and no totals, as after
    /// the first start of a version that keeps it on cases written by an earlier one.
    async fn record_kept(&self) -> StoreResult<bool>;

    /// Replaces the running totals by a recount (after a restore, or a first start on cases
    /// written before the record was kept).
    async fn rebuild_record(&self) -> StoreResult<()>;
}
