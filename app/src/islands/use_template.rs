use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// Puts a template's text into the answer being drafted (the text area `target`). Shown once the
/// island runs; without JavaScript the template is on the page to copy.
#[island]
pub fn UseTemplate(label: String, body: String, target: String) -> impl IntoView {
    let hydrated = super::hydrated();
    let insert = move |_| {
        let answer = document()
            .get_element_by_id(&target)
            .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlTextAreaElement>().ok());
        if let Some(answer) = answer {
            answer.set_value(&body);
            let _ = answer.focus();
        }
    };
    view! {
        <button type="button" class="button button-secondary" hidden=move || !hydrated.get() on:click=insert>
            {label}
        </button>
    }
}
