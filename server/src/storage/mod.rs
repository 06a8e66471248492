//! Storage: one implementation of [`Store`] per engine. SQLite is the embedded default;
//! a `postgres://` URL selects PostgreSQL, which several server instances can share.
//!
//! One trait per concern (catalogue, cases, queue, record, accounts, settings, outbox; see
//! `civicdesk_domain::store`), each implemented in `sql/<concern>.rs` in SQL both engines accept.
//! Those files are ordinary modules compiled once per engine — `sqlite.rs` and `postgres.rs`
//! include them, naming their store `Engine` and their database `Db` — because sqlx's pool
//! types differ while the statements do not. The full-text match is the one place where the
//! dialects differ, and each engine file writes its own. Statements built at run time bind their
//! values through [`binds::Binds`]; rows read back become the domain's types in the row modules
//! (`catalogue`, `cases`, `queue`, `record`, `settings`).

mod binds;
mod cases;
mod catalogue;
mod group_commit;
mod postgres;
mod queue;
mod record;
mod settings;
mod sqlite;

use std::sync::Arc;

use civicdesk_domain::store::{Store, StoreError};

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

/// Opens the database named by `url`, creating (SQLite) and migrating it as needed.
pub async fn open(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    let store: Arc<dyn Store> = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Arc::new(PgStore::open(url).await?)
    } else {
        Arc::new(SqliteStore::open(url).await?)
    };
    // Cases written before the record was kept are counted once, here.
    if !store.record_kept().await? {
        tracing::info!("counting the public record from the cases");
        store.rebuild_record().await?;
    }
    Ok(store)
}

/// Pool settings without sqlx's maintenance task, which closes idle and old connections. Reading
/// sqlx 0.8, that task reads the idle count while another thread may have just wrapped it below
/// zero, and then loops without yielding, holding a runtime thread. Connections here need no
/// reaping: SQLite's are files, and PostgreSQL's are checked before each use
/// (`test_before_acquire`, on by default) and replaced if broken.
fn lasting<DB: sqlx::Database>(options: sqlx::pool::PoolOptions<DB>) -> sqlx::pool::PoolOptions<DB> {
    options.idle_timeout(None).max_lifetime(None).min_connections(0)
}

/// Converts an engine error into the domain's storage error. (The orphan rule keeps this from
/// being a `From` impl: both types live in other crates.)
fn db_err(e: sqlx::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}

/// A stored value that no longer reads back as the domain's type.
fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {value:?}"))
}
