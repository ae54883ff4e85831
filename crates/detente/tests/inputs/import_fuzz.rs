//! Property tests: no input makes an importer panic — arbitrary text in every format, and the
//! validation fixtures with a line removed or a byte changed. Whatever is imported must also
//! convert to scenario TOML that the scenario loader reads without panicking.

use detente::import::{Format, ImportOptions, detect, import};
use proptest::prelude::*;

const FIXTURES: [(&str, Format); 6] = [
    (include_str!("../fixtures/decide/cop21.csv"), Format::Decide),
    (
        include_str!("../fixtures/decide/sample_data.txt"),
        Format::Decide,
    ),
    (
        include_str!("../fixtures/decide/ec_emissions_1994.csv"),
        Format::Plain,
    ),
    (
        include_str!("../fixtures/ktab/dummyData_3Dim.csv"),
        Format::KtabCsv,
    ),
    (
        include_str!("../fixtures/ktab/dummyData_3Dim.xml"),
        Format::KtabXml,
    ),
    (include_str!("../fixtures/deu/synthetic.csv"), Format::Deu),
];

const FORMATS: [Format; 5] = [
    Format::Decide,
    Format::Plain,
    Format::KtabCsv,
    Format::KtabXml,
    Format::Deu,
];

fn check(format: Format, text: &str) {
    let _ = detect("fuzz.csv", text);
    if let Ok(imported) = import(format, text, &ImportOptions::default()) {
        let toml = imported.to_scenario_toml();
        let _ = detente::scenario::load_str(&toml, "imported.toml");
    }
}

#[test]
fn the_fixtures_import_and_convert_to_valid_scenarios() {
    for (text, format) in FIXTURES {
        let imported = import(format, text, &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{format:?}: {:?}", e.0));
        let toml = imported.to_scenario_toml();
        detente::scenario::load_str(&toml, "imported.toml")
            .unwrap_or_else(|d| panic!("{}", d.render()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}", f in 0usize..5) {
        check(FORMATS[f], &text);
    }

    #[test]
    fn csv_shaped_text_never_panics(
        lines in prop::collection::vec("(#A|#P|#M|#D|[a-z]{0,4})(\t|,|;)[-0-9a-z.e]{0,6}((\t|,|;)[-0-9.e]{0,6}){0,6}", 0..12),
        f in 0usize..3,
    ) {
        check(FORMATS[f], &lines.join("\n"));
    }

    #[test]
    fn deu_shaped_rows_never_panic_and_imports_load(
        rows in prop::collection::vec(
            "(P1|P2|\"P,3\"|),(1|2|a|),(DE|FR|de|COM|ep|OUTCOME|sq|\"X,Y\"|),[-0-9.e]{0,4},[-0-9.]{0,4},[-0-9.]{0,3}(,[a-z ]{0,5}){0,2}",
            0..16,
        ),
        header in prop::sample::select(vec![
            "proposal,issue,actor,position,salience,capability,description,date",
            "Proposal,Issue,Actor,Position,Salience,Capability",
            "proposal,issue,actor,position,salience",
            "proposal,issue,actor,position,position,salience",
        ]),
    ) {
        let text = format!("{header}\n{}", rows.join("\n"));
        check(Format::Deu, &text);
        if let Ok(imported) = import(Format::Deu, &text, &ImportOptions::default()) {
            let toml = imported.to_scenario_toml();
            if let Err(d) = detente::scenario::load_str(&toml, "imported.toml") {
                panic!("{}\n{toml}", d.render());
            }
        }
    }

    #[test]
    fn a_fixture_with_a_line_removed_never_panics(which in 0usize..6, line in 0usize..400) {
        let (text, format) = FIXTURES[which];
        let cut: String = text.lines().enumerate().filter(|(i, _)| *i != line % text.lines().count().max(1))
            .map(|(_, l)| format!("{l}\n")).collect();
        check(format, &cut);
    }

    #[test]
    fn a_fixture_with_a_byte_changed_never_panics(which in 0usize..6, pos in 0usize..20_000, byte in 32u8..127) {
        let (text, format) = FIXTURES[which];
        let mut bytes = text.as_bytes().to_vec();
        let pos = pos % bytes.len();
        if bytes[pos].is_ascii() {
            bytes[pos] = byte;
        }
        if let Ok(text) = String::from_utf8(bytes) {
            check(format, &text);
        }
    }
}
