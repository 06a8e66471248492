use civicdesk_domain::Agency;
use civicdesk_domain::agency::AgencyLevel;
use civicdesk_domain::catalogue::{AgencyLink, AgencySummary, ProcedureFilter, SearchResults};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::PageTitle;
use super::directory::Pagination;
use super::record::scorecard::{PeriodScorecard, ScorecardSection};
use crate::components::LoadFailed;
use crate::components::procedure_list::ProcedureList;
use crate::i18n::{use_lang, use_texts};

#[server]
pub async fn list_agencies() -> Result<Vec<AgencySummary>, ServerFnError> {
    use crate::server::{storage_failed, store};
    store()?.agencies().await.map_err(storage_failed)
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AgencyContent {
    pub agency: Agency,
    /// The agency it reports to, and those that report to it.
    pub parent: Option<AgencyLink>,
    pub children: Vec<AgencyLink>,
    pub procedures: SearchResults,
    pub scorecard: PeriodScorecard,
}

#[server]
pub async fn load_agency_page(slug: String, page: u32) -> Result<Option<AgencyContent>, ServerFnError> {
    use crate::server::{services, storage_failed};
    let services = services()?;
    let store = &services.store;
    let all = store.agencies().await.map_err(storage_failed)?;
    let Some(agency) = all.iter().find(|a| a.agency.slug == slug).map(|a| a.agency.clone()) else { return Ok(None) };
    let parent = all.iter().find(|a| Some(&a.agency.code) == agency.parent.as_ref()).map(|a| AgencyLink::of(&a.agency));
    let children = all
        .iter()
        .filter(|a| a.agency.parent.as_ref() == Some(&agency.code))
        .map(|a| AgencyLink::of(&a.agency))
        .collect();
    let filter = ProcedureFilter { agency: Some(slug), page, ..ProcedureFilter::default() };
    let procedures = store.search_procedures(&filter).await.map_err(storage_failed)?;
    let scorecard = super::record::scorecard::current_scorecard(&services, AgencyLink::of(&agency))
        .await
        .map_err(storage_failed)?;
    Ok(Some(AgencyContent { agency, parent, children, procedures, scorecard }))
}

#[component]
pub fn AgenciesPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let agencies = Resource::new(|| (), |_| list_agencies());
    view! {
        <PageTitle text=t.agencies_title />
        <h1>{t.agencies_title}</h1>
        <p class="lead">{t.agencies_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let Ok(agencies) = agencies.await else { return view! { <LoadFailed /> }.into_any() };
                AgencyLevel::ALL.into_iter().filter_map(|level| {
                    let group: Vec<_> = agencies.iter().filter(|a| a.agency.level == level).cloned().collect();
                    (!group.is_empty()).then(|| {
                        let heading_id = format!("level-{}", level.slug());
                        view! {
                            <section aria-labelledby=heading_id.clone()>
                                <h2 id=heading_id.clone()>{t.level_agencies(level)}</h2>
                                <ul class="agency-list">
                                    {group.into_iter().map(|a| view! {
                                        <li>
                                            <a href=lang.href(&format!("/co-quan/{}", a.agency.slug))>{a.agency.name}</a>
                                            {a.agency.coordinating.then(|| view! { <span class="badge badge-online">{t.coordinating_office}</span> })}
                                            <span class="muted">{(t.procedures_count)(a.procedures)}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        }
                    })
                }).collect_view().into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn AgencyPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let slug = params.read().get("slug").unwrap_or_default();
        let filter = ProcedureFilter::from_params(|k| query.read().get(k));
        (slug, filter.page())
    };
    let data = Resource::new(key, |(slug, page)| load_agency_page(slug, page));
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(AgencyContent { agency, parent, children, procedures, scorecard })) => {
                        let base = format!("/co-quan/{}", agency.slug);
                        let filter = ProcedureFilter { page: procedures.page, ..ProcedureFilter::default() };
                        view! {
                            <PageTitle text=agency.name.clone() />
                            <nav class="breadcrumb" aria-label=t.breadcrumb_label>
                                <a href=lang.href("/co-quan")>{t.nav_agencies}</a>
                            </nav>
                            <h1>{agency.name.clone()}</h1>
                            <p class="badges">
                                <span class="badge">{t.level(agency.level)}</span>
                                {agency.coordinating.then(|| view! { <span class="badge badge-online">{t.coordinating_office}</span> })}
                            </p>
                            <p class="follow-link">
                                <a href=lang.href(&format!("/theo-doi?co-quan={}", agency.slug))>{lang.follow().agency_link}</a>
                            </p>
                            <section aria-labelledby="contact-heading" class="card">
                                <h2 id="contact-heading">{t.contact_heading}</h2>
                                <dl class="overview">
                                    <dt>{t.address_label}</dt><dd>{agency.address.clone()}</dd>
                                    <dt>{t.phone_label}</dt><dd><a href=format!("tel:{}", agency.phone.replace(' ', ""))>{agency.phone.clone()}</a></dd>
                                    <dt>{t.email_label}</dt><dd><a href=format!("mailto:{}", agency.email)>{agency.email.clone()}</a></dd>
                                    <dt>{t.office_hours_label}</dt><dd>{agency.office_hours.clone()}<span class="block muted">{(t.cutoff_label)(&agency.cutoff)}</span></dd>
                                    {agency.website.clone().map(|w| view! { <dt>{t.website_label}</dt><dd><a href=w.clone()>{w.clone()}</a></dd> })}
                                    {parent.map(|p| view! {
                                        <dt>{t.parent_agency_label}</dt>
                                        <dd><a href=lang.href(&format!("/co-quan/{}", p.slug))>{p.name}</a></dd>
                                    })}
                                    {(!children.is_empty()).then(|| view! {
                                        <dt>{t.child_agencies_label}</dt>
                                        <dd>
                                            <ul class="plain">
                                                {children.into_iter().map(|c| view! {
                                                    <li><a href=lang.href(&format!("/co-quan/{}", c.slug))>{c.name}</a></li>
                                                }).collect_view()}
                                            </ul>
                                        </dd>
                                    })}
                                </dl>
                            </section>
                            <ScorecardSection scorecard />
                            <section aria-labelledby="agency-procedures">
                                <h2 id="agency-procedures">{t.agency_procedures_heading} " (" {procedures.total} ")"</h2>
                                <ProcedureList items=procedures.items.clone() />
                                <Pagination base filter results=procedures />
                            </section>
                        }.into_any()
                    }
                    Ok(None) => {
                        #[cfg(feature = "ssr")]
                        crate::server::set_status(404);
                        view! {
                            <PageTitle text=t.agency_not_found />
                            <h1>{t.agency_not_found}</h1>
                            <p><a href=lang.href("/co-quan")>{t.nav_agencies}</a></p>
                        }.into_any()
                    }
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
