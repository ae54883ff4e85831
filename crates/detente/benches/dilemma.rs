//! Benchmarks of the security-dilemma simulation (escalate.md §7.3): 10⁵ runs of an 8-actor,
//! 4-domain, 40-period rivalry on 2 threads (target < 2 s), and the same on 1 thread.
//! Run with `cargo bench -p detente --bench dilemma`.

use detente::escalate::dilemma::{
    DilemmaActor, DilemmaParams, DilemmaSetup, DomainSpec, InfluenceTie, MonteCarloSummary,
    PolicySpec, TradeTie, monte_carlo,
};

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

/// 10⁵ runs of the 8-actor, 4-domain, 40-period rivalry, summary included.
#[divan::bench(args = [1, 2], sample_count = 3, sample_size = 1)]
fn flagship_100k_runs(threads: usize) -> MonteCarloSummary {
    run(threads, 100_000)
}
