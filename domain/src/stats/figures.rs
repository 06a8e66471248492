//! Each figure of the public record, defined once over the facts of the cases it counts. The
//! aggregates the storage keeps must always equal what these give from the cases themselves.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::period::Span;
use super::rates::Rate;
use crate::feedback::{Category, Channel};
use crate::workflow::Refusal;

/// What the record needs to know of one case, all of it public: no submitter, no text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFacts {
    /// The agency that holds it (after any transfer): the one its figures count for.
    pub agency: String,
    /// The field (lĩnh vực) of the procedure it concerns, as stored when it was received (empty
    /// when it concerns none).
    pub field: String,
    pub category: Category,
    pub channel: Channel,
    /// The working day the legal periods count from.
    pub received_on: NaiveDate,
    /// The answer's due date, as stored when it was set (a later calendar change does not move
    /// it; a pause for information does).
    pub answer_due: NaiveDate,
    /// The day its approved answer was to be published by, as stored when it was approved (none
    /// if it never was, or the case was imported without it).
    pub publish_due: Option<NaiveDate>,
    pub end: Option<End>,
    /// Working days from the day it counted as received to the publication of its answer, as
    /// counted on that day (none if unanswered, or imported without it).
    pub answer_days: Option<u32>,
    /// How many times it was transferred to another agency.
    pub transfers: u32,
    /// The submitter's rating of the answer: `Some(false)` for "not satisfied".
    pub satisfied: Option<bool>,
    /// Whether the submitter asked for the answer to be examined again.
    pub re_examined: bool,
}

/// How and on which day (in Vietnam) a case stopped being open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum End {
    /// Its answer was published: the answer's moment is its publication.
    Answered(NaiveDate),
    Refused(NaiveDate, RefusedFor),
    Withdrawn(NaiveDate),
}

impl End {
    pub fn day(self) -> NaiveDate {
        match self {
            End::Answered(d) | End::Refused(d, _) | End::Withdrawn(d) => d,
        }
    }
}

/// Why a case was refused, as the record counts refusals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RefusedFor {
    /// Fails the legal requirements of a submission (Decree 20 Art. 7).
    Requirements,
    /// A complaint, for the Law on Complaints' channel.
    Complaint,
    /// A denunciation, for the Law on Denunciations' channel.
    Denunciation,
    /// The same matter as another case.
    Duplicate,
}

impl RefusedFor {
    pub const ALL: [RefusedFor; 4] =
        [RefusedFor::Requirements, RefusedFor::Complaint, RefusedFor::Denunciation, RefusedFor::Duplicate];
}

impl From<&Refusal> for RefusedFor {
    fn from(refusal: &Refusal) -> Self {
        match refusal {
            Refusal::Requirements => RefusedFor::Requirements,
            Refusal::Complaint => RefusedFor::Complaint,
            Refusal::Denunciation => RefusedFor::Denunciation,
            Refusal::Duplicate { .. } => RefusedFor::Duplicate,
        }
    }
}

/// An answer's timing against its due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Timing {
    /// Published before the due date.
    Early,
    /// Published on the due date.
    OnTime,
    /// Published after it.
    Late,
}

impl Timing {
    pub fn of(answered: NaiveDate, due: NaiveDate) -> Self {
        match answered.cmp(&due) {
            std::cmp::Ordering::Less => Timing::Early,
            std::cmp::Ordering::Equal => Timing::OnTime,
            std::cmp::Ordering::Greater => Timing::Late,
        }
    }

    pub fn in_time(self) -> bool {
        self != Timing::Late
    }
}

impl CaseFacts {
    /// Whether it was still open at the end of `day`.
    pub fn open_at(&self, day: NaiveDate) -> bool {
        self.received_on <= day && self.end.is_none_or(|e| e.day() > day)
    }

    /// Whether it was open and past its due date at the end of `day`.
    pub fn overdue_at(&self, day: NaiveDate) -> bool {
        self.open_at(day) && self.answer_due < day
    }

    /// Its answer's timing, if answered.
    pub fn timing(&self) -> Option<Timing> {
        match self.end {
            Some(End::Answered(day)) => Some(Timing::of(day, self.answer_due)),
            _ => None,
        }
    }

    /// Whether its answer is decided late as of the end of `today`: answered after the due
    /// date, or still unanswered with the due date gone.
    fn late_as_of(&self, today: NaiveDate) -> Option<bool> {
        match self.end {
            Some(End::Answered(day)) => Some(day > self.answer_due),
            Some(_) => None,
            None if self.answer_due < today => Some(true),
            None => None,
        }
    }
}

/// The flows and states of a period, over the cases it is asked about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Received in the period (by the working day the periods count from).
    pub received: u64,
    pub received_by_channel: Vec<(Channel, u64)>,
    pub received_by_category: Vec<(Category, u64)>,
    /// Still open when the period began: what the previous period carried over.
    pub carried_over: u64,
    pub answered_early: u64,
    pub answered_on_time: u64,
    pub answered_late: u64,
    pub refused: u64,
    pub refused_by_reason: Vec<(RefusedFor, u64)>,
    pub withdrawn: u64,
    /// Received in the period and transferred at least once.
    pub transferred: u64,
    /// Open at the end of the period, within the due date or past it.
    pub open_within: u64,
    pub open_overdue: u64,
}

impl Counts {
    pub fn answered(&self) -> u64 {
        self.answered_early + self.answered_on_time + self.answered_late
    }

    pub fn open(&self) -> u64 {
        self.open_within + self.open_overdue
    }

    /// Adds another scope's counts (an agency's to its group's).
    pub fn add(&mut self, other: &Counts) {
        self.received += other.received;
        for &(channel, n) in &other.received_by_channel {
            add_n(&mut self.received_by_channel, channel, n);
        }
        for &(category, n) in &other.received_by_category {
            add_n(&mut self.received_by_category, category, n);
        }
        self.carried_over += other.carried_over;
        self.answered_early += other.answered_early;
        self.answered_on_time += other.answered_on_time;
        self.answered_late += other.answered_late;
        self.refused += other.refused;
        for &(reason, n) in &other.refused_by_reason {
            add_n(&mut self.refused_by_reason, reason, n);
        }
        self.withdrawn += other.withdrawn;
        self.transferred += other.transferred;
        self.open_within += other.open_within;
        self.open_overdue += other.open_overdue;
    }
}

pub(super) fn add_n<K: PartialEq + Copy>(list: &mut Vec<(K, u64)>, key: K, n: u64) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, total)) => *total += n,
        None => list.push((key, n)),
    }
}

fn bump<K: PartialEq + Copy>(list: &mut Vec<(K, u64)>, key: K) {
    add_n(list, key, 1);
}

/// The counts of a period over `cases` (Circular 01/2020/TT-VPCP form 06, adapted to feedback
/// as DOMAIN.md §5 says): what was received in it, how what ended in it ended, and what was open
/// at its start and end.
pub fn counts<'a>(cases: impl IntoIterator<Item = &'a CaseFacts>, span: Span) -> Counts {
    let mut c = Counts::default();
    let before = span.first.pred_opt().unwrap_or(span.first);
    for case in cases {
        if span.contains(case.received_on) {
            c.received += 1;
            bump(&mut c.received_by_channel, case.channel);
            bump(&mut c.received_by_category, case.category);
            if case.transfers > 0 {
                c.transferred += 1;
            }
        }
        if case.open_at(before) {
            c.carried_over += 1;
        }
        match case.end {
            Some(End::Answered(day)) if span.contains(day) => match Timing::of(day, case.answer_due) {
                Timing::Early => c.answered_early += 1,
                Timing::OnTime => c.answered_on_time += 1,
                Timing::Late => c.answered_late += 1,
            },
            Some(End::Refused(day, reason)) if span.contains(day) => {
                c.refused += 1;
                bump(&mut c.refused_by_reason, reason);
            }
            Some(End::Withdrawn(day)) if span.contains(day) => c.withdrawn += 1,
            _ => {}
        }
        if case.overdue_at(span.last) {
            c.open_overdue += 1;
        } else if case.open_at(span.last) {
            c.open_within += 1;
        }
    }
    c
}

/// **PAKN handled on time** (Decision 766/QĐ-TTg, DOMAIN.md §1.7): handled on or before the
/// deadline ÷ PAKN within the agency's authority. Counted over the cases whose answer fell due in
/// the period, so each case counts once and an unanswered one counts as late as soon as its due
/// date has gone (not answering never helps); refused and withdrawn cases were never for the
/// agency to answer. As of the end of `today`: a case due today and still open is not yet decided.
pub fn on_time<'a>(cases: impl IntoIterator<Item = &'a CaseFacts>, span: Span, today: NaiveDate) -> Rate {
    let mut rate = Rate::default();
    for case in cases.into_iter().filter(|c| span.contains(c.answer_due)) {
        if let Some(late) = case.late_as_of(today) {
            rate.total += 1;
            rate.hits += u64::from(!late);
        }
    }
    rate
}

/// **Satisfaction with PAKN handling** (Decision 766/QĐ-TTg, DOMAIN.md §1.7): (total − rated "not
/// satisfied" − asked to be examined again − handled late) ÷ total, a case in several of these
/// subtracted once. Counted over the cases answered (published) in the period.
pub fn satisfaction<'a>(cases: impl IntoIterator<Item = &'a CaseFacts>, span: Span) -> Rate {
    let mut rate = Rate::default();
    for case in cases {
        if let Some(End::Answered(day)) = case.end
            && span.contains(day)
        {
            rate.total += 1;
            let unhappy = case.satisfied == Some(false) || case.re_examined || day > case.answer_due;
            rate.hits += u64::from(!unhappy);
        }
    }
    rate
}

/// **Answers published in time**: of the answers published in the period whose approval set a
/// publication date, those published by it — within 2 working days of approval (DOMAIN.md §1.4
/// step 5: publish the result within 2 working days).
pub fn published_promptly<'a>(cases: impl IntoIterator<Item = &'a CaseFacts>, span: Span) -> Rate {
    let mut rate = Rate::default();
    for case in cases {
        if let (Some(End::Answered(day)), Some(due)) = (case.end, case.publish_due)
            && span.contains(day)
        {
            rate.total += 1;
            rate.hits += u64::from(day <= due);
        }
    }
    rate
}

/// Answers taking this many working days or more are counted together: the record tells how
/// many took "30 or more", which is well past any legal time limit for feedback (DOMAIN.md §1.4).
pub const LONGEST_DAYS: u32 = 30;

/// How long answers took, in working days from receipt to publication: the median and the 90th
/// percentile (nearest rank) of the answers published in a period. [`LONGEST_DAYS`] stands for
/// that many or more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaysToAnswer {
    /// The answers it is taken over (those that know how long they took).
    pub answers: u64,
    pub median: u32,
    pub p90: u32,
}

impl DaysToAnswer {
    /// From the number of answers that took each number of working days, from 0 to
    /// [`LONGEST_DAYS`] (that many or more).
    pub fn of_histogram(counts: &[u64]) -> Option<Self> {
        let answers: u64 = counts.iter().sum();
        if answers == 0 {
            return None;
        }
        let at = |q: f64| {
            let rank = ((q * answers as f64).ceil() as u64).clamp(1, answers);
            let mut seen = 0;
            for (days, n) in counts.iter().enumerate() {
                seen += n;
                if seen >= rank {
                    return u32::try_from(days).unwrap_or(LONGEST_DAYS);
                }
            }
            LONGEST_DAYS
        };
        Some(DaysToAnswer { answers, median: at(0.5), p90: at(0.9) })
    }
}

/// **Time to answer**: over the answers published in the period, the working days each took
/// from the day it counted as received to its publication (the answer's moment), as the median
/// and 90th percentile; none without answers.
pub fn days_to_answer<'a>(cases: impl IntoIterator<Item = &'a CaseFacts>, span: Span) -> Option<DaysToAnswer> {
    let mut days: Vec<i64> = Vec::new();
    for case in cases {
        if let (Some(End::Answered(day)), Some(n)) = (case.end, case.answer_days)
            && span.contains(day)
        {
            days.push(i64::from(n.min(LONGEST_DAYS)));
        }
    }
    let answers = days.len() as u64;
    let (median, p90) = super::rates::median_and_p90(&mut days)?;
    let days = |n: i64| u32::try_from(n).unwrap_or(LONGEST_DAYS);
    Some(DaysToAnswer { answers, median: days(median), p90: days(p90) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn case(received: NaiveDate, due: NaiveDate, end: Option<End>) -> CaseFacts {
        CaseFacts {
            agency: "A".into(),
            field: String::new(),
            category: Category::Regulation,
            channel: Channel::Web,
            received_on: received,
            answer_due: due,
            publish_due: None,
            end,
            answer_days: None,
            transfers: 0,
            satisfied: None,
            re_examined: false,
        }
    }

    #[test]
    fn a_period_counts_what_came_in_what_ended_and_what_stayed_open() {
        let span = Span::new(d(3, 15), d(6, 14)).unwrap();
        let cases = [
            // Open from before: carried over, answered early inside.
            case(d(3, 1), d(3, 30), Some(End::Answered(d(3, 20)))),
            // Received inside, answered on the due date.
            case(d(4, 1), d(4, 21), Some(End::Answered(d(4, 21)))),
            // Received inside, answered late.
            case(d(4, 2), d(4, 22), Some(End::Answered(d(5, 2)))),
            // Received on the last day, open within its time.
            case(d(6, 14), d(7, 4), None),
            // Received inside, overdue at the end and answered after it.
            case(d(5, 1), d(5, 21), Some(End::Answered(d(6, 20)))),
            case(d(5, 3), d(5, 23), Some(End::Refused(d(5, 4), RefusedFor::Requirements))),
            case(d(5, 3), d(5, 23), Some(End::Withdrawn(d(6, 15)))),
            // Received after the period: nowhere.
            case(d(6, 15), d(7, 5), None),
        ];
        let c = counts(&cases, span);
        assert_eq!((c.received, c.carried_over), (6, 1));
        assert_eq!((c.answered_early, c.answered_on_time, c.answered_late), (1, 1, 1));
        assert_eq!((c.refused, c.withdrawn), (1, 0), "withdrawn the day after the period");
        assert_eq!(
            (c.open_within, c.open_overdue),
            (1, 2),
            "the one withdrawn on the 15th was open, and late, on the 14th"
        );
        // What the period carried over into the next equals what was open at its end.
        let next = Span::new(d(6, 15), d(9, 14)).unwrap();
        assert_eq!(counts(&cases, next).carried_over, c.open());
    }

    #[test]
    fn on_time_counts_each_case_once_by_its_due_date_and_never_rewards_silence() {
        let span = Span::new(d(4, 1), d(4, 30)).unwrap();
        let cases = [
            case(d(3, 20), d(4, 10), Some(End::Answered(d(4, 9)))),
            case(d(3, 21), d(4, 11), Some(End::Answered(d(4, 12)))),
            // Due in the period, never answered: late once the date has gone.
            case(d(3, 22), d(4, 12), None),
            // Due on "today": not decided yet.
            case(d(4, 5), d(4, 25), None),
            // Refused: not the agency's to answer.
            case(d(4, 1), d(4, 21), Some(End::Refused(d(4, 2), RefusedFor::Complaint))),
            // Due after the period.
            case(d(4, 20), d(5, 10), Some(End::Answered(d(4, 28)))),
        ];
        assert_eq!(on_time(&cases, span, d(4, 25)), Rate::new(1, 3));
        assert_eq!(on_time(&cases, span, d(4, 26)), Rate::new(1, 4), "the next day it is late");
    }

    #[test]
    fn satisfaction_subtracts_each_unhappy_case_once() {
        let span = Span::new(d(4, 1), d(4, 30)).unwrap();
        let answered = |on: NaiveDate| case(d(3, 20), d(4, 10), Some(End::Answered(on)));
        let cases = [
            answered(d(4, 5)),
            CaseFacts { satisfied: Some(true), ..answered(d(4, 5)) },
            CaseFacts { satisfied: Some(false), ..answered(d(4, 5)) },
            // Late, not satisfied and re-examined: subtracted once.
            CaseFacts { satisfied: Some(false), re_examined: true, ..answered(d(4, 15)) },
            CaseFacts { re_examined: true, ..answered(d(4, 6)) },
            answered(d(5, 1)),
        ];
        assert_eq!(satisfaction(&cases, span), Rate::new(2, 5));
    }

    #[test]
    fn publication_is_in_time_by_its_own_date_and_counts_only_what_was_approved() {
        let span = Span::new(d(4, 1), d(4, 30)).unwrap();
        let answered = |on: NaiveDate, by: Option<NaiveDate>| CaseFacts {
            publish_due: by,
            ..case(d(3, 20), d(4, 30), Some(End::Answered(on)))
        };
        let cases = [
            answered(d(4, 7), Some(d(4, 7))),
            answered(d(4, 6), Some(d(4, 8))),
            answered(d(4, 9), Some(d(4, 8))),
            // Imported without its approval: not counted either way.
            answered(d(4, 9), None),
            // Published after the period.
            answered(d(5, 4), Some(d(5, 1))),
        ];
        assert_eq!(published_promptly(&cases, span), Rate::new(2, 3));
    }

    #[test]
    fn time_to_answer_is_the_median_and_90th_percentile_of_the_period_s_answers() {
        let span = Span::new(d(4, 1), d(4, 30)).unwrap();
        let answered = |on: NaiveDate, days: Option<u32>| CaseFacts {
            answer_days: days,
            ..case(d(3, 20), d(4, 30), Some(End::Answered(on)))
        };
        let mut cases: Vec<CaseFacts> = (1..=9).map(|n| answered(d(4, 10), Some(n))).collect();
        // Far past the limit: counted as the longest.
        cases.push(answered(d(4, 10), Some(90)));
        // Without its time, after the period, and unanswered: not counted.
        cases.push(answered(d(4, 10), None));
        cases.push(answered(d(5, 2), Some(1)));
        cases.push(case(d(4, 1), d(4, 15), None));
        let got = days_to_answer(&cases, span).unwrap();
        assert_eq!(got, DaysToAnswer { answers: 10, median: 5, p90: 9 });
        let mut histogram = vec![0; LONGEST_DAYS as usize + 1];
        for n in (1..=9).chain([LONGEST_DAYS]) {
            histogram[n as usize] += 1;
        }
        assert_eq!(DaysToAnswer::of_histogram(&histogram), Some(got));
        cases.push(answered(d(4, 11), Some(40)));
        assert_eq!(days_to_answer(&cases, span).unwrap().p90, LONGEST_DAYS);
        assert_eq!(days_to_answer(&cases[10..13], span), None);
    }
}
