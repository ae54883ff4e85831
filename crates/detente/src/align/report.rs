//! Turns the stable configurations a search found into the ranked, explained result:
//! frustration (D5), margins and best moves (D8), strictness (D9), coalitions and distances.

use super::problem::Problem;
use super::result::{
    ActorPlacement, ActorSize, AlignResult, Basin, Coalition, Contributor, Diagnostics,
    StableConfiguration,
};
use super::run::{AlignInput, Search};
use super::weight::Weight;
use std::cmp::Ordering;

/// A stable configuration before reporting.
#[derive(Debug, Clone)]
pub(crate) struct Candidate<W> {
    pub labels: Vec<u8>,
    pub energy: W,
    pub strict: bool,
    pub basin: Basin,
}

/// Whether every actor strictly loses by each of its moves (D9, strict form).
pub(crate) fn is_strict<W: Weight>(p: &Problem<W>, k: usize, labels: &[u8]) -> bool {
    let sums = p.coalition_sums(labels, k);
    (0..p.n).all(|i| {
        p.targets(labels, k, i)
            .into_iter()
            .all(|c| p.move_delta(&sums, k, labels, i, c) > p.eps)
    })
}

/// Label of the neutral pole in outputs.
pub const NEUTRAL_LABEL: &str = "neutral";

fn coalition_label(input: &AlignInput, c: usize) -> String {
    if input.options.neutral && c == input.options.coalitions {
        return NEUTRAL_LABEL.to_string();
    }
    match &input.landscape.field {
        Some(f) => f.blocs[c & 1].clone(),
        None => {
            let mut s = String::new();
            let mut x = c;
            loop {
                s.insert(0, (b'A' + (x % 26) as u8) as char);
                if x < 26 {
                    break;
                }
                x = x / 26 - 1;
            }
            s
        }
    }
}

/// Actors that differ between two configurations, minimised over relabellings of coalitions
/// (the neutral pole, label `neutral`, is never relabelled).
pub(crate) fn distance(a: &[u8], b: &[u8], k: usize, neutral: Option<u8>) -> usize {
    if let Some(nl) = neutral {
        // Coalitions are matched among themselves; an actor neutral in one and not in the other
        // differs whatever the matching.
        let off = a
            .iter()
            .zip(b)
            .filter(|&(&x, &y)| (x == nl) != (y == nl))
            .count();
        let (ca, cb): (Vec<u8>, Vec<u8>) = a
            .iter()
            .zip(b)
            .filter(|&(&x, &y)| x != nl && y != nl)
            .map(|(&x, &y)| (x, y))
            .unzip();
        return off + distance(&ca, &cb, nl as usize, None);
    }
    let n = a.len();
    let used = |x: &[u8]| x.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
    let m = used(a).max(used(b)).min(k);
    let mut overlap = vec![0usize; m * m];
    for (&x, &y) in a.iter().zip(b) {
        overlap[x as usize * m + y as usize] += 1;
    }
    n - best_matching(&overlap, m)
}

/// Largest total overlap over one-to-one label matchings (exhaustive for `m ≤ 7`, greedy above).
fn best_matching(overlap: &[usize], m: usize) -> usize {
    fn go(row: usize, m: usize, used: &mut Vec<bool>, overlap: &[usize]) -> usize {
        if row == m {
            return 0;
        }
        let mut best = 0;
        for c in 0..m {
            if !used[c] {
                used[c] = true;
                best = best.max(overlap[row * m + c] + go(row + 1, m, used, overlap));
                used[c] = false;
            }
        }
        best
    }
    if m <= 7 {
        return go(0, m, &mut vec![false; m], overlap);
    }
    let mut cells: Vec<(usize, usize, usize)> =
        (0..m * m).map(|x| (overlap[x], x / m, x % m)).collect();
    crate::order::sort_by(&mut cells, |a, b| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    });
    let (mut rows, mut cols, mut total) = (vec![false; m], vec![false; m], 0);
    for (v, r, c) in cells {
        if !rows[r] && !cols[c] {
            rows[r] = true;
            cols[c] = true;
            total += v;
        }
    }
    total
}

fn placements<W: Weight>(
    p: &Problem<W>,
    input: &AlignInput,
    k: usize,
    labels: &[u8],
) -> Vec<ActorPlacement> {
    let l = &input.landscape;
    let sums = p.coalition_sums(labels, k);
    (0..p.n)
        .map(|i| {
            let denom_q: f64 = (0..p.n).map(|j| p.j(i, j).abs().to_f64()).sum();
            let mut frustration = W::ZERO;
            let mut terms: Vec<(usize, W)> = Vec::new();
            for j in 0..p.n {
                if j != i && p.split(labels, i, j) {
                    frustration += p.j(i, j);
                    if p.j(i, j) != W::ZERO {
                        terms.push((j, p.j(i, j)));
                    }
                }
            }
            crate::order::sort_by(&mut terms, |a, b| {
                b.1.abs()
                    .partial_cmp(&a.1.abs())
                    .unwrap_or(Ordering::Equal)
                    .then(a.0.cmp(&b.0))
            });
            let mut best: Option<(usize, W)> = None;
            for c in p.targets(labels, k, i) {
                let d = p.move_delta(&sums, k, labels, i, c);
                if best.is_none_or(|(_, b)| d < b - p.eps) {
                    best = Some((c, d));
                }
            }
            let used = labels
                .iter()
                .filter(|&&x| Some(x) != p.neutral)
                .map(|&x| x as usize + 1)
                .max()
                .unwrap_or(0);
            let per_actor = p.q * p.s[i];
            let margin = best.map_or(0.0, |(_, d)| p.to_frustration(i, d));
            ActorPlacement {
                id: l.actors[i].id.clone(),
                coalition: coalition_label(input, labels[i] as usize),
                frustration: frustration.to_f64() / per_actor,
                margin,
                relative_margin: if denom_q > 0.0 {
                    (margin * per_actor / denom_q).clamp(-1.0, 1.0)
                } else {
                    0.0
                },
                best_move: best.map(|(c, _)| {
                    if Some(c as u8) == p.neutral {
                        NEUTRAL_LABEL.to_string()
                    } else if c >= used && k > 2 {
                        "new".to_string()
                    } else {
                        coalition_label(input, c)
                    }
                }),
                contributors: terms
                    .iter()
                    .take(3)
                    .map(|&(j, v)| Contributor {
                        actor: l.actors[j].id.clone(),
                        value: v.to_f64() / per_actor,
                    })
                    .collect(),
            }
        })
        .collect()
}

fn coalitions(input: &AlignInput, labels: &[u8], total: f64) -> Vec<Coalition> {
    let l = &input.landscape;
    let k = input.options.coalitions;
    let neutral = input.options.neutral;
    let m = labels
        .iter()
        .filter(|&&x| !(neutral && x as usize == k))
        .map(|&x| x as usize + 1)
        .max()
        .unwrap_or(0);
    // With a bloc field both blocs are listed even when one is empty.
    let m = if l.field.is_some() { 2 } else { m };
    // The neutral pole, when on, is listed last, even when empty.
    let listed: Vec<usize> = (0..m).chain(neutral.then_some(k)).collect();
    listed
        .into_iter()
        .map(|c| {
            let members: Vec<usize> = (0..l.n()).filter(|&i| labels[i] as usize == c).collect();
            let size: f64 = members.iter().map(|&i| l.size(i)).sum();
            Coalition {
                label: coalition_label(input, c),
                members: members.iter().map(|&i| l.actors[i].id.clone()).collect(),
                size,
                share: size / total,
            }
        })
        .collect()
}

/// Sorts the candidates by (energy, labels), details the first `report_limit` and fills the
/// diagnostics.
pub(crate) fn assemble<W: Weight>(
    p: &Problem<W>,
    input: &AlignInput,
    mut search: Search<W>,
    arithmetic: &str,
    notes: Vec<String>,
) -> AlignResult {
    let l = &input.landscape;
    let o = &input.options;
    // Labels in the search: the coalitions, plus the neutral pole when on.
    let k = o.coalitions + usize::from(o.neutral);
    crate::order::sort_by(&mut search.candidates, |a, b| {
        a.energy
            .partial_cmp(&b.energy)
            .unwrap_or(Ordering::Equal)
            .then_with(|| a.labels.cmp(&b.labels))
    });
    let total_size: f64 = l.actors.iter().map(|a| a.size).sum();
    let abs_j: f64 = p.jq.iter().map(|v| v.abs().to_f64()).sum::<f64>() / p.q;
    let mut bound_q = W::ZERO;
    for &v in &p.jq {
        if v < W::ZERO {
            bound_q += v;
        }
    }
    if let Some(f) = &p.fld {
        for c in f {
            bound_q += if c[0] < c[1] { c[0] } else { c[1] };
        }
    }
    let lower_bound = bound_q.to_f64() / p.q;
    let best = search.candidates.first().map(|c| c.energy);
    let strict_found = search.candidates.iter().filter(|c| c.strict).count();
    let shown: Vec<&Candidate<W>> = search.candidates.iter().take(o.report_limit).collect();
    let configurations = shown
        .iter()
        .enumerate()
        .map(|(r, c)| StableConfiguration {
            rank: r + 1,
            energy: c.energy.to_f64() / p.q,
            normalised_energy: if abs_j > 0.0 {
                c.energy.to_f64() / p.q / abs_j
            } else {
                0.0
            },
            gap_to_best: best.map_or(0.0, |b| (c.energy - b).to_f64() / p.q),
            basin: c.basin.clone(),
            strict: c.strict,
            coalitions: coalitions(input, &c.labels, total_size),
            actors: placements(p, input, k, &c.labels),
            distance_to: shown
                .iter()
                .map(|d| distance(&c.labels, &d.labels, k, p.neutral))
                .collect(),
        })
        .collect();
    let mut confidence = search.confidence;
    if let (Some(c), Some(b)) = (&mut confidence, best) {
        c.lower_bound = lower_bound;
        c.gap = b.to_f64() / p.q - lower_bound;
    }
    AlignResult {
        provenance: input.provenance.clone(),
        actors: l
            .actors
            .iter()
            .map(|a| ActorSize {
                id: a.id.clone(),
                size: a.size,
                share: a.size / total_size,
            })
            .collect(),
        diagnostics: Diagnostics {
            method: search.method,
            coalitions: o.coalitions,
            neutral: o.neutral,
            rule: o.rule.name().to_string(),
            configurations_visited: search.visited,
            restarts: search.restarts,
            seed: search.restarts.map(|_| o.seed),
            arithmetic: arithmetic.to_string(),
            tolerance: p.eps.to_f64() / p.q,
            stable_found: search.candidates.len(),
            strict_found,
            ties: search.candidates.len() - strict_found,
            exact_basins: search.exact_basins,
            lower_bound,
            notes,
        },
        configurations,
        confidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_ignores_relabelling() {
        assert_eq!(distance(&[0, 0, 1, 1], &[1, 1, 0, 0], 2, None), 0);
        assert_eq!(distance(&[0, 0, 1, 1], &[0, 1, 1, 1], 2, None), 1);
        assert_eq!(distance(&[0, 1, 2], &[0, 2, 1], 3, None), 0);
        assert_eq!(distance(&[0, 0, 0, 0], &[0, 0, 1, 1], 2, None), 2);
        // Neutral (label 2) is never matched with a coalition.
        assert_eq!(distance(&[0, 0, 2, 1], &[1, 1, 2, 0], 3, Some(2)), 0);
        assert_eq!(distance(&[0, 0, 2, 2], &[2, 2, 0, 0], 3, Some(2)), 4);
    }
}
