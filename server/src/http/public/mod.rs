//! What citizens and businesses post and download: the feedback forms and attached files.

pub mod attachments;
pub mod feedback;
