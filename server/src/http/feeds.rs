//! Atom feeds (RFC 4287), for feed readers and other systems: the catalogue's changes
//! (`/thu-tuc.atom`) and one procedure's (`/thu-tuc/{code}/lich-su.atom`), each entry saying what
//! changed; the answers published (all of them, one agency's or one field's:
//! `/phan-anh.atom?co-quan=&linh-vuc=`, the public list's own filters) and one case's public
//! timeline (`/phan-anh/{code}/dong-thoi-gian.atom`); each also under `/en/`. Everything in them
//! is read through [`CaseRecord::public`], the one projection of a case the public sees, and the
//! submitter's name is left out even where the page may show it: a feed holds no personal data.
//!
//! [`CaseRecord::public`]: civicdesk_domain::cases::CaseRecord::public

use std::collections::HashMap;

use atom_syndication::{Category, Content, Entry, Feed, Link, Person, Text};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use civicdesk_app::components::with_query;
use civicdesk_domain::calendar::in_vietnam;
use civicdesk_domain::cases::PublicCase;
use civicdesk_domain::catalogue::{ProcedureLink, RevisionSummary};
use civicdesk_domain::queue::AnsweredFilter;
use civicdesk_domain::store::Store;
use civicdesk_texts::{FeedbackTexts, Lang, fill};

use crate::http::edge::{OrUnavailable, Refused, lang_of, prefix};
use crate::state::AppState;

/// The media type of an Atom feed.
pub const ATOM: &str = "application/atom+xml; charset=utf-8";

/// `GET /phan-anh.atom`: the answers published last, newest first, narrowed as the public list is
/// by `co-quan` (an agency's slug) and `linh-vuc` (a field's code).
pub async fn answers(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
    uri: Uri,
) -> Result<Response, Refused> {
    let (lang, f) = language(&uri);
    let store = state.services.store.as_ref();
    let given = |name: &str| params.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let mut title = f.answers_title.to_owned();
    let mut narrowed = Vec::new();
    let mut filter = AnsweredFilter { page: 1, ..AnsweredFilter::default() };
    if let Some(slug) = given("co-quan") {
        // By slug or code, as the agency's page is found; the list filters by slug.
        let link = store.agency_ref(&slug).await.or_unavailable("reading an agency")?.ok_or(Refused::NotFound)?;
        title = fill(f.feed_answers_of, &[("agency", &link.name)]);
        narrowed.push(("co-quan", link.slug.clone()));
        filter.agency = Some(link.slug);
    }
    if let Some(code) = given("linh-vuc") {
        let fields = civicdesk_services::directory::field_choices(store).await.or_unavailable("reading the fields")?;
        let (_, name) = fields.iter().find(|(c, _)| *c == code).ok_or(Refused::NotFound)?;
        let named = fill(f.feed_answers_in, &[("field", name)]);
        title = if filter.agency.is_some() { format!("{title} — {named}") } else { named };
        narrowed.push(("linh-vuc", code.clone()));
        filter.field = Some(code);
    }
    let page = with_query(&format!("{}/phan-anh", prefix(&uri)), &narrowed);
    let answered = store.latest_answers(&filter).await.or_unavailable("reading the answers")?;
    let mut entries = Vec::with_capacity(answered.len());
    for item in answered {
        let Some(case) = public_case(store, &item.code).await? else { continue };
        entries.push(answer_entry(&state.public_url, lang, f, &case));
    }
    let feed = feed(&state.public_url, &uri, lang, title, &page, entries);
    Ok(atom(feed))
}

/// `GET /phan-anh/{code}/dong-thoi-gian.atom`: what the public page's timeline shows of one case,
/// newest first, the published answer in full in its entry.
pub async fn case_timeline(
    State(state): State<AppState>,
    Path(code): Path<String>,
    uri: Uri,
) -> Result<Response, Refused> {
    let (lang, f) = language(&uri);
    let store = state.services.store.as_ref();
    let case = public_case(store, &code).await?.ok_or(Refused::NotFound)?;
    let page = format!("{}/phan-anh/{}", prefix(&uri), case.code);
    let url = format!("{}{page}", state.public_url);
    let names = civicdesk_services::directory::transfer_agency_names(store, &case)
        .await
        .or_unavailable("reading the agencies of a case's transfers")?;
    let name_of =
        |code: &str| names.iter().find(|(c, _)| c == code).map_or_else(|| code.to_owned(), |(_, n)| n.clone());
    let mut entries: Vec<Entry> = case
        .timeline
        .iter()
        .enumerate()
        .map(|(n, event)| {
            let text = match (&event.transfer, event.kind.as_str()) {
                (Some(t), _) => Some(f.transfer_sentence(&name_of(&t.from), &name_of(&t.to), &t.note)),
                (None, "published") => case.answer.clone(),
                _ => None,
            };
            Entry {
                id: format!("{url}#dien-bien-{}", n + 1),
                title: Text::plain(f.event(&event.kind)),
                updated: in_vietnam(event.at),
                published: Some(in_vietnam(event.at)),
                links: vec![html_link(&url, lang)],
                content: text.map(plain_content),
                ..Entry::default()
            }
        })
        .collect();
    entries.reverse();
    let title = fill(f.feed_case_title, &[("code", &case.code)]);
    Ok(atom(feed(&state.public_url, &uri, lang, title, &page, entries)))
}

/// How many of the catalogue's latest revisions its feed holds.
const CHANGES: u32 = 50;

/// `GET /thu-tuc.atom`: the catalogue's latest revisions, new procedures and changed ones, each
/// saying what changed.
pub async fn procedure_changes(State(state): State<AppState>, uri: Uri) -> Result<Response, Refused> {
    let (lang, _) = language(&uri);
    let t = lang.texts();
    let changes =
        state.services.store.recent_changes(CHANGES).await.or_unavailable("reading the catalogue's changes")?;
    let entries = changes.iter().map(|c| revision_entry(&state.public_url, lang, &c.procedure, &c.revision)).collect();
    let page = format!("{}/thu-tuc", prefix(&uri));
    Ok(atom(feed(&state.public_url, &uri, lang, t.feed_changes_title.to_owned(), &page, entries)))
}

/// `GET /thu-tuc/{code}/lich-su.atom`: one procedure's change history, newest first.
pub async fn procedure_history(
    State(state): State<AppState>,
    Path(code): Path<String>,
    uri: Uri,
) -> Result<Response, Refused> {
    let (lang, _) = language(&uri);
    let detail = state.services.store.procedure(&code).await.or_unavailable("reading a procedure")?;
    let detail = detail.ok_or(Refused::NotFound)?;
    let procedure = ProcedureLink { code: detail.record.code.clone(), name: detail.record.name.clone() };
    let entries = detail.revisions.iter().map(|r| revision_entry(&state.public_url, lang, &procedure, r)).collect();
    let page = format!("{}/thu-tuc/{}", prefix(&uri), procedure.code);
    let title = fill(lang.texts().feed_history_title, &[("name", &procedure.name)]);
    Ok(atom(feed(&state.public_url, &uri, lang, title, &page, entries)))
}

/// A revision of a procedure as an entry: which one, its status and the decision that announced
/// it, and what it changed.
fn revision_entry(base: &str, lang: Lang, procedure: &ProcedureLink, revision: &RevisionSummary) -> Entry {
    let t = lang.texts();
    let url = format!("{base}{}", lang.href(&format!("/thu-tuc/{}", procedure.code)));
    let mut said = vec![(t.revision_label)(revision.number), t.status(revision.status).to_owned()];
    said.extend(revision.decision.as_ref().map(|d| d.number.clone()));
    let text = format!("{}. {}.", said.join(" · "), t.revision_changes(&revision.changed));
    let at = in_vietnam(revision.recorded_at);
    Entry {
        id: format!("{base}/thu-tuc/{}#phien-ban-{}", procedure.code, revision.number),
        title: Text::plain(format!("{} ({})", procedure.name, procedure.code)),
        updated: at,
        published: Some(at),
        links: vec![html_link(&url, lang)],
        summary: Some(Text::plain(text)),
        ..Entry::default()
    }
}

/// The page's language from its address, and its texts.
fn language(uri: &Uri) -> (Lang, &'static FeedbackTexts) {
    let lang = lang_of(uri);
    (lang, lang.feedback())
}

/// A case as the public sees it, by its code; `None` for a code that is not one, or of no case.
async fn public_case(store: &dyn Store, code: &str) -> Result<Option<PublicCase>, Refused> {
    let case = civicdesk_services::directory::public_case(store, code).await.or_unavailable("reading a case")?;
    Ok(case.map(|c| PublicCase { submitter_name: None, ..c }))
}

/// A published answer as an entry: the question's published title, the agency as its author,
/// the category, and the answer.
fn answer_entry(base: &str, lang: Lang, f: &FeedbackTexts, case: &PublicCase) -> Entry {
    let url = format!("{base}{}", lang.href(&format!("/phan-anh/{}", case.code)));
    let at = in_vietnam(case.published_at.unwrap_or_default());
    Entry {
        // The case's address without the language: the same answer in either feed.
        id: format!("{base}/phan-anh/{}", case.code),
        title: Text::plain(case.title.clone().unwrap_or_else(|| case.code.clone())),
        updated: at,
        published: Some(at),
        authors: vec![Person {
            name: case.agency.name.clone(),
            uri: Some(format!("{base}{}", lang.href(&format!("/co-quan/{}", case.agency.slug)))),
            ..Person::default()
        }],
        categories: vec![Category {
            term: case.category.as_str().to_owned(),
            label: Some(f.category(case.category).to_owned()),
            ..Category::default()
        }],
        links: vec![html_link(&url, lang)],
        content: case.answer.clone().map(plain_content),
        ..Entry::default()
    }
}

fn plain_content(text: String) -> Content {
    Content { value: Some(text), content_type: Some("text".to_owned()), ..Content::default() }
}

fn html_link(href: &str, lang: Lang) -> Link {
    Link {
        href: href.to_owned(),
        rel: "alternate".to_owned(),
        mime_type: Some("text/html".to_owned()),
        hreflang: Some(lang.code().to_owned()),
        ..Link::default()
    }
}

/// A feed of `entries` (newest first) that stands for the page at `page` (a path): its address
/// is the request's own, and it was last updated when its newest entry was.
fn feed(base: &str, uri: &Uri, lang: Lang, title: String, page: &str, entries: Vec<Entry>) -> Feed {
    let newest: DateTime<Utc> = entries.first().map_or_else(Utc::now, |e| e.updated.with_timezone(&Utc));
    let own = format!("{base}{}", uri.path_and_query().map_or(uri.path(), |p| p.as_str()));
    Feed {
        id: own.clone(),
        title: Text::plain(title),
        updated: in_vietnam(newest),
        authors: vec![Person {
            name: lang.texts().portal_name.to_owned(),
            uri: Some(base.to_owned()),
            ..Person::default()
        }],
        links: vec![
            Link {
                href: own,
                rel: "self".to_owned(),
                mime_type: Some("application/atom+xml".to_owned()),
                ..Link::default()
            },
            html_link(&format!("{base}{page}"), lang),
        ],
        lang: Some(lang.code().to_owned()),
        entries,
        ..Feed::default()
    }
}

fn atom(feed: Feed) -> Response {
    let mut response = feed.to_string().into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(ATOM));
    response
}
