use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::shared::{Binds, Tier, impl_store};

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

/// FTS5: the procedures with every word (as a prefix) in name or body, each with its tier
/// (see [`Tier`]); the tiers re-run narrower matches, each answered from the index.
fn word_hits(words: &[String], binds: &mut Binds) -> String {
    let every_word = words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" ");
    let phrase = format!("\"{}\"*", words.join(" "));
    let all = binds.text(every_word.clone());
    let in_match = |binds: &mut Binds, query: String| {
        let p = binds.text(query);
        format!("rowid IN (SELECT rowid FROM procedure_search WHERE procedure_search MATCH {p})")
    };
    let name_phrase = in_match(binds, format!("name_search : {phrase}"));
    let any_phrase = in_match(binds, phrase);
    let name_words = in_match(binds, format!("name_search : ({every_word})"));
    format!(
        "SELECT rowid AS id, CASE WHEN {name_phrase} THEN {} WHEN {any_phrase} THEN {} WHEN {name_words} THEN {} \
         ELSE {} END AS tier FROM procedure_search WHERE procedure_search MATCH {all}",
        Tier::NamePhrase as u8,
        Tier::Phrase as u8,
        Tier::NameWords as u8,
        Tier::Words as u8,
    )
}

impl_store!(SqliteStore, "sqlite", word_hits);
