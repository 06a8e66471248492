//! Following by e-mail: the form to follow a procedure (`/theo-doi?thu-tuc={code}`), a case
//! (`?phan-anh={code}`), or the answers of an agency (`?co-quan={slug}`) or a field
//! (`?linh-vuc={code}`) at once, daily or weekly; and the page
//! a message's link opens (`/theo-doi/{token}`), where the address confirms, sees what it follows
//! and stops any of it. Both work as plain forms; nothing here needs JavaScript.

use civicdesk_domain::feedback::Field;
use civicdesk_domain::follow::{FollowKind, Frequency};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::PageTitle;
use super::feedback::{Posted, use_posted};
use crate::components::LoadFailed;
use crate::components::form::{ErrorSummary, FieldRow, described_by, field_id};
use crate::i18n::use_lang;
use civicdesk_texts::fill;

/// What a follow form is for: a procedure or an agency, by code, with its name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowTarget {
    pub kind: FollowKind,
    pub code: String,
    /// The agency's slug, for its page and the form; the procedure's code.
    pub key: String,
    pub name: String,
}

#[server]
pub async fn get_follow_target(kind: FollowKind, key: String) -> Result<Option<FollowTarget>, ServerFnError> {
    use crate::server::{services, storage_failed};
    let found = services()?.follows.target(kind, &key).await.map_err(storage_failed)?;
    if found.is_none() {
        crate::server::set_status(404);
    }
    Ok(found.map(|(code, name)| FollowTarget { kind, code, key: key.trim().to_owned(), name }))
}

/// One thing an address follows, as its page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Followed {
    pub id: i64,
    pub kind: FollowKind,
    pub code: String,
    pub name: String,
    pub frequency: Frequency,
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
        .map(|s| Followed {
            id: s.id,
            kind: s.kind,
            code: s.target,
            name: s.target_name,
            frequency: s.frequency,
            confirmed: s.confirmed_at.is_some(),
        })
        .collect();
    Ok(Some(FollowedPage { email: found.this.email, this: found.this.id, all }))
}

/// The query parameter of the follow form for each kind, in the order they are looked for.
pub const PARAMS: [(FollowKind, &str); 4] = [
    (FollowKind::Procedure, "thu-tuc"),
    (FollowKind::Agency, "co-quan"),
    (FollowKind::Field, "linh-vuc"),
    (FollowKind::Case, "phan-anh"),
];

/// What the form is asked for: the first of [`PARAMS`] the query has, else a procedure.
fn asked_of(query: &leptos_router::params::ParamsMap) -> (FollowKind, String) {
    PARAMS
        .iter()
        .find_map(|(kind, name)| query.get(name).map(|key| (*kind, key)))
        .unwrap_or((FollowKind::Procedure, String::new()))
}

/// The public page of what is followed.
fn page_of(kind: FollowKind, key: &str) -> String {
    match kind {
        FollowKind::Procedure => format!("/thu-tuc/{key}"),
        FollowKind::Agency => format!("/co-quan/{key}"),
        FollowKind::Field => format!("/phan-anh?linh-vuc={}", crate::components::encode(key)),
        FollowKind::Case => format!("/phan-anh/{key}"),
    }
}

#[component]
pub fn FollowPage() -> impl IntoView {
    let lang = use_lang();
    let w = lang.follow();
    let query = use_query_map();
    let asked = move || query.with(asked_of);
    let sent = move || query.with(|q| q.get("da-gui").is_some());
    let target = Resource::new(asked, |(kind, key)| get_follow_target(kind, key));
    let posted = use_posted();
    let title = move || match asked().0 {
        FollowKind::Procedure => w.title,
        FollowKind::Agency => w.agency_title,
        FollowKind::Field => w.field_title,
        FollowKind::Case => w.case_title,
    };
    view! {
        <PageTitle text=title() />
        <h1>{title()}</h1>
        <Suspense fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                let target = match target.await {
                    Ok(Some(t)) => t,
                    Ok(None) => return view! { <p>{w.not_found}</p> }.into_any(),
                    Err(_) => return view! { <LoadFailed /> }.into_any(),
                };
                let page = lang.href(&page_of(target.kind, &target.key));
                if sent() {
                    return view! {
                        <div class="notice notice-success" role="status">
                            <h2>{w.sent_title}</h2>
                            <p>{w.sent_text}</p>
                        </div>
                        <p><a href=page>{target.name.clone()}</a></p>
                    }
                    .into_any();
                }
                let (typed, chosen, errors) = match posted.await {
                    Some(Posted::Follow { email, frequency, errors }) => (email, frequency, errors),
                    _ => (String::new(), Frequency::Immediate.as_str().to_owned(), Vec::new()),
                };
                let errors = RwSignal::new(errors);
                let (param, lead) = match target.kind {
                    FollowKind::Procedure => (PARAMS[0].1, w.lead),
                    FollowKind::Agency => (PARAMS[1].1, w.agency_lead),
                    FollowKind::Field => (PARAMS[2].1, w.field_lead),
                    FollowKind::Case => (PARAMS[3].1, w.case_lead),
                };
                view! {
                    <p class="lead">{fill(lead, &[("name", &target.name)])}</p>
                    <form method="post" action=lang.href("/theo-doi") novalidate>
                        <ErrorSummary errors />
                        <input type="hidden" name=param value=target.key.clone() />
                        <FieldRow field=Field::Email label=w.email_label hint=w.email_hint required=true errors>
                            <input id=field_id(Field::Email) name="email" type="email" value=typed maxlength="254"
                                autocomplete="email" aria-describedby=described_by(Field::Email, true) />
                        </FieldRow>
                        <fieldset class="field">
                            <legend>{w.frequency_label}</legend>
                            {Frequency::ALL.into_iter().map(|f| view! {
                                <label class="choice">
                                    <input type="radio" name="tan-suat" value=f.as_str() checked=chosen == f.as_str() />
                                    " " {w.frequency(f)}
                                </label>
                            }).collect_view()}
                        </fieldset>
                        <p class="privacy">{w.privacy}</p>
                        <p><button type="submit" class="button">{w.send}</button></p>
                    </form>
                    <p><a href=page>{target.name}</a></p>
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
    let changed = move || query.with(|q| q.get("doi").is_some());
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
                    {changed().then(|| view! { <p class="notice notice-success" role="status">{w.frequency_changed}</p> })}
                    <p>{fill(w.manage_lead, &[("email", &page.email)])}</p>
                    {page.all.is_empty().then(|| view! { <p>{w.none}</p> })}
                    <ul class="followed">
                        {page.all.iter().map(|f| view! {
                            <li>
                                {match f.kind {
                                    FollowKind::Procedure => view! {
                                        <a href=lang.href(&page_of(f.kind, &f.code))>{f.name.clone()}</a>
                                        " (" {f.code.clone()} ")"
                                    }.into_any(),
                                    FollowKind::Case => view! {
                                        <a href=lang.href(&page_of(f.kind, &f.code))>{f.name.clone()}</a>
                                    }.into_any(),
                                    FollowKind::Agency | FollowKind::Field => view! { {f.name.clone()} }.into_any(),
                                }}
                                " · " <span class="follow-frequency">{w.frequency(f.frequency)}</span>
                                {(!f.confirmed).then(|| view! { " " <span class="badge badge-muted">{w.pending}</span> })}
                                {(!f.confirmed && f.id == page.this).then(|| view! {
                                    <form method="post" action=format!("{base}/xac-nhan") class="inline-form">
                                        " " <button type="submit" class="button">{w.confirm}</button>
                                    </form>
                                })}
                                <form method="post" action=format!("{base}/tan-suat") class="inline-form">
                                    <input type="hidden" name="id" value=f.id.to_string() />
                                    " " <label for=format!("f-frequency-{}", f.id) class="visually-hidden">{w.frequency_label}</label>
                                    <select id=format!("f-frequency-{}", f.id) name="tan-suat">
                                        {Frequency::ALL.into_iter().map(|choice| view! {
                                            <option value=choice.as_str() selected=choice == f.frequency>{w.frequency(choice)}</option>
                                        }).collect_view()}
                                    </select>
                                    " " <button type="submit" class="link-button">{w.change_frequency}</button>
                                </form>
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
