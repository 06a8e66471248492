//! The web edge, by audience: what citizens post ([`public`]), the officials' side ([`staff`]),
//! the JSON API ([`api`]), Open311 ([`open311`]), the Atom feeds ([`feeds`]), what wraps every request
//! ([`middleware`]), `/metrics` and the requests' counts ([`metrics`]), and the pieces they share
//! ([`edge`]: refusals and the page's language; [`forms`]: reading and re-rendering a form).
//! Every route of the portal is named in this file, with the layers around it, but the API's and
//! Open311's: each names its own beside its handlers (the API's make its OpenAPI document).

pub mod api;
pub mod edge;
pub mod feeds;
pub mod forms;
pub mod metrics;
pub mod middleware;
pub mod open311;
pub mod public;
pub mod staff;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{MethodRouter, get, post};
use civicdesk_app::{App, shell};
use civicdesk_domain::feedback::limits::BODY_BYTES;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::ssr;
use crate::state::AppState;
use middleware::{assets, limits, page_cache, security, sign_in};

/// The whole portal: the pages Leptos renders, the forms' posts, the API and the files, inside
/// the layers every request passes through.
pub fn router(state: AppState, config: &Config) -> Router {
    let client = limits::ClientAddress::new(config.trusted_proxies.clone());
    let submit = config.submit_limit.map(|l| limits::Guard::new(l, client.clone()));
    let lookup = config.lookup_limit.map(|l| limits::Guard::new(l, client));
    let (api, reference) =
        api::routes(submit.as_ref().map(limits::Guard::api), lookup.as_ref().map(limits::Guard::api));
    let context = state.page_context();
    // The open-data page lists the API's calls from its document.
    let context = move || {
        context();
        provide_context(reference.clone());
    };
    let routes = generate_route_list(App);
    let leptos_options = state.leptos_options.clone();
    // Everything Leptos renders goes through `ssr::pages`: its routes and the 404 page (the
    // fallback, which also serves the built files). Routes added after the layer are not in it;
    // the forms' handlers render through `ssr::render` themselves.
    let pages = Router::new()
        .leptos_routes_with_context(&state, routes, context.clone(), move || shell(leptos_options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(from_fn(ssr::pages));
    let site = state.site.clone();
    let scrape =
        get(metrics::scrape).layer(from_fn_with_state(Arc::new(config.metrics_from.clone()), metrics::only_from));
    let open311 = open311::routes(lookup.as_ref().map(limits::Guard::api), config.open311_limit);
    posts(pages.merge(reads()).merge(api).merge(open311).route("/metrics", scrape), submit, lookup)
        .layer(CompressionLayer::new())
        // Inside the page cache, so a kept page keeps the policy that matches its scripts.
        .layer(from_fn(security::with_nonce))
        .layer(from_fn_with_state(state.page_cache.clone(), page_cache::layer))
        .layer(from_fn_with_state(site.clone(), security::same_site_posts))
        .layer(from_fn_with_state(site.clone(), sign_in::login_cookie))
        .layer(from_fn(security::no_nul_in_address))
        .layer(TraceLayer::new_for_http())
        // Public pages are always fresh, and so is every file without a content hash in its name
        // (revalidated: a cheap 304). The hashed bundle and style sheet are kept for a year.
        // Private and staff pages are never stored.
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .layer(from_fn_with_state(state.assets.clone(), assets::assets_kept))
        .layer(from_fn_with_state(site, security::headers))
        // Outermost: every request counted and timed, page-cache hits and refusals included.
        .layer(from_fn(metrics::track))
        .with_state(state)
}

/// What is read without a form: the feeds, the sitemap, the open data, the attached files and the
/// exports.
fn reads() -> Router<AppState> {
    let mut router = Router::new()
        .route("/robots.txt", get(public::sitemap::robots))
        .route("/sitemap.xml", get(public::sitemap::index))
        .route("/sitemap/{page}", get(public::sitemap::page))
        .route("/du-lieu-mo/thu-tuc.json", get(public::open_data::catalogue_json))
        .route("/du-lieu-mo/thu-tuc.csv", get(public::open_data::catalogue_csv))
        .route("/du-lieu-mo/phan-anh.json", get(public::open_data::answers_json))
        .route("/du-lieu-mo/phan-anh.csv", get(public::open_data::answers_csv))
        .route("/du-lieu-mo/{file}", get(public::open_data::tables));
    for prefix in ["", "/en"] {
        let at = |path: &str| format!("{prefix}{path}");
        router = router
            .route(&at("/thu-tuc.atom"), get(feeds::procedure_changes))
            .route(&at("/thu-tuc/{code}/lich-su.atom"), get(feeds::procedure_history))
            .route(&at("/phan-anh.atom"), get(feeds::answers))
            .route(&at("/phan-anh/{code}/dong-thoi-gian.atom"), get(feeds::case_timeline));
    }
    router
        .route("/can-bo/phan-anh/{code}/tep/{id}", get(staff::cases::attachment).post(staff::cases::publish_attachment))
        .route("/phan-anh/{code}/tep/{id}", get(public::attachments::public_attachment))
        .route("/can-bo/xuat.csv", get(staff::export::export))
        .route("/thong-ke/tai/{file}", get(public::record::download))
        .route("/en/thong-ke/tai/{file}", get(public::record::download))
}

/// The forms, rate-limited per client address where configured, around `router`. Added after
/// the Leptos routes: the same paths answer GET with the pages.
fn posts(router: Router<AppState>, submit: Option<limits::Guard>, lookup: Option<limits::Guard>) -> Router<AppState> {
    let case_lookups = lookup.clone();
    let page = |route: MethodRouter<AppState>, guard: &Option<limits::Guard>| match guard {
        Some(guard) => route.layer(from_fn_with_state(guard.clone(), limits::guard)),
        None => route,
    };
    let body_limit = DefaultBodyLimit::max(BODY_BYTES);
    let mut router = router;
    for prefix in ["", "/en"] {
        let at = |path: &str| format!("{prefix}{path}");
        router = router
            .route(&at("/phan-anh/gui"), page(post(public::feedback::submit).layer(body_limit), &submit))
            .route(&at("/phan-anh/tra-cuu"), page(post(public::feedback::lookup), &lookup))
            .route(
                &at("/phan-anh/tra-cuu/{token}/bo-sung"),
                page(post(public::feedback::add_information).layer(body_limit), &submit),
            )
            .route(&at("/phan-anh/tra-cuu/{token}/rut"), page(post(public::feedback::withdraw), &lookup))
            .route(&at("/phan-anh/tra-cuu/{token}/danh-gia"), page(post(public::feedback::rate), &lookup))
            .route(&at("/phan-anh/tra-cuu/{token}/xem-xet-lai"), page(post(public::feedback::reexamine), &lookup))
            .route(&at("/phan-anh/tra-cuu/{token}/thong-tin"), page(post(public::feedback::correct_details), &lookup))
            .route(&at("/khao-sat"), page(post(public::survey::submit), &submit))
            .route(&at("/theo-doi"), page(post(public::follow::request), &submit))
            .route(&at("/theo-doi/{token}/xac-nhan"), page(post(public::follow::confirm), &lookup))
            .route(&at("/theo-doi/{token}/huy"), page(post(public::follow::end), &lookup))
            .route(&at("/theo-doi/{token}/tan-suat"), page(post(public::follow::set_frequency), &lookup))
            .route(&at("/can-bo/dang-nhap"), post(staff::session::login))
            .route(&at("/can-bo/dang-xuat"), post(staff::session::logout))
            .route(&at("/can-bo/mat-khau"), post(staff::session::change_password))
            .route(&at("/can-bo/dat-mat-khau/{token}"), page(post(staff::session::set_password_by_link), &lookup))
            .route(&at("/can-bo/giao-viec"), post(staff::cases::assign_many))
            .route(&at("/can-bo/ghi-nhan"), post(staff::cases::record).layer(body_limit))
            .route(&at("/can-bo/phan-anh/{code}"), post(staff::cases::act))
            .route(&at("/quan-tri"), post(staff::admin::act));
    }
    let router = router.route("/phan-anh/tra-cuu/{token}/tep/{id}", get(public::attachments::attachment));
    // Reading cases one by one, through the pages or their server functions, meets the
    // look-up limit too.
    match case_lookups {
        Some(guard) => router.layer(from_fn_with_state(guard, limits::guard_lookups)),
        None => router,
    }
}
