//! Evolution: neutral and constant-fitness Moran fixation probabilities and
//! the replicator rest point and basins of TFT v Defector.

use detente::escalate::evolution::{
    ConstantFitness, MoranMode, MoranSpec, ReplicatorSpec, fixation_probability,
    fixation_probability_of, moran, replicator,
};
use detente::escalate::game::Game;
use detente::escalate::matchplay::MatchSpec;
use detente::escalate::strategy::registry;

fn spec(mode: MoranMode, seed: u64) -> MoranSpec {
    MoranSpec {
        mode,
        mutation: 0.0,
        max_generations: 1_000_000,
        seed,
    }
}

#[test]
fn neutral_mutant_fixes_with_probability_one_over_n() {
    // One TFT among nine Cooperators: everyone plays C, so fitness is equal.
    let p = fixation_probability_of(
        registry::parse("tit-for-tat").unwrap(),
        registry::parse("cooperator").unwrap(),
        10,
        20_000,
        MatchSpec::fixed(Game::default(), 200),
        &spec(MoranMode::BirthDeath, 11),
    )
    .unwrap();
    assert!(p.low <= 0.1 && 0.1 <= p.high, "{p:?}");
    let db = fixation_probability(
        &ConstantFitness(vec![1.0, 1.0]),
        10,
        20_000,
        &spec(MoranMode::DeathBirth, 12),
    )
    .unwrap();
    assert!(db.low <= 0.1 && 0.1 <= db.high, "{db:?}");
}

#[test]
fn constant_fitness_matches_the_moran_formula() {
    let (r, n) = (2.0f64, 10);
    let exact = (1.0 - 1.0 / r) / (1.0 - 1.0 / r.powi(n));
    assert!((exact - 0.500489).abs() < 1e-6);
    // A 95 % interval misses the truth for one seed in twenty; this seed's 2·10⁴ runs cover it
    // (1.6·10⁶ runs of the same seed gave an interval of ±0.0008 around 0.5005 as well).
    let p = fixation_probability(
        &ConstantFitness(vec![r, 1.0]),
        n as usize,
        20_000,
        &spec(MoranMode::BirthDeath, 77),
    )
    .unwrap();
    assert!(p.low <= exact && exact <= p.high, "{p:?}");
    // A disadvantaged mutant (r = 1/2) almost never fixes: 1/(1 + 2 + ... + 2⁹) = 1/1023.
    let q = fixation_probability(
        &ConstantFitness(vec![0.5, 1.0]),
        10,
        20_000,
        &spec(MoranMode::BirthDeath, 6),
    )
    .unwrap();
    assert!(q.low <= 1.0 / 1023.0 && 1.0 / 1023.0 <= q.high, "{q:?}");
}

#[test]
fn moran_run_reports_counts_and_fixation() {
    let mut f = ConstantFitness(vec![3.0, 1.0]);
    let r = moran(
        &mut f,
        2,
        &[0, 0, 0, 1, 1, 1],
        &spec(MoranMode::BirthDeath, 1),
    )
    .unwrap();
    let (winner, generation) = r.fixation.expect("fixes without mutation");
    assert_eq!(r.counts.len() as u32, generation + 1);
    assert_eq!(r.counts.last().unwrap()[winner], 6);
    assert_eq!(r.counts[0], vec![3, 3]);
}

#[test]
fn replicator_rest_point_and_basins_of_tft_v_defector() {
    let a = vec![vec![3.0, 0.995], vec![1.02, 1.0]];
    let settings = ReplicatorSpec::default();
    let up = replicator(&a, &[0.01, 0.99], &settings).unwrap();
    assert!(up.final_shares[0] > 0.999, "{:?}", up.final_shares);
    let down = replicator(&a, &[0.001, 0.999], &settings).unwrap();
    assert!(down.final_shares[1] > 0.999, "{:?}", down.final_shares);
    let interior: Vec<&Vec<f64>> = up
        .rest_points
        .iter()
        .filter(|x| x[0] > 0.0 && x[1] > 0.0)
        .collect();
    assert_eq!(interior.len(), 1);
    assert!((interior[0][0] - 0.005 / 1.985).abs() < 1e-9);
    assert!((interior[0][0] - 0.0025189).abs() < 1e-7);
    // Starting on the rest point, the shares stay there.
    let x = 0.005 / 1.985;
    let still = replicator(&a, &[x, 1.0 - x], &settings).unwrap();
    assert!(still.converged);
    assert!((still.final_shares[0] - x).abs() < 1e-9);
}

#[test]
fn replicator_rejects_bad_input() {
    let a = vec![vec![1.0, 2.0]];
    assert!(replicator(&a, &[1.0], &ReplicatorSpec::default()).is_err());
    let b = vec![vec![1.0]];
    assert!(replicator(&b, &[-1.0], &ReplicatorSpec::default()).is_err());
}
