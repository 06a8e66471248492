//! The built files under `/pkg`: those named after their content are kept by browsers for a year.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use civicdesk_app::assets::Assets;

/// What browsers are told about a file whose name changes whenever its content does.
const KEPT: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");

/// Marks a successful answer for one of the hashed files (and its precompressed forms, which
/// `ServeDir` answers under the same address) as kept; everything else is left as it is.
pub async fn assets_kept(State(assets): State<Arc<Assets>>, request: Request, next: Next) -> Response {
    let hashed = request.uri().path().strip_prefix("/pkg/").is_some_and(|name| assets.is_hashed(name));
    let mut response = next.run(request).await;
    if hashed && response.status() == StatusCode::OK {
        response.headers_mut().insert(header::CACHE_CONTROL, KEPT);
    }
    response
}
