use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::shared::{Binds, impl_store};

/// The embedded default: one SQLite file in write-ahead-log mode.
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // Every committed submission must survive a power cut, not just a crash.
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        sqlx::migrate!("../migrations/sqlite").run(&pool).await?;
        Ok(SqliteStore { pool })
    }
}

/// FTS5: every word as a prefix in any column; the name tier re-runs the match on the name column.
fn word_hits(words: &[String], binds: &mut Binds) -> String {
    let phrase = words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" ");
    let all = binds.text(phrase.clone());
    let name = binds.text(format!("name_search : ({phrase})"));
    format!(
        "SELECT rowid AS id, rowid IN (SELECT rowid FROM procedure_search WHERE procedure_search MATCH {name}) \
         AS name_hit FROM procedure_search WHERE procedure_search MATCH {all}"
    )
}

impl_store!(SqliteStore, "sqlite", word_hits);
