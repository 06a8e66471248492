//! `/api/v1`: the directory as JSON, with the same parameters as the pages.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use civicdesk_domain::catalogue::{ProcedureDetail, ProcedureFilter, SearchResults};

use super::ApiError;
use crate::http::edge::OrUnavailable;
use crate::state::AppState;

/// `GET /api/v1/procedures?q=&linh-vuc=&co-quan=&cap=&doi-tuong=&truc-tuyen=&tinh-trang=&trang=`
pub async fn list_procedures(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<SearchResults>, ApiError> {
    let filter = ProcedureFilter::from_params(|k| params.get(k).cloned());
    Ok(Json(state.services.store.search_procedures(&filter).await.or_unavailable("searching procedures")?))
}

/// `GET /api/v1/procedures/{code}`: the full record with its change history.
pub async fn show_procedure(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<ProcedureDetail>, ApiError> {
    state
        .services
        .store
        .procedure(&code)
        .await
        .or_unavailable("loading a procedure")?
        .map(Json)
        .ok_or(ApiError::NotFound)
}
