//! The data sources behind every bundled figure, and a figure together with its provenance.

/// One data source: who owns it, which release, and how to cite it (terms in
/// `data/world/SOURCES.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Source {
    /// Short identifier used in tables (`nmc`, `sipri`, ...).
    pub id: &'static str,
    /// Data owner and release, in a few words (≤ 26 characters, for tables).
    pub owner: &'static str,
    /// Citation.
    pub citation: &'static str,
}

/// COW National Material Capabilities v7.0.
pub const NMC: Source = Source {
    id: "nmc",
    owner: "COW NMC v7.0",
    citation: "Singer, Bremer & Stuckey (1972); Greig & Enterline, COW NMC v7.0 codebook (2021)",
};
/// SIPRI Military Expenditure Database, 2025 release.
pub const SIPRI: Source = Source {
    id: "sipri",
    owner: "SIPRI milex 2025 release",
    citation: "Source: SIPRI Military Expenditure Database, 2025",
};
/// World Bank World Development Indicators.
pub const WORLD_BANK: Source = Source {
    id: "wb",
    owner: "World Bank WDI",
    citation: "World Bank, World Development Indicators (NY.GDP.MKTP.CD, SP.POP.TOTL), CC BY 4.0",
};
/// IMF World Economic Outlook, October 2025.
pub const IMF_WEO: Source = Source {
    id: "imf",
    owner: "IMF WEO Oct 2025",
    citation: "International Monetary Fund, World Economic Outlook database, October 2025",
};
/// UNGA ideal points, July 2025 release.
pub const UNGA: Source = Source {
    id: "unga",
    owner: "UNGA ideal points Jul 2025",
    citation: "Bailey, Strezhnev & Voeten (2017), JCR 61(2); E. Voeten, UNGA ideal points, release of 28 July 2025, hdl:1902.1/12379",
};
/// IMF Direction of Trade Statistics.
pub const IMF_DOTS: Source = Source {
    id: "dots",
    owner: "IMF DOTS",
    citation: "International Monetary Fund, Direction of Trade Statistics (as of about 2021)",
};

/// A figure of the world data with its provenance: the source, and the year it describes.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourcedFigure {
    /// What the figure is (`milex`, `milex_pct_gdp`, `gdp`, `population`, `cinc`,
    /// `unga_ideal_point`, `trade_share_CHN`, ...).
    pub name: &'static str,
    /// The value, in `unit`.
    pub value: f64,
    /// Unit of the value.
    pub unit: &'static str,
    /// The year the figure describes.
    pub year: i32,
    /// Where it comes from.
    pub source: Source,
}

impl SourcedFigure {
    /// Whether the figure describes a year after the scenario's `as_of` year.
    pub fn after(&self, as_of_year: Option<i32>) -> bool {
        as_of_year.is_some_and(|y| self.year > y)
    }
}

/// The year of an ISO date (`YYYY-MM-DD` or `YYYY`), if it starts with four digits.
pub fn year_of(date: &str) -> Option<i32> {
    date.get(..4).and_then(|y| y.parse().ok())
}
