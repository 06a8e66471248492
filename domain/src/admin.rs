//! Administration: the changes administrators make to how the portal is set up and who may use
//! it, and the audit trail that answers "who did this".
//!
//! Every administrative change is one [`AdminChange`], written by [`SettingsStore::apply_admin`](crate::store::SettingsStore::apply_admin)
//! together with its [`AuditEntry`] in one transaction: a change is never without its record.
//! The trail is append-only (the databases refuse updates and deletes of it).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::accounts::NewOfficial;
use crate::agency::Agency;
use crate::calendar::DayOverride;
use crate::cases::{Area, OutgoingMail};
use crate::feedback::{Category, RoutingRule};
use crate::procedure::FieldRef;
use crate::workflow::{Official, Role, TermRule};

/// How long a password link an administrator sends stays usable.
pub const RESET_LINK_HOURS: i64 = 24;

/// One change to the set-up or to an account.
#[derive(Clone, Debug)]
pub enum AdminChange {
    /// Adds an agency (`new`) or changes one, found by its code, which never changes. At most
    /// one agency is the coordinating office: marking one unmarks the others.
    SaveAgency {
        agency: Agency,
        new: bool,
    },
    /// Removes an agency no account, case, area, rule, template or other agency refers to.
    DeleteAgency(String),
    /// Adds or updates every agency and area of a file (checked whole beforehand), agencies first
    /// and areas parents first.
    ImportSetup(crate::setup::SetupFile),
    SaveArea {
        area: Area,
        new: bool,
    },
    DeleteArea(String),
    SaveField {
        field: FieldRef,
        new: bool,
    },
    DeleteField(String),
    SaveDay(DayOverride),
    DeleteDay(NaiveDate),
    /// One rule per agency and category (either may be "any"): saving replaces it.
    SaveTerm(TermRule),
    /// The periods of re-examination: to ask, and to answer again.
    SaveReexamination(crate::workflow::ReexaminationPolicy),
    SaveRetention(crate::retention::RetentionPolicy),
    DeleteTerm {
        agency: Option<String>,
        category: Option<Category>,
    },
    /// Adds a rule (`id` 0) or changes one.
    SaveRule {
        rule: RoutingRule,
        note: String,
    },
    DeleteRule(i64),
    /// Adds a template (`id` 0) or changes one.
    SaveTemplate {
        id: i64,
        agency: String,
        title: String,
        body: String,
    },
    DeleteTemplate(i64),
    CreateAccount(NewOfficial),
    /// Changes an account's name, role, agency and whether it is active. Deactivating ends its
    /// sessions at once.
    UpdateAccount {
        id: i64,
        name: String,
        role: Role,
        agency: String,
        active: bool,
    },
    /// Ends every session of an account ("sign out everywhere").
    EndSessions(i64),
    /// Records a one-time link (by its token's hash) and puts its e-mail in the outbox.
    SendPasswordLink {
        official: i64,
        token_hash: String,
        expires: DateTime<Utc>,
        mail: OutgoingMail,
    },
    /// Issues a key to a client system (Open311), kept only as its token's hash and a hint of its
    /// first characters.
    IssueApiKey(NewApiClient),
    /// Revokes a client system's key: it is refused from then on.
    RevokeApiKey(i64),
}

/// A client system's key about to be issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApiClient {
    /// The client system, as the administrators know it (a city's 311 app, the national portal).
    pub name: String,
    pub key_hash: String,
    /// The key's first characters, to tell keys apart; never enough to use it.
    pub hint: String,
}

/// A client system allowed to file through Open311, as administrators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiClient {
    pub id: i64,
    pub name: String,
    pub hint: String,
    pub created_at: DateTime<Utc>,
    /// When it last filed (to the minute), if ever.
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// How many characters of a key its hint shows.
pub const API_KEY_HINT: usize = 6;

/// What became of a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Done,
    /// Adding something whose code (or e-mail, or link word) is taken.
    Exists,
    /// Removing something still referred to.
    InUse,
    /// Changing something that is not there.
    Missing,
}

/// An account as administrators see it, active or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub official: Official,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    /// Sessions open now.
    pub sessions: u64,
}

/// What the trail records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// An administrative change; the entry's `change` names it (e.g. `save_agency`).
    Change,
    SignIn,
    SignInFailed,
    SignOutEverywhere,
    PasswordChanged,
    /// A password set through a one-time link.
    PasswordSet,
    Export,
    /// A case's personal data opened by someone outside its agency.
    PersonalView,
}

impl AuditAction {
    pub const ALL: [AuditAction; 8] = [
        Self::Change,
        Self::SignIn,
        Self::SignInFailed,
        Self::SignOutEverywhere,
        Self::PasswordChanged,
        Self::PasswordSet,
        Self::Export,
        Self::PersonalView,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Change => "change",
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::SignOutEverywhere => "sign_out_everywhere",
            Self::PasswordChanged => "password_changed",
            Self::PasswordSet => "password_set",
            Self::Export => "export",
            Self::PersonalView => "personal_view",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// One line of the trail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// 0 until stored.
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The account that acted, if any.
    pub actor_id: Option<i64>,
    /// Who acted as known then: "name <e-mail>", the e-mail typed at a failed sign-in, or the
    /// command that was run.
    pub actor: String,
    pub action: AuditAction,
    /// For a change, which one (the form's action, e.g. `save_agency`); otherwise empty.
    pub change: String,
    /// What it was about: an agency's code, an account's e-mail, a case's code, an export's filter.
    pub subject: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    /// The client's address, or empty.
    pub address: String,
}

impl AuditEntry {
    /// An entry for `action` by `official` (or, without one, by `actor`).
    pub fn new(action: AuditAction, official: Option<&Official>, subject: impl Into<String>) -> Self {
        AuditEntry {
            id: 0,
            at: Utc::now(),
            actor_id: official.map(|o| o.id),
            actor: official.map(|o| format!("{} <{}>", o.name, o.email)).unwrap_or_default(),
            action,
            change: String::new(),
            subject: subject.into(),
            before: None,
            after: None,
            address: String::new(),
        }
    }

    pub fn by(mut self, actor: impl Into<String>) -> Self {
        self.actor = actor.into();
        self
    }

    pub fn from_address(mut self, address: impl Into<String>) -> Self {
        self.address = address.into();
        self
    }

    /// A change named `change`, from `before` to `after` (either absent for an addition or a
    /// removal).
    pub fn changed<B: Serialize, A: Serialize>(mut self, change: &str, before: Option<&B>, after: Option<&A>) -> Self {
        self.change = change.to_owned();
        self.before = before.and_then(|b| serde_json::to_value(b).ok());
        self.after = after.and_then(|a| serde_json::to_value(a).ok());
        self
    }

    /// The values that differ between before and after, as (key, before, after) texts; every
    /// value of an addition or a removal.
    pub fn differences(&self) -> Vec<(String, String, String)> {
        use serde_json::Value;
        let text = |v: Option<&Value>| match v {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        let empty = serde_json::Map::new();
        let object = |v: &Option<Value>| match v {
            Some(Value::Object(o)) => Some(o.clone()),
            _ => None,
        };
        match (object(&self.before), object(&self.after)) {
            (None, None) => match (&self.before, &self.after) {
                (None, None) => Vec::new(),
                (b, a) => vec![(String::new(), text(b.as_ref()), text(a.as_ref()))],
            },
            (b, a) => {
                let (b, a) = (b.unwrap_or_else(|| empty.clone()), a.unwrap_or_else(|| empty.clone()));
                let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
                keys.dedup();
                let mut seen = std::collections::HashSet::new();
                keys.into_iter()
                    .filter(|k| seen.insert(*k))
                    .filter(|k| b.get(*k) != a.get(*k))
                    .map(|k| (k.clone(), text(b.get(k)), text(a.get(k))))
                    .filter(|(_, before, after)| !(before.is_empty() && after.is_empty()))
                    .collect()
            }
        }
    }
}

/// The entry for `official` opening the personal data of case `code`, handled by `case_agency`,
/// when that agency is not theirs (the coordinating office reads every case).
pub fn personal_view(official: &Official, case_agency: &str, code: &str) -> Option<AuditEntry> {
    (official.agency != case_agency).then(|| AuditEntry::new(AuditAction::PersonalView, Some(official), code))
}

/// Which entries to read, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    /// Part of the actor's name or e-mail.
    pub actor: Option<String>,
    /// Part of the subject.
    pub subject: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Entries older than this id (the next page), if given.
    pub before_id: Option<i64>,
    pub limit: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_lists_only_what_changed() {
        #[derive(Serialize)]
        struct A {
            name: &'static str,
            cutoff: &'static str,
        }
        let entry = AuditEntry::new(AuditAction::Change, None, "VP").changed(
            "save_agency",
            Some(&A { name: "Văn phòng", cutoff: "17:00" }),
            Some(&A { name: "Văn phòng", cutoff: "16:30" }),
        );
        assert_eq!(entry.differences(), vec![("cutoff".to_owned(), "17:00".to_owned(), "16:30".to_owned())]);
        let added = AuditEntry::new(AuditAction::Change, None, "VP").changed::<A, A>(
            "save_agency",
            None,
            Some(&A { name: "Văn phòng", cutoff: "17:00" }),
        );
        assert_eq!(added.differences().len(), 2);
    }
}
