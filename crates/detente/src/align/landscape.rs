//! The plain inputs of the landscape model: actors with sizes, a symmetric
//! propensity matrix and an optional bloc field. Everything the search needs and nothing else.

use super::error::{AlignError, AlignResultOf};
use serde::{Deserialize, Serialize};

/// An actor of the landscape (D1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LandscapeActor {
    /// Identifier shown in outputs (ISO3 for states, free text otherwise).
    pub id: String,
    /// Size `s_i > 0` (D1): any positive capability measure; only ratios matter.
    pub size: f64,
}

/// An optional pull of each actor toward two labelled, pre-existing blocs (a known
/// critique of the model): `pull[i] = [h_i^A, h_i^B]` adds `−s_i·h_i^c` to the energy when actor `i` is in bloc `c`.
/// Off by default, so the default model is exactly Axelrod–Bennett's. Only for two coalitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlocField {
    /// Names of the two blocs, coalition A then B (e.g. `["West", "East"]`).
    pub blocs: [String; 2],
    /// Per actor, in actor order: the pull toward bloc A and toward bloc B (propensity units).
    pub pull: Vec<[f64; 2]>,
}

/// The landscape: actors, sizes and the symmetric propensity matrix `p_ij` (D1, D2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Landscape {
    /// Actors in scenario order; this order breaks every tie (D10, D11).
    pub actors: Vec<LandscapeActor>,
    /// Row-major `n × n` propensities; `p[i][j] = p[j][i]`, diagonal ignored.
    pub propensity: Vec<f64>,
    /// Optional bloc field (off when `None`).
    pub field: Option<BlocField>,
}

impl Landscape {
    /// Builds a landscape, checking D1 (sizes finite and > 0, unique ids), D2 (finite, symmetric
    /// propensities) and the shape of the field. Asymmetric input is rejected here; use
    /// [`Landscape::symmetrised`] to average it instead.
    pub fn new(actors: Vec<LandscapeActor>, propensity: Vec<f64>) -> AlignResultOf<Self> {
        let l = Landscape {
            actors,
            propensity,
            field: None,
        };
        l.validate()?;
        Ok(l)
    }

    /// Like [`Landscape::new`] but replaces each asymmetric pair by its mean (D2) and returns one
    /// warning per pair that was changed.
    pub fn symmetrised(
        actors: Vec<LandscapeActor>,
        mut propensity: Vec<f64>,
    ) -> AlignResultOf<(Self, Vec<String>)> {
        let n = actors.len();
        if propensity.len() != n * n {
            return Err(shape_error(n, propensity.len()));
        }
        let mut warnings = Vec::new();
        for i in 0..n {
            for j in (i + 1)..n {
                let (a, b) = (propensity[i * n + j], propensity[j * n + i]);
                if a != b && a.is_finite() && b.is_finite() {
                    let m = 0.5 * (a + b);
                    propensity[i * n + j] = m;
                    propensity[j * n + i] = m;
                    warnings.push(format!(
                        "propensity {}–{} asymmetric ({a} vs {b}); using the mean {m}",
                        actors[i].id, actors[j].id
                    ));
                }
            }
        }
        Ok((Landscape::new(actors, propensity)?, warnings))
    }

    /// Adds a bloc field (two coalitions only), checking its shape and values.
    pub fn with_field(mut self, field: BlocField) -> AlignResultOf<Self> {
        self.field = Some(field);
        self.validate()?;
        Ok(self)
    }

    /// Number of actors `n`.
    pub fn n(&self) -> usize {
        self.actors.len()
    }

    /// `p_ij` (D2); 0 on the diagonal.
    pub fn p(&self, i: usize, j: usize) -> f64 {
        if i == j {
            0.0
        } else {
            self.propensity[i * self.n() + j]
        }
    }

    /// Size `s_i` (D1).
    pub fn size(&self, i: usize) -> f64 {
        self.actors[i].size
    }

    /// Index of an actor by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.actors.iter().position(|a| a.id == id)
    }

    /// The actor pinned to coalition A in canonical form (D11): largest size, ties to the lowest
    /// index.
    pub fn pinned_actor(&self) -> usize {
        let mut best = 0;
        for (i, a) in self.actors.iter().enumerate() {
            if a.size > self.actors[best].size {
                best = i;
            }
        }
        best
    }

    /// Frustration `F_i(X) = Σ_{j≠i} s_j p_ij d_ij(X)` (D5) of actor `i` in the configuration
    /// given by coalition labels (one per actor). Plain O(n) reference evaluation.
    pub fn frustration(&self, labels: &[u8], i: usize) -> f64 {
        (0..self.n())
            .filter(|&j| j != i && labels[j] != labels[i])
            .map(|j| self.size(j) * self.p(i, j))
            .sum()
    }

    /// Energy `E(X) = Σ_i s_i F_i(X)` (D6, ordered pairs), plus `−Σ_i s_i h_i^{X(i)}` when a bloc
    /// field is on. Plain O(n²) reference evaluation.
    pub fn energy(&self, labels: &[u8]) -> f64 {
        let mut e = 0.0;
        for i in 0..self.n() {
            e += self.size(i) * self.frustration(labels, i);
            if let Some(f) = &self.field {
                e -= self.size(i) * f.pull[i][labels[i] as usize & 1];
            }
        }
        e
    }

    /// Change of actor `i`'s frustration if it moved to coalition `to` (D7):
    /// `Σ_{j∈own∖i} s_j p_ij − Σ_{j∈to} s_j p_ij`, minus half the change of its bloc pull (so that
    /// `ΔE = 2 s_i ΔF_i` holds with a field too).
    pub fn move_change(&self, labels: &[u8], i: usize, to: u8) -> f64 {
        let mut d = 0.0;
        for j in 0..self.n() {
            if j != i {
                if labels[j] == labels[i] {
                    d += self.size(j) * self.p(i, j);
                } else if labels[j] == to {
                    d -= self.size(j) * self.p(i, j);
                }
            }
        }
        if let Some(f) = &self.field {
            d -= 0.5 * (f.pull[i][to as usize & 1] - f.pull[i][labels[i] as usize & 1]);
        }
        d
    }

    /// Checks D1, D2 and the field's shape (inputs deserialised from files skip the
    /// constructors, so the entry point checks again).
    pub(crate) fn validate(&self) -> AlignResultOf<()> {
        let n = self.n();
        if n == 0 {
            return Err(AlignError::Input("no actors".into()));
        }
        if n > 4096 {
            return Err(AlignError::TooLarge(format!("{n} actors (at most 4096)")));
        }
        if self.propensity.len() != n * n {
            return Err(shape_error(n, self.propensity.len()));
        }
        let mut seen = std::collections::BTreeSet::new();
        for a in &self.actors {
            if !(a.size.is_finite() && a.size > 0.0) {
                return Err(AlignError::Input(format!(
                    "actor {}: size must be finite and > 0 (got {}) (D1)",
                    a.id, a.size
                )));
            }
            if !seen.insert(a.id.as_str()) {
                return Err(AlignError::Input(format!("duplicate actor id {}", a.id)));
            }
        }
        for i in 0..n {
            for j in 0..n {
                let v = self.propensity[i * n + j];
                if i != j && !v.is_finite() {
                    return Err(AlignError::Input(format!(
                        "propensity {}–{} is not finite",
                        self.actors[i].id, self.actors[j].id
                    )));
                }
                if i < j && v != self.propensity[j * n + i] {
                    return Err(AlignError::Input(format!(
                        "propensity {}–{} is asymmetric ({v} vs {}) (D2)",
                        self.actors[i].id,
                        self.actors[j].id,
                        self.propensity[j * n + i]
                    )));
                }
            }
        }
        if let Some(f) = &self.field {
            if f.pull.len() != n {
                return Err(AlignError::Input(format!(
                    "bloc field has {} entries for {n} actors",
                    f.pull.len()
                )));
            }
            if f.pull.iter().flatten().any(|v| !v.is_finite()) {
                return Err(AlignError::Input("bloc field values must be finite".into()));
            }
        }
        Ok(())
    }
}

fn shape_error(n: usize, len: usize) -> AlignError {
    AlignError::Input(format!(
        "propensity matrix has {len} entries; {n} actors need {}",
        n * n
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actors(sizes: &[f64]) -> Vec<LandscapeActor> {
        sizes
            .iter()
            .enumerate()
            .map(|(i, &s)| LandscapeActor {
                id: format!("a{i}"),
                size: s,
            })
            .collect()
    }

    #[test]
    fn rejects_bad_sizes_and_asymmetry() {
        assert!(Landscape::new(actors(&[1.0, 0.0]), vec![0.0; 4]).is_err());
        assert!(Landscape::new(actors(&[1.0, f64::NAN]), vec![0.0; 4]).is_err());
        assert!(Landscape::new(actors(&[1.0, 1.0]), vec![0.0, 1.0, -1.0, 0.0]).is_err());
        assert!(Landscape::new(actors(&[1.0, 1.0]), vec![0.0; 3]).is_err());
    }

    #[test]
    fn symmetrises_with_a_warning() {
        let (l, w) =
            Landscape::symmetrised(actors(&[1.0, 2.0]), vec![0.0, 1.0, -0.5, 0.0]).unwrap();
        assert_eq!(l.p(0, 1), 0.25);
        assert_eq!(l.p(1, 0), 0.25);
        assert_eq!(w.len(), 1);
        assert_eq!(l.pinned_actor(), 1);
    }
}
