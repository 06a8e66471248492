use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

/// Whether the portal can serve.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `unavailable` when the database does not answer.
    pub status: &'static str,
    /// The database engine: `sqlite` or `postgresql`.
    pub database: &'static str,
}

/// Whether the portal can serve.
///
/// 200 when the database answers, 503 when it does not: for a load balancer or a monitor.
#[utoipa::path(
    get,
    path = "/healthz",
    operation_id = "health",
    tag = "health",
    responses(
        (status = OK, description = "The portal and its database answer", body = Health),
        (status = SERVICE_UNAVAILABLE, description = "The database does not answer", body = Health),
    ),
)]
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let database = state.services.store.engine();
    match state.services.store.ping().await {
        Ok(()) => (StatusCode::OK, Json(Health { status: "ok", database })),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(Health { status: "unavailable", database }))
        }
    }
}
