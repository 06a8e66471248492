use leptos::prelude::*;

use super::PageTitle;
use crate::i18n::{use_lang, use_texts};

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::set_status(404);
    let t = use_texts();
    view! {
        <PageTitle text=t.not_found_title />
        <h1>{t.not_found_title}</h1>
        <p>{t.not_found_text}</p>
        <p><a href=use_lang().href("/")>{t.go_home}</a></p>
    }
}
