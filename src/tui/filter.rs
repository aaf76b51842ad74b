//! Which claims the lists show, and in what order: the combinable filter
//! behind `:filter …`, `:sort …` and saved views (`:view NAME`).
//!
//! Pure: a claim is judged from its [`ClaimFacts`] (what the desk and the
//! store know of it), so the logic is tested without a desk or a terminal.

use crate::rules::RuleKind;
use crate::store::{Verdict, VerdictRecord};
use crate::text::normalize::fold_for_search;

/// The verdict part of a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictIs {
    /// No verdict yet.
    Pending,
    /// This verdict.
    Is(Verdict),
}

/// One word (or word and value) of `:filter`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// `clear` / `all`: every claim.
    Clear,
    Verdict(VerdictIs),
    /// Any matching rule has this kind (not only the owner).
    Kind(RuleKind),
    /// The owning rule's id.
    Rule(String),
    /// The article's outlet (`source` in front matter), folded.
    Outlet(String),
    /// Articles dated on or after this day (`YYYY-MM-DD`, or a prefix: `2024-03`).
    From(String),
    /// Articles dated on or before this day (or within this prefix).
    To(String),
    /// The analyst who gave the verdict.
    Analyst(String),
    Conflict,
    Stale,
    Recheck,
    HasNote,
}

/// A combination of terms: a claim passes when it passes every one set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    pub verdict: Option<VerdictIs>,
    pub kind: Option<RuleKind>,
    pub rule: Option<String>,
    /// Folded with [`fold_for_search`].
    pub outlet: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Folded with [`fold_for_search`].
    pub analyst: Option<String>,
    pub conflict: bool,
    pub stale: bool,
    pub recheck: bool,
    pub has_note: bool,
}

/// What is known of one claim appearance, for [`ClaimFilter::passes`].
#[derive(Debug, Clone, Copy)]
pub struct ClaimFacts<'a> {
    /// The article's outlet and date (`YYYY-MM-DD…`) from front matter.
    pub outlet: Option<&'a str>,
    pub date: Option<&'a str>,
    /// The owning rule's id (`None` for a manual claim).
    pub owner_rule: Option<&'a str>,
    /// The kind of every matching rule (the claim's own kind for a manual claim).
    pub kinds: &'a [RuleKind],
    pub record: Option<&'a VerdictRecord>,
    /// The record quotes a sentence other than the one the claim has now.
    pub stale: bool,
}

/// How the lists are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Desk order (paths), claims in sentence order.
    #[default]
    Desk,
    /// Newest article first.
    Date,
    /// By outlet name.
    Outlet,
    /// Disputed first, then unverified, pending, confirmed.
    Verdict,
    /// Claims carried by the most other articles first.
    Links,
}

impl Sort {
    /// Parses `:sort` 's argument.
    pub fn parse(word: &str) -> Option<Sort> {
        match word {
            "desk" | "path" | "none" => Some(Sort::Desk),
            "date" => Some(Sort::Date),
            "outlet" => Some(Sort::Outlet),
            "verdict" => Some(Sort::Verdict),
            "links" => Some(Sort::Links),
            _ => None,
        }
    }

    /// The word `:sort` takes and the status line shows.
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Desk => "desk",
            Sort::Date => "date",
            Sort::Outlet => "outlet",
            Sort::Verdict => "verdict",
            Sort::Links => "links",
        }
    }

    /// The words `:sort` completes.
    pub const WORDS: [&'static str; 5] = ["date", "outlet", "verdict", "links", "desk"];
}

/// The rank of a verdict when sorting by verdict (lower first).
pub fn verdict_rank(v: Option<Verdict>) -> u8 {
    match v {
        Some(Verdict::Disputed) => 0,
        Some(Verdict::Unverified) => 1,
        None => 2,
        Some(Verdict::Confirmed) => 3,
        Some(Verdict::NotAClaim) => 4,
    }
}

/// The words `:filter` completes (values after `kind` included).
pub fn words() -> Vec<String> {
    let mut v: Vec<String> = [
        "clear",
        "all",
        "pending",
        "confirmed",
        "disputed",
        "unverified",
        "not-a-claim",
        "conflict",
        "stale",
        "recheck",
        "note",
        "outlet",
        "from",
        "to",
        "date",
        "analyst",
        "rule",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend(RuleKind::ALL.iter().map(|k| format!("kind {}", k.as_str())));
    v
}

/// A day or a prefix of one: `2024`, `2024-03`, `2024-03-02`.
fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    let shape = b"dddd-dd-dd";
    !b.is_empty()
        && b.len() <= shape.len()
        && ![5, 8].contains(&b.len())
        && b.iter().zip(shape).all(|(c, s)| match s {
            b'd' => c.is_ascii_digit(),
            _ => *c == b'-',
        })
}

/// Parses the words of `:filter` into terms. Values may hold spaces when
/// quoted (`outlet "Al Ahram"`).
pub fn parse(line: &str) -> Result<Vec<Term>, String> {
    let words = split_words(line)?;
    let mut terms = Vec::new();
    let mut it = words.iter().map(String::as_str);
    while let Some(w) = it.next() {
        let mut value = |what: &str| {
            it.next()
                .map(str::to_string)
                .ok_or_else(|| format!("filter {w}: which {what}?"))
        };
        let term = match w {
            "clear" | "all" => Term::Clear,
            "pending" => Term::Verdict(VerdictIs::Pending),
            "conflict" | "conflicts" => Term::Conflict,
            "stale" => Term::Stale,
            "recheck" | "re-check" => Term::Recheck,
            "note" | "has-note" => Term::HasNote,
            "kind" => {
                let k = value("kind")?;
                Term::Kind(RuleKind::parse(&k).ok_or_else(|| {
                    let kinds: Vec<&str> = RuleKind::ALL.iter().map(|k| k.as_str()).collect();
                    format!("filter kind: unknown `{k}`; kinds are {}", kinds.join(", "))
                })?)
            }
            "rule" => Term::Rule(value("rule id")?),
            "outlet" => Term::Outlet(value("outlet")?),
            "analyst" => Term::Analyst(value("analyst")?),
            "from" | "to" => {
                let d = value("day (YYYY-MM-DD)")?;
                if !is_day(&d) {
                    return Err(format!("filter {w}: `{d}` is not a day; write YYYY-MM-DD"));
                }
                if w == "from" {
                    Term::From(d)
                } else {
                    Term::To(d)
                }
            }
            "date" => {
                let d = value("day or range (A..B)")?;
                let (a, b) = d.split_once("..").unwrap_or((&d, &d));
                for day in [a, b].into_iter().filter(|s| !s.is_empty()) {
                    if !is_day(day) {
                        return Err(format!(
                            "filter date: `{day}` is not a day; write YYYY-MM-DD or A..B"
                        ));
                    }
                }
                if !a.is_empty() {
                    terms.push(Term::From(a.to_string()));
                }
                if b.is_empty() {
                    continue;
                }
                Term::To(b.to_string())
            }
            other => match Verdict::parse(other) {
                Some(v) => Term::Verdict(VerdictIs::Is(v)),
                None => {
                    return Err(format!(
                        "filter: unknown `{other}`; try pending, disputed, kind number, outlet NAME, \
                         from DAY, to DAY, analyst NAME, rule ID, conflict, stale, recheck, note, clear"
                    ));
                }
            },
        };
        terms.push(term);
    }
    Ok(terms)
}

/// Splits on white space, keeping `"quoted words"` together.
fn split_words(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        if let Some(q) = rest.strip_prefix('"') {
            let Some(end) = q.find('"') else {
                return Err("filter: a quote is not closed".into());
            };
            out.push(q[..end].to_string());
            rest = q[end + 1..].trim_start();
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
        }
    }
    Ok(out)
}

impl ClaimFilter {
    /// True when the filter lets every claim through.
    pub fn is_all(&self) -> bool {
        *self == ClaimFilter::default()
    }

    /// Adds terms (a later term replaces an earlier one of the same field;
    /// `clear` drops everything before it).
    pub fn apply(&mut self, terms: &[Term]) {
        for t in terms {
            match t {
                Term::Clear => *self = ClaimFilter::default(),
                Term::Verdict(v) => self.verdict = Some(*v),
                Term::Kind(k) => self.kind = Some(*k),
                Term::Rule(r) => self.rule = Some(r.clone()),
                Term::Outlet(o) => self.outlet = Some(fold_for_search(o)),
                Term::From(d) => self.from = Some(d.clone()),
                Term::To(d) => self.to = Some(d.clone()),
                Term::Analyst(a) => self.analyst = Some(fold_for_search(a)),
                Term::Conflict => self.conflict = true,
                Term::Stale => self.stale = true,
                Term::Recheck => self.recheck = true,
                Term::HasNote => self.has_note = true,
            }
        }
    }

    /// True when the claim passes every term set.
    pub fn passes(&self, f: &ClaimFacts) -> bool {
        self.article_ok(f.outlet, f.date) && self.claim_ok(f)
    }

    /// The terms about the article (outlet, dates): true when an article
    /// with this outlet and date can hold passing claims.
    pub fn article_ok(&self, outlet: Option<&str>, date: Option<&str>) -> bool {
        let outlet_ok = self
            .outlet
            .as_ref()
            .is_none_or(|w| outlet.is_some_and(|h| fold_for_search(h.trim()) == *w));
        // A day compares with an article's date on the day's own length
        // (`to 2024-03` takes all of March).
        let day = date.map(|d| d.trim());
        let from_ok = self
            .from
            .as_ref()
            .is_none_or(|from| day.is_some_and(|d| d >= from.as_str()));
        let to_ok = self.to.as_ref().is_none_or(|to| {
            day.is_some_and(|d| d.get(..d.len().min(to.len())).unwrap_or(d) <= to.as_str())
        });
        outlet_ok && from_ok && to_ok
    }

    /// The terms about the claim itself (everything but outlet and dates).
    pub fn claim_ok(&self, f: &ClaimFacts) -> bool {
        let verdict = f.record.and_then(|r| r.verdict);
        let verdict_ok = match self.verdict {
            None => true,
            Some(VerdictIs::Pending) => verdict.is_none(),
            Some(VerdictIs::Is(v)) => verdict == Some(v),
        };
        let analyst_ok = self.analyst.as_ref().is_none_or(|w| {
            f.record
                .is_some_and(|r| fold_for_search(r.analyst.trim()) == *w)
        });
        verdict_ok
            && self.kind.is_none_or(|k| f.kinds.contains(&k))
            && self
                .rule
                .as_ref()
                .is_none_or(|r| f.owner_rule == Some(r.as_str()))
            && analyst_ok
            && (!self.conflict || f.record.is_some_and(|r| !r.conflicts.is_empty()))
            && (!self.stale || f.stale)
            && (!self.recheck || f.record.is_some_and(|r| r.recheck))
            && (!self.has_note || f.record.is_some_and(|r| !r.note.trim().is_empty()))
    }

    /// How the filter is written on the status line (`all` when empty).
    pub fn label(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        match self.verdict {
            Some(VerdictIs::Pending) => parts.push("pending".into()),
            Some(VerdictIs::Is(v)) => parts.push(v.as_str().into()),
            None => {}
        }
        if let Some(k) = self.kind {
            parts.push(format!("kind {}", k.as_str()));
        }
        if let Some(r) = &self.rule {
            parts.push(format!("rule {r}"));
        }
        if let Some(o) = &self.outlet {
            parts.push(format!("outlet {o}"));
        }
        match (&self.from, &self.to) {
            (Some(a), Some(b)) => parts.push(format!("date {a}..{b}")),
            (Some(a), None) => parts.push(format!("from {a}")),
            (None, Some(b)) => parts.push(format!("to {b}")),
            (None, None) => {}
        }
        if let Some(a) = &self.analyst {
            parts.push(format!("analyst {a}"));
        }
        for (on, word) in [
            (self.conflict, "conflict"),
            (self.stale, "stale"),
            (self.recheck, "recheck"),
            (self.has_note, "note"),
        ] {
            if on {
                parts.push(word.into());
            }
        }
        if parts.is_empty() {
            "all".into()
        } else {
            parts.join(" · ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Judgement;

    fn rec(v: Option<Verdict>) -> VerdictRecord {
        VerdictRecord {
            verdict: v,
            analyst: "Mona".into(),
            ..Default::default()
        }
    }

    fn facts<'a>(kinds: &'a [RuleKind], record: Option<&'a VerdictRecord>) -> ClaimFacts<'a> {
        ClaimFacts {
            outlet: Some("Al Masry"),
            date: Some("2024-03-02"),
            owner_rule: Some("ar.said"),
            kinds,
            record,
            stale: false,
        }
    }

    fn filter(line: &str) -> ClaimFilter {
        let mut f = ClaimFilter::default();
        f.apply(&parse(line).unwrap());
        f
    }

    #[test]
    fn any_matching_kind_counts_not_only_the_owner() {
        let kinds = [RuleKind::Attribution, RuleKind::Number];
        assert!(filter("kind number").passes(&facts(&kinds, None)));
        assert!(filter("kind attribution").passes(&facts(&kinds, None)));
        assert!(!filter("kind date").passes(&facts(&kinds, None)));
    }

    #[test]
    fn terms_combine_and_the_last_of_a_field_wins() {
        let kinds = [RuleKind::Number];
        let disputed = rec(Some(Verdict::Disputed));
        let f = filter("disputed kind number outlet \"al masry\"");
        assert!(f.passes(&facts(&kinds, Some(&disputed))));
        assert!(!f.passes(&facts(&kinds, None)));
        let mut g = f.clone();
        g.apply(&parse("pending").unwrap());
        assert!(g.passes(&facts(&kinds, None)));
        assert!(!g.passes(&facts(&kinds, Some(&disputed))));
        assert_eq!(g.label(), "pending · kind number · outlet al masry");
        g.apply(&[Term::Clear]);
        assert!(g.is_all());
        assert_eq!(g.label(), "all");
    }

    #[test]
    fn dates_are_inclusive_and_prefixes_take_the_whole_period() {
        let k = [RuleKind::Number];
        assert!(filter("from 2024-03-02").passes(&facts(&k, None)));
        assert!(!filter("from 2024-03-03").passes(&facts(&k, None)));
        assert!(filter("to 2024-03").passes(&facts(&k, None)));
        assert!(!filter("to 2024-02").passes(&facts(&k, None)));
        assert!(filter("date 2024-03-01..2024-03-02").passes(&facts(&k, None)));
        assert!(!filter("date ..2024-03-01").passes(&facts(&k, None)));
        let mut undated = facts(&k, None);
        undated.date = None;
        assert!(!filter("from 2024").passes(&undated));
        assert!(parse("from March").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse("date 2024-3-1").is_err());
    }

    #[test]
    fn record_flags_and_analyst() {
        let k = [RuleKind::Quote];
        let mut r = rec(Some(Verdict::Confirmed));
        assert!(filter("analyst mona").passes(&facts(&k, Some(&r))));
        assert!(!filter("analyst lina").passes(&facts(&k, Some(&r))));
        for w in ["conflict", "recheck", "note", "stale"] {
            assert!(!filter(w).passes(&facts(&k, Some(&r))), "{w}");
        }
        r.conflicts.push(Judgement {
            verdict: Some(Verdict::Disputed),
            rating: None,
            note: String::new(),
            evidence: Vec::new(),
            analyst: "Lina".into(),
            updated: String::new(),
        });
        r.recheck = true;
        r.note = "checked with the ministry".into();
        let mut fx = facts(&k, Some(&r));
        fx.stale = true;
        assert!(filter("conflict recheck note stale").passes(&fx));
        assert!(filter("rule ar.said").passes(&fx));
        assert!(!filter("rule ar.digits").passes(&fx));
    }

    #[test]
    fn bad_words_are_explained() {
        assert!(parse("sideways").unwrap_err().contains("try pending"));
        assert!(parse("kind nope").unwrap_err().contains("kinds are"));
        assert!(parse("outlet").unwrap_err().contains("which outlet"));
        assert!(parse("outlet \"open").unwrap_err().contains("quote"));
    }

    #[test]
    fn sorts_parse() {
        for w in Sort::WORDS {
            assert_eq!(Sort::parse(w).map(Sort::as_str), Some(w));
        }
        assert_eq!(Sort::parse("size"), None);
        assert!(verdict_rank(Some(Verdict::Disputed)) < verdict_rank(None));
        assert!(verdict_rank(None) < verdict_rank(Some(Verdict::Confirmed)));
    }
}
