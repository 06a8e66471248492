//! `/thu-tuc/thay-doi`: the catalogue's latest changes, newest first, each saying what changed,
//! with the feed and the API that give the same to machines.

use civicdesk_domain::catalogue::ProcedureChange;
use leptos::prelude::*;

use super::PageTitle;
use crate::components::{FeedAlternate, LoadFailed, encode, feed_link};
use crate::i18n::{date, use_lang, use_texts};

/// How many of the latest revisions the page lists.
pub const CHANGES_LISTED: u32 = 50;

#[server]
pub async fn latest_changes() -> Result<Vec<ProcedureChange>, ServerFnError> {
    use crate::server::{storage_failed, store};
    store()?.recent_changes(CHANGES_LISTED).await.map_err(storage_failed)
}

#[component]
pub fn ChangesPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let changes = Resource::new(|| (), |_| latest_changes());
    view! {
        <PageTitle text=t.changes_title />
        <FeedAlternate href=lang.href("/thu-tuc.atom") title=t.feed_changes_title />
        <h1>{t.changes_title}</h1>
        <p class="lead">{t.changes_lead}</p>
        {feed_link(lang.href("/thu-tuc.atom"), t.feed_changes_link)}
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match changes.await {
                    Ok(list) if list.is_empty() => view! { <p>{t.changes_none}</p> }.into_any(),
                    Ok(list) => view! {
                        <ol class="history">
                            {list.into_iter().map(|c| {
                                let r = c.revision;
                                let href = lang.href(&format!("/thu-tuc/{}", encode(&c.procedure.code)));
                                view! {
                                    <li>
                                        <a href=href>{c.procedure.name}</a>
                                        <span class="muted">" (" {c.procedure.code} ")"</span>
                                        <span class="block">
                                            {date(civicdesk_domain::calendar::local_day(r.recorded_at))}
                                            " · " {(t.revision_label)(r.number)}
                                            " · " {t.status(r.status)}
                                            {r.decision.map(|d| format!(" · {}", d.number))}
                                        </span>
                                        <span class="block muted">{t.revision_changes(&r.changed)}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
        <p class="muted">{t.changes_api}</p>
    }
}
