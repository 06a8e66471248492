//! What civicdesk asks of its storage, one trait per concern. Each engine (SQLite, PostgreSQL)
//! implements every one; pages, services, handlers and the CLI see only [`Store`], which is all
//! of them.

use async_trait::async_trait;

pub mod accounts;
pub mod cases;
pub mod catalogue;
pub mod error;
pub mod follow;
pub mod outbox;
pub mod queue;
pub mod record;
pub mod settings;
pub mod survey;

pub use accounts::AccountStore;
pub use cases::CaseStore;
pub use catalogue::CatalogueStore;
pub use error::{StoreError, StoreResult};
pub use follow::FollowStore;
pub use outbox::OutboxStore;
pub use queue::QueueStore;
pub use record::{RecordBy, RecordQuery, RecordStore};
pub use settings::SettingsStore;
pub use survey::SurveyStore;

#[async_trait]
pub trait Store:
    CatalogueStore
    + CaseStore
    + QueueStore
    + RecordStore
    + AccountStore
    + SettingsStore
    + SurveyStore
    + OutboxStore
    + FollowStore
    + Send
    + Sync
    + 'static
{
    /// Name of the engine, for logs and `/healthz`.
    fn engine(&self) -> &'static str;

    /// Checks the database answers.
    async fn ping(&self) -> StoreResult<()>;

    /// How much of each of its connection pools is in use.
    fn pools(&self) -> Vec<PoolUse>;
}

/// A pool of database connections: how many are open, how many of those are idle, and the most
/// it opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUse {
    pub name: &'static str,
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}
