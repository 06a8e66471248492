//! Binding a built statement's values, for this engine.
//!
//! Compiled once per engine (see `mod.rs`), where `super::Engine`
//! is the store and `super::Db` its database.

use crate::storage::binds::{Bind, Binds};

type QueryAs<'q, O> = sqlx::query::QueryAs<'q, super::Db, O, <super::Db as sqlx::Database>::Arguments<'q>>;

impl super::Engine {
    /// `query` with every value of `binds`, in order.
    pub(super) fn bind_all<'q, O>(mut query: QueryAs<'q, O>, binds: &'q Binds) -> QueryAs<'q, O> {
        for value in &binds.0 {
            query = match value {
                Bind::Text(s) => query.bind(s),
                Bind::Int(i) => query.bind(i),
                Bind::Date(d) => query.bind(d),
                Bind::Time(t) => query.bind(t),
            };
        }
        query
    }
}

#[async_trait::async_trait]
impl civicdesk_domain::store::Store for super::Engine {
    fn engine(&self) -> &'static str {
        super::ENGINE
    }

    async fn ping(&self) -> civicdesk_domain::store::StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map_err(crate::storage::db_err)?;
        Ok(())
    }

    fn pools(&self) -> Vec<civicdesk_domain::store::PoolUse> {
        let use_of = |name, pool: &sqlx::Pool<super::Db>| civicdesk_domain::store::PoolUse {
            name,
            open: pool.size(),
            idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
            max: pool.options().get_max_connections(),
        };
        // PostgreSQL's writer is the same pool; SQLite writes through a pool of its own.
        if super::ENGINE == "postgresql" {
            vec![use_of("shared", &self.pool)]
        } else {
            vec![use_of("readers", &self.pool), use_of("writer", &self.writer)]
        }
    }
}
