//! A Richardson model from plain inputs: actors with their spending and
//! burden, ties with a kind and weight, and four parameters. Every derived number is recorded
//! with the rule and inputs that produced it.

use super::{RichardsonError, RichardsonModel};
use crate::escalate::linalg::Matrix;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Default rival reaction r (per year): a rival at its base level adds r·w of one's own budget.
pub const DEFAULT_RIVAL_REACTION: f64 = 0.1;
/// Default ally reaction a (per year): 0, the sign is disputed (Olson & Zeckhauser 1966).
pub const DEFAULT_ALLY_REACTION: f64 = 0.0;
/// Default fatigue scale a₀ (per year per percentage point of GDP ×2): α = a₀·b/2.
pub const DEFAULT_FATIGUE_SCALE: f64 = 0.2;

/// One actor of an arms race.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArmsActor {
    /// Actor id.
    pub id: String,
    /// Base-year military expenditure x⁰, constant 2023 US$ bn.
    pub milex: f64,
    /// Military expenditure as % of GDP (the burden b, in percent: 3.4 means 3.4 %).
    pub burden: f64,
    /// Where `milex` and `burden` come from (e.g. "SIPRI 2024, base year 2023").
    pub source: String,
}

/// Kind of tie between two actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TieKind {
    /// Rivals react to each other's spending with r.
    Rival,
    /// Allies react with a.
    Alliance,
    /// Partners react with a (as allies).
    Partnership,
}

/// A tie; undirected ties set both k_ij and k_ji.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArmsTie {
    /// One end (actor id).
    pub from: String,
    /// Other end (actor id).
    pub to: String,
    /// Kind.
    pub kind: TieKind,
    /// Weight w ≥ 0 (1 = full).
    pub weight: f64,
    /// Only `from` reacts to `to`.
    #[serde(default)]
    pub directed: bool,
}

/// How grievances are set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GrievanceSpec {
    /// g = −M x⁰: the base year is a rest point, so stability is the informative output.
    Calibrated,
    /// Explicit g_i per actor id (US$ bn per year); every actor must be listed.
    Explicit(Vec<(String, f64)>),
}

/// Parameters; `None` takes the documented default (and is recorded as such).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArmsParams {
    /// r, per year (default 0.1).
    pub rival_reaction: Option<f64>,
    /// a, per year (default 0).
    pub ally_reaction: Option<f64>,
    /// a₀, per year (default 0.2).
    pub fatigue_scale: Option<f64>,
    /// Grievance mode (default calibrated).
    pub grievance: GrievanceSpec,
}

impl Default for ArmsParams {
    fn default() -> Self {
        ArmsParams {
            rival_reaction: None,
            ally_reaction: None,
            fatigue_scale: None,
            grievance: GrievanceSpec::Calibrated,
        }
    }
}

/// Plain inputs of [`build`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArmsSetup {
    /// Actors in model order.
    pub actors: Vec<ArmsActor>,
    /// Ties.
    #[serde(default)]
    pub ties: Vec<ArmsTie>,
    /// Parameters.
    #[serde(default)]
    pub params: ArmsParams,
}

/// Where a derived number came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// The quantity, e.g. `k[usa→china]`.
    pub quantity: String,
    /// Its value.
    pub value: f64,
    /// Rule and inputs, e.g. `r·w·x⁰_i/x⁰_j = 0.1·1·916/296 (rival tie; r default)`.
    pub source: String,
}

/// A built model with its base levels and the provenance of every number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArmsModel {
    /// The model.
    pub model: RichardsonModel,
    /// Base-year levels x⁰ (US$ bn).
    pub baseline: Vec<f64>,
    /// One entry per parameter, base level, reaction, fatigue and grievance.
    pub provenance: Vec<Provenance>,
}

fn param(
    value: Option<f64>,
    default: f64,
    name: &str,
) -> Result<(f64, &'static str), RichardsonError> {
    match value {
        None => Ok((default, "default")),
        Some(v) if v.is_finite() => Ok((v, "scenario")),
        Some(v) => Err(RichardsonError::Input(format!(
            "{name} must be finite, got {v}"
        ))),
    }
}

/// Derive a Richardson model: k_ij = r·w_ij·x⁰_i/x⁰_j for rival ties, a·w_ij·x⁰_i/x⁰_j for
/// alliance/partnership ties, α_i = a₀·b_i/2, g calibrated (−M x⁰) or explicit.
pub fn build(setup: &ArmsSetup) -> Result<ArmsModel, RichardsonError> {
    let n = setup.actors.len();
    if n == 0 {
        return Err(RichardsonError::Input("an arms race needs actors".into()));
    }
    let mut index = HashMap::new();
    let mut prov = Vec::new();
    for (i, a) in setup.actors.iter().enumerate() {
        if index.insert(a.id.as_str(), i).is_some() {
            return Err(RichardsonError::Input(format!(
                "actor {} is listed twice",
                a.id
            )));
        }
        if !(a.milex.is_finite() && a.milex > 0.0) {
            return Err(RichardsonError::Input(format!(
                "{}: military expenditure must be a positive number of US$ bn, got {}",
                a.id, a.milex
            )));
        }
        if !(a.burden.is_finite() && a.burden > 0.0) {
            return Err(RichardsonError::Input(format!(
                "{}: military burden must be a positive % of GDP, got {}",
                a.id, a.burden
            )));
        }
        prov.push(Provenance {
            quantity: format!("x0[{}]", a.id),
            value: a.milex,
            source: format!("base-year military expenditure, US$ bn ({})", a.source),
        });
    }
    let p = &setup.params;
    let (r, r_src) = param(p.rival_reaction, DEFAULT_RIVAL_REACTION, "rival reaction r")?;
    let (a, a_src) = param(p.ally_reaction, DEFAULT_ALLY_REACTION, "ally reaction a")?;
    let (a0, a0_src) = param(p.fatigue_scale, DEFAULT_FATIGUE_SCALE, "fatigue scale a0")?;
    for (q, v, s) in [("r", r, r_src), ("a", a, a_src), ("a0", a0, a0_src)] {
        prov.push(Provenance {
            quantity: q.into(),
            value: v,
            source: s.to_string(),
        });
    }
    let x0: Vec<f64> = setup.actors.iter().map(|a| a.milex).collect();
    let mut reaction = Matrix::zeros(n, n);
    let mut seen = vec![vec![false; n]; n];
    for tie in &setup.ties {
        let lookup = |id: &str| {
            index
                .get(id)
                .copied()
                .ok_or_else(|| RichardsonError::Input(format!("tie refers to unknown actor {id}")))
        };
        let (i, j) = (lookup(&tie.from)?, lookup(&tie.to)?);
        if i == j {
            return Err(RichardsonError::Input(format!(
                "{} cannot be tied to itself",
                tie.from
            )));
        }
        if !(tie.weight.is_finite() && tie.weight >= 0.0) {
            return Err(RichardsonError::Input(format!(
                "tie {}–{}: weight must be a non-negative number, got {}",
                tie.from, tie.to, tie.weight
            )));
        }
        let (coef, name, src) = match tie.kind {
            TieKind::Rival => (r, "r", "rival tie"),
            TieKind::Alliance => (a, "a", "alliance tie"),
            TieKind::Partnership => (a, "a", "partnership tie"),
        };
        let pairs: &[(usize, usize)] = if tie.directed {
            &[(i, j)][..]
        } else {
            &[(i, j), (j, i)][..]
        };
        for &(p_, q) in pairs {
            if seen[p_][q] {
                return Err(RichardsonError::Input(format!(
                    "more than one tie sets the reaction of {} to {}",
                    setup.actors[p_].id, setup.actors[q].id
                )));
            }
            seen[p_][q] = true;
            let k = coef * tie.weight * x0[p_] / x0[q];
            reaction[(p_, q)] = k;
            prov.push(Provenance {
                quantity: format!("k[{}→{}]", setup.actors[p_].id, setup.actors[q].id),
                value: k,
                source: format!(
                    "{name}·w·x0_i/x0_j = {coef}·{}·{}/{} ({src})",
                    tie.weight, x0[p_], x0[q]
                ),
            });
        }
    }
    let fatigue: Vec<f64> = setup
        .actors
        .iter()
        .map(|act| {
            let alpha = a0 * act.burden / 2.0;
            prov.push(Provenance {
                quantity: format!("alpha[{}]", act.id),
                value: alpha,
                source: format!(
                    "a0·b/2 = {a0}·{}/2 (burden, % of GDP; {})",
                    act.burden, act.source
                ),
            });
            alpha
        })
        .collect();
    let mut m = reaction.clone();
    for (i, al) in fatigue.iter().enumerate() {
        m[(i, i)] -= al;
    }
    let grievance = match &p.grievance {
        GrievanceSpec::Calibrated => {
            let mx = m.mul_vec(&x0)?;
            mx.iter()
                .enumerate()
                .map(|(i, v)| {
                    prov.push(Provenance {
                        quantity: format!("g[{}]", setup.actors[i].id),
                        value: -v,
                        source: "calibrated: g = −M x0 (base year is a rest point)".into(),
                    });
                    -v
                })
                .collect()
        }
        GrievanceSpec::Explicit(list) => {
            let mut g = vec![None; n];
            for (id, v) in list {
                let i = *index.get(id.as_str()).ok_or_else(|| {
                    RichardsonError::Input(format!("grievance given for unknown actor {id}"))
                })?;
                if !v.is_finite() {
                    return Err(RichardsonError::Input(format!(
                        "grievance of {id} must be finite"
                    )));
                }
                g[i] = Some(*v);
            }
            g.iter()
                .enumerate()
                .map(|(i, v)| {
                    let id = &setup.actors[i].id;
                    let v = v.ok_or_else(|| {
                        RichardsonError::Input(format!("explicit grievance missing for {id}"))
                    })?;
                    prov.push(Provenance {
                        quantity: format!("g[{id}]"),
                        value: v,
                        source: "explicit (scenario)".into(),
                    });
                    Ok(v)
                })
                .collect::<Result<Vec<f64>, RichardsonError>>()?
        }
    };
    let model = RichardsonModel::new(
        setup.actors.iter().map(|a| a.id.clone()).collect(),
        reaction,
        fatigue,
        grievance,
    )?;
    Ok(ArmsModel {
        model,
        baseline: x0,
        provenance: prov,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: &str, milex: f64, burden: f64) -> ArmsActor {
        ArmsActor {
            id: id.into(),
            milex,
            burden,
            source: "test".into(),
        }
    }

    #[test]
    fn calibrated_model_rests_at_the_base_year() {
        let setup = ArmsSetup {
            actors: vec![actor("a", 900.0, 3.4), actor("b", 300.0, 1.7)],
            ties: vec![ArmsTie {
                from: "a".into(),
                to: "b".into(),
                kind: TieKind::Rival,
                weight: 1.0,
                directed: false,
            }],
            params: ArmsParams::default(),
        };
        let built = build(&setup).unwrap();
        assert!((built.model.reaction[(0, 1)] - 0.1 * 900.0 / 300.0).abs() < 1e-12);
        assert!((built.model.reaction[(1, 0)] - 0.1 * 300.0 / 900.0).abs() < 1e-12);
        assert!((built.model.fatigue[0] - 0.34).abs() < 1e-12);
        let eq = built.model.equilibrium().unwrap();
        assert!((eq[0] - 900.0).abs() < 1e-9 && (eq[1] - 300.0).abs() < 1e-9);
        assert!(built.provenance.iter().any(|p| p.quantity == "k[a→b]"));
        assert!(built.provenance.iter().any(|p| p.quantity == "g[b]"));
    }

    #[test]
    fn bad_inputs_are_errors() {
        let mut setup = ArmsSetup {
            actors: vec![actor("a", 0.0, 3.0)],
            ties: vec![],
            params: ArmsParams::default(),
        };
        assert!(build(&setup).is_err());
        setup.actors = vec![actor("a", 1.0, 3.0), actor("b", 1.0, 2.0)];
        setup.ties = vec![ArmsTie {
            from: "a".into(),
            to: "zz".into(),
            kind: TieKind::Alliance,
            weight: 1.0,
            directed: true,
        }];
        assert!(build(&setup).is_err());
        setup.ties.clear();
        setup.params.grievance = GrievanceSpec::Explicit(vec![("a".into(), 1.0)]);
        assert!(build(&setup).is_err());
    }
}
