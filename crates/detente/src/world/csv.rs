//! A small CSV reader for the bundled tables (RFC 4180 quoting, header row).

/// One parsed table: the header and the rows, each with its 1-based line number.
#[derive(Debug, Clone)]
pub struct CsvTable {
    /// Column names from the first line.
    pub header: Vec<String>,
    /// Data rows with their line numbers.
    pub rows: Vec<(usize, Vec<String>)>,
}

impl CsvTable {
    /// Index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }
}

/// Parse CSV text. Fields may be quoted with `"`; `""` inside quotes is a literal quote.
/// Blank lines are skipped. Errors name the line.
pub fn parse(text: &str) -> Result<CsvTable, String> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, head) = lines.next().ok_or("empty table")?;
    let header = split_line(head).map_err(|e| format!("line 1: {e}"))?;
    let mut rows = Vec::new();
    for (i, line) in lines {
        let fields = split_line(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        if fields.len() != header.len() {
            return Err(format!(
                "line {}: {} fields, expected {}",
                i + 1,
                fields.len(),
                header.len()
            ));
        }
        rows.push((i + 1, fields));
    }
    Ok(CsvTable { header, rows })
}

/// Split one line into fields.
pub fn split_line(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => fields.push(std::mem::take(&mut field)),
            (_, c) => field.push(c),
        }
    }
    if quoted {
        return Err("unterminated quoted field".into());
    }
    fields.push(field);
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_commas() {
        let f = split_line(r#"a,"b, c","say ""hi""",,"#).unwrap();
        assert_eq!(f, vec!["a", "b, c", "say \"hi\"", "", ""]);
        assert!(split_line("\"open").is_err());
    }

    #[test]
    fn ragged_rows_are_errors() {
        assert!(parse("a,b\n1,2\n3\n").unwrap_err().contains("line 3"));
    }
}
