//! What the iterated-game commands (match, tournament, evolve, strategies) share: reading a
//! game, a strategy or a list of strategies from the command line, and fitting names to columns.

use crate::error::CliError;
use detente::escalate::game::Game;
use detente::escalate::strategy::{Player, registry};

/// A game from a preset name or `R,S,T,P`.
pub fn parse_game(text: &str) -> Result<Game, CliError> {
    if text.contains(',') {
        let v: Result<Vec<f64>, _> = text.split(',').map(|x| x.trim().parse::<f64>()).collect();
        return match v.as_deref() {
            Ok([r, s, t, p]) => {
                Game::try_symmetric(*r, *s, *t, *p).map_err(|e| CliError::Input(e.to_string()))
            }
            _ => Err(CliError::Input(format!(
                "--game '{text}': expected four numbers R,S,T,P (e.g. 3,0,5,1)"
            ))),
        };
    }
    Game::preset(text).map_err(|e| CliError::Input(e.to_string()))
}

/// A strategy from a name or specification; unknown names get a "did you mean".
pub fn parse_strategy(text: &str) -> Result<Player, CliError> {
    registry::parse(text).map_err(|e| CliError::Input(e.to_string()))
}

/// Splits a list at commas that are not inside parentheses.
fn split_list(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim());
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// The players named by `first`, `basic`, `all` or a comma-separated list.
pub fn parse_players(text: &str) -> Result<Vec<Player>, CliError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "first" => Ok(registry::first_tournament()),
        "basic" => Ok(registry::basic()),
        "all" => Ok(registry::all()),
        _ => split_list(text).into_iter().map(parse_strategy).collect(),
    }
}
