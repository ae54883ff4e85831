//! Validation (a): Axelrod & Bennett's Unix 1988 case, exactly.

use crate::align_common;

use align_common::{input, landscape, partition, sides};
use detente::align::{Basin, align};

fn unix() -> detente::align::Landscape {
    let text = include_str!("../fixtures/landscape/ab1993_unix_1988_firms.csv");
    let mut ids = Vec::new();
    let mut sizes = Vec::new();
    let mut kinds = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        ids.push(f[0]);
        sizes.push(f[1].parse::<f64>().unwrap());
        kinds.push(f[2]);
    }
    // p = −1 for two specialists or two generalists, 0 for a mixed pair.
    landscape(
        &ids,
        &sizes,
        |i, j| if kinds[i] == kinds[j] { -1.0 } else { 0.0 },
    )
}

#[test]
fn unix_1988_has_exactly_the_two_published_minima_with_equal_basins() {
    let r = align(&input(unix())).unwrap();
    assert_eq!(r.diagnostics.configurations_visited, Some(256));
    assert!(r.diagnostics.arithmetic.starts_with("exact-"));
    assert_eq!(r.configurations.len(), 2);
    let mut found: Vec<_> = r.configurations.iter().map(partition).collect();
    found.sort();
    let mut expected = vec![
        sides(&[
            &["Sun", "Prime", "AT&T", "IBM"],
            &["DEC", "HP", "Apollo", "Intergraph", "SGI"],
        ]),
        sides(&[
            &["Sun", "Prime", "DEC", "HP"],
            &["AT&T", "IBM", "Apollo", "Intergraph", "SGI"],
        ]),
    ];
    expected.sort();
    assert_eq!(found, expected);
    for c in &r.configurations {
        assert!(c.strict);
        assert_eq!(c.energy, -3828.9);
        assert_eq!(c.gap_to_best, 0.0);
        assert!(
            matches!(
                c.basin,
                Basin::Exact {
                    count: 128,
                    total: 256,
                    ..
                }
            ),
            "{:?}",
            c.basin
        );
    }
    assert_eq!(r.configurations[0].distance_to, vec![0, 4]);
}

#[test]
fn every_integer_width_gives_the_same_answer() {
    // Scaling sizes by 10^4 and 10^9 pushes the search from i32 to i64 and i128 (D1: only ratios
    // matter), so the three exact paths must agree.
    let base = unix();
    let mut widths = Vec::new();
    for factor in [1.0, 1e4, 1e9] {
        let mut l = base.clone();
        for a in &mut l.actors {
            a.size = (a.size * factor * 10.0).round() / 10.0;
        }
        let r = align(&input(l)).unwrap();
        widths.push(r.diagnostics.arithmetic.clone());
        assert_eq!(r.configurations.len(), 2);
        for c in &r.configurations {
            assert_eq!(c.energy, -3828.9 * factor * factor);
            assert!(matches!(c.basin, Basin::Exact { count: 128, .. }));
        }
    }
    assert_eq!(widths, ["exact-i32", "exact-i64", "exact-i128"]);
}
