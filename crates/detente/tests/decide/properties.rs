//! Property tests of the decide models.

use detente::decide::bdm::Bdm;
use detente::decide::compromise::Compromise;
use detente::decide::median::Median;
use detente::decide::nash::Nash;
use detente::decide::rules::{DecisionRule, admissible};
use detente::decide::{DecisionModel, ResolvedIssue, Scale, Stance, run};
use proptest::prelude::*;

fn issue_strategy() -> impl Strategy<Value = ResolvedIssue> {
    prop::collection::vec((0.01f64..10.0, 0.0f64..100.0, 0.05f64..1.0), 3..9).prop_map(|rows| {
        let mut issue = ResolvedIssue::one_dimensional(
            "p",
            Scale::new(0.0, 100.0),
            rows.iter()
                .enumerate()
                .map(|(k, &(c, x, s))| Stance::new(format!("a{k}"), c, x, s))
                .collect(),
        );
        // A status quo below every position keeps Nash's feasible set non-empty.
        let lowest = rows.iter().map(|r| r.1).fold(f64::INFINITY, f64::min);
        issue.status_quo = Some(vec![lowest * 0.5]);
        issue
    })
}

fn models() -> Vec<Box<dyn DecisionModel>> {
    vec![
        Box::new(Compromise),
        Box::new(Median::default()),
        Box::new(Nash::default()),
        Box::new(Bdm::default()),
        Box::new(Bdm::scholz2011()),
    ]
}

fn outcome(m: &dyn DecisionModel, issue: &ResolvedIssue) -> f64 {
    run(m, issue, &mut detente::rng::run_stream(1, 0))
        .expect("runs")
        .outcome[0]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn compromise_lies_in_the_hull(issue in issue_strategy()) {
        let o = outcome(&Compromise, &issue);
        let lo = issue.stances.iter().map(|s| s.x()).fold(f64::INFINITY, f64::min);
        let hi = issue.stances.iter().map(|s| s.x()).fold(f64::NEG_INFINITY, f64::max);
        prop_assert!(o >= lo - 1e-9 && o <= hi + 1e-9);
    }

    #[test]
    fn reordering_actors_changes_nothing(issue in issue_strategy(), seed in any::<u64>()) {
        let mut shuffled = issue.clone();
        let n = shuffled.stances.len();
        for k in (1..n).rev() {
            let j = (detente::rng::mix(seed ^ k as u64) % (k as u64 + 1)) as usize;
            shuffled.stances.swap(k, j);
        }
        for m in models() {
            let (a, b) = (outcome(m.as_ref(), &issue), outcome(m.as_ref(), &shuffled));
            prop_assert!((a - b).abs() <= 1e-9 * (1.0 + a.abs()), "{}: {} vs {}", m.id(), a, b);
        }
    }

    #[test]
    fn scaling_capabilities_changes_nothing(issue in issue_strategy(), k in 1e-6f64..1e6) {
        let mut scaled = issue.clone();
        for st in &mut scaled.stances {
            st.capability *= k;
        }
        for m in models() {
            let (a, b) = (outcome(m.as_ref(), &issue), outcome(m.as_ref(), &scaled));
            prop_assert!((a - b).abs() <= 1e-7 * (1.0 + a.abs()), "{}: {} vs {}", m.id(), a, b);
        }
    }

    #[test]
    fn bdm_pairwise_probabilities_sum_to_one(issue in issue_strategy()) {
        let p = Bdm::default().success_probabilities(&issue);
        let n = issue.n();
        for i in 0..n {
            for j in 0..n {
                let (a, b) = (p[i * n + j], p[j * n + i]);
                if !a.is_nan() {
                    prop_assert!((0.0..=1.0).contains(&a));
                    prop_assert!((a + b - 1.0).abs() < 1e-12);
                }
            }
        }
    }

    #[test]
    fn ruled_outcome_is_admissible(issue in issue_strategy(), q in 0.0f64..100.0) {
        let mut issue = issue;
        issue.status_quo = Some(vec![q]);
        for rule in [DecisionRule::Unanimity, DecisionRule::Majority,
                     DecisionRule::QualifiedMajority { threshold: 0.65, double: None }] {
            issue.rule = Some(rule.clone());
            let (lo, hi) = admissible(&rule, &issue, 0, q);
            prop_assert!(lo <= q && q <= hi);
            let o = outcome(&Compromise, &issue);
            prop_assert!(o >= lo && o <= hi);
            let xs: Vec<f64> = issue.stances.iter().map(|s| s.x()).collect();
            if rule == DecisionRule::Unanimity {
                // The intersection of the preferred-to-q intervals, cut at the scale's ends.
                let lo2 = xs.iter().map(|x| x - (q - x).abs()).fold(f64::MIN, f64::max).max(0.0);
                let hi2 = xs.iter().map(|x| x + (q - x).abs()).fold(f64::MAX, f64::min).min(100.0);
                prop_assert!((lo - lo2).abs() < 1e-9 && (hi - hi2).abs() < 1e-9);
            }
        }
    }
}
