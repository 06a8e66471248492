//! Group commit for submissions. Each committed submission must be on disk before it is answered,
//! and a sync to disk costs far more than the statements before it. So submissions go through one
//! queue: the writer takes every one waiting (up to [`MOST_PER_COMMIT`]), writes each under a
//! savepoint of one transaction, and commits once; submissions that arrive meanwhile form the
//! next group. A submission that fails rolls back to its savepoint alone; a failed commit fails
//! the whole group, and nothing of it is stored.

use std::future::Future;

use civicdesk_domain::cases::{MailBuilder, Submission};
use civicdesk_domain::feedback::CaseCode;
use civicdesk_domain::store::{StoreError, StoreResult};
use tokio::sync::{mpsc, oneshot};

/// The most submissions one transaction takes.
pub const MOST_PER_COMMIT: usize = 64;

/// A submission waiting to be written, with what builds its e-mails.
pub struct Pending {
    pub submission: Submission,
    pub mails: MailBuilder,
}

struct Job {
    pending: Pending,
    reply: oneshot::Sender<StoreResult<CaseCode>>,
}

/// The queue in front of the writer task.
pub struct Submissions {
    queue: mpsc::Sender<Job>,
}

impl Submissions {
    /// Starts the writer task. `write` stores a group in one transaction and gives each
    /// submission's result, in order.
    pub fn start<W, F>(write: W) -> Self
    where
        W: Fn(Vec<Pending>) -> F + Send + 'static,
        F: Future<Output = Vec<StoreResult<CaseCode>>> + Send + 'static,
    {
        let (queue, mut waiting) = mpsc::channel::<Job>(4 * MOST_PER_COMMIT);
        tokio::spawn(async move {
            let mut jobs = Vec::with_capacity(MOST_PER_COMMIT);
            while waiting.recv_many(&mut jobs, MOST_PER_COMMIT).await > 0 {
                let (group, replies): (Vec<Pending>, Vec<_>) = jobs.drain(..).map(|j| (j.pending, j.reply)).unzip();
                let count = group.len();
                // Its own task, so that a panic fails this group and not every later one.
                let results = tokio::spawn(write(group)).await.unwrap_or_else(|error| {
                    tracing::error!(%error, "writing a group of submissions failed");
                    fail_group(count, &format!("the writer failed: {error}"))
                });
                for (reply, result) in replies.into_iter().zip(results) {
                    // A requester that went away still has its case stored: the code was
                    // committed, and its attachments are settled at the next start.
                    let _ = reply.send(result);
                }
            }
        });
        Submissions { queue }
    }

    /// Queues a submission and waits until its group is committed (or refused).
    pub async fn submit(&self, pending: Pending) -> StoreResult<CaseCode> {
        let stopped = || StoreError::Backend("the submission writer has stopped".to_owned());
        let (reply, answer) = oneshot::channel();
        self.queue.send(Job { pending, reply }).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

/// The same error for every submission of a group that could not be written.
pub fn fail_group(count: usize, error: &dyn std::fmt::Display) -> Vec<StoreResult<CaseCode>> {
    (0..count).map(|_| Err(StoreError::Backend(error.to_string()))).collect()
}
