//! The only parts of the pages that run in the browser. Every page is rendered on the server and
//! works without JavaScript; an island adds behaviour to its part of the page once the bundle
//! has loaded ([`crate::assets::IslandScripts`] loads it only on pages that have one). An island
//! receives what it needs as properties, written into the page: the context that the server
//! gives its pages (the language, storage) does not reach the browser.

pub mod checklist;
pub mod form_checks;
pub mod print_button;
pub mod select_all;
pub mod use_template;

use leptos::prelude::*;

/// `true` once the island runs in the browser: what needs JavaScript is shown only then.
fn hydrated() -> ReadSignal<bool> {
    let (hydrated, set) = signal(false);
    Effect::new(move |_| set.set(true));
    hydrated
}
