//! civicdesk's pages, components and server functions. Rendered on the server (feature `ssr`)
//! and hydrated in the browser (feature `hydrate`).

#![recursion_limit = "256"]

pub mod assets;
pub mod components;
pub mod i18n;
pub mod islands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{MatchNestedRoutes, SsrMode, path};

use crate::assets::{Assets, IslandScripts};
use crate::components::layout::Layout;
use crate::i18n::Lang;
use crate::pages::{
    admin, agencies, answers, calculator, changes, directory, feedback, follow, home, not_found::NotFound, open_data,
    password_link, procedure, record, staff, survey,
};

/// The HTML document around the application. Pages are rendered on the server only; the parts
/// that act in the browser are islands ([`islands`]).
pub fn shell(_options: LeptosOptions) -> impl IntoView {
    let style = format!("/pkg/{}", use_context::<Assets>().unwrap_or_default().style);
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b4f8a" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href=style />
                <IslandScripts />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Routes fallback=|| view! { <Layout lang=Lang::Vi><NotFound /></Layout> }>
                <ParentRoute path=path!("/en") view=|| view! { <Layout lang=Lang::En /> }>
                    <PortalRoutes />
                </ParentRoute>
                <ParentRoute path=path!("") view=|| view! { <Layout lang=Lang::Vi /> }>
                    <PortalRoutes />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The pages, mounted once at `/` and once at `/en`. Every page renders completely on the server
/// before it is sent (`SsrMode::Async`), so it reads whole without JavaScript and can answer 404.
#[component(transparent)]
fn PortalRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("") view=home::HomePage ssr=SsrMode::Async />
        <Route path=path!("thu-tuc") view=directory::DirectoryPage ssr=SsrMode::Async />
        <Route path=path!("thu-tuc/thay-doi") view=changes::ChangesPage ssr=SsrMode::Async />
        <Route path=path!("thu-tuc/:code") view=procedure::ProcedurePage ssr=SsrMode::Async />
        <Route path=path!("co-quan") view=agencies::AgenciesPage ssr=SsrMode::Async />
        <Route path=path!("co-quan/:slug") view=agencies::AgencyPage ssr=SsrMode::Async />
        <Route path=path!("phan-anh/gui") view=feedback::FeedbackFormPage ssr=SsrMode::Async />
        <Route path=path!("phan-anh/tra-cuu") view=feedback::LookupPage ssr=SsrMode::Async />
        <Route path=path!("phan-anh/tra-cuu/:token") view=feedback::CasePage ssr=SsrMode::Async />
        <Route path=path!("phan-anh") view=answers::AnswersPage ssr=SsrMode::Async />
        <Route path=path!("phan-anh/:code") view=answers::PublicCasePage ssr=SsrMode::Async />
        <Route path=path!("tinh-han") view=calculator::CalculatorPage ssr=SsrMode::Async />
        <Route path=path!("thong-ke") view=record::RecordPage ssr=SsrMode::Async />
        <Route path=path!("thong-ke/co-quan") view=record::ranking::RankingPage ssr=SsrMode::Async />
        <Route path=path!("thong-ke/bao-cao") view=record::report::ReportPage ssr=SsrMode::Async />
        <Route path=path!("thong-ke/khao-sat") view=survey::SurveyResultsPage ssr=SsrMode::Async />
        <Route path=path!("khao-sat") view=survey::SurveyPage ssr=SsrMode::Async />
        <Route path=path!("theo-doi") view=follow::FollowPage ssr=SsrMode::Async />
        <Route path=path!("theo-doi/:token") view=follow::FollowedPageView ssr=SsrMode::Async />
        <Route path=path!("du-lieu-mo") view=open_data::OpenDataPage ssr=SsrMode::Async />
        <Route path=path!("can-bo/dang-nhap") view=staff::LoginPage ssr=SsrMode::Async />
        <Route path=path!("can-bo") view=staff::QueuePage ssr=SsrMode::Async />
        <Route path=path!("can-bo/phan-anh/:code") view=staff::StaffCasePage ssr=SsrMode::Async />
        <Route path=path!("can-bo/ghi-nhan") view=staff::RecordPage ssr=SsrMode::Async />
        <Route path=path!("can-bo/bao-cao") view=staff::StaffReportPage ssr=SsrMode::Async />
        <Route path=path!("can-bo/mat-khau") view=staff::PasswordPage ssr=SsrMode::Async />
        <Route path=path!("can-bo/dat-mat-khau/:token") view=password_link::PasswordLinkPage ssr=SsrMode::Async />
        <Route path=path!("quan-tri") view=admin::settings::AdminPage ssr=SsrMode::Async />
        <Route path=path!("quan-tri/co-quan") view=admin::setup::AgenciesPage ssr=SsrMode::Async />
        <Route path=path!("quan-tri/dia-ban") view=admin::setup::AreasPage ssr=SsrMode::Async />
        <Route path=path!("quan-tri/linh-vuc") view=admin::setup::FieldsPage ssr=SsrMode::Async />
        <Route path=path!("quan-tri/tai-khoan") view=admin::accounts::AccountsPage ssr=SsrMode::Async />
        <Route path=path!("quan-tri/khoa-api") view=admin::api_keys::ApiKeysPage ssr=SsrMode::Async />
        <Route path=path!("quan-tri/nhat-ky") view=admin::audit::AuditPage ssr=SsrMode::Async />
    }
    .into_inner()
}
