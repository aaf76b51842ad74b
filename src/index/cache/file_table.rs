//! The cache's record of article files: each path with its stamp and content
//! hash, in the order they were saved (the desk's listing order).
//!
//! A desk usually lists the same files in the same order as last time, so a
//! lookup first tries the record at the path's own position in the listing;
//! a map by path is built only when that misses (files added or removed).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

use super::{ContentHash, FileStamp};

/// One recorded file; its path is a range of the cache file's bytes.
#[derive(Debug, Clone)]
pub(super) struct FileRecord {
    pub(super) path: Range<usize>,
    pub(super) stamp: FileStamp,
    pub(super) hash: ContentHash,
}

/// The recorded files, in saved order.
#[derive(Debug, Default)]
pub(super) struct FileTable {
    records: Vec<FileRecord>,
    /// Record index by a hash of the path, built on the first miss of a
    /// position hint.
    by_path: OnceLock<HashMap<u64, usize>>,
}

fn path_hash(path: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    path.hash(&mut h);
    h.finish()
}

impl FileTable {
    pub(super) fn new(records: Vec<FileRecord>) -> FileTable {
        FileTable {
            records,
            by_path: OnceLock::new(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.records.len()
    }

    /// The record of `path` (bytes of the cache file: `bytes`), looked for
    /// first at position `hint`.
    pub(super) fn get(&self, bytes: &[u8], path: &[u8], hint: usize) -> Option<&FileRecord> {
        let path_of = |r: &FileRecord| bytes.get(r.path.clone());
        if let Some(r) = self.records.get(hint)
            && path_of(r) == Some(path)
        {
            return Some(r);
        }
        let by_path = self.by_path.get_or_init(|| {
            let mut map = HashMap::with_capacity(self.records.len());
            for (i, r) in self.records.iter().enumerate() {
                map.insert(path_hash(path_of(r).unwrap_or_default()), i);
            }
            map
        });
        // A different path with the same hash is simply not found (the file
        // is then read, never mistaken for another).
        let r = self.records.get(*by_path.get(&path_hash(path))?)?;
        (path_of(r) == Some(path)).then_some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(paths: &[&str]) -> (Vec<u8>, FileTable) {
        let mut bytes = Vec::new();
        let mut records = Vec::new();
        for (i, p) in paths.iter().enumerate() {
            let start = bytes.len();
            bytes.extend_from_slice(p.as_bytes());
            let stamp = FileStamp {
                len: i as u64,
                modified: (0, 0),
                changed: (0, 0),
                inode: 0,
            };
            records.push(FileRecord {
                path: start..bytes.len(),
                stamp,
                hash: [i as u8; 16],
            });
        }
        (bytes, FileTable::new(records))
    }

    #[test]
    fn finds_a_path_at_its_position_elsewhere_or_not_at_all() {
        let (bytes, t) = table(&["/d/a.txt", "/d/b.txt", "/d/c.txt"]);
        let hash = |p: &str, hint| t.get(&bytes, p.as_bytes(), hint).map(|r| r.hash[0]);
        assert_eq!(hash("/d/b.txt", 1), Some(1));
        // A file added before it shifts the listing: found by the map.
        assert_eq!(hash("/d/b.txt", 2), Some(1));
        assert_eq!(hash("/d/c.txt", 99), Some(2));
        assert_eq!(hash("/d/new.txt", 0), None);
        assert_eq!(hash("/d/a.txt", 0), Some(0));
        assert_eq!(t.len(), 3);
    }
}
