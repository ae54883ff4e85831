//! From a resolved scenario to the escalate lens's inputs: the security-dilemma set-up per policy
//! and the Richardson arms-race set-up.
//!
//! `[escalate]` keys map one to one onto [`DilemmaParams`]; capability shares come from the
//! actors' resolved capabilities (`weights = "equal"`: 1 each); ally influence comes from
//! `[[escalate.influence]]` when given, else from alliance and partnership ties between actors of
//! the same side (their weight, both directions); trade shares from `[[escalate.trade]]`, else
//! from the world data (the partner's share of the actor's total trade, known for CHN, USA and
//! RUS as partners). Uncertain numbers enter at their point values; [`uncertain_params`] lists
//! the uncertain global parameters, which the policy comparison draws per run.

use super::dilemma::DilemmaError;
use super::dilemma::{
    CalibratedParam, GlobalParam, PRIOR, ParamDraw, PolicySpec, Posterior, PriorSpec, StageGame,
};
use super::dilemma::{
    DilemmaActor, DilemmaParams, DilemmaSetup, DomainSpec, InfluenceTie, SpiralRule, StartState,
    TradeTie, TrustParams,
};
use super::game::{Game, GameError};
use super::richardson::{ArmsActor, ArmsParams, ArmsSetup, ArmsTie, TieKind as ArmsTieKind};
use crate::scenario::{Resolved, TieKind, Uncertain};
use serde::Serialize;
use std::fmt;

/// Why a scenario cannot be turned into the escalate lens's inputs (or its policies cannot be
/// played). Each message names what is missing.
#[derive(Debug, Clone, PartialEq)]
pub enum SetupError {
    /// The scenario has no `[escalate]` section.
    NoEscalate,
    /// `[escalate]` defines no policy.
    NoPolicies,
    /// A policy gives no strategy for a side.
    NoStrategy {
        /// Policy id.
        policy: String,
        /// The side without a strategy.
        side: String,
    },
    /// A side lists an id that is not an actor of the scenario.
    NotAnActor {
        /// The id.
        id: String,
    },
    /// A side member has no positive capability to weight its dyads.
    NoCapability {
        /// The actor.
        id: String,
        /// Why it has none (the world data's reason, or that it is 0).
        reason: String,
    },
    /// `[escalate] game` names no stage-game preset.
    Game(GameError),
    /// The prior cannot be loaded or the simulation refused the set-up.
    Dilemma(DilemmaError),
    /// Richardson has no actors: no `[richardson] actors` and no `[escalate]` sides.
    NoArmsActors,
    /// A Richardson actor has no world data.
    NoWorldData {
        /// The actor.
        id: String,
    },
    /// The world data has no SIPRI spending or burden for a Richardson actor.
    NoSpending {
        /// The actor.
        id: String,
    },
}

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetupError::NoEscalate => f.write_str("the scenario has no [escalate] section"),
            SetupError::NoPolicies => f.write_str("[escalate] defines no [[escalate.policy]]"),
            SetupError::NoStrategy { policy, side } => {
                write!(f, "policy `{policy}` gives no strategy for side `{side}`")
            }
            SetupError::NotAnActor { id } => write!(f, "side member `{id}` is not an actor"),
            SetupError::NoCapability { id, reason } => write!(
                f,
                "`{id}` needs a positive capability for dyad weights ({reason}); or set [escalate] weights = \"equal\""
            ),
            SetupError::Game(e) => e.fmt(f),
            SetupError::Dilemma(e) => e.fmt(f),
            SetupError::NoArmsActors => {
                f.write_str("no [richardson] actors and no [escalate] sides to take them from")
            }
            SetupError::NoWorldData { id } => {
                write!(f, "`{id}` has no world data for military spending")
            }
            SetupError::NoSpending { id } => {
                write!(
                    f,
                    "the world data has no SIPRI spending or burden for `{id}`"
                )
            }
        }
    }
}

impl std::error::Error for SetupError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SetupError::Game(e) => Some(e),
            SetupError::Dilemma(e) => Some(e),
            _ => None,
        }
    }
}

impl From<DilemmaError> for SetupError {
    fn from(e: DilemmaError) -> Self {
        SetupError::Dilemma(e)
    }
}

/// One policy of the scenario with its full set-up.
#[derive(Debug, Clone)]
pub struct PolicySetup {
    /// Policy id.
    pub id: String,
    /// Display label (the id when the scenario gives none).
    pub label: String,
    /// Why the policy is modelled this way.
    pub note: Option<String>,
    /// The simulation set-up with this policy's strategies.
    pub setup: DilemmaSetup,
}

fn point(u: Option<Uncertain>, default: f64) -> f64 {
    u.map_or(default, |u| u.point())
}

/// Every `[[escalate.policy]]` as a set-up (in file order). Errors name what is missing.
pub fn policy_setups(r: &Resolved) -> Result<Vec<PolicySetup>, SetupError> {
    let e = r.scenario.escalate.as_ref().ok_or(SetupError::NoEscalate)?;
    if e.policies.is_empty() {
        return Err(SetupError::NoPolicies);
    }
    let base = base_setup(r)?;
    e.policies
        .iter()
        .map(|p| {
            let mut setup = base.clone();
            for a in &mut setup.actors {
                let strategy = p
                    .strategies
                    .get(&a.id)
                    .or_else(|| p.strategies.get(&a.side))
                    .ok_or_else(|| SetupError::NoStrategy {
                        policy: p.id.clone(),
                        side: a.side.clone(),
                    })?;
                a.policy = PolicySpec::new(strategy);
            }
            Ok(PolicySetup {
                id: p.id.clone(),
                label: p.label.clone().unwrap_or_else(|| p.id.clone()),
                note: p.note.clone(),
                setup,
            })
        })
        .collect()
}

/// The set-up without policies (every actor on tit-for-tat until a policy is applied).
pub fn base_setup(r: &Resolved) -> Result<DilemmaSetup, SetupError> {
    let e = r.scenario.escalate.as_ref().ok_or(SetupError::NoEscalate)?;
    let equal = e.weights.as_deref() == Some("equal");
    let mut actors = Vec::new();
    for (side, members) in &e.sides {
        for id in members {
            let a = r
                .actor(id)
                .ok_or_else(|| SetupError::NotAnActor { id: id.clone() })?;
            let capability = if equal {
                1.0
            } else {
                a.capability
                    .as_ref()
                    .map(|q| q.value.point())
                    .filter(|c| *c > 0.0)
                    .ok_or_else(|| SetupError::NoCapability {
                        id: id.clone(),
                        reason: a.capability_gap.as_deref().unwrap_or("it is 0").to_string(),
                    })?
            };
            actors.push(DilemmaActor {
                id: id.clone(),
                side: side.clone(),
                capability,
                policy: PolicySpec::new("tit-for-tat"),
                kind: Default::default(),
                trust_prior: None,
            });
        }
    }
    // Capability shares c_i (only ratios matter; shares keep the numbers readable).
    let total: f64 = actors.iter().map(|a| a.capability).sum();
    actors.iter_mut().for_each(|a| a.capability /= total);
    let stage: StageGame = match &e.game {
        Some(name) => Game::preset(name).map_err(SetupError::Game)?.rstp().into(),
        None => StageGame::PRISONERS_DILEMMA,
    };
    let domains = e
        .domains
        .iter()
        .map(|d| DomainSpec {
            name: d.clone(),
            game: stage,
        })
        .collect();
    let side_of = |id: &str| actors.iter().find(|a| a.id == id).map(|a| a.side.clone());
    let influence = if e.influences.is_empty() {
        r.scenario
            .ties
            .iter()
            .filter(|t| matches!(t.kind, TieKind::Alliance | TieKind::Partnership))
            .filter(|t| {
                side_of(&t.actors[0]).is_some() && side_of(&t.actors[0]) == side_of(&t.actors[1])
            })
            .flat_map(|t| {
                let w = point(t.weight, 1.0);
                [(0, 1), (1, 0)].map(|(a, b)| InfluenceTie {
                    from: t.actors[a].clone(),
                    to: t.actors[b].clone(),
                    weight: w,
                })
            })
            .collect()
    } else {
        e.influences
            .iter()
            .map(|i| InfluenceTie {
                from: i.from.clone(),
                to: i.to.clone(),
                weight: i.weight.point(),
            })
            .collect()
    };
    let mut trade: Vec<TradeTie> = Vec::new();
    for a in &actors {
        for b in actors.iter().filter(|b| b.side != a.side) {
            let declared = e
                .trade
                .iter()
                .find(|t| t.from == a.id && t.to == b.id)
                .map(|t| t.share.point());
            let world = r
                .actor(&a.id)
                .and_then(|x| x.world.as_ref())
                .and_then(|w| w.trade_share_pct.with(&b.id))
                .map(|p| p / 100.0);
            if let Some(share) = declared.or(world) {
                trade.push(TradeTie {
                    from: a.id.clone(),
                    to: b.id.clone(),
                    share,
                });
            }
        }
    }
    // With a calibrated prior, a calibrated parameter not given explicitly takes the
    // posterior's weighted mean as its point value (for single runs); Monte Carlo runs draw it.
    let mut d = DilemmaParams::default();
    if let Some(spec) = prior_spec(e) {
        let post = Posterior::named(&spec.name)?;
        for ((param, _, _), v) in PRIOR.iter().zip(post.means()) {
            param.set(&mut d, v);
        }
    }
    let params = DilemmaParams {
        horizon: e.horizon as usize,
        noise: point(e.noise, d.noise),
        optimism: point(e.optimism, d.optimism),
        execution_noise: point(e.execution_noise, d.execution_noise),
        spillover: point(e.spillover, d.spillover),
        contagion: point(e.contagion, d.contagion),
        interdependence: point(e.interdependence, d.interdependence),
        grievance: point(e.grievance, d.grievance),
        offence_defence: point(e.offence_defence, d.offence_defence),
        distinguishability: point(e.distinguishability, d.distinguishability),
        spiral: e.spiral.map_or(SpiralRule::default(), |s| SpiralRule {
            domains: s.domains as usize,
            periods: s.periods as usize,
            lock: s.lock,
        }),
        trust: (e.trust.as_deref() == Some("bayes")).then(TrustParams::default),
        discount: point(e.discount, d.discount),
        reconciliation: point(e.reconciliation, d.reconciliation),
        reconciliation_restraint: point(e.reconciliation_restraint, d.reconciliation_restraint),
        leadership_change: point(e.leadership_change, d.leadership_change),
        periods_per_year: periods_per_year(&e.period),
    };
    Ok(DilemmaSetup {
        sides: e.sides.keys().cloned().collect(),
        actors,
        domains,
        influence,
        trade,
        grievances: Vec::new(),
        prior: prior_spec(e),
        start: e
            .start
            .iter()
            .map(|s| StartState {
                domain: s.domain.clone(),
                from: s.from.clone(),
                to: s.to.clone(),
                hostility: s.hostility,
            })
            .collect(),
        params,
    })
}

/// The calibrated prior of `[escalate] prior` (none for `"none"` or no key), with the
/// calibrated parameters the scenario gives explicitly, which keep their values.
pub fn prior_spec(e: &crate::scenario::EscalateSection) -> Option<PriorSpec> {
    let name = e.prior.as_deref().filter(|p| *p != "none")?;
    let given = |param: CalibratedParam| match param {
        CalibratedParam::Noise => e.noise.is_some(),
        CalibratedParam::Spillover => e.spillover.is_some(),
        CalibratedParam::Grievance => e.grievance.is_some(),
        CalibratedParam::Reconciliation => e.reconciliation.is_some(),
        CalibratedParam::ReconciliationRestraint => e.reconciliation_restraint.is_some(),
        CalibratedParam::LeadershipChange => e.leadership_change.is_some(),
    };
    Some(PriorSpec {
        name: name.to_string(),
        except: PRIOR
            .iter()
            .filter(|(p, _, _)| given(*p))
            .map(|(p, _, _)| p.key().to_string())
            .collect(),
    })
}

/// Where the value of one behavioural parameter of the dilemma comes from, so that a reader
/// sees which numbers are fitted to history and which are assumptions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParameterSource {
    /// Scenario key (`noise`, `spillover`, ...).
    pub key: String,
    /// `true` when every run draws it from the calibrated posterior (fitted on the strategic
    /// rivalries of 1816–1945); `false` when it is an assumption.
    pub calibrated: bool,
    /// `posterior` (calibrated), `scenario` (set in the scenario: an analyst's assumption, which
    /// overrides the posterior for a calibrated parameter) or `default` (the library default,
    /// also an assumption).
    pub basis: String,
    /// The point value: the posterior's weighted mean, the scenario's value (a range's point
    /// value) or the default.
    pub value: f64,
    /// Calibrated: the posterior's weighted 5 % and 95 % quantiles (a 90 % interval). A range
    /// given in the scenario: its ends (drawn per run). Otherwise none.
    pub interval: Option<[f64; 2]>,
    /// Why a parameter is not calibrated when the calibration cannot identify it.
    pub note: Option<String>,
}

/// The behavioural parameters of the dilemma with their sources, in the order of
/// [`uncertain_params`].
pub fn parameter_sources(r: &Resolved) -> Result<Vec<ParameterSource>, SetupError> {
    let Some(e) = r.scenario.escalate.as_ref() else {
        return Ok(Vec::new());
    };
    let spec = prior_spec(e);
    let post = match &spec {
        Some(p) => Some(Posterior::named(&p.name)?),
        None => None,
    };
    let d = DilemmaParams::default();
    let unidentified = "not identified by the calibration: its rivalries are dyads without \
                        allies or trade";
    let rows: [(&str, Option<Uncertain>, f64, Option<&str>); 13] = [
        ("noise", e.noise, d.noise, None),
        ("optimism", e.optimism, d.optimism, None),
        (
            "execution_noise",
            e.execution_noise,
            d.execution_noise,
            None,
        ),
        ("spillover", e.spillover, d.spillover, None),
        ("contagion", e.contagion, d.contagion, Some(unidentified)),
        (
            "interdependence",
            e.interdependence,
            d.interdependence,
            Some(unidentified),
        ),
        ("grievance", e.grievance, d.grievance, None),
        (
            "offence_defence",
            e.offence_defence,
            d.offence_defence,
            None,
        ),
        (
            "distinguishability",
            e.distinguishability,
            d.distinguishability,
            None,
        ),
        ("discount", e.discount, d.discount, None),
        ("reconciliation", e.reconciliation, d.reconciliation, None),
        (
            "reconciliation_restraint",
            e.reconciliation_restraint,
            d.reconciliation_restraint,
            None,
        ),
        (
            "leadership_change",
            e.leadership_change,
            d.leadership_change,
            None,
        ),
    ];
    Ok(rows
        .into_iter()
        .map(|(key, given, default, note)| {
            let fitted = PRIOR.iter().position(|(p, _, _)| p.key() == key);
            match (&post, fitted, given) {
                (Some(post), Some(k), None) => ParameterSource {
                    key: key.into(),
                    calibrated: true,
                    basis: "posterior".into(),
                    value: post.means()[k],
                    interval: Some([post.quantile(k, 0.05), post.quantile(k, 0.95)]),
                    note: None,
                },
                (_, _, Some(u)) => ParameterSource {
                    key: key.into(),
                    calibrated: false,
                    basis: "scenario".into(),
                    value: u.point(),
                    interval: u.is_uncertain().then(|| [u.low(), u.high()]),
                    note: note.map(String::from),
                },
                (_, _, None) => ParameterSource {
                    key: key.into(),
                    calibrated: false,
                    basis: "default".into(),
                    value: default,
                    interval: None,
                    note: note.map(String::from),
                },
            }
        })
        .collect())
}

/// Periods in a year for `[escalate] period` (`year` 1, `half-year` 2, `quarter` 4, `month` 12).
pub fn periods_per_year(period: &str) -> usize {
    match period {
        "half-year" => 2,
        "quarter" => 4,
        "month" => 12,
        _ => 1,
    }
}

/// The uncertain `[escalate]` parameters (noise, optimism, execution noise, spillover,
/// contagion, interdependence, grievance, offence–defence, distinguishability, discount) with
/// their distributions, in that order; [`base_setup`] holds their point values. Point-valued
/// parameters are not listed.
pub fn uncertain_params(r: &Resolved) -> Vec<ParamDraw> {
    let Some(e) = r.scenario.escalate.as_ref() else {
        return Vec::new();
    };
    [
        (GlobalParam::Noise, e.noise),
        (GlobalParam::Optimism, e.optimism),
        (GlobalParam::ExecutionNoise, e.execution_noise),
        (GlobalParam::Spillover, e.spillover),
        (GlobalParam::Contagion, e.contagion),
        (GlobalParam::Interdependence, e.interdependence),
        (GlobalParam::Grievance, e.grievance),
        (GlobalParam::OffenceDefence, e.offence_defence),
        (GlobalParam::Distinguishability, e.distinguishability),
        (GlobalParam::Discount, e.discount),
        (GlobalParam::Reconciliation, e.reconciliation),
        (
            GlobalParam::ReconciliationRestraint,
            e.reconciliation_restraint,
        ),
        (GlobalParam::LeadershipChange, e.leadership_change),
    ]
    .into_iter()
    .filter_map(|(param, value)| {
        value
            .filter(Uncertain::is_uncertain)
            .map(|value| ParamDraw { param, value })
    })
    .collect()
}

/// The Richardson set-up: `[richardson] actors` or the escalate sides' members; base
/// levels from SIPRI 2024 (current US$ bn) and burdens (% of GDP); rivalry, alliance and
/// partnership ties among them; rates from `[richardson]`.
pub fn arms_setup(r: &Resolved) -> Result<ArmsSetup, SetupError> {
    let spec = r.scenario.richardson.clone().unwrap_or_default();
    let ids: Vec<String> = match (&spec.actors, &r.scenario.escalate) {
        (Some(list), _) => list.clone(),
        (None, Some(e)) => e.sides.values().flatten().cloned().collect(),
        (None, None) => {
            return Err(SetupError::NoArmsActors);
        }
    };
    let mut actors = Vec::new();
    for id in &ids {
        let w = r
            .actor(id)
            .and_then(|a| a.world.as_ref())
            .ok_or_else(|| SetupError::NoWorldData { id: id.clone() })?;
        let (Some(milex), Some(burden)) = (w.milex_2024_usd_m, w.milex_pct_gdp_2024) else {
            return Err(SetupError::NoSpending { id: id.clone() });
        };
        actors.push(ArmsActor {
            id: id.clone(),
            milex: milex / 1000.0,
            burden,
            source: "SIPRI 2025 release: 2024 spending (current US$ bn) and share of GDP".into(),
        });
    }
    // One reaction per pair: a rivalry wins over cooperation ties; otherwise the strongest
    // alliance or partnership (e.g. ANZUS and AUKUS both join the USA and Australia).
    let mut ties: Vec<ArmsTie> = Vec::new();
    for t in r
        .scenario
        .ties
        .iter()
        .filter(|t| ids.contains(&t.actors[0]) && ids.contains(&t.actors[1]))
    {
        let kind = match t.kind {
            TieKind::Rivalry => ArmsTieKind::Rival,
            TieKind::Alliance => ArmsTieKind::Alliance,
            TieKind::Partnership => ArmsTieKind::Partnership,
            TieKind::Propensity => continue,
        };
        let tie = ArmsTie {
            from: t.actors[0].clone(),
            to: t.actors[1].clone(),
            kind,
            weight: point(t.weight, 1.0),
            directed: false,
        };
        let same = |x: &ArmsTie| {
            (x.from == tie.from && x.to == tie.to) || (x.from == tie.to && x.to == tie.from)
        };
        match ties.iter_mut().find(|x| same(x)) {
            None => ties.push(tie),
            Some(old) => {
                let rank = |k: ArmsTieKind| match k {
                    ArmsTieKind::Rival => 2,
                    ArmsTieKind::Alliance => 1,
                    ArmsTieKind::Partnership => 0,
                };
                if (rank(tie.kind), tie.weight) > (rank(old.kind), old.weight) {
                    *old = tie;
                }
            }
        }
    }
    let params = ArmsParams {
        rival_reaction: spec.rival_reaction.map(|u| u.point()),
        ally_reaction: spec.ally_reaction.map(|u| u.point()),
        fatigue_scale: spec.fatigue.map(|u| u.point()),
        ..ArmsParams::default()
    };
    Ok(ArmsSetup {
        actors,
        ties,
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escalate::dilemma::monte_carlo;
    use crate::escalate::richardson::{analyse, build};
    use crate::scenario::{FLAGSHIP, load_str};

    #[test]
    fn flagship_policies_run_and_rank_as_the_design_expects() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let policies = policy_setups(&r).unwrap();
        assert!(policies.len() >= 3);
        let spiral = |id: &str| {
            let p = policies.iter().find(|p| p.id == id).unwrap();
            monte_carlo(&p.setup, 4_000, 7).unwrap().spiral.estimate
        };
        // Grim trigger spirals at least as often as tit-for-tat, which spirals at least as often
        // as generous tit-for-tat.
        let (rival, hedge, engage) = (
            spiral("systemic-rival"),
            spiral("clear-eyed-hedging"),
            spiral("constructive-engagement"),
        );
        assert!(
            rival >= hedge && hedge >= engage,
            "{rival} {hedge} {engage}"
        );
    }

    #[test]
    fn setup_errors_read_as_before() {
        use std::error::Error as _;
        let bare = load_str(
            "format = 1\n[scenario]\nid = \"x\"\ntitle = \"x\"\nas_of = 2023-11-29\n\n\
             [[actor]]\nid = \"USA\"\n",
            "x.toml",
        )
        .unwrap();
        assert_eq!(policy_setups(&bare).unwrap_err(), SetupError::NoEscalate);
        assert_eq!(
            policy_setups(&bare).unwrap_err().to_string(),
            "the scenario has no [escalate] section"
        );
        assert_eq!(
            arms_setup(&bare).unwrap_err().to_string(),
            "no [richardson] actors and no [escalate] sides to take them from"
        );
        assert_eq!(
            SetupError::NoStrategy {
                policy: "p".into(),
                side: "west".into()
            }
            .to_string(),
            "policy `p` gives no strategy for side `west`"
        );
        assert_eq!(
            SetupError::NoCapability {
                id: "ISL".into(),
                reason: "it is 0".into()
            }
            .to_string(),
            "`ISL` needs a positive capability for dyad weights (it is 0); or set [escalate] \
             weights = \"equal\""
        );
        let game = Game::preset("no-such-game").unwrap_err();
        let e = SetupError::Game(game.clone());
        assert_eq!(e.to_string(), game.to_string());
        assert_eq!(e.source().map(|s| s.to_string()), Some(game.to_string()));
        let prior = Posterior::named("no-such-prior").unwrap_err();
        let e = SetupError::from(prior.clone());
        assert_eq!(e.to_string(), prior.to_string());
        assert!(e.source().is_some());
    }

    /// The flagship draws its behavioural parameters from the calibrated posterior; a value
    /// given explicitly is kept; `prior = "none"` restores the point values (the library
    /// defaults: noise 0.05, spillover 0.1, grievance 0, no exits).
    #[test]
    fn flagship_uses_the_calibrated_prior_and_explicit_values_override_it() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let setup = base_setup(&r).unwrap();
        let spec = setup.prior.clone().unwrap();
        assert_eq!(spec.name, "rivalries-1816-2010");
        assert!(spec.except.is_empty());
        let means = Posterior::named(&spec.name).unwrap().means();
        assert_eq!(setup.params.noise, means[0]);
        let explicit = FLAGSHIP.replace(
            "prior = \"rivalries-1816-2010\"",
            "prior = \"rivalries-1816-2010\"\nnoise = 0.05",
        );
        let r = load_str(&explicit, "f.toml").unwrap();
        let setup = base_setup(&r).unwrap();
        assert_eq!(setup.prior.unwrap().except, vec!["noise".to_string()]);
        assert_eq!(setup.params.noise, 0.05);
        let none = FLAGSHIP.replace("prior = \"rivalries-1816-2010\"", "prior = \"none\"");
        let setup = base_setup(&load_str(&none, "f.toml").unwrap()).unwrap();
        assert!(setup.prior.is_none());
        assert_eq!(
            setup.params,
            DilemmaParams {
                horizon: 40,
                ..DilemmaParams::default()
            }
        );
        // The drawn runs differ from the point-valued ones.
        let with = base_setup(&r).unwrap();
        let a = monte_carlo(&with, 500, 3).unwrap();
        let b = monte_carlo(&setup, 500, 3).unwrap();
        assert_ne!(a.spiral.hits, b.spiral.hits);
    }

    /// The output marks which parameters are fitted: on the flagship the six calibrated ones
    /// come from the posterior (weighted mean and 5–95 % quantiles of the bundled draws),
    /// contagion and interdependence are the scenario's assumptions, the rest defaults; a value
    /// given explicitly is an assumption, and without a prior nothing is calibrated.
    #[test]
    fn parameter_sources_mark_calibrated_values_and_assumptions() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let sources = parameter_sources(&r).unwrap();
        assert_eq!(sources.len(), 13);
        let find = |list: &[ParameterSource], key: &str| {
            list.iter().find(|p| p.key == key).unwrap().clone()
        };
        let post = Posterior::named("rivalries-1816-2010").unwrap();
        for (k, (param, _, _)) in PRIOR.iter().enumerate() {
            let p = find(&sources, param.key());
            assert!(p.calibrated, "{}", p.key);
            assert_eq!(p.basis, "posterior");
            assert_eq!(p.value, post.means()[k]);
            let [lo, hi] = p.interval.unwrap();
            assert!(
                lo < p.value && p.value < hi,
                "{} {lo} {} {hi}",
                p.key,
                p.value
            );
            assert!(
                post.values.iter().any(|v| v[k] == lo) && post.values.iter().any(|v| v[k] == hi)
            );
        }
        // Posterior (5–95 %) of the noise, as documented: 0.005–0.081.
        let noise = find(&sources, "noise");
        assert_eq!(noise.interval, Some([0.004504, 0.081297]));
        let contagion = find(&sources, "contagion");
        assert!(!contagion.calibrated);
        assert_eq!(
            (contagion.basis.as_str(), contagion.value),
            ("scenario", 0.1)
        );
        assert!(contagion.note.unwrap().contains("not identified"));
        assert_eq!(find(&sources, "interdependence").basis, "scenario");
        let optimism = find(&sources, "optimism");
        assert_eq!(
            (optimism.calibrated, optimism.basis.as_str()),
            (false, "default")
        );
        let explicit = FLAGSHIP.replace(
            "prior = \"rivalries-1816-2010\"",
            "prior = \"rivalries-1816-2010\"\nnoise = { low = 0.01, high = 0.09 }",
        );
        let given = parameter_sources(&load_str(&explicit, "f.toml").unwrap()).unwrap();
        let noise = find(&given, "noise");
        assert_eq!(
            (noise.calibrated, noise.basis.as_str()),
            (false, "scenario")
        );
        assert_eq!(noise.interval, Some([0.01, 0.09]));
        assert!(find(&given, "spillover").calibrated);
        let none = FLAGSHIP.replace("prior = \"rivalries-1816-2010\"", "prior = \"none\"");
        let plain = parameter_sources(&load_str(&none, "f.toml").unwrap()).unwrap();
        assert!(plain.iter().all(|p| !p.calibrated));
        assert_eq!(find(&plain, "noise").value, 0.05);
    }

    #[test]
    fn flagship_arms_race_builds_and_analyses() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let setup = arms_setup(&r).unwrap();
        assert!(setup.actors.iter().any(|a| a.id == "CHN"));
        let model = build(&setup).unwrap();
        let analysis = analyse(&model.model).unwrap();
        assert!(!analysis.eigenvalues.is_empty());
    }
}
