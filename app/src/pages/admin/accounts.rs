//! Staff accounts (`/quan-tri/tai-khoan`): every account, active or not, with its open sessions;
//! adding one (with a first password, or a one-time link to set it), changing its name, role,
//! agency or whether it is active, ending its sessions and sending a password link.

use civicdesk_domain::admin::Account;
use civicdesk_domain::workflow::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::AdminPosted;
use super::setup::admin_page;
use super::{AdminForm, AdminNav, Input, button_form, table_region};
use crate::components::LoadFailed;
use crate::i18n::{date, use_lang, use_texts};
use crate::pages::PageTitle;
use crate::pages::staff::{Me, StaffBar};
use civicdesk_domain::problems::AdminField;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountsData {
    pub me: Me,
    pub accounts: Vec<Account>,
    /// Agencies as (code, name).
    pub agencies: Vec<(String, String)>,
}

#[server]
pub async fn get_admin_accounts() -> Result<Option<AccountsData>, ServerFnError> {
    use crate::server::{storage_failed, store};
    let Some(me) = super::admin_me().await? else { return Ok(None) };
    let store = store()?;
    let agencies = crate::server::agency_links(store.as_ref()).await?.into_iter().map(|a| (a.code, a.name)).collect();
    Ok(Some(AccountsData { me, accounts: store.accounts().await.map_err(storage_failed)?, agencies }))
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    admin_page!(use_lang().admin().accounts_title, get_admin_accounts(), AccountsView)
}

#[component]
fn AccountsView(data: AccountsData, posted: Option<AdminPosted>) -> impl IntoView {
    let lang = use_lang();
    let (a, s) = (lang.admin(), lang.staff());
    let url = lang.href("/quan-tri");
    let csrf = data.me.csrf.clone();
    let query = use_query_map();
    let done = query.read_untracked().get("xong").map(|action| match action.as_str() {
        "send_link" => a.link_sent,
        "end_sessions" => a.sessions_ended,
        _ => a.saved,
    });
    let agency_name =
        |code: &str| data.agencies.iter().find(|(c, _)| c == code).map_or_else(|| code.to_owned(), |(_, n)| n.clone());
    let roles: Vec<(String, String)> =
        Role::ALL.into_iter().map(|r| (r.as_str().to_owned(), s.role(r).to_owned())).collect();
    let agencies = data.agencies.clone();
    let row_problem = AdminForm::new("send_link", &posted, &csrf);
    let sessions_problem = AdminForm::new("end_sessions", &posted, &csrf);
    let edit = AdminForm::new("update_account", &posted, &csrf);
    let editing: Option<i64> =
        Some(edit.value("id", &query.read_untracked().get("sua").unwrap_or_default())).and_then(|id| id.parse().ok());
    let stored = editing.and_then(|id| data.accounts.iter().find(|x| x.official.id == id)).cloned();
    let add = AdminForm::new("add_account", &posted, &csrf);
    view! {
        <StaffBar me=data.me.clone() />
        <h1>{a.accounts_title}</h1>
        <AdminNav current="/quan-tri/tai-khoan" />
        <p class="hint">{a.accounts_intro}</p>
        {done.map(|text| view! { <p class="notice notice-success" role="status">{text}</p> })}
        {row_problem.summary(&[])}
        {sessions_problem.summary(&[])}
        {table_region(a.accounts_title, view! { <table class="admin-table">
            <thead><tr>
                <th scope="col">{a.name}</th><th scope="col">{s.email_label}</th><th scope="col">{s.admin_role}</th>
                <th scope="col">{s.admin_agency}</th><th scope="col">{a.active}</th><th scope="col">{a.sessions}</th>
                <th scope="col"><span class="visually-hidden">{a.edit}</span></th>
            </tr></thead>
            <tbody>
                {data.accounts.iter().map(|x| {
                    let id = x.official.id.to_string();
                    view! {
                        <tr>
                            <td>{x.official.name.clone()}</td>
                            <td>{x.official.email.clone()}</td>
                            <td>{s.role(x.official.role)}</td>
                            <td>{agency_name(&x.official.agency)}</td>
                            <td>{if x.active { a.active } else { a.inactive }}</td>
                            <td class="number">{x.sessions}</td>
                            <td class="row-actions">
                                <a href=format!("{}?sua={id}#sua", lang.href("/quan-tri/tai-khoan"))>{a.edit}</a>
                                {x.active.then(|| view! {
                                    " " {button_form(&url, &csrf, "send_link", ("id", id.clone()), a.send_link, None)}
                                })}
                                {(x.sessions > 0).then(|| view! {
                                    " " {button_form(&url, &csrf, "end_sessions", ("id", id.clone()), a.end_sessions, None)}
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table> })}

        {stored.map(|x| {
            let o = &x.official;
            view! {
                <form method="post" action=url.clone() class="admin-form" id="sua">
                    <h2>{a.account_edit} ": " {o.email.clone()}</h2>
                    {edit.hidden()}
                    <input type="hidden" name="id" value=o.id.to_string() />
                    {edit.summary(&[AdminField::Name, AdminField::Role, AdminField::Agency])}
                    {edit.input(AdminField::Name, a.name, &o.name, Input::text(100).required())}
                    {edit.select(AdminField::Role, s.admin_role, o.role.as_str(), roles.clone(), None)}
                    {edit.select(AdminField::Agency, s.admin_agency, &o.agency, agencies.clone(), None)}
                    {edit.checkbox(AdminField::Active, a.active_label, x.active, a.active_hint)}
                    <p>
                        <button type="submit" class="button">{s.admin_save}</button>
                        " " <a href=lang.href("/quan-tri/tai-khoan")>{a.cancel}</a>
                    </p>
                    <p class="hint">{date(x.created_at.date_naive())}</p>
                </form>
            }
        })}

        <form method="post" action=url.clone() class="admin-form">
            <h2>{a.account_add}</h2>
            {add.hidden()}
            {add.summary(&[AdminField::Name, AdminField::Email, AdminField::Role, AdminField::Agency, AdminField::Password])}
            {add.input(AdminField::Name, a.name, "", Input::text(100).required())}
            {add.input(AdminField::Email, s.email_label, "", Input::text(254).required().kind("email").autocomplete("off"))}
            {add.select(AdminField::Role, s.admin_role, "officer", roles, None)}
            {add.select(AdminField::Agency, s.admin_agency, "", agencies, None)}
            {add.input(AdminField::Password, a.first_password, "", Input::text(200).kind("password").hint(a.first_password_hint).autocomplete("new-password"))}
            <p><button type="submit" class="button">{s.admin_add}</button></p>
        </form>
    }
}
