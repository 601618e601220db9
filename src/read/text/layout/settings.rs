//! The layout reader's tolerances, gathered in one place so that every
//! threshold the geometry rules rely on is named, documented and tunable.

/// Tolerances of the layout reader, in character positions and line counts
/// (in the spirit of pdfplumber's `TableSettings`).
#[derive(Debug, Clone, Copy)]
pub struct LayoutSettings {
    /// Spaces that separate two text blocks of one line (a column gutter);
    /// fewer are a space inside a sentence.
    pub min_gutter: usize,
    /// Aligned (multi-block) lines a region needs to be read as a table.
    pub min_table_lines: usize,
    /// Consecutive unaligned lines at the left margin a table region may
    /// contain (section rows, a wrapped first column); more end it.
    pub max_margin_run: usize,
    /// Consecutive blank lines a table region may contain (pdftotext
    /// leaves one where neighbouring cells' lines interleave); more end it.
    pub max_blank_run: usize,
    /// How much room must be left at the end of a line before it counts as
    /// stopping short (character positions only approximate a proportional
    /// font, so a word that "fits" by a character may not have). Lines that
    /// open in lower case never count as a new paragraph, which keeps this
    /// small.
    pub fit_slack: usize,
    /// A dump is a layout dump when at least this share of its non-blank
    /// lines are aligned (multi-block)...
    pub detect_share: f32,
    /// ...and at least this many.
    pub detect_min_lines: usize,
    /// A line repeated at the top or bottom of at least this share of the
    /// pages is a running head or foot.
    pub running_share: f32,
    /// ...and on at least this many pages.
    pub running_min_pages: usize,
    /// How far (in characters) a column may move between pages and still be
    /// the same column of a table continued over the break.
    pub join_shift: usize,
    /// A region that fails to read as a table is tried again from this
    /// many of its later lines at most, then read as prose. Why: each try
    /// reads the region to its end, so trying from every line of a long
    /// region cost its length squared (24,000 aligned lines: minutes).
    pub max_region_retries: usize,
    /// A region whose lines fall into more columns than this is not a
    /// table (a printed page holds a few dozen at most). Why: every line
    /// and row of a table keeps a slot per column, so one mutated line of
    /// 80,000 characters that made thousands of columns cost a slot for
    /// each on every line (a 214 KB dump passed 160 MiB).
    pub max_columns: usize,
}

impl Default for LayoutSettings {
    fn default() -> Self {
        LayoutSettings {
            min_gutter: 2,
            min_table_lines: 3,
            max_margin_run: 2,
            max_blank_run: 1,
            fit_slack: 1,
            detect_share: 0.15,
            detect_min_lines: 5,
            running_share: 0.5,
            running_min_pages: 3,
            join_shift: 8,
            max_region_retries: 16,
            max_columns: 64,
        }
    }
}
