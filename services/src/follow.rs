//! Following by e-mail (`civicdesk_domain::follow`): asking to follow (double opt-in, limited per
//! address), confirming and ending from a message's links, and the notifier that tells the
//! followers of a procedure what each of its revisions changed — through the outbox, each message
//! written once with the notifier's cursor moved in the same transaction.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use civicdesk_domain::cases::token_hash;
use civicdesk_domain::catalogue::ChangeCursor;
use civicdesk_domain::feedback::FieldError;
use civicdesk_domain::follow::{FollowKind, Requested, Subscription, checked_email};
use civicdesk_domain::store::follow::Notice;
use civicdesk_domain::store::{Store, StoreError};
use tokio::sync::Notify;

use crate::accounts::new_token;
use crate::mail::Composer;

/// The notifier of procedure revisions, by name in `follow_cursors`.
pub const PROCEDURE_CHANGES: &str = "procedure_changes";
/// Revisions read at a time.
const BATCH: u32 = 200;

#[derive(Debug, thiserror::Error)]
pub enum FollowError {
    /// The address, as shown beside its field.
    #[error("the address has an error")]
    Invalid(FieldError),
    /// No such procedure in the directory.
    #[error("nothing to follow there")]
    Unknown,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a link's token opens: its subscription and every one of the same address.
pub struct Followed {
    pub this: Subscription,
    pub all: Vec<Subscription>,
}

pub struct Follows {
    store: Arc<dyn Store>,
    composer: Composer,
    outbox: Arc<Notify>,
}

impl Follows {
    pub fn new(store: Arc<dyn Store>, composer: Composer, outbox: Arc<Notify>) -> Self {
        Follows { store, composer, outbox }
    }

    /// `typed` asks to follow the procedure `code`: a confirmation link is sent, unless the address
    /// follows it already or was sent enough of them lately (the answer does not say which).
    pub async fn request(&self, code: &str, typed: &str, now: DateTime<Utc>) -> Result<Requested, FollowError> {
        let email = checked_email(typed).map_err(FollowError::Invalid)?;
        let (procedure, _) = self.store.procedure_for_case(code.trim()).await?.ok_or(FollowError::Unknown)?;
        let token = new_token();
        let hash = token_hash(&token).expect("a new token has the shape of one");
        let mail = self.composer.follow_confirmation(&email, &procedure.code, &procedure.name, &token);
        let requested =
            self.store.request_follow(&email, FollowKind::Procedure, &procedure.code, &hash, &mail, now).await?;
        if requested == Requested::Sent {
            self.outbox.notify_one();
        }
        Ok(requested)
    }

    /// What a message's link opens, or `None` (no such token, or the following was ended).
    pub async fn open(&self, token: &str) -> Result<Option<Followed>, StoreError> {
        let Some(hash) = token_hash(token) else { return Ok(None) };
        let Some(this) = self.store.subscription_by_token(&hash).await? else { return Ok(None) };
        let all = self.store.subscriptions_of(&this.email).await?;
        Ok(Some(Followed { this, all }))
    }

    /// Confirms the following the link stands for.
    pub async fn confirm(&self, token: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        match self.open(token).await? {
            Some(followed) => self.store.confirm_follow(followed.this.id, now).await,
            None => Ok(false),
        }
    }

    /// Ends the following the link stands for, or (`id`) another of the same address.
    pub async fn end(&self, token: &str, id: Option<i64>) -> Result<bool, StoreError> {
        let Some(followed) = self.open(token).await? else { return Ok(false) };
        let id = id.unwrap_or(followed.this.id);
        if !followed.all.iter().any(|s| s.id == id) {
            return Ok(false);
        }
        self.store.end_follow(id).await
    }

    /// Tells the followers of each procedure revised since the last run what changed, a batch of
    /// revisions at a time: one read of the followers per batch, however many there are. The
    /// first run starts from `now`. Returns how many messages were written.
    pub async fn notify_changes(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut written = 0;
        loop {
            let Some(from) = self.store.follow_cursor(PROCEDURE_CHANGES).await? else {
                self.store.advance_follow(PROCEDURE_CHANGES, None, ChangeCursor::since(now), &[], now).await?;
                return Ok(written);
            };
            let changes = self.store.changes_after(from, BATCH).await?;
            let Some((to, _)) = changes.last() else { return Ok(written) };
            let codes: Vec<String> =
                changes.iter().map(|(_, c)| c.procedure.code.clone()).collect::<BTreeSet<_>>().into_iter().collect();
            let followers = self.store.followers(FollowKind::Procedure, &codes).await?;
            let mut notices = Vec::new();
            for (_, change) in &changes {
                for follower in followers.iter().filter(|f| f.target == change.procedure.code) {
                    let token = new_token();
                    let hash = token_hash(&token).expect("a new token has the shape of one");
                    let mail = self.composer.procedure_changed(&follower.email, change, &token);
                    notices.push(Notice { subscription: follower.id, token_hash: hash, mail });
                }
            }
            // Another instance moved the cursor first: it wrote these; read on from where it is.
            if self.store.advance_follow(PROCEDURE_CHANGES, Some(from), *to, &notices, now).await? {
                written += notices.len();
                if !notices.is_empty() {
                    self.outbox.notify_one();
                }
            }
            if changes.len() < BATCH as usize {
                return Ok(written);
            }
        }
    }
}
