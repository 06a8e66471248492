//! The public record of feedback: the list of answered cases (`/phan-anh`) and one case's public
//! page (`/phan-anh/{code}`). Nothing here comes from anywhere but [`CaseRecord::public`], which
//! leaves out every contact detail.
//!
//! [`CaseRecord::public`]: civicdesk_domain::cases::CaseRecord::public

use civicdesk_domain::cases::PublicCase;
use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::feedback::PublicStatus;
use civicdesk_domain::queue::{ANSWERED_PAGE_SIZE, AnsweredCase};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::PageTitle;
use crate::components::files::file_link;
use crate::components::{FeedAlternate, LoadFailed, feed_link, with_query};
use crate::i18n::{Lang, date, fill, use_lang, use_texts};

/// The list's query string as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswersQuery {
    pub q: String,
    pub agency: String,
    pub field: String,
    pub procedure: String,
    pub from: String,
    pub to: String,
    pub page: String,
}

impl AnswersQuery {
    const KEYS: [&'static str; 7] = ["q", "co-quan", "linh-vuc", "thu-tuc", "tu", "den", "trang"];

    fn from_map(map: &leptos_router::params::ParamsMap) -> Self {
        let get = |k: &str| map.get(k).unwrap_or_default();
        AnswersQuery {
            q: get("q"),
            agency: get("co-quan"),
            field: get("linh-vuc"),
            procedure: get("thu-tuc"),
            from: get("tu"),
            to: get("den"),
            page: get("trang"),
        }
    }

    fn href(&self, base: &str, page: u32) -> String {
        let page = if page > 1 { page.to_string() } else { String::new() };
        let values = [&self.q, &self.agency, &self.field, &self.procedure, &self.from, &self.to, &page];
        let params: Vec<(&str, String)> =
            Self::KEYS.iter().zip(values).filter(|(_, v)| !v.is_empty()).map(|(k, v)| (*k, v.clone())).collect();
        with_query(base, &params)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswersData {
    pub items: Vec<AnsweredCase>,
    pub total: u64,
    pub agencies: Vec<AgencyLink>,
    pub fields: Vec<(String, String)>,
}

#[server]
pub async fn get_answers(query: AnswersQuery) -> Result<AnswersData, ServerFnError> {
    use civicdesk_domain::queue::AnsweredFilter;

    use crate::server::{storage_failed, store};
    let store = store()?;
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let agencies: Vec<AgencyLink> = crate::server::agency_links(store.as_ref()).await?;
    let filter = AnsweredFilter {
        words: civicdesk_domain::text::words(&query.q),
        // By its slug, as in the agency pages' addresses.
        agency: text(&query.agency),
        field: text(&query.field),
        procedure: text(&query.procedure),
        from: day(&query.from),
        to: day(&query.to),
        page: query.page.parse::<u32>().unwrap_or(1).max(1),
    };
    let (items, total) = store.answered_cases(&filter).await.map_err(storage_failed)?;
    let fields = crate::server::field_choices(store.as_ref()).await?;
    Ok(AnswersData { items, total, agencies, fields })
}

#[component]
pub fn AnswersPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let f = lang.feedback();
    let query = use_query_map();
    let data = Resource::new(move || AnswersQuery::from_map(&query.read()), get_answers);
    view! {
        <PageTitle text=f.answers_title />
        <FeedAlternate href=answers_feed(lang, &AnswersQuery::from_map(&query.read_untracked())) title=f.feed_link />
        <h1>{f.answers_title}</h1>
        <p class="lead">{f.answers_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let query = AnswersQuery::from_map(&query.read_untracked());
                match data.await {
                    Ok(data) => view! { <AnswersList data query /> }.into_any(),
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AnswersList(data: AnswersData, query: AnswersQuery) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let f = lang.feedback();
    let base = lang.href("/phan-anh");
    let page = query.page.parse::<u32>().unwrap_or(1).max(1);
    let pages = data.total.div_ceil(u64::from(ANSWERED_PAGE_SIZE)).max(1) as u32;
    let is = |a: &str, b: &str| a == b;
    view! {
        <form method="get" action=base.clone() class="filter-form answers-filters" role="search">
            <div class="field">
                <label for="f-answers-q">{f.answers_search}</label>
                <input id="f-answers-q" name="q" type="search" value=query.q.clone() maxlength="200" />
            </div>
            <div class="field">
                <label for="f-answers-agency">{f.answers_agency}</label>
                <select id="f-answers-agency" name="co-quan">
                    <option value="">{f.answers_any}</option>
                    {data.agencies.iter().map(|a| view! {
                        <option value=a.slug.clone() selected=is(&query.agency, &a.slug)>{a.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-answers-field">{f.answers_field}</label>
                <select id="f-answers-field" name="linh-vuc">
                    <option value="">{f.answers_any}</option>
                    {data.fields.iter().map(|(code, name)| view! {
                        <option value=code.clone() selected=is(&query.field, code)>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-answers-procedure">{f.answers_procedure}</label>
                <input id="f-answers-procedure" name="thu-tuc" type="text" value=query.procedure.clone() maxlength="60" />
            </div>
            <div class="field">
                <label for="f-answers-from">{f.answers_from}</label>
                <input id="f-answers-from" name="tu" type="date" value=query.from.clone() />
            </div>
            <div class="field">
                <label for="f-answers-to">{f.answers_to}</label>
                <input id="f-answers-to" name="den" type="date" value=query.to.clone() />
            </div>
            <p><button type="submit" class="button">{f.answers_filter_submit}</button></p>
        </form>
        <p class="result-count" role="status">{fill(f.answers_count, &[("n", &data.total.to_string())])}</p>
        {feed_link(answers_feed(lang, &query), f.feed_link)}
        {(!query.field.is_empty()).then(|| view! {
            <p class="follow-link">
                <a href=lang.href(&format!("/theo-doi?linh-vuc={}", crate::components::encode(&query.field)))>{lang.follow().field_link}</a>
            </p>
        })}
        {if data.items.is_empty() {
            view! { <p class="notice">{f.answers_empty}</p> }.into_any()
        } else {
            view! {
                <ol class="answer-list">
                    {data.items.into_iter().map(|a| {
                        let local = civicdesk_domain::calendar::local_time(a.published_at);
                        view! {
                            <li class="answer-item">
                                <h2><a href=lang.href(&format!("/phan-anh/{}", a.code))>{a.title}</a></h2>
                                <p class="muted">
                                    <span class="case-code">{a.code.clone()}</span> " · " {f.category(a.category)} " · "
                                    {fill(f.answered_sentence, &[("agency", &a.agency.name), ("date", &date(local.date()))])}
                                </p>
                                {a.procedure.map(|p| view! {
                                    <p class="muted">{f.procedure_label} ": "
                                        <a href=lang.href(&format!("/thu-tuc/{}", p.code))>{p.name}</a></p>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        {(pages > 1).then(|| view! {
            <nav class="pagination" aria-label=t.pagination_label>
                {(page > 1).then(|| view! { <a rel="prev" href=query.href(&base, page - 1)>{t.previous_page}</a> })}
                <span>{(t.page_of)(page, pages)}</span>
                {(page < pages).then(|| view! { <a rel="next" href=query.href(&base, page + 1)>{t.next_page}</a> })}
            </nav>
        })}
    }
}

/// The feed of the answers of the agency and field asked for, as asked (percent-encoded; an
/// agency or field the portal does not know has no feed).
fn answers_feed(lang: Lang, query: &AnswersQuery) -> String {
    let mut params = Vec::new();
    for (name, value) in [("co-quan", &query.agency), ("linh-vuc", &query.field)] {
        if !value.trim().is_empty() {
            params.push((name, value.trim().to_owned()));
        }
    }
    with_query(&lang.href("/phan-anh.atom"), &params)
}

/// A case as the public sees it, with the names of the agencies its transfers passed through.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicCaseData {
    pub case: PublicCase,
    pub agency_names: Vec<(String, String)>,
}

#[server]
pub async fn get_public_case(code: String) -> Result<Option<PublicCaseData>, ServerFnError> {
    use civicdesk_domain::feedback::CaseCode;

    use crate::server::{storage_failed, store};
    let store = store()?;
    let Some(code) = CaseCode::parse(&code) else {
        crate::server::set_status(404);
        return Ok(None);
    };
    let Some(case) = store.case_by_code(&code).await.map_err(storage_failed)? else {
        crate::server::set_status(404);
        return Ok(None);
    };
    let case = case.public();
    let agency_names =
        civicdesk_services::directory::transfer_agency_names(store.as_ref(), &case).await.map_err(storage_failed)?;
    Ok(Some(PublicCaseData { case, agency_names }))
}

#[component]
pub fn PublicCasePage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let f = lang.feedback();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let data = Resource::new(code, get_public_case);
    let feed = civicdesk_domain::feedback::CaseCode::parse(&code()).map(
        |c| view! { <FeedAlternate href=lang.href(&format!("/phan-anh/{c}/dong-thoi-gian.atom")) title=f.feed_link /> },
    );
    view! {
        {feed}
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(data)) => view! { <PublicCaseView data /> }.into_any(),
                    Ok(None) => view! {
                        <PageTitle text=f.public_case_not_found />
                        <h1>{f.public_case_not_found}</h1>
                        <p><a href=lang.href("/phan-anh")>{f.answers_title}</a></p>
                    }.into_any(),
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PublicCaseView(data: PublicCaseData) -> impl IntoView {
    let lang = use_lang();
    let f = lang.feedback();
    let PublicCaseData { case, agency_names } = data;
    let name_of = move |code: &str| {
        agency_names.iter().find(|(c, _)| c == code).map_or_else(|| code.to_owned(), |(_, n)| n.clone())
    };
    let answered = case.status == PublicStatus::Answered;
    let open =
        matches!(case.status, PublicStatus::Received | PublicStatus::InProgress | PublicStatus::AwaitingInformation);
    let heading = case.title.clone().unwrap_or_else(|| format!("{} {}", f.case_title, case.code));
    let transfers: Vec<String> = case
        .timeline
        .iter()
        .filter_map(|e| e.transfer.as_ref())
        .map(|t| f.transfer_sentence(&name_of(&t.from), &name_of(&t.to), &t.note))
        .collect();
    view! {
        <PageTitle text=heading.clone() />
        <article class="case public-case">
            <header>
                <p class="muted">{f.case_title} " " <span class="case-code">{case.code.clone()}</span> " · " {f.category(case.category)}</p>
                <h1 class="case-title">{heading}</h1>
            </header>
            <dl class="facts">
                <dt>{f.status_label}</dt>
                <dd><span class="badge">{f.status(case.status)}</span></dd>
                <dt>{f.agency_handling}</dt>
                <dd><a href=lang.href(&format!("/co-quan/{}", case.agency.slug))>{case.agency.name.clone()}</a></dd>
                <dt>{f.received_label}</dt>
                <dd>{date(case.received_on)}</dd>
                {case.procedure.clone().map(|p| view! {
                    <dt>{f.procedure_label}</dt>
                    <dd><a href=lang.href(&format!("/thu-tuc/{}", p.code))>{p.name}</a></dd>
                })}
            </dl>
            {open.then(|| view! {
                <p class="deadline-sentence">
                    {fill(f.due_sentence, &[("agency", &case.agency.name), ("date", &date(case.answer_due))])}
                </p>
            })}
            <p class="follow-link">
                <a href=lang.href(&format!("/theo-doi?phan-anh={}", case.code))>{lang.follow().case_link}</a>
            </p>
            {(case.raised_by > 1).then(|| view! {
                <p class="raised-by" id="raised-by">{fill(f.raised_by, &[("count", &case.raised_by.to_string())])}</p>
            })}
            {case.answered_with.clone().filter(|_| answered).map(|lead| view! {
                <p class="answered-with">
                    {f.answered_with} " "
                    <a href=lang.href(&format!("/phan-anh/{lead}")) class="case-code">{lead.clone()}</a> "."
                </p>
            })}
            {(!transfers.is_empty()).then(|| view! {
                <section>
                    <h2>{f.transfers_title}</h2>
                    <ul>{transfers.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </section>
            })}
            <section>
                <h2>{f.public_question}</h2>
                {match case.content.clone() {
                    Some(content) => view! {
                        <p class="muted">{f.submitter_label} ": "
                            {case.submitter_name.clone().unwrap_or_else(|| f.submitter_hidden.to_owned())}</p>
                        <div class="case-content">{content}</div>
                    }.into_any(),
                    None => view! { <p class="muted">{f.question_withheld}</p> }.into_any(),
                }}
            </section>
            // While an answer is examined again, the one published stays here, marked as such.
            {case.answer.clone().map(|answer| view! {
                <section class="official-answer">
                    <h2>{fill(f.answer_from_agency, &[("agency", &case.agency.name)])}</h2>
                    {(!answered).then(|| view! { <p class="notice">{f.reexamine_under_way}</p> })}
                    {case.published_at.map(|at| view! {
                        <p class="muted">{f.published_label} ": " {date(civicdesk_domain::calendar::local_day(at))}</p>
                    })}
                    <div class="case-content answer">{answer}</div>
                    {(!case.attachments.is_empty()).then(|| view! {
                        <h3>{f.public_attachments_title}</h3>
                        <ul>
                            {case.attachments.iter().enumerate().map(|(i, a)| view! {
                                <li>
                                    {file_link(
                                        format!("/phan-anh/{}/tep/{}", case.code, a.id),
                                        fill(f.public_attachment_name, &[("n", &(i + 1).to_string()), ("ext", a.kind.extension())]),
                                        a.size,
                                    )}
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                </section>
            })}
            <section>
                <h2>{f.timeline_title}</h2>
                {feed_link(lang.href(&format!("/phan-anh/{}/dong-thoi-gian.atom", case.code)), f.feed_link)}
                <ol class="timeline">
                    {case.timeline.iter().map(|e| {
                        // The hour, as the public record keeps it.
                        let local = civicdesk_domain::calendar::local_time(e.at);
                        view! {
                            <li>
                                <time datetime=e.at.to_rfc3339()>{local.format("%d/%m/%Y %H:00").to_string()}</time>
                                " — " {f.event(&e.kind)}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        </article>
    }
}
