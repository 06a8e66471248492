//! The officials' workspace: signing in (`/can-bo/dang-nhap`), the queue (`/can-bo`), the case
//! page (`/can-bo/phan-anh/{code}`), recording feedback received by phone or on paper
//! (`/can-bo/ghi-nhan`) and the periodic report's internal copy (`/can-bo/bao-cao`), one file each, with what they share here: the signed-in official and the
//! bar above every staff page.
//!
//! Every read goes through the signed-in official's scope on the server: a case outside it is
//! "not found", as if it did not exist. The forms post to the server's handlers, which answer
//! with a redirect back here (`?xong=` after an action, `?loi=` when it was refused).

mod actions;
mod case;
mod queue;
mod record;
mod report;
mod sign_in;

pub use case::{ActionPosted, StaffCase, StaffCasePage, get_staff_case};
pub use queue::{QueueData, QueuePage, QueueQuery, QueueRow, get_queue};
pub use record::{RecordPage, get_record_form};
pub use report::{StaffReport, StaffReportPage, get_staff_report};
pub use sign_in::{LoginPage, LoginPosted, PasswordPage, PasswordPosted, get_login_state};

use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::workflow::{DeadlineState, Role};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::{StaffTexts, use_lang};

/// The signed-in official as pages show them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub agency: AgencyLink,
    pub csrf: String,
}

#[cfg(feature = "ssr")]
pub(crate) async fn me() -> Result<Me, ServerFnError> {
    use crate::server::{official, storage_failed, store};
    let session = official().await?;
    let o = session.official;
    let agency = store()?.agency_ref(&o.agency).await.map_err(storage_failed)?.unwrap_or(AgencyLink {
        code: o.agency.clone(),
        slug: o.agency.clone(),
        name: o.agency.clone(),
    });
    Ok(Me { id: o.id, name: o.name, email: o.email, role: o.role, agency, csrf: session.csrf })
}

/// The signed-in official, for a page that only needs its forms' token.
#[server]
pub async fn get_me() -> Result<Me, ServerFnError> {
    me().await
}

/// The bar above every staff page: who is signed in, the queue, signing out.
#[component]
pub(crate) fn StaffBar(me: Me) -> impl IntoView {
    let lang = use_lang();
    let s = lang.staff();
    view! {
        <div class="staff-bar">
            <p>
                <strong>{me.name.clone()}</strong> " · " {s.role(me.role)} " · " {me.agency.name.clone()}
            </p>
            <nav aria-label=s.staff_nav>
                {(me.role != Role::Admin).then(|| view! {
                    <a href=lang.href("/can-bo")>{s.queue_title}</a>
                    <a href=lang.href("/can-bo/ghi-nhan")>{s.record_nav}</a>
                })}
                {matches!(me.role, Role::Lead | Role::Coordinator).then(|| view! {
                    <a href=lang.href("/can-bo/bao-cao")>{s.report_nav}</a>
                    <a href="/can-bo/xuat.csv" download="">{s.export_csv}</a>
                })}
                {(me.role == Role::Admin).then(|| view! { <a href=lang.href("/quan-tri")>{s.admin_title}</a> })}
                <a href=lang.href("/tinh-han")>{s.calculator}</a>
                <a href=lang.href("/can-bo/mat-khau")>{s.password_title}</a>
                <form method="post" action=lang.href("/can-bo/dang-xuat") class="inline-form">
                    <input type="hidden" name="csrf" value=me.csrf.clone() />
                    <button type="submit" class="link-button">{s.logout}</button>
                </form>
                <form method="post" action=lang.href("/can-bo/dang-xuat") class="inline-form">
                    <input type="hidden" name="csrf" value=me.csrf.clone() />
                    <input type="hidden" name="everywhere" value="1" />
                    <button type="submit" class="link-button">{lang.admin().sign_out_everywhere}</button>
                </form>
            </nav>
        </div>
    }
}

/// Links to the page before and after `page` of `pages`, `href` giving each page's address.
fn pagination<F: Fn(u32) -> String>(s: &'static StaffTexts, page: u32, pages: u32, href: F) -> impl IntoView + use<F> {
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=s.pages_label>
                {(page > 1).then(|| view! { <a rel="prev" href=href(page - 1)>{s.previous}</a> })}
                <span>{crate::i18n::fill(s.page_of, &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
                {(page < pages).then(|| view! { <a rel="next" href=href(page + 1)>{s.next}</a> })}
            </nav>
        }
    })
}

fn state_badge(s: &'static StaffTexts, state: Option<DeadlineState>) -> impl IntoView + use<> {
    state.map(|state| {
        view! { <span class=format!("badge deadline-{}", state.as_str())>{s.deadline_state(state)}</span> }
    })
}
