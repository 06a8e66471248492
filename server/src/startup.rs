//! Builds the application from a [`Config`] and serves it; tests call the same code on port 0.

use std::sync::Arc;

use anyhow::Context;
use civicdesk_app::assets::Assets;
use civicdesk_services::Services;
use civicdesk_services::accounts::IdleLimit;
use lettre::message::Mailbox;

use axum::Router;
use civicdesk_domain::store::Store;
use leptos::config::LeptosOptions;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::http::middleware::page_cache::PageCache;
use crate::http::middleware::security::Site;
use crate::state::AppState;
use crate::workers::outbox::{self, Retry, Transport};
use crate::workers::{digests, follow, retention};
use crate::{demo, http, ssr, storage};

/// Rendered public pages kept at most (a directory page is about 15 KB, so a few tens of MB).
const PAGE_CACHE_ENTRIES: usize = 2_000;

/// Opens storage (creating the data folder and loading the demo catalogue when asked) and
/// builds the router.
pub async fn build(config: &Config) -> anyhow::Result<(Router, Arc<dyn Store>)> {
    ssr::init_executor();
    let site = Site::new(&config.public_url);
    anyhow::ensure!(
        !config.load_demo || site.is_loopback(),
        "CIVICDESK_DEMO=true creates accounts whose password is published, so it runs only on this \
         machine's own address, and CIVICDESK_PUBLIC_URL is {}. Leave CIVICDESK_DEMO unset for a real \
         deployment and create the first administrator with `civicdesk create-admin`.",
        config.public_url
    );
    tokio::fs::create_dir_all(&config.data_dir).await?;
    let store = storage::open(&config.database_url).await?;
    if config.load_demo {
        demo::load_if_empty(store.as_ref()).await?;
    }
    // A database once started with the demo still holds its accounts, whatever the setting now.
    if !site.is_loopback() {
        let known = demo::accounts_with_known_password(store.as_ref()).await?;
        anyhow::ensure!(
            known.is_empty(),
            "this database holds demo accounts with the published password ({}), and CIVICDESK_PUBLIC_URL \
             ({}) is not this machine's own address: start from a database without the demo",
            known.join(", "),
            config.public_url
        );
    }
    let leptos_options = LeptosOptions::builder()
        .output_name("civicdesk")
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build();
    let page_cache = PageCache::new(config.page_cache_ttl, PAGE_CACHE_ENTRIES);

    // The services, and the workers that send the e-mail they cause.
    let idle = IdleLimit(chrono::Duration::from_std(config.idle_limit)?);
    let options = civicdesk_services::Options {
        data_dir: &config.data_dir,
        public_url: &config.public_url,
        idle,
        min_sample: config.min_sample,
    };
    let services = Services::start(store.clone(), options).await?;
    tokio::spawn(digests::run_digests(
        store.clone(),
        services.calendars.clone(),
        services.composer.clone(),
        services.outbox.clone(),
    ));
    tokio::spawn(follow::run_follow(services.clone(), config.follow_every));
    tokio::spawn(retention::run_retention(store.clone(), config.data_dir.join("uploads")));
    services.intake.recover_uploads().await?;
    let transport = Transport::from_config(config.smtp_url.as_deref(), config.data_dir.join("mail"))?;
    let from: Mailbox = config
        .mail_from
        .parse()
        .context("CIVICDESK_MAIL_FROM must be an address such as civicdesk <no-reply@example.vn>")?;
    let retry = Retry { first_wait: config.mail_retry, ..Retry::default() };
    tokio::spawn(outbox::run_outbox(store.clone(), transport, from, retry, services.outbox.clone()));

    let state = AppState {
        leptos_options,
        services,
        page_cache,
        public_url: config.public_url.clone(),
        site,
        demo: config.load_demo,
        assets: Arc::new(Assets::load(&config.site_root.join("pkg")).map_err(anyhow::Error::msg)?),
    };
    Ok((http::router(state, config), store))
}

/// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
pub async fn serve(listener: TcpListener, app: Router) -> anyhow::Result<()> {
    // The peer address is what rate limits are keyed on.
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
