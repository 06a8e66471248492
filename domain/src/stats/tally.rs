//! The figures as running totals that storage can keep up to date as cases change: each case
//! adds one to a few measures on a few days (its *contributions*, a pure function of its facts),
//! so a change of a case takes its old contributions away and adds its new ones, in the same
//! transaction. A period's flows are then the sum of the measures over its days, and a state at
//! the end of a day (open, overdue) the sum of its opening and closing measures up to that day.
//! [`assemble`] turns those sums into the same figures as [`super::figures`] gives from the
//! cases themselves; the tests check that the two always agree.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::buckets::Level;
use super::figures::{CaseFacts, Counts, End, RefusedFor, Timing, add_n};
use super::rates::Rate;
use crate::feedback::{Category, Channel};

/// What a case adds to on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Measure {
    /// On the working day the periods count from.
    Received,
    /// On the same day, if it has been transferred.
    Transferred,
    /// On the day the answer was published.
    AnsweredEarly,
    AnsweredOnTime,
    AnsweredLate,
    /// On the day of publication, if it was not late, not rated "not satisfied" and not examined
    /// again (Decision 766's satisfaction).
    Pleased,
    RefusedRequirements,
    RefusedComplaint,
    RefusedDenunciation,
    RefusedDuplicate,
    Withdrawn,
    /// Open from this day on…
    Opened,
    /// …until this one.
    Closed,
    /// Past its due date while open from this day on…
    OverdueFrom,
    /// …until this one.
    OverdueTo,
    /// On the due date: answered by it, answered after it, or not answered yet.
    DueInTime,
    DueLate,
    DueOpen,
    /// On the day of publication, by the publication date its approval set, or after it.
    PublishedInTime,
    PublishedLate,
}

impl Measure {
    pub const ALL: [Measure; 20] = [
        Measure::Received,
        Measure::Transferred,
        Measure::AnsweredEarly,
        Measure::AnsweredOnTime,
        Measure::AnsweredLate,
        Measure::Pleased,
        Measure::RefusedRequirements,
        Measure::RefusedComplaint,
        Measure::RefusedDenunciation,
        Measure::RefusedDuplicate,
        Measure::Withdrawn,
        Measure::Opened,
        Measure::Closed,
        Measure::OverdueFrom,
        Measure::OverdueTo,
        Measure::DueInTime,
        Measure::DueLate,
        Measure::DueOpen,
        Measure::PublishedInTime,
        Measure::PublishedLate,
    ];

    /// Its column in storage.
    pub fn column(self) -> &'static str {
        match self {
            Measure::Received => "received",
            Measure::Transferred => "transferred",
            Measure::AnsweredEarly => "answered_early",
            Measure::AnsweredOnTime => "answered_on_time",
            Measure::AnsweredLate => "answered_late",
            Measure::Pleased => "pleased",
            Measure::RefusedRequirements => "refused_requirements",
            Measure::RefusedComplaint => "refused_complaint",
            Measure::RefusedDenunciation => "refused_denunciation",
            Measure::RefusedDuplicate => "refused_duplicate",
            Measure::Withdrawn => "withdrawn",
            Measure::Opened => "opened",
            Measure::Closed => "closed",
            Measure::OverdueFrom => "overdue_from",
            Measure::OverdueTo => "overdue_to",
            Measure::DueInTime => "due_in_time",
            Measure::DueLate => "due_late",
            Measure::DueOpen => "due_open",
            Measure::PublishedInTime => "published_in_time",
            Measure::PublishedLate => "published_late",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn refused(reason: RefusedFor) -> Self {
        match reason {
            RefusedFor::Requirements => Measure::RefusedRequirements,
            RefusedFor::Complaint => Measure::RefusedComplaint,
            RefusedFor::Denunciation => Measure::RefusedDenunciation,
            RefusedFor::Duplicate => Measure::RefusedDuplicate,
        }
    }
}

/// The measures a state at the end of a day is made of (open, and open past the due date): all
/// that [`Sums::before`] and [`Sums::through`] need to hold.
pub const STATES: [Measure; 4] = [Measure::Opened, Measure::Closed, Measure::OverdueFrom, Measure::OverdueTo];

/// A count for every measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally(pub [i64; Measure::ALL.len()]);

impl Tally {
    pub fn get(&self, m: Measure) -> i64 {
        self.0[m.index()]
    }

    pub fn add(&mut self, m: Measure, n: i64) {
        self.0[m.index()] += n;
    }

    pub fn add_all(&mut self, other: &Tally) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }

    /// Only the measures in `kept`, the others 0.
    pub fn restricted_to(&self, kept: &[Measure]) -> Tally {
        let mut out = Tally::default();
        for m in kept {
            out.add(*m, self.get(*m));
        }
        out
    }

    pub fn is_zero(&self) -> bool {
        self.0.iter().all(|n| *n == 0)
    }

    fn count(&self, m: Measure) -> u64 {
        u64::try_from(self.get(m)).unwrap_or(0)
    }
}

/// Whom a contribution counts for: the facts the record can be filtered by.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    pub agency: String,
    pub category: Category,
    pub channel: Channel,
}

/// What one case adds to, on which days.
pub fn contributions(case: &CaseFacts) -> Vec<(NaiveDate, Measure)> {
    let mut out = vec![(case.received_on, Measure::Received), (case.received_on, Measure::Opened)];
    if case.transfers > 0 {
        out.push((case.received_on, Measure::Transferred));
    }
    // A case may end before the day it counts as received (refused on a Sunday, received the
    // next working day): it was then never open.
    let closed = case.end.map(|e| e.day().max(case.received_on));
    if let Some(closed) = closed {
        out.push((closed, Measure::Closed));
    }
    let overdue_from = case.received_on.max(case.answer_due.succ_opt().unwrap_or(case.answer_due));
    match closed {
        None => out.push((overdue_from, Measure::OverdueFrom)),
        Some(closed) if closed > overdue_from => {
            out.push((overdue_from, Measure::OverdueFrom));
            out.push((closed, Measure::OverdueTo));
        }
        Some(_) => {}
    }
    match case.end {
        Some(End::Answered(day)) => {
            let timing = Timing::of(day, case.answer_due);
            out.push((
                day,
                match timing {
                    Timing::Early => Measure::AnsweredEarly,
                    Timing::OnTime => Measure::AnsweredOnTime,
                    Timing::Late => Measure::AnsweredLate,
                },
            ));
            let unhappy = case.satisfied == Some(false) || case.re_examined || !timing.in_time();
            if !unhappy {
                out.push((day, Measure::Pleased));
            }
            out.push((case.answer_due, if timing.in_time() { Measure::DueInTime } else { Measure::DueLate }));
            if let Some(due) = case.publish_due {
                out.push((day, if day <= due { Measure::PublishedInTime } else { Measure::PublishedLate }));
            }
        }
        Some(End::Refused(day, reason)) => out.push((day, Measure::refused(reason))),
        Some(End::Withdrawn(day)) => out.push((day, Measure::Withdrawn)),
        None => out.push((case.answer_due, Measure::DueOpen)),
    }
    out
}

/// Changes to the running totals, by bucket and key.
pub type Delta = BTreeMap<(Level, String, Key), Tally>;

/// Adds to `delta` what a change of one case does to the running totals: its old contributions
/// (if it existed) taken away and its new ones added, at every level.
pub fn change(delta: &mut Delta, before: Option<&CaseFacts>, after: Option<&CaseFacts>) {
    for (case, sign) in [(before, -1), (after, 1)] {
        let Some(case) = case else { continue };
        let key = Key { agency: case.agency.clone(), category: case.category, channel: case.channel };
        for (day, measure) in contributions(case) {
            for level in Level::ALL {
                delta.entry((level, level.bucket(day), key.clone())).or_default().add(measure, sign);
            }
        }
    }
    delta.retain(|_, tally| !tally.is_zero());
}

/// The sums storage gives for one period and filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    /// Every measure over the period's days, by channel and category.
    pub flows: Vec<(Channel, Category, Tally)>,
    /// The [`STATES`] measures up to the end of the day before the period, and up to its last
    /// day (storage may leave the others at 0).
    pub before: Tally,
    pub through: Tally,
    /// `DueOpen` over the period's days that are over (those before today).
    pub due_open_past: i64,
}

impl Sums {
    /// Both sums together (two agencies' into their total).
    pub fn merge(&mut self, other: &Sums) {
        for (channel, category, tally) in &other.flows {
            match self.flows.iter_mut().find(|(ch, ca, _)| ch == channel && ca == category) {
                Some((_, _, t)) => t.add_all(tally),
                None => self.flows.push((*channel, *category, *tally)),
            }
        }
        self.before.add_all(&other.before);
        self.through.add_all(&other.through);
        self.due_open_past += other.due_open_past;
    }
}

/// The figures of one period and scope: its counts and the two Decision 766 rates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub counts: Counts,
    pub on_time: Rate,
    pub satisfaction: Rate,
    /// Answers published within 2 working days of approval.
    pub published_promptly: Rate,
}

impl Figures {
    pub fn of(sums: &Sums) -> Self {
        assemble(sums)
    }

    /// Adds another scope's figures: every count and both sides of every rate, so a group's
    /// figures are the sum of its members'.
    pub fn add(&mut self, other: &Figures) {
        self.counts.add(&other.counts);
        self.on_time.add(other.on_time);
        self.satisfaction.add(other.satisfaction);
        self.published_promptly.add(other.published_promptly);
    }
}

/// One agency's figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyFigures {
    pub agency: crate::catalogue::AgencyLink,
    pub figures: Figures,
}

/// A period's record: the whole, and each agency that had cases, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordView {
    pub total: Figures,
    pub agencies: Vec<AgencyFigures>,
}

/// The period's figures from the sums: its counts and rates, equal to
/// [`super::figures::counts`], [`super::figures::on_time`], [`super::figures::satisfaction`] and
/// [`super::figures::published_promptly`] over the same cases.
pub fn assemble(sums: &Sums) -> Figures {
    let mut flows = Tally::default();
    let mut c = Counts::default();
    for (channel, category, tally) in &sums.flows {
        flows.add_all(tally);
        add_to(&mut c.received_by_channel, *channel, tally.count(Measure::Received));
        add_to(&mut c.received_by_category, *category, tally.count(Measure::Received));
    }
    c.received = flows.count(Measure::Received);
    c.transferred = flows.count(Measure::Transferred);
    c.answered_early = flows.count(Measure::AnsweredEarly);
    c.answered_on_time = flows.count(Measure::AnsweredOnTime);
    c.answered_late = flows.count(Measure::AnsweredLate);
    for reason in RefusedFor::ALL {
        let n = flows.count(Measure::refused(reason));
        c.refused += n;
        if n > 0 {
            c.refused_by_reason.push((reason, n));
        }
    }
    c.withdrawn = flows.count(Measure::Withdrawn);
    let level = |t: &Tally, from: Measure, to: Measure| u64::try_from(t.get(from) - t.get(to)).unwrap_or(0);
    c.carried_over = level(&sums.before, Measure::Opened, Measure::Closed);
    let open = level(&sums.through, Measure::Opened, Measure::Closed);
    c.open_overdue = level(&sums.through, Measure::OverdueFrom, Measure::OverdueTo);
    c.open_within = open.saturating_sub(c.open_overdue);
    let in_time = flows.count(Measure::DueInTime);
    let decided = in_time + flows.count(Measure::DueLate) + u64::try_from(sums.due_open_past).unwrap_or(0);
    let on_time = Rate::new(in_time, decided);
    let satisfaction = Rate::new(flows.count(Measure::Pleased), c.answered());
    let promptly = flows.count(Measure::PublishedInTime);
    let published_promptly = Rate::new(promptly, promptly + flows.count(Measure::PublishedLate));
    Figures { counts: c, on_time, satisfaction, published_promptly }
}

fn add_to<K: PartialEq + Copy>(list: &mut Vec<(K, u64)>, key: K, n: u64) {
    if n > 0 {
        add_n(list, key, n);
    }
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    use super::*;
    use crate::stats::figures::{counts, on_time, published_promptly, satisfaction};
    use crate::stats::period::{Basis, Period, PeriodKind, Span};

    /// The sums as storage keeps them, built here from contributions by day.
    fn sums(cases: &[CaseFacts], span: Span, today: NaiveDate) -> Sums {
        let mut by_day: BTreeMap<(NaiveDate, Channel, Category), Tally> = BTreeMap::new();
        for case in cases {
            for (day, m) in contributions(case) {
                by_day.entry((day, case.channel, case.category)).or_default().add(m, 1);
            }
        }
        let mut s = Sums::default();
        let mut flows: BTreeMap<(Channel, Category), Tally> = BTreeMap::new();
        for ((day, channel, category), tally) in &by_day {
            if *day < span.first {
                s.before.add_all(tally);
            }
            if *day <= span.last {
                s.through.add_all(tally);
            }
            if span.contains(*day) {
                flows.entry((*channel, *category)).or_default().add_all(tally);
                if *day < today {
                    s.due_open_past += tally.get(Measure::DueOpen);
                }
            }
        }
        s.flows = flows.into_iter().map(|((ch, ca), t)| (ch, ca, t)).collect();
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
        assert!(delta.keys().all(|(_, _, key)| key.agency == "B"), "{delta:?}");
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
            let mut c = figures.counts;
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
        }
    }
}
