//! Officials' accounts and sessions as storage keeps them.

use crate::workflow::{Official, Role};

/// An account to create.
#[derive(Clone, Debug)]
pub struct NewOfficial {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub agency: String,
    pub password_hash: String,
}

/// A session as stored: who, and the token its forms must carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub official: Official,
    pub csrf: String,
}
