//! A small in-memory cache of rendered public pages.
//!
//! The directory, procedure and agency pages are the same for every visitor and change only when
//! the catalogue does, yet rendering one costs a Leptos render and a few queries. This keeps each
//! rendered (and compressed) page for a few seconds, so a popular page is rendered a few times a
//! minute instead of on every request. The time to live bounds how stale another instance's
//! change — or a catalogue import run from the command line — can look.
//!
//! Only allow-listed public paths are cached, only for GET requests without a session cookie, and
//! only `200` answers that set no cookie: nothing personal can ever be stored here.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Header telling whether an answer came from the cache (`hit`) or was rendered (`miss`).
pub const X_CACHE: HeaderName = HeaderName::from_static("x-cache");

/// The cookie that marks a signed-in official: their pages are never cached.
pub use civicdesk_services::accounts::SESSION_COOKIE;

/// Public page paths (without the `/en` prefix) whose answers are the same for everyone.
const CACHEABLE: &[&str] = &["/", "/thu-tuc", "/co-quan"];

/// Pages larger than this are served but not kept.
const MAX_PAGE_BYTES: usize = 512 * 1024;

#[derive(Clone)]
struct Cached {
    stored: Instant,
    headers: HeaderMap,
    body: Bytes,
}

/// Bounded by entry count; expired entries are dropped when room is needed.
pub struct PageCache {
    ttl: Duration,
    capacity: usize,
    pages: Mutex<HashMap<String, Cached>>,
}

impl PageCache {
    /// A cache keeping pages for `ttl` (zero turns it off), at most `capacity` of them.
    pub fn new(ttl: Duration, capacity: usize) -> Arc<Self> {
        Arc::new(PageCache { ttl, capacity, pages: Mutex::new(HashMap::new()) })
    }

    /// Forgets every page, e.g. after this instance changed the catalogue.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Cached>> {
        // A panic while holding the lock cannot leave the map inconsistent: keep using it.
        self.pages.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn get(&self, key: &str) -> Option<Cached> {
        let pages = self.lock();
        pages.get(key).filter(|page| page.stored.elapsed() < self.ttl).cloned()
    }

    fn put(&self, key: String, page: Cached) {
        let mut pages = self.lock();
        if pages.len() >= self.capacity && !pages.contains_key(&key) {
            let ttl = self.ttl;
            pages.retain(|_, page| page.stored.elapsed() < ttl);
            if pages.len() >= self.capacity {
                return;
            }
        }
        pages.insert(key, page);
    }
}

fn is_cacheable_path(path: &str) -> bool {
    let path = path.strip_prefix("/en").map(|rest| if rest.is_empty() { "/" } else { rest }).unwrap_or(path);
    if !path.starts_with('/') {
        return false;
    }
    CACHEABLE.iter().any(|prefix| {
        if *prefix == "/" {
            path == "/"
        } else {
            path == *prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'))
        }
    })
}

fn has_session(headers: &HeaderMap) -> bool {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).any(|cookies| {
        cookies.split(';').any(|c| c.trim().split_once('=').is_some_and(|(name, _)| name == SESSION_COOKIE))
    })
}

/// The middleware: answers from the cache when it can, otherwise renders and keeps the answer.
/// It sits outside compression, so the key includes the encodings the client accepts.
pub async fn layer(State(cache): State<Arc<PageCache>>, request: Request, next: Next) -> Response {
    if cache.ttl.is_zero()
        || request.method() != Method::GET
        || !is_cacheable_path(request.uri().path())
        || has_session(request.headers())
    {
        return next.run(request).await;
    }
    let accept = request.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let key = format!("{}\n{accept}", request.uri());
    if let Some(page) = cache.get(&key) {
        let mut response = (StatusCode::OK, page.body).into_response();
        *response.headers_mut() = page.headers;
        response.headers_mut().insert(X_CACHE, HeaderValue::from_static("hit"));
        return response;
    }

    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // The page is rendered whole in memory already (asynchronous SSR), so buffering it costs
    // nothing more; a body that fails while streaming leaves nothing to serve or keep.
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, "rendering a page failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if body.len() <= MAX_PAGE_BYTES {
        cache.put(key, Cached { stored: Instant::now(), headers: parts.headers.clone(), body: body.clone() });
    }
    parts.headers.insert(X_CACHE, HeaderValue::from_static("miss"));
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_catalogue_pages_are_cacheable() {
        for path in ["/", "/en", "/thu-tuc", "/thu-tuc/1.001193", "/en/co-quan/so-tu-phap", "/co-quan"] {
            assert!(is_cacheable_path(path), "{path}");
        }
        for path in ["/phan-anh/tra-cuu", "/can-bo", "/thu-tucx", "/api/v1/procedures", "/enx", "/en/can-bo", "/pkg/x"]
        {
            assert!(!is_cacheable_path(path), "{path}");
        }
    }

    #[test]
    fn a_session_cookie_is_recognised_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("theme=dark; civicdesk_session=abc"));
        assert!(has_session(&headers));
        headers.insert(header::COOKIE, HeaderValue::from_static("civicdesk_session_old=abc"));
        assert!(!has_session(&headers));
    }

    #[test]
    fn a_full_cache_keeps_serving_what_it_has_and_drops_expired_pages_first() {
        let cache = PageCache::new(Duration::from_secs(60), 2);
        let page = |body: &'static str| Cached { stored: Instant::now(), headers: HeaderMap::new(), body: body.into() };
        cache.put("a".into(), page("a"));
        cache.put("b".into(), page("b"));
        cache.put("c".into(), page("c"));
        assert!(cache.get("a").is_some() && cache.get("b").is_some());
        assert!(cache.get("c").is_none(), "a full cache of fresh pages takes no more");
        cache.lock().get_mut("a").unwrap().stored -= Duration::from_secs(61);
        assert!(cache.get("a").is_none(), "expired pages are not served");
        cache.put("c".into(), page("c"));
        assert!(cache.get("c").is_some(), "an expired page makes room");
    }
}
