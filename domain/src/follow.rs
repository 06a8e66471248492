//! Following (theo dõi) by e-mail: anyone may ask to hear of changes to a procedure — its papers,
//! fees, time limits — of what happens to a public case, or of the answers published by an agency
//! or in a field, each at once or in a daily or weekly digest, without an account. Nothing is sent before the address is confirmed from
//! the link sent to it (double opt-in); confirmation requests are limited per address, so the form
//! cannot fill someone's mailbox; every message carries a one-click unsubscribe (RFC 8058) and a
//! link to the page where the address's subscriptions are managed. No subscriber is ever listed
//! or shown to anyone else.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::feedback::{Field, FieldError, Problem, normalise_email};

/// What is followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowKind {
    /// A procedure, by code: each revision of its record, saying what changed.
    Procedure,
    /// An agency, by code: the answers it publishes.
    Agency,
    /// A field (lĩnh vực), by code: the answers published about its procedures.
    Field,
    /// A case, by code: each step its public timeline shows.
    Case,
}

impl FollowKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FollowKind::Procedure => "procedure",
            FollowKind::Agency => "agency",
            FollowKind::Field => "field",
            FollowKind::Case => "case",
        }
    }

    pub const ALL: [FollowKind; 4] = [FollowKind::Procedure, FollowKind::Agency, FollowKind::Field, FollowKind::Case];

    pub fn parse(s: &str) -> Option<Self> {
        FollowKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How often a follower hears: each thing as it happens, or a digest of the day or the week.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    #[default]
    Immediate,
    Daily,
    Weekly,
}

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Immediate, Frequency::Daily, Frequency::Weekly];

    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Immediate => "immediate",
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Frequency::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The period a digest sent on `today` (local) covers, `[first, today)`: the day before, or
    /// the seven days before a Monday; `None` when no digest of this frequency is due today.
    pub fn digest_period(self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            Frequency::Immediate => None,
            Frequency::Daily => Some(today - Days::new(1)),
            Frequency::Weekly => (today.weekday() == Weekday::Mon).then(|| today - Days::new(7)),
        }
    }
}

/// Where a notifier has read to: after the item at `at` with id `id` (items are read in that
/// order, which an index keeps).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub at: DateTime<Utc>,
    pub id: i64,
}

impl Cursor {
    /// Before everything at `at` or later.
    pub fn since(at: DateTime<Utc>) -> Self {
        Cursor { at, id: i64::MIN }
    }
}

/// A published answer, as a follower of its agency hears of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedAnswer {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub agency: crate::catalogue::AgencyLink,
    /// The field the case is counted under (empty when none).
    pub field: String,
    pub published_at: DateTime<Utc>,
}

impl PublishedAnswer {
    /// Whether a follower of `kind` and `target` hears of it.
    pub fn concerns(&self, kind: FollowKind, target: &str) -> bool {
        match kind {
            FollowKind::Agency => self.agency.code == target,
            FollowKind::Field => !self.field.is_empty() && self.field == target,
            FollowKind::Procedure | FollowKind::Case => false,
        }
    }
}

/// A step of a case's public timeline, as a follower of the case hears of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseUpdate {
    /// The event's id.
    pub id: i64,
    pub at: DateTime<Utc>,
    pub code: String,
    /// The event's kind (`accepted`, `transferred`, `published`…).
    pub kind: String,
}

/// One address following one thing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub id: i64,
    pub email: String,
    pub kind: FollowKind,
    /// The procedure's code.
    pub target: String,
    /// What the target is called, for the pages and messages.
    pub target_name: String,
    pub frequency: Frequency,
    pub created_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

/// An address asking to follow something, with the hash of the token its confirmation link carries.
#[derive(Clone, Copy, Debug)]
pub struct FollowRequest<'a> {
    pub email: &'a str,
    pub kind: FollowKind,
    pub target: &'a str,
    pub frequency: Frequency,
    pub token_hash: &'a str,
}

/// Confirmation requests one address may be sent in [`REQUEST_WINDOW_HOURS`].
pub const REQUESTS_PER_ADDRESS: u64 = 3;
pub const REQUEST_WINDOW_HOURS: i64 = 24;

/// What became of a request to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requested {
    /// A confirmation link was sent.
    Sent,
    /// The address follows it already: nothing sent.
    AlreadyFollowing,
    /// The address was sent enough confirmation requests lately: nothing sent.
    Throttled,
}

/// The address typed, normalised, or what is wrong with it (shown beside the field).
pub fn checked_email(typed: &str) -> Result<String, FieldError> {
    match typed.trim() {
        "" => Err(FieldError { field: Field::Email, problem: Problem::Required }),
        typed => normalise_email(typed).ok_or(FieldError { field: Field::Email, problem: Problem::Email }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_required_and_checked() {
        assert_eq!(checked_email(" An@Example.VN ").as_deref(), Ok("An@example.vn"));
        assert_eq!(checked_email("").unwrap_err().problem, Problem::Required);
        assert_eq!(checked_email("an@").unwrap_err().problem, Problem::Email);
        assert_eq!(FollowKind::parse(FollowKind::Procedure.as_str()), Some(FollowKind::Procedure));
        assert_eq!(FollowKind::parse("agency"), Some(FollowKind::Agency));
        assert!(FollowKind::ALL.iter().all(|k| FollowKind::parse(k.as_str()) == Some(*k)));
        assert_eq!(Frequency::parse("weekly"), Some(Frequency::Weekly));
    }

    #[test]
    fn a_daily_digest_covers_the_day_before_a_weekly_one_the_week_before_a_monday() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(Frequency::Daily.digest_period(d("2026-12-08")), Some(d("2026-12-07")));
        assert_eq!(Frequency::Weekly.digest_period(d("2026-12-07")), Some(d("2026-11-30")), "a Monday");
        assert_eq!(Frequency::Weekly.digest_period(d("2026-12-08")), None);
        assert_eq!(Frequency::Immediate.digest_period(d("2026-12-07")), None);
    }
}
