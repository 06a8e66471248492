use civicdesk_domain::catalogue::{AgencyLink, ProcedureDetail, RevisionSummary};
use civicdesk_domain::procedure::{AgencyRef, Channel, DossierCase, Procedure, ProcedureStatus};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::PageTitle;
use crate::components::procedure_list::{OnlineBadge, StatusBadge};
use crate::components::{FeedAlternate, LoadFailed, encode, feed_link};
use crate::i18n::{Texts, date, use_lang, use_texts};
use crate::islands::checklist::Checklist;
use crate::islands::print_button::PrintButton;

#[server]
pub async fn get_procedure(code: String) -> Result<Option<ProcedureDetail>, ServerFnError> {
    use crate::server::{storage_failed, store};
    store()?.procedure(&code).await.map_err(storage_failed)
}

#[component]
pub fn ProcedurePage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let params = use_params_map();
    let detail = Resource::new(move || params.read().get("code").unwrap_or_default(), get_procedure);
    let code = params.read_untracked().get("code").unwrap_or_default();
    view! {
        <FeedAlternate href=lang.href(&format!("/thu-tuc/{}/lich-su.atom", encode(&code))) title=t.feed_history_link />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(Some(detail)) => view! { <ProcedureView detail /> }.into_any(),
                    Ok(None) => {
                        #[cfg(feature = "ssr")]
                        crate::server::set_status(404);
                        view! {
                            <PageTitle text=t.procedure_not_found />
                            <h1>{t.procedure_not_found}</h1>
                            <p><a href=lang.href("/thu-tuc")>{t.back_to_directory}</a></p>
                        }.into_any()
                    }
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProcedureView(detail: ProcedureDetail) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ProcedureDetail { record: p, revisions, replacement, agencies } = detail;
    let notice = (!p.status.in_force()).then(|| {
        let text = if p.status == ProcedureStatus::Abolished { t.abolished_notice } else { t.replaced_notice };
        view! {
            <div class="notice notice-warn" role="note">
                <p><strong>{text}</strong></p>
                {replacement.map(|r| {
                    let href = lang.href(&format!("/thu-tuc/{}", r.code));
                    view! {
                    <p><a href=href>{t.replacement_link} ": " {r.name} " (" {r.code} ")"</a></p>
                }})}
            </div>
        }
    });
    view! {
        <PageTitle text=p.name.clone() />
        <nav class="breadcrumb" aria-label=t.breadcrumb_label>
            <a href=lang.href("/thu-tuc")>{t.nav_procedures}</a>
            {p.fields.first().map(|f| view! {
                " › " <a href=format!("{}?linh-vuc={}", lang.href("/thu-tuc"), crate::components::encode(&f.code))>{f.name.clone()}</a>
            })}
        </nav>
        <article class="procedure">
            <header class="procedure-header">
                <h1>{p.name.clone()}</h1>
                <p class="badges">
                    <span class="badge badge-code">{t.code_label} " " {p.code.clone()}</span>
                    <StatusBadge status=p.status />
                    <OnlineBadge level=p.online_level />
                </p>
                <PrintButton label=t.print.to_owned() />
            </header>
            {notice}
            <Overview p=p.clone() agencies=agencies.clone() t />
            <section aria-labelledby="checklist-heading">
                <h2 id="checklist-heading">{t.checklist_heading}</h2>
                {if p.dossier.iter().all(|c| c.documents.is_empty()) {
                    view! { <p>{t.no_documents}</p> }.into_any()
                } else {
                    p.dossier.iter().enumerate().map(|(i, case)| view! { <Papers case=case.clone() index=i /> }).collect_view().into_any()
                }}
            </section>
            <Channels channels=p.channels.clone() t />
            <section aria-labelledby="where-heading">
                <h2 id="where-heading">{t.where_heading}</h2>
                {(!p.receiving_address.is_empty()).then(|| view! {
                    <p><strong>{t.receiving_address_label} ": "</strong> {p.receiving_address.clone()}</p>
                })}
                <AgencyList label=t.implementing_label list=p.agencies.implementing.clone() links=agencies.clone() />
            </section>
            <TextList id="steps" heading=t.steps_heading items=p.steps.clone() ordered=true />
            <TextList id="results" heading=t.results_heading items=p.results.clone() ordered=false />
            {(!p.conditions.is_empty()).then(|| view! {
                <section aria-labelledby="conditions-heading">
                    <h2 id="conditions-heading">{t.conditions_heading}</h2>
                    <p class="preline">{p.conditions.clone()}</p>
                </section>
            })}
            <LegalBasis p=p.clone() t />
            <p class="feedback-link">
                <a class="button button-secondary" href=format!("{}?thu-tuc={}", lang.href("/phan-anh/gui"), crate::components::encode(&p.code))>
                    {lang.feedback().about_this_procedure}
                </a>
            </p>
            <History code=p.code.clone() revisions t />
        </article>
    }
}

#[component]
fn Overview(p: Procedure, agencies: Vec<AgencyLink>, t: &'static Texts) -> impl IntoView {
    let joined = |items: Vec<&str>| items.join(", ");
    let fields = joined(p.fields.iter().map(|f| f.name.as_str()).collect());
    let levels = joined(p.levels.iter().map(|l| t.level(*l)).collect());
    let subjects = joined(p.subjects.iter().map(|s| t.subject(*s)).collect());
    let row =
        |label: &'static str, value: String| (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> });
    view! {
        <dl class="overview">
            {row(t.field_label, fields)}
            {row(t.level_label, levels)}
            {row(t.subject_label, subjects)}
            {row(t.kind_label, p.kind.clone())}
            {row(t.online_label, t.online(p.online_level).to_owned())}
            {row(t.effective_from_label, p.effective_from.map(date).unwrap_or_default())}
            {row(t.effective_until_label, p.effective_until.map(date).unwrap_or_default())}
        </dl>
        <AgencyList label=t.competent_label list=p.agencies.competent.clone() links=agencies.clone() />
        <AgencyList label=t.delegated_label list=p.agencies.delegated.clone() links=agencies.clone() />
        <AgencyList label=t.coordinating_label list=p.agencies.coordinating.clone() links=agencies />
    }
}

#[component]
fn AgencyList(label: &'static str, list: Vec<AgencyRef>, links: Vec<AgencyLink>) -> impl IntoView {
    let lang = use_lang();
    (!list.is_empty()).then(|| view! {
        <p class="agency-line">
            <strong>{label} ": "</strong>
            {list.into_iter().enumerate().map(|(i, a)| {
                let sep = if i > 0 { ", " } else { "" };
                match AgencyLink::for_ref(&links, &a) {
                    Some(link) => view! { {sep} <a href=lang.href(&format!("/co-quan/{}", link.slug))>{a.name.clone()}</a> }.into_any(),
                    None => view! { {sep} {a.name.clone()} }.into_any(),
                }
            }).collect_view()}
        </p>
    })
}

/// The papers for one case, as a list a person can tick off while gathering them (the island
/// counts the ticks).
#[component]
fn Papers(case: DossierCase, index: usize) -> impl IntoView {
    let t = use_texts();
    let total = case.documents.len();
    let heading = if case.case.is_empty() { t.checklist_general_case.to_owned() } else { case.case.clone() };
    view! {
        <Checklist heading progress=t.checklist_progress.to_owned() total>
            <ul>
                {case.documents.into_iter().enumerate().map(|(j, doc)| {
                    let id = format!("doc-{index}-{j}");
                    let mut counts = Vec::new();
                    if doc.originals > 0 { counts.push((t.originals)(doc.originals)); }
                    if doc.copies > 0 { counts.push((t.copies)(doc.copies)); }
                    view! {
                        <li>
                            <input type="checkbox" id=id.clone() />
                            <label for=id>
                                <span class="doc-name">{doc.name}</span>
                                {(!counts.is_empty()).then(|| view! { <span class="doc-count">{counts.join(", ")}</span> })}
                                {doc.form.map(|f| view! {
                                    <span class="doc-form">{t.form_label} ": "
                                        {match f.url {
                                            Some(url) => view! { <a href=url>{f.name}</a> }.into_any(),
                                            None => f.name.into_any(),
                                        }}
                                    </span>
                                })}
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Checklist>
    }
}

#[component]
fn Channels(channels: Vec<Channel>, t: &'static Texts) -> impl IntoView {
    (!channels.is_empty()).then(|| view! {
        <section aria-labelledby="channels-heading">
            <h2 id="channels-heading">{t.channels_heading}</h2>
            <div class="table-scroll">
                <table class="channels">
                    <thead>
                        <tr><th scope="col">{t.channel_column}</th><th scope="col">{t.time_column}</th><th scope="col">{t.fees_column}</th></tr>
                    </thead>
                    <tbody>
                        {channels.into_iter().map(|c| {
                            let time = c.time_limit.map(|tl| (t.units)(tl.amount, tl.unit));
                            let note = (!c.time_note.is_empty()).then(|| c.time_note.clone());
                            view! {
                                <tr>
                                    <th scope="row">{t.channel(c.kind)}</th>
                                    <td>
                                        <strong>{time.unwrap_or_else(|| t.not_stated.to_owned())}</strong>
                                        {note.map(|n| view! { <span class="muted block">{n}</span> })}
                                    </td>
                                    <td>
                                        {if c.fees.is_empty() {
                                            view! { {t.no_fee} }.into_any()
                                        } else {
                                            view! {
                                                <ul class="plain">
                                                    {c.fees.into_iter().map(|f| view! {
                                                        <li>{t.fee_kind(f.kind)} ": " {f.amount}
                                                            {(!f.note.is_empty()).then(|| view! { <span class="muted block">{f.note}</span> })}
                                                        </li>
                                                    }).collect_view()}
                                                </ul>
                                            }.into_any()
                                        }}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    })
}

#[component]
fn TextList(id: &'static str, heading: &'static str, items: Vec<String>, ordered: bool) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    let items = items.into_iter().map(|s| view! { <li class="preline">{s}</li> }).collect_view();
    (!items.is_empty()).then(|| view! {
        <section aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{heading}</h2>
            {if ordered { view! { <ol class="steps">{items}</ol> }.into_any() } else { view! { <ul>{items}</ul> }.into_any() }}
        </section>
    })
}

#[component]
fn LegalBasis(p: Procedure, t: &'static Texts) -> impl IntoView {
    let decision = p.decision.clone();
    (!p.legal_basis.is_empty() || decision.is_some()).then(|| view! {
        <section aria-labelledby="legal-heading">
            <h2 id="legal-heading">{t.legal_basis_heading}</h2>
            <ul>
                {p.legal_basis.into_iter().map(|d| {
                    let mut parts = vec![d.number];
                    if !d.title.is_empty() { parts.push(d.title); }
                    if let Some(day) = d.date { parts.push(date(day)); }
                    if !d.issuer.is_empty() { parts.push(d.issuer); }
                    view! { <li>{parts.join(" — ")}</li> }
                }).collect_view()}
            </ul>
            {decision.map(|d| view! {
                <p><strong>{t.decision_label} ": "</strong>
                    {d.number} {d.date.map(|x| format!(" — {}", date(x)))} {(!d.issuer.is_empty()).then(|| format!(" — {}", d.issuer))}
                </p>
            })}
        </section>
    })
}

#[component]
fn History(code: String, revisions: Vec<RevisionSummary>, t: &'static Texts) -> impl IntoView {
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t.history_heading}</h2>
            {feed_link(use_lang().href(&format!("/thu-tuc/{}/lich-su.atom", encode(&code))), t.feed_history_link)}
            <p class="follow-link">
                <a href=use_lang().href(&format!("/theo-doi?thu-tuc={}", encode(&code)))>{use_lang().follow().procedure_link}</a>
            </p>
            <ol class="history" reversed>
                {revisions.into_iter().map(|r| {
                    let changes = t.revision_changes(&r.changed);
                    view! {
                        <li>
                            <strong>{(t.revision_label)(r.number)}</strong>
                            " · " {date(civicdesk_domain::calendar::local_day(r.recorded_at))}
                            " · " {t.status(r.status)}
                            {r.decision.map(|d| format!(" · {}", d.number))}
                            <span class="block muted">{changes}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
