//! Property tests: no input makes the scenario loader panic, whatever bytes it is given, and every
//! reported error is located inside the file.

use detente::scenario::{FLAGSHIP, load_str};
use proptest::prelude::*;

fn check(text: &str) {
    match load_str(text, "fuzz.toml") {
        Ok(_) => {}
        Err(d) => {
            assert!(d.has_errors());
            let lines = text.lines().count().max(1);
            for item in &d.items {
                if let Some(l) = item.line {
                    assert!(l <= lines + 1, "line {l} beyond {lines}");
                }
            }
            let _ = d.render();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(&text);
    }

    #[test]
    fn flagship_with_a_line_removed_never_panics(line in 0usize..1300) {
        let text: String = FLAGSHIP.lines().enumerate().filter(|(i, _)| *i != line).map(|(_, l)| format!("{l}\n")).collect();
        check(&text);
    }

    #[test]
    fn flagship_with_a_byte_changed_never_panics(pos in 0usize..60_000, byte in 32u8..127) {
        let mut bytes = FLAGSHIP.as_bytes().to_vec();
        let pos = pos % bytes.len();
        if bytes[pos].is_ascii() {
            bytes[pos] = byte;
        }
        if let Ok(text) = String::from_utf8(bytes) {
            check(&text);
        }
    }

    #[test]
    fn toml_shaped_values_never_panic(
        key in prop::sample::select(vec!["position", "salience", "capability", "status_quo", "weight", "format", "members", "rule", "noise"]),
        value in prop::sample::select(vec!["nan", "-inf", "1e400", "\"x\"", "[]", "{}", "{ low = 3 }", "{ low = 1, mode = 0, high = 2 }", "-1", "9223372036854775808", "true", "2023-01-01"]),
    ) {
        let text = FLAGSHIP.replacen(&format!("\n{key} = "), &format!("\n{key} = {value}\n_old_{key} = "), 1);
        check(&text);
    }
}
