//! `/api/v1`: the directory as JSON, with the same parameters as the pages.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use civicdesk_domain::catalogue::{ProcedureDetail, ProcedureFilter, SearchResults};
use civicdesk_domain::store::StoreError;
use serde_json::json;

use crate::state::AppState;

/// What can go wrong in an API call, each with its status and a message for the client.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("storage failed")]
    Storage(#[from] StoreError),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Storage(e) => {
                tracing::error!(error = %e, "API request failed");
                StatusCode::SERVICE_UNAVAILABLE
            }
        };
        (status, Json(json!({ "error": self.to_string() }))).into_response()
    }
}

/// `GET /api/v1/procedures?q=&linh-vuc=&co-quan=&cap=&doi-tuong=&truc-tuyen=&tinh-trang=&trang=`
pub async fn list_procedures(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<SearchResults>, ApiError> {
    let filter = ProcedureFilter::from_params(|k| params.get(k).cloned());
    Ok(Json(state.store.search_procedures(&filter).await?))
}

/// `GET /api/v1/procedures/{code}`: the full record with its change history.
pub async fn show_procedure(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<ProcedureDetail>, ApiError> {
    state.store.procedure(&code).await?.map(Json).ok_or(ApiError::NotFound)
}
