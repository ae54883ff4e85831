//! The bundled world data: what the first use of the state-year panel costs (inflate + parse),
//! and a lookup once it is loaded.

use detente::world::{self, Figure};

fn main() {
    divan::main();
}

/// Inflate `panel.bin` (572 KB → 1.4 MB of CSV) and parse 17,511 state-years.
#[divan::bench]
fn panel_first_use() -> world::Panel {
    let bin = world::history::Table::Panel.bytes().expect("bundled panel");
    world::panel::load(bin).expect("bundled panel")
}

/// One figure by ISO3 code with year selection, panel already loaded.
#[divan::bench]
fn panel_lookup(b: divan::Bencher) {
    let p = world::panel().expect("bundled panel");
    b.bench(|| p.figure(divan::black_box("PAK"), Figure::SipriMilex, 2001))
}

/// A whole state view (six sourced figures) as of a year.
#[divan::bench]
fn panel_view(b: divan::Bencher) {
    let p = world::panel().expect("bundled panel");
    b.bench(|| p.state(divan::black_box("770")).map(|s| s.view(2001)))
}

/// The 41-actor table and memberships, parsed afresh.
#[divan::bench]
fn actor_table_parse() -> usize {
    world::World::parse(
        include_str!("../../../data/world/actors_2024.csv"),
        include_str!("../../../data/world/memberships_2025.csv"),
    )
    .expect("bundled table")
    .actors()
    .len()
}
