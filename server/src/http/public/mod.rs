//! What citizens and businesses post and download: the feedback forms, the satisfaction survey,
//! attached files and the public record's tables.

pub mod attachments;
pub mod feedback;
pub mod record;
pub mod survey;
