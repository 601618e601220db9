//! The recognise stage: typed facts from cell text. nom parsers for dates,
//! refs, leads and statuses, driven by the vocabulary in `grammars/`.
//!
//! Why a stage of its own: these parsers are where docket beats a general
//! extractor, they are pure functions of a string, and they are the part most
//! worth property-testing. They know nothing about tables or formats.

pub mod date;
pub mod furniture;
pub mod grammar;
pub mod lead;
pub mod phrase;
pub mod reference;
pub mod status;

pub use date::{Date, DateExpr};
pub use grammar::{GrammarError, Grammars};
pub use lead::LeadParts;
pub use status::{KeyMeaning, ProgressEntry, Rag, StatusFacts, StatusKey, rag_from_colour};
