//! Strategy parameters: numbers (probabilities, counts) or move strings (`"DD"`).

use super::StrategyError;
use crate::escalate::game::{Action, parse_actions};

/// One parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamValue {
    /// A number (a fraction `a/b` is accepted when parsing).
    Num(f64),
    /// Text, e.g. a move sequence `DD`.
    Text(String),
}

impl ParamValue {
    /// Reads a value: a number, a fraction `a/b`, or text.
    pub fn parse(text: &str) -> ParamValue {
        let t = text.trim();
        if let Ok(v) = t.parse::<f64>() {
            return ParamValue::Num(v);
        }
        if let Some((a, b)) = t.split_once('/')
            && let (Ok(a), Ok(b)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>())
            && b != 0.0
        {
            return ParamValue::Num(a / b);
        }
        ParamValue::Text(t.to_string())
    }

    /// The value as written in a [`super::Meta`] parameter list.
    pub fn render(&self) -> String {
        match self {
            ParamValue::Num(v) => format!("{v}"),
            ParamValue::Text(t) => t.clone(),
        }
    }
}

/// Parameters given to [`super::registry::build`]: positional values (matched to the strategy's
/// declared names in order) or named ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    positional: Vec<ParamValue>,
    named: Vec<(String, ParamValue)>,
}

impl Params {
    /// No parameters (all defaults).
    pub fn none() -> Params {
        Params::default()
    }

    /// Adds a named parameter.
    pub fn with(mut self, name: &str, value: ParamValue) -> Params {
        self.named.push((name.to_string(), value));
        self
    }

    /// Adds a named number.
    pub fn num(self, name: &str, value: f64) -> Params {
        self.with(name, ParamValue::Num(value))
    }

    /// Adds a positional value.
    pub fn push(&mut self, value: ParamValue) {
        self.positional.push(value);
    }

    /// `true` when nothing was given.
    pub fn is_empty(&self) -> bool {
        self.positional.is_empty() && self.named.is_empty()
    }

    /// Parses `v1, v2, name = v3` (the inside of `id(...)`).
    pub fn parse(text: &str) -> Result<Params, StrategyError> {
        let mut p = Params::default();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match item.split_once('=') {
                Some((k, v)) => p.named.push((k.trim().to_string(), ParamValue::parse(v))),
                None => {
                    if !p.named.is_empty() {
                        return Err(StrategyError::Syntax(format!(
                            "positional value '{item}' after named ones"
                        )));
                    }
                    p.positional.push(ParamValue::parse(item))
                }
            }
        }
        Ok(p)
    }

    /// Matches the given values to the declared `names`; unknown or duplicate names and surplus
    /// positional values are errors. The result has one slot per declared name.
    pub fn resolve(&self, names: &[&str]) -> Result<ResolvedParams, StrategyError> {
        if self.positional.len() > names.len() {
            return Err(StrategyError::Param(format!(
                "expected at most {} value(s) ({}), got {}",
                names.len(),
                names.join(", "),
                self.positional.len()
            )));
        }
        let mut slots: Vec<Option<ParamValue>> = vec![None; names.len()];
        for (slot, v) in slots.iter_mut().zip(&self.positional) {
            *slot = Some(v.clone());
        }
        for (k, v) in &self.named {
            let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(k)) else {
                return Err(StrategyError::Param(format!(
                    "unknown parameter '{k}' (expected one of: {})",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                )));
            };
            if slots[i].is_some() {
                return Err(StrategyError::Param(format!("parameter '{k}' given twice")));
            }
            slots[i] = Some(v.clone());
        }
        Ok(ResolvedParams {
            names: names.iter().map(|s| s.to_string()).collect(),
            slots,
        })
    }
}

/// Parameters matched to declared names; getters validate types and ranges.
#[derive(Debug, Clone)]
pub struct ResolvedParams {
    names: Vec<String>,
    slots: Vec<Option<ParamValue>>,
}

impl ResolvedParams {
    fn slot(&self, name: &str) -> Option<&ParamValue> {
        let i = self.names.iter().position(|n| n == name)?;
        self.slots[i].as_ref()
    }

    /// `true` when the parameter was given.
    pub fn given(&self, name: &str) -> bool {
        self.slot(name).is_some()
    }

    /// A finite number, or `default` when absent.
    pub fn number(&self, name: &str, default: f64) -> Result<f64, StrategyError> {
        match self.slot(name) {
            None => Ok(default),
            Some(ParamValue::Num(v)) if v.is_finite() => Ok(*v),
            Some(other) => Err(StrategyError::Param(format!(
                "'{name}' must be a number, got '{}'",
                other.render()
            ))),
        }
    }

    /// A probability in [0, 1], or `default` when absent.
    pub fn probability(&self, name: &str, default: f64) -> Result<f64, StrategyError> {
        let v = self.number(name, default)?;
        if (0.0..=1.0).contains(&v) {
            Ok(v)
        } else {
            Err(StrategyError::Param(format!(
                "'{name}' must be a probability in [0, 1], got {v}"
            )))
        }
    }

    /// A non-negative whole number, or `default` when absent.
    pub fn count(&self, name: &str, default: u32) -> Result<u32, StrategyError> {
        let v = self.number(name, f64::from(default))?;
        if v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX) {
            Ok(v as u32)
        } else {
            Err(StrategyError::Param(format!(
                "'{name}' must be a whole number >= 0, got {v}"
            )))
        }
    }

    /// A non-empty move sequence such as `DD`, or `default` when absent.
    pub fn moves(&self, name: &str, default: &[Action]) -> Result<Vec<Action>, StrategyError> {
        let text = match self.slot(name) {
            None => return Ok(default.to_vec()),
            Some(ParamValue::Text(t)) => t.clone(),
            Some(ParamValue::Num(v)) => {
                return Err(StrategyError::Param(format!(
                    "'{name}' must be a sequence of C and D, got {v}"
                )));
            }
        };
        match parse_actions(&text) {
            Some(m) if !m.is_empty() => Ok(m),
            _ => Err(StrategyError::Param(format!(
                "'{name}' must be a non-empty sequence of C and D, got '{text}'"
            ))),
        }
    }

    /// A single action `C` or `D`, or `default` when absent.
    pub fn action(&self, name: &str, default: Action) -> Result<Action, StrategyError> {
        let m = self.moves(name, &[default])?;
        if m.len() == 1 {
            Ok(m[0])
        } else {
            Err(StrategyError::Param(format!("'{name}' must be C or D")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positional_and_named_values_resolve() {
        let p = Params::parse("0.9, 1/3, initial = D").unwrap();
        let r = p.resolve(&["p_cc", "p_cd", "initial"]).unwrap();
        assert_eq!(r.probability("p_cc", 0.0).unwrap(), 0.9);
        assert!((r.probability("p_cd", 0.0).unwrap() - 1.0 / 3.0).abs() < 1e-15);
        assert_eq!(r.action("initial", Action::C).unwrap(), Action::D);
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(Params::parse("1,2").unwrap().resolve(&["p"]).is_err());
        assert!(Params::parse("q=1").unwrap().resolve(&["p"]).is_err());
        let r = Params::parse("1.5").unwrap().resolve(&["p"]).unwrap();
        assert!(r.probability("p", 0.5).is_err());
        let r = Params::parse("x").unwrap().resolve(&["seq"]).unwrap();
        assert!(r.moves("seq", &[]).is_err());
        assert!(Params::parse("p=1, 2").is_err());
    }
}
