//! The desk's imported reviews on disk: one TOML file, [`IMPORTED_FILE`],
//! `schema = 1` and one `[[review]]` table each, apart from the verdict files.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ImportedReview;
use crate::problem::Problem;

/// Where a desk keeps imported reviews, relative to its root.
pub const IMPORTED_FILE: &str = "reviews/imported.toml";

/// Largest imported-reviews file read.
pub const MAX_IMPORTED_BYTES: u64 = 64 << 20;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    schema: u32,
    #[serde(default)]
    review: Vec<ImportedReview>,
}

/// The reviews kept in the desk at `root` (none when the file is missing),
/// or why the file cannot be read (file and line named).
pub fn load_library(root: &Path) -> Result<Vec<ImportedReview>, Problem> {
    let path = root.join(IMPORTED_FILE);
    let bytes = match crate::bounded::read_bounded_optional(&path, MAX_IMPORTED_BYTES) {
        Ok(None) => return Ok(Vec::new()),
        Ok(Some(b)) => b,
        Err(e) => return Err(Problem::file(&path, format!("cannot read: {e}"))),
    };
    let text = crate::bounded::utf8(bytes).map_err(|line| {
        Problem::file(&path, "not UTF-8; import the reviews again").at_line(line)
    })?;
    match toml::from_str::<File>(&text) {
        Ok(f) if f.schema == 1 => Ok(f.review),
        Ok(f) => Err(Problem::file(
            &path,
            format!(
                "schema {} is not known to this claimdesk (1 is); update claimdesk",
                f.schema
            ),
        )),
        Err(e) => {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let p = Problem::file(
                &path,
                format!(
                    "not a valid imported-reviews file: {}; fix it or delete it and import again",
                    crate::render::safe_text(e.message())
                ),
            );
            Err(match line {
                Some(l) => p.at_line(l),
                None => p,
            })
        }
    }
}

/// Writes the reviews into the desk at `root`, atomically.
pub fn save_library(root: &Path, reviews: &[ImportedReview]) -> std::io::Result<()> {
    let path = root.join(IMPORTED_FILE);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let file = File {
        schema: 1,
        review: reviews.to_vec(),
    };
    let mut text = String::from(
        "# Reviews published by other organisations, imported with\n\
         # `claimdesk import-reviews`: reference material, not the desk's verdicts.\n",
    );
    text.push_str(&toml::to_string(&file).map_err(std::io::Error::other)?);
    crate::store::durable::write_atomic(&path, text.as_bytes())
}

/// What an import added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// New reviews kept.
    pub added: usize,
    /// Reviews whose URL the desk already had (the newer text replaces the kept one).
    pub updated: usize,
    /// Reviews by the desk's own publisher (its `[publisher] url`), not kept.
    pub own: usize,
}

/// Adds `new` to `kept`, de-duplicated by URL (a known URL replaces the
/// kept review in place); reviews whose author URL is `own_url` (the desk's
/// own publisher) are left out.
pub fn merge(
    kept: &mut Vec<ImportedReview>,
    new: Vec<ImportedReview>,
    own_url: Option<&str>,
) -> ImportSummary {
    let mut s = ImportSummary::default();
    let key = |u: &str| u.trim().trim_end_matches('/').to_lowercase();
    let own = own_url.map(key);
    for r in new {
        if own.is_some() && r.author_url.as_deref().map(key) == own {
            s.own += 1;
            continue;
        }
        match kept.iter_mut().find(|k| key(&k.url) == key(&r.url)) {
            Some(k) => {
                if *k != r {
                    *k = r;
                }
                s.updated += 1;
            }
            None => {
                kept.push(r);
                s.added += 1;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_round_trips_and_dedups_by_url() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(load_library(tmp.path()).unwrap().is_empty());
        let r = |url: &str, author_url: Option<&str>| ImportedReview {
            url: url.into(),
            claim: "قال المتحدث إن الميناء استقبل ٤٠ سفينة.".into(),
            rating: Some("مضلل".into()),
            rating_value: Some(2.0),
            author_url: author_url.map(String::from),
            ..Default::default()
        };
        let mut kept = Vec::new();
        let s = merge(
            &mut kept,
            vec![
                r("https://a.example/1", None),
                r("https://A.example/1/", None),
                r("https://own.example/9", Some("https://own.example")),
            ],
            Some("https://own.example/"),
        );
        assert_eq!((s.added, s.updated, s.own), (1, 1, 1));
        save_library(tmp.path(), &kept).unwrap();
        assert_eq!(load_library(tmp.path()).unwrap(), kept);
        std::fs::write(
            tmp.path().join(IMPORTED_FILE),
            "schema = 1\n[[review]]\nurl = 3\n",
        )
        .unwrap();
        let p = load_library(tmp.path()).unwrap_err();
        assert_eq!(p.line, Some(3), "{p}");
    }
}
