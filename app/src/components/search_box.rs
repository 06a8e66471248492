use leptos::prelude::*;

use crate::i18n::{use_lang, use_texts};

/// The search form. A plain GET form to `/thu-tuc`, so it works the same with or without
/// JavaScript, and the query lands in the URL where it can be shared.
#[component]
pub fn SearchBox(#[prop(into)] value: String, #[prop(optional)] large: bool) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <form class=if large { "search-box search-box-large" } else { "search-box" } method="get" action=lang.href("/thu-tuc") role="search">
            <label for="q" class="search-label">{t.search_label}</label>
            <div class="search-row">
                <input
                    id="q"
                    name="q"
                    type="search"
                    value=value
                    placeholder=t.search_placeholder
                    aria-describedby="q-hint"
                    autocomplete="off"
                    maxlength="200"
                />
                <button type="submit">{t.search_button}</button>
            </div>
            <p id="q-hint" class="hint">{t.search_hint}</p>
        </form>
    }
}
