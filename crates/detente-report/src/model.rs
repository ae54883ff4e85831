//! The report's input: plain data, filled by the caller from the lens results.
//! Nothing here depends on the lens modules, so the report can be built
//! from any source of results (a `Results` value, a JSON file, a test fixture).
//!
//! Every section is optional: a scenario with only one lens renders only that lens. Numbers
//! are in the units the field names; where a value may be missing the field is an `Option`
//! and the report prints "–".

/// The decide lens's track record: every method's error on the cases with a known outcome.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrackRecord {
    /// Cases scored.
    pub cases: usize,
    /// Of which analyst placements of the outcome.
    pub placements: usize,
    /// Hit tolerance, points of a 0–100 scale.
    pub tolerance: f64,
    /// Bootstrap resamples behind the intervals.
    pub resamples: usize,
    /// One row per method, baselines first.
    pub rows: Vec<TrackRow>,
    /// Plain sentences: which method is best, whether any model beats the best baseline.
    pub verdict: Vec<String>,
    /// The command that gives the same numbers.
    pub command: String,
}

/// One method's row of the track record; intervals are `(value, low, high)`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrackRow {
    /// The method.
    pub method: String,
    /// True for a naive baseline.
    pub baseline: bool,
    /// Cases with a prediction.
    pub n: usize,
    /// Mean absolute error, points of a 0–100 scale.
    pub mae: Option<(f64, f64, f64)>,
    /// Share of cases within the tolerance.
    pub hit_rate: Option<(f64, f64, f64)>,
    /// Mean paired difference in error against the best baseline (negative is better).
    pub versus_best: Option<(f64, f64, f64)>,
}

/// Everything one report shows, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// The question the analysis answers, in one sentence (the report's subtitle).
    pub question: String,
    /// Headline answers, one block per lens, in plain sentences with numbers and intervals.
    pub headlines: Vec<Headline>,
    /// The scenario: summary, sources, actors and stances with provenance.
    pub scenario: Option<ScenarioSection>,
    /// The decide lens, one block per issue.
    pub decide: Option<DecideSection>,
    /// The align lens.
    pub align: Option<AlignSection>,
    /// The escalate lens (dilemma policies and Richardson).
    pub escalate: Option<EscalateSection>,
    /// The decide lens's track record on the bundled case library.
    pub track_record: Option<TrackRecord>,
    /// How the numbers were produced and how to reproduce them.
    pub method: Option<MethodNotes>,
    /// Key judgements, the report's first screen (three to five).
    pub judgements: Vec<Judgement>,
    /// Assumptions and definitions: terms, units, policies, rules, data vintages, calibration.
    pub definitions: Vec<Definition>,
    /// Observable changes that would flip a judgement.
    pub indicators: Vec<Indicator>,
    /// Internal ids and the human names the report uses for them (the method annex lists them).
    pub names: Vec<(String, String)>,
    /// For a validation scenario: whether it reproduced its published reference.
    pub validation: Option<Validation>,
}

/// A key judgement: a plain sentence with its likelihood word, the number behind it, the track
/// record and what would change it.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// Which lens it comes from.
    pub lens: Lens,
    /// A short label for the summary chart (e.g. `EU de-risking stays blocked`).
    pub label: String,
    /// The judgement in plain words, with the likelihood word in it.
    pub statement: String,
    /// The probability behind the likelihood word, with its 95 % interval; `None` when the
    /// judgement carries no probability (it then says why).
    pub likelihood: Option<Proportion>,
    /// Confidence in the judgement: `low`, `moderate` or `high`.
    pub confidence: String,
    /// Why that confidence (model agreement, interval width).
    pub confidence_reason: String,
    /// The numbers behind the judgement.
    pub evidence: String,
    /// The lens's record on comparable past cases, when the backtest has one.
    pub track_record: Option<String>,
    /// What would change it (from levers and sensitivity).
    pub would_change: Vec<String>,
    /// A warning when the models disagree more than the interval shows.
    pub warning: Option<String>,
}

/// A term of the assumptions-and-definitions box.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The term.
    pub term: String,
    /// What it means here.
    pub meaning: String,
}

/// An observable change that would move a judgement.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// The judgement it bears on (its label).
    pub judgement: String,
    /// What to watch (e.g. `the United States' position on NATO's China posture`).
    pub watch: String,
    /// The threshold or change and what it does.
    pub signal: String,
}

/// A validation scenario's verdict against its published reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// The published reference (its citation).
    pub reference: String,
    /// True when every check passed.
    pub validated: bool,
    /// One line per check, e.g. `basin 0.747 vs 0.732 ± 0.05 ✔`.
    pub checks: Vec<String>,
}

/// Which lens a headline or section belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lens {
    /// Collective decision on issue scales.
    Decide,
    /// Coalitions and frustration.
    Align,
    /// Security dilemma and arms race.
    Escalate,
}

impl Lens {
    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Lens::Decide => "Decide",
            Lens::Align => "Align",
            Lens::Escalate => "Escalate",
        }
    }
}

/// The headline answer of one lens: short sentences such as "NATO settles at 62 (90 % of runs
/// between 57 and 66), above the status quo of 55."
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    /// The lens.
    pub lens: Lens,
    /// Plain sentences, each a paragraph.
    pub sentences: Vec<String>,
}

/// A number with its plausible range (an uncertain input: mode and low/high ends).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranged {
    /// Value a single run uses (mode or point value).
    pub point: f64,
    /// Lowest plausible value (= `point` when known exactly).
    pub low: f64,
    /// Highest plausible value (= `point` when known exactly).
    pub high: f64,
}

impl Ranged {
    /// A value known exactly.
    pub fn exact(v: f64) -> Ranged {
        Ranged {
            point: v,
            low: v,
            high: v,
        }
    }

    /// True when low < high (the value is uncertain).
    pub fn is_uncertain(&self) -> bool {
        self.high > self.low
    }
}

impl From<&detente::scenario::Uncertain> for Ranged {
    fn from(u: &detente::scenario::Uncertain) -> Ranged {
        Ranged {
            point: u.point(),
            low: u.low(),
            high: u.high(),
        }
    }
}

/// A closed interval `[low, high]` (confidence or credible interval, band).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// A named parameter value, printed as given.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Name (e.g. `noise ε`).
    pub name: String,
    /// Value with unit, already formatted (e.g. `0.05`).
    pub value: String,
}

// ---------------------------------------------------------------------------------------------
// Scenario

/// The scenario as the analyst wrote it, with the provenance of every number.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScenarioSection {
    /// Scenario id.
    pub id: String,
    /// Human title (the report's title).
    pub title: String,
    /// Date the situation is described at (`YYYY-MM-DD`).
    pub as_of: Option<String>,
    /// A paragraph describing the situation.
    pub summary: Option<String>,
    /// Citable sources.
    pub sources: Vec<SourceRef>,
    /// One row per actor.
    pub actors: Vec<ActorRow>,
    /// Issues with every stance and its evidence.
    pub issues: Vec<IssueStances>,
}

/// A citable source. The URL is printed as text, never loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRef {
    /// Identifier the stances refer to.
    pub id: String,
    /// Full citation.
    pub cite: String,
    /// Where to find it (printed as plain text).
    pub url: Option<String>,
}

impl From<&detente::scenario::Source> for SourceRef {
    fn from(s: &detente::scenario::Source) -> SourceRef {
        SourceRef {
            id: s.id.clone(),
            cite: s.cite.clone(),
            url: s.url.clone(),
        }
    }
}

/// One actor with its capability and where that number comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRow {
    /// Actor id (ISO3 for states).
    pub id: String,
    /// Display name.
    pub name: String,
    /// `state`, `body` or `other`.
    pub kind: String,
    /// Capability (point value), if the actor has one.
    pub capability: Option<f64>,
    /// Unit of the capability (e.g. `US$ m (SIPRI milex 2024)`).
    pub unit: String,
    /// Where the number comes from, in words (e.g. `world data: SIPRI 2024` or a gap's reason).
    pub provenance: String,
}

/// An issue's scale and its stances, as input.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueStances {
    /// Issue id.
    pub id: String,
    /// The question.
    pub question: String,
    /// The deciding body, if any.
    pub body: Option<String>,
    /// The scale.
    pub scale: IssueScale,
    /// Status quo on the scale.
    pub status_quo: Option<f64>,
    /// Stances.
    pub stances: Vec<StanceRow>,
}

/// An issue scale with the meaning of its ends.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueScale {
    /// Lower end.
    pub min: f64,
    /// Upper end (> min).
    pub max: f64,
    /// What the lower end means.
    pub min_label: Option<String>,
    /// What the upper end means.
    pub max_label: Option<String>,
    /// Unit (e.g. `points`, `years`); `None` for a unitless 0–100 scale.
    pub unit: Option<String>,
}

impl From<&detente::scenario::Scale> for IssueScale {
    fn from(s: &detente::scenario::Scale) -> IssueScale {
        IssueScale {
            min: s.min,
            max: s.max,
            min_label: s.min_label.clone(),
            max_label: s.max_label.clone(),
            unit: s.unit.clone(),
        }
    }
}

/// One stance: an actor's position and salience with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceRow {
    /// Actor id.
    pub actor: String,
    /// Position on the issue scale (point and range).
    pub position: Ranged,
    /// Salience in [0, 1] (point value).
    pub salience: f64,
    /// Capability used on this issue (point value).
    pub capability: Option<f64>,
    /// Source id.
    pub source: Option<String>,
    /// Quote or fact supporting the stance.
    pub evidence: Option<String>,
    /// True when the numbers are the analyst's estimate.
    pub estimate: bool,
}

// ---------------------------------------------------------------------------------------------
// Decide

/// The decide lens: one block per issue.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DecideSection {
    /// Issues in scenario order.
    pub issues: Vec<IssueDecision>,
}

/// Everything the report shows for one issue.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueDecision {
    /// Issue id.
    pub id: String,
    /// The question.
    pub question: String,
    /// The deciding body and its rule in words (e.g. `NATO (consensus)`), if any.
    pub body: Option<String>,
    /// The scale.
    pub scale: IssueScale,
    /// Status quo on the scale.
    pub status_quo: Option<f64>,
    /// Actors on the scale (bubble area ∝ capability × salience).
    pub actors: Vec<ActorOnScale>,
    /// Each model's prediction (after the decision rule).
    pub predictions: Vec<Prediction>,
    /// Each model's prediction before the decision rule (same order as the models ran).
    pub unconstrained: Vec<Prediction>,
    /// Models that did not converge, broke ties or raised other warnings, in words.
    pub flags: Vec<String>,
    /// Set when the models' predictions spread wider than the Monte Carlo interval.
    pub disagreement: Option<String>,
    /// Short human name of the issue (e.g. `NATO's China posture`).
    pub name: String,
    /// The compromise-model outcome (D1), always present.
    pub baseline: f64,
    /// What the decision rule allows.
    pub feasible: Option<Feasible>,
    /// Trajectories over rounds, one per model that has rounds.
    pub trajectories: Vec<Trajectory>,
    /// Monte Carlo distributions of the outcome (one per model shown).
    pub distributions: Vec<Distribution>,
    /// One-at-a-time sensitivity of the outcome.
    pub tornado: Option<Tornado>,
    /// Single changes that move the outcome most, ranked.
    pub levers: Vec<Lever>,
}

/// An actor placed on an issue scale.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorOnScale {
    /// Actor id (the label).
    pub id: String,
    /// Position (whiskers from low to high when uncertain).
    pub position: Ranged,
    /// Capability (any positive unit; only ratios matter).
    pub capability: f64,
    /// Salience in [0, 1].
    pub salience: f64,
}

/// One model's predicted outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Model name (e.g. `weighted median`, `BDM`).
    pub model: String,
    /// Predicted position on the scale.
    pub value: f64,
}

/// The decision rule's verdict on the scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Feasible {
    /// Outcomes in `[low, high]` can pass the rule.
    Interval {
        /// Lower end on the scale.
        low: f64,
        /// Upper end on the scale.
        high: f64,
    },
    /// Nothing passes: the status quo `at` stays.
    Deadlock {
        /// Where the issue stays.
        at: f64,
    },
}

/// Outcome over bargaining rounds for one model.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    /// Model name.
    pub model: String,
    /// Outcome at rounds 0..T on the issue scale.
    pub outcome: Vec<f64>,
    /// Optional per-actor positions at rounds 0..T.
    pub actors: Vec<Series>,
}

/// A labelled series of values at steps 0, 1, 2, …
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Label (actor id, domain, …).
    pub label: String,
    /// Values.
    pub values: Vec<f64>,
}

/// A Monte Carlo distribution summarised as a histogram and quantiles.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution {
    /// Whose output (model name).
    pub model: String,
    /// Number of runs.
    pub runs: u64,
    /// Histogram bins in increasing order.
    pub bins: Vec<Bin>,
    /// 5 % quantile.
    pub q05: f64,
    /// Median.
    pub q50: f64,
    /// 95 % quantile.
    pub q95: f64,
}

/// A histogram bin `[low, high)` with its count of runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    /// Lower edge.
    pub low: f64,
    /// Upper edge.
    pub high: f64,
    /// Runs in the bin.
    pub count: u64,
}

/// One-at-a-time sensitivity (sensitivity).
#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    /// The metric, with unit (e.g. `NATO outcome (compromise), points`).
    pub metric: String,
    /// The metric with every input at its point value.
    pub base: f64,
    /// One bar per uncertain input (the chart sorts by swing).
    pub bars: Vec<TornadoBar>,
}

/// The metric with one input at its low and at its high end.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoBar {
    /// The input (e.g. `FRA position`).
    pub input: String,
    /// Metric when the input is at its low end.
    pub at_low: f64,
    /// Metric when the input is at its high end.
    pub at_high: f64,
}

/// A single change and its effect on the outcome (levers).
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    /// Whose change.
    pub actor: String,
    /// The change in words (e.g. `position 45 → 65`).
    pub change: String,
    /// Effect on the outcome, in scale units (signed).
    pub effect: f64,
}

// ---------------------------------------------------------------------------------------------
// Align

/// The align lens.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AlignSection {
    /// What node size measures (e.g. `CINC 2022`).
    pub size_measure: String,
    /// Stable configurations ranked by energy (rank 1 first).
    pub configurations: Vec<Configuration>,
    /// Per-actor frustration and margin in the best configuration.
    pub actors: Vec<ActorFrustration>,
    /// Frustrated pairs in the best configuration, strongest first (drawn as red links).
    pub frustrated_pairs: Vec<FrustratedPair>,
}

/// One stable configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Configuration {
    /// 1 = lowest energy.
    pub rank: u32,
    /// Normalised energy E / Σ|J| in [−1, 1].
    pub energy: f64,
    /// Share of starts that end here, in [0, 1].
    pub basin_share: f64,
    /// 95 % interval of the basin share when estimated.
    pub basin_interval: Option<Interval>,
    /// Coalitions with their members and sizes.
    pub coalitions: Vec<Coalition>,
}

/// One coalition.
#[derive(Debug, Clone, PartialEq)]
pub struct Coalition {
    /// Canonical label (e.g. `A`, or a name such as `West`).
    pub label: String,
    /// Members with their sizes.
    pub members: Vec<Member>,
}

/// A coalition member and its size (align size measure).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Actor id.
    pub actor: String,
    /// Size.
    pub size: f64,
}

/// An actor's frustration and margin.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorFrustration {
    /// Actor id.
    pub actor: String,
    /// Frustration F_i (its share of the energy).
    pub frustration: f64,
    /// Relative margin ρ_i (small = pivot: nearly as well off in another coalition).
    pub relative_margin: f64,
}

/// A frustrated pair (s_j p_ij d_ij of the wrong sign).
#[derive(Debug, Clone, PartialEq)]
pub struct FrustratedPair {
    /// One actor.
    pub a: String,
    /// The other actor.
    pub b: String,
    /// Strength of the frustration (positive; larger = more frustrated).
    pub strength: f64,
}

// ---------------------------------------------------------------------------------------------
// Escalate

/// The escalate lens.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EscalateSection {
    /// Side names in order (colour order).
    pub sides: Vec<String>,
    /// Domains in order.
    pub domains: Vec<String>,
    /// What one period is (`year`, `quarter`, …).
    pub period: String,
    /// Monte Carlo runs per policy.
    pub runs: u64,
    /// What welfare measures (e.g. `discounted payoff summed over periods (U_i, W_s)`).
    pub welfare_unit: String,
    /// What the tension line and band show (e.g. `median over runs (line) and 10–90 % band
    /// (shaded)`); empty means that default.
    pub band_label: String,
    /// One block per policy.
    pub policies: Vec<PolicyResult>,
    /// Paired differences between policies (common random numbers).
    pub paired: Vec<PolicyDifference>,
    /// The Richardson arms-race analysis.
    pub richardson: Option<Richardson>,
}

/// One policy's Monte Carlo summary.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyResult {
    /// Policy id.
    pub id: String,
    /// Display label.
    pub label: String,
    /// Why it is modelled this way.
    pub note: Option<String>,
    /// Tension per domain over periods 0..H, in [0, 1]: a centre line and a band, as
    /// [`EscalateSection::band_label`] says (median and 10–90 % by default).
    pub tension: Vec<DomainTension>,
    /// Probability of a spiral with its 95 % Wilson interval.
    pub spiral: Proportion,
    /// Median onset period among spiral runs.
    pub onset_median: Option<f64>,
    /// Welfare per side (mean and interval).
    pub welfare: Vec<SideWelfare>,
    /// Mean final decoupling in [0, 1].
    pub decoupling: Option<f64>,
}

/// A domain's tension path.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainTension {
    /// Domain name.
    pub domain: String,
    /// Centre line per period (the median, or the mean when `band_label` says so).
    pub median: Vec<f64>,
    /// Lower edge of the band per period (10 % quantile by default); empty: no band drawn.
    pub low: Vec<f64>,
    /// Upper edge of the band per period (90 % quantile by default).
    pub high: Vec<f64>,
}

/// An estimated probability with its interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proportion {
    /// Point estimate p̂ in [0, 1].
    pub p: f64,
    /// Lower end of the 95 % Wilson interval.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// A side's welfare under a policy.
#[derive(Debug, Clone, PartialEq)]
pub struct SideWelfare {
    /// Side name.
    pub side: String,
    /// Mean welfare.
    pub mean: f64,
    /// Interval (e.g. 5–95 % quantiles).
    pub interval: Interval,
}

/// Mean paired difference `a − b` of a metric between two policies, with its 95 % CI (the
/// report's view of the library's `PairedDifference`).
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDifference {
    /// The metric (e.g. `spiral probability`).
    pub metric: String,
    /// First policy id.
    pub a: String,
    /// Second policy id.
    pub b: String,
    /// Mean difference a − b.
    pub mean: f64,
    /// 95 % CI of the mean difference.
    pub ci: Interval,
}

/// The Richardson analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Richardson {
    /// The verdict in words (e.g. "stable: spending returns to x* at rate 0.08/yr").
    pub verdict: String,
    /// True when the spectral abscissa is negative.
    pub stable: bool,
    /// Eigenvalues of M (real, imaginary), per year.
    pub eigenvalues: Vec<(f64, f64)>,
    /// Unit of spending (e.g. `US$ bn (2023)`).
    pub unit: String,
    /// Base level and equilibrium per actor.
    pub equilibrium: Vec<EquilibriumRow>,
    /// Dyads ranked by driver score.
    pub drivers: Vec<Driver>,
    /// Time of each trajectory point, in years.
    pub times: Vec<f64>,
    /// Spending per actor at `times`.
    pub trajectories: Vec<Series>,
    /// Unit of the trajectory values when they are not in `unit` (e.g. `% of base-year level`);
    /// empty means `unit`.
    pub trajectory_unit: String,
    /// What the trajectories show (the figure caption); empty means the default caption.
    pub trajectory_caption: String,
}

/// An actor's base-year level and rest point.
#[derive(Debug, Clone, PartialEq)]
pub struct EquilibriumRow {
    /// Actor id.
    pub actor: String,
    /// Base-year spending x⁰.
    pub base: f64,
    /// Equilibrium x* (may be negative: no meaningful rest point).
    pub equilibrium: f64,
}

/// A dyad that drives the dominant eigenvalue.
#[derive(Debug, Clone, PartialEq)]
pub struct Driver {
    /// The reacting actor i.
    pub from: String,
    /// The actor j it reacts to.
    pub to: String,
    /// Driver score d_ij = |k_ij Re ∂λ₁/∂k_ij|.
    pub score: f64,
}

// ---------------------------------------------------------------------------------------------
// Method

/// How the numbers were produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MethodNotes {
    /// Models run, each with its parameters.
    pub models: Vec<ModelNote>,
    /// Master seed.
    pub seed: u64,
    /// Monte Carlo runs.
    pub runs: u64,
    /// detente version.
    pub version: String,
    /// The command line that reproduces the report.
    pub command: String,
    /// Content hash of the scenario file.
    pub scenario_hash: String,
}

/// A model and its parameter values.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelNote {
    /// Model name.
    pub name: String,
    /// Lens it belongs to.
    pub lens: Lens,
    /// Parameters.
    pub parameters: Vec<Param>,
}
