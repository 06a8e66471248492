//! The public record's rows: a case's facts as the record reads them, and the statements that sum
//! the running totals over a span of days (see `civicdesk_domain::stats`).

use chrono::{DateTime, NaiveDate, Utc};
use civicdesk_domain::calendar::local_day;
use civicdesk_domain::cases::EventKind;
use civicdesk_domain::feedback::{CaseStatus, Category, Channel};
use civicdesk_domain::stats::buckets::{Level, Range, span_ranges, through_ranges};
use civicdesk_domain::stats::{CaseFacts, End, Key, Measure, RefusedFor, STATES, Scope, Span, Tally};
use civicdesk_domain::store::{RecordBy, RecordQuery, StoreError};

use super::binds::Binds;
use super::corrupt;

/// A case's facts, from its row and its events. (A case written by an import has no events: it
/// ended, if it did, when it was last changed.)
pub const FACTS: &str = "SELECT c.agency, c.field, c.category, c.channel, c.status, c.received_on, c.answer_due, \
     c.publish_due, c.published_at, c.answer_days, c.rating, c.updated_at, \
     (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'transferred') AS transfers, \
     (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'reexamination_requested') \
     AS reexaminations, \
     (SELECT MAX(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind IN ('refused', 'withdrawn')) AS ended_at, \
     (SELECT e.data FROM case_events e WHERE e.case_id = c.id AND e.kind = 'refused' ORDER BY e.id DESC LIMIT 1) \
     AS refusal FROM cases c";

#[derive(sqlx::FromRow)]
pub struct FactsRow {
    agency: String,
    field: String,
    category: String,
    channel: String,
    status: String,
    received_on: NaiveDate,
    answer_due: NaiveDate,
    publish_due: Option<NaiveDate>,
    published_at: Option<DateTime<Utc>>,
    answer_days: Option<i32>,
    rating: Option<String>,
    updated_at: DateTime<Utc>,
    transfers: i64,
    reexaminations: i64,
    ended_at: Option<DateTime<Utc>>,
    refusal: Option<String>,
}

impl FactsRow {
    pub fn into_facts(self) -> Result<CaseFacts, StoreError> {
        let status = CaseStatus::parse(&self.status).ok_or_else(|| corrupt("status", &self.status))?;
        let ended = local_day(self.ended_at.unwrap_or(self.updated_at));
        let end = match status {
            CaseStatus::Published | CaseStatus::Closed => {
                let at = self.published_at.ok_or_else(|| corrupt("publication of an answered case", ""))?;
                Some(End::Answered(local_day(at)))
            }
            CaseStatus::Refused => {
                let reason = match self.refusal.as_deref().map(serde_json::from_str::<EventKind>) {
                    Some(Ok(EventKind::Refused { refusal, .. })) => RefusedFor::from(&refusal),
                    // Refused by an import, which records no reason.
                    _ => RefusedFor::Requirements,
                };
                Some(End::Refused(ended, reason))
            }
            CaseStatus::Withdrawn => Some(End::Withdrawn(ended)),
            _ => None,
        };
        Ok(CaseFacts {
            category: Category::parse(&self.category).ok_or_else(|| corrupt("category", &self.category))?,
            channel: Channel::parse(&self.channel).ok_or_else(|| corrupt("channel", &self.channel))?,
            agency: self.agency,
            field: self.field,
            received_on: self.received_on,
            answer_due: self.answer_due,
            publish_due: self.publish_due,
            answer_days: if matches!(end, Some(End::Answered(_))) {
                self.answer_days.and_then(|n| u32::try_from(n).ok())
            } else {
                None
            },
            end,
            transfers: u32::try_from(self.transfers).unwrap_or(u32::MAX),
            satisfied: self.rating.map(|r| r == "satisfied"),
            re_examined: self.reexaminations > 0,
        })
    }
}

/// A count for every measure, from the columns named after them.
fn tally_of<'r, R: sqlx::Row>(row: &'r R) -> Result<Tally, sqlx::Error>
where
    &'r str: sqlx::ColumnIndex<R>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let mut tally = Tally::default();
    for m in Measure::ALL {
        tally.add(m, row.try_get::<i64, _>(m.column())?);
    }
    Ok(tally)
}

/// The field a case with the procedure `procedure` (an expression) counts in: the first of the
/// procedure's fields by code, or '' if it has none.
pub fn field_of(procedure: &str) -> String {
    format!(
        "COALESCE((SELECT MIN(pf.field_code) FROM procedures p JOIN procedure_fields pf ON pf.procedure_id = p.id \
         WHERE p.code = {procedure}), '')"
    )
}

/// One row of a query's sums: the agency or field it is for, and a count for every measure.
pub struct PartRow {
    pub part: String,
    pub tally: Tally,
}

impl<'r, R: sqlx::Row> sqlx::FromRow<'r, R> for PartRow
where
    &'r str: sqlx::ColumnIndex<R>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(PartRow { part: row.try_get("part")?, tally: tally_of(row)? })
    }
}

/// One row of the table as stored.
pub struct StoredRow {
    scope: String,
    level: String,
    bucket: String,
    agency: String,
    field: String,
    category: String,
    channel: String,
    pub tally: Tally,
}

impl<'r, R: sqlx::Row> sqlx::FromRow<'r, R> for StoredRow
where
    &'r str: sqlx::ColumnIndex<R>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(StoredRow {
            scope: row.try_get("scope")?,
            level: row.try_get("level")?,
            bucket: row.try_get("bucket")?,
            agency: row.try_get("agency")?,
            field: row.try_get("field")?,
            category: row.try_get("category")?,
            channel: row.try_get("channel")?,
            tally: tally_of(row)?,
        })
    }
}

/// How a scope is stored: its name, and its agency, field, category and channel ('' where it is
/// over them all).
pub fn scope_columns(scope: &Scope) -> (&'static str, &str, &str, &'static str, &'static str) {
    match scope {
        Scope::Agency(agency) => ("a", agency, "", "", ""),
        Scope::Field(field) => ("f", "", field, "", ""),
        Scope::AgencyField(agency, field) => ("g", agency, field, "", ""),
        Scope::AgencyKind(agency, category, channel) => ("ak", agency, "", category.as_str(), channel.as_str()),
        Scope::FieldKind(field, category, channel) => ("fk", "", field, category.as_str(), channel.as_str()),
        Scope::Key(key) => ("k", &key.agency, &key.field, key.category.as_str(), key.channel.as_str()),
    }
}

impl StoredRow {
    /// Where the row counts.
    pub fn place(&self) -> Result<(Level, String, Scope), StoreError> {
        let level = Level::parse(&self.level).ok_or_else(|| corrupt("record level", &self.level))?;
        let category = || Category::parse(&self.category).ok_or_else(|| corrupt("category", &self.category));
        let channel = || Channel::parse(&self.channel).ok_or_else(|| corrupt("channel", &self.channel));
        let scope = match self.scope.as_str() {
            "a" => Scope::Agency(self.agency.clone()),
            "f" => Scope::Field(self.field.clone()),
            "g" => Scope::AgencyField(self.agency.clone(), self.field.clone()),
            "ak" => Scope::AgencyKind(self.agency.clone(), category()?, channel()?),
            "fk" => Scope::FieldKind(self.field.clone(), category()?, channel()?),
            "k" => Scope::Key(Key {
                agency: self.agency.clone(),
                field: self.field.clone(),
                category: category()?,
                channel: channel()?,
            }),
            other => return Err(corrupt("record scope", other)),
        };
        Ok((level, self.bucket.clone(), scope))
    }
}

/// The measures in `wanted` summed and the others given as 0, each named by its column.
fn sums(wanted: &[Measure]) -> String {
    Measure::ALL
        .iter()
        .map(|m| {
            if wanted.contains(m) {
                format!("CAST(COALESCE(SUM({0}), 0) AS BIGINT) AS {0}", m.column())
            } else {
                format!("CAST(0 AS BIGINT) AS {}", m.column())
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A condition on the buckets of `ranges`.
pub fn in_ranges(ranges: &[Range], binds: &mut Binds) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|r| {
            format!(
                "(level = {} AND bucket BETWEEN {} AND {})",
                binds.text(r.level.as_str()),
                binds.text(r.first.clone()),
                binds.text(r.last.clone())
            )
        })
        .collect();
    format!("({})", parts.join(" OR "))
}

/// The rows that answer `query`, and what it asks of them: the narrowest scope that holds every
/// filter and the grouping.
fn scope_and_filters(query: &RecordQuery, binds: &mut Binds) -> String {
    let agency = query.agency.is_some() || query.by == RecordBy::Agency;
    let field = query.field.is_some() || query.by == RecordBy::Field;
    let kind = query.category.is_some() || query.channel.is_some();
    let scope = match (agency, field, kind) {
        (true, true, false) => "g",
        (true, true, true) => "k",
        (false, true, false) => "f",
        (_, false, false) => "a",
        (true, false, true) => "ak",
        (false, _, true) => "fk",
    };
    let mut out = format!("scope = {}", binds.text(scope));
    if let Some(agency) = &query.agency {
        out.push_str(&format!(" AND agency = {}", binds.text(agency.clone())));
    }
    if let Some(field) = &query.field {
        out.push_str(&format!(" AND field = {}", binds.text(field.clone())));
    }
    if let Some(category) = query.category {
        out.push_str(&format!(" AND category = {}", binds.text(category.as_str())));
    }
    if let Some(channel) = query.channel {
        out.push_str(&format!(" AND channel = {}", binds.text(channel.as_str())));
    }
    out
}

/// The statements of a query, each by agency, field or month: the span's flows; the states before
/// and through it; and what is still open of what fell due in its past days (by month: the flows
/// of each whole month alone).
pub struct RecordStatements {
    pub flows: (String, Binds),
    pub before: Option<(String, Binds)>,
    pub through: Option<(String, Binds)>,
    pub due_past: Option<(String, Binds)>,
}

pub fn record_sql(query: &RecordQuery) -> RecordStatements {
    let part = match query.by {
        RecordBy::Agency => "agency",
        RecordBy::Field => "field",
        RecordBy::Month => "bucket",
    };
    // Each range of buckets is read as its own range of the table's key (scope, level, bucket),
    // and the ranges added up: an OR of the ranges would have the engines read every row of the
    // scope instead.
    let grouped = |ranges: Vec<Range>, wanted: &[Measure]| {
        let mut binds = Binds::default();
        let columns: Vec<&str> = wanted.iter().map(|m| m.column()).collect();
        let columns = columns.join(", ");
        let reads: Vec<String> = ranges
            .iter()
            .map(|r| {
                let scope = scope_and_filters(query, &mut binds);
                format!(
                    "SELECT {part} AS part, {columns} FROM case_stats WHERE {scope} AND level = {} \
                     AND bucket BETWEEN {} AND {}",
                    binds.text(r.level.as_str()),
                    binds.text(r.first.clone()),
                    binds.text(r.last.clone())
                )
            })
            .collect();
        let reads = if reads.is_empty() {
            format!("SELECT '' AS part, {columns} FROM case_stats WHERE 1 = 0")
        } else {
            reads.join(" UNION ALL ")
        };
        let sql = format!("SELECT part, {} FROM ({reads}) AS r GROUP BY part", sums(wanted));
        (sql, binds)
    };
    let span = query.span;
    if query.by == RecordBy::Month {
        let months =
            Range { level: Level::Month, first: Level::Month.bucket(span.first), last: Level::Month.bucket(span.last) };
        return RecordStatements {
            flows: grouped(vec![months], &Measure::ALL),
            before: None,
            through: None,
            due_past: None,
        };
    }
    let day_before = span.first.pred_opt().unwrap_or(span.first);
    let past = query.today.pred_opt().and_then(|yesterday| Span::new(span.first, span.last.min(yesterday)));
    RecordStatements {
        flows: grouped(span_ranges(span), &Measure::ALL),
        before: Some(grouped(through_ranges(day_before), &STATES)),
        through: Some(grouped(through_ranges(span.last), &STATES)),
        due_past: past.map(|past| grouped(span_ranges(past), &[Measure::DueOpen])),
    }
}

/// An agency's open cases by status and queue date: the partial index of open cases
/// (migration 0004) holds all it reads.
pub fn open_by_due_sql() -> String {
    format!(
        "SELECT c.status, c.next_due, CAST(COUNT(*) AS BIGINT) AS n FROM cases c \
         WHERE c.agency = $1 AND c.status IN {} GROUP BY c.status, c.next_due",
        super::queue::OPEN
    )
}

/// Every row of the table.
pub fn all_rows() -> String {
    let columns: Vec<&str> = Measure::ALL.iter().map(|m| m.column()).collect();
    format!("SELECT scope, level, bucket, agency, field, category, channel, {} FROM case_stats", columns.join(", "))
}
