//! The audit trail (`/quan-tri/nhat-ky`): newest first, filtered by kind, who, what about and a
//! range of days (Vietnam time), a page at a time.

use chrono::NaiveDate;
use civicdesk_domain::admin::{AuditAction, AuditEntry, AuditFilter};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::{AdminNav, table_region};
use crate::components::{LoadFailed, with_query};
use crate::i18n::{use_lang, use_texts};
use crate::pages::PageTitle;
use crate::pages::staff::{Me, StaffBar};

/// Entries on one page.
pub const AUDIT_PAGE: u32 = 100;

/// The filter as the page's query gives it (`loai`, `ai`, `ve`, `tu`, `den`, `truoc`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub action: String,
    pub actor: String,
    pub subject: String,
    pub from: String,
    pub until: String,
    pub before: String,
}

impl AuditQuery {
    fn from_map(map: &leptos_router::params::ParamsMap) -> Self {
        let get = |k: &str| map.get(k).unwrap_or_default();
        AuditQuery {
            action: get("loai"),
            actor: get("ai"),
            subject: get("ve"),
            from: get("tu"),
            until: get("den"),
            before: get("truoc"),
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        [
            ("loai", &self.action),
            ("ai", &self.actor),
            ("ve", &self.subject),
            ("tu", &self.from),
            ("den", &self.until),
            ("truoc", &self.before),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect()
    }

    /// The store's filter: days are Vietnam days, the end day included.
    pub fn filter(&self) -> AuditFilter {
        let day_start = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .ok()
                .map(|d| civicdesk_domain::calendar::from_local(d.and_time(chrono::NaiveTime::MIN)))
        };
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        AuditFilter {
            action: AuditAction::parse(&self.action),
            actor: text(&self.actor),
            subject: text(&self.subject),
            from: day_start(&self.from),
            until: day_start(&self.until).map(|t| t + chrono::Duration::days(1)),
            before_id: self.before.parse().ok(),
            limit: AUDIT_PAGE,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditData {
    pub me: Me,
    pub entries: Vec<AuditEntry>,
}

#[server]
pub async fn get_audit(query: AuditQuery) -> Result<Option<AuditData>, ServerFnError> {
    use crate::server::{storage_failed, store};
    let Some(me) = super::admin_me().await? else { return Ok(None) };
    let entries = store()?.audit_entries(&query.filter()).await.map_err(storage_failed)?;
    Ok(Some(AuditData { me, entries }))
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_texts();
    let a = use_lang().admin();
    let query = use_query_map();
    let data = Resource::new(move || AuditQuery::from_map(&query.read()), get_audit);
    view! {
        <PageTitle text=a.audit_title />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(data)) => view! { <AuditView data query=AuditQuery::from_map(&query.read_untracked()) /> }.into_any(),
                    Ok(None) => view! { <h1>{t.not_found_title}</h1><p>{t.not_found_text}</p> }.into_any(),
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A moment in Vietnam time, to the second.
fn local_time(at: chrono::DateTime<chrono::Utc>) -> String {
    civicdesk_domain::calendar::local_time(at).format("%d/%m/%Y %H:%M:%S").to_string()
}

#[component]
fn AuditView(data: AuditData, query: AuditQuery) -> impl IntoView {
    let lang = use_lang();
    let (a, s) = (lang.admin(), lang.staff());
    let page = lang.href("/quan-tri/nhat-ky");
    let older = (data.entries.len() == AUDIT_PAGE as usize).then(|| {
        let mut next = query.clone();
        next.before = data.entries.last().map(|e| e.id.to_string()).unwrap_or_default();
        with_query(&page, &next.params())
    });
    view! {
        <StaffBar me=data.me.clone() />
        <h1>{a.audit_title}</h1>
        <AdminNav current="/quan-tri/nhat-ky" />
        <p class="hint">{a.audit_intro}</p>
        <form method="get" action=page.clone() class="filters admin-form" role="search">
            <div class="field">
                <label for="a-loai">{a.audit_action}</label>
                <select id="a-loai" name="loai">
                    <option value="">{s.any}</option>
                    {AuditAction::ALL.into_iter().map(|action| view! {
                        <option value=action.as_str() selected=query.action == action.as_str()>{a.audit_action(action)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="a-ai">{a.audit_actor}</label>
                <input id="a-ai" name="ai" type="search" maxlength="200" value=query.actor.clone() />
            </div>
            <div class="field">
                <label for="a-ve">{a.audit_subject}</label>
                <input id="a-ve" name="ve" type="search" maxlength="200" value=query.subject.clone() />
            </div>
            <div class="field-pair">
                <div class="field">
                    <label for="a-tu">{a.audit_from}</label>
                    <input id="a-tu" name="tu" type="date" value=query.from.clone() />
                </div>
                <div class="field">
                    <label for="a-den">{a.audit_until}</label>
                    <input id="a-den" name="den" type="date" value=query.until.clone() />
                </div>
            </div>
            <p><button type="submit" class="button">{a.audit_filter}</button></p>
        </form>
        {data.entries.is_empty().then(|| view! { <p>{a.audit_none}</p> })}
        {(!data.entries.is_empty()).then(|| view! {
            {table_region(a.audit_title, view! { <table class="admin-table audit">
                <thead><tr>
                    <th scope="col">{a.audit_time}</th><th scope="col">{a.audit_actor}</th>
                    <th scope="col">{a.audit_action}</th><th scope="col">{a.audit_subject}</th>
                    <th scope="col">{a.audit_what}</th><th scope="col">{a.audit_address}</th>
                </tr></thead>
                <tbody>
                    {data.entries.iter().map(|e| view! {
                        <tr>
                            <td>{local_time(e.at)}</td>
                            <td>{e.actor.clone()}</td>
                            <td>
                                {a.audit_action(e.action)}
                                {(!e.change.is_empty()).then(|| view! { <br /><span class="muted">{a.change(&e.change)}</span> })}
                            </td>
                            <td>{e.subject.clone()}</td>
                            <td>
                                <ul class="audit-changes">
                                    {e.differences().into_iter().map(|(key, before, after)| view! {
                                        <li>
                                            {(!key.is_empty()).then(|| view! { <code>{key}</code> ": " })}
                                            {(!before.is_empty()).then(|| view! { <del>{before}</del> })}
                                            " → "
                                            {(!after.is_empty()).then(|| view! { <ins>{after}</ins> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </td>
                            <td>{e.address.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table> })}
        })}
        {older.map(|href| view! { <p><a href=href>{a.audit_older}</a></p> })}
    }
}
