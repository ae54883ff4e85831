//! The whole report: every fixture renders, is self-contained, deterministic and well formed.

use crate::common;

use detente_report::model::{Report, ScenarioSection, SourceRef};
use detente_report::render;

fn fixtures() -> Vec<(&'static str, Report)> {
    vec![
        ("full", common::full()),
        ("decide", common::decide_only()),
        ("align", common::align_only()),
        ("escalate", common::escalate_only()),
        ("empty", Report::default()),
    ]
}

/// Every `<svg …>…</svg>` fragment of a document.
fn svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let Some(len) = rest[start..].find("</svg>") else {
            break;
        };
        out.push(&rest[start..start + len + "</svg>".len()]);
        rest = &rest[start + len..];
    }
    out
}

#[test]
fn full_report_has_every_section_in_reading_order() {
    let html = render(&common::full());
    let order = [
        "id=\"answer\"",
        "id=\"decide\"",
        "id=\"align\"",
        "id=\"escalate\"",
        "id=\"annex\"",
        "id=\"scenario\"",
        "id=\"method\"",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|id| html.find(id).unwrap_or_else(|| panic!("missing {id}")))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "sections out of order: {positions:?}"
    );
    for anchor in [
        "#answer",
        "#scenario",
        "#decide",
        "#align",
        "#escalate",
        "#method",
    ] {
        assert!(
            html.contains(&format!("href=\"{anchor}\"")),
            "table of contents lacks {anchor}"
        );
    }
    // Two issues × (bubble, trajectories, histogram, tornado) + actor paths + align 2 + escalate 5.
    assert!(svgs(&html).len() >= 18, "only {} charts", svgs(&html).len());
}

#[test]
fn single_lens_reports_show_only_their_lens() {
    let cases = [
        (common::decide_only(), "decide", ["align", "escalate"]),
        (common::align_only(), "align", ["decide", "escalate"]),
        (common::escalate_only(), "escalate", ["decide", "align"]),
    ];
    for (report, lens, absent) in cases {
        let html = render(&report);
        assert!(
            html.contains(&format!("<section id=\"{lens}\">")),
            "{lens} section missing"
        );
        assert!(html.contains(&format!("href=\"#{lens}\"")));
        for other in absent {
            assert!(
                !html.contains(&format!("<section id=\"{other}\">")),
                "{lens}-only report shows {other}"
            );
            assert!(!html.contains(&format!("href=\"#{other}\"")));
        }
        assert!(!svgs(&html).is_empty(), "{lens}-only report draws no chart");
        // Sections are numbered from 1 whatever is left out.
        assert!(html.contains(">1. The answer<"));
    }
}

#[test]
fn reports_load_nothing_from_outside() {
    for (name, report) in fixtures() {
        let html = render(&report).to_lowercase();
        for forbidden in [
            "<script",
            "src=\"http",
            "href=\"http",
            "url(http",
            "<img",
            "<link",
            "@import",
            "<iframe",
        ] {
            assert!(!html.contains(forbidden), "{name}: found {forbidden}");
        }
        let mut rest = html.as_str();
        while let Some(i) = rest.find("href=\"") {
            rest = &rest[i + 6..];
            assert!(
                rest.starts_with('#'),
                "{name}: non-local link {}",
                &rest[..rest.len().min(40)]
            );
        }
    }
}

#[test]
fn source_urls_are_printed_as_text() {
    let html = render(&common::full());
    assert!(html.contains("<span class=\"url\">https://www.nato.int/strategic-concept/</span>"));
}

#[test]
fn rendering_is_deterministic() {
    for (name, report) in fixtures() {
        let a = render(&report);
        let b = render(&report.clone());
        assert_eq!(a, b, "{name}: two renders differ");
    }
}

#[test]
fn every_chart_is_well_formed_xml() {
    for (name, report) in fixtures() {
        let html = render(&report);
        for (i, svg) in svgs(&html).into_iter().enumerate() {
            let doc = roxmltree::Document::parse(svg)
                .unwrap_or_else(|e| panic!("{name}: chart {i} is not well formed: {e}"));
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), "svg");
            assert!(
                root.attribute("viewBox").is_some(),
                "{name}: chart {i} has no viewBox"
            );
            assert!(root.attribute("width").is_some_and(|w| w == "100%"));
            for t in root.descendants().filter(|n| n.has_tag_name("text")) {
                let size: f64 = t
                    .attribute("font-size")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(12.0);
                assert!(size >= 11.0, "{name}: chart {i} has {size}px text");
            }
        }
    }
}

#[test]
fn whole_document_is_well_formed() {
    for (name, report) in fixtures() {
        let html = render(&report);
        let body = html.trim_start_matches("<!DOCTYPE html>\n");
        roxmltree::Document::parse(body).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn no_number_is_printed_as_nan_or_infinite() {
    let mut report = common::full();
    if let Some(decide) = report.decide.as_mut() {
        decide.issues[0].baseline = f64::NAN;
        decide.issues[0].predictions[0].value = f64::INFINITY;
        decide.issues[0].actors[0].capability = f64::NAN;
    }
    if let Some(esc) = report.escalate.as_mut() {
        esc.policies[0].spiral.p = f64::NAN;
        esc.policies[0].tension[0].median[3] = f64::NAN;
    }
    let html = render(&report);
    assert!(
        !html.contains("NaN") && !html.contains("inf\""),
        "non-finite value leaked"
    );
    for svg in svgs(&html) {
        roxmltree::Document::parse(svg).expect("chart stays well formed with NaN inputs");
    }
}

#[test]
fn user_text_is_escaped() {
    let report = Report {
        question: "<script>alert(1)</script> & \"quotes\"".into(),
        scenario: Some(ScenarioSection {
            title: "A < B".into(),
            sources: vec![SourceRef {
                id: "x".into(),
                cite: "<b>bold</b>".into(),
                url: Some("javascript:alert(1)".into()),
            }],
            ..ScenarioSection::default()
        }),
        ..Report::default()
    };
    let html = render(&report);
    assert!(!html.contains("<script"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assert!(!html.contains("href=\"javascript"));
}

#[test]
fn headline_sentences_come_first() {
    let html = render(&common::full());
    let headline = html.find("spirals in 87 %").expect("escalate headline");
    assert!(headline < html.find("id=\"scenario\"").unwrap_or(usize::MAX));
}

#[test]
fn flagship_scenario_renders_with_provenance() {
    use detente::scenario::{FLAGSHIP, FLAGSHIP_NAME, load_str};
    use detente_report::from_scenario::{actors_on_scale, scenario_section};
    use detente_report::model::{DecideSection, IssueDecision, IssueScale};

    let resolved = load_str(FLAGSHIP, FLAGSHIP_NAME).expect("flagship loads");
    let issues = resolved
        .scenario
        .issues
        .iter()
        .map(|issue| {
            let actors = actors_on_scale(&resolved, issue);
            let (num, den) = actors.iter().fold((0.0, 0.0), |(n, d), a| {
                (
                    n + a.capability * a.salience * a.position.point,
                    d + a.capability * a.salience,
                )
            });
            IssueDecision {
                id: issue.id.clone(),
                question: issue.question.clone(),
                body: issue.body.clone(),
                scale: IssueScale::from(&issue.scale),
                status_quo: issue.status_quo.map(|q| q.point()),
                actors,
                predictions: vec![],
                unconstrained: vec![],
                flags: vec![],
                disagreement: None,
                name: issue.id.clone(),
                baseline: num / den,
                feasible: None,
                trajectories: vec![],
                distributions: vec![],
                tornado: None,
                levers: vec![],
            }
        })
        .collect();
    let report = Report {
        question: "NATO and China".into(),
        scenario: Some(scenario_section(&resolved)),
        decide: Some(DecideSection { issues }),
        ..Report::default()
    };
    let html = render(&report);
    assert!(html.contains("<h1>NATO&#39;s approach to China, late 2023</h1>"));
    assert!(html.contains("Szijjarto"), "stance evidence missing");
    assert!(html.contains("cia-factbook-isl") || html.contains("Iceland"));
    roxmltree::Document::parse(html.trim_start_matches("<!DOCTYPE html>\n")).expect("well formed");
    assert_eq!(svgs(&html).len(), resolved.scenario.issues.len());
}

#[test]
fn long_tornados_show_the_largest_swings() {
    use detente_report::model::TornadoBar;
    let mut report = common::decide_only();
    if let Some(t) = report
        .decide
        .as_mut()
        .and_then(|d| d.issues[0].tornado.as_mut())
    {
        t.bars = (0..20)
            .map(|i| TornadoBar {
                input: format!("input {i:02}"),
                at_low: 79.0 - i as f64,
                at_high: 80.0 + i as f64,
            })
            .collect();
    }
    let html = render(&report);
    assert!(html.contains("The 15 largest of 20 inputs are shown."));
    assert!(html.contains(">input 19<") && !html.contains(">input 04<"));
}
