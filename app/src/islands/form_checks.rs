//! What the feedback form does in the browser: it checks what was typed by the server's own
//! rules before anything is sent, and suggests procedures as their name is typed. The form is
//! rendered on the server (the island's children) with a slot for each field's message and a
//! summary at the top; the island fills them in place, so its code stays small.

use civicdesk_domain::feedback::{FeedbackForm, Field, FieldError};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, FormData, HtmlElement, HtmlFormElement, HtmlInputElement};

use crate::i18n::{FeedbackTexts, Lang};

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

/// Around the feedback form: checks it when it is sent, and suggests procedures for its
/// procedure field. Both events bubble up from the form to this wrapper.
#[island]
pub fn FormChecks(lang: Lang, children: Children) -> impl IntoView {
    let f = lang.feedback();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        let Ok(data) = FormData::new_with_form(&form) else { return };
        // (Whether the procedure, agency or area exists, and the files, the server checks.)
        let errors = match typed(&data).validate() {
            Ok(_) => Vec::new(),
            Err(found) => {
                ev.prevent_default();
                found
            }
        };
        show(&form, &errors, f);
    };
    let on_input = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        if input.id() != "f-procedure" {
            return;
        }
        let typed = input.value();
        leptos::task::spawn_local(async move {
            let found = if typed.trim().chars().count() < 2 {
                Vec::new()
            } else {
                suggest_procedures(typed).await.unwrap_or_default()
            };
            suggest(&found);
        });
    };
    view! { <div class="form-checks" on:submit=on_submit on:input=on_input>{children()}</div> }
}

/// The form as typed, read the way the server reads the post.
fn typed(data: &FormData) -> FeedbackForm {
    FeedbackForm::from_fields(|name| data.get(name).as_string())
}

/// Writes each field's message (or clears it) and the summary, then moves the focus to the
/// summary when there is something to fix. Text is set as text, never as markup.
fn show(form: &HtmlFormElement, errors: &[FieldError], f: &FeedbackTexts) {
    let document = document();
    for field in Field::ALL {
        let id = format!("f-{}", field.as_str());
        let message = errors.iter().find(|e| e.field == field).map(|e| f.problem(&e.problem));
        if let Some(slot) = document.get_element_by_id(&format!("{id}-error")) {
            slot.set_text_content(message.as_deref());
            set_hidden(&slot, message.is_none());
            if let Some(row) = slot.parent_element() {
                let _ = row.class_list().toggle_with_force("field-invalid", message.is_some());
            }
        }
        if let Some(control) = document.get_element_by_id(&id) {
            let _ = match message {
                Some(_) => control.set_attribute("aria-invalid", "true"),
                None => control.remove_attribute("aria-invalid"),
            };
        }
    }
    let Ok(Some(summary)) = form.query_selector(".error-summary") else { return };
    if let Ok(Some(list)) = summary.query_selector("ul") {
        list.set_text_content(None);
        for e in errors {
            let (Ok(item), Ok(link)) = (document.create_element("li"), document.create_element("a")) else { continue };
            let _ = link.set_attribute("href", &format!("#f-{}", e.field.as_str()));
            link.set_text_content(Some(&format!("{}: {}", f.field(e.field), f.problem(&e.problem))));
            let _ = item.append_child(&link);
            let _ = list.append_child(&item);
        }
    }
    set_hidden(&summary, errors.is_empty());
    if !errors.is_empty()
        && let Ok(summary) = summary.dyn_into::<HtmlElement>()
    {
        let _ = summary.focus();
    }
}

fn set_hidden(element: &Element, hidden: bool) {
    let _ = if hidden { element.set_attribute("hidden", "") } else { element.remove_attribute("hidden") };
}

/// Replaces the procedure field's suggestions.
fn suggest(found: &[(String, String)]) {
    let document = document();
    let Some(list) = document.get_element_by_id("procedure-suggestions") else { return };
    list.set_text_content(None);
    for (code, name) in found {
        if let Ok(option) = document.create_element("option") {
            let _ = option.set_attribute("value", code);
            option.set_text_content(Some(name));
            let _ = list.append_child(&option);
        }
    }
}
