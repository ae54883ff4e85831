//! Validation (a): Axelrod & Bennett's Unix 1988 case, exactly (align.md §4(a)).

mod align_common;

use align_common::{input, landscape, partition, sides};
use detente::align::{Basin, align};

fn unix() -> detente::align::Landscape {
    let text = include_str!("fixtures/landscape/ab1993_unix_1988_firms.csv");
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
    assert_eq!(r.diagnostics.arithmetic, "exact-i64");
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
