//! Importers for foreign scenario formats (KTAB SMP CSV/XML, Decide CSV, plain CSV).
