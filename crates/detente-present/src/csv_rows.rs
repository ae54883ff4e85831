//! CSV output: a header and rows, quoted by the `csv` crate (RFC 4180: a field holding a comma,
//! a quote or a line break is quoted, quotes doubled; lines end with `\n`).

/// A CSV document under construction, held in memory.
pub struct CsvRows {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvRows {
    /// A document starting with this header row.
    pub fn new<S: AsRef<str>>(header: &[S]) -> Self {
        let mut rows = CsvRows {
            writer: csv::WriterBuilder::new()
                .flexible(true)
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new()),
        };
        rows.row(header);
        rows
    }

    /// Append one row.
    pub fn row<I, S>(&mut self, fields: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        // Writing to memory cannot fail, and `flexible` admits rows of any length.
        let _ = self
            .writer
            .write_record(fields.into_iter().map(|f| f.as_ref().to_owned()));
    }

    /// The document as text.
    pub fn finish(self) -> String {
        let bytes = self.writer.into_inner().unwrap_or_default();
        // Every field came in as UTF-8 and quoting adds only ASCII.
        String::from_utf8(bytes).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        let mut rows = CsvRows::new(&["actor", "note"]);
        rows.row(["KOR", "Korea, Republic of"]);
        rows.row(["X", "said \"no\"\nthen yes"]);
        rows.row(["AT&T", ""]);
        assert_eq!(
            rows.finish(),
            "actor,note\nKOR,\"Korea, Republic of\"\nX,\"said \"\"no\"\"\nthen yes\"\nAT&T,\n"
        );
        let mut rows = CsvRows::new(&["Ελλάδα", "a\rb"]);
        rows.row(["only one field"]);
        assert_eq!(rows.finish(), "Ελλάδα,\"a\rb\"\nonly one field\n");
    }
}
