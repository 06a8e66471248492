//! Integration tests: the real server on a random port, over HTTP, on real SQLite files and a
//! real PostgreSQL. Every test in `engines!` runs once per engine.

mod admin;
mod backup;
mod contract;
mod directory;
mod feedback;
mod feeds;
mod follow;
mod handling;
mod helpers;
mod history;
mod hostile;
mod import;
mod live;
mod metrics;
mod officials_told;
mod open311;
mod open_data;
mod own_data;
mod pages;
mod record;
mod reexamination;
mod retention;
mod same_matter;
mod security;
mod survey;
