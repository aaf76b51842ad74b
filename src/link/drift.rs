//! The figures of two linked claims compared: which differ.

use super::Signature;
use crate::figures::{Agreement, Approx, Figure, Unit, agreement};

/// A figure that differs between two linked claims, as written on each side.
#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    /// The figure as this claim writes it (`٨٬٠٠٠`, `نحو ربع قرن`).
    pub ours: String,
    /// The figure as the other claim writes it (`7,500`).
    pub theirs: String,
    /// Our value, in the unit's base unit ([`Unit`]).
    pub ours_value: f64,
    /// Their value, in the same unit.
    pub theirs_value: f64,
    /// What both figures measure.
    pub unit: Unit,
}

impl Drift {
    /// The same drift seen from the other claim.
    pub fn mirrored(&self) -> Drift {
        Drift {
            ours: self.theirs.clone(),
            theirs: self.ours.clone(),
            ours_value: self.theirs_value,
            theirs_value: self.ours_value,
            unit: self.unit,
        }
    }
}

/// Counts further apart than this ratio are taken for different things
/// (3 children and 66 passengers; 12,500 registered voters and a community
/// of 200 thousand), not a drift. Tolls told by two outlets or updated
/// through a day stay well inside it (35 and 11, 100 and 525).
const MAX_COUNT_RATIO: f64 = 10.0;

/// Whether two values far apart are the same digits under another scale
/// (`278 مليون` / `278 ألف`, 4,500 / 450): a slip of one outlet, not two
/// things. The smaller must have two significant digits or more, so that
/// 10 and 1,000, or 3 and 300, stay apart.
fn slipped_scale(a: f64, b: f64) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    if lo < 10.0 || lo.fract() != 0.0 {
        return false;
    }
    let power = (hi / lo).log10();
    if power < 1.0 || (power - power.round()).abs() > 1e-9 {
        return false;
    }
    let mut digits = lo;
    while digits % 10.0 == 0.0 {
        digits /= 10.0;
    }
    digits >= 10.0
}

/// How far apart two values of `unit` are, for pairing figures: 0 for
/// equal values. Dates count the parts that differ (a drifting date changes
/// its day or its month: 30 March / 30 April is closer than 30 April / 15
/// May), a year only when both sides give one.
fn distance(unit: Unit, a: f64, b: f64) -> f64 {
    if unit == Unit::Date {
        let parts = |v: f64| {
            let v = v as i64;
            (v / 10_000, v / 100 % 100, v % 100)
        };
        let ((ya, ma, da), (yb, mb, db)) = (parts(a), parts(b));
        let year = ya != 0 && yb != 0 && ya != yb;
        let differ = u8::from(year) + u8::from(ma != mb) + u8::from(da != db);
        return f64::from(differ);
    }
    if a > 0.0 && b > 0.0 {
        (a / b).ln().abs()
    } else {
        (a - b).abs()
    }
}

/// The drifts between our figures and theirs.
///
/// Figures of one unit are paired one to one: first every pair that agrees
/// (exactly or approximately) is set aside, then the rest are paired
/// closest first; each such pair is a drift. A figure the other side has
/// no figure of its unit for is not a drift (the other outlet did not
/// say). Linking calls it once per pair and mirrors the result for the
/// other side, so both sides always see the same drifts.
pub fn drifts(ours: &[(Figure, Box<str>)], theirs: &[(Figure, Box<str>)]) -> Vec<Drift> {
    drifts_counted(ours, theirs, None, None)
}

/// The words around each figure of a claim: the word right after each
/// ([`Signature::counted`]) and the word right before ([`Signature::before`]).
#[derive(Clone, Copy)]
struct Around<'a> {
    after: &'a [u64],
    before: &'a [u64],
}

impl Around<'_> {
    fn of(sig: &Signature) -> Around<'_> {
        Around {
            after: &sig.counted,
            before: &sig.before,
        }
    }

    fn after(&self, k: usize) -> u64 {
        self.after.get(k).copied().unwrap_or(0)
    }

    fn before(&self, k: usize) -> u64 {
        self.before.get(k).copied().unwrap_or(0)
    }
}

/// Whether two drifting figures of `unit` must share a neighbour (the
/// word before or after them): durations and years. Not counts (a count's
/// noun is its own check, and one count on each side is one figure told two
/// ways: `8,000 منحة`, `7,500 طالب`), nor percentages and sums: measured on
/// the ANT desk (docs/linking.md, round 4), requiring it of them too removed
/// 5 false drifts, but raised as many pairs to one claim (emptied of their
/// second drift, a price of another day kept the first alone) and lost 2 of
/// 9 real figure changes.
fn needs_neighbour(unit: Unit) -> bool {
    matches!(unit, Unit::Duration | Unit::Year)
}

/// [`drifts`] of two signatures: besides, when both claims hold several
/// counts, two counts of different things (`14 نقطة` and `26 مباراة`: the
/// words after them differ, the words before too) are not compared, nor
/// two durations or two years that share neither neighbour.
pub fn drifts_between(a: &Signature, b: &Signature) -> Vec<Drift> {
    drifts_counted(
        &a.figures,
        &b.figures,
        Some(Around::of(a)),
        Some(Around::of(b)),
    )
}

fn drifts_counted(
    ours: &[(Figure, Box<str>)],
    theirs: &[(Figure, Box<str>)],
    our_words: Option<Around>,
    their_words: Option<Around>,
) -> Vec<Drift> {
    let mut pairs: Vec<(u8, f64, usize, usize)> = Vec::new();
    // With one count on a side there is nothing to mix up: 8,000
    // scholarships and 7,500 students are the same figure told two ways.
    // With several on each side, counts of different things are kept apart.
    let counts = |f: &[(Figure, Box<str>)]| f.iter().filter(|(x, _)| x.unit == Unit::Count).count();
    let several = counts(ours) > 1 && counts(theirs) > 1;
    for (i, (a, _)) in ours.iter().enumerate() {
        for (j, (b, _)) in theirs.iter().enumerate() {
            let rank = match agreement(a, b) {
                Agreement::Same => 0,
                Agreement::Approximate => 1,
                Agreement::Drift => 2,
                Agreement::Unrelated => continue,
            };
            // A vague magnitude (مئات، عشرات، آلاف) is no claim about a
            // precise count: it never drifts against one.
            // Nor against another: thousands and tens of thousands are
            // one loose claim told more or less loosely.
            let vague = |f: &Figure| f.approx == Approx::Magnitude;
            if rank == 2 && (vague(a) || vague(b)) {
                continue;
            }
            // A count with a fraction (1.4, 89.174) is a level or a rate,
            // not a number of things: it does not drift against a whole
            // count (ست عملات).
            let whole = |f: &Figure| f.value.fract() == 0.0;
            if rank == 2 && a.unit == Unit::Count && whole(a) != whole(b) {
                continue;
            }
            let (ca, cb) = (
                our_words.map_or(0, |w| w.after(i)),
                their_words.map_or(0, |w| w.after(j)),
            );
            let (ba, bb) = (
                our_words.map_or(0, |w| w.before(i)),
                their_words.map_or(0, |w| w.before(j)),
            );
            let same_before = ba != 0 && ba == bb;
            // Agreeing figures pair whatever follows them (8 جثث, ثمانية أشخاص);
            // two counts after one word (`الدقيقة 86` / `الدقيقة 85`) are one
            // thing whatever follows them.
            if rank == 2
                && a.unit == Unit::Count
                && several
                && ca != 0
                && cb != 0
                && ca != cb
                && !same_before
            {
                continue;
            }
            // A duration or a year of one thing keeps a word beside it on
            // both sides (`السجن 12 عاما` / `السجن 10 أعوام`); two that share
            // neither neighbour tell other things of one story (two persons'
            // ages, an illness and a sentence, the year of a deal and of its
            // end).
            let words = our_words.is_some() && their_words.is_some();
            if rank == 2
                && words
                && needs_neighbour(a.unit)
                && !same_before
                && !(ca != 0 && ca == cb)
            {
                continue;
            }
            let d = distance(a.unit, a.value, b.value);
            let counted = matches!(a.unit, Unit::Count | Unit::Times | Unit::Money(_));
            if rank == 2 && counted && d > MAX_COUNT_RATIO.ln() && !slipped_scale(a.value, b.value)
            {
                continue;
            }
            pairs.push((rank, d, i, j));
        }
    }
    // Agreements first, then drifts closest first.
    pairs.sort_by(|x, y| {
        x.0.cmp(&y.0)
            .then(x.1.total_cmp(&y.1))
            .then((x.2, x.3).cmp(&(y.2, y.3)))
    });
    let mut used_a = vec![false; ours.len()];
    let mut used_b = vec![false; theirs.len()];
    let mut out = Vec::new();
    for (rank, _, i, j) in pairs {
        if used_a[i] || used_b[j] {
            continue;
        }
        used_a[i] = true;
        used_b[j] = true;
        if rank == 2 {
            let ((a, at), (b, bt)) = (&ours[i], &theirs[j]);
            out.push((
                i,
                Drift {
                    ours: at.to_string(),
                    theirs: bt.to_string(),
                    ours_value: a.value,
                    theirs_value: b.value,
                    unit: a.unit,
                },
            ));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, d)| d).collect()
}
