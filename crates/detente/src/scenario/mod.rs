//! The scenario format (version 1): typed model, TOML parsing with spans, validation and
//! resolution against the bundled world data (design: scenario.md).
