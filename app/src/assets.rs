//! The built files a page refers to: the style sheet and, where a page has islands, the script
//! and WASM that bring them to life.
//!
//! `scripts/build-site` names each file after a hash of its content and lists the names in
//! `pkg/assets.json`, so the server can tell browsers to keep them for a year: a new release
//! has new names, and no page ever meets an old bundle.

use leptos::prelude::*;
use serde::Deserialize;

/// The names of the built files under `/pkg`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Assets {
    pub script: String,
    pub wasm: String,
    pub style: String,
}

impl Default for Assets {
    /// The names before hashing, for a server run without a built site.
    fn default() -> Self {
        Self { script: "civicdesk.js".into(), wasm: "civicdesk.wasm".into(), style: "civicdesk.css".into() }
    }
}

/// The list `scripts/build-site` writes beside the files.
pub const MANIFEST: &str = "assets.json";

impl Assets {
    /// Whether `name` is one of the files named after their content (the names differ from the
    /// unhashed defaults only when the site was built by `scripts/build-site`).
    pub fn is_hashed(&self, name: &str) -> bool {
        let plain = Self::default();
        [(&self.script, &plain.script), (&self.wasm, &plain.wasm), (&self.style, &plain.style)]
            .into_iter()
            .any(|(hashed, plain)| name == hashed && hashed != plain)
    }

    /// Reads the list from the built site's `pkg` folder; without one, the unhashed names.
    #[cfg(feature = "ssr")]
    pub fn load(pkg_dir: &std::path::Path) -> Result<Self, String> {
        let path = pkg_dir.join(MANIFEST);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }
}

/// What loads the islands: a module script that, only when the page has an island, fetches the
/// bundle and hydrates each island; then it marks the document `data-hydrated`. A page without
/// islands downloads no script or WASM at all.
#[component]
pub fn IslandScripts() -> impl IntoView {
    let assets = use_context::<Assets>().unwrap_or_default();
    // The server renders the page without hydration data except inside islands.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let arguments = serde_json::to_string(&(format!("/pkg/{}", assets.script), format!("/pkg/{}", assets.wasm)))
        .unwrap_or_default();
    let script = format!("({})(...{arguments});", include_str!("islands/loader.js").trim_end().trim_end_matches(';'));
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}
