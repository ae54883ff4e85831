//! The strategy registry: one entry per strategy id, lookup by id,
//! Axelrod-Python name or policy alias (case, spaces, hyphens and underscores ignored), the
//! transformers, and the standard line-ups (Axelrod's first tournament, the basic strategies).
//!
//! Specification strings: `name`, `name(v1, v2, key = v3)`, optionally followed by transformers
//! `+ noise(0.05)`, `+ forgiveness(0.1)`, `+ grudge(2)`, `+ final(DD)`. Examples:
//! `"Tit For Tat"`, `"generous-tit-for-tat(g=0.1)"`, `"memory-one(0.9, 0, 0.9, 0)"`,
//! `"tit-for-tat + final(DD)"`, `"constructive-engagement"`.

use super::first_simple as fs;
use super::first_stateful as fst;
use super::lookback as lb;
use super::memory_one as m1;
use super::params::{Params, ResolvedParams};
use super::transformer::{EndGame, Transform, Transformed};
use super::{Player, Strategy, StrategyError};
use crate::escalate::game::Action;
use std::sync::LazyLock;

/// One registered strategy.
pub struct Entry {
    /// Registry id (kebab-case).
    pub id: &'static str,
    /// Axelrod-Python's name.
    pub axl_name: &'static str,
    /// Other accepted ids.
    pub aliases: &'static [&'static str],
    /// Family (module) the rule lives in.
    pub family: &'static str,
    /// Declared parameter names, in positional order.
    pub params: &'static [&'static str],
    /// The rule in one line.
    pub rule: &'static str,
    build: fn(&ResolvedParams) -> Result<Player, StrategyError>,
}

impl Entry {
    /// Builds the strategy with `params` (defaults for anything not given).
    pub fn build(&self, params: &Params) -> Result<Player, StrategyError> {
        (self.build)(&params.resolve(self.params)?)
    }

    /// Builds the strategy with default parameters.
    pub fn default_player(&self) -> Player {
        // Every entry's defaults are valid by construction (checked by a unit test).
        (self.build)(
            &Params::none()
                .resolve(self.params)
                .unwrap_or_else(|_| unreachable!("empty parameters always resolve")),
        )
        .unwrap_or_else(|e| unreachable!("default parameters of {} are invalid: {e}", self.id))
    }
}

/// A policy alias: a name for a strategy with fixed parameters.
pub struct PolicyAlias {
    /// The alias.
    pub alias: &'static str,
    /// What it stands for, as a specification string.
    pub spec: &'static str,
    /// Why this strategy reads as this policy.
    pub why: &'static str,
}

/// The flagship policy aliases.
pub const POLICY_ALIASES: [PolicyAlias; 9] = [
    PolicyAlias {
        alias: "constructive-engagement",
        spec: "generous-tit-for-tat(g=1/3)",
        why: "reciprocates but forgives a share of (possibly misread) hostility",
    },
    PolicyAlias {
        alias: "clear-eyed-hedging",
        spec: "tit-for-tat",
        why: "restraint first, then exact reciprocity",
    },
    PolicyAlias {
        alias: "systemic-rival",
        spec: "grim-trigger",
        why: "one perceived coercive act and containment becomes permanent",
    },
    PolicyAlias {
        alias: "full-spectrum-rival",
        spec: "hard-tit-for-tat",
        why: "punishes any hostility seen in the last three periods",
    },
    PolicyAlias {
        alias: "strategic-patience",
        spec: "tit-for-2-tats",
        why: "answers only sustained hostility",
    },
    PolicyAlias {
        alias: "pragmatic-adjuster",
        spec: "win-stay-lose-shift",
        why: "keeps a course that paid and changes one that did not",
    },
    PolicyAlias {
        alias: "deterrence-first",
        spec: "suspicious-tit-for-tat",
        why: "assume an expansionist rival, arm first, then reciprocate",
    },
    PolicyAlias {
        alias: "containment",
        spec: "defector",
        why: "unconditional bound for comparison",
    },
    PolicyAlias {
        alias: "accommodation",
        spec: "cooperator",
        why: "unconditional bound for comparison",
    },
];

fn p(player: impl Into<Player>) -> Result<Player, StrategyError> {
    Ok(player.into())
}

fn cycler_entry(id: &'static str, axl: &'static str, pattern: &'static str) -> Entry {
    let build: fn(&ResolvedParams) -> Result<Player, StrategyError> = match pattern {
        "CCD" => |_| p(lb::cycler(vec![Action::C, Action::C, Action::D])),
        "CCCD" => |_| p(lb::cycler(vec![Action::C, Action::C, Action::C, Action::D])),
        "DC" => |_| p(lb::cycler(vec![Action::D, Action::C])),
        _ => |_| p(lb::cycler(vec![Action::D, Action::D, Action::C])),
    };
    Entry {
        id,
        axl_name: axl,
        aliases: &[],
        family: "lookback",
        params: &[],
        rule: "plays its pattern over and over",
        build,
    }
}

static ENTRIES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    let e = |id, axl_name, aliases, family, params, rule, build| Entry {
        id,
        axl_name,
        aliases,
        family,
        params,
        rule,
        build,
    };
    vec![
        e(
            "cooperator",
            "Cooperator",
            &[],
            "memory_one",
            &[],
            "always C",
            |_| p(m1::cooperator()),
        ),
        e(
            "defector",
            "Defector",
            &[],
            "memory_one",
            &[],
            "always D",
            |_| p(m1::defector()),
        ),
        e(
            "tit-for-tat",
            "Tit For Tat",
            &["tft"],
            "memory_one",
            &[],
            "first C; then the opponent's last move",
            |_| p(m1::tit_for_tat()),
        ),
        e(
            "suspicious-tit-for-tat",
            "Suspicious Tit For Tat",
            &["stft"],
            "memory_one",
            &[],
            "first D; then the opponent's last move",
            |_| p(m1::suspicious_tit_for_tat()),
        ),
        e(
            "tit-for-2-tats",
            "Tit For 2 Tats",
            &["tf2t"],
            "lookback",
            &[],
            "D iff the opponent's last two moves are D, D",
            |_| p(lb::tit_for_2_tats()),
        ),
        e(
            "two-tits-for-tat",
            "Two Tits For Tat",
            &["2tft"],
            "lookback",
            &[],
            "D iff a D is among the opponent's last two moves",
            |_| p(lb::two_tits_for_tat()),
        ),
        e(
            "grudger",
            "Grudger",
            &["grim-trigger"],
            "lookback",
            &[],
            "D for good after the opponent's first D",
            |_| p(lb::grudger()),
        ),
        e(
            "alternator",
            "Alternator",
            &[],
            "memory_one",
            &[],
            "first C; then the opposite of its own last move",
            |_| p(m1::alternator()),
        ),
        e(
            "win-stay-lose-shift",
            "Win-Stay Lose-Shift",
            &["wsls", "pavlov"],
            "memory_one",
            &[],
            "first C; then C iff both played alike",
            |_| p(m1::win_stay_lose_shift()),
        ),
        e(
            "generous-tit-for-tat",
            "GTFT",
            &["gtft"],
            "memory_one",
            &["g"],
            "memory-one (1, g, 1, g); default g from the game (1/3 for 3,0,5,1)",
            |r| {
                let g = if r.given("g") {
                    Some(r.probability("g", 0.0)?)
                } else {
                    None
                };
                p(m1::generous_tit_for_tat(g))
            },
        ),
        e(
            "random",
            "Random",
            &[],
            "memory_one",
            &["p"],
            "C with probability p (0.5)",
            |r| p(m1::random(r.probability("p", 0.5)?)),
        ),
        e(
            "anti-tit-for-tat",
            "Anti Tit For Tat",
            &[],
            "memory_one",
            &[],
            "first C; then the opposite of the opponent's last move",
            |_| p(m1::anti_tit_for_tat()),
        ),
        e(
            "bully",
            "Bully",
            &[],
            "memory_one",
            &[],
            "first D; then the opposite of the opponent's last move",
            |_| p(m1::bully()),
        ),
        e(
            "prober",
            "Prober",
            &[],
            "lookback",
            &[],
            "D, C, C; then D if the opponent let it pass, else Tit For Tat",
            |_| p(lb::prober()),
        ),
        e(
            "hard-tit-for-tat",
            "Hard Tit For Tat",
            &[],
            "lookback",
            &[],
            "D iff a D is among the opponent's last three moves",
            |_| p(lb::hard_tit_for_tat()),
        ),
        e(
            "hard-tit-for-2-tats",
            "Hard Tit For 2 Tats",
            &[],
            "lookback",
            &[],
            "D iff the opponent's last three moves contain D, D",
            |_| p(lb::hard_tit_for_2_tats()),
        ),
        e(
            "soft-go-by-majority",
            "Soft Go By Majority",
            &[],
            "lookback",
            &[],
            "D iff the opponent defected more often than it cooperated",
            |_| p(lb::soft_go_by_majority()),
        ),
        e(
            "win-shift-lose-stay",
            "Win-Shift Lose-Stay",
            &[],
            "memory_one",
            &[],
            "first D; then D iff both played alike",
            |_| p(m1::win_shift_lose_stay()),
        ),
        cycler_entry("cycler-ccd", "Cycler CCD", "CCD"),
        cycler_entry("cycler-cccd", "Cycler CCCD", "CCCD"),
        cycler_entry("cycler-dc", "Cycler DC", "DC"),
        cycler_entry("cycler-ddc", "Cycler DDC", "DDC"),
        e(
            "cycler",
            "Cycler",
            &[],
            "lookback",
            &["pattern"],
            "plays any pattern (default CCD) over and over",
            |r| {
                p(lb::cycler(
                    r.moves("pattern", &[Action::C, Action::C, Action::D])?,
                ))
            },
        ),
        e(
            "memory-one",
            "Generic Memory One Player",
            &[],
            "memory_one",
            &["p_cc", "p_cd", "p_dc", "p_dd", "initial"],
            "C w.p. p[(own, opp) last]; first `initial` (defaults: Tit For Tat)",
            |r| {
                let v = [
                    r.probability("p_cc", 1.0)?,
                    r.probability("p_cd", 0.0)?,
                    r.probability("p_dc", 1.0)?,
                    r.probability("p_dd", 0.0)?,
                ];
                p(m1::generic(v, r.action("initial", Action::C)?))
            },
        ),
        e(
            "first-by-tideman-chieruzzi",
            "First by Tideman and Chieruzzi",
            &[],
            "first_stateful",
            &[],
            "rule T1: growing retaliation, fresh starts when ahead; final D, D",
            |_| p(fst::tideman_chieruzzi()),
        ),
        e(
            "first-by-nydegger",
            "First by Nydegger",
            &[],
            "first_stateful",
            &[],
            "rule N1: lookup table over the last three outcomes",
            |_| p(fst::nydegger()),
        ),
        e(
            "first-by-grofman",
            "First by Grofman",
            &[],
            "memory_one",
            &[],
            "C if both played alike, else C w.p. 2/7",
            |_| p(m1::first_by_grofman()),
        ),
        e(
            "first-by-shubik",
            "First by Shubik",
            &[],
            "first_stateful",
            &[],
            "rule S1: retaliations growing by one",
            |_| p(fst::shubik()),
        ),
        e(
            "first-by-stein-rapoport",
            "First by Stein and Rapoport",
            &[],
            "first_stateful",
            &[],
            "rule R1: TFT, D against random-looking opponents; final D, D",
            |_| p(fst::stein_rapoport()),
        ),
        e(
            "first-by-davis",
            "First by Davis",
            &[],
            "first_simple",
            &[],
            "C for ten turns, then Grudger",
            |_| p(fs::davis()),
        ),
        e(
            "first-by-graaskamp",
            "First by Graaskamp",
            &[],
            "first_stateful",
            &[],
            "rule G1: TFT with probes and random defections",
            |_| p(fst::graaskamp()),
        ),
        e(
            "first-by-downing",
            "First by Downing",
            &[],
            "first_stateful",
            &[],
            "rule D1: estimates the opponent's responsiveness",
            |_| p(fst::downing()),
        ),
        e(
            "first-by-feld",
            "First by Feld",
            &[],
            "first_simple",
            &[],
            "TFT whose forgiveness decays from 1 to 0.5 over 200 turns",
            |_| p(fs::feld()),
        ),
        e(
            "first-by-joss",
            "First by Joss",
            &[],
            "memory_one",
            &[],
            "memory-one (0.9, 0, 0.9, 0)",
            |_| p(m1::first_by_joss()),
        ),
        e(
            "first-by-tullock",
            "First by Tullock",
            &[],
            "first_simple",
            &[],
            "C for eleven turns, then C w.p. (recent C share) - 0.1",
            |_| p(fs::tullock()),
        ),
        e(
            "first-by-anonymous",
            "First by Anonymous",
            &[],
            "first_simple",
            &[],
            "C w.p. uniform in [0.3, 0.7)",
            |_| p(fs::anonymous()),
        ),
    ]
});

/// All registered strategies, in documentation order.
pub fn list() -> &'static [Entry] {
    &ENTRIES
}

/// Lower-case alphanumerics only, so "Tit For Tat", "TitForTat" and "tit-for-tat" compare equal.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The entry for an id, alias or Axelrod-Python name.
pub fn find(name: &str) -> Option<&'static Entry> {
    let key = normalise(name);
    list().iter().find(|e| {
        normalise(e.id) == key
            || normalise(e.axl_name) == key
            || e.aliases.iter().any(|a| normalise(a) == key)
    })
}

fn policy_alias(name: &str) -> Option<&'static PolicyAlias> {
    let key = normalise(name);
    POLICY_ALIASES.iter().find(|a| normalise(a.alias) == key)
}

/// The closest known name to `name`, for "did you mean" messages.
pub fn suggest(name: &str) -> Option<String> {
    let key = normalise(name);
    let mut candidates: Vec<&str> = Vec::new();
    for e in list() {
        candidates.push(e.id);
        candidates.push(e.axl_name);
        candidates.extend(e.aliases);
    }
    candidates.extend(POLICY_ALIASES.iter().map(|a| a.alias));
    candidates.extend(["noise", "forgiveness", "grudge", "final"]);
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_levenshtein(&key, &normalise(c)), c))
        .filter(|(score, _)| *score >= 0.5)
        // The first best candidate wins, so ids beat display names that normalise alike.
        .fold(None, |best: Option<(f64, &str)>, (score, c)| match best {
            Some((b, _)) if b >= score => best,
            _ => Some((score, c)),
        })
        .map(|(_, c)| c.to_string())
}

fn unknown(name: &str) -> StrategyError {
    StrategyError::Unknown {
        name: name.to_string(),
        suggestion: suggest(name),
    }
}

/// Builds a strategy by id (or alias or Axelrod-Python name) with parameters, boxed.
/// Policy aliases accept no parameters.
pub fn build(id: &str, params: &Params) -> Result<Box<dyn Strategy>, StrategyError> {
    Ok(Box::new(player(id, params)?))
}

/// Builds a strategy as a [`Player`] (enum dispatch for hot loops).
pub fn player(id: &str, params: &Params) -> Result<Player, StrategyError> {
    if let Some(entry) = find(id) {
        return entry.build(params);
    }
    if let Some(alias) = policy_alias(id) {
        if !params.is_empty() {
            return Err(StrategyError::Param(format!(
                "policy alias '{}' takes no parameters (it is {})",
                alias.alias, alias.spec
            )));
        }
        return parse(alias.spec);
    }
    Err(unknown(id))
}

/// Splits `name(args)` into the name and its parameters.
fn split_call(text: &str) -> Result<(&str, Params), StrategyError> {
    let text = text.trim();
    match text.find('(') {
        None => Ok((text, Params::none())),
        Some(open) => {
            let inner = text[open + 1..].strip_suffix(')').ok_or_else(|| {
                StrategyError::Syntax(format!("'{text}': missing closing parenthesis"))
            })?;
            Ok((text[..open].trim(), Params::parse(inner)?))
        }
    }
}

fn transform(name: &str, params: &Params) -> Result<Transform, StrategyError> {
    match normalise(name).as_str() {
        "noise" => Ok(Transform::Noise(
            params.resolve(&["p"])?.probability("p", 0.05)?,
        )),
        "forgiveness" | "forgive" => Ok(Transform::Forgiveness(
            params.resolve(&["p"])?.probability("p", 0.1)?,
        )),
        "grudge" => Ok(Transform::Grudge(params.resolve(&["n"])?.count("n", 1)?)),
        "final" => Ok(Transform::Final(EndGame::new(
            params
                .resolve(&["seq"])?
                .moves("seq", &[Action::D, Action::D])?,
        ))),
        _ => Err(unknown(name)),
    }
}

/// Builds a strategy from a specification string (see the module docs).
pub fn parse(spec: &str) -> Result<Player, StrategyError> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in spec.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '+' if depth == 0 => {
                parts.push(&spec[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&spec[start..]);
    let (name, params) = split_call(parts[0])?;
    if name.is_empty() {
        return Err(StrategyError::Syntax("empty strategy name".into()));
    }
    let mut player = player(name, &params)?;
    for part in &parts[1..] {
        let (name, params) = split_call(part)?;
        player = Transformed::new(player, transform(name, &params)?).into();
    }
    Ok(player)
}

fn players(ids: &[&str]) -> Vec<Player> {
    ids.iter()
        .filter_map(|id| find(id).map(Entry::default_player))
        .collect()
}

/// Axelrod's first tournament line-up, in the published order.
pub fn first_tournament() -> Vec<Player> {
    players(&[
        "tit-for-tat",
        "first-by-tideman-chieruzzi",
        "first-by-nydegger",
        "first-by-grofman",
        "first-by-shubik",
        "first-by-stein-rapoport",
        "grudger",
        "first-by-davis",
        "first-by-graaskamp",
        "first-by-downing",
        "first-by-feld",
        "first-by-joss",
        "first-by-tullock",
        "first-by-anonymous",
        "random",
    ])
}

/// The basic strategies (the generic memory-one and cycler entries are
/// represented by their named presets).
pub fn basic() -> Vec<Player> {
    list()
        .iter()
        .filter(|e| matches!(e.family, "memory_one" | "lookback"))
        .filter(|e| !e.id.starts_with("first-by") && e.id != "memory-one" && e.id != "cycler")
        .map(Entry::default_player)
        .collect()
}

/// Every registered strategy with default parameters (minus the generic memory-one and cycler).
pub fn all() -> Vec<Player> {
    list()
        .iter()
        .filter(|e| e.id != "memory-one" && e.id != "cycler")
        .map(Entry::default_player)
        .collect()
}

/// The eight reference players of the Axelrod-Python comparison, in order: TFT, Cooperator, Defector,
/// Grudger, Alternator, TF2T, WSLS, Suspicious TFT.
pub fn reference_eight() -> Vec<Player> {
    players(&[
        "tit-for-tat",
        "cooperator",
        "defector",
        "grudger",
        "alternator",
        "tit-for-2-tats",
        "win-stay-lose-shift",
        "suspicious-tit-for-tat",
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_builds_with_defaults_and_reports_its_id() {
        for e in list() {
            let s = e.build(&Params::none()).unwrap();
            assert!(s.meta().id.starts_with(e.id), "{} vs {}", s.meta().id, e.id);
            assert_eq!(find(e.id).map(|f| f.id), Some(e.id));
            assert_eq!(find(e.axl_name).map(|f| f.id), Some(e.id), "{}", e.axl_name);
        }
        assert_eq!(first_tournament().len(), 15);
        assert_eq!(reference_eight().len(), 8);
    }

    #[test]
    fn names_in_every_spelling_resolve() {
        for name in [
            "Tit For Tat",
            "TitForTat",
            "tit_for_tat",
            "TFT",
            "TIT-FOR-TAT",
        ] {
            assert_eq!(parse(name).unwrap().meta().id, "tit-for-tat");
        }
        assert_eq!(parse("grim-trigger").unwrap().meta().id, "grudger");
        assert_eq!(
            parse("First by Tideman and Chieruzzi").unwrap().meta().id,
            "first-by-tideman-chieruzzi"
        );
        assert_eq!(parse("systemic-rival").unwrap().meta().id, "grudger");
        let ce = parse("constructive-engagement").unwrap();
        assert_eq!(ce.four_vector().unwrap().p[1], 1.0 / 3.0);
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        let Err(StrategyError::Unknown { suggestion, .. }) = parse("tit-for-tatt") else {
            panic!("expected an unknown-strategy error");
        };
        assert_eq!(suggestion.as_deref(), Some("tit-for-tat"));
        assert!(matches!(
            parse("zzzzzzzz"),
            Err(StrategyError::Unknown {
                suggestion: None,
                ..
            })
        ));
    }

    #[test]
    fn parameters_and_transformers_parse() {
        let s = parse("memory-one(0.9, 0, 0.9, 0)").unwrap();
        assert_eq!(s.four_vector().unwrap().p, [0.9, 0.0, 0.9, 0.0]);
        let s = parse("tit-for-tat + final(DD) + noise(0.1)").unwrap();
        assert!(s.meta().stochastic);
        assert!(s.meta().makes_use_of.length);
        assert!(parse("random(2)").is_err());
        assert!(parse("random(p=0.5").is_err());
        assert!(parse("tit-for-tat(3)").is_err());
        assert!(parse("tit-for-tat + wobble").is_err());
        assert!(parse("containment(1)").is_err());
    }
}
