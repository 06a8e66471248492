//! `/du-lieu-mo`: what the portal publishes for other systems: the data sets with their data
//! dictionaries, the API with its OpenAPI document, the Atom feeds and the sitemap.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::PageTitle;
use crate::components::{LoadFailed, table_region};
use crate::i18n::{OpenDataTexts, Term, date, use_lang, use_texts};

/// One call of the API, as its OpenAPI document describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiOperation {
    pub method: String,
    pub path: String,
    pub summary: String,
    /// Whether it takes an official's session.
    pub needs_session: bool,
}

/// The API's calls, read from its document by the server, which provides them to the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiReference(pub Vec<ApiOperation>);

/// Where the API's document is served.
pub const OPENAPI_PATH: &str = "/api/v1/openapi.json";

/// What the page says of each data set: its size and when its data last changed.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DataSetFacts {
    pub procedures: u64,
    pub catalogue_changed: Option<DateTime<Utc>>,
}

#[server]
pub async fn data_sets() -> Result<DataSetFacts, ServerFnError> {
    use crate::server::{storage_failed, store};
    let store = store()?;
    let newest = store.recent_changes(1).await.map_err(storage_failed)?;
    Ok(DataSetFacts {
        procedures: store.procedure_count().await.map_err(storage_failed)?,
        catalogue_changed: newest.first().map(|c| c.revision.recorded_at),
    })
}

/// A data dictionary, folded until opened.
#[component]
fn Dictionary(summary: &'static str, terms: &'static [Term]) -> impl IntoView {
    let o = use_lang().open_data();
    view! {
        <details class="dictionary">
            <summary>{summary}</summary>
            {table_region(summary, view! {
                <table class="figures">
                    <caption>{summary}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{o.key_column}</th>
                            <th scope="col">{o.meaning_column}</th>
                            <th scope="col">{o.unit_column}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {terms.iter().map(|t| view! {
                            <tr><td><code>{t.key}</code></td><td>{t.meaning}</td><td>{t.unit}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </details>
    }
}

/// The catalogue's data set: its files, size, update, licence and dictionaries.
#[component]
fn CatalogueDataSet(o: &'static OpenDataTexts, sets: DataSetFacts) -> impl IntoView {
    let t = use_texts();
    let updated = sets.catalogue_changed.map(|at| date(civicdesk_domain::calendar::local_day(at)));
    view! {
        <article class="data-set" aria-labelledby="catalogue-set">
            <h3 id="catalogue-set">{o.catalogue_title}</h3>
            <p>{o.catalogue_text}</p>
            <ul>
                <li><a href="/du-lieu-mo/thu-tuc.json" type="application/json" download>{o.json_format}</a></li>
                <li><a href="/du-lieu-mo/thu-tuc.csv" type="text/csv" download>{o.csv_format}</a></li>
            </ul>
            <dl class="facts">
                <dt>{o.size}</dt>
                <dd>{(t.procedures_count)(sets.procedures)}</dd>
                <dt>{o.updated}</dt>
                <dd>{updated.unwrap_or_else(|| "—".to_owned())}</dd>
                <dt>{o.licence}</dt>
                <dd>{o.licence_name}</dd>
            </dl>
            <Dictionary summary=o.json_dictionary terms=o.catalogue_json />
            <Dictionary summary=o.csv_dictionary terms=o.catalogue_csv />
        </article>
    }
}

#[component]
pub fn OpenDataPage() -> impl IntoView {
    let lang = use_lang();
    let o = lang.open_data();
    let operations = use_context::<ApiReference>().unwrap_or_default().0;
    let sets = Resource::new(|| (), |_| data_sets());
    let rows = operations
        .into_iter()
        .map(|op| {
            view! {
                <tr>
                    <td><code>{op.method}</code></td>
                    <td><code>{op.path}</code></td>
                    <td>{op.summary}{op.needs_session.then(|| format!(" ({})", o.session_note))}</td>
                </tr>
            }
        })
        .collect_view();
    let feed = |path: &str, label: &'static str| {
        view! { <li><a href=lang.href(path) type="application/atom+xml">{label}</a></li> }
    };
    view! {
        <PageTitle text=o.title />
        <h1>{o.title}</h1>
        <p class="lead">{o.lead}</p>
        <p>{o.privacy}</p>
        <section aria-labelledby="data-sets">
            <h2 id="data-sets">{o.data_sets_title}</h2>
            <p>{o.data_sets_intro}</p>
            <Suspense fallback=move || view! { <p>{use_texts().loading}</p> }>
                {move || Suspend::new(async move {
                    match sets.await {
                        Ok(sets) => view! { <CatalogueDataSet o=o sets=sets /> }.into_any(),
                        Err(_) => view! { <LoadFailed /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
        <section aria-labelledby="api">
            <h2 id="api">{o.api_title}</h2>
            <p>{o.api_intro}</p>
            <p><a href=OPENAPI_PATH type="application/json">{o.document_link}</a></p>
            {table_region(o.operations_caption, view! {
                <table class="figures">
                    <caption>{o.operations_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{o.method_column}</th>
                            <th scope="col">{o.address_column}</th>
                            <th scope="col">{o.purpose_column}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            })}
        </section>
        <section aria-labelledby="feeds">
            <h2 id="feeds">{o.feeds_title}</h2>
            <p>{o.feeds_intro}</p>
            <ul>
                {feed("/thu-tuc.atom", o.feed_procedures)}
                {feed("/phan-anh.atom", o.feed_answers)}
            </ul>
            <p>{o.feed_filters}</p>
            <p>{o.feed_pages}</p>
        </section>
        <section aria-labelledby="sitemap">
            <h2 id="sitemap">{o.sitemap_title}</h2>
            <p>{o.sitemap_text} <a href="/sitemap.xml"><code>/sitemap.xml</code></a></p>
        </section>
    }
}
