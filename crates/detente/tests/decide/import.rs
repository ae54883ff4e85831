//! Importers: the malformed Copenhagen file, format detection, scenario output.

use detente::import::{Format, ImportOptions, decide_csv, detect, import};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/decide/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("fixture")
}

/// Exactly the two errors the importer must report, and nothing else.
#[test]
fn copenhagen_with_errors_gives_exactly_two_errors() {
    let errors = decide_csv::parse(
        &fixture("copenhagen_with_errors.csv"),
        &ImportOptions::default(),
    )
    .expect_err("the file is malformed");
    let messages: Vec<String> = errors.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        vec![
            "line 86, column 4: position 160 of actor 'Russia' on issue 'Control' is outside \
             the issue scale 0–100 (no #M rows: default scale)",
            "line 87, column 6: power -0.247 of actor 'China India' on issue 'Control' must be \
             between 0 and 1",
        ]
    );
}

/// Fixing the two rows makes the file load: 11 actors, 7 issues, 75 stances.
#[test]
fn copenhagen_fixed_loads() {
    let text = fixture("copenhagen_with_errors.csv")
        .replace("Russia\tControl\t160", "Russia\tControl\t60")
        .replace("-0.247", "0.247");
    let imported = decide_csv::parse(&text, &ImportOptions::default()).expect("valid");
    assert_eq!(imported.actors.len(), 11);
    assert_eq!(imported.issues.len(), 7);
    let stances: usize = imported.issues.iter().map(|i| i.issue.n()).sum();
    assert_eq!(stances, 75);
    assert_eq!(imported.title, "Copenhagen negotiations");
    // Scenario ids allow letters, digits, `-`, `_`, `.`: keys are sanitised, names kept.
    let toml_text = imported.to_scenario_toml();
    assert!(toml_text.contains("id = \"EU_incl_Norway\"\nname = \"EU (incl Norway)\""));
    assert!(toml_text.contains("actor = \"China_India\""));
    assert!(!toml_text.contains("actor = \"China India\""));
}

#[test]
fn formats_are_detected_by_extension_and_content() {
    assert_eq!(
        detect("cop21.csv", &fixture("cop21.csv")),
        Some(Format::Decide)
    );
    assert_eq!(
        detect("x.txt", &fixture("sample_data.txt")),
        Some(Format::Decide)
    );
    assert_eq!(
        detect("ec.csv", &fixture("ec_emissions_1994.csv")),
        Some(Format::Plain)
    );
    assert_eq!(
        detect("h.csv", &fixture("honduras_2009.csv")),
        Some(Format::Plain)
    );
    assert_eq!(detect("s.toml", ""), Some(Format::Scenario));
    assert_eq!(detect("s.xml", ""), Some(Format::KtabXml));
    assert_eq!(
        detect("k.csv", "Dummy, test, 7, 3\nActor, Desc, Cap\n"),
        Some(Format::KtabCsv)
    );
    assert_eq!(detect("n.csv", "hello\n"), None);
    assert_eq!(Format::from_name("ktab-csv"), Some(Format::KtabCsv));
}

/// The scenario written for CoP21 is valid TOML and carries every stance.
#[test]
fn cop21_converts_to_scenario_toml() {
    let imported = import(
        Format::Decide,
        &fixture("cop21.csv"),
        &ImportOptions::default(),
    )
    .expect("valid");
    let text = imported.to_scenario_toml();
    let doc: toml::Table = toml::from_str(&text).expect("valid TOML");
    let issues = doc["issue"].as_array().expect("issues");
    assert_eq!(issues.len(), 13);
    let stances: usize = issues
        .iter()
        .map(|i| i["stance"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(stances, 181);
    assert_eq!(doc["actor"].as_array().map(Vec::len), Some(15));
}
