use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use super::shared::{Binds, Tier, impl_store};

/// PostgreSQL, for deployments with several server instances.
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        let pool = PgPoolOptions::new().max_connections(16).connect(url).await?;
        // The migrator holds an advisory lock, so instances starting together migrate once.
        sqlx::migrate!("../migrations/postgres").run(&pool).await?;
        Ok(PgStore { pool })
    }

    /// Drops every table, for tests that need a fresh database.
    pub async fn reset(url: &str) -> anyhow::Result<()> {
        let pool = PgPoolOptions::new().max_connections(1).connect(url).await?;
        sqlx::query("DROP SCHEMA public CASCADE").execute(&pool).await?;
        sqlx::query("CREATE SCHEMA public").execute(&pool).await?;
        Ok(())
    }
}

/// tsvector match: the procedures with every word (as a prefix) in name or body, each with its
/// tier (see [`Tier`]). `<->` is the phrase operator, so the tiers mean what they mean in FTS5.
fn word_hits(words: &[String], binds: &mut Binds) -> String {
    let every_word = binds.text(words.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & "));
    let mut phrase = words.join(" <-> ");
    phrase.push_str(":*");
    let phrase = binds.text(phrase);
    format!(
        "SELECT id, CASE WHEN name_vector @@ to_tsquery('simple', {phrase}) THEN {} \
         WHEN body_vector @@ to_tsquery('simple', {phrase}) THEN {} \
         WHEN name_vector @@ to_tsquery('simple', {every_word}) THEN {} ELSE {} END AS tier \
         FROM procedures WHERE all_vector @@ to_tsquery('simple', {every_word})",
        Tier::NamePhrase as u8,
        Tier::Phrase as u8,
        Tier::NameWords as u8,
        Tier::Words as u8,
    )
}

impl_store!(PgStore, "postgresql", word_hits);
