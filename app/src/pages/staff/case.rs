//! The case page (`/can-bo/phan-anh/{code}`): the whole case, personal data included, for the
//! officials whose scope it is in.

use civicdesk_domain::cases::{CaseRecord, EventKind};
use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::problems::ActionProblem;
use civicdesk_domain::workflow::DeadlineState;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::actions::ActionForms;
use super::{Me, StaffBar, state_badge};
use crate::components::LoadFailed;
use crate::components::files::{file_link, file_section};
use crate::i18n::{StaffTexts, date, fill, use_lang, use_texts};
use crate::pages::PageTitle;

/// What an action's form sent back when it was refused: the form shown again as it was filled,
/// and why (on a case page, an [`ActionProblem`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionPosted<P = ActionProblem> {
    pub action: String,
    pub fields: Vec<(String, String)>,
    pub problem: P,
}

impl<P> ActionPosted<P> {
    /// What was typed in `field` of the form of `action`, if that is the form that came back.
    pub fn typed(posted: &Option<ActionPosted<P>>, action: &str, field: &str) -> String {
        posted
            .as_ref()
            .filter(|p| p.action == action)
            .and_then(|p| p.fields.iter().find(|(n, _)| n == field))
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
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
    /// Open cases that read as the same matter, to link (see `workflow::linking`).
    pub same_matter: Vec<civicdesk_domain::workflow::linking::Suggestion>,
    /// The codes of the cases linked under this one.
    pub linked: Vec<String>,
}

#[server]
pub async fn get_staff_case(code: String) -> Result<Option<StaffCase>, ServerFnError> {
    use civicdesk_domain::workflow::offered;

    use crate::server::{services, storage_failed, today};
    let me = super::me().await?;
    let services = services()?;
    let store = services.store.clone();
    let official = civicdesk_domain::workflow::Official {
        id: me.id,
        name: me.name.clone(),
        email: me.email.clone(),
        role: me.role,
        agency: me.agency.code.clone(),
    };
    let Some(case) = services.casework.case_for(&official, &code).await.map_err(storage_failed)? else {
        crate::server::set_status(404);
        return Ok(None);
    };
    if let Some(entry) = civicdesk_domain::admin::personal_view(&official, &case.handling.agency, case.code.as_str()) {
        store.record_audit(&entry).await.map_err(storage_failed)?;
    }
    let calendar = services.calendars.current();
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
    let same_matter = if h.status.is_open() {
        services.casework.same_matter(&case).await.map_err(storage_failed)?
    } else {
        Vec::new()
    };
    let linked = if case.followers > 0 {
        store.linked_under(case.code.as_str()).await.map_err(storage_failed)?
    } else {
        Vec::new()
    };
    Ok(Some(StaffCase {
        me,
        case,
        offered,
        state,
        governing_due,
        officials,
        agencies,
        templates,
        actors,
        findings,
        same_matter,
        linked,
    }))
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
        EventKind::NotPersonalConfirmed { text }
        | EventKind::Linked { lead: text }
        | EventKind::Unlinked { lead: text } => Some(text.clone()),
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
        EventKind::DetailsCorrected { changed } => Some(
            changed
                .iter()
                .map(|name| match name.as_str() {
                    "address" => f.address_label,
                    "phone" => f.phone_label,
                    "email" => f.email_label,
                    _ => f.details_hide_name,
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
        EventKind::ReexaminationRequested { reason, due } => {
            Some(format!("{} {}. {reason}", f.answer_due_label, crate::i18n::date(*due)))
        }
        EventKind::AttachmentPublished { file_name, published, .. } => {
            Some(format!("{file_name}: {}", if *published { s.attachment_publish } else { s.attachment_unpublish }))
        }
        EventKind::Accepted
        | EventKind::Resumed
        | EventKind::AnswerApproved
        | EventKind::Closed
        | EventKind::Redacted { .. }
        | EventKind::PersonalDataErased => None,
    }
}

#[component]
fn StaffCaseView(data: StaffCase, posted: Option<ActionPosted>) -> impl IntoView {
    let lang = use_lang();
    let f = lang.feedback();
    let s = lang.staff();
    let query = use_query_map();
    let done = query.read_untracked().get("xong");
    let problem = posted
        .as_ref()
        .map(|p| p.problem)
        .or_else(|| query.read_untracked().get("loi").and_then(|word| ActionProblem::from_word(&word)));
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
            let local = civicdesk_domain::calendar::local_time(e.at);
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
        {problem.map(|p| view! { <p class="notice notice-error" role="alert" id="action-error">{(s.action_problem)(p)}</p> })}
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
            {file_section(f.attachments_title, &case.attachments, |a| {
                let path = format!("/can-bo/phan-anh/{code}/tep/{}", a.id);
                view! {
                    {file_link(path.clone(), a.file_name.clone(), a.size)}
                    {a.published.then(|| view! { " " <span class="badge">{s.attachment_published}</span> })}
                    <form method="post" action=lang.href(&path) class="inline-form">
                        <input type="hidden" name="csrf" value=data.me.csrf.clone() />
                        <input type="hidden" name="published" value=if a.published { "0" } else { "1" } />
                        " " <button type="submit" class="link-button">
                            {if a.published { s.attachment_unpublish } else { s.attachment_publish }}
                        </button>
                    </form>
                }
            })}
            {(!data.findings.is_empty()).then(|| view! {
                <Findings findings=data.findings.clone() code=code.clone() csrf=data.me.csrf.clone() />
            })}
            <SameMatter data=data.clone() />
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

/// The same matter raised by others: the case this one is linked under (to take it out), the
/// cases linked under it, and open cases that read the same, each to link one way or the other.
#[component]
fn SameMatter(data: StaffCase) -> impl IntoView {
    let lang = use_lang();
    let s = lang.staff();
    let code = data.case.code.to_string();
    let h = &data.case.handling;
    let open = h.status.is_open();
    if h.lead.is_none() && data.linked.is_empty() && data.same_matter.is_empty() {
        return None;
    }
    let case_link = move |c: &str| view! { <a href=lang.href(&format!("/can-bo/phan-anh/{c}")) class="case-code">{c.to_owned()}</a> };
    let form = {
        let csrf = data.me.csrf.clone();
        move |on: &str, fields: Vec<(&'static str, String)>, button: String| {
            view! {
                <form method="post" action=lang.href(&format!("/can-bo/phan-anh/{on}")) class="inline-form">
                    <input type="hidden" name="csrf" value=csrf.clone() />
                    {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
                    " " <button type="submit" class="link-button">{button}</button>
                </form>
            }
        }
    };
    let may_lead_others = open && h.lead.is_none();
    let may_follow = open && h.lead.is_none() && data.linked.is_empty();
    Some(view! {
        <section id="cung-noi-dung" aria-labelledby="same-matter-title">
            <h2 id="same-matter-title">{s.same_matter_title}</h2>
            {h.lead.clone().map(|lead| view! {
                <p>
                    {s.linked_under} " " {case_link(&lead)} "."
                    {open.then(|| form(&code, vec![("action", "unlink".to_owned())], s.unlink.to_owned()))}
                </p>
            })}
            {(!data.linked.is_empty()).then(|| view! {
                <p>{fill(s.linked_here, &[("count", &data.linked.len().to_string())])}</p>
                <ul class="linked-cases">
                    {data.linked.iter().map(|c| view! { <li>{case_link(c)}</li> }).collect_view()}
                </ul>
            })}
            {(!data.same_matter.is_empty() && (may_follow || may_lead_others)).then(|| view! {
                <p>{s.same_matter_intro}</p>
                <ul class="same-matter">
                    {data.same_matter.iter().map(|other| view! {
                        <li>
                            {case_link(&other.code)} " — " {other.title.clone()} " · " {date(other.received_on)}
                            {may_follow.then(|| form(&code, vec![("action", "link".to_owned()), ("lead", other.code.clone())],
                                fill(s.link_under, &[("code", &other.code)])))}
                            {may_lead_others.then(|| form(&other.code, vec![("action", "link".to_owned()), ("lead", code.clone())],
                                fill(s.link_here, &[("code", &other.code)])))}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    })
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
