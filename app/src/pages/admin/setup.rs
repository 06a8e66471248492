//! A province's set-up: agencies (`/quan-tri/co-quan`), areas (`/quan-tri/dia-ban`) and fields
//! (`/quan-tri/linh-vuc`). Each page lists what is stored, with an edit link (`?sua=CODE`) that
//! fills the form below and a delete button; the same form adds.

use civicdesk_domain::agency::{Agency, AgencyLevel};
use civicdesk_domain::cases::Area;
use civicdesk_domain::catalogue::FieldSummary;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::AdminPosted;
use super::{AdminForm, AdminNav, Input, button_form, table_region};
use crate::components::LoadFailed;
use crate::i18n::{use_lang, use_texts};
use crate::pages::PageTitle;
use crate::pages::staff::{Me, StaffBar};
use civicdesk_domain::problems::AdminField;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgenciesData {
    pub me: Me,
    pub agencies: Vec<Agency>,
}

#[server]
pub async fn get_admin_agencies() -> Result<Option<AgenciesData>, ServerFnError> {
    use crate::server::{storage_failed, store};
    let Some(me) = super::admin_me().await? else { return Ok(None) };
    let mut agencies = store()?.agency_records().await.map_err(storage_failed)?;
    agencies.sort_by_key(|a| (a.level, !a.coordinating, civicdesk_domain::text::fold(&a.name)));
    Ok(Some(AgenciesData { me, agencies }))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreasData {
    pub me: Me,
    pub areas: Vec<Area>,
    pub agencies: Vec<(String, String)>,
}

#[server]
pub async fn get_admin_areas() -> Result<Option<AreasData>, ServerFnError> {
    use crate::server::{storage_failed, store};
    let Some(me) = super::admin_me().await? else { return Ok(None) };
    let store = store()?;
    let agencies = crate::server::agency_links(store.as_ref()).await?.into_iter().map(|a| (a.code, a.name)).collect();
    Ok(Some(AreasData { me, areas: store.areas().await.map_err(storage_failed)?, agencies }))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldsData {
    pub me: Me,
    pub fields: Vec<FieldSummary>,
}

#[server]
pub async fn get_admin_fields() -> Result<Option<FieldsData>, ServerFnError> {
    use crate::server::{storage_failed, store};
    let Some(me) = super::admin_me().await? else { return Ok(None) };
    Ok(Some(FieldsData { me, fields: store()?.fields().await.map_err(storage_failed)? }))
}

/// The top of every set-up page: the bar, the title, the sections, the notice of a saved change.
fn frame(me: Me, title: &'static str, intro: &'static str, current: &'static str) -> impl IntoView {
    let a = use_lang().admin();
    let done = use_query_map().read_untracked().get("xong");
    view! {
        <StaffBar me />
        <h1>{title}</h1>
        <AdminNav current />
        <p class="hint">{intro}</p>
        {done.map(|_| view! { <p class="notice notice-success" role="status">{a.saved}</p> })}
    }
}

/// Loads a page's data and the refused form, then shows it (or "not found", or the failure).
macro_rules! admin_page {
    ($title:expr, $load:expr, $view:ident) => {{
        let t = use_texts();
        // The page is drawn again when its query changes (an edit link followed in the browser).
        let search = leptos_router::hooks::use_location().search;
        let data = Resource::new(move || search.get(), |_| $load);
        let posted = Resource::new(|| (), |_| async move { use_context::<AdminPosted>() });
        view! {
            <PageTitle text=$title />
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    match data.await {
                        Ok(Some(data)) => view! { <$view data posted /> }.into_any(),
                        Ok(None) => view! { <h1>{t.not_found_title}</h1><p>{t.not_found_text}</p> }.into_any(),
                        Err(_) => view! { <LoadFailed /> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }};
}
pub(super) use admin_page;

/// The code being edited (`?sua=`), unless a refused form says otherwise.
fn editing(form: &AdminForm) -> Option<String> {
    let asked = use_query_map().read_untracked().get("sua").unwrap_or_default();
    Some(form.value("original", &asked)).filter(|c| !c.is_empty())
}

#[component]
pub fn AgenciesPage() -> impl IntoView {
    admin_page!(use_lang().admin().agencies_title, get_admin_agencies(), AgenciesView)
}

#[component]
fn AgenciesView(data: AgenciesData, posted: Option<AdminPosted>) -> impl IntoView {
    let lang = use_lang();
    let (a, t) = (lang.admin(), lang.texts());
    let url = lang.href("/quan-tri");
    let csrf = data.me.csrf.clone();
    let name_of =
        |code: &str| data.agencies.iter().find(|x| x.code == code).map_or_else(|| code.to_owned(), |x| x.name.clone());
    let delete_problem = AdminForm::new("delete_agency", &posted, &csrf);
    let form = AdminForm::new("save_agency", &posted, &csrf);
    let code = editing(&form);
    let stored = code.as_ref().and_then(|c| data.agencies.iter().find(|x| &x.code == c)).cloned();
    let input = civicdesk_domain::setup::AgencyInput::from_agency(&stored.clone().unwrap_or_else(|| Agency {
        code: String::new(),
        slug: String::new(),
        name: String::new(),
        level: AgencyLevel::Commune,
        parent: None,
        email: String::new(),
        phone: String::new(),
        address: String::new(),
        office_hours: String::new(),
        cutoff: "17:00".to_owned(),
        website: None,
        coordinating: false,
    }));
    let levels: Vec<(String, String)> =
        AgencyLevel::ALL.into_iter().map(|l| (l.slug().to_owned(), t.level(l).to_owned())).collect();
    let parents: Vec<(String, String)> = std::iter::once((String::new(), a.none.to_owned()))
        .chain(
            data.agencies.iter().filter(|x| Some(&x.code) != code.as_ref()).map(|x| (x.code.clone(), x.name.clone())),
        )
        .collect();
    view! {
        {frame(data.me.clone(), a.agencies_title, a.agencies_intro, "/quan-tri/co-quan")}
            {delete_problem.summary(&[])}
            <p class="hint" id="xoa-co-quan">{a.delete_hint}</p>
            {table_region(a.agencies_title, view! { <table class="admin-table">
                <thead><tr>
                    <th scope="col">{a.code}</th><th scope="col">{a.name}</th><th scope="col">{a.level}</th>
                    <th scope="col">{a.parent_agency}</th><th scope="col">{a.email}</th><th scope="col">{a.cutoff}</th>
                    <th scope="col"><span class="visually-hidden">{a.edit}</span></th>
                </tr></thead>
                <tbody>
                    {data.agencies.iter().map(|x| view! {
                        <tr>
                            <td><code>{x.code.clone()}</code></td>
                            <td>
                                <a href=lang.href(&format!("/co-quan/{}", x.slug))>{x.name.clone()}</a>
                                {x.coordinating.then(|| view! { " " <span class="badge">{a.coordinating_mark}</span> })}
                            </td>
                            <td>{t.level(x.level)}</td>
                            <td>{x.parent.as_deref().map(name_of)}</td>
                            <td>{x.email.clone()}</td>
                            <td>{x.cutoff.clone()}</td>
                            {row_actions("/quan-tri/co-quan", &csrf, "delete_agency", &x.code, "xoa-co-quan")}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table> })}

            <form method="post" action=url.clone() class="admin-form" id="sua">
                <h2>{if stored.is_some() { a.agency_edit } else { a.agency_add }}</h2>
                {form.hidden()}
                {form.summary(&[AdminField::Code, AdminField::Name, AdminField::Slug, AdminField::Level, AdminField::Parent, AdminField::Email, AdminField::Phone, AdminField::Address, AdminField::OfficeHours, AdminField::Cutoff, AdminField::Website])}
                {match &stored {
                    Some(x) => view! {
                        <input type="hidden" name="original" value=x.code.clone() />
                        <p><strong>{a.code}": "</strong><code>{x.code.clone()}</code></p>
                        <p class="hint">{a.code_fixed}</p>
                    }.into_any(),
                    None => form.input(AdminField::Code, a.code, &input.code, Input::text(40).required().hint(a.code_hint)).into_any(),
                }}
                {form.input(AdminField::Name, a.name, &input.name, Input::text(200).required())}
                {form.input(AdminField::Slug, a.slug, &input.slug, Input::text(120).hint(a.slug_hint))}
                {form.select(AdminField::Level, a.level, &input.level, levels, None)}
                {form.select(AdminField::Parent, a.parent_agency, &input.parent, parents, None)}
                {form.input(AdminField::Email, a.email, &input.email, Input::text(254).required().kind("email"))}
                {form.input(AdminField::Phone, a.phone, &input.phone, Input::text(40).kind("tel"))}
                {form.input(AdminField::Address, a.address, &input.address, Input::text(300))}
                {form.input(AdminField::OfficeHours, a.office_hours, &input.office_hours, Input::text(300).hint(a.office_hours_hint))}
                {form.input(AdminField::Cutoff, a.cutoff, &input.cutoff, Input::text(5).hint(a.cutoff_hint))}
                {form.input(AdminField::Website, a.website, &input.website, Input::text(300).kind("url"))}
                {form.checkbox(AdminField::Coordinating, a.coordinating, input.coordinating, a.coordinating_hint)}
                <p>
                    <button type="submit" class="button">{lang.staff().admin_save}</button>
                    {stored.is_some().then(|| view! { " " <a href=lang.href("/quan-tri/co-quan")>{a.cancel}</a> })}
                </p>
            </form>
    }
}

/// A row's edit link (to `page?sua=code`) and delete button (posting `delete` for it).
fn row_actions(page: &str, csrf: &str, delete: &'static str, code: &str, hint_id: &str) -> impl IntoView + use<> {
    let lang = use_lang();
    let url = lang.href("/quan-tri");
    view! {
        <td class="row-actions">
            <a href=format!("{}?sua={}#sua", lang.href(page), crate::components::encode(code))>{lang.admin().edit}</a>
            " "
            {button_form(&url, csrf, delete, ("original", code.to_owned()), lang.staff().admin_delete, Some(hint_id.to_owned()))}
        </td>
    }
}

#[component]
pub fn AreasPage() -> impl IntoView {
    admin_page!(use_lang().admin().areas_title, get_admin_areas(), AreasView)
}

#[component]
fn AreasView(data: AreasData, posted: Option<AdminPosted>) -> impl IntoView {
    let lang = use_lang();
    let a = lang.admin();
    let url = lang.href("/quan-tri");
    let csrf = data.me.csrf.clone();
    let area_name =
        |code: &str| data.areas.iter().find(|x| x.code == code).map_or_else(|| code.to_owned(), |x| x.name.clone());
    let agency_name =
        |code: &str| data.agencies.iter().find(|(c, _)| c == code).map_or_else(|| code.to_owned(), |(_, n)| n.clone());
    let delete_problem = AdminForm::new("delete_area", &posted, &csrf);
    let form = AdminForm::new("save_area", &posted, &csrf);
    let code = editing(&form);
    let stored = code.as_ref().and_then(|c| data.areas.iter().find(|x| &x.code == c)).cloned();
    let none = || (String::new(), a.none.to_owned());
    let parents: Vec<(String, String)> = std::iter::once(none())
        .chain(data.areas.iter().filter(|x| Some(&x.code) != code.as_ref()).map(|x| (x.code.clone(), x.name.clone())))
        .collect();
    let agencies: Vec<(String, String)> = std::iter::once(none()).chain(data.agencies.iter().cloned()).collect();
    // Provinces first, each followed by the areas within it.
    let mut ordered: Vec<(usize, &Area)> = Vec::new();
    fn place<'a>(areas: &'a [Area], parent: Option<&str>, depth: usize, out: &mut Vec<(usize, &'a Area)>) {
        for area in areas.iter().filter(|x| x.parent.as_deref() == parent) {
            out.push((depth, area));
            place(areas, Some(&area.code), depth + 1, out);
        }
    }
    place(&data.areas, None, 0, &mut ordered);
    // Areas whose parent is not listed still show, at the top level.
    for area in &data.areas {
        if !ordered.iter().any(|(_, x)| x.code == area.code) {
            ordered.push((0, area));
        }
    }
    view! {
        {frame(data.me.clone(), a.areas_title, a.areas_intro, "/quan-tri/dia-ban")}
            {delete_problem.summary(&[])}
            <p class="hint" id="xoa-dia-ban">{a.delete_hint}</p>
            {table_region(a.areas_title, view! { <table class="admin-table">
                <thead><tr>
                    <th scope="col">{a.code}</th><th scope="col">{a.name}</th><th scope="col">{a.parent_area}</th>
                    <th scope="col">{a.area_agency}</th><th scope="col"><span class="visually-hidden">{a.edit}</span></th>
                </tr></thead>
                <tbody>
                    {ordered.iter().map(|(depth, x)| view! {
                        <tr>
                            <td><code>{x.code.clone()}</code></td>
                            <td class=format!("depth-{}", (*depth).min(3))>{x.name.clone()}</td>
                            <td>{x.parent.as_deref().map(area_name)}</td>
                            <td>{x.agency.as_deref().map(agency_name)}</td>
                            {row_actions("/quan-tri/dia-ban", &csrf, "delete_area", &x.code, "xoa-dia-ban")}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table> })}

            <form method="post" action=url.clone() class="admin-form" id="sua">
                <h2>{if stored.is_some() { a.area_edit } else { a.area_add }}</h2>
                {form.hidden()}
                {form.summary(&[AdminField::Code, AdminField::Name, AdminField::Parent, AdminField::Agency])}
                {match &stored {
                    Some(x) => view! {
                        <input type="hidden" name="original" value=x.code.clone() />
                        <p><strong>{a.code}": "</strong><code>{x.code.clone()}</code></p>
                    }.into_any(),
                    None => form.input(AdminField::Code, a.code, "", Input::text(40).required().hint(a.code_hint)).into_any(),
                }}
                {form.input(AdminField::Name, a.name, stored.as_ref().map_or("", |x| x.name.as_str()), Input::text(200).required())}
                {form.select(AdminField::Parent, a.parent_area, stored.as_ref().and_then(|x| x.parent.as_deref()).unwrap_or_default(), parents, None)}
                {form.select(AdminField::Agency, a.area_agency, stored.as_ref().and_then(|x| x.agency.as_deref()).unwrap_or_default(), agencies, None)}
                <p>
                    <button type="submit" class="button">{lang.staff().admin_save}</button>
                    {stored.is_some().then(|| view! { " " <a href=lang.href("/quan-tri/dia-ban")>{a.cancel}</a> })}
                </p>
            </form>
    }
}

#[component]
pub fn FieldsPage() -> impl IntoView {
    admin_page!(use_lang().admin().fields_title, get_admin_fields(), FieldsView)
}

#[component]
fn FieldsView(data: FieldsData, posted: Option<AdminPosted>) -> impl IntoView {
    let lang = use_lang();
    let a = lang.admin();
    let url = lang.href("/quan-tri");
    let csrf = data.me.csrf.clone();
    let delete_problem = AdminForm::new("delete_field", &posted, &csrf);
    let form = AdminForm::new("save_field", &posted, &csrf);
    let code = editing(&form);
    let stored = code.as_ref().and_then(|c| data.fields.iter().find(|x| &x.field.code == c)).map(|f| f.field.clone());
    view! {
        {frame(data.me.clone(), a.fields_title, a.fields_intro, "/quan-tri/linh-vuc")}
            {delete_problem.summary(&[])}
            <p class="hint" id="xoa-linh-vuc">{a.delete_hint}</p>
            {table_region(a.fields_title, view! { <table class="admin-table">
                <thead><tr>
                    <th scope="col">{a.code}</th><th scope="col">{a.name}</th><th scope="col">{a.procedures}</th>
                    <th scope="col"><span class="visually-hidden">{a.edit}</span></th>
                </tr></thead>
                <tbody>
                    {data.fields.iter().map(|x| view! {
                        <tr>
                            <td><code>{x.field.code.clone()}</code></td>
                            <td>{x.field.name.clone()}</td>
                            <td class="number">{x.procedures}</td>
                            {row_actions("/quan-tri/linh-vuc", &csrf, "delete_field", &x.field.code, "xoa-linh-vuc")}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table> })}

            <form method="post" action=url.clone() class="admin-form" id="sua">
                <h2>{if stored.is_some() { a.field_edit } else { a.field_add }}</h2>
                {form.hidden()}
                {form.summary(&[AdminField::Code, AdminField::Name])}
                {match &stored {
                    Some(x) => view! {
                        <input type="hidden" name="original" value=x.code.clone() />
                        <p><strong>{a.code}": "</strong><code>{x.code.clone()}</code></p>
                    }.into_any(),
                    None => form.input(AdminField::Code, a.code, "", Input::text(40).required().hint(a.code_hint)).into_any(),
                }}
                {form.input(AdminField::Name, a.name, stored.as_ref().map_or("", |x| x.name.as_str()), Input::text(200).required())}
                <p>
                    <button type="submit" class="button">{lang.staff().admin_save}</button>
                    {stored.is_some().then(|| view! { " " <a href=lang.href("/quan-tri/linh-vuc")>{a.cancel}</a> })}
                </p>
            </form>
    }
}
