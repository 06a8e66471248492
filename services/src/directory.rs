//! The catalogue's choices that forms and filters offer, and the public view of a case.

use civicdesk_domain::cases::PublicCase;
use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::feedback::CaseCode;
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

/// A case as anyone may see it, by its code: `None` for a code that is not one, or of no case.
pub async fn public_case(store: &dyn Store, code: &str) -> StoreResult<Option<PublicCase>> {
    let Some(code) = CaseCode::parse(code) else { return Ok(None) };
    Ok(store.case_by_code(&code).await?.map(|case| case.public()))
}

/// The names of the agencies a case's public transfers passed through, by code (a code the
/// portal no longer knows is left out).
pub async fn transfer_agency_names(store: &dyn Store, case: &PublicCase) -> StoreResult<Vec<(String, String)>> {
    let mut names: Vec<(String, String)> = Vec::new();
    for transfer in case.timeline.iter().filter_map(|e| e.transfer.as_ref()) {
        for code in [&transfer.from, &transfer.to] {
            if names.iter().all(|(c, _)| c != code)
                && let Some(link) = store.agency_ref(code).await?
            {
                names.push((code.clone(), link.name));
            }
        }
    }
    Ok(names)
}

/// Every field (lĩnh vực) as (code, name): the choices of the filters that name one.
pub async fn field_choices(store: &dyn Store) -> StoreResult<Vec<(String, String)>> {
    Ok(store.fields().await?.into_iter().map(|f| (f.field.code, f.field.name)).collect())
}
