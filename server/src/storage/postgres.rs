use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use super::catalogue::{Binds, Match, TextCondition, TextSource, Tier};
use super::group_commit::Submissions;

/// PostgreSQL, for deployments with several server instances.
pub struct PgStore {
    pool: PgPool,
    /// The same pool: PostgreSQL's row locks let writers proceed side by side.
    writer: PgPool,
    /// Submissions commit in groups, one group at a time per instance.
    submissions: Submissions,
}

impl PgStore {
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        let pool = super::lasting(PgPoolOptions::new()).max_connections(16).connect(url).await?;
        // The migrator holds an advisory lock, so instances starting together migrate once.
        sqlx::migrate!("../migrations/postgres").run(&pool).await?;
        let group_writer = pool.clone();
        let submissions = Submissions::start(move |group| Self::write_submissions(group_writer.clone(), group));
        Ok(PgStore { writer: pool.clone(), pool, submissions })
    }

    /// Drops every table, for tests that need a fresh database.
    pub async fn reset(url: &str) -> anyhow::Result<()> {
        let pool = super::lasting(PgPoolOptions::new()).max_connections(1).connect(url).await?;
        sqlx::query("DROP SCHEMA public CASCADE").execute(&pool).await?;
        sqlx::query("CREATE SCHEMA public").execute(&pool).await?;
        Ok(())
    }
}

/// tsvector matches, made disjoint like FTS5's (`<->` is the phrase operator), with facets as a
/// vector of their own, ordered by `search_rank`.
fn text_source(m: &Match, binds: &mut Binds) -> TextSource {
    let mut query = |text: String| format!("to_tsquery('simple', {})", binds.text(text));
    let mut parts = Vec::new();
    if let Some((words, condition)) = m.words {
        let every_word = || format!("{}:*", words.join(" & "));
        let phrase = || format!("{}:*", words.join(" <-> "));
        parts.push(match condition {
            TextCondition::AllWords => format!("p.all_vector @@ {}", query(every_word())),
            TextCondition::Tier(Tier::NamePhrase) => format!("p.name_vector @@ {}", query(phrase())),
            TextCondition::Tier(Tier::Phrase) => {
                let p = query(phrase());
                format!("p.body_vector @@ {p} AND NOT p.name_vector @@ {p}")
            }
            TextCondition::Tier(Tier::NameWords) => {
                let (w, p) = (query(every_word()), query(phrase()));
                format!("p.name_vector @@ {w} AND NOT p.name_vector @@ {p} AND NOT p.body_vector @@ {p}")
            }
            TextCondition::Tier(Tier::Words) => {
                let (w, p) = (query(every_word()), query(phrase()));
                format!("p.all_vector @@ {w} AND NOT p.name_vector @@ {w} AND NOT p.body_vector @@ {p}")
            }
        });
    }
    if !m.facets.is_empty() {
        parts.push(format!("p.facet_vector @@ {}", query(m.facets.join(" & "))));
    }
    TextSource {
        from: "procedures p",
        count_from: "procedures p",
        condition: parts.join(" AND "),
        rank: "p.search_rank",
    }
}

/// The tsvectors are generated columns: nothing to rebuild when ranks change.
const REINDEX: [&str; 0] = [];

/// Renumbering ranks rewrites most rows, and new entries wait in each text index's pending list,
/// which every search then reads in full. Vacuuming clears both and refreshes the statistics the
/// planner chooses between the rank order and the text indexes by (with the pending lists of a
/// 100,000-procedure import left in place, searches took p50 97 ms instead of 16 ms).
const TIDY: [&str; 1] = ["VACUUM (ANALYZE) procedures"];

type Engine = PgStore;
type Db = sqlx::Postgres;
const ENGINE: &str = "postgresql";
/// The SQL both engines share, compiled for this one.
#[path = "sql/mod.rs"]
mod sql;
