//! Tolerances of the PDF reader added for fills, bold openings and titles,
//! each a named setting with the reason for its value.

/// A filled rectangle at most this many points across in one direction is a
/// rule drawn as a box (many producers draw grid lines so), not shading.
pub const RULE_FILL_MAX: f32 = 3.0;

/// Points of a cell's box sampled per side when reading its fill: 5 x 5
/// points find the colour under most of the cell, whatever the padding,
/// and cost nothing next to the text work.
pub const FILL_SAMPLES: usize = 5;

/// Share of each side of a cell's box left out, at each edge, when
/// sampling its fill: the fill of a neighbour cell (or a rule) drawn a
/// point over the shared edge must not count.
pub const FILL_INSET: f32 = 0.1;

/// A colour is the cell's fill when it lies under more than this share of
/// the sampled points: "the colour under most of the cell's area".
pub const FILL_MAJORITY: f32 = 0.5;
