//! An agency's scorecard and the ranking of agencies: the period's figures with the Decision 766
//! rates, where its open cases stand today, and its place among the agencies with enough cases.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rates::{Rate, rank};
use super::tally::{AgencyFigures, Figures};
use crate::calendar::Calendar;
use crate::catalogue::AgencyLink;
use crate::feedback::CaseStatus;
use crate::workflow::{DeadlineState, listed_state};

/// Where an agency's open cases stand today, against the date that governs each (classify,
/// answer or publish by), as the officials' queue shows them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenToday {
    pub on_time: u64,
    /// Two working days or fewer left.
    pub due_soon: u64,
    pub overdue: u64,
    /// Late by more than the term itself.
    pub very_overdue: u64,
    /// Waiting for the submitter's information: the clock stands still.
    pub paused: u64,
}

impl OpenToday {
    /// From the open cases counted by status and the date the queue orders them by (a paused
    /// case's answer date).
    pub fn of(calendar: &Calendar, today: NaiveDate, open: &[(CaseStatus, Option<NaiveDate>, u64)]) -> Self {
        let mut out = OpenToday::default();
        for &(status, due, n) in open {
            let slot = match (status, due) {
                (CaseStatus::AwaitingInformation, _) => &mut out.paused,
                // No date governs it (an approved answer imported without its publication date).
                (_, None) => &mut out.on_time,
                (_, Some(due)) => match listed_state(calendar, today, status, due) {
                    DeadlineState::OnTime => &mut out.on_time,
                    DeadlineState::DueSoon => &mut out.due_soon,
                    DeadlineState::Overdue => &mut out.overdue,
                    DeadlineState::VeryOverdue => &mut out.very_overdue,
                },
            };
            *slot += n;
        }
        out
    }

    pub fn total(&self) -> u64 {
        self.on_time + self.due_soon + self.overdue + self.very_overdue + self.paused
    }
}

/// Which rate a ranking orders by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RankBy {
    /// PAKN handled on time.
    #[default]
    OnTime,
    /// Satisfaction with PAKN handling.
    Satisfaction,
}

impl RankBy {
    pub const ALL: [RankBy; 2] = [RankBy::OnTime, RankBy::Satisfaction];

    /// The word in addresses.
    pub fn as_str(self) -> &'static str {
        match self {
            RankBy::OnTime => "dung-han",
            RankBy::Satisfaction => "hai-long",
        }
    }

    pub fn parse(word: &str) -> Option<Self> {
        RankBy::ALL.into_iter().find(|r| r.as_str() == word)
    }

    pub fn rate(self, figures: &Figures) -> Rate {
        match self {
            RankBy::OnTime => figures.on_time,
            RankBy::Satisfaction => figures.satisfaction,
        }
    }
}

/// The agencies of a period, best first by the lower bound of the chosen rate's interval; those
/// with too few cases for it apart, by name, never ranked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranking {
    pub by: RankBy,
    pub min_sample: u64,
    pub ranked: Vec<AgencyFigures>,
    pub unranked: Vec<AgencyFigures>,
}

impl Ranking {
    /// Ranks `agencies` (in the order they are listed in when too few).
    pub fn of(agencies: Vec<AgencyFigures>, by: RankBy, min_sample: u64) -> Self {
        let (ranked, unranked) = rank(agencies, |a| by.rate(&a.figures), min_sample);
        Ranking { by, min_sample, ranked, unranked }
    }

    /// The place (from 1) of the agency with `code`, if ranked.
    pub fn place_of(&self, code: &str) -> Option<usize> {
        self.ranked.iter().position(|a| a.agency.code == code).map(|i| i + 1)
    }
}

/// One agency's standing in a ranking: its place, and out of how many.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    pub place: usize,
    pub of: usize,
}

/// An agency's scorecard for a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scorecard {
    pub agency: AgencyLink,
    pub figures: Figures,
    pub open_today: OpenToday,
    pub min_sample: u64,
    /// Its place by each rate, where it has enough cases to be ranked.
    pub on_time_standing: Option<Standing>,
    pub satisfaction_standing: Option<Standing>,
}

impl Scorecard {
    /// The scorecard of the agency with `agency`'s code, from the period's figures of every
    /// agency (for its places) and its open cases today.
    pub fn of(agency: AgencyLink, all: &[AgencyFigures], open_today: OpenToday, min_sample: u64) -> Self {
        let figures = all.iter().find(|a| a.agency.code == agency.code).map(|a| a.figures.clone()).unwrap_or_default();
        let standing = |by: RankBy| {
            let ranking = Ranking::of(all.to_vec(), by, min_sample);
            ranking.place_of(&agency.code).map(|place| Standing { place, of: ranking.ranked.len() })
        };
        Scorecard {
            on_time_standing: standing(RankBy::OnTime),
            satisfaction_standing: standing(RankBy::Satisfaction),
            agency,
            figures,
            open_today,
            min_sample,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn agency(code: &str, on_time: (u64, u64)) -> AgencyFigures {
        AgencyFigures {
            agency: AgencyLink { code: code.into(), slug: code.to_lowercase(), name: code.into() },
            figures: Figures { on_time: Rate::new(on_time.0, on_time.1), ..Figures::default() },
        }
    }

    #[test]
    fn open_cases_stand_by_their_governing_date_and_a_pause_apart() {
        let calendar = Calendar::new(Vec::new());
        // Monday 9 March 2026.
        let today = d(3, 9);
        let open = [
            (CaseStatus::InProgress, Some(d(3, 31)), 4),
            (CaseStatus::InProgress, Some(d(3, 10)), 2),
            (CaseStatus::AnswerDrafted, Some(d(3, 6)), 1),
            // Twenty days late on a twenty-day answer term, and more.
            (CaseStatus::InProgress, Some(d(2, 1)), 3),
            (CaseStatus::AwaitingInformation, Some(d(2, 1)), 5),
        ];
        let o = OpenToday::of(&calendar, today, &open);
        assert_eq!(o, OpenToday { on_time: 4, due_soon: 2, overdue: 1, very_overdue: 3, paused: 5 }, "{o:?}");
        assert_eq!(o.total(), 15);
    }

    #[test]
    fn a_small_perfect_sample_never_tops_a_large_good_one_and_too_few_are_not_ranked() {
        let all = vec![
            agency("TINY", (3, 3)),
            agency("SMALL", (10, 10)),
            agency("LARGE", (930, 1000)),
            agency("WEAK", (40, 100)),
        ];
        let ranking = Ranking::of(all.clone(), RankBy::OnTime, 10);
        let order: Vec<&str> = ranking.ranked.iter().map(|a| a.agency.code.as_str()).collect();
        assert_eq!(order, ["LARGE", "SMALL", "WEAK"], "10 of 10 has a lower bound of 72 %, 930 of 1000 of 91 %");
        assert_eq!(ranking.unranked.iter().map(|a| a.agency.code.as_str()).collect::<Vec<_>>(), ["TINY"]);
        let card = Scorecard::of(all[1].agency.clone(), &all, OpenToday::default(), 10);
        assert_eq!(card.on_time_standing, Some(Standing { place: 2, of: 3 }));
        assert_eq!(card.figures.on_time, Rate::new(10, 10));
        assert_eq!(card.satisfaction_standing, None, "no answers rated: no place");
        let card = Scorecard::of(all[0].agency.clone(), &all, OpenToday::default(), 10);
        assert_eq!(card.on_time_standing, None);
    }
}
