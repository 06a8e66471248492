//! The satisfaction surveys: [`SurveyStore`](civicdesk_domain::store::SurveyStore), each survey
//! and its answers' running totals written in one transaction.
//!
//! Compiled once per engine (see `mod.rs`), where `super::Engine` is the store.

use chrono::{DateTime, NaiveDate, Utc};
use civicdesk_domain::stats::Span;
use civicdesk_domain::stats::buckets::{Level, span_ranges};
use civicdesk_domain::store::StoreResult;
use civicdesk_domain::survey::{Question, Survey};

use crate::storage::binds::Binds;

#[async_trait::async_trait]
impl civicdesk_domain::store::SurveyStore for super::Engine {
    async fn save_survey(&self, survey: &Survey, at: DateTime<Utc>, day: NaiveDate) -> StoreResult<()> {
        let answers: serde_json::Map<String, serde_json::Value> =
            survey.answers.iter().map(|(q, v)| (q.as_str().to_owned(), (*v).into())).collect();
        let mut tx = self.writer.begin().await.map_err(crate::storage::db_err)?;
        sqlx::query(
            "INSERT INTO surveys (agency, procedure_code, receipt_code, submitted_at, day, answers, comment) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&survey.agency)
        .bind(&survey.procedure)
        .bind(&survey.receipt)
        .bind(at)
        .bind(day)
        .bind(serde_json::Value::Object(answers).to_string())
        .bind(&survey.comment)
        .execute(&mut *tx)
        .await
        .map_err(crate::storage::db_err)?;
        let mut insert = sqlx::QueryBuilder::<super::Db>::new(
            "INSERT INTO survey_stats (level, bucket, agency, question, answer, n) ",
        );
        let rows: Vec<(Level, &Question, &u8)> =
            Level::ALL.into_iter().flat_map(|level| survey.answers.iter().map(move |(q, v)| (level, q, v))).collect();
        if rows.is_empty() {
            return tx.commit().await.map_err(crate::storage::db_err);
        }
        insert.push_values(rows, |mut row, (level, question, value)| {
            row.push_bind(level.as_str())
                .push_bind(level.bucket(day))
                .push_bind(survey.agency.clone())
                .push_bind(question.as_str())
                .push_bind(i64::from(*value))
                .push_bind(1_i64);
        });
        insert.push(" ON CONFLICT (level, bucket, agency, question, answer) DO UPDATE SET n = survey_stats.n + 1");
        insert.build().execute(&mut *tx).await.map_err(crate::storage::db_err)?;
        tx.commit().await.map_err(crate::storage::db_err)
    }

    async fn survey_counts(&self, span: Span, agency: Option<&str>) -> StoreResult<Vec<(String, Question, u8, u64)>> {
        let mut binds = Binds::default();
        let condition = crate::storage::record::in_ranges(&span_ranges(span), &mut binds);
        let by_agency = match agency {
            Some(code) => format!(" AND agency = {}", binds.text(code)),
            None => String::new(),
        };
        let sql = format!(
            "SELECT agency, question, CAST(answer AS BIGINT), CAST(SUM(n) AS BIGINT) FROM survey_stats \
             WHERE {condition}{by_agency} GROUP BY agency, question, answer"
        );
        let rows: Vec<(String, String, i64, i64)> =
            Self::bind_all(sqlx::query_as(&sql), &binds).fetch_all(&self.pool).await.map_err(crate::storage::db_err)?;
        Ok(rows
            .into_iter()
            .filter_map(|(agency, question, answer, n)| {
                Some((agency, Question::parse(&question)?, u8::try_from(answer).ok()?, u64::try_from(n).ok()?))
            })
            .collect())
    }
}
