//! Glyphs into words, lines and paragraphs.
//!
//! Tolerances, all relative to the font size so they hold at any scale:
//! - a glyph joins a line when its vertical centre lies inside the line's
//!   band (the union of its full-size glyphs' boxes) — so a raised, smaller
//!   ordinal suffix ("rd" after "3") joins the line of its number;
//! - a word breaks at a space glyph or at a horizontal gap over
//!   `PDF.word_gap` × size (a space in proportional fonts is ~0.25–0.28 em);
//! - a line ends a paragraph when the gap to the next line is over
//!   `PDF.para_gap` × size, when the next line's first word would have fitted
//!   on it (so the break was not a wrap), at a bullet, or at a change of
//!   size or weight.
//!
//! Hyphens at line ends are kept as printed: "Covid-" + "19" gives
//! "Covid-19" (no space added after a line-final hyphen, nothing removed).

use super::geom::Glyph;
use super::interp::FontCache;
use super::settings::PDF;

#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Lowest glyph bottom: the word's own baseline (plus the font's
    /// descent), where the line's band may be widened by the glyphs of a
    /// neighbouring column set a little higher or lower.
    pub bottom: f32,
    /// Every glyph of the word is in a bold font.
    pub bold: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub words: Vec<Word>,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    /// Dominant (most glyphs) font size and font.
    pub size: f32,
    pub font: u16,
    /// Every glyph bold.
    pub bold: bool,
}

impl Line {
    pub fn text(&self) -> String {
        let mut s = String::new();
        let mut prev: Option<f32> = None;
        for w in &self.words {
            if let Some(x1) = prev {
                s.push(if w.x0 - x1 > PDF.tab_gap * self.size.max(1.0) {
                    '\t'
                } else {
                    ' '
                });
            }
            s.push_str(&w.text);
            prev = Some(w.x1);
        }
        s
    }

    /// Byte length of [`Line::text`]'s opening that is set in bold words
    /// (0 when the first word is not bold). Words are joined by one
    /// one-byte separator, as `text` joins them.
    pub fn bold_lead(&self) -> usize {
        let mut len = 0;
        for (i, w) in self.words.iter().take_while(|w| w.bold).enumerate() {
            len += w.text.len() + usize::from(i > 0);
        }
        len
    }

    /// The line cut at gaps wider than `ems`: the pieces of a line that
    /// runs across a column gutter.
    pub fn split_at_gaps(&self, ems: f32) -> Vec<Line> {
        let gap = ems * self.size.max(1.0);
        let mut out: Vec<Line> = Vec::new();
        for w in &self.words {
            match out.last_mut() {
                Some(l) if w.x0 - l.x1 <= gap => {
                    l.x1 = w.x1;
                    l.words.push(w.clone());
                }
                _ => out.push(Line {
                    words: vec![w.clone()],
                    x0: w.x0,
                    x1: w.x1,
                    ..self.clone()
                }),
            }
        }
        out
    }
}

/// Group glyphs into lines, top to bottom, each line's words left to right.
pub fn lines(glyphs: &[&Glyph], fonts: &FontCache) -> Vec<Line> {
    let mut gs: Vec<&Glyph> = glyphs.to_vec();
    gs.sort_by(|a, b| a.top.total_cmp(&b.top));
    // Bands: (top, bottom, max size, glyph indices).
    let mut bands: Vec<(f32, f32, f32, Vec<&Glyph>)> = Vec::new();
    for g in gs {
        let cy = g.cy();
        // Look back over the few most recent bands (superscripts and the
        // lines of side-by-side columns interleave by top).
        let hit = bands.iter_mut().rev().take(4).find(|b| {
            (cy >= b.0 && cy <= b.1) || (mid(b.0, b.1) >= g.top && mid(b.0, b.1) <= g.bottom)
        });
        match hit {
            Some(b) => {
                if g.size >= 0.75 * b.2 {
                    b.0 = b.0.min(g.top);
                    b.1 = b.1.max(g.bottom);
                }
                b.2 = b.2.max(g.size);
                b.3.push(g);
            }
            None => bands.push((g.top, g.bottom, g.size, vec![g])),
        }
    }
    let mut out: Vec<Line> = bands
        .into_iter()
        .filter_map(|b| line(b.3, b.0, b.1, fonts))
        .collect();
    out.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    out
}

fn mid(a: f32, b: f32) -> f32 {
    (a + b) / 2.0
}

/// One band's glyphs into a line of words.
fn line(mut gs: Vec<&Glyph>, top: f32, bottom: f32, fonts: &FontCache) -> Option<Line> {
    gs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut words: Vec<Word> = Vec::new();
    let mut cur = String::new();
    let (mut wx0, mut wx1, mut wb) = (0.0f32, 0.0f32, f32::MIN);
    let mut prev: Option<&Glyph> = None;
    let mut sizes: Vec<(f32, u16, usize)> = Vec::new();
    let mut bold = true;
    let mut word_bold = true;
    let mut any = false;
    let full = gs.iter().map(|g| g.size).fold(0.0f32, f32::max);
    let mut in_mark = false;
    for g in gs {
        if let Some(p) = prev
            && p.c == g.c
            && (p.x0 - g.x0).abs() < PDF.duplicate_glyph
            && (p.top - g.top).abs() < PDF.duplicate_glyph
        {
            continue;
        }
        let mark = footnote_mark(g, prev, full, bottom, in_mark);
        in_mark = mark;
        if mark {
            // The mark's right edge is where the next word's gap starts.
            prev = Some(g);
            continue;
        }
        let gap_break =
            prev.is_some_and(|p| g.x0 - p.x1 > PDF.word_gap * p.size.min(g.size).max(1.0));
        if g.c.is_whitespace() || gap_break {
            if !cur.is_empty() {
                words.push(Word {
                    text: std::mem::take(&mut cur),
                    x0: wx0,
                    x1: wx1,
                    bottom: wb,
                    bold: word_bold,
                });
            }
            if g.c.is_whitespace() {
                prev = Some(g);
                continue;
            }
        }
        if cur.is_empty() {
            wx0 = g.x0;
            wb = f32::MIN;
            word_bold = true;
        }
        wx1 = g.x1;
        wb = wb.max(g.bottom);
        cur.push(g.c);
        any = true;
        let glyph_bold = fonts.bold(g.font);
        bold &= glyph_bold;
        word_bold &= glyph_bold;
        match sizes
            .iter_mut()
            .find(|s| (s.0 - g.size).abs() < 0.1 && s.1 == g.font)
        {
            Some(s) => s.2 += 1,
            None => sizes.push((g.size, g.font, 1)),
        }
        prev = Some(g);
    }
    if !cur.is_empty() {
        words.push(Word {
            text: cur,
            x0: wx0,
            x1: wx1,
            bottom: wb,
            bold: word_bold,
        });
    }
    if !any || words.is_empty() {
        return None;
    }
    let (size, font, _) = sizes
        .iter()
        .copied()
        .max_by_key(|s| s.2)
        .unwrap_or((0.0, 0, 0));
    let x0 = words.first().map_or(0.0, |w| w.x0);
    let x1 = words.last().map_or(0.0, |w| w.x1);
    Some(Line {
        words,
        x0,
        x1,
        top,
        bottom,
        size,
        font,
        bold,
    })
}

/// A footnote reference mark: a small digit raised above the line, set
/// straight after a full-size punctuation mark ("... a school place.1") or
/// after another digit of the same mark. Word prints it as a superscript and
/// the DOCX reader leaves footnote references out, so the PDF reader drops
/// it too: it is never content. A raised letter after a digit (the ordinal
/// "3rd") and a raised digit after a letter ("m2") are not marks.
fn footnote_mark(g: &Glyph, prev: Option<&Glyph>, full: f32, bottom: f32, in_mark: bool) -> bool {
    let small_raised = g.c.is_ascii_digit()
        && g.size <= PDF.mark_size * full
        && g.bottom < bottom - PDF.mark_rise * full;
    let Some(p) = prev else { return false };
    let touching = g.x0 - p.x1 <= PDF.word_gap * g.size.max(1.0);
    small_raised
        && touching
        && (in_mark || (p.size > PDF.mark_size * full && ".,;:)\u{2019}'\"\u{201d}".contains(p.c)))
}

/// A paragraph built from lines: text with wrapped lines joined.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub text: String,
    pub size: f32,
    pub font: u16,
    pub bold: bool,
    /// Byte length of the bold words the paragraph opens with, when it is
    /// not bold throughout (a label such as "Lead:" before plain text).
    pub bold_prefix: usize,
    pub bullet: bool,
    pub top: f32,
    pub bottom: f32,
    pub x0: f32,
    /// Right end of the last line and width of the first word: whether a
    /// paragraph wrapped across a page break is judged by them.
    pub last_x1: f32,
    pub first_w: f32,
    /// Byte offsets in `text` where a line ending in a hyphen was joined to
    /// the next with no space, so the printed line break can be restored.
    pub hyphen_breaks: Vec<usize>,
    /// Byte offsets in `text` where a word broken at the cell edge with no
    /// hyphen was joined back (see [`broken_word`]); also in
    /// `hyphen_breaks`, and undone by [`Para::unbreak`] when the page says
    /// otherwise.
    pub word_breaks: Vec<usize>,
    /// Byte offsets of the spaces put where a line of several words ended
    /// at the wrap edge with no room for one more letter and the next line
    /// ran on in lower case: a word some producers break mid-way on a full
    /// line ("Named Nurse Safeg" / "uarding"). [`Para::unbreak`] joins it
    /// when the page's words say so.
    pub soft_breaks: Vec<usize>,
}

impl Para {
    /// The text with a line break restored after each line-final hyphen:
    /// how the page prints it (`docket tables` shows cells this way, as the
    /// peer extractors do).
    pub fn printed(&self) -> String {
        let mut out = self.text.clone();
        for at in self.hyphen_breaks.iter().rev() {
            if out.is_char_boundary(*at) {
                out.insert(*at, '\n');
            }
        }
        out
    }
}

impl Para {
    /// Undo the broken-word joins whose continuation is a word the page
    /// prints on its own elsewhere (`known`, see [`mid_line_words`]): a
    /// word that merely wrapped at a full line ("responsibilities" / "for")
    /// looks like a broken one, but the pieces of a broken word ("Nu" /
    /// "mb" / "er") are not words of the page.
    pub fn unbreak(&mut self, known: &std::collections::HashSet<String>) {
        for at in std::mem::take(&mut self.word_breaks).into_iter().rev() {
            let Some(rest) = self.text.get(at..) else {
                continue;
            };
            let next = rest.split_whitespace().next().unwrap_or("");
            // A number cut by the edge ("31-Mar-2" / "5"): a page prints
            // short numbers everywhere, so that is no evidence of two words.
            if number_cut(&self.text[..at], next) || !known.contains(&word_key(next)) {
                self.word_breaks.push(at);
                continue;
            }
            self.text.insert(at, ' ');
            self.hyphen_breaks.retain(|b| *b != at);
            for b in self
                .hyphen_breaks
                .iter_mut()
                .chain(self.word_breaks.iter_mut())
                .chain(self.soft_breaks.iter_mut())
            {
                if *b > at {
                    *b += 1;
                }
            }
        }
        self.word_breaks.sort_unstable();
        self.join_soft_breaks(known);
    }

    /// Join the pieces each side of a soft break (see [`Self::soft_breaks`])
    /// when together they are a word the page prints and the second piece
    /// alone is not ("Safeg" / "uarding", where "safeguarding" is printed
    /// elsewhere): two real words are each printed, and their run-together
    /// form seldom is.
    fn join_soft_breaks(&mut self, known: &std::collections::HashSet<String>) {
        for at in std::mem::take(&mut self.soft_breaks).into_iter().rev() {
            if self.text.as_bytes().get(at) != Some(&b' ') {
                continue;
            }
            let before = self.text[..at].split_whitespace().next_back().unwrap_or("");
            let after = self.text[at + 1..].split_whitespace().next().unwrap_or("");
            let (b, a) = (word_key(before), word_key(after));
            if b.is_empty() || a.is_empty() || known.contains(&a) {
                continue;
            }
            if !known.contains(&format!("{b}{a}")) {
                continue;
            }
            self.text.remove(at);
            for v in self
                .hyphen_breaks
                .iter_mut()
                .chain(self.word_breaks.iter_mut())
            {
                if *v > at {
                    *v -= 1;
                }
            }
            self.hyphen_breaks.push(at);
            self.word_breaks.push(at);
        }
        self.hyphen_breaks.sort_unstable();
        self.word_breaks.sort_unstable();
    }
}

/// A word's comparison form: letters and digits, lower case.
pub fn word_key(w: &str) -> String {
    w.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words printed after another word on a line (never a line's first word,
/// where a broken word's piece would be).
pub fn mid_line_words<'a>(
    lines: impl IntoIterator<Item = &'a Line>,
    into: &mut std::collections::HashSet<String>,
) {
    for l in lines {
        for w in l.words.iter().skip(1) {
            let k = word_key(&w.text);
            if !k.is_empty() {
                into.insert(k);
            }
        }
    }
}

/// The first word of each paragraph: a word the page prints on its own
/// (a one-word cell such as a column header "Due"), never the tail piece of
/// a broken word, which is always joined to the line above. A join whose
/// continuation is such a word ("Revised" / "due" in a narrow header cell,
/// where even one more letter would not have fitted, so geometry cannot
/// tell) is a wrap, as [`Para::unbreak`] undoes for mid-line words.
pub fn para_first_words<'a>(
    paras: impl IntoIterator<Item = &'a Para>,
    into: &mut std::collections::HashSet<String>,
) {
    for p in paras {
        let k = word_key(p.text.split_whitespace().next().unwrap_or(""));
        if !k.is_empty() {
            into.insert(k);
        }
    }
}

/// A bullet glyph alone (`model::bullets`). Dashes and "o" are left out:
/// a wrapped "0 – 19" must not lose its dash.
pub fn is_bullet(w: &str) -> bool {
    crate::model::bullets::is_bullet_word(w)
}

/// Is the join of `before` and `after` (the text each side of a line
/// break) one number cut by the edge: digits on both sides ("31-Mar-2" /
/// "5"), or a separator inside a number at either side ("1." / "01",
/// "2025" / "-04-30")? A line-final "-" is joined by the hyphen rule.
fn number_cut(before: &str, after: &str) -> bool {
    let sep = |c: char| matches!(c, '.' | '-' | '/');
    let mut back = before.chars().rev();
    let mut fore = after.chars();
    let (Some(a), Some(b)) = (back.next(), fore.next()) else {
        return false;
    };
    let (a2, b2) = (back.next(), fore.next());
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    (a.is_ascii_digit() && (b.is_ascii_digit() || (sep(b) && digit(b2))))
        || (sep(a) && digit(a2) && b.is_ascii_digit())
}

/// Did a word too wide for its column break at `p`'s end with no hyphen
/// (how LibreOffice sets "Number" in a narrow cell: "Nu" / "mb" / "er")?
/// `p` is that one word alone, reaching the wrap edge: the next line's first
/// glyph would not have fitted after it. A word that merely wrapped ends a
/// line that had room for at least a space and the next word's first
/// letter, so it is told apart by geometry alone.
fn broken_word(p: &Line, next: &Line, right: f32) -> bool {
    let [only] = p.words.as_slice() else {
        return false;
    };
    let Some(w) = next.words.first() else {
        return false;
    };
    let glyph = (w.x1 - w.x0) / w.text.chars().count().max(1) as f32;
    let (Some(a), Some(b)) = (only.text.chars().last(), w.text.chars().next()) else {
        return false;
    };
    // Inside a word the letter case runs on ("Nu|mb", "ACTIVIT|Y"); a
    // capital after a small letter starts a new word ("Outcomes|How").
    let same_case = !(a.is_lowercase() && b.is_uppercase());
    // No word starts with closing punctuation: a line that does holds the
    // end of a word too wide for its cell ("responsibilities" / ".").
    let closing = matches!(b, '.' | ',' | ';' | ':' | '!' | '?' | ')');
    ((a.is_alphanumeric() && (b.is_alphanumeric() || closing) && same_case)
        || number_cut(&only.text, &w.text))
        && p.x1 + glyph >= right - PDF.broken_word_slack
}

/// Did a line of several words end at the wrap edge in the middle of a
/// word ("Named Nurse Safeg" / "uarding")? Its last word reaches the edge
/// with no room for one more letter, and the next line runs on in lower
/// case from a letter. Geometry alone cannot tell this from a full line
/// that wrapped between words, so the break is only marked (a space is
/// kept) for [`Para::unbreak`] to judge by the page's words.
fn soft_break(p: &Line, next: &Line, right: f32) -> bool {
    let (Some(last), Some(w)) = (p.words.last(), next.words.first()) else {
        return false;
    };
    let glyph = (w.x1 - w.x0) / w.text.chars().count().max(1) as f32;
    p.words.len() > 1
        && last.text.chars().last().is_some_and(char::is_alphabetic)
        && w.text.chars().next().is_some_and(char::is_lowercase)
        && p.x1 + glyph >= right - PDF.broken_word_slack
}

/// Does `l` open with a run-in label under a line of plain text: a few bold
/// words ending in a colon ("Who:", "What we will do:"), then plain text?
/// Paragraphs set with no space between them part only where a line ends
/// short, so a full last line would join the next labelled paragraph; the
/// label shows where it starts. A bold phrase wrapped to the head of a line
/// mid-paragraph does not end in a colon with plain text after it.
fn run_in_label(p: &Line, l: &Line) -> bool {
    let bold = l.words.iter().take_while(|w| w.bold).count();
    (1..=PDF.label_words).contains(&bold)
        && bold < l.words.len()
        && l.words[bold - 1].text.ends_with(':')
        && p.words.last().is_some_and(|w| !w.bold)
}

/// Group lines into paragraphs. `right` is the right edge text wraps at (a
/// cell's inner edge, or the body column's right edge).
pub fn paragraphs(lines: &[Line], right: f32) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut prev: Option<&Line> = None;
    for l in lines {
        let first = l.words.first().map_or("", |w| w.text.as_str());
        let bullet = l.words.len() > 1 && is_bullet(first);
        let new = match prev {
            None => true,
            Some(p) => {
                let gap = l.top - p.bottom;
                let size = p.size.max(1.0);
                let fits = l
                    .words
                    .first()
                    .is_some_and(|w| p.x1 + 0.3 * size + (w.x1 - w.x0) < right - 0.5 * size);
                gap > PDF.para_gap * size
                    || fits
                    || bullet
                    || run_in_label(p, l)
                    || (l.size - p.size).abs() > 0.5
                    || l.bold != p.bold
            }
        };
        let (text, lead) = if bullet {
            let rest = Line {
                words: l.words[1..].to_vec(),
                ..l.clone()
            };
            (rest.text(), rest.bold_lead())
        } else {
            (l.text(), l.bold_lead())
        };
        match (new, out.last_mut()) {
            (false, Some(para)) => {
                if prev.is_some_and(|p| broken_word(p, l, right)) {
                    para.hyphen_breaks.push(para.text.len());
                    para.word_breaks.push(para.text.len());
                } else if !para.text.ends_with('-') || para.text.ends_with(" -") {
                    if prev.is_some_and(|p| soft_break(p, l, right)) {
                        para.soft_breaks.push(para.text.len());
                    }
                    para.text.push(' ');
                } else {
                    para.hyphen_breaks.push(para.text.len());
                }
                para.text.push_str(&text);
                para.bottom = l.bottom;
                para.last_x1 = l.x1;
                para.bold &= l.bold;
            }
            _ => out.push(Para {
                bold_prefix: if l.bold { 0 } else { lead },
                text,
                size: l.size,
                font: l.font,
                bold: l.bold,
                bullet,
                top: l.top,
                bottom: l.bottom,
                x0: l.x0,
                last_x1: l.x1,
                first_w: l.words.first().map_or(0.0, |w| w.x1 - w.x0),
                hyphen_breaks: Vec::new(),
                word_breaks: Vec::new(),
                soft_breaks: Vec::new(),
            }),
        }
        prev = Some(l);
    }
    out
}

/// A line of 10-point text, 5 points a character, pieces at given x: the
/// unit tests of the table finders build pages from these.
#[cfg(test)]
pub(crate) fn test_line(top: f32, bold: bool, pieces: &[(f32, &str)]) -> Line {
    let mut words = Vec::new();
    for (x, s) in pieces {
        let mut at = *x;
        for w in s.split(' ') {
            let x1 = at + 5.0 * w.chars().count() as f32;
            words.push(Word {
                text: w.to_string(),
                x0: at,
                x1,
                bottom: top + 10.0,
                bold,
            });
            at = x1 + 2.5;
        }
    }
    Line {
        x0: words.first().map_or(0.0, |w| w.x0),
        x1: words.last().map_or(0.0, |w| w.x1),
        words,
        top,
        bottom: top + 10.0,
        size: 10.0,
        font: 0,
        bold,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(c: char, x0: f32, w: f32, base: f32, size: f32) -> Glyph {
        Glyph {
            c,
            x0,
            x1: x0 + w,
            top: base - 0.8 * size,
            bottom: base + 0.2 * size,
            size,
            font: 0,
            rise: 0.0,
            upright: true,
        }
    }

    fn run(s: &str, x: f32, base: f32, size: f32) -> Vec<Glyph> {
        let w = 0.5 * size;
        s.chars()
            .enumerate()
            .map(|(i, c)| g(c, x + w * i as f32, w, base, size))
            .collect()
    }

    #[test]
    fn raised_small_suffix_joins_its_number() {
        let mut gs = run("on 3", 0.0, 100.0, 10.0);
        gs.extend(run("rd", 20.0, 96.0, 6.0));
        gs.extend(run(" June", 26.0, 100.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let ls = lines(&refs, &FontCache::default());
        assert_eq!(ls.len(), 1);
        assert_eq!(ls[0].text(), "on 3rd June");
    }

    #[test]
    fn a_raised_digit_after_a_full_stop_is_a_footnote_mark() {
        let mut gs = run("no place.", 0.0, 100.0, 10.0);
        gs.extend(run("12", 45.0, 96.0, 6.0));
        gs.extend(run(" Then area m", 51.0, 100.0, 10.0));
        gs.extend(run("2", 111.0, 96.0, 6.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let ls = lines(&refs, &FontCache::default());
        assert_eq!(ls.len(), 1);
        assert_eq!(ls[0].text(), "no place. Then area m2");
    }

    #[test]
    fn gaps_split_words_and_lines_stack() {
        let mut gs = run("ab", 0.0, 100.0, 10.0);
        gs.extend(run("cd", 13.0, 100.0, 10.0)); // 3 pt gap > 0.2 em
        gs.extend(run("next", 0.0, 112.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let ls = lines(&refs, &FontCache::default());
        let t: Vec<String> = ls.iter().map(Line::text).collect();
        assert_eq!(t, vec!["ab cd", "next"]);
    }

    #[test]
    fn wrapped_lines_join_and_hyphens_stay() {
        // Line 1 fills the width and ends "Covid-"; line 2 is short; line 3
        // starts a new paragraph after a gap.
        let mut gs = run("aaaaaaaa Covid-", 0.0, 100.0, 10.0);
        gs.extend(run("19 plans", 0.0, 112.0, 10.0));
        gs.extend(run("Next para", 0.0, 130.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let ls = lines(&refs, &FontCache::default());
        let ps = paragraphs(&ls, 76.0);
        let t: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(t, vec!["aaaaaaaa Covid-19 plans", "Next para"]);
        assert_eq!(ps[0].printed(), "aaaaaaaa Covid-\n19 plans");
    }

    #[test]
    fn a_run_in_label_starts_a_paragraph_under_a_full_line() {
        // No space between paragraphs, and the line above is full: only the
        // bold label ending in a colon shows where the next one starts.
        let label = |top: f32, text: &str, bold_words: usize| {
            let mut l = test_line(top, false, &[(0.0, text)]);
            for w in l.words.iter_mut().take(bold_words) {
                w.bold = true;
            }
            l
        };
        let full = test_line(0.0, false, &[(0.0, "aaaa bbbb cccc dddd")]);
        let right = full.x1 + 1.0;
        let ls = vec![full.clone(), label(12.0, "Who: Lead officer", 1)];
        let t: Vec<String> = paragraphs(&ls, right).into_iter().map(|p| p.text).collect();
        assert_eq!(t, vec!["aaaa bbbb cccc dddd", "Who: Lead officer"]);
        // A bold phrase with no colon wraps on as before; so does a label
        // under a line that ends in bold (one bold run across the wrap).
        let mut bold_end = full.clone();
        if let Some(w) = bold_end.words.last_mut() {
            w.bold = true;
        }
        for ls in [
            vec![full.clone(), label(12.0, "Key words and more", 2)],
            vec![bold_end, label(12.0, "Who: Lead officer", 1)],
        ] {
            assert_eq!(paragraphs(&ls, right).len(), 1);
        }
    }

    #[test]
    fn a_word_broken_at_a_narrow_cell_edge_joins_without_a_space() {
        // "Numbe" fills the 25-point cell, "r" goes on below; in a
        // 40-point cell "Lead" / "roles" is a wrap with room to spare.
        let mut gs = run("Numbe", 0.0, 100.0, 10.0);
        gs.extend(run("r", 0.0, 112.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let ps = paragraphs(&lines(&refs, &FontCache::default()), 26.0);
        assert_eq!(ps[0].text, "Number");
        assert_eq!(ps[0].printed(), "Numbe\nr");
        let mut gs = run("Lead", 0.0, 100.0, 10.0);
        gs.extend(run("roles", 0.0, 112.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let ps = paragraphs(&lines(&refs, &FontCache::default()), 40.0);
        assert_eq!(ps[0].text, "Lead roles");
    }

    #[test]
    fn a_number_cut_at_its_separator_joins_without_a_space() {
        // "4." fills the 10-point cell and "12" goes on below: a ref; the
        // date "2027" / "-01-15" likewise. With room after it, "4." is a
        // label and the text beside it wraps with a space.
        for (a, b, right, want) in [
            ("4.", "12", 11.0, "4.12"),
            ("2027", "-01-15", 21.0, "2027-01-15"),
            ("4.", "12 weeks", 25.0, "4. 12 weeks"),
        ] {
            let mut gs = run(a, 0.0, 100.0, 10.0);
            gs.extend(run(b, 0.0, 112.0, 10.0));
            let refs: Vec<&Glyph> = gs.iter().collect();
            let mut ps = paragraphs(&lines(&refs, &FontCache::default()), right);
            ps[0].unbreak(&["12".to_string()].into_iter().collect());
            assert_eq!(ps[0].text, want);
        }
        assert!(number_cut("1.", "01") && number_cut("31-Mar-2", "5"));
        assert!(!number_cut("Q1", "plan") && !number_cut("item.", "2") && !number_cut("", "1"));
    }

    #[test]
    fn a_word_broken_on_a_full_line_of_words_joins_when_the_page_prints_it() {
        // "Key Worke" fills the 45-point cell and "rs meet" goes on below:
        // "workers" is printed elsewhere and "rs" is not, so it is one
        // word; "Key Worke" / "led" stays two words ("led" is printed).
        let mut gs = run("Key Worke", 0.0, 100.0, 10.0);
        gs.extend(run("rs meet", 0.0, 112.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let mut ps = paragraphs(&lines(&refs, &FontCache::default()), 46.0);
        assert_eq!(ps[0].text, "Key Worke rs meet");
        let mut other = ps[0].clone();
        let known: std::collections::HashSet<String> =
            ["workers", "meet"].iter().map(|w| w.to_string()).collect();
        ps[0].unbreak(&known);
        assert_eq!(ps[0].text, "Key Workers meet");
        assert_eq!(ps[0].printed(), "Key Worke\nrs meet");
        let known: std::collections::HashSet<String> =
            ["workers", "rs"].iter().map(|w| w.to_string()).collect();
        other.unbreak(&known);
        assert_eq!(other.text, "Key Worke rs meet");
        // With room for a letter more, no break is marked.
        let ps = paragraphs(&lines(&refs, &FontCache::default()), 60.0);
        assert!(ps[0].soft_breaks.is_empty());
    }

    #[test]
    fn a_full_stop_alone_at_a_line_start_ends_the_word_above() {
        // "duties." is too wide for the 36-point cell: the stop goes below.
        let mut gs = run("duties", 0.0, 100.0, 10.0);
        gs.extend(run(". Next", 0.0, 112.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let ps = paragraphs(&lines(&refs, &FontCache::default()), 31.0);
        assert_eq!(ps[0].text, "duties. Next");
    }

    #[test]
    fn a_join_the_page_contradicts_is_undone() {
        // "responsibilities" fills the cell and "for" goes on below: it
        // looks broken, but "for" is a word printed mid-line elsewhere.
        let mut gs = run("responsibilities", 0.0, 100.0, 10.0);
        gs.extend(run("for all", 0.0, 112.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let ls = lines(&refs, &FontCache::default());
        let mut ps = paragraphs(&ls, 81.0);
        assert_eq!(ps[0].text, "responsibilitiesfor all");
        let mut known = std::collections::HashSet::new();
        mid_line_words(&ls, &mut known);
        ps[0].unbreak(&std::collections::HashSet::new());
        assert_eq!(ps[0].text, "responsibilitiesfor all");
        ps[0].unbreak(&["for".to_string()].into_iter().collect());
        assert_eq!(ps[0].text, "responsibilities for all");
        assert_eq!(ps[0].printed(), "responsibilities for all");
        assert!(known.contains("all") && !known.contains("for"));
        // A number cut at the edge stays whole, whatever numbers the page
        // prints elsewhere.
        let mut gs = run("31-Dec-2", 0.0, 100.0, 10.0);
        gs.extend(run("6", 0.0, 112.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let mut ps = paragraphs(&lines(&refs, &FontCache::default()), 41.0);
        assert_eq!(ps[0].text, "31-Dec-26");
        ps[0].unbreak(&["6".to_string()].into_iter().collect());
        assert_eq!(ps[0].text, "31-Dec-26");
    }

    #[test]
    fn a_word_that_opens_another_paragraph_undoes_a_join() {
        // "Planned" fills its narrow cell and "end" goes below: no glyph
        // would have fitted after it, so the join stands until the page
        // prints "End" as a paragraph of its own (a header cell beside it).
        let mut gs = run("Planned", 0.0, 100.0, 10.0);
        gs.extend(run("end", 0.0, 112.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let mut ps = paragraphs(&lines(&refs, &FontCache::default()), 36.0);
        assert_eq!(ps[0].text, "Plannedend");
        let other = run("End", 60.0, 100.0, 10.0);
        let refs: Vec<&Glyph> = other.iter().collect();
        let header = paragraphs(&lines(&refs, &FontCache::default()), 100.0);
        let mut known = std::collections::HashSet::new();
        para_first_words(&ps, &mut known);
        assert!(!known.contains("end"), "a continuation is not a first word");
        para_first_words(&header, &mut known);
        ps[0].unbreak(&known);
        assert_eq!(ps[0].text, "Planned end");
    }

    #[test]
    fn a_bullet_glyph_makes_a_list_item() {
        let mut gs = run("• first item", 0.0, 100.0, 10.0);
        gs.extend(run("• second", 0.0, 112.0, 10.0));
        let refs: Vec<&Glyph> = gs.iter().collect();
        let ps = paragraphs(&lines(&refs, &FontCache::default()), 200.0);
        assert_eq!(ps.len(), 2);
        assert!(ps.iter().all(|p| p.bullet));
        assert_eq!(ps[0].text, "first item");
    }
}
