//! A case library scored in contiguous slices (as a distributed backtest computes it, each
//! slice anywhere) gives the same backtest as the library scored whole, and the cases survive
//! a round trip through their serialised form.

use detente::experiment::backtest::{
    AlignCase, BacktestOptions, Case, align_cases, backtest, decide_cases, library_slice,
};
use detente::scenario::{Resolved, load_str};

fn library() -> Vec<(String, Resolved)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios");
    [
        "cases/nato-vilnius-2023.toml",
        "cases/ww1-1914.toml",
        "cases/eu-aci-2023.toml",
        "cases/ww2-europe-1939.toml",
    ]
    .iter()
    .map(|name| {
        let path = format!("{root}/{name}");
        let text = std::fs::read_to_string(&path).unwrap();
        let r = load_str(&text, &path).unwrap_or_else(|d| panic!("{}", d.render()));
        (name.to_string(), r)
    })
    .collect()
}

const OPTIONS: BacktestOptions = BacktestOptions {
    tolerance: 10.0,
    resamples: 200,
    seed: 3,
};

#[test]
fn slices_concatenated_in_order_score_like_the_whole_library() {
    let all = library();
    let whole =
        backtest(decide_cases(&all), OPTIONS).with_align(align_cases(&all, &OPTIONS).unwrap());
    assert_eq!(whole.align.len(), 2, "ww1 and ww2 are align cases");
    assert!(!whole.cases.is_empty());
    for cut in [1, 2, 3] {
        let (head, tail) = all.split_at(cut);
        let (mut cases, mut aligned) = library_slice(head, 0, &OPTIONS).unwrap();
        let (c, a) = library_slice(tail, cut as u64, &OPTIONS).unwrap();
        cases.extend(c);
        aligned.extend(a);
        let sliced = backtest(cases, OPTIONS).with_align(aligned);
        assert_eq!(
            serde_json::to_string(&sliced).unwrap(),
            serde_json::to_string(&whole).unwrap(),
            "cut after {cut} files"
        );
    }
    // An align case's bootstrap depends on its place in the library: numbering the tail from
    // 0 instead changes its intervals.
    let (_, misplaced) = library_slice(&all[3..], 0, &OPTIONS).unwrap();
    assert_ne!(misplaced[0], whole.align[1]);
}

#[test]
fn cases_round_trip_through_their_serialised_form() {
    let all = library();
    let (cases, aligned) = library_slice(&all, 0, &OPTIONS).unwrap();
    let back: Vec<Case> = serde_json::from_value(serde_json::to_value(&cases).unwrap()).unwrap();
    assert_eq!(back, cases);
    let back: Vec<AlignCase> =
        serde_json::from_value(serde_json::to_value(&aligned).unwrap()).unwrap();
    assert_eq!(back, aligned);
}
