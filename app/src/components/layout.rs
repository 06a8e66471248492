use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;

use crate::i18n::Lang;

/// Present (as context) only when the portal runs the demonstration: its accounts, for the
/// sign-in page, and the password they share, which is published.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Demo {
    pub password: String,
    /// (e-mail, role, agency code)
    pub accounts: Vec<(String, civicdesk_domain::workflow::Role, String)>,
}

/// The demonstration's accounts when the portal runs it, else `None`.
#[server]
pub async fn get_demo() -> Result<Option<Demo>, ServerFnError> {
    Ok(use_context::<Demo>())
}

/// The frame of every page: header with navigation and language switch, main content, footer.
/// It provides the page's language to everything inside it.
#[component]
pub fn Layout(lang: Lang, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    provide_context(lang);
    let t = lang.texts();
    let location = use_location();
    let other = match lang {
        Lang::Vi => Lang::En,
        Lang::En => Lang::Vi,
    };
    let switch_href = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        let current =
            if search.is_empty() { location.pathname.get() } else { format!("{}?{search}", location.pathname.get()) };
        lang.switch_href(&current)
    };
    let demo = Resource::new(|| (), |_| get_demo());
    view! {
        <Html {..} lang=lang.code() />
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    demo.await.ok().flatten().map(|_| view! { <p class="demo-banner" role="note">{t.demo_banner}</p> })
                })}
            </Suspense>
            <div class="container header-inner">
                <a class="brand" href=lang.href("/")>
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    <span class="brand-text">
                        <span class="brand-name">{t.portal_name}</span>
                        <span class="brand-tagline">{t.portal_tagline}</span>
                    </span>
                </a>
                <nav class="main-nav" aria-label=t.nav_label>
                    <a href=lang.href("/thu-tuc")>{t.nav_procedures}</a>
                    <a href=lang.href("/co-quan")>{t.nav_agencies}</a>
                    <a href=lang.href("/phan-anh")>{lang.feedback().nav_answers}</a>
                    <a href=lang.href("/phan-anh/gui")>{lang.feedback().nav}</a>
                    <a href=lang.href("/thong-ke")>{lang.record().nav}</a>
                    <a href=lang.href("/khao-sat")>{lang.survey().nav}</a>
                    <a
                        class="lang-switch"
                        href=switch_href
                        hreflang=other.code()
                        lang=other.code()
                        title=t.other_language_label
                    >
                        {t.other_language}
                    </a>
                </nav>
            </div>
        </header>
        <main id="main" class="container" tabindex="-1">
            {match children {
                Some(children) => children().into_any(),
                None => view! { <Outlet /> }.into_any(),
            }}
        </main>
        <footer class="site-footer">
            <div class="container">
                <p>{t.portal_name} " · " {t.portal_tagline}</p>
                <p><a href=lang.href("/du-lieu-mo")>{lang.open_data().nav}</a></p>
                <p class="muted">{t.footer_note}</p>
            </div>
        </footer>
    }
}
