//! The briefing layer on the generated HTML of the real flagship: judgements first, words tied
//! to numbers, ids kept to the annex, no collapsed intervals, every summary chart with its
//! numbers, print rules, and a palette that reads on white.

use detente::experiment::{RunOptions, run_all};
use detente::scenario::{FLAGSHIP, FLAGSHIP_NAME, load_str};
use detente_report::charts::PALETTE;
use detente_report::confidence::{LIKELIHOOD, likelihood_word};
use detente_report::from_results::report_from;
use detente_report::render;

fn flagship() -> (detente_report::Report, String) {
    let r = load_str(FLAGSHIP, FLAGSHIP_NAME).expect("flagship loads");
    let opts = RunOptions {
        seed: 11,
        runs: 300,
        align_restarts: 300,
        ..RunOptions::default()
    };
    let results = run_all(&r, FLAGSHIP, &opts, &|_, _, _| {});
    let report = report_from(&r, &results);
    let html = render(&report);
    (report, html)
}

/// Relative luminance of `#rrggbb` (WCAG 2).
fn luminance(hex: &str) -> f64 {
    let c = |i: usize| {
        let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
}

fn contrast_on_white(hex: &str) -> f64 {
    1.05 / (luminance(hex) + 0.05)
}

#[test]
fn key_judgements_come_first_with_words_from_their_numbers() {
    let (report, html) = flagship();
    assert!(
        (3..=5).contains(&report.judgements.len()),
        "{}",
        report.judgements.len()
    );
    let first = html.find("id=\"judgements\"").expect("judgements");
    for later in ["nav class=\"toc\"", "id=\"decide\"", "id=\"annex\""] {
        assert!(first < html.find(later).expect(later), "{later}");
    }
    for j in &report.judgements {
        if let Some(l) = j.likelihood {
            assert!(
                j.statement.contains(likelihood_word(l.p)),
                "{} / {}",
                j.statement,
                l.p
            );
        }
        assert!(["low", "moderate", "high"].contains(&j.confidence.as_str()));
        assert!(!j.would_change.is_empty(), "{}", j.label);
    }
    // The EU deadlocks in every draw: the judgement says the status quo stands.
    assert!(
        report
            .judgements
            .iter()
            .any(|j| j.statement.contains("EU leaves this where it is")),
        "{:?}",
        report
            .judgements
            .iter()
            .map(|j| &j.statement)
            .collect::<Vec<_>>()
    );
    // The ICD 203 bands cover [0, 1] in increasing order.
    assert!(LIKELIHOOD.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(LIKELIHOOD[LIKELIHOOD.len() - 1].0, 1.0);
}

#[test]
fn ids_stay_in_the_annex_and_intervals_never_collapse() {
    let (report, html) = flagship();
    let annex = html.find("id=\"annex\"").expect("annex");
    // The visible text of the main body (anchors may use ids; readers never see them).
    let mut main = String::new();
    let mut in_tag = false;
    for c in html[..annex].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => main.push(c),
            _ => {}
        }
    }
    for id in [
        "china-posture",
        "china-decoupling",
        "clear-eyed-hedging",
        "constructive-engagement",
        "indo-pacific-alignment",
    ] {
        assert!(!main.contains(id), "{id} before the annex");
        assert!(
            html[annex..].contains(id),
            "{id} missing from the annex id table"
        );
    }
    assert!(!html.contains("100–100"), "collapsed interval");
    assert!(!main.contains('`'), "backticks in the main body");
    assert!(report.names.iter().any(|(id, _)| id == "china-posture"));
}

#[test]
fn model_disagreement_is_shown_next_to_the_rule() {
    let (report, html) = flagship();
    let d = report.decide.as_ref().expect("decide");
    let indo = d
        .issues
        .iter()
        .find(|i| i.id == "indo-pacific-alignment")
        .expect("issue");
    assert!(indo.disagreement.is_some(), "models range from 0 to 85");
    assert_eq!(indo.unconstrained.len(), 6);
    assert!(html.contains("before the rule") && html.contains("after the rule"));
    assert!(html.contains("Models disagree."));
    // BDM stops at its round limit on at least one issue, and the report says so.
    assert!(
        d.issues
            .iter()
            .flat_map(|i| &i.flags)
            .any(|f| f.contains("did not converge")),
        "no convergence flag"
    );
}

#[test]
fn the_summary_chart_has_its_numbers_and_print_rules_are_set() {
    let (_, html) = flagship();
    let chart = html
        .find("aria-label=\"Key judgements on the likelihood scale\"")
        .expect("summary chart");
    let details = html[chart..]
        .find("<details class=\"numbers\">")
        .expect("its details table");
    assert!(details < html[chart..].find("</section>").expect("section end"));
    for rule in [
        "@page { margin:",
        "counter(page)",
        "@top-left { content: \"NATO",
        "thead { display: table-header-group; }",
        "break-after: avoid",
        ".annex { break-before: page; }",
    ] {
        assert!(html.contains(rule), "missing print rule {rule}");
    }
}

#[test]
fn palette_and_text_colours_reach_contrast_on_white() {
    // The first four series colours reach 3:1 on white (graphics); every text colour of the
    // stylesheet and the charts reaches 4.5:1.
    for c in &PALETTE[..4] {
        assert!(contrast_on_white(c) >= 3.0, "{c}: {}", contrast_on_white(c));
    }
    for text in [
        "#1a1a1a", "#333333", "#444444", "#595959", "#005a8c", "#8a4500",
    ] {
        assert!(
            contrast_on_white(text) >= 4.5,
            "{text}: {}",
            contrast_on_white(text)
        );
    }
    // The computation itself: black on white is 21:1.
    assert!((contrast_on_white("#000000") - 21.0).abs() < 1e-9);
}
