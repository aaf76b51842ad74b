//! Rules: regexes in TOML files, validated and tested like code.
//!
//! A rules folder holds TOML files (subfolders allowed; `*.verdicts.toml`
//! are skipped) with three kinds of tables:
//! - `[[rule]]`: a pattern that makes a sentence a claim;
//! - `[[boilerplate]]`: a pattern that starts a block that is not the
//!   article ("read also", tags, share…);
//! - `[[veto]]`: a pattern that keeps a sentence from being a claim
//!   (questions, opinion).
//!
//! See docs/rules.md for the file format.

mod lazy;
mod literals;
mod load;
mod many;
mod matcher;
mod pack;
pub mod pattern;
mod spans;
mod table;

use std::ops::Range;
use std::path::{Path, PathBuf};

use std::sync::{Arc, OnceLock};

use regex::RegexSet;

use matcher::{Candidates, Matcher};

use crate::problem::Problem;

pub use lazy::LazyRegex;
pub use load::{PATTERN_SIZE_LIMIT, SET_SIZE_LIMIT};
pub use pack::default_pack;

/// What a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    Quote,
    Attribution,
    Number,
    Date,
    Event,
    Superlative,
    Comparison,
    Negation,
    /// A claim an analyst made by hand (no rule matched).
    Manual,
}

impl RuleKind {
    /// Every kind, in display order.
    pub const ALL: [RuleKind; 9] = [
        RuleKind::Quote,
        RuleKind::Attribution,
        RuleKind::Number,
        RuleKind::Date,
        RuleKind::Event,
        RuleKind::Superlative,
        RuleKind::Comparison,
        RuleKind::Negation,
        RuleKind::Manual,
    ];

    /// The name used in rule files and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Quote => "quote",
            RuleKind::Attribution => "attribution",
            RuleKind::Number => "number",
            RuleKind::Date => "date",
            RuleKind::Event => "event",
            RuleKind::Superlative => "superlative",
            RuleKind::Comparison => "comparison",
            RuleKind::Negation => "negation",
            RuleKind::Manual => "manual",
        }
    }

    /// Parses a kind name.
    pub fn parse(s: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One rule, loaded and compiled.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub kind: RuleKind,
    pub label: String,
    /// The pattern as written in the file.
    pub pattern: String,
    /// The compiled pattern (its literal text normalised like article text).
    pub regex: LazyRegex,
    /// The rule file, relative to the rules folder, `/`-separated (e.g. `ar/quotes.toml`).
    pub file: String,
    /// 1-based line of the rule's table in its file.
    pub line: usize,
    pub examples: Vec<String>,
    pub counter_examples: Vec<String>,
    /// Optional `exclude` pattern: a sentence it matches is no hit of this rule.
    pub exclude: Option<LazyRegex>,
    /// Which sentences the rule is tried on (from the rule file's folder).
    pub script: Script,
    /// Rules with a higher priority come first (and own the claims they match);
    /// from the rule's `priority` key, else its file's, else 0.
    pub priority: i64,
}

/// Which sentences a rule is tried on, from the first folder of its file:
/// `ar/…` (also `fa/`, `ur/`) only Arabic-script sentences, another
/// language folder (`en/…`) only sentences without Arabic letters, a file at
/// the top of the rules folder every sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Any,
    Arabic,
    NonArabic,
}

impl Script {
    /// The scope of a rule file, from its `/`-separated path relative to the rules folder.
    pub fn of_file(rel: &str) -> Script {
        match rel.split_once('/') {
            None => Script::Any,
            Some(("ar" | "fa" | "ur", _)) => Script::Arabic,
            Some((_, _)) => Script::NonArabic,
        }
    }

    /// True when a normalised sentence contains a letter of the Arabic block
    /// (U+0600–U+06FF: UTF-8 lead bytes 0xD8–0xDB).
    pub fn has_arabic(s: &str) -> bool {
        s.as_bytes().iter().any(|b| (0xD8..=0xDB).contains(b))
    }
}

/// How far a boilerplate block reaches from the paragraph that starts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// The starting paragraph only (`extent = "paragraph"`, the default).
    Paragraph,
    /// The starting paragraph and the next N non-empty paragraphs (`extent = N`).
    Next(u32),
    /// Everything to the end of the article (`extent = "end"`).
    End,
}

/// A `[[boilerplate]]` table: a pattern that starts a block that is not the article.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    pub id: String,
    pub pattern: String,
    /// Matched against a whole normalised paragraph (anchor it with `^`).
    pub regex: LazyRegex,
    pub extent: Extent,
    pub file: String,
    pub line: usize,
}

/// A `[[veto]]` table: a sentence it matches is never a claim.
#[derive(Debug, Clone)]
pub struct Veto {
    pub id: String,
    pub label: String,
    pub pattern: String,
    pub regex: LazyRegex,
    pub file: String,
    pub line: usize,
}

/// A match of one rule in one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleHit {
    /// Index of the rule in [`RuleSet::rules`].
    pub rule: usize,
    /// Byte range in the normalised sentence.
    pub range: Range<usize>,
    /// Named captures: name and byte range in the normalised sentence.
    pub captures: Vec<(String, Range<usize>)>,
}

/// A set of loaded rules, ready to match normalised sentences.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// The rules in rule order: higher `priority` first, then files sorted by
    /// path, rules in file order.
    pub rules: Vec<Rule>,
    /// Boilerplate block starters, in load order.
    pub boilerplate: Vec<Boilerplate>,
    /// Vetoes, in load order.
    pub vetoes: Vec<Veto>,
    /// The folder they were loaded from (absolute).
    pub dir: PathBuf,
    /// A hash of every rule file's content (for caches).
    pub fingerprint: String,
    /// The sets over the patterns: built at load, or on first use when the
    /// rules were loaded on trust ([`RuleSet::load_trusting`]); shared by clones.
    sets: Arc<OnceLock<Sets>>,
}

/// Every pattern of a rule set, in sets that tell in one pass which match.
#[derive(Debug, Clone)]
struct Sets {
    /// The literal pass that finds each sentence's candidate rules and vetoes.
    matcher: Matcher,
    /// Every veto's normalised pattern.
    veto_set: RegexSet,
    /// Every boilerplate table's pattern: one pass tells that none matches.
    boilerplate_set: RegexSet,
}

impl Sets {
    /// Sets that match nothing.
    fn empty() -> Sets {
        Sets {
            matcher: Matcher::new(std::iter::empty(), 0),
            veto_set: RegexSet::empty(),
            boilerplate_set: RegexSet::empty(),
        }
    }
}

impl RuleSet {
    /// Loads and validates every rule file under `dir`, reporting every problem
    /// at once (file, line, rule id).
    pub fn load(dir: &Path) -> Result<RuleSet, Vec<Problem>> {
        load::load_dir(dir, &|_| false)
    }

    /// Like [`RuleSet::load`], but when `trusted` says yes to the rule files'
    /// fingerprint (an extraction cache made by this very build from these
    /// exact files is at hand, so they loaded without a problem before),
    /// nothing is compiled or checked now: each pattern, and the sets,
    /// compile on first use. A second start needs few of them before its
    /// first screen.
    pub fn load_trusting(
        dir: &Path,
        trusted: &dyn Fn(&str) -> bool,
    ) -> Result<RuleSet, Vec<Problem>> {
        load::load_dir(dir, trusted)
    }

    /// The sets, built now if they were not yet.
    fn sets(&self) -> &Sets {
        self.sets.get_or_init(|| {
            // Only trusted rules get here, and they built before: this does
            // not fail; if it ever did, nothing would match.
            load::build_sets(&self.rules, &self.vetoes, &self.boilerplate)
                .unwrap_or_else(|_| Sets::empty())
        })
    }

    /// Loads rules from in-memory files `(path relative to the rules folder,
    /// content)`, e.g. [`default_pack`]. Problems name `dir/path`.
    pub fn from_files(dir: &Path, files: &[(&str, &str)]) -> Result<RuleSet, Vec<Problem>> {
        let owned: Vec<(String, String)> = files
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        load::load_files(dir, owned, &|_| false)
    }

    /// The default pack, compiled (it is tested, so this cannot fail in a
    /// released binary; a broken build reports its problems).
    pub fn default_rules() -> Result<RuleSet, Vec<Problem>> {
        RuleSet::from_files(Path::new("rules"), default_pack())
    }

    /// The candidates of a sentence (see [`matcher`]).
    fn candidates(&self, s: &str) -> Candidates {
        self.sets().matcher.candidates(s)
    }

    /// The candidate rules that apply to the sentence's script.
    fn in_script<'a>(&'a self, c: &'a Candidates, s: &str) -> impl Iterator<Item = usize> + 'a {
        let skip = if Script::has_arabic(s) {
            Script::NonArabic
        } else {
            Script::Arabic
        };
        c.rules().filter(move |&i| self.rules[i].script != skip)
    }

    /// Every rule that matches a normalised sentence, in rule order.
    pub fn hits(&self, normalized_sentence: &str) -> Vec<RuleHit> {
        let s = normalized_sentence;
        let c = self.candidates(s);
        self.in_script(&c, s)
            .filter_map(|i| self.hit(i, s))
            .collect()
    }

    /// The index of every rule that matches a normalised sentence, in rule
    /// order: exactly the rules of [`RuleSet::hits`], without their spans
    /// (the rules whose pattern matches, less those whose `exclude` matches).
    pub fn matching(&self, normalized_sentence: &str) -> Vec<usize> {
        let s = normalized_sentence;
        let c = self.candidates(s);
        self.not_excluded(self.verified(&c, s), s)
    }

    /// What extraction asks of a sentence, in one pass: `None` when a veto
    /// matches it ([`RuleSet::veto`]), else [`RuleSet::matching`].
    pub fn claim_rules(&self, normalized_sentence: &str) -> Option<Vec<usize>> {
        let s = normalized_sentence;
        let c = self.candidates(s);
        if c.vetoes().any(|v| self.vetoes[v].regex.is_match(s)) {
            return None;
        }
        Some(self.not_excluded(self.verified(&c, s), s))
    }

    /// [`RuleSet::claim_rules`] the slow and obvious way: every veto, then
    /// every rule of the sentence's script, each tried with its own regex.
    /// The reference the literal pass is tested against (and a benchmark's
    /// baseline); extraction does not use it.
    pub fn claim_rules_by_each(&self, normalized_sentence: &str) -> Option<Vec<usize>> {
        let s = normalized_sentence;
        if self.vetoes.iter().any(|v| v.regex.is_match(s)) {
            return None;
        }
        let skip = if Script::has_arabic(s) {
            Script::NonArabic
        } else {
            Script::Arabic
        };
        let each = (0..self.rules.len())
            .filter(|&i| self.rules[i].script != skip && self.rules[i].regex.is_match(s));
        Some(self.not_excluded(each, s))
    }

    /// The candidate rules of the sentence's script whose pattern matches.
    fn verified<'a>(&'a self, c: &'a Candidates, s: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.in_script(c, s)
            .filter(move |&i| self.rules[i].regex.is_match(s))
    }

    /// The ids of the rules and vetoes that have no required literal, so
    /// that every sentence is tried with them (the others only where one of
    /// their literals occurs), and the number of literals in the pass.
    pub fn literal_report(&self) -> (Vec<&str>, usize) {
        let m = &self.sets().matcher;
        let ids = m
            .unfiltered()
            .iter()
            .map(|&t| match t.checked_sub(m.rule_count()) {
                None => self.rules[t].id.as_str(),
                Some(v) => self.vetoes[v].id.as_str(),
            })
            .collect();
        (ids, m.literal_count())
    }

    /// The rules of `matched` whose `exclude` does not match `s`.
    fn not_excluded(&self, matched: impl Iterator<Item = usize>, s: &str) -> Vec<usize> {
        matched
            .filter(|&i| {
                !self.rules[i]
                    .exclude
                    .as_ref()
                    .is_some_and(|x| x.is_match(s))
            })
            .collect()
    }

    /// The hits of the rules at these indices (in the order given) on a
    /// normalised sentence, as [`RuleSet::hits`] finds them: how a claim's
    /// matches are recomputed from its rule indices. Unknown indices are skipped.
    pub fn hits_of(
        &self,
        normalized_sentence: &str,
        rules: impl IntoIterator<Item = usize>,
    ) -> Vec<RuleHit> {
        rules
            .into_iter()
            .filter(|&i| i < self.rules.len())
            .filter_map(|i| self.hit(i, normalized_sentence))
            .collect()
    }

    /// Where rule `i` matches a normalised sentence, unless its `exclude` does.
    fn hit(&self, i: usize, s: &str) -> Option<RuleHit> {
        if self.excluded(i, s) {
            return None;
        }
        self.span(i, s)
    }

    /// True when rule `i` has an `exclude` pattern and it matches the
    /// normalised sentence `s` (the rule then does not match there).
    pub fn excluded(&self, i: usize, s: &str) -> bool {
        self.rules
            .get(i)
            .and_then(|rule| rule.exclude.as_ref())
            .is_some_and(|x| x.is_match(s))
    }

    /// Where rule `i`'s pattern matches a normalised sentence, its `exclude`
    /// not looked at: the hit of a rule that [`RuleSet::matching`] reported
    /// for this same sentence (so its exclude does not match), one scan
    /// cheaper. `None` for an unknown index.
    pub fn span_of(&self, normalized_sentence: &str, i: usize) -> Option<RuleHit> {
        if i >= self.rules.len() {
            return None;
        }
        self.span(i, normalized_sentence)
    }

    /// Where rule `i`'s pattern matches, with its named captures.
    fn span(&self, i: usize, s: &str) -> Option<RuleHit> {
        let rule = &self.rules[i];
        if rule.regex.captures_len() == 1 {
            // No groups to report: a plain find is cheaper than captures.
            let m = rule.regex.find(s)?;
            return Some(RuleHit {
                rule: i,
                range: m.range(),
                captures: Vec::new(),
            });
        }
        let caps = rule.regex.captures(s)?;
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        let captures = rule
            .regex
            .capture_names()
            .enumerate()
            .filter_map(|(gi, name)| {
                let name = name?;
                caps.get(gi).map(|m| (name.to_string(), m.range()))
            })
            .collect();
        Some(RuleHit {
            rule: i,
            range: whole,
            captures,
        })
    }

    /// The first veto that matches a normalised sentence (it is then no claim).
    pub fn veto(&self, normalized_sentence: &str) -> Option<&Veto> {
        let veto_set = &self.sets().veto_set;
        if !veto_set.is_match(normalized_sentence) {
            return None;
        }
        let m = veto_set.matches(normalized_sentence);
        m.iter().next().map(|i| &self.vetoes[i])
    }

    /// The boilerplate table whose pattern matches a normalised paragraph.
    pub fn boilerplate_start(&self, normalized_paragraph: &str) -> Option<&Boilerplate> {
        let p = normalized_paragraph.trim();
        if !self.sets().boilerplate_set.is_match(p) {
            return None;
        }
        self.boilerplate.iter().find(|b| b.regex.is_match(p))
    }

    /// True when a normalised paragraph starts a boilerplate block
    /// ("read also", tags, share…).
    pub fn is_boilerplate_start(&self, normalized_paragraph: &str) -> bool {
        self.boilerplate_start(normalized_paragraph).is_some()
    }

    /// Compiles, side by side, the patterns of these rules (indices) that
    /// are not compiled yet: rules loaded on trust compile on first use, and
    /// an article's claims need a few dozen of them at once.
    pub fn prepare(&self, rules: impl Iterator<Item = usize>) {
        use rayon::prelude::*;
        let mut todo: Vec<usize> = rules
            .filter(|&i| self.rules.get(i).is_some_and(|r| !r.regex.is_compiled()))
            .collect();
        todo.sort_unstable();
        todo.dedup();
        todo.par_iter().for_each(|&i| {
            self.rules[i].regex.regex();
        });
    }

    /// Compiles every pattern not compiled yet and returns a problem (file,
    /// line, why) for each rule whose trusted pattern failed to compile:
    /// what `check` reports, so a rule that silently matches nothing cannot
    /// pass a desk's gate.
    pub fn compile_all(&self) -> Vec<Problem> {
        self.prepare(0..self.rules.len());
        self.failures()
    }

    /// A problem for each rule whose pattern was tried on first use and did
    /// not compile (it matches nothing meanwhile).
    pub fn failures(&self) -> Vec<Problem> {
        self.rules
            .iter()
            .filter_map(|r| {
                let why = r
                    .regex
                    .failure()
                    .or(r.exclude.as_ref().and_then(|e| e.failure()))?;
                Some(
                    Problem::file(
                        self.dir.join(&r.file),
                        format!(
                            "the pattern does not compile ({why}); it matches nothing until fixed \
                             (delete the extraction cache if the rule file did not change)"
                        ),
                    )
                    .at_line(r.line)
                    .about(r.id.clone()),
                )
            })
            .collect()
    }

    /// True when every pattern and set is compiled (always, unless the
    /// rules were loaded on trust).
    pub fn is_compiled(&self) -> bool {
        self.sets.get().is_some() && self.lazies().all(LazyRegex::is_compiled)
    }

    /// Every pattern of the set.
    fn lazies(&self) -> impl Iterator<Item = &LazyRegex> {
        let rules = self
            .rules
            .iter()
            .flat_map(|r| std::iter::once(&r.regex).chain(&r.exclude));
        let vetoes = self.vetoes.iter().map(|v| &v.regex);
        rules
            .chain(vetoes)
            .chain(self.boilerplate.iter().map(|b| &b.regex))
    }

    /// Compiles, on a background thread, whatever is not compiled yet (rules
    /// loaded on trust), so that later matching does not wait for it: the
    /// rules' patterns first (an article's matches need them), then the sets
    /// (only extraction needs those). Matching meanwhile waits only for the
    /// pattern it needs.
    pub fn compile_in_background(&self) {
        if self.is_compiled() {
            return;
        }
        let shared = self.clone();
        let _ = std::thread::Builder::new()
            .name("claimdesk-rules".into())
            .spawn(move || {
                shared.prepare(0..shared.rules.len());
                for lazy in shared.lazies() {
                    lazy.regex();
                }
                shared.sets();
            });
    }

    /// Finds a rule by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Every rule's pattern as matched (normalised), one per entry: what
    /// `claimdesk rules --patterns` prints for a comparison with `rg -f`.
    pub fn normalized_patterns(&self) -> Vec<&str> {
        self.rules.iter().map(|r| r.regex.pattern()).collect()
    }
}
