#![recursion_limit = "256"]
//! The civicdesk server: configuration, storage per engine, the HTTP edge by audience, the
//! background workers, the demo catalogue and the command-line tools. What the portal does is in
//! `civicdesk-services`; its pages are in `civicdesk-app`.

pub mod backup;
pub mod config;
pub mod demo;
pub mod export;
pub mod generate;
pub mod generate_cases;
pub mod http;
pub mod metrics;
pub mod province;
pub mod ssr;
pub mod startup;
pub mod state;
pub mod storage;
pub mod workers;
