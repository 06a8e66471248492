//! Following by e-mail: subscriptions, their tokens, and the notifiers' cursors.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use chrono::NaiveDate;

use crate::cases::OutgoingMail;
use crate::follow::{
    CaseUpdate, Cursor, FollowKind, FollowRequest, Frequency, PublishedAnswer, Requested, Subscription,
};
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
    /// Asks for `request.email` to follow `request.target`, in one transaction: nothing if the address was sent
    /// [`crate::follow::REQUESTS_PER_ADDRESS`] requests in the window or follows it already;
    /// otherwise the subscription (new, or still unconfirmed), the request's token and the
    /// confirmation message `mail` written to the outbox.
    async fn request_follow(
        &self,
        request: FollowRequest<'_>,
        mail: &OutgoingMail,
        at: DateTime<Utc>,
    ) -> StoreResult<Requested>;

    /// The subscription a link's token stands for.
    async fn subscription_by_token(&self, token_hash: &str) -> StoreResult<Option<Subscription>>;

    /// Every subscription of an address, oldest first.
    async fn subscriptions_of(&self, email: &str) -> StoreResult<Vec<Subscription>>;

    /// Confirms a subscription; `false` if there is none of that id.
    async fn confirm_follow(&self, id: i64, at: DateTime<Utc>) -> StoreResult<bool>;

    /// Changes how often a subscription is told; `false` if there is none of that id.
    async fn set_follow_frequency(&self, id: i64, frequency: Frequency) -> StoreResult<bool>;

    /// Ends a subscription, and its tokens; `false` if there was none of that id.
    async fn end_follow(&self, id: i64) -> StoreResult<bool>;

    /// The confirmed subscriptions to any of `targets` told at `frequency`: one read however many
    /// there are.
    async fn followers(
        &self,
        kind: FollowKind,
        targets: &[String],
        frequency: Frequency,
    ) -> StoreResult<Vec<Subscription>>;

    /// Every confirmed subscription of `kind` told at `frequency`: what a digest run reads, once.
    async fn followers_at(&self, kind: FollowKind, frequency: Frequency) -> StoreResult<Vec<Subscription>>;

    /// The answers published after `cursor`, in order of publication, at most `limit` (a case
    /// answered with the one it is linked under counts as that one's).
    async fn answers_after(&self, cursor: Cursor, limit: u32) -> StoreResult<Vec<PublishedAnswer>>;

    /// The answers published from the start of local day `first` to the start of `until`, at
    /// most `limit`, in order of publication.
    async fn answers_between(
        &self,
        first: NaiveDate,
        until: NaiveDate,
        limit: u32,
    ) -> StoreResult<Vec<PublishedAnswer>>;

    /// Writes the digests of `frequency` covering the period from `period`, unless they were
    /// written already (by this or another instance); `true` if this call wrote them.
    async fn write_follow_digest(
        &self,
        frequency: Frequency,
        period: NaiveDate,
        notices: &[Notice],
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;

    /// The public steps of cases after `cursor`, in the order they happened, at most `limit`.
    async fn case_updates_after(&self, cursor: Cursor, limit: u32) -> StoreResult<Vec<CaseUpdate>>;

    /// A field's name, by code.
    async fn field_name(&self, code: &str) -> StoreResult<Option<String>>;

    /// Where the notifier `name` has read to, if it has started.
    async fn follow_cursor(&self, name: &str) -> StoreResult<Option<Cursor>>;

    /// Moves the notifier `name` from `from` (none: not started) to `to` and writes `notices`
    /// (tokens and messages), in one transaction; `false`, writing nothing, if it was no longer
    /// at `from` (another instance moved it first).
    async fn advance_follow(
        &self,
        name: &str,
        from: Option<Cursor>,
        to: Cursor,
        notices: &[Notice],
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;
}
