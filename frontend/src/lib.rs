//! The browser side of civicdesk: the code of the pages' islands. Pages are rendered on the
//! server; the loader in each page that has an island fetches this bundle and calls
//! [`hydrate`], then each island's own function (exported by `#[island]` in the app crate).

#![recursion_limit = "256"]

use civicdesk_app as _;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
