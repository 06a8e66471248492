//! HTTP endpoints beyond the Leptos pages: health and the JSON API.

mod api;
mod health;
pub mod page_cache;

use axum::Router;
use axum::routing::get;

use crate::startup::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/api/v1/procedures", get(api::list_procedures))
        .route("/api/v1/procedures/{code}", get(api::show_procedure))
}
