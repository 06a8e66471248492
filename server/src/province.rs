//! Setting a province up from the command line: importing its agencies and areas from a file
//! (`civicdesk import-agencies`) and creating the first administrator (`civicdesk create-admin`),
//! each recorded in the audit trail like the same change made in `/quan-tri`.

use std::path::Path;

use anyhow::Context;
use civicdesk_domain::admin::{AdminChange, Applied, AuditAction, AuditEntry};
use civicdesk_domain::setup::{AgencyInput, Existing};
use civicdesk_domain::store::Store;

use civicdesk_services::accounts;

/// Who the trail names for a command.
fn command_line(command: &str) -> String {
    format!("civicdesk {command} (dòng lệnh / command line)")
}

/// What an import did.
#[derive(Debug, PartialEq, Eq)]
pub struct Imported {
    pub agencies: usize,
    pub areas: usize,
}

/// Reads `file` (JSON, or CSV by default), checks it whole against what is stored, and writes
/// every agency and area in one transaction — or nothing, with the record and column at fault.
pub async fn import_agencies(store: &dyn Store, file: &Path) -> anyhow::Result<Imported> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let name = file.display().to_string();
    let setup = civicdesk_domain::setup::parse(&name, &text)
        .map_err(|e| anyhow::anyhow!("{name}: rejected, nothing imported: {e}"))?;
    let existing = Existing { agencies: store.agency_records().await?, areas: store.areas().await? };
    setup.check(&existing).map_err(|e| anyhow::anyhow!("{name}: rejected, nothing imported: {e}"))?;
    let imported = Imported { agencies: setup.agencies.len(), areas: setup.areas.len() };
    let summary = serde_json::json!({
        "file": name,
        "agencies": setup.agencies.iter().map(|a| &a.code).collect::<Vec<_>>(),
        "areas": setup.areas.iter().map(|a| &a.code).collect::<Vec<_>>(),
    });
    let entry = AuditEntry::new(AuditAction::Change, None, &name).by(command_line("import-agencies")).changed(
        "import_agencies",
        None::<&()>,
        Some(&summary),
    );
    match store.apply_admin(&AdminChange::ImportSetup(setup), &entry).await? {
        Applied::Done => Ok(imported),
        other => anyhow::bail!("{name}: rejected, nothing imported: the database refused it ({other:?})"),
    }
}

/// The coordinating office `create-admin` makes when the database has none yet.
pub struct FirstOffice {
    pub code: String,
    pub name: String,
    pub email: String,
}

/// Creates the coordinating office of an empty province, so its first administrator has an agency.
/// Its other details are filled in at `/quan-tri/co-quan`.
pub async fn create_office(store: &dyn Store, office: FirstOffice) -> anyhow::Result<String> {
    let agency = AgencyInput {
        code: office.code,
        name: office.name,
        level: "tinh".to_owned(),
        email: office.email,
        coordinating: true,
        ..AgencyInput::default()
    }
    .check()
    .map_err(|e| anyhow::anyhow!("the office's {}: {}", e.field.name(), e.message))?;
    let code = agency.code.clone();
    let entry = AuditEntry::new(AuditAction::Change, None, &code).by(command_line("create-admin")).changed(
        "save_agency",
        None::<&civicdesk_domain::Agency>,
        Some(&agency),
    );
    match store.apply_admin(&AdminChange::SaveAgency { agency, new: true }, &entry).await? {
        Applied::Done => Ok(code),
        other => anyhow::bail!("the office {code} could not be created ({other:?})"),
    }
}

/// `create-admin`, recorded: creates an administrator or, with `reset`, sets a new password for
/// one (see [`accounts::set_up_admin`]).
pub async fn create_admin(
    store: &dyn Store,
    email: &str,
    name: &str,
    agency: &str,
    password: &str,
    reset: bool,
) -> anyhow::Result<accounts::AdminSetUp> {
    let done = accounts::set_up_admin(store, email, name, agency, password, reset).await?;
    let change = match done {
        accounts::AdminSetUp::Created(_) => "create_admin",
        accounts::AdminSetUp::Reset(_) => "reset_admin",
    };
    let record =
        serde_json::json!({ "name": name, "email": email.trim().to_lowercase(), "role": "admin", "agency": agency });
    let entry = AuditEntry::new(AuditAction::Change, None, email.trim().to_lowercase())
        .by(command_line("create-admin"))
        .changed(change, None::<&()>, Some(&record));
    store.record_audit(&entry).await?;
    Ok(done)
}
