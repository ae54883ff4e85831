//! Terminal rendering of the align lens inside `detente run` (the full table is `detente align`).

use detente::align::AlignResult;

/// The align lens's own table, as `detente align` prints it.
pub fn render(a: &AlignResult) -> String {
    detente::align::render_table(a)
}
