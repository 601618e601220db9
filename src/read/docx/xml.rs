//! A small element tree over quick-xml, built with the limits a hostile part
//! cannot pass.
//!
//! Why a tree rather than walking events: WordprocessingML puts properties
//! (`w:tcPr`, `w:trPr`, `w:rPr`) before content and nests content in many
//! transparent wrappers (`w:sdt`, `w:hyperlink`, `mc:AlternateContent`); a tree
//! makes the walkers in [`super::body`] short and obviously right, and the parts
//! read are small next to the decompression cap that bounds the tree.
//!
//! Why namespaces are resolved: prefixes are the author's choice, and Strict
//! OOXML binds `w:` to another URI. Elements are tagged by namespace so a
//! DrawingML or VML element of the same local name is never taken for a `w:` one.
//! Attributes are matched by local name only (`w:val`, `val`).
//!
//! No DTD, no entities beyond XML's five predefined and character references:
//! a `<!DOCTYPE` is refused, so nothing can expand.

use std::borrow::Cow;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

/// Which vocabulary an element belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML (`w:`), transitional or strict.
    W,
    /// Markup compatibility (`mc:AlternateContent`, `mc:Choice`, `mc:Fallback`).
    Mc,
    /// Relationships in the package (`Relationship`), content types, or core
    /// properties: parts whose elements are matched by local name only.
    Other,
}

const W_NAMESPACES: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NAMESPACE: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Element {
    pub ns: Ns,
    /// Local name, without prefix ([`intern`]ed).
    pub name: Cow<'static, str>,
    /// Attributes by local name (names [`intern`]ed).
    pub attrs: Box<[(Cow<'static, str>, Box<str>)]>,
    /// Boxed slices, not vectors: exact size and 8 bytes smaller each, as
    /// a large part is millions of elements.
    pub children: Box<[Node]>,
}

/// Element and attribute names common enough in WordprocessingML and ODF
/// parts to be shared rather than allocated per element. Sorted.
const COMMON_NAMES: &[&str] = &[
    "AlternateContent",
    "Choice",
    "Fallback",
    "Relationship",
    "Target",
    "TargetMode",
    "Type",
    "abstractNum",
    "abstractNumId",
    "ascii",
    "b",
    "bCs",
    "basedOn",
    "body",
    "bookmarkEnd",
    "bookmarkStart",
    "br",
    "color",
    "cs",
    "document",
    "eastAsia",
    "fill",
    "gridCol",
    "gridSpan",
    "hAnsi",
    "i",
    "id",
    "ilvl",
    "ind",
    "jc",
    "lang",
    "lvl",
    "name",
    "noProof",
    "num",
    "numId",
    "numPr",
    "p",
    "pPr",
    "pStyle",
    "paraId",
    "r",
    "rFonts",
    "rPr",
    "rStyle",
    "rsidR",
    "rsidRDefault",
    "rsidRPr",
    "rsidTr",
    "sdt",
    "sdtContent",
    "sdtPr",
    "shd",
    "space",
    "spacing",
    "style",
    "style-name",
    "sz",
    "szCs",
    "t",
    "tab",
    "tbl",
    "tblGrid",
    "tblHeader",
    "tblPr",
    "tc",
    "tcBorders",
    "tcPr",
    "tcW",
    "textId",
    "tr",
    "trPr",
    "type",
    "u",
    "vAlign",
    "vMerge",
    "val",
    "w",
];

/// A name as stored in the tree: one shared copy of a common name, else its
/// own. Why: a table-heavy part is mostly `w:tr`, `w:tc`, `w:p`, `w:r` and
/// `w:t`, and a separate allocation for each of their names cost more than
/// the markup itself (issue 20: a 100,000-row DOCX).
pub fn intern(name: &str) -> Cow<'static, str> {
    match COMMON_NAMES.binary_search(&name) {
        Ok(i) => Cow::Borrowed(COMMON_NAMES[i]),
        Err(_) => Cow::Owned(name.to_owned()),
    }
}

/// Why a part could not be parsed.
#[derive(Debug, thiserror::Error)]
pub enum XmlError {
    #[error("malformed XML: {0}")]
    Malformed(String),
    #[error("XML nested deeper than {0} elements")]
    TooDeep(usize),
    #[error("more than {0} XML elements in one part")]
    TooManyElements(usize),
}

/// Most elements built into one tree. A tree node costs ~10x the bytes of a
/// minimal element like `<w:tr/>`, so without a count a part full of empty
/// elements could turn the decompression budget into gigabytes of memory.
/// Real documents stay far below (a 10-page plan has ~5,000 elements).
pub const MAX_ELEMENTS: usize = 8_000_000;

impl Element {
    fn new(ns: Ns, name: &str) -> Self {
        Element {
            ns,
            name: intern(name),
            attrs: Box::new([]),
            children: Box::new([]),
        }
    }

    /// Is this the `w:` element `name`?
    pub fn is_w(&self, name: &str) -> bool {
        self.ns == Ns::W && &*self.name == name
    }

    /// The attribute with local name `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| &**v)
    }

    /// `w:val`, the attribute nearly every property carries.
    pub fn val(&self) -> Option<&str> {
        self.attr("val")
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first `w:` child named `name`.
    pub fn child_w(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is_w(name))
    }

    /// Take the first `w:` child named `name` out of the tree (to own it,
    /// and free it as it is read).
    pub fn take_child_w(&mut self, name: &str) -> Option<Element> {
        let i = self
            .children
            .iter()
            .position(|n| matches!(n, Node::Element(e) if e.is_w(name)))?;
        match std::mem::replace(&mut self.children[i], Node::Text(String::new())) {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        }
    }

    /// The element's own text (text children only, not descendants').
    pub fn text(&self) -> String {
        let mut s = String::new();
        for n in &self.children {
            if let Node::Text(t) = n {
                s.push_str(t);
            }
        }
        s
    }

    /// A `w:` on/off property (`w:b`, `w:tblHeader`, `w:vanish`): present means
    /// on unless its `w:val` says off.
    pub fn on_off(&self) -> bool {
        !matches!(self.val(), Some("0" | "false" | "off" | "none"))
    }
}

/// Elements whose text content is kept: `w:t` (and `t` of non-`w:` parts such
/// as relationships and core properties, where text is the point). Text
/// elsewhere in a Word body is indentation or instructions (`w:instrText`).
fn keeps_text(e: &Element) -> bool {
    match e.ns {
        Ns::W => &*e.name == "t",
        Ns::Mc => false,
        Ns::Other => true,
    }
}

fn ns_of(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) => {
            let uri: &str = ns.as_ref();
            if W_NAMESPACES.contains(&uri) {
                Ns::W
            } else if uri == MC_NAMESPACE {
                Ns::Mc
            } else {
                Ns::Other
            }
        }
        _ => Ns::Other,
    }
}

fn malformed(e: impl std::fmt::Display) -> XmlError {
    XmlError::Malformed(e.to_string())
}

fn predefined_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// Parse a whole part into its root element, refusing nesting deeper than
/// `max_depth`.
#[cfg(test)]
pub fn parse(src: &str, max_depth: usize) -> Result<Element, XmlError> {
    parse_skipping(src, max_depth, &[])
}

/// [`parse`], leaving out the subtrees of `w:` elements named in `skip`.
///
/// Why: a Word template's styles part is mostly table-style formatting
/// (`w:tblStylePr`, `w:tcPr`, borders) the reader never looks at; not building
/// those subtrees halves the time spent on a typical file. Skipped markup is
/// still checked: well-formedness, depth and entities.
pub fn parse_skipping(src: &str, max_depth: usize, skip: &[&str]) -> Result<Element, XmlError> {
    let mut reader = NsReader::from_str(src);
    // Every Start must meet its End: a truncated part is malformed, not short.
    reader.config_mut().check_end_names = true;
    // Open elements with the children read so far.
    let mut stack: Vec<(Element, Vec<Node>)> = Vec::new();
    let mut root: Option<Element> = None;
    // Depth inside a skipped subtree (0 = not skipping).
    let mut skipping = 0usize;
    let mut built = 0usize;
    loop {
        crate::work::step(1);
        let (res, event) = reader.read_resolved_event().map_err(malformed)?;
        match event {
            Event::Start(start) => {
                // Depth is checked before anything is allocated for the element.
                if stack.len() + skipping >= max_depth {
                    return Err(XmlError::TooDeep(max_depth));
                }
                let ns = ns_of(&res);
                if skipping > 0
                    || (ns == Ns::W
                        && !stack.is_empty()
                        && skip.contains(&start.local_name().as_ref()))
                {
                    skipping += 1;
                    continue;
                }
                built += 1;
                if built > MAX_ELEMENTS {
                    return Err(XmlError::TooManyElements(MAX_ELEMENTS));
                }
                let el = start_element(&start, ns)?;
                if root.is_some() && stack.is_empty() {
                    return Err(malformed("content after the root element"));
                }
                stack.push((el, Vec::new()));
            }
            Event::Empty(start) => {
                if stack.len() + skipping >= max_depth {
                    return Err(XmlError::TooDeep(max_depth));
                }
                let ns = ns_of(&res);
                if skipping > 0
                    || (ns == Ns::W
                        && !stack.is_empty()
                        && skip.contains(&start.local_name().as_ref()))
                {
                    continue;
                }
                built += 1;
                if built > MAX_ELEMENTS {
                    return Err(XmlError::TooManyElements(MAX_ELEMENTS));
                }
                let el = start_element(&start, ns)?;
                match stack.last_mut() {
                    Some((_, kids)) => kids.push(Node::Element(el)),
                    None if root.is_none() => root = Some(el),
                    None => return Err(malformed("content after the root element")),
                }
            }
            Event::End(_) if skipping > 0 => skipping -= 1,
            Event::End(_) => {
                let Some((mut el, kids)) = stack.pop() else {
                    return Err(malformed("end tag without start"));
                };
                // Exact size: a vector grows by doubling from four, so an
                // element of one child (most of a table's) would hold room
                // for four, ~3x the tree.
                el.children = kids.into_boxed_slice();
                match stack.last_mut() {
                    Some((_, kids)) => kids.push(Node::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::Text(_) | Event::CData(_) if skipping > 0 => {}
            Event::Text(t) => {
                if let Some((_, kids)) = stack.last_mut().filter(|(p, _)| keeps_text(p)) {
                    push_text(kids, &t.xml10_content());
                } else if stack.is_empty() && !t.xml10_content().trim().is_empty() {
                    return Err(malformed("text outside the root element"));
                }
            }
            Event::CData(t) => {
                if let Some((_, kids)) = stack.last_mut().filter(|(p, _)| keeps_text(p)) {
                    push_text(kids, &t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let ch = if r.is_char_ref() {
                    r.resolve_char_ref().map_err(malformed)?
                } else {
                    predefined_entity(&r)
                };
                let Some(ch) = ch else {
                    return Err(malformed(format!("undefined entity &{};", &*r)));
                };
                if let Some((_, kids)) = stack
                    .last_mut()
                    .filter(|(p, _)| skipping == 0 && keeps_text(p))
                {
                    let mut b = [0u8; 4];
                    push_text(kids, ch.encode_utf8(&mut b));
                }
            }
            Event::DocType(_) => return Err(malformed("DTDs are not accepted")),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(malformed("unexpected end of part (unclosed elements)"));
    }
    root.ok_or_else(|| malformed("no root element"))
}

fn push_text(kids: &mut Vec<Node>, s: &str) {
    if let Some(Node::Text(last)) = kids.last_mut() {
        last.push_str(s);
    } else {
        kids.push(Node::Text(s.to_string()));
    }
}

fn start_element(start: &quick_xml::events::BytesStart<'_>, ns: Ns) -> Result<Element, XmlError> {
    let local = start.local_name();
    let mut el = Element::new(ns, local.as_ref());
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(malformed)?;
        let key: &str = attr.key.as_ref();
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        let local = key.rsplit(':').next().unwrap_or(key);
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(malformed)?;
        attrs.push((intern(local), value.as_ref().into()));
    }
    el.attrs = attrs.into_boxed_slice();
    Ok(el)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names_are_sorted_for_the_binary_search() {
        assert!(COMMON_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(matches!(intern("tc"), Cow::Borrowed("tc")));
        assert!(matches!(intern("tcMar"), Cow::Owned(n) if n == "tcMar"));
    }

    #[test]
    fn a_taken_child_leaves_its_siblings_in_place() {
        let src = format!(
            r#"<w:document xmlns:w="{}"><w:x/><w:body><w:p/></w:body><w:body/><w:y/></w:document>"#,
            W_NAMESPACES[0]
        );
        let mut root = parse(&src, 64).unwrap();
        let body = root.take_child_w("body").expect("the first body");
        assert_eq!(body.elements().count(), 1);
        let names: Vec<&str> = root.elements().map(|e| &*e.name).collect();
        assert_eq!(names, ["x", "body", "y"]);
        assert!(
            root.take_child_w("body")
                .is_some_and(|b| b.children.is_empty())
        );
        assert!(root.take_child_w("body").is_none());
    }

    /// A table part of `rows` rows of five one-run cells.
    fn table_part(rows: usize) -> String {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let mut s = format!("<w:document {W}><w:body><w:tbl>");
        for i in 0..rows {
            s.push_str("<w:tr>");
            for t in [
                format!("{i}.1"),
                "Audit the files".into(),
                "Team manager".into(),
            ] {
                s.push_str(&cell(&t));
            }
            s.push_str("</w:tr>");
        }
        s.push_str("</w:tbl></w:body></w:document>");
        s
    }

    #[test]
    fn a_table_tree_costs_a_few_times_its_markup() {
        // Issue 20: a 100,000-row DOCX held ~28 bytes of tree per byte of
        // XML (a name allocated per element, room for four children in
        // each one-child element).
        for rows in [1_000, 4_000] {
            let src = table_part(rows);
            let before = crate::work::live_bytes();
            crate::work::reset_peak();
            let root = parse(&src, 64).unwrap();
            let held = crate::work::peak_bytes() - before;
            assert_eq!(root.elements().count(), 1);
            let per_byte = held as f64 / src.len() as f64;
            assert!(
                per_byte < 7.0,
                "{rows} rows: {per_byte:.1} bytes per byte of XML"
            );
        }
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn builds_tree_with_namespaces_and_text() {
        let src = format!(
            r#"<?xml version="1.0"?><w:document {W} xmlns:x="urn:x"><w:p><w:r><w:t xml:space="preserve"> a &amp; b&#x41;</w:t></w:r><x:t>no</x:t></w:p></w:document>"#
        );
        let root = parse(&src, 64).unwrap();
        assert!(root.is_w("document"));
        let p = root.child_w("p").unwrap();
        let t = p.child_w("r").unwrap().child_w("t").unwrap();
        assert_eq!(t.text(), " a & bA");
        assert_eq!(t.attr("space"), Some("preserve"));
        let other = p.elements().nth(1).unwrap();
        assert_eq!(other.ns, Ns::Other);
    }

    #[test]
    fn skipped_subtrees_are_checked_but_not_built() {
        let src = format!(
            r#"<w:styles {W}><w:style><w:tblStylePr><w:tcPr><w:t>x</w:t></w:tcPr></w:tblStylePr><w:name w:val="n"/></w:style></w:styles>"#
        );
        let root = parse_skipping(&src, 64, &["tblStylePr"]).unwrap();
        let style = root.child_w("style").unwrap();
        assert_eq!(style.elements().count(), 1);
        assert!(style.child_w("name").is_some());
        assert!(matches!(
            parse_skipping(&src, 3, &["tblStylePr"]),
            Err(XmlError::TooDeep(3))
        ));
        let broken = format!("<w:a {W}><w:tblStylePr><w:b></w:tblStylePr></w:a>");
        assert!(parse_skipping(&broken, 64, &["tblStylePr"]).is_err());
    }

    #[test]
    fn refuses_depth_dtd_and_broken_markup() {
        let deep = format!(
            "<w:a {W}>{}{}</w:a>",
            "<w:b>".repeat(100),
            "</w:b>".repeat(100)
        );
        assert!(matches!(parse(&deep, 50), Err(XmlError::TooDeep(50))));
        assert!(parse(&deep, 200).is_ok());
        let dtd = r#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>"#;
        assert!(matches!(parse(dtd, 10), Err(XmlError::Malformed(_))));
        assert!(matches!(
            parse("<a><b></a>", 10),
            Err(XmlError::Malformed(_))
        ));
        assert!(matches!(parse("<a>", 10), Err(XmlError::Malformed(_))));
        assert!(matches!(parse("", 10), Err(XmlError::Malformed(_))));
        assert!(matches!(
            parse("<a>&bogus;</a>", 10),
            Err(XmlError::Malformed(_))
        ));
    }
}
