//! What administrators set up — areas, routing rules, the calendar's announced days, answer terms, templates — and the audit trail of every change.

use async_trait::async_trait;

use crate::admin::{AdminChange, Applied, AuditEntry, AuditFilter};
use crate::calendar::DayOverride;
use crate::cases::Area;
use crate::feedback::RoutingRule;
use crate::store::error::StoreResult;
use crate::workflow::{ReexaminationPolicy, TermRule};

#[async_trait]
pub trait SettingsStore: Send + Sync {
    async fn save_areas(&self, areas: &[Area]) -> StoreResult<()>;

    async fn areas(&self) -> StoreResult<Vec<Area>>;

    async fn save_routing_rule(&self, rule: &RoutingRule, note: &str) -> StoreResult<i64>;

    async fn routing_rules(&self) -> StoreResult<Vec<RoutingRule>>;

    async fn calendar_days(&self) -> StoreResult<Vec<DayOverride>>;

    async fn term_rules(&self) -> StoreResult<Vec<TermRule>>;

    /// How re-examination works, as the administrators set it (the defaults where they have not).
    async fn reexamination_policy(&self) -> StoreResult<ReexaminationPolicy>;

    /// How long the personal data of finished cases is kept: the default until one is saved.
    async fn retention_policy(&self) -> StoreResult<crate::retention::RetentionPolicy>;

    /// Response templates of an agency: (id, title, body).
    async fn templates(&self, agency: &str) -> StoreResult<Vec<(i64, String, String)>>;

    async fn save_template(&self, agency: &str, title: &str, body: &str) -> StoreResult<i64>;

    /// Applies `change` and appends `audit` in one transaction (nothing is written unless the
    /// answer is [`Applied::Done`]).
    async fn apply_admin(&self, change: &AdminChange, audit: &AuditEntry) -> StoreResult<Applied>;

    /// Appends an entry that goes with no change (a sign-in, an export, a view).
    async fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()>;

    async fn audit_entries(&self, filter: &AuditFilter) -> StoreResult<Vec<AuditEntry>>;

    /// A template by its id: (agency, title, body).
    async fn template(&self, id: i64) -> StoreResult<Option<(String, String, String)>>;

    /// The routing rules with their notes.
    async fn routing_rules_noted(&self) -> StoreResult<Vec<(RoutingRule, String)>>;
}
