//! Properties of matches that must hold for every strategy pair.

use detente::escalate::game::Game;
use detente::escalate::matchplay::{MatchSpec, play};
use detente::escalate::strategy::{Strategy, registry};
use proptest::prelude::*;

fn ids() -> Vec<&'static str> {
    registry::list().iter().map(|e| e.id).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Each player reads only its own view, so swapping the seats of two deterministic players
    /// in a noiseless match swaps the result.
    #[test]
    fn seats_do_not_matter_for_deterministic_players(
        a in 0..ids().len(), b in 0..ids().len(), turns in 1u32..300
    ) {
        let (x, y) = (ids()[a], ids()[b]);
        let (mut p, mut q) = (registry::parse(x).unwrap(), registry::parse(y).unwrap());
        prop_assume!(!p.meta().stochastic && !q.meta().stochastic);
        let mut spec = MatchSpec::fixed(Game::default(), turns);
        spec.record_moves = true;
        let ab = play(&mut p, &mut q, &spec).unwrap();
        let ba = play(&mut q, &mut p, &spec).unwrap();
        prop_assert_eq!(ab, ba.swapped());
    }

    /// Scores, cooperation counts and state counts agree with the recorded moves, with noise and
    /// random lengths, for every pair.
    #[test]
    fn accounting_is_consistent(
        a in 0..ids().len(), b in 0..ids().len(), seed in any::<u64>(),
        noise in 0.0f64..0.3, prob_end in proptest::option::of(0.005f64..0.5)
    ) {
        let (mut p, mut q) = (registry::parse(ids()[a]).unwrap(), registry::parse(ids()[b]).unwrap());
        let game = Game::preset("chicken").unwrap();
        let spec = MatchSpec {
            game,
            turns: Some(250),
            prob_end,
            noise,
            seed,
            record_moves: true,
            record_turn_scores: true,
        };
        let r = play(&mut p, &mut q, &spec).unwrap();
        let moves = r.moves.clone().unwrap();
        prop_assert_eq!(moves.len() as u32, r.length);
        prop_assert!(r.length >= 1 && r.length <= 250);
        let mut s = [0.0; 2];
        for t in r.turn_scores.as_ref().unwrap() {
            s[0] += t[0];
            s[1] += t[1];
        }
        prop_assert_eq!(s, r.scores);
        let c0 = moves.iter().filter(|m| m[0].index() == 0).count() as u32;
        prop_assert_eq!(c0, r.cooperations[0]);
        prop_assert_eq!(r.state_counts.iter().sum::<u32>(), r.length);
        // Same seed, same match.
        let again = play(&mut p, &mut q, &spec).unwrap();
        prop_assert_eq!(r, again);
    }
}
