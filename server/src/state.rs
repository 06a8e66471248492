//! What every handler can reach ([`AppState`]), and what every rendered page has in its context.

use std::sync::Arc;

use axum::extract::FromRef;
use civicdesk_app::assets::Assets;
use civicdesk_app::server::PublicUrl;
use civicdesk_services::Services;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;

use crate::demo;
use crate::http::middleware::page_cache::PageCache;
use crate::http::middleware::security::{self, Site};

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// What the portal does (intake, case work, accounts, the calendar) over its store; pages
    /// call the same.
    pub services: Arc<Services>,
    pub page_cache: Arc<PageCache>,
    /// The portal's public address, for links in e-mails and on the submitter's page.
    pub public_url: String,
    /// Its origin, the only one forms may be posted from.
    pub site: Site,
    /// Whether this is the demonstration (`CIVICDESK_DEMO`): every page says so.
    pub demo: bool,
    /// The names of the built style sheet and islands' bundle.
    pub assets: Arc<Assets>,
}

impl AppState {
    /// What every rendered page has in its context: the services, the public address, the
    /// built files' names.
    pub fn page_context(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let services = self.services.clone();
        let public_url = PublicUrl(self.public_url.clone());
        let demo = self.demo.then(demo::about);
        let assets = Assets::clone(&self.assets);
        move || {
            provide_context(assets.clone());
            if let Some(demo) = &demo {
                provide_context(demo.clone());
            }
            provide_context(services.clone());
            provide_context(public_url.clone());
            // The scripts Leptos writes carry the nonce the response's policy allows.
            if let Some(nonce) = security::page_nonce() {
                provide_context(leptos::nonce::Nonce::from_value(nonce));
            }
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
