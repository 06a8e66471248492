//! Receiving feedback and petitions: checks a submission whole (fields, files, the procedure,
//! agency and area it names), routes it, dates it, and stores it with its files and its
//! acknowledgement e-mail so that either all of it is kept or none.
//!
//! Files are written to `uploads/incoming/` first, recorded in the submitting transaction, and
//! moved to `uploads/` after it commits; a file left in `incoming/` by a crash is moved (if its
//! record exists) or deleted at the next start, so none is ever orphaned or lost.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use civicdesk_domain::calendar;
use civicdesk_domain::cases::{CaseRecord, MailBuilder, NewAttachment, Submission};
use civicdesk_domain::catalogue::{ProcedureFilter, ProcedureLink};
use civicdesk_domain::feedback::{self, CaseCode, Channel, FeedbackForm, Field, FieldError, Problem, limits};
use civicdesk_domain::files::{self, FileKind};
use civicdesk_domain::store::{Store, StoreError, StoreResult};
use civicdesk_domain::workflow;
use rand::RngCore;
use sha2::{Digest, Sha256};

use tokio::sync::Notify;

use crate::accounts::new_token;
use crate::calendar::{Calendars, counting_from};

use crate::mail::Composer;

/// A file as received, before it is checked.
#[derive(Clone, Debug)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("the submission has errors")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing an attachment failed: {0}")]
    Files(#[from] std::io::Error),
}

/// What the submitter receives: the code, the private token of the follow-up link, and who
/// must answer by when.
#[derive(Clone, Debug)]
pub struct Submitted {
    pub code: CaseCode,
    pub token: String,
    /// The responsible agency's name.
    pub agency_name: String,
    pub answer_due: chrono::NaiveDate,
}

/// Feedback received, and what its submitter does afterwards through the private link.
pub struct Intake {
    store: Arc<dyn Store>,
    uploads: PathBuf,
    calendars: Arc<Calendars>,
    composer: Composer,
    outbox: Arc<Notify>,
}

fn token_hash(token: &str) -> String {
    civicdesk_domain::cases::token_hash(token).expect("a token made here has the right form")
}

impl Intake {
    pub fn new(
        store: Arc<dyn Store>,
        data_dir: &Path,
        calendars: Arc<Calendars>,
        composer: Composer,
        outbox: Arc<Notify>,
    ) -> Self {
        Intake { store, uploads: data_dir.join("uploads"), calendars, composer, outbox }
    }

    /// Moves files whose records were committed before a crash, and deletes the others.
    pub async fn recover_uploads(&self) -> anyhow::Result<()> {
        let incoming = self.uploads.join("incoming");
        tokio::fs::create_dir_all(&incoming).await?;
        let mut names = Vec::new();
        let mut dir = tokio::fs::read_dir(&incoming).await?;
        while let Some(entry) = dir.next_entry().await? {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        if names.is_empty() {
            return Ok(());
        }
        let recorded = self.store.recorded_attachments(&names).await?;
        for name in names {
            if recorded.contains(&name) {
                tokio::fs::rename(incoming.join(&name), self.uploads.join(&name)).await?;
            } else {
                tokio::fs::remove_file(incoming.join(&name)).await?;
            }
        }
        Ok(())
    }

    /// Checks the files; appends a problem per bad file.
    fn check_files(uploads: Vec<Upload>, errors: &mut Vec<FieldError>) -> Vec<(String, FileKind, Vec<u8>)> {
        let uploads: Vec<Upload> =
            uploads.into_iter().filter(|u| !(u.bytes.is_empty() && u.file_name.is_empty())).collect();
        if uploads.len() > limits::FILES {
            errors
                .push(FieldError { field: Field::Attachments, problem: Problem::TooManyFiles { max: limits::FILES } });
            return Vec::new();
        }
        let mut good = Vec::new();
        for upload in uploads {
            let shown = feedback::clean_line(&upload.file_name).unwrap_or_default();
            if upload.bytes.len() as u64 > limits::FILE_MB * 1024 * 1024 {
                errors.push(FieldError {
                    field: Field::Attachments,
                    problem: Problem::FileTooLarge { file: shown, max_mb: limits::FILE_MB },
                });
                continue;
            }
            match files::sniff(&upload.bytes) {
                Some(kind) => match crate::attachments::clean(kind, &upload.bytes) {
                    Some(bytes) => good.push((files::display_name(&upload.file_name, kind), kind, bytes)),
                    None => errors.push(FieldError {
                        field: Field::Attachments,
                        problem: Problem::FileUnreadable { file: shown },
                    }),
                },
                None => {
                    errors.push(FieldError { field: Field::Attachments, problem: Problem::FileType { file: shown } })
                }
            }
        }
        good
    }

    /// Writes checked files to `incoming/`; returns their records.
    async fn write_incoming(&self, files: Vec<(String, FileKind, Vec<u8>)>) -> std::io::Result<Vec<NewAttachment>> {
        let incoming = self.uploads.join("incoming");
        tokio::fs::create_dir_all(&incoming).await?;
        let mut written = Vec::new();
        for (file_name, kind, bytes) in files {
            let mut key = [0u8; 16];
            rand::rng().fill_bytes(&mut key);
            let storage_key = format!("{}.{}", hex::encode(key), kind.extension());
            let path = incoming.join(&storage_key);
            let result = async {
                let mut file = tokio::fs::File::create(&path).await?;
                tokio::io::AsyncWriteExt::write_all(&mut file, &bytes).await?;
                file.sync_all().await
            }
            .await;
            if let Err(e) = result {
                self.discard(&written).await;
                return Err(e);
            }
            written.push(NewAttachment {
                file_name,
                kind,
                size: bytes.len() as u64,
                sha256: hex::encode(Sha256::digest(&bytes)),
                storage_key,
            });
        }
        Ok(written)
    }

    async fn discard(&self, attachments: &[NewAttachment]) {
        for a in attachments {
            let _ = tokio::fs::remove_file(self.uploads.join("incoming").join(&a.storage_key)).await;
        }
    }

    async fn settle(&self, attachments: &[NewAttachment]) {
        for a in attachments {
            let from = self.uploads.join("incoming").join(&a.storage_key);
            if let Err(error) = tokio::fs::rename(&from, self.uploads.join(&a.storage_key)).await {
                // The record exists and the file is still in incoming/: served from there, and
                // moved at the next start.
                tracing::warn!(%error, key = a.storage_key, "attachment left in incoming");
            }
        }
    }

    /// Where an attachment's bytes are.
    pub fn attachment_path(&self, storage_key: &str) -> PathBuf {
        let settled = self.uploads.join(storage_key);
        if settled.exists() { settled } else { self.uploads.join("incoming").join(storage_key) }
    }

    /// The procedure a submitter named: by its code, or by a name that singles one out (the only
    /// match, or one whose name is exactly what was typed, accents or not).
    async fn find_procedure(&self, typed: &str) -> StoreResult<Option<(ProcedureLink, Option<String>)>> {
        if typed.is_empty() {
            return Ok(None);
        }
        if let Some(found) = self.store.procedure_for_case(typed).await? {
            return Ok(Some(found));
        }
        let filter = ProcedureFilter { q: typed.to_owned(), page: 1, ..ProcedureFilter::default() };
        let results = self.store.search_procedures(&filter).await?;
        let wanted = civicdesk_domain::text::search_text(typed);
        let chosen = if results.total == 1 {
            results.items.first()
        } else {
            results.items.iter().find(|p| civicdesk_domain::text::search_text(&p.name) == wanted)
        };
        match chosen {
            Some(p) => self.store.procedure_for_case(&p.code).await,
            None => Ok(None),
        }
    }

    /// Validates, routes and stores a submission; returns its code and private token.
    pub async fn submit(
        &self,
        form: &FeedbackForm,
        uploads: Vec<Upload>,
        channel: Channel,
        now: DateTime<Utc>,
    ) -> Result<Submitted, SubmitError> {
        let (mut case, mut errors) = match form.validate() {
            Ok(case) => (Some(case), Vec::new()),
            Err(errors) => (None, errors),
        };
        let files = Self::check_files(uploads, &mut errors);

        // What the form names must exist.
        // What is looked up is first read as one clean line: a control character (U+0000 above
        // all, which PostgreSQL cannot even compare) names nothing.
        let procedure = match form.procedure.trim() {
            "" => None,
            typed => match self.find_procedure(&feedback::clean_line(typed).unwrap_or_default()).await? {
                Some(found) => Some(found),
                None => {
                    errors.push(FieldError { field: Field::Procedure, problem: Problem::Unknown });
                    None
                }
            },
        };
        let named_agency = match form.agency.trim() {
            "" => None,
            slug => match self.store.agency_ref(&feedback::clean_line(slug).unwrap_or_default()).await? {
                Some(found) => Some(found),
                None => {
                    errors.push(FieldError { field: Field::Agency, problem: Problem::Unknown });
                    None
                }
            },
        };
        let area = form.area.trim();
        if !area.is_empty() && !self.store.areas().await?.iter().any(|a| a.code == area) {
            errors.push(FieldError { field: Field::Area, problem: Problem::Unknown });
        }
        let Some(case) = case.as_mut().filter(|_| errors.is_empty()) else {
            errors.sort_by_key(|e| Field::ALL.iter().position(|f| *f == e.field));
            return Err(SubmitError::Invalid(errors));
        };
        case.agency = named_agency.as_ref().map(|a| a.code.clone());
        // A procedure named by its name is stored by its code.
        case.procedure = procedure.as_ref().map(|(p, _)| p.code.clone());

        let rules = self.store.routing_rules().await?;
        let coordinating = self.store.coordinating_agency().await?.unwrap_or_default();
        let (agency, routing) = feedback::route(
            procedure.as_ref().and_then(|(p, agency)| agency.as_deref().map(|a| (p.code.as_str(), a))),
            case.agency.as_deref(),
            case.category,
            case.area.as_deref(),
            &rules,
            &coordinating,
        );

        let local = calendar::local_time(now);
        let calendar = self.calendars.current();
        let agency_record = self.store.agency(&agency).await?;
        let received_on = counting_from(&calendar, local, agency_record.as_ref());
        let answer_term = workflow::answer_term(&self.store.term_rules().await?, &agency, case.category);
        let token = new_token();
        let attachments = self.write_incoming(files).await?;
        let submission = Submission {
            case: case.clone(),
            channel,
            received_at: now,
            day: local.date(),
            received_on,
            classify_due: calendar.due(received_on, workflow::CLASSIFY),
            answer_term,
            answer_due: calendar.due(received_on, answer_term),
            token_hash: token_hash(&token),
            agency,
            routing,
            attachments,
        };
        let agency_name = agency_record.map(|a| a.name).unwrap_or_default();
        let (composer, link_token, mail_agency) = (self.composer.clone(), token.clone(), agency_name.clone());
        let mails: MailBuilder = Box::new(move |s, code| composer.acknowledgement(s, code, &link_token, &mail_agency));
        let (attachments, answer_due) = (submission.attachments.clone(), submission.answer_due);
        match self.store.submit_case(submission, mails).await {
            Ok(code) => {
                self.settle(&attachments).await;
                self.outbox.notify_one();
                Ok(Submitted { code, token, agency_name, answer_due })
            }
            Err(e) => {
                self.discard(&attachments).await;
                Err(e.into())
            }
        }
    }

    /// The case behind a private link.
    pub async fn by_token(&self, token: &str) -> Result<Option<CaseRecord>, StoreError> {
        match civicdesk_domain::cases::token_hash(token) {
            Some(hash) => self.store.case_by_token(&hash).await,
            None => Ok(None),
        }
    }

    /// A new private link to the case with this code, if `contact` is the phone number or e-mail
    /// address it gave.
    pub async fn lookup(&self, code: &str, contact: &str, now: DateTime<Utc>) -> Result<Option<String>, StoreError> {
        let Some(code) = CaseCode::parse(code) else { return Ok(None) };
        let Some(case) = self.store.case_by_code(&code).await?.filter(|case| case.contact_matches(contact)) else {
            return Ok(None);
        };
        let token = new_token();
        self.store.add_case_token(case.id, &token_hash(&token), now).await?;
        Ok(Some(token))
    }

    /// Adds the submitter's information (text and files) to their open case.
    pub async fn add_information(
        &self,
        case: &CaseRecord,
        text: &str,
        uploads: Vec<Upload>,
        now: DateTime<Utc>,
    ) -> Result<bool, SubmitError> {
        let mut errors = Vec::new();
        let text = match feedback::clean_text(text) {
            None => {
                errors.push(FieldError { field: Field::Content, problem: Problem::BadCharacters });
                String::new()
            }
            Some(t) if t.is_empty() && uploads.iter().all(|u| u.bytes.is_empty()) => {
                errors.push(FieldError { field: Field::Content, problem: Problem::Required });
                t
            }
            Some(t) if t.chars().count() > limits::CONTENT.1 => {
                errors.push(FieldError { field: Field::Content, problem: Problem::TooLong { max: limits::CONTENT.1 } });
                t
            }
            Some(t) => t,
        };
        let files = Self::check_files(uploads, &mut errors);
        if case.attachments.len() + files.len() > 4 * limits::FILES {
            errors
                .push(FieldError { field: Field::Attachments, problem: Problem::TooManyFiles { max: limits::FILES } });
        }
        if !errors.is_empty() {
            return Err(SubmitError::Invalid(errors));
        }
        let attachments = self.write_incoming(files).await?;
        match self.store.add_information(case.id, &text, &attachments, now, &[]).await {
            Ok(true) => {
                self.settle(&attachments).await;
                self.outbox.notify_one();
                Ok(true)
            }
            Ok(false) => {
                self.discard(&attachments).await;
                Ok(false)
            }
            Err(e) => {
                self.discard(&attachments).await;
                Err(e.into())
            }
        }
    }

    /// The submitter corrects their contact details, or withdraws the permission to show their
    /// name, before the answer is published. `Ok(false)`: nothing changed, or the case is no
    /// longer open.
    pub async fn correct_details(
        &self,
        case: &CaseRecord,
        (address, phone, email): (&str, &str, &str),
        hide_name: bool,
        now: DateTime<Utc>,
    ) -> Result<bool, SubmitError> {
        if !case.status().is_open() {
            return Ok(false);
        }
        let (submitter, changed) =
            case.corrected_submitter(address, phone, email, hide_name).map_err(SubmitError::Invalid)?;
        if changed.is_empty() {
            return Ok(false);
        }
        let event = civicdesk_domain::cases::EventKind::DetailsCorrected { changed };
        Ok(self.store.correct_submitter(case.id, &submitter, &event, now).await?)
    }

    pub async fn withdraw(&self, case: &CaseRecord, reason: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let reason = feedback::clean_text(reason).unwrap_or_default();
        let reason: String = reason.chars().take(2_000).collect();
        let mails = self.composer.withdrawal_receipt(case);
        let done = self.store.withdraw_case(case.id, &reason, now, &mails).await?;
        if done {
            self.outbox.notify_one();
        }
        Ok(done)
    }
}
