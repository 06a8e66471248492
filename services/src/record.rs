//! The public record as pages and the API read it: a period's figures in total and for each
//! agency, and one agency's scorecard with its places among them, from the running totals
//! storage keeps.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::procedure::FieldRef;
use civicdesk_domain::stats::{AgencyFigures, FieldFigures, Figures, OpenToday, RecordView, Scorecard, Span, Sums};
use civicdesk_domain::store::{RecordBy, RecordQuery, Store, StoreResult};

use crate::calendar::Calendars;

/// What a page reads of the record besides its figures by agency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts {
    pub by_field: bool,
    pub months: bool,
}

impl Parts {
    /// The statistics page's: everything.
    pub const ALL: Parts = Parts { by_field: true, months: true };
    /// The figures by agency alone (the ranking, most tables).
    pub const NONE: Parts = Parts { by_field: false, months: false };
    /// With the figures by field (the report).
    pub const FIELDS: Parts = Parts { by_field: true, months: false };
    /// With the figures by month.
    pub const MONTHS: Parts = Parts { by_field: false, months: true };
}

/// A page's figures: by agency, and by field and by month where its [`Parts`] ask for them
/// (empty otherwise).
pub struct RecordRead {
    pub view: RecordView,
    pub by_field: Vec<FieldFigures>,
    pub months: Vec<(NaiveDate, Figures)>,
}

#[derive(Clone)]
pub struct PublicRecord {
    store: Arc<dyn Store>,
    calendars: Arc<Calendars>,
    /// The fewest cases a rate is shown and ranked on.
    pub min_sample: u64,
}

impl PublicRecord {
    pub fn new(store: Arc<dyn Store>, calendars: Arc<Calendars>, min_sample: u64) -> Self {
        PublicRecord { store, calendars, min_sample }
    }

    /// The figures `query` asks for, in total and for each agency that had cases, by name.
    pub async fn read(&self, query: &RecordQuery) -> StoreResult<RecordView> {
        let by_agency = self.store.record(query).await?;
        let agencies = self.store.agencies().await?;
        let links: HashMap<&str, AgencyLink> =
            agencies.iter().map(|a| (a.agency.code.as_str(), AgencyLink::of(&a.agency))).collect();
        let mut total = Sums::default();
        let mut out = Vec::with_capacity(by_agency.len());
        for (code, sums) in &by_agency {
            total.merge(sums);
            let agency = links.get(code.as_str()).cloned().unwrap_or_else(|| AgencyLink {
                code: code.clone(),
                slug: String::new(),
                name: code.clone(),
            });
            out.push(AgencyFigures { agency, figures: Figures::of(sums) });
        }
        out.sort_by(|a, b| {
            civicdesk_domain::text::fold(&a.agency.name).cmp(&civicdesk_domain::text::fold(&b.agency.name))
        });
        Ok(RecordView { total: Figures::of(&total), agencies: out })
    }

    /// The figures `query` asks for, for each field that had cases, named from `fields` (by its
    /// code when it is not there), by name; those that concern no procedure last.
    pub async fn by_field(&self, query: &RecordQuery, fields: &[FieldRef]) -> StoreResult<Vec<FieldFigures>> {
        let query = RecordQuery { by: RecordBy::Field, ..query.clone() };
        let by_field = self.store.record(&query).await?;
        let names: HashMap<&str, &str> = fields.iter().map(|f| (f.code.as_str(), f.name.as_str())).collect();
        let mut out: Vec<FieldFigures> = by_field
            .iter()
            .map(|(code, sums)| FieldFigures {
                field: (!code.is_empty()).then(|| FieldRef {
                    code: code.clone(),
                    name: names.get(code.as_str()).map_or_else(|| code.clone(), |n| (*n).to_owned()),
                }),
                figures: Figures::of(sums),
            })
            .collect();
        out.sort_by_cached_key(|f| {
            (f.field.is_none(), f.field.as_ref().map(|f| civicdesk_domain::text::fold(&f.name)))
        });
        Ok(out)
    }

    /// The flows `query` asks for in each calendar month its span touches (whole months), by the
    /// month's first day; months without any are given as zero, so a trend has no gaps.
    pub async fn by_month(&self, query: &RecordQuery) -> StoreResult<Vec<(NaiveDate, Figures)>> {
        let query = RecordQuery { by: RecordBy::Month, ..query.clone() };
        let by_month: HashMap<String, Sums> = self.store.record(&query).await?.into_iter().collect();
        let mut out = Vec::new();
        let mut month = query.span.first.with_day(1).expect("the first of a month");
        while month <= query.span.last {
            let key = month.format("%Y-%m").to_string();
            out.push((month, by_month.get(&key).map(Figures::of).unwrap_or_default()));
            month = month + chrono::Months::new(1);
        }
        Ok(out)
    }

    /// What a page shows for `query`: its figures by agency and the `parts` it asks for besides
    /// (fields named from `fields`), read at once.
    pub async fn page(&self, query: &RecordQuery, parts: Parts, fields: &[FieldRef]) -> StoreResult<RecordRead> {
        let by_field = async { if parts.by_field { self.by_field(query, fields).await } else { Ok(Vec::new()) } };
        let months = async { if parts.months { self.by_month(query).await } else { Ok(Vec::new()) } };
        let (view, by_field, months) = tokio::try_join!(self.read(query), by_field, months)?;
        Ok(RecordRead { view, by_field, months })
    }

    /// `agency`'s scorecard for `span`, with where its open cases stand on `today`.
    pub async fn scorecard(&self, agency: AgencyLink, span: Span, today: NaiveDate) -> StoreResult<Scorecard> {
        let all = RecordQuery::all(span, today);
        let view = self.read(&all).await?;
        let open = self.store.open_by_due(&agency.code).await?;
        let open_today = OpenToday::of(&self.calendars.current(), today, &open);
        Ok(Scorecard::of(agency, &view.agencies, open_today, self.min_sample))
    }
}
