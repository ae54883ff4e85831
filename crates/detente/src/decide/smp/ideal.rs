//! Ideal points (D16): each actor's ideal drifts towards the new positions it accommodates.

/// D16: `ξ'_i = Σ_j A_ij x'_j + (1 − Σ_j A_ij) ξ_i` with the row sum clipped to 1.
/// `accommodation = None` is the identity: ideals follow positions exactly.
pub fn update_ideals(
    n: usize,
    m: usize,
    accommodation: Option<&[f64]>,
    positions: &[f64],
    ideals: &mut [f64],
) {
    let Some(a) = accommodation else {
        ideals.copy_from_slice(positions);
        return;
    };
    for i in 0..n {
        let row = &a[i * n..(i + 1) * n];
        let kept = 1.0 - row.iter().sum::<f64>().min(1.0);
        for d in 0..m {
            let pulled: f64 = row
                .iter()
                .enumerate()
                .map(|(j, &aij)| aij * positions[j * m + d])
                .sum();
            ideals[i * m + d] = pulled + kept * ideals[i * m + d];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_accommodation_keeps_part_of_the_old_ideal() {
        let a = [0.5, 0.25, 0.0, 1.0];
        let x = [1.0, 0.0];
        let mut xi = [0.0, 0.5];
        update_ideals(2, 1, Some(&a), &x, &mut xi);
        assert!((xi[0] - 0.5).abs() < 1e-15); // 0.5·1 + 0.25·0 + 0.25·0
        assert_eq!(xi[1], 0.0);
        let mut xi = [0.3, 0.3];
        update_ideals(2, 1, None, &x, &mut xi);
        assert_eq!(xi, x);
    }
}
