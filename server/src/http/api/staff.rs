//! `GET /api/v1/staff/cases/{code}`: a whole case for an official of its agency, in JSON.

use axum::Json;
use axum::extract::{Path, State};
use civicdesk_domain::cases::CaseRecord;

use super::{ApiError, ApiErrors};
use crate::http::staff::cases::scoped_case;
use crate::http::staff::{NotSigned, Signed};
use crate::state::AppState;

/// A whole case, for an official.
///
/// Personal data included, for a signed-in official whose agency may see the case; the view is
/// recorded in the audit log.
#[utoipa::path(
    get,
    path = "/api/v1/staff/cases/{code}",
    operation_id = "getStaffCase",
    tag = "staff",
    security(("session" = [])),
    params(("code" = String, Path, description = "The case's code, `PAKN.YYYYMMDD.NNNN`", min_length = 1)),
    responses(
        (status = OK, description = "The case", body = CaseRecord),
        (status = UNAUTHORIZED, description = "No official's session came with the call", body = ApiErrors),
        (status = NOT_FOUND, description = "No case has this code, or the official's agency may not see it", body = ApiErrors),
        (status = SERVICE_UNAVAILABLE, description = "The database did not answer", body = ApiErrors),
    ),
)]
pub async fn case_json(
    State(state): State<AppState>,
    signed: Result<Signed, NotSigned>,
    Path(code): Path<String>,
) -> Result<Json<CaseRecord>, ApiError> {
    let signed = signed.map_err(|refused| match refused {
        NotSigned::Redirect(_) => ApiError::Unauthorized,
        NotSigned::Unavailable => ApiError::Unavailable,
    })?;
    Ok(Json(scoped_case(&state, &signed, &code).await?))
}
