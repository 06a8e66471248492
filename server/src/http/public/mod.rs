//! What citizens and businesses post and download: the feedback forms, the satisfaction survey,
//! attached files and the public record's tables; and what search engines read (the sitemap).

pub mod attachments;
pub mod feedback;
pub mod record;
pub mod sitemap;
pub mod survey;
