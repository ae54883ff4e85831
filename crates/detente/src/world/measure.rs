//! Capability measures: which column of the world table stands for an actor's capability.

use super::WorldActor;

/// How a state's capability is read from the world data (`[world] capability`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum CapabilityMeasure {
    /// SIPRI military expenditure 2024, current US$ million.
    #[default]
    Milex,
    /// IMF WEO GDP 2024, current US$ billion.
    Gdp,
    /// COW CINC composite index 2022 (share of the world's material capabilities).
    Cinc,
    /// Population 2024, million.
    Population,
    /// Every actor counts 1.
    Equal,
}

/// Why the world data cannot supply a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// A sentence for the analyst: what is missing and what to do.
    pub reason: String,
}

impl CapabilityMeasure {
    /// All measures, in documentation order.
    pub const ALL: [CapabilityMeasure; 5] = [
        CapabilityMeasure::Milex,
        CapabilityMeasure::Gdp,
        CapabilityMeasure::Cinc,
        CapabilityMeasure::Population,
        CapabilityMeasure::Equal,
    ];

    /// The scenario keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            CapabilityMeasure::Milex => "milex",
            CapabilityMeasure::Gdp => "gdp",
            CapabilityMeasure::Cinc => "cinc",
            CapabilityMeasure::Population => "population",
            CapabilityMeasure::Equal => "equal",
        }
    }

    /// Parse a scenario keyword.
    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.keyword() == s)
    }

    /// Unit of the measure's numbers.
    pub fn unit(self) -> &'static str {
        match self {
            CapabilityMeasure::Milex => "US$ m, 2024",
            CapabilityMeasure::Gdp => "US$ bn, 2024",
            CapabilityMeasure::Cinc => "CINC, 2022",
            CapabilityMeasure::Population => "million, 2024",
            CapabilityMeasure::Equal => "1 per actor",
        }
    }

    /// The data owner in a few words, for tables.
    pub fn owner(self) -> &'static str {
        match self {
            CapabilityMeasure::Milex => "SIPRI milex 2025 release",
            CapabilityMeasure::Gdp => "IMF WEO Oct 2025",
            CapabilityMeasure::Cinc => "COW NMC v7.0",
            CapabilityMeasure::Population => "IMF WEO Oct 2025 / WB",
            CapabilityMeasure::Equal => "equal weights",
        }
    }

    /// Where the numbers come from (column of `actors_2024.csv` and the data owner).
    pub fn source(self) -> &'static str {
        match self {
            CapabilityMeasure::Milex => {
                "SIPRI Military Expenditure Database 2025 (milex_2024_usd_m_sipri)"
            }
            CapabilityMeasure::Gdp => {
                "IMF World Economic Outlook, Oct 2025 (gdp_2024_usd_bn_imf_weo_oct2025)"
            }
            CapabilityMeasure::Cinc => "COW National Material Capabilities v7.0 (cinc_2022_nmc_v7)",
            CapabilityMeasure::Population => {
                "IMF World Economic Outlook, Oct 2025; World Bank WDI where IMF has none (pop_2024_m)"
            }
            CapabilityMeasure::Equal => "equal weights (no data)",
        }
    }

    /// The actor's value on this measure, or why there is none.
    pub fn value(self, actor: &WorldActor) -> Result<f64, Gap> {
        let (v, what) = match self {
            CapabilityMeasure::Equal => return Ok(1.0),
            CapabilityMeasure::Milex => (
                actor.milex_2024_usd_m,
                "a SIPRI military expenditure figure for 2024",
            ),
            CapabilityMeasure::Gdp => (actor.gdp_2024_usd_bn, "an IMF GDP figure for 2024"),
            CapabilityMeasure::Cinc => (
                actor.cinc_2022,
                "a COW CINC score (organisations have none)",
            ),
            CapabilityMeasure::Population => (actor.population_2024_m, "a population figure"),
        };
        v.ok_or_else(|| Gap {
            reason: format!(
                "the world data has no {what} for {} ({}); give `capability` explicitly or choose another measure",
                actor.iso3, actor.name
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::bundled;

    #[test]
    fn gaps_are_explicit() {
        let w = bundled();
        let isl = w.actor("ISL").unwrap();
        let gap = CapabilityMeasure::Milex.value(isl).unwrap_err();
        assert!(gap.reason.contains("ISL"), "{}", gap.reason);
        assert!(
            CapabilityMeasure::Cinc
                .value(w.actor("EU").unwrap())
                .is_err()
        );
        assert_eq!(CapabilityMeasure::Equal.value(isl), Ok(1.0));
        assert_eq!(
            CapabilityMeasure::from_keyword("gdp"),
            Some(CapabilityMeasure::Gdp)
        );
    }
}
