#![recursion_limit = "256"]
//! The civicdesk server: configuration, storage engines, HTTP endpoints beyond the Leptos pages,
//! the demo catalogue and the command-line tools.

pub mod attachments;
pub mod auth;
pub mod backup;
pub mod calendar;
pub mod config;
pub mod demo;
pub mod escalation;
pub mod export;
pub mod feedback;
pub mod generate;
pub mod generate_cases;
pub mod handling;
pub mod http;
pub mod mail;
pub mod province;
pub mod ssr;
pub mod startup;
pub mod state;
pub mod storage;
