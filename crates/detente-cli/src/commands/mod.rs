//! One module per subcommand. Each exposes `Args` (clap) and `run(Args) -> CliResult`.

pub mod align;
pub mod backtest;
pub mod calibrate;
pub mod check;
pub mod compare;
pub mod decide;
pub mod escalate;
pub mod evolve;
pub mod import;
pub mod levers;
pub mod match_;
pub mod report;
pub mod run;
pub mod schema;
pub mod sensitivity;
pub mod show;
pub mod strategies;
pub mod sweep;
pub mod tournament;
pub mod web;
