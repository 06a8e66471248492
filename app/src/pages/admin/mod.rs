//! Administration (`/quan-tri/…`), for administrators only: the working calendar, answer terms,
//! templates and routing (`/quan-tri`); the province's agencies, areas and fields; staff accounts;
//! other systems' Open311 keys; and the audit trail. Every form posts to `POST /quan-tri` with the
//! action it names and works without JavaScript; a refused form comes back filled in, with the
//! reason beside the field.

pub mod accounts;
pub mod api_keys;
pub mod audit;
pub mod settings;
pub mod setup;

use leptos::prelude::*;

use civicdesk_domain::problems::{AdminField, AdminProblem};

pub use crate::components::table_region;

use super::staff::ActionPosted;
use crate::components::text_area::TextArea;
use crate::i18n::use_lang;

/// What an administration form sent back when refused, with why.
pub type AdminPosted = ActionPosted<AdminProblem>;

/// The sections, as (path, label); the current one is marked.
#[component]
pub fn AdminNav(current: &'static str) -> impl IntoView {
    let lang = use_lang();
    let a = lang.admin();
    let sections = [
        ("/quan-tri", a.nav_settings),
        ("/quan-tri/co-quan", a.nav_agencies),
        ("/quan-tri/dia-ban", a.nav_areas),
        ("/quan-tri/linh-vuc", a.nav_fields),
        ("/quan-tri/tai-khoan", a.nav_accounts),
        ("/quan-tri/khoa-api", a.nav_api_keys),
        ("/quan-tri/nhat-ky", a.nav_audit),
    ];
    view! {
        <nav class="admin-nav" aria-label=a.nav_label>
            <ul>
                {sections.into_iter().map(|(path, label)| view! {
                    <li>
                        <a href=lang.href(path) aria-current=(path == current).then_some("page")>{label}</a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// A form of the administrators' pages: its action, the values to show (what a refused post
/// sent, else what is stored) and the problem to explain.
#[derive(Clone, Debug)]
pub struct AdminForm {
    pub action: &'static str,
    /// What the refused post sent, when it was this form's.
    posted: Option<AdminPosted>,
    pub csrf: String,
}

impl AdminForm {
    pub fn new(action: &'static str, posted: &Option<AdminPosted>, csrf: &str) -> Self {
        AdminForm { action, posted: posted.clone().filter(|p| p.action == action), csrf: csrf.to_owned() }
    }

    /// Whether this form is the one that came back refused.
    pub fn refused(&self) -> bool {
        self.posted.is_some()
    }

    /// What to show in the posted field `field` (a control's, or a hidden one's): what was
    /// typed, if this form came back, else `stored`.
    pub fn value(&self, field: &str, stored: &str) -> String {
        match &self.posted {
            Some(p) => p.fields.iter().find(|(n, _)| n == field).map(|(_, v)| v.clone()).unwrap_or_default(),
            None => stored.to_owned(),
        }
    }

    /// Whether a checkbox is ticked: as posted, if this form came back, else `stored`.
    fn checked(&self, field: AdminField, stored: bool) -> bool {
        match &self.posted {
            Some(p) => p.fields.iter().any(|(n, v)| n == field.name() && matches!(v.as_str(), "on" | "true" | "1")),
            None => stored,
        }
    }

    /// Why this form came back, if it did.
    pub fn problem(&self) -> Option<AdminProblem> {
        self.posted.as_ref().map(|p| p.problem)
    }

    fn id(&self, field: AdminField) -> String {
        format!("f-{}-{}", self.action.replace('_', "-"), field.name())
    }

    /// The hidden fields every form carries.
    pub fn hidden(&self) -> impl IntoView + use<> {
        view! {
            <input type="hidden" name="csrf" value=self.csrf.clone() />
            <input type="hidden" name="action" value=self.action />
        }
    }

    /// The reason a form was refused when it is not about one of the `fields` it shows, at the
    /// top of the form.
    pub fn summary(&self, fields: &[AdminField]) -> impl IntoView + use<> {
        let a = use_lang().admin();
        self.problem().filter(|p| p.field().is_none_or(|f| !fields.contains(&f))).map(|problem| {
            view! { <p class="field-error" role="alert">{(a.problem)(problem)}</p> }
        })
    }

    /// A field's label, hint and (if the form was refused for it) error around its control,
    /// which gets its id, whether it is invalid, and what describes it.
    fn field<V: IntoView, C: FnOnce(String, Option<&'static str>, Option<String>) -> V>(
        &self,
        field: AdminField,
        label: &'static str,
        hint: Option<&'static str>,
        control: C,
    ) -> impl IntoView + use<V, C> {
        let a = use_lang().admin();
        let id = self.id(field);
        let error = self.problem().filter(|p| p.field() == Some(field)).map(a.problem);
        let described = [hint.map(|_| format!("{id}-hint")), error.map(|_| format!("{id}-error"))]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
                {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
                {control(id, error.map(|_| "true"), (!described.is_empty()).then_some(described))}
            </div>
        }
    }

    /// A labelled text input with its hint and, if refused for it, its error.
    pub fn input(&self, field: AdminField, label: &'static str, stored: &str, options: Input) -> impl IntoView + use<> {
        let value = self.value(field.name(), stored);
        self.field(field, label, options.hint, move |id, invalid, described| {
            view! {
                <input id=id name=field.name() type=options.kind value=value maxlength=options.max required=options.required
                    aria-invalid=invalid aria-describedby=described autocomplete=options.autocomplete />
            }
        })
    }

    /// A labelled `<select>` of (value, label) options, with its hint and error.
    pub fn select(
        &self,
        field: AdminField,
        label: &'static str,
        stored: &str,
        choices: Vec<(String, String)>,
        hint: Option<&'static str>,
    ) -> impl IntoView + use<> {
        let selected = self.value(field.name(), stored);
        self.field(field, label, hint, move |id, invalid, described| {
            view! {
                <select id=id name=field.name() aria-invalid=invalid aria-describedby=described>
                    {choices.into_iter().map(|(value, label)| {
                        let chosen = value == selected;
                        view! { <option value=value selected=chosen>{label}</option> }
                    }).collect_view()}
                </select>
            }
        })
    }

    /// A labelled text area (the safe [`TextArea`]) of at most `max` characters.
    pub fn textarea(&self, field: AdminField, label: &'static str, stored: &str, max: u32) -> impl IntoView + use<> {
        let value = self.value(field.name(), stored);
        self.field(field, label, None, move |id, invalid, described| {
            view! {
                <TextArea value={value} {..} id=id name=field.name() rows="5" maxlength=max required=true
                    aria-invalid=invalid aria-describedby=described />
            }
        })
    }

    /// A checkbox with its hint.
    pub fn checkbox(
        &self,
        field: AdminField,
        label: &'static str,
        stored: bool,
        hint: &'static str,
    ) -> impl IntoView + use<> {
        let id = self.id(field);
        view! {
            <div class="field checkbox-field">
                <input id=id.clone() name=field.name() type="checkbox" checked=self.checked(field, stored)
                    aria-describedby=format!("{id}-hint") />
                <label for=id.clone()>{label}</label>
                <p class="hint" id=format!("{id}-hint")>{hint}</p>
            </div>
        }
    }
}

/// How a text input is shown.
#[derive(Clone, Copy, Debug)]
pub struct Input {
    pub kind: &'static str,
    pub max: u32,
    pub required: bool,
    pub hint: Option<&'static str>,
    pub autocomplete: Option<&'static str>,
}

impl Input {
    pub const fn text(max: u32) -> Self {
        Input { kind: "text", max, required: false, hint: None, autocomplete: None }
    }

    pub const fn required(self) -> Self {
        Input { required: true, ..self }
    }

    pub const fn kind(self, kind: &'static str) -> Self {
        Input { kind, ..self }
    }

    pub const fn hint(self, hint: &'static str) -> Self {
        Input { hint: Some(hint), ..self }
    }

    pub const fn autocomplete(self, autocomplete: &'static str) -> Self {
        Input { autocomplete: Some(autocomplete), ..self }
    }
}

/// A one-button form that posts `action` for the item named by `(field, value)`.
pub fn button_form(
    action_url: &str,
    csrf: &str,
    action: &'static str,
    item: (&'static str, String),
    label: &'static str,
    described_by: Option<String>,
) -> impl IntoView + use<> {
    view! {
        <form method="post" action=action_url.to_owned() class="inline-form">
            <input type="hidden" name="csrf" value=csrf.to_owned() />
            <input type="hidden" name="action" value=action />
            <input type="hidden" name=item.0 value=item.1 />
            <button type="submit" class="link-button" aria-describedby=described_by>{label}</button>
        </form>
    }
}

/// The admin pages' data start with the signed-in administrator, or "not found" for others.
#[cfg(feature = "ssr")]
pub(crate) async fn admin_me() -> Result<Option<super::staff::Me>, ServerFnError> {
    let me = super::staff::me().await?;
    if me.role != civicdesk_domain::workflow::Role::Admin {
        crate::server::set_status(404);
        return Ok(None);
    }
    Ok(Some(me))
}
