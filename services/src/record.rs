//! The public record as pages and the API read it: a period's figures in total and for each
//! agency, from the running totals storage keeps.

use std::collections::HashMap;
use std::sync::Arc;

use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::stats::{AgencyFigures, Figures, RecordView, Sums};
use civicdesk_domain::store::{RecordQuery, Store, StoreResult};

#[derive(Clone)]
pub struct PublicRecord {
    store: Arc<dyn Store>,
}

impl PublicRecord {
    pub fn new(store: Arc<dyn Store>) -> Self {
        PublicRecord { store }
    }

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
}
