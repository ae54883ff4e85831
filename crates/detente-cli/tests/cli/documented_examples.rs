//! Every command the README shows, and every example in a subcommand's `--help`, runs on a fresh
//! clone and succeeds. The commands run in a scratch directory that links the repository's
//! `scenarios/`, `examples/` and `crates/` (so the paths the examples name resolve) and receives every file
//! they write.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_detente");

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A scratch directory with links to the repository's example inputs.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-examples-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for sub in ["scenarios", "crates", "examples"] {
        std::os::unix::fs::symlink(repo_root().join(sub), dir.join(sub)).unwrap();
    }
    dir
}

/// Splits a shell line into words: whitespace-separated, double quotes group, an unquoted ` #`
/// starts a comment.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut quoted, mut started) = (false, false);
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            '#' if !quoted && !started => break,
            c if c.is_whitespace() && !quoted => {
                if started {
                    out.push(std::mem::take(&mut cur));
                    started = false;
                }
            }
            c => {
                cur.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(cur);
    }
    out
}

/// Expands one `*` in the last path component against the scratch directory.
fn expand(word: &str, cwd: &Path) -> Vec<String> {
    let Some((dir, pattern)) = word.rsplit_once('/') else {
        return vec![word.to_string()];
    };
    let Some((prefix, suffix)) = pattern.split_once('*') else {
        return vec![word.to_string()];
    };
    let mut names: Vec<String> = std::fs::read_dir(cwd.join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .map(|n| format!("{dir}/{n}"))
        .collect();
    names.sort();
    names
}

/// Runs one documented `detente …` line in `cwd`; returns a failure message, if any.
fn run_example(line: &str, cwd: &Path) -> Option<String> {
    let mut args = words(line);
    assert_eq!(args.remove(0), "detente", "not a detente command: {line}");
    let mut stdout_file = None;
    if let Some(pos) = args.iter().position(|a| a == ">") {
        stdout_file = args.get(pos + 1).cloned();
        args.truncate(pos);
    }
    let args: Vec<String> = args.iter().flat_map(|a| expand(a, cwd)).collect();
    let out = Command::new(BIN)
        .args(&args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    if let Some(file) = stdout_file {
        std::fs::write(cwd.join(file), &out.stdout).unwrap();
    }
    (!out.status.success()).then(|| {
        format!(
            "`{line}` exited with {}:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The `detente …` lines of the README's `sh` blocks, in order.
fn readme_commands() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let mut in_sh = false;
    let mut out = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_sh = t == "```sh";
            continue;
        }
        if in_sh && t.starts_with("detente ") {
            out.push(t.to_string());
        }
    }
    out
}

/// The example lines after "Examples:" in `detente SUB --help`.
fn help_examples(sub: &str) -> Vec<String> {
    let out = Command::new(BIN).args([sub, "--help"]).output().unwrap();
    assert!(out.status.success(), "detente {sub} --help failed");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut examples: Vec<String> = Vec::new();
    let mut continued = false;
    for line in text.lines().skip_while(|l| l.trim() != "Examples:").skip(1) {
        let line = line.trim();
        let (body, continues) = match line.strip_suffix('\\') {
            Some(body) => (body.trim_end(), true),
            None => (line, false),
        };
        if continued {
            let last = examples.last_mut().unwrap();
            last.push(' ');
            last.push_str(body);
        } else if body.starts_with("detente ") {
            examples.push(body.to_string());
        } else {
            break;
        }
        continued = continues;
    }
    examples
}

/// The subcommands `detente --help` lists.
fn subcommands() -> Vec<String> {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(String::from)
        .collect()
}

#[test]
fn readme_commands_run() {
    let cwd = scratch("readme");
    let commands = readme_commands();
    assert!(
        commands.len() >= 15,
        "README lost its examples: {commands:?}"
    );
    let failures: Vec<String> = commands
        .iter()
        .filter_map(|c| run_example(c, &cwd))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(cwd.join("cop21.toml").metadata().unwrap().len() > 0);
    assert!(cwd.join("report.html").exists());
}

#[test]
fn help_examples_run() {
    let cwd = scratch("help");
    let subs = subcommands();
    assert!(subs.len() >= 10, "unexpected command list: {subs:?}");
    let mut failures = Vec::new();
    let mut count = 0;
    for sub in &subs {
        for example in help_examples(sub) {
            count += 1;
            failures.extend(run_example(&example, &cwd));
        }
    }
    assert!(count >= 20, "only {count} --help examples found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn shell_words_follow_quotes_and_comments() {
    assert_eq!(
        words(r#"detente match "Tit For Tat" Alternator --turns 200   # a comment"#),
        [
            "detente",
            "match",
            "Tit For Tat",
            "Alternator",
            "--turns",
            "200"
        ]
    );
    assert_eq!(
        words("detente x > out.toml"),
        ["detente", "x", ">", "out.toml"]
    );
}
