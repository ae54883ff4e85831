//! CSV read with the `csv` crate (quoted fields may hold commas and line breaks), trimmed, with
//! the line each record starts on ([`Lines`], shared with the library's table reader).

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

pub(crate) use crate::world::csv::Lines;
