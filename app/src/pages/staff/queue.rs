//! The queue (`/can-bo`): the cases in the official's scope, by view and filter, with where each
//! stands against its deadline.

use civicdesk_domain::feedback::{CaseStatus, Category};
use civicdesk_domain::queue::{QUEUE_PAGE_SIZE, QueueView};
use civicdesk_domain::workflow::{DeadlineState, Role};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::{Me, StaffBar, pagination, state_badge};
use crate::components::{LoadFailed, with_query};
use crate::i18n::{date, use_lang, use_texts};
use crate::islands::select_all::SelectAll;
use crate::pages::PageTitle;

/// The queue's query string, as typed (each field as in the URL).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QueueQuery {
    pub view: String,
    pub status: String,
    pub category: String,
    pub procedure: String,
    pub field: String,
    pub assignee: String,
    pub due_from: String,
    pub due_to: String,
    pub q: String,
    pub page: String,
}

impl QueueQuery {
    const KEYS: [&'static str; 10] =
        ["xem", "trang-thai", "loai", "thu-tuc", "linh-vuc", "can-bo", "han-tu", "han-den", "q", "trang"];

    fn from_map(map: &leptos_router::params::ParamsMap) -> Self {
        let get = |k: &str| map.get(k).unwrap_or_default();
        QueueQuery {
            view: get("xem"),
            status: get("trang-thai"),
            category: get("loai"),
            procedure: get("thu-tuc"),
            field: get("linh-vuc"),
            assignee: get("can-bo"),
            due_from: get("han-tu"),
            due_to: get("han-den"),
            q: get("q"),
            page: get("trang"),
        }
    }

    fn values(&self) -> [&String; 10] {
        [
            &self.view,
            &self.status,
            &self.category,
            &self.procedure,
            &self.field,
            &self.assignee,
            &self.due_from,
            &self.due_to,
            &self.q,
            &self.page,
        ]
    }

    /// The query string with `changes` applied, empty values left out.
    fn href(&self, base: &str, changes: &[(&str, String)]) -> String {
        let params: Vec<(&str, String)> = Self::KEYS
            .iter()
            .zip(self.values())
            .map(|(k, v)| (*k, changes.iter().find(|(c, _)| c == k).map_or_else(|| v.clone(), |(_, v)| v.clone())))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        with_query(base, &params)
    }

    pub fn view(&self) -> QueueView {
        QueueView::from_slug(&self.view).unwrap_or(QueueView::Open)
    }
}

/// One row of the queue with where it stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueRow {
    pub item: civicdesk_domain::queue::QueueItem,
    pub state: Option<DeadlineState>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueData {
    pub me: Me,
    pub rows: Vec<QueueRow>,
    pub total: u64,
    pub counts: Vec<(QueueView, u64)>,
    /// Officials a lead may assign to: (id, name).
    pub officials: Vec<(i64, String)>,
    /// Fields (lĩnh vực) to filter by: (code, name).
    pub fields: Vec<(String, String)>,
}

#[server]
pub async fn get_queue(query: QueueQuery) -> Result<QueueData, ServerFnError> {
    use civicdesk_domain::queue::QueueFilter;
    use civicdesk_domain::workflow::{self, due_soon_until};

    use crate::server::{calendar, storage_failed, store, today};
    let me = super::me().await?;
    if me.role == Role::Admin {
        // Administrators handle no cases: their page is the administration.
        leptos_axum::redirect("/quan-tri");
        crate::server::set_status(303);
        return Err(ServerFnError::new("administrators have no queue"));
    }
    let store = store()?;
    let calendar = calendar()?;
    let today = today();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let filter = QueueFilter {
        view: query.view(),
        agency: (me.role != Role::Coordinator).then(|| me.agency.code.clone()),
        me: me.id,
        today,
        soon_until: due_soon_until(&calendar, today),
        status: CaseStatus::ALL.into_iter().find(|s| s.as_str() == query.status),
        category: Category::parse(&query.category),
        procedure: Some(query.procedure.trim().to_owned()).filter(|p| !p.is_empty()),
        field: Some(query.field.trim().to_owned()).filter(|f| !f.is_empty()),
        assignee: query.assignee.trim().parse().ok(),
        due_from: day(&query.due_from),
        due_to: day(&query.due_to),
        received_to: None,
        words: civicdesk_domain::text::words(&query.q),
        page: query.page.parse::<u32>().unwrap_or(1).max(1),
    };
    let civicdesk_domain::queue::QueuePage { items, total, counts } =
        store.queue(&filter).await.map_err(storage_failed)?;
    let rows = items
        .into_iter()
        .map(|item| {
            let state = item.next_due.map(|due| workflow::listed_state(&calendar, today, item.status, due));
            QueueRow { item, state }
        })
        .collect();
    let officials = if matches!(me.role, Role::Lead | Role::Coordinator) {
        store
            .officials_of(&me.agency.code)
            .await
            .map_err(storage_failed)?
            .into_iter()
            .filter(|o| o.handles_cases())
            .map(|o| (o.id, o.name))
            .collect()
    } else {
        Vec::new()
    };
    let fields = crate::server::field_choices(store.as_ref()).await?;
    Ok(QueueData { me, rows, total, counts, officials, fields })
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let t = use_texts();
    let s = use_lang().staff();
    let query = use_query_map();
    let data = Resource::new(move || QueueQuery::from_map(&query.read()), get_queue);
    view! {
        <PageTitle text=s.queue_title />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <QueueList data query=QueueQuery::from_map(&query.read_untracked()) /> }.into_any(),
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueList(data: QueueData, query: QueueQuery) -> impl IntoView {
    let lang = use_lang();
    let f = lang.feedback();
    let s = lang.staff();
    let base = lang.href("/can-bo");
    let current = query.view();
    let params = use_query_map();
    let assigned = params.read_untracked().get("giao");
    let QueueData { me, rows, total, counts, officials, fields } = data;
    let can_assign = !officials.is_empty();
    let page = query.page.parse::<u32>().unwrap_or(1).max(1);
    let pages = total.div_ceil(u64::from(QUEUE_PAGE_SIZE)).max(1) as u32;
    let csrf = me.csrf.clone();
    let (paged, paged_base) = (query.clone(), base.clone());
    let is = |a: &str, b: &str| a == b;
    view! {
        <StaffBar me=me.clone() />
        <h1>{s.queue_title}</h1>
        {assigned.map(|n| view! { <p class="notice notice-success" role="status">{crate::i18n::fill(s.assigned_done, &[("n", &n)])}</p> })}
        <nav class="queue-views" aria-label=s.views_label>
            <ul>
                {counts.iter().map(|(view, count)| {
                    let href = query.href(&base, &[("xem", view.slug().to_owned()), ("trang", String::new())]);
                    let here = *view == current;
                    view! {
                        <li>
                            <a href=href aria-current=here.then_some("page") class:current=here>
                                {s.view_name(*view)} " " <span class="count">{*count}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
        <form method="get" action=base.clone() class="filter-form queue-filters" role="search">
            <input type="hidden" name="xem" value=current.slug() />
            <div class="field">
                <label for="f-q">{s.search_label}</label>
                <input id="f-q" name="q" type="search" value=query.q.clone() maxlength="200" />
            </div>
            <details open=[&query.status, &query.category, &query.procedure, &query.field, &query.assignee, &query.due_from, &query.due_to].iter().any(|v| !v.is_empty())>
                <summary>{s.filters}</summary>
                <div class="field">
                    <label for="f-status">{s.status_label}</label>
                    <select id="f-status" name="trang-thai">
                        <option value="">{s.any}</option>
                        {CaseStatus::ALL.into_iter().map(|st| view! {
                            <option value=st.as_str() selected=is(&query.status, st.as_str())>{s.status(st)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-category">{f.category_label}</label>
                    <select id="f-category" name="loai">
                        <option value="">{s.any}</option>
                        {Category::ALL.into_iter().filter(|c| c.accepted()).map(|c| view! {
                            <option value=c.as_str() selected=is(&query.category, c.as_str())>{f.category(c)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-field">{s.field_label}</label>
                    <select id="f-field" name="linh-vuc">
                        <option value="">{s.any}</option>
                        {fields.iter().map(|(code, name)| view! {
                            <option value=code.clone() selected=is(&query.field, code)>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-procedure">{s.procedure_code_label}</label>
                    <input id="f-procedure" name="thu-tuc" type="text" value=query.procedure.clone() maxlength="60" />
                </div>
                {can_assign.then(|| view! {
                    <div class="field">
                        <label for="f-assignee">{s.assignee_label}</label>
                        <select id="f-assignee" name="can-bo">
                            <option value="">{s.any}</option>
                            {officials.iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=is(&query.assignee, &id.to_string())>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="f-due-from">{s.due_from}</label>
                    <input id="f-due-from" name="han-tu" type="date" value=query.due_from.clone() />
                </div>
                <div class="field">
                    <label for="f-due-to">{s.due_to}</label>
                    <input id="f-due-to" name="han-den" type="date" value=query.due_to.clone() />
                </div>
            </details>
            <p><button type="submit" class="button">{s.apply_filters}</button></p>
        </form>
        <p class="result-count" role="status">{crate::i18n::fill(s.queue_count, &[("n", &total.to_string())])}</p>
        <form method="post" action=lang.href("/can-bo/giao-viec")>
            <input type="hidden" name="csrf" value=csrf />
            <input type="hidden" name="back" value=query.href(&base, &[]) />
            <div class="table-wrap">
                <table class="queue">
                    <thead>
                        <tr>
                            {can_assign.then(|| view! {
                                <th scope="col"><SelectAll label=s.select_all.to_owned() heading=s.select.to_owned() /></th>
                            })}
                            <th scope="col">{s.col_code}</th>
                            <th scope="col">{s.col_title}</th>
                            <th scope="col">{s.status_label}</th>
                            <th scope="col">{s.col_due}</th>
                            <th scope="col">{s.assignee_label}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|row| {
                            let item = row.item;
                            let href = lang.href(&format!("/can-bo/phan-anh/{}", item.code));
                            let check_id = format!("chon-{}", item.code);
                            view! {
                                <tr>
                                    {can_assign.then(|| view! {
                                        <td>
                                            <input type="checkbox" name="code" value=item.code.clone() id=check_id.clone() />
                                            <label for=check_id class="visually-hidden">{item.code.clone()}</label>
                                        </td>
                                    })}
                                    <td><a href=href class="case-code">{item.code.clone()}</a></td>
                                    <td>
                                        {item.title.clone()}
                                        <br /><span class="muted">{f.category(item.category)}
                                            {(me.role == Role::Coordinator).then(|| format!(" · {}", item.agency.name))}</span>
                                        {item.duplicate_of.clone().map(|d| view! { <br /><span class="badge badge-warn">{s.possible_duplicate} " " {d}</span> })}
                                    </td>
                                    <td>{s.status(item.status)}</td>
                                    <td>
                                        {item.next_due.map(date)} " " {state_badge(s, row.state)}
                                    </td>
                                    <td>{item.assignee.clone().unwrap_or_else(|| s.unassigned.to_owned())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {can_assign.then(|| view! {
                <div class="bulk-assign">
                    <label for="f-bulk-assignee">{s.bulk_assign_label}</label>
                    <select id="f-bulk-assignee" name="assignee" required>
                        <option value="">{s.choose_official}</option>
                        {officials.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                    </select>
                    <button type="submit" class="button button-secondary">{s.bulk_assign_submit}</button>
                </div>
            })}
        </form>
        {pagination(s, page, pages, move |n| paged.href(&paged_base, &[("trang", n.to_string())]))}
    }
}
