//! What the two panes list: the articles and the selected article's claims
//! that pass the filter, in the chosen order, and where a claim is in them.

use super::app::App;
use super::filter::{ClaimFacts, Sort, verdict_rank};

impl App {
    /// True when claim `c` of article `a` passes the filter.
    pub fn claim_passes(&self, a: usize, c: usize) -> bool {
        self.filter.is_all() || self.filter.passes(&self.facts(a, c, &mut Vec::new()))
    }

    /// What the filter needs to know of claim `c` of article `a` (`kinds`
    /// is a buffer for the kinds of its matching rules).
    fn facts<'a>(
        &'a self,
        a: usize,
        c: usize,
        kinds: &'a mut Vec<crate::rules::RuleKind>,
    ) -> ClaimFacts<'a> {
        let art = &self.index.articles[a];
        let claim = &art.extraction.claims[c];
        let rules = &self.index.rules.rules;
        kinds.clear();
        kinds.extend(
            claim
                .rules
                .indices()
                .filter_map(|r| rules.get(r))
                .map(|r| r.kind),
        );
        if kinds.is_empty() {
            kinds.push(claim.kind);
        }
        let record = self.verdicts.get(&claim.id);
        let stale = self.filter.stale
            && record.is_some_and(|r| {
                art.text(claim.range.clone()).is_some_and(|now| {
                    crate::text::normalize::fold_for_search(now.trim())
                        != crate::text::normalize::fold_for_search(r.claim.trim())
                })
            });
        ClaimFacts {
            outlet: art.article.meta.source.as_deref(),
            date: art.article.meta.date.as_deref(),
            owner_rule: claim
                .rules
                .owner()
                .and_then(|r| rules.get(r))
                .map(|r| r.id.as_str()),
            kinds,
            record,
            stale,
        }
    }

    /// True when article `a` has a claim passing the filter (or the filter is `all`).
    fn article_passes(&self, a: usize) -> bool {
        if self.filter.is_all() {
            return true;
        }
        let meta = &self.index.articles[a].article.meta;
        if !self
            .filter
            .article_ok(meta.source.as_deref(), meta.date.as_deref())
        {
            return false;
        }
        let mut kinds = Vec::new();
        (0..self.index.articles[a].extraction.claims.len())
            .any(|c| self.filter.claim_ok(&self.facts(a, c, &mut kinds)))
    }

    /// Rebuilds the visible article list after a filter change or reload,
    /// keeping the selected article when it is still visible.
    pub fn refresh_articles(&mut self) {
        let current = self.selected_article();
        self.articles_view = (0..self.index.articles.len())
            .filter(|&a| self.article_passes(a))
            .collect();
        self.sort_articles();
        self.article_sel = current.and_then(|a| self.article_pos(a)).unwrap_or(0);
        self.refresh_claims(None);
    }

    /// The position of article `a` in the visible list, if it is there.
    pub fn article_pos(&self, a: usize) -> Option<usize> {
        match self.sort {
            Sort::Desk => self.articles_view.binary_search(&a).ok(),
            _ => self.articles_view.iter().position(|&x| x == a),
        }
    }

    /// How many other articles carry claim `c` of article `a` (same
    /// sentence, or linked as the same claim once links are made).
    pub fn reach(&self, a: usize, c: usize) -> usize {
        let id = &self.claim(a, c).id;
        let same = self.index.appearances(id).len().saturating_sub(1);
        let linked = if self.links_pending() {
            0
        } else {
            self.linked(a, c).len()
        };
        same + linked
    }

    /// Orders the visible articles by the sort.
    fn sort_articles(&mut self) {
        let arts = &self.index.articles;
        let mut view = std::mem::take(&mut self.articles_view);
        match self.sort {
            Sort::Desk => {}
            Sort::Date => {
                view.sort_by(|&x, &y| arts[y].article.meta.date.cmp(&arts[x].article.meta.date))
            }
            Sort::Outlet => view.sort_by_cached_key(|&x| {
                arts[x]
                    .article
                    .meta
                    .source
                    .as_deref()
                    .map(crate::text::normalize::fold_for_search)
            }),
            Sort::Verdict => view.sort_by_key(|&x| {
                let s = &self.stats[x];
                (
                    std::cmp::Reverse(s.counts[2]),
                    std::cmp::Reverse(s.counts[3]),
                    std::cmp::Reverse(s.counts[0]),
                )
            }),
            Sort::Links => view.sort_by_cached_key(|&x| {
                let n = arts[x].extraction.claims.len();
                std::cmp::Reverse((0..n).map(|c| self.reach(x, c)).max().unwrap_or(0))
            }),
        }
        self.articles_view = view;
    }

    /// Rebuilds the visible claims of the selected article; selects `claim`
    /// (an index into the article's claims) when visible, else the first.
    pub fn refresh_claims(&mut self, claim: Option<usize>) {
        self.claims_view = match self.selected_article() {
            Some(a) => (0..self.index.articles[a].extraction.claims.len())
                .filter(|&c| self.claim_passes(a, c))
                .collect(),
            None => Vec::new(),
        };
        if let Some(a) = self.selected_article() {
            let mut view = std::mem::take(&mut self.claims_view);
            match self.sort {
                Sort::Verdict => {
                    view.sort_by_key(|&c| verdict_rank(self.verdict_of(&self.claim(a, c).id)))
                }
                Sort::Links => view.sort_by_cached_key(|&c| std::cmp::Reverse(self.reach(a, c))),
                _ => {}
            }
            self.claims_view = view;
        }
        self.claim_sel = claim
            .and_then(|c| self.claims_view.iter().position(|&v| v == c))
            .unwrap_or(0);
        self.claim_top = 0;
    }
}
