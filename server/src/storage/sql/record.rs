//! The public record: [`RecordStore`](civicdesk_domain::store::RecordStore), and the running totals
//! every change of a case keeps in its own transaction, in SQL both engines accept.
//!
//! Compiled once per engine (see `mod.rs`), where `super::Engine`
//! is the store and `super::Db` its database.

use civicdesk_domain::stats::{CaseFacts, Delta, Measure, Sums, change};
use civicdesk_domain::store::StoreResult;

use crate::storage::record::{FACTS, FactsRow, PartRow, StoredRow, scope_columns};

/// Rows per statement when writing many totals: 69 values each, within either engine's limit
/// (32,766 on SQLite, 65,535 on PostgreSQL).
const ROWS: usize = 400;

impl super::Engine {
    /// The facts of the cases that `condition` (on `c`) picks, read in `tx`.
    pub(super) async fn facts_in(
        tx: &mut sqlx::Transaction<'_, super::Db>,
        condition: &str,
        id: i64,
    ) -> StoreResult<Vec<CaseFacts>> {
        let rows: Vec<FactsRow> = sqlx::query_as(&format!("{FACTS} WHERE {condition}"))
            .bind(id)
            .fetch_all(&mut **tx)
            .await
            .map_err(crate::storage::db_err)?;
        rows.into_iter().map(FactsRow::into_facts).collect()
    }

    /// One case's facts, read in `tx`.
    pub(super) async fn case_facts(
        tx: &mut sqlx::Transaction<'_, super::Db>,
        case_id: i64,
    ) -> StoreResult<Option<CaseFacts>> {
        Ok(Self::facts_in(tx, "c.id = $1", case_id).await?.pop())
    }

    /// Adds what `delta` says to the running totals, in `tx`.
    pub(super) async fn add_to_record(tx: &mut sqlx::Transaction<'_, super::Db>, delta: &Delta) -> StoreResult<()> {
        let entries: Vec<_> = delta.iter().collect();
        let columns: Vec<&str> = Measure::ALL.iter().map(|m| m.column()).collect();
        let updates: Vec<String> = columns.iter().map(|c| format!("{c} = case_stats.{c} + excluded.{c}")).collect();
        for chunk in entries.chunks(ROWS) {
            let mut insert = sqlx::QueryBuilder::<super::Db>::new(format!(
                "INSERT INTO case_stats (scope, level, bucket, agency, field, category, channel, {}) ",
                columns.join(", ")
            ));
            insert.push_values(chunk, |mut row, ((level, bucket, scope), tally)| {
                let (scope, agency, field, category, channel) = scope_columns(scope);
                row.push_bind(scope)
                    .push_bind(level.as_str())
                    .push_bind(bucket.clone())
                    .push_bind(agency.to_owned())
                    .push_bind(field.to_owned())
                    .push_bind(category)
                    .push_bind(channel);
                for m in Measure::ALL {
                    row.push_bind(tally.get(m));
                }
            });
            insert.push(format!(
                " ON CONFLICT (scope, level, bucket, agency, field, category, channel) DO UPDATE SET {}",
                updates.join(", ")
            ));
            insert.build().execute(&mut **tx).await.map_err(crate::storage::db_err)?;
        }
        Ok(())
    }

    /// Keeps the record for a change of one case made in `tx`: `before` is its facts as read in
    /// `tx` before the change.
    pub(super) async fn restate(
        tx: &mut sqlx::Transaction<'_, super::Db>,
        case_id: i64,
        before: Option<CaseFacts>,
    ) -> StoreResult<()> {
        let after = Self::case_facts(tx, case_id).await?;
        let mut delta = Delta::new();
        change(&mut delta, before.as_ref(), after.as_ref());
        Self::add_to_record(tx, &delta).await
    }

    async fn all_facts(&self) -> StoreResult<Vec<CaseFacts>> {
        let rows: Vec<FactsRow> = sqlx::query_as(FACTS).fetch_all(&self.pool).await.map_err(crate::storage::db_err)?;
        rows.into_iter().map(FactsRow::into_facts).collect()
    }

    /// The rows of one statement of the record.
    async fn tally_rows(&self, (sql, binds): &(String, crate::storage::binds::Binds)) -> StoreResult<Vec<PartRow>> {
        Self::bind_all(sqlx::query_as(sql), binds).fetch_all(&self.pool).await.map_err(crate::storage::db_err)
    }

    /// The rows of a statement a query may not need.
    async fn rows_if_any(
        &self,
        statement: &Option<(String, crate::storage::binds::Binds)>,
    ) -> StoreResult<Vec<PartRow>> {
        match statement {
            Some(s) => self.tally_rows(s).await,
            None => Ok(Vec::new()),
        }
    }
}

#[async_trait::async_trait]
impl civicdesk_domain::store::RecordStore for super::Engine {
    async fn record(&self, query: &civicdesk_domain::store::RecordQuery) -> StoreResult<Vec<(String, Sums)>> {
        let statements = crate::storage::record::record_sql(query);
        // The statements read apart, at once: each is one range of the totals per bucket level.
        let (flows, before, through, due_past) = tokio::try_join!(
            self.tally_rows(&statements.flows),
            self.rows_if_any(&statements.before),
            self.rows_if_any(&statements.through),
            self.rows_if_any(&statements.due_past)
        )?;
        let mut by_part: std::collections::BTreeMap<String, Sums> = std::collections::BTreeMap::new();
        for row in flows {
            by_part.entry(row.part).or_default().flows.add_all(&row.tally);
        }
        for row in before {
            by_part.entry(row.part).or_default().before.add_all(&row.tally);
        }
        for row in through {
            by_part.entry(row.part).or_default().through.add_all(&row.tally);
        }
        for row in due_past {
            by_part.entry(row.part).or_default().due_open_past += row.tally.get(Measure::DueOpen);
        }
        Ok(by_part.into_iter().collect())
    }

    async fn open_by_due(
        &self,
        agency: &str,
    ) -> StoreResult<Vec<(civicdesk_domain::feedback::CaseStatus, Option<chrono::NaiveDate>, u64)>> {
        let rows: Vec<(String, Option<chrono::NaiveDate>, i64)> =
            sqlx::query_as(&crate::storage::record::open_by_due_sql())
                .bind(agency)
                .fetch_all(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
        rows.into_iter()
            .map(|(status, due, n)| {
                let status = civicdesk_domain::feedback::CaseStatus::parse(&status)
                    .ok_or_else(|| crate::storage::corrupt("status", &status))?;
                Ok((status, due, u64::try_from(n).unwrap_or(0)))
            })
            .collect()
    }

    async fn record_totals(&self) -> StoreResult<Delta> {
        let rows: Vec<StoredRow> = sqlx::query_as(&crate::storage::record::all_rows())
            .fetch_all(&self.pool)
            .await
            .map_err(crate::storage::db_err)?;
        let mut out = Delta::new();
        for row in rows {
            if !row.tally.is_zero() {
                out.insert(row.place()?, row.tally);
            }
        }
        Ok(out)
    }

    async fn recount_record(&self) -> StoreResult<Delta> {
        let mut delta = Delta::new();
        for facts in self.all_facts().await? {
            change(&mut delta, None, Some(&facts));
        }
        Ok(delta)
    }

    async fn record_kept(&self) -> StoreResult<bool> {
        let (cases, totals): (bool, bool) =
            sqlx::query_as("SELECT EXISTS (SELECT 1 FROM cases), EXISTS (SELECT 1 FROM case_stats)")
                .fetch_one(&self.pool)
                .await
                .map_err(crate::storage::db_err)?;
        Ok(totals || !cases)
    }

    async fn rebuild_record(&self) -> StoreResult<()> {
        let delta = self.recount_record().await?;
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        sqlx::query("DELETE FROM case_stats").execute(&mut *tx).await.map_err(crate::storage::db_err)?;
        Self::add_to_record(&mut tx, &delta).await?;
        tx.commit().await.map_err(crate::storage::db_err)
    }
}
