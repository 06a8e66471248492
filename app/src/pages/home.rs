use civicdesk_domain::catalogue::{FieldSummary, ProcedureSummary, param};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::PageTitle;
use crate::components::procedure_list::ProcedureList;
use crate::components::search_box::SearchBox;
use crate::components::{LoadFailed, with_query};
use crate::i18n::{use_lang, use_texts};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HomeContent {
    pub fields: Vec<FieldSummary>,
    pub popular: Vec<ProcedureSummary>,
}

#[server]
pub async fn home_data() -> Result<HomeContent, ServerFnError> {
    use crate::server::{storage_failed, store};
    /// How many of the most used procedures the home page lists.
    const POPULAR: u32 = 8;
    let store = store()?;
    Ok(HomeContent {
        fields: store.fields().await.map_err(storage_failed)?,
        popular: store.popular_procedures(POPULAR).await.map_err(storage_failed)?,
    })
}

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let data = Resource::new(|| (), |_| home_data());
    view! {
        <PageTitle text=t.home_title />
        <section class="hero">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_lead}</p>
            <SearchBox value="" large=true />
        </section>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! {
                        <section aria-labelledby="fields-heading">
                            <h2 id="fields-heading">{t.fields_heading}</h2>
                            <ul class="field-grid">
                                {data.fields.into_iter().filter(|f| f.procedures > 0).map(|f| {
                                    let href = with_query(&lang.href("/thu-tuc"), &[(param::FIELD, f.field.code.clone())]);
                                    view! {
                                        <li>
                                            <a href=href>
                                                <span class="field-name">{f.field.name}</span>
                                                <span class="field-count">{(t.procedures_count)(f.procedures)}</span>
                                            </a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                        <section aria-labelledby="popular-heading">
                            <h2 id="popular-heading">{t.popular_heading}</h2>
                            <ProcedureList items=data.popular />
                        </section>
                    }.into_any(),
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
