//! Chart geometry: marks land where the data put them.

use crate::common;

use detente_report::charts::bars::{self, Bar, BarChart, BarGroup};
use detente_report::charts::bubble::{self, IssueChart};
use detente_report::charts::coalition_map::{self, CoalitionMapChart};
use detente_report::charts::energy_ladder::{self, EnergyLadderChart};
use detente_report::charts::svg::num;
use detente_report::charts::tornado::{self, TornadoChart};
use detente_report::charts::{Scale, WIDTH};
use detente_report::model::*;

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).expect("well-formed svg")
}

fn attr(n: roxmltree::Node, name: &str) -> f64 {
    n.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

fn title_of<'a>(n: roxmltree::Node<'a, 'a>) -> Option<&'a str> {
    n.children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|t| t.text())
}

#[test]
fn bubble_chart_places_an_actor_at_its_position() {
    let scale = IssueScale {
        min: 0.0,
        max: 100.0,
        min_label: None,
        max_label: None,
        unit: None,
    };
    let actors = vec![
        ActorOnScale {
            id: "USA".into(),
            position: Ranged::exact(85.0),
            capability: 997.0,
            salience: 0.9,
        },
        ActorOnScale {
            id: "HUN".into(),
            position: Ranged {
                point: 25.0,
                low: 15.0,
                high: 35.0,
            },
            capability: 4.8,
            salience: 0.7,
        },
    ];
    let chart = IssueChart {
        title: "t",
        scale: &scale,
        status_quo: Some(55.0),
        actors: &actors,
        predictions: &[Prediction {
            model: "BDM".into(),
            value: 70.0,
        }],
        baseline: 79.4,
        feasible: Some(Feasible::Interval {
            low: 40.0,
            high: 60.0,
        }),
    };
    let svg = bubble::render(&chart);
    let doc = parse(&svg);
    let plot_x = |v: f64| bubble::LEFT + v / 100.0 * (WIDTH - bubble::RIGHT - bubble::LEFT);
    let usa = doc
        .descendants()
        .find(|n| n.has_tag_name("circle") && title_of(*n).is_some_and(|t| t.starts_with("USA:")))
        .expect("USA bubble");
    assert!(
        (attr(usa, "cx") - plot_x(85.0)).abs() < 0.06,
        "USA at cx {}",
        attr(usa, "cx")
    );
    // HUN is the smaller bubble: area ∝ capability × salience.
    let hun = doc
        .descendants()
        .find(|n| n.has_tag_name("circle") && title_of(*n).is_some_and(|t| t.starts_with("HUN:")))
        .expect("HUN bubble");
    assert!(attr(hun, "r") < attr(usa, "r"));
    assert!((attr(hun, "cx") - plot_x(25.0)).abs() < 0.06);
    // HUN's whiskers span 15–35.
    let whisker = doc
        .descendants()
        .filter(|n| n.has_tag_name("line"))
        .any(|n| {
            (attr(n, "x1") - plot_x(15.0)).abs() < 0.06
                && (attr(n, "x2") - plot_x(35.0)).abs() < 0.06
        });
    assert!(whisker, "no whisker from 15 to 35");
    // The prediction diamond is centred on 70, the feasible band spans 40–60.
    let diamond = doc
        .descendants()
        .find(|n| n.has_tag_name("polygon") && title_of(*n).is_some_and(|t| t.starts_with("BDM:")))
        .expect("BDM marker");
    let first_x: f64 = diamond
        .attribute("points")
        .and_then(|p| p.split(',').next())
        .and_then(|x| x.parse().ok())
        .unwrap_or(f64::NAN);
    assert!((first_x - plot_x(70.0)).abs() < 0.06);
    let band = doc
        .descendants()
        .find(|n| n.has_tag_name("rect") && (attr(*n, "x") - plot_x(40.0)).abs() < 0.06)
        .expect("feasible band");
    assert!((attr(band, "width") - (plot_x(60.0) - plot_x(40.0))).abs() < 0.11);
    assert!(svg.contains("status quo 55"));
}

#[test]
fn probability_whiskers_sit_at_the_interval_ends() {
    let groups = vec![BarGroup {
        label: "systemic rival".into(),
        bars: vec![Bar {
            series: 0,
            value: 0.3,
            interval: Some(Interval {
                low: 0.2,
                high: 0.4,
            }),
        }],
    }];
    let chart = BarChart {
        title: "spiral",
        x_label: "probability",
        series: &[],
        groups: &groups,
        x_domain: Some((0.0, 1.0)),
        decimals: 2,
        width: WIDTH,
    };
    let svg = bars::render(&chart);
    let doc = parse(&svg);
    let xs = bars::x_scale(&chart);
    let (lo, hi) = (xs.map(0.2), xs.map(0.4));
    let whisker = doc
        .descendants()
        .filter(|n| n.has_tag_name("line"))
        .find(|n| (attr(*n, "x1") - lo).abs() < 0.06 && (attr(*n, "x2") - hi).abs() < 0.06)
        .expect("horizontal whisker from 0.2 to 0.4");
    assert_eq!(attr(whisker, "y1"), attr(whisker, "y2"));
    let bar = doc
        .descendants()
        .find(|n| n.has_tag_name("rect") && (attr(*n, "x") - xs.map(0.0)).abs() < 0.06)
        .expect("bar from zero");
    assert!((attr(bar, "width") - (xs.map(0.3) - xs.map(0.0))).abs() < 0.11);
    // The scale itself: 0.3 of the plot width from its left edge.
    assert!((xs.map(0.3) - (xs.r0 + 0.3 * (xs.r1 - xs.r0))).abs() < 1e-9);
}

#[test]
fn tornado_puts_the_largest_swing_on_top() {
    let bars = vec![
        TornadoBar {
            input: "small".into(),
            at_low: 49.0,
            at_high: 51.0,
        },
        TornadoBar {
            input: "large".into(),
            at_low: 40.0,
            at_high: 58.0,
        },
        TornadoBar {
            input: "middle".into(),
            at_low: 45.0,
            at_high: 52.0,
        },
    ];
    let svg = tornado::render(&TornadoChart {
        title: "t",
        metric: "outcome",
        base: 50.0,
        bars: &bars,
        levers: &[],
        min_half_width: 0.0,
        decimals: 1,
    });
    let doc = parse(&svg);
    let y_of = |label: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("text") && n.text() == Some(label))
            .map(|n| attr(n, "y"))
            .expect(label)
    };
    assert!(y_of("large") < y_of("middle") && y_of("middle") < y_of("small"));
    assert!(svg.contains("base 50.0"));
}

#[test]
fn energy_ladder_names_the_actors_that_moved() {
    let align = common::align();
    let svg = energy_ladder::render(&EnergyLadderChart {
        title: "ladder",
        configurations: &align.configurations,
    });
    parse(&svg);
    assert!(svg.contains("#1 · basin 58 % [55 %–61 %] · global minimum"));
    assert!(svg.contains("differs in 1: TUR"));
    assert!(svg.contains("differs in 2: HUN, TUR"));
}

#[test]
fn coalition_map_pales_pivots_and_draws_red_links() {
    let align = common::align();
    let best = &align.configurations[0];
    let svg = coalition_map::render(&CoalitionMapChart {
        title: "map",
        coalitions: &best.coalitions,
        margins: &align.actors,
        pairs: &align.frustrated_pairs,
        max_links: 3,
        size_measure: "CINC",
    });
    let doc = parse(&svg);
    let opacity = |id: &str| {
        doc.descendants()
            .find(|n| {
                n.has_tag_name("circle")
                    && title_of(*n).is_some_and(|t| t.starts_with(&format!("{id}:")))
            })
            .map(|n| attr(n, "fill-opacity"))
            .expect(id)
    };
    assert!(
        opacity("TUR") < 0.5 && opacity("USA") > 0.99,
        "pivot TUR not pale"
    );
    let links = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("stroke") == Some("#C0392B"))
        .count();
    assert_eq!(links, 3);
}

#[test]
fn scale_ticks_are_round_numbers() {
    let s = Scale::new(0.0, 100.0, 0.0, 800.0);
    let (ticks, decimals) = s.ticks(5);
    let labels: Vec<String> = ticks.iter().map(|t| num(*t, decimals)).collect();
    assert_eq!(labels, ["0", "20", "40", "60", "80", "100"]);
}
