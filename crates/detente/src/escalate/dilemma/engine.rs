//! One run of the dilemma: the period loop and its bookkeeping.
//!
//! A [`Workspace`] holds every per-run buffer so that Monte Carlo runs on one thread reuse their
//! allocations; all randomness comes from the run's own stream, drawn in canonical order (actor i,
//! rival j, domain d).

use super::DilemmaError;
use super::arms::Layout;
use super::policy::{Channel, Reactive, Step};
use super::setup::{DilemmaSetup, Prepared};
use crate::escalate::game::Action;
use crate::maths;
use crate::rng::{Coin, DetRng, bernoulli, run_stream, u01};
use serde::Serialize;

/// Trust log-odds are clamped to this magnitude.
const LOG_ODDS_CLAMP: f64 = 20.0;

/// Restraint and hostility counts of one domain over a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainMoves {
    /// Domain name.
    pub domain: String,
    /// Moves carried out as C.
    pub restraint: u64,
    /// Moves carried out as D.
    pub hostile: u64,
}

/// i's final belief that j is greedy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadTrust {
    /// Believer i.
    pub from: String,
    /// Rival j.
    pub to: String,
    /// μ_ij = P(j is greedy).
    pub greed_belief: f64,
}

/// Everything one run reports. Periods are 1-based in `onset`; vectors are indexed by
/// period − 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DilemmaRun {
    /// Domain names.
    pub domains: Vec<String>,
    /// `tension[d][t]` = T_d(t + 1) ∈ [0, 1]: capability-weighted share of hostile moves.
    pub tension: Vec<Vec<f64>>,
    /// T(t) = mean of T_d over domains.
    pub overall_tension: Vec<f64>,
    /// Locked domains per period.
    pub locked_domains: Vec<u32>,
    /// A spiral occurred.
    pub spiral: bool,
    /// First period of the first spiral window.
    pub onset: Option<usize>,
    /// Share of periods with at least k locked domains.
    pub locked_share: f64,
    /// U_i per actor (discounted payoff sum).
    pub welfare: Vec<f64>,
    /// W_s per side.
    pub side_welfare: Vec<f64>,
    /// Σ_s W_s.
    pub joint_welfare: f64,
    /// Joint welfare per directed dyad, domain and period: R under full engagement, P under full
    /// confrontation (with β = 1 and untransformed games).
    pub payoff_per_move: f64,
    /// D(t); `None` without economic/technology domains or trade.
    pub decoupling: Option<Vec<f64>>,
    /// Mean D(t) over the last min(10, H) periods.
    pub final_decoupling: Option<f64>,
    /// Final beliefs, directed rival dyads in canonical order (trust on only).
    pub trust: Option<Vec<DyadTrust>>,
    /// Move counts per domain.
    pub moves: Vec<DomainMoves>,
    /// Per year: the highest militarised-dispute level of any rival pair (0 none, 2 threat,
    /// 3 display, 4 use of force, 5 war); `None` without a military domain.
    pub dispute_levels: Option<Vec<u8>>,
}

/// Per-run buffers.
pub(crate) struct Workspace {
    channels: Vec<Channel>,
    /// The same channels as their fast-path states when every channel has one (else empty):
    /// runs then step a dense table without dispatching on the kind of channel.
    reactive: Vec<Reactive>,
    /// Per domain: the coin of a misread restraint (ε_d), for the run being played.
    misread: Vec<Coin>,
    /// Per domain: the dyad being decided's product Π_k (1 − w_ik·h_kj) over its allies k.
    calm: Vec<f64>,
    /// Per count k of the other domains in mutual restraint: the coin of reconciliation
    /// min(1, ρ₀ + ρ₁·k/(|Δ| − 1)), for the run being played.
    reconcile: Vec<Coin>,
    moves: Vec<Action>,
    /// Per channel, 1.0 when this period's move (perception) is hostile, else 0.0; the `last_`
    /// pair holds the previous period's.
    moves_h: Vec<f64>,
    last_moves_h: Vec<f64>,
    seen_h: Vec<f64>,
    last_seen_h: Vec<f64>,
    log_odds: Vec<f64>,
    welfare: Vec<f64>,
    tension: Vec<f64>,
    locked: Vec<u32>,
    decoupling: Vec<f64>,
    /// Per domain: hostile moves carried out (restraint follows from the total).
    hostile_moves: Vec<u64>,
    hostile: Vec<f64>,
    mutual: Vec<f64>,
    onset: Option<usize>,
    locked_periods: usize,
    /// Per channel: probability that it opens hostile (starting states only).
    start: Vec<f64>,
    /// Whether this run opened from starting states (period 0 is then a history).
    primed: bool,
    /// Per dyad (i < j used): consecutive periods of mutual military hostility.
    military_streak: Vec<u32>,
    /// Per year: the highest dispute level of any rival pair (0 or 2–5).
    year_level: Vec<u8>,
}

/// Dispute level of a rival pair in the military domain in one period, on the hostility scale
/// of militarised interstate disputes. One-sided hostility (one side arms or restricts while
/// the other is restrained) is posture, not a dispute: level 0. With `streak` the number of
/// consecutive periods of mutual military hostility up to and including this one:
/// 2 threat (streak 1), 3 display of force (streak 2), 4 use of force (streak ≥ 3), 5 war
/// (streak ≥ 3 and the pair is in mutual hostility in every domain, `total`).
pub(crate) fn dispute_level(streak: u32, total: bool) -> u8 {
    match streak {
        0 => 0,
        1 => 2,
        2 => 3,
        _ if total => 5,
        _ => 4,
    }
}

/// The number of domains of `prep`: N when N > 0 (the run loop specialised for N domains; the
/// caller checked that `prep` has N), else read from `prep`.
#[inline(always)]
fn domains<const N: usize>(prep: &Prepared) -> usize {
    debug_assert!(N == 0 || N == prep.domains());
    if N == 0 { prep.domains() } else { N }
}

fn sigmoid(l: f64) -> f64 {
    1.0 / (1.0 + maths::exp(-l))
}

impl Workspace {
    pub fn new(prep: &Prepared) -> Workspace {
        let channels = prep.channels.len();
        let h = prep.params.horizon;
        Workspace {
            channels: prep.channels.clone(),
            reactive: prep
                .channels
                .iter()
                .map(Channel::reactive)
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default(),
            misread: vec![Coin::new(0.0); prep.domains()],
            calm: vec![1.0; prep.domains()],
            reconcile: vec![Coin::new(0.0); prep.domains() + 1],
            moves: vec![Action::C; channels],
            moves_h: vec![0.0; channels],
            last_moves_h: vec![0.0; channels],
            seen_h: vec![0.0; channels],
            last_seen_h: vec![0.0; channels],
            log_odds: vec![0.0; prep.dyads.len()],
            welfare: vec![0.0; prep.actor_ids.len()],
            tension: vec![0.0; prep.domains() * h],
            locked: vec![0; h],
            decoupling: vec![0.0; h],
            hostile_moves: vec![0; prep.domains()],
            hostile: vec![0.0; prep.domains()],
            mutual: vec![0.0; prep.domains()],
            onset: None,
            locked_periods: 0,
            start: vec![0.0; channels],
            primed: false,
            military_streak: vec![0; prep.dyads.len()],
            year_level: vec![0; h.div_ceil(prep.params.periods_per_year)],
        }
    }

    fn reset(&mut self, prep: &Prepared) {
        for (l, dy) in self.log_odds.iter_mut().zip(&prep.dyads) {
            *l = prep.prior_log_odds[dy.i];
        }
        self.welfare.iter_mut().for_each(|u| *u = 0.0);
        self.hostile_moves.iter_mut().for_each(|c| *c = 0);
        self.onset = None;
        self.locked_periods = 0;
        self.primed = false;
        self.military_streak.iter_mut().for_each(|s| *s = 0);
        self.year_level.iter_mut().for_each(|l| *l = 0);
    }

    /// Period 0 from the starting states: draw each state's hostility h (in list order, when
    /// uncertain), then each channel's opening move (hostile with probability h, canonical
    /// order), and record the opening moves, perceived as they are, as every channel's history.
    fn prime<T: Step>(&mut self, channels: &mut [T], prep: &Prepared, rng: &mut DetRng) {
        self.start.iter_mut().for_each(|x| *x = 0.0);
        for (h, covered) in &prep.start {
            let h = if h.is_uncertain() {
                h.draw(rng)
            } else {
                h.point()
            };
            for &c in covered {
                self.start[c] = h;
            }
        }
        for (m, &h) in self.moves.iter_mut().zip(&self.start) {
            *m = if bernoulli(rng, h) {
                Action::D
            } else {
                Action::C
            };
        }
        let nd = prep.domains();
        for (y, dy) in prep.dyads.iter().enumerate() {
            for d in 0..nd {
                let (c, r) = (y * nd + d, dy.reverse * nd + d);
                let (mine, theirs) = (self.moves[c], self.moves[r]);
                channels[c].record(mine, theirs);
                self.last_moves_h[c] = f64::from(u8::from(mine == Action::D));
                self.last_seen_h[c] = f64::from(u8::from(theirs == Action::D));
            }
        }
        if let Some(m) = prep.military {
            for (y, dy) in prep.dyads.iter().enumerate() {
                let both = self.moves[y * nd + m] == Action::D
                    && self.moves[dy.reverse * nd + m] == Action::D;
                self.military_streak[y] = u32::from(both);
            }
        }
        self.primed = true;
    }

    /// Dispute level of period t (0-based): the highest level of any rival pair, folded into
    /// its year.
    fn tally_disputes<const N: usize>(&mut self, prep: &Prepared, t: usize) {
        let Some(m) = prep.military else { return };
        let nd = domains::<N>(prep);
        let mut level = 0u8;
        for (y, dy) in prep.dyads.iter().enumerate() {
            if dy.i > dy.j {
                continue;
            }
            let (base, rev) = (y * nd, dy.reverse * nd);
            let hostile = |c: usize| self.moves[c] == Action::D;
            let (mine, theirs) = (hostile(base + m), hostile(rev + m));
            if mine && theirs {
                self.military_streak[y] += 1;
            } else {
                self.military_streak[y] = 0;
            }
            // Whether the pair is hostile in every domain only matters from a streak of three.
            let total = self.military_streak[y] >= 3
                && (0..nd).all(|d| hostile(base + d) && hostile(rev + d));
            level = level.max(dispute_level(self.military_streak[y], total));
        }
        let year = &mut self.year_level[t / prep.params.periods_per_year];
        *year = (*year).max(level);
    }

    /// Exits from hostility after the period's moves (drawn in this order):
    ///
    /// - reconciliation: every rival pair i < j in mutual hostility in domain d reconciles there
    ///   with probability r = min(1, ρ₀ + ρ₁·M), M the share of the other domains in which the
    ///   pair was in mutual restraint this period (0 with one domain); both channels of the pair
    ///   in d forget their history and reopen with their policies' first moves;
    /// - leadership change: each actor, with probability η, forgets every grievance: all its
    ///   channels forget their history and its trust beliefs return to its prior.
    fn exits<T: Step, const N: usize>(
        &mut self,
        channels: &mut [T],
        prep: &Prepared,
        leadership: Coin,
        rng: &mut DetRng,
    ) {
        let p = &prep.params;
        let nd = domains::<N>(prep);
        if p.reconciliation > 0.0 || p.reconciliation_restraint > 0.0 {
            for (y, dy) in prep.dyads.iter().enumerate() {
                if dy.i > dy.j {
                    continue;
                }
                let (base, rev) = (y * nd, dy.reverse * nd);
                let mutual = |d: usize| {
                    self.moves[base + d] == Action::D && self.moves[rev + d] == Action::D
                };
                if !(0..nd).any(mutual) {
                    continue;
                }
                let restrained = (0..nd)
                    .filter(|&d| {
                        self.moves[base + d] == Action::C && self.moves[rev + d] == Action::C
                    })
                    .count();
                let coin = self.reconcile[restrained];
                for d in 0..nd {
                    if self.moves[base + d] == Action::D
                        && self.moves[rev + d] == Action::D
                        && coin.toss(rng)
                    {
                        channels[base + d].reset();
                        channels[rev + d].reset();
                    }
                }
            }
        }
        if p.leadership_change > 0.0 {
            for i in 0..prep.actor_ids.len() {
                if leadership.toss(rng) {
                    for (y, _) in prep.dyads.iter().enumerate().filter(|(_, dy)| dy.i == i) {
                        channels[y * nd..(y + 1) * nd].iter_mut().for_each(T::reset);
                        self.log_odds[y] = prep.prior_log_odds[i];
                    }
                }
            }
        }
    }

    /// Play one run of `prep` with `rng`.
    pub fn play(&mut self, prep: &Prepared, rng: &mut DetRng) {
        if self.reactive.len() == self.channels.len() {
            let mut channels = std::mem::take(&mut self.reactive);
            // Four domains (the flagship's) with the count known to the compiler.
            if prep.domains() == 4 {
                self.play_on::<_, 4>(&mut channels, prep, rng);
            } else {
                self.play_on::<_, 0>(&mut channels, prep, rng);
            }
            self.reactive = channels;
        } else {
            let mut channels = std::mem::take(&mut self.channels);
            self.play_on::<_, 0>(&mut channels, prep, rng);
            self.channels = channels;
        }
    }

    /// [`Workspace::play`] on `channels` (this workspace's channels, in one of their forms), for
    /// N domains (0: any number, read from `prep`).
    ///
    /// The probabilities fixed for the run (execution noise, misperception, leadership change
    /// and reconciliation) are tossed as [`Coin`]s: the same outcomes from the same draws as
    /// [`bernoulli`].
    fn play_on<T: Step, const N: usize>(
        &mut self,
        channels: &mut [T],
        prep: &Prepared,
        rng: &mut DetRng,
    ) {
        self.reset(prep);
        channels.iter_mut().for_each(T::reset);
        if !prep.start.is_empty() {
            self.prime(channels, prep, rng);
        }
        let primed = self.primed;
        let p = &prep.params;
        let nd = domains::<N>(prep);
        let h = p.horizon;
        let trust = p.trust;
        let mut discount = 1.0;
        let mut streak = 0usize;
        let spill_unit = if nd > 1 {
            p.spillover / (nd - 1) as f64
        } else {
            0.0
        };
        let (noise, optimism) = (Coin::new(p.execution_noise), Coin::new(p.optimism));
        let leadership = Coin::new(p.leadership_change);
        for (c, &e) in self.misread.iter_mut().zip(&prep.misread) {
            *c = Coin::new(e);
        }
        let others = if nd > 1 { (nd - 1) as f64 } else { 1.0 };
        for (k, c) in self.reconcile.iter_mut().enumerate() {
            *c = Coin::new(p.reconciliation + p.reconciliation_restraint * k as f64 / others);
        }
        // The other action when `b` (branch-free: moves are close to coin flips).
        let flip_if = |a: Action, b: bool| Action::from_index(a.index() ^ usize::from(b));
        for t in 0..h {
            // 1–5: intend, trust gate, pressure, convert, execute. Last period's hostility is
            // read as 0/1 weights (`last_seen_h`, `last_moves_h`), so the spillover and contagion
            // terms are plain float arithmetic over contiguous slices.
            let history = t > 0 || primed;
            // Per dyad: its channels, moves, pressures, thresholds and last perceptions, |Δ| each
            // (zipped chunks: no bounds checks per dyad).
            let rows = channels
                .chunks_exact_mut(nd)
                .zip(self.moves.chunks_exact_mut(nd))
                .zip(prep.pressure.chunks_exact(nd))
                .zip(prep.trust_threshold.chunks_exact(nd))
                .zip(self.last_seen_h.chunks_exact(nd))
                .zip(prep.dyads.iter().zip(prep.ally_start.windows(2)))
                .zip(&self.log_odds);
            for ((((((channels, moves), pressure), threshold), last_seen), (dy, allies)), &lo) in
                rows
            {
                let gate = match trust {
                    Some(tp) if prep.gated[dy.i] => {
                        let mu = sigmoid(lo);
                        Some(mu * (1.0 - tp.greedy_defect) + (1.0 - mu) * (1.0 - tp.seeker_defect))
                    }
                    _ => None,
                };
                let allies = allies[0]..allies[1];
                let (ally_base, ally_weight) =
                    (&prep.ally_base[allies.clone()], &prep.ally_weight[allies]);
                // Per domain, Π over the allies (in their order) of 1 − w·h, h the ally's hostility
                // toward the same rival last period: ally by ally over the domains, each domain's
                // product taking the same factors in the same order as one domain at a time.
                let allied = history && !ally_weight.is_empty();
                if allied {
                    let calm = &mut self.calm[..nd];
                    calm.iter_mut().for_each(|c| *c = 1.0);
                    for (&b, &w) in ally_base.iter().zip(ally_weight) {
                        for (c, &x) in calm.iter_mut().zip(&self.last_moves_h[b..b + nd]) {
                            *c *= 1.0 - w * x;
                        }
                    }
                }
                let calm = &self.calm[..nd];
                // Σ_d perceived hostility toward this rival last period (exact: a sum of 0s and 1s).
                let spill_seen: f64 = if history && nd > 1 {
                    last_seen.iter().sum()
                } else {
                    0.0
                };
                for d in 0..nd {
                    let mut a = channels[d].decide(rng);
                    if let Some(q) = gate
                        && q < threshold[d]
                    {
                        a = Action::D;
                    }
                    let mut z = pressure[d];
                    if history {
                        if nd > 1 {
                            z += spill_unit * (spill_seen - last_seen[d]);
                        }
                        if allied {
                            z += p.contagion * (1.0 - calm[d]);
                        }
                    }
                    // Conversion: C → D with probability z when z > 0, D → C with probability
                    // −z when z < 0 (the draws of `bernoulli`: none at or beyond the bounds).
                    let q = if a == Action::C { z } else { -z };
                    let convert = q > 0.0 && (q >= 1.0 || u01(rng) < q);
                    moves[d] = flip_if(a, convert ^ noise.toss(rng));
                }
            }
            // 6–7: perceive and score (all moves of the period are decided first); the
            // tallies ride along so that the moves are read once.
            self.hostile.iter_mut().for_each(|x| *x = 0.0);
            self.mutual.iter_mut().for_each(|x| *x = 0.0);
            let mut decoupled = 0.0;
            let misread = &self.misread[..nd];
            let decoupling_weight = &prep.decoupling_weight[..nd];
            let hostile_moves = &mut self.hostile_moves[..nd];
            let hostile_weight = &mut self.hostile[..nd];
            let mutual = &mut self.mutual[..nd];
            let moves = &self.moves;
            let rows = channels
                .chunks_exact_mut(nd)
                .zip(moves.chunks_exact(nd))
                .zip(prep.payoff_table.chunks_exact(nd))
                .zip(self.moves_h.chunks_exact_mut(nd))
                .zip(self.seen_h.chunks_exact_mut(nd))
                .zip(prep.dyads.iter().zip(self.log_odds.iter_mut()));
            for (((((channels, mine_all), table), moves_h), seen_h), (dy, log_odds)) in rows {
                let rev = dy.reverse * nd;
                let pair_weight = if dy.i < dy.j { dy.weight } else { 0.0 };
                let (mut evidence, mut payoff) = (0.0, 0.0);
                // Every per-dyad slice has length |Δ|, so the loop below needs no bounds checks.
                let theirs_all = &moves[rev..rev + nd];
                for d in 0..nd {
                    let theirs = theirs_all[d];
                    // Restraint is misread as hostility (ε_d), hostility as restraint (ε_b).
                    let coin = if theirs == Action::C {
                        misread[d]
                    } else {
                        optimism
                    };
                    let seen = flip_if(theirs, coin.toss(rng));
                    let mine = mine_all[d];
                    channels[d].record(mine, seen);
                    payoff += table[d][2 * mine.index() + theirs.index()];
                    // Branch-free tallies (moves are close to coin flips, so branches would be
                    // mispredicted); adding an exact 0.0 leaves every sum unchanged.
                    let hostile = (mine == Action::D) as u8;
                    let both = hostile & (theirs == Action::D) as u8;
                    moves_h[d] = f64::from(hostile);
                    seen_h[d] = f64::from(u8::from(seen == Action::D));
                    hostile_moves[d] += u64::from(hostile);
                    hostile_weight[d] += dy.weight * f64::from(hostile);
                    mutual[d] += pair_weight * f64::from(both);
                    decoupled += decoupling_weight[d] * dy.trade * f64::from(hostile);
                    if trust.is_some() {
                        evidence += prep.evidence_of(d, seen);
                    }
                }
                self.welfare[dy.i] += discount * payoff;
                // 8: trust update.
                if trust.is_some() {
                    *log_odds = (*log_odds + evidence).clamp(-LOG_ODDS_CLAMP, LOG_ODDS_CLAMP);
                }
            }
            self.decoupling[t] = decoupled;
            self.bookkeep::<N>(prep, t, &mut streak);
            self.tally_disputes::<N>(prep, t);
            self.exits::<T, N>(channels, prep, leadership, rng);
            std::mem::swap(&mut self.moves_h, &mut self.last_moves_h);
            std::mem::swap(&mut self.seen_h, &mut self.last_seen_h);
            discount *= p.discount;
        }
    }

    /// Tension, locks, spiral and decoupling of period t (0-based) from `self.moves`.
    fn bookkeep<const N: usize>(&mut self, prep: &Prepared, t: usize, streak: &mut usize) {
        let nd = domains::<N>(prep);
        let h = prep.params.horizon;
        let rule = prep.params.spiral;
        let mut locked = 0u32;
        for d in 0..nd {
            self.tension[d * h + t] = self.hostile[d] / prep.directed_weight;
            if prep.pair_weight > 0.0 && self.mutual[d] / prep.pair_weight >= rule.lock {
                locked += 1;
            }
        }
        self.locked[t] = locked;
        if locked as usize >= rule.domains {
            self.locked_periods += 1;
            *streak += 1;
            if *streak >= rule.periods && self.onset.is_none() {
                self.onset = Some(t + 2 - rule.periods);
            }
        } else {
            *streak = 0;
        }
        if Self::has_decoupling(prep) {
            self.decoupling[t] /= prep.decoupling_domains.len() as f64 * prep.trade_total;
        }
    }

    fn has_decoupling(prep: &Prepared) -> bool {
        !prep.decoupling_domains.is_empty() && prep.trade_total > 0.0
    }

    fn final_decoupling(&self, prep: &Prepared) -> Option<f64> {
        Self::has_decoupling(prep).then(|| {
            let h = prep.params.horizon;
            let tail = &self.decoupling[h - h.min(10)..h];
            tail.iter().sum::<f64>() / tail.len() as f64
        })
    }

    fn side_welfare(&self, prep: &Prepared) -> Vec<f64> {
        let mut w = vec![0.0; prep.sides.len()];
        for (i, u) in self.welfare.iter().enumerate() {
            w[prep.actor_side[i]] += u;
        }
        w
    }

    fn payoff_per_move(&self, prep: &Prepared, joint: f64) -> f64 {
        joint / (prep.channels.len() * prep.params.horizon) as f64
    }

    fn mean_greed_belief(&self, prep: &Prepared) -> Option<f64> {
        prep.params.trust.map(|_| {
            self.log_odds.iter().map(|&l| sigmoid(l)).sum::<f64>() / self.log_odds.len() as f64
        })
    }

    /// Write the run just played into `out` in the order of [`Layout`]: spiral (1/0), welfare
    /// per side and joint, onset (NaN: none), locked share, payoff per move, final decoupling and
    /// greed belief (NaN: not defined), then `T_d(t)` per domain and period and the overall
    /// `T(t)`, tension rounded to single precision as the summaries have always used it.
    pub fn write_metrics(&self, prep: &Prepared, layout: &Layout, out: &mut [f64]) {
        let h = prep.params.horizon;
        let nd = prep.domains();
        out[layout.spiral] = if self.onset.is_some() { 1.0 } else { 0.0 };
        let sides = &mut out[layout.side_welfare..layout.side_welfare + prep.sides.len()];
        sides.iter_mut().for_each(|w| *w = 0.0);
        for (i, u) in self.welfare.iter().enumerate() {
            sides[prep.actor_side[i]] += u;
        }
        let joint: f64 = sides.iter().sum();
        out[layout.joint_welfare] = joint;
        out[layout.onset] = self.onset.map_or(f64::NAN, |o| o as f64);
        out[layout.locked_share] = self.locked_periods as f64 / h as f64;
        out[layout.payoff_per_move] = self.payoff_per_move(prep, joint);
        out[layout.final_decoupling] = self.final_decoupling(prep).unwrap_or(f64::NAN);
        out[layout.greed_belief] = self.mean_greed_belief(prep).unwrap_or(f64::NAN);
        let years = &self.year_level;
        let count = |min: u8| years.iter().filter(|&&l| l >= min).count() as f64;
        out[layout.mid] = f64::from(u8::from(count(2) > 0.0));
        out[layout.mid_force] = f64::from(u8::from(count(4) > 0.0));
        out[layout.dispute_years] = count(2);
        for (k, level) in (2u8..=5).enumerate() {
            out[layout.level_years + k] = years.iter().filter(|&&l| l == level).count() as f64;
        }
        let single = |x: f64| f64::from(x as f32);
        let tension = &mut out[layout.tension..layout.tension + nd * h];
        for (o, &x) in tension.iter_mut().zip(&self.tension) {
            *o = single(x);
        }
        let overall = &mut out[layout.overall_tension..layout.overall_tension + h];
        for (t, o) in overall.iter_mut().enumerate() {
            let mut sum = single(self.tension[t]);
            for d in 1..nd {
                sum += single(self.tension[d * h + t]);
            }
            *o = sum / nd as f64;
        }
    }

    /// The full report of the run just played.
    pub fn report(&self, prep: &Prepared) -> DilemmaRun {
        let h = prep.params.horizon;
        let nd = prep.domains();
        let tension: Vec<Vec<f64>> = (0..nd)
            .map(|d| self.tension[d * h..(d + 1) * h].to_vec())
            .collect();
        let overall_tension = (0..h)
            .map(|t| tension.iter().map(|row| row[t]).sum::<f64>() / nd as f64)
            .collect();
        let side_welfare = self.side_welfare(prep);
        let joint: f64 = side_welfare.iter().sum();
        DilemmaRun {
            domains: prep.domain_names.clone(),
            tension,
            overall_tension,
            locked_domains: self.locked.clone(),
            spiral: self.onset.is_some(),
            onset: self.onset,
            locked_share: self.locked_periods as f64 / h as f64,
            welfare: self.welfare.clone(),
            side_welfare,
            joint_welfare: joint,
            payoff_per_move: self.payoff_per_move(prep, joint),
            decoupling: Self::has_decoupling(prep).then(|| self.decoupling.clone()),
            final_decoupling: self.final_decoupling(prep),
            trust: prep.params.trust.map(|_| {
                prep.dyads
                    .iter()
                    .zip(&self.log_odds)
                    .map(|(dy, &l)| DyadTrust {
                        from: prep.actor_ids[dy.i].clone(),
                        to: prep.actor_ids[dy.j].clone(),
                        greed_belief: sigmoid(l),
                    })
                    .collect()
            }),
            moves: prep
                .domain_names
                .iter()
                .zip(&self.hostile_moves)
                .map(|(name, &hostile)| DomainMoves {
                    domain: name.clone(),
                    restraint: (h * prep.dyads.len()) as u64 - hostile,
                    hostile,
                })
                .collect(),
            dispute_levels: prep.military.map(|_| self.year_level.clone()),
        }
    }
}

/// Play run `run` of an experiment seeded with `seed` (its stream is
/// [`run_stream`]`(seed, run)`, the same as run `run` of [`super::monte_carlo`]).
pub fn run_one(setup: &DilemmaSetup, seed: u64, run: u64) -> Result<DilemmaRun, DilemmaError> {
    let prep = Prepared::new(setup)?;
    let mut ws = Workspace::new(&prep);
    let mut rng = run_stream(seed, run);
    ws.play(&prep, &mut rng);
    Ok(ws.report(&prep))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escalate::dilemma::setup::{
        DilemmaActor, DilemmaParams, DomainSpec, InfluenceTie, StartState, TradeTie, TrustParams,
    };
    use crate::scenario::Uncertain;
    use rand::Rng;

    /// Three western actors (one influencing the others) against one rival, with trade, a
    /// starting state and every exit and noise switched on.
    fn rivalry(domains: &[&str], trust: bool) -> DilemmaSetup {
        let actor = DilemmaActor::new;
        let tie = |from: &str, to: &str, weight: f64| InfluenceTie {
            from: from.into(),
            to: to.into(),
            weight,
        };
        DilemmaSetup {
            sides: vec!["west".into(), "east".into()],
            actors: vec![
                actor("usa", "west", "generous-tit-for-tat"),
                actor("eu", "west", "tit-for-2-tats"),
                actor("japan", "west", "win-stay-lose-shift"),
                actor("china", "east", "grim-trigger"),
            ],
            domains: domains.iter().map(|d| DomainSpec::new(d)).collect(),
            influence: vec![
                tie("usa", "eu", 0.6),
                tie("usa", "japan", 0.8),
                tie("eu", "japan", 0.3),
            ],
            trade: vec![TradeTie {
                from: "china".into(),
                to: "eu".into(),
                share: 0.2,
            }],
            grievances: vec![],
            start: vec![StartState {
                domain: domains[0].into(),
                from: None,
                to: None,
                hostility: Uncertain::Uniform {
                    low: 0.2,
                    high: 0.6,
                },
            }],
            prior: None,
            params: DilemmaParams {
                noise: 0.07,
                optimism: 0.04,
                execution_noise: 0.03,
                grievance: 0.05,
                reconciliation: 0.1,
                reconciliation_restraint: 0.3,
                leadership_change: 0.05,
                trust: trust.then(TrustParams::default),
                ..Default::default()
            },
        }
    }

    /// A run's report and the next number of its stream (the draws it left).
    fn played<T: Step, const N: usize>(
        prep: &Prepared,
        take: impl Fn(&mut Workspace) -> Vec<T>,
        run: u64,
    ) -> (String, u64) {
        let mut ws = Workspace::new(prep);
        let mut channels = take(&mut ws);
        let mut rng = run_stream(9, run);
        ws.play_on::<T, N>(&mut channels, prep, &mut rng);
        (format!("{:?}", ws.report(prep)), rng.next_u64())
    }

    /// The dense fast-path table, with the domain count known or read at run time, plays the
    /// same runs as the general channels: the same reports from the same draws.
    #[test]
    fn every_form_of_the_run_loop_plays_the_same_runs() {
        let four = ["military", "economic", "technology", "cultural"];
        for (domains, trust) in [(&four[..], false), (&four[..], true), (&four[..3], false)] {
            let prep = Prepared::new(&rivalry(domains, trust)).unwrap();
            let ws = Workspace::new(&prep);
            assert_eq!(
                ws.reactive.len(),
                ws.channels.len(),
                "every channel is reactive"
            );
            for run in 0..40 {
                let general = played::<Channel, 0>(&prep, |ws| ws.channels.clone(), run);
                let dense = played::<Reactive, 0>(&prep, |ws| ws.reactive.clone(), run);
                assert_eq!(general, dense, "{domains:?} trust {trust} run {run}");
                let mut ws = Workspace::new(&prep);
                let mut rng = run_stream(9, run);
                ws.play(&prep, &mut rng);
                let public = (format!("{:?}", ws.report(&prep)), rng.next_u64());
                assert_eq!(general, public, "{domains:?} trust {trust} run {run}");
                if domains.len() == 4 {
                    let known = played::<Reactive, 4>(&prep, |ws| ws.reactive.clone(), run);
                    assert_eq!(general, known, "{domains:?} trust {trust} run {run}");
                }
            }
        }
    }
}
