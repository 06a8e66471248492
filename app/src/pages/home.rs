use civicdesk_domain::catalogue::{FieldSummary, ProcedureSummary, param};
use civicdesk_domain::queue::AnsweredCase;
use civicdesk_domain::stats::Figures;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::PageTitle;
use crate::components::figure_table::rate_text;
use crate::components::procedure_list::ProcedureList;
use crate::components::search_box::SearchBox;
use crate::components::{LoadFailed, with_query};
use crate::i18n::{date, fill, use_lang, use_texts};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HomeContent {
    pub fields: Vec<FieldSummary>,
    pub popular: Vec<ProcedureSummary>,
    /// The answers published last.
    pub latest: Vec<AnsweredCase>,
    /// The record of the last 30 days, today included.
    pub month: Figures,
    pub min_sample: u64,
}

#[server]
pub async fn home_data() -> Result<HomeContent, ServerFnError> {
    use civicdesk_domain::stats::Span;
    use civicdesk_domain::store::RecordQuery;

    use crate::server::{services, storage_failed};
    /// How many of the most used procedures the home page lists.
    const POPULAR: u32 = 8;
    /// How many of the latest answers it lists.
    const LATEST: usize = 5;
    let services = services()?;
    let store = &services.store;
    let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
    let span = Span::new(today - chrono::Duration::days(29), today).expect("a month before today");
    let query = RecordQuery::all(span, today);
    let mut latest =
        store.latest_answers(&civicdesk_domain::queue::AnsweredFilter::default()).await.map_err(storage_failed)?;
    latest.truncate(LATEST);
    Ok(HomeContent {
        fields: store.fields().await.map_err(storage_failed)?,
        popular: store.popular_procedures(POPULAR).await.map_err(storage_failed)?,
        latest,
        month: services.record.read(&query).await.map_err(storage_failed)?.total,
        min_sample: services.record.min_sample,
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
                        <MonthRecord month=data.month min_sample=data.min_sample />
                        <LatestAnswers latest=data.latest />
                    }.into_any(),
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Three figures of the last 30 days, each with what it counts.
#[component]
fn MonthRecord(month: Figures, min_sample: u64) -> impl IntoView {
    let lang = use_lang();
    let r = lang.record();
    let c = &month.counts;
    view! {
        <section aria-labelledby="month-heading">
            <h2 id="month-heading">{r.home_title}</h2>
            <ul class="headline-figures">
                <li><strong class="figure">{c.received}</strong> " " {r.home_received}</li>
                <li><strong class="figure">{c.answered()}</strong> " " {r.home_answered}</li>
                <li><span class="figure-label">{r.home_on_time}</span> " " <strong>{rate_text(month.on_time, min_sample)}</strong></li>
            </ul>
            <p><a href=lang.href("/thong-ke")>{r.home_more}</a></p>
        </section>
    }
}

/// The answers published last, linked to their public pages.
#[component]
fn LatestAnswers(latest: Vec<AnsweredCase>) -> impl IntoView {
    let lang = use_lang();
    let (r, f) = (lang.record(), lang.feedback());
    (!latest.is_empty()).then(|| {
        view! {
            <section aria-labelledby="latest-heading">
                <h2 id="latest-heading">{r.home_latest}</h2>
                <ul class="plain latest-answers">
                    {latest.into_iter().map(|a| {
                        let day = civicdesk_domain::calendar::local_day(a.published_at);
                        view! {
                            <li>
                                <a href=lang.href(&format!("/phan-anh/{}", a.code))>{a.title}</a>
                                <span class="muted block">{fill(f.answered_sentence, &[("agency", &a.agency.name), ("date", &date(day))])}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p><a href=lang.href("/phan-anh")>{r.home_all_answers}</a></p>
            </section>
        }
    })
}
