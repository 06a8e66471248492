use civicdesk_domain::catalogue::ProcedureSummary;
use civicdesk_domain::procedure::{OnlineLevel, ProcedureStatus};
use civicdesk_domain::text::{highlight, words};
use leptos::prelude::*;

use crate::i18n::{use_lang, use_texts};

/// A list of procedures; words matching `query` are marked in each name.
#[component]
pub fn ProcedureList(items: Vec<ProcedureSummary>, #[prop(optional, into)] query: String) -> impl IntoView {
    let query_words = words(&query);
    view! {
        <ol class="procedure-list">
            {items.into_iter().map(|p| view! { <ProcedureItem procedure=p query_words=query_words.clone() /> }).collect_view()}
        </ol>
    }
}

#[component]
fn ProcedureItem(procedure: ProcedureSummary, query_words: Vec<String>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let name = highlight(&procedure.name, &query_words)
        .into_iter()
        .map(|s| if s.hit { view! { <mark>{s.text}</mark> }.into_any() } else { s.text.into_any() })
        .collect_view();
    let fields = procedure.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>().join(", ");
    let levels = procedure.levels.iter().map(|l| t.level(*l)).collect::<Vec<_>>().join(", ");
    let time_limit = procedure.time_limit.map(|tl| (t.units)(tl.amount, tl.unit));
    view! {
        <li class="procedure-item">
            <a class="procedure-name" href=lang.href(&format!("/thu-tuc/{}", procedure.code))>{name}</a>
            <p class="procedure-meta">
                <span class="code">{procedure.code.clone()}</span>
                <span>{fields}</span>
                <span>{levels}</span>
                {time_limit.map(|tl| view! { <span>{t.time_limit_label} ": " {tl}</span> })}
            </p>
            <p class="badges">
                <StatusBadge status=procedure.status />
                <OnlineBadge level=procedure.online_level />
            </p>
        </li>
    }
}

#[component]
pub fn StatusBadge(status: ProcedureStatus) -> impl IntoView {
    let t = use_texts();
    let class = if status.in_force() { "badge badge-ok" } else { "badge badge-warn" };
    (!matches!(status, ProcedureStatus::New)).then(|| view! { <span class=class>{t.status(status)}</span> })
}

#[component]
pub fn OnlineBadge(level: OnlineLevel) -> impl IntoView {
    let t = use_texts();
    let class = match level {
        OnlineLevel::Full => "badge badge-online",
        OnlineLevel::Partial => "badge badge-partial",
        OnlineLevel::None => "badge",
    };
    view! { <span class=class>{t.online(level)}</span> }
}
