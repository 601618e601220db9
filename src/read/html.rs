//! Web pages: a Word or LibreOffice "Save as HTML" (or any HTML page) into
//! the document model, through a real HTML parser (html5ever via `scraper`).
//!
//! Why a parser and not tag stripping: saved pages carry every named and
//! numeric entity (`&rsquo;`, `&#8211;`), Office namespaces (`<o:p>`),
//! conditional comments around list labels, and tables whose `rowspan` and
//! `colspan` only mean something once the HTML table algorithm has placed
//! every cell. html5ever decodes and repairs all of that as a browser does.
//!
//! What is read: paragraphs (`<p>`, `<div>`, other blocks, `<br>` as a soft
//! break), headings (`<h1>`–`<h6>`, and a "Title" paragraph class), list items
//! (`<li>`, numbered for `<ol>`), bold runs (`<b>`, `<strong>`, CSS
//! `font-weight`), and tables: rows from `<tr>` (in `<thead>`, header rows),
//! cells placed by the HTML table algorithm with their spans, fills from
//! `bgcolor` or a CSS `background`/`background-color` on the cell or its row.
//! Not read: `<head>` (except `<title>`, the fallback title), scripts, styles,
//! hidden elements (`display:none`, `mso-hide:all`), tracked deletions
//! (`<del>`), images, and Word's notes around the body: comment anchors and
//! lists, footnote marks and lists, content-control placeholders
//! (`office_aside`). Word's list labels (`mso-list:Ignore`) and a bullet
//! glyph opening a paragraph make list items, not text. A LibreOffice HTML export drops change tracking,
//! so a draft's deleted text is in its page as ordinary text.

use scraper::{ElementRef, Html, Node};

use super::Limits;
use super::blocks::{self, Item, Runs};
use crate::model::{Cell, Document, Format, Paragraph, Provenance, Rgb, Row, Table};

/// Deepest element nesting walked as structure; deeper content is read as
/// plain text of the enclosing paragraph (no recursion past this).
const MAX_DEPTH: usize = 256;
/// Largest `colspan` honoured (the HTML standard's own cap).
const MAX_COLSPAN: usize = 1_000;
/// Widest table grid built.
const MAX_COLUMNS: usize = 1_024;

/// Read an HTML page. Infallible: html5ever repairs any markup.
pub fn read(bytes: &[u8], _limits: &Limits) -> Document {
    let text = decode(bytes);
    let html = Html::parse_document(&text);
    let mut w = Walker::default();
    let root = html.root_element();
    let mut items = Vec::new();
    let body = root
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or(root);
    w.container(body, Inherit::default(), &mut items);
    w.flush(&mut items);
    let blocks = blocks::into_blocks(items);
    let page_title = root
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "head")
        .and_then(|h| {
            h.children()
                .filter_map(ElementRef::wrap)
                .find(|e| e.value().name() == "title")
        })
        .map(|t| collapse(&t.text().collect::<String>()).trim().to_string())
        .filter(|t| !t.is_empty());
    let mut doc = Document::new(Format::Html);
    doc.title = blocks::title_of(&blocks).or(page_title);
    doc.blocks = blocks;
    doc
}

/// The page's text: a BOM decides, else a `charset` in the first 4 KiB
/// (Word saves in windows-1252 and says so), else UTF-8 when the bytes are
/// valid UTF-8, else windows-1252.
fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = head.find("charset").and_then(|at| {
        let rest = head[at + 7..].trim_start().strip_prefix('=')?;
        let label: String = rest
            .trim_start_matches([' ', '"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    match declared {
        // A page cannot declare UTF-16 in ASCII bytes; such a label is wrong.
        Some(enc) if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE => {
            enc.decode_without_bom_handling(bytes).0.into_owned()
        }
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        },
    }
}

/// What an element passes to its content.
#[derive(Debug, Clone, Copy, Default)]
struct Inherit {
    bold: bool,
    /// Lists around (0 outside any).
    lists: u8,
    depth: usize,
    /// Tables around (for how deep nested tables are flattened).
    tables: usize,
    pre: bool,
}

/// The attributes of the paragraph being built.
#[derive(Debug, Clone, Default)]
struct ParaAttrs {
    heading: Option<u8>,
    list: Option<u8>,
    name: Option<std::sync::Arc<str>>,
}

#[derive(Default)]
struct Walker {
    /// The open paragraph: (text, bold, plain) pieces.
    pieces: Vec<(String, bool, bool)>,
    attrs: ParaAttrs,
    /// The label of the list item just opened (`1.`), for its first paragraph.
    label: Option<String>,
    /// The label of the `<ol>` item about to open.
    next_label: Option<String>,
    index: u32,
}

impl Walker {
    /// Close the open paragraph (if it has text) into an item.
    fn flush(&mut self, out: &mut Vec<Item>) {
        let mut pieces = std::mem::take(&mut self.pieces);
        // Trailing white space and breaks are not content.
        while let Some(last) = pieces.last_mut() {
            let t = last.0.trim_end_matches([' ', '\n']).len();
            last.0.truncate(t);
            if last.0.is_empty() {
                pieces.pop();
            } else {
                break;
            }
        }
        if pieces.iter().all(|p| p.0.trim().is_empty()) {
            return;
        }
        let mut list = self.attrs.list;
        if self.label.is_none() && strip_bullet(&mut pieces) {
            list.get_or_insert(0);
        }
        let mut runs = Runs::default();
        if let Some(label) = self.label.take() {
            runs.push_plain(&label);
            runs.push_plain(" ");
        }
        for (t, bold, plain) in pieces {
            if plain {
                runs.push_plain(&t);
            } else {
                runs.push(&t, bold);
            }
        }
        let at = Provenance {
            index: Some(self.index),
            ..Default::default()
        };
        self.index += 1;
        let p = runs.finish(self.attrs.name.clone(), list, at);
        out.push(Item::Para(p, self.attrs.heading));
    }

    /// Does the open paragraph end in white space (or is it empty)?
    fn at_space(&self) -> bool {
        self.pieces
            .iter()
            .rev()
            .find(|p| !p.0.is_empty())
            .is_none_or(|p| p.0.ends_with([' ', '\n']))
    }

    fn text(&mut self, t: &str, inh: Inherit) {
        if inh.pre {
            let t = t.replace("\r\n", "\n");
            self.pieces.push((t, inh.bold, false));
            return;
        }
        let mut s = collapse(t);
        if s.starts_with(' ') && self.at_space() {
            s.remove(0);
        }
        if !s.is_empty() {
            self.pieces.push((s, inh.bold, false));
        }
    }

    fn plain(&mut self, t: &str) {
        self.pieces.push((t.to_string(), false, true));
    }

    /// Walk an element's children as body content.
    fn container(&mut self, el: ElementRef<'_>, inh: Inherit, out: &mut Vec<Item>) {
        let mut ol_number = el
            .value()
            .attr("start")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or(1);
        for child in el.children() {
            crate::work::step(1);
            match child.value() {
                Node::Text(t) => self.text(t, inh),
                Node::Element(_) => {
                    let Some(e) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if el.value().name() == "ol" && e.value().name() == "li" {
                        if let Some(v) = e.value().attr("value").and_then(|v| v.trim().parse().ok())
                        {
                            ol_number = v;
                        }
                        self.next_label = Some(format!(
                            "{}.",
                            ordinal(ol_number, el.value().attr("type").unwrap_or("1"))
                        ));
                        ol_number = ol_number.saturating_add(1);
                    }
                    self.element(e, inh, out);
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, e: ElementRef<'_>, inh: Inherit, out: &mut Vec<Item>) {
        let name = e.value().name().to_ascii_lowercase();
        if SKIPPED.contains(&name.as_str()) || hidden(e) || office_aside(e) {
            return;
        }
        if css(e, "mso-list").is_some_and(|v| v.eq_ignore_ascii_case("ignore")) {
            // Word's list label (the bullet or number it prints before a
            // list paragraph, in a `<![if !supportLists]>` block): the
            // paragraph is a list item, labelled unless the label is a
            // bullet.
            let t: String = e.text().collect();
            let t = t.trim();
            self.attrs.list.get_or_insert(0);
            if !t.is_empty() && !crate::model::bullets::is_bullet_word(t) {
                self.label = Some(t.to_string());
            }
            return;
        }
        if inh.depth >= MAX_DEPTH {
            // Hostile nesting: the rest is text of the open paragraph.
            let t: String = e.text().collect();
            self.text(&t, inh);
            return;
        }
        let mut inner = Inherit {
            depth: inh.depth + 1,
            bold: weight(e).unwrap_or(inh.bold),
            ..inh
        };
        match name.as_str() {
            "br" => self.plain("\n"),
            "b" | "strong" => {
                inner.bold = weight(e).unwrap_or(true);
                self.container(e, inner, out);
            }
            "table" => {
                self.flush(out);
                inner.tables = inh.tables + 1;
                let t = self.table(e, inner);
                out.push(Item::Table(t));
            }
            "ul" | "ol" | "dl" | "menu" => {
                self.flush(out);
                inner.lists = inh.lists.saturating_add(1);
                self.container(e, inner, out);
                self.flush(out);
            }
            n if BLOCKS.contains(&n) => {
                self.flush(out);
                if n == "li" {
                    self.label = self.next_label.take();
                }
                let heading =
                    heading_level(n).or_else(|| e.value().classes().find_map(heading_class));
                let list = if n == "li" {
                    Some(inh.lists.saturating_sub(1))
                } else {
                    word_list_level(e).or(self.attrs.list)
                };
                let saved = std::mem::replace(
                    &mut self.attrs,
                    ParaAttrs {
                        heading,
                        list,
                        name: None,
                    },
                );
                inner.pre = inh.pre || n == "pre";
                self.container(e, inner, out);
                self.flush(out);
                self.attrs = saved;
                if n == "li" {
                    self.label = None;
                }
            }
            _ => self.container(e, inner, out),
        }
    }

    /// A `<table>` into a model table: the HTML table algorithm places each
    /// cell at the first free column of its row, past cells spanning down
    /// from rows above.
    fn table(&mut self, t: ElementRef<'_>, inh: Inherit) -> Table {
        let mut raw = Vec::new();
        for sec in t.children().filter_map(ElementRef::wrap) {
            match sec.value().name() {
                "thead" => collect(sec, true, &mut raw),
                "tbody" | "tfoot" => collect(sec, false, &mut raw),
                _ => {}
            }
        }
        // Rows directly under <table> (html5ever puts them in a tbody, but
        // a fragment may not have one).
        collect(t, false, &mut raw);

        let n_rows = raw.len();
        // taken[r][c]: a cell spanning down from an earlier row.
        let mut taken: Vec<Vec<bool>> = vec![Vec::new(); n_rows];
        let mut rows = Vec::with_capacity(n_rows);
        let mut columns = 0usize;
        for (r, (header, row_fill, tds)) in raw.into_iter().enumerate() {
            let mut cells = Vec::new();
            let mut col = 0usize;
            for td in tds {
                while taken[r].get(col).copied().unwrap_or(false) {
                    col += 1;
                }
                if col >= MAX_COLUMNS {
                    break;
                }
                let span = |a: &str| {
                    td.value()
                        .attr(a)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                };
                let col_span = span("colspan").unwrap_or(1).clamp(1, MAX_COLSPAN);
                let col_span = col_span.min(MAX_COLUMNS - col);
                // rowspan="0" reaches the end of the table.
                let row_span = match span("rowspan") {
                    Some(0) => n_rows - r,
                    Some(n) => n.clamp(1, n_rows - r),
                    None => 1,
                };
                for covered in taken.iter_mut().skip(r).take(row_span) {
                    if covered.len() < col + col_span {
                        covered.resize(col + col_span, false);
                    }
                    covered[col..col + col_span].fill(true);
                }
                let mut sub = Walker {
                    index: self.index,
                    ..Default::default()
                };
                let mut items = Vec::new();
                sub.container(td, Inherit { lists: 0, ..inh }, &mut items);
                sub.flush(&mut items);
                self.index = sub.index;
                let paragraphs: Vec<Paragraph> = blocks::cell_content(items, inh.tables);
                cells.push(Cell {
                    row_span,
                    col_span,
                    fill: blocks::fill(fill_of(td).or(row_fill)),
                    ..Cell::new(col, paragraphs)
                });
                col += col_span;
                columns = columns.max(col);
            }
            rows.push(Row {
                cells,
                header,
                ..Default::default()
            });
        }
        Table {
            rows,
            columns,
            pages: Vec::new(),
            at: Provenance::default(),
        }
    }
}

/// Drop a bullet glyph that opens a paragraph, with the space after it: a
/// list item whose label was saved as text (Word's "Web Page, Filtered"
/// prints the Symbol bullet as `&middot;` before a run of `&nbsp;`).
/// Returns whether there was one.
fn strip_bullet(pieces: &mut Vec<(String, bool, bool)>) -> bool {
    let lead: String = pieces.iter().map(|p| p.0.as_str()).collect();
    let t = lead.trim_start();
    let mut cs = t.chars();
    let Some(c) = cs.next() else {
        return false;
    };
    if !crate::model::bullets::is_bullet_glyph(c) || !cs.next().is_some_and(char::is_whitespace) {
        return false;
    }
    let rest = &t[c.len_utf8()..];
    let mut left = lead.len() - rest.trim_start().len();
    for p in pieces.iter_mut() {
        let k = left.min(p.0.len());
        p.0.drain(..k);
        left -= k;
        if left == 0 {
            break;
        }
    }
    pieces.retain(|p| !p.0.is_empty());
    true
}

/// A table section's rows: (header, the row's fill, its cells).
type RawRows<'a> = Vec<(bool, Option<Rgb>, Vec<ElementRef<'a>>)>;

fn collect<'a>(sec: ElementRef<'a>, header: bool, raw: &mut RawRows<'a>) {
    for tr in sec.children().filter_map(ElementRef::wrap) {
        if tr.value().name() != "tr" || hidden(tr) {
            continue;
        }
        let cells: Vec<ElementRef<'a>> = tr
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "td" | "th") && !hidden(*c))
            .collect();
        raw.push((header, fill_of(tr), cells));
    }
}

/// Elements whose content is never body text (`<del>`: a tracked deletion
/// as Word saves it, accepted).
const SKIPPED: &[&str] = &[
    "head", "script", "style", "title", "noscript", "template", "xml", "meta", "link", "img",
    "object", "embed", "iframe", "svg", "math", "button", "select", "option", "textarea", "input",
    "map", "area", "audio", "video", "canvas", "del",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "blockquote",
    "center",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "pre",
    "address",
    "figure",
    "figcaption",
    "caption",
    "form",
    "fieldset",
    "legend",
    "hr",
    "details",
    "summary",
    "tr",
    "td",
    "th",
];

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// A paragraph class naming a heading style: Word's `MsoTitle`,
/// `MsoHeading1`, LibreOffice's `title`.
fn heading_class(class: &str) -> Option<u8> {
    let c = class.strip_prefix("Mso").unwrap_or(class);
    crate::read::docx::styles::heading_from_name(c)
}

/// White space as HTML renders it: runs of spaces, tabs and line ends are
/// one space. A run of two or more that holds a no-break space is one space
/// too: Word prints a tab, and the gap after a list label, as a run of
/// `&nbsp;` (`<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp; </span>`);
/// a lone no-break space ("by&nbsp;Q2") is kept.
fn collapse(t: &str) -> String {
    let mut s = String::with_capacity(t.len());
    let mut run = String::new();
    let end = |run: &mut String, s: &mut String| {
        if run.is_empty() {
            return;
        }
        if run == "\u{a0}" {
            s.push('\u{a0}');
        } else {
            s.push(' ');
        }
        run.clear();
    };
    for ch in t.chars() {
        if matches!(ch, ' ' | '\t' | '\n' | '\r' | '\u{c}' | '\u{a0}') {
            run.push(ch);
            continue;
        }
        end(&mut run, &mut s);
        s.push(ch);
    }
    end(&mut run, &mut s);
    s
}

/// The `n`th label of an `<ol type>`.
fn ordinal(n: i64, kind: &str) -> String {
    let letters = |upper: bool| {
        let mut n = n.max(1);
        let mut s = Vec::new();
        while n > 0 {
            n -= 1;
            let c = (b'a' + (n % 26) as u8) as char;
            s.push(if upper { c.to_ascii_uppercase() } else { c });
            n /= 26;
        }
        s.iter().rev().collect::<String>()
    };
    match kind {
        "a" => letters(false),
        "A" => letters(true),
        "i" => roman(n).to_lowercase(),
        "I" => roman(n),
        _ => n.to_string(),
    }
}

/// Roman numerals as Word and browsers print them; other numbers as digits.
fn roman(n: i64) -> String {
    match u32::try_from(n) {
        Ok(n) => crate::read::lists::roman(n),
        Err(_) => n.to_string(),
    }
}

/// A CSS declaration's value from a `style` attribute.
fn css<'a>(e: ElementRef<'a>, prop: &str) -> Option<&'a str> {
    let style = e.value().attr("style")?;
    style.split(';').rev().find_map(|decl| {
        let (k, v) = decl.split_once(':')?;
        k.trim().eq_ignore_ascii_case(prop).then(|| v.trim())
    })
}

/// Word's notes and annotations around the body, not body text: comment
/// anchors (`<a class=msocomanchor>[RL1]</a>` in a `MsoCommentReference`
/// span), the comment, footnote and endnote lists at the page's foot
/// (`<div style='mso-element:comment-list'>`), page headers and footers
/// saved inline, footnote reference marks (`<a style='mso-footnote-id:
/// ftn1'>[1]</a>`), and a content control's placeholder prompt ("Click or
/// tap here to enter text.", `class=MsoPlaceholderText`, or the whole
/// control when Word marks it `ShowingPlcHdr`), which the DOCX reader
/// leaves out as well.
fn office_aside(e: ElementRef<'_>) -> bool {
    const CLASSES: &[&str] = &[
        "msocomanchor",
        "msocomoff",
        "msocommentreference",
        "msoplaceholdertext",
    ];
    const ELEMENTS: &[&str] = &[
        "comment-list",
        "comment",
        "footnote-list",
        "endnote-list",
        "footnote",
        "endnote",
        "header",
        "footer",
    ];
    let v = e.value();
    v.classes()
        .any(|c| CLASSES.iter().any(|k| c.eq_ignore_ascii_case(k)))
        || css(e, "mso-element").is_some_and(|m| ELEMENTS.iter().any(|k| m.eq_ignore_ascii_case(k)))
        || css(e, "mso-footnote-id").is_some()
        || css(e, "mso-endnote-id").is_some()
        || v.attr("showingplchdr")
            .is_some_and(|a| a.eq_ignore_ascii_case("t"))
}

/// The list level of a Word list paragraph (`style='mso-list:l0 level2
/// lfo1'`), counted from 0.
fn word_list_level(e: ElementRef<'_>) -> Option<u8> {
    let v = css(e, "mso-list")?;
    let n = v
        .split_whitespace()
        .find_map(|w| w.strip_prefix("level"))?
        .parse::<u8>()
        .ok()?;
    Some(n.saturating_sub(1))
}

fn hidden(e: ElementRef<'_>) -> bool {
    css(e, "display").is_some_and(|v| v.eq_ignore_ascii_case("none"))
        || css(e, "mso-hide").is_some_and(|v| v.eq_ignore_ascii_case("all"))
        || e.value().attr("hidden").is_some()
}

/// Bold set (or unset) by the element's own CSS.
fn weight(e: ElementRef<'_>) -> Option<bool> {
    let v = css(e, "font-weight")?.to_ascii_lowercase();
    match v.trim_end_matches("!important").trim() {
        "bold" | "bolder" | "600" | "700" | "800" | "900" => Some(true),
        "normal" | "lighter" | "100" | "200" | "300" | "400" | "500" => Some(false),
        _ => None,
    }
}

/// A cell's or row's fill: CSS `background-color`, the colour in a CSS
/// `background`, else the `bgcolor` attribute.
fn fill_of(e: ElementRef<'_>) -> Option<Rgb> {
    if let Some(v) = css(e, "background-color") {
        return color(v);
    }
    if let Some(c) = css(e, "background").and_then(|v| v.split_whitespace().find_map(color)) {
        return Some(c);
    }
    e.value().attr("bgcolor").and_then(color)
}

/// A CSS or HTML colour: `#rrggbb`, `#rgb`, `rgb(r, g, b)` or a name.
fn color(v: &str) -> Option<Rgb> {
    let v = v.trim().trim_end_matches("!important").trim();
    let lower = v.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix('#') {
        return match hex.len() {
            6 => Rgb::from_hex(hex),
            3 => {
                let d: Vec<u8> = hex
                    .chars()
                    .map(|c| c.to_digit(16).map(|d| d as u8 * 17))
                    .collect::<Option<_>>()?;
                Some(Rgb::new(d[0], d[1], d[2]))
            }
            _ => None,
        };
    }
    if let Some(args) = lower
        .strip_prefix("rgb(")
        .or_else(|| lower.strip_prefix("rgba("))
    {
        let parts: Vec<u8> = args
            .trim_end_matches(')')
            .split([',', ' ', '/'])
            .filter(|p| !p.is_empty())
            .take(3)
            .map(|p| {
                p.trim()
                    .parse::<f32>()
                    .ok()
                    .map(|f| f.clamp(0.0, 255.0) as u8)
            })
            .collect::<Option<_>>()?;
        return (parts.len() == 3).then(|| Rgb::new(parts[0], parts[1], parts[2]));
    }
    NAMED
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|&(_, hex)| Rgb::new((hex >> 16) as u8, (hex >> 8) as u8, hex as u8))
}

/// CSS colour names a plan's RAG cells use, and the greys of header rows.
const NAMED: &[(&str, u32)] = &[
    ("red", 0xFF0000),
    ("darkred", 0x8B0000),
    ("orange", 0xFFA500),
    ("darkorange", 0xFF8C00),
    ("yellow", 0xFFFF00),
    ("gold", 0xFFD700),
    ("green", 0x008000),
    ("lime", 0x00FF00),
    ("limegreen", 0x32CD32),
    ("lightgreen", 0x90EE90),
    ("darkgreen", 0x006400),
    ("blue", 0x0000FF),
    ("lightblue", 0xADD8E6),
    ("navy", 0x000080),
    ("purple", 0x800080),
    ("black", 0x000000),
    ("gray", 0x808080),
    ("grey", 0x808080),
    ("silver", 0xC0C0C0),
    ("lightgray", 0xD3D3D3),
    ("lightgrey", 0xD3D3D3),
    ("white", 0xFFFFFF),
    ("amber", 0xFFBF00),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;

    fn doc(src: &str) -> Document {
        read(src.as_bytes(), &Limits::default())
    }

    fn texts(d: &Document) -> Vec<String> {
        crate::read::blocks::block_texts(d)
    }

    #[test]
    fn entities_office_tags_and_whitespace() {
        let d = doc(
            "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><title>Saved plan</title>\
             <style>p{color:red}</style></head><body>\
             <p class=MsoNormal>Partners&rsquo; review &ndash; by&nbsp;Q2 &#8211; &#x2014;\n   done<o:p></o:p></p>\
             <p class=MsoNormal><o:p>&nbsp;</o:p></p>\
             <p>Line one<br>\nline <span style='display:none'>secret</span>two</p>\
             <div style=\"mso-hide:all\">hidden</div>\
             <p><b>Lead:</b> Jo <span style=\"font-weight:700\">Smith</span></p></body></html>",
        );
        assert_eq!(
            texts(&d),
            vec![
                "Partners\u{2019} review \u{2013} by\u{a0}Q2 \u{2013} \u{2014} done",
                "Line one\nline two",
                "Lead: Jo Smith"
            ]
        );
        let Block::Paragraph(p) = &d.blocks[2] else {
            panic!()
        };
        assert_eq!(&p.text[..p.style.bold_prefix], "Lead:");
        assert_eq!(d.title.as_deref(), Some("Saved plan"));
    }

    #[test]
    fn word_notes_placeholders_and_list_labels_are_not_text() {
        // An invented page in the markup of Word's "Web Page" save.
        let d = doc(
            "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">\
             <body lang=EN-GB><div class=WordSection1>\
             <p class=MsoNormal><span lang=EN-GB>Owner: Head of Audit<span class=MsoCommentReference><span\
             style='font-size:8.0pt'><a class=msocomanchor id=\"_anchor_1\" href=\"#_msocom_1\"\
             name=\"_msoanchor_1\">[QX1]</a>&nbsp;</span></span><a style='mso-footnote-id:ftn1'\
             href=\"#_ftn1\"><span class=MsoFootnoteReference>[1]</span></a><o:p></o:p></span></p>\
             <p class=MsoNormal><w:Sdt ShowingPlcHdr=\"t\" ID=\"9\"><span class=MsoPlaceholderText>Choose an item.</span></w:Sdt>\
             Status<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp; </span>open</p>\
             <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span\
             style='font-family:Symbol'><span style='mso-list:Ignore'>&middot;<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;\
             </span></span></span><![endif]>Train staff<o:p></o:p></p>\
             <p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><![if !supportLists]><span\
             style='mso-list:Ignore'>2.<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span><![endif]>Audit</p>\
             <p class=MsoListParagraph style='text-indent:-18.0pt'><span style='font-family:Symbol'>&middot;<span\
             style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span>Filtered item</p>\
             </div><div style='mso-element:comment-list'><![if !supportAnnotations]><hr class=msocomoff><![endif]>\
             <div style='mso-element:comment'><p class=MsoCommentText>Is this right?</p></div></div>\
             <div style='mso-element:footnote-list'><p class=MsoFootnoteText>A note.</p></div></body></html>",
        );
        assert_eq!(
            texts(&d),
            vec![
                "Owner: Head of Audit",
                "Status open",
                "Train staff",
                "2. Audit",
                "Filtered item"
            ]
        );
        let lists: Vec<Option<u8>> = d
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.list,
                _ => None,
            })
            .collect();
        assert_eq!(lists, vec![None, None, Some(1), Some(0), Some(0)]);
    }

    #[test]
    fn headings_lists_and_title_class() {
        let d = doc("<html><body><p class=MsoTitle>The plan</p><h2>Health</h2>\
             <ol type=a start=2><li>First</li><li><p>Second</p><ul><li>Inner</li></ul></li></ol></body></html>");
        assert_eq!(
            texts(&d),
            vec!["#0 The plan", "#2 Health", "b. First", "c. Second", "Inner"]
        );
        let Block::Paragraph(inner) = &d.blocks[4] else {
            panic!()
        };
        assert_eq!(inner.list, Some(1));
        assert_eq!(d.title.as_deref(), Some("The plan"));
    }

    #[test]
    fn tables_place_cells_past_rowspans_with_fills() {
        let d = doc(r##"<html><body><table>
            <thead><tr><th>Ref</th><th colspan=2>Action and lead</th></tr></thead>
            <tbody>
            <tr bgcolor="#f5f5f5"><td rowspan=2>1</td><td style="background:#FFC000 none">Audit</td><td>Jo</td></tr>
            <tr><td bgcolor=red><p>Train</p><p>staff</p></td><td><table><tr><td>nested</td></tr></table></td></tr>
            </tbody></table><p>After</p></body></html>"##);
        let Block::Table(t) = &d.blocks[0] else {
            panic!("{:?}", d.blocks)
        };
        assert_eq!(t.columns, 3);
        assert!(t.rows[0].header && !t.rows[1].header);
        assert_eq!(t.rows[0].cells[1].col_span, 2);
        assert_eq!(t.rows[1].cells[0].row_span, 2);
        assert_eq!(t.rows[1].cells[0].fill, None, "near-white row fill");
        assert_eq!(t.rows[1].cells[1].fill, Some(Rgb::new(0xFF, 0xC0, 0)));
        // Row 3 starts at column 1: column 0 is under the rowspan.
        assert_eq!(t.rows[2].cells[0].col, 1);
        assert_eq!(t.rows[2].cells[0].text(), "Train\nstaff");
        assert_eq!(t.rows[2].cells[0].fill, Some(Rgb::new(255, 0, 0)));
        assert_eq!(t.rows[2].cells[1].text(), "nested");
        assert_eq!(texts(&d)[1], "After");
    }

    #[test]
    fn charsets_from_bom_meta_or_bytes() {
        let mut w1252 = b"<html><head><meta charset=windows-1252></head><body><p>Caf".to_vec();
        w1252.extend_from_slice(b"\xe9 \x96 ok</p></body></html>");
        assert_eq!(
            texts(&read(&w1252, &Limits::default())),
            vec!["Caf\u{e9} \u{2013} ok"]
        );
        let utf16: Vec<u8> = "\u{feff}<html><body><p>Fine</p></body></html>"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(texts(&read(&utf16, &Limits::default())), vec!["Fine"]);
        // Undeclared and not UTF-8: windows-1252.
        assert_eq!(
            texts(&read(
                b"<html><body>na\xefve</body></html>",
                &Limits::default()
            )),
            vec!["na\u{ef}ve"]
        );
    }

    #[test]
    fn hostile_nesting_and_spans_are_bounded() {
        let deep = "<div>".repeat(5_000) + "deep" + &"</div>".repeat(5_000);
        assert_eq!(texts(&doc(&deep)), vec!["deep"]);
        let d = doc("<table><tr><td colspan=99999 rowspan=99999>x</td><td>y</td></tr></table>");
        let Block::Table(t) = &d.blocks[0] else {
            panic!()
        };
        assert_eq!(t.rows[0].cells[0].row_span, 1);
        assert_eq!(t.rows[0].cells[0].col_span, MAX_COLSPAN);
    }

    #[test]
    fn colours() {
        assert_eq!(color("#0f0"), Some(Rgb::new(0, 255, 0)));
        assert_eq!(color("rgb(255, 192, 0)"), Some(Rgb::new(255, 192, 0)));
        assert_eq!(color("Yellow"), Some(Rgb::new(255, 255, 0)));
        assert_eq!(color("transparent"), None);
        assert_eq!(ordinal(4, "I"), "IV");
        assert_eq!(ordinal(28, "a"), "ab");
    }
}
