//! `claimdesk rules`: list the rules and what they find in the desk.

use std::io::Write;
use std::path::Path;

use super::{load_rules, open_desk, printable, quiet_pipe, show};
use crate::session::{DeskSession, SessionOptions};
use crate::store::Verdict;

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
    /// Output format of the table: text for people, json for tools.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text, conflicts_with = "patterns")]
    pub format: RulesFormat,
}

/// Output formats of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RulesFormat {
    /// A table.
    #[default]
    Text,
    /// `{"rules":[…],"claims":N,"articles":N}`.
    Json,
}

/// One rule's line: what it finds and what analysts made of it.
#[derive(Debug, Clone, serde::Serialize)]
struct RuleRow {
    id: String,
    kind: &'static str,
    file: String,
    line: usize,
    label: String,
    /// Claim appearances this rule owns (matched first).
    owns: usize,
    /// Claim appearances this rule matches at all.
    any: usize,
    /// Distinct claims it owns that have a verdict (not-a-claim included).
    judged: usize,
    /// Of those, marked "not a claim" (extraction noise).
    not_a_claim: usize,
    /// `not_a_claim / judged`, when anything is judged: the rule's noise.
    not_a_claim_share: Option<f64>,
}

/// The share as people read it: `25%`, or `-` when nothing is judged.
fn share(s: Option<f64>) -> String {
    s.map_or("-".to_string(), |x| format!("{:.0}%", x * 100.0))
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
    // Claims (distinct ids) each rule owns that have a verdict, and of
    // those the ones marked "not a claim".
    let mut judged = vec![0usize; rules.rules.len()];
    let mut noise = vec![0usize; rules.rules.len()];
    let mut seen_ids = std::collections::HashSet::new();
    for a in articles {
        for c in &a.extraction.claims {
            if let Some(first) = c.rules.owner() {
                owned[first] += 1;
                if seen_ids.insert(c.id.clone()) {
                    match session.status(&c.id).0 {
                        Some(Verdict::NotAClaim) => {
                            judged[first] += 1;
                            noise[first] += 1;
                        }
                        Some(_) => judged[first] += 1,
                        None => {}
                    }
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
    let rows: Vec<RuleRow> = rules
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| RuleRow {
            id: r.id.clone(),
            kind: r.kind.as_str(),
            file: r.file.clone(),
            line: r.line,
            label: r.label.clone(),
            owns: owned[i],
            any: any[i],
            judged: judged[i],
            not_a_claim: noise[i],
            not_a_claim_share: (judged[i] > 0).then(|| noise[i] as f64 / judged[i] as f64),
        })
        .collect();
    let claims: usize = articles.iter().map(|a| a.extraction.claims.len()).sum();
    if args.format == RulesFormat::Json {
        let doc = serde_json::json!({
            "rules": rows,
            "claims": claims,
            "articles": articles.len(),
        });
        // Serialising plain data cannot fail; JSON escapes control characters.
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        let written = writeln!(out, "{text}").and_then(|()| out.flush());
        quiet_pipe(written)?;
        return Ok(0);
    }
    let id_w = rows
        .iter()
        .map(|r| r.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let kind_w = rows.iter().map(|r| r.kind.len()).max().unwrap_or(4).max(4);
    let loc_w = rows
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
            "{:<id_w$}  {:<kind_w$}  {:<loc_w$}  {:>5}  {:>5}  {:>6}  {:>5}  {:>5}  label",
            "id", "kind", "file", "owns", "any", "judged", "noise", "share"
        )?;
        for r in &rows {
            writeln!(
                out,
                "{:<id_w$}  {:<kind_w$}  {:<loc_w$}  {:>5}  {:>5}  {:>6}  {:>5}  {:>5}  {}",
                r.id,
                r.kind,
                format!("{}:{}", r.file, r.line),
                r.owns,
                r.any,
                r.judged,
                r.not_a_claim,
                share(r.not_a_claim_share),
                printable(&r.label)
            )?;
        }
        writeln!(
            out,
            "{} rule(s); {} claim(s) in {} article(s); noise: judged claims marked not-a-claim (share of judged)",
            rows.len(),
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
