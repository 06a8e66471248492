//! `/metrics` in Prometheus' text format, for the addresses configured only
//! (`CIVICDESK_METRICS_FROM`, default loopback), and the layer that counts and times every
//! request by its route.
//!
//! Besides the process's counters ([`crate::metrics`]), each scrape reads what the database
//! holds now: the outbox's depth and the age of its oldest message, the open cases by where they
//! stand against their deadline, and the connection pools' use. These are gauges of this scrape,
//! in a registry of its own, so portals sharing one process never mix them.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use civicdesk_domain::stats::OpenToday;
use prometheus::{Encoder, Gauge, IntGauge, IntGaugeVec, Opts, Registry, TextEncoder};

use crate::http::edge::{OrUnavailable, Refused};
use crate::metrics::metrics;
use crate::state::AppState;

/// Counts and times each request under the route it matched (`unmatched` for the built files
/// and the 404 page), so the labels stay few whatever the addresses asked.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str).to_owned();
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let m = metrics();
    m.latency.with_label_values(&[route.as_str()]).observe(started.elapsed().as_secs_f64());
    m.requests.with_label_values(&[route.as_str(), method.as_str(), response.status().as_str()]).inc();
    response
}

/// Lets through only a direct connection from one of `allowed`: a request relayed by a proxy
/// says so (`Forwarded`, `X-Forwarded-For`) and is refused, whatever the proxy's own address.
pub async fn only_from(
    State(allowed): State<Arc<Vec<IpAddr>>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let relayed =
        |headers: &HeaderMap| headers.contains_key(header::FORWARDED) || headers.contains_key("x-forwarded-for");
    let peer = peer.ip().to_canonical();
    if allowed.contains(&peer) && !relayed(request.headers()) {
        return next.run(request).await;
    }
    (StatusCode::FORBIDDEN, "/metrics answers only the addresses in CIVICDESK_METRICS_FROM\n").into_response()
}

/// `GET /metrics`.
pub async fn scrape(State(state): State<AppState>) -> Result<Response, Refused> {
    let now = Registry::new();
    read_now(&state, &now).await?;
    let mut families = metrics().registry.gather();
    families.extend(now.gather());
    let mut body = Vec::new();
    TextEncoder::new().encode(&families, &mut body).or_unavailable("writing the metrics")?;
    Ok(([(header::CONTENT_TYPE, prometheus::TEXT_FORMAT)], body).into_response())
}

fn gauge(registry: &Registry, name: &str, help: &str) -> Result<IntGauge, Refused> {
    let gauge = IntGauge::new(name, help).or_unavailable("making a gauge")?;
    registry.register(Box::new(gauge.clone())).or_unavailable("registering a gauge")?;
    Ok(gauge)
}

fn gauges(registry: &Registry, name: &str, help: &str, labels: &[&str]) -> Result<IntGaugeVec, Refused> {
    let gauges = IntGaugeVec::new(Opts::new(name, help), labels).or_unavailable("making a gauge")?;
    registry.register(Box::new(gauges.clone())).or_unavailable("registering a gauge")?;
    Ok(gauges)
}

/// What the database says now, into `registry`.
async fn read_now(state: &AppState, registry: &Registry) -> Result<(), Refused> {
    let store = state.services.store.as_ref();
    let pending = store.mail_pending().await.or_unavailable("counting the outbox")?;
    let oldest = store.oldest_pending_mail().await.or_unavailable("reading the outbox")?;
    gauge(registry, "civicdesk_outbox_pending", "E-mails waiting to be sent (not sent, not given up)")?
        .set(i64::try_from(pending).unwrap_or(i64::MAX));
    let age = Gauge::new("civicdesk_outbox_oldest_age_seconds", "Age of the oldest e-mail waiting, 0 with none")
        .or_unavailable("making a gauge")?;
    registry.register(Box::new(age.clone())).or_unavailable("registering a gauge")?;
    age.set(oldest.map_or(0.0, |at| (Utc::now() - at).num_milliseconds().max(0) as f64 / 1000.0));

    // Where every agency's open cases stand today, as the queue and the scorecards count them.
    let today = civicdesk_domain::calendar::local_day(Utc::now());
    let calendar = state.services.calendars.current();
    let mut counts = Vec::new();
    for agency in store.agency_records().await.or_unavailable("reading the agencies")? {
        counts.extend(store.open_by_due(&agency.code).await.or_unavailable("counting open cases")?);
    }
    let open = OpenToday::of(&calendar, today, &counts);
    let cases = gauges(
        registry,
        "civicdesk_open_cases",
        "Open cases by where they stand against their deadline today",
        &["deadline"],
    )?;
    for (label, n) in [
        ("on_time", open.on_time),
        ("due_soon", open.due_soon),
        ("overdue", open.overdue),
        ("very_overdue", open.very_overdue),
        ("paused", open.paused),
    ] {
        cases.with_label_values(&[label]).set(i64::try_from(n).unwrap_or(i64::MAX));
    }

    let connections =
        gauges(registry, "civicdesk_db_connections", "Database connections by pool, busy or idle", &["pool", "state"])?;
    let most = gauges(registry, "civicdesk_db_connections_max", "The most connections a pool opens", &["pool"])?;
    for pool in store.pools() {
        connections.with_label_values(&[pool.name, "busy"]).set(i64::from(pool.open.saturating_sub(pool.idle)));
        connections.with_label_values(&[pool.name, "idle"]).set(i64::from(pool.idle));
        most.with_label_values(&[pool.name]).set(i64::from(pool.max));
    }
    Ok(())
}
