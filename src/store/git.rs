//! What the store needs from git: whether a verdict file is in the middle of
//! an unresolved merge, and the merge-driver registration done by `init`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The name of the merge driver in `.gitattributes` and git config.
pub const DRIVER_NAME: &str = "claimdesk";
/// The tracked git config file `init` writes at the desk root.
pub const GITCONFIG_FILE: &str = ".claimdesk.gitconfig";

/// True when `dir` or an ancestor holds `.git` (a folder, or a file in a worktree).
pub fn in_repository(dir: &Path) -> bool {
    dir.ancestors().any(|a| a.join(".git").exists())
}

/// The top folder of the repository containing `dir`, if any (asks git).
pub fn toplevel(dir: &Path) -> Option<PathBuf> {
    if !in_repository(dir) {
        return None;
    }
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?;
    Some(PathBuf::from(s.trim_end_matches(['\n', '\r'])))
}

/// What is said of a verdict file git has unmerged.
pub const UNMERGED: &str =
    "git has unresolved merge conflicts in this file (resolve them, then `git add` it)";

/// Why `path` must not be written now, if git has it unmerged
/// (a merge, rebase, cherry-pick or stash pop stopped on it).
pub fn unmerged(path: &Path) -> Option<String> {
    // Verdict file names come from rule file paths, which are UTF-8.
    let name = path.file_name()?.to_str()?.to_string();
    let found = unmerged_among(path.parent()?, std::slice::from_ref(&name));
    found.contains(&name).then(|| UNMERGED.into())
}

/// Which of these files (paths relative to `dir`) git has unmerged, with
/// one run of git for all of them (each run costs a process start).
pub fn unmerged_among(dir: &Path, rels: &[String]) -> std::collections::HashSet<String> {
    let mut found = std::collections::HashSet::new();
    if rels.is_empty() || !dir.exists() || !in_repository(dir) {
        return found;
    }
    let Ok(out) = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["ls-files", "-u", "-z", "--"])
        .args(rels)
        .output()
    else {
        return found;
    };
    if out.status.success() {
        // Each entry: mode, object, stage, a tab, the path (relative to
        // `dir`, unquoted with -z), then a NUL.
        for entry in String::from_utf8_lossy(&out.stdout).split('\0') {
            if let Some((_, path)) = entry.split_once('\t') {
                found.insert(path.to_string());
            }
        }
    }
    found
}

/// The `.gitattributes` lines naming the driver for the verdict files under
/// the rules folder `rules` (desk-relative): claim files, then old-layout files.
pub fn attribute_lines(rules: &str) -> [String; 2] {
    let rules = rules.trim_matches('/');
    [
        format!(
            "{rules}/**/*{}/*/*.toml merge={DRIVER_NAME}",
            super::layout::FOLDER_SUFFIX
        ),
        format!("{rules}/**/*{} merge={DRIVER_NAME}", super::VERDICTS_SUFFIX),
    ]
}

/// Every file under `dir` git has unmerged (paths relative to `dir`), with
/// one run of git whatever their number.
pub fn unmerged_under(dir: &Path) -> std::collections::HashSet<String> {
    let mut found = std::collections::HashSet::new();
    if !dir.exists() || !in_repository(dir) {
        return found;
    }
    let Ok(out) = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["ls-files", "-u", "-z", "--", "."])
        .output()
    else {
        return found;
    };
    if out.status.success() {
        for entry in String::from_utf8_lossy(&out.stdout).split('\0') {
            if let Some((_, path)) = entry.split_once('\t') {
                found.insert(path.to_string());
            }
        }
    }
    found
}

/// Why a merge of `rules/…/*.verdicts/…` in this clone would not run our
/// driver (the desk at `root` is in a git repository and the attribute or
/// the driver command is missing), as a warning naming the fix; `None` when
/// it would, or outside git.
pub fn driver_warning(root: &Path, rules: &str) -> Option<String> {
    if !in_repository(root) {
        return None;
    }
    let probe = format!(
        "{}/x{}/00/000000000000.toml",
        rules.trim_matches('/'),
        super::layout::FOLDER_SUFFIX
    );
    let attr = run(root, &["check-attr", "merge", "--", &probe]).unwrap_or_default();
    let has_attr = attr
        .trim_end()
        .ends_with(&format!(": merge: {DRIVER_NAME}"));
    let key = format!("merge.{DRIVER_NAME}.driver");
    let has_driver = run(root, &["config", "--get", &key]).is_ok_and(|s| !s.trim().is_empty());
    if has_attr && has_driver {
        return None;
    }
    Some(
        "warning: this git clone has no claimdesk merge driver for verdict files \
         (independent verdicts still merge; two changes of one claim fall back to conflict \
         markers instead of a recorded conflict); run `claimdesk init` here"
            .to_string(),
    )
}

/// Runs git in `dir`; returns stdout, or an error with git's message.
pub fn run(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| anyhow::anyhow!("cannot run git: {e}"))?;
    if !out.status.success() {
        anyhow::bail!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Quotes a path for the shell git runs merge drivers with.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+".contains(&b))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The driver command line for `program`.
pub fn driver_command(program: &str) -> String {
    format!("{} merge-driver %O %A %B %P", shell_quote(program))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("/usr/bin/claimdesk"), "/usr/bin/claimdesk");
        assert_eq!(shell_quote("/a b/it's"), "'/a b/it'\\''s'");
        assert_eq!(
            driver_command("claimdesk"),
            "claimdesk merge-driver %O %A %B %P"
        );
    }
}
