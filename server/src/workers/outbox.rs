//! The outbox worker: delivers the messages that `civicdesk_services::mail` composed.
//!
//! Every message is written to the outbox in the transaction that causes it. The worker takes
//! one due message at a time (held for a while, so another worker or instance leaves it alone),
//! sends it, and records the attempt: sent, or failed with the next try after an exponential
//! backoff. A message keeps one `Message-ID` across attempts, so in the one unavoidable case — a
//! crash after the SMTP server accepted it but before the outbox recorded it — the repeat is
//! recognisably the same message. With no SMTP server configured, messages are written as `.eml`
//! files in the data folder, once each.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use civicdesk_domain::cases::QueuedMail;
use civicdesk_domain::store::Store;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::Notify;

/// Where messages go.
pub enum Transport {
    /// `.eml` files in this folder (the embedded default).
    Files(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Transport {
    /// An SMTP transport from a URL such as `smtp://host:25`, `smtp://user:pass@host:587?tls=required`
    /// or `smtps://user:pass@host:465`; with none, files in `mail_dir`.
    pub fn from_config(smtp_url: Option<&str>, mail_dir: PathBuf) -> anyhow::Result<Self> {
        match smtp_url {
            None => Ok(Transport::Files(mail_dir)),
            Some(url) => Ok(Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.timeout(Some(Duration::from_secs(20))).build(),
            )),
        }
    }

    async fn deliver(&self, from: &Mailbox, domain: &str, queued: &QueuedMail) -> Result<(), Failure> {
        let to: Mailbox = queued.mail.recipient.parse().map_err(|e| Failure::Permanent(format!("recipient: {e}")))?;
        let mut message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(&queued.mail.subject)
            .message_id(Some(format!("<outbox-{}@{domain}>", queued.id)));
        if let Some(url) = &queued.mail.unsubscribe {
            message = message.header(ListUnsubscribe(format!("<{url}>"))).header(ListUnsubscribePost);
        }
        let message = message
            .multipart(MultiPart::alternative_plain_html(queued.mail.text.clone(), queued.mail.html.clone()))
            .map_err(|e| Failure::Permanent(format!("message: {e}")))?;
        match self {
            Transport::Files(dir) => {
                let path = dir.join(format!("{:08}.eml", queued.id));
                if tokio::fs::try_exists(&path).await.unwrap_or(false) {
                    return Ok(()); // written before a crash that kept the outbox from recording it
                }
                tokio::fs::create_dir_all(dir).await.map_err(|e| Failure::Temporary(e.to_string()))?;
                let partial = dir.join(format!(".{:08}.eml.part", queued.id));
                tokio::fs::write(&partial, message.formatted()).await.map_err(|e| Failure::Temporary(e.to_string()))?;
                tokio::fs::rename(&partial, &path).await.map_err(|e| Failure::Temporary(e.to_string()))
            }
            Transport::Smtp(smtp) => match smtp.send(message).await {
                Ok(_) => Ok(()),
                Err(e) if e.is_permanent() => Err(Failure::Permanent(e.to_string())),
                Err(e) => Err(Failure::Temporary(e.to_string())),
            },
        }
    }
}

/// `List-Unsubscribe: <https://…>` (RFC 2369): where one click ends what the message is sent for.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the address above takes a
/// POST, so a mail program can unsubscribe without opening a page.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

enum Failure {
    /// Worth trying again later (server down, timeout, 4xx).
    Temporary(String),
    /// Will never succeed (bad address, 5xx).
    Permanent(String),
}

/// How the worker retries.
#[derive(Clone, Copy, Debug)]
pub struct Retry {
    /// The first wait; each later one doubles, up to `max_wait`.
    pub first_wait: Duration,
    pub max_wait: Duration,
    /// Attempts before giving up.
    pub attempts: u32,
}

impl Default for Retry {
    fn default() -> Self {
        Retry { first_wait: Duration::from_secs(30), max_wait: Duration::from_secs(3600), attempts: 25 }
    }
}

impl Retry {
    pub fn wait(&self, attempts_so_far: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempts_so_far.min(20));
        self.first_wait.saturating_mul(factor).min(self.max_wait)
    }
}

/// Delivers the outbox until the process ends: whatever is due, then waits for a nudge or a minute.
/// The counter of delivery attempts that ended as `outcome`.
fn attempts_of(outcome: &str) -> prometheus::IntCounter {
    crate::metrics::metrics().mail_attempts.with_label_values(&[outcome])
}

pub async fn run_outbox(store: Arc<dyn Store>, transport: Transport, from: Mailbox, retry: Retry, wake: Arc<Notify>) {
    let domain = from.email.domain().to_owned();
    let hold = chrono::Duration::minutes(2);
    // Messages taken at once: fewer writes under load, and a batch is sent well within the hold.
    // After a failure, one at a time until the server answers again.
    const BATCH: u32 = 16;
    let mut take = BATCH;
    loop {
        loop {
            let now = Utc::now();
            let batch = match store.claim_mail(now, now + hold, take).await {
                Ok(batch) if batch.is_empty() => break,
                Ok(batch) => batch,
                Err(error) => {
                    tracing::error!(%error, "reading the outbox failed");
                    break;
                }
            };
            for queued in batch {
                let outcome = transport.deliver(&from, &domain, &queued).await;
                let now = Utc::now();
                let attempts = queued.attempts + 1;
                let recorded = match &outcome {
                    Ok(()) => {
                        attempts_of("sent").inc();
                        tracing::info!(id = queued.id, "mail sent");
                        store.record_mail_attempt(queued.id, now, None, None).await
                    }
                    Err(Failure::Temporary(error)) if attempts < retry.attempts => {
                        attempts_of("retry").inc();
                        let wait = retry.wait(queued.attempts);
                        tracing::warn!(id = queued.id, attempts, %error, "mail not sent; will retry in {wait:?}");
                        let retry_at = now + chrono::Duration::from_std(wait).unwrap_or(hold);
                        store.record_mail_attempt(queued.id, now, Some(error), Some(retry_at)).await
                    }
                    Err(Failure::Temporary(error) | Failure::Permanent(error)) => {
                        attempts_of("given_up").inc();
                        tracing::error!(id = queued.id, attempts, %error, "mail given up");
                        store.record_mail_attempt(queued.id, now, Some(error), None).await
                    }
                };
                if let Err(error) = recorded {
                    // The rest of the batch is released when its hold ends.
                    tracing::error!(%error, id = queued.id, "recording a mail attempt failed");
                    break;
                }
                if matches!(outcome, Err(Failure::Temporary(_))) {
                    // The server is likely down for the rest too: they wait for their hold to end
                    // rather than each waiting for a timeout now.
                    take = 1;
                    break;
                }
                take = BATCH;
            }
        }
        // Wake for new mail, or check for retries that came due.
        let next_retry = Duration::from_secs(1).max(retry.first_wait.min(Duration::from_secs(60)));
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(next_retry) => {}
        }
    }
}
