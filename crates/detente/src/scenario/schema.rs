//! The JSON Schema of the scenario format, generated from the typed model (schemars).

use super::Scenario;

/// The JSON Schema (draft 2020-12) of scenario format version 1, pretty-printed.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Scenario);
    serde_json::to_string_pretty(&schema).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn schema_names_the_main_keys() {
        let s = super::json_schema();
        for key in [
            "\"format\"",
            "\"actor\"",
            "\"issue\"",
            "\"stance\"",
            "\"salience\"",
            "\"escalate\"",
        ] {
            assert!(s.contains(key), "schema lacks {key}");
        }
    }
}
