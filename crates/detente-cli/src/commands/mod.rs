//! One module per subcommand. Each exposes `Args` (clap) and `run(Args) -> CliResult`.

pub mod escalate;
