//! `/du-lieu-mo`: what the portal publishes for other systems: the data sets with their data
//! dictionaries, the API with its OpenAPI document, the Atom feeds and the sitemap.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::PageTitle;
use crate::components::{LoadFailed, table_region};
use crate::i18n::{OpenDataTexts, Term, date, fill, use_lang, use_texts};

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
    pub answers_changed: Option<DateTime<Utc>>,
    pub agencies: u64,
}

#[server]
pub async fn data_sets() -> Result<DataSetFacts, ServerFnError> {
    use crate::server::{storage_failed, store};
    let store = store()?;
    let newest = store.recent_changes(1).await.map_err(storage_failed)?;
    let latest = store.latest_answers(&Default::default()).await.map_err(storage_failed)?;
    Ok(DataSetFacts {
        procedures: store.procedure_count().await.map_err(storage_failed)?,
        catalogue_changed: newest.first().map(|c| c.revision.recorded_at),
        answers_changed: latest.first().map(|a| a.published_at),
        agencies: store.agency_records().await.map_err(storage_failed)?.len() as u64,
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

/// One data set: what it holds, its files, size, last change, licence and dictionaries.
#[component]
fn DataSet(
    id: &'static str,
    title: &'static str,
    text: &'static str,
    files: Vec<(&'static str, &'static str, &'static str)>,
    size: Option<String>,
    updated: Option<DateTime<Utc>>,
    dictionaries: Vec<(&'static str, &'static [Term])>,
) -> impl IntoView {
    let o = use_lang().open_data();
    let updated = updated.map(|at| date(civicdesk_domain::calendar::local_day(at)));
    view! {
        <article class="data-set" aria-labelledby=id>
            <h3 id=id>{title}</h3>
            <p>{text}</p>
            <ul>
                {files.into_iter().map(|(href, kind, label)| view! {
                    <li><a href=href type=kind download>{label}</a></li>
                }).collect_view()}
            </ul>
            <dl class="facts">
                {size.map(|n| view! { <dt>{o.size}</dt><dd>{n}</dd> })}
                {updated.map(|u| view! { <dt>{o.updated}</dt><dd>{u}</dd> })}
                <dt>{o.licence}</dt>
                <dd>{o.licence_name}</dd>
            </dl>
            {dictionaries.into_iter().map(|(summary, terms)| view! { <Dictionary summary terms /> }).collect_view()}
        </article>
    }
}

/// Every data set.
#[component]
fn DataSets(o: &'static OpenDataTexts, facts: DataSetFacts) -> impl IntoView {
    let t = use_texts();
    let count = |template: &str, n: u64| fill(template, &[("n", &n.to_string())]);
    view! {
        <DataSet
            id="catalogue-set"
            title=o.catalogue_title
            text=o.catalogue_text
            files=vec![
                ("/du-lieu-mo/thu-tuc.json", "application/json", o.json_format),
                ("/du-lieu-mo/thu-tuc.csv", "text/csv", o.csv_format),
            ]
            size=Some((t.procedures_count)(facts.procedures))
            updated=facts.catalogue_changed
            dictionaries=vec![(o.json_dictionary, o.catalogue_json), (o.csv_dictionary, o.catalogue_csv)]
        />
        <DataSet
            id="answers-set"
            title=o.answers_title
            text=o.answers_text
            files=vec![
                ("/du-lieu-mo/phan-anh.json", "application/json", o.json_plain),
                ("/du-lieu-mo/phan-anh.csv", "text/csv", o.csv_format),
            ]
            size=None
            updated=facts.answers_changed
            dictionaries=vec![(o.dictionary, o.answers_terms)]
        />
        <DataSet
            id="agencies-set"
            title=o.agencies_title
            text=o.agencies_text
            files=vec![
                ("/du-lieu-mo/co-quan.json", "application/json", o.json_plain),
                ("/du-lieu-mo/co-quan.csv", "text/csv", o.csv_format),
            ]
            size=Some(count(o.agencies_count, facts.agencies))
            updated=None
            dictionaries=vec![(o.dictionary, o.agencies_terms)]
        />
        <DataSet
            id="statistics-set"
            title=o.statistics_title
            text=o.statistics_text
            files=vec![
                ("/du-lieu-mo/thong-ke-thang.json", "application/json", o.json_plain),
                ("/du-lieu-mo/thong-ke-thang.csv", "text/csv", o.csv_format),
            ]
            size=None
            updated=None
            dictionaries=vec![(o.dictionary, o.statistics_terms)]
        />
        <DataSet
            id="survey-set"
            title=o.survey_title
            text=o.survey_text
            files=vec![
                ("/du-lieu-mo/khao-sat.json", "application/json", o.json_plain),
                ("/du-lieu-mo/khao-sat.csv", "text/csv", o.csv_format),
            ]
            size=None
            updated=None
            dictionaries=vec![(o.dictionary, o.survey_terms)]
        />
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
                        Ok(facts) => view! { <DataSets o=o facts=facts /> }.into_any(),
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
        <section aria-labelledby="open311">
            <h2 id="open311">{o.open311_title}</h2>
            <p>{o.open311_text} <a href="/open311/v2/discovery.xml"><code>/open311/v2/discovery.xml</code></a></p>
            <p>{o.open311_filing}</p>
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
