use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::shared::{Binds, TextCondition, TextSource, Tier, impl_store};

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

/// FTS5, whose rowid is the procedure's `search_rank`. Tiers are made disjoint with `NOT`, so
/// each is one index query read in rank order. (`NOT` binds tighter than the implicit `AND` in
/// FTS5, hence the parentheses.)
fn text_source(condition: TextCondition, words: &[String], binds: &mut Binds) -> TextSource {
    let last = words.len() - 1;
    let all = words.iter().enumerate().map(|(i, w)| if i == last { format!("\"{w}\"*") } else { format!("\"{w}\"") });
    let all = format!("({})", all.collect::<Vec<_>>().join(" "));
    let phrase = format!("(\"{}\"*)", words.join(" "));
    let name_phrase = format!("(name_search : {phrase})");
    let name_all = format!("(name_search : {all})");
    let expression = match condition {
        TextCondition::AllWords => all,
        TextCondition::Tier(Tier::NamePhrase) => name_phrase,
        TextCondition::Tier(Tier::Phrase) => format!("({phrase} NOT {name_phrase})"),
        TextCondition::Tier(Tier::NameWords) => format!("({name_all} NOT {phrase})"),
        TextCondition::Tier(Tier::Words) => format!("(({all} NOT {name_all}) NOT {phrase})"),
    };
    TextSource {
        from: "procedure_search s JOIN procedures p ON p.search_rank = s.rowid",
        condition: format!("procedure_search MATCH {}", binds.text(expression)),
        rank: "s.rowid",
    }
}

/// The text index is keyed by rank, so it is rebuilt whenever ranks are renumbered.
const REINDEX: [&str; 2] = [
    "INSERT INTO procedure_search (procedure_search) VALUES ('delete-all')",
    "INSERT INTO procedure_search (rowid, name_search, body_search) \
     SELECT search_rank, name_search, body_search FROM procedures",
];

impl_store!(SqliteStore, "sqlite", text_source, REINDEX);
