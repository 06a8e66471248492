//! Rate limits on submitting and looking up, per client address (tower-governor). The address is
//! the peer's, or — only when the peer is a configured reverse proxy — the last address in
//! `X-Forwarded-For` that is not one of those proxies. Browsers get a bilingual HTML page,
//! API clients JSON; both carry `Retry-After`.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use civicdesk_app::i18n::{Lang, fill};
use tower_governor::GovernorError;
use tower_governor::governor::{GovernorConfig, GovernorConfigBuilder};
use tower_governor::key_extractor::KeyExtractor;

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

pub type Limiter = Arc<GovernorConfig<ClientAddress, governor::middleware::NoOpMiddleware>>;

pub fn limiter(limit: RateLimit, client: ClientAddress) -> Limiter {
    Arc::new(
        GovernorConfigBuilder::default()
            .period(limit.every)
            .burst_size(limit.burst)
            .key_extractor(client)
            .finish()
            .expect("a rate limit with a burst and a period"),
    )
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
    let seconds = wait.to_string();
    let section = |lang: Lang| {
        let f = lang.feedback();
        format!(
            "<section lang=\"{}\"><h1>{}</h1><p>{}</p></section>",
            lang.code(),
            f.too_many_title,
            fill(f.too_many_text, &[("seconds", &seconds)])
        )
    };
    let body = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{}</title><link rel=\"stylesheet\" \
         href=\"/pkg/civicdesk.css\"></head><body><main class=\"container\">{}<hr>{}</main></body></html>",
        Lang::Vi.feedback().too_many_title,
        section(Lang::Vi),
        section(Lang::En)
    );
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::RETRY_AFTER, HeaderValue::from(wait));
    response
}

/// For the API: JSON.
pub fn json_error(error: GovernorError) -> Response<Body> {
    let Some(wait) = wait_of(&error) else { return error.into() };
    let body = serde_json::json!({ "errors": [{ "field": null, "message": format!("Too many requests; retry after {wait} s.") }] });
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(header::RETRY_AFTER, HeaderValue::from(wait));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

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
