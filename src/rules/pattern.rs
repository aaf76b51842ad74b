//! Rule patterns are written as people write (أهدى, ٪, ؟) but match
//! normalised text (اهدي, %, ?). This module rewrites a pattern's literal
//! characters with the same normalisation as article text, leaving regex
//! syntax alone: escapes (`\d`, `\p{Arabic}`, `\.`), group names and flags.

use crate::text::normalize::normalize_char;
#[cfg(test)]
use crate::text::normalize::normalize_str;

/// Rewrites the literal characters of `pattern` through the text
/// normalisation; everything after a backslash is kept as written.
///
/// A literal that normalises to a regex metacharacter (`؟` -> `?`,
/// `٫` -> `.`) is escaped, so it stays literal. A literal that normalises to
/// nothing (a vowel mark) becomes an empty group, so a following quantifier
/// still has something to apply to.
pub fn normalize_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut literal = String::new();
    let mut chars = pattern.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii() {
            flush_literal(&mut literal, &mut out);
        }
        match c {
            '\\' => {
                out.push('\\');
                if let Some((_, next)) = chars.next() {
                    out.push(next);
                    // \p{...}, \x{...}, \u{...}: copy the braces verbatim.
                    if matches!(next, 'p' | 'P' | 'x' | 'u' | 'U')
                        && chars.peek().map(|&(_, c)| c) == Some('{')
                    {
                        for (_, c) in chars.by_ref() {
                            out.push(c);
                            if c == '}' {
                                break;
                            }
                        }
                    }
                }
            }
            '(' if pattern[i..].starts_with("(?P<") || pattern[i..].starts_with("(?<") => {
                // A group name: copy through the closing '>'.
                out.push(c);
                for (_, c) in chars.by_ref() {
                    out.push(c);
                    if c == '>' {
                        break;
                    }
                }
            }
            c if c.is_ascii() => out.push(c),
            c => literal.push(c),
        }
    }
    flush_literal(&mut literal, &mut out);
    out
}

/// Normalises a run of non-ASCII literal characters and appends it, escaped.
fn flush_literal(literal: &mut String, out: &mut String) {
    if literal.is_empty() {
        return;
    }
    // Normalise character by character: a mark that disappears must not take
    // a neighbour's quantifier with it.
    let mut norm = String::new();
    for c in literal.chars() {
        norm.clear();
        normalize_char(c, &mut norm);
        if norm.is_empty() {
            out.push_str("(?:)");
        } else {
            out.push_str(&regex::escape(&norm));
        }
    }
    literal.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_escapes_are_kept() {
        assert_eq!(normalize_pattern(r"\d+(?:\.\d+)?%"), r"\d+(?:\.\d+)?%");
        assert_eq!(
            normalize_pattern(r"\p{Arabic}+\s(?P<who>\S+)"),
            r"\p{Arabic}+\s(?P<who>\S+)"
        );
        assert_eq!(normalize_pattern(r"\x{0623}"), r"\x{0623}");
    }

    #[test]
    fn arabic_literals_are_normalised_like_text() {
        let p = normalize_pattern("أهدى");
        assert_eq!(p, normalize_str("أهدى"));
    }

    #[test]
    fn literal_that_becomes_metachar_is_escaped() {
        let p = normalize_pattern("هل؟");
        let re = regex::Regex::new(&p).unwrap();
        let text = normalize_str("هل؟");
        assert!(re.is_match(&text));
        if text.ends_with('?') {
            assert!(p.ends_with(r"\?"));
            assert!(!re.is_match("ه"));
        }
    }
}
