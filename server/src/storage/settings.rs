//! Storage of administration: set-up changes and account life cycle, each written with its audit
//! entry in one transaction, and the audit trail read back. The statements are in
//! `sql/settings.rs` and `sql/accounts.rs`.

use civicdesk_domain::admin::{Applied, AuditAction, AuditEntry};
use civicdesk_domain::store::StoreError;
use civicdesk_domain::workflow::Role;

use super::corrupt;

/// A refusal the database reports by a constraint: a code taken, or a row still referred to.
pub fn refusal(e: sqlx::Error) -> Result<Applied, StoreError> {
    if let sqlx::Error::Database(d) = &e {
        if d.is_unique_violation() {
            return Ok(Applied::Exists);
        }
        if d.is_foreign_key_violation() {
            return Ok(Applied::InUse);
        }
    }
    Err(super::db_err(e))
}

/// `None` and `Some("")` stored alike, as NULL.
pub fn json_text(value: &Option<serde_json::Value>) -> Option<String> {
    value.as_ref().map(serde_json::Value::to_string)
}

/// An audit row as read: id, at, actor id, actor, action, change, subject, before, after, address.
pub type AuditRow = (
    i64,
    chrono::DateTime<chrono::Utc>,
    Option<i64>,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
);

pub const AUDIT_COLUMNS: &str = "id, at, actor_id, actor, action, change, subject, before, after, address";

pub fn audit_entry(row: AuditRow) -> Result<AuditEntry, StoreError> {
    let (id, at, actor_id, actor, action, change, subject, before, after, address) = row;
    let json = |t: Option<String>| t.and_then(|t| serde_json::from_str(&t).ok());
    Ok(AuditEntry {
        id,
        at,
        actor_id,
        actor,
        action: AuditAction::parse(&action).ok_or_else(|| super::corrupt("audit action", &action))?,
        change,
        subject,
        before: json(before),
        after: json(after),
        address,
    })
}

/// An account as the administration lists it, with its open sessions.
#[derive(sqlx::FromRow)]
pub struct AccountRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    agency: String,
    active: bool,
    created_at: chrono::DateTime<chrono::Utc>,
    sessions: i64,
}

impl AccountRow {
    pub fn into_account(self) -> Result<civicdesk_domain::admin::Account, StoreError> {
        let role = Role::parse(&self.role).ok_or_else(|| corrupt("role", &self.role))?;
        let AccountRow { id, name, email, agency, active, created_at, sessions, .. } = self;
        Ok(civicdesk_domain::admin::Account {
            official: civicdesk_domain::workflow::Official { id, name, email, role, agency },
            active,
            created_at,
            sessions: u64::try_from(sessions).unwrap_or_default(),
        })
    }
}
