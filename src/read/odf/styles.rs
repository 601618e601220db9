//! ODF styles: what a paragraph, a span or a table cell inherits.
//!
//! Why resolve chains: a paragraph's automatic style (`P12`) names a parent
//! (`Table_20_Contents`), which names another; weight and background may be
//! set at any link. Only the properties the model keeps are read: bold, the
//! cell background, and the display name of the first named style.

use std::collections::HashMap;

use crate::model::Rgb;

use super::Element;

/// Longest parent chain followed (styles may name each other in a loop).
const MAX_CHAIN: usize = 16;

#[derive(Debug, Default, Clone)]
struct Def {
    parent: Option<String>,
    /// Display name of a named (not automatic) style.
    display: Option<String>,
    bold: Option<bool>,
    /// `Some(None)`: explicitly transparent.
    background: Option<Option<Rgb>>,
}

#[derive(Debug, Default)]
pub struct Styles {
    /// By (family, name).
    defs: HashMap<(String, String), Def>,
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
        s
    }

    fn add_all(&mut self, list: &Element, named: bool) {
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
                        .to_string()
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
    pub fn paragraph_name(&self, name: Option<&str>) -> Option<String> {
        self.find("paragraph", name, |d| d.display.clone())
    }
}
