//! The range each input a sweep or lever may set is allowed to take: the same bounds the
//! scenario loader enforces on the file (a position on its issue's scale, a salience or a
//! probability in [0, 1], a capability from 0 to 10^15, ...). A sweep that would step outside
//! them is refused up front as bad input instead of producing undefined results.

use super::input_path::{ActorField, InputPath, StanceField};
use crate::scenario::{
    MAX_CAPABILITY, MAX_POPULATION, MAX_PROPENSITY, ParamRange, Resolved, TieKind,
};

/// The allowed range of one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Domain {
    /// Lowest allowed value.
    pub low: f64,
    /// Highest allowed value.
    pub high: f64,
    /// What the value is, for messages ("a probability", "a position on the issue scale").
    pub what: String,
}

fn d(low: f64, high: f64, what: &str) -> Option<Domain> {
    Some(Domain {
        low,
        high,
        what: what.to_string(),
    })
}

/// The domain of the input at `path` (see [`super::input_path`] for the paths), `None` when the
/// path does not address an input of this scenario.
pub fn domain(r: &Resolved, path: &str) -> Option<Domain> {
    domain_of(r, &InputPath::parse(path).ok()?)
}

/// The domain of the input `path` addresses, `None` when `r` has no such input.
pub fn domain_of(r: &Resolved, path: &InputPath) -> Option<Domain> {
    match path {
        InputPath::Actor {
            field: ActorField::Capability,
            ..
        }
        | InputPath::Stance {
            field: StanceField::Capability,
            ..
        } => d(0.0, MAX_CAPABILITY, "a capability"),
        InputPath::Actor {
            field: ActorField::Population,
            ..
        } => d(0.0, MAX_POPULATION, "a population in millions"),
        InputPath::StatusQuo { issue }
        | InputPath::Stance {
            issue,
            field: StanceField::Position,
            ..
        } => {
            let scale = &r.scenario.issues.iter().find(|i| i.id == *issue)?.scale;
            d(scale.min, scale.max, "a position on the issue scale")
        }
        InputPath::Stance {
            field: StanceField::Salience,
            ..
        } => d(0.0, 1.0, "a salience"),
        InputPath::Tie { .. } => {
            let tie = &r.scenario.ties[path.tie_index(&r.scenario.ties)?];
            if tie.kind == TieKind::Propensity {
                d(-MAX_PROPENSITY, MAX_PROPENSITY, "a propensity")
            } else {
                d(0.0, 1.0, "a tie weight")
            }
        }
        InputPath::Escalate(p) => {
            let (low, high) = p.range().bounds();
            let what = match p.range() {
                ParamRange::Probability => "a probability",
                ParamRange::Rate => "a non-negative rate",
                ParamRange::Balance => "an offence–defence balance",
            };
            d(low, high, what)
        }
        InputPath::Influence { .. } => d(0.0, 1.0, "an influence weight"),
        InputPath::Trade { .. } => d(0.0, 1.0, "a trade share"),
        InputPath::Richardson(_) => d(-10.0, 10.0, "a rate per year"),
        InputPath::Actor {
            field: ActorField::VetoCost,
            ..
        }
        | InputPath::Stance {
            field: StanceField::VetoCost,
            ..
        } => None,
    }
}

/// A value outside the domain of its input.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainError {
    /// The input's path.
    pub path: String,
    /// The value refused.
    pub value: f64,
    /// The domain it is outside of.
    pub domain: Domain,
}

impl std::fmt::Display for DomainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` = {} is outside [{}, {}] ({})",
            self.path, self.value, self.domain.low, self.domain.high, self.domain.what
        )
    }
}

impl std::error::Error for DomainError {}

/// `Ok` when `value` lies in the domain of `path` (or the path has none); otherwise why not.
pub fn check_value(r: &Resolved, path: &str, value: f64) -> Result<(), DomainError> {
    match domain(r, path) {
        Some(dom) if !(dom.low..=dom.high).contains(&value) => Err(DomainError {
            path: path.to_string(),
            value,
            domain: dom,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{FLAGSHIP, load_str};

    #[test]
    fn inputs_keep_the_loader_bounds() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        assert!(check_value(&r, "escalate.noise", 0.1).is_ok());
        let e = check_value(&r, "escalate.noise", -5.0)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("outside [0, 1]") && e.contains("probability"),
            "{e}"
        );
        assert!(check_value(&r, "issue.china-posture.stance.FRA.position", 50.0).is_ok());
        assert!(check_value(&r, "issue.china-posture.stance.FRA.position", 150.0).is_err());
        assert!(check_value(&r, "issue.china-posture.stance.FRA.salience", 1.5).is_err());
        assert!(check_value(&r, "actor.USA.capability", 1e308).is_err());
        // Every numeric escalate key has the loader's range, the exits from hostility included.
        assert!(check_value(&r, "escalate.reconciliation", 1.5).is_err());
        assert!(check_value(&r, "escalate.leadership_change", -0.1).is_err());
        assert!(check_value(&r, "escalate.reconciliation_restraint", 3.0).is_ok());
        assert!(check_value(&r, "escalate.reconciliation_restraint", -3.0).is_err());
        assert_eq!(domain(&r, "nothing.here"), None);
    }
}
