//! Configuration, read once from the environment at start-up. Every variable has a default that
//! runs the embedded set-up (SQLite in the data folder) with no preparation.

use std::net::{IpAddr, SocketAddr};
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
    /// `CIVICDESK_DEMO`, default `false`: load the demo catalogue and its accounts (whose password
    /// is published) into an empty database. Refused unless the portal's address is loopback.
    pub load_demo: bool,
    /// `CIVICDESK_PAGE_CACHE_SECONDS`, default `10`: how long a rendered public page is reused
    /// (0 turns the cache off). Bounds how stale another instance's change can look.
    pub page_cache_ttl: Duration,
    /// `CIVICDESK_PUBLIC_URL`, default `http://` + the listen address: the portal's address in
    /// e-mailed links.
    pub public_url: String,
    /// `CIVICDESK_SMTP_URL`: e.g. `smtp://127.0.0.1:25`, `smtp://user:pass@host:587?tls=required`,
    /// `smtps://user:pass@host:465`. Unset: e-mails are written as files in `mail/` of the data folder.
    pub smtp_url: Option<String>,
    /// `CIVICDESK_MAIL_FROM`, default `civicdesk <no-reply@localhost>`.
    pub mail_from: String,
    /// `CIVICDESK_MAIL_RETRY_SECONDS`, default `30`: the first wait after a failed delivery
    /// (doubling each time, up to an hour).
    pub mail_retry: Duration,
    /// `CIVICDESK_FOLLOW_SECONDS`, default `60`: how often followers are told of what changed.
    pub follow_every: Duration,
    /// `CIVICDESK_TRUSTED_PROXIES`: comma-separated addresses of reverse proxies whose
    /// `X-Forwarded-For` is believed. Default none: the peer address is the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// `CIVICDESK_SUBMIT_LIMIT`, default `5/12`: submissions per client address, as a burst and
    /// then one more every so many seconds (`0` turns the limit off).
    pub submit_limit: Option<RateLimit>,
    /// `CIVICDESK_LOOKUP_LIMIT`, default `20/3`: look-ups by code, likewise.
    pub lookup_limit: Option<RateLimit>,
    /// `CIVICDESK_OPEN311_LIMIT`, default `60/2`: requests each client system may file through
    /// Open311 (by its key, wherever it posts from), likewise.
    pub open311_limit: Option<RateLimit>,
    /// `CIVICDESK_IDLE_MINUTES`, default `30`: a staff session unused for this long ends.
    pub idle_limit: Duration,
    /// `CIVICDESK_MIN_SAMPLE`, default `10`: the fewest cases a rate of the public record is
    /// shown as a figure and ranked on.
    pub min_sample: u64,
    /// `CIVICDESK_METRICS_FROM`, default `127.0.0.1,::1`: comma-separated addresses that may read
    /// `/metrics` (`none`: nobody). Only a direct connection counts: a request relayed by a proxy
    /// (with `Forwarded` or `X-Forwarded-For`) is refused.
    pub metrics_from: Vec<IpAddr>,
}

/// Comma-separated addresses from the variable `name`.
fn addresses(name: &str, text: &str) -> anyhow::Result<Vec<IpAddr>> {
    text.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().with_context(|| format!("{name}: {s:?} is not an address")))
        .collect()
}

/// A rate limit: `burst` requests at once, then one every `every`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub burst: u32,
    pub every: Duration,
}

impl RateLimit {
    fn parse(name: &str, value: &str) -> anyhow::Result<Option<Self>> {
        if value.trim() == "0" {
            return Ok(None);
        }
        let parsed = value.split_once('/').and_then(|(burst, secs)| {
            Some(RateLimit {
                burst: burst.trim().parse().ok()?,
                every: Duration::from_secs_f64(secs.trim().parse().ok()?),
            })
        });
        match parsed {
            Some(limit) if limit.burst > 0 && !limit.every.is_zero() => Ok(Some(limit)),
            _ => anyhow::bail!("{name} must be BURST/SECONDS such as 5/12, or 0 for no limit, not {value:?}"),
        }
    }
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let data_dir = PathBuf::from(var("CIVICDESK_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url =
            var("DATABASE_URL").unwrap_or_else(|| format!("sqlite://{}", data_dir.join("civicdesk.db").display()));
        let site_addr: SocketAddr = var("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .context("LEPTOS_SITE_ADDR must be an address such as 127.0.0.1:3000")?;
        let seconds = |name: &str, default: u64| -> anyhow::Result<Duration> {
            Ok(Duration::from_secs(
                var(name)
                    .map(|v| v.parse())
                    .transpose()
                    .with_context(|| format!("{name} must be a whole number of seconds"))?
                    .unwrap_or(default),
            ))
        };
        Ok(Config {
            site_addr,
            data_dir,
            database_url,
            site_root: PathBuf::from(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into())),
            load_demo: match var("CIVICDESK_DEMO").as_deref() {
                Some("1" | "true" | "yes") => true,
                None | Some("0" | "false" | "no") => false,
                Some(other) => anyhow::bail!("CIVICDESK_DEMO must be true or false, not {other:?}"),
            },
            page_cache_ttl: seconds("CIVICDESK_PAGE_CACHE_SECONDS", 10)?,
            public_url: var("CIVICDESK_PUBLIC_URL")
                .unwrap_or_else(|| format!("http://{site_addr}"))
                .trim_end_matches('/')
                .to_owned(),
            smtp_url: var("CIVICDESK_SMTP_URL"),
            mail_from: var("CIVICDESK_MAIL_FROM").unwrap_or_else(|| "civicdesk <no-reply@localhost>".into()),
            mail_retry: seconds("CIVICDESK_MAIL_RETRY_SECONDS", 30)?,
            follow_every: seconds("CIVICDESK_FOLLOW_SECONDS", 60)?,
            trusted_proxies: addresses(
                "CIVICDESK_TRUSTED_PROXIES",
                &var("CIVICDESK_TRUSTED_PROXIES").unwrap_or_default(),
            )?,
            submit_limit: RateLimit::parse(
                "CIVICDESK_SUBMIT_LIMIT",
                &var("CIVICDESK_SUBMIT_LIMIT").unwrap_or_else(|| "5/12".into()),
            )?,
            lookup_limit: RateLimit::parse(
                "CIVICDESK_LOOKUP_LIMIT",
                &var("CIVICDESK_LOOKUP_LIMIT").unwrap_or_else(|| "20/3".into()),
            )?,
            open311_limit: RateLimit::parse(
                "CIVICDESK_OPEN311_LIMIT",
                &var("CIVICDESK_OPEN311_LIMIT").unwrap_or_else(|| "60/2".into()),
            )?,
            idle_limit: match var("CIVICDESK_IDLE_MINUTES").map(|v| v.trim().parse::<u64>()) {
                None => Duration::from_secs(30 * 60),
                Some(Ok(minutes)) if (1..=24 * 60).contains(&minutes) => Duration::from_secs(minutes * 60),
                Some(_) => anyhow::bail!("CIVICDESK_IDLE_MINUTES must be a whole number of minutes from 1 to 1440"),
            },
            min_sample: match var("CIVICDESK_MIN_SAMPLE").map(|v| v.trim().parse::<u64>()) {
                None => civicdesk_domain::stats::DEFAULT_MIN_SAMPLE,
                Some(Ok(n)) if (1..=10_000).contains(&n) => n,
                Some(_) => anyhow::bail!("CIVICDESK_MIN_SAMPLE must be a whole number of cases from 1 to 10000"),
            },
            metrics_from: match var("CIVICDESK_METRICS_FROM") {
                Some(none) if none.trim() == "none" => Vec::new(),
                given => addresses("CIVICDESK_METRICS_FROM", given.as_deref().unwrap_or("127.0.0.1,::1"))?,
            },
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
