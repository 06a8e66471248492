//! Rate limits on submitting and looking up, per client address (tower-governor). The address is
//! the peer's, or — only when the peer is a configured reverse proxy — the last address in
//! `X-Forwarded-For` that is not one of those proxies. Browsers get a bilingual HTML page,
//! API clients JSON; both carry `Retry-After`.
//!
//! The check is [`guard`], a middleware over tower-governor's configuration rather than its
//! layer: a refused request's body is read to the end (within bounds) before the answer goes out.
//! Answering an upload early and closing the connection with bytes unread makes the kernel reset
//! it, and the client would see a broken connection instead of the page saying when to retry.

use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderValue, Method, Request, Response, StatusCode, header};
use axum::middleware::Next;
use governor::clock::{Clock, DefaultClock};
use tower_governor::GovernorError;
use tower_governor::governor::{GovernorConfig, GovernorConfigBuilder};
use tower_governor::key_extractor::KeyExtractor;

use super::refusals::{json_refusal, retry_page};
use crate::config::RateLimit;

#[derive(Clone, Debug)]
pub struct ClientAddress {
    trusted: Arc<Vec<IpAddr>>,
}

impl ClientAddress {
    pub fn new(trusted: Vec<IpAddr>) -> Self {
        ClientAddress { trusted: Arc::new(trusted) }
    }

    /// The client's address given the peer and the `X-Forwarded-For` values.
    pub fn resolve(&self, peer: IpAddr, forwarded: Option<&str>) -> IpAddr {
        if !self.trusted.contains(&peer) {
            return peer;
        }
        forwarded
            .into_iter()
            .flat_map(|v| v.rsplit(','))
            .filter_map(|hop| hop.trim().parse::<IpAddr>().ok())
            .find(|hop| !self.trusted.contains(hop))
            .unwrap_or(peer)
    }
}

impl KeyExtractor for ClientAddress {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<Self::Key, GovernorError> {
        let peer = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .ok_or(GovernorError::UnableToExtractKey)?;
        let forwarded = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
        Ok(self.resolve(peer, forwarded))
    }
}

/// A rate limit in front of some routes, with the way its refusals are written. Clones share
/// one budget per client.
#[derive(Clone)]
pub struct Guard {
    config: Arc<GovernorConfig<ClientAddress, governor::middleware::NoOpMiddleware>>,
    /// The configuration's key extractor too, which it does not give back.
    client: ClientAddress,
    refuse: fn(GovernorError) -> Response<Body>,
}

impl Guard {
    /// `limit` per client address; refusals as a page ([`html_error`]).
    pub fn new(limit: RateLimit, client: ClientAddress) -> Self {
        let config = GovernorConfigBuilder::default()
            .period(limit.every)
            .burst_size(limit.burst)
            .key_extractor(client.clone())
            .finish()
            .expect("a rate limit with a burst and a period");
        Guard { config: Arc::new(config), client, refuse: html_error }
    }

    /// The same budget, refusals as JSON ([`json_error`]).
    pub fn api(&self) -> Self {
        Guard { refuse: json_error, ..self.clone() }
    }
}

/// At most this much of a refused request is read (the largest form accepted), for at most
/// this long.
const DRAIN_BYTES: usize = civicdesk_domain::feedback::limits::BODY_BYTES;
const DRAIN_TIME: Duration = Duration::from_secs(30);

/// Passes the request on if its client is within the limit; otherwise reads what it is still
/// sending and answers 429.
pub async fn guard(State(guard): State<Guard>, request: Request<Body>, next: Next) -> Response<Body> {
    let key = match guard.client.extract(&request) {
        Ok(key) => key,
        Err(error) => return (guard.refuse)(error),
    };
    let Err(refused) = guard.config.limiter().check_key(&key) else {
        return next.run(request).await;
    };
    let wait_time = refused.wait_time_from(DefaultClock::default().now()).as_secs();
    drain_refused(request.into_body()).await;
    (guard.refuse)(GovernorError::TooManyRequests { wait_time, headers: None })
}

/// Whether a request reads one case by its code or its private link: the public case pages, the
/// private link's pages and files, and the server functions behind them. These share the
/// look-up limit, so walking the sequential codes meets it like the look-up form does. Posts to
/// the private link's forms have limits of their own.
pub fn is_case_lookup(method: &Method, path: &str) -> bool {
    use civicdesk_app::pages::{answers::GetPublicCase, feedback::GetPrivateCase};
    use leptos::server_fn::ServerFn;
    if path == GetPublicCase::PATH || path == GetPrivateCase::PATH {
        return true;
    }
    let path = path.strip_prefix("/en").unwrap_or(path);
    let page = matches!(*method, Method::GET | Method::HEAD);
    page && path.strip_prefix("/phan-anh/").is_some_and(|rest| !matches!(rest, "" | "gui" | "tra-cuu"))
}

/// [`guard`] for the requests [`is_case_lookup`] names; others pass untouched.
pub async fn guard_lookups(State(limit): State<Guard>, request: Request<Body>, next: Next) -> Response<Body> {
    if is_case_lookup(request.method(), request.uri().path()) {
        guard(State(limit), request, next).await
    } else {
        next.run(request).await
    }
}

/// Reads what a refused request is still sending (within bounds), so that the answer reaches the
/// client instead of a reset connection.
pub(super) async fn drain_refused(body: Body) {
    let _ = tokio::time::timeout(DRAIN_TIME, drain(body)).await;
}

async fn drain(mut body: Body) {
    let mut left = DRAIN_BYTES;
    while let Some(Ok(frame)) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        left = left.saturating_sub(frame.data_ref().map_or(0, |data| data.len()));
        if left == 0 {
            return;
        }
    }
}

fn wait_of(error: &GovernorError) -> Option<u64> {
    match error {
        GovernorError::TooManyRequests { wait_time, .. } => Some((*wait_time).max(1)),
        _ => None,
    }
}

/// For pages: a short page in Vietnamese and English.
pub fn html_error(error: GovernorError) -> Response<Body> {
    let Some(wait) = wait_of(&error) else { return error.into() };
    retry_page(StatusCode::TOO_MANY_REQUESTS, wait, |lang| {
        let f = lang.feedback();
        (f.too_many_title, f.too_many_text)
    })
}

/// For the API: JSON.
pub fn json_error(error: GovernorError) -> Response<Body> {
    let Some(wait) = wait_of(&error) else { return error.into() };
    let mut response =
        json_refusal(StatusCode::TOO_MANY_REQUESTS, &format!("Too many requests; retry after {wait} s."));
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_cases_one_by_one_is_a_look_up() {
        for path in ["/phan-anh/PAKN.20260105.0001", "/en/phan-anh/PAKN.20260105.0001", "/phan-anh/tra-cuu/abc"] {
            assert!(is_case_lookup(&Method::GET, path), "{path}");
        }
        use civicdesk_app::pages::{answers::GetPublicCase, feedback::GetPrivateCase};
        use leptos::server_fn::ServerFn;
        assert!(is_case_lookup(&Method::POST, GetPublicCase::PATH));
        assert!(is_case_lookup(&Method::POST, GetPrivateCase::PATH));
        for path in ["/phan-anh", "/phan-anh/", "/phan-anh/gui", "/phan-anh/tra-cuu", "/thu-tuc/1.001193"] {
            assert!(!is_case_lookup(&Method::GET, path), "{path}");
        }
        assert!(!is_case_lookup(&Method::POST, "/phan-anh/tra-cuu/abc/danh-gia"), "the forms have their own limits");
        assert!(!is_case_lookup(&Method::POST, "/api/suggest_procedures"));
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let client = ClientAddress::new(vec![proxy]);
        let stranger: IpAddr = "203.0.113.9".parse().unwrap();
        assert_eq!(client.resolve(stranger, Some("1.2.3.4")), stranger, "a spoofed header from a stranger is ignored");
        assert_eq!(client.resolve(proxy, Some("1.2.3.4, 198.51.100.7")), "198.51.100.7".parse::<IpAddr>().unwrap());
        assert_eq!(client.resolve(proxy, Some("1.2.3.4, 10.0.0.2")), "1.2.3.4".parse::<IpAddr>().unwrap());
        assert_eq!(client.resolve(proxy, None), proxy);
    }
}
