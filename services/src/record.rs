//! The public record as pages and the API read it: a period's figures in total and for each
//! agency, and one agency's scorecard with its places among them, from the running totals
//! storage keeps.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::stats::{AgencyFigures, Figures, OpenToday, RecordView, Scorecard, Span, Sums};
use civicdesk_domain::store::{RecordQuery, Store, StoreResult};

use crate::calendar::Calendars;

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

    /// `agency`'s scorecard for `span`, with where its open cases stand on `today`.
    pub async fn scorecard(&self, agency: AgencyLink, span: Span, today: NaiveDate) -> StoreResult<Scorecard> {
        let all = RecordQuery { span, today, agency: None, category: None, channel: None };
        let view = self.read(&all).await?;
        let open = self.store.open_by_due(&agency.code).await?;
        let open_today = OpenToday::of(&self.calendars.current(), today, &open);
        Ok(Scorecard::of(agency, &view.agencies, open_today, self.min_sample))
    }
}
