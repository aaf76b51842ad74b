//! `:` commands: each is a name for an [`Action`], with Tab completion.

use super::action::{Action, COMMANDS, command};

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
    super::filter::words()
}

/// Completions of a partly typed command line: whole lines that extend it.
pub fn complete(line: &str) -> Vec<String> {
    match line.split_once(' ') {
        None => names()
            .into_iter()
            .filter(|n| n.starts_with(line))
            .map(|n| n.to_string())
            .collect(),
        Some(("filter", arg)) => {
            // Complete the last term; the ones before it stay as typed.
            let arg = arg.trim_start();
            let mut cut = arg.rfind(' ').map_or(0, |i| i + 1);
            if arg[..cut].trim_end().ends_with("kind") {
                // `kind X` completes as one word.
                cut = arg[..cut].trim_end().rfind(' ').map_or(0, |i| i + 1);
            }
            let (done, last) = arg.split_at(cut);
            filter_words()
                .into_iter()
                .filter(|w| w.starts_with(last) && w.as_str() != "kind")
                .map(|w| format!("filter {done}{w}"))
                .collect()
        }
        Some(("sort", arg)) => super::filter::Sort::WORDS
            .iter()
            .filter(|w| w.starts_with(arg.trim_start()))
            .map(|w| format!("sort {w}"))
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
    use crate::rules::RuleKind;
    use crate::store::Verdict;
    use crate::tui::filter::{Term, VerdictIs};

    #[test]
    fn commands_map_to_actions() {
        assert_eq!(parse("quit"), Ok(Action::Quit));
        assert_eq!(parse(" reload "), Ok(Action::Reload));
        assert_eq!(
            parse("filter disputed"),
            Ok(Action::Refine(vec![Term::Verdict(VerdictIs::Is(
                Verdict::Disputed
            ))]))
        );
        assert_eq!(
            parse("filter kind number outlet CNN"),
            Ok(Action::Refine(vec![
                Term::Kind(RuleKind::Number),
                Term::Outlet("CNN".into())
            ]))
        );
        assert_eq!(parse("goto 856452"), Ok(Action::Goto("856452".into())));
        assert!(parse("sort size").unwrap_err().contains("try date"));
        assert!(parse("open-url x").unwrap_err().contains("evidence number"));
        assert_eq!(
            parse("search اتفاقيه"),
            Ok(Action::Search("اتفاقيه".into()))
        );
        assert!(parse("fly").unwrap_err().contains("unknown command"));
        assert!(
            parse("filter sideways")
                .unwrap_err()
                .contains("try pending")
        );
        assert!(parse("reload now").is_err());
    }

    #[test]
    fn completes_names_and_filter_words() {
        assert_eq!(complete("rel"), vec!["reload".to_string()]);
        assert!(complete("filter d").contains(&"filter disputed".to_string()));
        assert!(complete("filter kind n").contains(&"filter kind number".to_string()));
        assert!(complete("filter disputed out").contains(&"filter disputed outlet".to_string()));
        assert!(
            complete("filter disputed kind nu")
                .contains(&"filter disputed kind number".to_string())
        );
        assert_eq!(complete("sort da"), vec!["sort date".to_string()]);
        assert_eq!(
            common_prefix(&["search".into(), "search-next".into(), "search-prev".into()]),
            Some("search".into())
        );
    }
}
