//! The HTML document: one file with inline CSS and inline SVG figures, a table of contents and
//! the report's sections in reading order. No JavaScript, no external resources:
//! source URLs are printed as text, links are in-page anchors only.

mod align;
mod decide;
mod escalate;
mod method;
mod scenario;
mod track;

use crate::charts::svg::{escape, text_num, value};
use crate::model::Report;
use std::fmt::Write as _;

/// The document under construction: the body text and the running figure number.
pub(crate) struct Page {
    out: String,
    figures: usize,
    tables: usize,
}

impl Page {
    fn new() -> Page {
        Page {
            out: String::with_capacity(256 * 1024),
            figures: 0,
            tables: 0,
        }
    }

    /// Append raw, already escaped HTML.
    pub(crate) fn raw(&mut self, html: &str) {
        self.out.push_str(html);
    }

    /// A heading with an anchor id.
    pub(crate) fn heading(&mut self, level: u8, id: &str, text: &str) {
        let _ = writeln!(
            self.out,
            r#"<h{level} id="{}">{}</h{level}>"#,
            escape(id),
            escape(text)
        );
    }

    /// A paragraph of plain text.
    pub(crate) fn para(&mut self, text: &str) {
        let _ = writeln!(self.out, "<p>{}</p>", escape(text));
    }

    /// A paragraph with a CSS class.
    pub(crate) fn para_class(&mut self, class: &str, text: &str) {
        let _ = writeln!(
            self.out,
            r#"<p class="{}">{}</p>"#,
            escape(class),
            escape(text)
        );
    }

    /// A numbered figure holding `svg` with its caption.
    pub(crate) fn figure(&mut self, svg: &str, caption: &str) {
        self.figures += 1;
        let _ = writeln!(
            self.out,
            "<figure>\n<div class=\"scroll\">{svg}</div>\n<figcaption><b>Figure {}.</b> {}</figcaption>\n</figure>",
            self.figures,
            escape(caption)
        );
    }

    /// Several figures side by side (two columns on wide screens), one shared caption.
    pub(crate) fn figure_grid(&mut self, svgs: &[String], caption: &str) {
        self.figures += 1;
        let _ = writeln!(self.out, r#"<figure><div class="grid2">"#);
        for s in svgs {
            let _ = writeln!(self.out, "<div class=\"scroll\">{s}</div>");
        }
        let _ = writeln!(
            self.out,
            "</div>\n<figcaption><b>Figure {}.</b> {}</figcaption>\n</figure>",
            self.figures,
            escape(caption)
        );
    }

    /// A numbered table. `numeric[i]` right-aligns column i; cells are plain text.
    pub(crate) fn table(
        &mut self,
        caption: &str,
        head: &[&str],
        numeric: &[bool],
        rows: &[Vec<String>],
    ) {
        self.tables += 1;
        let _ = writeln!(
            self.out,
            "<div class=\"table-wrap\"><table>\n<caption><b>Table {}.</b> {}</caption>\n<thead><tr>",
            self.tables,
            escape(caption)
        );
        for (i, h) in head.iter().enumerate() {
            let _ = write!(self.out, "<th{}>{}</th>", num_class(numeric, i), escape(h));
        }
        self.out.push_str("</tr></thead>\n<tbody>\n");
        for row in rows {
            self.out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let _ = write!(
                    self.out,
                    "<td{}>{}</td>",
                    num_class(numeric, i),
                    escape(cell)
                );
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table></div>\n");
    }
}

fn num_class(numeric: &[bool], i: usize) -> &'static str {
    if numeric.get(i).copied().unwrap_or(false) {
        r#" class="num""#
    } else {
        ""
    }
}

/// Format a number for a table or sentence (fixed decimals, `–` when missing).
pub(crate) fn fmt(v: f64, decimals: usize) -> String {
    text_num(v, decimals)
}

/// Format a quantity such as a capability: thousands grouped with a thin space above 1000
/// (`997 000`), one decimal from 10, two below.
pub(crate) fn fmt_qty(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    if v.abs() < 1000.0 {
        return fmt(v, if v.abs() >= 10.0 { 1 } else { 2 });
    }
    let digits = fmt(v.abs(), 0);
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{2009}');
        }
        grouped.push(c);
    }
    if v < 0.0 {
        format!("−{grouped}")
    } else {
        grouped
    }
}

/// Format an optional number.
pub(crate) fn fmt_opt(v: Option<f64>, decimals: usize) -> String {
    v.map(|v| fmt(v, decimals))
        .unwrap_or_else(|| "–".to_string())
}

/// Decimals that show positions on a scale `span` units wide without false precision
/// (0–100 scale: whole points; 0–1 scale: hundredths).
pub(crate) fn scale_decimals(span: f64) -> usize {
    if span >= 20.0 {
        0
    } else if span >= 2.0 {
        1
    } else {
        2
    }
}

/// Format a share in [0, 1] as a percentage.
pub(crate) fn pct(v: f64) -> String {
    if v.is_finite() {
        format!("{} %", value(100.0 * v, 1))
    } else {
        "–".to_string()
    }
}

/// An anchor id from free text: letters, digits and `-` only.
pub(crate) fn anchor(prefix: &str, text: &str) -> String {
    let slug: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}-{slug}")
}

/// One entry of the table of contents: anchor, title, sub-entries.
type TocEntry = (String, String, Vec<(String, String)>);

/// Build the whole document.
pub(crate) fn document(report: &Report) -> String {
    // The scenario's title, else the question, else a generic title.
    let title = report
        .scenario
        .as_ref()
        .map(|s| s.title.clone())
        .filter(|t| !t.is_empty())
        .or_else(|| Some(report.question.clone()).filter(|q| !q.is_empty()))
        .unwrap_or_else(|| "detente report".to_string());
    let mut toc: Vec<TocEntry> = Vec::new();
    let mut body = Page::new();
    let mut n = 0;
    let mut next = |name: &str| {
        n += 1;
        (format!("{n}. {name}"), name.to_string())
    };
    if !report.headlines.is_empty() {
        let t = next("The answer");
        answer(&mut body, report, &t.0);
        toc.push(("answer".into(), t.1, vec![]));
    }
    if let Some(s) = &report.scenario {
        let t = next("The scenario");
        scenario::section(&mut body, s, &t.0);
        toc.push(("scenario".into(), t.1, scenario::toc(s)));
    }
    if let Some(d) = &report.decide {
        let t = next("Decide: where positions settle");
        decide::section(&mut body, d, &t.0);
        toc.push(("decide".into(), t.1, decide::toc(d)));
    }
    if let Some(tr) = &report.track_record {
        let t = next("Track record");
        track::section(&mut body, tr, &t.0);
        toc.push(("track-record".into(), t.1, vec![]));
    }
    if let Some(a) = &report.align {
        let t = next("Align: who sides with whom");
        align::section(&mut body, a, &t.0);
        toc.push(("align".into(), t.1, vec![]));
    }
    if let Some(e) = &report.escalate {
        let t = next("Escalate: spiral or settle");
        escalate::section(&mut body, e, &t.0);
        toc.push(("escalate".into(), t.1, escalate::toc(e)));
    }
    if let Some(m) = &report.method {
        let t = next("Method and reproduction");
        method::section(&mut body, m, &t.0);
        toc.push(("method".into(), t.1, vec![]));
    }

    let mut out = String::with_capacity(body.out.len() + 8 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = writeln!(out, "<style>\n{CSS}</style>\n</head>\n<body>\n<main>");
    header(&mut out, report, &title);
    contents(&mut out, &toc);
    out.push_str(&body.out);
    out.push_str("<footer>Generated by detente. Self-contained: no scripts, no external resources.</footer>\n");
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, report: &Report, title: &str) {
    out.push_str("<header>\n<p class=\"kicker\">detente report</p>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(title));
    if !report.question.is_empty() && report.question != title {
        let _ = writeln!(
            out,
            "<p class=\"subtitle\">{}</p>",
            escape(&report.question)
        );
    }
    let mut meta: Vec<String> = Vec::new();
    if let Some(s) = &report.scenario {
        if !s.id.is_empty() {
            meta.push(format!("scenario {}", s.id));
        }
        if let Some(d) = &s.as_of {
            meta.push(format!("as of {d}"));
        }
    }
    if let Some(m) = &report.method {
        meta.push(format!("seed {}", m.seed));
        meta.push(format!("{} runs", m.runs));
        if !m.version.is_empty() {
            meta.push(format!("detente {}", m.version));
        }
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(&meta.join(" · ")));
    }
    out.push_str("</header>\n");
}

fn contents(out: &mut String, toc: &[TocEntry]) {
    if toc.is_empty() {
        return;
    }
    out.push_str(
        "<nav class=\"toc\" aria-label=\"Contents\">\n<p class=\"toc-title\">Contents</p>\n<ol>\n",
    );
    for (id, t, subs) in toc {
        let _ = write!(out, "<li><a href=\"#{}\">{}</a>", escape(id), escape(t));
        if !subs.is_empty() {
            out.push_str("\n<ol>");
            for (sid, st) in subs {
                let _ = write!(
                    out,
                    "<li><a href=\"#{}\">{}</a></li>",
                    escape(sid),
                    escape(st)
                );
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</nav>\n");
}

fn answer(page: &mut Page, report: &Report, title: &str) {
    page.raw("<section id=\"answer\">\n");
    page.heading(2, "answer-title", title);
    let mut headlines: Vec<_> = report.headlines.iter().collect();
    headlines.sort_by_key(|h| h.lens);
    for h in headlines {
        page.raw("<div class=\"headline\">\n");
        page.para_class("lens", h.lens.name());
        for s in &h.sentences {
            page.para(s);
        }
        page.raw("</div>\n");
    }
    page.raw("</section>\n");
}

const CSS: &str = r#":root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1a1a1a; line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
header { border-bottom: 3px solid #1a1a1a; padding-bottom: .8rem; margin-bottom: 1.2rem; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; color: #0072B2;
  font-weight: 600; margin: 0; }
h1 { font-size: 2rem; line-height: 1.2; margin: .2rem 0 .4rem; }
h2 { font-size: 1.5rem; margin: 2.8rem 0 .8rem; padding-bottom: .25rem; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.2rem; margin: 2.2rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.6rem 0 .4rem; }
.subtitle { font-size: 1.2rem; color: #333; margin: 0 0 .4rem; }
.meta { color: #595959; font-size: .9rem; margin: 0; }
nav.toc { background: #f6f6f6; padding: .6rem 1.2rem; margin: 1rem 0 1.5rem; font-size: .95rem; }
nav.toc .toc-title { font-weight: 600; margin: .2rem 0; }
nav.toc ol { margin: .2rem 0; padding-left: 1.2rem; }
nav.toc ol ol { list-style: lower-alpha; font-size: .9rem; }
nav.toc a { color: #1a1a1a; text-decoration: none; border-bottom: 1px solid #ccc; }
.headline { border-left: 4px solid #0072B2; background: #f3f7fb; padding: .5rem 1rem; margin: .9rem 0; }
.headline p { margin: .35rem 0; }
.headline .lens { font-weight: 600; text-transform: uppercase; letter-spacing: .06em;
  font-size: .8rem; color: #0072B2; }
.lede { font-size: 1.02rem; }
.note { color: #444; font-size: .92rem; }
.verdict { padding: .5rem 1rem; border-left: 4px solid #009E73; background: #f2f9f6; }
.verdict.unstable { border-left-color: #D55E00; background: #fdf4ef; }
table { border-collapse: collapse; width: auto; min-width: 66%; margin: .8rem 0 1.2rem; font-size: .9rem; }
caption { caption-side: top; text-align: left; font-size: .88rem; color: #444; padding-bottom: .3rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .55rem; }
thead th { border-bottom: 1.5px solid #333; font-weight: 600; }
tbody tr:nth-child(even) { background: #f4f4f4; }
tbody tr:last-child td { border-bottom: 1px solid #ccc; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.table-wrap { overflow-x: auto; }
.legend { font-size: .88rem; margin: .2rem 0 .6rem; }
.swatch { display: inline-block; width: .8rem; height: .65rem; margin: 0 .35rem 0 .9rem; vertical-align: baseline; }
.legend .swatch:first-child { margin-left: 0; }
figure { margin: 1.2rem 0 1.6rem; }
figcaption { font-size: .88rem; color: #444; margin-top: .35rem; }
svg.chart { display: block; width: 100%; height: auto; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem 1.2rem; }
.grid2 h4 { margin: .2rem 0; font-size: .95rem; }
ol.sources { font-size: .88rem; padding-left: 1.4rem; }
ol.sources li { margin: .25rem 0; }
.src-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; color: #333; }
.url { color: #595959; word-break: break-all; }
.tag { display: inline-block; font-size: .75rem; padding: 0 .35rem; border-radius: 3px;
  background: #fdf1e6; color: #8a4500; border: 1px solid #f0c9a4; }
pre { background: #f4f4f4; padding: .6rem .8rem; white-space: pre-wrap; word-break: break-all;
  font: .88rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
footer { margin-top: 3rem; padding-top: .6rem; border-top: 1px solid #ccc; font-size: .8rem; color: #595959; }
@media (max-width: 720px) {
  .grid2 { grid-template-columns: 1fr; } main { padding: 1rem .8rem; }
  /* Keep chart text legible on phones: scroll sideways rather than shrink below ~11 px. */
  .scroll { overflow-x: auto; } .scroll svg.chart { min-width: 640px; }
  .grid2 .scroll svg.chart { min-width: 400px; }
}
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav.toc { background: none; border: 1px solid #ccc; }
  h2 { break-after: avoid; } h3, h4 { break-after: avoid; }
  figure, table, .headline { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;
