//! Wrapping a paragraph's units in logical order: break at whitespace (the
//! whitespace at a break is not drawn), hard-break a word longer than the
//! line, put a unit wider than the whole line on a line of its own.

use std::ops::Range;

use super::sanitize::Unit;

/// Splits `units` into lines of at most `width` columns; each line is a
/// range of unit indices. An empty paragraph gives one empty line.
pub(crate) fn wrap(units: &[Unit], width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    let mut i = 0;
    while i < units.len() {
        let u = &units[i];
        if used + u.width <= width || i == start {
            used += u.width;
            i += 1;
            continue;
        }
        if u.brk {
            // Break at this whitespace; it and the blanks after it vanish.
            lines.push(start..trim_end(units, start, i));
            while i < units.len() && units[i].brk {
                i += 1;
            }
            start = i;
            used = 0;
            continue;
        }
        // Back to the last whitespace run that has a word before it.
        let run_end = (start + 1..i).rev().find(|&b| units[b].brk);
        let run = run_end.map(|e| {
            let mut s = e;
            while s > start && units[s - 1].brk {
                s -= 1;
            }
            (s, e + 1)
        });
        match run {
            Some((s, next)) if s > start => {
                lines.push(start..s);
                start = next;
                used = units[next..i].iter().map(|u| u.width).sum();
            }
            _ => {
                // A word longer than the line: hard break before this unit.
                lines.push(start..i);
                start = i;
                used = 0;
            }
        }
    }
    if start < units.len() || lines.is_empty() {
        lines.push(start..units.len());
    }
    lines
}

/// The end of `start..end` without its trailing whitespace.
fn trim_end(units: &[Unit], start: usize, mut end: usize) -> usize {
    while end > start + 1 && units[end - 1].brk {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::super::sanitize::{Newlines, units};
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<String> {
        let us = units(text, Newlines::Token, usize::MAX);
        wrap(&us, width)
            .into_iter()
            .map(|r| {
                if r.is_empty() {
                    String::new()
                } else {
                    text[us[r.start].text.start..us[r.end - 1].text.end].to_string()
                }
            })
            .collect()
    }

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(lines("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(lines("aa bb cc", 6), ["aa bb", "cc"]);
        assert_eq!(lines("aa  bb", 3), ["aa", "bb"]);
    }

    #[test]
    fn hard_breaks_long_words() {
        assert_eq!(lines("abcdefg", 3), ["abc", "def", "g"]);
        assert_eq!(lines("ab cdefgh", 3), ["ab", "cde", "fgh"]);
    }

    #[test]
    fn wraps_arabic_by_graphemes() {
        // Each letter is one column; the space between words is dropped.
        assert_eq!(lines("قال الرئيس", 6), ["قال", "الرئيس"]);
    }

    #[test]
    fn empty_paragraph_is_one_line() {
        assert_eq!(lines("", 10), [""]);
    }

    #[test]
    fn wide_unit_alone_on_a_narrow_line() {
        assert_eq!(lines("中a", 1), ["中", "a"]);
    }
}
