//! Officials and their roles: who may see which cases.

use serde::{Deserialize, Serialize};

/// What an official account may do (vai trò).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Chuyên viên: handles the cases of their agency.
    Officer,
    /// Lãnh đạo: assigns, approves answers, sees everything of their agency.
    Lead,
    /// The coordinating office: sees and routes everything, chases late agencies.
    Coordinator,
    /// Quản trị: agencies, accounts, routing rules, the holiday calendar. Handles no cases.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Officer, Role::Lead, Role::Coordinator, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Lead => "lead",
            Role::Coordinator => "coordinator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A signed-in official, as the rules need them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Official {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// Code of the agency the account belongs to.
    pub agency: String,
}

impl Official {
    /// Whether this official may see (and so act on) a case handled by `case_agency`. Everything
    /// else about a case the official may not see answers "not found".
    pub fn sees(&self, case_agency: &str) -> bool {
        match self.role {
            Role::Coordinator => true,
            Role::Officer | Role::Lead => self.agency == case_agency,
            Role::Admin => false,
        }
    }

    /// Whether the queue is open to this official at all.
    pub fn handles_cases(&self) -> bool {
        self.role != Role::Admin
    }
}
