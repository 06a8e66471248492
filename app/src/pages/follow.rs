//! Following by e-mail: the form to follow a procedure (`/theo-doi?thu-tuc={code}`), and the page
//! a message's link opens (`/theo-doi/{token}`), where the address confirms, sees what it follows
//! and stops any of it. Both work as plain forms; nothing here needs JavaScript.

use civicdesk_domain::catalogue::ProcedureLink;
use civicdesk_domain::feedback::Field;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::PageTitle;
use super::feedback::{Posted, use_posted};
use crate::components::LoadFailed;
use crate::components::form::{ErrorSummary, FieldRow, described_by, field_id};
use crate::i18n::use_lang;
use civicdesk_texts::fill;

#[server]
pub async fn get_follow_target(code: String) -> Result<Option<ProcedureLink>, ServerFnError> {
    use crate::server::{storage_failed, store};
    let found = store()?.procedure_for_case(code.trim()).await.map_err(storage_failed)?.map(|(p, _)| p);
    if found.is_none() {
        crate::server::set_status(404);
    }
    Ok(found)
}

/// One thing an address follows, as its page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Followed {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub confirmed: bool,
}

/// What a link's token opens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowedPage {
    pub email: String,
    /// The subscription the link was sent for.
    pub this: i64,
    pub all: Vec<Followed>,
}

#[server]
pub async fn get_followed(token: String) -> Result<Option<FollowedPage>, ServerFnError> {
    use crate::server::{services, storage_failed};
    let Some(found) = services()?.follows.open(&token).await.map_err(storage_failed)? else {
        crate::server::set_status(404);
        return Ok(None);
    };
    let all = found
        .all
        .into_iter()
        .map(|s| Followed { id: s.id, code: s.target, name: s.target_name, confirmed: s.confirmed_at.is_some() })
        .collect();
    Ok(Some(FollowedPage { email: found.this.email, this: found.this.id, all }))
}

#[component]
pub fn FollowPage() -> impl IntoView {
    let lang = use_lang();
    let w = lang.follow();
    let query = use_query_map();
    let code = move || query.with(|q| q.get("thu-tuc")).unwrap_or_default();
    let sent = move || query.with(|q| q.get("da-gui").is_some());
    let target = Resource::new(code, get_follow_target);
    let posted = use_posted();
    view! {
        <PageTitle text=w.title />
        <h1>{w.title}</h1>
        <Suspense fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                let procedure = match target.await {
                    Ok(Some(p)) => p,
                    Ok(None) => return view! { <p>{w.not_found}</p> }.into_any(),
                    Err(_) => return view! { <LoadFailed /> }.into_any(),
                };
                let page = lang.href(&format!("/thu-tuc/{}", procedure.code));
                if sent() {
                    return view! {
                        <div class="notice notice-success" role="status">
                            <h2>{w.sent_title}</h2>
                            <p>{w.sent_text}</p>
                        </div>
                        <p><a href=page>{procedure.name.clone()}</a></p>
                    }
                    .into_any();
                }
                let (typed, errors) = match posted.await {
                    Some(Posted::Follow { email, errors }) => (email, errors),
                    _ => (String::new(), Vec::new()),
                };
                let errors = RwSignal::new(errors);
                view! {
                    <p class="lead">{fill(w.lead, &[("name", &procedure.name)])}</p>
                    <form method="post" action=lang.href("/theo-doi") novalidate>
                        <ErrorSummary errors />
                        <input type="hidden" name="thu-tuc" value=procedure.code.clone() />
                        <FieldRow field=Field::Email label=w.email_label hint=w.email_hint required=true errors>
                            <input id=field_id(Field::Email) name="email" type="email" value=typed maxlength="254"
                                autocomplete="email" aria-describedby=described_by(Field::Email, true) />
                        </FieldRow>
                        <p class="privacy">{w.privacy}</p>
                        <p><button type="submit" class="button">{w.send}</button></p>
                    </form>
                    <p><a href=page>{procedure.name}</a></p>
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn FollowedPageView() -> impl IntoView {
    let lang = use_lang();
    let w = lang.follow();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let confirmed = move || query.with(|q| q.get("xong").is_some());
    let data = Resource::new(token, get_followed);
    let posted = use_posted();
    view! {
        <Suspense fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                if matches!(posted.await, Some(Posted::Unfollowed)) {
                    return view! {
                        <PageTitle text=w.ended_title />
                        <h1>{w.ended_title}</h1>
                        <p role="status">{w.ended_text}</p>
                    }
                    .into_any();
                }
                let page = match data.await {
                    Ok(Some(page)) => page,
                    Ok(None) => return view! { <PageTitle text=w.manage_title /><h1>{w.manage_title}</h1><p>{w.gone}</p> }.into_any(),
                    Err(_) => return view! { <LoadFailed /> }.into_any(),
                };
                let base = lang.href(&format!("/theo-doi/{}", token()));
                view! {
                    <PageTitle text=w.manage_title />
                    <h1>{w.manage_title}</h1>
                    {confirmed().then(|| view! { <p class="notice notice-success" role="status">{w.confirmed}</p> })}
                    <p>{fill(w.manage_lead, &[("email", &page.email)])}</p>
                    {page.all.is_empty().then(|| view! { <p>{w.none}</p> })}
                    <ul class="followed">
                        {page.all.iter().map(|f| view! {
                            <li>
                                <a href=lang.href(&format!("/thu-tuc/{}", f.code))>{f.name.clone()}</a>
                                " (" {f.code.clone()} ")"
                                {(!f.confirmed).then(|| view! { " " <span class="badge badge-muted">{w.pending}</span> })}
                                {(!f.confirmed && f.id == page.this).then(|| view! {
                                    <form method="post" action=format!("{base}/xac-nhan") class="inline-form">
                                        " " <button type="submit" class="button">{w.confirm}</button>
                                    </form>
                                })}
                                <form method="post" action=format!("{base}/huy") class="inline-form">
                                    <input type="hidden" name="id" value=f.id.to_string() />
                                    " " <button type="submit" class="link-button">{w.unfollow}</button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </Suspense>
    }
}
