//! The settings of handling (`/quan-tri`): the announced days off and make-up working days,
//! answer terms per agency and category, answer templates and the routing rules of feedback. Terms,
//! templates and rules each have an edit link (`?sua-…=`) that fills their form, and a delete button.

use civicdesk_domain::calendar::{DayKind, DayOverride};
use civicdesk_domain::cases::Area;
use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::feedback::{Category, RoutingRule};
use civicdesk_domain::retention::RetentionPolicy;
use civicdesk_domain::workflow::{ReexaminationPolicy, TermRule};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::AdminPosted;
use super::setup::admin_page;
use super::{AdminForm, AdminNav, Input, button_form};
use crate::components::{LoadFailed, encode};
use crate::i18n::{date, use_lang, use_texts};
use crate::pages::PageTitle;
use crate::pages::staff::{Me, StaffBar};
use civicdesk_domain::problems::AdminField;

/// A response template as stored: (id, title, body).
pub type Template = (i64, String, String);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminData {
    pub me: Me,
    pub days: Vec<DayOverride>,
    pub terms: Vec<TermRule>,
    pub agencies: Vec<AgencyLink>,
    pub templates: Vec<(AgencyLink, Vec<Template>)>,
    /// Routing rules with their notes.
    pub rules: Vec<(RoutingRule, String)>,
    pub areas: Vec<Area>,
    pub reexamination: ReexaminationPolicy,
    pub retention: RetentionPolicy,
}

#[server]
pub async fn get_admin() -> Result<Option<AdminData>, ServerFnError> {
    use crate::server::{storage_failed, store};
    let Some(me) = super::admin_me().await? else { return Ok(None) };
    let store = store()?;
    let agencies: Vec<AgencyLink> = crate::server::agency_links(store.as_ref()).await?;
    let mut templates = Vec::new();
    for agency in &agencies {
        let kept = store.templates(&agency.code).await.map_err(storage_failed)?;
        if !kept.is_empty() {
            templates.push((agency.clone(), kept));
        }
    }
    Ok(Some(AdminData {
        me,
        days: store.calendar_days().await.map_err(storage_failed)?,
        terms: store.term_rules().await.map_err(storage_failed)?,
        agencies,
        templates,
        rules: store.routing_rules_noted().await.map_err(storage_failed)?,
        areas: store.areas().await.map_err(storage_failed)?,
        reexamination: store.reexamination_policy().await.map_err(storage_failed)?,
        retention: store.retention_policy().await.map_err(storage_failed)?,
    }))
}

#[component]
pub fn AdminPage() -> impl IntoView {
    admin_page!(use_lang().staff().admin_title, get_admin(), AdminView)
}

/// How a term rule is named in `?sua-thoi-han=`: its agency and category, `*` for any.
fn term_key(rule: &TermRule) -> String {
    format!("{}|{}", rule.agency.as_deref().unwrap_or("*"), rule.category.map_or("*", Category::as_str))
}

#[component]
fn AdminView(data: AdminData, posted: Option<AdminPosted>) -> impl IntoView {
    let lang = use_lang();
    let (f, s, a) = (lang.feedback(), lang.staff(), lang.admin());
    let query = use_query_map();
    let asked = |key: &str| query.read_untracked().get(key).unwrap_or_default();
    let done = asked("xong");
    let url = lang.href("/quan-tri");
    let here = lang.href("/quan-tri");
    let csrf = data.me.csrf.clone();
    let agency_name = {
        let agencies = data.agencies.clone();
        move |code: &str| agencies.iter().find(|a| a.code == code).map_or_else(|| code.to_owned(), |a| a.name.clone())
    };
    let area_name = {
        let areas = data.areas.clone();
        move |code: &str| areas.iter().find(|a| a.code == code).map_or_else(|| code.to_owned(), |a| a.name.clone())
    };
    let agencies = |any: Option<&'static str>| -> Vec<(String, String)> {
        any.map(|label| (String::new(), label.to_owned()))
            .into_iter()
            .chain(data.agencies.iter().map(|a| (a.code.clone(), a.name.clone())))
            .collect()
    };
    let categories: Vec<(String, String)> = std::iter::once((String::new(), s.any.to_owned()))
        .chain(
            Category::ALL
                .into_iter()
                .filter(|c| c.accepted())
                .map(|c| (c.as_str().to_owned(), f.category(c).to_owned())),
        )
        .collect();
    let areas: Vec<(String, String)> = std::iter::once((String::new(), s.any.to_owned()))
        .chain(data.areas.iter().map(|a| (a.code.clone(), a.name.clone())))
        .collect();

    let day = AdminForm::new("add_day", &posted, &csrf);
    let term = AdminForm::new("add_term", &posted, &csrf);
    let term_shown = data.terms.iter().find(|r| term_key(r) == asked("sua-thoi-han")).cloned();
    let reexamination = AdminForm::new("save_reexamination", &posted, &csrf);
    let retention = AdminForm::new("save_retention", &posted, &csrf);
    let template = AdminForm::new("save_template", &posted, &csrf);
    let template_id: i64 = template.value("id", &asked("sua-mau")).parse().unwrap_or(0);
    let template_shown = data
        .templates
        .iter()
        .flat_map(|(agency, kept)| kept.iter().map(move |t| (agency, t)))
        .find(|(_, t)| t.0 == template_id);
    let rule = AdminForm::new("save_rule", &posted, &csrf);
    let rule_id: i64 = rule.value("id", &asked("sua-quy-tac")).parse().unwrap_or(0);
    let rule_shown = data.rules.iter().find(|(r, _)| r.id == rule_id).cloned();
    let deleted = ["delete_day", "delete_term", "delete_template", "delete_rule"]
        .map(|action| AdminForm::new(action, &posted, &csrf));
    view! {
        <StaffBar me=data.me.clone() />
        <h1>{s.admin_title}</h1>
        <AdminNav current="/quan-tri" />
        {(!done.is_empty()).then(|| view! { <p class="notice notice-success" role="status">{a.saved}</p> })}
        {deleted.iter().map(|form| form.summary(&[])).collect_view()}

        <section id="ngay-nghi">
            <h2>{s.admin_days}</h2>
            <p class="hint">{s.admin_days_hint}</p>
            <table class="holidays">
                <tbody>
                    {data.days.iter().map(|d| view! {
                        <tr>
                            <td>{date(d.date)}</td>
                            <td>{d.note.clone()}</td>
                            <td class="muted">{s.day_kind(d.kind)}</td>
                            <td>{button_form(&url, &csrf, "delete_day", ("date", d.date.to_string()), s.admin_delete, None)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <form method="post" action=url.clone() class="admin-form">
                {day.hidden()}
                {day.summary(&[AdminField::Date, AdminField::Note])}
                {day.input(AdminField::Date, s.admin_date, "", Input::text(10).kind("date").required())}
                {day.select(AdminField::Kind, s.admin_kind, "day_off", vec![
                    ("day_off".to_owned(), s.day_kind(DayKind::AnnouncedDayOff).to_owned()),
                    ("working_day".to_owned(), s.day_kind(DayKind::MakeUpWorkingDay).to_owned()),
                ], None)}
                {day.input(AdminField::Note, s.admin_note, "", Input::text(200).required())}
                <p><button type="submit" class="button">{s.admin_add}</button></p>
            </form>
        </section>

        <section id="thoi-han">
            <h2>{s.admin_terms}</h2>
            <p class="hint">{s.admin_terms_hint}</p>
            <ul>
                {data.terms.iter().map(|r| {
                    let agency = r.agency.clone().unwrap_or_default();
                    let category = r.category.map(|c| c.as_str().to_owned()).unwrap_or_default();
                    view! {
                        <li>
                            {r.agency.as_deref().map_or_else(|| s.any.to_owned(), &agency_name)} " · "
                            {r.category.map_or(s.any, |c| f.category(c))} ": " <strong>{s.term(r.term)}</strong> " "
                            <a href=format!("{here}?sua-thoi-han={}#thoi-han-form", encode(&term_key(r)))>{a.edit}</a> " "
                            <form method="post" action=url.clone() class="inline-form">
                                <input type="hidden" name="csrf" value=csrf.clone() />
                                <input type="hidden" name="action" value="delete_term" />
                                <input type="hidden" name="agency" value=agency />
                                <input type="hidden" name="category" value=category />
                                <button type="submit" class="link-button">{s.admin_delete}</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form method="post" action=url.clone() class="admin-form" id="thoi-han-form">
                {term.hidden()}
                {term.summary(&[AdminField::Agency, AdminField::Category, AdminField::Amount])}
                {term.select(AdminField::Agency, s.admin_agency, term_shown.as_ref().and_then(|r| r.agency.as_deref()).unwrap_or_default(), agencies(Some(s.any)), None)}
                {term.select(AdminField::Category, f.category_label, term_shown.as_ref().and_then(|r| r.category).map_or("", |c| c.as_str()), categories.clone(), None)}
                <div class="field-pair">
                    {term.input(AdminField::Amount, s.calc_term, &term_shown.as_ref().map(|r| r.term.amount.to_string()).unwrap_or_default(),
                        Input::text(3).kind("number").required())}
                    {term.select(AdminField::Unit, s.calc_unit,
                        term_shown.as_ref().map_or("days", |r| if r.term.unit == civicdesk_domain::calendar::TermUnit::WorkingDays { "working_days" } else { "days" }),
                        vec![("days".to_owned(), s.days.to_owned()), ("working_days".to_owned(), s.working_days.to_owned())], None)}
                </div>
                <p><button type="submit" class="button">{s.admin_save}</button></p>
            </form>
        </section>

        <section id="xem-xet-lai">
            <h2>{a.reexamination_title}</h2>
            <p class="hint">{a.reexamination_hint}</p>
            <form method="post" action=url.clone() class="admin-form">
                {reexamination.hidden()}
                {reexamination.summary(&[AdminField::WithinDays, AdminField::TermDays])}
                <div class="field-pair">
                    {reexamination.input(AdminField::WithinDays, a.reexamine_within, &data.reexamination.within_days.to_string(),
                        Input::text(3).kind("number").required())}
                    {reexamination.input(AdminField::TermDays, a.reexamine_term, &data.reexamination.term_days.to_string(),
                        Input::text(3).kind("number").required())}
                </div>
                <p><button type="submit" class="button">{s.admin_save}</button></p>
            </form>
        </section>

        <section id="luu-tru">
            <h2>{a.retention_title}</h2>
            <p class="hint">{a.retention_hint}</p>
            <form method="post" action=url.clone() class="admin-form">
                {retention.hidden()}
                {retention.summary(&[AdminField::KeepDays])}
                {retention.input(AdminField::KeepDays, a.retention_days, &data.retention.keep_days.to_string(),
                    Input::text(4).kind("number").required())}
                <p><button type="submit" class="button">{s.admin_save}</button></p>
            </form>
        </section>

        <section id="mau-tra-loi">
            <h2>{s.templates}</h2>
            {data.templates.iter().map(|(agency, kept)| view! {
                <h3>{agency.name.clone()}</h3>
                <ul>
                    {kept.iter().map(|(id, title, _)| view! {
                        <li>
                            {title.clone()} " "
                            <a href=format!("{here}?sua-mau={id}#mau-form")>{a.edit}</a> " "
                            {button_form(&url, &csrf, "delete_template", ("id", id.to_string()), s.admin_delete, None)}
                        </li>
                    }).collect_view()}
                </ul>
            }).collect_view()}
            <form method="post" action=url.clone() class="admin-form" id="mau-form">
                <h3>{if template_shown.is_some() { a.edit } else { s.admin_add }}</h3>
                {template.hidden()}
                {template_shown.map(|(_, t)| view! { <input type="hidden" name="id" value=t.0.to_string() /> })}
                {template.summary(&[AdminField::Agency, AdminField::Title, AdminField::Body])}
                {template.select(AdminField::Agency, s.admin_agency, template_shown.map_or("", |(agency, _)| agency.code.as_str()), agencies(None), None)}
                {template.input(AdminField::Title, f.title_label, template_shown.map_or("", |(_, t)| t.1.as_str()), Input::text(200).required())}
                {template.textarea(AdminField::Body, s.answer_text, template_shown.map_or("", |(_, t)| t.2.as_str()), 10000)}
                <p>
                    <button type="submit" class="button">{s.admin_save}</button>
                    {template_shown.is_some().then(|| view! { " " <a href=here.clone()>{a.cancel}</a> })}
                </p>
            </form>
        </section>

        <section id="dinh-tuyen">
            <h2>{s.admin_routing}</h2>
            <p class="hint">{s.admin_routing_hint}</p>
            <ul>
                {data.rules.iter().map(|(r, note)| view! {
                    <li>
                        {r.category.map_or(s.any, |c| f.category(c))} " · "
                        {r.area.as_deref().map_or_else(|| s.any.to_owned(), &area_name)} " → "
                        <strong>{agency_name(&r.agency)}</strong>
                        {(!note.is_empty()).then(|| view! { " " <span class="muted">"(" {note.clone()} ")"</span> })} " "
                        <a href=format!("{here}?sua-quy-tac={}#quy-tac-form", r.id)>{a.edit}</a> " "
                        {button_form(&url, &csrf, "delete_rule", ("id", r.id.to_string()), s.admin_delete, None)}
                    </li>
                }).collect_view()}
            </ul>
            <form method="post" action=url.clone() class="admin-form" id="quy-tac-form">
                <h3>{if rule_shown.is_some() { a.edit } else { s.admin_add }}</h3>
                {rule.hidden()}
                {rule_shown.as_ref().map(|(r, _)| view! { <input type="hidden" name="id" value=r.id.to_string() /> })}
                {rule.summary(&[AdminField::Category, AdminField::Area, AdminField::Agency])}
                {rule.select(AdminField::Category, f.category_label, rule_shown.as_ref().and_then(|(r, _)| r.category).map_or("", |c| c.as_str()), categories, None)}
                {rule.select(AdminField::Area, f.area_label, rule_shown.as_ref().and_then(|(r, _)| r.area.as_deref()).unwrap_or_default(), areas, None)}
                {rule.select(AdminField::Agency, s.admin_agency, rule_shown.as_ref().map_or("", |(r, _)| r.agency.as_str()), agencies(None), None)}
                {rule.input(AdminField::Note, s.admin_note, rule_shown.as_ref().map_or("", |(_, n)| n.as_str()), Input::text(200))}
                <p>
                    <button type="submit" class="button">{s.admin_save}</button>
                    {rule_shown.is_some().then(|| view! { " " <a href=here.clone()>{a.cancel}</a> })}
                </p>
            </form>
        </section>
    }
}
