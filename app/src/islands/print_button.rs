use leptos::prelude::*;

/// Prints the page. Hidden until the island runs: without JavaScript the browser's own print
/// command is the way.
#[island]
pub fn PrintButton(label: String) -> impl IntoView {
    let hydrated = super::hydrated();
    view! {
        <button type="button" class="button-secondary print-button" hidden=move || !hydrated.get()
            on:click=move |_| { let _ = window().print(); }>{label}</button>
    }
}
