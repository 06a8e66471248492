//! Sending feedback (`/phan-anh/gui`), looking a case up (`/phan-anh/tra-cuu`) and the
//! submitter's private page (`/phan-anh/tra-cuu/{token}`).
//!
//! The forms post as ordinary multipart forms to the server, which answers with a redirect when
//! all is well, or renders the same page again with what was sent and what is wrong (provided
//! as [`Posted`] context). The feedback form is an island: with JavaScript, the browser runs the
//! same validation before sending.

use chrono::NaiveDate;
use civicdesk_domain::cases::CaseRecord;
use civicdesk_domain::feedback::{FeedbackForm, Field, FieldError, SubmitterKind};
use civicdesk_domain::workflow::NotReexaminable;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::PageTitle;
use crate::components::LoadFailed;
use crate::components::feedback_form::{FeedbackFormView, FormChoices};
use crate::components::files::{file_link, file_section};
use crate::components::form::{ErrorSummary, FieldRow, described_by, error_for, field_id};
use crate::components::text_area::TextArea;
use crate::i18n::{date, fill, use_lang, use_texts};

/// What a form post sent back to the page that shows it again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Posted {
    Feedback {
        form: Box<FeedbackForm>,
        errors: Vec<FieldError>,
        automated: bool,
    },
    /// Recorded by an official on a citizen's behalf, with how it came in.
    OnBehalf {
        form: Box<FeedbackForm>,
        errors: Vec<FieldError>,
        channel: String,
    },
    Information {
        text: String,
        errors: Vec<FieldError>,
    },
    Lookup {
        code: String,
        contact: String,
    },
    Rating {
        satisfied: Option<bool>,
        reason: String,
        errors: Vec<FieldError>,
    },
    Reexamination {
        reason: String,
        errors: Vec<FieldError>,
    },
    Details {
        address: String,
        phone: String,
        email: String,
        hide_name: bool,
        errors: Vec<FieldError>,
    },
    Survey {
        form: Box<civicdesk_domain::survey::SurveyForm>,
        errors: Vec<civicdesk_domain::survey::SurveyError>,
        automated: bool,
    },
    /// An address to follow a procedure with, refused.
    Follow {
        email: String,
        /// How often, as chosen (`immediate`, `daily`, `weekly`).
        frequency: String,
        errors: Vec<FieldError>,
    },
    /// A following just ended (from a message's link or its page).
    Unfollowed,
}

/// The posted state of this render, on the server; in the browser it arrives with the page.
pub(crate) fn use_posted() -> Resource<Option<Posted>> {
    let posted = use_context::<Posted>();
    Resource::new(
        || (),
        move |_| {
            let posted = posted.clone();
            async move { posted }
        },
    )
}

#[server]
pub async fn get_form_choices(procedure: String) -> Result<FormChoices, ServerFnError> {
    use crate::server::{storage_failed, store};
    let store = store()?;
    let areas = store.areas().await.map_err(storage_failed)?;
    let agencies = crate::server::agency_links(store.as_ref()).await?;
    let procedure = match procedure.trim() {
        "" => None,
        code => store.procedure_for_case(code).await.map_err(storage_failed)?.map(|(p, _)| p),
    };
    let keep_days = store.retention_policy().await.map_err(storage_failed)?.keep_days;
    Ok(FormChoices { areas, agencies, procedure, keep_days })
}

#[component]
pub fn FeedbackFormPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let procedure = move || query.read().get("thu-tuc").unwrap_or_default();
    let choices = Resource::new(procedure, get_form_choices);
    let posted = use_posted();
    view! {
        <PageTitle text=use_lang().feedback().form_title />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await;
                let posted = posted.await;
                match choices {
                    Ok(choices) => {
                        let (form, errors, automated) = match posted {
                            Some(Posted::Feedback { form, errors, automated }) => (*form, errors, automated),
                            _ => {
                                let form = FeedbackForm {
                                    submitter_kind: SubmitterKind::Individual.as_str().to_owned(),
                                    procedure: choices.procedure.as_ref().map(|p| p.code.clone()).unwrap_or_default(),
                                    ..FeedbackForm::default()
                                };
                                (form, Vec::new(), false)
                            }
                        };
                        view! { <FeedbackFormView lang=use_lang() choices form errors automated /> }.into_any()
                    }
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The submitter's view of their case, with the link that opens it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrivateCase {
    pub case: CaseRecord,
    pub link: String,
    /// Until when the submitter may ask for the answer to be examined again, or why not.
    pub reexamination: Result<NaiveDate, NotReexaminable>,
}

#[server]
pub async fn get_private_case(token: String) -> Result<Option<PrivateCase>, ServerFnError> {
    use crate::server::{services, storage_failed};
    let Some((case, link)) = crate::server::private_case(&token).await? else { return Ok(None) };
    let reexamination =
        services()?.casework.reexamination_window(&case, chrono::Utc::now()).await.map_err(storage_failed)?;
    Ok(Some(PrivateCase { case, link, reexamination }))
}

#[component]
pub fn CasePage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let f = lang.feedback();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let case = Resource::new(token, get_private_case);
    let posted = use_posted();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let posted = posted.await;
                match case.await {
                    Ok(Some(case)) => view! { <CaseView case token=token() posted /> }.into_any(),
                    Ok(None) => {
                        #[cfg(feature = "ssr")]
                        crate::server::set_status(404);
                        view! {
                            <PageTitle text=f.lookup_title />
                            <h1>{f.lookup_title}</h1>
                            <p class="notice notice-warn">{f.link_not_found}</p>
                            <p><a href=lang.href("/phan-anh/tra-cuu")>{f.lookup_title}</a></p>
                        }.into_any()
                    }
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(case: PrivateCase, token: String, posted: Option<Posted>) -> impl IntoView {
    let lang = use_lang();
    let f = lang.feedback();
    let query = use_query_map();
    let flag = move |name: &str| query.read_untracked().get(name).is_some();
    let PrivateCase { case, link, reexamination } = case;
    let code = case.code.to_string();
    let open = case.status().is_open();
    let details_posted = match &posted {
        Some(Posted::Details { address, phone, email, hide_name, errors }) => {
            Some((address.clone(), phone.clone(), email.clone(), *hide_name, errors.clone()))
        }
        _ => None,
    };
    let (info_text, info_errors, rating_posted, reexamination_posted) = match posted {
        Some(Posted::Information { text, errors }) => (text, errors, None, None),
        Some(Posted::Rating { satisfied, reason, errors }) => {
            (String::new(), Vec::new(), Some((satisfied, reason, errors)), None)
        }
        Some(Posted::Reexamination { reason, errors }) => (String::new(), Vec::new(), None, Some((reason, errors))),
        _ => (String::new(), Vec::new(), None, None),
    };
    let info_errors = RwSignal::new(info_errors);
    let base = lang.href(&format!("/phan-anh/tra-cuu/{token}"));
    let s = &case.submitter;
    view! {
        <PageTitle text=format!("{} {code}", f.case_title) />
        {flag("moi").then(|| view! {
            <div class="notice notice-success" role="status">
                <h2>{f.sent_title}</h2>
                <p>{f.sent_text} " " <strong class="case-code">{code.clone()}</strong></p>
                <p>{if s.email.is_some() { f.sent_email } else { f.sent_no_email }}</p>
            </div>
        })}
        {flag("bo-sung").then(|| view! { <p class="notice notice-success" role="status">{f.add_info_done}</p> })}
        {flag("rut").then(|| view! { <p class="notice notice-success" role="status">{f.withdraw_done}</p> })}
        {flag("danh-gia").then(|| view! { <p class="notice notice-success" role="status">{f.rating_done}</p> })}
        {flag("thong-tin").then(|| view! { <p class="notice notice-success" role="status">{f.details_done}</p> })}
        {flag("xem-xet-lai").then(|| view! { <p class="notice notice-success" role="status">{f.reexamine_done}</p> })}
        <article class="case">
            <header>
                <p class="muted">{f.case_title} " " <span class="case-code">{code.clone()}</span></p>
                <h1 class="case-title">{case.title.clone()}</h1>
            </header>
            <dl class="facts">
                <dt>{f.status_label}</dt>
                <dd><span class="badge">{f.status(case.status().public())}</span></dd>
                <dt>{f.agency_handling}</dt>
                <dd><a href=lang.href(&format!("/co-quan/{}", case.agency.slug))>{case.agency.name.clone()}</a></dd>
                <dt>{f.received_label}</dt>
                <dd>{date(case.handling.received_on)}</dd>
                <dt>{f.classify_due_label}</dt>
                <dd>{date(case.handling.classify_due)}</dd>
                <dt>{f.answer_due_label}</dt>
                <dd>{date(case.handling.answer_due)}</dd>
            </dl>
            <section>
                <h2>{f.private_link_label}</h2>
                <p><code class="private-link">{link}</code></p>
                <p class="hint">{f.private_link_note}</p>
            </section>
            {open.then(|| view! {
                <section>
                    <h2>{f.next_steps_title}</h2>
                    <p>{f.next_steps}</p>
                </section>
            })}
            <section>
                <h2>{f.timeline_title}</h2>
                <ol class="timeline">
                    {case.events.iter().map(|e| {
                        let detail = match &e.event {
                            civicdesk_domain::cases::EventKind::InformationAdded { text } => Some(text.clone()),
                            civicdesk_domain::cases::EventKind::Withdrawn { reason } if !reason.is_empty() => Some(reason.clone()),
                            civicdesk_domain::cases::EventKind::ReexaminationRequested { reason, .. } => Some(reason.clone()),
                            _ => None,
                        };
                        let local = civicdesk_domain::calendar::local_time(e.at);
                        view! {
                            <li>
                                <time datetime=e.at.to_rfc3339()>{local.format("%d/%m/%Y %H:%M").to_string()}</time>
                                " — " {f.event(e.event.as_str())}
                                {detail.map(|d| view! { <p class="event-text">{d}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
            <section>
                <h2>{f.your_submission}</h2>
                <dl class="facts">
                    <dt>{f.kind_label}</dt><dd>{f.kind(s.kind)}</dd>
                    {s.organisation.clone().map(|o| view! { <dt>{f.organisation_label}</dt><dd>{o}</dd> })}
                    <dt>{f.name_label}</dt><dd>{s.name.clone()}</dd>
                    <dt>{f.address_label}</dt><dd>{s.address.clone()}</dd>
                    <dt>{f.phone_label}</dt><dd>{s.phone.clone()}</dd>
                    {s.email.clone().map(|e| view! { <dt>{f.email_label}</dt><dd>{e}</dd> })}
                    <dt>{f.category_label}</dt><dd>{f.category(case.category)}</dd>
                    {case.procedure.clone().map(|p| view! {
                        <dt>{f.procedure_label}</dt>
                        <dd><a href=lang.href(&format!("/thu-tuc/{}", p.code))>{p.name}</a></dd>
                    })}
                    {case.area.clone().map(|a| view! { <dt>{f.area_label}</dt><dd>{a.name}</dd> })}
                </dl>
                <div class="case-content">{case.content.clone()}</div>
            </section>
            {file_section(f.attachments_title, &case.attachments, |a| {
                file_link(format!("/phan-anh/tra-cuu/{token}/tep/{}", a.id), a.file_name.clone(), a.size)
            })}
            {case.public().answer.map(|answer| view! {
                <section class="official-answer">
                    <h2>{fill(f.answer_from_agency, &[("agency", &case.agency.name)])}</h2>
                    <div class="case-content answer">{answer}</div>
                    <p><a href=lang.href(&format!("/phan-anh/{code}"))>{f.answers_title}</a></p>
                </section>
            })}
            {rating_section(&case, &base, rating_posted)}
            {reexamination_section(&case, &base, reexamination, reexamination_posted)}
            {if open {
                view! {
                    <section>
                        <h2>{f.add_info_title}</h2>
                        <form method="post" enctype="multipart/form-data" action=format!("{base}/bo-sung") novalidate>
                            <ErrorSummary errors=info_errors />
                            <FieldRow field=Field::Content label=f.add_info_label required=false errors=info_errors>
                                <TextArea value={info_text.clone()} {..} id=field_id(Field::Content) name="content" rows="5"
                                    maxlength="10000" aria-describedby=described_by(Field::Content, false) />
                            </FieldRow>
                            <FieldRow field=Field::Attachments label=f.files_label hint=f.files_hint required=false errors=info_errors>
                                <input id=field_id(Field::Attachments) name="attachments" type="file" multiple
                                    accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx" aria-describedby=described_by(Field::Attachments, true) />
                            </FieldRow>
                            <p><button type="submit" class="button">{f.add_info_submit}</button></p>
                        </form>
                    </section>
                    {details_section(&case, &base, details_posted)}
                    <section>
                        <h2>{f.withdraw_title}</h2>
                        <form method="post" action=format!("{base}/rut")>
                            <div class="field">
                                <label for="f-reason">{f.withdraw_reason}</label>
                                <TextArea value={""} {..} id="f-reason" name="reason" rows="2" maxlength="2000" />
                            </div>
                            <p><button type="submit" class="button button-secondary">{f.withdraw_submit}</button></p>
                        </form>
                    </section>
                }.into_any()
            } else {
                view! { <p class="notice">{f.closed_note}</p> }.into_any()
            }}
        </article>
    }
}

#[component]
pub fn LookupPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let f = lang.feedback();
    let query = use_query_map();
    let posted = use_posted();
    view! {
        <PageTitle text=f.lookup_title />
        <h1>{f.lookup_title}</h1>
        <p class="lead">{f.lookup_intro}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let (code, contact, failed) = match posted.await {
                    Some(Posted::Lookup { code, contact }) => (code, contact, true),
                    _ => (query.read_untracked().get("ma").unwrap_or_default(), String::new(), false),
                };
                view! {
                    {failed.then(|| view! { <p class="notice notice-warn" role="alert">{f.lookup_not_found}</p> })}
                    <form class="lookup-form" method="post" action=lang.href("/phan-anh/tra-cuu")>
                        <div class="field">
                            <label for="f-code">{f.lookup_code}</label>
                            <input id="f-code" name="code" type="text" required maxlength="40" placeholder="PAKN.20261122.0001"
                                autocapitalize="characters" value=code />
                        </div>
                        <div class="field">
                            <label for="f-contact">{f.lookup_contact}</label>
                            <input id="f-contact" name="contact" type="text" required maxlength="254" value=contact />
                        </div>
                        <p><button type="submit" class="button">{f.lookup_submit}</button></p>
                    </form>
                }
            })}
        </Suspense>
    }
}

/// Correcting one's contact details, or withdrawing the permission to show one's name, while the
/// case is open: the stored details, or what was typed when refused, with the errors beside them.
fn details_section(
    case: &CaseRecord,
    base: &str,
    posted: Option<(String, String, String, bool, Vec<FieldError>)>,
) -> impl IntoView + use<> {
    let f = use_lang().feedback();
    let s = &case.submitter;
    let (address, phone, email, hide_name, errors) = posted.unwrap_or_else(|| {
        (s.address.clone(), s.phone.clone(), s.email.clone().unwrap_or_default(), false, Vec::new())
    });
    let errors = RwSignal::new(errors);
    let input = move |field: Field, label: &'static str, kind: &'static str, value: String, required: bool| {
        view! {
            <FieldRow field label required errors>
                <input id=field_id(field) name=field.as_str() type=kind value=value maxlength="300"
                    aria-describedby=described_by(field, false) />
            </FieldRow>
        }
    };
    view! {
        <section id="thong-tin">
            <h2>{f.details_title}</h2>
            <p>{f.details_intro}</p>
            <form method="post" action=format!("{base}/thong-tin") novalidate>
                <ErrorSummary errors />
                {input(Field::Address, f.address_label, "text", address, true)}
                {input(Field::Phone, f.phone_label, "tel", phone, true)}
                {input(Field::Email, f.email_label, "email", email, false)}
                {s.show_name.then(|| view! {
                    <div class="field">
                        <label class="choice">
                            <input type="checkbox" id="f-hide-name" name="hide_name" checked=hide_name />
                            " " {f.details_hide_name}
                        </label>
                    </div>
                })}
                <p><button type="submit" class="button button-secondary">{f.details_submit}</button></p>
            </form>
        </section>
    }
}

/// Asking for a dissatisfied answer to be examined again: the form while the submitter may, the
/// new date once they have, and when the time to ask ended.
fn reexamination_section(
    case: &CaseRecord,
    base: &str,
    window: Result<NaiveDate, NotReexaminable>,
    posted: Option<(String, Vec<FieldError>)>,
) -> Option<impl IntoView + use<>> {
    let f = use_lang().feedback();
    let until = match window {
        Ok(until) => until,
        Err(NotReexaminable::AlreadyAsked) => {
            let due = case.events.iter().rev().find_map(|e| match &e.event {
                civicdesk_domain::cases::EventKind::ReexaminationRequested { due, .. } => Some(*due),
                _ => None,
            })?;
            let asked = fill(f.reexamine_asked, &[("due", &date(due))]);
            return Some(
                view! { <section><h2>{f.reexamine_title}</h2><p class="notice">{asked}</p></section> }.into_any(),
            );
        }
        Err(NotReexaminable::Expired(until)) => {
            let over = fill(f.reexamine_expired, &[("until", &date(until))]);
            return Some(view! { <section><h2>{f.reexamine_title}</h2><p>{over}</p></section> }.into_any());
        }
        Err(NotReexaminable::NotAnswered | NotReexaminable::NotDissatisfied) => return None,
    };
    let (reason, errors) = posted.unwrap_or_default();
    let errors = RwSignal::new(errors);
    Some(
        view! {
            <section id="xem-xet-lai">
                <h2>{f.reexamine_title}</h2>
                <p>{fill(f.reexamine_intro, &[("until", &date(until))])}</p>
                <form method="post" action=format!("{base}/xem-xet-lai") novalidate>
                    <ErrorSummary errors />
                    <FieldRow field=Field::Content label=f.reexamine_reason required=true errors>
                        <TextArea value={reason} {..} id=field_id(Field::Content) name="reason" rows="4" maxlength="2000"
                            aria-describedby=described_by(Field::Content, false) />
                    </FieldRow>
                    <p><button type="submit" class="button">{f.reexamine_submit}</button></p>
                </form>
            </section>
        }
        .into_any(),
    )
}

/// The submitter's rating of a published answer: the form until they rate, their rating after.
fn rating_section(
    case: &CaseRecord,
    base: &str,
    posted: Option<(Option<bool>, String, Vec<FieldError>)>,
) -> Option<impl IntoView + use<>> {
    let f = use_lang().feedback();
    if let Some(rating) = case.rating.clone() {
        return Some(
            view! {
                <section>
                    <h2>{f.rating_title}</h2>
                    <p>{f.rating_thanks} " " <strong>{if rating.satisfied { f.rating_satisfied } else { f.rating_unsatisfied }}</strong></p>
                    {(!rating.reason.is_empty()).then(|| view! { <p class="event-text">{rating.reason.clone()}</p> })}
                </section>
            }
            .into_any(),
        );
    }
    if case.status().public() != civicdesk_domain::feedback::PublicStatus::Answered {
        return None;
    }
    let (satisfied, reason, errors) = posted.unwrap_or((None, String::new(), Vec::new()));
    let errors = RwSignal::new(errors);
    Some(
        view! {
            <section>
                <h2>{f.rating_title}</h2>
                <p>{f.rating_intro}</p>
                <form method="post" action=format!("{base}/danh-gia") class="rating-form" novalidate>
                    <ErrorSummary errors />
                    <fieldset class="field" class:field-invalid=move || error_for(&errors.read(), Field::Rating, f).is_some()>
                        <legend>{f.rating_title}</legend>
                        <p class="field-error" id="f-rating-error" hidden=move || error_for(&errors.read(), Field::Rating, f).is_none()>
                            {move || error_for(&errors.read(), Field::Rating, f)}
                        </p>
                        <label class="choice">
                            <input type="radio" id=field_id(Field::Rating) name="satisfied" value="yes" required
                                checked=satisfied == Some(true) aria-describedby="f-rating-error" />
                            " " {f.rating_satisfied}
                        </label>
                        <label class="choice">
                            <input type="radio" name="satisfied" value="no" checked=satisfied == Some(false) />
                            " " {f.rating_unsatisfied}
                        </label>
                    </fieldset>
                    <FieldRow field=Field::Content label=f.rating_reason required=false errors>
                        <TextArea value={reason} {..} id=field_id(Field::Content) name="reason" rows="3" maxlength="2000"
                            aria-describedby=described_by(Field::Content, false) />
                    </FieldRow>
                    <p><button type="submit" class="button">{f.rating_submit}</button></p>
                </form>
            </section>
        }
        .into_any(),
    )
}
