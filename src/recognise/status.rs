//! Status, RAG and completion (PLACEHOLDER: issue 4 builds the grammar).

use super::Grammars;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rag {
    Red,
    Amber,
    Green,
    Blue,
    Grey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusFacts {
    pub rag: Option<Rag>,
    pub complete: Option<bool>,
}

/// What a status, RAG or timescale cell says about the action's state.
pub fn status(_text: &str, _g: &Grammars) -> StatusFacts {
    StatusFacts::default()
}
