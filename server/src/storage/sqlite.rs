use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::catalogue::{Binds, Match, TextCondition, TextSource, Tier};
use super::group_commit::Submissions;

/// The embedded default: one SQLite file in write-ahead-log mode. Reads share a pool; writes go
/// through one connection, so writers queue fairly in the server instead of polling SQLite's
/// lock (which gave long tails under load) and never fail to upgrade a read to a write.
pub struct SqliteStore {
    pool: SqlitePool,
    writer: SqlitePool,
    /// Submissions commit in groups through `writer`.
    submissions: Submissions,
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
        let writer = super::lasting(SqlitePoolOptions::new()).max_connections(1).connect_with(options.clone()).await?;
        sqlx::migrate!("../migrations/sqlite").run(&writer).await?;
        let pool = super::lasting(SqlitePoolOptions::new()).max_connections(8).connect_with(options).await?;
        let group_writer = writer.clone();
        let submissions = Submissions::start(move |group| Self::write_submissions(group_writer.clone(), group));
        Ok(SqliteStore { pool, writer, submissions })
    }
}

/// FTS5, whose rowid is the procedure's `search_rank`. Tiers are made disjoint with `NOT`, so
/// each is one index query read in rank order; facets are one more column to intersect. (`NOT`
/// binds tighter than the implicit `AND` in FTS5, hence the parentheses.)
fn text_source(m: &Match, binds: &mut Binds) -> TextSource {
    let mut parts = Vec::new();
    if let Some((words, condition)) = m.words {
        let last = words.len() - 1;
        let all =
            words.iter().enumerate().map(|(i, w)| if i == last { format!("\"{w}\"*") } else { format!("\"{w}\"") });
        let all = format!("({})", all.collect::<Vec<_>>().join(" "));
        let phrase = format!("(\"{}\"*)", words.join(" "));
        let name_phrase = format!("(name_search : {phrase})");
        let name_all = format!("(name_search : {all})");
        parts.push(match condition {
            TextCondition::AllWords => all,
            TextCondition::Tier(Tier::NamePhrase) => name_phrase,
            TextCondition::Tier(Tier::Phrase) => format!("({phrase} NOT {name_phrase})"),
            TextCondition::Tier(Tier::NameWords) => format!("({name_all} NOT {phrase})"),
            TextCondition::Tier(Tier::Words) => format!("(({all} NOT {name_all}) NOT {phrase})"),
        });
    }
    if !m.facets.is_empty() {
        let tokens = m.facets.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(" ");
        parts.push(format!("(facets : ({tokens}))"));
    }
    TextSource {
        from: "procedure_search s JOIN procedures p ON p.search_rank = s.rowid",
        count_from: "procedure_search",
        condition: format!("procedure_search MATCH {}", binds.text(parts.join(" AND "))),
        rank: "s.rowid",
    }
}

/// The text index is keyed by rank, so it is rebuilt whenever ranks are renumbered.
const REINDEX: [&str; 2] = [
    "INSERT INTO procedure_search (procedure_search) VALUES ('delete-all')",
    "INSERT INTO procedure_search (rowid, name_search, body_search, facets) \
     SELECT search_rank, name_search, body_search, facets FROM procedures",
];

/// After an import: the rebuilt text index merged into one b-tree, and fresh statistics.
const TIDY: [&str; 2] = ["INSERT INTO procedure_search (procedure_search) VALUES ('optimize')", "PRAGMA optimize"];

type Engine = SqliteStore;
type Db = sqlx::Sqlite;
const ENGINE: &str = "sqlite";
/// The SQL both engines share, compiled for this one.
#[path = "sql/mod.rs"]
mod sql;
