//! How long the personal data of a finished case is kept. Decree 13/2023/NĐ-CP on personal data
//! protection has data kept no longer than its purpose needs: once a case is finished (answered,
//! closed, not accepted or withdrawn) and has not changed for the period the administrators set,
//! the submitter's name, address, phone and e-mail, the text only they wrote, the files they sent
//! that were not published, and the messages sent to them are erased. What was published, the
//! case's dates and its place in the statistics stay as they were.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::cases::EventKind;
use crate::feedback::CaseStatus;

/// The period, in days from a finished case's last change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionPolicy {
    pub keep_days: u32,
}

impl Default for RetentionPolicy {
    /// Two years: long enough for a complaint about the handling and for the yearly reports.
    fn default() -> Self {
        RetentionPolicy { keep_days: 730 }
    }
}

impl RetentionPolicy {
    /// At least the longest a dissatisfied submitter may be given to ask for re-examination.
    pub const MIN_DAYS: u32 = crate::workflow::ReexaminationPolicy::MAX_DAYS;
    /// Ten years.
    pub const MAX_DAYS: u32 = 3_650;

    /// Finished cases last changed before this moment are due to be erased at `now`.
    pub fn erase_before(self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::days(i64::from(self.keep_days))
    }
}

/// The statuses a case can no longer leave but by re-examination: those whose personal data the
/// period applies to.
pub const FINISHED: [CaseStatus; 4] =
    [CaseStatus::Published, CaseStatus::Closed, CaseStatus::Refused, CaseStatus::Withdrawn];

/// What stands in for the submitter's name once it is erased.
pub const ERASED_NAME: &str = "—";

impl EventKind {
    /// The event with what may identify a person taken out: what the submitter wrote, and
    /// officials' internal notes, transfer reasons and questions to the submitter, which may name
    /// them. What was published, and the event's kind, dates and agencies, are kept.
    pub fn without_personal(self) -> EventKind {
        match self {
            EventKind::InformationAdded { .. } => EventKind::InformationAdded { text: String::new() },
            EventKind::Withdrawn { .. } => EventKind::Withdrawn { reason: String::new() },
            EventKind::Rated { satisfied, .. } => EventKind::Rated { satisfied, reason: String::new() },
            EventKind::ReexaminationRequested { due, .. } => {
                EventKind::ReexaminationRequested { reason: String::new(), due }
            }
            EventKind::Transferred { from, to, public_note, .. } => {
                EventKind::Transferred { from, to, reason: String::new(), public_note }
            }
            EventKind::InformationRequested { .. } => EventKind::InformationRequested { message: String::new() },
            EventKind::Noted { .. } => EventKind::Noted { text: String::new() },
            EventKind::NotPersonalConfirmed { .. } => EventKind::NotPersonalConfirmed { text: String::new() },
            kept => kept,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_submitter_wrote_goes_and_what_was_published_stays() {
        let rated = EventKind::Rated { satisfied: false, reason: "Tôi là Nguyễn Văn A, 0983111222".into() };
        assert_eq!(rated.without_personal(), EventKind::Rated { satisfied: false, reason: String::new() });
        let transfer = EventKind::Transferred {
            from: "A".into(),
            to: "B".into(),
            reason: "Ông A nhờ chuyển".into(),
            public_note: "Chuyển cơ quan có thẩm quyền".into(),
        };
        let EventKind::Transferred { reason, public_note, to, .. } = transfer.without_personal() else { panic!() };
        assert_eq!((reason.as_str(), public_note.as_str(), to.as_str()), ("", "Chuyển cơ quan có thẩm quyền", "B"));
        let published = EventKind::Published { answer: "Trả lời".into() };
        assert_eq!(published.clone().without_personal(), published);
    }

    #[test]
    fn the_period_counts_back_from_now() {
        let now: DateTime<Utc> = "2026-12-07T00:00:00Z".parse().unwrap();
        let before = RetentionPolicy { keep_days: 365 }.erase_before(now);
        assert_eq!(before, "2025-12-07T00:00:00Z".parse::<DateTime<Utc>>().unwrap());
        assert!(RetentionPolicy::default().keep_days >= RetentionPolicy::MIN_DAYS);
    }
}
