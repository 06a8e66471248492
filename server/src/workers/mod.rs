//! What runs beside the requests: the outbox that delivers e-mail, and the daily digests.

pub mod digests;
pub mod outbox;
