//! Games: the 2×2 games strategies play, general bimatrices, the four presets,
//! the ordering classifier and the Jervis offence–defence and interdependence modifiers.

use std::fmt;

/// A move in a 2×2 game: `C` (restraint, engagement) is index 0, `D` (arm,
/// restrict, decouple) is index 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[repr(u8)]
pub enum Action {
    /// Cooperate: restraint, engagement.
    C = 0,
    /// Defect: arm, restrict, decouple.
    D = 1,
}

impl Action {
    /// The other action (`C.flip() = D`).
    #[inline]
    pub fn flip(self) -> Action {
        match self {
            Action::C => Action::D,
            Action::D => Action::C,
        }
    }

    /// Row/column index: 0 for C, 1 for D.
    #[inline]
    pub fn index(self) -> usize {
        self as usize
    }

    /// `C` for index 0, `D` otherwise.
    #[inline]
    pub fn from_index(i: usize) -> Action {
        if i == 0 { Action::C } else { Action::D }
    }

    /// The action from a letter `C`/`D` (case-insensitive).
    pub fn from_char(c: char) -> Option<Action> {
        match c.to_ascii_uppercase() {
            'C' => Some(Action::C),
            'D' => Some(Action::D),
            _ => None,
        }
    }

    /// The letter `C` or `D`.
    pub fn as_char(self) -> char {
        match self {
            Action::C => 'C',
            Action::D => 'D',
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_char())
    }
}

/// Parses a move sequence such as `"CCD"` (case-insensitive; spaces and commas ignored).
pub fn parse_actions(text: &str) -> Option<Vec<Action>> {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .map(Action::from_char)
        .collect()
}

/// Renders moves as a `C`/`D` string.
pub fn actions_to_string(moves: &[Action]) -> String {
    moves.iter().map(|a| a.as_char()).collect()
}

/// Why a game could not be built.
#[derive(Debug, Clone, PartialEq)]
pub enum GameError {
    /// A payoff is NaN or infinite.
    NotFinite,
    /// The two matrices differ in shape, or a matrix is empty or ragged.
    Shape(String),
    /// A modifier parameter is out of its range.
    OutOfRange(String),
    /// An unknown preset name.
    UnknownPreset(String),
}

impl fmt::Display for GameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GameError::NotFinite => write!(f, "payoffs must be finite numbers"),
            GameError::Shape(m) => write!(f, "payoff matrices have the wrong shape: {m}"),
            GameError::OutOfRange(m) => write!(f, "{m}"),
            GameError::UnknownPreset(p) => write!(
                f,
                "unknown game '{p}' (expected prisoners-dilemma, stag-hunt, chicken or deadlock)"
            ),
        }
    }
}

impl std::error::Error for GameError {}

/// A 2×2 game in bimatrix form: `a[x][y]` is the row player's payoff and
/// `b[x][y]` the column player's when the row player plays `x` and the column player `y`
/// (index 0 = C, 1 = D). Payoffs are in utility units (the classic 3/0/5/1 scale).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Game {
    /// Row player's payoffs `A`.
    pub a: [[f64; 2]; 2],
    /// Column player's payoffs `B` (for a symmetric game `B = Aᵀ`).
    pub b: [[f64; 2]; 2],
}

impl Default for Game {
    /// The prisoner's dilemma (R, S, T, P) = (3, 0, 5, 1).
    fn default() -> Self {
        Game::symmetric(3.0, 0.0, 5.0, 1.0)
    }
}

/// The four payoffs of a symmetric 2×2 game from one player's point of view.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Rstp {
    /// Reward for mutual cooperation (C, C).
    pub r: f64,
    /// Sucker's payoff (own C, opponent D).
    pub s: f64,
    /// Temptation (own D, opponent C).
    pub t: f64,
    /// Punishment for mutual defection (D, D).
    pub p: f64,
}

impl Game {
    /// Symmetric game `A = [[R, S], [T, P]]`, `B = Aᵀ`. Values are not validated
    /// here; use [`Game::try_symmetric`] for user input.
    pub fn symmetric(r: f64, s: f64, t: f64, p: f64) -> Game {
        Game {
            a: [[r, s], [t, p]],
            b: [[r, t], [s, p]],
        }
    }

    /// Symmetric game from user input, rejecting non-finite payoffs.
    pub fn try_symmetric(r: f64, s: f64, t: f64, p: f64) -> Result<Game, GameError> {
        if [r, s, t, p].iter().all(|v| v.is_finite()) {
            Ok(Game::symmetric(r, s, t, p))
        } else {
            Err(GameError::NotFinite)
        }
    }

    /// Symmetric game from Axelrod-Python's `(R, P, S, T)` order.
    pub fn from_rpst(r: f64, p: f64, s: f64, t: f64) -> Result<Game, GameError> {
        Game::try_symmetric(r, s, t, p)
    }

    /// A 2×2 bimatrix game: both matrices finite.
    pub fn bimatrix(a: [[f64; 2]; 2], b: [[f64; 2]; 2]) -> Result<Game, GameError> {
        if a.iter().chain(b.iter()).flatten().all(|v| v.is_finite()) {
            Ok(Game { a, b })
        } else {
            Err(GameError::NotFinite)
        }
    }

    /// A named preset: `prisoners-dilemma` (3, 0, 5, 1), `stag-hunt`
    /// (5, 0, 3, 1), `chicken` (3, 1, 5, 0), `deadlock` (1, 0, 5, 3), as (R, S, T, P).
    pub fn preset(name: &str) -> Result<Game, GameError> {
        let key: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match key.as_str() {
            "prisonersdilemma" | "pd" => Ok(Game::symmetric(3.0, 0.0, 5.0, 1.0)),
            "staghunt" => Ok(Game::symmetric(5.0, 0.0, 3.0, 1.0)),
            "chicken" => Ok(Game::symmetric(3.0, 1.0, 5.0, 0.0)),
            "deadlock" => Ok(Game::symmetric(1.0, 0.0, 5.0, 3.0)),
            _ => Err(GameError::UnknownPreset(name.to_string())),
        }
    }

    /// Payoffs `(A[x][y], B[x][y])` when the row player plays `x` and the column player `y`.
    #[inline]
    pub fn score(&self, x: Action, y: Action) -> (f64, f64) {
        (self.a[x.index()][y.index()], self.b[x.index()][y.index()])
    }

    /// `true` when `B = Aᵀ`.
    pub fn is_symmetric(&self) -> bool {
        (0..2).all(|i| (0..2).all(|j| self.a[i][j] == self.b[j][i]))
    }

    /// The game as seen by `player` (0 = row, 1 = column): in the result, `a[own][opp]` is that
    /// player's payoff and `b[own][opp]` the opponent's. A symmetric game looks the same to both.
    pub fn view(&self, player: usize) -> Game {
        if player == 0 {
            *self
        } else {
            let t = |m: [[f64; 2]; 2]| [[m[0][0], m[1][0]], [m[0][1], m[1][1]]];
            Game {
                a: t(self.b),
                b: t(self.a),
            }
        }
    }

    /// The row player's (R, S, T, P) (`A[0][0]`, `A[0][1]`, `A[1][0]`, `A[1][1]`).
    pub fn rstp(&self) -> Rstp {
        Rstp {
            r: self.a[0][0],
            s: self.a[0][1],
            t: self.a[1][0],
            p: self.a[1][1],
        }
    }

    /// Names the ordering of the row player's payoffs.
    pub fn classify(&self) -> Classification {
        classify(self.rstp())
    }

    /// Jervis offence–defence balance ω ∈ [−1, 1]: `T' = T + ω(T − R)`,
    /// `S' = S − ω(P − S)` for each player, R and P unchanged.
    pub fn offence_defence(&self, omega: f64) -> Result<Game, GameError> {
        if !(-1.0..=1.0).contains(&omega) {
            return Err(GameError::OutOfRange(format!(
                "offence-defence balance must lie in [-1, 1], got {omega}"
            )));
        }
        Ok(self.modify_each_player(|v| Rstp {
            t: v.t + omega * (v.t - v.r),
            s: v.s - omega * (v.p - v.s),
            ..v
        }))
    }

    /// Interdependence g ≥ 0: `R' = R + g(R − P)`, `P' = P − g(R − P)` for
    /// each player — mutual engagement pays more and mutual decoupling costs more.
    pub fn interdependence(&self, g: f64) -> Result<Game, GameError> {
        if !(g.is_finite() && g >= 0.0) {
            return Err(GameError::OutOfRange(format!(
                "interdependence must be a finite number >= 0, got {g}"
            )));
        }
        Ok(self.modify_each_player(|v| Rstp {
            r: v.r + g * (v.r - v.p),
            p: v.p - g * (v.r - v.p),
            ..v
        }))
    }

    /// Applies `f` to each player's own (R, S, T, P) and rebuilds the bimatrix.
    fn modify_each_player(&self, f: impl Fn(Rstp) -> Rstp) -> Game {
        let row = f(self.rstp());
        let col = f(self.view(1).rstp());
        Game {
            a: [[row.r, row.s], [row.t, row.p]],
            b: [[col.r, col.t], [col.s, col.p]],
        }
    }
}

/// A symmetric game's ordering and its name.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Classification {
    /// The ordering, e.g. `"T > R > P > S"` (ties shown with `=`).
    pub ordering: String,
    /// The game's name when the ordering is one of the presets' (`prisoners-dilemma`,
    /// `stag-hunt`, `chicken`, `deadlock`), or `harmony` (R > T, S > P).
    pub name: Option<&'static str>,
    /// Warnings, e.g. a prisoner's dilemma with 2R ≤ T + S.
    pub warnings: Vec<String>,
}

fn classify(v: Rstp) -> Classification {
    let mut named = [('R', v.r), ('S', v.s), ('T', v.t), ('P', v.p)];
    // Descending by value; stable among equals, so R before S before T before P.
    crate::order::sort_by(&mut named, |x, y| y.1.total_cmp(&x.1));
    let mut ordering = String::new();
    for (k, (letter, value)) in named.iter().enumerate() {
        if k > 0 {
            ordering.push_str(if *value == named[k - 1].1 {
                " = "
            } else {
                " > "
            });
        }
        ordering.push(*letter);
    }
    let Rstp { r, s, t, p } = v;
    let name = if t > r && r > p && p > s {
        Some("prisoners-dilemma")
    } else if r > t && t > p && p > s {
        Some("stag-hunt")
    } else if t > r && r > s && s > p {
        Some("chicken")
    } else if t > p && p > r && r > s {
        Some("deadlock")
    } else if r > t && s > p {
        Some("harmony")
    } else {
        None
    };
    let mut warnings = Vec::new();
    if name == Some("prisoners-dilemma") && 2.0 * r <= t + s {
        warnings.push(
            "2R <= T + S: alternating exploitation pays at least as well as mutual cooperation"
                .to_string(),
        );
    }
    Classification {
        ordering,
        name,
        warnings,
    }
}

/// Jervis' four worlds from the offence–defence balance ω and
/// distinguishability ψ. `None` when ω = 0 (neither side of the balance holds); an intermediate ψ
/// is read by the nearer end (ψ ≥ 0.5 counts as distinguishable).
pub fn jervis_world(omega: f64, psi: f64) -> Option<&'static str> {
    if omega == 0.0 || !omega.is_finite() || !psi.is_finite() {
        return None;
    }
    let offence = omega > 0.0;
    let distinguishable = psi >= 0.5;
    Some(match (offence, distinguishable) {
        (true, false) => "doubly dangerous",
        (false, false) => "security dilemma, but compatible goals possible",
        (true, true) => "no security dilemma, aggression possible",
        (false, true) => "doubly stable",
    })
}

/// Distinguishability ψ ∈ [0, 1]: the factor `1 − ψ` by which a domain's
/// misperception rate is multiplied, because defensive postures can be told from offensive ones.
pub fn misperception_factor(psi: f64) -> Result<f64, GameError> {
    if (0.0..=1.0).contains(&psi) {
        Ok(1.0 - psi)
    } else {
        Err(GameError::OutOfRange(format!(
            "distinguishability must lie in [0, 1], got {psi}"
        )))
    }
}

/// A general m×n bimatrix game, row-major; payoffs in utility units.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Bimatrix {
    /// Row player's payoffs, `rows × cols`.
    pub a: Vec<Vec<f64>>,
    /// Column player's payoffs, `rows × cols`.
    pub b: Vec<Vec<f64>>,
}

impl Bimatrix {
    /// Validates shape (same, non-empty, rectangular) and finiteness.
    pub fn new(a: Vec<Vec<f64>>, b: Vec<Vec<f64>>) -> Result<Bimatrix, GameError> {
        let rows = a.len();
        let cols = a.first().map_or(0, Vec::len);
        if rows == 0 || cols == 0 {
            return Err(GameError::Shape("empty matrix".into()));
        }
        if b.len() != rows || a.iter().chain(b.iter()).any(|row| row.len() != cols) {
            return Err(GameError::Shape(format!(
                "both matrices must be {rows}×{cols} and rectangular"
            )));
        }
        if !a.iter().chain(b.iter()).flatten().all(|v| v.is_finite()) {
            return Err(GameError::NotFinite);
        }
        Ok(Bimatrix { a, b })
    }

    /// `(rows, cols)`.
    pub fn shape(&self) -> (usize, usize) {
        (self.a.len(), self.a[0].len())
    }

    /// Payoffs `(A[i][j], B[i][j])`; `None` outside the matrix.
    pub fn score(&self, i: usize, j: usize) -> Option<(f64, f64)> {
        Some((*self.a.get(i)?.get(j)?, *self.b.get(i)?.get(j)?))
    }

    /// The 2×2 [`Game`] when the shape is 2×2.
    pub fn to_game(&self) -> Option<Game> {
        if self.shape() != (2, 2) {
            return None;
        }
        Some(Game {
            a: [[self.a[0][0], self.a[0][1]], [self.a[1][0], self.a[1][1]]],
            b: [[self.b[0][0], self.b[0][1]], [self.b[1][0], self.b[1][1]]],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symmetric_game_scores_both_players() {
        let g = Game::default();
        assert_eq!(g.score(Action::C, Action::D), (0.0, 5.0));
        assert_eq!(g.score(Action::D, Action::C), (5.0, 0.0));
        assert_eq!(g.score(Action::D, Action::D), (1.0, 1.0));
        assert!(g.is_symmetric());
        assert_eq!(g.view(1), g);
        assert_eq!(Game::from_rpst(3.0, 1.0, 0.0, 5.0).unwrap(), g);
    }

    #[test]
    fn presets_classify_as_their_names() {
        for name in ["prisoners-dilemma", "stag-hunt", "chicken", "deadlock"] {
            let c = Game::preset(name).unwrap().classify();
            assert_eq!(c.name, Some(name), "{c:?}");
            assert!(c.warnings.is_empty());
        }
        assert_eq!(Game::default().classify().ordering, "T > R > P > S");
        assert!(Game::preset("poker").is_err());
    }

    #[test]
    fn weak_prisoners_dilemma_warns() {
        let c = Game::symmetric(3.0, 0.0, 7.0, 1.0).classify();
        assert_eq!(c.name, Some("prisoners-dilemma"));
        assert_eq!(c.warnings.len(), 1);
    }

    #[test]
    fn full_defence_advantage_removes_the_dilemma() {
        let g = Game::default().offence_defence(-1.0).unwrap();
        let v = g.rstp();
        assert_eq!((v.r, v.s, v.t, v.p), (3.0, 1.0, 3.0, 1.0));
        assert!(g.is_symmetric());
        let o = Game::default().offence_defence(0.5).unwrap().rstp();
        assert_eq!((o.t, o.s), (6.0, -0.5));
        assert!(Game::default().offence_defence(1.5).is_err());
    }

    #[test]
    fn interdependence_widens_the_gap_between_engagement_and_decoupling() {
        let v = Game::default().interdependence(0.5).unwrap().rstp();
        assert_eq!((v.r, v.p), (4.0, 0.0));
        assert!(Game::default().interdependence(-1.0).is_err());
    }

    #[test]
    fn column_view_transposes_an_asymmetric_game() {
        let g = Game::bimatrix([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]).unwrap();
        let v = g.view(1);
        // Column player plays D (own index 1) against row C (opp index 0): B[0][1] = 6.
        assert_eq!(v.a[1][0], 6.0);
        assert_eq!(v.b[1][0], 2.0);
        assert!(Game::bimatrix([[f64::NAN, 0.0], [0.0, 0.0]], g.b).is_err());
    }

    #[test]
    fn bimatrix_validates_shape() {
        assert!(Bimatrix::new(vec![vec![1.0, 2.0]], vec![vec![1.0]]).is_err());
        let m = Bimatrix::new(vec![vec![1.0, 2.0, 3.0]], vec![vec![0.0, 0.0, 1.0]]).unwrap();
        assert_eq!(m.shape(), (1, 3));
        assert_eq!(m.score(0, 2), Some((3.0, 1.0)));
        assert!(m.to_game().is_none());
    }

    #[test]
    fn jervis_worlds() {
        assert_eq!(jervis_world(0.5, 0.0), Some("doubly dangerous"));
        assert_eq!(jervis_world(-0.5, 1.0), Some("doubly stable"));
        assert_eq!(misperception_factor(0.25).unwrap(), 0.75);
        assert!(misperception_factor(2.0).is_err());
    }
}
