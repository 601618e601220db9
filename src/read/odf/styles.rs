//! ODF styles: what a paragraph, a span or a table cell inherits.
//!
//! Why resolve chains: a paragraph's automatic style (`P12`) names a parent
//! (`Table_20_Contents`), which names another; weight and background may be
//! set at any link. Only the properties the model keeps are read: bold, the
//! cell background, the display name of the first named style, and list
//! styles (`text:list-style`), whose levels give the numbers printed before
//! list items.

use std::collections::HashMap;

use crate::model::Rgb;
use crate::read::lists::{LEVELS, Level, Levels, Numbering};

use super::Element;

/// Longest parent chain followed (styles may name each other in a loop).
const MAX_CHAIN: usize = 16;

#[derive(Debug, Default, Clone)]
struct Def {
    parent: Option<String>,
    /// Display name of a named (not automatic) style.
    display: Option<std::sync::Arc<str>>,
    bold: Option<bool>,
    /// `Some(None)`: explicitly transparent.
    background: Option<Option<Rgb>>,
}

#[derive(Debug, Default)]
pub struct Styles {
    /// By (family, name).
    defs: HashMap<(String, String), Def>,
    /// List styles by name, as lists to number.
    lists: HashMap<String, Levels>,
    pub numbering: Numbering,
}

impl Styles {
    /// Styles from `styles.xml` (named and automatic) and the automatic
    /// styles of `content.xml`, which come last and win.
    pub fn parse(named: Option<&Element>, content: &Element) -> Styles {
        let mut s = Styles::default();
        if let Some(root) = named {
            for part in root.elements() {
                if matches!(&*part.name, "styles" | "automatic-styles") {
                    s.add_all(part, &*part.name == "styles");
                }
            }
        }
        for part in content.elements() {
            if &*part.name == "automatic-styles" {
                s.add_all(part, false);
            }
        }
        s.numbering = Numbering::new(std::mem::take(&mut s.lists));
        s
    }

    fn add_all(&mut self, list: &Element, named: bool) {
        for ls in list.elements().filter(|e| &*e.name == "list-style") {
            if let Some(name) = ls.attr("name") {
                let levels = ls.elements().filter_map(list_level).collect();
                self.lists.insert(name.to_string(), levels);
            }
        }
        for st in list.elements().filter(|e| &*e.name == "style") {
            let (Some(name), Some(family)) = (st.attr("name"), st.attr("family")) else {
                continue;
            };
            let mut def = Def {
                parent: st.attr("parent-style-name").map(str::to_string),
                display: named.then(|| {
                    st.attr("display-name")
                        .unwrap_or(name)
                        .replace("_20_", " ")
                        .into()
                }),
                ..Default::default()
            };
            for props in st.elements() {
                match &*props.name {
                    "text-properties" => {
                        if let Some(w) = props.attr("font-weight") {
                            def.bold = Some(matches!(w, "bold" | "600" | "700" | "800" | "900"));
                        }
                    }
                    "table-cell-properties" | "paragraph-properties" => {
                        if &*props.name == "paragraph-properties" && family != "table-cell" {
                            continue;
                        }
                        if let Some(bg) = props.attr("background-color") {
                            def.background = Some(Rgb::from_hex(bg));
                        }
                    }
                    _ => {}
                }
            }
            self.defs
                .insert((family.to_string(), name.to_string()), def);
        }
    }

    /// Walk a style and its parents, returning the first value `get` finds.
    fn find<T>(
        &self,
        family: &str,
        name: Option<&str>,
        get: impl Fn(&Def) -> Option<T>,
    ) -> Option<T> {
        let mut cur = name?.to_string();
        for _ in 0..MAX_CHAIN {
            let def = self.defs.get(&(family.to_string(), cur.clone()))?;
            if let Some(v) = get(def) {
                return Some(v);
            }
            cur = def.parent.clone()?;
        }
        None
    }

    /// Is text in this style bold? `None` when the chain does not say.
    pub fn bold(&self, family: &str, name: Option<&str>) -> Option<bool> {
        self.find(family, name, |d| d.bold)
    }

    /// A table cell's background colour.
    pub fn cell_fill(&self, name: Option<&str>) -> Option<Rgb> {
        self.find("table-cell", name, |d| d.background).flatten()
    }

    /// The display name of the first named style in a paragraph's chain.
    pub fn paragraph_name(&self, name: Option<&str>) -> Option<std::sync::Arc<str>> {
        self.find("paragraph", name, |d| d.display.clone())
    }
}

/// One level of a list style: `text:list-level-style-number` (or
/// `-bullet`, `-image`, which print no number).
fn list_level(e: &Element) -> Option<(u8, Level)> {
    let level = e
        .attr("level")?
        .trim()
        .parse::<usize>()
        .ok()?
        .checked_sub(1)?;
    if level >= LEVELS {
        return None;
    }
    let number = &*e.name == "list-level-style-number";
    let format = match (number, e.attr("num-format").unwrap_or("")) {
        (false, _) => "bullet",
        (true, "1") => "decimal",
        (true, "a") => "lowerLetter",
        (true, "A") => "upperLetter",
        (true, "i") => "lowerRoman",
        (true, "I") => "upperRoman",
        (true, "") => "none",
        _ => "decimal",
    };
    // LibreOffice writes the whole template ("%1%.%2%"); ODF itself says
    // how many levels to show, between a prefix and a suffix.
    let text = match e.attr("num-list-format") {
        Some(t) => placeholders(t),
        None => {
            let shown: usize = e
                .attr("display-levels")
                .and_then(|d| d.trim().parse().ok())
                .unwrap_or(1usize)
                .clamp(1, level + 1);
            let numbers: Vec<String> = (level + 1 - shown..=level)
                .map(|k| format!("%{}", k + 1))
                .collect();
            format!(
                "{}{}{}",
                e.attr("num-prefix").unwrap_or(""),
                numbers.join("."),
                e.attr("num-suffix").unwrap_or("")
            )
        }
    };
    let followed_by = e
        .elements()
        .flat_map(Element::elements)
        .find_map(|a| a.attr("label-followed-by"));
    Some((
        level as u8,
        Level {
            start: e
                .attr("start-value")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(1),
            format: format.to_string(),
            text,
            legal: false,
            no_suffix: followed_by == Some("nothing"),
        },
    ))
}

/// LibreOffice's template ("%1%.%2%", the level between two '%') in the
/// "%1.%2" form the numbering reads.
fn placeholders(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.split_once('%') {
            Some((n, tail)) if n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()) => {
                out.push('%');
                out.push_str(n);
                rest = tail;
            }
            _ => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
