//! The range each input a sweep or lever may set is allowed to take: the same bounds the
//! scenario loader enforces on the file (a position on its issue's scale, a salience or a
//! probability in [0, 1], a capability from 0 to 10^15, ...). A sweep that would step outside
//! them is refused up front as bad input instead of producing undefined results.

use crate::scenario::{
    MAX_CAPABILITY, MAX_POPULATION, MAX_PROPENSITY, MAX_RATE, Resolved, TieKind,
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

/// The domain of the input at `path` (see [`super::inputs`] for the paths), `None` when the
/// path does not address an input of this scenario.
pub fn domain(r: &Resolved, path: &str) -> Option<Domain> {
    let parts: Vec<&str> = path.split('.').collect();
    let scale_of = |id: &str| {
        r.scenario
            .issues
            .iter()
            .find(|i| i.id == id)
            .map(|i| (i.scale.min, i.scale.max))
    };
    match parts.as_slice() {
        ["actor", _, "capability"] | ["issue", _, "stance", _, "capability"] => {
            d(0.0, MAX_CAPABILITY, "a capability")
        }
        ["actor", _, "population"] => d(0.0, MAX_POPULATION, "a population in millions"),
        ["issue", id, "status_quo"] | ["issue", id, "stance", _, "position"] => {
            let (lo, hi) = scale_of(id)?;
            d(lo, hi, "a position on the issue scale")
        }
        ["issue", _, "stance", _, "salience"] => d(0.0, 1.0, "a salience"),
        ["tie", a, b, "weight"] | ["tie", a, b, _, "weight"] => {
            let n = match parts.as_slice() {
                [_, _, _, n, _] => super::inputs::ordinal(n)?,
                _ => 1,
            };
            let tie = r
                .scenario
                .ties
                .iter()
                .filter(|t| super::inputs::joins(t, a, b))
                .nth(n - 1)?;
            if tie.kind == TieKind::Propensity {
                d(-MAX_PROPENSITY, MAX_PROPENSITY, "a propensity")
            } else {
                d(0.0, 1.0, "a tie weight")
            }
        }
        [
            "escalate",
            "noise" | "optimism" | "execution_noise" | "distinguishability" | "discount",
        ] => d(0.0, 1.0, "a probability"),
        [
            "escalate",
            "spillover" | "contagion" | "interdependence" | "grievance",
        ] => d(0.0, MAX_RATE, "a non-negative rate"),
        ["escalate", "offence_defence"] => d(-1.0, 1.0, "an offence–defence balance"),
        ["escalate", "influence", _, _, "weight"] => d(0.0, 1.0, "an influence weight"),
        ["escalate", "trade", _, _, "share"] => d(0.0, 1.0, "a trade share"),
        ["richardson", "rival_reaction" | "ally_reaction" | "fatigue"] => {
            d(-10.0, 10.0, "a rate per year")
        }
        _ => None,
    }
}

/// `Ok` when `value` lies in the domain of `path` (or the path has none); otherwise why not.
pub fn check_value(r: &Resolved, path: &str, value: f64) -> Result<(), String> {
    match domain(r, path) {
        Some(dom) if !(dom.low..=dom.high).contains(&value) => Err(format!(
            "`{path}` = {value} is outside [{}, {}] ({})",
            dom.low, dom.high, dom.what
        )),
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
        let e = check_value(&r, "escalate.noise", -5.0).unwrap_err();
        assert!(
            e.contains("outside [0, 1]") && e.contains("probability"),
            "{e}"
        );
        assert!(check_value(&r, "issue.china-posture.stance.FRA.position", 50.0).is_ok());
        assert!(check_value(&r, "issue.china-posture.stance.FRA.position", 150.0).is_err());
        assert!(check_value(&r, "issue.china-posture.stance.FRA.salience", 1.5).is_err());
        assert!(check_value(&r, "actor.USA.capability", 1e308).is_err());
        assert_eq!(domain(&r, "nothing.here"), None);
    }
}
