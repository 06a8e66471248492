use civicdesk_domain::agency::AgencyLevel;
use civicdesk_domain::catalogue::{AgencySummary, FieldSummary, ProcedureFilter, SearchResults, param};
use civicdesk_domain::procedure::{OnlineLevel, ProcedureStatus, Subject};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::PageTitle;
use crate::components::procedure_list::ProcedureList;
use crate::components::{FeedAlternate, LoadFailed, feed_link, with_query};
use crate::i18n::{Lang, Texts, use_lang, use_texts};

#[server]
pub async fn search_procedures(filter: ProcedureFilter) -> Result<SearchResults, ServerFnError> {
    use crate::server::{storage_failed, store};
    store()?.search_procedures(&filter).await.map_err(storage_failed)
}

/// The choices offered by the filter form.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FilterOptions {
    pub fields: Vec<FieldSummary>,
    pub agencies: Vec<AgencySummary>,
}

#[server]
pub async fn filter_choices() -> Result<FilterOptions, ServerFnError> {
    use crate::server::{storage_failed, store};
    let store = store()?;
    Ok(FilterOptions {
        fields: store.fields().await.map_err(storage_failed)?,
        agencies: store.agencies().await.map_err(storage_failed)?,
    })
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        ProcedureFilter::from_params(|k| q.get(k))
    });
    let results = Resource::new(move || filter.get(), search_procedures);
    let choices = Resource::new(|| (), |_| filter_choices());
    view! {
        <PageTitle text=move || {
            let q = filter.read().q.clone();
            if q.is_empty() { t.directory_title.to_owned() } else { (t.results_for)(&q) }
        } />
        <FeedAlternate href=lang.href("/thu-tuc.atom") title=t.feed_changes_title />
        <h1>{t.directory_title}</h1>
        {feed_link(lang.href("/thu-tuc.atom"), t.feed_changes_link)}
        <p><a href=lang.href("/thu-tuc/thay-doi")>{t.changes_link}</a></p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let filter = filter.get();
                match (choices.await, results.await) {
                    (Ok(choices), Ok(results)) => view! {
                        <div class="directory">
                            <FilterForm filter=filter.clone() choices lang t />
                            <section class="results" aria-labelledby="results-heading">
                                <ResultList filter results />
                            </section>
                        </div>
                    }.into_any(),
                    _ => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Search words and filters in one GET form: the URL always holds the whole search.
#[component]
fn FilterForm(filter: ProcedureFilter, choices: FilterOptions, lang: Lang, t: &'static Texts) -> impl IntoView {
    let fields =
        choices.fields.into_iter().filter(|f| f.procedures > 0).map(|f| (f.field.code, f.field.name)).collect();
    let agencies =
        choices.agencies.into_iter().filter(|a| a.procedures > 0).map(|a| (a.agency.slug, a.agency.name)).collect();
    let slugs = |pairs: &[(&'static str, &'static str)]| {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>()
    };
    let levels =
        slugs(&[AgencyLevel::Central, AgencyLevel::Province, AgencyLevel::Commune].map(|l| (l.slug(), t.level(l))));
    let subjects = slugs(&Subject::ALL.map(|s| (s.slug(), t.subject(s))));
    let online = slugs(&OnlineLevel::ALL.map(|o| (o.slug(), t.online(o))));
    let statuses = slugs(&ProcedureStatus::ALL.map(|s| (s.slug(), t.status(s))));
    let has_filters = filter.has_filters();
    view! {
        <form class="filters" method="get" action=lang.href("/thu-tuc") role="search" aria-labelledby="filters-heading">
            <h2 id="filters-heading" class="filters-heading">{t.filters_heading}</h2>
            <div class="field">
                <label for="f-q">{t.search_label}</label>
                <input id="f-q" name=param::QUERY type="search" value=filter.q.clone() placeholder=t.search_placeholder maxlength="200" />
            </div>
            <Select id="f-field" name=param::FIELD label=t.filter_field any=t.filter_any options=fields selected=filter.field.clone() />
            <Select id="f-agency" name=param::AGENCY label=t.filter_agency any=t.filter_any options=agencies selected=filter.agency.clone() />
            <Select id="f-level" name=param::LEVEL label=t.filter_level any=t.filter_any options=levels selected=filter.level.map(|l| l.slug().to_owned()) />
            <Select id="f-subject" name=param::SUBJECT label=t.filter_subject any=t.filter_any options=subjects selected=filter.subject.map(|s| s.slug().to_owned()) />
            <Select id="f-online" name=param::ONLINE label=t.filter_online any=t.filter_any options=online selected=filter.online.map(|o| o.slug().to_owned()) />
            <Select id="f-status" name=param::STATUS label=t.filter_status any=t.filter_any options=statuses selected=filter.status.map(|s| s.slug().to_owned()) />
            <div class="filter-actions">
                <button type="submit">{t.apply_filters}</button>
                {has_filters.then(|| {
                    let clear = with_query(&lang.href("/thu-tuc"), &filter.to_params(1).into_iter().filter(|(k, _)| *k == param::QUERY).collect::<Vec<_>>());
                    view! { <a class="button-secondary" href=clear>{t.clear_filters}</a> }
                })}
            </div>
        </form>
    }
}

#[component]
fn Select(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    any: &'static str,
    options: Vec<(String, String)>,
    selected: Option<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="">{any}</option>
                {options.into_iter().map(|(value, text)| {
                    let is_selected = selected.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn ResultList(filter: ProcedureFilter, results: SearchResults) -> impl IntoView {
    let t = use_texts();
    let count =
        if results.total_capped { (t.results_count_over)(results.total) } else { (t.results_count)(results.total) };
    let heading = if filter.q.is_empty() { count } else { format!("{} · {}", (t.results_for)(&filter.q), count) };
    let empty = results.items.is_empty();
    view! {
        <h2 id="results-heading" class="results-heading" aria-live="polite">{heading}</h2>
        {empty.then(|| view! {
            <div class="notice">
                <p>{t.no_results}</p>
                <p class="muted">{t.no_results_hint}</p>
            </div>
        })}
        <ProcedureList items=results.items.clone() query=filter.q.clone() />
        <Pagination base="/thu-tuc" filter results />
    }
}

/// Links to the previous and next pages of a result list, keeping the search and filters.
#[component]
pub fn Pagination(#[prop(into)] base: String, filter: ProcedureFilter, results: SearchResults) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let pages = results.pages();
    let page = results.page;
    let link = move |p: u32| with_query(&lang.href(&base), &filter.to_params(p));
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=t.pagination_label>
                {(page > 1).then(|| view! { <a rel="prev" href=link(page - 1)>"← " {t.previous_page}</a> })}
                <span aria-current="page">{(t.page_of)(page, pages)}</span>
                {(page < pages).then(|| view! { <a rel="next" href=link(page + 1)>{t.next_page} " →"</a> })}
            </nav>
        }
    })
}
