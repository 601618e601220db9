//! The stages wired together: a read document through the rebuild stage's
//! readings into interpret.
//!
//! Why here and not in interpret: each stage owns its types and a later
//! stage never reaches back into an earlier one. Interpret asks for other
//! readings through [`interpret::Readings`]; this module answers with the
//! rebuild stage, so neither stage names the other.

use std::borrow::Cow;

use crate::interpret::{self, Interpretation, Readings};
use crate::model::Document;
use crate::rebuild;
use crate::recognise::Grammars;

/// Interpret a read document, with the rebuild stage's readings on call.
pub fn interpret(doc: &Document, g: &Grammars) -> Interpretation {
    interpret::interpret(doc, g, &Rebuilt { doc, g })
}

/// The rebuild stage's readings of one document, made on demand.
struct Rebuilt<'a> {
    doc: &'a Document,
    g: &'a Grammars,
}

impl Readings for Rebuilt<'_> {
    /// Each reading is a document a reader made: the furniture pass runs
    /// on it as on every reader's output.
    fn plan_readings(&self) -> Vec<Document> {
        let mut docs = rebuild::readings(self.doc, self.g);
        for d in &mut docs {
            crate::recognise::furniture::flag_document(d, self.g);
        }
        docs
    }
    fn report_reading(&self) -> Cow<'_, Document> {
        match rebuild::report::rebuild(self.doc, self.g) {
            Cow::Owned(mut d) => {
                crate::recognise::furniture::flag_document(&mut d, self.g);
                Cow::Owned(d)
            }
            borrowed => borrowed,
        }
    }
}
