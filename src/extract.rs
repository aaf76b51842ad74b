//! Claims from articles: segment, mark boilerplate, match rules, build claims.
//!
//! The article body is normalised once; sentences are segmented on the
//! normalised text and every range is mapped back to the article through
//! [`Normalized::source_range`](crate::text::normalize::Normalized::source_range).

use std::ops::Range;

use crate::desk::Article;
use crate::rules::{Extent, RuleHit, RuleKind, RuleSet};
use crate::text::normalize::normalize;
use crate::text::segment::{Segment, sentences};

mod batch;
mod claim_id;
mod rule_list;
mod spans;

pub use batch::extract_many;
pub use claim_id::{ClaimId, IdText};
pub use rule_list::RuleList;
pub use spans::{snap_to_words, word_spans};

/// A bare line (no full stop) with at least this many words is read as a
/// sentence that lost its full stop, not as a heading.
pub const HEADING_MAX_WORDS: usize = 16;
/// The same limit for the article's first line (its title) when it has no comma.
pub const TITLE_MAX_WORDS: usize = 24;
/// The same limit for a bare line ending with `?` or `!`.
pub const QUESTION_HEADING_MAX_WORDS: usize = 7;

/// What a sentence is, for display and for whether it can be a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceRole {
    /// Ordinary article text.
    Body,
    /// A headline, section header or other bare line without final punctuation.
    Heading,
    /// Part of a block a reader knows is not the article ("read also", tags…).
    Boilerplate,
}

/// A sentence of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in [`Article::text`].
    pub range: Range<usize>,
    pub paragraph: u32,
    pub role: SentenceRole,
}

/// Where one rule matched inside a claim: not kept with the claim, but
/// recomputed when needed by [`claim_matches`] or [`article_matches`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimMatch {
    /// Index into [`RuleSet::rules`].
    pub rule: usize,
    /// Byte range in [`Article::text`].
    pub range: Range<usize>,
    /// Named captures with byte ranges in [`Article::text`].
    pub captures: Vec<(String, Range<usize>)>,
    /// Every match of the rule in the sentence, snapped to whole words
    /// (what a highlight lights), byte ranges in [`Article::text`]; see
    /// [`word_spans`].
    pub spans: Vec<Range<usize>>,
}

/// A sentence that at least one rule matched (or an analyst marked by hand).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: ClaimId,
    /// Index into [`Extraction::sentences`].
    pub sentence: usize,
    /// Byte range of the sentence in [`Article::text`].
    pub range: Range<usize>,
    /// Indices into [`RuleSet::rules`] of every matching rule, in rule
    /// order; the first owns the claim. Empty for a manual claim.
    pub rules: RuleList,
    /// The kind: the owning rule's kind, or [`RuleKind::Manual`].
    pub kind: RuleKind,
}

impl Claim {
    /// True when an analyst made this claim by hand.
    pub fn is_manual(&self) -> bool {
        self.rules.is_empty()
    }
}

/// The sentences and claims of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    pub sentences: Vec<Sentence>,
    pub claims: Vec<Claim>,
}

impl Extraction {
    /// The claim made of sentence `index`, if any.
    pub fn claim_of(&self, index: usize) -> Option<&Claim> {
        self.claims.iter().find(|c| c.sentence == index)
    }
}

/// Extracts the claims of one article.
///
/// A claim is a [`SentenceRole::Body`] sentence that no veto matches and at
/// least one rule matches. A sentence repeated within one article gives one
/// claim (its first occurrence), since the id is the same.
pub fn extract_article(article: &Article, rules: &RuleSet) -> Extraction {
    extract_body(&Body::of(article), rules)
}

/// [`extract_article`] and [`article_matches`] at once: the article is
/// normalised and segmented once for both (what `claimdesk extract` prints).
pub fn extract_with_matches(
    article: &Article,
    rules: &RuleSet,
) -> (Extraction, Vec<Vec<ClaimMatch>>) {
    let body = Body::of(article);
    let extraction = extract_body(&body, rules);
    let matches = body.claim_matches(&extraction, rules);
    (extraction, matches)
}

/// The claims of an article's body (see [`extract_article`]): its phases
/// one after the other ([`extract_many`] runs each over many bodies).
fn extract_body(body: &Body, rules: &RuleSet) -> Extraction {
    let roles = roles(&body.norm.text, &body.segs, rules);
    let matching = matching_rules(body, &roles, rules);
    assemble(body, roles, &matching, rules)
}

/// The rules that match each sentence that may be a claim: body text that
/// no veto matches (none for the others).
fn matching_rules(body: &Body, roles: &[SentenceRole], rules: &RuleSet) -> Vec<Vec<usize>> {
    body.segs
        .iter()
        .zip(roles)
        .map(|(seg, &role)| match role {
            SentenceRole::Body => rules
                .claim_rules(&body.norm.text[seg.range.clone()])
                .unwrap_or_default(),
            _ => Vec::new(),
        })
        .collect()
}

/// The sentences and claims, from each sentence's role and matching rules.
fn assemble(
    body: &Body,
    roles: Vec<SentenceRole>,
    matching: &[Vec<usize>],
    rules: &RuleSet,
) -> Extraction {
    let (norm, segs) = (&body.norm, &body.segs);
    let mut out = Extraction {
        sentences: Vec::with_capacity(segs.len()),
        claims: Vec::new(),
    };
    for (index, ((seg, role), matching)) in segs.iter().zip(roles).zip(matching).enumerate() {
        out.sentences.push(Sentence {
            range: body.to_src(seg.range.clone()),
            paragraph: seg.paragraph,
            role,
        });
        let Some(&first) = matching.first() else {
            continue;
        };
        let id = ClaimId::of_normalized(&norm.text[seg.range.clone()]);
        if out.claims.iter().any(|c| c.id == id) {
            continue;
        }
        let kind = rules.rules[first].kind;
        out.claims.push(Claim {
            id,
            sentence: index,
            range: out.sentences[index].range.clone(),
            // The rule set holds at most 65,536 rules (checked when loading).
            rules: matching.iter().map(|&i| i as u16).collect(),
            kind,
        });
    }
    out
}

/// An article's body, normalised and cut into sentences: the first steps
/// of [`extract_article`], shared with [`article_matches`] so that
/// recomputed matches are exactly those extraction found.
struct Body {
    /// Where the body starts in [`Article::text`].
    base: usize,
    norm: crate::text::normalize::Normalized,
    segs: Vec<Segment>,
}

impl Body {
    fn of(article: &Article) -> Body {
        let body = clamp_body(article);
        let norm = normalize(&article.text[body.clone()]);
        let segs = sentences(&norm.text, 0..norm.text.len());
        Body {
            base: body.start,
            norm,
            segs,
        }
    }

    /// A range in the normalised body as a range in [`Article::text`].
    fn to_src(&self, r: Range<usize>) -> Range<usize> {
        let s = self.norm.source_range(r);
        s.start + self.base..s.end + self.base
    }

    /// Where each claim's rules match it (see [`article_matches`]).
    fn claim_matches(&self, extraction: &Extraction, rules: &RuleSet) -> Vec<Vec<ClaimMatch>> {
        extraction
            .claims
            .iter()
            .map(|c| match c.is_manual() {
                true => Vec::new(),
                false => self.matches(c.sentence, rules, &c.rules),
            })
            .collect()
    }

    /// Where the rules `only` match segment `index`, with ranges in
    /// [`Article::text`].
    fn matches(&self, index: usize, rules: &RuleSet, only: &[u16]) -> Vec<ClaimMatch> {
        let Some(seg) = self.segs.get(index) else {
            return Vec::new();
        };
        only.iter()
            .filter_map(|&i| self.match_of(&seg.range, rules, usize::from(i)))
            .collect()
    }

    /// Rule `i`'s match in the segment at normalised range `seg`, with
    /// ranges in [`Article::text`], and every match of its rule there
    /// snapped to words; `None` when it does not match (as
    /// [`RuleSet::hits_of`] decides).
    fn match_of(&self, seg: &Range<usize>, rules: &RuleSet, i: usize) -> Option<ClaimMatch> {
        let (rule, text) = (rules.rules.get(i)?, self.norm.text.get(seg.clone())?);
        if rules.excluded(i, text) {
            return None;
        }
        let (first, spans) = spans::first_and_word_spans(&rule.regex, text);
        // Without capture groups the first of every match is the hit: one
        // search of the sentence, not two (recomputing matches for `extract`'s
        // JSON took a third of a warm run on the generated desk).
        let hit = match rule.regex.captures_len() {
            1 => RuleHit {
                rule: i,
                range: first?,
                captures: Vec::new(),
            },
            _ => rules.span_of(text, i)?,
        };
        Some(self.placed(seg, hit, spans))
    }

    /// A hit in the segment at normalised range `seg`, with ranges in
    /// [`Article::text`], and every match of its rule there snapped to words.
    fn to_match(&self, seg: &Range<usize>, hit: RuleHit, rules: &RuleSet) -> ClaimMatch {
        let spans = match (rules.rules.get(hit.rule), self.norm.text.get(seg.clone())) {
            (Some(rule), Some(text)) => word_spans(&rule.regex, text),
            _ => Vec::new(),
        };
        self.placed(seg, hit, spans)
    }

    /// A hit and its word spans, given in the segment at normalised range
    /// `seg`, with ranges in [`Article::text`].
    fn placed(&self, seg: &Range<usize>, hit: RuleHit, spans: Vec<Range<usize>>) -> ClaimMatch {
        let at = seg.start;
        let src = |r: Range<usize>| self.to_src(r.start + at..r.end + at);
        ClaimMatch {
            rule: hit.rule,
            range: src(hit.range),
            captures: hit.captures.into_iter().map(|(n, r)| (n, src(r))).collect(),
            spans: spans.into_iter().map(src).collect(),
        }
    }
}

/// Where each claim's rules match it, one list per claim of `extraction`
/// (in its order; empty for a manual claim): the spans and captures
/// extraction found, recomputed (claims do not keep them).
///
/// `extraction` must be this article's, extracted with `rules`.
pub fn article_matches(
    article: &Article,
    extraction: &Extraction,
    rules: &RuleSet,
) -> Vec<Vec<ClaimMatch>> {
    if extraction.claims.iter().all(Claim::is_manual) {
        return vec![Vec::new(); extraction.claims.len()];
    }
    let used = extraction.claims.iter().flat_map(|c| c.rules.iter());
    rules.prepare(used.map(|&r| usize::from(r)));
    Body::of(article).claim_matches(extraction, rules)
}

/// Where one claim's rules match it (see [`article_matches`]); for several
/// claims of one article, [`article_matches`] normalises the article once.
pub fn claim_matches(article: &Article, claim: &Claim, rules: &RuleSet) -> Vec<ClaimMatch> {
    if claim.is_manual() {
        return Vec::new();
    }
    Body::of(article).matches(claim.sentence, rules, &claim.rules)
}

/// The article's body range, snapped inside the text (never panics on a bad range).
fn clamp_body(article: &Article) -> Range<usize> {
    let t = &article.text;
    let mut start = article.body.start.min(t.len());
    let mut end = article.body.end.clamp(start, t.len());
    while !t.is_char_boundary(start) {
        start -= 1;
    }
    while !t.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The role of every segment: boilerplate blocks first, then headings.
fn roles(text: &str, segs: &[Segment], rules: &RuleSet) -> Vec<SentenceRole> {
    let mut roles = vec![SentenceRole::Body; segs.len()];
    // Paragraphs as runs of segments.
    let mut paragraphs: Vec<Range<usize>> = Vec::new();
    for (i, s) in segs.iter().enumerate() {
        match paragraphs.last_mut() {
            Some(p) if segs[p.start].paragraph == s.paragraph => p.end = i + 1,
            _ => paragraphs.push(i..i + 1),
        }
    }
    let mut block: Option<Extent> = None;
    for (pi, p) in paragraphs.iter().enumerate() {
        let in_block = match block {
            Some(Extent::End) => true,
            Some(Extent::Next(n)) if n > 0 => {
                block = Some(Extent::Next(n - 1));
                true
            }
            _ => {
                let para = &text[segs[p.start].range.start..segs[p.end - 1].range.end];
                block = rules.boilerplate_start(para).map(|b| b.extent);
                block.is_some()
            }
        };
        for i in p.clone() {
            let segment = &text[segs[i].range.clone()];
            roles[i] = if in_block {
                SentenceRole::Boilerplate
            } else if !segment.chars().any(char::is_alphabetic) {
                // No letter at all: a list number (`3.`), a lone figure or a
                // time left as a segment of its own labels what follows; it
                // states nothing, so it is never a claim.
                SentenceRole::Heading
            } else if is_heading(segment, p.len() == 1, pi == 0) {
                SentenceRole::Heading
            } else {
                SentenceRole::Body
            };
        }
    }
    roles
}

/// A bare line (a paragraph of one sentence without a full stop) is a
/// heading when it is short: fewer than [`HEADING_MAX_WORDS`] words,
/// [`QUESTION_HEADING_MAX_WORDS`] for a question, [`TITLE_MAX_WORDS`] for
/// the article's first line when it has no comma.
fn is_heading(sentence: &str, alone_in_paragraph: bool, first_paragraph: bool) -> bool {
    if !alone_in_paragraph || ends_like_a_sentence(sentence) || joins_two_statements(sentence) {
        return false;
    }
    let s = sentence.trim_end();
    let limit = if s.ends_with(['?', '!']) {
        QUESTION_HEADING_MAX_WORDS
    } else if first_paragraph && !s.contains(',') {
        TITLE_MAX_WORDS
    } else {
        HEADING_MAX_WORDS
    };
    s.split_whitespace().count() < limit
}

/// True when a bare line joins two statements with `..` glued to a word
/// (`تحطم قطار.. ونجاة ركابه`): a news headline that states what happened,
/// read as one sentence (segmentation keeps it whole), so it may be a claim.
fn joins_two_statements(sentence: &str) -> bool {
    sentence.match_indices("..").any(|(i, _)| {
        let before = sentence[..i].chars().next_back();
        let after = sentence[i + 2..].chars().next();
        before.is_some_and(|c| !c.is_whitespace() && c != '.')
            && after.is_some_and(char::is_whitespace)
            && !sentence[i + 2..].trim().is_empty()
    })
}

/// True when a (normalised) sentence ends with a full stop or `…`, possibly
/// followed by closing quotes or brackets. Headlines may end with `?` or `!`.
fn ends_like_a_sentence(sentence: &str) -> bool {
    let s = sentence.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '}')
    });
    s.ends_with(['.', '…'])
}

/// Makes a manual claim of sentence `index` (no rule matched it).
pub fn manual_claim(article: &Article, extraction: &Extraction, index: usize) -> Claim {
    let s = &extraction.sentences[index];
    Claim {
        id: ClaimId::of_sentence(&article.text[s.range.clone()]),
        sentence: index,
        range: s.range.clone(),
        rules: RuleList::new(),
        kind: RuleKind::Manual,
    }
}
