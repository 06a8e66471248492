//! The texts of the page being rendered: the tables are in `civicdesk-texts`; the page's
//! language comes from the layout's context.

pub use civicdesk_texts::*;
use leptos::prelude::*;

/// The language of the page being rendered, provided by the layout.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or(Lang::Vi)
}

pub fn use_texts() -> &'static Texts {
    use_lang().texts()
}
