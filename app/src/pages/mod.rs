//! One module per page, each with the server functions it calls.

pub mod admin;
pub mod agencies;
pub mod answers;
pub mod calculator;
pub mod changes;
pub mod directory;
pub mod feedback;
pub mod follow;
pub mod home;
pub mod not_found;
pub mod open_data;
pub mod password_link;
pub mod procedure;
pub mod record;
pub mod staff;
pub mod survey;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_texts;

/// The page title, followed by the portal's name.
#[component]
pub fn PageTitle(#[prop(into)] text: TextProp) -> impl IntoView {
    let t = use_texts();
    let title = move || title_text(&format!("{} · {}", text.get(), t.portal_name));
    // The server writes `<title>` after the body, when the page's reactive values may already
    // have been disposed (reading one then panics): there the title is fixed as the page starts
    // rendering. In the browser it follows them, e.g. the search typed.
    #[cfg(feature = "ssr")]
    let title = title();
    view! { <Title text=title /> }
}

/// leptos_meta writes the server-rendered `<title>` without escaping, so a search for
/// `</title><script>` would end the element; in the browser the title is set as plain text.
fn title_text(text: &str) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    } else {
        text.to_owned()
    }
}
