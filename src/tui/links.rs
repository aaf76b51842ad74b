//! Claims across outlets in the workbench: the desk's claims are linked
//! (see [`crate::link`]) on a thread of their own once every text is read,
//! and the views ask for a claim's linked appearances, its verdict judged
//! elsewhere, and the assertions of the desk.

use crate::index::ClaimRef;
use crate::link::{DeskLinks, Level, LinkItem, Related, link_with_cache};
use crate::session::DeskEvent;
use crate::store::VerdictRecord;

use super::app::App;
use super::edits::submit_change;
use super::update::{Effect, select_claim};

/// Where the desk's links are.
#[derive(Debug, Default)]
pub enum LinkState {
    /// Not computed (texts still coming, or the claims changed since).
    #[default]
    Stale,
    /// Being computed in the background; the result arrives on the loop's
    /// channel as `DeskEvent::Linked` for this generation of the claims.
    Running(u64),
    /// Computed for the claims as they are now.
    Ready(DeskLinks),
}

impl App {
    /// Starts linking the desk's claims in the background once every text
    /// is read (the thread shares the articles' texts), when the app has a
    /// channel to hear back on; through the desk's link cache when it has one.
    pub fn start_linking(&mut self) {
        if !matches!(self.links, LinkState::Stale) || self.texts.is_some() {
            return;
        }
        let Some(sink) = self.background.clone() else {
            return;
        };
        if self.index.texts_pending() {
            return;
        }
        // The thread shares the articles' texts (no copy: the claims cover
        // most of a desk's text) and takes each claim as a byte range there.
        let (refs, ranges, days) = crate::link::desk_claim_ranges(&self.index);
        let outlets = crate::link::outlet_ids(&self.index);
        let texts: Vec<std::sync::Arc<str>> = self
            .index
            .articles
            .iter()
            .map(|a| a.article.text.clone())
            .collect();
        self.link_generation += 1;
        let generation = self.link_generation;
        let file = self.links_file.clone();
        let spawned = std::thread::Builder::new()
            .name("claimdesk-link".into())
            .spawn(move || {
                // `desk_claim_ranges` gave only claims whose text reads:
                // the ranges hold.
                let items: Vec<LinkItem> = refs
                    .iter()
                    .zip(&ranges)
                    .map(|(r, range)| LinkItem {
                        article: r.article,
                        outlet: outlets[r.article],
                        text: texts[r.article].get(range.clone()).unwrap_or(""),
                    })
                    .collect();
                drop(ranges);
                let (links, _) = link_with_cache(&items, &days, file.as_deref());
                let links = Box::new(DeskLinks { refs, links });
                sink.send(DeskEvent::Linked { generation, links });
            });
        if spawned.is_ok() {
            self.links = LinkState::Running(generation);
        }
    }

    /// Takes in links computed in the background; true when they are the
    /// ones asked for last (an older result is dropped).
    pub fn links_arrived(&mut self, generation: u64, links: DeskLinks) -> bool {
        if !matches!(self.links, LinkState::Running(g) if g == generation) {
            return false;
        }
        self.links = LinkState::Ready(links);
        self.assertion_cache = std::cell::OnceCell::new();
        true
    }

    /// Forgets the links (the claims changed); they are computed again.
    pub fn forget_links(&mut self) {
        self.links = LinkState::Stale;
        self.assertion_cache = std::cell::OnceCell::new();
    }

    /// True while the links are not there yet.
    pub fn links_pending(&self) -> bool {
        !matches!(self.links, LinkState::Ready(_))
    }

    /// The claims linked to claim `c` of article `a`, most similar first;
    /// the same sentence in other articles (the same id) is left out, as it
    /// is listed, counted and judged as the claim itself ("also in").
    pub fn linked(&self, a: usize, c: usize) -> Vec<(ClaimRef, &Related)> {
        let LinkState::Ready(links) = &self.links else {
            return Vec::new();
        };
        let id = &self.claim(a, c).id;
        links
            .related(ClaimRef {
                article: a,
                claim: c,
            })
            .filter(|(r, _)| self.claim(r.article, r.claim).id != *id)
            .collect()
    }

    /// Every other appearance of claim `c` of article `a`, in the order the
    /// detail pane lists them: the same sentence elsewhere, then the claims
    /// linked as the same claim, then the similar ones.
    pub fn appearances_of(&self, a: usize, c: usize) -> Vec<ClaimRef> {
        let id = &self.claim(a, c).id;
        let mut out: Vec<ClaimRef> = self
            .index
            .appearances(id)
            .iter()
            .copied()
            .filter(|r| r.article != a)
            .collect();
        let mut linked = self.linked(a, c);
        linked.sort_by_key(|(_, rel)| rel.level);
        out.extend(linked.into_iter().map(|(r, _)| r));
        out
    }

    /// A verdict given on this desk to a claim linked as the same claim,
    /// when this claim has none: the suggestion the detail pane shows and
    /// `accept-suggestion` takes (the most similar one first).
    pub fn judged_before(&self, a: usize, c: usize) -> Option<(ClaimRef, &VerdictRecord)> {
        if self.verdict_of(&self.claim(a, c).id).is_some() {
            return None;
        }
        self.linked(a, c)
            .into_iter()
            .filter(|(_, rel)| rel.level == Level::Same)
            .find_map(|(r, _)| {
                let id = &self.claim(r.article, r.claim).id;
                self.verdicts
                    .get(id)
                    .filter(|rec| rec.verdict.is_some())
                    .map(|rec| (r, rec))
            })
    }
}

/// Jumps to the selected claim's next appearance in article order among
/// the claim and every appearance of it (wrapping around).
pub fn next_appearance(app: &mut App) {
    let Some((a, c)) = app.selected_claim() else {
        app.error("no claim selected");
        return;
    };
    let mut group = app.appearances_of(a, c);
    if group.is_empty() {
        app.say(if app.links_pending() {
            "no other appearance yet (claims are still being linked)"
        } else {
            "this claim appears nowhere else in the desk"
        });
        return;
    }
    group.push(ClaimRef {
        article: a,
        claim: c,
    });
    group.sort_by_key(|r| (r.article, r.claim));
    group.dedup();
    let here = group
        .iter()
        .position(|r| (r.article, r.claim) == (a, c))
        .unwrap_or(0);
    let next = group[(here + 1) % group.len()];
    select_claim(app, next.article, next.claim);
    app.say(format!(
        "appearance {} of {}",
        (here + 1) % group.len() + 1,
        group.len()
    ));
}

/// Gives every claim linked to the selected one as the same claim its
/// verdict, one undoable change each; claims that already have that
/// verdict are left alone.
pub fn verdict_to_linked(app: &mut App) -> Vec<Effect> {
    let Some((a, c)) = app.selected_claim() else {
        app.error("no claim selected");
        return Vec::new();
    };
    let Some(verdict) = app.verdict_of(&app.claim(a, c).id) else {
        app.error("give this claim a verdict first; A then gives it to its linked claims");
        return Vec::new();
    };
    if app.links_pending() {
        app.error("the claims are still being linked; try again in a moment");
        return Vec::new();
    }
    let mut targets: Vec<ClaimRef> = app
        .linked(a, c)
        .into_iter()
        .filter(|(_, rel)| rel.level == Level::Same)
        .map(|(r, _)| r)
        .collect();
    // One change per claim id (an id may appear in several articles).
    let mut seen = std::collections::HashSet::new();
    targets.retain(|r| {
        let id = app.claim(r.article, r.claim).id.clone();
        app.verdict_of(&id) != Some(verdict) && seen.insert(id)
    });
    if targets.is_empty() {
        app.say("no linked claim to give this verdict to");
        return Vec::new();
    }
    let effects: Vec<Effect> = targets
        .iter()
        .map(|r| {
            submit_change(
                app,
                (r.article, r.claim),
                Some(Some(verdict)),
                None,
                None,
                true,
            )
        })
        .collect();
    app.say(format!(
        "{verdict} given to {} linked claim(s) · saving… (U undoes one at a time)",
        effects.len()
    ));
    effects
}

/// Takes the verdict, note and evidence a claim linked as the same claim
/// already has, for the selected claim (which has none).
pub fn accept_suggestion(app: &mut App) -> Vec<Effect> {
    let Some((a, c)) = app.selected_claim() else {
        app.error("no claim selected");
        return Vec::new();
    };
    let Some((_, rec)) = app.judged_before(a, c) else {
        app.say("no verdict to take: no linked claim is judged, or this one is");
        return Vec::new();
    };
    let (verdict, note, evidence) = (rec.verdict, rec.note.clone(), rec.evidence.clone());
    let effect = submit_change(app, (a, c), Some(verdict), Some(note), Some(evidence), true);
    app.say("verdict taken from the linked claim · saving…");
    vec![effect]
}

/// One assertion of the desk: claims linked as the same claim (or the same
/// sentence) across articles, for the claims-first view.
#[derive(Debug, Clone, PartialEq)]
pub struct Assertion {
    /// Every appearance, in article order; the first stands for the group.
    pub members: Vec<ClaimRef>,
    /// How many outlets carry it (articles without a source count as one each).
    pub outlets: usize,
    /// True when linked members' figures differ.
    pub drift: bool,
    /// True for a group of claims linked only as similar (suggested: maybe
    /// one assertion told another way); listed after the same-claim groups.
    pub suggested: bool,
}

impl Assertion {
    /// How many members have a verdict now.
    pub fn judged(&self, app: &App) -> usize {
        self.members
            .iter()
            .filter(|r| app.verdict_of(&app.claim(r.article, r.claim).id).is_some())
            .count()
    }
}

impl App {
    /// The desk's claims grouped by assertion (same sentence, or linked as
    /// the same claim, transitively), ordered by how many outlets carry
    /// them, drifting figures first among equals, then by desk order; then
    /// the suggested groups: claims in no such group joined by their
    /// similar links, strongest first, at most [`MAX_SUGGESTED_GROUP`] to a
    /// group (similar links chain loosely). Empty until the links are
    /// computed; computed once per set of links.
    pub fn assertions(&self) -> &[Assertion] {
        match &self.links {
            LinkState::Ready(links) => self.assertion_cache.get_or_init(|| self.group(links)),
            _ => &[],
        }
    }

    fn group(&self, links: &DeskLinks) -> Vec<Assertion> {
        let n = links.refs.len();
        let mut parent: Vec<usize> = (0..n).collect();
        let mut drift = vec![false; n];
        for (i, drifts) in drift.iter_mut().enumerate() {
            for rel in links.links.related(i) {
                if rel.level != Level::Same {
                    continue;
                }
                if !rel.drift.is_empty() {
                    *drifts = true;
                }
                let (a, b) = (root(&mut parent, i), root(&mut parent, rel.other));
                parent[a.max(b)] = a.min(b);
            }
        }
        // The same sentence in several articles is one assertion too.
        let mut first_of_id: std::collections::HashMap<&crate::extract::ClaimId, usize> =
            std::collections::HashMap::new();
        for (i, r) in links.refs.iter().enumerate() {
            let id = &self.claim(r.article, r.claim).id;
            let first = *first_of_id.entry(id).or_insert(i);
            let (a, b) = (root(&mut parent, i), root(&mut parent, first));
            parent[a.max(b)] = a.min(b);
        }
        let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for i in 0..n {
            let r = root(&mut parent, i);
            groups.entry(r).or_default().push(i);
        }
        let spans_articles = |g: &[usize]| {
            let first = links.refs[g[0]].article;
            g.iter().any(|&i| links.refs[i].article != first)
        };
        // Claims in a group of several articles; the others may be joined
        // by their similar links.
        let mut grouped = vec![false; n];
        for g in groups.values().filter(|g| spans_articles(g)) {
            for &i in g {
                grouped[i] = true;
            }
        }
        let (suggested, suggested_drift) = join_similar(links, &grouped, &mut parent);
        let same = groups.into_values().map(|g| (g, false));
        let loose = suggested.into_values().map(|g| (g, true));
        let mut out: Vec<Assertion> = same
            .chain(loose)
            .filter(|(g, _)| spans_articles(g))
            // A fragment (a list number such as `3.` left as a sentence) under
            // many articles is no assertion, however many outlets carry it.
            .filter(|(g, _)| self.words_in(links.refs[g[0]]) >= MIN_ASSERTION_WORDS)
            .map(|(g, suggested)| {
                let members: Vec<ClaimRef> = g.iter().map(|&i| links.refs[i]).collect();
                let mut outlets: Vec<String> = members
                    .iter()
                    .map(|r| {
                        let art = &self.index.articles[r.article];
                        art.article
                            .meta
                            .source
                            .clone()
                            .unwrap_or_else(|| art.rel.clone())
                    })
                    .collect();
                outlets.sort();
                outlets.dedup();
                Assertion {
                    outlets: outlets.len(),
                    drift: g.iter().any(|&i| drift[i] || suggested_drift[i]),
                    members,
                    suggested,
                }
            })
            .collect();
        out.sort_by(|x, y| {
            x.suggested
                .cmp(&y.suggested)
                .then(y.outlets.cmp(&x.outlets))
                .then(y.drift.cmp(&x.drift))
                .then(x.members[0].article.cmp(&y.members[0].article))
                .then(x.members[0].claim.cmp(&y.members[0].claim))
        });
        out
    }
}

/// The claims in no group (`grouped` false) joined by their similar links,
/// strongest first, at most [`MAX_SUGGESTED_GROUP`] to a group, through the
/// union-find `parent`: the groups by root, and whether each claim has a
/// drifting similar link inside its group.
fn join_similar(
    links: &DeskLinks,
    grouped: &[bool],
    parent: &mut [usize],
) -> (std::collections::BTreeMap<usize, Vec<usize>>, Vec<bool>) {
    let n = links.refs.len();
    let mut similar: Vec<(f32, usize, usize)> = (0..n)
        .filter(|&i| !grouped[i])
        .flat_map(|i| {
            links.links.related(i).iter().filter_map(move |rel| {
                (rel.level == Level::Similar && i < rel.other).then_some((
                    rel.similarity,
                    i,
                    rel.other,
                ))
            })
        })
        .filter(|&(_, _, j)| !grouped[j])
        .collect();
    similar.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut size = vec![1usize; n];
    for &(_, i, j) in &similar {
        let (a, b) = (root(parent, i), root(parent, j));
        if a != b && size[a] + size[b] <= MAX_SUGGESTED_GROUP {
            let (keep, gone) = (a.min(b), a.max(b));
            parent[gone] = keep;
            size[keep] += size[gone];
        }
    }
    let mut suggested_drift = vec![false; n];
    for &(_, i, j) in &similar {
        if root(parent, i) == root(parent, j)
            && links
                .links
                .related(i)
                .iter()
                .any(|r| r.other == j && !r.drift.is_empty())
        {
            suggested_drift[i] = true;
        }
    }
    let mut suggested: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in (0..n).filter(|&i| !grouped[i]) {
        let r = root(parent, i);
        suggested.entry(r).or_default().push(i);
    }
    (suggested, suggested_drift)
}

/// The root of `i` in the union-find `parent` (paths halved on the way).
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Words a claim needs to be listed in the claims-first view.
pub const MIN_ASSERTION_WORDS: usize = 3;

/// The most claims one suggested group of the claims-first view joins.
pub const MAX_SUGGESTED_GROUP: usize = 8;

impl App {
    /// How many words claim `r`'s sentence has (0 while its text is not read).
    fn words_in(&self, r: ClaimRef) -> usize {
        let art = &self.index.articles[r.article];
        let range = art.extraction.claims[r.claim].range.clone();
        art.text(range).map_or(0, |t| {
            t.split(|c: char| !crate::text::is_word_char(c))
                .filter(|w| !w.is_empty())
                .count()
        })
    }
}

/// Jumps to the assertion `sel` of the claims-first view (its first
/// appearance) and closes the view.
pub fn open_assertion(app: &mut App, sel: usize) {
    let Some(first) = app.assertions().get(sel).map(|a| a.members[0]) else {
        return;
    };
    app.overlay = super::app::Overlay::None;
    select_claim(app, first.article, first.claim);
}
