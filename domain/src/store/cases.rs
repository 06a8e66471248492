//! Feedback and petitions: submitted, read back, added to, withdrawn, rated, and their files.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::cases::{AttachmentInfo, CaseRecord, MailBuilder, NewAttachment, OutgoingMail, Submission};
use crate::feedback::CaseCode;
use crate::queue::{AnsweredCase, AnsweredFilter, CaseMilestones, ImportedCase, ReceivedFilter};
use crate::rating::Rating;
use crate::store::error::StoreResult;

#[async_trait]
pub trait CaseStore: Send + Sync {
    /// Stores the case, its first event, its attachments' records, a duplicate flag and the
    /// e-mails `mails` builds — all or nothing, giving the next code of the day. Returns once
    /// they are durably committed (concurrent submissions may share the commit).
    async fn submit_case(&self, submission: Submission, mails: MailBuilder) -> StoreResult<CaseCode>;

    async fn case_by_code(&self, code: &CaseCode) -> StoreResult<Option<CaseRecord>>;

    async fn case_by_token(&self, token_hash: &str) -> StoreResult<Option<CaseRecord>>;

    /// Gives a case one more private link.
    async fn add_case_token(&self, case_id: i64, token_hash: &str, at: DateTime<Utc>) -> StoreResult<()>;

    /// Adds the submitter's information to an open case; `false` if the case is not open.
    async fn add_information(
        &self,
        case_id: i64,
        text: &str,
        attachments: &[NewAttachment],
        at: DateTime<Utc>,
        mails: &[OutgoingMail],
    ) -> StoreResult<bool>;

    /// Withdraws an open case; `false` if it is not open.
    async fn withdraw_case(
        &self,
        case_id: i64,
        reason: &str,
        at: DateTime<Utc>,
        mails: &[OutgoingMail],
    ) -> StoreResult<bool>;

    /// The codes of the cases linked under the case `code`, oldest first.
    async fn linked_under(&self, code: &str) -> StoreResult<Vec<String>>;

    /// Open cases not linked under another, of `agency` or about `procedure`, but `except`: the
    /// latest received, at most `limit` (what a suggestion of the same matter compares).
    async fn open_near(
        &self,
        agency: &str,
        procedure: Option<&str>,
        except: i64,
        limit: u32,
    ) -> StoreResult<Vec<crate::workflow::linking::Suggestion>>;

    /// Erases the personal data of at most `limit` finished cases last changed before `before`
    /// and not erased yet (see [`crate::retention`]), each with its event at `at`. Returns how
    /// many were erased and the storage keys of the unpublished files removed, whose files the
    /// caller deletes.
    async fn erase_personal(
        &self,
        before: DateTime<Utc>,
        at: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<(usize, Vec<String>)>;

    /// Writes the submitter's corrected contact details and name permission on an open case, with
    /// its event; `false` if the case is no longer open.
    async fn correct_submitter(
        &self,
        case_id: i64,
        submitter: &crate::feedback::Submitter,
        event: &crate::cases::EventKind,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// An attachment's record and storage key, for the case given.
    async fn attachment(&self, case_id: i64, id: i64) -> StoreResult<Option<(AttachmentInfo, String)>>;

    /// Publishes an attachment of a case with its answer (or withdraws it), with the event that
    /// records who did; `false` if the case has no such attachment.
    async fn publish_attachment(
        &self,
        case_id: i64,
        id: i64,
        published: bool,
        actor: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// Which of these storage keys are recorded.
    async fn recorded_attachments(&self, keys: &[String]) -> StoreResult<Vec<String>>;

    /// Answered cases for the public, newest first, and how many there are.
    async fn answered_cases(&self, filter: &AnsweredFilter) -> StoreResult<(Vec<AnsweredCase>, u64)>;

    /// The answers published last that `filter` asks for (its first page), newest first, without
    /// counting the rest.
    async fn latest_answers(&self, filter: &AnsweredFilter) -> StoreResult<Vec<AnsweredCase>>;

    /// The codes of the cases `filter` asks for, in the order they were received: read along an
    /// index of the cases by time of receipt.
    async fn codes_received(&self, filter: &ReceivedFilter) -> StoreResult<Vec<String>>;

    /// The highest id a case has (0 with none): the sitemap's pages of answers are ranges of ids.
    async fn last_case_id(&self) -> StoreResult<i64>;

    /// The codes and publication times of the published answers among the cases of ids `first`
    /// to `last`, by id: one range of the table's key.
    async fn published_between(&self, first: i64, last: i64) -> StoreResult<Vec<(String, DateTime<Utc>)>>;

    /// Records the submitter's rating of a published answer, once; `false` if not possible.
    async fn rate_case(&self, case_id: i64, rating: &Rating, at: DateTime<Utc>) -> StoreResult<bool>;

    /// Cases of an agency (all agencies when `None`) with their events, oldest first.
    async fn milestones(&self, agency: Option<&str>) -> StoreResult<Vec<CaseMilestones>>;

    /// The code of the case with this id (for links from the queue).
    async fn case_code(&self, case_id: i64) -> StoreResult<Option<CaseCode>>;

    /// Writes cases whose history happened elsewhere (synthetic load, migrations from another
    /// system), in one transaction: all of them or none. No events, e-mails or routing.
    async fn import_cases(&self, cases: &[ImportedCase]) -> StoreResult<()>;
}
