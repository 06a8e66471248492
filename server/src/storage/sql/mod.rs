//! The SQL both engines share, one file per concern. This folder is compiled once per engine:
//! `sqlite.rs` and `postgres.rs` each include it, naming their store `Engine`, their database
//! `Db` and themselves `ENGINE`, with their own full-text match (`text_source`) and the
//! statements that rebuild (`REINDEX`) and tidy (`TIDY`) their text index after an import.
#![allow(clippy::duplicate_mod)]

use super::{Db, ENGINE, Engine, REINDEX, TIDY, text_source};

mod accounts;
mod binds;
mod case_rows;
mod cases;
mod catalogue;
mod follow;
mod outbox;
mod queue;
mod record;
mod settings;
mod survey;
