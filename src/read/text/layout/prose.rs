//! Text outside tables into paragraphs, broken at blank lines, bullets and
//! lines that stop short.

use super::Item;
use super::line::PLine;
use super::settings::LayoutSettings;
use super::text::{broken, join_lines};
use crate::model::{Paragraph, Provenance};
use crate::read::text::markup;

/// Prose lines into paragraphs: a paragraph breaks at a blank line, a
/// bullet, or after a line that stops short of the text's right edge.
pub(super) fn paragraphs(lines: &[PLine], s: &LayoutSettings) -> Vec<Item> {
    let right = lines.iter().map(|l| l.chars.len()).max().unwrap_or(0);
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut cur_list = false;
    let mut cur_line = 0u32;
    let mut last_end: Option<usize> = None;
    let flush = |out: &mut Vec<Item>, cur: &mut Vec<String>, list: bool, line: u32| {
        if !cur.is_empty() {
            let mut p = Paragraph::new(join_lines(cur), Provenance::line(line));
            p.list = list.then_some(0);
            out.push(Item::Para(p));
            cur.clear();
        }
    };
    for l in lines {
        if l.is_blank() {
            flush(&mut out, &mut cur, cur_list, cur_line);
            last_end = None;
            continue;
        }
        let text: String = l.chars.iter().collect();
        let (t, bullet) = markup::strip_bullet(text.trim());
        let word = t.split_whitespace().next().map_or(0, |w| w.chars().count());
        let short = last_end.is_some_and(|e| e + 1 + word + s.fit_slack <= right)
            && !cur.last().is_some_and(|p| broken(p));
        if bullet || short {
            flush(&mut out, &mut cur, cur_list, cur_line);
        }
        if cur.is_empty() {
            cur_list = bullet;
            cur_line = l.no;
        }
        cur.push(t.to_string());
        last_end = Some(l.chars.len());
    }
    flush(&mut out, &mut cur, cur_list, cur_line);
    out
}
