//! `detente decide FILE`: run decision models on the issues of a scenario or an imported file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use detente::decide::registry;
use detente::decide::scenario::{DecideOptions, IssueDecisions, ModelAnswer, decide_with};
use detente::decide::{DecisionRule, ResolvedIssue};
use detente::experiment::results::decide_movement;
use detente::experiment::{McResult, MetricSummary, RunOptions};
use detente::import::{Format, ImportOptions, Imported};
use serde::Serialize;

use crate::error::{CliError, CliResult};

/// Output formats.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum OutputFormat {
    /// Human-readable tables.
    Table,
    /// One JSON document with every decision in full.
    Json,
    /// One CSV row per issue and model.
    Csv,
}

/// Input formats (`--input-format`).
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum InputFormat {
    /// Decide/Stokman CSV (`#A #P #M #D` rows).
    Decide,
    /// `actor,capability,position,salience` CSV.
    Plain,
    /// KTAB SMP CSV.
    KtabCsv,
    /// KTAB SMP XML.
    KtabXml,
    /// A detente scenario file.
    Scenario,
    /// Long CSV in the DEU layout: one row per proposal, issue and actor (docs/import-deu.md).
    Deu,
}

impl InputFormat {
    /// The library's format value.
    pub fn format(self) -> Format {
        match self {
            InputFormat::Decide => Format::Decide,
            InputFormat::Plain => Format::Plain,
            InputFormat::KtabCsv => Format::KtabCsv,
            InputFormat::KtabXml => Format::KtabXml,
            InputFormat::Scenario => Format::Scenario,
            InputFormat::Deu => Format::Deu,
        }
    }
}

/// Run collective-decision models on the issues of a file.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  detente decide scenarios/nato-china-2023.toml --model all\n  \
                        detente decide crates/detente/tests/fixtures/decide/cop21.csv --model exchange\n  \
                        detente decide scenarios/cases/ec-car-emissions.toml --model bdm --preset scholz2011\n  \
                        detente decide crates/detente/tests/fixtures/decide/honduras_2009.csv --scale 0,1 --format json"
)]
pub struct Args {
    /// Input file: a detente scenario, Decide CSV, plain CSV or KTAB CSV/XML (format detected from
    /// extension and content).
    pub file: PathBuf,
    /// Model: compromise, median, nash, bdm, smp, exchange, a comma-separated list, or all.
    #[arg(long, default_value = "all")]
    pub model: String,
    /// Only this issue (by id).
    #[arg(long)]
    pub issue: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutputFormat,
    /// Input format, when detection is not wanted.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Named parameter preset (e.g. scholz2011 for bdm).
    #[arg(long)]
    pub preset: Option<String>,
    /// Issue scale LO,HI for plain CSV (default: the range of the positions).
    #[arg(long, value_name = "LO,HI")]
    pub scale: Option<String>,
    /// Status quo for every issue (needed by nash and by decision rules).
    #[arg(long)]
    pub status_quo: Option<f64>,
    /// Decision rule of the deciding body, applied to every issue (needs --status-quo).
    #[arg(long, value_enum)]
    pub rule: Option<RuleArg>,
    /// Quota of a (reverse) qualified-majority rule, as a share of the votes (e.g. 0.65).
    #[arg(long)]
    pub threshold: Option<f64>,
    /// Seed of the models' stochastic options and of the Monte Carlo (default: the scenario's
    /// `[experiment] seed`, 0 for imported files).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Draws of the scenario's uncertain inputs for the rule and agenda-setter probabilities
    /// (how often the body moves up, down or stays; default: the scenario's `[experiment] runs`,
    /// else 2000; 0 turns the Monte Carlo off). Imported files have no uncertain inputs.
    #[arg(long, value_name = "N")]
    pub runs: Option<u64>,
}

/// Decision rules selectable on the command line (docs/decide.md, "Decision rules").
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum RuleArg {
    /// Every member that votes must accept; abstention does not block.
    Unanimity,
    /// Unanimity; abstainers holding a third of members and votes stop the decision.
    UnanimityWithAbstention,
    /// Any member can block; silence is acquiescence.
    Consensus,
    /// Strictly more than half of all members' votes.
    #[value(name = "simple-majority", alias = "majority")]
    Majority,
    /// At least --threshold of all members' votes are for.
    QualifiedMajority,
    /// The proposal stands unless --threshold of all members' votes are against.
    ReverseQualifiedMajority,
}

/// The rule chosen by `--rule` and `--threshold`, checked.
pub fn rule(
    arg: Option<RuleArg>,
    threshold: Option<f64>,
) -> Result<Option<DecisionRule>, CliError> {
    let Some(arg) = arg else {
        return match threshold {
            None => Ok(None),
            Some(_) => Err(CliError::Input(
                "--threshold needs --rule qualified-majority or reverse-qualified-majority".into(),
            )),
        };
    };
    let needs_quota = matches!(
        arg,
        RuleArg::QualifiedMajority | RuleArg::ReverseQualifiedMajority
    );
    if needs_quota != threshold.is_some() {
        return Err(CliError::Input(
            "--threshold goes with --rule qualified-majority or reverse-qualified-majority, and \
             only with them"
                .into(),
        ));
    }
    let threshold = threshold.unwrap_or(1.0);
    let rule = match arg {
        RuleArg::Unanimity => DecisionRule::Unanimity,
        RuleArg::UnanimityWithAbstention => DecisionRule::UnanimityWithAbstention {
            members: detente::decide::rules::CONSTRUCTIVE_ABSTENTION,
            weight: detente::decide::rules::CONSTRUCTIVE_ABSTENTION,
        },
        RuleArg::Consensus => DecisionRule::Consensus,
        RuleArg::Majority => DecisionRule::Majority,
        RuleArg::QualifiedMajority => DecisionRule::QualifiedMajority {
            threshold,
            double: None,
        },
        RuleArg::ReverseQualifiedMajority => DecisionRule::ReverseQualifiedMajority {
            threshold,
            double: None,
        },
    };
    rule.check().map_err(CliError::Input)?;
    Ok(Some(rule))
}

/// How to read an input file.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Format to read, or `None` to detect it.
    pub format: Option<Format>,
    /// Importer options (scale, title).
    pub import: ImportOptions,
}

/// What a loaded file says besides its issues.
#[derive(Debug, Clone, Serialize)]
pub struct LoadInfo {
    /// The format read.
    pub format: Format,
    /// Title of the situation.
    pub title: String,
    /// Conversions applied while reading.
    pub notes: Vec<String>,
    /// The file's own seed (a scenario's `[experiment] seed`; 0 for imported formats).
    #[serde(skip)]
    pub seed: u64,
    /// The resolved scenario, when the file is one (its uncertain inputs feed the Monte Carlo).
    #[serde(skip)]
    pub scenario: Option<Box<detente::scenario::Resolved>>,
}

/// Parse `--scale LO,HI`.
pub fn parse_scale(text: Option<&str>) -> Result<Option<(f64, f64)>, CliError> {
    let Some(text) = text else { return Ok(None) };
    let bad = || CliError::Input(format!("--scale expects LO,HI with LO < HI, got '{text}'"));
    let (lo, hi) = text.split_once(',').ok_or_else(bad)?;
    let lo: f64 = lo.trim().parse().map_err(|_| bad())?;
    let hi: f64 = hi.trim().parse().map_err(|_| bad())?;
    if lo.is_finite() && hi.is_finite() && lo < hi {
        Ok(Some((lo, hi)))
    } else {
        Err(bad())
    }
}

/// Whether `path` is a detente scenario (by `--input-format` or by content).
fn is_scenario(path: &Path, options: &LoadOptions) -> Result<bool, CliError> {
    if let Some(f) = options.format {
        return Ok(f == Format::Scenario);
    }
    let text = crate::input::read_text(path)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    Ok(detente::import::detect(name, &text) == Some(Format::Scenario))
}

/// Read and import a foreign file (Decide CSV, plain CSV, KTAB CSV/XML).
pub fn read_imported(path: &Path, options: &LoadOptions) -> Result<Imported, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Input(format!("cannot read {}: {e}", path.display())))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let format = match options.format {
        Some(f) => f,
        None => detente::import::detect(name, &text).ok_or_else(|| {
            CliError::Input(format!(
                "cannot tell the format of {}; pass --input-format",
                path.display()
            ))
        })?,
    };
    if format == Format::Scenario {
        return Err(CliError::Input(format!(
            "{} is a scenario file; `detente decide` reads imported formats (decide, plain, \
             ktab-csv, ktab-xml) — scenario issues are run by `detente run`",
            path.display()
        )));
    }
    let mut import = options.import.clone();
    if import.title.is_none() {
        import.title = path.file_stem().and_then(|s| s.to_str()).map(String::from);
    }
    detente::import::import(format, &text, &import)
        .map_err(|e| crate::input::import_failed(path, format, &e))
}

/// The issues of a file as models read them, with what the file says about itself: a detente
/// scenario (its issues, rules and vote weights; uncertain numbers at their modes) or an
/// imported foreign format.
pub fn load_issues(
    path: &Path,
    options: &LoadOptions,
) -> Result<(Vec<ResolvedIssue>, LoadInfo), CliError> {
    if is_scenario(path, options)? {
        let (resolved, _) = crate::input::load_scenario(Some(path))?;
        let issues = detente::decide::scenario::issues(&resolved);
        if issues.is_empty() {
            return Err(CliError::Input(format!(
                "{} has no issue with stances",
                path.display()
            )));
        }
        let notes = resolved
            .warnings
            .iter()
            .map(|w| w.message.clone())
            .collect();
        return Ok((
            issues,
            LoadInfo {
                format: Format::Scenario,
                title: resolved.scenario.scenario.title.clone(),
                notes,
                seed: resolved.seed(),
                scenario: Some(Box::new(resolved)),
            },
        ));
    }
    let imported = read_imported(path, options)?;
    let info = LoadInfo {
        format: imported.format,
        title: imported.title.clone(),
        notes: imported.notes.clone(),
        seed: 0,
        scenario: None,
    };
    Ok((imported.resolved_issues(), info))
}

#[derive(Debug, Serialize)]
struct Report {
    input: LoadInfo,
    seed: u64,
    issues: Vec<IssueDecisions>,
    /// The rule and setter metrics over draws of the uncertain inputs (scenarios only).
    #[serde(skip_serializing_if = "Option::is_none")]
    uncertainty: Option<McResult>,
}

fn model_names(model: &str) -> Result<Vec<&'static str>, CliError> {
    if model == "all" {
        return Ok(registry::NAMES
            .iter()
            .copied()
            .filter(|n| registry::build(n, None).is_ok())
            .collect());
    }
    let mut names = Vec::new();
    for wanted in model.split(',').map(str::trim) {
        let name = registry::NAMES
            .iter()
            .copied()
            .find(|n| *n == wanted)
            .ok_or_else(|| {
                CliError::Input(format!(
                    "unknown model '{wanted}' (known: {}, all)",
                    registry::NAMES.join(", ")
                ))
            })?;
        if !names.contains(&name) {
            names.push(name);
        }
    }
    Ok(names)
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let options = LoadOptions {
        format: args.input_format.map(InputFormat::format),
        import: ImportOptions {
            scale: parse_scale(args.scale.as_deref())?,
            ..ImportOptions::default()
        },
    };
    let (mut issues, info) = load_issues(&args.file, &options)?;
    let rule = rule(args.rule, args.threshold)?;
    for issue in &mut issues {
        if let Some(q) = args.status_quo {
            if !(q.is_finite() && issue.scale.contains(q)) {
                return Err(CliError::Input(format!(
                    "--status-quo {q} is outside the scale {}–{} of issue '{}'",
                    issue.scale.lo, issue.scale.hi, issue.id
                )));
            }
            issue.status_quo = Some(vec![q; issue.m()]);
        }
        if rule.is_some() {
            issue.rule.clone_from(&rule);
        }
    }
    let names = model_names(&args.model)?;
    if let Some(p) = &args.preset {
        let m = registry::preset(p).map_err(|e| CliError::Input(e.to_string()))?;
        if !names.contains(&m.id()) {
            return Err(CliError::Input(format!(
                "preset '{p}' belongs to model '{}', which --model does not select",
                m.id()
            )));
        }
    }
    if let Some(id) = &args.issue
        && !issues.iter().any(|i| &i.id == id)
    {
        let known: Vec<&str> = issues.iter().map(|i| i.id.as_str()).collect();
        return Err(CliError::Input(format!(
            "no issue '{id}' in {} (issues: {})",
            args.file.display(),
            known.join(", ")
        )));
    }
    let seed = args.seed.unwrap_or(info.seed);
    let uncertainty = info.scenario.as_deref().and_then(|r| {
        // Every issue, also under --issue: linkage pays for a block with another issue.
        let runs = RunOptions::for_scenario(r).with(None, args.runs).runs;
        decide_movement(r, issues.clone(), runs, seed, &|_, _| {})
    });
    let issues = decide_with(
        &issues,
        &DecideOptions {
            models: names,
            preset: args.preset.as_deref(),
            only: args.issue.as_deref(),
            seed,
        },
    );
    let report = Report {
        input: info,
        seed,
        issues,
        uncertainty,
    };
    let out = match args.format {
        OutputFormat::Json => serde_json::to_string_pretty(&report)
            .map_err(|e| CliError::Failure(format!("cannot write JSON: {e}")))?,
        OutputFormat::Csv => csv(&report),
        OutputFormat::Table => table(&report),
    };
    print_stdout(out.trim_end())
}

/// Print to stdout; a closed pipe (`detente decide … | head`) is not an error.
pub fn print_stdout(text: &str) -> CliResult {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Failure(format!("cannot write to stdout: {e}")))
        }
        _ => Ok(()),
    }
}

fn fmt_values(v: &[f64]) -> String {
    v.iter()
        .map(|x| format!("{x:.4}"))
        .collect::<Vec<_>>()
        .join(";")
}

fn csv(report: &Report) -> String {
    let mut out = String::from(
        "issue,model,outcome,unconstrained,baseline,rounds,converged,stop_reason,warnings,error\n",
    );
    for r in &report.issues {
        for a in &r.answers {
            let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            match &a.decision {
                Some(d) => {
                    let codes: Vec<String> = d
                        .diagnostics
                        .warnings
                        .iter()
                        .map(|w| format!("{:?}", w.code))
                        .collect();
                    let _ = writeln!(
                        out,
                        "{},{},{},{},{},{},{},{:?},{},",
                        quote(&r.issue),
                        a.model,
                        fmt_values(&d.outcome),
                        fmt_values(&d.unconstrained),
                        fmt_values(&d.baseline),
                        d.diagnostics.rounds,
                        d.diagnostics.converged,
                        d.diagnostics.stop_reason,
                        quote(&codes.join(";"))
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "{},{},,,,,,,,{}",
                        quote(&r.issue),
                        a.model,
                        quote(a.error.as_deref().unwrap_or(""))
                    );
                }
            }
        }
    }
    out
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Terminal width the table keeps to.
const WIDTH: usize = 100;

/// A table cell: one value with 4 decimals, or m values with 2 (m > 1).
fn cell(v: &[f64]) -> String {
    if v.len() == 1 {
        format!("{:.4}", v[0])
    } else {
        v.iter()
            .map(|x| format!("{x:.2}"))
            .collect::<Vec<_>>()
            .join(",")
    }
}

fn table(report: &Report) -> String {
    let mut out = String::new();
    let title = if report.input.title.is_empty() {
        "(untitled)"
    } else {
        &report.input.title
    };
    let _ = writeln!(out, "{title} — read as {}", report.input.format.name());
    for note in &report.input.notes {
        let _ = writeln!(out, "note: {note}");
    }
    for r in &report.issues {
        let _ = writeln!(out);
        let _ = writeln!(out, "Issue {}: {}", r.issue, shorten(&r.question, 80));
        for line in context(r) {
            let _ = writeln!(out, "  {}", shorten(&line, WIDTH - 2));
        }
        for line in report
            .uncertainty
            .as_ref()
            .map(|mc| movement_lines(mc, &r.issue))
            .unwrap_or_default()
        {
            let _ = writeln!(out, "  {line}");
        }
        let w = r
            .answers
            .iter()
            .filter_map(|a| a.decision.as_ref())
            .map(|d| cell(&d.outcome).len() + 2)
            .max()
            .unwrap_or(12)
            .max(12);
        let wu = w.max(15);
        let _ = writeln!(
            out,
            "  {:<12}{:>w$}{:>wu$}{:>w$}{:>8}  {:<10}warnings",
            "model", "prediction", "unconstrained", "compromise", "rounds", "stop"
        );
        for a in &r.answers {
            match &a.decision {
                Some(d) => {
                    let codes: Vec<String> = d
                        .diagnostics
                        .warnings
                        .iter()
                        .map(|w| format!("{:?}", w.code))
                        .collect();
                    let row = format!(
                        "  {:<12}{:>w$}{:>wu$}{:>w$}{:>8}  {:<10}",
                        a.model,
                        cell(&d.outcome),
                        cell(&d.unconstrained),
                        cell(&d.baseline),
                        d.diagnostics.rounds,
                        format!("{:?}", d.diagnostics.stop_reason),
                    );
                    let room = WIDTH.saturating_sub(row.chars().count()).max(8);
                    let _ = writeln!(out, "{row}{}", shorten(&codes.join(","), room));
                }
                None => {
                    let _ = writeln!(
                        out,
                        "  {:<12}n/a: {}",
                        a.model,
                        shorten(a.error.as_deref().unwrap_or(""), WIDTH - 19)
                    );
                }
            }
        }
        trajectories(&mut out, r);
        positions(&mut out, r);
        for a in &r.answers {
            for w in a.decision.iter().flat_map(|d| &d.diagnostics.warnings) {
                let prefix = format!("  [{}] {:?}: ", a.model, w.code);
                let room = WIDTH.saturating_sub(prefix.chars().count()).max(10);
                let _ = writeln!(out, "{prefix}{}", shorten(&w.message, room));
            }
        }
    }
    out
}

/// The lines above an issue's table: who decides and how, the agenda setter, model spread.
fn context(r: &IssueDecisions) -> Vec<String> {
    let mut lines = Vec::new();
    if !r.collective {
        lines.push(
            "No body decides this issue: the model values are weighted centres, not a \
             collective forecast; each actor's own course is its prediction."
                .to_string(),
        );
    }
    if let (Some(rule), Some(q)) = (&r.rule, r.status_quo) {
        let set = match r.feasible {
            Some((lo, hi)) if lo == hi => "nothing beats it (deadlock)".to_string(),
            Some((lo, hi)) => format!("admissible set [{}, {}]", num(lo), num(hi)),
            None => String::new(),
        };
        lines.push(format!(
            "Rule: {}; status quo {}; {set}",
            rule.keyword(),
            num(q)
        ));
    }
    if let Some(s) = &r.setter {
        let pivots = if s.pivotal.is_empty() {
            String::new()
        } else {
            format!("; pivotal: {}", s.pivotal.join(", "))
        };
        lines.push(if s.deadlock {
            format!(
                "Agenda setter {} proposes {}: nothing beats the status quo, the proposal fails",
                s.proposer,
                num(s.ideal)
            )
        } else {
            format!(
                "Agenda setter {} would propose {}; the body adopts {}{pivots}",
                s.proposer,
                num(s.ideal),
                num(s.outcome)
            )
        });
    }
    lines.extend(detente_present::decide::linkage_lines(r));
    if let Some(sp) = r.spread.as_ref().filter(|sp| sp.disagree) {
        lines.push(format!(
            "The models disagree: before the rule they range from {} to {} ({:.0} % of the \
             scale), the main uncertainty of this forecast.",
            num(sp.low),
            num(sp.high),
            100.0 * sp.share
        ));
    }
    lines
}

/// The Monte Carlo lines of an issue with an agenda setter: how often the adopted point moves
/// up, down or stays (S2), with 95 % Wilson intervals, and the adopted point's 5–95 % range.
/// Empty for an issue without these metrics.
pub fn movement_lines(mc: &McResult, issue: &str) -> Vec<String> {
    let Some(arm) = mc.arms.first() else {
        return Vec::new();
    };
    let event = |way: &str| match mc.summary(arm, &format!("decide.{issue}.{way}")) {
        Some(MetricSummary::Event(p)) => Some(format!(
            "{} {:.1} % [{:.1}–{:.1}]",
            way.trim_start_matches("linked."),
            100.0 * p.estimate,
            100.0 * p.low,
            100.0 * p.high
        )),
        _ => None,
    };
    let (Some(up), Some(down), Some(stays)) = (event("up"), event("down"), event("stays")) else {
        return Vec::new();
    };
    let mut lines = vec![
        format!(
            "Over {} draws of the uncertain inputs it moves {up}, {down},",
            mc.runs
        ),
        format!("{stays} (a move: more than 1 % of the scale; 95 % Wilson intervals)"),
    ];
    let linked = |way: &str| event(&format!("linked.{way}"));
    if let (Some(up), Some(down), Some(stays)) = (linked("up"), linked("down"), linked("stays")) {
        lines.push(format!("With linkage: {up}, {down}, {stays}"));
    }
    if let Some(MetricSummary::Real(s)) = mc.summary(arm, &format!("decide.{issue}.setter"))
        && let (Some(lo), Some(hi)) = (s.quantile(0.05), s.quantile(0.95))
    {
        lines.push(format!(
            "The adopted point's 5–95 % range: {}–{}",
            num(lo),
            num(hi)
        ));
    }
    lines
}

/// A number with at most two decimals and no trailing zeros.
fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn trajectories(out: &mut String, r: &IssueDecisions) {
    for a in &r.answers {
        let Some(d) = &a.decision else { continue };
        if d.trajectory.len() < 2 {
            continue;
        }
        let f: Vec<String> = d
            .trajectory
            .iter()
            .filter_map(|t| t.forecast.as_ref().map(|v| cell(v)))
            .collect();
        let shown = if f.len() > 8 {
            format!("{} … {}", f[..4].join(" "), f[f.len() - 3..].join(" "))
        } else {
            f.join(" ")
        };
        let prefix = format!("  {} forecast by round: ", a.model);
        let room = WIDTH.saturating_sub(prefix.chars().count()).max(10);
        let _ = writeln!(out, "{prefix}{}", shorten(&shown, room));
    }
}

fn positions(out: &mut String, r: &IssueDecisions) {
    let movers: Vec<&ModelAnswer> = r
        .answers
        .iter()
        .filter(|a| a.decision.as_ref().is_some_and(|d| d.trajectory.len() > 1))
        .collect();
    let Some(first) = movers.first().and_then(|a| a.decision.as_ref()) else {
        return;
    };
    let Some(start) = first.trajectory.first() else {
        return;
    };
    let col = start
        .positions
        .first()
        .map_or(12, |p| cell(p).len() + 2)
        .max(12);
    let fit = (WIDTH - 26 - col) / col;
    let movers = &movers[..movers.len().min(fit)];
    let _ = write!(out, "  {:<24}{:>col$}", "actor (final positions)", "start");
    for a in movers {
        let _ = write!(out, "{:>col$}", a.model);
    }
    let _ = writeln!(out);
    for (k, name) in r.actors.iter().enumerate().take(start.positions.len()) {
        let _ = write!(
            out,
            "  {:<24}{:>col$}",
            shorten(name, 23),
            cell(&start.positions[k])
        );
        for a in movers {
            let last = a
                .decision
                .as_ref()
                .and_then(|d| d.final_positions())
                .and_then(|p| p.get(k));
            let _ = write!(out, "{:>col$}", last.map_or(String::from("-"), |v| cell(v)));
        }
        let _ = writeln!(out);
    }
}
