//! Prose for a terminal: greedy word wrap, wrap with a hanging indent, truncation with an
//! ellipsis, indentation and underlined headings. Widths count characters, not bytes.

/// The width every terminal rendering keeps within.
pub const WIDTH: usize = 100;

/// Greedy word wrap to `width` columns. Paragraphs (separated by a blank line) stay
/// paragraphs; each ends with a blank line.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for para in text.split("\n\n") {
        let words: Vec<&str> = para.split_whitespace().collect();
        out.push_str(&wrap_hanging("", &words, width, ""));
        out.push('\n');
    }
    out
}

/// `prefix` followed by the words, wrapped at `width` columns; continuation lines start with
/// `indent`. Every line ends with a line feed (no trailing spaces); an over-long word gets a
/// line of its own rather than being split.
pub fn wrap_hanging<S: AsRef<str>>(
    prefix: &str,
    words: &[S],
    width: usize,
    indent: &str,
) -> String {
    let mut out = String::new();
    let mut line = prefix.to_string();
    let mut len = line.chars().count();
    let mut first = true;
    for w in words {
        let w = w.as_ref();
        let wl = w.chars().count();
        if !first && len + 1 + wl > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_string();
            len = line.chars().count();
            first = true;
        }
        if !first {
            line.push(' ');
            len += 1;
        }
        line.push_str(w);
        len += wl;
        first = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// `s` cut to at most `n` characters, the last one an ellipsis when anything was cut.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}

/// Indent every non-empty line by `n` spaces.
pub fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("{pad}{l}\n")
            }
        })
        .collect()
}

/// A heading underlined with `═`, preceded by a blank line.
pub fn heading(title: &str) -> String {
    format!(
        "\n{title}\n{}\n",
        "═".repeat(title.chars().count().min(WIDTH))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_within_the_width_and_keeps_paragraphs() {
        let text = "one two three four five six seven eight nine ten\n\nnext paragraph";
        let w = wrap(text, 14);
        assert_eq!(
            w,
            "one two three\nfour five six\nseven eight\nnine ten\n\nnext paragraph\n\n"
        );
        assert!(w.lines().all(|l| l.chars().count() <= 14));
    }

    #[test]
    fn hanging_indent_and_long_words() {
        let words = ["alpha", "beta", "gamma", "averyveryverylongword", "delta"];
        let w = wrap_hanging("  pivots: ", &words, 22, "          ");
        assert_eq!(
            w,
            "  pivots: alpha beta\n          gamma\n          averyveryverylongword\n          delta\n"
        );
    }

    #[test]
    fn truncation_counts_characters() {
        assert_eq!(truncate("Ελλάδα", 6), "Ελλάδα");
        assert_eq!(truncate("Ελλάδα", 4), "Ελλ…");
        assert_eq!(truncate("abc", 0), "…");
        assert_eq!(indent("a\n\nb", 2), "  a\n\n  b\n");
        assert_eq!(heading("Actors"), "\nActors\n══════\n");
    }
}
