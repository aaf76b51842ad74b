//! `:` commands: each is a name for an [`Action`], with Tab completion.

use super::action::{Action, COMMANDS, command};
use crate::rules::RuleKind;

/// Parses a command line (without the `:`).
pub fn parse(line: &str) -> Result<Action, String> {
    let line = line.trim();
    let (name, rest) = line
        .split_once(char::is_whitespace)
        .map_or((line, ""), |(n, r)| (n, r.trim()));
    if name.is_empty() {
        return Err("empty command".into());
    }
    let Some(c) = command(name) else {
        return Err(format!(
            "unknown command `{name}`; Tab completes, ? lists keys"
        ));
    };
    match (&c.args, rest.is_empty()) {
        (_, true) => Ok(c.action.clone()),
        (Some(form), false) => (form.parse)(rest),
        (None, false) => Err(format!("{name} takes no argument")),
    }
}

/// Every command name and alias, sorted.
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&str> = COMMANDS
        .iter()
        .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
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
        "not-a-claim",
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
    use crate::tui::action::Filter;

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
