//! Export artefacts inside a line or cell: HTML fragments (`<p>`, `<ul>`,
//! `<li>`, `<br>`), export markers (`[bookmark: _Hlk…]`, `[image: …]`) and
//! bullet glyphs. They carry structure (paragraph and list boundaries) but
//! are not text, so they become paragraph boundaries here.

/// One piece of a cell or line: its text and whether it is a list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub list: bool,
}

/// Split a cell or line into pieces at `<p>`, `</p>`, `<li>`, `<br>` and
/// `<ul>` boundaries, dropping every tag and export marker.
pub fn pieces(raw: &str) -> Vec<Piece> {
    let cleaned = strip_markers(raw);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut list = false;
    let mut rest = cleaned.as_str();
    while let Some(open) = rest.find('<') {
        crate::work::step(1);
        // A tag ends at the first '>' before any other '<': searching on
        // past a '<' would scan the rest of the line once per '<'.
        let Some(close_rel) = rest[open + 1..].find(['<', '>']).map(|k| k + 1) else {
            break;
        };
        if rest[open + close_rel..].starts_with('<') {
            cur.push_str(&rest[..open + 1]);
            rest = &rest[open + 1..];
            continue;
        }
        let tag = &rest[open + 1..open + close_rel];
        let (name, closing) = tag_name(tag);
        if !is_html_tag(&name) {
            // Not markup ("<5 years"): keep the '<' as text.
            cur.push_str(&rest[..open + 1]);
            rest = &rest[open + 1..];
            continue;
        }
        cur.push_str(&rest[..open]);
        rest = &rest[open + close_rel + 1..];
        if matches!(name.as_str(), "p" | "li" | "br" | "ul" | "ol" | "div") {
            push_piece(&mut out, &mut cur, list);
            list = name == "li" && !closing;
        }
    }
    cur.push_str(rest);
    push_piece(&mut out, &mut cur, list);
    out
}

/// A tag's name (lower case, without `/`) and whether it closes; `tag` is
/// the text between `<` and `>`.
pub(super) fn tag_name(tag: &str) -> (String, bool) {
    let closing = tag.starts_with('/');
    let name = tag
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    (name, closing)
}

fn is_html_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "br"
            | "ul"
            | "ol"
            | "div"
            | "span"
            | "b"
            | "i"
            | "u"
            | "strong"
            | "em"
            | "sup"
            | "sub"
            | "a"
    )
}

fn push_piece(out: &mut Vec<Piece>, cur: &mut String, list: bool) {
    let t = cur.trim();
    if !t.is_empty() {
        let (text, bullet) = strip_bullet(t);
        out.push(Piece {
            text: text.to_string(),
            list: list || bullet,
        });
    }
    cur.clear();
}

/// Remove a leading bullet glyph; report whether there was one.
pub fn strip_bullet(t: &str) -> (&str, bool) {
    let trimmed = t.trim_start();
    match trimmed.chars().next() {
        Some(c) if crate::model::bullets::is_bullet_glyph(c) => {
            (trimmed[c.len_utf8()..].trim_start(), true)
        }
        _ => (t, false),
    }
}

/// Drop `[bookmark: …]` and `[image: …]` markers left by document converters.
pub fn strip_markers(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find('[') {
        crate::work::step(1);
        let tail = &rest[pos + 1..];
        let is_marker = ["bookmark:", "image:"].iter().any(|m| tail.starts_with(m));
        // Only a marker looks for its ']': a line of '[' must not scan to
        // its end once per '['.
        match (is_marker, is_marker.then(|| tail.find(']')).flatten()) {
            (true, Some(end)) => {
                out.push_str(&rest[..pos]);
                rest = &tail[end + 1..];
            }
            _ => {
                out.push_str(&rest[..pos + 1]);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(raw: &str) -> Vec<String> {
        pieces(raw).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn paragraphs_and_lists_split() {
        assert_eq!(texts("<p>a b</p> <p>c</p>"), vec!["a b", "c"]);
        assert_eq!(
            texts("ensure: <ul style=\"list-style-type: none\"> there are arenas"),
            vec!["ensure:", "there are arenas"]
        );
        let p = pieces("<ul><li>one</li><li>two</li></ul>");
        assert!(p.iter().all(|p| p.list));
    }

    #[test]
    fn non_tags_and_markers() {
        assert_eq!(
            texts("children <5 years> old"),
            vec!["children <5 years> old"]
        );
        assert_eq!(
            texts("[bookmark: _Hlk1]4.6 Priorities"),
            vec!["4.6 Priorities"]
        );
        assert_eq!(texts("[image: x.png] [note"), vec!["[note"]);
    }

    #[test]
    fn bullets_become_list_items() {
        let p = pieces("\u{b7} Centre on building relationships");
        assert_eq!(p[0].text, "Centre on building relationships");
        assert!(p[0].list);
    }
}
