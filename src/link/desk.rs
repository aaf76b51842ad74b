//! Linking over a loaded desk: claims named by (article, claim).

use std::path::Path;

use rayon::prelude::*;

use super::cache::{Fingerprint, cached_links};
use super::{LinkItem, Links, Related, Reuse, link_with_cache};
use crate::index::cache::content_hash;
use crate::index::{ClaimRef, DeskArticle, DeskIndex};

/// The links of a desk's claims.
#[derive(Debug, Clone, Default)]
pub struct DeskLinks {
    /// The claims linked, in desk order (articles, then claims).
    pub refs: Vec<ClaimRef>,
    /// Their links; [`Related::other`] indexes `refs`.
    pub links: Links,
}

impl DeskLinks {
    /// The position of claim `r` in [`DeskLinks::refs`], if it was linked.
    pub fn position(&self, r: ClaimRef) -> Option<usize> {
        self.refs
            .binary_search_by(|x| (x.article, x.claim).cmp(&(r.article, r.claim)))
            .ok()
    }

    /// The claims linked to claim `r`, most similar first, each with its link.
    pub fn related(&self, r: ClaimRef) -> impl Iterator<Item = (ClaimRef, &Related)> {
        let list = self.position(r).map_or(&[][..], |i| self.links.related(i));
        list.iter().map(|rel| (self.refs[rel.other], rel))
    }
}

/// Links every claim of the desk whose text is read; claims of articles
/// still waiting for their text ([`crate::index::Texts::Later`]) are left
/// out until it arrives (link again then).
pub fn link_desk(index: &DeskIndex) -> DeskLinks {
    link_desk_cached(index, None).0
}

/// [`link_desk`] through the link cache file `file` ([`super::links_file`]):
/// the links read back when the claims did not change, else computed from
/// the cached signatures and the new ones (and saved).
pub fn link_desk_cached(index: &DeskIndex, file: Option<&Path>) -> (DeskLinks, Reuse) {
    if let Some(links) = file.and_then(|f| cached_desk_links(index, f)) {
        return (links, Reuse::Links);
    }
    let (refs, items, days) = desk_items(index);
    let (links, reuse) = link_with_cache(&items, &days, file);
    (DeskLinks { refs, links }, reuse)
}

/// What linking takes of a desk: every claim whose text is read, in desk
/// order, as (where it is, its article and sentence, its article's day).
pub fn desk_items(index: &DeskIndex) -> (Vec<ClaimRef>, Vec<LinkItem<'_>>, Vec<Option<i64>>) {
    let (refs, ranges, days) = desk_claim_ranges(index);
    let outlets = outlet_ids(index);
    // Sized exactly: these live as long as the desk's links are made.
    let mut items = Vec::with_capacity(refs.len());
    for (r, range) in refs.iter().zip(ranges) {
        let art = &index.articles[r.article];
        items.push(LinkItem {
            article: r.article,
            outlet: outlets[r.article],
            // `desk_claim_ranges` gave only claims whose text reads.
            text: art.text(range).unwrap_or(""),
        });
    }
    (refs, items, days)
}

/// [`desk_items`] with each claim's byte range in its article's text in place
/// of its sentence, in one pass: for the TUI's linking thread, which holds
/// the texts but not the index (gathering the items and then the ranges
/// held the UI thread for 50-65 ms on the ANT desk).
pub fn desk_claim_ranges(
    index: &DeskIndex,
) -> (Vec<ClaimRef>, Vec<std::ops::Range<usize>>, Vec<Option<i64>>) {
    // An upper bound, exact unless a claim's range does not read.
    let claims = index
        .articles
        .iter()
        .filter(|a| a.has_text())
        .map(|a| a.extraction.claims.len())
        .sum();
    let mut refs = Vec::with_capacity(claims);
    let mut ranges = Vec::with_capacity(claims);
    let mut days = Vec::with_capacity(claims);
    for (a, art) in index.articles.iter().enumerate() {
        let day = article_day(art);
        for (c, range, _) in linked_claims(art) {
            refs.push(ClaimRef {
                article: a,
                claim: c,
            });
            ranges.push(range);
            days.push(day);
        }
    }
    (refs, ranges, days)
}

/// The desk's links read back from the cache file `file` when they were made
/// for exactly these claims; `None` otherwise. A desk that did not change
/// gets its links this way without the linker's items (a sentence, article
/// and day per claim) ever being built.
pub fn cached_desk_links(index: &DeskIndex, file: &Path) -> Option<DeskLinks> {
    let (refs, print) = desk_fingerprint(index);
    let links = cached_links(file, &print, refs.len())?;
    Some(DeskLinks { refs, links })
}

/// The claims of article `art` that are linked, with their ranges in its
/// text and their sentences: those whose text is read (one list for
/// [`desk_claim_ranges`], and so [`desk_items`], and for [`desk_fingerprint`],
/// so the cache's two fingerprints cover the same claims).
fn linked_claims(art: &DeskArticle) -> impl Iterator<Item = (usize, std::ops::Range<usize>, &str)> {
    let claims = if art.has_text() {
        &art.extraction.claims[..]
    } else {
        &[]
    };
    claims.iter().enumerate().filter_map(|(c, claim)| {
        let range = claim.range.clone();
        Some((c, range.clone(), art.text(range)?))
    })
}

/// The claims [`desk_items`] would give, and their [`Fingerprint`],
/// hashed article by article.
fn desk_fingerprint(index: &DeskIndex) -> (Vec<ClaimRef>, crate::index::cache::ContentHash) {
    let outlets = outlet_ids(index);
    let per_article: Vec<(Vec<ClaimRef>, Vec<[u8; 16]>)> = index
        .articles
        .par_iter()
        .enumerate()
        .map(|(a, art)| {
            linked_claims(art)
                .map(|(c, _, text)| {
                    let r = ClaimRef {
                        article: a,
                        claim: c,
                    };
                    (r, content_hash(text))
                })
                .unzip()
        })
        .collect();
    let mut print = Fingerprint::default();
    let mut refs = Vec::with_capacity(per_article.iter().map(|(r, _)| r.len()).sum());
    for (a, (article_refs, keys)) in per_article.into_iter().enumerate() {
        let day = article_day(&index.articles[a]);
        for key in &keys {
            print.add(a, outlets[a], key, day);
        }
        refs.extend(article_refs);
    }
    (refs, print.finish())
}

/// Each article's outlet as a number (the same for the same `source`,
/// spaces and case aside), in desk order; `None` where it is not known.
pub fn outlet_ids(index: &DeskIndex) -> Vec<Option<u32>> {
    let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    index
        .articles
        .iter()
        .map(|art| {
            let name = art.article.meta.source.as_deref()?.trim().to_lowercase();
            let next = ids.len() as u32;
            (!name.is_empty()).then(|| *ids.entry(name).or_insert(next))
        })
        .collect()
}

/// An article's date as a day number ([`crate::text::dates::Date::day_number`]).
pub fn article_day(art: &DeskArticle) -> Option<i64> {
    let date = art.article.meta.date.as_deref()?;
    crate::text::dates::Date::parse_iso(date).map(|d| d.day_number())
}
