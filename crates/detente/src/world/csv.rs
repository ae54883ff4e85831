//! The library's CSV reader for tables with a header row: the bundled world tables, the
//! history and calibration data, and the importers' files. Reading is the `csv` crate's (RFC
//! 4180: fields may be quoted with `"`, `""` inside quotes is a literal quote, a quoted field may
//! hold commas and line breaks); this module adds the line each row starts on, skips blank lines
//! and refuses a row whose width differs from the header's.

use csv::StringRecord;
use std::fmt;

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

/// Why a text is not a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// The text has no header row (it is empty or blank).
    Empty,
    /// A line is malformed: an unterminated quoted field or a row whose width differs from the
    /// header's.
    Line {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Empty => f.write_str("empty table"),
            CsvError::Line { line, message } => write!(f, "line {line}: {message}"),
        }
    }
}

impl std::error::Error for CsvError {}

/// Parse CSV text with a header row. Blank lines are skipped. Errors name the line.
pub fn parse(text: &str) -> Result<CsvTable, CsvError> {
    parse_with(text, None)
}

/// [`parse`], skipping lines that start with `comment` as well (e.g. `#` for a provenance line
/// above the header).
pub fn parse_commented(text: &str, comment: u8) -> Result<CsvTable, CsvError> {
    parse_with(text, Some(comment))
}

fn parse_with(text: &str, comment: Option<u8>) -> Result<CsvTable, CsvError> {
    let mut rows = Vec::new();
    let header = visit(text, comment, |_, line, record| {
        rows.push((line, record.iter().map(str::to_string).collect()));
        Ok::<(), CsvError>(())
    })
    .map_err(|e| match e {
        Visit::Csv(e) | Visit::Row(e) => e,
    })?;
    Ok(CsvTable { header, rows })
}

/// Why [`visit`] stopped: the text is not a table, or the row callback refused a row.
#[derive(Debug)]
pub(crate) enum Visit<E> {
    /// The text is not a table.
    Csv(CsvError),
    /// The callback's error.
    Row(E),
}

/// Read a table with a header row without copying its fields: `row` sees the header and each
/// data row (blank lines skipped) with the line it starts on, in order; the header is
/// returned. The rules are [`parse`]'s (a row as wide as the header, no unterminated quote); one record is reused, so a
/// large table (the panel's 17,511 state-years) costs no allocation per field.
pub(crate) fn visit<E>(
    text: &str,
    comment: Option<u8>,
    mut row: impl FnMut(&[String], usize, &StringRecord) -> Result<(), E>,
) -> Result<Vec<String>, Visit<E>> {
    let lines = Lines::new(text, comment);
    let mut header: Option<Vec<String>> = None;
    let mut last: Option<(usize, usize)> = None;
    let mut reader = reader(text, comment);
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(Visit::Csv(CsvError::Line {
                    line: lines.of_error(&e),
                    message: e.to_string(),
                }));
            }
        }
        if record.len() == 1 && record[0].trim().is_empty() {
            continue;
        }
        let line = lines.of(&record);
        let start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0);
        last = Some((line, start));
        match &header {
            None => header = Some(record.iter().map(str::to_string).collect()),
            Some(h) if record.len() != h.len() => {
                return Err(Visit::Csv(CsvError::Line {
                    line,
                    message: format!("{} fields, expected {}", record.len(), h.len()),
                }));
            }
            Some(h) => row(h, line, &record).map_err(Visit::Row)?,
        }
    }
    // An unterminated quote runs to the end of the text, so only the last row can hold one.
    if let Some((line, start)) = last
        && ends_quoted(text.get(start..).unwrap_or_default())
    {
        return Err(Visit::Csv(CsvError::Line {
            line,
            message: "unterminated quoted field".into(),
        }));
    }
    header.ok_or(Visit::Csv(CsvError::Empty))
}

/// A comma-separated reader over `text` without a header row: fields as written, rows of any
/// length, and lines starting with `comment` skipped when one is given.
pub(crate) fn reader(text: &str, comment: Option<u8>) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(comment)
        .from_reader(text.as_bytes())
}

/// Whether a record, read from the start of its raw text, is still inside a quoted field at the
/// end of the text.
fn ends_quoted(raw: &str) -> bool {
    let mut quoted = false;
    let mut field_start = true;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, '"') if field_start => quoted = true,
            (false, '\n') => return false,
            (false, ',') => {
                field_start = true;
                continue;
            }
            _ => {}
        }
        field_start = false;
    }
    quoted
}

/// Line numbers of the records of one text.
///
/// The `csv` crate reports a record's position as where the reader stood before it, which is
/// before any blank or comment lines it skipped; [`Lines::of`] moves past those to the record's
/// first line.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    comment: Option<u8>,
}

impl<'a> Lines<'a> {
    /// Index the lines of `text` (read with the same `comment` byte as the reader).
    pub(crate) fn new(text: &'a str, comment: Option<u8>) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(k, _)| k + 1))
            .collect();
        Lines {
            text,
            starts,
            comment,
        }
    }

    /// The 1-based line `record` starts on (0 when unknown).
    pub(crate) fn of(&self, record: &StringRecord) -> usize {
        let Some(pos) = record.position() else {
            return 0;
        };
        let mut byte = usize::try_from(pos.byte()).unwrap_or(usize::MAX);
        while let Some(rest) = self.text.get(byte..) {
            let end = rest.find('\n').map_or(rest.len(), |e| e + 1);
            let blank = rest[..end].trim_end_matches(['\r', '\n']).is_empty();
            let comment = self
                .comment
                .is_some_and(|c| rest.as_bytes().first() == Some(&c));
            if end < rest.len() && (blank || comment) {
                byte += end;
            } else {
                break;
            }
        }
        self.starts.partition_point(|&s| s <= byte)
    }

    /// The 1-based line of a reading error (0 when unknown).
    pub(crate) fn of_error(&self, error: &csv::Error) -> usize {
        error
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .map_or(0, |b| self.starts.partition_point(|&s| s <= b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_commas() {
        let t = parse("h1,h2,h3,h4,h5\na,\"b, c\",\"say \"\"hi\"\"\",,\n").unwrap();
        assert_eq!(
            t.rows,
            vec![(2, strings(&["a", "b, c", "say \"hi\"", "", ""]))]
        );
        assert_eq!(
            parse("a,b\n1,\"open\n").unwrap_err().to_string(),
            "line 2: unterminated quoted field"
        );
    }

    #[test]
    fn blank_lines_are_skipped_and_rows_keep_their_lines() {
        let t = parse("\n\na,b\n1,2\n\n   \n3,\"x\ny\"\n4,5\n").unwrap();
        assert_eq!(t.header, strings(&["a", "b"]));
        let lines: Vec<usize> = t.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [4, 7, 9]);
        assert_eq!(t.rows[1].1, strings(&["3", "x\ny"]));
        assert_eq!(
            parse("a,b\r\n1,2\r\n").unwrap().rows,
            vec![(2, strings(&["1", "2"]))]
        );
    }

    #[test]
    fn comment_lines_are_skipped_when_asked() {
        let t = parse_commented("# made by hand, \"once\n# more\na,b\n# c\n1,2\n", b'#').unwrap();
        assert_eq!(t.header, strings(&["a", "b"]));
        assert_eq!(t.rows, vec![(5, strings(&["1", "2"]))]);
        assert_eq!(
            parse("a,b\n1,\"2\"\n# \"x\n").unwrap_err().to_string(),
            "line 3: 1 fields, expected 2"
        );
    }

    #[test]
    fn ragged_rows_are_errors() {
        let e = parse("a,b\n1,2\n3\n").unwrap_err();
        assert_eq!(e.to_string(), "line 3: 1 fields, expected 2");
        assert_eq!(
            e,
            CsvError::Line {
                line: 3,
                message: "1 fields, expected 2".into()
            }
        );
        assert_eq!(parse("\n \n").unwrap_err().to_string(), "empty table");
    }

    #[test]
    fn records_are_placed_past_blank_and_comment_lines() {
        let text = "# c\n\na,b\n\n# d\n\"x\ny\",z\nlast,1\n";
        let lines = Lines::new(text, Some(b'#'));
        let found: Vec<usize> = reader(text, Some(b'#'))
            .records()
            .map(|r| lines.of(&r.expect("valid")))
            .collect();
        assert_eq!(found, [3, 6, 8]);
    }

    fn strings(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }
}
