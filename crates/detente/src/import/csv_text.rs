//! CSV read with the `csv` crate (quoted fields may hold commas and line breaks), with the line
//! each record starts on.
//!
//! The crate reports a record's position as where the reader stood before it, which is before
//! any blank or comment lines it skipped; [`Lines::of`] moves past those to the record's first
//! line.

use csv::StringRecord;

/// A comma-separated reader over `text` without a header row: fields trimmed, rows of any length,
/// and lines starting with `comment` skipped when one is given.
pub fn reader(text: &str, comment: Option<u8>) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(comment)
        .from_reader(text.as_bytes())
}

/// Line numbers of the records of one text.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    comment: Option<u8>,
}

impl<'a> Lines<'a> {
    /// Index the lines of `text` (read with the same `comment` byte as the reader).
    pub fn new(text: &'a str, comment: Option<u8>) -> Self {
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
    pub fn of(&self, record: &StringRecord) -> usize {
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
    pub fn of_error(&self, error: &csv::Error) -> usize {
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
    fn records_are_placed_past_blank_and_comment_lines() {
        let text = "# c\n\na,b\n\n# d\n\"x\ny\",z\nlast,1\n";
        let lines = Lines::new(text, Some(b'#'));
        let found: Vec<usize> = reader(text, Some(b'#'))
            .records()
            .map(|r| lines.of(&r.expect("valid")))
            .collect();
        assert_eq!(found, [3, 6, 8]);
    }
}
