//! Pieces shared by several pages.

pub mod chart;
pub mod feedback_form;
pub mod figure_table;
pub mod files;
pub mod form;
pub mod layout;
pub mod procedure_list;
pub mod search_box;
pub mod text_area;

use leptos::prelude::*;

use crate::i18n::use_texts;

/// The message shown where data could not be loaded.
#[component]
pub fn LoadFailed() -> impl IntoView {
    view! { <p class="notice notice-error" role="alert">{use_texts().load_failed}</p> }
}

/// Names a page's Atom feed in the head, for feed readers (`<link rel="alternate">`), under
/// `title`. Outside any `<Suspense>`: the head's links are written before what a suspense waits
/// for.
#[component]
pub fn FeedAlternate(href: String, title: &'static str) -> impl IntoView {
    view! { <leptos_meta::Link rel="alternate" type_="application/atom+xml" href title /> }
}

/// A link to a page's Atom feed, for people.
pub fn feed_link(href: String, label: &'static str) -> impl IntoView {
    view! { <p class="feed-link"><a href=href type="application/atom+xml">{label}</a></p> }
}

/// A wide table that scrolls sideways on a narrow screen, and can be scrolled from the keyboard.
pub fn table_region(label: &'static str, table: impl IntoView) -> impl IntoView {
    view! { <div class="table-scroll" role="region" aria-label=label tabindex="0">{table}</div> }
}

/// A URL with query parameters, encoded.
pub fn with_query(path: &str, params: &[(&str, String)]) -> String {
    if params.is_empty() {
        return path.to_owned();
    }
    let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
    format!("{path}?{}", query.join("&"))
}

/// Percent-encodes a query value (UTF-8), keeping unreserved characters.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_vietnamese_query_values() {
        assert_eq!(
            with_query("/thu-tuc", &[("q", "khai sinh".into()), ("cap", "xa".into())]),
            "/thu-tuc?q=khai+sinh&cap=xa"
        );
        assert_eq!(encode("đ&="), "%C4%91%26%3D");
    }
}
