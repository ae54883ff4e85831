//! Propensities and sizes from data: a pure function from plain per-actor
//! attributes, alliance links and scenario ties to a [`Landscape`], with the per-term breakdown
//! of every pair (for `--explain A B`) and diagnostics for missing data.
//!
//! Each term `f_t(i, j)` is symmetric and lies in [−1, 1]; `p_ij = Σ_t w_t f_t / Σ_t |w_t|`, the
//! norm over the terms that have a value for at least one pair (a missing value counts 0), so
//! `p ∈ [−1, 1]` whatever the weights. A `propensity` tie sets `p_ij` directly and wins.
//!
//! The terms (docs/align.md has the table):
//!
//! ```text
//! shared_alliance      strongest alliance link: 1 defence pact, 0.5 weaker pledge, 0 none
//! shared_org           min(1, Σ_{o shared} τ_o), τ_o the weight of the organisation's type
//!                      (ORGANISATION_TYPES: union 1, security partnership 0.5, forum 0.25)
//! ideal_point_gap      clamp((|x_i − x_j| − G/2)/(G/2), −1, 1)
//! trade_share          larger directed trade share with a hub (CHN, USA, RUS)
//! ties                 scenario ties, clamped to [−1, 1]
//! baseline             1
//! alliance_similarity  Cohen's κ of the two alliance portfolios (portfolio.rs, P1–P3)
//! conflict_10/_20      −min(1, Σ_y h_y / 10) over the last 10 / 20 years (history_conflict.rs, C1)
//! rivalry              −1 during a strategic rivalry (history_conflict.rs, C2)
//! ```

use super::error::{AlignError, AlignResultOf};
use super::history_conflict::{
    LAST_MID_YEAR, LAST_RIVALRY_YEAR, conflict_term, covered_window, rivalry_term,
};
use super::landscape::{Landscape, LandscapeActor};
use super::portfolio::portfolio_similarity;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Organisations counted by the `shared_org` term.
pub const SHARED_ORGS: [&str; 5] = ["EU", "SCO", "BRICS", "Quad", "AUKUS"];

/// The type of each organisation of [`SHARED_ORGS`] and its weight `τ_o` in `shared_org`: a
/// union whose members pledge each other assistance (the EU, Art. 42(7) TEU) counts 1, a
/// security partnership without a defence guarantee (SCO, AUKUS) 0.5, a dialogue forum
/// (BRICS, the Quad) 0.25. Mutual-defence treaties are not here: they are `shared_alliance`.
pub const ORGANISATION_TYPES: [(&str, &str, f64); 5] = [
    ("EU", "union with a mutual-assistance clause", 1.0),
    ("SCO", "security partnership", 0.5),
    ("AUKUS", "security partnership", 0.5),
    ("BRICS", "dialogue forum", 0.25),
    ("Quad", "dialogue forum", 0.25),
];

/// `τ_o` for an organisation of [`SHARED_ORGS`] (0 for any other).
pub fn organisation_weight(org: &str) -> f64 {
    ORGANISATION_TYPES
        .iter()
        .find(|(o, _, _)| *o == org)
        .map_or(0.0, |t| t.2)
}
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
    type Err = super::UnknownName;
    fn from_str(s: &str) -> Result<Self, super::UnknownName> {
        Ok(match s {
            "cinc" => SizeMeasure::Cinc,
            "milex" => SizeMeasure::Milex,
            "gdp" => SizeMeasure::Gdp,
            "population" => SizeMeasure::Population,
            "equal" => SizeMeasure::Equal,
            "capability" => SizeMeasure::Capability,
            _ => {
                return Err(super::UnknownName {
                    kind: "size measure",
                    given: s.to_string(),
                    known: "cinc, milex, gdp, population, equal, capability",
                });
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
    /// COW state code, for the conflict-history terms (`None`: those terms are missing).
    #[serde(default)]
    pub cow_ccode: Option<u32>,
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

/// Term weights `w_t` (table; TOML keys as field names). The default is the calibrated set
/// ([`TermWeights::calibrated`], `data/calibration/align-weights.csv`, fitted by
/// `detente calibrate align`); the hand-set weights used before are [`TermWeights::classic`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
#[cfg_attr(feature = "schema", schemars(rename = "PropensityWeights"))]
pub struct TermWeights {
    /// Shared mutual-defence treaty (1) or weaker pledge (0.5).
    pub shared_alliance: f64,
    /// Shared memberships among EU, SCO, BRICS, Quad, AUKUS, weighted by type.
    pub shared_org: f64,
    /// Ideal-point distance term (−1 identical … +1 at gap ≥ G).
    pub ideal_point_gap: f64,
    /// Larger directed trade share when one side is CHN, USA or RUS.
    pub trade_share: f64,
    /// Scenario ties (alliance, partnership, rivalry).
    pub ties: f64,
    /// Constant 1 (a global shift; negative = more realist).
    pub baseline: f64,
    /// Alliance-portfolio similarity (Cohen's κ).
    pub alliance_similarity: f64,
    /// Disputes and their hostility in the last 10 years (≤ 0).
    pub conflict_10: f64,
    /// Disputes and their hostility in the last 20 years (≤ 0).
    pub conflict_20: f64,
    /// A strategic rivalry in progress (−1).
    pub rivalry: f64,
}

impl Default for TermWeights {
    fn default() -> Self {
        TermWeights::calibrated()
    }
}

/// Number of propensity terms.
pub const TERM_COUNT: usize = 10;

impl TermWeights {
    /// The hand-set weights used before the calibration (the six original terms; the history
    /// terms off).
    pub fn classic() -> Self {
        TermWeights {
            shared_alliance: 1.0,
            shared_org: 0.5,
            ideal_point_gap: -1.0,
            trade_share: 0.5,
            ties: 1.0,
            baseline: 0.0,
            alliance_similarity: 0.0,
            conflict_10: 0.0,
            conflict_20: 0.0,
            rivalry: 0.0,
        }
    }

    /// The weights in [`TERM_NAMES`] order.
    pub fn as_array(&self) -> [f64; TERM_COUNT] {
        [
            self.shared_alliance,
            self.shared_org,
            self.ideal_point_gap,
            self.trade_share,
            self.ties,
            self.baseline,
            self.alliance_similarity,
            self.conflict_10,
            self.conflict_20,
            self.rivalry,
        ]
    }

    /// The weights from an array in [`TERM_NAMES`] order.
    pub fn from_array(w: [f64; TERM_COUNT]) -> Self {
        TermWeights {
            shared_alliance: w[0],
            shared_org: w[1],
            ideal_point_gap: w[2],
            trade_share: w[3],
            ties: w[4],
            baseline: w[5],
            alliance_similarity: w[6],
            conflict_10: w[7],
            conflict_20: w[8],
            rivalry: w[9],
        }
    }
}

/// Names of the terms, in [`PairBreakdown::terms`] order.
pub const TERM_NAMES: [&str; TERM_COUNT] = [
    "shared_alliance",
    "shared_org",
    "ideal_point_gap",
    "trade_share",
    "ties",
    "baseline",
    "alliance_similarity",
    "conflict_10",
    "conflict_20",
    "rivalry",
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
    /// The year the conflict-history terms are read for (the `as_of` year); `None` leaves them
    /// missing.
    #[serde(default)]
    pub history_year: Option<i32>,
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
    let mut diagnostics_head: Vec<String> = Vec::new();
    let portfolio = {
        let links: Vec<(usize, usize, f64)> = alliance
            .iter()
            .map(|(&(i, j), (s, _))| (i, j, *s))
            .collect();
        portfolio_similarity(n, &links)
    };
    let windows = [(7usize, 10), (8, 20)];
    if let Some(y) = inputs.history_year {
        for (t, window) in windows {
            if w[t] == 0.0 {
                continue;
            }
            match covered_window(y, window) {
                None => diagnostics_head.push(format!(
                    "{}: the dispute data (GML MID 2.2.1) end in {LAST_MID_YEAR}; no year of {}–{y} is covered, the term is 0 for every pair",
                    TERM_NAMES[t],
                    y - window + 1
                )),
                Some((first, last)) if first != y - window + 1 || last != y => diagnostics_head
                    .push(format!(
                        "{}: only {first}–{last} of {}–{y} is covered by the dispute data",
                        TERM_NAMES[t],
                        y - window + 1
                    )),
                Some(_) => {}
            }
        }
        if w[9] != 0.0 && y > LAST_RIVALRY_YEAR {
            diagnostics_head.push(format!(
                "rivalry: the rivalry data end in {LAST_RIVALRY_YEAR}; rivalries ongoing then count as ongoing in {y}"
            ));
        }
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
            let mut values: [(Option<f64>, String); TERM_COUNT] = Default::default();
            values[0] = match alliance.get(&(i, j)) {
                Some((s, src)) => (Some(*s), src.clone()),
                None => (Some(0.0), String::new()),
            };
            let shared: Vec<&str> = orgs[i].intersection(&orgs[j]).copied().collect();
            let typed: f64 = shared.iter().map(|o| organisation_weight(o)).sum();
            values[1] = (Some(typed.min(1.0)), shared.join(", "));
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
            values[6] = (Some(portfolio[i * n + j]), String::new());
            if let Some(y) = inputs.history_year {
                match (ai.cow_ccode, aj.cow_ccode) {
                    (Some(ci), Some(cj)) => {
                        for (t, window) in windows {
                            values[t] = match conflict_term(ci, cj, y, window) {
                                Some((v, note)) => (Some(v), note),
                                None => (None, "no dispute data for the window".into()),
                            };
                        }
                        let (v, note) = rivalry_term(ci, cj, y);
                        values[9] = (Some(v), note);
                    }
                    (x, yy) => {
                        for t in [7, 8, 9] {
                            values[t] = (None, "no COW code".into());
                            if !overridden && w[t] != 0.0 {
                                for (m, a) in [(x, ai), (yy, aj)] {
                                    if m.is_none() {
                                        *missing
                                            .entry((a.id.clone(), TERM_NAMES[t]))
                                            .or_default() += 1;
                                    }
                                }
                            }
                        }
                    }
                }
            } else {
                for t in [7, 8, 9] {
                    values[t] = (None, "no history year".into());
                }
            }
            let terms: Vec<TermValue> = values
                .iter()
                .zip(TERM_NAMES)
                .zip(w)
                .map(|(((v, note), name), _)| TermValue {
                    term: name.to_string(),
                    value: *v,
                    contribution: 0.0,
                    note: note.clone(),
                })
                .collect();
            pairs.push(PairBreakdown {
                a: ai.id.clone(),
                b: aj.id.clone(),
                terms,
                computed: 0.0,
                p: 0.0,
                overridden,
            });
        }
    }
    // The norm counts only the terms with a value for at least one pair: a term without any
    // data (ideal points before 1946, disputes after 2010) would only shrink every p_ij alike.
    let mut has_data = [false; TERM_COUNT];
    for pair in &pairs {
        for (t, v) in pair.terms.iter().enumerate() {
            has_data[t] |= v.value.is_some();
        }
    }
    let norm = data_norm(&w, &has_data);
    let mut k = 0;
    for i in 0..n {
        for j in (i + 1)..n {
            let pair = &mut pairs[k];
            k += 1;
            for (t, wt) in pair.terms.iter_mut().zip(w) {
                t.contribution = if norm > 0.0 {
                    wt * t.value.unwrap_or(0.0) / norm
                } else {
                    0.0
                };
            }
            pair.computed = pair.terms.iter().map(|t| t.contribution).sum();
            pair.p = direct.get(&(i, j)).copied().unwrap_or(pair.computed);
            p[i * n + j] = pair.p;
            p[j * n + i] = pair.p;
        }
    }
    if norm == 0.0 && n > 1 {
        diagnostics_head
            .push("no term with a non-zero weight has any data: every p_ij is 0".into());
    }
    let mut diagnostics: Vec<String> = diagnostics_head;
    diagnostics.extend(missing.into_iter().map(|((id, term), count)| {
        format!("{id}: missing data for {term}; the term is 0 for {count} pair(s)")
    }));
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

/// `Σ_t |w_t|` over the terms that have data (`has_data`).
pub fn data_norm(w: &[f64; TERM_COUNT], has_data: &[bool; TERM_COUNT]) -> f64 {
    w.iter()
        .zip(has_data)
        .filter(|(_, d)| **d)
        .map(|(x, _)| x.abs())
        .sum()
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
            weights: TermWeights::classic(),
            size: SizeMeasure::Cinc,
            ideal_point_scale: 2.0,
            history_year: None,
        };
        let built = build_propensities(&inputs).unwrap();
        // The EU is a union (τ = 1): (1·1 + 0.5·1 − 1·(−1) + 0.5·0 + 1·(−0.4)) / 4 = 2.1 / 4.
        let ab = built.explain("BBB", "AAA").unwrap();
        assert!((ab.p - 2.1 / 4.0).abs() < 1e-12);
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
            history_year: None,
        };
        assert!(build_propensities(&inputs).is_err());
        inputs.ties.clear();
        let err = build_propensities(&inputs).unwrap_err();
        assert!(err.to_string().contains("no milex"));
        inputs.size = SizeMeasure::Equal;
        inputs.weights = TermWeights::from_array([0.0; TERM_COUNT]);
        assert!(build_propensities(&inputs).is_err());
    }

    #[test]
    fn organisation_types_weight_memberships() {
        assert_eq!(organisation_weight("EU"), 1.0);
        assert_eq!(organisation_weight("SCO"), 0.5);
        assert_eq!(organisation_weight("BRICS"), 0.25);
        assert_eq!(organisation_weight("NATO"), 0.0);
        let mut a = actor("CHN", None);
        a.organisations = vec!["SCO".into(), "BRICS".into()];
        let mut b = actor("IND", None);
        b.organisations = vec!["SCO".into(), "BRICS".into(), "Quad".into()];
        let inputs = PropensityInputs {
            actors: vec![a, b],
            alliances: vec![],
            ties: vec![],
            weights: TermWeights::from_array([0., 1., 0., 0., 0., 0., 0., 0., 0., 0.]),
            size: SizeMeasure::Equal,
            ideal_point_scale: 2.0,
            history_year: None,
        };
        let built = build_propensities(&inputs).unwrap();
        assert_eq!(built.pairs[0].terms[1].value, Some(0.75));
        assert_eq!(built.pairs[0].p, 0.75);
    }

    /// Greece and Turkey in 1996 (MIDs every year 1994–1996, the Aegean rivalry), Greece and
    /// Italy allied in NATO, Turkey too; Bulgaria without COW code.
    #[test]
    fn history_terms_from_the_bundled_data() {
        let mut actors: Vec<ActorAttributes> = [("GRC", 350), ("TUR", 640), ("ITA", 325)]
            .iter()
            .map(|&(id, c)| ActorAttributes {
                cow_ccode: Some(c),
                ..actor(id, None)
            })
            .collect();
        actors.push(actor("BGR", None));
        let link = |a: &str, b: &str| AllianceLink {
            a: a.into(),
            b: b.into(),
            strength: 1.0,
            source: "NATO".into(),
        };
        let inputs = PropensityInputs {
            actors,
            alliances: vec![link("GRC", "TUR"), link("GRC", "ITA"), link("TUR", "ITA")],
            ties: vec![],
            weights: TermWeights::from_array([0., 0., 0., 0., 0., 0., 1., 1., 1., 1.]),
            size: SizeMeasure::Equal,
            ideal_point_scale: 2.0,
            history_year: Some(1996),
        };
        let built = build_propensities(&inputs).unwrap();
        let gt = built.explain("GRC", "TUR").unwrap();
        let value = |k: usize| gt.terms[k].value.unwrap();
        // Same portfolio (the three NATO members, not Bulgaria).
        assert_eq!(value(6), 1.0);
        // 1987–1996: levels 4, 3, 4, 4, 4 (1987, 1989, 1994–1996) sum to 19: saturated.
        assert_eq!(value(7), -1.0);
        assert_eq!(value(8), -1.0);
        assert_eq!(value(9), -1.0);
        assert!(
            gt.terms[9].note.contains("Greece-Turkey"),
            "{}",
            gt.terms[9].note
        );
        assert_eq!(gt.p, (1.0 - 3.0) / 4.0);
        let gi = built.explain("GRC", "ITA").unwrap();
        assert_eq!(gi.terms[7].value, Some(0.0));
        assert!(
            built.explain("GRC", "BGR").unwrap().terms[7]
                .value
                .is_none()
        );
        assert!(
            built
                .diagnostics
                .iter()
                .any(|d| d.starts_with("BGR: missing data for conflict_10; the term is 0 for 3"))
        );
    }
}
