//! `/thong-ke/co-quan`: every agency of a period ranked by a Decision 766 rate, by the lower
//! bound of its interval, with the agencies that have too few cases listed apart.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::form::{FormFor, RecordForm};
use super::{PeriodHeading, RecordAsk, ask_from_query, load_ranking, tables};
use crate::components::figure_table::figure_table;
use crate::components::{LoadFailed, table_region};
use crate::i18n::use_lang;
use crate::pages::PageTitle;

#[component]
pub fn RankingPage() -> impl IntoView {
    let lang = use_lang();
    let r = lang.record();
    let query = use_query_map();
    // Every agency is ranked, whatever the address names.
    let ask = move || RecordAsk { agency: None, ..query.with(|q| ask_from_query(|k| q.get(k))) };
    let data = Resource::new(ask, load_ranking);
    view! {
        <PageTitle text=r.ranking_title />
        <h1>{r.ranking_title}</h1>
        <p class="lead">{r.ranking_lead}</p>
        <Suspense fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                let Ok(page) = data.await else { return view! { <LoadFailed /> }.into_any() };
                let table = tables::by_name(&page, lang, tables::RANKING)
                    .map(|t| figure_table(t, false, Some(tables::download_href(&page, lang, tables::RANKING))));
                view! {
                    <RecordForm page=page.clone() form_for=FormFor::Ranking />
                    <PeriodHeading page=page.clone() />
                    <section aria-labelledby="xep-hang">
                        <h2 id="xep-hang">{(r.rank_by)(page.by)}</h2>
                        <p>{r.ranked_note}</p>
                        {table_region(r.ranking_region, table)}
                    </section>
                    <p><a href=tables::page_href(&page, lang, "/thong-ke")>{r.nav}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
}
