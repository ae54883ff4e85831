//! One module per subcommand. Each exposes `Args` (clap) and `run(Args) -> CliResult`.

pub mod check;
pub mod run;
pub mod schema;
pub mod show;
pub mod decide;
pub mod import;
pub mod align;
pub mod escalate;
