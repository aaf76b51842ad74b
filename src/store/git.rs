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

/// Why `path` must not be written now, if git has it unmerged
/// (a merge, rebase, cherry-pick or stash pop stopped on it).
pub fn unmerged(path: &Path) -> Option<String> {
    let dir = path.parent()?;
    if !dir.exists() || !in_repository(dir) {
        return None;
    }
    let name = path.file_name()?;
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["ls-files", "-u", "--"])
        .arg(name)
        .output()
        .ok()?;
    if out.status.success() && !out.stdout.is_empty() {
        Some(
            "git has unresolved merge conflicts in this file (resolve them, then `git add` it)"
                .into(),
        )
    } else {
        None
    }
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
