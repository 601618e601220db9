//! Text tables drawn with ASCII rules, as pandoc and similar converters write
//! a Word document turned into plain text or Markdown:
//! - *grid tables* (`pandoc -t plain`, `-t markdown`): `+---+---+` rules,
//!   `|` cell walls, `+===+` under the header rows, each cell's text wrapped
//!   over several lines inside its column;
//! - *multiline* and *simple tables* (`-t plain`, `-t markdown` when no
//!   cell is merged): columns given by the runs of a `---- ----` line,
//!   rows apart by blank lines (multiline) or one a line (simple);
//! - *pipe tables* (`-t gfm`): `| a | b |` rows, one line each, a `|---|`
//!   line under the header row, `<br>` between a cell's paragraphs;
//! - *HTML tables* (`-t gfm` when a table has merged cells): `<table>` with
//!   `rowspan`/`colspan`.
//!
//! Why a reader of its own: the rules give exact cell boundaries and spans,
//! which none of the other text readers can recover from wrapped or aligned
//! text. Everything between tables is prose: blank-line-separated
//! paragraphs (wrapped lines joined), list items, Markdown headings. As in
//! every reader, nothing here knows what a plan is.

use std::collections::HashMap;

use crate::model::{Block, Cell, Heading, Paragraph, Provenance, Row, Table};

use super::markup;

/// Does the text hold at least one grid, pipe or HTML table?
pub fn looks_like_tables(lines: &[&str]) -> bool {
    lines.iter().enumerate().any(|(i, l)| {
        let next = lines.get(i + 1).map(|n| n.trim_start()).unwrap_or("");
        (is_full_border(l) && next.starts_with('|'))
            || (l.trim_start().starts_with('|') && is_pipe_delimiter(next))
            || l.trim_start().to_ascii_lowercase().starts_with("<table")
            || dash_table_at(lines, i).is_some()
    })
}

/// Turn the lines into blocks: tables where rules draw them, prose between.
pub fn blocks(lines: &[&str]) -> Vec<Block> {
    let ctx = Ctx::new(lines);
    let ctx = &ctx;
    let mut out = Vec::new();
    let mut prose: Vec<(usize, &str)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let next = lines.get(i + 1).map(|n| n.trim_start()).unwrap_or("");
        let found = if is_full_border(line) && next.starts_with('|') {
            grid_table(lines, i, ctx)
        } else if line.trim_start().starts_with('|') && is_pipe_delimiter(next) {
            Some(pipe_table(lines, i, ctx))
        } else if line.trim_start().to_ascii_lowercase().starts_with("<table") {
            html_table(lines, i)
        } else if let Some(shape) = dash_table_at(lines, i) {
            let header_lines = match shape {
                DashShape::Simple { header } => header,
                _ => 0,
            };
            // A simple table's header lines were taken as prose: take them back.
            let keep = prose.len().saturating_sub(header_lines);
            prose.truncate(keep);
            Some(dash_table(lines, i, shape, ctx))
        } else {
            None
        };
        match found {
            Some((table, end)) if end > i => {
                prose_blocks(&prose, ctx, &mut out);
                prose.clear();
                out.push(Block::Table(table));
                i = end;
            }
            _ => {
                prose.push((i, line));
                i += 1;
            }
        }
    }
    prose_blocks(&prose, ctx, &mut out);
    out
}

/// What the whole document tells the reading of each cell.
struct Ctx {
    markdown: bool,
    /// How often each word (lower case, outer punctuation dropped) occurs
    /// in the document: tells a word broken by a narrow column from two
    /// words wrapped onto two lines.
    words: HashMap<String, usize>,
    /// The same, counting only words that stand as words: beside other
    /// words, or alone on a cell line not followed by a piece filling the
    /// column.
    beside: HashMap<String, usize>,
}

impl Ctx {
    fn new(lines: &[&str]) -> Self {
        // Words are counted where they cannot be pieces of a broken word:
        // beside other words (a cell line or column stretch of two words or
        // more), or alone in a cell line they do not fill. The pieces of a
        // broken word stand alone on their lines and the tails fill them,
        // so they are not counted however often the same break repeats.
        let mut words = HashMap::new();
        let mut beside = HashMap::new();
        let filled = |seg: &str| {
            let t = seg.trim();
            !t.is_empty() && t.chars().count() + 2 == seg.chars().count()
        };
        for (i, l) in lines.iter().enumerate() {
            let walled = l.contains('|');
            let segments: Vec<&str> = if walled {
                l.split('|').collect()
            } else {
                l.split("  ").collect()
            };
            // The same column on the next line, where the walls line up.
            let below: Vec<&str> = match lines.get(i + 1) {
                Some(n) if walled => n.split('|').collect(),
                _ => Vec::new(),
            };
            let aligned = below.len() == segments.len();
            for (k, segment) in segments.iter().enumerate() {
                let tokens: Vec<String> = segment
                    .split_whitespace()
                    .map(norm)
                    .filter(|w| !w.is_empty())
                    .collect();
                let unfilled =
                    walled && segment.trim().chars().count() + 2 < segment.chars().count();
                if tokens.len() < 2 && !unfilled {
                    continue;
                }
                // A word alone on its line stands as a word unless a piece
                // filling the column follows it (then it may be a head).
                let piece_below = !aligned || below.get(k).is_some_and(|b| filled(b));
                let stands = tokens.len() >= 2 || !piece_below;
                for w in tokens {
                    if stands {
                        *beside.entry(w.clone()).or_insert(0) += 1;
                    }
                    *words.entry(w).or_insert(0) += 1;
                }
            }
        }
        Ctx {
            markdown: is_markdown(lines),
            words,
            beside,
        }
    }

    fn count(&self, w: &str) -> usize {
        self.words.get(&norm(w)).copied().unwrap_or(0)
    }

    fn count_beside(&self, w: &str) -> usize {
        self.beside.get(&norm(w)).copied().unwrap_or(0)
    }
}

fn norm(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Markdown (rather than plain text) writes emphasis as `**`, headings as
/// `#` and dashes as `--`; only then are those marks undone.
fn is_markdown(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        let t = l.trim_start();
        t.starts_with("# ") || t.starts_with("## ") || l.contains("**") || is_pipe_delimiter(t)
    })
}

/// `+---+===+` spanning the whole line.
fn is_full_border(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.starts_with('+')
        && t.ends_with('+')
        && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
        && t.contains(['-', '='])
}

/// `|---|:--:|` (outer pipes optional when inner ones exist).
fn is_pipe_delimiter(line: &str) -> bool {
    let t = line.trim();
    if !t.contains('-') || !t.contains('|') {
        return false;
    }
    t.trim_matches('|').split('|').all(|part| {
        let p = part.trim().trim_matches(':');
        !p.is_empty() && p.chars().all(|c| c == '-')
    })
}

// ---------------------------------------------------------------- grid tables

/// A grid table starting at line `start` (a full border). Returns the table
/// and the index of the first line after it.
fn grid_table(lines: &[&str], start: usize, ctx: &Ctx) -> Option<(Table, usize)> {
    let indent = lines[start].len() - lines[start].trim_start().len();
    let mut end = start + 1;
    let mut last_border = start;
    while let Some(l) = lines.get(end) {
        let t = l.get(indent..).unwrap_or("");
        if !(t.starts_with('|') || t.starts_with('+')) {
            break;
        }
        if is_full_border(l) {
            last_border = end;
        }
        end += 1;
    }
    if last_border == start {
        return None;
    }
    let grid: Vec<Vec<char>> = lines[start..=last_border]
        .iter()
        .map(|l| l.chars().collect())
        .collect();
    let table = grid_to_table(&grid, start, ctx)?;
    Some((table, last_border + 1))
}

/// Columns a grid table may have, as for HTML tables and sheets: a rule
/// drawing more is not read as a table (a mutated 2.8 MB rule of 400,000
/// columns cost minutes in every later stage).
const MAX_COLUMNS: usize = 1_024;

/// Column boundaries: every `+` that touches a rule character.
fn boundaries(grid: &[Vec<char>]) -> Vec<usize> {
    let mut b: Vec<usize> = Vec::new();
    for line in grid {
        for (x, &c) in line.iter().enumerate() {
            if c != '+' {
                continue;
            }
            let rule = |o: Option<&char>| o.is_some_and(|c| matches!(c, '-' | '=' | ':'));
            let left = x.checked_sub(1).and_then(|p| line.get(p));
            if rule(left) || rule(line.get(x + 1)) {
                b.push(x);
            }
        }
    }
    b.sort_unstable();
    b.dedup();
    b
}

/// Is column `c` of line `line` a rule (`---`, `===`)?
fn is_rule(line: &[char], b: &[usize], c: usize) -> bool {
    let (Some(&l), Some(&r)) = (b.get(c), b.get(c + 1)) else {
        return false;
    };
    let inner = line.get(l + 1..r).unwrap_or(&[]);
    !inner.is_empty() && inner.iter().all(|c| matches!(c, '-' | '=' | ':'))
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while let Some(&p) = parent.get(x) {
        if p == x {
            break;
        }
        x = p;
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        if let Some(p) = parent.get_mut(hi) {
            *p = lo;
        }
    }
}

fn grid_to_table(grid: &[Vec<char>], first_line: usize, ctx: &Ctx) -> Option<Table> {
    let b = boundaries(grid);
    let cols = b
        .len()
        .checked_sub(1)
        .filter(|&n| n > 0 && n <= MAX_COLUMNS)?;
    // Separator lines: any column drawn as a rule.
    let seps: Vec<usize> = (0..grid.len())
        .filter(|&y| (0..cols).any(|c| is_rule(&grid[y], &b, c)))
        .collect();
    let bands = seps.len().checked_sub(1).filter(|&n| n > 0)?;
    let header_sep = seps
        .iter()
        .position(|&y| grid[y].contains(&'=') && y != 0)
        .filter(|&k| k < bands);
    let id = |band: usize, c: usize| band * cols + c;
    let mut parent: Vec<usize> = (0..bands * cols).collect();
    for k in 0..bands {
        let (top, bottom) = (seps[k], seps[k + 1]);
        let content = &grid[top + 1..bottom];
        for c in 0..cols.saturating_sub(1) {
            let x = b[c + 1];
            let wall = content
                .iter()
                .all(|l| matches!(l.get(x), Some('|') | Some('+')));
            if !content.is_empty() && !wall {
                union(&mut parent, id(k, c), id(k, c + 1));
            }
        }
        if k + 1 < bands {
            for c in 0..cols {
                if !is_rule(&grid[bottom], &b, c) {
                    union(&mut parent, id(k, c), id(k + 1, c));
                }
            }
        }
    }
    // Each region's extent: (min band, max band, min col, max col).
    let mut extent: Vec<Option<(usize, usize, usize, usize)>> = vec![None; bands * cols];
    for k in 0..bands {
        for c in 0..cols {
            let r = find(&mut parent, id(k, c));
            let e = extent.get_mut(r)?;
            *e = Some(match *e {
                None => (k, k, c, c),
                Some((k0, k1, c0, c1)) => (k0.min(k), k1.max(k), c0.min(c), c1.max(c)),
            });
        }
    }
    let mut rows: Vec<Row> = (0..bands)
        .map(|k| Row {
            header: header_sep.is_some_and(|h| k < h),
            at: Provenance::line((first_line + seps[k] + 2) as u32),
            ..Default::default()
        })
        .collect();
    for (k0, k1, c0, c1) in extent.into_iter().flatten() {
        let (y0, y1) = (seps[k0] + 1, seps[k1 + 1]);
        let (x0, x1) = (b[c0] + 1, b[c1 + 1]);
        let width = (x1 - x0).saturating_sub(2);
        let texts: Vec<String> = grid[y0..y1]
            .iter()
            .map(|l| {
                let s: String = l.get(x0..x1.min(l.len())).unwrap_or(&[]).iter().collect();
                s.strip_prefix(' ').unwrap_or(&s).trim_end().to_string()
            })
            .collect();
        let at = first_line + y0 + 1;
        let mut cell = Cell::new(c0, cell_paragraphs(&texts, width, at, ctx));
        cell.row_span = k1 - k0 + 1;
        cell.col_span = c1 - c0 + 1;
        cell.at = Provenance::line(at as u32);
        if let Some(row) = rows.get_mut(k0) {
            row.cells.push(cell);
        }
    }
    for row in &mut rows {
        row.cells.sort_by_key(|c| c.col);
    }
    Some(Table {
        rows,
        columns: cols,
        pages: Vec::new(),
        at: Provenance::line(first_line as u32 + 1),
    })
}

/// A cell's lines (its column's text, one pad space removed) into
/// paragraphs: blank lines separate paragraphs, list markers start items,
/// wrapped lines join with a space, and a word broken because it was longer
/// than the column is glued back.
fn cell_paragraphs(lines: &[String], width: usize, at: usize, ctx: &Ctx) -> Vec<Paragraph> {
    let mut items: Vec<(String, Option<u8>, usize)> = Vec::new();
    let mut open = false;
    let mut prev: Option<&str> = None;
    let mut before: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            open = false;
            prev = None;
            before = None;
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        if let Some(rest) = list_marker(body) {
            items.push((rest.to_string(), Some((indent / 4).min(8) as u8), i));
            open = true;
            before = prev;
            prev = Some(line);
            continue;
        }
        if numbered(body) {
            items.push((body.to_string(), None, i));
            open = true;
            before = prev;
            prev = Some(line);
            continue;
        }
        match items.last_mut() {
            Some((text, _, _)) if open => {
                let glue = prev.is_some_and(|p| {
                    broken_word(before, p, line, width, ctx) || broken_at_hyphen(p, line)
                });
                if glue {
                    text.push_str(body);
                } else {
                    text.push(' ');
                    text.push_str(body);
                }
            }
            _ => items.push((body.to_string(), None, i)),
        }
        open = true;
        before = prev;
        prev = Some(line);
    }
    let mut out = Vec::new();
    for (text, list, i) in items {
        for piece in markup::pieces(&inline(&text, ctx.markdown)) {
            let mut p = Paragraph::new(piece.text, Provenance::line((at + i) as u32));
            p.list = list.or(piece.list.then_some(0));
            out.push(p);
        }
    }
    out
}

/// Was `next` the rest of a word that `prev` began? Pandoc breaks a word
/// longer than its column into a head on a fresh line and pieces that fill
/// the column; so `prev` is one token ending in a letter or digit and
/// `next` fills the column. A whole word can fill the column too, so in
/// columns wider than one character:
/// - the joined word occurs elsewhere in the document: a break;
/// - `prev` would have fitted on the line `before` it: a break (a word
///   that fits is never moved to a fresh line);
/// - `next` opens with a hyphen or slash: a break;
/// - `prev` ends and `next` goes on in capitals: a break;
/// - `next` occurs elsewhere as a word, or `prev` stands beside other
///   words elsewhere: two words (the pieces of a break are seldom words);
/// - else a break if `next` goes on in lower case, or in digits after
///   digits.
fn broken_word(before: Option<&str>, prev: &str, next: &str, width: usize, ctx: &Ctx) -> bool {
    let (p, n) = (prev.trim(), next.trim());
    if p.contains(' ') || n.chars().count() != width || width == 0 {
        return false;
    }
    if width == 1 {
        return true;
    }
    let tail = n.split(' ').next().unwrap_or("");
    // A head ends in a letter or digit (or emphasis), or is a letter and
    // an apostrophe ("O'" / "Loughlin").
    let elided = p.chars().count() == 2
        && p.starts_with(char::is_alphabetic)
        && p.ends_with(['\'', '\u{2019}']);
    let ends_word = elided
        || p.chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '*');
    let Some(first) = tail.chars().next() else {
        return false;
    };
    if !ends_word {
        return false;
    }
    // A piece opening with a hyphen or slash goes on the word above
    // ("multi" / "-agency", "Autumn" / "/Winter"): no word starts so.
    if matches!(first, '-' | '/') && tail.chars().count() > 1 {
        return true;
    }
    if !first.is_alphanumeric() {
        return false;
    }
    if ctx.count(&format!("{p}{tail}")) > 0 {
        return true;
    }
    let fitted = before.is_some_and(|b| {
        let b = b.trim();
        !b.is_empty() && b.chars().count() + 1 + p.chars().count() <= width
    });
    if fitted {
        return true;
    }
    // A lone letter that is no word of the document, going on in lower
    // case ("H" / "all"): a break, even if the rest is a word.
    let lone = p.chars().count() == 1 || elided;
    if lone && first.is_lowercase() && ctx.count_beside(p) < 2 {
        return true;
    }
    if elided {
        return true;
    }
    // Capitals on both sides (a heading in capitals): a break.
    let caps = |t: &str| t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase);
    if p.chars().last().is_some_and(char::is_uppercase) && first.is_uppercase() && caps(tail) {
        return true;
    }
    // A head that stands as a word elsewhere is a word (one of
    // two letters only if it is a common one: two letters left over from a
    // break often spell a rare word by chance).
    let head_is_word = match norm(p).chars().count() {
        0 | 1 => false,
        2 => ctx.count_beside(p) >= 3,
        _ => ctx.count_beside(p) >= 1,
    };
    if ctx.count(tail) > 0 || head_is_word {
        return false;
    }
    let digits = first.is_ascii_digit() && p.chars().all(|c| c.is_ascii_digit());
    first.is_lowercase() || digits
}

/// A line ending in a hyphen after a letter was broken at the hyphen.
fn broken_at_hyphen(prev: &str, next: &str) -> bool {
    let mut rev = prev.trim_end().chars().rev();
    rev.next() == Some('-')
        && rev.next().is_some_and(char::is_alphabetic)
        && next
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_alphabetic)
}

/// `-   item`, `*   item`: the text after the bullet. A numbered item
/// (`1.  item`) keeps its number, which is text the interpreters read (a
/// heading's or an action's number), and only starts a paragraph.
fn list_marker(body: &str) -> Option<&str> {
    let (marker, rest) = body.split_once(' ')?;
    matches!(marker, "-" | "*" | "+" | "•").then(|| rest.trim_start())
}

fn numbered(body: &str) -> bool {
    let marker = body.split(' ').next().unwrap_or("");
    marker.len() >= 2
        && marker.len() <= 4
        && (marker.ends_with('.') || marker.ends_with(')'))
        && marker
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_digit())
}

/// Undo Markdown's inline marks: emphasis, escapes, superscripts, dashes.
fn inline(text: &str, markdown: bool) -> String {
    let text = &unwrap_superscripts(text);
    if !markdown {
        return text.to_string();
    }
    let mut s = text
        .replace("**", "")
        .replace("---", "—")
        .replace("--", "–");
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some(&n) if n.is_ascii_punctuation() => {
                    out.push(n);
                    chars.next();
                }
                Some(_) => out.push(c),
                None => {}
            },
            '^' => {}
            _ => out.push(c),
        }
    }
    s = out;
    s
}

// ------------------------------------------------- multiline and simple tables

/// The dash runs of a line made only of dashes and spaces: (start, end) in
/// characters.
fn dash_runs(line: &str) -> Option<Vec<(usize, usize)>> {
    if line.trim().is_empty() || !line.chars().all(|c| c == '-' || c == ' ') {
        return None;
    }
    let mut runs = Vec::new();
    let mut start = None;
    for (x, c) in line.chars().chain(std::iter::once(' ')).enumerate() {
        match (c, start) {
            ('-', None) => start = Some(x),
            (' ', Some(s)) => {
                runs.push((s, x));
                start = None;
            }
            _ => {}
        }
    }
    runs.iter().all(|(s, e)| e - s >= 3).then_some(runs)
}

/// The three shapes pandoc draws tables in with dashes alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DashShape {
    /// `-----` over header lines, a column line (`---- ----`), rows apart
    /// by blank lines, `-----` under: starts at the top line.
    Multiline,
    /// A column line opening and closing the rows, no header: starts at the
    /// opening column line.
    Headerless,
    /// `header` lines of header just above a column line, one row a line,
    /// ending at a blank line: starts at the column line.
    Simple { header: usize },
}

/// Does a dash-drawn table start at line `i`?
fn dash_table_at(lines: &[&str], i: usize) -> Option<DashShape> {
    let runs = dash_runs(lines.get(i)?)?;
    let blank = |j: usize| lines.get(j).is_none_or(|l| l.trim().is_empty());
    if runs.len() == 1 {
        // A top border: header lines, then a column line, no blank between.
        let mut j = i + 1;
        while !blank(j) && j < i + 12 {
            if dash_runs(lines.get(j)?).is_some_and(|r| r.len() >= 2) {
                return (j > i + 1).then_some(DashShape::Multiline);
            }
            j += 1;
        }
        return None;
    }
    if i > 0 && !blank(i - 1) {
        if dash_runs(lines.get(i - 1)?).is_some() || blank(i + 1) {
            return None;
        }
        let header = (0..i).rev().take_while(|&j| !blank(j)).count();
        return (header <= 3).then_some(DashShape::Simple { header });
    }
    // Headerless: rows, then the same column line again.
    let close = (i + 1..lines.len().min(i + 400))
        .find(|&j| dash_runs(lines.get(j).unwrap_or(&"")).is_some())?;
    (close > i + 1 && dash_runs(lines.get(close)?) == Some(runs)).then_some(DashShape::Headerless)
}

fn dash_table(lines: &[&str], i: usize, shape: DashShape, ctx: &Ctx) -> (Table, usize) {
    let column_line = match shape {
        DashShape::Multiline => (i + 1..lines.len())
            .find(|&j| dash_runs(lines.get(j).unwrap_or(&"")).is_some())
            .unwrap_or(i),
        _ => i,
    };
    let runs = dash_runs(lines.get(column_line).unwrap_or(&"")).unwrap_or_default();
    let header: Vec<usize> = match shape {
        DashShape::Multiline => (i + 1..column_line).collect(),
        DashShape::Simple { header } => (i.saturating_sub(header)..i).collect(),
        DashShape::Headerless => Vec::new(),
    };
    // Body: to a dash line (the closing border), or for a simple table to
    // the first blank line.
    let mut end = column_line + 1;
    while let Some(l) = lines.get(end) {
        if dash_runs(l).is_some() {
            break;
        }
        if matches!(shape, DashShape::Simple { .. }) && l.trim().is_empty() {
            break;
        }
        end += 1;
    }
    let body: Vec<usize> = (column_line + 1..end).collect();
    let closing = lines.get(end).is_some_and(|l| dash_runs(l).is_some());
    let next = if closing { end + 1 } else { end };
    // Rows: a multiline table parts rows by blank lines; a simple one (or a
    // headerless one with no blank line) has a row a line.
    let by_blanks = matches!(shape, DashShape::Multiline)
        || body
            .iter()
            .any(|&j| lines.get(j).is_some_and(|l| l.trim().is_empty()));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    for &j in &body {
        let blank = lines.get(j).is_none_or(|l| l.trim().is_empty());
        if blank || !by_blanks {
            if !cur.is_empty() {
                groups.push(std::mem::take(&mut cur));
            }
            if blank {
                continue;
            }
        }
        cur.push(j);
    }
    if !cur.is_empty() {
        groups.push(cur);
    }
    let mut rows = Vec::new();
    if !header.is_empty() {
        rows.push((header, true));
    }
    rows.extend(groups.into_iter().map(|g| (g, false)));
    let table_rows = rows
        .into_iter()
        .map(|(group, is_header)| dash_row(lines, &group, &runs, is_header, ctx))
        .collect();
    let table = Table {
        rows: table_rows,
        columns: runs.len(),
        pages: Vec::new(),
        at: Provenance::line(i as u32 + 1),
    };
    (table, next)
}

fn dash_row(
    lines: &[&str],
    group: &[usize],
    runs: &[(usize, usize)],
    header: bool,
    ctx: &Ctx,
) -> Row {
    let first = group.first().copied().unwrap_or(0);
    let chars: Vec<Vec<char>> = group
        .iter()
        .map(|&j| lines.get(j).unwrap_or(&"").chars().collect())
        .collect();
    let cells = runs
        .iter()
        .enumerate()
        .map(|(c, &(start, end))| {
            let stop = runs.get(c + 1).map(|r| r.0).unwrap_or(usize::MAX);
            let texts: Vec<String> = chars
                .iter()
                .map(|l| {
                    let s: String = l
                        .get(start.min(l.len())..stop.min(l.len()))
                        .unwrap_or(&[])
                        .iter()
                        .collect();
                    s.trim_end().to_string()
                })
                .collect();
            let mut cell = Cell::new(c, cell_paragraphs(&texts, end - start, first + 1, ctx));
            cell.at = Provenance::line(first as u32 + 1);
            cell
        })
        .collect();
    Row {
        cells,
        header,
        at: Provenance::line(first as u32 + 1),
        ..Default::default()
    }
}

/// A Markdown heading's text without closing `#`s or a trailing attribute
/// block (`{#introduction}`, `{.unnumbered}`), which are not its words.
fn heading_text(text: &str) -> &str {
    let mut t = text.trim();
    if let Some(open) = t.rfind('{').filter(|_| t.ends_with('}')) {
        let attrs = &t[open + 1..t.len() - 1];
        if attrs.starts_with(['#', '.']) || attrs.contains('=') {
            t = t[..open].trim_end();
        }
    }
    let without = t.trim_end_matches('#');
    if without.len() < t.len() && (without.is_empty() || without.ends_with(' ')) {
        t = without.trim_end();
    }
    t
}

/// Plain text writes a superscript as `^(rd)`: keep the letters.
fn unwrap_superscripts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(p) = rest.find("^(") {
        let Some(close) = rest[p..].find(')') else {
            break;
        };
        out.push_str(&rest[..p]);
        out.push_str(&rest[p + 2..p + close]);
        rest = &rest[p + close + 1..];
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------- pipe tables

/// Split a pipe-table row at its unescaped `|`.
fn pipe_cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t
        .strip_suffix('|')
        .filter(|s| !s.ends_with('\\'))
        .unwrap_or(t);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'|') {
            cur.push('|');
            chars.next();
        } else if c == '|' {
            cells.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    cells.push(cur);
    cells
}

fn pipe_table(lines: &[&str], start: usize, ctx: &Ctx) -> (Table, usize) {
    let mut rows = Vec::new();
    let mut columns = 0;
    let mut i = start;
    while let Some(l) = lines.get(i) {
        if !l.trim_start().starts_with('|') {
            break;
        }
        if i == start + 1 {
            i += 1;
            continue;
        }
        let cells: Vec<Cell> = pipe_cells(l)
            .iter()
            .enumerate()
            .map(|(c, raw)| {
                let paragraphs = markup::pieces(&inline(raw.trim(), ctx.markdown))
                    .into_iter()
                    .map(|p| {
                        let mut para = Paragraph::new(p.text, Provenance::line(i as u32 + 1));
                        para.list = p.list.then_some(0);
                        para
                    })
                    .collect();
                let mut cell = Cell::new(c, paragraphs);
                cell.at = Provenance::line(i as u32 + 1);
                cell
            })
            .collect();
        columns = columns.max(cells.len());
        rows.push(Row {
            cells,
            header: i == start,
            at: Provenance::line(i as u32 + 1),
            ..Default::default()
        });
        i += 1;
    }
    let table = Table {
        rows,
        columns,
        pages: Vec::new(),
        at: Provenance::line(start as u32 + 1),
    };
    (table, i)
}

// ---------------------------------------------------------------- HTML tables

/// An HTML `<table>` from line `start` to the line closing it.
fn html_table(lines: &[&str], start: usize) -> Option<(Table, usize)> {
    let mut end = start;
    let mut html = String::new();
    loop {
        let l = lines.get(end)?;
        html.push_str(l);
        html.push('\n');
        end += 1;
        if l.to_ascii_lowercase().contains("</table>") {
            break;
        }
    }
    Some((html_to_table(&html, start), end))
}

fn attr_span(tag: &str, attr: &str) -> usize {
    let lower = tag.to_ascii_lowercase();
    lower
        .find(attr)
        .and_then(|p| lower.get(p + attr.len()..))
        .map(|rest| {
            rest.trim_start_matches(['=', '"', '\'', ' '])
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect::<String>()
        })
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n >= 1)
        .unwrap_or(1)
        .min(1000)
}

fn html_to_table(html: &str, start: usize) -> Table {
    let mut rows: Vec<Row> = Vec::new();
    let mut in_head = false;
    // Pending (cell, raw html) while inside a td/th.
    let mut cell: Option<(Cell, String)> = None;
    // Rows each grid column is still taken for, counting the current row: a
    // cell of row span n sets n, each new row lowers it by one, so it
    // covers the n-1 rows after its own.
    let mut covered: Vec<usize> = Vec::new();
    let mut next_col = 0usize;
    let mut rest = html;
    let at = Provenance::line(start as u32 + 1);
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        if let Some((_, raw)) = cell.as_mut() {
            raw.push_str(&rest[..open]);
        }
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let (name, closing) = markup::tag_name(tag);
        match (name.as_str(), closing) {
            ("thead", c) => in_head = !c,
            ("tr", false) => {
                for left in covered.iter_mut() {
                    *left = left.saturating_sub(1);
                }
                next_col = 0;
                rows.push(Row {
                    header: in_head,
                    at,
                    ..Default::default()
                });
            }
            ("td" | "th", false) => {
                if rows.is_empty() {
                    rows.push(Row {
                        at,
                        ..Default::default()
                    });
                }
                while covered.get(next_col).is_some_and(|&n| n > 0) {
                    next_col += 1;
                }
                let mut c = Cell::new(next_col, Vec::new());
                c.row_span = attr_span(tag, "rowspan");
                c.col_span = attr_span(tag, "colspan");
                c.at = at;
                if covered.len() < next_col + c.col_span {
                    covered.resize(next_col + c.col_span, 0);
                }
                for slot in covered.iter_mut().skip(next_col).take(c.col_span) {
                    *slot = c.row_span;
                }
                next_col += c.col_span;
                cell = Some((c, String::new()));
            }
            ("td" | "th", true) => {
                if let (Some((mut c, raw)), Some(row)) = (cell.take(), rows.last_mut()) {
                    c.paragraphs = markup::pieces(&entities(&raw.replace('\n', " ")))
                        .into_iter()
                        .map(|p| {
                            let mut para = Paragraph::new(p.text, at);
                            para.list = p.list.then_some(0);
                            para
                        })
                        .collect();
                    row.cells.push(c);
                }
            }
            _ => {
                if let Some((_, raw)) = cell.as_mut() {
                    raw.push('<');
                    raw.push_str(tag);
                    raw.push('>');
                }
            }
        }
    }
    let columns = rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.col + c.col_span))
        .max()
        .unwrap_or(0);
    Table {
        rows,
        columns,
        pages: Vec::new(),
        at,
    }
}

fn entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

// ---------------------------------------------------------------- prose

/// Prose lines into paragraphs (blank-line separated, wrapped lines joined
/// with a space), list items and, in Markdown, `#` headings.
fn prose_blocks(lines: &[(usize, &str)], ctx: &Ctx, out: &mut Vec<Block>) {
    let mut group: Vec<(usize, &str)> = Vec::new();
    let flush = |group: &mut Vec<(usize, &str)>, out: &mut Vec<Block>| {
        if group.is_empty() {
            return;
        }
        let at = group.first().map(|g| g.0 + 1).unwrap_or(1);
        let texts: Vec<String> = group.iter().map(|g| g.1.to_string()).collect();
        for p in cell_paragraphs(&texts, 0, at, ctx) {
            out.push(Block::Paragraph(p));
        }
        group.clear();
    };
    for &(i, line) in lines {
        let t = line.trim();
        if t.is_empty() {
            flush(&mut group, out);
            continue;
        }
        if ctx.markdown && t.starts_with('#') {
            let level = t.chars().take_while(|&c| c == '#').count();
            let text = t[level..].trim();
            if level <= 6 && (text.is_empty() || line.trim_start()[level..].starts_with(' ')) {
                flush(&mut group, out);
                let text = inline(heading_text(text), ctx.markdown);
                let text = markup::pieces(&text)
                    .into_iter()
                    .map(|p| p.text)
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push(Block::Heading(Heading {
                    furniture: false,
                    level: level as u8,
                    text,
                    at: Provenance::line(i as u32 + 1),
                }));
                continue;
            }
        }
        group.push((i, line));
    }
    flush(&mut group, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &str) -> Vec<Block> {
        let lines: Vec<&str> = src.lines().collect();
        assert!(looks_like_tables(&lines));
        blocks(&lines)
    }

    fn tables(b: &[Block]) -> Vec<&Table> {
        b.iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    fn texts(t: &Table) -> Vec<Vec<(usize, usize, usize, String)>> {
        t.rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| (c.col, c.row_span, c.col_span, c.text()))
                    .collect()
            })
            .collect()
    }

    /// An invented grid whose rules draw more columns than a table may
    /// have is not read as a table; one at the cap is.
    #[test]
    fn grids_wider_than_the_column_cap_are_no_tables() {
        let grid = |cols: usize| {
            let rule = format!("+{}", "--+".repeat(cols));
            let row = format!("|{}", "ab|".repeat(cols));
            format!("{rule}\n{row}\n{rule}\n{row}\n{rule}\n")
        };
        let at_cap = grid(MAX_COLUMNS);
        let b = read(&at_cap);
        assert_eq!(tables(&b).first().map(|t| t.columns), Some(MAX_COLUMNS));
        let over = grid(MAX_COLUMNS + 1);
        assert!(tables(&read(&over)).is_empty());
    }

    #[test]
    fn grid_header_wrapping_and_prose() {
        let src = "Intro line one\nwrapped here\n\n\
+-----+----------+\n\
| Ref | Action   |\n\
+=====+==========+\n\
| 1   | Audit    |\n\
|     | the team |\n\
|     |          |\n\
|     | -   one  |\n\
|     |     two  |\n\
+-----+----------+\n\nAfter\n";
        let b = read(src);
        assert_eq!(b.len(), 3);
        match &b[0] {
            Block::Paragraph(p) => assert_eq!(p.text, "Intro line one wrapped here"),
            other => panic!("{other:?}"),
        }
        let t = tables(&b)[0];
        assert_eq!(t.columns, 2);
        assert!(t.rows[0].header && !t.rows[1].header);
        let cell = &t.rows[1].cells[1];
        let paras: Vec<(&str, Option<u8>)> = cell
            .paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.list))
            .collect();
        assert_eq!(paras, [("Audit the team", None), ("one two", Some(0))]);
    }

    #[test]
    fn grid_row_and_column_spans() {
        let src = "+---+-----+-----+\n\
| A | B   | C   |\n\
+===+=====+=====+\n\
| 1 | wide cell |\n\
|   +-----+-----+\n\
|   | x   | y   |\n\
+---+-----+-----+\n";
        let t = tables(&read(src))[0].clone();
        assert_eq!(
            texts(&t),
            vec![
                vec![
                    (0, 1, 1, "A".to_string()),
                    (1, 1, 1, "B".to_string()),
                    (2, 1, 1, "C".to_string())
                ],
                vec![
                    (0, 2, 1, "1".to_string()),
                    (1, 1, 2, "wide cell".to_string())
                ],
                vec![(1, 1, 1, "x".to_string()), (2, 1, 1, "y".to_string())],
            ]
        );
    }

    #[test]
    fn broken_words_glued_wrapped_words_kept() {
        // "Com" / "pletion": a head then a piece filling the 7-wide column;
        // "R" "e" "f": a 1-wide column; "Celia" / "Lamden,": two words.
        let src = "+---+---------+---------+\n\
| R | Com     | Celia   |\n\
| e | pletion | Lamden, |\n\
| f | date    | Head    |\n\
+---+---------+---------+\n";
        let t = tables(&read(src))[0].clone();
        let row: Vec<String> = t.rows[0].cells.iter().map(Cell::text).collect();
        assert_eq!(row, ["Ref", "Completion date", "Celia Lamden, Head"]);
        // A letter and an apostrophe, and a lone capital going on in lower
        // case, start a broken name.
        let src = "+----------+\n| John     |\n| O'       |\n| Loughlin |\n| Sara     |\n| H        |\n| ampshire |\n+----------+\n";
        let t = tables(&read(src))[0].clone();
        assert_eq!(t.rows[0].cells[0].text(), "John O'Loughlin Sara Hampshire");
    }

    #[test]
    fn pipe_table_with_br_and_escapes() {
        let src = "# Plan\n\n| **Ref** | Action |\n|---|:--|\n| 1.1 | one<br>two \\| three |\n";
        let b = read(src);
        assert!(matches!(&b[0], Block::Heading(h) if h.text == "Plan" && h.level == 1));
        let t = tables(&b)[0];
        assert!(t.rows[0].header);
        assert_eq!(t.rows[0].cells[0].text(), "Ref");
        let cell = &t.rows[1].cells[1];
        assert_eq!(cell.paragraphs.len(), 2);
        assert_eq!(cell.text(), "one\ntwo | three");
    }

    #[test]
    fn heading_attributes_and_closing_hashes_dropped() {
        assert_eq!(
            heading_text("1. Introduction {#introduction}"),
            "1. Introduction"
        );
        assert_eq!(heading_text("Scope {.unnumbered}"), "Scope");
        assert_eq!(heading_text("Title ##"), "Title");
        assert_eq!(heading_text("C#"), "C#");
        assert_eq!(heading_text("Sets {a, b}"), "Sets {a, b}");
    }

    #[test]
    fn html_table_spans() {
        let src = "<table>\n<thead><tr><th>A</th><th>B</th></tr></thead>\n<tbody>\n\
<tr><td rowspan=\"2\">1</td><td>x &amp; y</td></tr>\n<tr><td>z</td></tr>\n\
<tr><td colspan=\"2\">all</td></tr>\n</tbody>\n</table>\n";
        let t = tables(&read(src))[0].clone();
        assert!(t.rows[0].header);
        assert_eq!(
            texts(&t)[1..],
            [
                vec![(0, 2, 1, "1".to_string()), (1, 1, 1, "x & y".to_string())],
                vec![(1, 1, 1, "z".to_string())],
                vec![(0, 1, 2, "all".to_string())],
            ]
        );
    }

    #[test]
    fn multiline_and_simple_dash_tables() {
        let src = "  --------------------\n  Name     Role\n  -------- -----------\n  Ann Lee  Chair of\n           the board\n\n  Bob      Member\n  --------------------\n\nText\n\n  Term   Meaning\n  ------ ---------\n  ABE    Achieving\n  AMH    Adult\n\n";
        let b = read(src);
        let ts = tables(&b);
        assert_eq!(ts.len(), 2);
        assert_eq!(
            texts(ts[0])
                .iter()
                .map(|r| r.iter().map(|c| c.3.clone()).collect::<Vec<_>>())
                .collect::<Vec<_>>(),
            [
                vec!["Name", "Role"],
                vec!["Ann Lee", "Chair of the board"],
                vec!["Bob", "Member"]
            ]
        );
        assert!(ts[0].rows[0].header);
        assert_eq!(ts[1].rows.len(), 3);
        assert_eq!(ts[1].rows[2].cells[1].text(), "Adult");
    }

    proptest::proptest! {
        #[test]
        fn random_text_never_panics(s in "[-+|=: a-zé–\\n<>/\\\\*^()]{0,400}") {
            let lines: Vec<&str> = s.lines().collect();
            let _ = looks_like_tables(&lines);
            let _ = blocks(&lines);
        }

        #[test]
        fn random_grids_never_panic(rows in proptest::collection::vec("[|+][-= aé–|+]{0,12}", 0..12)) {
            let mut lines = vec!["+---+----+"];
            lines.extend(rows.iter().map(String::as_str));
            lines.push("+---+----+");
            let _ = blocks(&lines);
        }
    }
}
