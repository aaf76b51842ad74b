//! [`RuleList`]: the rules that matched a claim, kept without a heap
//! allocation in the usual case.

use std::fmt;
use std::ops::Deref;

/// How many rule indices fit inline (the type stays 24 bytes, like a `Vec`).
const INLINE: usize = 11;

/// Indices into [`RuleSet::rules`](crate::rules::RuleSet::rules) of the rules
/// that matched a claim, in rule order; reads as a `&[u16]`.
///
/// Up to 11 indices are stored inline; more go to the heap.
#[derive(Clone, PartialEq, Eq)]
pub struct RuleList(Repr);

#[derive(Clone, PartialEq, Eq)]
enum Repr {
    Inline { len: u8, ids: [u16; INLINE] },
    Heap(Box<[u16]>),
}

impl RuleList {
    /// No rules (a manual claim).
    pub const fn new() -> RuleList {
        RuleList(Repr::Inline {
            len: 0,
            ids: [0; INLINE],
        })
    }

    /// The list of these indices.
    pub fn from_slice(ids: &[u16]) -> RuleList {
        if ids.len() <= INLINE {
            let mut inline = [0; INLINE];
            inline[..ids.len()].copy_from_slice(ids);
            RuleList(Repr::Inline {
                len: ids.len() as u8,
                ids: inline,
            })
        } else {
            RuleList(Repr::Heap(ids.into()))
        }
    }

    /// The indices as `usize`, for indexing [`RuleSet::rules`](crate::rules::RuleSet::rules).
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.iter().map(|&i| usize::from(i))
    }

    /// The owning rule (the first), if any.
    pub fn owner(&self) -> Option<usize> {
        self.first().map(|&i| usize::from(i))
    }
}

impl Default for RuleList {
    fn default() -> RuleList {
        RuleList::new()
    }
}

impl Deref for RuleList {
    type Target = [u16];

    fn deref(&self) -> &[u16] {
        match &self.0 {
            Repr::Inline { len, ids } => &ids[..usize::from(*len)],
            Repr::Heap(ids) => ids,
        }
    }
}

impl fmt::Debug for RuleList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl FromIterator<u16> for RuleList {
    fn from_iter<I: IntoIterator<Item = u16>>(iter: I) -> RuleList {
        let ids: Vec<u16> = iter.into_iter().collect();
        RuleList::from_slice(&ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_lists_read_back() {
        assert_eq!(std::mem::size_of::<RuleList>(), 24);
        for n in [0usize, 1, 4, INLINE, INLINE + 1, 40] {
            let ids: Vec<u16> = (0..n as u16).rev().collect();
            let list = RuleList::from_slice(&ids);
            assert_eq!(&*list, ids.as_slice());
            assert_eq!(list.owner(), ids.first().map(|&i| usize::from(i)));
            assert_eq!(list, ids.iter().copied().collect());
        }
        assert!(RuleList::new().is_empty());
    }
}
