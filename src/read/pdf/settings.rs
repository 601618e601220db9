//! The PDF reader's tolerances, gathered in one place so that every
//! threshold the geometry rules rely on is named, documented and tunable
//! (in the spirit of pdfplumber's `TableSettings`; the text-layout reader
//! does the same in `read/text/layout/settings.rs`).
//!
//! Units: *points* are PDF user-space units (1/72 inch); *ems* are
//! multiples of the font size of the line concerned, so a rule holds at any
//! type size. Two table finders look for borderless tables with different
//! evidence (`stream`: columns set by tab stops, wide gaps; `aligned`:
//! cells set apart only by their padding, narrower gaps), so where their
//! thresholds differ each has its own field, named for its finder, and the
//! doc comment says why.

/// Tolerances of the PDF reader.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PdfSettings {
    // --- glyphs into words, lines and paragraphs (`text`) ---
    /// Horizontal gap, in ems, that separates two words with no space glyph.
    pub word_gap: f32,
    /// Vertical gap between lines, in ems, that separates paragraphs.
    pub para_gap: f32,
    /// Glyphs drawn twice at the same spot (fake bold) are one glyph within
    /// this distance, in points.
    pub duplicate_glyph: f32,
    /// A gap between words wider than this many ems is printed as a tab (a
    /// tab stop in the source: chart labels, signature blocks).
    pub tab_gap: f32,
    /// Most bold words of a run-in label ("What we will do:") that opens a
    /// paragraph set with no space above it.
    pub label_words: usize,
    /// Points by which a broken word's line may stop short of the wrap edge
    /// (the edge is estimated from the cell's rules and [`Self::cell_pad`]).
    pub broken_word_slack: f32,
    /// A footnote reference mark is a digit at most this share of the
    /// line's largest size (Word and LibreOffice set superscripts at about
    /// 58%)...
    pub mark_size: f32,
    /// ...whose bottom sits above the line's by more than this share of that
    /// size (superscripts are raised by about a third of an em).
    pub mark_rise: f32,

    // --- list markers drawn as shapes (`interp`) ---
    /// A filled round shape this many points across or more...
    pub mark_min: f32,
    /// ...and at most this many is a list item's bullet, when it stands
    /// left of a line's first glyph...
    pub mark_max: f32,
    /// ...at most this many ems away.
    pub mark_gap: f32,

    // --- ruling segments into grids (`interp`, `grid`) ---
    /// A stroke whose ends differ by at most this many points across its
    /// length is axis-aligned (a rule), not a diagonal.
    pub axis: f32,
    /// Positions within this many points are one grid line.
    pub snap: f32,
    /// Collinear pieces with gaps up to this many points are one segment.
    pub join: f32,
    /// An edge counts as present when segments cover it to within this many
    /// points at each end.
    pub cover: f32,

    // --- one page into blocks (`layout`) ---
    /// Margin bands (fraction of page height) where running headers and
    /// footers live.
    pub margin_band: f32,
    /// A body paragraph this much larger than the page's body size is a
    /// heading. Compare [`Self::table_heading_ratio`].
    pub heading_ratio: f32,
    /// Cell padding, in points, assumed when deciding whether a line wrapped
    /// at its cell's edge.
    pub cell_pad: f32,
    /// Gap, in ems, that may be a column gutter (two-column pages).
    pub gutter_gap: f32,
    /// A ruled header's first body line lies within this many ems under it
    /// (the header's own padding and a row's), else the text is not its
    /// body.
    pub header_body_gap: f32,
    /// A shaded box (a ruled grid of few rows) heads a borderless table when
    /// its left edge is within this many points of the table's...
    pub shading_left: f32,
    /// ...it covers at least this share of the table's width...
    pub shading_overlap: f32,
    /// ...and the gap from its foot to the table's top, in points, is in
    /// this range (a little overlap, up to about two lines of space).
    pub shading_gap: (f32, f32),
    /// Points by which a line may stick out of a shaded box and still be
    /// inside it (rounding of glyph boxes against filled rectangles).
    pub box_slack: f32,

    // --- borderless tables set by tab stops (`stream`) ---
    /// Gap between words, in ems, that separates columns set by tab stops.
    pub chunk_gap: f32,
    /// Fewest columns of a borderless table (both finders).
    pub min_cols: usize,
    /// Fewest multi-column lines of a tab-stop table: tab stops are strong
    /// evidence, so fewer rows suffice than for [`Self::aligned_min_rows`].
    pub stream_min_rows: usize,
    /// Vertical gap, in ems, that ends a tab-stop table's region: its lines
    /// are set at the body's leading, with no cell padding between rows.
    pub stream_region_gap: f32,

    // --- borderless tables of cells (`aligned`) ---
    /// Vertical gap, in ems, that ends an aligned table's window: larger than
    /// [`Self::stream_region_gap`], as a row boundary adds two cells'
    /// padding to the leading.
    pub aligned_region_gap: f32,
    /// Gap, in ems, that cuts a line into chunks when looking for columns:
    /// narrower than [`Self::chunk_gap`], as two cells' text is set only the
    /// cells' padding apart (about an em at body sizes), still well over a
    /// word space (a quarter em, a little more when justified).
    pub cell_chunk_gap: f32,
    /// Fewest lines with two or more chunks in an aligned region: the
    /// evidence (narrow gaps) is weaker than a tab stop's, so more rows are
    /// needed than [`Self::stream_min_rows`]...
    pub aligned_min_rows: usize,
    /// ...of which this many have [`Self::min_cols`]+ chunks (a page of a
    /// long cell may have text in only two columns on most lines).
    pub aligned_min_wide: usize,
    /// Narrowest shared gap, in ems, that separates two columns.
    pub min_column_gap: f32,
    /// Gap, in ems, wider than a space: where two cells' text may meet on a
    /// line without being cut into chunks.
    pub cell_gap: f32,
    /// A line this much larger than the table's own text ends the table (a
    /// heading). Smaller than [`Self::heading_ratio`]: it is measured
    /// against the table's text, which is one size, not against a page of
    /// mixed sizes.
    pub table_heading_ratio: f32,
    /// A chunk may reach this far (points) into a gap and still lie in its
    /// column.
    pub column_slack: f32,
    /// Ems by which the step from one line to the next in a column may
    /// exceed the table's line pitch and still be a wrap: the padding of a
    /// row boundary adds more.
    pub pitch_slack: f32,

    // --- tables across pages (`carry`, `join`) ---
    /// Ems of blank page between two borderless tables with the same columns
    /// up to which they are one table (rows a blank row, or a cell of one
    /// tall line, kept apart).
    pub stack_gap: f32,
    /// Ems of empty cell under a paragraph's last line beyond which the
    /// paragraph ended on its page (more than a line and the cell's padding:
    /// a paragraph the break cut fills its cell to the foot).
    pub ended_above: f32,
    /// Points within which a ruled table's foot row's bottom padding (rule
    /// to lowest text) matches its other rows' usual padding, marking a row
    /// that ended on its page: a row cut by the break leaves a gap of
    /// anything from nothing to a line's height or more.
    pub foot_pad_match: f32,

    // --- cell fills (`interp`, `fills`) ---
    /// A filled rectangle at most this many points across in one direction
    /// is a rule drawn as a box (many producers draw grid lines so), not
    /// shading.
    pub rule_fill_max: f32,
    /// Points of a cell's box sampled per side when reading its fill: 5 x 5
    /// points find the colour under most of the cell, whatever the padding.
    pub fill_samples: usize,
    /// Share of each side of a cell's box left out, at each edge, when
    /// sampling its fill: a neighbour's fill (or a rule) drawn a point over
    /// the shared edge must not count.
    pub fill_inset: f32,
    /// A colour is the cell's fill when it lies under more than this share
    /// of the sampled points: "the colour under most of the cell's area".
    pub fill_majority: f32,
}

impl PdfSettings {
    /// The settings docket reads every PDF with.
    pub const DEFAULT: PdfSettings = PdfSettings {
        word_gap: 0.2,
        para_gap: 0.5,
        duplicate_glyph: 0.6,
        tab_gap: 2.0,
        broken_word_slack: 1.5,
        label_words: 6,
        mark_size: 0.75,
        mark_rise: 0.2,
        mark_min: 1.5,
        mark_max: 8.0,
        mark_gap: 2.5,
        axis: 1.0,
        snap: 3.0,
        join: 3.0,
        cover: 2.5,
        margin_band: 0.12,
        heading_ratio: 1.15,
        cell_pad: 5.5,
        gutter_gap: 2.5,
        header_body_gap: 2.5,
        shading_left: 12.0,
        shading_overlap: 0.8,
        shading_gap: (-3.0, 30.0),
        box_slack: 1.0,
        chunk_gap: 1.2,
        min_cols: 3,
        stream_min_rows: 3,
        stream_region_gap: 1.6,
        aligned_region_gap: 1.8,
        cell_chunk_gap: 0.9,
        aligned_min_rows: 4,
        aligned_min_wide: 2,
        min_column_gap: 0.6,
        cell_gap: 0.45,
        table_heading_ratio: 1.1,
        column_slack: 1.0,
        pitch_slack: 0.1,
        stack_gap: 8.0,
        ended_above: 2.0,
        foot_pad_match: 0.75,
        rule_fill_max: 3.0,
        fill_samples: 5,
        fill_inset: 0.1,
        fill_majority: 0.5,
    };
}

impl Default for PdfSettings {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The settings the reader's modules use.
pub(super) const PDF: PdfSettings = PdfSettings::DEFAULT;

#[cfg(test)]
mod tests {
    use super::PdfSettings;

    /// The orderings the rules rely on: a word space is narrower than a
    /// cell gap, which is narrower than the gaps that cut chunks; a tab-stop
    /// table needs fewer rows than an aligned one.
    #[test]
    fn tolerances_keep_their_order() {
        let s = PdfSettings::default();
        assert!(s.word_gap < s.cell_gap && s.cell_gap < s.min_column_gap);
        assert!(s.min_column_gap < s.cell_chunk_gap && s.cell_chunk_gap < s.chunk_gap);
        assert!(s.chunk_gap < s.tab_gap);
        assert!(s.stream_min_rows < s.aligned_min_rows);
        assert!(s.stream_region_gap < s.aligned_region_gap);
        assert!(1.0 < s.table_heading_ratio && s.table_heading_ratio < s.heading_ratio);
        assert!(s.shading_gap.0 < 0.0 && s.shading_gap.1 > 0.0);
    }
}
