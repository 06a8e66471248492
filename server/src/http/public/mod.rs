//! What citizens and businesses post and download: the feedback forms, the satisfaction survey,
//! attached files, the public record's tables and the open data; and what search engines read
//! (the sitemap).

pub mod attachments;
pub mod feedback;
pub mod follow;
pub mod open_data;
pub mod record;
pub mod sitemap;
pub mod survey;
