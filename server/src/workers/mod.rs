//! What runs beside the requests: the outbox that delivers e-mail, the daily digests, the
//! messages to followers, and the erasure of personal data at the end of its retention period.

pub mod digests;
pub mod follow;
pub mod outbox;
pub mod retention;
