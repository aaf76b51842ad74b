//! Byte scans of segmentation: where the next end mark or URL may start,
//! and where quotations open and close.

use super::char_at;

/// The first offset from `i` where an end mark (`. ! ? ؟ …`) or a URL
/// (`h`, `w`) may start, or the end of `b`; always a char boundary of the
/// line (`i` must be one).
pub(super) fn next_candidate(b: &[u8], mut i: usize) -> usize {
    while let Some(p) = b[i..].iter().position(|&x| CANDIDATE[usize::from(x)]) {
        let p = i + p;
        match b[p] {
            // The last byte of ؟ (D8 9F) or of … (E2 80 A6): rare in
            // normalised text, unlike their lead bytes.
            0x9F if p > i && b[p - 1] == 0xD8 => return p - 1,
            0xA6 if p > i + 1 && b[p - 2..p] == [0xE2, 0x80] => return p - 2,
            0x9F | 0xA6 => i = p + 1,
            _ => return p,
        }
    }
    b.len()
}

/// The bytes [`next_candidate`] stops at.
static CANDIDATE: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [b'.', b'!', b'?', b'h', b'w', 0x9F, 0xA6];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Byte spans (open, close) of quotations that close within the paragraph.
pub(super) fn quote_spans(line: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut guillemets: Vec<usize> = Vec::new();
    let mut curly: Vec<usize> = Vec::new();
    let mut straight: Option<usize> = None;
    // Only `"` and the lead bytes of « » (C2) and “ ” (E2) can start a quote.
    let bytes = line.as_bytes();
    let mut at = 0;
    while let Some(p) = memchr::memchr3(b'"', 0xC2, 0xE2, &bytes[at..]) {
        let i = at + p;
        let c = char_at(line, i);
        at = i + c.len_utf8();
        match c {
            '«' => guillemets.push(i),
            '»' => {
                if let Some(o) = guillemets.pop() {
                    spans.push((o, i));
                }
            }
            '“' => curly.push(i),
            '”' => {
                if let Some(o) = curly.pop() {
                    spans.push((o, i));
                }
            }
            // A straight quote opens only when text follows it, so a stray
            // closing quote does not open a quotation; any next one closes.
            '"' => match straight.take() {
                Some(o) => spans.push((o, i)),
                None if line[i + 1..].starts_with(|c: char| !c.is_whitespace()) => {
                    straight = Some(i);
                }
                None => {}
            },
            _ => {}
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::super::is_terminator;
    use super::*;

    #[test]
    fn next_candidate_stops_at_every_end_mark_and_url_start() {
        let line = "قال؟ x.y! ئ٦ w … h\u{2026}\u{65f}\u{2020}؟؟ end";
        for (i, _) in line.char_indices() {
            let expected = line[i..]
                .char_indices()
                .find(|&(_, c)| is_terminator(c) || c == 'h' || c == 'w')
                .map_or(line.len(), |(j, _)| i + j);
            assert_eq!(next_candidate(line.as_bytes(), i), expected, "from {i}");
        }
    }
}
