use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use super::shared::{Binds, impl_store};

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

/// tsvector match: every word as a prefix over name and body; the name tier over the name alone.
fn word_hits(words: &[String], binds: &mut Binds) -> String {
    let query = binds.text(words.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & "));
    format!(
        "SELECT id, name_vector @@ to_tsquery('simple', {query}) AS name_hit \
         FROM procedures WHERE all_vector @@ to_tsquery('simple', {query})"
    )
}

impl_store!(PgStore, "postgresql", word_hits);
