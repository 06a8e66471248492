use civicdesk_domain::cases::Area;
use civicdesk_domain::catalogue::{AgencyLink, ProcedureLink};
use civicdesk_domain::feedback::{Category, FeedbackForm, Field, FieldError};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::form::{ErrorSummary, FieldRow, described_by, field_id, honeypot};
use crate::components::text_area::TextArea;
use crate::i18n::Lang;
use crate::islands::form_checks::FormChecks;

/// What the form offers to choose from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormChoices {
    pub areas: Vec<Area>,
    pub agencies: Vec<AgencyLink>,
    pub procedure: Option<ProcedureLink>,
    /// Days the personal data of a finished case is kept, which the privacy notice states.
    pub keep_days: u32,
}

/// An official recording feedback received by phone or on paper: the form posts to the staff
/// handler with the session's CSRF token and says how it came in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OnBehalf {
    pub csrf: String,
    /// `phone` or `paper`, as last chosen.
    pub channel: String,
    /// The staff texts the form shows (given as properties, so the bundle carries no staff
    /// text tables): heading, introduction, the channel question, "phone", "paper".
    pub title: String,
    pub intro: String,
    pub channel_label: String,
    pub phone: String,
    pub paper: String,
}

/// The feedback form, as the citizen sends it and as an official records it, rendered on the
/// server with what was typed and what is wrong. The [`FormChecks`] island around it checks what
/// is typed by the same rules before sending, and suggests procedures as their name is typed;
/// without JavaScript the form posts and the server answers the same way.
#[component]
pub fn FeedbackFormView(
    lang: Lang,
    choices: FormChoices,
    form: FeedbackForm,
    errors: Vec<FieldError>,
    automated: bool,
    #[prop(optional)] on_behalf: Option<OnBehalf>,
) -> impl IntoView {
    let f = lang.feedback();
    let errors = RwSignal::new(errors);
    let invalid = move |field: Field| errors.read_untracked().iter().any(|e| e.field == field).then_some("true");
    let is = |a: &str, b: &str| a == b;
    let kind = form.submitter_kind.clone();
    let selected_category = form.category.clone();
    let selected_agency = form.agency.clone();
    let selected_area = form.area.clone();
    let action = if on_behalf.is_some() { lang.href("/can-bo/ghi-nhan") } else { lang.href("/phan-anh/gui") };
    view! {
        {match &on_behalf {
            Some(b) => view! { <h1>{b.title.clone()}</h1><p class="lead">{b.intro.clone()}</p> }.into_any(),
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
        <FormChecks lang>
        <form
            class="feedback-form"
            method="post"
            enctype="multipart/form-data"
            action=action
            novalidate
        >
            <ErrorSummary errors />
            {on_behalf.map(|b| view! {
                <input type="hidden" name="csrf" value=b.csrf />
                <fieldset>
                    <legend>{b.channel_label}</legend>
                    <label class="choice">
                        <input type="radio" name="channel" value="phone" checked=b.channel != "paper" />
                        " " {b.phone}
                    </label>
                    <label class="choice">
                        <input type="radio" name="channel" value="paper" checked=b.channel == "paper" />
                        " " {b.paper}
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
                        <input type="radio" name="submitter_kind" value="organisation" checked=is(&kind, "organisation") />
                        " " {f.kind_organisation}
                    </label>
                </div>
                <FieldRow field=Field::Organisation label=f.organisation_label hint=f.organisation_hint required=false errors>
                    <input id=field_id(Field::Organisation) name="organisation" type="text" maxlength="200" autocomplete="organization"
                        value=form.organisation.clone()
                        aria-describedby=described_by(Field::Organisation, true) aria-invalid=invalid(Field::Organisation) />
                </FieldRow>
                <FieldRow field=Field::Name label=f.name_label required=true errors>
                    <input id=field_id(Field::Name) name="name" type="text" maxlength="100" autocomplete="name" required
                        value=form.name.clone()
                        aria-describedby=described_by(Field::Name, false) aria-invalid=invalid(Field::Name) />
                </FieldRow>
                <FieldRow field=Field::Address label=f.address_label required=true errors>
                    <input id=field_id(Field::Address) name="address" type="text" maxlength="300" autocomplete="street-address" required
                        value=form.address.clone()
                        aria-describedby=described_by(Field::Address, false) aria-invalid=invalid(Field::Address) />
                </FieldRow>
                <FieldRow field=Field::Phone label=f.phone_label hint=f.phone_hint required=true errors>
                    <input id=field_id(Field::Phone) name="phone" type="tel" maxlength="20" autocomplete="tel" inputmode="tel" required
                        value=form.phone.clone()
                        aria-describedby=described_by(Field::Phone, true) aria-invalid=invalid(Field::Phone) />
                </FieldRow>
                <FieldRow field=Field::Email label=f.email_label hint=f.email_hint required=false errors>
                    <input id=field_id(Field::Email) name="email" type="email" maxlength="254" autocomplete="email"
                        value=form.email.clone()
                        aria-describedby=format!("{} f-email-missing", described_by(Field::Email, true)) aria-invalid=invalid(Field::Email) />
                    <p class="hint hint-strong" id="f-email-missing">{f.email_missing}</p>
                </FieldRow>
            </fieldset>
            <fieldset>
                <legend>{f.section_matter}</legend>
                <FieldRow field=Field::Category label=f.category_label required=true errors>
                    <select id=field_id(Field::Category) name="category" required
                        aria-describedby=described_by(Field::Category, false) aria-invalid=invalid(Field::Category)>
                        <option value="" selected=selected_category.is_empty()>{f.category_choose}</option>
                        {Category::ALL.into_iter().map(|c| view! {
                            <option value=c.as_str() selected=is(&selected_category, c.as_str())>{f.category(c)}</option>
                        }).collect_view()}
                    </select>
                </FieldRow>
                <FieldRow field=Field::Title label=f.title_label required=true errors>
                    <input id=field_id(Field::Title) name="title" type="text" maxlength="200" required
                        value=form.title.clone()
                        aria-describedby=described_by(Field::Title, false) aria-invalid=invalid(Field::Title) />
                </FieldRow>
                <FieldRow field=Field::Content label=f.content_label hint=f.content_hint required=true errors>
                    <TextArea value={form.content.clone()} {..} id=field_id(Field::Content) name="content" rows="8"
                        maxlength="10000" required=true
                        aria-describedby=described_by(Field::Content, true) aria-invalid=invalid(Field::Content) />
                </FieldRow>
                <FieldRow field=Field::Procedure label=f.procedure_label hint=f.procedure_hint required=false errors>
                    <input id=field_id(Field::Procedure) name="procedure" type="text" maxlength="300"
                        value=form.procedure.clone() list="procedure-suggestions" autocomplete="off"
                        aria-describedby=described_by(Field::Procedure, true) aria-invalid=invalid(Field::Procedure) />
                    // Filled by the island as a name is typed; the server also accepts a name.
                    <datalist id="procedure-suggestions"></datalist>
                </FieldRow>
                <FieldRow field=Field::Agency label=f.agency_label required=false errors>
                    <select id=field_id(Field::Agency) name="agency"
                        aria-describedby=described_by(Field::Agency, false) aria-invalid=invalid(Field::Agency)>
                        <option value="">{f.agency_none}</option>
                        {choices.agencies.iter().map(|a| view! {
                            <option value=a.slug.clone() selected=is(&selected_agency, &a.slug)>{a.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </FieldRow>
                <FieldRow field=Field::Area label=f.area_label required=false errors>
                    <select id=field_id(Field::Area) name="area"
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
                    <input type="checkbox" name="show_name" value="on" checked=form.show_name />
                    " " {f.show_name_label}
                </label>
            </div>
            <p class="privacy" id="f-privacy">{civicdesk_texts::fill(f.privacy_notice, &[("days", &choices.keep_days.to_string())])}</p>
            <FieldRow field=Field::Consent label=f.consent_label required=true errors>
                <label class="choice">
                    <input id=field_id(Field::Consent) type="checkbox" name="consent" value="on" checked=form.consent
                        aria-describedby=format!("f-privacy {}", described_by(Field::Consent, false)) aria-invalid=invalid(Field::Consent) />
                    " " {f.consent_label}
                </label>
            </FieldRow>
            {honeypot("f-website")}
            <p><button type="submit" class="button">{f.submit}</button></p>
        </form>
        </FormChecks>
    }
}
