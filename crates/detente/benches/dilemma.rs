//! Benchmarks of the security-dilemma simulation on the real flagship
//! (`scenarios/nato-china-2023.toml`: 7 western actors against China, 4 domains, 40 periods, 8
//! policies): 10⁵ runs of one policy on 1 and 2 threads (target < 1 s on 2 cores), and every
//! policy on the same 10⁵ runs (one arm each, every pair differenced). An illustrative 8-actor
//! rivalry (six western actors against China and Russia) is kept for the history of the figure.
//! Run with `cargo bench -p detente --bench dilemma`.

use detente::escalate::dilemma::{
    DilemmaActor, DilemmaParams, DilemmaSetup, DomainSpec, InfluenceTie, MonteCarloSummary,
    PolicyArms, PolicySpec, TradeTie, monte_carlo,
};
use detente::escalate::scenario::{PolicySetup, policy_setups};
use detente::scenario::{FLAGSHIP, load_str};

fn main() {
    // 1 and 2 threads must agree bit for bit (checked once, outside the timed samples).
    let one = serde_json::to_string(&run(1, 5_000)).expect("json");
    let two = serde_json::to_string(&run(2, 5_000)).expect("json");
    assert_eq!(one, two, "results depend on the thread count");
    println!("1 vs 2 threads, 5000 runs: byte-identical JSON");
    divan::main();
}

/// An illustrative flagship-sized rivalry: six western actors against China and Russia, with
/// alliance influence and trade shares of plausible size (not calibrated data).
fn flagship() -> DilemmaSetup {
    let west = ["usa", "uk", "germany", "france", "japan", "australia"];
    let east = ["china", "russia"];
    let mut actors = Vec::new();
    for id in west {
        actors.push(DilemmaActor {
            id: id.into(),
            side: "west".into(),
            capability: 1.0,
            policy: PolicySpec::new("clear-eyed-hedging"),
            kind: Default::default(),
            trust_prior: None,
        });
    }
    for id in east {
        actors.push(DilemmaActor {
            id: id.into(),
            side: "east".into(),
            capability: 1.0,
            policy: PolicySpec::new("tit-for-tat"),
            kind: Default::default(),
            trust_prior: None,
        });
    }
    let influence = [
        ("usa", "uk", 0.7),
        ("usa", "germany", 0.6),
        ("usa", "france", 0.5),
        ("usa", "japan", 0.4),
        ("usa", "australia", 0.4),
        ("china", "russia", 0.3),
        ("russia", "china", 0.2),
    ]
    .iter()
    .map(|&(f, t, w)| InfluenceTie {
        from: f.into(),
        to: t.into(),
        weight: w,
    })
    .collect();
    let trade = [
        ("usa", "china", 0.11),
        ("germany", "china", 0.09),
        ("japan", "china", 0.20),
        ("australia", "china", 0.27),
        ("china", "usa", 0.12),
        ("china", "japan", 0.05),
        ("russia", "germany", 0.04),
    ]
    .iter()
    .map(|&(f, t, s)| TradeTie {
        from: f.into(),
        to: t.into(),
        share: s,
    })
    .collect();
    DilemmaSetup {
        sides: vec!["west".into(), "east".into()],
        actors,
        domains: ["military", "economic", "technology", "cultural"]
            .iter()
            .map(|d| DomainSpec::new(d))
            .collect(),
        influence,
        trade,
        grievances: vec![],
        start: vec![],
        prior: None,
        params: DilemmaParams::default(),
    }
}

fn run(threads: usize, runs: u64) -> MonteCarloSummary {
    let setup = flagship();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    pool.install(|| monte_carlo(&setup, runs, 2026).expect("valid setup"))
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
}

/// The flagship scenario's policies (its `[escalate]` section).
fn scenario_policies() -> Vec<PolicySetup> {
    let r = load_str(FLAGSHIP, "nato-china-2023.toml").expect("flagship loads");
    policy_setups(&r).expect("flagship policies")
}

/// 10⁵ runs of the illustrative 8-actor, 4-domain, 40-period rivalry, summary included.
#[divan::bench(args = [1, 2], sample_count = 3, sample_size = 1)]
fn illustrative_100k_runs(threads: usize) -> MonteCarloSummary {
    run(threads, 100_000)
}

/// 10⁵ runs of the flagship's first policy (constructive engagement), summary included.
#[divan::bench(args = [1, 2], sample_count = 3, sample_size = 1)]
fn flagship_one_policy_100k_runs(bencher: divan::Bencher, threads: usize) {
    let setup = scenario_policies().remove(0).setup;
    let pool = pool(threads);
    bencher.bench(|| pool.install(|| monte_carlo(&setup, 100_000, 2026).expect("valid")));
}

/// Every flagship policy on the same 10⁵ runs (8 arms), summaries and all 28 pairs.
#[divan::bench(args = [2], sample_count = 1, sample_size = 1)]
fn flagship_all_policies_100k_runs(bencher: divan::Bencher, threads: usize) {
    let all = scenario_policies();
    let named: Vec<(&str, &DilemmaSetup)> = all.iter().map(|p| (p.id.as_str(), &p.setup)).collect();
    let pool = pool(threads);
    bencher.bench(|| {
        pool.install(|| {
            let arms = PolicyArms::play(&named, 100_000, 2026).expect("valid");
            (0..arms.len()).map(|a| arms.summary(a)).collect::<Vec<_>>()
        })
    });
}
