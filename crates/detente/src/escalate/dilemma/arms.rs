//! The dilemma as an arm model of the experiment layer: every policy (set-up) is an arm, run k
//! of every arm plays on `run_stream(seed, k)` (common random numbers), and
//! [`crate::experiment::runner::tally_arms`] folds the runs, in run order, into bounded-memory
//! summaries: spiral counts, onset counts per period, and fixed-size sketches of welfare and of
//! tension per domain and period.

use super::DilemmaError;
use super::calibrate::{CalibratedParam, PRIOR};
use super::draws::{ParamDraw, at_corner};
use super::engine::Workspace;
use super::posterior::Posterior;
use super::setup::DilemmaParams;
use super::setup::{DilemmaSetup, Prepared};
use crate::experiment::runner::{ArmModel, MetricDef};
use crate::rng::DetRng;
use std::any::Any;

/// Bins of a tension sketch over [0, 1]: band ends within 1/512 of the exact quantiles.
pub const TENSION_BINS: usize = 512;
/// Bins of a welfare sketch over the welfare's attainable range.
pub const WELFARE_BINS: usize = 8192;

/// Where each metric of a run sits in the output row.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Spiral (event).
    pub spiral: usize,
    /// First side's welfare; sides follow in order.
    pub side_welfare: usize,
    /// Joint welfare.
    pub joint_welfare: usize,
    /// Onset period (NaN without spiral).
    pub onset: usize,
    /// Share of locked periods.
    pub locked_share: usize,
    /// Joint payoff per move.
    pub payoff_per_move: usize,
    /// Final decoupling (NaN when undefined).
    pub final_decoupling: usize,
    /// Mean final greed belief (NaN without trust).
    pub greed_belief: usize,
    /// At least one year with a militarised dispute (level ≥ 2) (event).
    pub mid: usize,
    /// At least one year with a dispute at level ≥ 4, use of force (event).
    pub mid_force: usize,
    /// Years with a dispute (level ≥ 2).
    pub dispute_years: usize,
    /// Years whose highest level is 2, 3, 4, 5 at `level_years + 0 … 3`.
    pub level_years: usize,
    /// `T_d(t)` at `tension + d·H + t`.
    pub tension: usize,
    /// `T(t)` at `overall_tension + t`.
    pub overall_tension: usize,
    /// Metrics in all.
    pub len: usize,
}

impl Layout {
    fn new(sides: usize, domains: usize, horizon: usize) -> Layout {
        let side_welfare = 1;
        let joint_welfare = side_welfare + sides;
        let mid = joint_welfare + 6;
        let tension = mid + 7;
        let overall_tension = tension + domains * horizon;
        Layout {
            spiral: 0,
            side_welfare,
            joint_welfare,
            onset: joint_welfare + 1,
            locked_share: joint_welfare + 2,
            payoff_per_move: joint_welfare + 3,
            final_decoupling: joint_welfare + 4,
            greed_belief: joint_welfare + 5,
            mid,
            mid_force: mid + 1,
            dispute_years: mid + 2,
            level_years: mid + 3,
            tension,
            overall_tension,
            len: overall_tension + horizon,
        }
    }
}

/// The value of a calibrated parameter in `p`.
fn read(param: CalibratedParam, p: &DilemmaParams) -> f64 {
    match param {
        CalibratedParam::Noise => p.noise,
        CalibratedParam::Spillover => p.spillover,
        CalibratedParam::Grievance => p.grievance,
        CalibratedParam::Reconciliation => p.reconciliation,
        CalibratedParam::ReconciliationRestraint => p.reconciliation_restraint,
        CalibratedParam::LeadershipChange => p.leadership_change,
    }
}

/// Compiled set-ups played as arms on common random numbers.
pub struct DilemmaArms {
    pub(crate) preps: Vec<Prepared>,
    setups: Vec<DilemmaSetup>,
    draws: Vec<ParamDraw>,
    pub(crate) layout: Layout,
    names: Vec<String>,
    metrics: Vec<MetricDef>,
    /// The calibrated posterior with, per calibrated parameter, whether it is drawn.
    posterior: Option<(Posterior, [bool; 6])>,
}

/// Bounds of side s's welfare over a run: Σ_t β^t Σ over its actors' channels of the smallest
/// (largest) entry of the channel's payoff table.
fn welfare_bounds(prep: &Prepared) -> Vec<(f64, f64)> {
    let nd = prep.domains();
    let mut discount_sum = 0.0;
    let mut beta = 1.0;
    for _ in 0..prep.params.horizon {
        discount_sum += beta;
        beta *= prep.params.discount;
    }
    let mut bounds = vec![(0.0, 0.0); prep.sides.len()];
    for (y, dy) in prep.dyads.iter().enumerate() {
        let b = &mut bounds[prep.actor_side[dy.i]];
        for table in &prep.payoff_table[y * nd..(y + 1) * nd] {
            b.0 += table.iter().copied().fold(f64::INFINITY, f64::min) * discount_sum;
            b.1 += table.iter().copied().fold(f64::NEG_INFINITY, f64::max) * discount_sum;
        }
    }
    // A hair wider, so rounding never puts an attainable value outside.
    bounds
        .into_iter()
        .map(|(lo, hi)| {
            let pad = 1e-9 * (1.0 + lo.abs().max(hi.abs()));
            (lo - pad, hi + pad)
        })
        .collect()
}

impl DilemmaArms {
    /// Compile `setups` (named arms) for comparison: they must share actors, sides, domains and
    /// horizon.
    pub fn new(named: &[(&str, &DilemmaSetup)]) -> Result<DilemmaArms, DilemmaError> {
        DilemmaArms::with_draws(named, &[])
    }

    /// As [`DilemmaArms::new`], drawing the uncertain parameters of `draws` at the start of every
    /// run (the same values for every arm of a run).
    pub fn with_draws(
        named: &[(&str, &DilemmaSetup)],
        draws: &[ParamDraw],
    ) -> Result<DilemmaArms, DilemmaError> {
        let draws: Vec<ParamDraw> = draws
            .iter()
            .filter(|d| d.value.is_uncertain())
            .copied()
            .collect();
        if named.is_empty() {
            return Err(DilemmaError::Input("no set-up to play".into()));
        }
        let preps = named
            .iter()
            .map(|(_, s)| Prepared::new(s))
            .collect::<Result<Vec<_>, _>>()?;
        let p0 = &preps[0];
        if preps.iter().any(|p| {
            p.actor_ids != p0.actor_ids
                || p.sides != p0.sides
                || p.domain_names != p0.domain_names
                || p.params.horizon != p0.params.horizon
                || p.params.periods_per_year != p0.params.periods_per_year
        }) {
            return Err(DilemmaError::Input(
                "compared setups must have the same actors, sides, domains, horizon and period"
                    .into(),
            ));
        }
        let h = p0.params.horizon;
        let nd = p0.domains();
        let layout = Layout::new(p0.sides.len(), nd, h);
        // Welfare ranges: the union over arms (and over the corners of the drawn parameters that
        // move payoffs), joint = sum of the sides.
        for (_, setup) in named {
            for d in &draws {
                let (lo, hi) = (d.value.low(), d.value.high());
                for v in [lo, hi] {
                    let mut p = setup.params;
                    d.param.set(&mut p, v);
                    Prepared::with_params(setup, p).map_err(|e| {
                        DilemmaError::Input(format!(
                            "{e} (at the end {v} of {:?}'s range)",
                            d.param
                        ))
                    })?;
                }
            }
        }
        let moving: Vec<ParamDraw> = draws
            .iter()
            .filter(|d| d.param.moves_payoffs())
            .copied()
            .collect();
        let mut sides = welfare_bounds(p0);
        for (_, setup) in named {
            for corner in 0..1usize << moving.len() {
                let params = at_corner(setup.params, &moving, corner);
                let Ok(p) = Prepared::with_params(setup, params) else {
                    continue;
                };
                for (b, (lo, hi)) in sides.iter_mut().zip(welfare_bounds(&p)) {
                    b.0 = b.0.min(lo);
                    b.1 = b.1.max(hi);
                }
            }
        }
        let joint = sides
            .iter()
            .fold((0.0, 0.0), |(a, b), (lo, hi)| (a + lo, b + hi));
        let moves = (p0.channels.len() * h).max(1) as f64;
        let mut metrics = Vec::with_capacity(layout.len);
        metrics.push(MetricDef::event("spiral"));
        for (name, (lo, hi)) in p0.sides.iter().zip(&sides) {
            metrics.push(MetricDef::real(format!("welfare.{name}")).binned(*lo, *hi, WELFARE_BINS));
        }
        metrics.push(MetricDef::real("welfare.joint").binned(joint.0, joint.1, WELFARE_BINS));
        metrics.push(
            MetricDef::real("onset")
                .binned(0.5, h as f64 + 0.5, h)
                .unpaired(),
        );
        metrics.push(
            MetricDef::real("locked_share")
                .binned(0.0, 1.0, 1)
                .unpaired(),
        );
        metrics.push(
            MetricDef::real("payoff_per_move")
                .binned(joint.0 / moves, joint.1 / moves, 1)
                .unpaired(),
        );
        metrics.push(
            MetricDef::real("final_decoupling")
                .binned(0.0, 1.0, 1)
                .unpaired(),
        );
        metrics.push(
            MetricDef::real("final_greed_belief")
                .binned(0.0, 1.0, 1)
                .unpaired(),
        );
        let years = h.div_ceil(p0.params.periods_per_year);
        let year_count =
            |name: String| MetricDef::real(name).binned(-0.5, years as f64 + 0.5, years + 1);
        metrics.push(MetricDef::event("mid"));
        metrics.push(MetricDef::event("mid_force"));
        metrics.push(year_count("dispute_years".into()));
        for level in 2..=5 {
            metrics.push(year_count(format!("dispute_years.level{level}")).unpaired());
        }
        for d in &p0.domain_names {
            for t in 1..=h {
                metrics.push(
                    MetricDef::real(format!("tension.{d}.{t}"))
                        .binned(0.0, 1.0, TENSION_BINS)
                        .unpaired(),
                );
            }
        }
        for t in 1..=h {
            metrics.push(
                MetricDef::real(format!("tension.overall.{t}"))
                    .binned(0.0, 1.0, TENSION_BINS)
                    .unpaired(),
            );
        }
        debug_assert_eq!(metrics.len(), layout.len);
        let posterior = match &named[0].1.prior {
            None => None,
            Some(spec) => {
                let post = Posterior::named(&spec.name)?;
                let drawn =
                    std::array::from_fn(|k| !spec.except.iter().any(|e| e == PRIOR[k].0.key()));
                Some((post, drawn))
            }
        };
        if named.iter().any(|(_, s)| s.prior != named[0].1.prior) {
            return Err(DilemmaError::Input(
                "compared setups must share the calibrated prior".into(),
            ));
        }
        Ok(DilemmaArms {
            posterior,
            preps,
            setups: named.iter().map(|(_, s)| (*s).clone()).collect(),
            draws,
            layout,
            names: named.iter().map(|(n, _)| n.to_string()).collect(),
            metrics,
        })
    }
}

impl ArmModel for DilemmaArms {
    fn metrics(&self) -> &[MetricDef] {
        &self.metrics
    }

    fn arms(&self) -> &[String] {
        &self.names
    }

    fn run(&self, arm: usize, _k: u64, rng: &mut DetRng, out: &mut [f64]) {
        if !self.draws.is_empty() || self.posterior.is_some() {
            return self.run_drawn(arm, rng, out);
        }
        let prep = &self.preps[arm];
        let mut ws = Workspace::new(prep);
        ws.play(prep, rng);
        ws.write_metrics(prep, &self.layout, out);
    }

    fn scratch(&self) -> Box<dyn Any> {
        let spaces: Vec<Option<Slot>> = self.preps.iter().map(|_| None).collect();
        Box::new(spaces)
    }

    fn run_in(&self, scratch: &mut dyn Any, arm: usize, k: u64, rng: &mut DetRng, out: &mut [f64]) {
        let Some(spaces) = scratch.downcast_mut::<Vec<Option<Slot>>>() else {
            return self.run(arm, k, rng, out);
        };
        let base = &self.preps[arm];
        let slot = spaces[arm].get_or_insert_with(|| Slot {
            prep: base.clone(),
            ws: Workspace::new(base),
        });
        if !self.draws.is_empty() || self.posterior.is_some() {
            let params = self.drawn_params(arm, rng);
            match slot.prep.reparameterise(params) {
                Ok(true) => {
                    slot.ws.play(&slot.prep, rng);
                    slot.ws.write_metrics(&slot.prep, &self.layout, out);
                }
                Ok(false) => self.play_compiled(arm, params, rng, out),
                Err(_) => out.iter_mut().for_each(|x| *x = f64::NAN),
            }
            return;
        }
        slot.ws.play(base, rng);
        slot.ws.write_metrics(base, &self.layout, out);
    }
}

/// A thread's compiled copy of an arm (re-parameterised run by run) and its run buffers.
struct Slot {
    prep: Prepared,
    ws: Workspace,
}

impl DilemmaArms {
    /// The parameters of a run with drawn parameters: a row of the calibrated posterior (one
    /// uniform, when a prior is set; parameters given explicitly keep their values), then every
    /// uncertain parameter (in list order, from the run's stream).
    fn drawn_params(&self, arm: usize, rng: &mut DetRng) -> DilemmaParams {
        let setup = &self.setups[arm];
        let mut params = setup.params;
        if let Some((post, drawn)) = &self.posterior {
            let mut drawn_params = params;
            post.draw_into(rng, &mut drawn_params);
            let mut keep = params;
            for (k, (param, _, _)) in PRIOR.iter().enumerate() {
                let v = if drawn[k] {
                    read(*param, &drawn_params)
                } else {
                    read(*param, &keep)
                };
                param.set(&mut keep, v);
            }
            params = keep;
        }
        for d in &self.draws {
            d.param.set(&mut params, d.value.draw(rng));
        }
        params
    }

    /// A run with drawn parameters: draw them ([`DilemmaArms::drawn_params`]), compile the arm's
    /// set-up with them and play on the rest of the stream. The ranges were checked when the
    /// arms were built, so compiling cannot fail; if it did, the run's metrics are undefined.
    fn run_drawn(&self, arm: usize, rng: &mut DetRng, out: &mut [f64]) {
        let params = self.drawn_params(arm, rng);
        self.play_compiled(arm, params, rng, out);
    }

    /// Compile arm `arm` afresh with `params` and play one run.
    fn play_compiled(&self, arm: usize, params: DilemmaParams, rng: &mut DetRng, out: &mut [f64]) {
        match Prepared::with_params(&self.setups[arm], params) {
            Ok(prep) => {
                let mut ws = Workspace::new(&prep);
                ws.play(&prep, rng);
                ws.write_metrics(&prep, &self.layout, out);
            }
            Err(_) => out.iter_mut().for_each(|x| *x = f64::NAN),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::PolicyArms;
    use super::super::draws::GlobalParam;
    use super::super::setup::{DilemmaActor, DomainSpec};
    use super::*;
    use crate::rng::run_stream;
    use crate::scenario::Uncertain;

    fn rivalry(west: &str) -> DilemmaSetup {
        let actor = DilemmaActor::new;
        DilemmaSetup {
            sides: vec!["west".into(), "east".into()],
            actors: vec![
                actor("usa", "west", west),
                actor("eu", "west", west),
                actor("china", "east", "tit-for-tat"),
            ],
            domains: ["military", "economic", "technology"]
                .iter()
                .map(|d| DomainSpec::new(d))
                .collect(),
            influence: vec![],
            trade: vec![],
            grievances: vec![],
            start: vec![],
            prior: None,
            params: Default::default(),
        }
    }

    fn bits(v: &[f64]) -> Vec<u64> {
        v.iter().map(|x| x.to_bits()).collect()
    }

    /// A drawn run is the point-valued model at the drawn values, on the rest of the stream.
    #[test]
    fn a_drawn_run_plays_the_model_at_the_drawn_values() {
        let setup = rivalry("tit-for-tat");
        let noise = Uncertain::Uniform {
            low: 0.01,
            high: 0.2,
        };
        let spill = Uncertain::Triangular {
            low: 0.0,
            mode: 0.1,
            high: 0.3,
        };
        let draws = [
            ParamDraw {
                param: GlobalParam::Noise,
                value: noise,
            },
            ParamDraw {
                param: GlobalParam::Spillover,
                value: spill,
            },
        ];
        let drawn = DilemmaArms::with_draws(&[("x", &setup)], &draws).unwrap();
        let n = drawn.metrics().len();
        for k in 0..20 {
            let mut out = vec![0.0; n];
            drawn.run(0, k, &mut run_stream(3, k), &mut out);
            let mut rng = run_stream(3, k);
            let mut at = setup.clone();
            at.params.noise = noise.draw(&mut rng);
            at.params.spillover = spill.draw(&mut rng);
            let point = DilemmaArms::new(&[("x", &at)]).unwrap();
            let mut want = vec![0.0; n];
            point.run(0, k, &mut rng, &mut want);
            assert_eq!(bits(&out), bits(&want), "run {k}");
        }
        // Point-valued "draws" draw nothing: the runs of the plain model.
        let fixed = [ParamDraw {
            param: GlobalParam::Noise,
            value: Uncertain::Fixed(0.05),
        }];
        let a = DilemmaArms::with_draws(&[("x", &setup)], &fixed).unwrap();
        let b = DilemmaArms::new(&[("x", &setup)]).unwrap();
        let (mut x, mut y) = (vec![0.0; n], vec![0.0; n]);
        a.run(0, 4, &mut run_stream(3, 4), &mut x);
        b.run(0, 4, &mut run_stream(3, 4), &mut y);
        assert_eq!(bits(&x), bits(&y));
    }

    /// A thread's scratch copy re-parameterised run by run gives the runs of a fresh
    /// compilation bit for bit: behavioural parameters (with extra grievances on one pair), a
    /// parameter that reshapes the games (interdependence, compiled afresh) and a value out of
    /// range (undefined metrics), over several runs on one scratch.
    #[test]
    fn re_parameterised_runs_equal_freshly_compiled_ones() {
        let mut setup = rivalry("generous-tit-for-tat");
        setup.grievances = vec![
            super::super::setup::GrievanceTie {
                from: "usa".into(),
                to: "china".into(),
                value: 0.03,
            },
            super::super::setup::GrievanceTie {
                from: "usa".into(),
                to: "china".into(),
                value: 0.011,
            },
        ];
        setup.trade = vec![super::super::setup::TradeTie {
            from: "eu".into(),
            to: "china".into(),
            share: 0.2,
        }];
        let u = |low: f64, high: f64| Uncertain::Uniform { low, high };
        let draws = [
            ParamDraw {
                param: GlobalParam::Noise,
                value: u(0.0, 0.2),
            },
            ParamDraw {
                param: GlobalParam::Grievance,
                value: u(0.0, 0.1),
            },
            ParamDraw {
                param: GlobalParam::Contagion,
                value: u(0.0, 0.3),
            },
            ParamDraw {
                param: GlobalParam::Interdependence,
                value: u(0.5, 1.0),
            },
        ];
        let arms = DilemmaArms::with_draws(&[("x", &setup)], &draws).unwrap();
        let n = arms.metrics().len();
        let mut scratch = arms.scratch();
        for k in 0..30 {
            let (mut fast, mut fresh) = (vec![0.0; n], vec![0.0; n]);
            arms.run_in(scratch.as_mut(), 0, k, &mut run_stream(4, k), &mut fast);
            arms.run(0, k, &mut run_stream(4, k), &mut fresh);
            assert_eq!(bits(&fast), bits(&fresh), "run {k}");
        }
        // Re-parameterising a compiled set-up equals compiling it with the new values.
        let mut prep = Prepared::new(&setup).unwrap();
        let mut p = setup.params;
        p.noise = 0.07;
        p.grievance = 0.02;
        p.distinguishability = 0.5;
        assert!(prep.reparameterise(p).unwrap());
        let fresh = Prepared::with_params(&setup, p).unwrap();
        assert_eq!(bits(&prep.pressure), bits(&fresh.pressure));
        assert_eq!(bits(&prep.misread), bits(&fresh.misread));
        assert_eq!(prep.evidence, fresh.evidence);
        p.interdependence = 0.5;
        assert!(!prep.reparameterise(p).unwrap());
        p.interdependence = setup.params.interdependence;
        p.noise = 1.5;
        assert!(prep.reparameterise(p).is_err());
    }

    /// Every policy of a run sees the same draw: two identical arms differ by exactly 0, and
    /// different policies still differ with intervals that stay in [−1, 1].
    #[test]
    fn draws_are_common_to_every_policy() {
        let tft = rivalry("tit-for-tat");
        let gtft = rivalry("generous-tit-for-tat");
        let draws = [ParamDraw {
            param: GlobalParam::Noise,
            value: Uncertain::Uniform {
                low: 0.0,
                high: 0.15,
            },
        }];
        let named = [("a", &tft), ("b", &tft), ("c", &gtft)];
        let arms = PolicyArms::play_drawn(&named, &draws, 2_000, 9).unwrap();
        let same = arms.difference(0, 1, super::super::PairedMetric::Spiral);
        assert_eq!((same.mean, same.sd), (0.0, 0.0));
        let w = arms.difference(0, 1, super::super::PairedMetric::JointWelfare);
        assert_eq!((w.mean, w.sd), (0.0, 0.0));
        let d = arms.difference(2, 0, super::super::PairedMetric::Spiral);
        assert!(d.high < 0.0 && d.low >= -1.0, "{d:?}");
        // The parameter's spread shows: spiral probability differs from the point-valued one.
        let point = PolicyArms::play(&[("a", &tft)], 2_000, 9).unwrap();
        assert_ne!(arms.summary(0).spiral.hits, point.summary(0).spiral.hits);
    }
}
