//! `/thong-ke`: the public record of how agencies receive and handle feedback, by reporting period
//! (Decree 09/2019 or calendar) or any range, for all agencies or one, a category and a channel.
//! A plain GET form chooses; the figures come from the running totals storage keeps.

use civicdesk_domain::catalogue::AgencyLink;
use civicdesk_domain::feedback::{Category, Channel};
use civicdesk_domain::stats::{Basis, Counts, Period, PeriodKind, Rate, RecordView, Span};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::PageTitle;
use crate::components::chart::{Bar, Tone, bar_chart};
use crate::components::{LoadFailed, table_region, with_query};
use crate::i18n::{date, fill, use_lang};

/// The longest free range, in days.
const MAX_RANGE_DAYS: i64 = 3 * 366;

/// What the address asks for, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordAsk {
    pub kind: Option<String>,
    pub period: Option<String>,
    pub basis: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub agency: Option<String>,
    pub category: Option<String>,
    pub channel: Option<String>,
}

/// What is shown: the period or range chosen and its record, with the form's choices.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RecordPage {
    pub kind: PeriodKind,
    pub basis: Basis,
    pub period: Period,
    pub span: Span,
    /// Whether a free range replaced the period, or was asked for and refused.
    pub range: Option<Span>,
    pub bad_range: bool,
    pub periods: Vec<Period>,
    pub agency: Option<AgencyLink>,
    pub category: Option<Category>,
    pub channel: Option<Channel>,
    pub agencies: Vec<AgencyLink>,
    pub view: RecordView,
    pub min_sample: u64,
    pub ask: RecordAsk,
}

/// The period, range and filters `ask` names, against `today`; what it names wrongly is left
/// out (a range, with `bad_range` set).
pub fn read_ask(ask: &RecordAsk, today: chrono::NaiveDate) -> (PeriodKind, Basis, Period, Option<Span>, bool) {
    let kind = ask.kind.as_deref().and_then(PeriodKind::parse).unwrap_or(PeriodKind::Quarter);
    let basis = ask.basis.as_deref().and_then(Basis::parse).unwrap_or_default();
    let period = ask
        .period
        .as_deref()
        .and_then(|key| Period::from_key(key, basis))
        .filter(|p| p.kind == kind)
        .unwrap_or_else(|| Period::containing(kind, basis, today));
    let day = |v: &Option<String>| {
        v.as_deref().filter(|s| !s.trim().is_empty()).map(|s| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d"))
    };
    let (range, bad) = match (day(&ask.from), day(&ask.to)) {
        (None, None) => (None, false),
        (Some(Ok(first)), Some(Ok(last))) => match Span::new(first, last).filter(|s| s.days() <= MAX_RANGE_DAYS) {
            Some(span) => (Some(span), false),
            None => (None, true),
        },
        _ => (None, true),
    };
    (kind, basis, period, range, bad)
}

#[server]
pub async fn load_record(ask: RecordAsk) -> Result<RecordPage, ServerFnError> {
    use civicdesk_domain::stats::DEFAULT_MIN_SAMPLE;
    use civicdesk_domain::store::RecordQuery;

    use crate::server::{services, storage_failed};
    /// How many periods of a kind the form offers, back from the current one.
    const PERIOD_CHOICES: usize = 12;
    let services = services()?;
    let today = civicdesk_domain::calendar::local_day(chrono::Utc::now());
    let (kind, basis, period, range, bad_range) = read_ask(&ask, today);
    let agencies: Vec<AgencyLink> = services
        .store
        .agencies()
        .await
        .map_err(storage_failed)?
        .into_iter()
        .map(|a| AgencyLink::of(&a.agency))
        .collect();
    let agency = ask.agency.as_deref().and_then(|slug| agencies.iter().find(|a| a.slug == slug)).cloned();
    let category = ask.category.as_deref().and_then(Category::parse).filter(|c| c.accepted());
    let channel = ask.channel.as_deref().and_then(Channel::parse);
    let span = range.unwrap_or_else(|| period.span());
    let query = RecordQuery { span, today, agency: agency.as_ref().map(|a| a.code.clone()), category, channel };
    let view = services.record.read(&query).await.map_err(storage_failed)?;
    let mut periods = Vec::with_capacity(PERIOD_CHOICES);
    let mut p = Period::containing(kind, basis, today);
    for _ in 0..PERIOD_CHOICES {
        periods.push(p);
        p = p.previous();
    }
    Ok(RecordPage {
        kind,
        basis,
        period,
        span,
        range,
        bad_range,
        periods,
        agency,
        category,
        channel,
        agencies,
        view,
        min_sample: DEFAULT_MIN_SAMPLE,
        ask,
    })
}

fn ask_from_query(get: impl Fn(&str) -> Option<String>) -> RecordAsk {
    RecordAsk {
        kind: get("ky"),
        period: get("so"),
        basis: get("co-so"),
        from: get("tu"),
        to: get("den"),
        agency: get("co-quan"),
        category: get("loai"),
        channel: get("kenh"),
    }
}

#[component]
pub fn RecordPage() -> impl IntoView {
    let lang = use_lang();
    let r = lang.record();
    let query = use_query_map();
    let ask = move || query.with(|q| ask_from_query(|k| q.get(k)));
    let data = Resource::new(ask, load_record);
    view! {
        <PageTitle text=r.title />
        <h1>{r.title}</h1>
        <p class="lead">{r.lead}</p>
        <Suspense fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <RecordView page /> }.into_any(),
                    Err(_) => view! { <LoadFailed /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A percentage with one decimal, in the page's way of writing numbers.
fn percent(share: f64) -> String {
    format!("{:.1}", share * 100.0)
}

/// A rate as the page says it: the figure with its interval and sample, or why there is none.
fn rate_text(rate: Rate, min_sample: u64) -> String {
    let r = use_lang().record();
    match (rate.share(), rate.wilson()) {
        (Some(share), Some(interval)) if rate.enough(min_sample) => fill(
            r.rate,
            &[
                ("percent", &percent(share)),
                ("hits", &rate.hits.to_string()),
                ("total", &rate.total.to_string()),
                ("low", &percent(interval.low)),
                ("high", &percent(interval.high)),
            ],
        ),
        _ if rate.total == 0 => r.no_cases.to_owned(),
        _ => fill(r.too_few, &[("total", &rate.total.to_string())]),
    }
}

#[component]
fn RecordView(page: RecordPage) -> impl IntoView {
    let lang = use_lang();
    let (r, f, s) = (lang.record(), lang.feedback(), lang.staff());
    let span_text = fill(r.span, &[("first", &date(page.span.first)), ("last", &date(page.span.last))]);
    let heading = match page.range {
        Some(_) => span_text.clone(),
        None => (r.period_name)(page.period.kind, page.period.number, page.period.year),
    };
    let c = page.view.total.counts.clone();
    let answered_link = {
        let mut params = vec![("tu", page.span.first.to_string()), ("den", page.span.last.to_string())];
        if let Some(a) = &page.agency {
            params.push(("co-quan", a.slug.clone()));
        }
        with_query(&lang.href("/phan-anh"), &params)
    };
    let rows = summary_rows(&c, r);
    let in_time = c.answered_early + c.answered_on_time;
    let outcomes = bar_chart(
        "ket-qua",
        r.outcomes_chart_title.to_owned(),
        fill(
            r.outcomes_summary,
            &[
                ("answered", &c.answered().to_string()),
                ("in_time", &in_time.to_string()),
                ("open", &c.open().to_string()),
                ("overdue", &c.open_overdue.to_string()),
            ],
        ),
        vec![
            Bar { label: r.answered_early.to_owned(), value: c.answered_early, tone: Tone::Good },
            Bar { label: r.answered_on_time.to_owned(), value: c.answered_on_time, tone: Tone::Good },
            Bar { label: r.answered_late.to_owned(), value: c.answered_late, tone: Tone::Bad },
            Bar { label: r.refused.to_owned(), value: c.refused, tone: Tone::Neutral },
            Bar { label: r.withdrawn.to_owned(), value: c.withdrawn, tone: Tone::Neutral },
            Bar { label: r.open_within.to_owned(), value: c.open_within, tone: Tone::Neutral },
            Bar { label: r.open_overdue.to_owned(), value: c.open_overdue, tone: Tone::Bad },
        ],
    );
    let min = page.min_sample;
    let total = page.view.total.clone();
    view! {
        <RecordForm page=page.clone() />
        <section aria-labelledby="ky-bao-cao">
            <h2 id="ky-bao-cao">{heading}</h2>
            <p class="muted">{span_text} ". " {(r.basis_note)(page.basis)}</p>
            {page.bad_range.then(|| view! { <p class="notice notice-error" role="alert">{r.bad_range}</p> })}
        </section>
        <section aria-labelledby="tong-hop">
            <h2 id="tong-hop">{r.summary_title}</h2>
            <div class="record-summary">
                {outcomes}
                <table class="figures">
                    <caption>{r.summary_title}</caption>
                    <thead><tr><th scope="col">{r.figure_column}</th><th scope="col" class="num">{r.count_column}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(label, n, linked)| view! {
                            <tr>
                                <th scope="row">{label}</th>
                                <td class="num">{if linked && n > 0 {
                                    view! { <a href=answered_link.clone()>{n}</a> }.into_any()
                                } else {
                                    view! { {n} }.into_any()
                                }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="chi-so">
            <h2 id="chi-so">{r.rates_title}</h2>
            <p>{r.rates_intro}</p>
            <dl class="rates">
                <dt>{r.on_time}</dt>
                <dd>
                    {rate_text(total.on_time, min)}
                    {total.on_time.band(min).map(|b| view! { " · " <span class="badge">{(r.band)(b)}</span> })}
                    <p class="hint">{r.on_time_source}</p>
                </dd>
                <dt>{r.satisfaction}</dt>
                <dd>
                    {rate_text(total.satisfaction, min)}
                    {total.satisfaction.band(min).map(|b| view! { " · " <span class="badge">{(r.band)(b)}</span> })}
                    <p class="hint">{r.satisfaction_source}</p>
                </dd>
            </dl>
        </section>
        <section aria-labelledby="theo-kenh" class="record-breakdown">
            <h2 id="theo-kenh">{r.by_channel_title}</h2>
            {count_table(r.by_channel_title, r.channel_label, c.received_by_channel.iter().map(|(ch, n)| (s.channel(*ch).to_owned(), *n)).collect(), r)}
            <h2>{r.by_category_title}</h2>
            {count_table(r.by_category_title, r.category_label, c.received_by_category.iter().map(|(ca, n)| (f.category(*ca).to_owned(), *n)).collect(), r)}
            {(!c.refused_by_reason.is_empty()).then(|| view! {
                <h2>{r.by_reason_title}</h2>
                {count_table(r.by_reason_title, r.refused, c.refused_by_reason.iter().map(|(why, n)| ((r.refused_for)(*why).to_owned(), *n)).collect(), r)}
            })}
        </section>
        <AgencyTable page />
    }
}

/// The summary's rows: label, count, and whether the count links to the answered cases.
fn summary_rows(c: &Counts, r: &'static civicdesk_texts::RecordTexts) -> Vec<(&'static str, u64, bool)> {
    vec![
        (r.carried_over, c.carried_over, false),
        (r.received, c.received, false),
        (r.answered, c.answered(), true),
        (r.answered_early, c.answered_early, false),
        (r.answered_on_time, c.answered_on_time, false),
        (r.answered_late, c.answered_late, false),
        (r.refused, c.refused, false),
        (r.withdrawn, c.withdrawn, false),
        (r.transferred, c.transferred, false),
        (r.open_within, c.open_within, false),
        (r.open_overdue, c.open_overdue, false),
    ]
}

fn count_table(
    caption: &'static str,
    column: &'static str,
    rows: Vec<(String, u64)>,
    r: &'static civicdesk_texts::RecordTexts,
) -> impl IntoView + use<> {
    view! {
        <table class="figures">
            <caption class="visually-hidden">{caption}</caption>
            <thead><tr><th scope="col">{column}</th><th scope="col" class="num">{r.count_column}</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|(label, n)| view! { <tr><th scope="row">{label}</th><td class="num">{n}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn AgencyTable(page: RecordPage) -> impl IntoView {
    let lang = use_lang();
    let r = lang.record();
    let min = page.min_sample;
    view! {
        <section aria-labelledby="theo-co-quan">
            <h2 id="theo-co-quan">{r.agencies_title}</h2>
            <p>{r.agencies_intro}</p>
            {table_region(r.agency_column, view! {
                <table class="figures agency-figures">
                    <caption class="visually-hidden">{r.agencies_title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{r.agency_column}</th>
                            <th scope="col" class="num">{r.received}</th>
                            <th scope="col" class="num">{r.answered_early}</th>
                            <th scope="col" class="num">{r.answered_on_time}</th>
                            <th scope="col" class="num">{r.answered_late}</th>
                            <th scope="col" class="num">{r.refused}</th>
                            <th scope="col" class="num">{r.withdrawn}</th>
                            <th scope="col" class="num">{r.open_within}</th>
                            <th scope="col" class="num">{r.open_overdue}</th>
                            <th scope="col">{r.on_time}</th>
                            <th scope="col">{r.satisfaction}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page.view.agencies.into_iter().map(|a| {
                            let c = a.figures.counts;
                            let name = if a.agency.slug.is_empty() {
                                view! { {a.agency.name} }.into_any()
                            } else {
                                view! { <a href=lang.href(&format!("/co-quan/{}", a.agency.slug))>{a.agency.name}</a> }.into_any()
                            };
                            view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    <td class="num">{c.received}</td>
                                    <td class="num">{c.answered_early}</td>
                                    <td class="num">{c.answered_on_time}</td>
                                    <td class="num">{c.answered_late}</td>
                                    <td class="num">{c.refused}</td>
                                    <td class="num">{c.withdrawn}</td>
                                    <td class="num">{c.open_within}</td>
                                    <td class="num">{c.open_overdue}</td>
                                    <td>{rate_text(a.figures.on_time, min)}</td>
                                    <td>{rate_text(a.figures.satisfaction, min)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

/// A labelled `select` of the form: its options as (value, label, chosen), after an "all" option
/// when `all` is given.
fn choice(
    name: &'static str,
    label: &'static str,
    all: Option<&'static str>,
    options: Vec<(String, String, bool)>,
) -> impl IntoView + use<> {
    let id = format!("tk-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                {all.map(|all| view! { <option value="">{all}</option> })}
                {options.into_iter().map(|(value, text, chosen)| view! {
                    <option value=value selected=chosen>{text}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The form that chooses: a GET to this page, so it works without JavaScript and every view
/// has its address.
#[component]
fn RecordForm(page: RecordPage) -> impl IntoView {
    let lang = use_lang();
    let (r, f, s) = (lang.record(), lang.feedback(), lang.staff());
    let ask = page.ask.clone();
    let kinds = PeriodKind::ALL.into_iter().map(|k| (k.as_str().to_owned(), (r.kind)(k).to_owned(), k == page.kind));
    let periods = page.periods.iter().map(|p| (p.key(), (r.period_name)(p.kind, p.number, p.year), *p == page.period));
    let bases = [Basis::Decree09, Basis::Calendar]
        .into_iter()
        .map(|b| (b.as_str().to_owned(), (r.basis_note)(b).to_owned(), b == page.basis));
    let agencies =
        page.agencies.iter().map(|a| (a.slug.clone(), a.name.clone(), ask.agency.as_deref() == Some(a.slug.as_str())));
    let categories = Category::ALL
        .into_iter()
        .filter(|c| c.accepted())
        .map(|c| (c.as_str().to_owned(), f.category(c).to_owned(), page.category == Some(c)));
    let channels =
        Channel::ALL.into_iter().map(|ch| (ch.as_str().to_owned(), s.channel(ch).to_owned(), page.channel == Some(ch)));
    view! {
        <form method="get" action=lang.href("/thong-ke") class="record-form" aria-label=r.filters_label>
            {choice("ky", r.kind_label, None, kinds.collect())}
            {choice("so", r.period_label, None, periods.collect())}
            {choice("co-so", r.basis_label, None, bases.collect())}
            <fieldset class="field-pair">
                <legend>{r.range_hint}</legend>
                <div class="field">
                    <label for="tk-tu">{r.from_label}</label>
                    <input id="tk-tu" name="tu" type="date" value=ask.from.clone().unwrap_or_default() />
                </div>
                <div class="field">
                    <label for="tk-den">{r.to_label}</label>
                    <input id="tk-den" name="den" type="date" value=ask.to.clone().unwrap_or_default() />
                </div>
            </fieldset>
            {choice("co-quan", r.agency_label, Some(r.all), agencies.collect())}
            {choice("loai", r.category_label, Some(r.all), categories.collect())}
            {choice("kenh", r.channel_label, Some(r.all), channels.collect())}
            <p><button type="submit" class="button">{r.show}</button></p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_address_names_a_period_or_a_range_and_nothing_else_breaks_it() {
        let today = d(2026, 3, 20);
        let (kind, basis, period, range, bad) = read_ask(&RecordAsk::default(), today);
        assert_eq!(
            (kind, basis, period.key(), range, bad),
            (PeriodKind::Quarter, Basis::Decree09, "2026-q2".into(), None, false)
        );
        let ask = RecordAsk {
            kind: Some("nam".into()),
            period: Some("2025".into()),
            basis: Some("lich".into()),
            ..RecordAsk::default()
        };
        let (_, _, period, _, _) = read_ask(&ask, today);
        assert_eq!(period.span(), Span::new(d(2025, 1, 1), d(2025, 12, 31)).unwrap());
        // A period of another kind than asked falls back to the current one of the kind.
        let ask = RecordAsk { kind: Some("thang".into()), period: Some("2025-q1".into()), ..RecordAsk::default() };
        assert_eq!(read_ask(&ask, today).2.key(), "2026-m04");
        let range =
            RecordAsk { from: Some("2026-01-05".into()), to: Some("2026-02-01".into()), ..RecordAsk::default() };
        assert_eq!(read_ask(&range, today).3, Span::new(d(2026, 1, 5), d(2026, 2, 1)));
        for (from, to) in
            [("2026-02-01", "2026-01-05"), ("<script>", "2026-01-01"), ("2020-01-01", "2026-01-01"), ("2026-01-01", "")]
        {
            let ask = RecordAsk { from: Some(from.into()), to: Some(to.into()), ..RecordAsk::default() };
            let (_, _, _, range, bad) = read_ask(&ask, today);
            assert_eq!((range, bad), (None, true), "{from} – {to}");
        }
    }
}
