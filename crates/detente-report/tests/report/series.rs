//! Series styling and chart hygiene on the generated report: every line its own colour and
//! dash, coinciding lines merged, histograms zoomed to their runs, the status-quo line clear of
//! the tick labels, and readable text colours.

use crate::common;

use detente_report::charts::bubble::{self, IssueChart};
use detente_report::charts::contrast;
use detente_report::charts::histogram::{self, HistogramChart};
use detente_report::model::*;
use detente_report::render;
use std::collections::BTreeSet;

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).expect("well-formed svg")
}

/// The `<svg>` element whose accessible title is `title`.
fn svg_titled<'a>(html: &'a str, title: &str) -> &'a str {
    let at = html
        .find(&format!("aria-label=\"{title}\""))
        .unwrap_or_else(|| panic!("no chart titled {title}"));
    let start = html[..at].rfind("<svg").unwrap();
    let end = at + html[at..].find("</svg>").unwrap() + "</svg>".len();
    &html[start..end]
}

fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

/// Plotted lines (polylines with more than the two points of a legend sample).
fn plotted<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter(|n| n.attribute("points").unwrap().split(' ').count() > 2)
        .collect()
}

fn style(n: roxmltree::Node) -> (String, String) {
    (
        n.attribute("stroke").unwrap().to_string(),
        n.attribute("stroke-dasharray").unwrap_or("").to_string(),
    )
}

/// The flagship's eight Richardson actors, China last.
fn eight_actor_report() -> Report {
    let mut e = common::escalate();
    let r = e.richardson.as_mut().unwrap();
    let ids = ["USA", "GBR", "FRA", "DEU", "JPN", "KOR", "AUS", "CHN"];
    r.trajectories = ids
        .iter()
        .enumerate()
        .map(|(i, id)| Series {
            label: id.to_string(),
            values: r.times.iter().map(|t| 100.0 * (i + 1) as f64 + t).collect(),
        })
        .collect();
    Report {
        escalate: Some(e),
        ..Report::default()
    }
}

#[test]
fn richardson_lines_each_get_their_own_colour_and_dash() {
    let html = render(&eight_actor_report());
    let svg = svg_titled(&html, "Richardson trajectories");
    let doc = parse(svg);
    let lines = plotted(&doc);
    assert_eq!(lines.len(), 8);
    let colours: BTreeSet<String> = lines.iter().map(|n| style(*n).0).collect();
    assert_eq!(colours.len(), 8, "two actors share a colour: {colours:?}");
    let (usa, chn) = (style(lines[0]), style(lines[7]));
    assert_ne!(usa.0, chn.0, "the USA and China share a colour");
    assert_ne!(usa.1, chn.1, "the USA and China share a dash pattern");
    // The legend shows each line's own dash, not a plain swatch.
    let samples: BTreeSet<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter(|n| n.attribute("points").unwrap().split(' ').count() == 2)
        .map(style)
        .collect();
    let drawn: BTreeSet<(String, String)> = lines.iter().map(|n| style(*n)).collect();
    assert_eq!(samples, drawn);
}

#[test]
fn coinciding_tension_lines_are_drawn_once_with_one_legend_entry() {
    let mut e = common::escalate();
    let p = &mut e.policies[0];
    let (first, label) = (p.tension[0].clone(), p.tension[1].domain.clone());
    p.tension[1] = DomainTension {
        domain: label.clone(),
        median: first.median.iter().map(|v| v + 1e-4).collect(),
        ..first.clone()
    };
    let policy = p.label.clone();
    let html = render(&Report {
        escalate: Some(e),
        ..Report::default()
    });
    let svg = svg_titled(&html, &format!("Tension per domain under {policy}"));
    let doc = parse(svg);
    let n_domains = common::escalate().policies[0].tension.len();
    assert_eq!(plotted(&doc).len(), n_domains - 1);
    let legend = format!("{}, {label} (coincide)", first.domain);
    assert!(
        texts(&doc).contains(&legend),
        "no merged legend entry {legend:?} in {:?}",
        texts(&doc)
    );
    // A panel without coinciding lines keeps one line and one entry per domain.
    let other = svg_titled(
        &html,
        &format!(
            "Tension per domain under {}",
            common::escalate().policies[1].label
        ),
    );
    assert_eq!(plotted(&parse(other)).len(), n_domains);
}

fn one_bin_chart(bins: &[Bin]) -> HistogramChart<'_> {
    HistogramChart {
        title: "t",
        x_label: "outcome",
        bins,
        quantiles: [58.7, 59.0, 59.2],
        x_domain: Some((0.0, 100.0)),
        decimals: 1,
    }
}

#[test]
fn histogram_zooms_to_its_runs_and_marks_the_full_scale() {
    // The issue's case: 90 % of runs between 58.6 and 59.3 on a 0–100 scale.
    let bins: Vec<Bin> = (0..7)
        .map(|k| Bin {
            low: 58.6 + 0.1 * k as f64,
            high: 58.7 + 0.1 * k as f64,
            count: [5, 20, 60, 90, 60, 20, 5][k],
        })
        .collect();
    let chart = one_bin_chart(&bins);
    let v = histogram::view(&chart);
    assert!(v.zoomed && !v.one_bin, "{v:?}");
    assert!(
        v.low <= 58.6 && v.high >= 59.3 && v.high - v.low < 10.0,
        "{v:?}"
    );
    let svg = histogram::render(&chart);
    let doc = parse(&svg);
    let bars: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#0072B2"))
        .map(|n| n.attribute("width").unwrap().parse().unwrap())
        .collect();
    assert_eq!(bars.len(), 7);
    // Each bin is a bar, not a hairline: together they fill a good share of the plot.
    assert!(bars.iter().sum::<f64>() > 200.0, "{bars:?}");
    assert!(
        texts(&doc).iter().any(|t| t.contains("full scale 0–100")),
        "{:?}",
        texts(&doc)
    );
}

#[test]
fn histogram_with_every_run_in_one_bin_is_widened_and_says_so() {
    let bins = [
        Bin {
            low: 50.0,
            high: 54.0,
            count: 0,
        },
        Bin {
            low: 58.9,
            high: 59.1,
            count: 500,
        },
    ];
    let chart = HistogramChart {
        quantiles: [59.0, 59.0, 59.0],
        ..one_bin_chart(&bins)
    };
    let v = histogram::view(&chart);
    assert!(v.one_bin && v.zoomed, "{v:?}");
    // The bar is at most a seventh of the window, and at least a few pixels wide.
    assert!(v.high - v.low >= 7.0 * 0.2 - 1e-9, "{v:?}");
    let svg = histogram::render(&chart);
    let doc = parse(&svg);
    let bar = doc
        .descendants()
        .find(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#0072B2"))
        .unwrap();
    assert!(bar.attribute("width").unwrap().parse::<f64>().unwrap() > 20.0);
    assert!(
        texts(&doc)
            .iter()
            .any(|t| t.contains("every run in one bin"))
    );
}

#[test]
fn histogram_spread_over_the_scale_is_not_zoomed() {
    let bins: Vec<Bin> = (0..10)
        .map(|k| Bin {
            low: 10.0 * k as f64,
            high: 10.0 * (k + 1) as f64,
            count: 10,
        })
        .collect();
    let chart = HistogramChart {
        quantiles: [5.0, 50.0, 95.0],
        ..one_bin_chart(&bins)
    };
    let v = histogram::view(&chart);
    assert!(!v.zoomed && v.low == 0.0 && v.high == 100.0, "{v:?}");
    assert!(!histogram::render(&chart).contains("zoomed"));
}

#[test]
fn status_quo_line_does_not_cross_the_zero_tick_label() {
    let scale = IssueScale {
        min: 0.0,
        max: 100.0,
        min_label: Some("no office".into()),
        max_label: Some("office".into()),
        unit: None,
    };
    let actors = vec![ActorOnScale {
        id: "USA".into(),
        position: Ranged::exact(85.0),
        capability: 1.0,
        salience: 1.0,
    }];
    let chart = IssueChart {
        title: "t",
        scale: &scale,
        status_quo: Some(0.0),
        actors: &actors,
        predictions: &[],
        baseline: 85.0,
        feasible: None,
    };
    let svg = bubble::render(&chart);
    let doc = parse(&svg);
    let zero = doc
        .descendants()
        .find(|n| n.has_tag_name("text") && n.text() == Some("0"))
        .expect("a 0 tick label");
    let zx: f64 = zero.attribute("x").unwrap().parse().unwrap();
    let zy: f64 = zero.attribute("y").unwrap().parse().unwrap();
    let dashed: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("line") && n.attribute("stroke-dasharray").is_some())
        .filter(|n| n.attribute("x1").unwrap().parse::<f64>().unwrap() == zx)
        .collect();
    assert!(!dashed.is_empty(), "no status-quo line at the 0 tick");
    for l in dashed {
        let y1: f64 = l.attribute("y1").unwrap().parse().unwrap();
        let y2: f64 = l.attribute("y2").unwrap().parse().unwrap();
        // The label's glyphs sit from 12 px above its baseline to 3 px below.
        let (top, bottom) = (zy - 12.0, zy + 3.0);
        assert!(
            y2.max(y1) < top || y1.min(y2) > bottom,
            "status-quo segment {y1}–{y2} crosses the 0 label at {zy}"
        );
    }
}

/// Every text colour in the report's charts and inline CSS, with the background it sits on
/// (white unless the same CSS rule sets one).
fn text_colours(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for svg in html.split("<svg").skip(1) {
        let svg = &svg[..svg.find("</svg>").unwrap_or(svg.len())];
        for t in svg.split("<text").skip(1) {
            if let Some(fill) = t.split("fill=\"").nth(1).and_then(|f| f.split('"').next()) {
                out.push((fill.to_string(), "#ffffff".to_string()));
            }
        }
    }
    let css = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    for rule in css.split('}') {
        let decls = rule.rsplit('{').next().unwrap_or("");
        let value = |prop: &str| {
            decls
                .split(';')
                .map(str::trim)
                .find_map(|d| d.strip_prefix(prop))
                .map(|v| v.trim().split(' ').next_back().unwrap_or("").to_string())
        };
        if let Some(c) = value("color:") {
            let bg = value("background:").unwrap_or_else(|| "#ffffff".into());
            out.push((c, bg));
        }
    }
    out
}

#[test]
fn every_text_colour_in_the_report_reads_at_4_5_to_1() {
    let html = render(&common::full());
    let pairs = text_colours(&html);
    assert!(pairs.len() > 20, "{pairs:?}");
    let mut checked = 0;
    for (fg, bg) in &pairs {
        // `inherit` and named colours take the page's own (#1a1a1a on white).
        if let Some(r) = contrast(fg, bg) {
            assert!(r >= 4.5, "text {fg} on {bg}: {r:.2}:1");
            checked += 1;
        }
    }
    assert!(checked > 20);
}

#[test]
fn every_figure_is_followed_by_its_numbers_in_a_table() {
    for report in [
        common::full(),
        common::decide_only(),
        common::align_only(),
        common::escalate_only(),
        eight_actor_report(),
    ] {
        let html = render(&report);
        let figures = html.matches("<figure>").count();
        assert!(figures > 0);
        let parts: Vec<&str> = html.split("</figure>").collect();
        assert_eq!(parts.len(), figures + 1);
        for (i, after) in parts[1..].iter().enumerate() {
            let after = after.trim_start();
            assert!(
                after.starts_with("<details class=\"numbers\"><summary>"),
                "figure {} has no numbers table after it: {}",
                i + 1,
                &after[..after.len().min(120)]
            );
            let table = &after[..after.find("</details>").unwrap()];
            assert!(
                table.contains("<table>") && table.contains("<td>"),
                "{table}"
            );
        }
    }
    // The report stays free of scripts: the tables open with <details> alone.
    assert!(!render(&common::full()).contains("<script"));
}

#[test]
fn stance_tables_collapse_into_labelled_cards_on_a_phone() {
    let html = render(&common::full());
    let stances: Vec<&str> = html
        .split("<div class=\"table-wrap cards\">")
        .skip(1)
        .map(|t| &t[..t.find("</table>").unwrap()])
        .collect();
    assert!(!stances.is_empty(), "no stance table in card form");
    for t in &stances {
        assert!(t.contains("Stances on"), "{}", &t[..t.len().min(200)]);
        let cells = t.matches("<td").count();
        assert!(cells > 0);
        assert_eq!(
            t.matches("<td data-label=\"").count()
                + t.matches("<td class=\"num\" data-label=\"").count(),
            cells
        );
        assert!(t.contains("data-label=\"evidence\""));
    }
    // Only stance tables turn into cards; the CSS does it below the phone breakpoint.
    assert_eq!(html.matches("table-wrap cards").count(), stances.len());
    let phone = &html[html.find("@media (max-width: 720px)").unwrap()..];
    let phone = &phone[..phone.find("\n}").unwrap()];
    assert!(phone.contains(".cards table, .cards tbody, .cards tr, .cards td { display: block;"));
    assert!(phone.contains(".cards td::before { content: attr(data-label)"));
}

#[test]
fn tornado_axis_spans_at_least_the_stated_half_width() {
    use detente_report::charts::tornado::{self, TornadoChart};
    let bars = [TornadoBar {
        input: "Hungary position".into(),
        at_low: 49.75,
        at_high: 50.25,
    }];
    let chart = TornadoChart {
        title: "t",
        metric: "outcome, points",
        base: 50.0,
        bars: &bars,
        levers: &[],
        min_half_width: 5.0,
        decimals: 1,
    };
    let svg = tornado::render(&chart);
    let doc = parse(&svg);
    let ticks: Vec<f64> = texts(&doc)
        .iter()
        .filter_map(|t| t.replace('−', "-").parse().ok())
        .collect();
    let (lo, hi) = ticks
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(*v), h.max(*v))
        });
    assert!(
        lo <= 45.0 && hi >= 55.0,
        "axis {lo}–{hi}: a half-point effect fills it"
    );
    assert!(texts(&doc).contains(&"axis spans at least ±5 around the base".to_string()));
    // The half-point swing is a sliver of the plot, not its whole width.
    let widths: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill-opacity") == Some("0.80"))
        .map(|n| n.attribute("width").unwrap().parse().unwrap())
        .collect();
    assert_eq!(widths.len(), 2);
    assert!(widths.iter().all(|w| *w < 30.0), "{widths:?}");
}

#[test]
fn tornado_draws_the_levers_so_the_biggest_lever_is_on_it() {
    let mut report = common::decide_only();
    let issue = &mut report.decide.as_mut().unwrap().issues[0];
    let t = issue.tornado.as_mut().expect("fixture has a tornado");
    // Only small uncertain inputs, none of them the USA; the USA is the biggest lever.
    t.bars.retain(|b| !b.input.contains("USA"));
    let biggest = t
        .bars
        .iter()
        .map(|b| (b.at_high - b.at_low).abs())
        .fold(0.0, f64::max);
    issue.levers.insert(
        0,
        Lever {
            actor: "USA".into(),
            change: "position 85 → 75".into(),
            effect: -(biggest + 3.0),
        },
    );
    let question = issue.question.clone();
    let html = render(&report);
    let metric = report.decide.as_ref().unwrap().issues[0]
        .tornado
        .as_ref()
        .unwrap()
        .metric
        .clone();
    let svg = svg_titled(&html, &format!("Sensitivity: {metric}"));
    let doc = parse(svg);
    let labels: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("text-anchor") == Some("end"))
        .filter(|n| n.attribute("font-size") == Some("12"))
        .collect();
    let usa = labels
        .iter()
        .find(|n| n.text() == Some("USA: position 85 → 75"))
        .unwrap_or_else(|| panic!("the USA lever is not on the tornado for {question}"));
    let top = labels
        .iter()
        .map(|n| n.attribute("y").unwrap().parse::<f64>().unwrap())
        .fold(f64::INFINITY, f64::min);
    assert_eq!(usa.attribute("y").unwrap().parse::<f64>().unwrap(), top);
    assert!(texts(&doc).contains(&"lever: one deliberate change".to_string()));
}
