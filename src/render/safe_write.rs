//! Text output for people made safe line by line: [`SafeWriter`] wraps
//! stdout or stderr, and [`eprintln_safe`] writes one message to stderr
//! without ever panicking (a hung-up terminal makes writes fail).

use std::fmt;
use std::io::{self, Write};

use super::sanitize::safe;

/// A writer that passes text through [`safe`] one line at a time: newlines
/// are kept, every other control, C1, bidi or zero-width character becomes
/// a visible token. Bytes wait until their line is complete (or until
/// [`Write::flush`]); invalid UTF-8 becomes `�`.
///
/// For text meant for people only: machine formats (JSON) are written
/// exactly, escaped by their own rules.
#[derive(Debug)]
pub struct SafeWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> SafeWriter<W> {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }

    fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(line);
        self.inner.write_all(safe(&text).as_bytes())
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = memchr::memchr(b'\n', rest) {
            let (line, after) = rest.split_at(at);
            if self.pending.is_empty() {
                self.write_line(line)?;
            } else {
                self.pending.extend_from_slice(line);
                let whole = std::mem::take(&mut self.pending);
                self.write_line(&whole)?;
            }
            self.inner.write_all(b"\n")?;
            rest = &after[1..];
        }
        self.pending.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let whole = std::mem::take(&mut self.pending);
            self.write_line(&whole)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for SafeWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Writes one message and a newline to stderr through [`SafeWriter`],
/// ignoring errors: a terminal that went away must not turn a message into
/// a panic (which `eprintln!` does).
pub fn eprintln_safe(args: fmt::Arguments<'_>) {
    let mut err = SafeWriter::new(io::stderr().lock());
    let _ = err.write_fmt(args);
    let _ = err.write_all(b"\n");
    let _ = err.flush();
}

/// [`eprintln_safe`] for stdout.
pub fn println_safe(args: fmt::Arguments<'_>) {
    let mut out = SafeWriter::new(io::stdout().lock());
    let _ = out.write_fmt(args);
    let _ = out.write_all(b"\n");
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        let mut w = SafeWriter::new(&mut out);
        for c in chunks {
            w.write_all(c).unwrap();
        }
        drop(w);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn lines_are_made_safe_and_newlines_kept() {
        assert_eq!(
            through(&[b"ok\n", b"bad \x1b]52;c;QQ==\x07 end\n"]),
            "ok\nbad ␛]52;c;QQ==␇ end\n"
        );
    }

    #[test]
    fn a_character_split_between_writes_is_whole() {
        let rlo = "\u{202E}".as_bytes();
        assert_eq!(through(&[b"x", &rlo[..1], &rlo[1..], b"y\n"]), "x⟪RLO⟫y\n");
    }

    #[test]
    fn what_is_pending_is_written_on_flush() {
        assert_eq!(through(&[b"no newline \x9b"]), "no newline \u{FFFD}");
        assert_eq!(through(&["c1 \u{9b}".as_bytes()]), "c1 ⟪9B⟫");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        #[test]
        fn the_output_does_not_depend_on_how_writes_are_cut(
            text in "(\\PC|\u{1b}|\u{9b}|\u{202e}|\n){0,40}",
            cuts in proptest::collection::vec(0usize..60, 0..6),
        ) {
            let bytes = text.as_bytes();
            let mut points: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
            points.sort_unstable();
            let mut chunks = Vec::new();
            let mut at = 0;
            for p in points {
                chunks.push(&bytes[at..p]);
                at = p;
            }
            chunks.push(&bytes[at..]);
            let whole = through(&[bytes]);
            proptest::prop_assert_eq!(through(&chunks), whole.clone());
            proptest::prop_assert!(!whole.chars().any(|c| c.is_control() && c != '\n'));
        }
    }
}
