//! The experiment layer: seeds, Monte Carlo, comparisons, sweeps (design: experiments.md).
