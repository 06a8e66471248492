//! What every answer and every posted form goes through, whatever the route: the origin check
//! that refuses forged posts, and the headers that keep pages from being framed, cached where
//! they should not be, leaking their address, or running a script the page did not send.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use super::refusals::{json_refusal, message_page};

/// The portal's own origin (`scheme://host[:port]`), the only one its forms may be posted from.
#[derive(Clone, Debug)]
pub struct Site {
    origin: String,
    https: bool,
}

impl Site {
    /// From the public address (`CIVICDESK_PUBLIC_URL`).
    pub fn new(public_url: &str) -> Self {
        let (scheme, rest) = public_url.split_once("://").unwrap_or(("http", public_url));
        let authority = rest.split('/').next().unwrap_or_default();
        let scheme = scheme.to_ascii_lowercase();
        Site { https: scheme == "https", origin: format!("{scheme}://{}", authority.to_ascii_lowercase()) }
    }

    /// Whether the portal is served over HTTPS (cookies marked `Secure`, HSTS sent).
    pub fn https(&self) -> bool {
        self.https
    }

    /// Whether the portal's address is this machine's own (loopback): the only place where demo
    /// accounts, whose password is published, may exist.
    pub fn is_loopback(&self) -> bool {
        let authority = self.origin.split_once("://").map_or("", |(_, authority)| authority);
        let host = match authority.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or_default(),
            None => authority.rsplit_once(':').map_or(authority, |(host, _)| host),
        };
        host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|address| address.is_loopback())
    }

    /// Whether a state-changing request comes from a page of this site. Browsers send `Origin`
    /// with every form post and `fetch`. A page sent with `Referrer-Policy: no-referrer` (the
    /// private link's) posts with `Origin: null`; then, as when `Origin` is missing,
    /// `Sec-Fetch-Site` must say `same-origin`, or else `Referer` must be this site. A request
    /// that says nothing at all is refused: no browser this portal serves posts that way, and a
    /// forged one might.
    pub fn allows(&self, headers: &HeaderMap) -> bool {
        let text = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
        match text(header::ORIGIN) {
            Some("null") | None => {}
            Some(origin) => return origin.eq_ignore_ascii_case(&self.origin),
        }
        if let Some(site) = text(HeaderName::from_static("sec-fetch-site")) {
            return site == "same-origin";
        }
        text(header::REFERER).is_some_and(|referer| {
            referer.len() >= self.origin.len()
                && referer[..self.origin.len()].eq_ignore_ascii_case(&self.origin)
                && matches!(referer.as_bytes().get(self.origin.len()), None | Some(b'/' | b'?' | b'#'))
        })
    }
}

/// Paths that only machines call, without cookies: the public API and Open311 (a case filed by
/// another system), the health check and the one-click unsubscribe. A forged post there gains nothing a direct one would not.
fn is_cookieless_api(path: &str) -> bool {
    path.starts_with("/api/v1/") || path.starts_with("/open311/v2/") || path == "/healthz" || is_one_click(path)
}

/// A message's one-click unsubscribe (RFC 8058): a mail program posts it from no page of ours.
/// It needs the token only that message holds, and can only stop a following.
fn is_one_click(path: &str) -> bool {
    let path = path.strip_prefix("/en").unwrap_or(path);
    path.strip_prefix("/theo-doi/").and_then(|rest| rest.strip_suffix("/huy")).is_some_and(|t| !t.contains('/'))
}

/// Refuses a post, put or delete from another site (or one that does not say where it comes
/// from) with a 403 page, before any handler reads it.
pub async fn same_site_posts(State(site): State<Site>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_cookieless_api(request.uri().path()) || site.allows(request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!(path = request.uri().path(), "a post from another site was refused");
    super::limits::drain_refused(request.into_body()).await;
    message_page(StatusCode::FORBIDDEN, |lang| (lang.texts().forged_title, lang.texts().forged_text))
}

/// Whether an answer is an HTML page.
pub fn is_html(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"))
}

tokio::task_local! {
    /// The nonce of the response being made, for the scripts of the page rendered for it.
    static NONCE: String;
}

/// The nonce the page being rendered must give its scripts, when it is rendered for a request
/// (see [`with_nonce`]).
pub fn page_nonce() -> Option<String> {
    NONCE.try_with(Clone::clone).ok()
}

/// Gives each request a fresh nonce, which the page rendered for it puts on its scripts
/// ([`page_nonce`]), and sends an HTML answer with the policy that allows exactly those.
///
/// The nonce is set here, around everything that answers the request (Leptos' pages and the
/// forms' re-rendered pages alike, which render on the request's own task), rather than
/// through Leptos' response options: under concurrent load in a browser those were seen to come
/// back empty now and then, and a page whose policy does not match its scripts does not hydrate.
pub async fn with_nonce(request: Request, next: Next) -> Response<Body> {
    let nonce = leptos::nonce::Nonce::new().to_string();
    let mut response = NONCE.scope(nonce.clone(), next.run(request)).await;
    if is_html(response.headers())
        && let Ok(policy) = HeaderValue::from_str(&content_security_policy(Some(&nonce)))
    {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// Refuses an address that encodes U+0000 (`%00`): no path or search of this portal holds
/// one, and PostgreSQL cannot even compare text that does, so it would fail as a server error.
pub async fn no_nul_in_address(request: Request, next: Next) -> Response<Body> {
    let uri = request.uri();
    let encoded_nul = |s: &str| s.as_bytes().windows(3).any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0');
    if encoded_nul(uri.path()) || uri.query().is_some_and(encoded_nul) {
        if is_cookieless_api(uri.path()) {
            return json_refusal(StatusCode::BAD_REQUEST, "the address holds a NUL character (%00)");
        }
        return message_page(StatusCode::BAD_REQUEST, |lang| {
            (lang.texts().bad_address_title, lang.texts().bad_address_text)
        });
    }
    next.run(request).await
}

/// The Content-Security-Policy of a page whose scripts carry `nonce`: only those scripts run
/// (and what they load), WASM may be compiled, nothing may frame the page, forms post only here.
/// Without a nonce, no script runs.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'"),
        None => "'none'".to_owned(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// Pages whose address is itself a key: the submitter's private link, an official's one-time
/// password link.
fn is_private_link(path: &str) -> bool {
    let path = path.strip_prefix("/en").unwrap_or(path);
    ["/phan-anh/tra-cuu/", "/can-bo/dat-mat-khau/"]
        .iter()
        .any(|prefix| path.strip_prefix(prefix).is_some_and(|rest| !rest.is_empty()))
}

/// Officials' pages and data: never kept by a browser or a proxy.
fn is_staff(path: &str) -> bool {
    let path = path.strip_prefix("/en").unwrap_or(path);
    ["/can-bo", "/quan-tri", "/api/v1/staff"]
        .iter()
        .any(|p| path == *p || path.strip_prefix(p).is_some_and(|rest| rest.starts_with('/')))
}

/// Sets the headers every answer carries (see the module's description). Pages have their
/// policy from [`with_nonce`]; HTML answered before it (a refused post) gets one that runs no
/// script.
pub async fn headers(State(site): State<Site>, request: Request, next: Next) -> Response<Body> {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if is_html(headers)
        && !headers.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(policy) = HeaderValue::from_str(&content_security_policy(None))
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    let private = is_private_link(&path);
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static(if private { "no-referrer" } else { "strict-origin-when-cross-origin" }),
    );
    if private || is_staff(&path) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if site.https() {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(HeaderName::from_static(name), HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn only_this_sites_origin_scheme_included_may_post() {
        let site = Site::new("https://dichvucong.example.vn");
        assert!(site.allows(&with(&[("origin", "https://dichvucong.example.vn")])));
        assert!(!site.allows(&with(&[("origin", "http://dichvucong.example.vn")])), "another scheme");
        assert!(!site.allows(&with(&[("origin", "https://dichvucong.example.vn.evil.example")])));
        assert!(!site.allows(&with(&[("origin", "null")])), "an opaque origin that says nothing more");
        assert!(!site.allows(&with(&[("origin", "null"), ("sec-fetch-site", "cross-site")])), "a sandboxed frame");
        assert!(
            site.allows(&with(&[("origin", "null"), ("sec-fetch-site", "same-origin")])),
            "a form on a page sent without referrers"
        );
        assert!(!site.allows(&HeaderMap::new()), "a post that does not say where it comes from");
        assert!(site.allows(&with(&[("sec-fetch-site", "same-origin")])));
        assert!(!site.allows(&with(&[("sec-fetch-site", "cross-site")])));
        assert!(site.allows(&with(&[("referer", "https://dichvucong.example.vn/can-bo")])));
        assert!(!site.allows(&with(&[("referer", "https://dichvucong.example.vn.evil.example/")])));
        assert!(!site.allows(&with(&[("referer", "http://dichvucong.example.vn/can-bo")])));
        let local = Site::new("http://127.0.0.1:3000/");
        assert!(local.allows(&with(&[("origin", "http://127.0.0.1:3000")])));
        assert!(!local.allows(&with(&[("origin", "http://127.0.0.1:3001")])));
    }

    #[test]
    fn only_this_machines_own_addresses_are_loopback() {
        for url in ["http://127.0.0.1:3000", "https://LOCALHOST:8443/x", "http://[::1]:3000", "http://127.1.2.3"] {
            assert!(Site::new(url).is_loopback(), "{url}");
        }
        for url in
            ["https://dichvucong.example.vn", "http://0.0.0.0:3000", "http://10.0.0.2:3000", "http://[2001:db8::1]"]
        {
            assert!(!Site::new(url).is_loopback(), "{url}");
        }
    }

    #[test]
    fn private_links_and_staff_pages_are_told_apart() {
        assert!(is_private_link("/phan-anh/tra-cuu/abc"));
        assert!(is_private_link("/en/phan-anh/tra-cuu/abc/tep/1"));
        assert!(!is_private_link("/phan-anh/tra-cuu/") && !is_private_link("/phan-anh/tra-cuu"));
        assert!(is_private_link("/can-bo/dat-mat-khau/abc") && !is_private_link("/can-bo/dat-mat-khau/"));
        assert!(is_staff("/can-bo") && is_staff("/en/can-bo/phan-anh/X") && is_staff("/api/v1/staff/cases/X"));
        assert!(is_staff("/quan-tri") && !is_staff("/can-bo-x") && !is_staff("/phan-anh"));
    }

    #[test]
    fn the_policy_runs_only_nonced_scripts() {
        let policy = content_security_policy(Some("abc"));
        assert!(policy.contains("script-src 'nonce-abc' 'strict-dynamic' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("unsafe-inline"));
        for part in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"] {
            assert!(policy.contains(part), "{part}");
        }
        assert!(content_security_policy(None).contains("script-src 'none'"));
    }
}
