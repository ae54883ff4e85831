//! The rule examples and, for every registered strategy, its first
//! moves and replies to known opponents.

use detente::escalate::game::{Action, Game, actions_to_string, parse_actions};
use detente::escalate::matchplay::{MatchSpec, play};
use detente::escalate::strategy::{self, Depth, MatchContext, Strategy, registry};
use detente::rng::{run_stream, u01};

/// Player 1's moves in a noiseless match of `turns` turns.
fn moves(a: &str, b: &str, turns: u32) -> String {
    let mut p1 = registry::parse(a).unwrap();
    let mut p2 = registry::parse(b).unwrap();
    let mut spec = MatchSpec::fixed(Game::default(), turns);
    spec.record_moves = true;
    let r = play(&mut p1, &mut p2, &spec).unwrap();
    actions_to_string(&r.moves.unwrap().iter().map(|m| m[0]).collect::<Vec<_>>())
}

/// Moves of `id` against a fixed sequence of opponent moves (length unknown to the player).
fn replies(id: &str, op: &str, length: Option<u32>) -> String {
    let mut s = registry::parse(id).unwrap();
    let ctx = MatchContext {
        game: Game::default(),
        length,
    };
    let op = parse_actions(op).unwrap();
    actions_to_string(&strategy::replies(&mut s, &op, &ctx, &mut run_stream(1, 1)))
}

#[test]
fn downing_v_cooperator() {
    assert_eq!(&moves("first-by-downing", "cooperator", 6), "DDCDDD");
}

#[test]
fn shubik_v_defector() {
    assert_eq!(moves("first-by-shubik", "defector", 16), "CDCDDCDDDCDDDDCD");
}

#[test]
fn stein_rapoport_v_alternator() {
    let expected = format!("CCCCDCDCDCDCDCD{}", "D".repeat(17));
    assert_eq!(moves("first-by-stein-rapoport", "alternator", 32), expected);
}

#[test]
fn tideman_chieruzzi_v_alternator() {
    // The example is a 20-turn match: turns 19–20 are the final (D, D).
    assert_eq!(
        moves("first-by-tideman-chieruzzi", "alternator", 20),
        "CCDCDDDDDCDDDDDDDDDD"
    );
    // Without the end game turn 20 answers the alternator's C on turn 19 with C (the fifth
    // retaliation, turns 15–19, is over).
    assert_eq!(
        &moves("first-by-tideman-chieruzzi", "alternator", 200)[..20],
        "CCDCDDDDDCDDDDDDDDDC"
    );
}

#[test]
fn end_game_of_the_final_players() {
    // Against a cooperator, both play C until the last two turns, then D, D.
    for id in ["first-by-stein-rapoport", "first-by-tideman-chieruzzi"] {
        let m = moves(id, "cooperator", 50);
        assert_eq!(m, format!("{}DD", "C".repeat(48)), "{id}");
    }
    // With unknown length the end game does not apply.
    assert_eq!(
        replies("first-by-stein-rapoport", &"C".repeat(20), None),
        "C".repeat(20)
    );
}

#[test]
fn nydegger_follows_its_table() {
    // v Defector: C, D (op₋₁), D (op₋₁ since (D, D) ≠ (D, C)); then A = 16·3 + 4·3 + 2 = 62 is
    // not in the set -> C; the next A = 16·2 + 4·3 + 3 = 47 -> C; 16·2 + 4·2 + 3 = 43 -> C.
    assert_eq!(&moves("first-by-nydegger", "defector", 6), "CDDCCC");
    assert_eq!(&moves("first-by-nydegger", "cooperator", 8), "CCCCCCCC");
    // (op1, op2) = (D, C) -> D on turn 3.
    assert_eq!(replies("first-by-nydegger", "DCC", None), "CDD");
}

#[test]
fn graaskamp_probes_on_turn_51_and_then_mirrors_a_tit_for_tat() {
    let m = moves("first-by-graaskamp", "tit-for-tat", 70);
    let expected_first = format!("{}D{}", "C".repeat(50), "C");
    assert_eq!(&m[..52], expected_first);
    // TFT answers the probe with D on turn 52; Graaskamp replies D on turn 53, then TFT-like.
    assert_eq!(&m[52..54], "DC");
}

#[test]
fn graaskamp_defects_against_a_random_looking_opponent() {
    let op = "CD".repeat(50);
    let m = replies("first-by-graaskamp", &op, None);
    assert!(m[57..].chars().all(|c| c == 'D'), "{m}");
}

#[test]
fn davis_and_tullock_open_with_cooperation() {
    assert_eq!(&moves("first-by-davis", "defector", 12), "CCCCCCCCCCDD");
    assert_eq!(&moves("first-by-tullock", "defector", 13), "CCCCCCCCCCCDD");
}

#[test]
fn every_strategy_has_consistent_first_moves() {
    let opening_c = [
        "cooperator",
        "tit-for-tat",
        "tit-for-2-tats",
        "two-tits-for-tat",
        "grudger",
        "alternator",
        "win-stay-lose-shift",
        "generous-tit-for-tat",
        "anti-tit-for-tat",
        "hard-tit-for-tat",
        "hard-tit-for-2-tats",
        "soft-go-by-majority",
        "cycler-ccd",
        "cycler-cccd",
        "memory-one",
        "first-by-tideman-chieruzzi",
        "first-by-nydegger",
        "first-by-grofman",
        "first-by-shubik",
        "first-by-stein-rapoport",
        "first-by-davis",
        "first-by-graaskamp",
        "first-by-feld",
        "first-by-joss",
        "first-by-tullock",
    ];
    let opening_d = [
        "defector",
        "suspicious-tit-for-tat",
        "bully",
        "prober",
        "win-shift-lose-stay",
        "cycler-dc",
        "cycler-ddc",
        "first-by-downing",
    ];
    for id in opening_c {
        assert_eq!(&replies(id, "C", None), "C", "{id}");
    }
    for id in opening_d {
        assert_eq!(&replies(id, "C", None), "D", "{id}");
    }
    // Every registered strategy is covered, except the random ones.
    let covered = opening_c.len() + opening_d.len();
    let random = ["random", "first-by-anonymous", "cycler"];
    assert_eq!(covered + random.len(), registry::list().len());
}

#[test]
fn replies_to_a_known_sequence() {
    let op = "CDDCDCCC";
    let table = [
        ("tit-for-tat", "CCDDCDCC"),
        ("suspicious-tit-for-tat", "DCDDCDCC"),
        ("tit-for-2-tats", "CCCDCCCC"),
        ("two-tits-for-tat", "CCDDDDDC"),
        ("grudger", "CCDDDDDD"),
        ("hard-tit-for-tat", "CCDDDDDD"),
        ("hard-tit-for-2-tats", "CCCDDCCC"),
        ("win-stay-lose-shift", "CCDCCDDD"),
        ("anti-tit-for-tat", "CDCCDCDD"),
        ("bully", "DDCCDCDD"),
        ("prober", "DCCDCDCC"),
        ("soft-go-by-majority", "CCCDCDCC"),
        ("cycler-ddc", "DDCDDCDD"),
        ("first-by-shubik", "CCDCCDDC"),
    ];
    for (id, expected) in table {
        assert_eq!(replies(id, op, None), expected, "{id}");
    }
}

#[test]
fn classifiers_match_the_tables() {
    let depth = |id: &str| registry::parse(id).unwrap().meta().memory_depth;
    assert_eq!(depth("cooperator"), Depth::Finite(0));
    assert_eq!(depth("tit-for-2-tats"), Depth::Finite(2));
    assert_eq!(depth("first-by-nydegger"), Depth::Finite(3));
    assert_eq!(depth("first-by-feld"), Depth::Finite(200));
    assert_eq!(depth("first-by-davis"), Depth::Infinite);
    assert_eq!(depth("cycler-cccd"), Depth::Finite(3));
    let meta = |id: &str| registry::parse(id).unwrap().meta().clone();
    assert!(meta("first-by-tideman-chieruzzi").makes_use_of.game);
    assert!(meta("first-by-tideman-chieruzzi").makes_use_of.length);
    assert!(meta("first-by-downing").makes_use_of.game);
    assert!(!meta("first-by-downing").makes_use_of.length);
    let stochastic: Vec<String> = registry::first_tournament()
        .iter()
        .filter(|p| p.meta().stochastic)
        .map(|p| p.meta().id.clone())
        .collect();
    assert_eq!(
        stochastic,
        [
            "first-by-grofman",
            "first-by-graaskamp",
            "first-by-feld",
            "first-by-joss",
            "first-by-tullock",
            "first-by-anonymous",
            "random"
        ]
    );
    assert_eq!(Action::C.flip(), Action::D);
}

/// Every registered strategy's declared `stochastic` flag matches how it plays. Against four
/// opponents (always C, always D, alternating, a fixed random sequence), 200 turns, with and
/// without a known length: a strategy declared deterministic draws no random number and plays
/// the same under every seed; one declared stochastic draws and, under some seed, plays
/// differently.
#[test]
fn declared_stochastic_flags_match_how_strategies_play() {
    let turns = 200;
    let mut noise = run_stream(99, 0);
    let opponents: Vec<Vec<Action>> = vec![
        vec![Action::C; turns],
        vec![Action::D; turns],
        (0..turns)
            .map(|t| if t % 2 == 0 { Action::C } else { Action::D })
            .collect(),
        (0..turns)
            .map(|_| {
                if u01(&mut noise) < 0.5 {
                    Action::C
                } else {
                    Action::D
                }
            })
            .collect(),
    ];
    let (mut wrong, players) = (Vec::new(), registry::all());
    let stochastic = players.iter().filter(|p| p.meta().stochastic).count();
    assert!(
        stochastic >= 5 && players.len() - stochastic >= 20,
        "{stochastic} of {}",
        players.len()
    );
    for player in players {
        let id = player.meta().id.clone();
        let (mut drew, mut varied) = (false, false);
        for op in &opponents {
            for length in [None, Some(turns as u32)] {
                let ctx = MatchContext {
                    game: Game::default(),
                    length,
                };
                let mut rng = run_stream(1, 0);
                let before = rng.get_word_pos();
                let first = strategy::replies(&mut player.clone(), op, &ctx, &mut rng);
                drew |= rng.get_word_pos() != before;
                for seed in 2..=6 {
                    let other =
                        strategy::replies(&mut player.clone(), op, &ctx, &mut run_stream(seed, 0));
                    varied |= other != first;
                }
            }
        }
        let declared = player.meta().stochastic;
        if declared != drew || declared != varied {
            wrong.push(format!(
                "{id}: declared stochastic = {declared}, draws = {drew}, varies = {varied}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
