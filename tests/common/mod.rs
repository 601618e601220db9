//! Shared test support: Rust ports of the project's Python scorers, so the
//! corpus tests need nothing outside the repo (CI has no ../shared, no Python).
//! Each test crate uses only part of this, hence the `dead_code` allowance.
#![allow(dead_code)]

pub mod corpus;
pub mod score;
pub mod score_report;
pub mod text;
