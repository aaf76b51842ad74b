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
