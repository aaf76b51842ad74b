//! The default pack loads cleanly: every example matches, every counter-example does not.

use claimdesk::rules::RuleSet;

#[test]
fn default_pack_loads_without_problems() {
    match RuleSet::default_rules() {
        Ok(set) => {
            assert!(set.rules.len() >= 30, "only {} rules", set.rules.len());
            assert!(!set.boilerplate.is_empty());
            assert!(!set.vetoes.is_empty());
        }
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!("{} problems:\n{}", list.len(), list.join("\n"));
        }
    }
}

#[test]
fn every_default_rule_has_two_examples_and_a_counter_example() {
    let set = RuleSet::default_rules().unwrap_or_else(|p| panic!("{p:#?}"));
    for r in &set.rules {
        assert!(
            r.examples.len() >= 2,
            "{}: {} examples",
            r.id,
            r.examples.len()
        );
        assert!(
            !r.counter_examples.is_empty(),
            "{}: no counter-example",
            r.id
        );
    }
}

#[test]
fn default_patterns_avoid_word_boundaries() {
    // \b fails on Arabic clitics and slows the regex engine on non-ASCII text.
    let set = RuleSet::default_rules().unwrap_or_else(|p| panic!("{p:#?}"));
    for p in set.normalized_patterns() {
        assert!(!p.contains(r"\b"), "{p}");
    }
}

#[test]
fn default_pack_covers_every_kind_but_manual() {
    use claimdesk::rules::RuleKind;
    let set = RuleSet::default_rules().unwrap_or_else(|p| panic!("{p:#?}"));
    for kind in RuleKind::ALL {
        let has = set.rules.iter().any(|r| r.kind == kind);
        assert_eq!(has, kind != RuleKind::Manual, "{kind:?}");
    }
}

#[test]
fn matching_names_exactly_the_rules_that_hit() {
    // Extraction asks only which rules match; the claim's spans are
    // recomputed with `hits_of`. Both must agree on every sentence.
    use claimdesk::text::normalize::normalize_str;
    let set = RuleSet::default_rules().unwrap_or_else(|p| panic!("{p:#?}"));
    let sentences = set
        .rules
        .iter()
        .flat_map(|r| r.examples.iter().chain(&r.counter_examples));
    let mut excluded = 0;
    for s in sentences {
        let s = normalize_str(s);
        let hits: Vec<usize> = set.hits(&s).iter().map(|h| h.rule).collect();
        assert_eq!(set.matching(&s), hits, "{s}");
        excluded += set
            .rules
            .iter()
            .filter(|r| r.regex.is_match(&s) && r.exclude.as_ref().is_some_and(|x| x.is_match(&s)))
            .count();
    }
    // Some counter-examples are there for an exclude: they check it too.
    assert!(excluded > 0);
}

#[test]
fn claim_rules_is_veto_then_matching_in_one_pass() {
    use claimdesk::text::normalize::normalize_str;
    let set = RuleSet::default_rules().unwrap_or_else(|p| panic!("{p:#?}"));
    let questions = [
        "كيف ستكون سياسة الردع الجديدة؟",
        "هل وقّع الرئيس 3 اتفاقيات؟",
        "Did the minister sign 3 agreements?",
        "أعتقد أن الاتفاق الأول من نوعه.",
    ];
    let sentences = set
        .rules
        .iter()
        .flat_map(|r| r.examples.iter().chain(&r.counter_examples))
        .map(String::as_str)
        .chain(questions);
    let mut vetoed = 0;
    for s in sentences {
        let s = normalize_str(s);
        let expected = match set.veto(&s) {
            Some(_) => None,
            None => Some(set.matching(&s)),
        };
        vetoed += usize::from(expected.is_none());
        assert_eq!(set.claim_rules(&s), expected, "{s}");
    }
    assert!(vetoed >= 2, "only {vetoed} vetoed sentences");
}
