//! The form that chooses a period, its basis or a range, and the scope, for the statistics
//! pages.

use civicdesk_domain::feedback::{Category, Channel};
use civicdesk_domain::stats::{Basis, PeriodKind, RankBy};
use leptos::prelude::*;

use super::{NO_FIELD, RecordPage};
use crate::i18n::use_lang;

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

/// Which page a form chooses for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormFor {
    /// `/thong-ke`: any agency or all.
    Record,
    /// `/thong-ke/co-quan`: every agency, ranked by a rate.
    Ranking,
    /// `/thong-ke/bao-cao`: a quarter, half-year or year, every agency.
    Report,
    /// `/thong-ke/khao-sat`: the survey's results, for any agency or all.
    Survey,
    /// `/can-bo/bao-cao`: the report's internal copy, as the report.
    StaffReport,
}

impl FormFor {
    /// Whether it chooses a report's period: a quarter, half-year or year, for every agency.
    fn report(self) -> bool {
        matches!(self, FormFor::Report | FormFor::StaffReport)
    }
}

/// The form that chooses: a GET to its page, so it works without JavaScript and every view
/// has its address.
#[component]
pub fn RecordForm(page: RecordPage, form_for: FormFor) -> impl IntoView {
    let lang = use_lang();
    let (r, f, s) = (lang.record(), lang.feedback(), lang.staff());
    let ask = page.ask.clone();
    let kinds = PeriodKind::ALL
        .into_iter()
        .filter(|k| !form_for.report() || PeriodKind::REPORTED.contains(k))
        .map(|k| (k.as_str().to_owned(), (r.kind)(k).to_owned(), k == page.kind));
    let periods = page.periods.iter().map(|p| (p.key(), (r.period_name)(p.kind, p.number, p.year), *p == page.period));
    let bases = [Basis::Decree09, Basis::Calendar]
        .into_iter()
        .map(|b| (b.as_str().to_owned(), (r.basis_note)(b).to_owned(), b == page.basis));
    let agencies =
        page.agencies.iter().map(|a| (a.slug.clone(), a.name.clone(), ask.agency.as_deref() == Some(a.slug.as_str())));
    let fields = page
        .fields
        .iter()
        .map(|f| (f.code.clone(), f.name.clone(), page.field.as_ref().and_then(Option::as_ref) == Some(f)))
        .chain(std::iter::once((NO_FIELD.to_owned(), r.no_field.to_owned(), page.field == Some(None))));
    let categories = Category::ALL
        .into_iter()
        .filter(|c| c.accepted())
        .map(|c| (c.as_str().to_owned(), f.category(c).to_owned(), page.category == Some(c)));
    let channels =
        Channel::ALL.into_iter().map(|ch| (ch.as_str().to_owned(), s.channel(ch).to_owned(), page.channel == Some(ch)));
    let rank_by = RankBy::ALL.into_iter().map(|b| (b.as_str().to_owned(), (r.rank_by)(b).to_owned(), b == page.by));
    let action = match form_for {
        FormFor::Record => "/thong-ke",
        FormFor::Ranking => "/thong-ke/co-quan",
        FormFor::Report => "/thong-ke/bao-cao",
        FormFor::Survey => "/thong-ke/khao-sat",
        FormFor::StaffReport => "/can-bo/bao-cao",
    };
    let ranged = !form_for.report();
    let narrowed = matches!(form_for, FormFor::Record | FormFor::Ranking);
    view! {
        <form method="get" action=lang.href(action) class="record-form" aria-label=r.filters_label>
            {choice("ky", r.kind_label, None, kinds.collect())}
            {choice("so", r.period_label, None, periods.collect())}
            {choice("co-so", r.basis_label, None, bases.collect())}
            {ranged.then(|| view! {
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
            })}
            {match form_for {
                FormFor::Record | FormFor::Survey => {
                    Some(choice("co-quan", r.agency_label, Some(r.all), agencies.collect()).into_any())
                }
                FormFor::Ranking => Some(choice("theo", r.rank_by_label, None, rank_by.collect()).into_any()),
                FormFor::Report | FormFor::StaffReport => None,
            }}
            {narrowed.then(|| view! {
                {choice("linh-vuc", r.field_label, Some(r.all), fields.collect())}
                {choice("loai", r.category_label, Some(r.all), categories.collect())}
                {choice("kenh", r.channel_label, Some(r.all), channels.collect())}
            })}
            <p><button type="submit" class="button">{r.show}</button></p>
        </form>
    }
}
