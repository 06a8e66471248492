//! The parts of a form that say what is wrong: the summary at the top and each field's row
//! (label, hint, message), shared by the pages' forms and the feedback form's island.

use civicdesk_domain::feedback::{Field, FieldError};
use leptos::prelude::*;

use crate::i18n::{FeedbackTexts, use_lang};

pub(crate) fn field_id(field: Field) -> String {
    format!("f-{}", field.as_str())
}

pub(crate) fn error_for(errors: &[FieldError], field: Field, f: &FeedbackTexts) -> Option<String> {
    errors.iter().find(|e| e.field == field).map(|e| f.problem(&e.problem))
}

/// The list of problems at the top of a form, each a link to its field.
#[component]
pub(crate) fn ErrorSummary(errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let f = use_lang().feedback();
    let summary = NodeRef::<leptos::html::Div>::new();
    // Focused when the page comes back with problems (also without JavaScript), and when the
    // browser's own check finds some before sending.
    let on_arrival = !errors.read_untracked().is_empty();
    Effect::new(move |_| {
        if !errors.read().is_empty()
            && let Some(el) = summary.get()
        {
            let _ = el.focus();
        }
    });
    view! {
        <div class="error-summary" role="alert" tabindex="-1" autofocus=on_arrival node_ref=summary hidden=move || errors.read().is_empty()>
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
pub(crate) fn FieldRow(
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

/// The field a person never sees and a bot fills in (`website`): a form that comes back with it
/// is not kept.
pub(crate) fn honeypot(id: &'static str) -> impl IntoView {
    let f = use_lang().feedback();
    view! {
        <div class="hp" aria-hidden="true">
            <label for=id>{f.honeypot_label}</label>
            <input id=id name="website" type="text" tabindex="-1" autocomplete="off" />
        </div>
    }
}

pub(crate) fn described_by(field: Field, hint: bool) -> String {
    let id = field_id(field);
    if hint { format!("{id}-hint {id}-error") } else { format!("{id}-error") }
}

/// The new password, typed twice, of a password change and of a password link, at least
/// [`MIN_PASSWORD`](civicdesk_domain::accounts::MIN_PASSWORD) long; `prefix` starts the fields' ids.
#[component]
pub(crate) fn NewPasswordFields(prefix: &'static str) -> impl IntoView {
    let s = use_lang().staff();
    let min = civicdesk_domain::accounts::MIN_PASSWORD;
    let (new, again) = (format!("{prefix}-new"), format!("{prefix}-again"));
    let hint = format!("{new}-hint");
    view! {
        <div class="field">
            <label for=new.clone()>{s.password_new}</label>
            <p class="hint" id=hint.clone()>{s.password_new_hint}</p>
            <input id=new name="new" type="password" required minlength=min
                autocomplete="new-password" maxlength="200" aria-describedby=hint />
        </div>
        <div class="field">
            <label for=again.clone()>{s.password_again}</label>
            <input id=again name="again" type="password" required minlength=min
                autocomplete="new-password" maxlength="200" />
        </div>
    }
}
