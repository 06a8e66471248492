//! `/du-lieu-mo`: what the portal publishes for other systems: the API with its OpenAPI
//! document, the Atom feeds and the sitemap.

use leptos::prelude::*;

use super::PageTitle;
use crate::components::table_region;
use crate::i18n::use_lang;

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

#[component]
pub fn OpenDataPage() -> impl IntoView {
    let lang = use_lang();
    let o = lang.open_data();
    let operations = use_context::<ApiReference>().unwrap_or_default().0;
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
