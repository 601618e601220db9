//! docket: inspection action plans and annual reports (PDF, DOCX, text
//! exports) into clean, validated docket/1 JSON.
//!
//! The pipeline, one module per stage, each owning its types:
//! input bytes → [`read`] (one reader per format, no interpretation) →
//! [`rebuild`] (flat text that lost its grid back into tables) →
//! [`model`] (pages, blocks, tables with spans, provenance) →
//! [`recognise`] (nom parsers for refs, dates, leads, statuses, driven by
//! `grammars/`) → [`interpret`] (action plan / annual report) →
//! [`contract`] (serde types, JSON Schema, validation) → [`batch`] (rayon,
//! progress, coded errors, atomic writes). [`pipeline`] wires rebuild into
//! interpret; [`cli`] is a thin shell over it all.

pub mod batch;
pub mod cli;
pub mod contract;
pub mod diff;
pub mod export;
pub mod interpret;
pub mod model;
pub mod pipeline;
pub mod read;
pub mod rebuild;
pub mod recognise;
pub mod work;

/// The unit tests count each thread's heap as the binary does, so memory
/// tests can compare what a stage holds (see [`work::peak_bytes`]).
#[cfg(test)]
#[global_allocator]
static ALLOC: work::CountingAlloc = work::CountingAlloc;
