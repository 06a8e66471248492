//! Officials' accounts and sessions as storage keeps them.

use crate::workflow::{Official, Role};

/// The shortest password accepted for an account (the forms ask for it too).
pub const MIN_PASSWORD: usize = 10;

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
