//! The one way to put text into a `<textarea>`.
//!
//! Leptos writes a `<textarea>`'s children into the server's HTML as they are, unescaped (it
//! treats the element like `<script>`), so text holding `</textarea>` would end the element and
//! whatever follows would be parsed as markup. [`TextArea`] sets the content as escaped inner
//! HTML instead. A textarea's content is parsed as text with character references, both in the
//! server's page and when the browser sets `innerHTML` during client-side rendering, so the
//! escaped form reads back as exactly what was typed; hydration leaves it as the server wrote it.
//!
//! Everything else about the element is passed after `{..}`:
//! `<TextArea value={text} {..} id="f-content" name="content" rows="8" />` (the value in braces, or
//! the macro reads it together with the `{..}` that follows). A unit test fails if a
//! `<textarea` appears in any other file.

use leptos::prelude::*;

/// A `<textarea>` holding `value` as text, whatever it contains.
#[component]
pub fn TextArea(#[prop(into)] value: String) -> impl IntoView {
    view! { <textarea inner_html=escape_text(&value)></textarea> }
}

/// `text` with the characters that could end or start markup written as character references.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_the_value_stays_text() {
        assert_eq!(escape_text("a</textarea><script>&amp;"), "a&lt;/textarea&gt;&lt;script&gt;&amp;amp;");
        assert_eq!(escape_text("Nội dung \"x\" 'y'"), "Nội dung \"x\" 'y'");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_rendered_element_cannot_be_broken_out_of() {
        let html = view! { <TextArea value={"x</textarea><script>alert(1)</script>"} {..} name="content" /> }.to_html();
        assert!(html.starts_with("<textarea name=\"content\">"), "{html}");
        assert_eq!(html.matches("</textarea>").count(), 1, "{html}");
        assert!(!html.contains("<script"), "{html}");
    }

    /// Every `<textarea>` in the pages is this component's: another would be written raw.
    #[test]
    fn no_other_file_writes_a_textarea() {
        fn visit(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    visit(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("components/text_area.rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    if text.contains("<textarea") || text.contains("inner_html") {
                        found.push(path.display().to_string());
                    }
                }
            }
        }
        let mut found = Vec::new();
        visit(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
        assert!(found.is_empty(), "write text areas with components::text_area::TextArea: {found:?}");
    }
}
