//! Following by e-mail: subscriptions, their tokens, and the notifiers' cursors.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::cases::OutgoingMail;
use crate::catalogue::ChangeCursor;
use crate::follow::{FollowKind, Requested, Subscription};
use crate::store::error::StoreResult;

/// A message for a subscription, with the hash of the token its links carry.
#[derive(Clone, Debug)]
pub struct Notice {
    pub subscription: i64,
    pub token_hash: String,
    pub mail: OutgoingMail,
}

#[async_trait]
pub trait FollowStore: Send + Sync {
    /// Asks for `email` to follow `target`, in one transaction: nothing if the address was sent
    /// [`crate::follow::REQUESTS_PER_ADDRESS`] requests in the window or follows it already;
    /// otherwise the subscription (new, or still unconfirmed), the token `token_hash` and the
    /// confirmation message `mail` written to the outbox.
    async fn request_follow(
        &self,
        email: &str,
        kind: FollowKind,
        target: &str,
        token_hash: &str,
        mail: &OutgoingMail,
        at: DateTime<Utc>,
    ) -> StoreResult<Requested>;

    /// The subscription a link's token stands for.
    async fn subscription_by_token(&self, token_hash: &str) -> StoreResult<Option<Subscription>>;

    /// Every subscription of an address, oldest first.
    async fn subscriptions_of(&self, email: &str) -> StoreResult<Vec<Subscription>>;

    /// Confirms a subscription; `false` if there is none of that id.
    async fn confirm_follow(&self, id: i64, at: DateTime<Utc>) -> StoreResult<bool>;

    /// Ends a subscription, and its tokens; `false` if there was none of that id.
    async fn end_follow(&self, id: i64) -> StoreResult<bool>;

    /// The confirmed subscriptions to any of `targets`: one read however many there are.
    async fn followers(&self, kind: FollowKind, targets: &[String]) -> StoreResult<Vec<Subscription>>;

    /// Where the notifier `name` has read to, if it has started.
    async fn follow_cursor(&self, name: &str) -> StoreResult<Option<ChangeCursor>>;

    /// Moves the notifier `name` from `from` (none: not started) to `to` and writes `notices`
    /// (tokens and messages), in one transaction; `false`, writing nothing, if it was no longer
    /// at `from` (another instance moved it first).
    async fn advance_follow(
        &self,
        name: &str,
        from: Option<ChangeCursor>,
        to: ChangeCursor,
        notices: &[Notice],
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;
}
