//! HTTP endpoints beyond the Leptos pages: health and the JSON API.

mod admin;
mod api;
mod calendar_api;
mod cases_api;
pub mod feedback;
mod health;
pub mod limits;
pub mod page_cache;
pub mod security;
pub mod staff;

use axum::Router;
use axum::http::Uri;
use axum::routing::get;

use crate::state::AppState;

/// The language prefix of a request's page: `/en` for English, none for Vietnamese.
fn prefix(uri: &Uri) -> &'static str {
    if uri.path().starts_with("/en/") { "/en" } else { "" }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/api/v1/procedures", get(api::list_procedures))
        .route("/api/v1/procedures/{code}", get(api::show_procedure))
        .route("/api/v1/calendar/holidays", get(calendar_api::holidays))
        .route("/api/v1/calendar/deadline", get(calendar_api::deadline))
        .route("/api/v1/staff/cases/{code}", get(staff::case_json))
        .route("/can-bo/phan-anh/{code}/tep/{id}", get(staff::attachment).post(staff::publish_attachment))
        .route("/phan-anh/{code}/tep/{id}", get(feedback::public_attachment))
        .route("/can-bo/xuat.csv", get(staff::export))
}

/// The feedback forms and API, rate-limited per client address where configured. Added after
/// the Leptos routes: the same paths answer GET with the pages.
pub fn feedback_routes(router: Router<AppState>, config: &crate::config::Config) -> Router<AppState> {
    use axum::extract::DefaultBodyLimit;
    use axum::middleware::from_fn_with_state;
    use axum::routing::{MethodRouter, post};

    let client = limits::ClientAddress::new(config.trusted_proxies.clone());
    let submit = config.submit_limit.map(|l| limits::Guard::new(l, client.clone()));
    let lookup = config.lookup_limit.map(|l| limits::Guard::new(l, client));
    let case_lookups = lookup.clone();
    let page = |route: MethodRouter<AppState>, guard: &Option<limits::Guard>| match guard {
        Some(guard) => route.layer(from_fn_with_state(guard.clone(), limits::guard)),
        None => route,
    };
    let api = |route: MethodRouter<AppState>, guard: &Option<limits::Guard>| match guard {
        Some(guard) => route.layer(from_fn_with_state(guard.api(), limits::guard)),
        None => route,
    };
    let body_limit = DefaultBodyLimit::max(feedback::FORM_BODY_LIMIT);
    let mut router = router;
    for prefix in ["", "/en"] {
        router = router
            .route(&format!("{prefix}/phan-anh/gui"), page(post(feedback::submit).layer(body_limit), &submit))
            .route(&format!("{prefix}/phan-anh/tra-cuu"), page(post(feedback::lookup), &lookup))
            .route(
                &format!("{prefix}/phan-anh/tra-cuu/{{token}}/bo-sung"),
                page(post(feedback::add_information).layer(body_limit), &submit),
            )
            .route(&format!("{prefix}/phan-anh/tra-cuu/{{token}}/rut"), page(post(feedback::withdraw), &lookup))
            .route(&format!("{prefix}/phan-anh/tra-cuu/{{token}}/danh-gia"), page(post(feedback::rate), &lookup))
            .route(&format!("{prefix}/can-bo/giao-viec"), post(staff::assign_many))
            .route(&format!("{prefix}/quan-tri"), post(admin::act))
            .route(&format!("{prefix}/can-bo/ghi-nhan"), post(staff::record).layer(body_limit))
            .route(&format!("{prefix}/can-bo/dang-nhap"), post(staff::login))
            .route(&format!("{prefix}/can-bo/dang-xuat"), post(staff::logout))
            .route(&format!("{prefix}/can-bo/mat-khau"), post(staff::change_password))
            .route(&format!("{prefix}/can-bo/dat-mat-khau/{{token}}"), page(post(staff::set_password_by_link), &lookup))
            .route(&format!("{prefix}/can-bo/phan-anh/{{code}}"), post(staff::act));
    }
    let router = router
        .route("/phan-anh/tra-cuu/{token}/tep/{id}", get(feedback::attachment))
        .route("/api/v1/cases", api(post(cases_api::create).layer(body_limit), &submit))
        .route("/api/v1/cases/{code}", api(get(cases_api::show), &lookup));
    // Reading cases one by one, through the pages or their server functions, meets the
    // look-up limit too.
    match case_lookups {
        Some(guard) => router.layer(from_fn_with_state(guard, limits::guard_lookups)),
        None => router,
    }
}
