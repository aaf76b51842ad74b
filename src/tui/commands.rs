//! `:` commands: each is a name for an [`Action`], with Tab completion.

use super::action::{Action, Filter, NAMED};
use crate::rules::RuleKind;

/// Commands that take arguments or are short aliases (name, usage, description).
pub const EXTRA: &[(&str, &str, &str)] = &[
    (
        "filter",
        "filter all|pending|confirmed|disputed|unverified|kind K",
        "show only some claims",
    ),
    ("search", "search TEXT", "search titles and claims"),
    ("note", "note TEXT", "set the selected claim's note"),
    (
        "evidence",
        "evidence URL…",
        "set the selected claim's evidence",
    ),
    ("q", "q", "quit"),
];

/// Parses a command line (without the `:`).
pub fn parse(line: &str) -> Result<Action, String> {
    let line = line.trim();
    let (name, rest) = line
        .split_once(char::is_whitespace)
        .map_or((line, ""), |(n, r)| (n, r.trim()));
    let words: Vec<&str> = rest.split_whitespace().collect();
    match name {
        "" => Err("empty command".into()),
        "q" | "quit" => Ok(Action::Quit),
        "filter" => Filter::parse(&words).map(Action::SetFilter).ok_or_else(|| {
            format!("filter: unknown `{rest}`; try all, pending, confirmed, disputed, unverified, kind number")
        }),
        "search" => Ok(Action::Search(rest.to_string())),
        "note" => Ok(Action::SetNote(rest.to_string())),
        "evidence" => Ok(Action::SetEvidence(
            words.iter().map(|w| w.to_string()).collect(),
        )),
        _ => match Action::from_name(name) {
            Some(a) if words.is_empty() => Ok(a),
            Some(_) => Err(format!("{name} takes no argument")),
            None => Err(format!("unknown command `{name}`; Tab completes, ? lists keys")),
        },
    }
}

/// Every command name, sorted.
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&str> = NAMED
        .iter()
        .map(|(n, _, _)| *n)
        .chain(EXTRA.iter().map(|(n, _, _)| *n))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The words that can follow `filter`.
fn filter_words() -> Vec<String> {
    let mut v: Vec<String> = [
        "all",
        "pending",
        "confirmed",
        "disputed",
        "unverified",
        "kind",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend(RuleKind::ALL.iter().map(|k| format!("kind {}", k.as_str())));
    v
}

/// Completions of a partly typed command line: whole lines that extend it.
pub fn complete(line: &str) -> Vec<String> {
    match line.split_once(' ') {
        None => names()
            .into_iter()
            .filter(|n| n.starts_with(line))
            .map(|n| n.to_string())
            .collect(),
        Some(("filter", arg)) => filter_words()
            .into_iter()
            .filter(|w| w.starts_with(arg.trim_start()) && w.as_str() != "kind")
            .map(|w| format!("filter {w}"))
            .collect(),
        Some(_) => Vec::new(),
    }
}

/// The longest common prefix of the completions (what Tab inserts).
pub fn common_prefix(options: &[String]) -> Option<String> {
    let first = options.first()?;
    let mut end = first.len();
    for o in &options[1..] {
        end = end.min(
            first
                .char_indices()
                .zip(o.chars())
                .take_while(|((_, a), b)| a == b)
                .last()
                .map_or(0, |((i, a), _)| i + a.len_utf8()),
        );
    }
    Some(first[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Verdict;

    #[test]
    fn commands_map_to_actions() {
        assert_eq!(parse("quit"), Ok(Action::Quit));
        assert_eq!(parse(" reload "), Ok(Action::Reload));
        assert_eq!(
            parse("filter disputed"),
            Ok(Action::SetFilter(Filter::Verdict(Verdict::Disputed)))
        );
        assert_eq!(
            parse("filter kind number"),
            Ok(Action::SetFilter(Filter::Kind(RuleKind::Number)))
        );
        assert_eq!(
            parse("search اتفاقيه"),
            Ok(Action::Search("اتفاقيه".into()))
        );
        assert!(parse("fly").unwrap_err().contains("unknown command"));
        assert!(parse("filter sideways").unwrap_err().contains("try all"));
        assert!(parse("reload now").is_err());
    }

    #[test]
    fn completes_names_and_filter_words() {
        assert_eq!(complete("rel"), vec!["reload".to_string()]);
        assert!(complete("filter d").contains(&"filter disputed".to_string()));
        assert!(complete("filter kind n").contains(&"filter kind number".to_string()));
        assert_eq!(
            common_prefix(&["search".into(), "search-next".into(), "search-prev".into()]),
            Some("search".into())
        );
    }
}
