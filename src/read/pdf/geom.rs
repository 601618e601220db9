//! Positioned primitives the interpreter produces and the layout layer reads.
//!
//! Coordinates are points, origin top-left of the displayed page, y down.

/// One glyph of text with its box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub c: char,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    /// Effective font size in points (text matrix and CTM applied).
    pub size: f32,
    /// Index into the document's font cache (name, bold).
    pub font: u16,
    /// Text rise (`Ts`) in unscaled text-space units.
    pub rise: f32,
    /// Advancing left to right (not rotated or mirrored).
    pub upright: bool,
}

impl Glyph {
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
}

/// An axis-aligned ruling segment: a stroked line, or the edge of a painted
/// rectangle, or a thin filled rectangle taken as a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seg {
    pub horizontal: bool,
    /// y of a horizontal segment, x of a vertical one.
    pub pos: f32,
    /// Extent along the segment: `a <= b`.
    pub a: f32,
    pub b: f32,
    /// Line width (0 for the edge of a filled shape).
    pub width: f32,
}

/// A filled axis-aligned rectangle in a known colour: a cell's shading,
/// a page background, or a white box painted over either. Kept in paint
/// order, since a later fill covers an earlier one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
    pub rgb: crate::model::Rgb,
}

impl Fill {
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.top && y <= self.bottom
    }
}
