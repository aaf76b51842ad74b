//! `claimdesk rules`: list the rules and what they find in the desk.

use std::io::Write;
use std::path::Path;

use super::{load_rules, open_desk, printable, quiet_pipe, show};
use crate::session::{DeskSession, SessionOptions};

/// Arguments of this subcommand.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Print only the patterns, one a line (multi-line patterns are skipped with a warning).
    #[arg(long)]
    pub patterns: bool,
    /// With --patterns: print the patterns as matched (normalised like article
    /// text) instead of as written.
    #[arg(long, requires = "patterns")]
    pub normalized: bool,
    /// The rules folder. Default: the desk's rules folder.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<std::path::PathBuf>,
}

/// Runs the subcommand; returns the exit code.
pub fn run(dir: &Path, args: RulesArgs) -> anyhow::Result<i32> {
    let desk = open_desk(dir)?;
    let rules_dir = match &args.rules {
        Some(r) => dir.join(r),
        None => desk.rules_dir(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());

    if args.patterns {
        let rules = load_rules(&rules_dir, &desk.root)?;
        let written = (|| -> std::io::Result<()> {
            let normalized = rules.normalized_patterns();
            for (i, r) in rules.rules.iter().enumerate() {
                let pattern = match normalized.get(i) {
                    Some(n) if args.normalized => *n,
                    _ => r.pattern.as_str(),
                };
                if pattern.contains('\n') {
                    safe_eprintln!(
                        "claimdesk: rule {:?} ({}:{}) spans several lines; left out",
                        r.id,
                        r.file,
                        r.line
                    );
                    continue;
                }
                writeln!(out, "{}", for_tools(pattern))?;
            }
            out.flush()
        })();
        quiet_pipe(written)?;
        return Ok(0);
    }

    if !rules_dir.is_dir() {
        // Said as the other commands say it (exit 2), before any work.
        load_rules(&rules_dir, &desk.root)?;
    }
    // The claims are counted in the desk as every front opens it (manual
    // claims and re-attached verdicts included); the rules are the session's
    // own, loaded once.
    let options = SessionOptions {
        cache_dir: Some(crate::userconfig::paths().cache_dir),
        texts_later: true,
        rules_dir: Some(rules_dir.clone()),
        ..SessionOptions::default()
    };
    let session = match DeskSession::open(desk.clone(), &options, &|_| {}) {
        Ok(session) => session,
        Err(problems) => {
            for p in &problems {
                safe_eprintln!("claimdesk: {}", show(p, &desk.root));
            }
            anyhow::bail!("the rules have problems; fix them first");
        }
    };
    for p in &session.problems {
        safe_eprintln!("claimdesk: warning: {}", show(p, &desk.root));
    }
    let articles = &session.index.articles;
    let rules = &session.index.rules;
    let mut owned = vec![0usize; rules.rules.len()];
    let mut any = vec![0usize; rules.rules.len()];
    // Claims (distinct ids) each rule owns that have a verdict.
    let mut judged = vec![0usize; rules.rules.len()];
    let mut seen_ids = std::collections::HashSet::new();
    for a in articles {
        for c in &a.extraction.claims {
            if let Some(first) = c.rules.owner() {
                owned[first] += 1;
                if seen_ids.insert(c.id.clone()) && session.status(&c.id).0.is_some() {
                    judged[first] += 1;
                }
            }
            let mut seen: Vec<usize> = c.rules.indices().collect();
            seen.sort_unstable();
            seen.dedup();
            for i in seen {
                any[i] += 1;
            }
        }
    }
    let id_w = rules
        .rules
        .iter()
        .map(|r| r.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let kind_w = rules
        .rules
        .iter()
        .map(|r| r.kind.as_str().len())
        .max()
        .unwrap_or(4)
        .max(4);
    let loc_w = rules
        .rules
        .iter()
        .map(|r| r.file.chars().count() + 1 + r.line.to_string().len())
        .max()
        .unwrap_or(4)
        .max(4);
    // The table is for people: every line made safe for a terminal.
    let mut out = crate::render::SafeWriter::new(out);
    let written = (|| -> std::io::Result<()> {
        writeln!(
            out,
            "{:<id_w$}  {:<kind_w$}  {:<loc_w$}  {:>5}  {:>5}  {:>6}  label",
            "id", "kind", "file", "owns", "any", "judged"
        )?;
        for (i, r) in rules.rules.iter().enumerate() {
            writeln!(
                out,
                "{:<id_w$}  {:<kind_w$}  {:<loc_w$}  {:>5}  {:>5}  {:>6}  {}",
                r.id,
                r.kind.as_str(),
                format!("{}:{}", r.file, r.line),
                owned[i],
                any[i],
                judged[i],
                printable(&r.label)
            )?;
        }
        let claims: usize = articles.iter().map(|a| a.extraction.claims.len()).sum();
        writeln!(
            out,
            "{} rule(s); {} claim(s) in {} article(s)",
            rules.rules.len(),
            claims,
            articles.len()
        )?;
        out.flush()
    })();
    quiet_pipe(written)?;
    Ok(0)
}

/// A pattern as other tools get it: characters a terminal would act on
/// (controls, C1, bidi and zero-width characters) written as regex escapes
/// `\x{…}`, which match the same text in Rust regex, ripgrep and PCRE.
fn for_tools(pattern: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if matches!(crate::render::safe(pattern), Cow::Borrowed(_)) {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut buf = [0u8; 4];
    for c in pattern.chars() {
        let one: &str = c.encode_utf8(&mut buf);
        if c != '\t' && matches!(crate::render::safe(one), Cow::Owned(_)) {
            out.push_str(&format!("\\x{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::for_tools;

    #[test]
    fn patterns_for_tools_escape_what_a_terminal_acts_on() {
        assert_eq!(for_tools("قال (?:أن)"), "قال (?:أن)");
        let escaped = for_tools("a\u{1b}]52\u{202E}b\u{200B}");
        assert_eq!(escaped, "a\\x{1b}]52\\x{202e}b\\x{200b}");
        let original = regex::Regex::new("a\u{1b}]52\u{202E}b").unwrap();
        let same = regex::Regex::new(&escaped.replace("\\x{200b}", "")).unwrap();
        let text = "xa\u{1b}]52\u{202E}by";
        assert_eq!(
            original.find(text).map(|m| m.range()),
            same.find(text).map(|m| m.range())
        );
    }
}
