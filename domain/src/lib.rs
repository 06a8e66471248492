//! The rules of civicdesk that need neither a web server nor a database: how Vietnamese text is
//! folded for search, what a procedure (thủ tục hành chính, TTHC) record holds, how the national
//! export is read, and what the portal asks of its storage.

pub mod accounts;
pub mod admin;
pub mod agency;
pub mod calendar;
pub mod cases;
pub mod catalogue;
pub mod feedback;
pub mod files;
pub mod follow;
pub mod import;
pub mod lunar;
pub mod privacy;
pub mod problems;
pub mod procedure;
pub mod queue;
pub mod rating;
pub mod retention;
pub mod setup;
pub mod stats;
pub mod store;
pub mod survey;
pub mod text;
pub mod workflow;

pub use agency::{Agency, AgencyLevel};
pub use procedure::Procedure;
