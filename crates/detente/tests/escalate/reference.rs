//! Validation against Axelrod-Python 4.14.0: the 36 deterministic
//! reference matches move for move and score for score, and the round robin of the eight
//! reference players with 1, 2 and 8 threads.

use detente::escalate::game::{Game, actions_to_string};
use detente::escalate::matchplay::{MatchSpec, play};
use detente::escalate::strategy::registry;
use detente::escalate::tournament::{self, TournamentResult, TournamentSpec};
use serde_json::Value;

const FIXTURE: &str = include_str!("../fixtures/axelrod/reference_matches.json");

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).expect("fixture is valid JSON")
}

fn game_from_fixture(v: &Value) -> Game {
    let rpst: Vec<f64> = v["rpst"]
        .as_array()
        .expect("rpst")
        .iter()
        .map(|x| x.as_f64().expect("number"))
        .collect();
    Game::from_rpst(rpst[0], rpst[1], rpst[2], rpst[3]).expect("finite payoffs")
}

#[test]
fn all_36_reference_matches_agree_move_for_move() {
    let v = fixture();
    let game = game_from_fixture(&v);
    assert_eq!(game, Game::default());
    let matches = v["matches"].as_array().expect("matches");
    assert_eq!(matches.len(), 36);
    for m in matches {
        let (n1, n2) = (
            m["player1"].as_str().unwrap(),
            m["player2"].as_str().unwrap(),
        );
        let mut p1 = registry::parse(n1).unwrap_or_else(|e| panic!("{n1}: {e}"));
        let mut p2 = registry::parse(n2).unwrap_or_else(|e| panic!("{n2}: {e}"));
        let turns = m["turns"].as_u64().unwrap() as u32;
        let mut spec = MatchSpec::fixed(game, turns);
        spec.record_moves = true;
        let r = play(&mut p1, &mut p2, &spec).unwrap();
        let label = format!("{n1} v {n2}");
        assert_eq!(r.scores[0], m["score1"].as_f64().unwrap(), "{label}");
        assert_eq!(r.scores[1], m["score2"].as_f64().unwrap(), "{label}");
        assert_eq!(
            u64::from(r.cooperations[0]),
            m["coop1"].as_u64().unwrap(),
            "{label}"
        );
        assert_eq!(
            u64::from(r.cooperations[1]),
            m["coop2"].as_u64().unwrap(),
            "{label}"
        );
        assert!((r.scores_per_turn[0] - m["per_turn1"].as_f64().unwrap()).abs() < 1e-12);
        assert!((r.scores_per_turn[1] - m["per_turn2"].as_f64().unwrap()).abs() < 1e-12);
        let winner = match r.winner {
            None => "False",
            Some(0) => n1,
            Some(_) => n2,
        };
        // The fixture names winners by class or display name; compare normalised spellings.
        assert_eq!(
            registry::normalise(winner),
            registry::normalise(m["winner"].as_str().unwrap()),
            "{label}"
        );
        let moves = r.moves.expect("recorded");
        let seq = |k: usize| -> String {
            actions_to_string(&moves.iter().map(|p| p[k]).collect::<Vec<_>>())
        };
        let (s1, s2) = (seq(0), seq(1));
        assert_eq!(&s1[..12], m["first12_p1"].as_str().unwrap(), "{label}");
        assert_eq!(&s2[..12], m["first12_p2"].as_str().unwrap(), "{label}");
        assert_eq!(
            &s1[s1.len() - 4..],
            m["last4_p1"].as_str().unwrap(),
            "{label}"
        );
        assert_eq!(
            &s2[s2.len() - 4..],
            m["last4_p2"].as_str().unwrap(),
            "{label}"
        );
    }
}

fn round_robin(threads: usize) -> TournamentResult {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let players = registry::reference_eight();
    let mut spec = TournamentSpec::fixed(Game::default(), 200, 5);
    spec.seed = 2024;
    pool.install(|| tournament::run(&players, &spec))
        .expect("tournament runs")
}

#[test]
fn round_robin_of_the_eight_reference_players() {
    let r = round_robin(1);
    // Order: TFT, Cooperator, Defector, Grudger, Alternator, TF2T, WSLS, Suspicious TFT.
    let totals = [
        3597.0, 3297.0, 3016.0, 3399.0, 3260.0, 3495.0, 3351.0, 3008.0,
    ];
    for (i, &t) in totals.iter().enumerate() {
        assert_eq!(r.scores[i], vec![t; 5], "{}", r.names[i]);
        let normalised = t / 1400.0;
        assert!((r.median_normalised_scores[i] - normalised).abs() < 1e-12);
    }
    assert!((r.normalised_scores[0][0] - 2.569_286).abs() < 1e-6);
    assert_eq!(
        r.ranked_names,
        [
            "Tit For Tat",
            "Tit For 2 Tats",
            "Grudger",
            "Win-Stay Lose-Shift",
            "Cooperator",
            "Alternator",
            "Defector",
            "Suspicious Tit For Tat"
        ]
    );
    let wins = [0, 0, 6, 1, 3, 0, 0, 2];
    for (i, &w) in wins.iter().enumerate() {
        assert_eq!(r.wins[i], vec![w; 5], "{}", r.names[i]);
    }
    let rating = [0.7157, 1.0, 0.0, 0.5743, 0.5, 0.8586, 0.7621, 0.4757];
    for (i, &c) in rating.iter().enumerate() {
        assert!(
            (r.cooperating_rating[i] - c).abs() < 5e-5,
            "{} {}",
            r.names[i],
            r.cooperating_rating[i]
        );
    }
    let diagonal = [3.0, 3.0, 1.0, 3.0, 2.0, 3.0, 3.0, 1.0];
    for (i, &d) in diagonal.iter().enumerate() {
        assert_eq!(r.payoff_matrix[i][i], d, "{}", r.names[i]);
        assert_eq!(r.payoff_stddevs[i][i], 0.0);
    }
    assert_eq!(r.match_lengths[4][2][7], 200);
}

#[test]
fn results_are_identical_for_1_2_and_8_threads() {
    let one = round_robin(1);
    assert_eq!(one, round_robin(2));
    assert_eq!(one, round_robin(8));
    // Also for a stochastic line-up with noise and random lengths.
    let noisy = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        let players = registry::first_tournament();
        let spec = TournamentSpec {
            game: Game::default(),
            turns: Some(300),
            prob_end: Some(0.01),
            noise: 0.02,
            repetitions: 3,
            seed: 99,
        };
        let r = pool
            .install(|| tournament::run(&players, &spec))
            .expect("runs");
        serde_json::to_string(&r).expect("serialises")
    };
    let a = noisy(1);
    assert_eq!(a, noisy(2));
    assert_eq!(a, noisy(8));
}

/// Axelrod's first tournament (15 players, 200 turns, 5 repetitions) reproduces the tiers of
/// Axelrod-Python's published runs (documentation tutorial "Running Axelrod's First Tournament",
/// seeds 0 and 1): Stein and Rapoport first; then Grofman, Shubik, TFT, Nydegger and Tideman &
/// Chieruzzi; then Grudger, Davis, Graaskamp, Downing, Feld; then Tullock and Joss; Anonymous and
/// Random last. Order within a tier varies with the random streams there too.
#[test]
fn first_tournament_reproduces_the_published_tiers() {
    let players = registry::first_tournament();
    let mut spec = TournamentSpec::fixed(Game::default(), 200, 5);
    spec.seed = 1;
    let r = tournament::run(&players, &spec).unwrap();
    let tier = |from: usize, to: usize| {
        let mut names: Vec<String> = r.ranked_names[from..to]
            .iter()
            .map(|n| n.replace("First by ", ""))
            .collect();
        names.sort();
        names
    };
    assert_eq!(tier(0, 1), ["Stein and Rapoport"]);
    assert_eq!(
        tier(1, 6),
        [
            "Grofman",
            "Nydegger",
            "Shubik",
            "Tideman and Chieruzzi",
            "Tit For Tat"
        ]
    );
    assert_eq!(
        tier(6, 11),
        ["Davis", "Downing", "Feld", "Graaskamp", "Grudger"]
    );
    assert_eq!(tier(11, 13), ["Joss", "Tullock"]);
    assert_eq!(tier(13, 15), ["Anonymous", "Random"]);
}
