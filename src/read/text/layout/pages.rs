//! Pages and running lines: a dump is split at form feeds, and the heads,
//! feet and page numbers repeated on most pages are dropped so that they
//! neither split a table nor turn up inside one.

use super::line::{PLine, blocks_of};
use super::settings::LayoutSettings;

pub(super) fn split_pages(text: &str) -> Vec<Vec<PLine>> {
    let mut pages: Vec<Vec<PLine>> = vec![Vec::new()];
    let mut no = 0u32;
    for line in text.split('\n') {
        let mut parts = line.split('\u{c}').peekable();
        while let Some(part) = parts.next() {
            no += 1;
            if let Some(page) = pages.last_mut() {
                page.push(PLine {
                    chars: part.trim_end().chars().collect(),
                    no,
                });
            }
            if parts.peek().is_some() {
                pages.push(Vec::new());
            }
        }
    }
    pages.retain(|p| p.iter().any(|l| !l.is_blank()));
    pages
}

/// The key a running line is compared by: words only, digits as `#` (page
/// numbers change from page to page).
pub(super) fn running_key(line: &PLine) -> String {
    let t: String = line
        .chars
        .iter()
        .map(|&c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drop running heads and feet: the first or last non-blank line of a page
/// when the same line (digits aside) opens or closes most pages, and a
/// lone page number at the foot. Aligned lines (a repeated table header)
/// are never running lines.
pub(super) fn drop_running_lines(pages: &mut [Vec<PLine>], s: &LayoutSettings) {
    let n = pages.len();
    let gutter = s.min_gutter;
    let single = |l: &PLine| blocks_of(&l.chars, gutter).len() == 1;
    let edge = |page: &Vec<PLine>, top: bool| -> Option<usize> {
        if top {
            page.iter().position(|l| !l.is_blank())
        } else {
            page.iter().rposition(|l| !l.is_blank())
        }
    };
    for top in [true, false] {
        let keys: Vec<Option<String>> = pages
            .iter()
            .map(|p| {
                edge(p, top)
                    .and_then(|i| p.get(i))
                    .filter(|l| single(l))
                    .map(running_key)
            })
            .collect();
        let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for k in keys.iter().flatten() {
            *counts.entry(k.as_str()).or_default() += 1;
        }
        for (pi, key) in keys.iter().enumerate() {
            let Some(k) = key else { continue };
            let count = counts.get(k.as_str()).copied().unwrap_or(0);
            let page_number = !top && k.chars().all(|c| c == '#' || c.is_whitespace());
            let running =
                count >= s.running_min_pages && count as f32 >= n as f32 * s.running_share;
            if (running || page_number)
                && let Some(page) = pages.get_mut(pi)
                && let Some(i) = edge(page, top)
            {
                page.remove(i);
            }
        }
    }
}
