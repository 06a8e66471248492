//! For search engines: `/robots.txt` (what they may read, and where the sitemap is) and the
//! sitemap (sitemaps.org protocol 0.9): `/sitemap.xml` is an index of pages of at most
//! [`PAGE`] addresses each — the directory and the agencies, then procedures and published
//! answers by ranges of their ids (`/sitemap/thu-tuc-{n}.xml`, `/sitemap/phan-anh-{n}.xml`), so
//! every page costs one range of a table's key however large the catalogue and the record grow.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use quick_xml::Writer;
use quick_xml::events::BytesText;

use crate::http::edge::{OrUnavailable, Refused};
use crate::state::AppState;

/// Addresses on one page of the sitemap (the protocol allows 50,000).
pub const PAGE: i64 = 10_000;

/// What robots may not read: the officials' and administrators' areas, the submitters' private
/// links and the API.
const ROBOTS: &str = "User-agent: *\nDisallow: /can-bo\nDisallow: /en/can-bo\nDisallow: /quan-tri\n\
    Disallow: /en/quan-tri\nDisallow: /phan-anh/tra-cuu/\nDisallow: /en/phan-anh/tra-cuu/\nDisallow: /api/\nDisallow: /open311/\n\
    Disallow: /metrics\n";

/// `GET /robots.txt`
pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!("{ROBOTS}\nSitemap: {}/sitemap.xml\n", state.public_url);
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// `GET /sitemap.xml`: the pages of the sitemap.
pub async fn index(State(state): State<AppState>) -> Result<Response, Refused> {
    let store = &state.services.store;
    let procedures = store.last_procedure_id().await.or_unavailable("reading the catalogue")?;
    let cases = store.last_case_id().await.or_unavailable("reading the cases")?;
    let base = &state.public_url;
    let mut pages = vec![format!("{base}/sitemap/trang.xml")];
    pages.extend((0..pages_for(procedures)).map(|n| format!("{base}/sitemap/thu-tuc-{}.xml", n + 1)));
    pages.extend((0..pages_for(cases)).map(|n| format!("{base}/sitemap/phan-anh-{}.xml", n + 1)));
    xml("sitemapindex", pages.iter().map(|loc| ("sitemap", loc.as_str(), None)))
}

/// `GET /sitemap/{page}`: the portal's own pages and the agencies (`trang.xml`), or one range of
/// procedures or of published answers.
pub async fn page(State(state): State<AppState>, Path(page): Path<String>) -> Result<Response, Refused> {
    let store = &state.services.store;
    let base = &state.public_url;
    let name = page.strip_suffix(".xml").ok_or(Refused::NotFound)?;
    let range = |n: &str| -> Result<(i64, i64), Refused> {
        let n: i64 = n.parse().ok().filter(|n| *n >= 1 && *n <= i64::MAX / PAGE).ok_or(Refused::NotFound)?;
        Ok(((n - 1) * PAGE + 1, n * PAGE))
    };
    let urls: Vec<(String, Option<DateTime<Utc>>)> = if name == "trang" {
        let agencies = store.agencies().await.or_unavailable("reading the agencies")?;
        [
            "",
            "/thu-tuc",
            "/thu-tuc/thay-doi",
            "/co-quan",
            "/phan-anh",
            "/thong-ke",
            "/thong-ke/co-quan",
            "/thong-ke/bao-cao",
            "/khao-sat",
            "/du-lieu-mo",
        ]
        .iter()
        .map(|path| (format!("{base}{path}"), None))
        .chain(agencies.iter().map(|a| (format!("{base}/co-quan/{}", a.agency.slug), None)))
        .collect()
    } else if let Some(n) = name.strip_prefix("thu-tuc-") {
        let (first, last) = range(n)?;
        let rows = store.procedures_between(first, last).await.or_unavailable("reading the catalogue")?;
        rows.into_iter().map(|(code, at)| (format!("{base}/thu-tuc/{}", path_part(&code)), Some(at))).collect()
    } else if let Some(n) = name.strip_prefix("phan-anh-") {
        let (first, last) = range(n)?;
        let rows = store.published_between(first, last).await.or_unavailable("reading the answers")?;
        rows.into_iter().map(|(code, at)| (format!("{base}/phan-anh/{code}"), Some(at))).collect()
    } else {
        return Err(Refused::NotFound);
    };
    xml("urlset", urls.iter().map(|(loc, at)| ("url", loc.as_str(), *at)))
}

/// How many pages of the sitemap ids up to `last` take.
fn pages_for(last: i64) -> i64 {
    (last.max(0) + PAGE - 1) / PAGE
}

/// A procedure's code as a segment of an address.
fn path_part(code: &str) -> String {
    civicdesk_app::components::encode(code).replace('+', "%20")
}

/// A sitemap document: the root element, then one element per address, with its last change.
fn xml<'a>(
    root: &str,
    items: impl Iterator<Item = (&'a str, &'a str, Option<DateTime<Utc>>)>,
) -> Result<Response, Refused> {
    let mut writer = Writer::new(Vec::new());
    let written = writer
        .create_element(root)
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .write_inner_content(|w| {
            for (element, loc, at) in items {
                w.create_element(element).write_inner_content(|w| {
                    w.create_element("loc").write_text_content(BytesText::new(loc))?;
                    if let Some(at) = at {
                        let day = civicdesk_domain::calendar::in_vietnam(at).to_rfc3339();
                        w.create_element("lastmod").write_text_content(BytesText::new(&day))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        });
    written.or_unavailable("writing a sitemap")?;
    let mut body = br#"<?xml version="1.0" encoding="UTF-8"?>"#.to_vec();
    body.extend(writer.into_inner());
    let mut response = body.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/xml; charset=utf-8"));
    Ok(response)
}
