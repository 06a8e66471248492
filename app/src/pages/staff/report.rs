//! `/can-bo/bao-cao`: the internal copy of the periodic report, for a lead (their agency's cases)
//! and the coordinating office (every agency's): the public report, then the cases it counts whose
//! answer is not yet public today — received by the period's last day and still open — most
//! urgent first, each linked to its page. It lists codes, agencies, categories, statuses and
//! dates only: no submitter and none of the submitter's own words.

use civicdesk_domain::queue::QUEUE_PAGE_SIZE;
use civicdesk_domain::workflow::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::queue::QueueRow;
use super::{Me, StaffBar, pagination, state_badge};
use crate::components::{LoadFailed, with_query};
use crate::i18n::{date, fill, use_lang};
use crate::pages::PageTitle;
use crate::pages::record::form::FormFor;
use crate::pages::record::report::{ReportBody, ReportPage, report_ask};
use crate::pages::record::{RecordAsk, ask_from_query};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffReport {
    pub me: Me,
    pub report: ReportPage,
    /// A page of the cases not yet answered in public, and how many there are.
    pub rows: Vec<QueueRow>,
    pub total: u64,
    pub page: u32,
}

#[server]
pub async fn get_staff_report(ask: RecordAsk, page: u32) -> Result<StaffReport, ServerFnError> {
    use civicdesk_domain::queue::{QueueFilter, QueueView};
    use civicdesk_domain::workflow::{self, due_soon_until};

    use crate::server::{calendar, services, storage_failed, today};
    let me = super::me().await?;
    if !matches!(me.role, Role::Lead | Role::Coordinator) {
        crate::server::set_status(403);
        return Err(ServerFnError::new("the internal report is for leads and the coordinating office"));
    }
    let services = services()?;
    let report = crate::pages::record::report::report_page(&services, ask).await.map_err(storage_failed)?;
    let calendar = calendar()?;
    let today = today();
    let page = page.max(1);
    let agency = (me.role != Role::Coordinator).then(|| me.agency.code.clone());
    let filter = QueueFilter {
        received_to: Some(report.record.span.last),
        page,
        ..QueueFilter::of(QueueView::Open, agency, me.id, today, due_soon_until(&calendar, today))
    };
    let listed = services.store.queue(&filter).await.map_err(storage_failed)?;
    let rows = listed
        .items
        .into_iter()
        .map(|item| {
            let state = item.next_due.map(|due| workflow::listed_state(&calendar, today, item.status, due));
            QueueRow { item, state }
        })
        .collect();
    Ok(StaffReport { me, report, rows, total: listed.total, page })
}

#[component]
pub fn StaffReportPage() -> impl IntoView {
    let lang = use_lang();
    let (r, s) = (lang.record(), lang.staff());
    let query = use_query_map();
    let ask = move || {
        query.with(|q| {
            let page = q.get("trang").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1);
            (report_ask(ask_from_query(|k| q.get(k))), page)
        })
    };
    let data = Resource::new(ask, |(ask, page)| get_staff_report(ask, page));
    view! {
        <PageTitle text=s.report_copy_title />
        <Suspense fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <StaffReportView data /> }.into_any(),
                    Err(_) => view! { <h1>{r.report_title}</h1> <p class="notice notice-error">{s.report_copy_refused}</p> <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StaffReportView(data: StaffReport) -> impl IntoView {
    let lang = use_lang();
    let (f, s) = (lang.feedback(), lang.staff());
    let StaffReport { me, report, rows, total, page } = data;
    let last = report.record.span.last;
    let pages = total.div_ceil(u64::from(QUEUE_PAGE_SIZE)).max(1) as u32;
    let base = crate::pages::record::tables::page_href(&report.record, lang, "/can-bo/bao-cao");
    let page_href = move |n: u32| with_query(&base, &[("trang", n.to_string())]);
    let scope = if me.role == Role::Coordinator { s.report_copy_all.to_owned() } else { me.agency.name.clone() };
    view! {
        <StaffBar me=me.clone() />
        <p class="notice" role="note">{s.report_copy_note}</p>
        <ReportBody page=report form_for=FormFor::StaffReport />
        <section aria-labelledby="chua-cong-khai">
            <h2 id="chua-cong-khai">{s.unpublished_title}</h2>
            <p>
                {fill(
                    s.unpublished_intro,
                    &[("scope", &scope), ("last", &date(last)), ("n", &total.to_string())],
                )}
            </p>
            {(total > 0).then(|| view! {
                <div class="table-wrap" role="region" aria-label=s.unpublished_region tabindex="0">
                    <table class="queue">
                        <thead>
                            <tr>
                                <th scope="col">{s.col_code}</th>
                                <th scope="col">{lang.record().agency_column}</th>
                                <th scope="col">{f.category_label}</th>
                                <th scope="col">{s.status_label}</th>
                                <th scope="col">{s.received_on}</th>
                                <th scope="col">{s.col_due}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|row| {
                                let item = row.item;
                                let href = lang.href(&format!("/can-bo/phan-anh/{}", item.code));
                                view! {
                                    <tr>
                                        <th scope="row"><a href=href class="case-code">{item.code.clone()}</a></th>
                                        <td>{item.agency.name.clone()}</td>
                                        <td>{f.category(item.category)}</td>
                                        <td>{s.status(item.status)}</td>
                                        <td>{date(item.received_on)}</td>
                                        <td>{item.next_due.map(date)} " " {state_badge(s, row.state)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {pagination(s, page, pages, page_href)}
        </section>
    }
}
