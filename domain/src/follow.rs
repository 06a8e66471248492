//! Following (theo dõi) by e-mail: anyone may ask to hear of changes to a procedure — its papers,
//! fees, time limits — without an account. Nothing is sent before the address is confirmed from
//! the link sent to it (double opt-in); confirmation requests are limited per address, so the form
//! cannot fill someone's mailbox; every message carries a one-click unsubscribe (RFC 8058) and a
//! link to the page where the address's subscriptions are managed. No subscriber is ever listed
//! or shown to anyone else.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::feedback::{Field, FieldError, Problem, normalise_email};

/// What is followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowKind {
    /// A procedure, by code: each revision of its record, saying what changed.
    Procedure,
}

impl FollowKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FollowKind::Procedure => "procedure",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        (s == "procedure").then_some(FollowKind::Procedure)
    }
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
    pub created_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
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
    }
}
