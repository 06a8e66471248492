//! Administration (`/quan-tri`), for administrators only: the announced days off and make-up
//! working days, answer terms per agency and category, staff accounts, answer templates and the
//! routing rules of feedback. Every form posts to `POST /quan-tri` with the action it names; a
//! refused form comes back filled in, with the reason beside it.

use civicdesk_domain::calendar::{DayKind, DayOverride};
use civicdesk_domain::cases::Area;
use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::feedback::{Category, RoutingRule};
use civicdesk_domain::workflow::{Official, Role, TermRule};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::PageTitle;
use super::staff::{ActionPosted, Me, StaffBar};
use crate::components::LoadFailed;
use crate::components::text_area::TextArea;
use crate::i18n::{date, use_lang, use_texts};

/// A response template as stored: (id, title, body).
pub type Template = (i64, String, String);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminData {
    pub me: Me,
    pub days: Vec<DayOverride>,
    pub terms: Vec<TermRule>,
    pub agencies: Vec<AgencyLink>,
    /// Accounts by agency (agencies without any left out).
    pub accounts: Vec<(AgencyLink, Vec<Official>)>,
    pub templates: Vec<(AgencyLink, Vec<Template>)>,
    pub rules: Vec<RoutingRule>,
    pub areas: Vec<Area>,
}

#[server]
pub async fn get_admin() -> Result<Option<AdminData>, ServerFnError> {
    use crate::server::{storage_failed, store};
    let me = super::staff::me().await?;
    if me.role != Role::Admin {
        crate::server::set_status(404);
        return Ok(None);
    }
    let store = store()?;
    let agencies: Vec<AgencyLink> = crate::server::agency_links(store.as_ref()).await?;
    let mut accounts = Vec::new();
    let mut templates = Vec::new();
    for agency in &agencies {
        let officials = store.officials_of(&agency.code).await.map_err(storage_failed)?;
        if !officials.is_empty() {
            accounts.push((agency.clone(), officials));
        }
        let kept = store.templates(&agency.code).await.map_err(storage_failed)?;
        if !kept.is_empty() {
            templates.push((agency.clone(), kept));
        }
    }
    Ok(Some(AdminData {
        me,
        days: store.calendar_days().await.map_err(storage_failed)?,
        terms: store.term_rules().await.map_err(storage_failed)?,
        agencies,
        accounts,
        templates,
        rules: store.routing_rules().await.map_err(storage_failed)?,
        areas: store.areas().await.map_err(storage_failed)?,
    }))
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let t = use_texts();
    let s = use_lang().staff();
    let data = Resource::new(|| (), |_| get_admin());
    let posted = Resource::new(|| (), |_| async move { use_context::<ActionPosted>() });
    view! {
        <PageTitle text=s.admin_title />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let posted = posted.await;
                match data.await {
                    Ok(Some(data)) => view! { <AdminView data posted /> }.into_any(),
                    Ok(None) => view! { <h1>{t.not_found_title}</h1><p>{t.not_found_text}</p> }.into_any(),
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AdminView(data: AdminData, posted: Option<ActionPosted>) -> impl IntoView {
    let lang = use_lang();
    let f = lang.feedback();
    let s = lang.staff();
    let query = use_query_map();
    let done = query.read_untracked().get("xong");
    let action_url = lang.href("/quan-tri");
    let csrf = data.me.csrf.clone();
    // What a refused form sent, to fill it again, and its problem.
    let typed = {
        let posted = posted.clone();
        move |action: &str, field: &str| ActionPosted::typed(&posted, action, field)
    };
    let problem = move |action: &str| {
        posted.as_ref().filter(|p| p.action == action).map(|p| {
            view! { <p class="field-error" role="alert" id=format!("loi-{action}")>{s.problem(&p.problem)}</p> }
        })
    };
    let agency_name = {
        let agencies = data.agencies.clone();
        move |code: &str| agencies.iter().find(|a| a.code == code).map_or_else(|| code.to_owned(), |a| a.name.clone())
    };
    let hidden = move |action: &'static str| {
        view! {
            <input type="hidden" name="csrf" value=csrf.clone() />
            <input type="hidden" name="action" value=action />
        }
    };
    let agency_options = move |selected: String, any: Option<&'static str>| {
        view! {
            {any.map(|label| view! { <option value="">{label}</option> })}
            {data.agencies.iter().map(|a| view! {
                <option value=a.code.clone() selected=selected == a.code>{a.name.clone()}</option>
            }).collect_view()}
        }
    };
    let category_options = move |selected: String| {
        view! {
            <option value="">{s.any}</option>
            {Category::ALL.into_iter().filter(|c| c.accepted()).map(|c| view! {
                <option value=c.as_str() selected=selected == c.as_str()>{f.category(c)}</option>
            }).collect_view()}
        }
    };
    let area_name = {
        let areas = data.areas.clone();
        move |code: &str| areas.iter().find(|a| a.code == code).map_or_else(|| code.to_owned(), |a| a.name.clone())
    };
    view! {
        <StaffBar me=data.me.clone() />
        <h1>{s.admin_title}</h1>
        {done.map(|_| view! { <p class="notice notice-success" role="status">{s.done_other}</p> })}

        <section id="ngay-nghi">
            <h2>{s.admin_days}</h2>
            <p class="hint">{s.admin_days_hint}</p>
            <table class="holidays">
                <tbody>
                    {data.days.iter().map(|d| view! {
                        <tr>
                            <td>{date(d.date)}</td>
                            <td>{d.note.clone()}</td>
                            <td class="muted">{s.day_kind(d.kind)}</td>
                            <td>
                                <form method="post" action=action_url.clone() class="inline-form">
                                    {hidden("delete_day")}
                                    <input type="hidden" name="date" value=d.date.to_string() />
                                    <button type="submit" class="link-button">{s.admin_delete}</button>
                                </form>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <form method="post" action=action_url.clone() class="admin-form">
                {hidden("add_day")}
                {problem("add_day")}
                <div class="field">
                    <label for="f-day-date">{s.admin_date}</label>
                    <input id="f-day-date" name="date" type="date" required value=typed("add_day", "date") />
                </div>
                <div class="field">
                    <label for="f-day-kind">{s.admin_kind}</label>
                    <select id="f-day-kind" name="kind">
                        <option value="day_off" selected=typed("add_day", "kind") != "working_day">{s.day_kind(DayKind::AnnouncedDayOff)}</option>
                        <option value="working_day" selected=typed("add_day", "kind") == "working_day">{s.day_kind(DayKind::MakeUpWorkingDay)}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="f-day-note">{s.admin_note}</label>
                    <input id="f-day-note" name="note" type="text" maxlength="200" required value=typed("add_day", "note") />
                </div>
                <p><button type="submit" class="button">{s.admin_add}</button></p>
            </form>
        </section>

        <section id="thoi-han">
            <h2>{s.admin_terms}</h2>
            <p class="hint">{s.admin_terms_hint}</p>
            <ul>
                {data.terms.iter().map(|r| view! {
                    <li>
                        {r.agency.as_deref().map_or_else(|| s.any.to_owned(), &agency_name)} " · "
                        {r.category.map_or(s.any, |c| f.category(c))} ": " <strong>{s.term(r.term)}</strong>
                    </li>
                }).collect_view()}
            </ul>
            <form method="post" action=action_url.clone() class="admin-form">
                {hidden("add_term")}
                {problem("add_term")}
                <div class="field">
                    <label for="f-term-agency">{s.admin_agency}</label>
                    <select id="f-term-agency" name="agency">{agency_options(typed("add_term", "agency"), Some(s.any))}</select>
                </div>
                <div class="field">
                    <label for="f-term-category">{f.category_label}</label>
                    <select id="f-term-category" name="category">{category_options(typed("add_term", "category"))}</select>
                </div>
                <div class="field-pair">
                    <div class="field">
                        <label for="f-term-amount">{s.calc_term}</label>
                        <input id="f-term-amount" name="amount" type="number" min="1" max="365" required
                            value=typed("add_term", "amount") />
                    </div>
                    <div class="field">
                        <label for="f-term-unit">{s.calc_unit}</label>
                        <select id="f-term-unit" name="unit">
                            <option value="days" selected=typed("add_term", "unit") != "working_days">{s.days}</option>
                            <option value="working_days" selected=typed("add_term", "unit") == "working_days">{s.working_days}</option>
                        </select>
                    </div>
                </div>
                <p><button type="submit" class="button">{s.admin_save}</button></p>
            </form>
        </section>

        <section id="tai-khoan">
            <h2>{s.admin_accounts}</h2>
            {data.accounts.iter().map(|(agency, officials)| view! {
                <h3>{agency.name.clone()}</h3>
                <ul>
                    {officials.iter().map(|o| view! {
                        <li>{o.name.clone()} " · " {o.email.clone()} " · " {s.role(o.role)}</li>
                    }).collect_view()}
                </ul>
            }).collect_view()}
            <form method="post" action=action_url.clone() class="admin-form">
                {hidden("add_account")}
                {problem("add_account")}
                <div class="field">
                    <label for="f-account-name">{f.name_label}</label>
                    <input id="f-account-name" name="name" type="text" maxlength="100" required value=typed("add_account", "name") />
                </div>
                <div class="field">
                    <label for="f-account-email">{s.email_label}</label>
                    <input id="f-account-email" name="email" type="email" maxlength="254" required autocomplete="off"
                        value=typed("add_account", "email") />
                </div>
                <div class="field">
                    <label for="f-account-role">{s.admin_role}</label>
                    <select id="f-account-role" name="role">
                        {Role::ALL.into_iter().map(|r| view! {
                            <option value=r.as_str() selected=typed("add_account", "role") == r.as_str()>{s.role(r)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-account-agency">{s.admin_agency}</label>
                    <select id="f-account-agency" name="agency">{agency_options(typed("add_account", "agency"), None)}</select>
                </div>
                <div class="field">
                    <label for="f-account-password">{s.admin_password}</label>
                    <p class="hint" id="f-account-password-hint">{s.admin_password_hint}</p>
                    <input id="f-account-password" name="password" type="password" minlength="10" required
                        autocomplete="new-password" aria-describedby="f-account-password-hint" />
                </div>
                <p><button type="submit" class="button">{s.admin_add}</button></p>
            </form>
        </section>

        <section id="mau-tra-loi">
            <h2>{s.templates}</h2>
            {data.templates.iter().map(|(agency, kept)| view! {
                <h3>{agency.name.clone()}</h3>
                <ul>{kept.iter().map(|(_, title, _)| view! { <li>{title.clone()}</li> }).collect_view()}</ul>
            }).collect_view()}
            <form method="post" action=action_url.clone() class="admin-form">
                {hidden("add_template")}
                {problem("add_template")}
                <div class="field">
                    <label for="f-template-agency">{s.admin_agency}</label>
                    <select id="f-template-agency" name="agency">{agency_options(typed("add_template", "agency"), None)}</select>
                </div>
                <div class="field">
                    <label for="f-template-title">{f.title_label}</label>
                    <input id="f-template-title" name="title" type="text" maxlength="200" required value=typed("add_template", "title") />
                </div>
                <div class="field">
                    <label for="f-template-body">{s.answer_text}</label>
                    <TextArea value={typed("add_template", "body")} {..} id="f-template-body" name="body" rows="5" maxlength="10000"
                        required=true />
                </div>
                <p><button type="submit" class="button">{s.admin_add}</button></p>
            </form>
        </section>

        <section id="dinh-tuyen">
            <h2>{s.admin_routing}</h2>
            <p class="hint">{s.admin_routing_hint}</p>
            <ul>
                {data.rules.iter().map(|r| view! {
                    <li>
                        {r.category.map_or(s.any, |c| f.category(c))} " · "
                        {r.area.as_deref().map_or_else(|| s.any.to_owned(), &area_name)} " → "
                        <strong>{agency_name(&r.agency)}</strong>
                    </li>
                }).collect_view()}
            </ul>
            <form method="post" action=action_url.clone() class="admin-form">
                {hidden("add_rule")}
                {problem("add_rule")}
                <div class="field">
                    <label for="f-rule-category">{f.category_label}</label>
                    <select id="f-rule-category" name="category">{category_options(typed("add_rule", "category"))}</select>
                </div>
                <div class="field">
                    <label for="f-rule-area">{f.area_label}</label>
                    <select id="f-rule-area" name="area">
                        <option value="">{s.any}</option>
                        {data.areas.iter().map(|a| view! {
                            <option value=a.code.clone() selected=typed("add_rule", "area") == a.code>{a.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-rule-agency">{s.admin_agency}</label>
                    <select id="f-rule-agency" name="agency">{agency_options(typed("add_rule", "agency"), None)}</select>
                </div>
                <div class="field">
                    <label for="f-rule-note">{s.admin_note}</label>
                    <input id="f-rule-note" name="note" type="text" maxlength="200" value=typed("add_rule", "note") />
                </div>
                <p><button type="submit" class="button">{s.admin_add}</button></p>
            </form>
        </section>
    }
}
