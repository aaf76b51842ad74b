//! `claimdesk import-reviews FILE…`: ClaimReview published by other
//! organisations (JSON-LD or JSONL) kept in the desk as reference material
//! (`reviews/imported.toml`), de-duplicated by URL. Every file is read
//! before anything is written; a file with problems is named with its lines
//! and nothing of it is kept.

use std::path::{Path, PathBuf};

use super::open_desk;
use crate::reviews::{self, IMPORTED_FILE};

/// Largest file read for import.
const MAX_INPUT_BYTES: u64 = 64 << 20;

/// Arguments of this subcommand.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// ClaimReview files: JSON-LD (an object, an array, or `@graph`) or JSONL.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs the subcommand; returns the exit code: 0 when every file was
/// imported, 1 when some files had problems (the others were imported), 2
/// when nothing could be done.
pub fn run(dir: &Path, args: ImportArgs) -> anyhow::Result<i32> {
    let desk = open_desk(dir)?;
    let mut kept = match reviews::load_library(&desk.root) {
        Ok(k) => k,
        Err(p) => {
            safe_eprintln!("claimdesk import-reviews: {p}");
            return Ok(2);
        }
    };
    let mut bad_files = 0;
    let mut total = reviews::ImportSummary::default();
    for file in &args.files {
        let path = dir.join(file);
        let shown = file.display().to_string();
        let text = match crate::bounded::read_bounded(&path, MAX_INPUT_BYTES)
            .map_err(|e| e.to_string())
            .and_then(|b| crate::bounded::utf8(b).map_err(|line| format!("line {line}: not UTF-8")))
        {
            Ok(t) => t,
            Err(why) => {
                safe_eprintln!("{shown}: cannot read: {why}; nothing imported from it");
                bad_files += 1;
                continue;
            }
        };
        let (mut found, problems) = reviews::parse_reviews(&text);
        if !problems.is_empty() {
            for p in &problems {
                match p.line {
                    Some(l) => safe_eprintln!("{shown}:{l}: {}", p.message),
                    None => safe_eprintln!("{shown}: {}", p.message),
                }
            }
            safe_eprintln!(
                "{shown}: {} problem(s); nothing imported from it (fix them and import again)",
                problems.len()
            );
            bad_files += 1;
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for r in &mut found {
            r.source = name.clone();
        }
        let n = found.len();
        let s = reviews::store::merge(&mut kept, found, desk.config.publisher.url.as_deref());
        safe_eprintln!(
            "{shown}: {n} review(s): {} new, {} already kept (by URL){}",
            s.added,
            s.updated,
            if s.own > 0 {
                format!(", {} by this desk's own publisher left out", s.own)
            } else {
                String::new()
            }
        );
        total.added += s.added;
        total.updated += s.updated;
        total.own += s.own;
    }
    if total.added + total.updated > 0 {
        if let Err(e) = reviews::save_library(&desk.root, &kept) {
            safe_eprintln!(
                "claimdesk import-reviews: {}: cannot write: {e}",
                desk.root.join(IMPORTED_FILE).display()
            );
            return Ok(2);
        }
        safe_println!(
            "{} review(s) kept in {IMPORTED_FILE} ({} new)",
            kept.len(),
            total.added
        );
    }
    Ok(match bad_files {
        0 => 0,
        n if n == args.files.len() => 2,
        _ => 1,
    })
}
