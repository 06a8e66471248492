//! The directory: agencies, fields and procedures, their import with history, and search.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::Procedure;
use crate::agency::Agency;
use crate::catalogue::{
    AgencyLink, AgencySummary, ChangeCursor, FieldSummary, ImportReport, ProcedureChange, ProcedureDetail,
    ProcedureFilter, ProcedureLink, ProcedureSummary, SearchResults,
};
use crate::import::ImportedProcedure;
use crate::store::error::StoreResult;

#[async_trait]
pub trait CatalogueStore: Send + Sync {
    /// Creates or updates agencies by code.
    async fn save_agencies(&self, agencies: &[Agency]) -> StoreResult<()>;

    /// All agencies with the number of procedures each implements, by level then name.
    async fn agencies(&self) -> StoreResult<Vec<AgencySummary>>;

    /// An agency by slug or code.
    async fn agency(&self, slug_or_code: &str) -> StoreResult<Option<Agency>>;

    /// Fields (lĩnh vực) with their number of procedures, by name.
    async fn fields(&self) -> StoreResult<Vec<FieldSummary>>;

    /// Writes procedures in one transaction: new codes are created, changed records get a new
    /// revision (the previous one is kept), identical ones are left alone. All or nothing.
    async fn import_procedures(
        &self,
        procedures: &[ImportedProcedure],
        recorded_at: DateTime<Utc>,
    ) -> StoreResult<ImportReport>;

    async fn procedure(&self, code: &str) -> StoreResult<Option<ProcedureDetail>>;

    /// Searches the directory. Ranking is the same on every engine: by how well the words match
    /// (exact code; the words as typed in the name; as typed anywhere; scattered in the name;
    /// scattered anywhere), then in force before abolished, then the most used, then by code.
    async fn search_procedures(&self, filter: &ProcedureFilter) -> StoreResult<SearchResults>;

    /// The most used procedures in force, for the home page.
    async fn popular_procedures(&self, limit: u32) -> StoreResult<Vec<ProcedureSummary>>;

    async fn procedure_count(&self) -> StoreResult<u64>;

    /// The highest id a procedure has (0 with none): the sitemap's pages of procedures are ranges
    /// of ids.
    async fn last_procedure_id(&self) -> StoreResult<i64>;

    /// The codes and last changes of the procedures of ids `first` to `last`, by id.
    async fn procedures_between(&self, first: i64, last: i64) -> StoreResult<Vec<(String, DateTime<Utc>)>>;

    /// The procedures of ids after `after`, by id (`limit` of them), each with its id and yearly
    /// number of dossiers: the whole catalogue read a page at a time, in constant memory.
    async fn procedures_after(&self, after: i64, limit: u32) -> StoreResult<Vec<(i64, Procedure, u32)>>;

    /// The catalogue's latest revisions, newest first (`limit` of them), each with what it changed:
    /// read along an index of the revisions by time, whatever the size of the history.
    async fn recent_changes(&self, limit: u32) -> StoreResult<Vec<ProcedureChange>>;

    /// The revisions after `cursor`, oldest first (`limit` of them), each with the cursor that
    /// stands after it: what another system reads to keep in step with the catalogue.
    async fn changes_after(
        &self,
        cursor: ChangeCursor,
        limit: u32,
    ) -> StoreResult<Vec<(ChangeCursor, ProcedureChange)>>;

    /// Code of the coordinating office, if one is set.
    async fn coordinating_agency(&self) -> StoreResult<Option<String>>;

    /// A procedure's code, name and implementing agency (one the portal lists), by code.
    async fn procedure_for_case(&self, code: &str) -> StoreResult<Option<(ProcedureLink, Option<String>)>>;

    /// An agency by slug or code.
    async fn agency_ref(&self, slug_or_code: &str) -> StoreResult<Option<AgencyLink>>;

    /// The agencies as stored, in full.
    async fn agency_records(&self) -> StoreResult<Vec<Agency>>;
}
