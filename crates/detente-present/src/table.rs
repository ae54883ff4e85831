//! Plain-text tables for the terminal: left-aligned text, right-aligned numbers, ≤ 100 columns.

/// A table under construction.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    right: Vec<bool>,
    max_width: Vec<Option<usize>>,
}

impl Table {
    /// A table with these column headings; `right[i]` right-aligns column i (numbers).
    pub fn new(header: &[&str], right: &[bool]) -> Self {
        Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
            right: right.to_vec(),
            max_width: vec![None; header.len()],
        }
    }

    /// Truncate column `i` to `width` characters (with an ellipsis).
    pub fn limit(mut self, i: usize, width: usize) -> Self {
        self.max_width[i] = Some(width);
        self
    }

    /// Append a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Render with two spaces between columns.
    pub fn render(&self) -> String {
        let cell = |i: usize, s: &str| -> String {
            match self.max_width[i] {
                Some(w) => crate::text::truncate(s, w),
                None => s.to_string(),
            }
        };
        let n = self.header.len();
        let mut widths = vec![0; n];
        for r in std::iter::once(&self.header).chain(&self.rows) {
            for (i, c) in r.iter().enumerate().take(n) {
                widths[i] = widths[i].max(cell(i, c).chars().count());
            }
        }
        let mut out = String::new();
        let line = |r: &[String], out: &mut String| {
            let mut s = String::new();
            for (i, w) in widths.iter().enumerate() {
                let c = cell(i, r.get(i).map_or("", String::as_str));
                let pad = w - c.chars().count();
                if i > 0 {
                    s.push_str("  ");
                }
                if self.right.get(i).copied().unwrap_or(false) {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(&c);
                } else {
                    s.push_str(&c);
                    if i + 1 < n {
                        s.push_str(&" ".repeat(pad));
                    }
                }
            }
            out.push_str(s.trim_end());
            out.push('\n');
        };
        line(&self.header, &mut out);
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        line(&rule, &mut out);
        for r in &self.rows {
            line(r, &mut out);
        }
        out
    }
}
