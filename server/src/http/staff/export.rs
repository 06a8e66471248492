//! `GET /can-bo/xuat.csv`: a lead's cases (the coordinating office's: all) with every
//! milestone's time, for their own reporting. Each export is audited before it is made.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use chrono::Utc;
use civicdesk_domain::admin::{AuditAction, AuditEntry};
use civicdesk_domain::workflow::Role;

use super::Signed;
use crate::http::edge::{CSV, OrUnavailable, Refused, download_file};
use crate::state::AppState;

pub async fn export(
    State(state): State<AppState>,
    signed: Signed,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Result<Response, Refused> {
    let official = &signed.session.official;
    let agency = match official.role {
        Role::Lead => Some(official.agency.as_str()),
        Role::Coordinator => None,
        Role::Officer | Role::Admin => return Err(Refused::Forbidden),
    };
    let entry = AuditEntry::new(AuditAction::Export, Some(official), format!("xuat.csv: {}", agency.unwrap_or("*")))
        .from_address(peer.ip().to_string());
    state.services.store.record_audit(&entry).await.or_unavailable("recording an export")?;
    let cases = state.services.store.milestones(agency).await.or_unavailable("exporting cases")?;
    let today = civicdesk_domain::calendar::local_day(Utc::now());
    let name = format!("phan-anh-{}-{today}.csv", agency.unwrap_or("tat-ca"));
    let mut response = download_file(crate::export::milestones_csv(&cases).into_bytes(), CSV, &name);
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}
