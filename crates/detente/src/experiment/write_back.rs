//! Fixed input values written back into a scenario's own text: each value replaces the text of
//! the TOML value it overrides, so comments, order and layout stay as they were. This is how a
//! front end saves the moves an analyst made by input path (sliders, overrides) as a file.

use super::input_path::InputPath;
use crate::scenario::{Diagnostics, Scenario, Uncertain, load_str, parse_with_spans};

/// A scenario's text with values written in.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Written {
    /// The edited text (loads to the scenario with those inputs fixed).
    pub text: String,
    /// Paths whose value is not written in the file (it comes from the world data or a
    /// default), so the text cannot carry them.
    pub unwritten: Vec<String>,
}

/// Why values could not be written.
#[derive(Debug, Clone)]
pub enum WriteError {
    /// The text is not a valid scenario.
    Scenario(Diagnostics),
    /// A path addresses no input of the scenario, or a value is not a finite number.
    Value(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Scenario(d) => write!(f, "{d}"),
            WriteError::Value(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for WriteError {}

/// `source` with each `(input path, value)` written over the value it addresses (the paths
/// of `experiment::inputs`). A value given as a range or distribution becomes the single
/// number. Numbers are written in Rust's shortest form that reads back to the same `f64`.
pub fn write_values(
    source: &str,
    file: &str,
    values: &[(String, f64)],
) -> Result<Written, WriteError> {
    let mut resolved = load_str(source, file).map_err(WriteError::Scenario)?;
    let Some((scenario, spans)) = parse_with_spans(source) else {
        return Err(WriteError::Value("the scenario did not parse".into()));
    };
    let mut edits = Vec::new();
    let mut unwritten = Vec::new();
    for (path, value) in values {
        if !value.is_finite() {
            return Err(WriteError::Value(format!(
                "`{path}`: {value} is not a finite number"
            )));
        }
        let address = InputPath::parse(path).map_err(|e| WriteError::Value(e.to_string()))?;
        address
            .set(&mut resolved, Uncertain::Fixed(*value))
            .map_err(|e| WriteError::Value(e.to_string()))?;
        match key_of(&scenario, &address).and_then(|key| spans.get(&key)) {
            Some(span) => edits.push((span.clone(), format!("{value}"))),
            None => unwritten.push(path.clone()),
        }
    }
    // From the end of the text backwards, so earlier spans stay valid; a later value for the
    // same key wins.
    crate::order::sort_by_key(&mut edits, |(span, _)| std::cmp::Reverse(span.start));
    edits.dedup_by_key(|(span, _)| span.start);
    let mut text = source.to_string();
    for (span, number) in edits {
        text.replace_range(span, &number);
    }
    Ok(Written { text, unwritten })
}

/// The TOML key path (`issue[0].stance[2].position`) an input path addresses in the file.
fn key_of(s: &Scenario, path: &InputPath) -> Option<String> {
    let actor = |id: &str| s.actors.iter().position(|a| a.id == id);
    let issue = |id: &str| s.issues.iter().position(|i| i.id == id);
    match path {
        InputPath::Actor { actor: id, field } => {
            Some(format!("actor[{}].{}", actor(id)?, field.key()))
        }
        InputPath::StatusQuo { issue: id } => Some(format!("issue[{}].status_quo", issue(id)?)),
        InputPath::Stance {
            issue: id,
            actor: who,
            field,
        } => {
            let k = issue(id)?;
            let j = s.issues[k].stances.iter().position(|x| x.actor == *who)?;
            Some(format!("issue[{k}].stance[{j}].{}", field.key()))
        }
        InputPath::Tie { .. } => Some(format!("tie[{}].weight", path.tie_index(&s.ties)?)),
        InputPath::Influence { from, to } => {
            let e = s.escalate.as_ref()?;
            let k = e
                .influences
                .iter()
                .position(|i| i.from == *from && i.to == *to)?;
            Some(format!("escalate.influence[{k}].weight"))
        }
        InputPath::Trade { from, to } => {
            let e = s.escalate.as_ref()?;
            let k = e
                .trade
                .iter()
                .position(|t| t.from == *from && t.to == *to)?;
            Some(format!("escalate.trade[{k}].share"))
        }
        InputPath::Escalate(p) => Some(format!("escalate.{}", p.key())),
        InputPath::Richardson(p) => Some(format!("richardson.{}", p.key())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::all_inputs;
    use crate::scenario::{FLAGSHIP, FLAGSHIP_NAME};

    fn value_of(source: &str, path: &str) -> f64 {
        let r = load_str(source, "t.toml").unwrap();
        all_inputs(&r)
            .into_iter()
            .find(|i| i.path == path)
            .unwrap()
            .value
            .point()
    }

    #[test]
    fn written_values_load_back_and_the_rest_of_the_text_stays() {
        let values = vec![
            ("issue.china-posture.stance.USA.position".to_string(), 72.5),
            ("issue.china-posture.stance.FRA.salience".to_string(), 0.35),
            ("escalate.contagion".to_string(), 0.125),
        ];
        let w = write_values(FLAGSHIP, FLAGSHIP_NAME, &values).unwrap();
        assert!(w.unwritten.is_empty(), "{:?}", w.unwritten);
        for (path, v) in &values {
            assert_eq!(value_of(&w.text, path), *v, "{path}");
        }
        // Only the three values changed: every comment line is still there, in order.
        let comments = |t: &str| {
            t.lines()
                .filter(|l| l.trim_start().starts_with('#'))
                .count()
        };
        assert_eq!(comments(&w.text), comments(FLAGSHIP));
        assert_eq!(w.text.lines().count(), FLAGSHIP.lines().count());
        let changed = FLAGSHIP
            .lines()
            .zip(w.text.lines())
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(changed, 3);
        // Spillover comes from the calibrated prior, not from the file.
        let w = write_values(
            FLAGSHIP,
            FLAGSHIP_NAME,
            &[("escalate.spillover".into(), 0.2)],
        );
        assert_eq!(w.unwrap().unwritten, ["escalate.spillover"]);
    }

    #[test]
    fn values_not_in_the_file_are_listed_and_bad_paths_refused() {
        let source = "format = 1\n[scenario]\nid = \"t\"\ntitle = \"T\"\nas_of = \"2024-01-01\"\n\n[[actor]]\nid = \"USA\"\ncapability = 2 # declared\n\n[[actor]]\nid = \"CHN\"\n\n[[issue]]\nid = \"i\"\nquestion = \"Q?\"\nscale = { min = 0, max = 100 }\nstance = [\n  { actor = \"USA\", position = 10, salience = 0.5 },\n  { actor = \"CHN\", position = { low = 60, mode = 70, high = 90 }, salience = 0.5 },\n]\n";
        if let Err(d) = load_str(source, "t.toml") {
            panic!("{d}");
        }
        let w = write_values(
            source,
            "t.toml",
            &[
                ("issue.i.stance.CHN.position".into(), 75.0),
                ("actor.USA.capability".into(), 3.0),
                ("actor.CHN.capability".into(), 300.0),
            ],
        )
        .unwrap();
        assert!(
            w.text
                .contains("{ actor = \"CHN\", position = 75, salience = 0.5 }"),
            "{}",
            w.text
        );
        assert!(w.text.contains("capability = 3 # declared\n"), "{}", w.text);
        // China's capability comes from the world data: the file cannot carry it.
        assert_eq!(w.unwritten, ["actor.CHN.capability"]);
        assert!(
            write_values(
                source,
                "t.toml",
                &[("issue.i.stance.C.position".into(), 1.0)]
            )
            .is_err()
        );
        assert!(
            write_values(source, "t.toml", &[("issue.i.status_quo".into(), f64::NAN)]).is_err()
        );
        assert!(matches!(
            write_values("format = 2", "t.toml", &[]),
            Err(WriteError::Scenario(_))
        ));
    }
}
