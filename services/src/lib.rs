//! What civicdesk does, below the pages and the HTTP handlers, which both call it: each rule
//! exists here once.
//!
//! - [`intake`]: feedback received (validated, routed, given its deadlines, stored with its
//!   acknowledgement) and what the submitter does afterwards through their private link;
//! - [`casework`]: officials' actions on cases, within their scope;
//! - [`accounts`]: passwords, sign-in, sessions and the tokens of staff forms;
//! - [`calendar`]: the working-day calendar in force and the deadline of something received;
//! - [`directory`]: the catalogue's choices that forms and filters offer;
//! - [`mail`]: the e-mails all of these cause, composed (the server's outbox delivers them);
//! - [`attachments`]: files cleaned of their authors' metadata before they are kept;
//! - [`record`]: the public record of how agencies handle feedback, by period;
//! - [`survey`]: the satisfaction survey and its results;
//! - [`follow`]: following by e-mail, and telling the followers of a procedure what changed.

use std::path::Path;
use std::sync::Arc;

use civicdesk_domain::store::{Store, StoreResult};
use tokio::sync::Notify;

pub mod accounts;
pub mod attachments;
pub mod calendar;
pub mod casework;
pub mod directory;
pub mod follow;
pub mod intake;
pub mod mail;
pub mod record;
pub mod survey;

use accounts::{Accounts, IdleLimit};
use calendar::Calendars;
use casework::CaseWork;
use intake::Intake;
use mail::Composer;
use record::PublicRecord;
use survey::Surveys;

/// How a portal's services behave.
pub struct Options<'a> {
    /// Where uploads are kept.
    pub data_dir: &'a Path,
    /// The portal's public address, for links in e-mails.
    pub public_url: &'a str,
    /// How long an unused staff session lasts.
    pub idle: IdleLimit,
    /// The fewest cases a rate of the public record is shown and ranked on.
    pub min_sample: u64,
}

/// Every service of a running portal, over one store.
pub struct Services {
    pub store: Arc<dyn Store>,
    pub calendars: Arc<Calendars>,
    pub composer: Composer,
    pub intake: Intake,
    pub casework: CaseWork,
    pub accounts: Accounts,
    pub record: PublicRecord,
    pub surveys: Surveys,
    pub follows: follow::Follows,
    /// The outbox worker's bell, rung whenever a service writes a message.
    pub outbox: Arc<Notify>,
}

impl Services {
    /// The services of a portal over `store`, as `options` say.
    pub async fn start(store: Arc<dyn Store>, options: Options<'_>) -> StoreResult<Arc<Services>> {
        let calendars = Calendars::load(store.clone()).await?;
        let composer = Composer { public_url: options.public_url.to_owned() };
        let outbox = Arc::new(Notify::new());
        Ok(Arc::new(Services {
            intake: Intake::new(store.clone(), options.data_dir, calendars.clone(), composer.clone(), outbox.clone()),
            casework: CaseWork::new(store.clone(), calendars.clone(), composer.clone(), outbox.clone()),
            accounts: Accounts::new(store.clone(), options.idle),
            record: PublicRecord::new(store.clone(), calendars.clone(), options.min_sample),
            surveys: Surveys::new(store.clone()),
            follows: follow::Follows::new(store.clone(), composer.clone(), outbox.clone()),
            store,
            calendars,
            composer,
            outbox,
        }))
    }
}
