//! `export --format markdown`: the editor's report.
//!
//! A title and the period, totals by verdict, outlet and analyst, then the
//! disputed claims with their notes and evidence, then the confirmed and the
//! unverified ones, and last, apart, the sentences marked "not a claim"
//! (one line each: extraction noise, never a review). Plain CommonMark, readable as text and on a git forge;
//! text from articles and notes is escaped so it cannot turn into markup,
//! and control characters and direction overrides are shown as `(U+XXXX)`.

use std::fmt::Write as _;

use super::record::ExportRecord;
use super::totals::{Counts, Totals, VERDICTS};
use crate::store::Verdict;

/// What the report says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportInfo {
    /// The desk's name (its folder).
    pub desk: String,
    /// The period asked for (`--since`, `--until`), `YYYY-MM-DD`.
    pub since: Option<String>,
    pub until: Option<String>,
    /// The other filters, in words (`verdict disputed`, `outlet X`).
    pub filters: Vec<String>,
    /// When the report was made (UTC, RFC 3339), if it should say so.
    pub made: Option<String>,
}

/// The report as Markdown.
pub fn write_markdown(records: &[ExportRecord], info: &ReportInfo) -> String {
    let t = Totals::of(records);
    let mut s = String::new();
    let _ = writeln!(s, "# Fact-check report: {}\n", text(&info.desk));
    let period = match (&info.since, &info.until) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        (Some(a), None) => format!("from {a}"),
        (None, Some(b)) => format!("until {b}"),
        (None, None) => "all dates".to_string(),
    };
    let _ = writeln!(s, "- Period: {period} (verdict dates, UTC)");
    if let (Some(a), Some(b)) = (&t.first, &t.last) {
        let _ = writeln!(s, "- Verdicts given: {a} to {b}");
    }
    if !info.filters.is_empty() {
        let filters: Vec<String> = info.filters.iter().map(|f| text(f)).collect();
        let _ = writeln!(s, "- Filters: {}", filters.join("; "));
    }
    if let Some(m) = &info.made {
        let _ = writeln!(s, "- Made: {m}");
    }
    let _ = writeln!(
        s,
        "- Judged claims: {} ({} disputed, {} confirmed, {} unverified); flagged for attention: {}",
        t.all.total(),
        t.all.disputed,
        t.all.confirmed,
        t.all.unverified,
        t.flagged
    );
    let _ = writeln!(
        s,
        "- Not a claim (extraction noise, not reviews): {}\n",
        t.all.not_a_claim
    );
    if records.is_empty() {
        s.push_str("No judged claim matches.\n");
        return s;
    }
    totals(&mut s, &t);
    for v in VERDICTS {
        let of: Vec<&ExportRecord> = records.iter().filter(|r| r.verdict == v).collect();
        if of.is_empty() {
            continue;
        }
        let title = match v {
            Verdict::Disputed => "Disputed claims",
            Verdict::Confirmed => "Confirmed claims",
            Verdict::Unverified => "Unverified claims",
            Verdict::NotAClaim => "Not a claim",
        };
        let _ = writeln!(s, "## {title} ({})\n", of.len());
        for (i, r) in of.iter().enumerate() {
            claim(&mut s, i + 1, r);
        }
    }
    not_claims(&mut s, records);
    s
}

/// The sentences marked "not a claim", apart and one line each.
fn not_claims(s: &mut String, records: &[ExportRecord]) {
    let of: Vec<&ExportRecord> = records
        .iter()
        .filter(|r| r.verdict == Verdict::NotAClaim)
        .collect();
    if of.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "## Not a claim ({})\n\nSentences the rules found that analysts rejected as extraction noise; \
         they are not reviews.\n",
        of.len()
    );
    for r in of {
        let sentence: Vec<&str> = r.claim.split_whitespace().collect();
        let who = if r.analyst.trim().is_empty() {
            "(no name)".to_string()
        } else {
            text(&r.analyst)
        };
        let _ = writeln!(
            s,
            "- `{}` rule `{}` — {} — {who}",
            r.id,
            r.rule.replace('`', "'"),
            text(&sentence.join(" "))
        );
    }
    s.push('\n');
}

fn totals(s: &mut String, t: &Totals) {
    s.push_str("## Totals\n\n| verdict | claims |\n| --- | ---: |\n");
    for v in VERDICTS {
        let _ = writeln!(s, "| {v} | {} |", t.all.get(v));
    }
    let _ = writeln!(s, "| **all** | **{}** |", t.all.total());
    let _ = writeln!(s, "| not a claim | {} |\n", t.all.get(Verdict::NotAClaim));
    if !t.by_rating.is_empty() {
        s.push_str("| rating | claims |\n| --- | ---: |\n");
        for (name, n) in &t.by_rating {
            let _ = writeln!(s, "| {} | {n} |", text(name));
        }
        s.push('\n');
    }
    table(s, "outlet", &t.by_outlet);
    table(s, "analyst", &t.by_analyst);
    table(s, "day", &t.by_day);
}

fn table(s: &mut String, what: &str, rows: &std::collections::BTreeMap<String, Counts>) {
    let _ = writeln!(
        s,
        "| {what} | disputed | confirmed | unverified | all claims | not a claim |\n| --- | ---: | ---: | ---: | ---: | ---: |"
    );
    for (name, c) in rows {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            text(name),
            c.disputed,
            c.confirmed,
            c.unverified,
            c.total(),
            c.not_a_claim
        );
    }
    s.push('\n');
}

fn claim(s: &mut String, n: usize, r: &ExportRecord) {
    let rating = match &r.rating {
        Some(x) if x.ar != x.en => format!("{} · {}", text(&x.en), text(&x.ar)),
        Some(x) => text(&x.en),
        None => r.verdict.to_string(),
    };
    let _ = writeln!(s, "### {n}. {rating} — `{}`\n", r.id);
    for line in r.claim.lines().filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(s, "> {}", text(line.trim()));
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "- Verdict: {}{}",
        r.verdict,
        match &r.rating {
            Some(x) if !x.known => format!(
                " (rating \"{}\" is not in the desk's scale)",
                text(&x.label)
            ),
            Some(x) if x.chosen => format!(", rated {}", text(&x.label)),
            _ => String::new(),
        }
    );
    if !r.note.trim().is_empty() {
        let mut lines = r.note.lines().filter(|l| !l.trim().is_empty());
        let first = lines.next().unwrap_or("");
        let _ = writeln!(s, "- Note: {}", text(first.trim()));
        for l in lines {
            let _ = writeln!(s, "  {}", text(l.trim()));
        }
    }
    if !r.evidence.is_empty() {
        let links: Vec<String> = r.evidence.iter().map(|u| link(u)).collect();
        let _ = writeln!(s, "- Evidence: {}", links.join(", "));
    }
    let who = if r.analyst.trim().is_empty() {
        "(no name)".to_string()
    } else {
        text(&r.analyst)
    };
    let when = r.updated.replacen('T', " ", 1).replace('Z', " UTC");
    let _ = writeln!(s, "- Analyst: {who}, {}", text(when.trim()));
    let flags = r.flags.words();
    if !flags.is_empty() {
        let _ = write!(s, "- Flags: **{}**", flags.join(", "));
        if !r.conflicts.is_empty() {
            let others: Vec<String> = r
                .conflicts
                .iter()
                .map(|j| {
                    let rating = j
                        .rating
                        .as_ref()
                        .map_or(String::new(), |r| format!(" ({})", text(r)));
                    format!(
                        "{}{rating} by {} at {}",
                        j.verdict.map_or("no verdict", |v| v.as_str()),
                        text(&j.analyst),
                        text(&j.updated)
                    )
                })
                .collect();
            let _ = write!(s, " (also {})", others.join("; "));
        }
        s.push('\n');
    }
    if !r.appearances.is_empty() {
        s.push_str("- Appears in:\n");
        for a in &r.appearances {
            let mut parts = Vec::new();
            if !a.title.is_empty() {
                parts.push(format!("*{}*", text(&a.title)));
            }
            let mut line2: Vec<String> = Vec::new();
            if let Some(src) = &a.source {
                line2.push(text(src));
            }
            if let Some(d) = &a.date {
                line2.push(d.clone());
            }
            if !line2.is_empty() {
                parts.push(line2.join(", "));
            }
            parts.push(format!("`{}`", a.path.replace('`', "'")));
            if let Some(u) = &a.url {
                parts.push(link(u));
            }
            let _ = writeln!(s, "  - {}", parts.join(" — "));
        }
    }
    s.push('\n');
}

/// A URL as an autolink when it is a plain web address, else as text.
fn link(u: &str) -> String {
    let plain = (u.starts_with("https://") || u.starts_with("http://"))
        && !u
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>".contains(c));
    if plain { format!("<{u}>") } else { text(u) }
}

/// Text that stays text: Markdown punctuation escaped, line breaks made
/// spaces, control characters and direction overrides made visible.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.chars().enumerate() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') =>
            {
                let _ = write!(out, "(U+{:04X})", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(text("# a *b* [c](d) | e"), "\\# a \\*b\\* \\[c\\](d) \\| e");
        assert_eq!(text("x\u{202E}y\nz"), "x(U+202E)y z");
        assert_eq!(text("قال الوزير إن ٥٪"), "قال الوزير إن ٥٪");
        assert_eq!(link("https://a.example/x?y=1"), "<https://a.example/x?y=1>");
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
    }
}
