//! Other systems' Open311 keys (`/quan-tri/khoa-api`): every key issued, in force or revoked,
//! with when it was last used; issuing one (shown once, on the page that answers the form, and
//! never again) and revoking one.

use civicdesk_domain::admin::ApiClient;
use civicdesk_domain::problems::AdminField;
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiKeysData {
    pub me: Me,
    pub clients: Vec<ApiClient>,
}

/// A key just issued, which the page answering the form shows once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedKey {
    pub name: String,
    pub key: String,
}

#[server]
pub async fn get_admin_api_keys() -> Result<Option<ApiKeysData>, ServerFnError> {
    use crate::server::{storage_failed, store};
    let Some(me) = super::admin_me().await? else { return Ok(None) };
    Ok(Some(ApiKeysData { me, clients: store()?.api_clients().await.map_err(storage_failed)? }))
}

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    admin_page!(use_lang().admin().api_keys_title, get_admin_api_keys(), ApiKeysView)
}

#[component]
fn ApiKeysView(data: ApiKeysData, posted: Option<AdminPosted>) -> impl IntoView {
    let lang = use_lang();
    let a = lang.admin();
    let url = lang.href("/quan-tri");
    let csrf = data.me.csrf.clone();
    let issued = use_context::<IssuedKey>();
    let revoked = use_query_map().read_untracked().get("xong").as_deref() == Some("revoke_api_key");
    let revoke = AdminForm::new("revoke_api_key", &posted, &csrf);
    let issue = AdminForm::new("issue_api_key", &posted, &csrf);
    let rows = data
        .clients
        .iter()
        .map(|c| {
            let state = match c.revoked_at {
                Some(at) => civicdesk_texts::fill(a.api_key_revoked_on, &[("date", &date(at.date_naive()))]),
                None => a.api_key_in_use.to_owned(),
            };
            let used = c.last_used_at.map_or_else(|| a.api_key_never.to_owned(), |at| date(at.date_naive()));
            let name_id = format!("api-client-{}", c.id);
            view! {
                <tr>
                    <td id=name_id.clone()>{c.name.clone()}</td>
                    <td><code>{format!("{}…", c.hint)}</code></td>
                    <td>{date(c.created_at.date_naive())}</td>
                    <td>{used}</td>
                    <td>{state}</td>
                    <td class="row-actions">
                        {c.revoked_at.is_none().then(|| {
                            button_form(&url, &csrf, "revoke_api_key", ("id", c.id.to_string()), a.api_key_revoke, Some(name_id))
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <StaffBar me=data.me.clone() />
        <h1>{a.api_keys_title}</h1>
        <AdminNav current="/quan-tri/khoa-api" />
        <p class="hint">{a.api_keys_intro}</p>
        {issued.map(|k| view! {
            <div class="notice notice-success" role="status">
                <p>{civicdesk_texts::fill(a.api_key_issued, &[("name", &k.name)])}</p>
                <p><code class="issued-key">{k.key}</code></p>
                <p>{a.api_key_copy_hint}</p>
            </div>
        })}
        {revoked.then(|| view! { <p class="notice notice-success" role="status">{a.api_key_revoked}</p> })}
        {revoke.summary(&[])}
        {if data.clients.is_empty() {
            view! { <p>{a.api_keys_none}</p> }.into_any()
        } else {
            table_region(a.api_keys_title, view! { <table class="admin-table">
                <thead><tr>
                    <th scope="col">{a.api_key_client}</th><th scope="col">{a.api_key_starts}</th>
                    <th scope="col">{a.api_key_created}</th><th scope="col">{a.api_key_last_used}</th>
                    <th scope="col">{a.api_key_state}</th>
                    <th scope="col"><span class="visually-hidden">{a.api_key_revoke}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table> }).into_any()
        }}

        <form method="post" action=url.clone() class="admin-form">
            <h2>{a.api_key_issue}</h2>
            {issue.hidden()}
            {issue.summary(&[AdminField::Name])}
            {issue.input(AdminField::Name, a.api_key_client, "", Input::text(100).required().hint(a.api_key_client_hint))}
            <p><button type="submit" class="button">{a.api_key_issue}</button></p>
        </form>
    }
}
