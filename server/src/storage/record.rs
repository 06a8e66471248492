//! The public record's rows: a case's facts as the record reads them, and the statements that sum
//! the running totals over a span of days (see `civicdesk_domain::stats`).

use chrono::{DateTime, NaiveDate, Utc};
use civicdesk_domain::calendar::local_day;
use civicdesk_domain::cases::EventKind;
use civicdesk_domain::feedback::{CaseStatus, Category, Channel};
use civicdesk_domain::stats::buckets::{Level, Range, span_ranges, through_ranges};
use civicdesk_domain::stats::{CaseFacts, End, Key, Measure, RefusedFor, STATES, Span, Tally};
use civicdesk_domain::store::{RecordQuery, StoreError};

use super::binds::Binds;
use super::corrupt;

/// A case's facts, from its row and its events. (A case written by an import has no events: it
/// ended, if it did, when it was last changed.)
pub const FACTS: &str = "SELECT c.agency, c.category, c.channel, c.status, c.received_on, c.answer_due, \
     c.publish_due, c.published_at, c.rating, c.updated_at, \
     (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'transferred') AS transfers, \
     (SELECT MAX(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind IN ('refused', 'withdrawn')) AS ended_at, \
     (SELECT e.data FROM case_events e WHERE e.case_id = c.id AND e.kind = 'refused' ORDER BY e.id DESC LIMIT 1) \
     AS refusal FROM cases c";

#[derive(sqlx::FromRow)]
pub struct FactsRow {
    agency: String,
    category: String,
    channel: String,
    status: String,
    received_on: NaiveDate,
    answer_due: NaiveDate,
    publish_due: Option<NaiveDate>,
    published_at: Option<DateTime<Utc>>,
    rating: Option<String>,
    updated_at: DateTime<Utc>,
    transfers: i64,
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
            received_on: self.received_on,
            answer_due: self.answer_due,
            publish_due: self.publish_due,
            end,
            transfers: u32::try_from(self.transfers).unwrap_or(u32::MAX),
            satisfied: self.rating.map(|r| r == "satisfied"),
            re_examined: false,
        })
    }
}

/// One row of sums (or of the table): where it counts, and a count for every measure.
pub struct TallyRow {
    pub level: String,
    pub bucket: String,
    pub agency: String,
    pub channel: String,
    pub category: String,
    pub tally: Tally,
}

impl<'r, R: sqlx::Row> sqlx::FromRow<'r, R> for TallyRow
where
    &'r str: sqlx::ColumnIndex<R>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        let mut tally = Tally::default();
        for m in Measure::ALL {
            tally.add(m, row.try_get::<i64, _>(m.column())?);
        }
        Ok(TallyRow {
            level: row.try_get("level")?,
            bucket: row.try_get("bucket")?,
            agency: row.try_get("agency")?,
            channel: row.try_get("channel")?,
            category: row.try_get("category")?,
            tally,
        })
    }
}

impl TallyRow {
    /// The row's key, for the parts that were grouped by all of it.
    pub fn key(&self) -> Result<(Level, Key), StoreError> {
        Ok((
            Level::parse(&self.level).ok_or_else(|| corrupt("record level", &self.level))?,
            Key {
                agency: self.agency.clone(),
                category: Category::parse(&self.category).ok_or_else(|| corrupt("category", &self.category))?,
                channel: Channel::parse(&self.channel).ok_or_else(|| corrupt("channel", &self.channel))?,
            },
        ))
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

fn filters(query: &RecordQuery, binds: &mut Binds) -> String {
    let mut out = String::new();
    if let Some(agency) = &query.agency {
        out.push_str(&format!(" AND agency = {}", binds.text(agency.clone())));
    }
    if let Some(category) = query.category {
        out.push_str(&format!(" AND category = {}", binds.text(category.as_str())));
    }
    if let Some(channel) = query.channel {
        out.push_str(&format!(" AND channel = {}", binds.text(channel.as_str())));
    }
    out
}

/// The statements of a query: the span's flows by agency, channel and category; the states
/// before and through it by agency; and what is still open of what fell due in its past days.
pub struct RecordStatements {
    pub flows: (String, Binds),
    pub before: (String, Binds),
    pub through: (String, Binds),
    pub due_past: Option<(String, Binds)>,
}

pub fn record_sql(query: &RecordQuery) -> RecordStatements {
    let grouped = |ranges: Vec<Range>, by_key: bool, wanted: &[Measure]| {
        let mut binds = Binds::default();
        let condition = in_ranges(&ranges, &mut binds);
        let filters = filters(query, &mut binds);
        let (columns, group) = if by_key {
            ("'d' AS level, '' AS bucket, agency, channel, category", "agency, channel, category")
        } else {
            ("'d' AS level, '' AS bucket, agency, 'web' AS channel, 'regulation' AS category", "agency")
        };
        let sql =
            format!("SELECT {columns}, {} FROM case_stats WHERE {condition}{filters} GROUP BY {group}", sums(wanted));
        (sql, binds)
    };
    let span = query.span;
    let day_before = span.first.pred_opt().unwrap_or(span.first);
    let past = query.today.pred_opt().and_then(|yesterday| Span::new(span.first, span.last.min(yesterday)));
    RecordStatements {
        flows: grouped(span_ranges(span), true, &Measure::ALL),
        before: grouped(through_ranges(day_before), false, &STATES),
        through: grouped(through_ranges(span.last), false, &STATES),
        due_past: past.map(|past| grouped(span_ranges(past), false, &[Measure::DueOpen])),
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
    format!("SELECT level, bucket, agency, channel, category, {} FROM case_stats", columns.join(", "))
}
