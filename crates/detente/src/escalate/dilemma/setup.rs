//! Inputs of the dilemma and their compilation into flat per-dyad,
//! per-channel tables for the run loop.

use super::DilemmaError;
use super::payoff::{DyadGame, StageGame, bimatrix};
use super::policy::{Channel, PolicySpec};
use crate::escalate::game::Action;
use crate::maths;
use crate::scenario::Uncertain;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Whether an actor seeks only security or is greedy (Kydd).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActorKind {
    /// Wants security only; subject to the trust gate.
    #[default]
    SecuritySeeker,
    /// Would exploit restraint; not gated.
    Greedy,
}

/// One actor of the rivalry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DilemmaActor {
    /// Actor id.
    pub id: String,
    /// Name of its side (one of [`DilemmaSetup::sides`]).
    pub side: String,
    /// Capability share c_i > 0 (1 for equal weights); dyad weight ω_ij = c_i c_j.
    pub capability: f64,
    /// Policy toward every rival in every domain.
    pub policy: PolicySpec,
    /// Type for the trust option.
    #[serde(default)]
    pub kind: ActorKind,
    /// This actor's prior μ₀ that a rival is greedy (overrides `trust.prior`).
    #[serde(default)]
    pub trust_prior: Option<f64>,
}

impl DilemmaActor {
    /// An actor of capability 1 (equal weights) playing `policy`, of the default type and with
    /// the setup's trust prior.
    pub fn new(id: &str, side: &str, policy: &str) -> DilemmaActor {
        DilemmaActor {
            id: id.into(),
            side: side.into(),
            capability: 1.0,
            policy: PolicySpec::new(policy),
            kind: ActorKind::default(),
            trust_prior: None,
        }
    }
}

/// Which transform a domain takes and how it counts for decoupling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DomainKind {
    /// Jervis transform and distinguishability apply.
    Military,
    /// Interdependence transform and restraint apply; counts for decoupling.
    Economic,
    /// Counts for decoupling.
    Technology,
    /// No transform.
    Cultural,
    /// Any other domain: no transform.
    Other,
}

impl DomainKind {
    /// Kind from a domain's name (`military`, `economic`, `technology`, `cultural`, else other).
    pub fn from_name(name: &str) -> DomainKind {
        match name {
            "military" => DomainKind::Military,
            "economic" => DomainKind::Economic,
            "technology" => DomainKind::Technology,
            "cultural" => DomainKind::Cultural,
            _ => DomainKind::Other,
        }
    }
}

/// A domain with its stage game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainSpec {
    /// Domain name; its kind follows from it ([`DomainKind::from_name`]).
    pub name: String,
    /// Stage game (default the prisoner's dilemma 3, 0, 5, 1).
    #[serde(default)]
    pub game: StageGame,
}

impl DomainSpec {
    /// A domain playing the default prisoner's dilemma.
    pub fn new(name: &str) -> Self {
        DomainSpec {
            name: name.to_string(),
            game: StageGame::PRISONERS_DILEMMA,
        }
    }
}

/// Influence w_ik ∈ [0, 1] of ally `from` (k) on `to` (i).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InfluenceTie {
    /// The ally whose hostility pulls (k).
    pub from: String,
    /// The actor pulled (i).
    pub to: String,
    /// Weight in [0, 1].
    pub weight: f64,
}

/// Trade share τ_ij ∈ [0, 1]: `to`'s share of `from`'s total goods trade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TradeTie {
    /// The trading actor i.
    pub from: String,
    /// The partner j.
    pub to: String,
    /// Share in [0, 1].
    pub share: f64,
}

/// Extra standing pressure of `from` toward `to`, added to the global γ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GrievanceTie {
    /// Actor under pressure (i).
    pub from: String,
    /// Rival it is directed at (j).
    pub to: String,
    /// Value ≥ 0.
    pub value: f64,
}

/// The observed state of one domain (or one rival pair in one domain) when the simulation starts:
/// every directed channel it covers opens with a hostile move with probability `hostility`, drawn
/// per run when uncertain. The opening moves form period 0, a history that policies, spillover
/// and contagion read in period 1 but that no tally counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartState {
    /// Domain name (one of [`DilemmaSetup::domains`]).
    pub domain: String,
    /// With `to`: only the rival pair `from`–`to`, in both directions (overrides the domain's
    /// state). Without: every rival dyad of the domain.
    #[serde(default)]
    pub from: Option<String>,
    /// The other actor of the pair.
    #[serde(default)]
    pub to: Option<String>,
    /// Probability h ∈ [0, 1] that a covered channel opens hostile.
    pub hostility: Uncertain,
}

/// A calibrated prior for the behavioural parameters: every run draws one weighted row of the
/// named posterior (see [`super::Posterior`]) and plays with its values, except for the
/// parameters listed in `except` (given explicitly, they keep their own values).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriorSpec {
    /// Posterior name (`rivalries-1816-2010`).
    pub name: String,
    /// Scenario keys of calibrated parameters not drawn from the posterior.
    #[serde(default)]
    pub except: Vec<String>,
}

/// Spiral definition: at least `domains` locked domains in each of `periods` consecutive
/// periods, a domain being locked when the weighted share of rival pairs in mutual hostility is
/// at least `lock`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SpiralRule {
    /// k (default 3).
    pub domains: usize,
    /// m (default 3).
    pub periods: usize,
    /// λ (default 0.5).
    pub lock: f64,
}

impl Default for SpiralRule {
    fn default() -> Self {
        SpiralRule {
            domains: 3,
            periods: 3,
            lock: 0.5,
        }
    }
}

/// Kydd's Bayesian trust.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrustParams {
    /// Prior μ₀ that a rival is greedy (default 0.3).
    pub prior: f64,
    /// h_G: how often a greedy rival is hostile (default 0.8).
    pub greedy_defect: f64,
    /// h_S: how often a security seeker is hostile (default 0.2).
    pub seeker_defect: f64,
    /// δ: assurance margin, T_ss = R − δ (default 1.0).
    pub margin: f64,
}

impl Default for TrustParams {
    fn default() -> Self {
        TrustParams {
            prior: 0.3,
            greedy_defect: 0.8,
            seeker_defect: 0.2,
            margin: 1.0,
        }
    }
}

/// The simulation's parameters with their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DilemmaParams {
    /// H, periods (default 40).
    pub horizon: usize,
    /// ε: probability that restraint is perceived as hostility (default 0.05).
    pub noise: f64,
    /// ε_b: probability that hostility is perceived as restraint (default 0).
    pub optimism: f64,
    /// ε_x: probability that an intended move is carried out flipped (default 0).
    pub execution_noise: f64,
    /// σ: weight of perceived hostility in the other domains (default 0.1).
    pub spillover: f64,
    /// κ: weight of allies' hostility toward the same rival (default 0.1).
    pub contagion: f64,
    /// ι: converts trade share into the economic shift g_ij = ι τ_ij (default 1.0).
    pub interdependence: f64,
    /// γ: standing pressure to defect, every dyad (default 0).
    pub grievance: f64,
    /// ω ∈ [−1, 1]: offence (+) – defence (−) balance, military domain (default 0).
    pub offence_defence: f64,
    /// ψ ∈ [0, 1]: distinguishability of defensive postures, military domain (default 0).
    pub distinguishability: f64,
    /// Spiral definition.
    pub spiral: SpiralRule,
    /// Bayesian trust; `None` is `trust = "off"` (default).
    pub trust: Option<TrustParams>,
    /// β ∈ (0, 1]: per-period welfare discount (default 1).
    pub discount: f64,
    /// ρ₀: per-period probability that a rival pair in mutual hostility in a domain reconciles
    /// there (default 0: no reconciliation).
    pub reconciliation: f64,
    /// ρ₁: how much the reconciliation probability grows with the pair's mutual restraint in
    /// the other domains, r = min(1, ρ₀ + ρ₁·M) (default 0).
    pub reconciliation_restraint: f64,
    /// η: per-period probability that an actor's leadership changes and it forgets every
    /// grievance it holds (default 0).
    pub leadership_change: f64,
    /// Periods per year (1 = a period is a year); militarised disputes are counted per year.
    pub periods_per_year: usize,
}

impl Default for DilemmaParams {
    fn default() -> Self {
        DilemmaParams {
            horizon: 40,
            noise: 0.05,
            optimism: 0.0,
            execution_noise: 0.0,
            spillover: 0.1,
            contagion: 0.1,
            interdependence: 1.0,
            grievance: 0.0,
            offence_defence: 0.0,
            distinguishability: 0.0,
            spiral: SpiralRule::default(),
            trust: None,
            discount: 1.0,
            reconciliation: 0.0,
            reconciliation_restraint: 0.0,
            leadership_change: 0.0,
            periods_per_year: 1,
        }
    }
}

/// Everything the simulation needs, in plain typed form (filled from `[escalate]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DilemmaSetup {
    /// Side names, in order.
    pub sides: Vec<String>,
    /// Actors, in canonical order.
    pub actors: Vec<DilemmaActor>,
    /// Domains, in canonical order.
    pub domains: Vec<DomainSpec>,
    /// Directed influence of allies (missing pairs: 0).
    #[serde(default)]
    pub influence: Vec<InfluenceTie>,
    /// Directed trade shares (missing pairs: 0).
    #[serde(default)]
    pub trade: Vec<TradeTie>,
    /// Directed extra grievances (missing pairs: 0).
    #[serde(default)]
    pub grievances: Vec<GrievanceTie>,
    /// Observed starting states (none: every channel opens with its policy's first move).
    #[serde(default)]
    pub start: Vec<StartState>,
    /// Calibrated prior of the behavioural parameters (none: the parameters as given).
    #[serde(default)]
    pub prior: Option<PriorSpec>,
    /// Parameters.
    #[serde(default)]
    pub params: DilemmaParams,
}

impl DilemmaSetup {
    /// Replace every actor's policy on side `side` (for policy sweeps and comparisons).
    pub fn with_side_policy(mut self, side: &str, policy: &PolicySpec) -> Self {
        for a in self.actors.iter_mut().filter(|a| a.side == side) {
            a.policy = policy.clone();
        }
        self
    }
}

/// A directed rival dyad i → j with its compiled coefficients.
#[derive(Debug, Clone)]
pub(crate) struct Dyad {
    pub i: usize,
    pub j: usize,
    /// Index of the dyad j → i.
    pub reverse: usize,
    /// ω_ij = c_i c_j.
    pub weight: f64,
    /// τ_ij.
    pub trade: f64,
    /// γ + γ_ij.
    pub grievance: f64,
    /// (dyad k → j, w_ik) for every ally k of i with w_ik > 0.
    pub allies: Vec<(usize, f64)>,
}

/// A setup compiled for the run loop. Channel `c = dyad · |Δ| + d`.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub params: DilemmaParams,
    pub actor_ids: Vec<String>,
    pub actor_side: Vec<usize>,
    pub sides: Vec<String>,
    pub domain_names: Vec<String>,
    pub dyads: Vec<Dyad>,
    /// Per channel: standing pressure γ + γ_ij − ρ before spillover and contagion, with ρ = ι τ_ij
    /// the economic restraint (0 outside the economic domain).
    pub pressure: Vec<f64>,
    /// Allies of dyad y are entries `ally_start[y]..ally_start[y + 1]` of the two tables below:
    /// the first channel `k·|Δ|` of ally dyad k → j and the influence w_ik.
    pub ally_start: Vec<usize>,
    pub ally_base: Vec<usize>,
    pub ally_weight: Vec<f64>,
    /// Per channel: trust threshold q* (only meaningful with trust on).
    pub trust_threshold: Vec<f64>,
    /// Per channel: template strategy instances (cloned into each run's workspace).
    pub channels: Vec<Channel>,
    /// Per domain: probability that restraint is read as hostility (ε_d).
    pub misread: Vec<f64>,
    /// Per domain: log-likelihood ratios greedy/seeker for a perceived (C, D).
    pub evidence: Vec<[f64; 2]>,
    /// Per actor: initial trust log-odds and whether the trust gate applies.
    pub prior_log_odds: Vec<f64>,
    pub gated: Vec<bool>,
    /// Σ ω over directed dyads, over unordered pairs (dyads with i < j).
    pub directed_weight: f64,
    pub pair_weight: f64,
    /// Domains counting for decoupling (economic, technology) and Σ τ over directed dyads.
    pub decoupling_domains: Vec<usize>,
    /// Per domain: 1 when it counts for decoupling, else 0 (a weight, for branch-free tallies).
    pub decoupling_weight: Vec<f64>,
    /// Per channel: i's payoffs indexed `2·own + rival` (C = 0, D = 1).
    pub payoff_table: Vec<[f64; 4]>,
    pub trade_total: f64,
    /// Starting states in the order they are applied (domain-wide ones first, then pair
    /// overrides): the hostility and the channels it covers.
    pub start: Vec<(Uncertain, Vec<usize>)>,
    /// Index of the military domain (militarised disputes are read from it).
    pub military: Option<usize>,
    /// Per domain: its kind.
    pub kinds: Vec<DomainKind>,
    /// Per channel: the economic restraint ρ = ι τ_ij (0 outside the economic domain).
    pub restraint: Vec<f64>,
    /// Extra grievances γ_ij in the order of the set-up: (dyad, value).
    pub grievance_ties: Vec<(usize, f64)>,
}

/// Per domain: the probability ε_d that restraint is read as hostility, ε(1 − ψ) in the
/// military domain and ε elsewhere.
fn misread_of(kinds: &[DomainKind], p: &DilemmaParams) -> Vec<f64> {
    kinds
        .iter()
        .map(|k| match k {
            DomainKind::Military => p.noise * (1.0 - p.distinguishability),
            _ => p.noise,
        })
        .collect()
}

/// Per domain: the log-likelihood ratios greedy : seeker of a perceived C and a perceived D,
/// with h the type's hostility rate and P(seen D | h) = h(1 − ε_b) + (1 − h) ε_d.
fn evidence_of_domains(misread: &[f64], p: &DilemmaParams) -> Vec<[f64; 2]> {
    let trust = p.trust.unwrap_or_default();
    misread
        .iter()
        .map(|&eps_d| {
            let hostile = |h: f64| h * (1.0 - p.optimism) + (1.0 - h) * eps_d;
            let (dg, ds) = (hostile(trust.greedy_defect), hostile(trust.seeker_defect));
            // Certain evidence (a likelihood of 0) would be ±∞ and could meet its opposite
            // as NaN; a bounded step keeps the clamped log-odds meaningful, and 0/0 (both
            // types never hostile, no noise) carries no evidence.
            let bounded = |x: f64| {
                if x.is_nan() {
                    0.0
                } else {
                    x.clamp(-20.0, 20.0)
                }
            };
            [
                bounded(maths::ln((1.0 - dg) / (1.0 - ds))),
                bounded(maths::ln(dg / ds)),
            ]
        })
        .collect()
}

/// Per dyad: the grievance γ + Σ γ_ij, the global γ plus the extra grievances on that dyad in
/// the order of the set-up.
fn set_grievances(dyads: &mut [Dyad], base: f64, ties: &[(usize, f64)]) {
    for dy in dyads.iter_mut() {
        dy.grievance = base;
    }
    for &(y, v) in ties {
        dyads[y].grievance += v;
    }
}

/// Per channel: the standing pressure γ + γ_ij − ρ.
fn pressure_of(dyads: &[Dyad], restraint: &[f64], nd: usize) -> Vec<f64> {
    dyads
        .iter()
        .enumerate()
        .flat_map(|(y, dy)| (0..nd).map(move |d| (y, dy, d)))
        .map(|(y, dy, d)| dy.grievance - restraint[y * nd + d])
        .collect()
}

fn probability(name: &str, v: f64) -> Result<f64, DilemmaError> {
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(DilemmaError::Input(format!(
            "{name} must be in [0, 1], got {v}"
        )))
    }
}

fn non_negative(name: &str, v: f64) -> Result<f64, DilemmaError> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(DilemmaError::Input(format!(
            "{name} must be a non-negative number, got {v}"
        )))
    }
}

fn validate_params(p: &DilemmaParams, domains: usize) -> Result<(), DilemmaError> {
    if p.horizon == 0 {
        return Err(DilemmaError::Input(
            "horizon must be at least 1 period".into(),
        ));
    }
    probability("noise", p.noise)?;
    probability("optimism", p.optimism)?;
    probability("execution_noise", p.execution_noise)?;
    probability("distinguishability", p.distinguishability)?;
    probability("reconciliation", p.reconciliation)?;
    non_negative("reconciliation_restraint", p.reconciliation_restraint)?;
    probability("leadership_change", p.leadership_change)?;
    if p.periods_per_year == 0 {
        return Err(DilemmaError::Input(
            "periods_per_year must be at least 1".into(),
        ));
    }
    non_negative("spillover", p.spillover)?;
    non_negative("contagion", p.contagion)?;
    non_negative("interdependence", p.interdependence)?;
    non_negative("grievance", p.grievance)?;
    if !(-1.0..=1.0).contains(&p.offence_defence) {
        return Err(DilemmaError::Input(format!(
            "offence_defence must be in [-1, 1], got {}",
            p.offence_defence
        )));
    }
    if !(p.discount > 0.0 && p.discount <= 1.0) {
        return Err(DilemmaError::Input(format!(
            "discount must be in (0, 1], got {}",
            p.discount
        )));
    }
    let s = p.spiral;
    if s.domains == 0 || s.domains > domains {
        return Err(DilemmaError::Input(format!(
            "spiral.domains must be between 1 and the number of domains ({domains}), got {}",
            s.domains
        )));
    }
    if s.periods == 0 {
        return Err(DilemmaError::Input(
            "spiral.periods must be at least 1".into(),
        ));
    }
    if !(s.lock > 0.0 && s.lock <= 1.0) {
        return Err(DilemmaError::Input(format!(
            "spiral.lock must be in (0, 1], got {}",
            s.lock
        )));
    }
    if let Some(t) = p.trust {
        if !(t.prior > 0.0 && t.prior < 1.0) {
            return Err(DilemmaError::Input(format!(
                "trust.prior must be strictly between 0 and 1, got {}",
                t.prior
            )));
        }
        probability("trust.greedy_defect", t.greedy_defect)?;
        probability("trust.seeker_defect", t.seeker_defect)?;
        if !(t.margin.is_finite() && t.margin > 0.0) {
            return Err(DilemmaError::Input(format!(
                "trust.margin must be positive, got {}",
                t.margin
            )));
        }
    }
    Ok(())
}

/// Channels covered by each starting state, domain-wide states first so that pair states
/// override them.
fn compile_start(
    setup: &DilemmaSetup,
    dyads: &[Dyad],
    actor_index: &HashMap<&str, usize>,
    nd: usize,
) -> Result<Vec<(Uncertain, Vec<usize>)>, DilemmaError> {
    let mut wide = Vec::new();
    let mut pairs = Vec::new();
    for s in &setup.start {
        let d = setup
            .domains
            .iter()
            .position(|x| x.name == s.domain)
            .ok_or_else(|| {
                DilemmaError::Input(format!("start state names unknown domain {}", s.domain))
            })?;
        if !(0.0..=1.0).contains(&s.hostility.low()) || !(0.0..=1.0).contains(&s.hostility.high()) {
            return Err(DilemmaError::Input(format!(
                "start state of {}: hostility must be in [0, 1]",
                s.domain
            )));
        }
        match (&s.from, &s.to) {
            (None, None) => {
                wide.push((s.hostility, (0..dyads.len()).map(|y| y * nd + d).collect()))
            }
            (Some(a), Some(b)) => {
                let find = |id: &str| {
                    actor_index.get(id).copied().ok_or_else(|| {
                        DilemmaError::Input(format!("start state names unknown actor {id}"))
                    })
                };
                let (i, j) = (find(a)?, find(b)?);
                let covered: Vec<usize> = dyads
                    .iter()
                    .enumerate()
                    .filter(|(_, dy)| (dy.i, dy.j) == (i, j) || (dy.i, dy.j) == (j, i))
                    .map(|(y, _)| y * nd + d)
                    .collect();
                if covered.is_empty() {
                    return Err(DilemmaError::Input(format!(
                        "start state {a}–{b}: the two actors are not rivals"
                    )));
                }
                pairs.push((s.hostility, covered));
            }
            _ => {
                return Err(DilemmaError::Input(format!(
                    "start state of {}: give both `from` and `to`, or neither",
                    s.domain
                )));
            }
        }
    }
    wide.extend(pairs);
    Ok(wide)
}

fn dy_index(dy: &Dyad, dyad_of: &[Vec<usize>]) -> usize {
    dyad_of[dy.i][dy.j]
}

fn log_odds(mu: f64) -> f64 {
    maths::ln(mu / (1.0 - mu))
}

impl Prepared {
    /// Validate a setup and compile it.
    pub fn new(setup: &DilemmaSetup) -> Result<Prepared, DilemmaError> {
        Prepared::with_params(setup, setup.params)
    }

    /// Validate and compile `setup` with `p` in place of its own parameters.
    pub fn with_params(setup: &DilemmaSetup, p: DilemmaParams) -> Result<Prepared, DilemmaError> {
        if setup.domains.is_empty() {
            return Err(DilemmaError::Input(
                "at least one domain is required".into(),
            ));
        }
        validate_params(&p, setup.domains.len())?;
        let mut side_index = HashMap::new();
        for (s, name) in setup.sides.iter().enumerate() {
            if side_index.insert(name.as_str(), s).is_some() {
                return Err(DilemmaError::Input(format!("side {name} is listed twice")));
            }
        }
        let mut actor_index = HashMap::new();
        let mut actor_side = Vec::new();
        for (i, a) in setup.actors.iter().enumerate() {
            if actor_index.insert(a.id.as_str(), i).is_some() {
                return Err(DilemmaError::Input(format!(
                    "actor {} is listed twice",
                    a.id
                )));
            }
            let side = *side_index.get(a.side.as_str()).ok_or_else(|| {
                DilemmaError::Input(format!("actor {} is on unknown side {}", a.id, a.side))
            })?;
            actor_side.push(side);
            if !(a.capability.is_finite() && a.capability > 0.0) {
                return Err(DilemmaError::Input(format!(
                    "actor {}: capability must be positive, got {}",
                    a.id, a.capability
                )));
            }
            if let Some(mu) = a.trust_prior
                && !(mu > 0.0 && mu < 1.0)
            {
                return Err(DilemmaError::Input(format!(
                    "actor {}: trust prior must be strictly between 0 and 1, got {mu}",
                    a.id
                )));
            }
        }
        let n = setup.actors.len();
        let lookup = |id: &str, what: &str| {
            actor_index
                .get(id)
                .copied()
                .ok_or_else(|| DilemmaError::Input(format!("{what} names unknown actor {id}")))
        };
        let mut influence = vec![vec![0.0; n]; n];
        for t in &setup.influence {
            let (k, i) = (lookup(&t.from, "influence")?, lookup(&t.to, "influence")?);
            if k == i || actor_side[k] != actor_side[i] {
                return Err(DilemmaError::Input(format!(
                    "influence {} → {}: only allies on the same side influence each other",
                    t.from, t.to
                )));
            }
            influence[i][k] = probability(&format!("influence {} → {}", t.from, t.to), t.weight)?;
        }
        let mut trade = vec![vec![0.0; n]; n];
        for t in &setup.trade {
            let (i, j) = (lookup(&t.from, "trade")?, lookup(&t.to, "trade")?);
            trade[i][j] = probability(&format!("trade share {} → {}", t.from, t.to), t.share)?;
        }
        let mut extra_grievances = Vec::with_capacity(setup.grievances.len());
        for g in &setup.grievances {
            let (i, j) = (lookup(&g.from, "grievance")?, lookup(&g.to, "grievance")?);
            let value = non_negative(&format!("grievance {} → {}", g.from, g.to), g.value)?;
            extra_grievances.push((i, j, value));
        }

        let mut dyad_of = vec![vec![usize::MAX; n]; n];
        let mut pairs = Vec::new();
        for i in 0..n {
            for j in 0..n {
                if actor_side[i] != actor_side[j] {
                    dyad_of[i][j] = pairs.len();
                    pairs.push((i, j));
                }
            }
        }
        if pairs.is_empty() {
            return Err(DilemmaError::Input(
                "no rival dyads: actors must sit on at least two sides".into(),
            ));
        }
        let cap: Vec<f64> = setup.actors.iter().map(|a| a.capability).collect();
        let mut dyads: Vec<Dyad> = pairs
            .iter()
            .map(|&(i, j)| Dyad {
                i,
                j,
                reverse: dyad_of[j][i],
                weight: cap[i] * cap[j],
                trade: trade[i][j],
                grievance: 0.0,
                allies: (0..n)
                    .filter(|&k| k != i && actor_side[k] == actor_side[i] && influence[i][k] > 0.0)
                    .map(|k| (dyad_of[k][j], influence[i][k]))
                    .collect(),
            })
            .collect();

        let kinds: Vec<DomainKind> = setup
            .domains
            .iter()
            .map(|d| DomainKind::from_name(&d.name))
            .collect();
        let domain_games = setup
            .domains
            .iter()
            .map(|d| {
                d.game.to_game().map_err(|e| match e {
                    DilemmaError::Input(m) => {
                        DilemmaError::Input(format!("domain {}: {m}", d.name))
                    }
                    other => other,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let misread = misread_of(&kinds, &p);
        let evidence = evidence_of_domains(&misread, &p);
        let trust = p.trust.unwrap_or_default();
        let nd = setup.domains.len();
        let mut games = Vec::with_capacity(dyads.len() * nd);
        let mut restraint = Vec::with_capacity(dyads.len() * nd);
        let mut trust_threshold = Vec::with_capacity(dyads.len() * nd);
        let transform = |e: crate::escalate::game::GameError| DilemmaError::Input(e.to_string());
        for dy in &dyads {
            for (d, game) in domain_games.iter().enumerate() {
                let (game, rho) = match kinds[d] {
                    DomainKind::Military => (
                        game.offence_defence(p.offence_defence).map_err(transform)?,
                        0.0,
                    ),
                    DomainKind::Economic => {
                        let g = p.interdependence * dy.trade;
                        (game.interdependence(g).map_err(transform)?, g)
                    }
                    _ => (*game, 0.0),
                };
                let game = DyadGame {
                    payoffs: game.rstp(),
                };
                games.push(game);
                restraint.push(rho);
                trust_threshold.push(game.trust_threshold(trust.margin));
            }
        }
        let mut channels = Vec::with_capacity(dyads.len() * nd);
        for dy in &dyads {
            let actor = &setup.actors[dy.i];
            for d in 0..nd {
                let game = bimatrix(
                    &games[dy_index(dy, &dyad_of) * nd + d],
                    &games[dy.reverse * nd + d],
                )?;
                channels.push(Channel::new(&actor.policy, game, p.horizon).map_err(
                    |e| match e {
                        DilemmaError::Policy(m) => {
                            DilemmaError::Policy(format!("actor {}: {m}", actor.id))
                        }
                        other => other,
                    },
                )?);
            }
        }
        let prior_log_odds = setup
            .actors
            .iter()
            .map(|a| log_odds(a.trust_prior.unwrap_or(trust.prior)))
            .collect();
        let gated = setup
            .actors
            .iter()
            .map(|a| a.kind == ActorKind::SecuritySeeker)
            .collect();
        let payoff_table = games
            .iter()
            .map(|g| [g.payoffs.r, g.payoffs.s, g.payoffs.t, g.payoffs.p])
            .collect();
        let directed_weight = dyads.iter().map(|d| d.weight).sum();
        let pair_weight = dyads.iter().filter(|d| d.i < d.j).map(|d| d.weight).sum();
        let decoupling_domains: Vec<usize> = (0..nd)
            .filter(|&d| matches!(kinds[d], DomainKind::Economic | DomainKind::Technology))
            .collect();
        let trade_total = dyads.iter().map(|d| d.trade).sum();
        // Ties between allies have no dyad and no effect.
        let grievance_ties: Vec<(usize, f64)> = extra_grievances
            .iter()
            .filter(|&&(i, j, _)| dyad_of[i][j] != usize::MAX)
            .map(|&(i, j, v)| (dyad_of[i][j], v))
            .collect();
        set_grievances(&mut dyads, p.grievance, &grievance_ties);
        let pressure = pressure_of(&dyads, &restraint, nd);
        let mut ally_start = vec![0];
        let (mut ally_base, mut ally_weight) = (Vec::new(), Vec::new());
        for dy in &dyads {
            for &(k, w) in &dy.allies {
                ally_base.push(k * nd);
                ally_weight.push(w);
            }
            ally_start.push(ally_base.len());
        }
        let start = compile_start(setup, &dyads, &actor_index, nd)?;
        let military = kinds.iter().position(|k| *k == DomainKind::Military);
        Ok(Prepared {
            params: p,
            actor_ids: setup.actors.iter().map(|a| a.id.clone()).collect(),
            actor_side,
            sides: setup.sides.clone(),
            domain_names: setup.domains.iter().map(|d| d.name.clone()).collect(),
            dyads,
            pressure,
            ally_start,
            ally_base,
            ally_weight,
            trust_threshold,
            channels,
            misread,
            evidence,
            prior_log_odds,
            gated,
            directed_weight,
            pair_weight,
            decoupling_weight: (0..nd)
                .map(|d| f64::from(u8::from(decoupling_domains.contains(&d))))
                .collect(),
            payoff_table,
            decoupling_domains,
            trade_total,
            start,
            military,
            kinds,
            restraint,
            grievance_ties,
        })
    }

    /// Put `p` in place of the parameters this set-up was compiled with, recomputing only what
    /// depends on the behavioural parameters (ε, ε_b, ε_x, σ, κ, γ, ψ, β, ρ₀, ρ₁, η): the
    /// misperception rates, the trust evidence and the standing pressure, each by the same
    /// arithmetic as [`Prepared::with_params`], so the result equals a fresh compilation bit for
    /// bit. Returns `Ok(false)`, changing nothing, when `p` differs in a parameter that shapes
    /// the games, the channels or the bookkeeping (H, ι, ω, trust, the spiral rule, periods per
    /// year): those need a fresh compilation.
    pub fn reparameterise(&mut self, p: DilemmaParams) -> Result<bool, DilemmaError> {
        let q = &self.params;
        let bits = |a: f64, b: f64| a.to_bits() == b.to_bits();
        let trust_same = match (q.trust, p.trust) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                bits(a.prior, b.prior)
                    && bits(a.greedy_defect, b.greedy_defect)
                    && bits(a.seeker_defect, b.seeker_defect)
                    && bits(a.margin, b.margin)
            }
            _ => false,
        };
        if !(q.horizon == p.horizon
            && bits(q.interdependence, p.interdependence)
            && bits(q.offence_defence, p.offence_defence)
            && trust_same
            && q.spiral.domains == p.spiral.domains
            && q.spiral.periods == p.spiral.periods
            && bits(q.spiral.lock, p.spiral.lock)
            && q.periods_per_year == p.periods_per_year)
        {
            return Ok(false);
        }
        validate_params(&p, self.domains())?;
        self.misread = misread_of(&self.kinds, &p);
        self.evidence = evidence_of_domains(&self.misread, &p);
        set_grievances(&mut self.dyads, p.grievance, &self.grievance_ties);
        self.pressure = pressure_of(&self.dyads, &self.restraint, self.domains());
        self.params = p;
        Ok(true)
    }

    /// Number of domains.
    pub fn domains(&self) -> usize {
        self.domain_names.len()
    }

    /// Evidence (log-likelihood ratio greedy : seeker) of one perceived move in domain d.
    #[inline]
    pub fn evidence_of(&self, d: usize, seen: Action) -> f64 {
        self.evidence[d][usize::from(seen == Action::D)]
    }
}
