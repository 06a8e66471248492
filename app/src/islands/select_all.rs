use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// The queue's header box that ticks or clears every row of its form at once. Until the island
/// runs (and without JavaScript) the column is headed by a hidden word and each row is ticked
/// by hand.
#[island]
pub fn SelectAll(label: String, heading: String) -> impl IntoView {
    let hydrated = super::hydrated();
    let toggle = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        let Some(form) =
            ev.target().and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok()).and_then(|i| i.form())
        else {
            return;
        };
        let Ok(rows) = form.query_selector_all("input[type=checkbox][name=code]") else { return };
        for i in 0..rows.length() {
            if let Some(row) = rows.item(i).and_then(|n| n.dyn_into::<leptos::web_sys::HtmlInputElement>().ok()) {
                row.set_checked(checked);
            }
        }
    };
    view! {
        {move || if hydrated.get() {
            view! { <input type="checkbox" aria-label=label.clone() on:change=toggle /> }.into_any()
        } else {
            view! { <span class="visually-hidden">{heading.clone()}</span> }.into_any()
        }}
    }
}
