//! The HTML document: one file with inline CSS and inline SVG figures, a table of contents and
//! the report's sections in reading order. No JavaScript, no external resources:
//! source URLs are printed as text, links are in-page anchors only.

mod align;
mod briefing;
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
    /// Detailed figures and tables, printed in the annex.
    annex: String,
    /// Whether writes go to the annex.
    in_annex: bool,
    figures: usize,
    tables: usize,
}

impl Page {
    fn new() -> Page {
        Page {
            out: String::with_capacity(256 * 1024),
            annex: String::new(),
            in_annex: false,
            figures: 0,
            tables: 0,
        }
    }

    /// Where writes go: the body, or the annex of detailed figures.
    fn buf(&mut self) -> &mut String {
        if self.in_annex {
            &mut self.annex
        } else {
            &mut self.out
        }
    }

    /// Send what follows to the annex of detailed figures, under a heading naming its section.
    pub(crate) fn begin_detail(&mut self, heading: &str) {
        self.in_annex = true;
        let _ = writeln!(self.annex, "<h3>{}</h3>", escape(heading));
    }

    /// Back to the body.
    pub(crate) fn end_detail(&mut self) {
        self.in_annex = false;
    }

    /// Append raw, already escaped HTML.
    pub(crate) fn raw(&mut self, html: &str) {
        self.buf().push_str(html);
    }

    /// A heading with an anchor id.
    pub(crate) fn heading(&mut self, level: u8, id: &str, text: &str) {
        let _ = writeln!(
            self.buf(),
            r#"<h{level} id="{}">{}</h{level}>"#,
            escape(id),
            escape(text)
        );
    }

    /// A paragraph of plain text.
    pub(crate) fn para(&mut self, text: &str) {
        let _ = writeln!(self.buf(), "<p>{}</p>", escape(text));
    }

    /// A paragraph with a CSS class.
    pub(crate) fn para_class(&mut self, class: &str, text: &str) {
        let _ = writeln!(
            self.buf(),
            r#"<p class="{}">{}</p>"#,
            escape(class),
            escape(text)
        );
    }

    /// A numbered figure holding `svg` with its caption (callers use [`Page::figure_with_table`]:
    /// every chart comes with its numbers).
    fn figure(&mut self, svg: &str, caption: &str) {
        self.figures += 1;
        let n = self.figures;
        let _ = writeln!(
            self.buf(),
            "<figure>\n<div class=\"scroll\">{svg}</div>\n<figcaption><b>Figure {}.</b> {}</figcaption>\n</figure>",
            n,
            escape(caption)
        );
    }

    /// A numbered figure followed by its numbers in a collapsed table (`<details>`).
    pub(crate) fn figure_with_table(
        &mut self,
        svg: &str,
        caption: &str,
        head: &[&str],
        rows: &[Vec<String>],
    ) {
        self.figure(svg, caption);
        self.numbers(head, rows);
    }

    /// A figure's numbers as a collapsed table (`<details>`, no script): the accessible
    /// equivalent of the chart, also what a reader copies figures from.
    fn numbers(&mut self, head: &[&str], rows: &[Vec<String>]) {
        self.buf().push_str(
            "<details class=\"numbers\"><summary>The numbers behind the figure</summary>\n",
        );
        self.buf()
            .push_str("<div class=\"table-wrap\"><table>\n<thead><tr>");
        for h in head {
            let _ = write!(self.buf(), "<th>{}</th>", escape(h));
        }
        self.buf().push_str("</tr></thead>\n<tbody>\n");
        for row in rows {
            self.buf().push_str("<tr>");
            for cell in row {
                let _ = write!(self.buf(), "<td>{}</td>", escape(cell));
            }
            self.buf().push_str("</tr>\n");
        }
        self.buf()
            .push_str("</tbody>\n</table></div>\n</details>\n");
    }

    /// Several figures side by side (two columns on wide screens), one shared caption, followed
    /// by their numbers in one collapsed table.
    pub(crate) fn figure_grid_with_table(
        &mut self,
        svgs: &[String],
        caption: &str,
        head: &[&str],
        rows: &[Vec<String>],
    ) {
        self.figure_grid(svgs, caption);
        self.numbers(head, rows);
    }

    /// Several figures side by side (two columns on wide screens), one shared caption.
    fn figure_grid(&mut self, svgs: &[String], caption: &str) {
        self.figures += 1;
        let n = self.figures;
        let _ = writeln!(self.buf(), r#"<figure><div class="grid2">"#);
        for s in svgs {
            let _ = writeln!(self.buf(), "<div class=\"scroll\">{s}</div>");
        }
        let _ = writeln!(
            self.buf(),
            "</div>\n<figcaption><b>Figure {}.</b> {}</figcaption>\n</figure>",
            n,
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
        self.table_in("table-wrap", caption, head, numeric, rows, false);
    }

    /// A numbered table that turns into one card per row on a phone: every cell carries its
    /// column's name (`data-label`), which the narrow-screen CSS prints before the value.
    pub(crate) fn card_table(
        &mut self,
        caption: &str,
        head: &[&str],
        numeric: &[bool],
        rows: &[Vec<String>],
    ) {
        self.table_in("table-wrap cards", caption, head, numeric, rows, true);
    }

    fn table_in(
        &mut self,
        class: &str,
        caption: &str,
        head: &[&str],
        numeric: &[bool],
        rows: &[Vec<String>],
        labelled: bool,
    ) {
        self.tables += 1;
        let n = self.tables;
        let _ = writeln!(
            self.buf(),
            "<div class=\"{class}\"><table>\n<caption><b>Table {}.</b> {}</caption>\n<thead><tr>",
            n,
            escape(caption)
        );
        for (i, h) in head.iter().enumerate() {
            let _ = write!(
                self.buf(),
                "<th{}>{}</th>",
                num_class(numeric, i),
                escape(h)
            );
        }
        self.buf().push_str("</tr></thead>\n<tbody>\n");
        for row in rows {
            self.buf().push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let label = match head.get(i) {
                    Some(h) if labelled => format!(" data-label=\"{}\"", escape(h)),
                    _ => String::new(),
                };
                let _ = write!(
                    self.buf(),
                    "<td{}{label}>{}</td>",
                    num_class(numeric, i),
                    escape(cell)
                );
            }
            self.buf().push_str("</tr>\n");
        }
        self.buf().push_str("</tbody>\n</table></div>\n");
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
    let mut lead = Page::new();
    briefing::judgements(&mut lead, report);
    briefing::definitions(&mut lead, report);
    let mut body = Page::new();
    // Figures and tables continue their numbering after the first screen.
    body.figures = lead.figures;
    body.tables = lead.tables;
    let mut n = 0;
    let mut next = |name: &str| {
        n += 1;
        (format!("{n}. {name}"), name.to_string())
    };
    if !report.indicators.is_empty() {
        let t = next("Indicators to watch");
        toc.push(("indicators".into(), t.1, vec![]));
        briefing::indicators(&mut body, report);
    }
    // With key judgements on the first screen, the per-lens findings move to the annex.
    let findings_in_annex = !report.judgements.is_empty();
    if !report.headlines.is_empty() && !findings_in_annex {
        let t = next("The answer");
        answer(&mut body, report, &t.0);
        toc.push(("answer".into(), t.1, vec![]));
    }
    if let Some(d) = &report.decide {
        let t = next("Decide: where positions settle");
        decide::section(&mut body, d, &t.0);
        toc.push(("decide".into(), t.1, decide::toc(d)));
    }
    // With key judgements (which quote it), the full track record goes to the annex.
    if let Some(tr) = &report.track_record
        && report.judgements.is_empty()
    {
        let t = next("Track record");
        track::section(&mut body, tr, &t.0);
        toc.push(("track-record".into(), t.1, vec![]));
    }
    if let Some(a) = &report.align {
        let t = next("Align: who sides with whom");
        align::section(&mut body, a, report.validation.as_ref(), &t.0);
        toc.push(("align".into(), t.1, vec![]));
    }
    if let Some(e) = &report.escalate {
        let t = next("Escalate: spiral or settle");
        escalate::section(&mut body, e, &t.0);
        toc.push(("escalate".into(), t.1, escalate::toc(e)));
    }
    let annex_open = report.scenario.is_some()
        || report.method.is_some()
        || !body.annex.is_empty()
        || !report.judgements.is_empty();
    if annex_open {
        body.raw("<div id=\"annex\" class=\"annex\">\n<p class=\"annex-mark\">Annex</p>\n");
    }
    if let Some(tr) = &report.track_record
        && !report.judgements.is_empty()
    {
        let t = next("Annex: track record");
        track::section(&mut body, tr, &t.0);
        toc.push(("track-record".into(), t.1, vec![]));
    }
    if !report.headlines.is_empty() && findings_in_annex {
        let t = next("Annex: findings by lens");
        answer(&mut body, report, &t.0);
        toc.push(("answer".into(), t.1, vec![]));
    }
    if !body.annex.is_empty() {
        let t = next("Annex: detailed figures");
        body.heading(2, "details", &t.0);
        let details = std::mem::take(&mut body.annex);
        body.raw(&details);
        toc.push(("details".into(), t.1, vec![]));
    }
    if let Some(s) = &report.scenario {
        let t = next("Annex: the scenario and its sources");
        scenario::section(&mut body, s, &t.0);
        toc.push(("scenario".into(), t.1, scenario::toc(s)));
    }
    if let Some(m) = &report.method {
        let t = next("Annex: method and reproduction");
        method::section(&mut body, m, &t.0);
        briefing::names(&mut body, report);
        toc.push(("method".into(), t.1, vec![]));
    }
    if annex_open {
        body.raw("</div>\n");
    }

    let mut out = String::with_capacity(body.out.len() + 8 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = writeln!(
        out,
        "<style>\n{CSS}{}</style>\n</head>\n<body>\n<main>",
        running_header(report, &title)
    );
    header(&mut out, report, &title);
    out.push_str(&lead.out);
    contents(&mut out, &toc);
    out.push_str(&body.out);
    out.push_str("<footer>Generated by detente. Self-contained: no scripts, no external resources.</footer>\n");
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The running header of printed pages: title, as-of date and seed, as a CSS page-margin rule.
fn running_header(report: &Report, title: &str) -> String {
    let mut text = title.to_string();
    if let Some(d) = report.scenario.as_ref().and_then(|s| s.as_of.as_ref()) {
        text.push_str(&format!(" · as of {d}"));
    }
    if let Some(m) = &report.method {
        text.push_str(&format!(" · seed {}", m.seed));
    }
    format!(
        "@page {{ @top-left {{ content: \"{}\"; font: 8pt system-ui, sans-serif; color: #444; }} }}\n",
        css_string(&text)
    )
}

/// `s` as the body of a CSS double-quoted string inside an HTML `<style>` element.
fn css_string(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\3c "),
            '>' => out.push_str("\\3e "),
            '&' => out.push_str("\\26 "),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
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
    detente::order::sort_by_key(&mut headlines, |h| h.lens);
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
main { max-width: 960px; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
header { border-bottom: 3px solid #1a1a1a; padding-bottom: .4rem; margin-bottom: .6rem; }
p, li, dd, td, th, caption, figcaption, pre { overflow-wrap: anywhere; }
.bluf h2 { margin-top: .4rem; }
ol.judgements { padding-left: 1.4rem; margin: .4rem 0; }
ol.judgements > li { margin: 0 0 .7rem; padding-left: .2rem; }
.judgement p { margin: .15rem 0; }
.judgement .statement { font-weight: 600; font-size: 1.02rem; }
.judgement .topic { font-size: .82rem; text-transform: uppercase; letter-spacing: .04em; color: #005a8c; font-weight: 600; }
.judgement .grade, .judgement .detail { font-size: .88rem; color: #333; }
.badge { display: inline-block; font-size: .78rem; padding: 0 .4rem; border: 1px solid #0072B2;
  color: #005a8c; border-radius: 3px; font-weight: 600; }
.warning { border-left: 4px solid #D55E00; background: #fdf4ef; padding: .25rem .6rem; font-size: .88rem; }
aside.definitions { border: 1px solid #bbb; background: #fafafa; padding: .2rem 1rem .6rem; margin: 1rem 0; }
aside.definitions h2 { border: none; margin: .6rem 0 .3rem; font-size: 1.2rem; }
aside.definitions dl { margin: 0; font-size: .9rem; }
aside.definitions dt { font-weight: 600; margin-top: .35rem; }
aside.definitions dd { margin: 0 0 0 1rem; }
details.numbers { font-size: .88rem; margin: -.8rem 0 1.4rem; }
details.numbers summary { cursor: pointer; color: #005a8c; }
.annex-mark { display: none; }
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
  .grid2 { grid-template-columns: 1fr; } main { padding: .6rem .8rem; }
  h1 { font-size: 1.4rem; } .kicker { display: none; }
  .judgement .statement { font-size: 1rem; }
  /* Chart text stays at its drawn size (11–12 px): charts keep their drawn width and scroll
     sideways inside their frame; the page itself never scrolls sideways. */
  .scroll { overflow-x: auto; max-width: 100%; } .scroll svg.chart { min-width: 880px; }
  .table-wrap { overflow-x: auto; max-width: 100%; }
  table { min-width: 0; width: 100%; }
  /* Stance tables become cards: one block per row, each cell labelled by its column; the header
     row is hidden from sight but still read by screen readers. */
  .cards table, .cards tbody, .cards tr, .cards td { display: block; width: auto; }
  .cards caption { display: block; }
  .cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .cards tr { border: 1px solid #ccc; border-radius: 4px; margin: .5rem 0; padding: .3rem .6rem; }
  .cards tbody tr:nth-child(even) { background: none; }
  .cards td { border: none; padding: .1rem 0; text-align: left; white-space: normal; }
  .cards td::before { content: attr(data-label) ": "; font-weight: 600; color: #333; }
}
/* No page size: the reader's paper (A4 or Letter) is used; margins and margin boxes suit both. */
@page { margin: 14mm 12mm 14mm 12mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif; color: #444; } }
@media print {
  body { font-size: 9.5pt; line-height: 1.3; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  h2 { break-after: avoid; margin-top: 1.2rem; } h3, h4 { break-after: avoid; margin-top: 1rem; }
  h2 + *, h3 + *, h4 + * { break-before: avoid; }
  figure, .headline, li.judgement { break-inside: avoid; }
  figure { margin: .3rem 0 .4rem; } p { margin: .35rem 0; } table { margin: .4rem 0 .6rem; }
  svg.chart { max-height: 5cm; }
  .judgement .detail, .judgement .grade, .warning { font-size: 8.5pt; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  table { width: 100%; min-width: 0; table-layout: auto; font-size: 8.5pt; }
  .table-wrap { overflow: visible; }
  /* A4's printable width (186 mm ≈ 703 px) is below the phone breakpoint: paper cannot scroll. */
  .scroll { overflow: visible; } .scroll svg.chart { min-width: 0; }
  details.numbers { display: none; }
  .annex { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
"#;
