//! Evolutionary dynamics: the Moran process (birth–death or death–birth, with
//! mutation) with fixation probabilities and Wilson intervals, and replicator dynamics (RK4,
//! h = 0.01, plus the discrete map) with rest points found by support enumeration.

use crate::escalate::markov::solve;
use crate::escalate::matchplay::{MatchError, MatchSpec, play};
use crate::escalate::ode::Rk4Stepper;
use crate::escalate::strategy::Player;
use crate::par::*;
use crate::rng::{DetRng, bernoulli, run_stream, u01};
use crate::stats::{Proportion, wilson};
use rand::Rng;
use std::fmt;

/// Why an evolutionary run could not start.
#[derive(Debug, Clone, PartialEq)]
pub enum EvolutionError {
    /// Population, type list or matrix is empty or inconsistent.
    Shape(String),
    /// A rate or share is out of range.
    OutOfRange(String),
    /// A match setting is invalid.
    Match(MatchError),
}

impl fmt::Display for EvolutionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvolutionError::Shape(m) | EvolutionError::OutOfRange(m) => write!(f, "{m}"),
            EvolutionError::Match(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for EvolutionError {}

/// Fitness of every individual of a population given as type indices.
pub trait Fitness {
    /// Writes individual k's fitness (≥ 0) into `out[k]`.
    fn fitness(&mut self, population: &[usize], rng: &mut DetRng, out: &mut [f64]);
}

/// Fitness fixed per type (for tests and textbook cases).
#[derive(Debug, Clone)]
pub struct ConstantFitness(pub Vec<f64>);

impl Fitness for ConstantFitness {
    fn fitness(&mut self, population: &[usize], _rng: &mut DetRng, out: &mut [f64]) {
        for (o, &t) in out.iter_mut().zip(population) {
            *o = self.0.get(t).copied().unwrap_or(0.0);
        }
    }
}

/// Fitness from play: every unordered pair of distinct individuals plays one match and an
/// individual's fitness is the sum of its scores per turn. Pairs of deterministic types in
/// noiseless fixed-length matches are played once per type pair.
#[derive(Debug, Clone)]
pub struct MatchFitness {
    types: Vec<Player>,
    spec: MatchSpec,
    /// `cached[a][b]`: (a's, b's) score per turn with a as player 1, when deterministic.
    cached: Vec<Vec<Option<[f64; 2]>>>,
}

impl MatchFitness {
    /// Fitness from matches among `types` under `spec` (its seed is replaced per match).
    pub fn new(types: Vec<Player>, spec: MatchSpec) -> Result<MatchFitness, EvolutionError> {
        spec.validate().map_err(EvolutionError::Match)?;
        let k = types.len();
        let mut cached = vec![vec![None; k]; k];
        for a in 0..k {
            for b in 0..k {
                let (mut p, mut q) = (types[a].clone(), types[b].clone());
                if spec.is_cacheable(&p, &q) {
                    let r = play(&mut p, &mut q, &spec).map_err(EvolutionError::Match)?;
                    cached[a][b] = Some(r.scores_per_turn);
                }
            }
        }
        Ok(MatchFitness {
            types,
            spec,
            cached,
        })
    }
}

impl Fitness for MatchFitness {
    fn fitness(&mut self, population: &[usize], rng: &mut DetRng, out: &mut [f64]) {
        out.iter_mut().for_each(|o| *o = 0.0);
        for i in 0..population.len() {
            for j in i + 1..population.len() {
                let (a, b) = (population[i], population[j]);
                let pay = match self.cached[a][b] {
                    Some(p) => p,
                    None => {
                        let spec = MatchSpec {
                            seed: rng.next_u64(),
                            ..self.spec
                        };
                        let (mut p, mut q) = (self.types[a].clone(), self.types[b].clone());
                        // The spec was validated in `new`.
                        play(&mut p, &mut q, &spec).map_or([0.0; 2], |r| r.scores_per_turn)
                    }
                };
                out[i] += pay[0];
                out[j] += pay[1];
            }
        }
    }
}

/// Birth–death (Axelrod-Python's default) or death–birth updating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum MoranMode {
    /// Birth proportional to fitness among all, then death uniformly among all.
    BirthDeath,
    /// Death uniformly among all, then birth proportional to fitness among the others.
    DeathBirth,
}

/// Moran settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MoranSpec {
    /// Updating order.
    pub mode: MoranMode,
    /// Mutation rate μ ∈ [0, 1].
    pub mutation: f64,
    /// Generation cap (with μ > 0 the run always lasts this long).
    pub max_generations: u32,
    /// Seed (run k of [`fixation_probability`] uses stream k).
    pub seed: u64,
}

/// Outcome of one Moran run.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MoranResult {
    /// `counts[g][t]`: individuals of type t after g generations (g = 0 is the start).
    pub counts: Vec<Vec<u32>>,
    /// The fixed type and the generation it fixed at (only without mutation).
    pub fixation: Option<(usize, u32)>,
    /// Mean share of each type over all recorded generations.
    pub frequencies: Vec<f64>,
}

/// First index whose cumulative fitness reaches `u · total`, skipping
/// `excluded`.
fn pick_by_fitness(fit: &[f64], u: f64, excluded: Option<usize>) -> usize {
    let total: f64 = fit
        .iter()
        .enumerate()
        .filter(|(k, _)| Some(*k) != excluded)
        .map(|(_, f)| f)
        .sum();
    let candidates = (0..fit.len()).filter(|&k| Some(k) != excluded);
    if total <= 0.0 {
        // No one has fitness: choose uniformly among the candidates.
        let c: Vec<usize> = candidates.collect();
        return c[((u * c.len() as f64) as usize).min(c.len() - 1)];
    }
    let target = u * total;
    let mut cum = 0.0;
    let mut last = 0;
    for k in candidates {
        cum += fit[k];
        last = k;
        if cum >= target {
            return k;
        }
    }
    last
}

fn uniform_index(rng: &mut DetRng, n: usize) -> usize {
    ((u01(rng) * n as f64) as usize).min(n - 1)
}

/// Runs the Moran process from `population` (type index per individual,
/// types `0..n_types`).
pub fn moran(
    fitness: &mut dyn Fitness,
    n_types: usize,
    population: &[usize],
    spec: &MoranSpec,
) -> Result<MoranResult, EvolutionError> {
    moran_with_rng(
        fitness,
        n_types,
        population,
        spec,
        &mut run_stream(spec.seed, 0),
    )
}

fn moran_with_rng(
    fitness: &mut dyn Fitness,
    n_types: usize,
    population: &[usize],
    spec: &MoranSpec,
    rng: &mut DetRng,
) -> Result<MoranResult, EvolutionError> {
    let n = population.len();
    if n < 2 || population.iter().any(|&t| t >= n_types) {
        return Err(EvolutionError::Shape(
            "a Moran population needs at least two individuals of known types".into(),
        ));
    }
    if !(0.0..=1.0).contains(&spec.mutation) {
        return Err(EvolutionError::OutOfRange(format!(
            "mutation rate must lie in [0, 1], got {}",
            spec.mutation
        )));
    }
    let initial_types: Vec<usize> = {
        let mut t: Vec<usize> = population.to_vec();
        t.sort_unstable();
        t.dedup();
        t
    };
    let mut pop = population.to_vec();
    let count = |pop: &[usize]| {
        let mut c = vec![0u32; n_types];
        for &t in pop {
            c[t] += 1;
        }
        c
    };
    let mut counts = vec![count(&pop)];
    let mut fit = vec![0.0; n];
    let mut fixation = None;
    for generation in 0..spec.max_generations {
        if spec.mutation == 0.0 && pop.iter().all(|&t| t == pop[0]) {
            fixation = Some((pop[0], generation));
            break;
        }
        fitness.fitness(&pop, rng, &mut fit);
        let (parent, dead) = match spec.mode {
            MoranMode::BirthDeath => {
                let parent = pick_by_fitness(&fit, u01(rng), None);
                (parent, uniform_index(rng, n))
            }
            MoranMode::DeathBirth => {
                let dead = uniform_index(rng, n);
                (pick_by_fitness(&fit, u01(rng), Some(dead)), dead)
            }
        };
        let mut child = pop[parent];
        if spec.mutation > 0.0 && bernoulli(rng, spec.mutation) {
            let others: Vec<usize> = initial_types
                .iter()
                .copied()
                .filter(|&t| t != child)
                .collect();
            if !others.is_empty() {
                child = others[uniform_index(rng, others.len())];
            }
        }
        pop[dead] = child;
        counts.push(count(&pop));
    }
    if fixation.is_none() && spec.mutation == 0.0 && pop.iter().all(|&t| t == pop[0]) {
        fixation = Some((pop[0], spec.max_generations));
    }
    let g = counts.len() as f64;
    let frequencies = (0..n_types)
        .map(|t| counts.iter().map(|c| f64::from(c[t])).sum::<f64>() / (g * n as f64))
        .collect();
    Ok(MoranResult {
        counts,
        fixation,
        frequencies,
    })
}

/// Share of `runs` Moran processes (no mutation) in which a single mutant of type 0 takes over a
/// population of `n − 1` residents of type 1, with its 95 % Wilson interval.
/// Run k uses stream k of `spec.seed`; runs are spread over threads and counted in order.
pub fn fixation_probability<F>(
    fitness: &F,
    n: usize,
    runs: u64,
    spec: &MoranSpec,
) -> Result<Proportion, EvolutionError>
where
    F: Fitness + Clone + Send + Sync,
{
    if n < 2 {
        return Err(EvolutionError::Shape(
            "population size must be at least 2".into(),
        ));
    }
    let spec = MoranSpec {
        mutation: 0.0,
        ..*spec
    };
    let mut start = vec![1usize; n];
    start[0] = 0;
    let outcomes: Vec<Result<bool, EvolutionError>> = (0..runs)
        .into_par_iter()
        .map(|k| {
            let mut f = fitness.clone();
            let mut rng = run_stream(spec.seed, k);
            let r = moran_with_rng(&mut f, 2, &start, &spec, &mut rng)?;
            Ok(matches!(r.fixation, Some((0, _))))
        })
        .collect();
    let mut hits = 0;
    for o in outcomes {
        hits += u64::from(o?);
    }
    Ok(wilson(hits, runs))
}

/// Fixation probability of one `mutant` among `n − 1` `resident`s, fitness from matches.
pub fn fixation_probability_of(
    mutant: Player,
    resident: Player,
    n: usize,
    runs: u64,
    match_spec: MatchSpec,
    spec: &MoranSpec,
) -> Result<Proportion, EvolutionError> {
    let fitness = MatchFitness::new(vec![mutant, resident], match_spec)?;
    fixation_probability(&fitness, n, runs, spec)
}

/// Replicator settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReplicatorSpec {
    /// RK4 step (0.01).
    pub step: f64,
    /// Stop time (1000).
    pub t_max: f64,
    /// Stop when max |ẋ_i| falls below this (1e−10).
    pub tolerance: f64,
    /// Record the state every this many steps (and at the end).
    pub record_every: usize,
}

impl Default for ReplicatorSpec {
    fn default() -> Self {
        ReplicatorSpec {
            step: 0.01,
            t_max: 1000.0,
            tolerance: 1e-10,
            record_every: 100,
        }
    }
}

/// A replicator trajectory.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReplicatorResult {
    /// `(t, x(t))` at the recorded times.
    pub trajectory: Vec<(f64, Vec<f64>)>,
    /// Shares at the end.
    pub final_shares: Vec<f64>,
    /// Whether max |ẋ| fell below the tolerance before `t_max`.
    pub converged: bool,
    /// Rest points of the dynamics on the simplex (see [`rest_points`]).
    pub rest_points: Vec<Vec<f64>>,
}

fn check_matrix(a: &[Vec<f64>], x0: &[f64]) -> Result<(), EvolutionError> {
    let n = a.len();
    if n == 0 || a.iter().any(|r| r.len() != n) || x0.len() != n {
        return Err(EvolutionError::Shape(
            "the payoff matrix must be square and match the number of shares".into(),
        ));
    }
    if !a.iter().flatten().all(|v| v.is_finite()) {
        return Err(EvolutionError::OutOfRange("payoffs must be finite".into()));
    }
    let sum: f64 = x0.iter().sum();
    if x0.iter().any(|&x| x.is_nan() || x < 0.0) || sum.is_nan() || sum <= 0.0 || !sum.is_finite() {
        return Err(EvolutionError::OutOfRange(
            "initial shares must be non-negative and not all zero".into(),
        ));
    }
    Ok(())
}

/// `ẋ_i = x_i((Ax)_i − xᵀAx)`; returns max |ẋ_i|.
fn replicator_field(a: &[Vec<f64>], x: &[f64], out: &mut [f64]) -> f64 {
    let ax: Vec<f64> = a
        .iter()
        .map(|row| row.iter().zip(x).map(|(p, q)| p * q).sum())
        .collect();
    let mean: f64 = ax.iter().zip(x).map(|(p, q)| p * q).sum();
    let mut biggest: f64 = 0.0;
    for i in 0..x.len() {
        out[i] = x[i] * (ax[i] - mean);
        biggest = biggest.max(out[i].abs());
    }
    biggest
}

fn renormalise(x: &mut [f64]) {
    for v in x.iter_mut() {
        *v = v.max(0.0);
    }
    let s: f64 = x.iter().sum();
    if s > 0.0 {
        x.iter_mut().for_each(|v| *v /= s);
    }
}

/// Continuous replicator dynamics on payoff matrix `a` from shares `x0` (normalised first),
/// integrated by RK4 with clipping at 0 and renormalisation after each step.
pub fn replicator(
    a: &[Vec<f64>],
    x0: &[f64],
    spec: &ReplicatorSpec,
) -> Result<ReplicatorResult, EvolutionError> {
    check_matrix(a, x0)?;
    // The step count must fit comfortably in memory and time: at most 10⁹ steps.
    let valid = spec.step > 0.0 && spec.t_max >= 0.0 && spec.t_max / spec.step <= 1e9;
    if !valid {
        return Err(EvolutionError::OutOfRange(format!(
            "need step > 0, t_max >= 0 and at most 1e9 steps (t_max {}, step {})",
            spec.t_max, spec.step
        )));
    }
    let n = a.len();
    let mut x = x0.to_vec();
    renormalise(&mut x);
    let mut rk = Rk4Stepper::new(n);
    let mut deriv = vec![0.0; n];
    let mut field = |_t: f64, y: &[f64], out: &mut [f64]| {
        replicator_field(a, y, out);
    };
    let mut trajectory = vec![(0.0, x.clone())];
    let steps = (spec.t_max / spec.step).round() as u64;
    let every = spec.record_every.max(1) as u64;
    let mut converged = replicator_field(a, &x, &mut deriv) < spec.tolerance;
    let mut t = 0.0;
    let mut k = 0;
    while !converged && k < steps {
        rk.step(&mut field, t, &mut x, spec.step);
        renormalise(&mut x);
        k += 1;
        t = k as f64 * spec.step;
        converged = replicator_field(a, &x, &mut deriv) < spec.tolerance;
        if k % every == 0 || converged || k == steps {
            trajectory.push((t, x.clone()));
        }
    }
    Ok(ReplicatorResult {
        trajectory,
        final_shares: x,
        converged,
        rest_points: rest_points(a),
    })
}

/// Discrete replicator map `x_i ← x_i (Ax)_i / xᵀAx` for `steps` steps (requires A > 0).
pub fn discrete_replicator(
    a: &[Vec<f64>],
    x0: &[f64],
    steps: u32,
) -> Result<Vec<Vec<f64>>, EvolutionError> {
    check_matrix(a, x0)?;
    if a.iter().flatten().any(|&v| v <= 0.0) {
        return Err(EvolutionError::OutOfRange(
            "the discrete replicator map needs all payoffs > 0".into(),
        ));
    }
    let mut x = x0.to_vec();
    renormalise(&mut x);
    let mut out = vec![x.clone()];
    for _ in 0..steps {
        let ax: Vec<f64> = a
            .iter()
            .map(|row| row.iter().zip(&x).map(|(p, q)| p * q).sum())
            .collect();
        let mean: f64 = ax.iter().zip(&x).map(|(p, q)| p * q).sum();
        for i in 0..x.len() {
            x[i] *= ax[i] / mean;
        }
        out.push(x.clone());
    }
    Ok(out)
}

/// Rest points of the replicator dynamics: for every support S, the point with equal payoffs
/// `(Ax)_i = v` for i ∈ S, `Σ x = 1`, all `x_i > 0` on S (vertices included). Supports are
/// enumerated, so matrices larger than 12×12 return only the vertices.
pub fn rest_points(a: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let n = a.len();
    let mut found = Vec::new();
    if n > 12 {
        for i in 0..n {
            let mut v = vec![0.0; n];
            v[i] = 1.0;
            found.push(v);
        }
        return found;
    }
    for mask in 1u32..(1 << n) {
        let support: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
        let k = support.len();
        // Unknowns: x_s for s in support, then v.
        let mut m = vec![vec![0.0; k + 1]; k + 1];
        let mut rhs = vec![0.0; k + 1];
        for (row, &i) in support.iter().enumerate() {
            for (col, &j) in support.iter().enumerate() {
                m[row][col] = a[i][j];
            }
            m[row][k] = -1.0;
        }
        m[k][..k].iter_mut().for_each(|v| *v = 1.0);
        rhs[k] = 1.0;
        if let Some(sol) = solve(m, rhs)
            && sol[..k].iter().all(|&x| x > 1e-12)
        {
            let mut x = vec![0.0; n];
            for (col, &i) in support.iter().enumerate() {
                x[i] = sol[col];
            }
            found.push(x);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pick_by_fitness_uses_cumulative_sums() {
        let fit = [1.0, 2.0, 1.0];
        assert_eq!(pick_by_fitness(&fit, 0.0, None), 0);
        assert_eq!(pick_by_fitness(&fit, 0.25, None), 0);
        assert_eq!(pick_by_fitness(&fit, 0.26, None), 1);
        assert_eq!(pick_by_fitness(&fit, 0.99, None), 2);
        assert_eq!(pick_by_fitness(&fit, 0.1, Some(0)), 1);
    }

    #[test]
    fn moran_with_mutation_runs_a_fixed_number_of_generations() {
        let mut f = ConstantFitness(vec![1.0, 1.0]);
        let spec = MoranSpec {
            mode: MoranMode::DeathBirth,
            mutation: 0.1,
            max_generations: 50,
            seed: 3,
        };
        let r = moran(&mut f, 2, &[0, 0, 1, 1], &spec).unwrap();
        assert_eq!(r.counts.len(), 51);
        assert!(r.fixation.is_none());
        assert!((r.frequencies.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(moran(&mut f, 2, &[0], &spec).is_err());
    }

    #[test]
    fn rest_points_of_a_coordination_game() {
        let a = vec![vec![2.0, 0.0], vec![0.0, 1.0]];
        let r = rest_points(&a);
        assert_eq!(r.len(), 3);
        assert!(r.iter().any(|x| (x[0] - 1.0 / 3.0).abs() < 1e-12));
    }

    #[test]
    fn discrete_map_needs_positive_payoffs() {
        assert!(discrete_replicator(&[vec![0.0]], &[1.0], 3).is_err());
        let x = discrete_replicator(&[vec![2.0, 1.0], vec![1.0, 1.0]], &[0.5, 0.5], 50).unwrap();
        assert!(x[50][0] > 0.99);
    }
}

// Defaults a front end starts from, kept with the dynamics they parameterise.

/// Repetitions of every match in the round robin that gives replicator dynamics its payoff
/// matrix when play is random (noise, or a stochastic strategy); deterministic play needs one.
pub const STOCHASTIC_REPETITIONS: u32 = 10;

/// Repetitions for the replicator's round robin: 1 for deterministic play, else
/// [`STOCHASTIC_REPETITIONS`].
pub fn replicator_repetitions(players: &[Player], noise: f64) -> u32 {
    use crate::escalate::strategy::Strategy as _;
    if noise > 0.0 || players.iter().any(|p| p.meta().stochastic) {
        STOCHASTIC_REPETITIONS
    } else {
        1
    }
}

/// A Moran population of `size` individuals split as evenly as possible among `types`, in type
/// order: individual i has type ⌊i·types/size⌋.
pub fn even_population(types: usize, size: usize) -> Result<Vec<usize>, EvolutionError> {
    if types == 0 || size < types.max(2) {
        return Err(EvolutionError::Shape(format!(
            "the population ({size}) must be at least the number of strategies ({types}) and 2"
        )));
    }
    Ok((0..size).map(|i| i * types / size).collect())
}

/// Equal initial shares 1/k for replicator dynamics.
pub fn equal_shares(types: usize) -> Vec<f64> {
    vec![1.0 / types as f64; types]
}

#[cfg(test)]
mod default_tests {
    use super::*;

    #[test]
    fn populations_split_evenly_and_small_ones_are_refused() {
        assert_eq!(
            even_population(3, 12).unwrap(),
            vec![0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]
        );
        assert_eq!(even_population(2, 5).unwrap(), vec![0, 0, 0, 1, 1]);
        assert!(even_population(3, 2).is_err());
        assert!(even_population(1, 1).is_err());
        assert_eq!(equal_shares(4), vec![0.25; 4]);
    }
}
