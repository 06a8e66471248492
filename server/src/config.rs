//! Configuration, read once from the environment at start-up. Every variable has a default that
//! runs the embedded set-up (SQLite in the data folder) with no preparation.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;

#[derive(Clone, Debug)]
pub struct Config {
    /// `LEPTOS_SITE_ADDR`, default `127.0.0.1:3000`.
    pub site_addr: SocketAddr,
    /// `CIVICDESK_DATA_DIR`, default `data`: everything the portal stores on disk.
    pub data_dir: PathBuf,
    /// `DATABASE_URL`, default the SQLite file `civicdesk.db` in the data folder;
    /// a `postgres://` URL selects PostgreSQL.
    pub database_url: String,
    /// `LEPTOS_SITE_ROOT`, default `target/site`: the built CSS, JS and WASM.
    pub site_root: PathBuf,
    /// `CIVICDESK_DEMO`, default `true`: load the demo catalogue into an empty database.
    pub load_demo: bool,
    /// `CIVICDESK_PAGE_CACHE_SECONDS`, default `10`: how long a rendered public page is reused
    /// (0 turns the cache off). Bounds how stale another instance's change can look.
    pub page_cache_ttl: Duration,
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let data_dir = PathBuf::from(var("CIVICDESK_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url =
            var("DATABASE_URL").unwrap_or_else(|| format!("sqlite://{}", data_dir.join("civicdesk.db").display()));
        Ok(Config {
            site_addr: var("LEPTOS_SITE_ADDR")
                .unwrap_or_else(|| "127.0.0.1:3000".into())
                .parse()
                .context("LEPTOS_SITE_ADDR must be an address such as 127.0.0.1:3000")?,
            data_dir,
            database_url,
            site_root: PathBuf::from(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into())),
            load_demo: match var("CIVICDESK_DEMO").as_deref() {
                None | Some("1" | "true" | "yes") => true,
                Some("0" | "false" | "no") => false,
                Some(other) => anyhow::bail!("CIVICDESK_DEMO must be true or false, not {other:?}"),
            },
            page_cache_ttl: Duration::from_secs(
                var("CIVICDESK_PAGE_CACHE_SECONDS")
                    .map(|v| v.parse())
                    .transpose()
                    .context("CIVICDESK_PAGE_CACHE_SECONDS must be a whole number of seconds")?
                    .unwrap_or(10),
            ),
        })
    }

    /// The database URL with any password hidden, for logs.
    pub fn database_for_logs(&self) -> String {
        match self.database_url.split_once('@') {
            Some((credentials, host)) => match credentials.rsplit_once(':') {
                Some((user, _)) if !user.ends_with('/') => format!("{user}:***@{host}"),
                _ => self.database_url.clone(),
            },
            None => self.database_url.clone(),
        }
    }
}
