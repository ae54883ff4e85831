//! The large history tables, compiled in or given at run time.
//!
//! Three bundled tables are large: the state-year panel (`panel.bin`, about 570 KB compressed),
//! military spending since 1816 (`milex.csv`, 290 KB) and alliance spells (`alliances.csv`,
//! 170 KB). Only historical scenarios, historical alliances in align, the Richardson fits on
//! real series and the backtests read them. A native build
//! compiles them in (the crate's `history` feature, on by default). A build without the feature
//! (the browser page's WebAssembly module, which must stay small) starts without them and is
//! given each one with [`provide`] when a call first needs it.
//!
//! Every reader gets a table's bytes from [`Table::bytes`]. A table neither compiled in nor
//! provided answers [`NotLoaded`], which the reader turns into its own error (never into empty
//! data), and is noted, so that a host can ask [`take_requested`] which tables the failed call
//! wanted, fetch them, [`provide`] them and call again.

use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// One of the large history tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// The state-year panel (`data/world/panel/panel.bin`).
    Panel,
    /// Military spending series (`data/history/milex.csv`).
    Milex,
    /// Alliance spells (`data/history/alliances.csv`).
    Alliances,
}

impl Table {
    /// Every table.
    pub const ALL: [Table; 3] = [Table::Panel, Table::Milex, Table::Alliances];

    /// The table's file name (what a host fetches and passes to [`provide`]).
    pub fn file(self) -> &'static str {
        match self {
            Table::Panel => "panel.bin",
            Table::Milex => "milex.csv",
            Table::Alliances => "alliances.csv",
        }
    }

    /// The table whose file is `name`.
    pub fn from_file(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.file() == name)
    }

    /// Whether the table is text (CSV, checked to be UTF-8 when provided).
    fn is_text(self) -> bool {
        self != Table::Panel
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The table's bytes: compiled in, else provided; [`NotLoaded`] (and noted for
    /// [`take_requested`]) when neither.
    pub fn bytes(self) -> Result<&'static [u8], NotLoaded> {
        STORE.bytes(self)
    }

    /// The table's text (the CSV tables).
    pub fn text(self) -> Result<&'static str, NotLoaded> {
        self.bytes().map(|b| {
            std::str::from_utf8(b)
                .expect("a CSV history table is UTF-8 (compiled in from UTF-8 files, checked when provided)")
        })
    }
}

/// What `parse` makes of a table's `data` ([`Table::bytes`] or [`Table::text`]), computed on
/// first use and kept in `cell`; [`NotLoaded`] (nothing kept) while the table is missing.
pub(crate) fn parse_once<T, D>(
    cell: &'static OnceLock<T>,
    data: Result<D, NotLoaded>,
    parse: impl FnOnce(D) -> T,
) -> Result<&'static T, NotLoaded> {
    let data = data?;
    Ok(cell.get_or_init(|| parse(data)))
}

/// A history table this build does not contain and nobody has provided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotLoaded {
    /// The table.
    pub table: Table,
}

impl fmt::Display for NotLoaded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the history table `{}` is not in this build and has not been provided",
            self.table.file()
        )
    }
}

impl std::error::Error for NotLoaded {}

/// Why [`provide`] refused a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProvideError {
    /// No history table has this file name.
    Unknown(String),
    /// A CSV table that is not UTF-8.
    NotText(Table),
}

impl fmt::Display for ProvideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProvideError::Unknown(name) => write!(
                f,
                "`{name}` is not a history table (expected one of: {})",
                Table::ALL.map(Table::file).join(", ")
            ),
            ProvideError::NotText(t) => write!(f, "`{}` is not UTF-8 text", t.file()),
        }
    }
}

impl std::error::Error for ProvideError {}

/// Give this process the table whose file is `name`. A table that is compiled in or was
/// provided before keeps its first bytes (the tables are fixed data, so a second copy is the
/// same).
pub fn provide(name: &str, bytes: Vec<u8>) -> Result<Table, ProvideError> {
    STORE.provide(name, bytes)
}

/// The tables that calls asked for and did not find since the last call of this function
/// (in [`Table::ALL`] order), and forget them.
pub fn take_requested() -> Vec<Table> {
    STORE.take_requested()
}

/// Where the tables come from: the compiled-in ones, the provided ones, and the requests for
/// neither.
struct Store {
    bundled: fn(Table) -> Option<&'static [u8]>,
    provided: [OnceLock<&'static [u8]>; Table::ALL.len()],
    requested: AtomicU8,
}

impl Store {
    const fn new(bundled: fn(Table) -> Option<&'static [u8]>) -> Store {
        Store {
            bundled,
            provided: [const { OnceLock::new() }; Table::ALL.len()],
            requested: AtomicU8::new(0),
        }
    }

    fn bytes(&self, table: Table) -> Result<&'static [u8], NotLoaded> {
        if let Some(b) =
            (self.bundled)(table).or_else(|| self.provided[table as usize].get().copied())
        {
            return Ok(b);
        }
        self.requested.fetch_or(table.bit(), Ordering::Relaxed);
        Err(NotLoaded { table })
    }

    fn provide(&self, name: &str, bytes: Vec<u8>) -> Result<Table, ProvideError> {
        let table = Table::from_file(name).ok_or_else(|| ProvideError::Unknown(name.into()))?;
        if table.is_text() && std::str::from_utf8(&bytes).is_err() {
            return Err(ProvideError::NotText(table));
        }
        if (self.bundled)(table).is_none() {
            // Kept for the life of the process, like a compiled-in table.
            self.provided[table as usize].get_or_init(|| Vec::leak(bytes));
        }
        Ok(table)
    }

    fn take_requested(&self) -> Vec<Table> {
        let bits = self.requested.swap(0, Ordering::Relaxed);
        Table::ALL
            .into_iter()
            .filter(|t| bits & t.bit() != 0)
            .collect()
    }
}

static STORE: Store = Store::new(bundled);

/// The compiled-in tables (feature `history`).
#[cfg(feature = "history")]
fn bundled(table: Table) -> Option<&'static [u8]> {
    Some(match table {
        Table::Panel => include_bytes!("../../../../data/world/panel/panel.bin"),
        Table::Milex => include_bytes!("../../../../data/history/milex.csv"),
        Table::Alliances => include_bytes!("../../../../data/history/alliances.csv"),
    })
}

/// No table is compiled in without the `history` feature.
#[cfg(not(feature = "history"))]
fn bundled(_: Table) -> Option<&'static [u8]> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_neither_compiled_in_nor_provided_is_an_error_and_is_noted() {
        let store = Store::new(|_| None);
        let e = store.bytes(Table::Milex).unwrap_err();
        assert_eq!(e.table, Table::Milex);
        assert_eq!(
            e.to_string(),
            "the history table `milex.csv` is not in this build and has not been provided"
        );
        assert!(store.bytes(Table::Panel).is_err());
        assert_eq!(store.take_requested(), vec![Table::Panel, Table::Milex]);
        assert!(store.take_requested().is_empty(), "taking forgets");
    }

    #[test]
    fn a_provided_table_is_read_and_kept() {
        let store = Store::new(|_| None);
        assert_eq!(
            store.provide("milex.csv", b"a,b\n1,2\n".to_vec()),
            Ok(Table::Milex)
        );
        assert_eq!(store.bytes(Table::Milex), Ok(&b"a,b\n1,2\n"[..]));
        // A second copy does not replace the first.
        store.provide("milex.csv", b"other".to_vec()).unwrap();
        assert_eq!(store.bytes(Table::Milex), Ok(&b"a,b\n1,2\n"[..]));
        assert!(store.take_requested().is_empty());
    }

    #[test]
    fn provide_refuses_unknown_names_and_binary_csv() {
        let store = Store::new(|_| None);
        assert_eq!(
            store
                .provide("../etc/passwd", vec![])
                .unwrap_err()
                .to_string(),
            "`../etc/passwd` is not a history table (expected one of: panel.bin, milex.csv, alliances.csv)"
        );
        assert_eq!(
            store.provide("alliances.csv", vec![0xff, 0xfe]),
            Err(ProvideError::NotText(Table::Alliances))
        );
        // The panel is binary.
        assert_eq!(store.provide("panel.bin", vec![0xff]), Ok(Table::Panel));
    }

    #[test]
    fn a_compiled_in_table_wins_over_a_provided_one() {
        static IN: &[u8] = b"compiled";
        let store = Store::new(|t| (t == Table::Alliances).then_some(IN));
        store.provide("alliances.csv", b"given".to_vec()).unwrap();
        assert_eq!(store.bytes(Table::Alliances), Ok(IN));
    }

    #[cfg(feature = "history")]
    #[test]
    fn this_build_has_every_table() {
        for t in Table::ALL {
            assert!(t.bytes().is_ok(), "{}", t.file());
        }
        assert!(take_requested().is_empty());
    }
}
