//! The calibrated posterior as a small CSV (`data/calibration/escalate-rivalries.csv`, bundled
//! with `include_str!`): a comment line with the command that wrote it, a header naming the
//! calibrated parameters, then one weighted draw per line. A scenario with
//! `[escalate] prior = "rivalries-1816-2010"` draws one row per run (probability = weight) and
//! plays the run with its values.

use super::DilemmaError;
use super::calibrate::{Calibration, PRIOR};
use super::setup::DilemmaParams;
use crate::rng::{DetRng, u01};

/// Name of the bundled posterior in scenarios.
pub const RIVALRIES_PRIOR: &str = "rivalries-1816-2010";

const BUNDLED: &str = include_str!("../../../../../data/calibration/escalate-rivalries.csv");

/// Weighted parameter draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Posterior {
    /// Values per draw, in the order of [`PRIOR`].
    pub values: Vec<[f64; 6]>,
    /// Cumulative weights (the last is 1).
    cumulative: Vec<f64>,
}

impl Posterior {
    /// The bundled posterior of `name` (only [`RIVALRIES_PRIOR`] exists).
    pub fn named(name: &str) -> Result<Posterior, DilemmaError> {
        if name == RIVALRIES_PRIOR {
            Posterior::parse(BUNDLED)
        } else {
            Err(DilemmaError::Input(format!(
                "unknown prior {name}; the bundled one is {RIVALRIES_PRIOR}"
            )))
        }
    }

    /// Parse the CSV form written by [`to_csv`].
    pub fn parse(text: &str) -> Result<Posterior, DilemmaError> {
        let bad = |m: String| DilemmaError::Input(format!("posterior file: {m}"));
        let table = match crate::world::csv::parse_commented(text, b'#') {
            Ok(t) => t,
            Err(crate::world::CsvError::Empty) => return Err(bad("no header".into())),
            Err(e) => return Err(bad(e.to_string())),
        };
        let want: Vec<&str> = PRIOR.iter().map(|(p, _, _)| p.key()).collect();
        let got: Vec<&str> = table.header.iter().map(String::as_str).collect();
        if got.len() < 7 || got[..6] != want[..] || got[6] != "weight" {
            return Err(bad(format!("unexpected header {}", got.join(","))));
        }
        let (mut values, mut weights) = (Vec::new(), Vec::new());
        for (n, (_, row)) in table.rows.iter().enumerate() {
            let f: Vec<f64> = row
                .iter()
                .map(|x| x.trim().parse::<f64>())
                .collect::<Result<_, _>>()
                .map_err(|_| bad(format!("row {}: not a number", n + 1)))?;
            if f.len() < 7 || !f[6].is_finite() || f[6] < 0.0 {
                return Err(bad(format!("row {}: too short or a bad weight", n + 1)));
            }
            values.push(std::array::from_fn(|k| f[k]));
            weights.push(f[6]);
        }
        let total: f64 = weights.iter().sum();
        if values.is_empty() || total.is_nan() || total <= 0.0 {
            return Err(bad("no draw with positive weight".into()));
        }
        let mut acc = 0.0;
        let cumulative = weights
            .iter()
            .map(|w| {
                acc += w / total;
                acc
            })
            .collect();
        Ok(Posterior { values, cumulative })
    }

    /// Draw one row (one uniform from `rng`) and set its values in `p`.
    pub fn draw_into(&self, rng: &mut DetRng, p: &mut DilemmaParams) {
        let u = u01(rng);
        let k = self
            .cumulative
            .iter()
            .position(|&c| u < c)
            .unwrap_or(self.values.len() - 1);
        for ((param, _, _), v) in PRIOR.iter().zip(&self.values[k]) {
            param.set(p, *v);
        }
    }

    /// Weighted quantile q of parameter k (in the order of [`PRIOR`]): the smallest value whose
    /// cumulative weight, over the draws sorted by that value, reaches q.
    pub fn quantile(&self, k: usize, q: f64) -> f64 {
        let mut previous = 0.0;
        let mut pairs: Vec<(f64, f64)> = self
            .values
            .iter()
            .zip(&self.cumulative)
            .map(|(v, &c)| {
                let w = c - previous;
                previous = c;
                (v[k], w)
            })
            .collect();
        crate::order::sort_by(&mut pairs, |a, b| a.0.total_cmp(&b.0));
        let mut acc = 0.0;
        for &(x, w) in &pairs {
            acc += w;
            if acc >= q {
                return x;
            }
        }
        pairs.last().map_or(f64::NAN, |p| p.0)
    }

    /// Weighted mean of each parameter.
    pub fn means(&self) -> [f64; 6] {
        let mut out = [0.0; 6];
        let mut previous = 0.0;
        for (v, &c) in self.values.iter().zip(&self.cumulative) {
            let w = c - previous;
            previous = c;
            for k in 0..6 {
                out[k] += w * v[k];
            }
        }
        out
    }
}

/// The posterior of `c` as CSV: a comment with the command and settings, the header, one row
/// per kept draw (values, weight, distance), fixed to 6 decimals.
pub fn to_csv(c: &Calibration) -> String {
    let s = &c.settings;
    let mut out = format!(
        "# detente calibrate escalate --seed {} --draws {} --runs {} --horizon {} --accept {} --quiet {}\n",
        s.seed, s.draws, s.runs, s.horizon, s.accept, s.quiet
    );
    let names: Vec<&str> = PRIOR.iter().map(|(p, _, _)| p.key()).collect();
    out.push_str(&names.join(","));
    out.push_str(",weight,distance\n");
    for d in &c.posterior {
        let cells: Vec<String> = d
            .values
            .iter()
            .chain([d.weight, d.distance].iter())
            .map(|x| format!("{x:.6}"))
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}
