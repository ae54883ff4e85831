//! The numeric parameters of `[escalate]`, named once. The loader reads them from this table
//! (key, allowed range, field), the experiment layer addresses them as `escalate.KEY` inputs
//! through it, and the range a sweep may give each one comes from it too.

use super::{EscalateSection, MAX_RATE, Uncertain};

/// The range a numeric `[escalate]` parameter may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamRange {
    /// A probability in [0, 1].
    Probability,
    /// A non-negative rate, at most [`MAX_RATE`].
    Rate,
    /// A balance in [−1, 1].
    Balance,
}

impl ParamRange {
    /// Lowest and highest allowed value.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            ParamRange::Probability => (0.0, 1.0),
            ParamRange::Rate => (0.0, MAX_RATE),
            ParamRange::Balance => (-1.0, 1.0),
        }
    }

    /// What the loader expects, for its diagnostics.
    pub(crate) fn expected(self) -> &'static str {
        match self {
            ParamRange::Probability => "a probability in [0, 1]",
            ParamRange::Rate => "a number from 0 to 1000000",
            ParamRange::Balance => "a balance in [−1, 1]",
        }
    }
}

/// Where a parameter stands among the keys of `[escalate]`: the behavioural parameters come
/// before the stage game and the policies, the exits from hostility after the trade links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamGroup {
    /// Perception, spillover, grievance, the military balance, discounting.
    Behaviour,
    /// Reconciliation and leadership change.
    Exit,
}

macro_rules! escalate_params {
    ($( $(#[doc = $doc:literal])* $variant:ident => $field:ident, $range:ident, $group:ident; )*) => {
        /// A numeric parameter of `[escalate]`; its key is the name of its field in
        /// [`EscalateSection`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum EscalateParam {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl EscalateParam {
            /// Every parameter, in the order of the section's fields.
            pub const ALL: &'static [EscalateParam] = &[$(EscalateParam::$variant),*];

            /// The key in the file (and the last part of its input path).
            pub fn key(self) -> &'static str {
                match self {
                    $(EscalateParam::$variant => stringify!($field),)*
                }
            }

            /// The range it may take.
            pub fn range(self) -> ParamRange {
                match self {
                    $(EscalateParam::$variant => ParamRange::$range,)*
                }
            }

            /// Where it stands among the section's keys.
            pub fn group(self) -> ParamGroup {
                match self {
                    $(EscalateParam::$variant => ParamGroup::$group,)*
                }
            }

            /// Its value in `e` (`None`: left to the prior or the default).
            pub fn get(self, e: &EscalateSection) -> Option<Uncertain> {
                match self {
                    $(EscalateParam::$variant => e.$field,)*
                }
            }

            /// Its slot in `e`, to set it.
            pub fn slot(self, e: &mut EscalateSection) -> &mut Option<Uncertain> {
                match self {
                    $(EscalateParam::$variant => &mut e.$field,)*
                }
            }
        }
    };
}

escalate_params! {
    /// ε, `noise`.
    Noise => noise, Probability, Behaviour;
    /// ε_b, `optimism`.
    Optimism => optimism, Probability, Behaviour;
    /// ε_x, `execution_noise`.
    ExecutionNoise => execution_noise, Probability, Behaviour;
    /// σ, `spillover`.
    Spillover => spillover, Rate, Behaviour;
    /// κ, `contagion`.
    Contagion => contagion, Rate, Behaviour;
    /// ι, `interdependence`.
    Interdependence => interdependence, Rate, Behaviour;
    /// γ, `grievance`.
    Grievance => grievance, Rate, Behaviour;
    /// ω, `offence_defence`.
    OffenceDefence => offence_defence, Balance, Behaviour;
    /// ψ, `distinguishability`.
    Distinguishability => distinguishability, Probability, Behaviour;
    /// β, `discount`.
    Discount => discount, Probability, Behaviour;
    /// ρ₀, `reconciliation`.
    Reconciliation => reconciliation, Probability, Exit;
    /// ρ₁, `reconciliation_restraint`.
    ReconciliationRestraint => reconciliation_restraint, Rate, Exit;
    /// η, `leadership_change`.
    LeadershipChange => leadership_change, Probability, Exit;
}

impl EscalateParam {
    /// The parameter whose key is `key`.
    pub fn from_key(key: &str) -> Option<EscalateParam> {
        EscalateParam::ALL.iter().copied().find(|p| p.key() == key)
    }
}

impl std::fmt::Display for EscalateParam {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_found_again() {
        for (k, p) in EscalateParam::ALL.iter().enumerate() {
            assert_eq!(EscalateParam::from_key(p.key()), Some(*p));
            assert!(EscalateParam::ALL[..k].iter().all(|q| q.key() != p.key()));
        }
        assert_eq!(EscalateParam::ALL.len(), 13);
        assert_eq!(EscalateParam::from_key("policy"), None);
    }
}
