//! Propensities and sizes from data: a pure function from plain per-actor
//! attributes, alliance links and scenario ties to a [`Landscape`], with the per-term breakdown
//! of every pair (for `--explain A B`) and diagnostics for missing data.
//!
//! Each term `f_t(i, j)` is symmetric and lies in [−1, 1]; `p_ij = Σ_t w_t f_t / Σ_t |w_t|`, so
//! `p ∈ [−1, 1]` whatever the weights. A `propensity` tie sets `p_ij` directly and wins.

use super::error::{AlignError, AlignResultOf};
use super::landscape::{Landscape, LandscapeActor};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Organisations counted by the `shared_org` term.
pub const SHARED_ORGS: [&str; 5] = ["EU", "SCO", "BRICS", "Quad", "AUKUS"];
/// Partners whose trade shares are bundled (`trade_share`).
pub const TRADE_HUBS: [&str; 3] = ["CHN", "USA", "RUS"];
/// Width `G` of the ideal-point scale for the July-2025 UNGA release.
pub const IDEAL_POINT_SCALE: f64 = 2.0;

/// How an actor's size is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SizeMeasure {
    /// COW NMC v7 CINC (2022).
    #[default]
    Cinc,
    /// SIPRI military expenditure 2024, current US$.
    Milex,
    /// IMF WEO GDP 2024.
    Gdp,
    /// Population.
    Population,
    /// Every actor the same size.
    Equal,
    /// The explicit capability each actor declares.
    Capability,
}

impl std::str::FromStr for SizeMeasure {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "cinc" => SizeMeasure::Cinc,
            "milex" => SizeMeasure::Milex,
            "gdp" => SizeMeasure::Gdp,
            "population" => SizeMeasure::Population,
            "equal" => SizeMeasure::Equal,
            "capability" => SizeMeasure::Capability,
            _ => {
                return Err(format!(
                    "unknown size measure '{s}' (cinc, milex, gdp, population, equal, capability)"
                ));
            }
        })
    }
}

/// One actor's attributes for the builder (all optional except the id).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ActorAttributes {
    /// Identifier (ISO3 for states).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Explicit capability; wins over every measure when given.
    pub capability: Option<f64>,
    /// CINC score.
    pub cinc: Option<f64>,
    /// Military expenditure, US$ m.
    pub milex: Option<f64>,
    /// GDP, US$ bn.
    pub gdp: Option<f64>,
    /// Population, millions.
    pub population: Option<f64>,
    /// UNGA ideal point (one release only; never mix releases in one run).
    pub ideal_point: Option<f64>,
    /// Memberships among [`SHARED_ORGS`] (others are ignored).
    pub organisations: Vec<String>,
    /// Share of the actor's total trade with each of [`TRADE_HUBS`], as a fraction in [0, 1].
    pub trade_share: BTreeMap<String, f64>,
}

/// A defence commitment between two actors: strength 1 for a mutual-defence treaty, 0.5 for a
/// weaker pledge (`shared_alliance`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllianceLink {
    /// One party.
    pub a: String,
    /// The other party.
    pub b: String,
    /// 1.0 (mutual defence) or 0.5 (weaker pledge).
    pub strength: f64,
    /// Treaty or pledge name, for explanations.
    pub source: String,
}

/// Kind of a scenario tie (`[[tie]]` in docs/scenario-format.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TieKind {
    /// `+w` to the `ties` term.
    Alliance,
    /// `+w/2` to the `ties` term.
    Partnership,
    /// `−w` to the `ties` term.
    Rivalry,
    /// Sets `p_ij = w` directly, after normalisation (wins over the computed value).
    Propensity,
}

/// A scenario tie between two actors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tie {
    /// Kind of tie.
    pub kind: TieKind,
    /// One end.
    pub a: String,
    /// The other end.
    pub b: String,
    /// Weight `w` (default 1 in scenarios); for `propensity`, the value of `p_ij`.
    pub weight: f64,
}

/// Term weights `w_t` (table; TOML keys as field names).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TermWeights {
    /// Shared mutual-defence treaty (1) or weaker pledge (0.5). Default 1.0.
    pub shared_alliance: f64,
    /// Shared memberships among EU, SCO, BRICS, Quad, AUKUS, capped at 2, halved. Default 0.5.
    pub shared_org: f64,
    /// Ideal-point distance term (−1 identical … +1 at gap ≥ G). Default −1.0.
    pub ideal_point_gap: f64,
    /// Larger directed trade share when one side is CHN, USA or RUS. Default 0.5.
    pub trade_share: f64,
    /// Scenario ties (alliance, partnership, rivalry). Default 1.0.
    pub ties: f64,
    /// Constant 1 (a global shift; negative = more realist). Default 0.
    pub baseline: f64,
}

impl Default for TermWeights {
    fn default() -> Self {
        TermWeights {
            shared_alliance: 1.0,
            shared_org: 0.5,
            ideal_point_gap: -1.0,
            trade_share: 0.5,
            ties: 1.0,
            baseline: 0.0,
        }
    }
}

impl TermWeights {
    fn as_array(&self) -> [f64; 6] {
        [
            self.shared_alliance,
            self.shared_org,
            self.ideal_point_gap,
            self.trade_share,
            self.ties,
            self.baseline,
        ]
    }
}

/// Names of the terms, in [`PairBreakdown::terms`] order.
pub const TERM_NAMES: [&str; 6] = [
    "shared_alliance",
    "shared_org",
    "ideal_point_gap",
    "trade_share",
    "ties",
    "baseline",
];

/// Everything the builder needs, as plain data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PropensityInputs {
    /// Actors in scenario order.
    pub actors: Vec<ActorAttributes>,
    /// Defence commitments (pairs); the strongest link of a pair counts.
    pub alliances: Vec<AllianceLink>,
    /// Scenario ties.
    pub ties: Vec<Tie>,
    /// Term weights.
    pub weights: TermWeights,
    /// Size measure.
    pub size: SizeMeasure,
    /// Ideal-point scale width `G`.
    pub ideal_point_scale: f64,
}

/// One term of one pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermValue {
    /// Term name (TOML key).
    pub term: String,
    /// `f_t(i, j)` in [−1, 1]; `None` when data were missing (then it counts as 0).
    pub value: Option<f64>,
    /// `w_t f_t / Σ|w|`, its share of `p_ij`.
    pub contribution: f64,
    /// Where the value came from (treaty names, data columns, ties).
    pub note: String,
}

/// The per-term breakdown of one pair's propensity (for `--explain A B`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairBreakdown {
    /// First actor (scenario order).
    pub a: String,
    /// Second actor.
    pub b: String,
    /// Terms in [`TERM_NAMES`] order.
    pub terms: Vec<TermValue>,
    /// The computed `Σ_t w_t f_t / Σ|w_t|`.
    pub computed: f64,
    /// The `p_ij` used (the computed value unless a `propensity` tie set it).
    pub p: f64,
    /// Whether a `propensity` tie set `p_ij`.
    pub overridden: bool,
}

/// The builder's output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BuiltPropensities {
    /// The landscape (sizes as measured, not normalised: only ratios matter and exact decimals
    /// stay exact; outputs report shares).
    pub landscape: Landscape,
    /// Every pair `i < j` in scenario order.
    pub pairs: Vec<PairBreakdown>,
    /// Missing data and caveats.
    pub diagnostics: Vec<String>,
}

impl BuiltPropensities {
    /// The breakdown for a pair, in either order.
    pub fn explain(&self, a: &str, b: &str) -> Option<&PairBreakdown> {
        self.pairs
            .iter()
            .find(|p| (p.a == a && p.b == b) || (p.a == b && p.b == a))
    }
}

fn size_of(a: &ActorAttributes, m: SizeMeasure) -> AlignResultOf<f64> {
    let (v, what) = match (a.capability, m) {
        (Some(c), _) => (Some(c), "capability"),
        (None, SizeMeasure::Cinc) => (a.cinc, "cinc"),
        (None, SizeMeasure::Milex) => (a.milex, "milex"),
        (None, SizeMeasure::Gdp) => (a.gdp, "gdp"),
        (None, SizeMeasure::Population) => (a.population, "population"),
        (None, SizeMeasure::Equal) => (Some(1.0), "equal"),
        (None, SizeMeasure::Capability) => (None, "capability"),
    };
    match v {
        Some(x) if x.is_finite() && x > 0.0 => Ok(x),
        Some(x) => Err(AlignError::Input(format!(
            "actor {}: size by {what} is {x}; sizes must be > 0 (supply a capability)",
            a.id
        ))),
        None => Err(AlignError::Input(format!(
            "actor {}: no {what} figure; supply a capability or choose another size measure",
            a.id
        ))),
    }
}

/// Ideal-point term: `clamp((|x_i − x_j| − G/2)/(G/2), −1, 1)`.
pub fn ideal_point_term(xi: f64, xj: f64, g: f64) -> f64 {
    ((xi - xj).abs() - g / 2.0) / (g / 2.0)
}

/// Builds the landscape. Fails on unknown tie ends, non-positive sizes, non-finite values
/// or all-zero weights; missing data for a term only zeroes that term and is reported.
pub fn build_propensities(inputs: &PropensityInputs) -> AlignResultOf<BuiltPropensities> {
    let n = inputs.actors.len();
    let w = inputs.weights.as_array();
    if w.iter().any(|x| !x.is_finite()) {
        return Err(AlignError::Input("term weights must be finite".into()));
    }
    let norm: f64 = w.iter().map(|x| x.abs()).sum();
    if norm == 0.0 {
        return Err(AlignError::Input("every term weight is 0".into()));
    }
    let g = inputs.ideal_point_scale;
    if !(g.is_finite() && g > 0.0) {
        return Err(AlignError::Input("ideal-point scale must be > 0".into()));
    }
    let index: BTreeMap<&str, usize> = inputs
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    if index.len() != n {
        return Err(AlignError::Input("duplicate actor ids".into()));
    }
    let lookup = |id: &str, what: &str| {
        index
            .get(id)
            .copied()
            .ok_or_else(|| AlignError::Input(format!("{what} names unknown actor '{id}'")))
    };
    let mut alliance: BTreeMap<(usize, usize), (f64, String)> = BTreeMap::new();
    for link in &inputs.alliances {
        let (Some(&i), Some(&j)) = (index.get(link.a.as_str()), index.get(link.b.as_str())) else {
            continue; // a treaty party outside the scenario
        };
        if i == j {
            continue;
        }
        let key = (i.min(j), i.max(j));
        let e = alliance.entry(key).or_insert((0.0, String::new()));
        if link.strength > e.0 {
            *e = (link.strength, link.source.clone());
        } else if link.strength == e.0 && !e.1.split(", ").any(|s| s == link.source) {
            e.1 = format!("{}, {}", e.1, link.source);
        }
    }
    let mut ties: BTreeMap<(usize, usize), (f64, Vec<String>)> = BTreeMap::new();
    let mut direct: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for t in &inputs.ties {
        let i = lookup(&t.a, "a tie")?;
        let j = lookup(&t.b, "a tie")?;
        if i == j || !t.weight.is_finite() {
            return Err(AlignError::Input(format!(
                "tie {}–{}: ends must differ and the weight be finite",
                t.a, t.b
            )));
        }
        let key = (i.min(j), i.max(j));
        let (v, label) = match t.kind {
            TieKind::Alliance => (t.weight, "alliance"),
            TieKind::Partnership => (t.weight / 2.0, "partnership"),
            TieKind::Rivalry => (-t.weight, "rivalry"),
            TieKind::Propensity => {
                direct.insert(key, t.weight);
                continue;
            }
        };
        let e = ties.entry(key).or_insert((0.0, Vec::new()));
        e.0 += v;
        e.1.push(format!("{label} {}", t.weight));
    }
    let mut sizes = Vec::with_capacity(n);
    for a in &inputs.actors {
        sizes.push(size_of(a, inputs.size)?);
    }
    let orgs: Vec<BTreeSet<&str>> = inputs
        .actors
        .iter()
        .map(|a| {
            a.organisations
                .iter()
                .map(String::as_str)
                .filter(|o| SHARED_ORGS.contains(o))
                .collect()
        })
        .collect();
    let mut missing: BTreeMap<(String, &str), usize> = BTreeMap::new();
    let mut p = vec![0.0; n * n];
    let mut pairs = Vec::with_capacity(n * (n.saturating_sub(1)) / 2);
    for i in 0..n {
        for j in (i + 1)..n {
            let (ai, aj) = (&inputs.actors[i], &inputs.actors[j]);
            let overridden = direct.contains_key(&(i, j));
            let mut values: [(Option<f64>, String); 6] = Default::default();
            values[0] = match alliance.get(&(i, j)) {
                Some((s, src)) => (Some(*s), src.clone()),
                None => (Some(0.0), String::new()),
            };
            let shared: Vec<&str> = orgs[i].intersection(&orgs[j]).copied().collect();
            values[1] = (Some(shared.len().min(2) as f64 / 2.0), shared.join(", "));
            values[2] = match (ai.ideal_point, aj.ideal_point) {
                (Some(x), Some(y)) => (
                    Some(ideal_point_term(x, y, g).clamp(-1.0, 1.0)),
                    format!("{x} vs {y}"),
                ),
                (x, y) => {
                    if !overridden && w[2] != 0.0 {
                        for (m, a) in [(x, ai), (y, aj)] {
                            if m.is_none() {
                                *missing
                                    .entry((a.id.clone(), "ideal_point_gap"))
                                    .or_default() += 1;
                            }
                        }
                    }
                    (None, "no ideal point".into())
                }
            };
            values[3] = trade_term(ai, aj);
            if values[3].0.is_none() && !overridden && w[3] != 0.0 {
                let who = if TRADE_HUBS.contains(&ai.id.as_str()) {
                    aj
                } else {
                    ai
                };
                *missing.entry((who.id.clone(), "trade_share")).or_default() += 1;
            }
            values[4] = match ties.get(&(i, j)) {
                Some((v, labels)) => (Some(v.clamp(-1.0, 1.0)), labels.join(", ")),
                None => (Some(0.0), String::new()),
            };
            values[5] = (Some(1.0), String::new());
            let terms: Vec<TermValue> = values
                .iter()
                .zip(TERM_NAMES)
                .zip(w)
                .map(|(((v, note), name), wt)| TermValue {
                    term: name.to_string(),
                    value: *v,
                    contribution: wt * v.unwrap_or(0.0) / norm,
                    note: note.clone(),
                })
                .collect();
            let computed: f64 = terms.iter().map(|t| t.contribution).sum();
            let used = direct.get(&(i, j)).copied().unwrap_or(computed);
            p[i * n + j] = used;
            p[j * n + i] = used;
            pairs.push(PairBreakdown {
                a: ai.id.clone(),
                b: aj.id.clone(),
                terms,
                computed,
                p: used,
                overridden,
            });
        }
    }
    let mut diagnostics: Vec<String> = missing
        .into_iter()
        .map(|((id, term), count)| {
            format!("{id}: missing data for {term}; the term is 0 for {count} pair(s)")
        })
        .collect();
    if w[3] != 0.0 {
        diagnostics.push(
            "trade_share uses 2020 (pre-2022) IMF DOTS shares with CHN, USA and RUS only".into(),
        );
    }
    let actors = inputs
        .actors
        .iter()
        .zip(&sizes)
        .map(|(a, &s)| LandscapeActor {
            id: a.id.clone(),
            size: s,
        })
        .collect();
    Ok(BuiltPropensities {
        landscape: Landscape::new(actors, p)?,
        pairs,
        diagnostics,
    })
}

/// Larger directed share where the partner is a trade hub; `Some(0)` when neither is a hub
/// (dyadic trade for other pairs is not bundled); `None` when a hub pair lacks both figures.
fn trade_term(ai: &ActorAttributes, aj: &ActorAttributes) -> (Option<f64>, String) {
    let hub_i = TRADE_HUBS.contains(&ai.id.as_str());
    let hub_j = TRADE_HUBS.contains(&aj.id.as_str());
    if !hub_i && !hub_j {
        return (Some(0.0), String::new());
    }
    let mut best: Option<(f64, String)> = None;
    let directed = [(ai, aj, hub_j), (aj, ai, hub_i)];
    for (from, to, partner_is_hub) in directed {
        if !partner_is_hub {
            continue;
        }
        if let Some(&s) = from.trade_share.get(&to.id)
            && s.is_finite()
            && best.as_ref().is_none_or(|(b, _)| s > *b)
        {
            best = Some((s, format!("{} share of {} trade", to.id, from.id)));
        }
    }
    match best {
        Some((s, note)) => (Some(s.clamp(0.0, 1.0)), note),
        None => (None, "no trade figure".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: &str, ip: Option<f64>) -> ActorAttributes {
        ActorAttributes {
            id: id.into(),
            name: id.into(),
            cinc: Some(0.1),
            ideal_point: ip,
            ..Default::default()
        }
    }

    #[test]
    fn ideal_point_term_spans_minus_one_to_one() {
        assert_eq!(ideal_point_term(1.0, 1.0, 2.0), -1.0);
        assert_eq!(ideal_point_term(0.0, 1.0, 2.0), 0.0);
        assert_eq!(ideal_point_term(0.0, 2.0, 2.0), 1.0);
    }

    #[test]
    fn terms_combine_with_normalised_weights_and_ties_override() {
        let mut a = actor("AAA", Some(1.0));
        a.organisations = vec!["EU".into(), "NATO".into()];
        let mut b = actor("BBB", Some(1.0));
        b.organisations = vec!["EU".into()];
        let c = actor("CCC", None);
        let inputs = PropensityInputs {
            actors: vec![a, b, c],
            alliances: vec![AllianceLink {
                a: "AAA".into(),
                b: "BBB".into(),
                strength: 1.0,
                source: "T".into(),
            }],
            ties: vec![
                Tie {
                    kind: TieKind::Rivalry,
                    a: "AAA".into(),
                    b: "BBB".into(),
                    weight: 0.4,
                },
                Tie {
                    kind: TieKind::Propensity,
                    a: "AAA".into(),
                    b: "CCC".into(),
                    weight: -0.3,
                },
            ],
            weights: TermWeights::default(),
            size: SizeMeasure::Cinc,
            ideal_point_scale: 2.0,
        };
        let built = build_propensities(&inputs).unwrap();
        // (1·1 + 0.5·0.5 − 1·(−1) + 0.5·0 + 1·(−0.4)) / 4 = 1.85 / 4.
        let ab = built.explain("BBB", "AAA").unwrap();
        assert!((ab.p - 1.85 / 4.0).abs() < 1e-12);
        assert_eq!(built.landscape.p(0, 1), ab.p);
        assert_eq!(built.landscape.p(0, 2), -0.3);
        assert!(built.explain("AAA", "CCC").unwrap().overridden);
        // CCC lacks an ideal point: reported once for its one non-overridden pair.
        assert!(
            built.diagnostics.iter().any(
                |d| d.starts_with("CCC: missing data for ideal_point_gap; the term is 0 for 1")
            )
        );
    }

    #[test]
    fn bad_inputs_are_errors() {
        let mut inputs = PropensityInputs {
            actors: vec![actor("AAA", None), actor("BBB", None)],
            alliances: vec![],
            ties: vec![Tie {
                kind: TieKind::Alliance,
                a: "AAA".into(),
                b: "ZZZ".into(),
                weight: 1.0,
            }],
            weights: TermWeights::default(),
            size: SizeMeasure::Milex,
            ideal_point_scale: 2.0,
        };
        assert!(build_propensities(&inputs).is_err());
        inputs.ties.clear();
        let err = build_propensities(&inputs).unwrap_err();
        assert!(err.to_string().contains("no milex"));
        inputs.size = SizeMeasure::Equal;
        inputs.weights = TermWeights {
            shared_alliance: 0.0,
            shared_org: 0.0,
            ideal_point_gap: 0.0,
            trade_share: 0.0,
            ties: 0.0,
            baseline: 0.0,
        };
        assert!(build_propensities(&inputs).is_err());
    }
}
