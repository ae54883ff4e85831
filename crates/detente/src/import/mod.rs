//! Importers for foreign scenario formats (KTAB SMP CSV/XML, Decide CSV, plain CSV).
pub mod ktab_csv;
pub mod ktab_xml;
