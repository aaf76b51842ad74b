//! Getting text out: the clipboard through OSC 52 (the terminal sets it,
//! so it works over SSH and in tmux with `set-clipboard on`), and the
//! texts a copy key puts there, built from sanitised text.

use base64::Engine as _;

/// Largest text sent through OSC 52, in bytes before encoding (terminals
/// drop longer sequences; tmux and xterm accept at least this much).
pub const MAX_COPY_BYTES: usize = 64 * 1024;

/// Text fit for the clipboard: control characters (C0, DEL, C1) become
/// spaces and runs of white space one space; BiDi embedding, override and
/// isolate controls are dropped. The text stays in logical order. Cut to
/// [`MAX_COPY_BYTES`] on a character boundary.
pub fn sanitise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            continue;
        }
        if c.is_control() || c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if out.len() + c.len_utf8() > MAX_COPY_BYTES {
            break;
        }
        out.push(c);
    }
    out
}

/// The OSC 52 sequence that puts `text` (sanitised here) on the clipboard:
/// `ESC ] 52 ; c ; BASE64 BEL`. Only ASCII leaves this function.
pub fn osc52(text: &str) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(sanitise(text));
    format!("\x1b]52;c;{payload}\x07")
}

/// A claim with its source line, as pasted into a report:
/// the sentence, then `— outlet, date, “title”, url` (parts missing left out).
pub fn with_source(
    claim: &str,
    outlet: Option<&str>,
    date: Option<&str>,
    title: &str,
    url: Option<&str>,
) -> String {
    let title = sanitise(title);
    let title = (!title.is_empty()).then(|| format!("“{title}”"));
    let parts: Vec<String> = [
        outlet.map(sanitise),
        date.map(sanitise),
        title,
        url.map(sanitise),
    ]
    .into_iter()
    .flatten()
    .filter(|p| !p.is_empty())
    .collect();
    let claim = sanitise(claim);
    if parts.is_empty() {
        claim
    } else {
        format!("{claim}\n— {}", parts.join(", "))
    }
}

/// True for a URL a browser may be asked to open: `http://` or `https://`
/// with no white space or control characters (anything else is only shown).
pub fn openable(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && url.len() > 8
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exact_bytes_of_a_copy() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        // Arabic goes as UTF-8 in logical order: "قال" is d982 d8a7 d984.
        assert_eq!(osc52("قال"), "\x1b]52;c;2YLYp9mE\x07");
        assert!(osc52("x\x1b]52;c;evil\x07").is_ascii());
    }

    #[test]
    fn control_bytes_never_reach_the_clipboard() {
        assert_eq!(sanitise("a\x1b[31mb\x07c"), "a [31mb c");
        assert_eq!(sanitise("  one\n\ttwo\r\n"), "one two");
        assert_eq!(sanitise("\u{202e}abc\u{2066}d\u{0085}e"), "abcd e");
        let long = "ب".repeat(MAX_COPY_BYTES);
        assert!(sanitise(&long).len() <= MAX_COPY_BYTES);
    }

    #[test]
    fn source_lines() {
        assert_eq!(
            with_source(
                "The port handled 40 ships.",
                Some("Wire"),
                Some("2024-03-02"),
                "Port news",
                Some("https://example.org/a")
            ),
            "The port handled 40 ships.\n— Wire, 2024-03-02, “Port news”, https://example.org/a"
        );
        assert_eq!(
            with_source("Only this.", None, None, " ", None),
            "Only this."
        );
    }

    #[test]
    fn only_web_urls_are_opened() {
        assert!(openable("https://example.org/x?y=1"));
        assert!(openable("HTTP://example.org"));
        for bad in [
            "file:///etc/passwd",
            "-x https://a",
            "https://a b",
            "javascript:x",
            "https://",
        ] {
            assert!(!openable(bad), "{bad}");
        }
    }
}
