"""Python call overhead against the `detente` command for the same run.

    python python/bench/overhead.py [--cli target/release/detente] [--repeat 7]

For each case it times (wall clock, median of --repeat): the command as a subprocess
(`detente run --runs N --seed 7 --format json`, output captured), and the same run from Python
(`Scenario.load_flagship()` then `.run(...)` and `.to_json()`, in this process). Both run the
same library build (the wheel and the command come from the same release profile).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time
from pathlib import Path

import detente

ROOT = Path(__file__).resolve().parents[2]


def timed(work, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default=str(ROOT / "target" / "release" / "detente"))
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    print(f"{'case':<34}{'command (ms)':>14}{'Python (ms)':>14}{'Python − command':>19}")
    for runs in (0, 200, 2000):
        cmd = [args.cli, "run", "--runs", str(runs), "--seed", "7", "--threads",
               str(args.threads), "--format", "json"]
        cli = timed(lambda: subprocess.run(cmd, capture_output=True, check=True), args.repeat)
        py = timed(
            lambda: detente.Scenario.load_flagship()
            .run(runs=runs, seed=7, threads=args.threads)
            .to_json(),
            args.repeat,
        )
        label = f"run flagship, --runs {runs}"
        print(f"{label:<34}{cli * 1e3:>14.2f}{py * 1e3:>14.2f}{(py - cli) * 1e3:>+19.2f}")
    cmd = [args.cli, "match", "tit-for-tat", "defector", "--turns", "200", "--format", "json"]
    cli = timed(lambda: subprocess.run(cmd, capture_output=True, check=True), args.repeat)
    py = timed(lambda: detente.match("tit-for-tat", "defector", turns=200).to_json(),
               args.repeat)
    label = "match, 200 turns"
    print(f"{label:<34}{cli * 1e3:>14.2f}{py * 1e3:>14.2f}{(py - cli) * 1e3:>+19.2f}")


if __name__ == "__main__":
    main()
