//! Content-stream interpreter: one page's operators into positioned glyphs
//! and ruling segments.
//!
//! Why our own interpreter over lopdf's `Content::decode_iter` rather than
//! pdf-extract's `OutputDev`: tables are found from rules, and pdf-extract
//! passes on only S/f/F paints without line width (so `B`, `b`, `f*` borders
//! and thin filled rectangles, which is how many producers draw grid lines,
//! are lost), and it has known panics on malformed fonts. Here every paint
//! operator is seen, and nothing can panic: operands are read through
//! checked accessors and a bad operator is skipped.
//!
//! Output coordinates are in points with the origin at the top-left of the
//! page as displayed (crop box, `/Rotate` applied), y growing downwards.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::PdfError;
use super::font::{CodeText, Font};
use super::geom::{Fill, Glyph, Seg};
use super::settings::PDF;
use crate::model::Rgb;
use crate::read::Limits;

/// An affine matrix `[a b c d e f]` as in the PDF spec (row vector times matrix).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix([f32; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `other`: the PDF `self × other`.
    pub fn then(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    /// Length of the image of the unit y vector: the vertical scale.
    fn y_scale(&self) -> f32 {
        let [_, _, c, d, _, _] = self.0;
        (c * c + d * d).sqrt()
    }

    /// Mean scale, for line widths.
    fn scale(&self) -> f32 {
        let [a, b, c, d, _, _] = self.0;
        (a * d - b * c).abs().sqrt()
    }
}

/// One page as the layout layer sees it.
#[derive(Debug, Default)]
pub struct PageContent {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub segs: Vec<Seg>,
    /// Filled rectangles in a known colour, in paint order (cell shading).
    pub fills: Vec<Fill>,
    /// Images painted (for telling a scanned page from a blank one).
    pub images: u32,
    /// Glyphs shown whose code maps to no text (no ToUnicode entry and no
    /// usable encoding): text silently lost, reported as a warning.
    pub unmapped: u32,
}

/// Fonts of a whole document, cached by object id so each is resolved once.
#[derive(Default)]
pub struct FontCache {
    pub fonts: Vec<Font>,
    /// Keyed by the address of the resource object inside the loaded
    /// document (stable while it lives), which also covers inline fonts.
    by_obj: HashMap<usize, u16>,
}

impl FontCache {
    pub fn bold(&self, idx: u16) -> bool {
        self.fonts.get(idx as usize).is_some_and(|f| f.bold)
    }

    /// The font's name, shared (None for an unknown font or an empty name).
    pub fn shared_name(&self, idx: u16) -> Option<std::sync::Arc<str>> {
        self.fonts
            .get(idx as usize)
            .map(|f| f.name.clone())
            .filter(|n| !n.is_empty())
    }

    fn get_or_load(&mut self, obj: &Object, doc: &Document, max_stream: usize) -> u16 {
        let key = match doc.dereference(obj) {
            Ok((_, o)) => o as *const Object as usize,
            Err(_) => 0,
        };
        if let Some(i) = self.by_obj.get(&key) {
            return *i;
        }
        let font = match doc
            .dereference(obj)
            .ok()
            .and_then(|(_, o)| o.as_dict().ok())
        {
            Some(d) => Font::load(d, doc, max_stream),
            None => Font::fallback(),
        };
        if self.fonts.len() >= u16::MAX as usize {
            return 0;
        }
        self.fonts.push(font);
        let idx = (self.fonts.len() - 1) as u16;
        self.by_obj.insert(key, idx);
        idx
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    line_width: f32,
    stroke_white: bool,
    fill_white: bool,
    /// The fill colour, where the colour space is one whose components
    /// say it (device gray, RGB, CMYK and their ICC forms); `None` for a
    /// pattern, a separation or an indexed colour.
    fill: Option<Rgb>,
    /// The fill colour space reads as gray, RGB or CMYK by its number of
    /// components.
    fill_direct: bool,
    font: Option<u16>,
    size: f32,
    tc: f32,
    tw: f32,
    th: f32,
    tl: f32,
    rise: f32,
}

/// Interpreter state shared across a page and its forms.
pub struct Interp<'a> {
    doc: &'a Document,
    limits: &'a Limits,
    pub fonts: &'a mut FontCache,
    /// Operators left in the document's work budget.
    pub budget: &'a mut u64,
    base: Matrix,
    out: PageContent,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<PathSeg>,
    cur: (f32, f32),
    start: (f32, f32),
    /// Forms being drawn, to stop a form that draws itself.
    forms: Vec<ObjectId>,
    /// Advance direction of each glyph (0 right, 1 down, 2 left, 3 up),
    /// parallel to `out.glyphs`.
    dirs: Vec<u8>,
    /// Small filled round shapes (x0, top, x1, bottom): list markers drawn
    /// as paths, kept until the page's text is known ([`list_marks`]).
    marks: Vec<(f32, f32, f32, f32)>,
}

/// Most shapes per page kept as possible list markers (a chart of dots
/// must not cost a pass over the page's text each).
const MAX_MARKS: usize = 500;

/// The box of a filled subpath drawn with curves that is small and about
/// as wide as high (a disc: how browsers draw a list's bullet), else `None`.
fn mark_box(sub: &[PathSeg]) -> Option<(f32, f32, f32, f32)> {
    let mut b = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    let mut curves = false;
    for p in sub {
        let (x0, y0, x1, y1) = match *p {
            PathSeg::Curve(x0, y0, x1, y1) => {
                curves = true;
                (x0, y0, x1, y1)
            }
            PathSeg::Line(a, c, d, e) => (a.min(d), c.min(e), a.max(d), c.max(e)),
            PathSeg::Rect(..) => return None,
            PathSeg::Move => continue,
        };
        b = (b.0.min(x0), b.1.min(y0), b.2.max(x1), b.3.max(y1));
    }
    let (w, h) = (b.2 - b.0, b.3 - b.1);
    (curves
        && (PDF.mark_min..=PDF.mark_max).contains(&w)
        && (PDF.mark_min..=PDF.mark_max).contains(&h)
        && w <= 1.5 * h
        && h <= 1.5 * w)
        .then_some(b)
}

/// Marks that stand where a list item's bullet stands: just left of the
/// first glyph of a line of text (no glyph over it or between), their
/// centre within that glyph's height and no taller than it. Each becomes a
/// "•" glyph with the box of the text it opens, so the text layer reads
/// the line as a list item, as it reads a bullet set as a character.
fn list_marks(marks: &[(f32, f32, f32, f32)], glyphs: &[Glyph]) -> Vec<Glyph> {
    let mut out = Vec::new();
    for &(x0, top, x1, bottom) in marks {
        let cy = (top + bottom) / 2.0;
        let on_line =
            |g: &&Glyph| !g.c.is_whitespace() && g.upright && g.top <= cy && g.bottom >= cy;
        let next = glyphs
            .iter()
            .filter(on_line)
            .filter(|g| g.x0 >= x1 - 0.5)
            .min_by(|a, b| a.x0.total_cmp(&b.x0));
        let Some(next) = next else { continue };
        let size = next.size.max(1.0);
        let covered = glyphs
            .iter()
            .filter(on_line)
            .any(|g| g.x1 > x0 && g.x0 < x1 - 0.5);
        let tall = bottom - top > 0.8 * (next.bottom - next.top).max(size * 0.5);
        if covered || tall || next.x0 - x1 > PDF.mark_gap * size {
            continue;
        }
        out.push(Glyph {
            c: '•',
            x0,
            x1,
            top: next.top,
            bottom: next.bottom,
            size: next.size,
            font: next.font,
            rise: 0.0,
            upright: true,
        });
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum PathSeg {
    Line(f32, f32, f32, f32),
    /// A rectangle from `re`, already in device space as its four corners'
    /// bounding box (axis-aligned only; skewed rectangles become lines).
    Rect(f32, f32, f32, f32),
    /// The start of a subpath (`m`), so fills can tell shapes apart.
    Move,
    /// A curve piece: the subpath is not a polygon of rules. Carries the
    /// box of its start, control and end points (x0, y0, x1, y1), which
    /// holds the curve.
    Curve(f32, f32, f32, f32),
}

fn white(ops: &[Object]) -> bool {
    let vals: Vec<f32> = ops.iter().filter_map(|o| o.as_float().ok()).collect();
    match vals.as_slice() {
        [g] => *g > 0.95,
        [r, g, b] => *r > 0.95 && *g > 0.95 && *b > 0.95,
        [c, m, y, k] => *c < 0.05 && *m < 0.05 && *y < 0.05 && *k < 0.05,
        _ => false,
    }
}

/// A fill colour from its operands: one component gray, three RGB, four
/// CMYK (converted as a screen shows it); other counts (a pattern name)
/// give `None`.
fn colour(ops: &[Object]) -> Option<Rgb> {
    let v: Vec<f32> = ops
        .iter()
        .filter_map(|o| o.as_float().ok())
        .map(|x| {
            if x.is_finite() {
                x.clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
        .collect();
    let byte = |x: f32| (x * 255.0).round() as u8;
    match v.as_slice() {
        [g] => Some(Rgb::new(byte(*g), byte(*g), byte(*g))),
        [r, g, b] => Some(Rgb::new(byte(*r), byte(*g), byte(*b))),
        [c, m, y, k] => {
            let ch = |x: f32| byte((1.0 - x) * (1.0 - k));
            Some(Rgb::new(ch(*c), ch(*m), ch(*y)))
        }
        _ => None,
    }
}

/// Is the colour space named by `cs` one whose components are gray, RGB
/// or CMYK (device spaces, their calibrated and ICC forms)?
fn direct_space(name: &[u8], res: Option<&Dictionary>, doc: &Document) -> bool {
    const DIRECT: [&[u8]; 6] = [
        b"DeviceGray",
        b"DeviceRGB",
        b"DeviceCMYK",
        b"CalGray",
        b"CalRGB",
        b"ICCBased",
    ];
    if DIRECT.contains(&name) {
        return true;
    }
    let Some(obj) = resource(res, doc, b"ColorSpace", name) else {
        return false;
    };
    let family = match doc.dereference(obj).map(|(_, o)| o) {
        Ok(Object::Name(n)) => Some(n.as_slice()),
        Ok(Object::Array(a)) => a.first().and_then(|o| o.as_name().ok()),
        _ => None,
    };
    family.is_some_and(|f| DIRECT.contains(&f))
}

fn f(ops: &[Object], i: usize) -> f32 {
    ops.get(i)
        .and_then(|o| o.as_float().ok())
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

/// A page box corner further out than this is damage, and the page is read
/// as US Letter: PDF caps a page's sides at 14,400 units (ISO 32000-1,
/// annex C), and a box of 10^9 points made every sweep across the page
/// endless or huge.
const MAX_PAGE_COORD: f32 = 14_400.0 * 4.0;

/// The page box as displayed: crop box (else media box), and the matrix from
/// user space to top-left, y-down, rotated display space.
pub fn page_frame(page: &Dictionary, doc: &Document) -> (f32, f32, Matrix) {
    let boxa = inherited(page, doc, b"CropBox")
        .or_else(|| inherited(page, doc, b"MediaBox"))
        .and_then(|o| o.as_array().ok().cloned())
        .unwrap_or_default();
    let n = |i: usize| super::font::num(boxa.get(i), doc);
    let sane = |v: f32| v.is_finite() && v.abs() <= MAX_PAGE_COORD;
    let (x0, y0, x1, y1) = match (n(0), n(1), n(2), n(3)) {
        (Some(a), Some(b), Some(c), Some(d)) if [a, b, c, d].into_iter().all(sane) => {
            (a.min(c), b.min(d), a.max(c), b.max(d))
        }
        _ => (0.0, 0.0, 612.0, 792.0),
    };
    let (w, h) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
    let flip = Matrix([1.0, 0.0, 0.0, -1.0, -x0, y1]);
    let rot = inherited(page, doc, b"Rotate")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    match rot {
        90 => (h, w, flip.then(&Matrix([0.0, 1.0, -1.0, 0.0, h, 0.0]))),
        180 => (w, h, flip.then(&Matrix([-1.0, 0.0, 0.0, -1.0, w, h]))),
        270 => (h, w, flip.then(&Matrix([0.0, -1.0, 1.0, 0.0, 0.0, w]))),
        _ => (w, h, flip),
    }
}

/// A page attribute, looked up the page tree (bounded, cycle-safe).
fn inherited<'a>(page: &'a Dictionary, doc: &'a Document, key: &[u8]) -> Option<&'a Object> {
    let mut d = page;
    for _ in 0..32 {
        if let Ok(o) = d.get(key) {
            return doc.dereference(o).ok().map(|x| x.1);
        }
        d = d.get_deref(b"Parent", doc).ok()?.as_dict().ok()?;
    }
    None
}

/// A page's resources dictionary (inherited through the page tree).
pub fn page_resources<'a>(page: &'a Dictionary, doc: &'a Document) -> Option<&'a Dictionary> {
    inherited(page, doc, b"Resources").and_then(|o| o.as_dict().ok())
}

impl<'a> Interp<'a> {
    pub fn new(
        doc: &'a Document,
        limits: &'a Limits,
        fonts: &'a mut FontCache,
        budget: &'a mut u64,
        width: f32,
        height: f32,
        base: Matrix,
    ) -> Self {
        Interp {
            doc,
            limits,
            fonts,
            budget,
            base,
            out: PageContent {
                width,
                height,
                ..Default::default()
            },
            gs: GState {
                ctm: Matrix::IDENTITY,
                line_width: 1.0,
                stroke_white: false,
                fill_white: false,
                fill: Some(Rgb::new(0, 0, 0)),
                fill_direct: true,
                font: None,
                size: 0.0,
                tc: 0.0,
                tw: 0.0,
                th: 1.0,
                tl: 0.0,
                rise: 0.0,
            },
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: Vec::new(),
            cur: (0.0, 0.0),
            start: (0.0, 0.0),
            forms: Vec::new(),
            dirs: Vec::new(),
            marks: Vec::new(),
        }
    }

    /// The page, turned so that most of its text reads left to right (a
    /// table printed sideways comes out upright, as a reader would turn
    /// the paper).
    pub fn finish(mut self) -> PageContent {
        let mut counts = [0usize; 4];
        for (g, d) in self.out.glyphs.iter().zip(&self.dirs) {
            if !g.c.is_whitespace() {
                counts[*d as usize & 3] += 1;
            }
        }
        let dir = (0..4).max_by_key(|d| (counts[*d], *d == 0)).unwrap_or(0);
        if dir != 0 && counts[dir] > counts[0] {
            turn(&mut self.out, dir as u8);
        } else {
            let marks = list_marks(&self.marks, &self.out.glyphs);
            self.out.glyphs.extend(marks);
        }
        // Text placed outside the page box is not printed: drop it.
        let (w, h) = (self.out.width, self.out.height);
        self.out
            .glyphs
            .retain(|g| g.cx() >= -1.0 && g.cx() <= w + 1.0 && g.cy() >= -1.0 && g.cy() <= h + 1.0);
        self.out
    }

    /// Interpret one content stream with the given resources.
    pub fn run(&mut self, content: &[u8], resources: Option<&Dictionary>) -> Result<(), PdfError> {
        for op in Content::decode_iter(content) {
            // A syntax error ends this stream; what was drawn before it stays.
            let Ok(op) = op else { break };
            if *self.budget == 0 {
                return Err(PdfError::Limit("content-stream operator budget".into()));
            }
            *self.budget -= 1;
            // The operator budget caps the count; the work meter also
            // watches the clock and the batch's cancel flag.
            crate::work::step(1);
            self.op(&op.operator, &op.operands, resources)?;
        }
        Ok(())
    }

    fn op(&mut self, name: &str, ops: &[Object], res: Option<&Dictionary>) -> Result<(), PdfError> {
        match name {
            "q" if self.stack.len() < 1024 => self.stack.push(self.gs.clone()),
            "Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            "cm" => {
                let m = Matrix([
                    f(ops, 0),
                    f(ops, 1),
                    f(ops, 2),
                    f(ops, 3),
                    f(ops, 4),
                    f(ops, 5),
                ]);
                self.gs.ctm = m.then(&self.gs.ctm);
            }
            "w" => self.gs.line_width = f(ops, 0),
            "g" | "rg" | "k" | "sc" | "scn" => {
                self.gs.fill_white = white(ops);
                if matches!(name, "g" | "rg" | "k") {
                    self.gs.fill_direct = true;
                }
                self.gs.fill = if self.gs.fill_direct {
                    colour(ops)
                } else {
                    None
                };
            }
            "G" | "RG" | "K" | "SC" | "SCN" => self.gs.stroke_white = white(ops),
            "cs" => {
                self.gs.fill_white = false;
                self.gs.fill_direct = ops
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .is_some_and(|n| direct_space(n, res, self.doc));
                // Every such space starts at black (all components 0).
                self.gs.fill = self.gs.fill_direct.then_some(Rgb::new(0, 0, 0));
            }
            "CS" => self.gs.stroke_white = false,
            // Paths.
            "m" => {
                let p = self.dev(f(ops, 0), f(ops, 1));
                self.cur = p;
                self.start = p;
                self.path.push(PathSeg::Move);
            }
            "l" => {
                let p = self.dev(f(ops, 0), f(ops, 1));
                self.path
                    .push(PathSeg::Line(self.cur.0, self.cur.1, p.0, p.1));
                self.cur = p;
            }
            // A curve with no point (too few operands) draws nothing: the
            // fuzzer found its last point read at index -2.
            "c" | "v" | "y" if ops.len() < 2 => {}
            "c" | "v" | "y" => {
                let n = ops.len() / 2;
                let mut pts: Vec<(f32, f32)> = (0..n)
                    .map(|i| self.dev(f(ops, 2 * i), f(ops, 2 * i + 1)))
                    .collect();
                pts.push(self.cur);
                let xs = pts.iter().map(|p| p.0);
                let ys = pts.iter().map(|p| p.1);
                let bbox = PathSeg::Curve(
                    xs.clone().fold(f32::MAX, f32::min),
                    ys.clone().fold(f32::MAX, f32::min),
                    xs.fold(f32::MIN, f32::max),
                    ys.fold(f32::MIN, f32::max),
                );
                self.cur = self.dev(f(ops, 2 * n - 2), f(ops, 2 * n - 1));
                self.path.push(bbox);
            }
            "h" => {
                if self.cur != self.start {
                    self.path.push(PathSeg::Line(
                        self.cur.0,
                        self.cur.1,
                        self.start.0,
                        self.start.1,
                    ));
                }
                self.cur = self.start;
            }
            "re" => {
                let (x, y, w, h) = (f(ops, 0), f(ops, 1), f(ops, 2), f(ops, 3));
                let p = [
                    self.dev(x, y),
                    self.dev(x + w, y),
                    self.dev(x + w, y + h),
                    self.dev(x, y + h),
                ];
                let axis = (p[0].0 - p[3].0).abs() < 0.01 || (p[0].1 - p[3].1).abs() < 0.01;
                if axis {
                    let xs = p.iter().map(|q| q.0);
                    let ys = p.iter().map(|q| q.1);
                    let (x0, x1) = (
                        xs.clone().fold(f32::MAX, f32::min),
                        xs.fold(f32::MIN, f32::max),
                    );
                    let (y0, y1) = (
                        ys.clone().fold(f32::MAX, f32::min),
                        ys.fold(f32::MIN, f32::max),
                    );
                    self.path.push(PathSeg::Rect(x0, y0, x1, y1));
                } else {
                    for i in 0..4 {
                        let (a, b) = (p[i], p[(i + 1) % 4]);
                        self.path.push(PathSeg::Line(a.0, a.1, b.0, b.1));
                    }
                }
                self.cur = p[0];
                self.start = p[0];
            }
            "S" | "s" => self.paint(true, false, name == "s"),
            "f" | "F" | "f*" => self.paint(false, true, true),
            "B" | "B*" | "b" | "b*" => self.paint(true, true, true),
            "n" => self.path.clear(),
            // Text.
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                self.gs.size = f(ops, 1);
                let font = ops
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|n| resource(res, self.doc, b"Font", n));
                let max = self.limits.max_stream_bytes as usize;
                self.gs.font = Some(match font {
                    Some(o) => self.fonts.get_or_load(o, self.doc, max),
                    None => self.fonts.get_or_load(&Object::Null, self.doc, max),
                });
            }
            "Tc" => self.gs.tc = f(ops, 0),
            "Tw" => self.gs.tw = f(ops, 0),
            "Tz" => self.gs.th = f(ops, 0) / 100.0,
            "TL" => self.gs.tl = f(ops, 0),
            "Ts" => self.gs.rise = f(ops, 0),
            "Td" => self.next_line(f(ops, 0), f(ops, 1)),
            "TD" => {
                self.gs.tl = -f(ops, 1);
                self.next_line(f(ops, 0), f(ops, 1));
            }
            "Tm" => {
                self.tm = Matrix([
                    f(ops, 0),
                    f(ops, 1),
                    f(ops, 2),
                    f(ops, 3),
                    f(ops, 4),
                    f(ops, 5),
                ]);
                self.tlm = self.tm;
            }
            "T*" => self.next_line(0.0, -self.gs.tl),
            "Tj" => {
                if let Some(Ok(s)) = ops.first().map(Object::as_str) {
                    self.show(s);
                }
            }
            "'" => {
                self.next_line(0.0, -self.gs.tl);
                if let Some(Ok(s)) = ops.first().map(Object::as_str) {
                    self.show(s);
                }
            }
            "\"" => {
                self.gs.tw = f(ops, 0);
                self.gs.tc = f(ops, 1);
                self.next_line(0.0, -self.gs.tl);
                if let Some(Ok(s)) = ops.get(2).map(Object::as_str) {
                    self.show(s);
                }
            }
            "TJ" => {
                if let Some(Ok(arr)) = ops.first().map(Object::as_array) {
                    for item in arr {
                        match item {
                            Object::String(s, _) => self.show(s),
                            Object::Integer(_) | Object::Real(_) => {
                                let adj = item.as_float().unwrap_or(0.0);
                                let tx = -adj / 1000.0 * self.gs.size * self.gs.th;
                                self.tm = Matrix::translate(tx, 0.0).then(&self.tm);
                            }
                            _ => {}
                        }
                    }
                }
            }
            "Do" => {
                let Some(n) = ops.first().and_then(|o| o.as_name().ok()) else {
                    return Ok(());
                };
                self.xobject(n, res)?;
            }
            "BI" => self.out.images += 1,
            _ => {}
        }
        Ok(())
    }

    fn dev(&self, x: f32, y: f32) -> (f32, f32) {
        self.gs.ctm.then(&self.base).apply(x, y)
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = Matrix::translate(tx, ty).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn xobject(&mut self, name: &[u8], res: Option<&Dictionary>) -> Result<(), PdfError> {
        let Some(obj) = resource(res, self.doc, b"XObject", name) else {
            return Ok(());
        };
        let id = match obj {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        let Ok((_, Object::Stream(stream))) = self.doc.dereference(obj) else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.out.images += 1,
            Ok(b"Form") => {
                if self.forms.len() >= self.limits.max_pdf_depth {
                    return Err(PdfError::Limit(format!(
                        "Form XObjects nested over {} deep",
                        self.limits.max_pdf_depth
                    )));
                }
                if id.is_some_and(|i| self.forms.contains(&i)) {
                    return Ok(());
                }
                let data = match stream
                    .decompressed_content_with_limit(self.limits.max_stream_bytes as usize)
                {
                    Ok(d) => d,
                    Err(lopdf::Error::Decompress(
                        lopdf::DecompressError::MemoryLimitExceeded { .. },
                    )) => {
                        return Err(PdfError::Limit(
                            "a stream decodes past the stream-size limit".into(),
                        ));
                    }
                    Err(_) => stream.content.clone(),
                };
                let form_res = stream
                    .dict
                    .get_deref(b"Resources", self.doc)
                    .and_then(Object::as_dict)
                    .ok()
                    .or(res);
                let saved = (self.gs.clone(), self.stack.len(), self.tm, self.tlm);
                if let Ok(m) = stream.dict.get(b"Matrix").and_then(Object::as_array) {
                    let v: Vec<f32> = (0..6).map(|i| f(m, i)).collect();
                    if let [a, b, c, d, e, g] = v[..] {
                        self.gs.ctm = Matrix([a, b, c, d, e, g]).then(&self.gs.ctm);
                    }
                }
                self.forms.push(id.unwrap_or((0, 0)));
                let r = self.run(&data, form_res);
                self.forms.pop();
                self.gs = saved.0;
                self.stack.truncate(saved.1);
                self.tm = saved.2;
                self.tlm = saved.3;
                r?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Paint the current path: stroked lines become segments with their
    /// width; filled thin rectangles become segments (many producers draw
    /// rules that way); other filled rectangles give their four edges unless
    /// white (a white fill is a page or cell background, not a rule).
    fn paint(&mut self, stroke: bool, fill: bool, _close: bool) {
        let path = std::mem::take(&mut self.path);
        let lw = (self.gs.line_width * self.gs.ctm.scale()).max(0.1);
        // A white stroke still rules a table (light lines over coloured
        // cell fills); only white fills are backgrounds.
        let fill_visible = fill && !self.gs.fill_white;
        // A filled subpath of axis-aligned lines is a rectangle drawn
        // without `re` (m l l l h f): treat it as one.
        let mut segs: Vec<PathSeg> = Vec::with_capacity(path.len());
        let mut start = 0;
        for k in 0..=path.len() {
            if k < path.len() && !(k > start && matches!(path[k], PathSeg::Move)) {
                continue;
            }
            let sub = &path[start..k];
            start = k;
            let lines: Vec<(f32, f32, f32, f32)> = sub
                .iter()
                .filter_map(|p| match p {
                    PathSeg::Line(a, b, c, d) => Some((*a, *b, *c, *d)),
                    _ => None,
                })
                .collect();
            let polygon = fill
                && lines.len() >= 3
                && sub
                    .iter()
                    .all(|p| matches!(p, PathSeg::Line(..) | PathSeg::Move))
                && lines
                    .iter()
                    .all(|l| (l.0 - l.2).abs() < 0.01 || (l.1 - l.3).abs() < 0.01);
            if fill_visible
                && self.marks.len() < MAX_MARKS
                && let Some(b) = mark_box(sub)
            {
                self.marks.push(b);
            }
            if polygon {
                let xs = lines.iter().flat_map(|l| [l.0, l.2]);
                let ys = lines.iter().flat_map(|l| [l.1, l.3]);
                let (x0, x1) = (
                    xs.clone().fold(f32::MAX, f32::min),
                    xs.fold(f32::MIN, f32::max),
                );
                let (y0, y1) = (
                    ys.clone().fold(f32::MAX, f32::min),
                    ys.fold(f32::MIN, f32::max),
                );
                segs.push(PathSeg::Rect(x0, y0, x1, y1));
            } else {
                segs.extend_from_slice(sub);
            }
        }
        for seg in segs {
            match seg {
                PathSeg::Line(x0, y0, x1, y1) => {
                    if stroke {
                        push_line(&mut self.out.segs, x0, y0, x1, y1, lw);
                    }
                }
                PathSeg::Rect(x0, y0, x1, y1) => {
                    let (w, h) = (x1 - x0, y1 - y0);
                    if let Some(rgb) = self.gs.fill.filter(|_| fill)
                        && w > PDF.rule_fill_max
                        && h > PDF.rule_fill_max
                    {
                        self.out.fills.push(Fill {
                            x0,
                            top: y0,
                            x1,
                            bottom: y1,
                            rgb,
                        });
                    }
                    if fill_visible && h <= PDF.rule_fill_max && w > h {
                        push_line(
                            &mut self.out.segs,
                            x0,
                            (y0 + y1) / 2.0,
                            x1,
                            (y0 + y1) / 2.0,
                            h,
                        );
                    } else if fill_visible && w <= PDF.rule_fill_max && h > w {
                        push_line(
                            &mut self.out.segs,
                            (x0 + x1) / 2.0,
                            y0,
                            (x0 + x1) / 2.0,
                            y1,
                            w,
                        );
                    } else if stroke || fill_visible {
                        let t = if stroke { lw } else { 0.0 };
                        push_line(&mut self.out.segs, x0, y0, x1, y0, t);
                        push_line(&mut self.out.segs, x0, y1, x1, y1, t);
                        push_line(&mut self.out.segs, x0, y0, x0, y1, t);
                        push_line(&mut self.out.segs, x1, y0, x1, y1, t);
                    }
                }
                PathSeg::Move | PathSeg::Curve(..) => {}
            }
        }
    }

    /// Show a string: one glyph per code, advancing the text matrix.
    fn show(&mut self, bytes: &[u8]) {
        let Some(fi) = self.gs.font else { return };
        let Some(font) = self.fonts.fonts.get_mut(fi as usize) else {
            return;
        };
        let gs = &self.gs;
        let size = gs.size;
        let two = font.two_byte;
        let step = if two { 2 } else { 1 };
        let (asc, desc) = (font.ascent, font.descent);
        let mut i = 0;
        while i + step <= bytes.len() {
            let code = if two {
                u32::from(bytes[i]) << 8 | u32::from(bytes[i + 1])
            } else {
                u32::from(bytes[i])
            };
            i += step;
            let w0 = font.width(code);
            let text = font.text(code);
            let trm = Matrix([size * gs.th, 0.0, 0.0, size, 0.0, gs.rise])
                .then(&self.tm)
                .then(&gs.ctm)
                .then(&self.base);
            let corners = [
                trm.apply(0.0, desc),
                trm.apply(w0, desc),
                trm.apply(0.0, asc),
                trm.apply(w0, asc),
            ];
            let x0 = corners.iter().map(|p| p.0).fold(f32::MAX, f32::min);
            let x1 = corners.iter().map(|p| p.0).fold(f32::MIN, f32::max);
            let top = corners.iter().map(|p| p.1).fold(f32::MAX, f32::min);
            let bottom = corners.iter().map(|p| p.1).fold(f32::MIN, f32::max);
            let eff = size * self.tm.then(&gs.ctm).y_scale();
            let [ta, tb, ..] = trm.0;
            let upright = ta.abs() >= tb.abs() && ta > 0.0;
            let dir = if ta.abs() >= tb.abs() {
                if ta >= 0.0 { 0u8 } else { 2 }
            } else if tb > 0.0 {
                1
            } else {
                3
            };
            let dirs = &mut self.dirs;
            let mut push = |c: char, x0: f32, x1: f32| {
                if c.is_control() {
                    return;
                }
                self.out.glyphs.push(Glyph {
                    c,
                    x0,
                    x1,
                    top,
                    bottom,
                    size: eff,
                    font: fi,
                    rise: gs.rise,
                    upright,
                });
                dirs.push(dir);
            };
            match &text {
                CodeText::None => self.out.unmapped += 1,
                CodeText::One(c) => push(*c, x0, x1),
                CodeText::Many(cs) => {
                    let n = cs.len().max(1) as f32;
                    let w = (x1 - x0) / n;
                    for (k, c) in cs.iter().enumerate() {
                        push(*c, x0 + w * k as f32, x0 + w * (k as f32 + 1.0));
                    }
                }
            }
            let space = !two && code == 32;
            let tx = (w0 * size + gs.tc + if space { gs.tw } else { 0.0 }) * gs.th;
            self.tm = Matrix::translate(tx, 0.0).then(&self.tm);
        }
    }
}

/// Rotate a page's geometry by quarter turns so that text advancing in
/// direction `dir` (1 down, 2 left, 3 up) advances to the right.
fn turn(p: &mut PageContent, dir: u8) {
    let (w, h) = (p.width, p.height);
    let map = |x: f32, y: f32| -> (f32, f32) {
        match dir {
            1 => (y, w - x),
            2 => (w - x, h - y),
            _ => (h - y, x),
        }
    };
    for g in &mut p.glyphs {
        let (ax, ay) = map(g.x0, g.top);
        let (bx, by) = map(g.x1, g.bottom);
        g.x0 = ax.min(bx);
        g.x1 = ax.max(bx);
        g.top = ay.min(by);
        g.bottom = ay.max(by);
        g.upright = true;
    }
    for f in &mut p.fills {
        let (ax, ay) = map(f.x0, f.top);
        let (bx, by) = map(f.x1, f.bottom);
        f.x0 = ax.min(bx);
        f.x1 = ax.max(bx);
        f.top = ay.min(by);
        f.bottom = ay.max(by);
    }
    for s in &mut p.segs {
        let (a, b) = if s.horizontal {
            (map(s.a, s.pos), map(s.b, s.pos))
        } else {
            (map(s.pos, s.a), map(s.pos, s.b))
        };
        if (a.1 - b.1).abs() <= (a.0 - b.0).abs() {
            *s = Seg {
                horizontal: true,
                pos: a.1,
                a: a.0.min(b.0),
                b: a.0.max(b.0),
                width: s.width,
            };
        } else {
            *s = Seg {
                horizontal: false,
                pos: a.0,
                a: a.1.min(b.1),
                b: a.1.max(b.1),
                width: s.width,
            };
        }
    }
    if dir != 2 {
        p.width = h;
        p.height = w;
    }
}

fn push_line(segs: &mut Vec<Seg>, x0: f32, y0: f32, x1: f32, y1: f32, width: f32) {
    if (y0 - y1).abs() <= PDF.axis && (x0 - x1).abs() > PDF.axis {
        segs.push(Seg {
            horizontal: true,
            pos: (y0 + y1) / 2.0,
            a: x0.min(x1),
            b: x0.max(x1),
            width,
        });
    } else if (x0 - x1).abs() <= PDF.axis && (y0 - y1).abs() > PDF.axis {
        segs.push(Seg {
            horizontal: false,
            pos: (x0 + x1) / 2.0,
            a: y0.min(y1),
            b: y0.max(y1),
            width,
        });
    }
}

/// A named resource of a category (`/Font`, `/XObject`).
fn resource<'a>(
    res: Option<&'a Dictionary>,
    doc: &'a Document,
    cat: &[u8],
    name: &[u8],
) -> Option<&'a Object> {
    let dict = res?.get_deref(cat, doc).ok()?.as_dict().ok()?;
    dict.get(name).ok()
}
