//! The SMP turn loop: risk attitudes, targets, bargains, resolution, ideals,
//! stopping; with the full per-turn trajectory.

use super::bargain::{Bargain, propose, weighted_average};
use super::challenge::{Perspective, TurnView};
use super::ideal::update_ideals;
use super::input::{SmpError, SmpInput};
use super::params::{BargnModel, SmpParams, StateTransitions};
use super::pce::{Election, PceWork, scalar_pce};
use super::report::{StateReport, report_state};
use super::resolve::{ResolveView, ResolveWork, prepare, resolve_queue};
use super::risk::risk_from_probabilities;
use super::target::{Target, best_target};
use super::utility::fill_distances;
use crate::rng::{DetRng, u01};
use serde::{Deserialize, Serialize};

/// Added to the first step's movement in the stop ratio `ρ_t`.
const MIN_SIG_DELTA: f64 = 1e-4;

/// One state `t` of the run (positions on `[0,1]^m`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpState {
    /// Turn index t (state 0 is the input).
    pub turn: usize,
    /// Positions `x_i`, row-major `N×m`.
    pub positions: Vec<f64>,
    /// Ideals `ξ_i`, row-major `N×m`.
    pub ideals: Vec<f64>,
    /// Risk attitudes `R_i` inferred in this state (D13).
    pub risk: Vec<f64>,
    /// Position classes and their probabilities.
    pub report: StateReport,
}

/// The step from state `turn` to state `turn + 1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpStep {
    /// Turn of the state the step starts from.
    pub turn: usize,
    /// Each actor's chosen target, if any.
    pub targets: Vec<Option<Target>>,
    /// Every proposed bargain, in initiator order.
    pub bargains: Vec<Bargain>,
    /// Per actor: its queue, the bargains naming it (indices into `bargains`, initiator
    /// order) after the status-quo entry.
    pub queues: Vec<Vec<usize>>,
    /// Per actor: the PCE probability of each queue entry, status quo first (D15).
    pub queue_probabilities: Vec<Vec<f64>>,
    /// Per actor: the adopted bargain (index into `bargains`), `None` for the status quo.
    pub adopted: Vec<Option<usize>>,
    /// `D(t) = Σ_i ‖x_i(t) − x_i(t−1)‖₂`.
    pub movement: f64,
    /// `ρ_t = D(t)/(D(1) + 1e-4)`.
    pub ratio: f64,
}

/// Why the run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StopReason {
    /// The step ratio fell below its threshold.
    Converged,
    /// The turn cap was reached first.
    MaxRounds,
    /// Nobody ever moved.
    Static,
}

/// Typed warnings of an SMP run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SmpWarning {
    /// All actors' positions were equally probable, so every `R = 0` in this turn.
    RiskRangeDegenerate {
        /// Turn of the state.
        turn: usize,
    },
    /// An actor with `c·S = 0` cannot influence anything.
    ZeroInfluence {
        /// Actor index.
        actor: usize,
    },
    /// Several bargains of an actor's queue had the maximal probability; the first won.
    TieBroken {
        /// Turn of the state the step starts from.
        turn: usize,
        /// Actor whose queue tied.
        actor: usize,
    },
}

/// A complete run: every state, every step, and why it stopped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpRun {
    /// Parameters used.
    pub params: SmpParams,
    /// States `t = 0..=T`.
    pub states: Vec<SmpState>,
    /// Steps `1..=T` (`steps[t]` leads from `states[t]` to `states[t+1]`).
    pub steps: Vec<SmpStep>,
    /// Why the run ended.
    pub stop_reason: StopReason,
    /// Warnings, in the order they arose.
    pub warnings: Vec<SmpWarning>,
}

impl SmpRun {
    /// The last state.
    pub fn final_state(&self) -> &SmpState {
        // A run always has its initial state.
        &self.states[self.states.len() - 1]
    }
}

/// Per-actor constants and per-turn buffers, allocated once per run.
struct Workspace {
    n: usize,
    m: usize,
    capability: Vec<f64>,
    influence: Vec<f64>,
    sal_sum: Vec<f64>,
    salience: Vec<f64>,
    inv_ss: Vec<f64>,
    d: Vec<f64>,
    dt: Vec<f64>,
    u0: Vec<f64>,
    p: Vec<f64>,
    r: Vec<f64>,
    perspective: Perspective,
    pce: PceWork,
    resolve: ResolveWork,
}

impl Workspace {
    fn new(input: &SmpInput) -> Self {
        let n = input.num_actors();
        let m = input.num_dims();
        let capability: Vec<f64> = input.actors.iter().map(|a| a.capability).collect();
        let sal_sum: Vec<f64> = input
            .actors
            .iter()
            .map(|a| a.salience.iter().sum())
            .collect();
        let influence = capability
            .iter()
            .zip(&sal_sum)
            .map(|(c, s)| c * s)
            .collect();
        let salience: Vec<f64> = input
            .actors
            .iter()
            .flat_map(|a| a.salience.iter().copied())
            .collect();
        let inv_ss = input
            .actors
            .iter()
            .map(|a| 1.0 / a.salience.iter().map(|s| s * s).sum::<f64>())
            .collect();
        Workspace {
            n,
            m,
            capability,
            influence,
            sal_sum,
            salience,
            inv_ss,
            d: vec![0.0; n * n],
            dt: vec![0.0; n * n],
            u0: vec![0.0; n * n],
            p: vec![0.0; n],
            r: vec![0.0; n],
            perspective: Perspective::default(),
            pce: PceWork::default(),
            resolve: ResolveWork::default(),
        }
    }

    fn view(&self, params: &SmpParams) -> TurnView<'_> {
        TurnView {
            n: self.n,
            d: &self.d,
            dt: &self.dt,
            r: &self.r,
            influence: &self.influence,
            sal_sum: &self.sal_sum,
            rule: params.voting_rule,
            commit: params.third_party_commit,
            adjust: params.big_r_adjust,
        }
    }

    /// Distances (D9), then risk attitudes from a scalar PCE over all positions with
    /// risk-neutral utilities `1 − d` and capability weights (D13). Returns `false` when
    /// the risk range was degenerate.
    fn analyse(
        &mut self,
        params: &SmpParams,
        positions: &[f64],
        ideals: &[f64],
    ) -> Result<bool, SmpError> {
        let (n, m) = (self.n, self.m);
        fill_distances(
            n,
            m,
            ideals,
            positions,
            &self.salience,
            &self.inv_ss,
            &mut self.d,
        );
        for i in 0..n {
            for j in 0..n {
                self.dt[j * n + i] = self.d[i * n + j];
            }
        }
        for (u, &d) in self.u0.iter_mut().zip(&self.d) {
            *u = 1.0 - d;
        }
        let election = Election {
            rule: params.voting_rule,
            vpm: params.victory_prob,
            pce: params.pce,
        };
        scalar_pce(
            election,
            &self.capability,
            &self.u0,
            n,
            &mut self.pce,
            &mut self.p,
        )?;
        Ok(risk_from_probabilities(
            &self.p,
            params.big_r_range,
            &mut self.r,
        ))
    }
}

/// Runs the SMP on `input` with `params` to its stopping rule. `rng` is used only by
/// `Stochastic` state transitions. Positions in the result are on `[0,1]^m`.
pub fn run(input: &SmpInput, params: &SmpParams, rng: &mut DetRng) -> Result<SmpRun, SmpError> {
    input.validate()?;
    if params.max_turns == 0
        || !(params.min_delta_ratio >= 0.0 && params.min_delta_ratio.is_finite())
    {
        return Err(SmpError::InvalidInput(format!(
            "max_turns must be at least 1 and min_delta_ratio finite and ≥ 0 (got {} and {})",
            params.max_turns, params.min_delta_ratio
        )));
    }
    let mut ws = Workspace::new(input);
    let (n, m) = (ws.n, ws.m);
    let mut warnings = Vec::new();
    for (i, &w) in ws.influence.iter().enumerate() {
        if w == 0.0 {
            warnings.push(SmpWarning::ZeroInfluence { actor: i });
        }
    }
    let accommodation = input.accommodation.as_deref();
    let mut positions: Vec<f64> = input
        .actors
        .iter()
        .flat_map(|a| a.position.iter().copied())
        .collect();
    let mut ideals = positions.clone();
    let mut states = Vec::new();
    let mut steps: Vec<SmpStep> = Vec::new();
    let mut first_movement = 0.0;
    let mut stop: Option<StopReason> = None;
    loop {
        let turn = states.len();
        if !ws.analyse(params, &positions, &ideals)? {
            warnings.push(SmpWarning::RiskRangeDegenerate { turn });
        }
        let report = report_state(
            n,
            m,
            &positions,
            &ws.d,
            &ws.r,
            &ws.capability,
            params.victory_prob,
            params.pce,
            &mut ws.pce,
        )?;
        states.push(SmpState {
            turn,
            positions: positions.clone(),
            ideals: ideals.clone(),
            risk: ws.r.clone(),
            report,
        });
        if let Some(reason) = stop {
            return Ok(SmpRun {
                params: *params,
                states,
                steps,
                stop_reason: reason,
                warnings,
            });
        }
        let (step, next) = step(
            &mut ws,
            params,
            input,
            turn,
            &positions,
            &ideals,
            rng,
            &mut warnings,
        )?;
        let movement = movement(m, &positions, &next);
        if turn == 0 {
            first_movement = movement;
        }
        let ratio = movement / (first_movement + MIN_SIG_DELTA);
        steps.push(SmpStep {
            movement,
            ratio,
            ..step
        });
        positions = next;
        update_ideals(n, m, accommodation, &positions, &mut ideals);
        let t = turn + 1;
        if t >= 2 && ratio < params.min_delta_ratio {
            let moved = steps.iter().any(|s| s.movement > 0.0);
            stop = Some(if moved {
                StopReason::Converged
            } else {
                StopReason::Static
            });
        } else if t >= params.max_turns {
            stop = Some(StopReason::MaxRounds);
        }
    }
}

/// Targets, bargains and their resolution: one step from the current state. Returns the step
/// record (movement filled in by the caller) and the next positions.
#[allow(clippy::too_many_arguments)]
fn step(
    ws: &mut Workspace,
    params: &SmpParams,
    input: &SmpInput,
    turn: usize,
    positions: &[f64],
    ideals: &[f64],
    rng: &mut DetRng,
    warnings: &mut Vec<SmpWarning>,
) -> Result<(SmpStep, Vec<f64>), SmpError> {
    let (n, m) = (ws.n, ws.m);
    let (targets, bargains) = propose_all(ws, params, input, positions);
    let rview = ResolveView {
        n,
        m,
        ideals,
        salience: &ws.salience,
        inv_ss: &ws.inv_ss,
        d: &ws.d,
        r: &ws.r,
        capability: &ws.capability,
    };
    prepare(&rview, &bargains, &mut ws.resolve);
    let election = Election {
        rule: params.voting_rule,
        vpm: params.victory_prob,
        pce: params.pce,
    };
    let mut next = positions.to_vec();
    let mut adopted = Vec::with_capacity(n);
    let mut queue_probabilities = Vec::with_capacity(n);
    for k in 0..n {
        let kk = resolve_queue(&rview, k, election, &mut ws.resolve)?;
        let probs = ws.resolve.last_probabilities(kk);
        queue_probabilities.push(probs.to_vec());
        let (choice, tied) = choose(probs, params.state_transitions, rng);
        if tied {
            warnings.push(SmpWarning::TieBroken { turn, actor: k });
        }
        if choice == 0 {
            adopted.push(None);
            continue;
        }
        let b = ws.resolve.queues[k][choice - 1];
        let bargain = &bargains[b];
        let new = if bargain.initiator == k {
            &bargain.initiator_position
        } else {
            &bargain.receiver_position
        };
        next[k * m..(k + 1) * m].copy_from_slice(new);
        adopted.push(Some(b));
    }
    let step = SmpStep {
        turn,
        targets,
        bargains,
        queues: ws.resolve.queues.clone(),
        queue_probabilities,
        adopted,
        movement: 0.0,
        ratio: 0.0,
    };
    Ok((step, next))
}

/// Every actor's target and the bargains the chosen `BargnModel` puts into the queues, in
/// initiator order.
fn propose_all(
    ws: &mut Workspace,
    params: &SmpParams,
    input: &SmpInput,
    positions: &[f64],
) -> (Vec<Option<Target>>, Vec<Bargain>) {
    let (n, m) = (ws.n, ws.m);
    let mut persp = std::mem::take(&mut ws.perspective);
    let view = ws.view(params);
    let side = |a: usize| {
        (
            a,
            &positions[a * m..(a + 1) * m],
            &input.actors[a].salience[..],
        )
    };
    let mut targets = Vec::with_capacity(n);
    let mut bargains = Vec::new();
    for i in 0..n {
        let target = best_target(&view, i, &mut persp);
        targets.push(target);
        let Some(t) = target else { continue };
        let j = t.target;
        let from_i = propose(params.inter_vec_brgn, side(i), side(j), t.probability);
        if params.bargn_model == BargnModel::InitOnlyInterp {
            bargains.push(from_i);
            continue;
        }
        view.perspective(j, i, &mut persp);
        let (p_j, gain_i) = view.challenge(&persp, i, j);
        // The reference passes j's estimate of i's gain where the probability belongs.
        let p_j = if params.ktab_compat { gain_i } else { p_j };
        let from_j = propose(params.inter_vec_brgn, side(i), side(j), p_j);
        if params.bargn_model == BargnModel::InitRcvrInterp {
            bargains.push(from_i);
            bargains.push(from_j);
        } else {
            let w_i = ws.influence[i];
            // The reference weighs j's side with i's capability.
            let w_j = if params.ktab_compat {
                ws.capability[i] * ws.sal_sum[j]
            } else {
                ws.influence[j]
            };
            bargains.push(weighted_average(&from_i, &from_j, w_i, w_j));
        }
    }
    ws.perspective = persp;
    (targets, bargains)
}

/// The queue entry an actor adopts: the first most probable (`Deterministic`; `true` when
/// another entry ties with it) or one drawn from the distribution (`Stochastic`).
fn choose(probs: &[f64], transitions: StateTransitions, rng: &mut DetRng) -> (usize, bool) {
    match transitions {
        StateTransitions::Deterministic => {
            let mut best = 0;
            for (c, &p) in probs.iter().enumerate() {
                if p > probs[best] {
                    best = c;
                }
            }
            let ties = probs.iter().filter(|&&p| p == probs[best]).count();
            (best, ties > 1)
        }
        StateTransitions::Stochastic => (sample(probs, rng), false),
    }
}

/// `D(t) = Σ_i ‖x_i(t) − x_i(t−1)‖₂`.
fn movement(m: usize, before: &[f64], after: &[f64]) -> f64 {
    before
        .chunks_exact(m)
        .zip(after.chunks_exact(m))
        .map(|(a, b)| {
            a.iter()
                .zip(b)
                .map(|(x, y)| (x - y) * (x - y))
                .sum::<f64>()
                .sqrt()
        })
        .sum()
}

/// Index drawn from the distribution `p` with one uniform draw.
fn sample(p: &[f64], rng: &mut DetRng) -> usize {
    let u = u01(rng);
    let mut acc = 0.0;
    for (c, &x) in p.iter().enumerate() {
        acc += x;
        if u < acc {
            return c;
        }
    }
    p.len() - 1
}
