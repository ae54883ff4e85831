//! The typed scenario model (format version 1). Field names follow the TOML keys; see
//! `docs/scenario-format.md` for the reference and [`crate::scenario::schema`] for the JSON Schema.
//!
//! The model is plain data: it serialises back to TOML that loads to the same model.

use super::Uncertain;
use crate::world::CapabilityMeasure;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The current (and only) scenario format version.
pub const FORMAT_VERSION: i64 = 1;

/// One scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; must be 1.
    pub format: i64,
    /// What the scenario is about and where its facts come from.
    pub scenario: Meta,
    /// Which world data fills what actors leave out.
    #[serde(default)]
    pub world: WorldSettings,
    /// Actors: states, decision-making bodies, other actors.
    #[serde(rename = "actor", default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Actor>,
    /// Issues the decide lens works on.
    #[serde(rename = "issue", default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    /// Relations between actors (alliances, partnerships, rivalries, explicit propensities).
    #[serde(rename = "tie", default, skip_serializing_if = "Vec::is_empty")]
    pub ties: Vec<Tie>,
    /// Settings of the align lens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub align: Option<AlignSection>,
    /// Settings of the escalate lens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalate: Option<EscalateSection>,
    /// Settings of the Richardson arms-race analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub richardson: Option<RichardsonSpec>,
    /// Default experiment settings (runs, seed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experiment: Option<ExperimentSection>,
}

/// `[scenario]`: identity, summary and sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Short identifier (letters, digits, `-`, `_`).
    pub id: String,
    /// Human title.
    pub title: String,
    /// Date the situation is described at, `YYYY-MM-DD`; world memberships are taken as of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// A paragraph describing the situation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Citable sources; stances, ties and numbers refer to them by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// A citable source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Identifier used by `source = "..."` keys.
    pub id: String,
    /// Full citation.
    pub cite: String,
    /// Where to find it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// `[world]`: the data vintage and the default capability measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WorldSettings {
    /// `"2024"` (the bundled 41-actor table), `"panel"` (any state of the state system, each
    /// figure the latest at or before the year of `as_of`) or `"none"` (everything declared
    /// by hand).
    pub data: String,
    /// Default capability measure for state actors.
    pub capability: CapabilityMeasure,
}

impl Default for WorldSettings {
    fn default() -> Self {
        WorldSettings {
            data: crate::world::VINTAGE.to_string(),
            capability: CapabilityMeasure::Milex,
        }
    }
}

/// What an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A state, identified by its ISO 3166-1 alpha-3 code.
    #[default]
    State,
    /// A decision-making body with members and a rule.
    Body,
    /// Anything else (a firm, a party, a faction, an organisation not in the world data).
    Other,
}

/// `[[actor]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Unique id; ISO3 for states.
    pub id: String,
    /// State, body or other.
    #[serde(default)]
    pub kind: ActorKind,
    /// Display name (states: from the world data when omitted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Capability; overrides the world measure. Required for `other` actors that take part in a
    /// lens needing capability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capability: Option<Uncertain>,
    /// Population in millions (overrides the world data; used by population-weighted rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<Uncertain>,
    /// True when the declared numbers are the analyst's estimate.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub estimate: bool,
    /// Bodies: members, as actor ids and/or `world:ORG` (every member of ORG in force at `as_of`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Bodies: the decision rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleKind>,
    /// Qualified majority: the quota as a share of the voting weight, in (0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Weighted rules: how members' votes are weighted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<VoteWeights>,
    /// Double majority (EU Council): both quotas must hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub double: Option<DoubleMajority>,
    /// Bodies: the default agenda setter of the body's issues (an actor id with a stance on each
    /// issue it proposes on; its position is its proposal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposer: Option<String>,
    /// Bodies: what blocking costs a member, in salience-weighted utility on a 0–1 scale (a
    /// member blocks only when its loss from a proposal exceeds it). May be uncertain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto_cost: Option<Uncertain>,
    /// Bodies: whether a member's block on one of the body's issues may be bought with a
    /// concession on another issue (linkage, docs/decide.md).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub linkage: bool,
    /// Source id for what this entry declares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A body's decision rule (docs/decide.md, "Decision rules").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// Every member can block; silence is acquiescence.
    Consensus,
    /// Every member that votes must agree; abstention does not block.
    Unanimity,
    /// Unanimity with constructive abstention: abstainers do not block unless they hold a third
    /// of the members and a third of the population.
    UnanimityWithAbstention,
    /// More than half of all members' (weighted) votes.
    #[serde(rename = "simple-majority", alias = "majority")]
    Majority,
    /// At least `threshold` of all members' (weighted) votes are for.
    QualifiedMajority,
    /// The proposal stands unless a qualified majority of all members is against it.
    ReverseQualifiedMajority,
}

impl RuleKind {
    /// Every rule, in the order the documentation lists them.
    pub const ALL: [RuleKind; 6] = [
        RuleKind::Consensus,
        RuleKind::Unanimity,
        RuleKind::UnanimityWithAbstention,
        RuleKind::Majority,
        RuleKind::QualifiedMajority,
        RuleKind::ReverseQualifiedMajority,
    ];

    /// The scenario keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            RuleKind::Consensus => "consensus",
            RuleKind::Unanimity => "unanimity",
            RuleKind::UnanimityWithAbstention => "unanimity-with-abstention",
            RuleKind::Majority => "simple-majority",
            RuleKind::QualifiedMajority => "qualified-majority",
            RuleKind::ReverseQualifiedMajority => "reverse-qualified-majority",
        }
    }

    /// The rule named by a scenario keyword (`majority` is accepted for `simple-majority`).
    pub fn from_keyword(s: &str) -> Option<RuleKind> {
        if s == "majority" {
            return Some(RuleKind::Majority);
        }
        RuleKind::ALL.into_iter().find(|r| r.keyword() == s)
    }
}

/// How votes are weighted under a majority rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum VoteWeights {
    /// `"equal"`, `"population"` or `"capability"`.
    Named(String),
    /// Explicit weight per member id.
    Explicit(IndexMap<String, f64>),
}

/// `double = { members = 0.55, weight = 0.65 }`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DoubleMajority {
    /// Share of members required.
    pub members: f64,
    /// Share of the weight (population) required.
    pub weight: f64,
}

/// `[[issue]]`: a question a body decides on a one-dimensional scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// Unique id.
    pub id: String,
    /// The question, in words.
    pub question: String,
    /// The deciding body (an actor of kind `body`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The agenda setter on this issue (overrides the body's `proposer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposer: Option<String>,
    /// The issue scale.
    pub scale: Scale,
    /// Where the issue stands today, on the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_quo: Option<Uncertain>,
    /// Source id for the status quo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_quo_source: Option<String>,
    /// The actual outcome, for backtests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_outcome: Option<KnownOutcome>,
    /// Actors' stances.
    #[serde(rename = "stance", default)]
    pub stances: Vec<Stance>,
}

/// An issue scale `[min, max]` with labels for its ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Lower end.
    pub min: f64,
    /// Upper end (> min).
    pub max: f64,
    /// What the lower end means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_label: Option<String>,
    /// What the upper end means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_label: Option<String>,
    /// Unit of the scale (e.g. "years").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// The observed outcome of an issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KnownOutcome {
    /// Position on the scale.
    pub value: f64,
    /// Lower end of the placement's range (analyst placements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// Upper end of the placement's range (analyst placements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// True when the value is the analyst's placement of a text on the scale, not a recorded number.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub estimate: bool,
    /// Source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `[[issue.stance]]`: one actor's position and salience on an issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Stance {
    /// The actor.
    pub actor: String,
    /// Position on the issue scale.
    pub position: Uncertain,
    /// How much the actor cares, in [0, 1].
    pub salience: Uncertain,
    /// Issue-specific capability (overrides the actor's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capability: Option<Uncertain>,
    /// Source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A short quote or fact supporting the stance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// True when the numbers are the analyst's estimate rather than stated by the source.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub estimate: bool,
    /// The member's recorded or expected vote; `abstain` takes part in bargaining but not in
    /// the vote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<Vote>,
    /// What blocking costs this member (overrides the body's `veto_cost`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto_cost: Option<Uncertain>,
}

/// A member's vote on an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Vote {
    /// Voted (or is expected to vote) for; documentation, positions drive the models.
    For,
    /// Voted (or is expected to vote) against; documentation, positions drive the models.
    Against,
    /// Abstains: not a yes under positive rules, not a no under the reverse rule, never a block.
    Abstain,
}

/// The kind of a relation between actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum TieKind {
    /// A mutual-defence or security treaty.
    Alliance,
    /// Cooperation short of an alliance (minilaterals, partnerships).
    Partnership,
    /// A strategic rivalry.
    Rivalry,
    /// An explicit align-lens propensity p_ij (overrides the computed one).
    Propensity,
}

impl TieKind {
    /// The scenario keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            TieKind::Alliance => "alliance",
            TieKind::Partnership => "partnership",
            TieKind::Rivalry => "rivalry",
            TieKind::Propensity => "propensity",
        }
    }
}

/// `[[tie]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tie {
    /// Alliance, partnership, rivalry or propensity.
    pub kind: TieKind,
    /// The two actors.
    pub actors: [String; 2],
    /// Strength in [0, 1] (propensity: the value of p_ij, any finite number). Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Uncertain>,
    /// Source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Which actors a lens works on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum ActorSelection {
    /// `"states"` (every state actor) or `"all"` (every non-body actor).
    Named(String),
    /// An explicit list of actor ids.
    List(Vec<String>),
}

/// `[align]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlignSection {
    /// Actors to align: `"states"` (default), `"all"`, or a list.
    #[serde(default = "default_states")]
    pub actors: ActorSelection,
    /// Number of coalitions k ≥ 2.
    #[serde(default = "default_coalitions")]
    pub coalitions: u32,
    /// Size measure: `cinc`, `milex`, `gdp`, `population`, `equal` or `capability` (the actors'
    /// resolved capability).
    #[serde(default = "default_size")]
    pub size: String,
    /// Weights of the propensity terms.
    #[serde(default)]
    pub propensity: PropensityWeights,
    /// Adds the neutral pole (a place outside every coalition: members feel and cause no
    /// frustration).
    #[serde(default)]
    pub neutral: bool,
    /// Random-start descents of a sampled or heuristic search (default 100,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restarts: Option<u64>,
    /// Where `shared_alliance` reads alliances: `"memberships"` (the bundled treaty
    /// memberships of the 2025 table, the default) or `"history"` (COW and ATOP alliance spells
    /// in force in the `as_of` year, 1816–2018).
    #[serde(default = "default_alliances")]
    pub alliances: String,
    /// The observed alignment, for backtests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_outcome: Option<AlignOutcome>,
    /// Published model results the scenario re-runs (a validation scenario), so that a report
    /// can say whether it reproduced them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<AlignReference>,
}

/// `[align.reference]`: a published landscape analysis of the same actors, against which the
/// lens's stable configurations are checked (two coalitions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlignReference {
    /// Id of the `[scenario] sources` entry that publishes it.
    pub source: String,
    /// The published stable configurations, global minimum first; the lens's configuration of
    /// the same rank is compared with each.
    #[serde(rename = "configuration", default)]
    pub configurations: Vec<ReferenceConfiguration>,
    /// Published basin share of the global minimum (0–1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basin_share: Option<f64>,
    /// How far the lens's basin share may be from `basin_share` and still count as reproduced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basin_tolerance: Option<f64>,
}

/// `[[align.reference.configuration]]`: one published configuration as the members of one side
/// (every other aligned actor is on the other side).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReferenceConfiguration {
    /// Actor ids on one side.
    pub side: Vec<String>,
    /// Reproduced when at most this many actors sit on the other side (0: exactly).
    #[serde(default)]
    pub within: u32,
}

/// `[align.known_outcome]`: the sides the actors actually took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlignOutcome {
    /// What happened (a vote, a war).
    pub event: String,
    /// When it happened (`YYYY-MM-DD`), after `as_of`.
    pub date: String,
    /// Id of the `[scenario] sources` entry that records it.
    pub source: String,
    /// Sides and their members, in file order (every scored actor on exactly one side).
    pub sides: Vec<(String, Vec<String>)>,
    /// The side that corresponds to the neutral pole (abstain, stay out), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neutral_side: Option<String>,
    /// Per side, an actor known before the event to lead it; the coalition holding a side's
    /// anchor is read as that side.
    pub anchors: Vec<(String, String)>,
    /// Coding notes (side-switchers, what counts as neutral).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn default_alliances() -> String {
    "memberships".into()
}

fn default_states() -> ActorSelection {
    ActorSelection::Named("states".into())
}
fn default_coalitions() -> u32 {
    2
}
fn default_size() -> String {
    "cinc".into()
}

/// Weights of the propensity terms, `[align.propensity]` (a key left out takes the library's
/// default weight): the align lens's own weights type, so the scenario and the lens hold one.
pub use crate::align::TermWeights as PropensityWeights;

/// `[escalate]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EscalateSection {
    /// Sides: side name → member actor ids.
    pub sides: IndexMap<String, Vec<String>>,
    /// Domains in order (default military, economic, technology, cultural).
    #[serde(default = "default_domains")]
    pub domains: Vec<String>,
    /// Number of periods H.
    #[serde(default = "default_horizon")]
    pub horizon: u32,
    /// What one period is (`year`, `half-year`, `quarter`, `month`).
    #[serde(default = "default_period")]
    pub period: String,
    /// ε: probability that a restrained move is perceived as hostile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noise: Option<Uncertain>,
    /// ε_b: probability that a hostile move is perceived as restraint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optimism: Option<Uncertain>,
    /// ε_x: probability that an intended move is carried out flipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_noise: Option<Uncertain>,
    /// σ: weight of perceived hostility in the other domains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spillover: Option<Uncertain>,
    /// κ: weight of allies' hostility toward the same rival.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contagion: Option<Uncertain>,
    /// ι: converts trade share into restraint in the economic domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interdependence: Option<Uncertain>,
    /// γ: standing pressure to defect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grievance: Option<Uncertain>,
    /// ω ∈ [−1, 1]: offence (+) or defence (−) advantage in the military domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offence_defence: Option<Uncertain>,
    /// ψ ∈ [0, 1]: how well defensive postures can be told from offensive ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distinguishability: Option<Uncertain>,
    /// β: per-period welfare discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Uncertain>,
    /// ρ₀: per-period probability that a pair in mutual hostility in a domain reconciles there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconciliation: Option<Uncertain>,
    /// ρ₁: growth of the reconciliation probability with mutual restraint in other domains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconciliation_restraint: Option<Uncertain>,
    /// η: per-period probability that an actor's leadership changes (grievances forgotten).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leadership_change: Option<Uncertain>,
    /// Calibrated prior of the behavioural parameters (`rivalries-1816-2010`) or `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior: Option<String>,
    /// Stage game of every domain (a preset name), default `prisoners-dilemma`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub game: Option<String>,
    /// Dyad weights: `"capability"` (default) or `"equal"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<String>,
    /// Spiral definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spiral: Option<SpiralSpec>,
    /// Bayesian trust (`"off"` or `"bayes"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust: Option<String>,
    /// The policies to compare.
    #[serde(rename = "policy", default)]
    pub policies: Vec<Policy>,
    /// Directed influence of allies, overriding tie-derived influence.
    #[serde(rename = "influence", default, skip_serializing_if = "Vec::is_empty")]
    pub influences: Vec<Influence>,
    /// Directed trade shares overriding the world data (`share` of `from`'s trade with `to`).
    #[serde(rename = "trade", default, skip_serializing_if = "Vec::is_empty")]
    pub trade: Vec<TradeLink>,
    /// Observed starting states per domain (and per rival pair and domain) at `as_of`.
    #[serde(rename = "start", default, skip_serializing_if = "Vec::is_empty")]
    pub start: Vec<StartPlacement>,
}

/// `[[escalate.start]]`: the state of one domain (or of one rival pair in it) at `as_of`, as the
/// probability that a directed channel opens hostile, with the evidence for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StartPlacement {
    /// Domain name (one of `domains`).
    pub domain: String,
    /// With `to`: the rival pair this state is for (both directions); without: every pair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The pair's other actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Probability in [0, 1] that a channel opens hostile (a range: drawn per run).
    pub hostility: Uncertain,
    /// Who placed it: `analyst` (a judgement from the cited record) or `coded` (read from a
    /// coded data set).
    pub basis: String,
    /// The dated record the placement rests on.
    pub evidence: String,
    /// Source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// `[[escalate.trade]]`: the share of `from`'s total goods trade that is with `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TradeLink {
    /// The trading actor.
    pub from: String,
    /// Its partner.
    pub to: String,
    /// Share of `from`'s total trade, in [0, 1].
    pub share: Uncertain,
    /// Source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn default_domains() -> Vec<String> {
    ["military", "economic", "technology", "cultural"]
        .map(String::from)
        .to_vec()
}
fn default_horizon() -> u32 {
    40
}
fn default_period() -> String {
    "year".into()
}

/// `spiral = { domains = 3, periods = 3, lock = 0.5 }`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SpiralSpec {
    /// k: domains that must be locked.
    pub domains: u32,
    /// m: consecutive periods.
    pub periods: u32,
    /// λ: share of rival pairs in mutual defection that locks a domain.
    pub lock: f64,
}

/// `[[escalate.policy]]`: one strategy per side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Unique id.
    pub id: String,
    /// Display label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Side name (or an actor id of a side, overriding its side) → strategy id or policy alias.
    pub strategies: IndexMap<String, String>,
    /// Why this policy is modelled this way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `[[escalate.influence]]`: directed influence of one ally on another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Influence {
    /// The influencing ally.
    pub from: String,
    /// The influenced actor.
    pub to: String,
    /// Weight in [0, 1].
    pub weight: Uncertain,
    /// Source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `[richardson]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RichardsonSpec {
    /// Actors (default: the escalate sides' members).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actors: Option<Vec<String>>,
    /// r: reaction to a rival, per year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rival_reaction: Option<Uncertain>,
    /// a: reaction to an ally, per year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ally_reaction: Option<Uncertain>,
    /// a₀: fatigue per unit of burden, per year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatigue: Option<Uncertain>,
    /// Grievance: `"calibrated"` (the base year is a rest point; default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grievance: Option<String>,
}

/// `[experiment]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExperimentSection {
    /// Monte Carlo runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs: Option<u64>,
    /// Master seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
}
