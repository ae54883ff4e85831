//! Charts (SVG) and the self-contained HTML report for detente results (design:
//! experiments.md §4).
