//! The figures as running totals that storage can keep up to date as cases change: each case
//! adds one to a few measures on a few days (its *contributions*, a pure function of its facts),
//! so a change of a case takes its old contributions away and adds its new ones, in the same
//! transaction. A period's flows are then the sum of the measures over its days, and a state at
//! the end of a day (open, overdue) the sum of its opening and closing measures up to that day.
//! [`assemble`] turns those sums into the same figures as [`super::figures`] gives from the
//! cases themselves; the tests check that the two always agree.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::buckets::Level;
use super::figures::{CaseFacts, Counts, DaysToAnswer, End, LONGEST_DAYS, RefusedFor, Timing, add_n};
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
    /// With `Received`, by the channel it came through and the category it is of: so that a
    /// scope's row tells its breakdowns without a row for each.
    ReceivedVia(Channel),
    ReceivedAs(Category),
    /// On the day of publication: the answer took this many working days ([`LONGEST_DAYS`]: that
    /// many or more).
    AnsweredAfter(u32),
}

/// The measures that are one count each.
const BASIC: [Measure; 20] = [
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

const VIA_FROM: usize = BASIC.len();
const AS_FROM: usize = VIA_FROM + Channel::ALL.len();
const AFTER_FROM: usize = AS_FROM + Category::ALL.len();
const MEASURES: usize = AFTER_FROM + LONGEST_DAYS as usize + 1;

impl Measure {
    /// Every measure, in the order of a [`Tally`].
    pub const ALL: [Measure; MEASURES] = {
        let mut out = [Measure::Received; MEASURES];
        let mut i = 0;
        while i < BASIC.len() {
            out[i] = BASIC[i];
            i += 1;
        }
        let mut c = 0;
        while c < Channel::ALL.len() {
            out[VIA_FROM + c] = Measure::ReceivedVia(Channel::ALL[c]);
            c += 1;
        }
        let mut c = 0;
        while c < Category::ALL.len() {
            out[AS_FROM + c] = Measure::ReceivedAs(Category::ALL[c]);
            c += 1;
        }
        let mut days = 0;
        while days <= LONGEST_DAYS {
            out[AFTER_FROM + days as usize] = Measure::AnsweredAfter(days);
            days += 1;
        }
        out
    };

    /// Its column in storage.
    pub fn column(self) -> &'static str {
        static COLUMNS: LazyLock<Vec<String>> = LazyLock::new(|| Measure::ALL.iter().map(|m| m.name()).collect());
        &COLUMNS[self.index()]
    }

    fn name(self) -> String {
        let basic = match self {
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
            Measure::ReceivedVia(channel) => return format!("received_via_{}", channel.as_str()),
            Measure::ReceivedAs(category) => return format!("received_as_{}", category.as_str()),
            Measure::AnsweredAfter(days) => return format!("answered_after_{days}"),
        };
        basic.to_owned()
    }

    fn index(self) -> usize {
        fn position<T: PartialEq>(list: &[T], x: T) -> usize {
            list.iter().position(|y| *y == x).expect("every value is listed")
        }
        match self {
            Measure::ReceivedVia(channel) => VIA_FROM + position(&Channel::ALL, channel),
            Measure::ReceivedAs(category) => AS_FROM + position(&Category::ALL, category),
            Measure::AnsweredAfter(days) => AFTER_FROM + days.min(LONGEST_DAYS) as usize,
            basic => position(&BASIC, basic),
        }
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally(pub [i64; MEASURES]);

impl Default for Tally {
    fn default() -> Self {
        Tally([0; MEASURES])
    }
}

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
    pub field: String,
    pub category: Category,
    pub channel: Channel,
}

/// The rows a contribution is added to: one for its whole key, which any filter can read, one
/// each for its agency and its field over everything else, one for the pair, and one each for its
/// agency and its field in its category and channel, so that the views most asked for (every
/// agency; one agency; the fields; one agency's fields; any of these narrowed by category or
/// channel) read one row per agency or field, kind and bucket, never the whole keys of the others.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Scope {
    Agency(String),
    Field(String),
    /// An agency's cases of one field.
    AgencyField(String, String),
    /// An agency's cases of one category and channel, over every field.
    AgencyKind(String, Category, Channel),
    /// A field's cases of one category and channel, over every agency.
    FieldKind(String, Category, Channel),
    Key(Key),
}

impl Scope {
    /// What the scope's cases have in common with those of [`Scope::Key`]s.
    pub fn of(key: &Key) -> [Scope; 6] {
        [
            Scope::Agency(key.agency.clone()),
            Scope::Field(key.field.clone()),
            Scope::AgencyField(key.agency.clone(), key.field.clone()),
            Scope::AgencyKind(key.agency.clone(), key.category, key.channel),
            Scope::FieldKind(key.field.clone(), key.category, key.channel),
            Scope::Key(key.clone()),
        ]
    }
}

/// What one case adds to, on which days.
pub fn contributions(case: &CaseFacts) -> Vec<(NaiveDate, Measure)> {
    let mut out = vec![
        (case.received_on, Measure::Received),
        (case.received_on, Measure::ReceivedVia(case.channel)),
        (case.received_on, Measure::ReceivedAs(case.category)),
        (case.received_on, Measure::Opened),
    ];
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
            if let Some(days) = case.answer_days {
                out.push((day, Measure::AnsweredAfter(days.min(LONGEST_DAYS))));
            }
        }
        Some(End::Refused(day, reason)) => out.push((day, Measure::refused(reason))),
        Some(End::Withdrawn(day)) => out.push((day, Measure::Withdrawn)),
        None => out.push((case.answer_due, Measure::DueOpen)),
    }
    out
}

/// Changes to the running totals, by bucket and scope.
pub type Delta = BTreeMap<(Level, String, Scope), Tally>;

/// Adds to `delta` what a change of one case does to the running totals: its old contributions
/// (if it existed) taken away and its new ones added, at every level and in every scope.
pub fn change(delta: &mut Delta, before: Option<&CaseFacts>, after: Option<&CaseFacts>) {
    for (case, sign) in [(before, -1), (after, 1)] {
        let Some(case) = case else { continue };
        let key = Key {
            agency: case.agency.clone(),
            field: case.field.clone(),
            category: case.category,
            channel: case.channel,
        };
        let mut by_bucket: BTreeMap<(Level, String), Tally> = BTreeMap::new();
        for (day, measure) in contributions(case) {
            for level in Level::ALL {
                by_bucket.entry((level, level.bucket(day))).or_default().add(measure, sign);
            }
        }
        for ((level, bucket), tally) in by_bucket {
            for scope in Scope::of(&key) {
                delta.entry((level, bucket.clone(), scope)).or_default().add_all(&tally);
            }
        }
    }
    delta.retain(|_, tally| !tally.is_zero());
}

/// The sums storage gives for one period and filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    /// Every measure over the period's days.
    pub flows: Tally,
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
        self.flows.add_all(&other.flows);
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
    /// How many answers took each number of working days, from 0 to [`LONGEST_DAYS`] (that many
    /// or more); empty without answers.
    pub answer_days: Vec<u64>,
}

impl Figures {
    pub fn of(sums: &Sums) -> Self {
        assemble(sums)
    }

    /// The median and 90th percentile of the time its answers took, equal to
    /// [`super::figures::days_to_answer`] over the same cases.
    pub fn days_to_answer(&self) -> Option<DaysToAnswer> {
        DaysToAnswer::of_histogram(&self.answer_days)
    }

    /// Adds another scope's figures: every count and both sides of every rate, so a group's
    /// figures are the sum of its members'.
    pub fn add(&mut self, other: &Figures) {
        self.counts.add(&other.counts);
        self.on_time.add(other.on_time);
        self.satisfaction.add(other.satisfaction);
        self.published_promptly.add(other.published_promptly);
        if self.answer_days.len() < other.answer_days.len() {
            self.answer_days.resize(other.answer_days.len(), 0);
        }
        for (a, b) in self.answer_days.iter_mut().zip(&other.answer_days) {
            *a += b;
        }
    }
}

/// One agency's figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyFigures {
    pub agency: crate::catalogue::AgencyLink,
    pub figures: Figures,
}

/// One field's figures: `None` for the cases that concern no procedure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldFigures {
    pub field: Option<crate::procedure::FieldRef>,
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
    let flows = &sums.flows;
    let mut c = Counts::default();
    for channel in Channel::ALL {
        add_to(&mut c.received_by_channel, channel, flows.count(Measure::ReceivedVia(channel)));
    }
    for category in Category::ALL {
        add_to(&mut c.received_by_category, category, flows.count(Measure::ReceivedAs(category)));
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
    let mut answer_days: Vec<u64> = (0..=LONGEST_DAYS).map(|d| flows.count(Measure::AnsweredAfter(d))).collect();
    if answer_days.iter().all(|n| *n == 0) {
        answer_days.clear();
    }
    Figures { counts: c, on_time, satisfaction, published_promptly, answer_days }
}

fn add_to<K: PartialEq + Copy>(list: &mut Vec<(K, u64)>, key: K, n: u64) {
    if n > 0 {
        add_n(list, key, n);
    }
}

#[cfg(test)]
mod tests;
