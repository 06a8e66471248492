//! The officials' workspace: signing in (`/can-bo/dang-nhap`), the queue (`/can-bo`) and the
//! case page (`/can-bo/phan-anh/{code}`).
//!
//! Every read goes through the signed-in official's scope on the server: a case outside it is
//! "not found", as if it did not exist. The forms post to the server's handlers, which answer
//! with a redirect back here (`?xong=` after an action, `?loi=` when it was refused).

use civicdesk_domain::cases::{CaseRecord, EventKind};
use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::feedback::{CaseStatus, Category};
use civicdesk_domain::handling::{QUEUE_PAGE_SIZE, QueueView};
use civicdesk_domain::workflow::{DeadlineState, Role};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::PageTitle;
use crate::components::text_area::TextArea;
use crate::components::{LoadFailed, with_query};
use crate::i18n::{StaffTexts, date, fill, use_lang, use_texts};
use crate::islands::select_all::SelectAll;
use crate::islands::use_template::UseTemplate;

/// What a sign-in post sent back when it did not succeed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoginPosted {
    pub email: String,
    /// `sai` (wrong e-mail or password) or `tam-khoa` (too many attempts).
    pub problem: String,
}

/// What a password change sent back when it was refused (never the passwords).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PasswordPosted {
    /// `sai` (the current password is wrong), `ngan` (the new one too short), `khac` (the two new
    /// ones differ).
    pub problem: String,
}

/// What a case action sent back when it was refused: the form shown again as it was filled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionPosted {
    pub action: String,
    pub fields: Vec<(String, String)>,
    pub problem: String,
}

impl ActionPosted {
    /// What was typed in `field` of the form of `action`, if that is the form that came back.
    pub fn typed(posted: &Option<ActionPosted>, action: &str, field: &str) -> String {
        posted
            .as_ref()
            .filter(|p| p.action == action)
            .and_then(|p| p.fields.iter().find(|(n, _)| n == field))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// The signed-in official as pages show them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub agency: AgencyLink,
    pub csrf: String,
}

#[cfg(feature = "ssr")]
pub(crate) async fn me() -> Result<Me, ServerFnError> {
    use crate::server::{official, storage_failed, store};
    let session = official().await?;
    let o = session.official;
    let agency = store()?.agency_ref(&o.agency).await.map_err(storage_failed)?.unwrap_or(AgencyLink {
        code: o.agency.clone(),
        slug: o.agency.clone(),
        name: o.agency.clone(),
    });
    Ok(Me { id: o.id, name: o.name, email: o.email, role: o.role, agency, csrf: session.csrf })
}

/// Who is signed in, if anyone (the sign-in page offers to go on to the queue), and the token
/// the sign-in form must carry (see [`crate::server::login_form_token`]).
#[server]
pub async fn get_login_state() -> Result<(Option<String>, String), ServerFnError> {
    let token = crate::server::login_form_token();
    Ok((crate::server::signed_in().await?.map(|s| s.official.name), token))
}

/// The signed-in official, for a page that only needs its forms' token.
#[server]
pub async fn get_me() -> Result<Me, ServerFnError> {
    me().await
}

/// `/can-bo/mat-khau`: an official changes their own password, giving the current one. Their
/// other sessions end; this one goes on.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let lang = use_lang();
    let s = lang.staff();
    let me = Resource::new(|| (), |_| get_me());
    let posted = Resource::new(|| (), |_| async move { use_context::<PasswordPosted>() });
    let query = use_query_map();
    view! {
        <PageTitle text=s.password_title />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let posted = posted.await;
                let Ok(me) = me.await else { return view! { <LoadFailed /> }.into_any() };
                let problem = posted.map(|p| p.problem);
                let message = problem.map(|p| match p.as_str() {
                    "sai" => s.password_wrong,
                    "ngan" => s.password_short,
                    _ => s.password_differ,
                });
                let done = query.read_untracked().get("xong").is_some();
                view! {
                    <StaffBar me=me.clone() />
                    <div class="narrow">
                        <h1>{s.password_title}</h1>
                        <p class="lead">{s.password_intro}</p>
                        {done.then(|| view! { <p class="notice notice-success" role="status">{s.password_done}</p> })}
                        {message.map(|m| view! { <p class="notice notice-error" role="alert" id="password-error">{m}</p> })}
                        <form method="post" action=lang.href("/can-bo/mat-khau")>
                            <input type="hidden" name="csrf" value=me.csrf.clone() />
                            <div class="field">
                                <label for="f-password-current">{s.password_current}</label>
                                <input id="f-password-current" name="current" type="password" required
                                    autocomplete="current-password" maxlength="200" />
                            </div>
                            <div class="field">
                                <label for="f-password-new">{s.password_new}</label>
                                <p class="hint" id="f-password-new-hint">{s.password_new_hint}</p>
                                <input id="f-password-new" name="new" type="password" required minlength="10"
                                    autocomplete="new-password" maxlength="200" aria-describedby="f-password-new-hint" />
                            </div>
                            <div class="field">
                                <label for="f-password-again">{s.password_again}</label>
                                <input id="f-password-again" name="again" type="password" required minlength="10"
                                    autocomplete="new-password" maxlength="200" />
                            </div>
                            <p><button type="submit" class="button">{s.password_submit}</button></p>
                        </form>
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let s = lang.staff();
    let posted = Resource::new(|| (), |_| async move { use_context::<LoginPosted>() });
    let state = Resource::new(|| (), |_| get_login_state());
    let demo = Resource::new(|| (), |_| crate::components::layout::get_demo());
    let query = use_query_map();
    view! {
        <PageTitle text=s.login_title />
        <div class="narrow">
            <h1>{s.login_title}</h1>
            <p class="lead">{s.login_intro}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let (name, token) = state.await.unwrap_or_default();
                    let problem = posted.as_ref().map(|p| p.problem.clone()).or_else(|| query.read_untracked().get("loi"));
                    let message = problem.map(|p| match p.as_str() {
                        "tam-khoa" => s.login_throttled,
                        "het-han" => s.login_expired,
                        _ => s.login_wrong,
                    });
                    let email = posted.map(|p| p.email).unwrap_or_default();
                    view! {
                        {name.map(|name| view! {
                            <p class="notice notice-info">
                                {s.signed_in_as} " " <strong>{name}</strong> ". "
                                <a href=lang.href("/can-bo")>{s.go_to_queue}</a>
                            </p>
                        })}
                        {message.map(|m| view! { <p class="notice notice-error" role="alert" id="login-error">{m}</p> })}
                        {(query.read_untracked().get("xong").as_deref() == Some("mat-khau")).then(|| view! {
                            <p class="notice notice-success" role="status">{lang.admin().link_done}</p>
                        })}
                        <form class="login-form" method="post" action=lang.href("/can-bo/dang-nhap")>
                            <input type="hidden" name="login_token" value=token />
                            <div class="field">
                                <label for="f-login-email">{s.email_label}</label>
                                <input id="f-login-email" name="email" type="email" required autocomplete="username"
                                    maxlength="254" value=email />
                            </div>
                            <div class="field">
                                <label for="f-login-password">{s.password_label}</label>
                                <input id="f-login-password" name="password" type="password" required
                                    autocomplete="current-password" maxlength="200" />
                            </div>
                            <p><button type="submit" class="button">{s.login_submit}</button></p>
                        </form>
                        {demo.await.ok().flatten().map(|demo| view! {
                            <div class="demo-accounts notice notice-warn">
                                <p>{fill(s.demo_accounts, &[("password", &demo.password)])}</p>
                                <ul>
                                    {demo.accounts.into_iter().map(|(email, role, agency)| view! {
                                        <li><code>{email}</code> " — " {s.role(role)} " (" {agency} ")"</li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        })}
                    }
                })}
            </Suspense>
        </div>
    }
}

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
    pub item: civicdesk_domain::handling::QueueItem,
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
    use civicdesk_domain::handling::QueueFilter;
    use civicdesk_domain::workflow::{self, due_soon_until};

    use crate::server::{calendar, storage_failed, store, today};
    let me = me().await?;
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
        words: civicdesk_domain::text::words(&query.q),
        page: query.page.parse::<u32>().unwrap_or(1).max(1),
    };
    let civicdesk_domain::handling::QueuePage { items, total, counts } =
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

/// The bar above every staff page: who is signed in, the queue, signing out.
#[component]
pub(crate) fn StaffBar(me: Me) -> impl IntoView {
    let lang = use_lang();
    let s = lang.staff();
    view! {
        <div class="staff-bar">
            <p>
                <strong>{me.name.clone()}</strong> " · " {s.role(me.role)} " · " {me.agency.name.clone()}
            </p>
            <nav aria-label=s.staff_nav>
                {(me.role != Role::Admin).then(|| view! {
                    <a href=lang.href("/can-bo")>{s.queue_title}</a>
                    <a href=lang.href("/can-bo/ghi-nhan")>{s.record_nav}</a>
                })}
                {matches!(me.role, Role::Lead | Role::Coordinator).then(|| view! {
                    <a href="/can-bo/xuat.csv" download="">{s.export_csv}</a>
                })}
                {(me.role == Role::Admin).then(|| view! { <a href=lang.href("/quan-tri")>{s.admin_title}</a> })}
                <a href=lang.href("/tinh-han")>{s.calculator}</a>
                <a href=lang.href("/can-bo/mat-khau")>{s.password_title}</a>
                <form method="post" action=lang.href("/can-bo/dang-xuat") class="inline-form">
                    <input type="hidden" name="csrf" value=me.csrf.clone() />
                    <button type="submit" class="link-button">{s.logout}</button>
                </form>
                <form method="post" action=lang.href("/can-bo/dang-xuat") class="inline-form">
                    <input type="hidden" name="csrf" value=me.csrf.clone() />
                    <input type="hidden" name="everywhere" value="1" />
                    <button type="submit" class="link-button">{lang.admin().sign_out_everywhere}</button>
                </form>
            </nav>
        </div>
    }
}

fn state_badge(s: &'static StaffTexts, state: Option<DeadlineState>) -> impl IntoView + use<> {
    state.map(|state| {
        view! { <span class=format!("badge deadline-{}", state.as_str())>{s.deadline_state(state)}</span> }
    })
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
        {(pages > 1).then(|| view! {
            <nav class="pagination" aria-label=s.pages_label>
                {(page > 1).then(|| view! { <a rel="prev" href=query.href(&base, &[("trang", (page - 1).to_string())])>{s.previous}</a> })}
                <span>{crate::i18n::fill(s.page_of, &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
                {(page < pages).then(|| view! { <a rel="next" href=query.href(&base, &[("trang", (page + 1).to_string())])>{s.next}</a> })}
            </nav>
        })}
    }
}

/// Everything the case page needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffCase {
    pub me: Me,
    pub case: CaseRecord,
    pub offered: Vec<String>,
    pub state: Option<DeadlineState>,
    pub governing_due: Option<chrono::NaiveDate>,
    /// Officials of the case's agency who handle cases: (id, name).
    pub officials: Vec<(i64, String)>,
    /// Agencies a case can be transferred to.
    pub agencies: Vec<AgencyLink>,
    /// The agency's response templates: (title, body).
    pub templates: Vec<(String, String)>,
    /// Names of officials who acted on the case, by id.
    pub actors: Vec<(String, String)>,
    /// What looks personal in what the case will publish (see [`CaseRecord::personal_findings`]).
    pub findings: Vec<civicdesk_domain::privacy::Finding>,
}

#[server]
pub async fn get_staff_case(code: String) -> Result<Option<StaffCase>, ServerFnError> {
    use civicdesk_domain::feedback::CaseCode;
    use civicdesk_domain::workflow::offered;

    use crate::server::{calendar, storage_failed, store, today};
    let me = me().await?;
    let store = store()?;
    let official = civicdesk_domain::workflow::Official {
        id: me.id,
        name: me.name.clone(),
        email: me.email.clone(),
        role: me.role,
        agency: me.agency.code.clone(),
    };
    let Some(code) = CaseCode::parse(&code) else { return Ok(None) };
    let Some(case) =
        store.case_by_code(&code).await.map_err(storage_failed)?.filter(|c| official.sees(&c.handling.agency))
    else {
        crate::server::set_status(404);
        return Ok(None);
    };
    if let Some(entry) = civicdesk_domain::admin::personal_view(&official, &case.handling.agency, code.as_str()) {
        store.record_audit(&entry).await.map_err(storage_failed)?;
    }
    let calendar = calendar()?;
    let h = &case.handling;
    let state = h.deadline_state(&calendar, today());
    let offered = offered(me.role, h.status).into_iter().map(str::to_owned).collect();
    let officials = store.officials_of(&h.agency).await.map_err(storage_failed)?;
    let mut actors: Vec<(String, String)> = officials.iter().map(|o| (o.id.to_string(), o.name.clone())).collect();
    for event in &case.events {
        if actors.iter().all(|(id, _)| *id != event.actor)
            && let Ok(id) = event.actor.parse::<i64>()
            && let Some(o) = store.official(id).await.map_err(storage_failed)?
        {
            actors.push((event.actor.clone(), o.name));
        }
    }
    let officials = officials.into_iter().filter(|o| o.handles_cases()).map(|o| (o.id, o.name)).collect();
    let mut agencies = crate::server::agency_links(store.as_ref()).await?;
    agencies.retain(|a| a.code != h.agency);
    let templates = store
        .templates(&h.agency)
        .await
        .map_err(storage_failed)?
        .into_iter()
        .map(|(_, title, body)| (title, body))
        .collect();
    let governing_due = h.governing_due();
    let findings = case.personal_findings();
    Ok(Some(StaffCase { me, case, offered, state, governing_due, officials, agencies, templates, actors, findings }))
}

#[component]
pub fn StaffCasePage() -> impl IntoView {
    let t = use_texts();
    let s = use_lang().staff();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let data = Resource::new(code, get_staff_case);
    let posted = Resource::new(|| (), |_| async move { use_context::<ActionPosted>() });
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let posted = posted.await;
                match data.await {
                    Ok(Some(data)) => view! { <StaffCaseView data posted /> }.into_any(),
                    Ok(None) => view! {
                        <PageTitle text=s.case_not_found />
                        <h1>{s.case_not_found}</h1>
                        <p><a href=use_lang().href("/can-bo")>{s.queue_title}</a></p>
                    }.into_any(),
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What an event says beyond its name, for staff.
fn event_detail(event: &EventKind, s: &'static StaffTexts, data: &StaffCase) -> Option<String> {
    let f = use_lang().feedback();
    let agency_name = |code: &str| {
        data.agencies.iter().find(|a| a.code == code).map(|a| a.name.clone()).unwrap_or_else(|| {
            if code == data.case.agency.code { data.case.agency.name.clone() } else { code.to_owned() }
        })
    };
    match event {
        EventKind::Submitted { agency, .. } => Some(format!("{} {}", s.routed_to, agency_name(agency))),
        EventKind::InformationAdded { text } | EventKind::Withdrawn { reason: text } => Some(text.clone()),
        EventKind::Refused { refusal, note } => Some(format!("{}. {note}", f.refusal(refusal))),
        EventKind::Transferred { from, to, reason, public_note } => {
            let public =
                if public_note.is_empty() { String::new() } else { format!(" · {}: {public_note}", s.public_label) };
            Some(format!("{} → {}: {reason}{public}", agency_name(from), agency_name(to)))
        }
        EventKind::NotPersonalConfirmed { text } => Some(text.clone()),
        EventKind::Assigned { to } => Some(
            data.actors
                .iter()
                .find(|(id, _)| *id == to.to_string())
                .map_or_else(|| format!("#{to}"), |(_, n)| n.clone()),
        ),
        EventKind::InformationRequested { message: text }
        | EventKind::ProgressUpdated { text }
        | EventKind::AnswerDrafted { text }
        | EventKind::AnswerReturned { reason: text }
        | EventKind::Noted { text }
        | EventKind::Published { answer: text } => Some(text.clone()),
        EventKind::Rated { satisfied, reason } => {
            Some(format!("{} {reason}", if *satisfied { f.rating_satisfied } else { f.rating_unsatisfied }))
        }
        EventKind::AttachmentPublished { file_name, published, .. } => {
            Some(format!("{file_name}: {}", if *published { s.attachment_publish } else { s.attachment_unpublish }))
        }
        EventKind::Accepted
        | EventKind::Resumed
        | EventKind::AnswerApproved
        | EventKind::Closed
        | EventKind::Redacted { .. } => None,
    }
}

#[component]
fn StaffCaseView(data: StaffCase, posted: Option<ActionPosted>) -> impl IntoView {
    let lang = use_lang();
    let f = lang.feedback();
    let s = lang.staff();
    let query = use_query_map();
    let done = query.read_untracked().get("xong");
    let problem = posted.as_ref().map(|p| p.problem.clone()).or_else(|| query.read_untracked().get("loi"));
    let case = data.case.clone();
    let code = case.code.to_string();
    let h = case.handling.clone();
    let sub = case.submitter.clone();
    let actor_name = {
        let actors = data.actors.clone();
        move |actor: &str| match actor {
            "submitter" => s.actor_submitter.to_owned(),
            "system" => s.actor_system.to_owned(),
            id => actors.iter().find(|(a, _)| a == id).map_or_else(|| format!("#{id}"), |(_, n)| n.clone()),
        }
    };
    let events: Vec<_> = case
        .events
        .iter()
        .map(|e| {
            let local = e.at + chrono::Duration::hours(7);
            (
                e.at.to_rfc3339(),
                local.format("%d/%m/%Y %H:%M").to_string(),
                f.event(e.event.as_str()),
                actor_name(&e.actor),
                event_detail(&e.event, s, &data),
                e.public,
            )
        })
        .collect();
    view! {
        <PageTitle text=format!("{code} · {}", case.title) />
        <StaffBar me=data.me.clone() />
        <p><a href=lang.href("/can-bo")>"← " {s.queue_title}</a></p>
        {done.map(|d| view! { <p class="notice notice-success" role="status">{s.done(&d)}</p> })}
        {problem.map(|p| view! { <p class="notice notice-error" role="alert" id="action-error">{s.problem(&p)}</p> })}
        <article class="case staff-case">
            <header>
                <p class="muted">{f.case_title} " " <span class="case-code">{code.clone()}</span> " · " {s.channel(case.channel)}</p>
                <h1 class="case-title">{case.title.clone()}</h1>
            </header>
            <dl class="facts">
                <dt>{s.status_label}</dt>
                <dd><span class="badge">{s.status(h.status)}</span></dd>
                <dt>{f.agency_handling}</dt>
                <dd>{case.agency.name.clone()}</dd>
                <dt>{s.assignee_label}</dt>
                <dd>{case.assignee.clone().unwrap_or_else(|| s.unassigned.to_owned())}</dd>
                <dt>{f.received_label}</dt>
                <dd>{date(h.received_on)}</dd>
                <dt>{f.classify_due_label}</dt>
                <dd>{date(h.classify_due)}</dd>
                <dt>{f.answer_due_label}</dt>
                <dd>{date(h.answer_due)} " (" {s.term(h.answer_term)} ")"</dd>
                {h.publish_due.map(|d| view! { <dt>{s.publish_due}</dt><dd>{date(d)}</dd> })}
                {h.progress_due.map(|d| view! { <dt>{s.progress_due}</dt><dd>{date(d)}</dd> })}
                {h.paused_on.map(|d| view! { <dt>{s.paused_since}</dt><dd>{date(d)}</dd> })}
                {data.governing_due.map(|d| view! {
                    <dt>{s.next_deadline}</dt>
                    <dd>{date(d)} " " {state_badge(s, data.state)}</dd>
                })}
            </dl>
            {case.duplicate_of.clone().map(|d| view! {
                <p class="notice notice-warn">
                    {s.possible_duplicate} " "
                    <a href=lang.href(&format!("/can-bo/phan-anh/{d}")) class="case-code">{d.clone()}</a>
                </p>
            })}
            <section>
                <h2>{s.submitter_title}</h2>
                <dl class="facts">
                    <dt>{s.submitter_kind}</dt><dd>{f.kind(sub.kind)}</dd>
                    {sub.organisation.clone().map(|o| view! { <dt>{f.organisation_label}</dt><dd>{o}</dd> })}
                    <dt>{f.name_label}</dt><dd>{sub.name.clone()}</dd>
                    <dt>{f.address_label}</dt><dd>{sub.address.clone()}</dd>
                    <dt>{f.phone_label}</dt><dd><a href=format!("tel:{}", sub.phone)>{sub.phone.clone()}</a></dd>
                    <dt>{f.email_label}</dt>
                    <dd>{sub.email.clone().unwrap_or_else(|| s.no_email.to_owned())}</dd>
                    <dt>{s.show_name}</dt><dd>{if sub.show_name { s.yes } else { s.no }}</dd>
                </dl>
            </section>
            <section>
                <h2>{s.question_title}</h2>
                <dl class="facts">
                    <dt>{f.category_label}</dt><dd>{f.category(case.category)}</dd>
                    {case.procedure.clone().map(|p| view! {
                        <dt>{f.procedure_label}</dt>
                        <dd><a href=lang.href(&format!("/thu-tuc/{}", p.code))>{p.name} " (" {p.code.clone()} ")"</a></dd>
                    })}
                    {case.concerned_agency.clone().map(|a| view! { <dt>{f.agency_label}</dt><dd>{a.name}</dd> })}
                    {case.area.clone().map(|a| view! { <dt>{f.area_label}</dt><dd>{a.name}</dd> })}
                </dl>
                <div class="case-content">{case.content.clone()}</div>
                {(h.public_title.is_some() || h.public_content.is_some()).then(|| view! {
                    <h3>{s.as_published}</h3>
                    <p><strong>{h.public_title.clone().unwrap_or_else(|| case.title.clone())}</strong></p>
                    <div class="case-content">{h.public_content.clone().unwrap_or_else(|| case.content.clone())}</div>
                })}
            </section>
            {h.answer.clone().map(|answer| view! {
                <section>
                    <h2>{s.answer_title}</h2>
                    <div class="case-content answer">{answer}</div>
                </section>
            })}
            {case.rating.clone().map(|r| view! {
                <section>
                    <h2>{f.rating_title}</h2>
                    <p>{if r.satisfied { f.rating_satisfied } else { f.rating_unsatisfied }}</p>
                    {(!r.reason.is_empty()).then(|| view! { <p class="event-text">{r.reason.clone()}</p> })}
                </section>
            })}
            {(!case.attachments.is_empty()).then(|| view! {
                <section>
                    <h2>{f.attachments_title}</h2>
                    <ul>
                        {case.attachments.iter().map(|a| view! {
                            <li>
                                <a href=format!("/can-bo/phan-anh/{code}/tep/{}", a.id)>{a.file_name.clone()}</a>
                                " (" {format!("{:.1}", a.size as f64 / 1024.0)} " KB)"
                                {a.published.then(|| view! { " " <span class="badge">{s.attachment_published}</span> })}
                                <form method="post" action=lang.href(&format!("/can-bo/phan-anh/{code}/tep/{}", a.id)) class="inline-form">
                                    <input type="hidden" name="csrf" value=data.me.csrf.clone() />
                                    <input type="hidden" name="published" value=if a.published { "0" } else { "1" } />
                                    " " <button type="submit" class="link-button">
                                        {if a.published { s.attachment_unpublish } else { s.attachment_publish }}
                                    </button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!data.findings.is_empty()).then(|| view! {
                <Findings findings=data.findings.clone() code=code.clone() csrf=data.me.csrf.clone() />
            })}
            <section class="actions">
                <h2>{s.actions_title}</h2>
                {if data.offered.is_empty() {
                    view! { <p class="muted">{s.no_actions}</p> }.into_any()
                } else {
                    view! { <ActionForms data=data.clone() posted /> }.into_any()
                }}
            </section>
            <section>
                <h2>{f.timeline_title}</h2>
                <ol class="timeline">
                    {events.into_iter().map(|(at, local, name, actor, detail, public)| view! {
                        <li>
                            <time datetime=at>{local}</time> " — " {name} " · " <span class="muted">{actor}</span>
                            {(!public).then(|| view! { " " <span class="badge badge-muted">{s.internal}</span> })}
                            {detail.map(|d| view! { <p class="event-text">{d}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        </article>
    }
}

/// What looks personal in what the case will publish, each with where it is; a number or an
/// address can be confirmed as not personal (an agency's hotline, say), on the record.
#[component]
fn Findings(findings: Vec<civicdesk_domain::privacy::Finding>, code: String, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let s = lang.staff();
    let action_url = lang.href(&format!("/can-bo/phan-anh/{code}"));
    let name = |pairs: &'static [(&'static str, &'static str)], key: &str| {
        pairs.iter().find(|(k, _)| *k == key).map_or("", |(_, v)| *v)
    };
    view! {
        <section class="findings" id="personal-data" aria-labelledby="personal-data-title">
            <h2 id="personal-data-title">{s.findings_title}</h2>
            <p>{s.findings_intro}</p>
            <ul>
                {findings.iter().map(|finding| view! {
                    <li>
                        {fill(s.finding_line, &[
                            ("found", &finding.found),
                            ("place", name(s.finding_places, finding.place.as_str())),
                            ("shape", name(s.finding_shapes, finding.shape.as_str())),
                        ])}
                        {finding.shape.confirmable().then(|| view! {
                            <form method="post" action=action_url.clone() class="inline-form">
                                <input type="hidden" name="csrf" value=csrf.clone() />
                                <input type="hidden" name="action" value="confirm_not_personal" />
                                <input type="hidden" name="text" value=finding.found.clone() />
                                " " <button type="submit" class="link-button">{s.confirm_not_personal}</button>
                            </form>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// One form per action the official may take now.
#[component]
fn ActionForms(data: StaffCase, posted: Option<ActionPosted>) -> impl IntoView {
    let lang = use_lang();
    let f = lang.feedback();
    let s = lang.staff();
    let code = data.case.code.to_string();
    let action_url = lang.href(&format!("/can-bo/phan-anh/{code}"));
    let csrf = data.me.csrf.clone();
    // A refused post comes back with what was typed.
    let typed = move |action: &str, field: &str| ActionPosted::typed(&posted, action, field);
    let h = data.case.handling.clone();
    let form = {
        let action_url = action_url.clone();
        let csrf = csrf.clone();
        move |action: &'static str, body: AnyView, button: &'static str, secondary: bool| {
            view! {
                <form method="post" action=action_url.clone() class=format!("action-form action-{action}")>
                    <input type="hidden" name="csrf" value=csrf.clone() />
                    <input type="hidden" name="action" value=action />
                    {body}
                    <p><button type="submit" class=if secondary { "button button-secondary" } else { "button" }>{button}</button></p>
                </form>
            }
        }
    };
    let text_field = move |action: &'static str, name: &'static str, label: &'static str, rows: u32, value: String| {
        let id = format!("f-{action}-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <TextArea value={value} {..} id=id name=name rows=rows.to_string() maxlength="20000" required=true />
            </div>
        }
    };
    data.offered
        .iter()
        .map(|action| {
            let action: &'static str = match action.as_str() {
                "accept" => "accept",
                "claim" => "claim",
                "assign" => "assign",
                "draft_answer" => "draft_answer",
                "approve" => "approve",
                "return" => "return",
                "publish" => "publish",
                "close" => "close",
                "request_information" => "request_information",
                "progress_update" => "progress_update",
                "transfer" => "transfer",
                "refuse" => "refuse",
                "redact" => "redact",
                _ => "note",
            };
            let body: AnyView = match action {
                "accept" | "claim" | "approve" | "publish" | "close" => ().into_any(),
                "assign" => view! {
                    <div class="field">
                        <label for="f-assign-assignee">{s.assign_to}</label>
                        <select id="f-assign-assignee" name="assignee" required>
                            <option value="">{s.choose_official}</option>
                            {data.officials.iter().map(|(id, name)| view! {
                                <option value=id.to_string() selected=h.assignee == Some(*id)>{name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
                .into_any(),
                "draft_answer" => {
                    let current = Some(typed(action, "text")).filter(|t| !t.is_empty()).or_else(|| h.answer.clone());
                    // Once the island runs, a template goes into the answer with one click;
                    // without JavaScript it is there to copy.
                    view! {
                        {(!data.templates.is_empty()).then(|| view! {
                            <details class="templates">
                                <summary>{s.templates}</summary>
                                {data.templates.iter().map(|(title, body)| {
                                    view! {
                                        <h4>{title.clone()}</h4>
                                        <p class="event-text">{body.clone()}</p>
                                        <UseTemplate label=s.use_template.to_owned() body=body.clone()
                                            target="f-draft_answer-text".to_owned() />
                                    }
                                }).collect_view()}
                            </details>
                        })}
                        <div class="field">
                            <label for="f-draft_answer-text">{s.answer_text}</label>
                            <TextArea value={current.unwrap_or_default()} {..} id="f-draft_answer-text" name="text" rows="10"
                                maxlength="20000" required=true />
                        </div>
                    }
                    .into_any()
                }
                "return" => text_field(action, "reason", s.return_reason, 3, typed(action, "reason")).into_any(),
                "request_information" => {
                    text_field(action, "message", s.information_message, 4, typed(action, "message")).into_any()
                }
                "progress_update" => text_field(action, "text", s.progress_text, 4, typed(action, "text")).into_any(),
                "transfer" => view! {
                    <div class="field">
                        <label for="f-transfer-agency">{s.transfer_to}</label>
                        <select id="f-transfer-agency" name="agency" required>
                            <option value="">{s.choose_agency}</option>
                            {data.agencies.iter().map(|a| view! {
                                <option value=a.code.clone() selected=typed(action, "agency") == a.code>{a.name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    {text_field(action, "reason", s.transfer_reason, 3, typed(action, "reason"))}
                    <div class="field">
                        <label for="f-transfer-public_note">{s.transfer_public_note}</label>
                        <p class="hint" id="f-transfer-public_note-hint">{s.transfer_public_note_hint}</p>
                        <TextArea value={typed(action, "public_note")} {..} id="f-transfer-public_note" name="public_note"
                            rows="2" maxlength="500" aria-describedby="f-transfer-public_note-hint" />
                    </div>
                }
                .into_any(),
                "refuse" => {
                    let chosen = typed(action, "refusal");
                    view! {
                        <fieldset>
                            <legend>{s.refusal_reason}</legend>
                            {["requirements", "complaint", "denunciation", "duplicate"].into_iter().map(|r| {
                                let label = match r {
                                    "requirements" => f.refusal_requirements,
                                    "complaint" => f.refusal_complaint,
                                    "denunciation" => f.refusal_denunciation,
                                    _ => f.refusal_duplicate,
                                };
                                view! {
                                    <label class="choice">
                                        <input type="radio" name="refusal" value=r required checked=chosen == r />
                                        " " {label}
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                        <div class="field">
                            <label for="f-refuse-duplicate">{s.duplicate_of}</label>
                            <input id="f-refuse-duplicate" name="duplicate_of" type="text" maxlength="40"
                                value=Some(typed(action, "duplicate_of")).filter(|t| !t.is_empty()).or_else(|| data.case.duplicate_of.clone()).unwrap_or_default() />
                        </div>
                        {text_field(action, "note", s.refusal_note, 3, typed(action, "note"))}
                    }
                    .into_any()
                }
                "redact" => {
                    let title = Some(typed(action, "title"))
                        .filter(|t| !t.is_empty())
                        .or_else(|| h.public_title.clone())
                        .unwrap_or_else(|| data.case.title.clone());
                    let content = Some(typed(action, "content"))
                        .filter(|t| !t.is_empty())
                        .or_else(|| h.public_content.clone())
                        .unwrap_or_else(|| data.case.content.clone());
                    // Each transfer's public sentence, as it stands, can be rewritten too.
                    let transfers: Vec<(String, String, String)> = data
                        .case
                        .events
                        .iter()
                        .filter_map(|e| match &e.event {
                            EventKind::Transferred { public_note, .. } => {
                                let name = format!("transfer_note_{}", e.id);
                                let note = Some(typed(action, &name))
                                    .filter(|t| !t.is_empty())
                                    .unwrap_or_else(|| data.case.transfer_note(e.id, public_note));
                                Some((name, note, date((e.at + chrono::Duration::hours(7)).date_naive())))
                            }
                            _ => None,
                        })
                        .collect();
                    // What was found, where the official removes it.
                    let found: Vec<String> = data
                        .findings
                        .iter()
                        .filter(|f| f.place != civicdesk_domain::privacy::Place::Answer)
                        .map(|f| format!("“{}”", f.found))
                        .collect();
                    view! {
                        <p class="hint">{s.redact_hint}</p>
                        {(!found.is_empty()).then(|| view! {
                            <p class="notice notice-warn">
                                <a href="#personal-data">{s.findings_title}</a> ": " {found.join(", ")}
                            </p>
                        })}
                        <div class="field">
                            <label for="f-redact-title">{f.title_label}</label>
                            <input id="f-redact-title" name="title" type="text" maxlength="200" required value=title />
                        </div>
                        {text_field(action, "content", f.content_label, 6, content)}
                        {transfers.into_iter().map(|(name, note, day)| {
                            let id = format!("f-redact-{name}");
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{s.transfer_public_note} " (" {day} ")"</label>
                                    <TextArea value={note} {..} id=id name=name rows="2" maxlength="500" />
                                </div>
                            }
                        }).collect_view()}
                    }
                    .into_any()
                }
                _ => text_field(action, "text", s.note_text, 3, typed(action, "text")).into_any(),
            };
            let secondary = matches!(action, "refuse" | "return" | "note" | "redact" | "close" | "transfer");
            view! {
                <details class="action" open=!matches!(action, "refuse" | "transfer" | "redact" | "note" | "request_information" | "progress_update")>
                    <summary>{s.action_name(action)}</summary>
                    {form(action, body, s.action_name(action), secondary)}
                </details>
            }
        })
        .collect_view()
}

/// Who is recording, and what the form offers.
#[server]
pub async fn get_record_form() -> Result<(Me, crate::components::feedback_form::FormChoices), ServerFnError> {
    let me = me().await?;
    Ok((me, super::feedback::get_form_choices(String::new()).await?))
}

/// `/can-bo/ghi-nhan`: an official records feedback received by phone or on paper.
#[component]
pub fn RecordPage() -> impl IntoView {
    use civicdesk_domain::feedback::{FeedbackForm, SubmitterKind};

    use super::feedback::{Posted, use_posted};
    use crate::components::feedback_form::{FeedbackFormView, OnBehalf};
    let t = use_texts();
    let lang = use_lang();
    let s = lang.staff();
    let data = Resource::new(|| (), |_| get_record_form());
    let posted = use_posted();
    view! {
        <PageTitle text=s.record_title />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let posted = posted.await;
                match data.await {
                    Ok((me, choices)) => {
                        let (form, errors, channel) = match posted {
                            Some(Posted::OnBehalf { form, errors, channel }) => (*form, errors, channel),
                            _ => (
                                FeedbackForm { submitter_kind: SubmitterKind::Individual.as_str().to_owned(), ..FeedbackForm::default() },
                                Vec::new(),
                                "phone".to_owned(),
                            ),
                        };
                        let on_behalf = OnBehalf {
                            csrf: me.csrf.clone(),
                            channel,
                            title: s.record_title.to_owned(),
                            intro: s.record_intro.to_owned(),
                            channel_label: s.record_channel.to_owned(),
                            phone: s.channels[3].to_owned(),
                            paper: s.channels[4].to_owned(),
                        };
                        view! {
                            <StaffBar me />
                            <FeedbackFormView lang choices form errors automated=false on_behalf />
                        }.into_any()
                    }
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
