//! Scenario model names → model values with their defaults.
//!
//! `build("bdm", Some(&json!({"q": 0.7})))` gives the BDM model with `Q = 0.7` and every other
//! parameter at its default; unknown parameter names are errors. Presets are named parameter
//! sets (e.g. `scholz2011` for BDM).

use serde::de::DeserializeOwned;

use super::bdm::Bdm;
use super::compromise::Compromise;
use super::exchange::Exchange;
use super::median::Median;
use super::model::{DecideError, DecisionModel, MultiIssueModel};
use super::nash::Nash;

/// Every model name a scenario or the CLI may use.
pub const NAMES: &[&str] = &["compromise", "median", "nash", "bdm", "smp", "exchange"];

/// A model from the registry: single-issue or multi-issue.
pub enum Model {
    /// Solves one issue at a time.
    Single(Box<dyn DecisionModel>),
    /// Solves several issues jointly (exchange).
    Multi(Box<dyn MultiIssueModel>),
}

impl Model {
    /// The model's registry name.
    pub fn id(&self) -> &'static str {
        match self {
            Model::Single(m) => m.id(),
            Model::Multi(m) => m.id(),
        }
    }
}

/// The model called `name` with its defaults, overridden by `parameters` (a JSON object of
/// parameter names and values), if given.
pub fn build(name: &str, parameters: Option<&serde_json::Value>) -> Result<Model, DecideError> {
    let p = parameters;
    Ok(match name {
        "compromise" => Model::Single(Box::new(params::<Compromise>(name, p)?)),
        "median" => Model::Single(Box::new(params::<Median>(name, p)?)),
        "nash" => Model::Single(Box::new(params::<Nash>(name, p)?)),
        "bdm" => Model::Single(Box::new(params::<Bdm>(name, p)?)),
        "smp" => Model::Single(Box::new(params::<super::smp::Smp>(name, p)?)),
        "exchange" => Model::Multi(Box::new(params::<Exchange>(name, p)?)),
        _ => {
            return Err(DecideError::UnknownModel {
                name: name.to_string(),
            });
        }
    })
}

/// A named preset: the model it belongs to and the model with the preset's parameters.
pub fn preset(name: &str) -> Result<Model, DecideError> {
    if let Some(b) = Bdm::preset(name) {
        return Ok(Model::Single(Box::new(b)));
    }
    Err(DecideError::UnknownPreset {
        name: name.to_string(),
    })
}

/// Every named preset.
pub const PRESETS: &[&str] = &["scholz2011"];

/// Read a model's parameter struct from a JSON object, filling absent fields from its defaults.
pub fn params<T: DeserializeOwned + Default>(
    model: &str,
    parameters: Option<&serde_json::Value>,
) -> Result<T, DecideError> {
    match parameters {
        None => Ok(T::default()),
        Some(serde_json::Value::Object(map)) if map.is_empty() => Ok(T::default()),
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| DecideError::BadParameter {
            model: model.to_string(),
            message: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_model_is_an_error() {
        assert!(matches!(
            build("oracle", None),
            Err(DecideError::UnknownModel { .. })
        ));
    }

    #[test]
    fn unknown_preset_names_itself() {
        let e = preset("nope").err().expect("an error");
        assert_eq!(e.to_string(), "unknown preset 'nope' (known: scholz2011)");
    }

    #[test]
    fn compromise_builds() {
        assert_eq!(
            build("compromise", None).map(|m| m.id()).ok(),
            Some("compromise")
        );
    }
}
