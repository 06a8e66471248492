//! How storage fails, for every engine and every part of the store.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The engine failed: connection lost, constraint broken, disk full. The message is for logs.
    #[error("storage failed: {0}")]
    Backend(String),
    /// Stored data could not be read back (a record written by an incompatible version).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

pub type StoreResult<T> = Result<T, StoreError>;
