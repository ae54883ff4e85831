//! Words of estimative probability and of confidence, tied to numbers.
//!
//! Likelihood words follow the scale of US Intelligence Community Directive 203 (2015): a
//! probability p maps to the first band whose upper end is at least p.
//!
//! | word | probability |
//! |---|---|
//! | almost no chance | 0–5 % |
//! | very unlikely | 5–20 % |
//! | unlikely | 20–45 % |
//! | roughly even chance | 45–55 % |
//! | likely | 55–80 % |
//! | very likely | 80–95 % |
//! | almost certain | 95–100 % |
//!
//! Confidence is a separate judgement about the evidence, not a probability: **high** when the
//! models agree on the answer and the probability's interval sits inside one likelihood band,
//! **moderate** when they agree but the interval spans two words, **low** when the models
//! disagree. A decide judgement is capped at moderate while no model beats a naive baseline on
//! past cases.

/// The likelihood bands: (upper end of the band as a probability, word).
pub const LIKELIHOOD: [(f64, &str); 7] = [
    (0.05, "almost no chance"),
    (0.20, "very unlikely"),
    (0.45, "unlikely"),
    (0.55, "roughly even chance"),
    (0.80, "likely"),
    (0.95, "very likely"),
    (1.00, "almost certain"),
];

/// The likelihood word of probability `p` (clamped to [0, 1]; NaN gives "unknown").
pub fn likelihood_word(p: f64) -> &'static str {
    if p.is_nan() {
        return "unknown";
    }
    let p = p.clamp(0.0, 1.0);
    LIKELIHOOD
        .iter()
        .find(|(upper, _)| p <= *upper)
        .map_or("almost certain", |(_, w)| w)
}

/// The band `[low, high]` of the word of probability `p`.
pub fn band_of(p: f64) -> (f64, f64) {
    let p = p.clamp(0.0, 1.0);
    let mut low = 0.0;
    for (upper, _) in LIKELIHOOD {
        if p <= upper {
            return (low, upper);
        }
        low = upper;
    }
    (0.95, 1.0)
}

/// How much weight a judgement bears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// Models disagree and nothing in the record vouches for them.
    Low,
    /// One of agreement and a tight interval holds.
    Moderate,
    /// Models agree and the interval sits in one likelihood band.
    High,
}

impl Confidence {
    /// From the two tests: do the models agree, and does the interval of the probability stay
    /// inside the band of its point estimate.
    pub fn from_evidence(models_agree: bool, interval_in_band: bool) -> Confidence {
        match (models_agree, interval_in_band) {
            (true, true) => Confidence::High,
            (true, false) => Confidence::Moderate,
            (false, _) => Confidence::Low,
        }
    }

    /// The word.
    pub fn word(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Moderate => "moderate",
            Confidence::High => "high",
        }
    }
}

/// A probability with its interval in one format: `p %` with whole percents, one decimal near
/// 0 and 1, and `≥ 99.9 %` / `≤ 0.1 %` instead of an interval that rounds to one number.
pub fn percent_with_interval(p: f64, low: f64, high: f64) -> String {
    let (p_s, lo_s, hi_s) = (percent(p), percent(low), percent(high));
    // An interval wholly within 0.1 % of an end prints as that bound alone.
    if lo_s == hi_s || low >= 0.9995 {
        return if low >= 0.9995 {
            "≥ 99.9 %".into()
        } else {
            p_s
        };
    }
    if high <= 0.0005 {
        return "≤ 0.1 %".into();
    }
    format!(
        "{p_s} (95 % interval {}–{})",
        lo_s.trim_end_matches(" %"),
        hi_s
    )
}

/// A probability as a percentage: whole percents between 10 % and 90 %, one decimal outside,
/// `≥ 99.9 %` at and above 99.95 %, `≤ 0.1 %` below 0.05 % (but `0 %` when exactly 0).
pub fn percent(p: f64) -> String {
    if !p.is_finite() {
        return "–".into();
    }
    let v = 100.0 * p;
    if p >= 1.0 {
        "100 %".into()
    } else if v >= 99.95 {
        "≥ 99.9 %".into()
    } else if p <= 0.0 {
        "0 %".into()
    } else if v < 0.05 {
        "≤ 0.1 %".into()
    } else if (10.0..=90.0).contains(&v) {
        format!("{v:.0} %")
    } else {
        format!("{v:.1} %")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_follow_the_icd_203_bands() {
        assert_eq!(likelihood_word(0.0), "almost no chance");
        assert_eq!(likelihood_word(0.05), "almost no chance");
        assert_eq!(likelihood_word(0.06), "very unlikely");
        assert_eq!(likelihood_word(0.5), "roughly even chance");
        assert_eq!(likelihood_word(0.7), "likely");
        assert_eq!(likelihood_word(0.9), "very likely");
        assert_eq!(likelihood_word(0.999), "almost certain");
        assert_eq!(band_of(0.7), (0.55, 0.80));
    }

    #[test]
    fn percentages_never_print_a_collapsed_interval() {
        assert_eq!(percent(0.9996), "≥ 99.9 %");
        assert_eq!(percent(0.4), "40 %");
        assert_eq!(percent(0.013), "1.3 %");
        assert_eq!(
            percent_with_interval(1.0, 0.998, 1.0),
            "100 % (95 % interval 99.8–100 %)"
        );
        assert_eq!(percent_with_interval(0.9997, 0.9996, 0.9999), "≥ 99.9 %");
        assert_eq!(percent_with_interval(1.0, 0.9996, 1.0), "≥ 99.9 %");
        assert_eq!(
            percent_with_interval(0.3, 0.25, 0.35),
            "30 % (95 % interval 25–35 %)"
        );
    }
}
