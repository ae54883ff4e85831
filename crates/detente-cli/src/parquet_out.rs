//! The long results table as Parquet (cargo feature `parquet`): the same rows as
//! `results.csv`, columns `lens`, `subject`, `metric`, `statistic` (UTF-8) and `value` (double),
//! one row group, written atomically.

use crate::error::CliError;
use detente::experiment::long_table::Row;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::path::Path;
use std::sync::Arc;

const SCHEMA: &str = "message results {
  REQUIRED BYTE_ARRAY lens (UTF8);
  REQUIRED BYTE_ARRAY subject (UTF8);
  REQUIRED BYTE_ARRAY metric (UTF8);
  REQUIRED BYTE_ARRAY statistic (UTF8);
  REQUIRED DOUBLE value;
}";

/// Encode `rows` as a Parquet file in memory.
pub fn encode(rows: &[Row]) -> Result<Vec<u8>, parquet::errors::ParquetError> {
    let schema = Arc::new(parse_message_type(SCHEMA)?);
    let mut buf = Vec::new();
    let mut writer = SerializedFileWriter::new(
        &mut buf,
        schema,
        Arc::new(WriterProperties::builder().build()),
    )?;
    let mut group = writer.next_row_group()?;
    let text: [Vec<ByteArray>; 4] = [
        rows.iter().map(|r| ByteArray::from(r.0.as_str())).collect(),
        rows.iter().map(|r| ByteArray::from(r.1.as_str())).collect(),
        rows.iter().map(|r| ByteArray::from(r.2.as_str())).collect(),
        rows.iter().map(|r| ByteArray::from(r.3.as_str())).collect(),
    ];
    for column in &text {
        if let Some(mut c) = group.next_column()? {
            c.typed::<ByteArrayType>().write_batch(column, None, None)?;
            c.close()?;
        }
    }
    let values: Vec<f64> = rows.iter().map(|r| r.4).collect();
    if let Some(mut c) = group.next_column()? {
        c.typed::<DoubleType>().write_batch(&values, None, None)?;
        c.close()?;
    }
    group.close()?;
    writer.close()?;
    Ok(buf)
}

/// Write `rows` to `path` as Parquet, atomically (temporary file, then rename).
pub fn write(path: &Path, rows: &[Row]) -> Result<(), CliError> {
    let bytes = encode(rows)
        .map_err(|e| CliError::Failure(format!("error: cannot encode Parquet: {e}")))?;
    crate::output::write_atomic(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn rows_survive_a_round_trip() {
        let rows: Vec<Row> = vec![
            (
                "decide".into(),
                "china-posture".into(),
                "compromise".into(),
                "outcome".into(),
                55.0,
            ),
            (
                "escalate".into(),
                "systemic-rival".into(),
                "spiral".into(),
                "p".into(),
                0.99,
            ),
        ];
        let bytes = encode(&rows).unwrap();
        assert_eq!(&bytes[..4], b"PAR1");
        let path =
            std::env::temp_dir().join(format!("detente-parquet-{}.parquet", std::process::id()));
        write(&path, &rows).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
        let values: Vec<String> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap().to_string())
            .collect();
        assert!(
            values[1].contains("systemic-rival") && values[1].contains("0.99"),
            "{values:?}"
        );
        let _ = std::fs::remove_file(&path);
    }
}
