"""A 100-point × 1,000-run sweep of the flagship on Ray against the in-process engine (rayon).

    pip install './python[ray]'
    python python/bench/ray_sweep.py [--points-per-axis 10] [--runs 1000] [--workers 2]

Prints the wall-clock time of each engine and checks that both return the same frame.
"""

import argparse
import os
import time

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

import ray  # noqa: E402

import detente  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--points-per-axis", type=int, default=10)
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    n = args.points_per_axis
    scenario = detente.Scenario.load_flagship()
    params = {"escalate.noise": (0.0, 0.2, n), "escalate.contagion": (0.0, 0.3, n)}
    metric = "escalate.clear-eyed-hedging.spiral"

    start = time.perf_counter()
    local = scenario.sweep(params, metric, runs=args.runs, seed=7, threads=args.workers)
    t_local = time.perf_counter() - start

    start = time.perf_counter()
    ray.init(num_cpus=args.workers, include_dashboard=False)
    t_init = time.perf_counter() - start
    timings = {}
    for tasks in (args.workers, 4 * args.workers):
        start = time.perf_counter()
        on_ray = scenario.sweep(params, metric, runs=args.runs, seed=7, engine="ray", tasks=tasks)
        timings[tasks] = time.perf_counter() - start
        assert on_ray.to_json() == local.to_json(), "Ray and local frames differ"
    ray.shutdown()

    print(f"{n * n} points x {args.runs} runs, {args.workers} workers")
    print(f"local (rayon, {args.workers} threads): {t_local:.2f} s")
    print(f"ray.init: {t_init:.2f} s")
    for tasks, t in timings.items():
        print(f"ray, {tasks} tasks: {t:.2f} s")


if __name__ == "__main__":
    main()
