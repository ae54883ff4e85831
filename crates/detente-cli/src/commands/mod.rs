//! One module per subcommand. Each exposes `Args` (clap) and `run(Args) -> CliResult`.

pub mod evolve;
pub mod match_;
pub mod strategies;
pub mod tournament;
