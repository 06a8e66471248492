use leptos::prelude::*;

use crate::i18n::fill;

/// The papers of one dossier case as a list to tick off while gathering them, with a count of
/// those ticked. The items are rendered on the server (`children`); the island counts the
/// boxes as they change. `progress` is the count's text, with `{done}` and `{all}` to fill.
#[island]
pub fn Checklist(heading: String, progress: String, total: usize, children: Children) -> impl IntoView {
    let ready = RwSignal::new(0usize);
    let changed = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        ready.update(|n| if checked { *n += 1 } else { *n = n.saturating_sub(1) });
    };
    let all = total.to_string();
    view! {
        <fieldset class="checklist" on:change=changed>
            <legend>{heading}</legend>
            {children()}
            <p class="checklist-progress" aria-live="polite">
                {move || fill(&progress, &[("done", &ready.get().to_string()), ("all", &all)])}
            </p>
        </fieldset>
    }
}
