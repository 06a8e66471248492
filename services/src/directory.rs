//! The catalogue's choices that forms and filters offer.

use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::store::{Store, StoreResult};

/// Every agency as a link: the choices of the forms that name one.
pub async fn agency_links(store: &dyn Store) -> StoreResult<Vec<AgencyLink>> {
    Ok(store
        .agencies()
        .await?
        .into_iter()
        .map(|a| AgencyLink { code: a.agency.code, slug: a.agency.slug, name: a.agency.name })
        .collect())
}

/// Every field (lĩnh vực) as (code, name): the choices of the filters that name one.
pub async fn field_choices(store: &dyn Store) -> StoreResult<Vec<(String, String)>> {
    Ok(store.fields().await?.into_iter().map(|f| (f.field.code, f.field.name)).collect())
}
