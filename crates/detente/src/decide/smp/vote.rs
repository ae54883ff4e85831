//! Voting rules and pairwise victory probabilities.

use super::params::{VictoryProbModel, VotingRule};

/// A vote of weight `w` for option a over option b given the utility difference
/// `du = u_a − u_b`; positive favours a.
#[inline]
pub fn vote(rule: VotingRule, w: f64, du: f64) -> f64 {
    match rule {
        VotingRule::Prop => w * du,
        VotingRule::Binary => w * binary(du),
        VotingRule::PropBin => w * (0.8 * du + 0.2 * binary(du)),
        VotingRule::PropCbc => w * (0.5 * du + 0.5 * du * du * du),
        VotingRule::Cubic => w * du * du * du,
        VotingRule::ASymProsp => {
            if du < 0.0 {
                w * du
            } else {
                (2.0 / 3.0) * w * du
            }
        }
    }
}

/// `clamp(Δu/1e-8, −1, 1)`: a steep but continuous sign.
#[inline]
fn binary(du: f64) -> f64 {
    (du / 1e-8).clamp(-1.0, 1.0)
}

/// D12: the pair `(P(a>b), P(b>a))` from coalition strengths `c_ab`, `c_ba`.
#[inline]
pub fn victory_probability(vpm: VictoryProbModel, c_ab: f64, c_ba: f64) -> (f64, f64) {
    let (x1, x2) = match vpm {
        VictoryProbModel::Linear => (c_ab, c_ba),
        VictoryProbModel::Square => (c_ab * c_ab, c_ba * c_ba),
        VictoryProbModel::Quartic => {
            let (a, b) = (c_ab * c_ab, c_ba * c_ba);
            (a * a, b * b)
        }
        VictoryProbModel::Octic => {
            let (a, b) = (c_ab * c_ab, c_ba * c_ba);
            let (a, b) = (a * a, b * b);
            (a * a, b * b)
        }
        VictoryProbModel::Binary => {
            const THRESH: f64 = 1.1;
            if c_ab >= THRESH * c_ba {
                (1.0, 1e-6)
            } else if c_ba >= THRESH * c_ab {
                (1e-6, 1.0)
            } else {
                let rho = c_ab / (c_ab + c_ba);
                let p = (rho * (THRESH + 1.0) - 1.0) / (THRESH - 1.0);
                (p, 1.0 - p)
            }
        }
    };
    let p = x1 / (x1 + x2);
    (p, 1.0 - p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_are_antisymmetric() {
        for rule in [
            VotingRule::Prop,
            VotingRule::Binary,
            VotingRule::PropBin,
            VotingRule::PropCbc,
            VotingRule::Cubic,
        ] {
            assert!((vote(rule, 2.0, 0.3) + vote(rule, 2.0, -0.3)).abs() < 1e-15);
        }
        assert!((vote(VotingRule::ASymProsp, 3.0, 0.3) - 0.6).abs() < 1e-15);
        assert!((vote(VotingRule::ASymProsp, 3.0, -0.3) + 0.9).abs() < 1e-15);
    }

    #[test]
    fn victory_probabilities_sum_to_one() {
        for vpm in [
            VictoryProbModel::Linear,
            VictoryProbModel::Square,
            VictoryProbModel::Quartic,
            VictoryProbModel::Octic,
            VictoryProbModel::Binary,
        ] {
            for (a, b) in [(1.0, 2.0), (2.0, 1.0), (1.0, 1.05), (3.0, 3.0)] {
                let (p, q) = victory_probability(vpm, a, b);
                assert!((p + q - 1.0).abs() < 1e-12, "{vpm:?} {a} {b}");
                assert!((0.0..=1.0).contains(&p));
            }
        }
        assert_eq!(
            victory_probability(VictoryProbModel::Linear, 1.0, 3.0).0,
            0.25
        );
    }
}
