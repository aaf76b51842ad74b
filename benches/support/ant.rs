//! The real-text desk: the ANT corpus (`../shared/corpus/ant-multisource.tar.zst`)
//! unpacked with `zstd` and `tar`, and each article turned into a desk
//! file: its `<TITLE>`, `<URL>`, `<SRC>` and `<TIME>` as front matter, its
//! `<TEXT>` as the body.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where the corpus archive is, next to this repository, if it exists.
pub fn archive(repo_root: &Path) -> Option<PathBuf> {
    let p = repo_root.join("../shared/corpus/ant-multisource.tar.zst");
    p.is_file().then_some(p)
}

/// The ANT desk under `work/bench-desk/ant/` (made once: unpacked into
/// `work/corpus/`, converted, with a copy of `rules_src` as its rules).
pub fn desk(archive: &Path, work: &Path, rules_src: &Path) -> io::Result<PathBuf> {
    let dir = work.join("bench-desk").join("ant");
    let marker = dir.join(".complete");
    if marker.exists() {
        return Ok(dir);
    }
    let raw = work.join("corpus");
    let unpacked = raw.join(".complete");
    if !unpacked.exists() {
        eprintln!("unpacking {} into {} …", archive.display(), raw.display());
        std::fs::create_dir_all(&raw)?;
        unpack(archive, &raw)?;
        std::fs::write(&unpacked, "")?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "converting the ANT corpus into a desk in {} …",
        dir.display()
    );
    let n = convert(&raw.join("ant"), &dir.join("articles"))?;
    std::fs::write(
        dir.join("claimdesk.toml"),
        "# The ANT corpus as a desk, made by the newsroom benchmark.\n\
         articles = [\"articles\"]\nrules = \"rules\"\n",
    )?;
    super::generator::copy_rules(rules_src, &dir.join("rules"))?;
    std::fs::write(&marker, "")?;
    eprintln!("{n} articles");
    Ok(dir)
}

/// `zstd -dc ARCHIVE | tar -x -C OUT`.
fn unpack(archive: &Path, out: &Path) -> io::Result<()> {
    let mut zstd = Command::new("zstd")
        .arg("-dc")
        .arg(archive)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| io::Error::other(format!("zstd: {e} (apt-get install zstd)")))?;
    let Some(stream) = zstd.stdout.take() else {
        return Err(io::Error::other("zstd gave no output stream"));
    };
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(out)
        .stdin(stream)
        .status()?;
    let z = zstd.wait()?;
    if !tar.success() || !z.success() {
        return Err(io::Error::other(format!(
            "unpacking failed (zstd {z}, tar {tar})"
        )));
    }
    Ok(())
}

/// Converts every `*.txt` document under `src` into `out/<same path>.md`;
/// documents without a body are left out. Returns how many were written.
pub fn convert(src: &Path, out: &Path) -> io::Result<usize> {
    let mut files = Vec::new();
    walk(src, &mut files)?;
    let mut n = 0;
    for path in files {
        let bytes = std::fs::read(&path)?;
        let text = String::from_utf8_lossy(&bytes);
        let Some(doc) = document(&text) else {
            continue;
        };
        let Ok(rel) = path.strip_prefix(src) else {
            continue;
        };
        let target = out.join(rel).with_extension("md");
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, doc)?;
        n += 1;
    }
    Ok(n)
}

/// Sorted `*.txt` files under `dir`.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

/// One corpus document as a desk file, or `None` when its body is empty.
pub fn document(doc: &str) -> Option<String> {
    let body = field(doc, "TEXT");
    if body.trim().is_empty() {
        return None;
    }
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str("+++\n");
    for (key, tag) in [("title", "TITLE"), ("source", "SRC"), ("url", "URL")] {
        out.push_str(&format!("{key} = {}\n", quoted(field(doc, tag))));
    }
    if let Some(date) = date(field(doc, "TIME")) {
        out.push_str(&format!("date = \"{date}\"\n"));
    }
    out.push_str("lang = \"ar\"\n+++\n");
    // Bytes that were not UTF-8 are dropped, not replaced.
    out.extend(body.chars().filter(|&c| c != '\u{FFFD}'));
    out.push('\n');
    Some(out)
}

/// The trimmed text between `<TAG>` and `</TAG>` (empty when absent).
fn field<'a>(doc: &'a str, tag: &str) -> &'a str {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let Some(start) = doc.find(&open).map(|i| i + open.len()) else {
        return "";
    };
    let end = doc[start..].find(&close).map_or(doc.len(), |i| start + i);
    doc[start..end].trim()
}

/// The calendar date of an RFC 2822 time (`Sun, 18 Feb 2018 23:13:19
/// +0400` → `2018-02-18`, the day where it was written).
fn date(time: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let rest = time.split_once(',').map_or(time, |(_, r)| r);
    let mut words = rest.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month = words.next()?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| month.starts_with(m))? + 1;
    let year: u32 = words.next()?.parse().ok()?;
    (1..=31)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}
