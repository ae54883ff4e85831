//! Benchmarks of the escalate lens: memory-one turns per second, the general
//! match loop, and Axelrod's first tournament on one thread.

use detente::escalate::game::Game;
use detente::escalate::matchplay::{MatchSpec, play};
use detente::escalate::strategy::registry;
use detente::escalate::tournament::{self, TournamentSpec};
use divan::counter::ItemsCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

const TURNS: u32 = 1_000_000;

/// Two stochastic memory-one players (GTFT v Joss), no noise: one draw per player per turn.
#[divan::bench]
fn memory_one_stochastic(b: Bencher) {
    let (mut p, mut q) = (
        registry::parse("generous-tit-for-tat").unwrap(),
        registry::parse("first-by-joss").unwrap(),
    );
    let spec = MatchSpec::fixed(Game::default(), TURNS);
    b.counter(ItemsCount::new(TURNS))
        .bench_local(|| black_box(play(&mut p, &mut q, black_box(&spec)).unwrap()));
}

/// WSLS v TFT with 5 % noise: two noise draws per turn, deterministic rules.
#[divan::bench]
fn memory_one_noisy(b: Bencher) {
    let (mut p, mut q) = (
        registry::parse("win-stay-lose-shift").unwrap(),
        registry::parse("tit-for-tat").unwrap(),
    );
    let mut spec = MatchSpec::fixed(Game::default(), TURNS);
    spec.noise = 0.05;
    b.counter(ItemsCount::new(TURNS))
        .bench_local(|| black_box(play(&mut p, &mut q, black_box(&spec)).unwrap()));
}

/// Deterministic memory-one pair, no noise: no draws at all.
#[divan::bench]
fn memory_one_deterministic(b: Bencher) {
    let (mut p, mut q) = (
        registry::parse("win-stay-lose-shift").unwrap(),
        registry::parse("alternator").unwrap(),
    );
    let spec = MatchSpec::fixed(Game::default(), TURNS);
    b.counter(ItemsCount::new(TURNS))
        .bench_local(|| black_box(play(&mut p, &mut q, black_box(&spec)).unwrap()));
}

/// The general loop (enum dispatch, histories): Tideman & Chieruzzi v Graaskamp.
#[divan::bench]
fn general_match_loop(b: Bencher) {
    let (mut p, mut q) = (
        registry::parse("first-by-tideman-chieruzzi").unwrap(),
        registry::parse("first-by-graaskamp").unwrap(),
    );
    let turns = 100_000;
    let spec = MatchSpec::fixed(Game::default(), turns);
    b.counter(ItemsCount::new(turns))
        .bench_local(|| black_box(play(&mut p, &mut q, black_box(&spec)).unwrap()));
}

/// Axelrod's first tournament: 15 players, 200 turns, 10 repetitions, one thread.
#[divan::bench(sample_count = 20)]
fn first_tournament_one_thread(b: Bencher) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let players = registry::first_tournament();
    let spec = TournamentSpec::fixed(Game::default(), 200, 10);
    b.bench_local(|| pool.install(|| black_box(tournament::run(&players, &spec).unwrap())));
}
