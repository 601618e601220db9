//! `word/styles.xml`: style names, heading levels, list numbering and run
//! properties, each resolved through the `w:basedOn` chain once.
//!
//! Why resolve up front: a paragraph's heading level, list membership and
//! boldness usually come from its style, and that style from another; walking
//! chains per paragraph would repeat the work thousands of times. Chains are
//! followed to a fixed depth so a cyclic `basedOn` cannot loop.

use std::collections::HashMap;

use super::xml::Element;

/// Longest `basedOn` chain followed (Word itself stops well before this).
const MAX_CHAIN: usize = 16;

/// Run properties as far as the model needs them; `None` = not set here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunProps {
    pub bold: Option<bool>,
    /// `w:bCs`: bold for complex-script text. Counted as bold where `w:b`
    /// says nothing, since converters that mark a label bold sometimes
    /// write only this one (see [`RunProps::is_bold`]).
    pub bold_cs: Option<bool>,
    pub superscript: Option<bool>,
    pub hidden: Option<bool>,
    /// Half-points, as `w:sz` stores it.
    pub size_half_points: Option<u32>,
    pub font: Option<String>,
}

impl RunProps {
    /// Read a `w:rPr`.
    pub fn from_rpr(rpr: &Element) -> RunProps {
        let mut p = RunProps::default();
        for e in rpr.elements().filter(|e| e.ns == super::xml::Ns::W) {
            match &*e.name {
                "b" => p.bold = Some(e.on_off()),
                "bCs" => p.bold_cs = Some(e.on_off()),
                "vanish" => p.hidden = Some(e.on_off()),
                "vertAlign" => p.superscript = Some(e.val() == Some("superscript")),
                "sz" => {
                    // LibreOffice may write fractional half-points ("18.5").
                    p.size_half_points = e
                        .val()
                        .and_then(|v| v.trim().parse::<f32>().ok())
                        .filter(|v| v.is_finite() && *v > 0.0 && *v < 10_000.0)
                        .map(|v| v.round() as u32);
                }
                "rFonts" => {
                    p.font = e
                        .attr("ascii")
                        .or_else(|| e.attr("hAnsi"))
                        .or_else(|| e.attr("cs"))
                        .filter(|f| !f.trim().is_empty())
                        .map(str::to_string);
                }
                _ => {}
            }
        }
        p
    }

    /// Is the run printed bold? `w:b` decides where set, else `w:bCs`.
    pub fn is_bold(&self) -> bool {
        self.bold.or(self.bold_cs) == Some(true)
    }

    /// `over` laid on top of `self`: what `over` sets wins.
    pub fn overlay(&self, over: &RunProps) -> RunProps {
        RunProps {
            bold: over.bold.or(self.bold),
            bold_cs: over.bold_cs.or(self.bold_cs),
            superscript: over.superscript.or(self.superscript),
            hidden: over.hidden.or(self.hidden),
            size_half_points: over.size_half_points.or(self.size_half_points),
            font: over.font.clone().or_else(|| self.font.clone()),
        }
    }
}

/// A list reference: `w:numPr`'s `numId` and `ilvl`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumRef {
    pub num_id: Option<String>,
    pub ilvl: Option<u8>,
}

impl NumRef {
    pub fn from_numpr(numpr: &Element) -> NumRef {
        NumRef {
            num_id: numpr
                .child_w("numId")
                .and_then(|e| e.val())
                .map(|v| v.trim().to_string()),
            ilvl: numpr
                .child_w("ilvl")
                .and_then(|e| e.val())
                .and_then(|v| v.trim().parse::<u8>().ok()),
        }
    }
}

/// One style with its chain already applied.
#[derive(Debug, Clone, Default)]
pub struct Style {
    pub name: String,
    /// Heading level: 0 for Title, n for Heading n / outline level n-1.
    pub heading: Option<u8>,
    pub num: Option<NumRef>,
    pub run: RunProps,
}

/// Raw `w:style` before chains are applied.
#[derive(Debug, Clone, Default)]
struct RawStyle {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<NumRef>,
    run: RunProps,
}

#[derive(Debug, Clone, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
    /// The default paragraph style, applied where a paragraph names none.
    default_paragraph: Option<String>,
    /// `w:docDefaults` run properties, under every style.
    pub defaults: RunProps,
}

/// Heading level from a style name: "Title" is 0, "Heading n" (any case; Word's
/// built-in names are "heading 1".."heading 9") is n.
pub fn heading_from_name(name: &str) -> Option<u8> {
    let n = name.trim();
    if n.eq_ignore_ascii_case("title") {
        return Some(0);
    }
    let lower = n.to_ascii_lowercase();
    let rest = lower.strip_prefix("heading")?.trim();
    match rest.parse::<u8>() {
        Ok(level @ 1..=9) => Some(level),
        _ => None,
    }
}

/// Heading level from `w:outlineLvl` (0-based, 9 = body text).
pub fn heading_from_outline(lvl: u8) -> Option<u8> {
    (lvl < 9).then_some(lvl + 1)
}

impl Styles {
    pub fn parse(root: &Element) -> Styles {
        let mut raw: HashMap<String, RawStyle> = HashMap::new();
        let mut default_paragraph = None;
        let mut defaults = RunProps::default();
        for e in root.elements() {
            if e.is_w("docDefaults") {
                if let Some(rpr) = e.child_w("rPrDefault").and_then(|d| d.child_w("rPr")) {
                    defaults = RunProps::from_rpr(rpr);
                }
                continue;
            }
            if !e.is_w("style") {
                continue;
            }
            let Some(id) = e.attr("styleId") else {
                continue;
            };
            let kind = e.attr("type").unwrap_or("paragraph");
            if kind == "paragraph" && e.attr("default").is_some_and(|d| d == "1" || d == "true") {
                default_paragraph = Some(id.to_string());
            }
            let ppr = e.child_w("pPr");
            raw.insert(
                id.to_string(),
                RawStyle {
                    name: e
                        .child_w("name")
                        .and_then(|n| n.val())
                        .unwrap_or(id)
                        .to_string(),
                    based_on: e
                        .child_w("basedOn")
                        .and_then(|b| b.val())
                        .map(str::to_string),
                    outline: ppr
                        .and_then(|p| p.child_w("outlineLvl"))
                        .and_then(|o| o.val())
                        .and_then(|v| v.trim().parse().ok()),
                    num: ppr.and_then(|p| p.child_w("numPr")).map(NumRef::from_numpr),
                    run: e.child_w("rPr").map(RunProps::from_rpr).unwrap_or_default(),
                },
            );
        }
        let by_id = raw
            .keys()
            .map(|id| (id.clone(), resolve(&raw, id)))
            .collect();
        Styles {
            by_id,
            default_paragraph,
            defaults,
        }
    }

    /// The style a paragraph uses: the named one, else the default.
    pub fn paragraph(&self, id: Option<&str>) -> Option<&Style> {
        match id {
            Some(id) => self.by_id.get(id).or_else(|| {
                self.default_paragraph
                    .as_ref()
                    .and_then(|d| self.by_id.get(d))
            }),
            None => self
                .default_paragraph
                .as_ref()
                .and_then(|d| self.by_id.get(d)),
        }
    }

    /// Is there a style with this id?
    pub fn defines(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// A character style by id.
    pub fn character(&self, id: &str) -> Option<&Style> {
        self.by_id.get(id)
    }
}

/// Apply `id`'s basedOn chain, nearest definition winning.
fn resolve(raw: &HashMap<String, RawStyle>, id: &str) -> Style {
    let mut chain: Vec<&RawStyle> = Vec::new();
    let mut cur = raw.get(id);
    while let Some(s) = cur {
        if chain.len() >= MAX_CHAIN {
            break;
        }
        chain.push(s);
        cur = s.based_on.as_deref().and_then(|b| raw.get(b));
    }
    let name = chain.first().map(|s| s.name.clone()).unwrap_or_default();
    let mut run = RunProps::default();
    let mut outline = None;
    let mut num = None;
    for s in chain.iter().rev() {
        run = run.overlay(&s.run);
        outline = s.outline.or(outline);
        if s.num.is_some() {
            num = s.num.clone();
        }
    }
    // The style's own name decides Title / Heading n even where a template
    // forgot the outline level; an explicit outline level decides otherwise.
    let heading = heading_from_name(&name).or_else(|| outline.and_then(heading_from_outline));
    Style {
        name,
        heading,
        num,
        run,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::xml::parse;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn resolves_chains_names_and_levels() {
        let src = format!(
            r#"<w:styles {W}>
            <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="Plan Heading"/><w:basedOn w:val="Heading1"/><w:rPr><w:sz w:val="40"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
            <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="T"><w:name w:val="Title"/></w:style>
            </w:styles>"#
        );
        let s = Styles::parse(&parse(&src, 64).unwrap());
        assert_eq!(s.defaults.size_half_points, Some(22));
        let h = s.paragraph(Some("MyHead")).unwrap();
        assert_eq!(h.name, "Plan Heading");
        assert_eq!(h.heading, Some(1));
        assert_eq!(h.run.bold, Some(true));
        assert_eq!(h.run.font.as_deref(), Some("Arial"));
        assert_eq!(h.run.size_half_points, Some(40));
        assert_eq!(s.paragraph(Some("T")).unwrap().heading, Some(0));
        assert_eq!(s.paragraph(Some("Loop")).unwrap().heading, None);
        assert_eq!(s.paragraph(None).unwrap().name, "Normal");
        assert_eq!(s.paragraph(Some("Missing")).unwrap().name, "Normal");
        let lb = s.paragraph(Some("ListBullet")).unwrap();
        assert_eq!(lb.num.as_ref().and_then(|n| n.num_id.as_deref()), Some("3"));
    }

    #[test]
    fn heading_names() {
        assert_eq!(heading_from_name("heading 2"), Some(2));
        assert_eq!(heading_from_name("Heading 9"), Some(9));
        assert_eq!(heading_from_name("Heading 10"), None);
        assert_eq!(heading_from_name("Headings"), None);
        assert_eq!(heading_from_name("TITLE"), Some(0));
        assert_eq!(heading_from_name("Heading3"), Some(3), "a style id");
        assert_eq!(heading_from_outline(9), None);
    }
}
