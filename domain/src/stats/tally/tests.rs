use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::*;
use crate::stats::figures::{counts, days_to_answer, on_time, published_promptly, satisfaction};
use crate::stats::period::{Basis, Period, PeriodKind, Span};

/// The sums as storage keeps them, built here from contributions by day.
fn sums(cases: &[CaseFacts], span: Span, today: NaiveDate) -> Sums {
    let mut by_day: BTreeMap<NaiveDate, Tally> = BTreeMap::new();
    for case in cases {
        for (day, m) in contributions(case) {
            by_day.entry(day).or_default().add(m, 1);
        }
    }
    let mut s = Sums::default();
    for (day, tally) in &by_day {
        if *day < span.first {
            s.before.add_all(tally);
        }
        if *day <= span.last {
            s.through.add_all(tally);
        }
        if span.contains(*day) {
            s.flows.add_all(tally);
            if *day < today {
                s.due_open_past += tally.get(Measure::DueOpen);
            }
        }
    }
    s
}

fn random_case(rng: &mut StdRng) -> CaseFacts {
    let start = NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
    let received_on = start + chrono::Duration::days(rng.random_range(0..400));
    let answer_due = received_on + chrono::Duration::days(rng.random_range(0..40));
    let end_day = received_on + chrono::Duration::days(rng.random_range(-3..80));
    let end = match rng.random_range(0..10) {
        0..=2 => None,
        3..=7 => Some(End::Answered(end_day.max(received_on))),
        8 => Some(End::Refused(end_day, RefusedFor::ALL[rng.random_range(0..4)])),
        _ => Some(End::Withdrawn(end_day.max(received_on))),
    };
    CaseFacts {
        agency: "A".into(),
        field: ["", "F1", "F2"][rng.random_range(0..3)].into(),
        category: [Category::OfficialConduct, Category::Regulation, Category::Proposal][rng.random_range(0..3)],
        channel: [Channel::Web, Channel::Phone, Channel::Paper][rng.random_range(0..3)],
        received_on,
        answer_due,
        publish_due: match end {
            Some(End::Answered(day)) if rng.random_bool(0.8) => {
                Some(day + chrono::Duration::days(rng.random_range(-2..3)))
            }
            _ => None,
        },
        answer_days: match end {
            Some(End::Answered(_)) if rng.random_bool(0.9) => Some(rng.random_range(0..40)),
            _ => None,
        },
        end,
        transfers: rng.random_range(0..3),
        satisfied: [None, Some(true), Some(false)][rng.random_range(0..3)],
        re_examined: rng.random_bool(0.1),
    }
}

fn sorted<K: Ord + Copy>(mut v: Vec<(K, u64)>) -> Vec<(K, u64)> {
    v.sort();
    v
}

#[test]
fn a_group_s_figures_are_the_sum_of_its_members() {
    let mut rng = StdRng::seed_from_u64(5);
    let today = NaiveDate::from_ymd_opt(2026, 9, 20).unwrap();
    let span = Period::containing(PeriodKind::Quarter, Basis::Decree09, today).previous().span();
    let a: Vec<CaseFacts> = (0..400).map(|_| random_case(&mut rng)).collect();
    let b: Vec<CaseFacts> = (0..300).map(|_| random_case(&mut rng)).collect();
    let mut sum = Figures::of(&sums(&a, span, today));
    sum.add(&Figures::of(&sums(&b, span, today)));
    let both: Vec<CaseFacts> = a.iter().chain(&b).cloned().collect();
    let mut whole = Figures::of(&sums(&both, span, today));
    for f in [&mut sum, &mut whole] {
        f.counts.received_by_channel = sorted(std::mem::take(&mut f.counts.received_by_channel));
        f.counts.received_by_category = sorted(std::mem::take(&mut f.counts.received_by_category));
        f.counts.refused_by_reason = sorted(std::mem::take(&mut f.counts.refused_by_reason));
    }
    assert!(whole.counts.received > 0 && whole.on_time.total > 0);
    assert_eq!(sum, whole);
}

#[test]
fn a_change_moves_a_case_between_agencies_and_takes_nothing_else_with_it() {
    let mut rng = StdRng::seed_from_u64(3);
    let before = random_case(&mut rng);
    let after = CaseFacts { agency: "B".into(), ..before.clone() };
    let mut delta = Delta::new();
    change(&mut delta, None, Some(&before));
    change(&mut delta, Some(&before), Some(&after));
    assert!(
        delta.keys().all(|(_, _, scope)| match scope {
            Scope::Agency(agency) | Scope::AgencyField(agency, _) | Scope::AgencyKind(agency, ..) => agency == "B",
            Scope::Key(key) => key.agency == "B",
            Scope::Field(field) | Scope::FieldKind(field, ..) => *field == before.field,
        }),
        "created at A and moved to B: B's rows and the field's: {delta:?}"
    );
    let mut fresh = Delta::new();
    change(&mut fresh, None, Some(&after));
    assert_eq!(delta, fresh);
    change(&mut delta, Some(&after), None);
    assert!(delta.is_empty());
}

#[test]
fn the_running_totals_give_the_same_figures_as_the_cases() {
    let mut rng = StdRng::seed_from_u64(7);
    let cases: Vec<CaseFacts> = (0..3000).map(|_| random_case(&mut rng)).collect();
    let today = NaiveDate::from_ymd_opt(2026, 9, 20).unwrap();
    let mut spans = Vec::new();
    for kind in PeriodKind::ALL {
        for basis in [Basis::Decree09, Basis::Calendar] {
            let mut p = Period::containing(kind, basis, today);
            for _ in 0..6 {
                spans.push(p.span());
                p = p.previous();
            }
        }
    }
    spans.push(Span::new(NaiveDate::from_ymd_opt(2026, 2, 3).unwrap(), today).unwrap());
    for span in spans {
        let figures = assemble(&sums(&cases, span, today));
        let mut c = figures.counts.clone();
        let mut expected = counts(&cases, span);
        for list in [&mut c.received_by_channel, &mut expected.received_by_channel] {
            *list = sorted(std::mem::take(list));
        }
        for list in [&mut c.received_by_category, &mut expected.received_by_category] {
            *list = sorted(std::mem::take(list));
        }
        for list in [&mut c.refused_by_reason, &mut expected.refused_by_reason] {
            *list = sorted(std::mem::take(list));
        }
        assert_eq!(c, expected, "{span:?}");
        assert_eq!(figures.on_time, on_time(&cases, span, today), "{span:?}");
        assert_eq!(figures.satisfaction, satisfaction(&cases, span), "{span:?}");
        assert_eq!(figures.published_promptly, published_promptly(&cases, span), "{span:?}");
        assert_eq!(figures.days_to_answer(), days_to_answer(&cases, span), "{span:?}");
    }
}
