//! One module per subcommand. Each exposes `Args` (clap) and `run(Args) -> CliResult`.

pub mod escalate;
pub mod evolve;
pub mod match_;
pub mod strategies;
pub mod tournament;
