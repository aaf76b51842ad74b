//! Verdict files the store must not write: not UTF-8 (a `mark` exits 1 and
//! leaves the bytes alone), read-only (refused, the permissions kept), and
//! the permissions of a file it does write are kept.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::support::store::*;
use claimdesk::extract::ClaimId;

/// A desk whose English "said" sentences are claims of rule `en.said` in
/// `rules/en/said.toml`; returns such a claim's id.
fn desk_with_rule(root: &Path) -> ClaimId {
    write_desk(root, 6);
    std::fs::create_dir_all(root.join("rules/en")).unwrap();
    std::fs::write(
        root.join("rules/en/said.toml"),
        "[[rule]]\nid = \"en.said\"\nkind = \"attribution\"\nlabel = \"said\"\n\
         pattern = '''\\bsaid\\b'''\nexamples = [\"The mayor said the road is shut.\"]\n\
         counter_examples = [\"The road is shut.\"]\n",
    )
    .unwrap();
    let (id, _, _) = sentences(root)
        .into_iter()
        .find(|(_, text, _)| text.contains("council said"))
        .expect("an English sentence");
    id
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn mark_refuses_a_verdict_file_that_is_not_utf8_and_leaves_it_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    let id = desk_with_rule(&root);
    let out = mark(&root, "amal", &id, "confirmed", &["--note", "first"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rel = claim_rel("en/said.verdicts", &id);
    let file = root.join(&rel);
    let text = std::fs::read_to_string(&file).unwrap();
    // A note saved by another tool in Latin-1: one byte that is not UTF-8.
    let mut bytes = text.replace("first", "caf\u{0}").into_bytes();
    let at = bytes.iter().position(|b| *b == 0).unwrap();
    bytes[at] = 0xE9;
    std::fs::write(&file, &bytes).unwrap();
    let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();

    let out = mark(&root, "amal", &id, "disputed", &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{rel}:{line}")),
        "names file and line: {err}"
    );
    assert!(
        err.contains("UTF-8") && err.contains("not written"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        bytes,
        "the file was rewritten"
    );
}

#[test]
fn mark_refuses_a_read_only_verdict_file_and_keeps_other_permissions() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    let id = desk_with_rule(&root);
    let out = mark(&root, "amal", &id, "confirmed", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rel = claim_rel("en/said.verdicts", &id);
    let file = root.join(&rel);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;

    // A group-readable file stays so after a save.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = mark(&root, "amal", &id, "unverified", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&file), 0o640);

    // A read-only file is refused, not replaced by a writable one.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&file).unwrap();
    let out = mark(&root, "amal", &id, "disputed", &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&rel) && err.contains("chmod u+w"), "{err}");
    assert_eq!(mode(&file), 0o444);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}
