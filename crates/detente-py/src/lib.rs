//! `detente._native`: the native module of the `detente` Python package.
//!
//! Thin glue, like the command-line tool: it turns Python arguments into the library's
//! options, calls the same orchestration functions `detente` (the CLI) calls, and hands back
//! each result as the JSON the CLI writes plus, where the CLI writes a long CSV table, the same
//! rows. The typed Python classes (`python/detente/`) wrap these values. Long runs release the
//! GIL and can be interrupted with Ctrl-C ([`interrupt`]).

use pyo3::prelude::*;

mod analysis;
mod backtest;
mod errors;
mod games;
mod interrupt;
mod lenses;
mod results;
mod scenario;

/// The native module: a scenario class and one function per command.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<scenario::NativeScenario>()?;
    m.add_function(wrap_pyfunction!(scenario::load_text, m)?)?;
    m.add_function(wrap_pyfunction!(scenario::load_flagship, m)?)?;
    m.add_function(wrap_pyfunction!(scenario::toml_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(results::run, m)?)?;
    m.add_function(wrap_pyfunction!(results::report, m)?)?;
    m.add_function(wrap_pyfunction!(lenses::decide, m)?)?;
    m.add_function(wrap_pyfunction!(lenses::align, m)?)?;
    m.add_function(wrap_pyfunction!(lenses::escalate, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::plan_sweep, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::sweep_points, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::linspace, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::sweep_table, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::levers, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::sensitivity, m)?)?;
    m.add_function(wrap_pyfunction!(backtest::backtest, m)?)?;
    m.add_function(wrap_pyfunction!(backtest::backtest_cases, m)?)?;
    m.add_function(wrap_pyfunction!(backtest::backtest_score, m)?)?;
    m.add_function(wrap_pyfunction!(games::strategies, m)?)?;
    m.add_function(wrap_pyfunction!(games::play_match, m)?)?;
    m.add_function(wrap_pyfunction!(games::tournament, m)?)?;
    m.add("VERSION", env!("CARGO_PKG_VERSION"))?;
    m.add("FLAGSHIP_NAME", detente::scenario::FLAGSHIP_NAME)?;
    Ok(())
}
