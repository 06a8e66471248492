//! `/khao-sat`: the one-stop satisfaction survey, a plain form without an account (posted to the
//! server, which shows it again with each problem beside its field and everything typed kept);
//! and `/thong-ke/khao-sat`: its results by question and agency for a period.

use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::stats::Rate;
use civicdesk_domain::survey::{Question, SurveyError, SurveyField, SurveyForm, SurveyResults, limits};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::PageTitle;
use super::feedback::{Posted, use_posted};
use super::record::form::{FormFor, RecordForm};
use super::record::{PeriodHeading, RecordAsk, RecordPage, ask_from_query};
use crate::components::figure_table::{band_badge, rate_text};
use crate::components::form::honeypot;
use crate::components::text_area::TextArea;
use crate::components::{LoadFailed, table_region};
use crate::i18n::{fill, use_lang};

#[server]
pub async fn survey_agencies() -> Result<Vec<AgencyLink>, ServerFnError> {
    use crate::server::{agency_links, store};
    agency_links(store()?.as_ref()).await
}

fn field_id(field: SurveyField) -> String {
    match field {
        SurveyField::Agency => "ks-co-quan".into(),
        SurveyField::Procedure => "ks-thu-tuc".into(),
        SurveyField::Receipt => "ks-ma-ho-so".into(),
        SurveyField::Answer(q) => format!("ks-{}", q.as_str()),
        SurveyField::Comment => "ks-y-kien".into(),
    }
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    let lang = use_lang();
    let k = lang.survey();
    let query = use_query_map();
    let sent = move || query.with(|q| q.get("da-gui").is_some());
    let chosen = move || query.with(|q| q.get("co-quan")).unwrap_or_default();
    let agencies = Resource::new(|| (), |_| survey_agencies());
    let posted = use_posted();
    view! {
        <PageTitle text=k.title />
        <h1>{k.title}</h1>
        <Suspense fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                let Ok(agencies) = agencies.await else { return view! { <LoadFailed /> }.into_any() };
                if sent() {
                    return view! {
                        <div class="notice notice-success" role="status">
                            <h2>{k.thanks_title}</h2>
                            <p>{k.thanks_text}</p>
                        </div>
                        <p><a href=lang.href("/khao-sat")>{k.another}</a> " · " <a href=lang.href("/thong-ke/khao-sat")>{k.results_link}</a></p>
                    }
                    .into_any();
                }
                let (form, errors, automated) = match posted.await {
                    Some(Posted::Survey { form, errors, automated }) => (*form, errors, automated),
                    _ => (SurveyForm { agency: chosen(), ..SurveyForm::default() }, Vec::new(), false),
                };
                view! { <SurveyFormView agencies form errors automated /> }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn SurveyFormView(
    agencies: Vec<AgencyLink>,
    form: SurveyForm,
    errors: Vec<SurveyError>,
    automated: bool,
) -> impl IntoView {
    let lang = use_lang();
    let (k, f) = (lang.survey(), lang.feedback());
    let message = |field: SurveyField| errors.iter().find(|e| e.field == field).map(|e| f.problem(&e.problem));
    let error_line = move |field: SurveyField, text: Option<String>| {
        text.map(|t| view! { <p class="field-error" id=format!("{}-error", field_id(field))>{t}</p> })
    };
    let described = |field: SurveyField, hint: bool, invalid: bool| {
        let id = field_id(field);
        let mut parts = Vec::new();
        if hint {
            parts.push(format!("{id}-hint"));
        }
        if invalid {
            parts.push(format!("{id}-error"));
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    };
    let summary = (!errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1" autofocus=true>
                <h2>{f.errors_title}</h2>
                <ul>
                    {errors.iter().map(|e| view! {
                        <li><a href=format!("#{}", field_id(e.field))>{k.field(e.field)} ": " {f.problem(&e.problem)}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        }
    });
    let text_input =
        |field: SurveyField, name: &'static str, label: &'static str, hint: &'static str, value: String, max: usize| {
            let id = field_id(field);
            let error = message(field);
            let invalid = error.is_some();
            view! {
                <div class="field" class:field-invalid=invalid>
                    <label for=id.clone()>{label} " " <span class="muted">{f.optional_mark}</span></label>
                    <p class="hint" id=format!("{id}-hint")>{hint}</p>
                    {error_line(field, error)}
                    <input id=id name=name type="text" value=value maxlength=max.to_string() autocomplete="off"
                        aria-describedby=described(field, true, invalid) aria-invalid=invalid.then_some("true") />
                </div>
            }
        };
    let agency_error = message(SurveyField::Agency);
    let agency_invalid = agency_error.is_some();
    let comment_error = message(SurveyField::Comment);
    let comment_invalid = comment_error.is_some();
    view! {
        <p class="lead">{k.lead}</p>
        <p id="ks-privacy">{k.privacy}</p>
        {automated.then(|| view! { <p class="notice notice-error" role="alert">{k.automated}</p> })}
        {summary}
        <form method="post" action=lang.href("/khao-sat") class="survey-form" novalidate=true>
            <fieldset>
                <legend>{k.about_title}</legend>
                <div class="field" class:field-invalid=agency_invalid>
                    <label for="ks-co-quan">{k.agency_label} " " <span class="muted">{f.required_mark}</span></label>
                    {error_line(SurveyField::Agency, agency_error)}
                    <select id="ks-co-quan" name="co-quan" required=true
                        aria-describedby=described(SurveyField::Agency, false, agency_invalid) aria-invalid=agency_invalid.then_some("true")>
                        <option value="">{k.choose_agency}</option>
                        {agencies.into_iter().map(|a| {
                            let chosen = a.slug == form.agency.trim() || a.code == form.agency.trim();
                            view! { <option value=a.slug selected=chosen>{a.name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {text_input(SurveyField::Procedure, "thu-tuc", k.procedure_label, k.procedure_hint, form.procedure.clone(), civicdesk_domain::feedback::limits::CODE)}
                {text_input(SurveyField::Receipt, "ma-ho-so", k.receipt_label, k.receipt_hint, form.receipt.clone(), limits::RECEIPT)}
            </fieldset>
            <h2>{k.answers_title}</h2>
            {Question::ALL.into_iter().map(|q| {
                let id = field_id(SurveyField::Answer(q));
                let error = message(SurveyField::Answer(q));
                let invalid = error.is_some();
                let typed = form.answer(q).trim().to_owned();
                let mark = if q.required() { f.required_mark } else { f.optional_mark };
                view! {
                    <fieldset class="field scale" class:field-invalid=invalid id=id.clone()
                        aria-describedby=described(SurveyField::Answer(q), false, invalid)>
                        <legend>{(k.question)(q)} " " <span class="muted">{mark}</span></legend>
                        {error_line(SurveyField::Answer(q), error)}
                        {(k.scale)(q.scale()).iter().enumerate().map(|(i, label)| {
                            let value = (i + 1).to_string();
                            let checked = typed == value;
                            view! {
                                <label class="choice">
                                    <input type="radio" name=q.as_str() value=value checked=checked required=q.required() />
                                    " " {*label}
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                }
            }).collect_view()}
            <div class="field" class:field-invalid=comment_invalid>
                <label for="ks-y-kien">{k.comment_label} " " <span class="muted">{f.optional_mark}</span></label>
                <p class="hint" id="ks-y-kien-hint">{k.comment_hint}</p>
                {error_line(SurveyField::Comment, comment_error)}
                <TextArea value={form.comment.clone()} {..} id="ks-y-kien" name="y-kien" rows="4"
                    maxlength=limits::COMMENT.to_string()
                    aria-describedby=described(SurveyField::Comment, true, comment_invalid) />
            </div>
            {honeypot("ks-website")}
            <p><button type="submit" class="button">{k.send}</button></p>
        </form>
    }
}

/// The results of a period: the choice of period, in total and for each agency surveyed.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ResultsPage {
    pub record: RecordPage,
    pub total: SurveyResults,
    pub agencies: Vec<(AgencyLink, SurveyResults)>,
}

#[server]
pub async fn load_survey_results(ask: RecordAsk) -> Result<ResultsPage, ServerFnError> {
    use crate::server::{services, storage_failed};
    let services = services()?;
    let ask = RecordAsk { category: None, channel: None, by: None, ..ask };
    let record = super::record::choice_page(&services, ask).await.map_err(storage_failed)?;
    let code = record.agency.as_ref().map(|a| a.code.clone());
    let results = services.surveys.results(record.span, code.as_deref()).await.map_err(storage_failed)?;
    Ok(ResultsPage { record, total: results.total, agencies: results.agencies })
}

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let lang = use_lang();
    let k = lang.survey();
    let query = use_query_map();
    let ask = move || query.with(|q| ask_from_query(|key| q.get(key)));
    let data = Resource::new(ask, load_survey_results);
    view! {
        <PageTitle text=k.results_title />
        <h1>{k.results_title}</h1>
        <p class="lead">{k.results_lead}</p>
        <p><a href=lang.href("/khao-sat")>{k.survey_link}</a></p>
        <Suspense fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                let Ok(page) = data.await else { return view! { <LoadFailed /> }.into_any() };
                view! { <ResultsView page /> }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn ResultsView(page: ResultsPage) -> impl IntoView {
    let lang = use_lang();
    let (k, r) = (lang.survey(), lang.record());
    let min = page.record.min_sample;
    let rate_cell = move |rate: Rate| view! { {rate_text(rate, min)} " " {band_badge(rate, min)} };
    let surveys = fill(k.surveys, &[("n", &page.total.surveys().to_string())]);
    view! {
        <RecordForm page=page.record.clone() form_for=FormFor::Survey />
        <PeriodHeading page=page.record.clone() />
        <section aria-labelledby="ks-cau-hoi">
            <h2 id="ks-cau-hoi">{k.answers_title} " (" {surveys} ")"</h2>
            {table_region(k.overall_region, view! {
                <table class="figures">
                    <caption class="visually-hidden">{k.answers_title}</caption>
                    <thead><tr>
                        <th scope="col">{k.question_column}</th>
                        <th scope="col">{k.satisfied_column}</th>
                        <th scope="col">{r.count_column}</th>
                    </tr></thead>
                    <tbody>
                        {page.total.questions.iter().map(|q| {
                            let labels = (k.scale)(q.question.scale());
                            let spread = q.counts.iter().zip(labels.iter()).map(|(n, l)| format!("{l}: {n}")).collect::<Vec<_>>().join(" · ");
                            view! {
                                <tr>
                                    <th scope="row">{(k.question)(q.question)}</th>
                                    <td>{rate_cell(q.satisfied())}</td>
                                    <td>{spread}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
        <section aria-labelledby="ks-co-quan-ket-qua">
            <h2 id="ks-co-quan-ket-qua">{k.by_agency_title}</h2>
            <p>{k.by_agency_intro}</p>
            {if page.agencies.is_empty() {
                view! { <p class="muted">{r.no_cases}</p> }.into_any()
            } else {
                table_region(k.agencies_region, view! {
                    <table class="figures">
                        <caption class="visually-hidden">{k.by_agency_title}</caption>
                        <thead><tr>
                            <th scope="col">{r.agency_column}</th>
                            <th scope="col">{k.procedures_figure}</th>
                            <th scope="col">{(k.question)(Question::StaffAttitude)}</th>
                            <th scope="col">{(k.question)(Question::OnTimeResult)}</th>
                        </tr></thead>
                        <tbody>
                            {page.agencies.iter().map(|(agency, results)| view! {
                                <tr>
                                    <th scope="row">{agency.name.clone()}</th>
                                    <td>{rate_cell(results.of(Question::Overall).satisfied())}</td>
                                    <td>{rate_cell(results.of(Question::StaffAttitude).satisfied())}</td>
                                    <td>{rate_cell(results.of(Question::OnTimeResult).satisfied())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }).into_any()
            }}
        </section>
    }
}
