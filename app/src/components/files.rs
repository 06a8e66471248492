//! A case's attached files, as the submitter's page, the official's page and the public answer
//! list them.

use leptos::prelude::*;

/// One file: a link to it under its name, and its size.
pub fn file_link(href: String, name: String, bytes: u64) -> impl IntoView {
    view! { <a href=href>{name}</a> " (" {kilobytes(bytes)} " KB)" }
}

/// A titled section listing `files`, each drawn by `item`; nothing when there are none.
pub fn file_section<T, V: IntoView + 'static>(
    title: &'static str,
    files: &[T],
    item: impl Fn(&T) -> V,
) -> Option<AnyView> {
    (!files.is_empty()).then(|| {
        let items = files.iter().map(|f| view! { <li>{item(f)}</li> }).collect_view();
        view! {
            <section>
                <h2>{title}</h2>
                <ul>{items}</ul>
            </section>
        }
        .into_any()
    })
}

/// A size in kilobytes to one decimal.
fn kilobytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_in_kilobytes() {
        assert_eq!(super::kilobytes(1536), "1.5");
        assert_eq!(super::kilobytes(0), "0.0");
    }
}
