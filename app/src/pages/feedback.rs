//! Sending feedback (`/phan-anh/gui`), looking a case up (`/phan-anh/tra-cuu`) and the
//! submitter's private page (`/phan-anh/tra-cuu/{token}`).
//!
//! The forms post as ordinary multipart forms to the server, which answers with a redirect when
//! all is well, or renders the same page again with what was sent and what is wrong (provided
//! as [`Posted`] context and carried to the browser in a resource, so hydration sees the same).
//! Once hydrated, the browser runs the same validation before sending.

use civicdesk_domain::cases::{Area, CaseRecord};
use civicdesk_domain::catalogue::{AgencyLink, ProcedureLink};
use civicdesk_domain::feedback::{Category, FeedbackForm, Field, FieldError, SubmitterKind};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::PageTitle;
use crate::components::LoadFailed;
use crate::components::text_area::TextArea;
use crate::i18n::{FeedbackTexts, date, fill, use_lang, use_texts};

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

/// What the form offers to choose from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormChoices {
    pub areas: Vec<Area>,
    pub agencies: Vec<AgencyLink>,
    pub procedure: Option<ProcedureLink>,
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
    Ok(FormChoices { areas, agencies, procedure })
}

/// Procedures whose code or name matches what is being typed, for the form's suggestions:
/// (code, name), the best few.
#[server(endpoint = "suggest_procedures")]
pub async fn suggest_procedures(q: String) -> Result<Vec<(String, String)>, ServerFnError> {
    use civicdesk_domain::catalogue::ProcedureFilter;

    use crate::server::{storage_failed, store};
    if q.trim().chars().count() < 2 {
        return Ok(Vec::new());
    }
    let filter = ProcedureFilter { q: q.chars().take(100).collect(), page: 1, ..ProcedureFilter::default() };
    let results = store()?.search_procedures(&filter).await.map_err(storage_failed)?;
    Ok(results.items.into_iter().take(8).map(|p| (p.code, p.name)).collect())
}

fn field_id(field: Field) -> String {
    format!("f-{}", field.as_str())
}

fn error_for(errors: &[FieldError], field: Field, f: &FeedbackTexts) -> Option<String> {
    errors.iter().find(|e| e.field == field).map(|e| f.problem(&e.problem))
}

/// The list of problems at the top of a form, each a link to its field.
#[component]
fn ErrorSummary(errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let f = use_lang().feedback();
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !errors.read().is_empty()
            && let Some(el) = summary.get()
        {
            let _ = el.focus();
        }
    });
    view! {
        <div class="error-summary" role="alert" tabindex="-1" node_ref=summary hidden=move || errors.read().is_empty()>
            <h2>{f.errors_title}</h2>
            <ul>
                {move || errors.get().into_iter().map(|e| view! {
                    <li><a href=format!("#{}", field_id(e.field))>{f.field(e.field)} ": " {f.problem(&e.problem)}</a></li>
                }).collect_view()}
            </ul>
        </div>
    }
}

/// A label, a hint, the message of what is wrong, and the input itself.
#[component]
fn FieldRow(
    field: Field,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    required: bool,
    errors: RwSignal<Vec<FieldError>>,
    children: Children,
) -> impl IntoView {
    let f = use_lang().feedback();
    let id = field_id(field);
    let message = move || error_for(&errors.read(), field, f);
    view! {
        <div class="field" class:field-invalid=move || message().is_some()>
            <label for=id.clone()>
                {label} " " <span class="muted">{if required { f.required_mark } else { f.optional_mark }}</span>
            </label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <p class="field-error" id=format!("{id}-error") hidden=move || message().is_none()>{message}</p>
            {children()}
        </div>
    }
}

fn described_by(field: Field, hint: bool) -> String {
    let id = field_id(field);
    if hint { format!("{id}-hint {id}-error") } else { format!("{id}-error") }
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
                        view! { <FeedbackFormView choices form errors automated /> }.into_any()
                    }
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An official recording feedback received by phone or on paper: the form posts to the staff
/// handler with the session's CSRF token and says how it came in.
#[derive(Clone, Debug, PartialEq)]
pub struct OnBehalf {
    pub csrf: String,
    /// `phone` or `paper`, as last chosen.
    pub channel: String,
}

#[component]
pub(crate) fn FeedbackFormView(
    choices: FormChoices,
    form: FeedbackForm,
    errors: Vec<FieldError>,
    automated: bool,
    #[prop(optional)] on_behalf: Option<OnBehalf>,
) -> impl IntoView {
    let lang = use_lang();
    let f = lang.feedback();
    let errors = RwSignal::new(errors);
    let invalid = move |field: Field| move || errors.read().iter().any(|e| e.field == field).then_some("true");

    let kind_org = NodeRef::<leptos::html::Input>::new();
    let organisation = NodeRef::<leptos::html::Input>::new();
    let name = NodeRef::<leptos::html::Input>::new();
    let address = NodeRef::<leptos::html::Input>::new();
    let phone = NodeRef::<leptos::html::Input>::new();
    let email = NodeRef::<leptos::html::Input>::new();
    let category = NodeRef::<leptos::html::Select>::new();
    let title = NodeRef::<leptos::html::Input>::new();
    let content = NodeRef::<leptos::html::Textarea>::new();
    let procedure = NodeRef::<leptos::html::Input>::new();
    let agency = NodeRef::<leptos::html::Select>::new();
    let area = NodeRef::<leptos::html::Select>::new();
    let show_name = NodeRef::<leptos::html::Input>::new();
    let consent = NodeRef::<leptos::html::Input>::new();

    // The same rules as the server, before anything is sent. (Whether the procedure, agency or
    // area exists, and the files, are checked by the server.)
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let input = |r: NodeRef<leptos::html::Input>| r.get().map(|e| e.value()).unwrap_or_default();
        let select = |r: NodeRef<leptos::html::Select>| r.get().map(|e| e.value()).unwrap_or_default();
        let checked = |r: NodeRef<leptos::html::Input>| r.get().is_some_and(|e| e.checked());
        let typed = FeedbackForm {
            submitter_kind: if checked(kind_org) { "organisation" } else { "individual" }.to_owned(),
            organisation: input(organisation),
            name: input(name),
            address: input(address),
            phone: input(phone),
            email: input(email),
            category: select(category),
            title: input(title),
            content: content.get().map(|e| e.value()).unwrap_or_default(),
            procedure: input(procedure),
            agency: select(agency),
            area: select(area),
            show_name: checked(show_name),
            consent: checked(consent),
        };
        match typed.validate() {
            Ok(_) => errors.set(Vec::new()),
            Err(found) => {
                ev.prevent_default();
                errors.set(found);
            }
        }
    };

    // Suggestions for the procedure field, fetched as the name is typed (in the browser only).
    let suggestions = RwSignal::new(Vec::<(String, String)>::new());
    let suggest = move |typed: String| {
        if typed.trim().chars().count() < 2 {
            suggestions.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(found) = suggest_procedures(typed).await {
                suggestions.set(found);
            }
        });
    };
    let is = |a: &str, b: &str| a == b;
    let kind = form.submitter_kind.clone();
    let selected_category = form.category.clone();
    let selected_agency = form.agency.clone();
    let selected_area = form.area.clone();
    let s = lang.staff();
    let action = if on_behalf.is_some() { lang.href("/can-bo/ghi-nhan") } else { lang.href("/phan-anh/gui") };
    view! {
        {match &on_behalf {
            Some(_) => view! { <h1>{s.record_title}</h1><p class="lead">{s.record_intro}</p> }.into_any(),
            None => view! { <h1>{f.form_title}</h1><p class="lead">{f.form_intro}</p> }.into_any(),
        }}
        {choices.procedure.clone().map(|p| view! {
            <p class="notice" role="note">
                {f.about_procedure} ": "
                <a href=lang.href(&format!("/thu-tuc/{}", p.code))>{p.name} " (" {p.code.clone()} ")"</a>
            </p>
        })}
        <aside class="notice notice-info">
            <h2>{f.scope_title}</h2>
            <p>{f.scope_text}</p>
        </aside>
        {automated.then(|| view! { <p class="notice notice-warn" role="alert">{f.problem_automated}</p> })}
        <form
            class="feedback-form"
            method="post"
            enctype="multipart/form-data"
            action=action
            novalidate
            on:submit=on_submit
        >
            <ErrorSummary errors />
            {on_behalf.map(|b| view! {
                <input type="hidden" name="csrf" value=b.csrf />
                <fieldset>
                    <legend>{s.record_channel}</legend>
                    <label class="choice">
                        <input type="radio" name="channel" value="phone" checked=b.channel != "paper" />
                        " " {s.channels[3]}
                    </label>
                    <label class="choice">
                        <input type="radio" name="channel" value="paper" checked=b.channel == "paper" />
                        " " {s.channels[4]}
                    </label>
                </fieldset>
            })}
            <fieldset>
                <legend>{f.section_submitter}</legend>
                <div class="field" id=field_id(Field::SubmitterKind)>
                    <p class="label">{f.kind_label}</p>
                    <label class="choice">
                        <input type="radio" name="submitter_kind" value="individual" checked=is(&kind, "individual") />
                        " " {f.kind_individual}
                    </label>
                    <label class="choice">
                        <input type="radio" name="submitter_kind" value="organisation" checked=is(&kind, "organisation") node_ref=kind_org />
                        " " {f.kind_organisation}
                    </label>
                </div>
                <FieldRow field=Field::Organisation label=f.organisation_label hint=f.organisation_hint required=false errors>
                    <input id=field_id(Field::Organisation) name="organisation" type="text" maxlength="200" autocomplete="organization"
                        value=form.organisation.clone() node_ref=organisation
                        aria-describedby=described_by(Field::Organisation, true) aria-invalid=invalid(Field::Organisation) />
                </FieldRow>
                <FieldRow field=Field::Name label=f.name_label required=true errors>
                    <input id=field_id(Field::Name) name="name" type="text" maxlength="100" autocomplete="name" required
                        value=form.name.clone() node_ref=name
                        aria-describedby=described_by(Field::Name, false) aria-invalid=invalid(Field::Name) />
                </FieldRow>
                <FieldRow field=Field::Address label=f.address_label required=true errors>
                    <input id=field_id(Field::Address) name="address" type="text" maxlength="300" autocomplete="street-address" required
                        value=form.address.clone() node_ref=address
                        aria-describedby=described_by(Field::Address, false) aria-invalid=invalid(Field::Address) />
                </FieldRow>
                <FieldRow field=Field::Phone label=f.phone_label hint=f.phone_hint required=true errors>
                    <input id=field_id(Field::Phone) name="phone" type="tel" maxlength="20" autocomplete="tel" inputmode="tel" required
                        value=form.phone.clone() node_ref=phone
                        aria-describedby=described_by(Field::Phone, true) aria-invalid=invalid(Field::Phone) />
                </FieldRow>
                <FieldRow field=Field::Email label=f.email_label hint=f.email_hint required=false errors>
                    <input id=field_id(Field::Email) name="email" type="email" maxlength="254" autocomplete="email"
                        value=form.email.clone() node_ref=email
                        aria-describedby=format!("{} f-email-missing", described_by(Field::Email, true)) aria-invalid=invalid(Field::Email) />
                    <p class="hint hint-strong" id="f-email-missing">{f.email_missing}</p>
                </FieldRow>
            </fieldset>
            <fieldset>
                <legend>{f.section_matter}</legend>
                <FieldRow field=Field::Category label=f.category_label required=true errors>
                    <select id=field_id(Field::Category) name="category" required node_ref=category
                        aria-describedby=described_by(Field::Category, false) aria-invalid=invalid(Field::Category)>
                        <option value="" selected=selected_category.is_empty()>{f.category_choose}</option>
                        {Category::ALL.into_iter().map(|c| view! {
                            <option value=c.as_str() selected=is(&selected_category, c.as_str())>{f.category(c)}</option>
                        }).collect_view()}
                    </select>
                </FieldRow>
                <FieldRow field=Field::Title label=f.title_label required=true errors>
                    <input id=field_id(Field::Title) name="title" type="text" maxlength="200" required
                        value=form.title.clone() node_ref=title
                        aria-describedby=described_by(Field::Title, false) aria-invalid=invalid(Field::Title) />
                </FieldRow>
                <FieldRow field=Field::Content label=f.content_label hint=f.content_hint required=true errors>
                    <TextArea value={form.content.clone()} {..} id=field_id(Field::Content) name="content" rows="8"
                        maxlength="10000" required=true node_ref=content
                        aria-describedby=described_by(Field::Content, true) aria-invalid=invalid(Field::Content) />
                </FieldRow>
                <FieldRow field=Field::Procedure label=f.procedure_label hint=f.procedure_hint required=false errors>
                    <input id=field_id(Field::Procedure) name="procedure" type="text" maxlength="300"
                        value=form.procedure.clone() node_ref=procedure list="procedure-suggestions" autocomplete="off"
                        on:input=move |ev| suggest(event_target_value(&ev))
                        aria-describedby=described_by(Field::Procedure, true) aria-invalid=invalid(Field::Procedure) />
                    // Once hydrated, suggestions follow what is typed; the server also accepts a name.
                    <datalist id="procedure-suggestions">
                        {move || suggestions.get().into_iter().map(|(code, name)| view! {
                            <option value=code>{name}</option>
                        }).collect_view()}
                    </datalist>
                </FieldRow>
                <FieldRow field=Field::Agency label=f.agency_label required=false errors>
                    <select id=field_id(Field::Agency) name="agency" node_ref=agency
                        aria-describedby=described_by(Field::Agency, false) aria-invalid=invalid(Field::Agency)>
                        <option value="">{f.agency_none}</option>
                        {choices.agencies.iter().map(|a| view! {
                            <option value=a.slug.clone() selected=is(&selected_agency, &a.slug)>{a.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </FieldRow>
                <FieldRow field=Field::Area label=f.area_label required=false errors>
                    <select id=field_id(Field::Area) name="area" node_ref=area
                        aria-describedby=described_by(Field::Area, false) aria-invalid=invalid(Field::Area)>
                        <option value="">{f.area_none}</option>
                        {choices.areas.iter().map(|a| view! {
                            <option value=a.code.clone() selected=is(&selected_area, &a.code)>{a.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </FieldRow>
            </fieldset>
            <fieldset>
                <legend>{f.section_files}</legend>
                <FieldRow field=Field::Attachments label=f.files_label hint=f.files_hint required=false errors>
                    <input id=field_id(Field::Attachments) name="attachments" type="file" multiple
                        accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx,image/jpeg,image/png,application/pdf"
                        aria-describedby=described_by(Field::Attachments, true) aria-invalid=invalid(Field::Attachments) />
                </FieldRow>
            </fieldset>
            <div class="field">
                <label class="choice">
                    <input type="checkbox" name="show_name" value="on" checked=form.show_name node_ref=show_name />
                    " " {f.show_name_label}
                </label>
            </div>
            <p class="privacy" id="f-privacy">{f.privacy_notice}</p>
            <FieldRow field=Field::Consent label=f.consent_label required=true errors>
                <label class="choice">
                    <input id=field_id(Field::Consent) type="checkbox" name="consent" value="on" checked=form.consent node_ref=consent
                        aria-describedby=format!("f-privacy {}", described_by(Field::Consent, false)) aria-invalid=invalid(Field::Consent) />
                    " " {f.consent_label}
                </label>
            </FieldRow>
            <div class="hp" aria-hidden="true">
                <label for="f-website">{f.honeypot_label}</label>
                <input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" />
            </div>
            <p><button type="submit" class="button">{f.submit}</button></p>
        </form>
    }
}

/// The submitter's view of their case, with the link that opens it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrivateCase {
    pub case: CaseRecord,
    pub link: String,
}

#[server]
pub async fn get_private_case(token: String) -> Result<Option<PrivateCase>, ServerFnError> {
    Ok(crate::server::private_case(&token).await?.map(|(case, link)| PrivateCase { case, link }))
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
    let PrivateCase { case, link } = case;
    let code = case.code.to_string();
    let open = case.status().is_open();
    let (info_text, info_errors, rating_posted) = match posted {
        Some(Posted::Information { text, errors }) => (text, errors, None),
        Some(Posted::Rating { satisfied, reason, errors }) => {
            (String::new(), Vec::new(), Some((satisfied, reason, errors)))
        }
        _ => (String::new(), Vec::new(), None),
    };
    let info_errors = RwSignal::new(info_errors);
    let base = lang.href(&format!("/phan-anh/tra-cuu/{token}"));
    let s = &case.submitter;
    view! {
        <PageTitle text=format!("{} {code}", f.case_title) />
        {flag("moi").then(|| view! {
            <div class="notice notice-success" role="status">
                <h1>{f.sent_title}</h1>
                <p>{f.sent_text} " " <strong class="case-code">{code.clone()}</strong></p>
                <p>{if s.email.is_some() { f.sent_email } else { f.sent_no_email }}</p>
            </div>
        })}
        {flag("bo-sung").then(|| view! { <p class="notice notice-success" role="status">{f.add_info_done}</p> })}
        {flag("rut").then(|| view! { <p class="notice notice-success" role="status">{f.withdraw_done}</p> })}
        {flag("danh-gia").then(|| view! { <p class="notice notice-success" role="status">{f.rating_done}</p> })}
        <article class="case">
            <header>
                <p class="muted">{f.case_title} " " <span class="case-code">{code.clone()}</span></p>
                <h2 class="case-title">{case.title.clone()}</h2>
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
                            _ => None,
                        };
                        let local = e.at + chrono::Duration::hours(7);
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
            {(!case.attachments.is_empty()).then(|| view! {
                <section>
                    <h2>{f.attachments_title}</h2>
                    <ul>
                        {case.attachments.iter().map(|a| view! {
                            <li>
                                <a href=format!("/phan-anh/tra-cuu/{token}/tep/{}", a.id)>{a.file_name.clone()}</a>
                                " (" {format!("{:.1}", a.size as f64 / 1024.0)} " KB)"
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {case.public().answer.map(|answer| view! {
                <section class="official-answer">
                    <h2>{fill(f.answer_from_agency, &[("agency", &case.agency.name)])}</h2>
                    <div class="case-content answer">{answer}</div>
                    <p><a href=lang.href(&format!("/phan-anh/{code}"))>{f.answers_title}</a></p>
                </section>
            })}
            {rating_section(&case, &base, rating_posted)}
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
