//! The fit costs of the line-per-cell reader, as one documented table.
//!
//! Each number says how unlikely a kind of line is in a kind of column,
//! 0 being typical. The row cutter ([`super::grid`]) adds them up and keeps
//! the cheapest cut, so only their order and rough ratios matter: a cost of
//! 6 is "almost never", 2-4 "possible but a poor fit", under 1 "plausible".
//! What a line is ("whole ref", "dated", "names a person") comes from the
//! recognisers (see [`super::fit::Look`]).

/// Costs of a line in one kind of column, by what the line looks like.
/// Fields a column has no rule for are unused there (0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineCosts {
    /// Only a ref ("7", "2.1").
    pub whole_ref: f32,
    /// Opens with a dotted ref ("2.1 Review…").
    pub opens_ref: f32,
    /// A short ref the recogniser does not read ("R1", "1a").
    pub ref_like: f32,
    /// A list item or enumerated line (or a colon label, for actions).
    pub list: f32,
    /// Names a person (for finding and action cells: a short line).
    pub person: f32,
    /// Names a post but no person.
    pub post: f32,
    /// Names only an organisation.
    pub organisation: f32,
    /// Holds a date (for finding and action cells: a short line).
    pub date: f32,
    /// Holds a date inside long prose.
    pub dated_prose: f32,
    /// Says done or not done ("Completed").
    pub state: f32,
    /// A status or RAG word.
    pub rag: f32,
    /// A short line with none of the above.
    pub short: f32,
    /// Prose (longer than the short-line limit) with none of the above.
    pub prose: f32,
    /// Anything else.
    pub other: f32,
    /// For a timescale's plain line: every this many words costs one more.
    pub words_per_unit: f32,
}

/// All zero, for the `..ZERO` of the table below.
const ZERO: LineCosts = LineCosts {
    whole_ref: 0.0,
    opens_ref: 0.0,
    ref_like: 0.0,
    list: 0.0,
    person: 0.0,
    post: 0.0,
    organisation: 0.0,
    date: 0.0,
    dated_prose: 0.0,
    state: 0.0,
    rag: 0.0,
    short: 0.0,
    prose: 0.0,
    other: 0.0,
    words_per_unit: 1.0,
};

/// An empty cell (an empty line) by column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EmptyCosts {
    /// Ref and finding cells: empty under every vertical merge.
    pub merged: f32,
    /// An empty action is rare.
    pub action: f32,
    pub timescale_or_lead: f32,
    pub status: f32,
    /// Outcome, progress and unnamed columns.
    pub other: f32,
}

/// The first paragraph of a cell, by column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FirstCosts {
    pub ref_: LineCosts,
    pub finding: LineCosts,
    pub action: LineCosts,
    pub timescale: LineCosts,
    pub lead: LineCosts,
    pub status: LineCosts,
    /// Outcome, progress and unnamed columns.
    pub text: LineCosts,
}

/// A further paragraph of a cell already started, by column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NextCosts {
    /// An empty paragraph inside a lead cell (between two leads).
    pub blank_lead: f32,
    pub blank_finding_or_timescale: f32,
    pub blank_other: f32,
    /// A colon label ("Proposal:") opens a cell more often than it goes on
    /// one: added to the line's cost.
    pub label: f32,
    /// Ref and status cells hold one paragraph.
    pub ref_or_status: f32,
    pub finding: LineCosts,
    pub action: LineCosts,
    pub timescale: LineCosts,
    pub lead: LineCosts,
    /// Outcome, progress and unnamed columns.
    pub text: LineCosts,
}

/// Every cost and word limit of the line-per-cell reader.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitCosts {
    pub empty: EmptyCosts,
    pub first: FirstCosts,
    pub next: NextCosts,
    /// A section row: about what a lead line naming only an organisation
    /// costs as a lead paragraph; the two are told apart by what follows.
    pub section: f32,
    /// Each section word past [`Self::section_words_short`].
    pub section_word: f32,
    /// Section labels are a few words; past this many each word costs more.
    pub section_words_short: usize,
    /// No section row is longer.
    pub section_words_max: usize,
    /// A cell that ends in an empty paragraph, on top of that paragraph's
    /// cost.
    pub trailing_blank: f32,
    /// A non-empty cell in a column that at most one row of the plan's
    /// tables fills (a rating key read as one more row fills them all).
    pub rare_fill: f32,
    /// A cell the text ends before (trailing blank lines dropped by a
    /// reader), on top of an empty cell's cost: rarer than a row printed
    /// whole.
    pub missing_cell: f32,
    /// Each line of a cell past what the column's other cells hold.
    pub long_cell: f32,
    /// A status word alone in a ref, finding, action, timescale or lead
    /// column (a rating with no status column to go to).
    pub rating_elsewhere: f32,
    /// A short label ("Exploitation") as a further paragraph of a text cell.
    pub label_inside: f32,
    /// A text line left out of every table (text after the table): about
    /// what a plain line costs inside one, so prose after the table is not
    /// made into rows.
    pub out_text: f32,
    /// A blank line left out: blank lines are the table's own mark (its
    /// empty cells); text after a table has few. So a table does not end
    /// early where its empty cells cost something.
    pub out_blank: f32,
    /// A line of at most this many words is short (a person's name, a
    /// lead cell's line rather than prose).
    pub short_words: usize,
    /// A date line in a finding or action cell costs more when it has at
    /// most this many words (a bare date, not a sentence with a date).
    pub date_words: usize,
    /// A dated line of more words is prose that mentions a date.
    pub dated_prose_words: usize,
    /// A plain timescale line's word cost stops growing here.
    pub timescale_words_cap: usize,
    /// A status cell's line of at most this many words is short.
    pub status_words: usize,
}

/// The costs docket runs with.
pub const COSTS: FitCosts = FitCosts {
    empty: EmptyCosts {
        merged: 0.2,
        action: 6.0,
        timescale_or_lead: 1.0,
        status: 0.3,
        other: 0.5,
    },
    first: FirstCosts {
        ref_: LineCosts {
            whole_ref: 0.0,
            ref_like: 1.0,
            other: 6.0,
            ..ZERO
        },
        finding: LineCosts {
            whole_ref: 6.0,
            opens_ref: 3.0,
            person: 2.5,
            date: 2.0,
            other: 0.5,
            ..ZERO
        },
        action: LineCosts {
            opens_ref: 0.0,
            whole_ref: 5.0,
            list: 0.2,
            person: 2.5,
            date: 2.0,
            other: 0.5,
            ..ZERO
        },
        timescale: LineCosts {
            whole_ref: 6.0,
            date: 0.0,
            dated_prose: 2.5,
            state: 0.3,
            person: 4.0,
            post: 3.0,
            other: 1.5,
            words_per_unit: 20.0,
            ..ZERO
        },
        lead: LineCosts {
            whole_ref: 6.0,
            date: 4.0,
            person: 0.0,
            post: 0.3,
            organisation: 0.8,
            prose: 4.0,
            other: 2.5,
            ..ZERO
        },
        status: LineCosts {
            rag: 0.0,
            state: 0.5,
            short: 1.0,
            other: 2.5,
            ..ZERO
        },
        text: LineCosts {
            whole_ref: 5.0,
            person: 1.5,
            other: 0.5,
            ..ZERO
        },
    },
    next: NextCosts {
        blank_lead: 0.7,
        blank_finding_or_timescale: 2.0,
        blank_other: 1.5,
        label: 1.0,
        ref_or_status: 8.0,
        finding: LineCosts {
            whole_ref: 8.0,
            opens_ref: 3.0,
            list: 0.5,
            other: 1.0,
            ..ZERO
        },
        action: LineCosts {
            whole_ref: 6.0,
            opens_ref: 3.5,
            list: 0.0,
            person: 2.0,
            date: 1.2,
            other: 0.5,
            ..ZERO
        },
        timescale: LineCosts {
            whole_ref: 6.0,
            date: 0.5,
            person: 4.0,
            other: 2.0,
            ..ZERO
        },
        lead: LineCosts {
            whole_ref: 6.0,
            person: 0.3,
            post: 0.8,
            organisation: 2.5,
            other: 3.5,
            ..ZERO
        },
        text: LineCosts {
            whole_ref: 5.0,
            opens_ref: 4.0,
            person: 1.5,
            other: 0.5,
            ..ZERO
        },
    },
    section: 2.0,
    section_word: 0.3,
    section_words_short: 6,
    section_words_max: 12,
    trailing_blank: 1.5,
    rare_fill: 4.0,
    missing_cell: 1.0,
    long_cell: 1.0,
    rating_elsewhere: 5.0,
    label_inside: 2.5,
    out_text: 0.6,
    out_blank: 1.5,
    short_words: 8,
    date_words: 6,
    dated_prose_words: 30,
    timescale_words_cap: 40,
    status_words: 3,
};

/// The orders the reader relies on, checked when it is compiled: a whole
/// ref fits only a ref column, a person a lead column, a date a timescale
/// column, and an empty action is rarer than an empty merged cell.
const _: () = {
    let f = &COSTS.first;
    assert!(f.ref_.whole_ref < f.action.whole_ref && f.ref_.whole_ref < f.lead.whole_ref);
    assert!(f.lead.person < f.timescale.person && f.lead.person < f.action.person);
    assert!(f.timescale.date < f.lead.date && f.timescale.date < f.action.date);
    assert!(COSTS.empty.merged < COSTS.empty.action);
};
