//! The worked examples of docs/decide.md ("Worked examples") are real scenarios: load each
//! block, decide it, and check its `# expect:` lines.

use detente::decide::scenario::{DecideOptions, decide_with, issues};
use detente::scenario::load_str;

const DOC: &str = include_str!("../../../../docs/decide.md");

fn examples() -> Vec<String> {
    let start = DOC.find("## Worked examples").expect("the section exists");
    let rest = &DOC[start + 3..];
    let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
    section
        .split("```toml\n")
        .skip(1)
        .map(|b| b[..b.find("```").expect("closed block")].to_string())
        .collect()
}

#[test]
fn every_worked_example_gives_what_the_docs_say() {
    let blocks = examples();
    assert_eq!(blocks.len(), 5, "five worked examples");
    let mut checked = 0;
    for (k, block) in blocks.iter().enumerate() {
        let r = load_str(block, &format!("example-{k}.toml"))
            .unwrap_or_else(|d| panic!("example {k} loads: {}", d.render()));
        let issues = issues(&r);
        let decided = decide_with(
            &issues,
            &DecideOptions {
                models: vec!["compromise"],
                ..DecideOptions::default()
            },
        );
        let d = &decided[0];
        for line in block.lines().filter_map(|l| l.strip_prefix("# expect: ")) {
            let words: Vec<&str> = line.split_whitespace().collect();
            let num = |i: usize| words[i].parse::<f64>().expect("a number");
            match words[0] {
                "feasible" => {
                    let (lo, hi) = d.feasible.expect("a rule and a status quo");
                    assert!(
                        (lo - num(1)).abs() < 1e-9 && (hi - num(2)).abs() < 1e-9,
                        "example {k}: feasible ({lo}, {hi}), docs say {line}"
                    );
                }
                "setter" => {
                    let s = d.setter.as_ref().expect("a setter outcome");
                    assert!(
                        (s.outcome - num(1)).abs() < 1e-9,
                        "example {k}: setter {}, docs say {line}",
                        s.outcome
                    );
                    if words.len() > 3 && words[2] == "pivotal" {
                        assert_eq!(s.pivotal, vec![words[3].to_string()], "example {k}");
                    }
                }
                "linkage" => {
                    let l = d.linkage.as_ref().expect("the body allows linkage");
                    assert!(
                        (l.outcome - num(1)).abs() < 1e-9,
                        "example {k}: linkage {}, docs say {line}",
                        l.outcome
                    );
                    let deal = &l.deals[0];
                    assert_eq!(
                        (deal.blocker.as_str(), deal.issue.as_str()),
                        (words[2], words[3])
                    );
                    assert_eq!(deal.payers[0].actor, words[4], "example {k}");
                    assert!(
                        (deal.payers[0].to - num(5)).abs() < 0.005,
                        "example {k}: payer moves to {}, docs say {line}",
                        deal.payers[0].to
                    );
                }
                other => panic!("unknown expectation '{other}'"),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 7);
}

/// The reverse example fails under a positive qualified majority: the rule, not the
/// positions, decides it.
#[test]
fn the_reverse_example_fails_under_a_positive_majority() {
    let block = &examples()[1];
    let positive = block.replace(
        "rule = \"reverse-qualified-majority\"",
        "rule = \"qualified-majority\"",
    );
    let r = load_str(&positive, "positive.toml").expect("loads");
    let d = &decide_with(
        &issues(&r),
        &DecideOptions {
            models: vec!["compromise"],
            ..DecideOptions::default()
        },
    )[0];
    let s = d.setter.as_ref().expect("a setter outcome");
    assert!(s.deadlock);
    assert_eq!(s.outcome, 0.0);
}
