//! `claimdesk init`: makes the current folder a desk and, inside a git
//! repository, registers the verdict merge driver. Never overwrites a file;
//! running it again (or in a fresh clone of a desk) only registers what is
//! missing.
//!
//! It moves old-layout verdict files to one file per claim
//! ([`crate::store::migrate`]). In git it writes (if missing) tracked
//! `.gitattributes` lines `RULES/**/*.verdicts/*/*.toml merge=claimdesk`
//! (claim files) and `RULES/**/*.verdicts.toml merge=claimdesk` (old files
//! a colleague may still merge), and a tracked
//! `.claimdesk.gitconfig` defining the driver as `claimdesk merge-driver %O %A
//! %B %P`, and includes that file from the clone's own config
//! (`git config --local include.path`). The clone's own config then sets the
//! driver command to the absolute path of the running program (quoted for
//! the shell git runs it with), or to `--driver PROGRAM`: a merge started
//! from a shell whose PATH lacks `claimdesk` still finds it.

use std::path::{Path, PathBuf};

use crate::desk::{CONFIG_FILE, DeskConfig};
use crate::store::git::{self, DRIVER_NAME, GITCONFIG_FILE, driver_command};

/// Arguments of this subcommand.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The program git runs as the merge driver in this clone (default:
    /// this program's absolute path).
    #[arg(long, value_name = "PROGRAM")]
    pub driver: Option<String>,
}

const DEFAULT_CONFIG: &str = "# claimdesk desk: where the articles and the rules are.\n\
articles = [\"articles\"]\n\
rules = \"rules\"\n\
# analyst = \"Your Name\"   # recorded with verdicts (your own config file can set it too)\n";

/// `.gitignore` lines: the store's lock file and temporary files.
const IGNORED: [&str; 3] = [".claimdesk.lock", ".*.verdicts.toml.tmp-*", ".*.toml.tmp-*"];

/// Runs the subcommand; returns the exit code.
pub fn run(dir: &Path, args: InitArgs) -> anyhow::Result<i32> {
    let root = dir
        .canonicalize()
        .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    let config_path = root.join(CONFIG_FILE);
    let new_desk = !config_path.exists();
    let config = if !new_desk {
        let text = read_text_optional(&config_path)?;
        DeskConfig::parse(&text, &config_path)
            .map_err(|p| anyhow::anyhow!("{p}; fix it, then run `claimdesk init` again"))?
    } else {
        create(&config_path, DEFAULT_CONFIG)?;
        DeskConfig::default()
    };
    for loc in &config.articles {
        if !loc.contains(['*', '?', '[']) {
            mkdir(&root.join(loc))?;
        }
    }
    let rules_dir = root.join(&config.rules);
    mkdir(&rules_dir)?;
    // The default rule pack goes only into a new desk: an existing desk's
    // rules are its own (a rule file it removed stays removed).
    if new_desk {
        for (rel, content) in crate::rules::default_pack() {
            create(&rules_dir.join(rel), content)?;
        }
    }
    // Old-layout verdict files move to one file per claim.
    let migrated = crate::store::migrate::migrate(&rules_dir);
    if let Some(line) = migrated.summary() {
        safe_println!("{line}");
    }
    for p in &migrated.problems {
        safe_eprintln!("claimdesk init: {p}");
    }
    if git::in_repository(&root) {
        register_driver(&root, &config.rules, args.driver.as_deref())?;
    } else {
        safe_println!(
            "not in a git repository: merge driver not registered (run `claimdesk init` again after `git init`)"
        );
    }
    Ok(0)
}

/// A small text file of the desk, read through [`crate::bounded`] (a FIFO
/// or a device is refused, not waited on); a missing file is empty.
fn read_text_optional(path: &Path) -> anyhow::Result<String> {
    use crate::bounded::{MAX_CONFIG_BYTES, read_bounded_optional, utf8};
    let bytes = read_bounded_optional(path, MAX_CONFIG_BYTES)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        .unwrap_or_default();
    utf8(bytes).map_err(|line| {
        anyhow::anyhow!(
            "{}:{line}: not UTF-8; save it as UTF-8, then run `claimdesk init` again",
            path.display()
        )
    })
}

/// Writes `content` to `path` unless it exists.
fn create(path: &Path, content: &str) -> anyhow::Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(p) = path.parent() {
        mkdir(p)?;
    }
    std::fs::write(path, content).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    safe_println!("created {}", path.display());
    Ok(())
}

fn mkdir(path: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// The `.gitattributes` line, the tracked config file and its inclusion.
fn register_driver(root: &Path, rules: &str, driver: Option<&str>) -> anyhow::Result<()> {
    let attrs = root.join(".gitattributes");
    let existing = read_text_optional(&attrs)?;
    let mut text = existing.clone();
    for attr_line in git::attribute_lines(rules) {
        if !existing.lines().any(|l| l.trim() == attr_line) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&attr_line);
            text.push('\n');
            safe_println!("added to .gitattributes: {attr_line}");
        }
    }
    if text != existing {
        std::fs::write(&attrs, text).map_err(|e| anyhow::anyhow!("{}: {e}", attrs.display()))?;
    }
    // The lock file and temporary files of interrupted saves are not data.
    let ignore = root.join(".gitignore");
    let existing = read_text_optional(&ignore)?;
    let mut text = existing.clone();
    for line in IGNORED {
        if !existing.lines().any(|l| l.trim() == line) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(line);
            text.push('\n');
        }
    }
    if text != existing {
        std::fs::write(&ignore, text).map_err(|e| anyhow::anyhow!("{}: {e}", ignore.display()))?;
        safe_println!("added to .gitignore: {}", IGNORED.join(" "));
    }
    let gitconfig = root.join(GITCONFIG_FILE);
    create(
        &gitconfig,
        &format!(
            "# The claimdesk merge driver for verdict files (see docs/verdicts.md).\n\
             # Each clone includes this file: run `claimdesk init` once after cloning.\n\
             [merge \"{DRIVER_NAME}\"]\n\
             \tname = claimdesk per-claim verdict merge\n\
             \tdriver = {}\n",
            driver_command("claimdesk")
        ),
    )?;
    let include = include_path(root, &gitconfig)?;
    let current =
        git::run(root, &["config", "--local", "--get-all", "include.path"]).unwrap_or_default();
    if !current.lines().any(|l| l.trim() == include) {
        git::run(
            root,
            &["config", "--local", "--add", "include.path", &include],
        )?;
        safe_println!("git config --local include.path {include}");
    }
    let program = match driver {
        Some(p) => Some(p.to_string()),
        None => own_program(),
    };
    if let Some(program) = program {
        let key = format!("merge.{DRIVER_NAME}.driver");
        git::run(
            root,
            &["config", "--local", &key, &driver_command(&program)],
        )?;
        safe_println!("git config --local {key} \"{}\"", driver_command(&program));
    }
    safe_println!(
        "merge driver registered; commit .gitattributes and {GITCONFIG_FILE} so every clone has them"
    );
    Ok(())
}

/// How the clone's config refers to the tracked file: `../REL` from the
/// repository's `.git/config` when possible, else the absolute path.
fn include_path(root: &Path, gitconfig: &Path) -> anyhow::Result<String> {
    let top = git::toplevel(root).map(|t| t.canonicalize().unwrap_or(t));
    let common = git::run(root, &["rev-parse", "--git-common-dir"])
        .ok()
        .map(|s| {
            let p = PathBuf::from(s.trim());
            if p.is_absolute() { p } else { root.join(p) }
        })
        .and_then(|p| p.canonicalize().ok());
    if let (Some(top), Some(common)) = (top, common)
        && common == top.join(".git")
        && let Ok(rel) = gitconfig.strip_prefix(&top)
    {
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        return Ok(format!("../{}", rel.join("/")));
    }
    Ok(gitconfig.to_string_lossy().into_owned())
}

/// This program's absolute path (symbolic links resolved): git runs the
/// driver from whatever shell, editor or GUI starts the merge, whose PATH
/// may not hold `claimdesk`.
fn own_program() -> Option<String> {
    let me = std::env::current_exe().ok()?;
    let me = me.canonicalize().unwrap_or(me);
    Some(me.to_string_lossy().into_owned())
}
