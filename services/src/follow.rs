//! Following by e-mail (`civicdesk_domain::follow`): asking to follow (double opt-in, limited per
//! address), confirming and ending from a message's links, and the notifier that tells the
//! followers of a procedure what each of its revisions changed — through the outbox, each message
//! written once with the notifier's cursor moved in the same transaction.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Timelike, Utc};
use civicdesk_domain::calendar::{day_start, local_day};
use civicdesk_domain::cases::{OutgoingMail, token_hash};
use civicdesk_domain::catalogue::{ChangeCursor, ProcedureChange};
use civicdesk_domain::feedback::{CaseCode, FieldError};
use civicdesk_domain::follow::{Cursor, FollowKind, FollowRequest, Frequency, Requested, Subscription, checked_email};
use civicdesk_domain::store::follow::Notice;
use civicdesk_domain::store::{Store, StoreError};
use civicdesk_texts::Lang;
use tokio::sync::Notify;

use crate::accounts::new_token;
use crate::mail::Composer;

/// The notifier of procedure revisions, by name in `follow_cursors`.
pub const PROCEDURE_CHANGES: &str = "procedure_changes";
/// The notifier of published answers, by name in `follow_cursors`.
pub const PUBLISHED_ANSWERS: &str = "published_answers";
/// The notifier of cases' public steps, by name in `follow_cursors`.
pub const CASE_UPDATES: &str = "case_updates";
/// Digests go out from this local hour on.
pub const DIGEST_HOUR: u32 = 7;
/// The most answers one digest run reads.
const DIGEST_ANSWERS: u32 = 2_000;
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

/// What [`Follows::end`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// The following the link was sent for.
    This,
    /// Another following was asked for, from the link's page: ended if it is the same address's.
    Other,
    /// None: the link no longer stands for anything, or not for that one.
    Nothing,
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

    /// What `key` (a procedure's code, an agency's slug or code) names to follow: its code and name.
    pub async fn target(&self, kind: FollowKind, key: &str) -> Result<Option<(String, String)>, StoreError> {
        Ok(match kind {
            FollowKind::Procedure => self.store.procedure_for_case(key.trim()).await?.map(|(p, _)| (p.code, p.name)),
            FollowKind::Agency => self.store.agency_ref(key.trim()).await?.map(|a| (a.code, a.name)),
            FollowKind::Field => self.store.field_name(key.trim()).await?.map(|name| (key.trim().to_owned(), name)),
            FollowKind::Case => match CaseCode::parse(key) {
                Some(code) => self.store.case_by_code(&code).await?.map(|c| (c.code.to_string(), c.code.to_string())),
                None => None,
            },
        })
    }

    /// `typed` asks to follow `key`, told at `frequency` (a procedure's changes are told at
    /// once): a confirmation link is sent, unless the address follows it already or was sent
    /// enough of them lately (the answer does not say which).
    pub async fn request(
        &self,
        kind: FollowKind,
        key: &str,
        frequency: Frequency,
        typed: &str,
        now: DateTime<Utc>,
    ) -> Result<Requested, FollowError> {
        let email = checked_email(typed).map_err(FollowError::Invalid)?;
        let (code, name) = self.target(kind, key).await?.ok_or(FollowError::Unknown)?;
        let token = new_token();
        let hash = token_hash(&token).expect("a new token has the shape of one");
        let mail = self.composer.follow_confirmation(&email, kind, &code, &name, frequency, &token);
        let request = FollowRequest { email: &email, kind, target: &code, frequency, token_hash: &hash };
        let requested = self.store.request_follow(request, &mail, now).await?;
        if requested == Requested::Sent {
            self.outbox.notify_one();
        }
        Ok(requested)
    }

    /// What a message's link opens, or `None` (no such token, or the following was ended).
    pub async fn open(&self, token: &str) -> Result<Option<Followed>, StoreError> {
        let Some(this) = self.this(token).await? else { return Ok(None) };
        let all = self.store.subscriptions_of(&this.email).await?;
        Ok(Some(Followed { this, all }))
    }

    /// The following a link's token stands for.
    async fn this(&self, token: &str) -> Result<Option<Subscription>, StoreError> {
        match token_hash(token) {
            Some(hash) => self.store.subscription_by_token(&hash).await,
            None => Ok(None),
        }
    }

    /// Confirms the following the link stands for.
    pub async fn confirm(&self, token: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        match self.this(token).await? {
            Some(this) => self.store.confirm_follow(this.id, now).await,
            None => Ok(false),
        }
    }

    /// Ends the following the link stands for, or (`id`) another of the same address; says
    /// which was ended, if any.
    pub async fn end(&self, token: &str, id: Option<i64>) -> Result<Ended, StoreError> {
        let Some(this) = self.this(token).await? else { return Ok(Ended::Nothing) };
        match id {
            Some(id) if id != this.id => {
                let all = self.store.subscriptions_of(&this.email).await?;
                if all.iter().any(|s| s.id == id) {
                    self.store.end_follow(id).await?;
                }
                Ok(Ended::Other)
            }
            _ => Ok(if self.store.end_follow(this.id).await? { Ended::This } else { Ended::Nothing }),
        }
    }

    /// Tells the followers of each procedure revised since the last run what changed, a batch of
    /// revisions at a time: one read of the followers per batch, however many there are. The
    /// first run starts from `now`. Returns how many messages were written.
    pub async fn notify_changes(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut written = 0;
        loop {
            let Some(from) = self.cursor(PROCEDURE_CHANGES, now).await? else { return Ok(written) };
            let changes = self.store.changes_after(ChangeCursor { at: from.at, procedure: from.id }, BATCH).await?;
            let Some((last, _)) = changes.last() else { return Ok(written) };
            let to = Cursor { at: last.at, id: last.procedure };
            let codes = distinct(&changes, |(_, c)| &c.procedure.code);
            let followers = self.store.followers(FollowKind::Procedure, &codes, Frequency::Immediate).await?;
            let mut notices = Vec::new();
            for (_, change) in &changes {
                for follower in followers.iter().filter(|f| f.target == change.procedure.code) {
                    notices.push(
                        self.notice(follower, |token| self.composer.procedure_changed(&follower.email, change, token)),
                    );
                }
            }
            written += self.advance(PROCEDURE_CHANGES, from, to, &notices, now).await?;
            if changes.len() < BATCH as usize {
                return Ok(written);
            }
        }
    }

    /// Tells the followers of each agency or field who hear at once of the answers published since
    /// the last run; the first run starts from `now`. Returns how many messages were written.
    pub async fn notify_answers(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut written = 0;
        loop {
            let Some(from) = self.cursor(PUBLISHED_ANSWERS, now).await? else { return Ok(written) };
            let answers = self.store.answers_after(from, BATCH).await?;
            let Some(last) = answers.last() else { return Ok(written) };
            let to = Cursor { at: last.published_at, id: last.id };
            let immediate = Frequency::Immediate;
            let agencies = distinct(&answers, |a| &a.agency.code);
            let mut followers = self.store.followers(FollowKind::Agency, &agencies, immediate).await?;
            let fields = distinct(&answers, |a| &a.field);
            followers.extend(self.store.followers(FollowKind::Field, &fields, immediate).await?);
            let mut notices = Vec::new();
            for answer in &answers {
                for follower in followers.iter().filter(|f| answer.concerns(f.kind, &f.target)) {
                    notices
                        .push(self.notice(follower, |token| self.composer.answer_to_follower(follower, answer, token)));
                }
            }
            written += self.advance(PUBLISHED_ANSWERS, from, to, &notices, now).await?;
            if answers.len() < BATCH as usize {
                return Ok(written);
            }
        }
    }

    /// The daily digests (from 7:00 local time), and on Mondays the weekly ones: the period's
    /// answers, revisions and case steps read once each and the followers of each kind at that
    /// frequency once each, however many followers there are; each written once. Returns how many
    /// messages.
    pub async fn send_digests(&self, local: NaiveDateTime, now: DateTime<Utc>) -> Result<usize, StoreError> {
        if local.hour() < DIGEST_HOUR {
            return Ok(0);
        }
        let today = local.date();
        let mut written = 0;
        for frequency in [Frequency::Daily, Frequency::Weekly] {
            let Some(first) = frequency.digest_period(today) else { continue };
            // The period's answers, revisions and case steps, once each; then the followers of
            // each kind at this frequency, once each.
            let (from_at, until_at) = (day_start(first), day_start(today));
            let answers = self.store.answers_between(first, today, DIGEST_ANSWERS).await?;
            let changes = self.store.changes_after(ChangeCursor::since(from_at), DIGEST_ANSWERS).await?;
            let changes: Vec<_> =
                changes.into_iter().map(|(_, c)| c).filter(|c| c.revision.recorded_at < until_at).collect();
            let steps = self.store.case_updates_after(Cursor::since(from_at), DIGEST_ANSWERS).await?;
            let steps: Vec<_> = steps.into_iter().filter(|s| s.at < until_at).collect();
            let mut followers = Vec::new();
            for kind in FollowKind::ALL {
                followers.extend(self.store.followers_at(kind, frequency).await?);
            }
            let mut notices = Vec::new();
            for follower in &followers {
                let target = follower.target.as_str();
                let notice = match follower.kind {
                    FollowKind::Agency | FollowKind::Field => {
                        let theirs: Vec<_> = answers.iter().filter(|a| a.concerns(follower.kind, target)).collect();
                        if theirs.is_empty() {
                            continue;
                        }
                        self.notice(follower, |token| {
                            self.composer.answers_digest(follower, &theirs, first, today, token)
                        })
                    }
                    FollowKind::Procedure => {
                        let theirs: Vec<_> = changes.iter().filter(|c| c.procedure.code == target).collect();
                        if theirs.is_empty() {
                            continue;
                        }
                        let lines = |lang: Lang| {
                            let t = lang.texts();
                            let line = |c: &&ProcedureChange| {
                                (local_day(c.revision.recorded_at), t.revision_changes(&c.revision.changed))
                            };
                            theirs.iter().map(line).collect()
                        };
                        self.notice(follower, |token| {
                            self.composer.updates_digest(follower, lines, first, today, token)
                        })
                    }
                    FollowKind::Case => {
                        let theirs: Vec<_> = steps.iter().filter(|s| s.code == target).collect();
                        if theirs.is_empty() {
                            continue;
                        }
                        let lines = |lang: Lang| {
                            let f = lang.feedback();
                            theirs.iter().map(|s| (local_day(s.at), f.event(&s.kind).to_owned())).collect()
                        };
                        self.notice(follower, |token| {
                            self.composer.updates_digest(follower, lines, first, today, token)
                        })
                    }
                };
                notices.push(notice);
            }
            if self.store.write_follow_digest(frequency, first, &notices, now).await? {
                written += notices.len();
            }
        }
        if written > 0 {
            self.outbox.notify_one();
        }
        Ok(written)
    }

    /// Tells the followers of each case what step its public timeline took since the last run;
    /// the first run starts from `now`. Returns how many messages were written.
    pub async fn notify_case_updates(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut written = 0;
        loop {
            let Some(from) = self.cursor(CASE_UPDATES, now).await? else { return Ok(written) };
            let updates = self.store.case_updates_after(from, BATCH).await?;
            let Some(last) = updates.last() else { return Ok(written) };
            let to = Cursor { at: last.at, id: last.id };
            let codes = distinct(&updates, |u| &u.code);
            let followers = self.store.followers(FollowKind::Case, &codes, Frequency::Immediate).await?;
            let mut notices = Vec::new();
            for update in &updates {
                for follower in followers.iter().filter(|f| f.target == update.code) {
                    notices.push(self.notice(follower, |token| self.composer.case_update(follower, update, token)));
                }
            }
            written += self.advance(CASE_UPDATES, from, to, &notices, now).await?;
            if updates.len() < BATCH as usize {
                return Ok(written);
            }
        }
    }

    /// Where the notifier `name` reads on from; `None` the first time, when it is started at `now`.
    async fn cursor(&self, name: &str, now: DateTime<Utc>) -> Result<Option<Cursor>, StoreError> {
        let cursor = self.store.follow_cursor(name).await?;
        if cursor.is_none() {
            self.store.advance_follow(name, None, Cursor::since(now), &[], now).await?;
        }
        Ok(cursor)
    }

    /// Moves the notifier `name` from `from` to `to` with `notices`; how many were written — none
    /// when another instance moved it first (it wrote them; the next batch reads on from there).
    async fn advance(
        &self,
        name: &str,
        from: Cursor,
        to: Cursor,
        notices: &[Notice],
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        if !self.store.advance_follow(name, Some(from), to, notices, now).await? {
            return Ok(0);
        }
        if !notices.is_empty() {
            self.outbox.notify_one();
        }
        Ok(notices.len())
    }

    /// Changes how often the following `id` (the link's own, or another of the same address) is
    /// told; `false` if the link does not stand for that address's.
    pub async fn set_frequency(&self, token: &str, id: i64, frequency: Frequency) -> Result<bool, StoreError> {
        let Some(followed) = self.open(token).await? else { return Ok(false) };
        if !followed.all.iter().any(|s| s.id == id) {
            return Ok(false);
        }
        self.store.set_follow_frequency(id, frequency).await
    }

    /// A message for `follower` with a new token of its own.
    fn notice(&self, follower: &Subscription, mail: impl FnOnce(&str) -> OutgoingMail) -> Notice {
        let token = new_token();
        let token_hash = token_hash(&token).expect("a new token has the shape of one");
        Notice { subscription: follower.id, token_hash, mail: mail(&token) }
    }
}

/// The distinct non-empty keys of `items`, in order: what one read of the followers asks for.
fn distinct<T>(items: &[T], key: impl Fn(&T) -> &String) -> Vec<String> {
    let keys: BTreeSet<&String> = items.iter().map(key).filter(|k| !k.is_empty()).collect();
    keys.into_iter().cloned().collect()
}
