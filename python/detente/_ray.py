"""Sweeps spread over Ray tasks.

The points of a planned sweep are cut into contiguous slices, one Ray task each; every task
loads the scenario from its text and evaluates its slice with the same native function the
local engine uses. A point's values depend only on its parameters, the runs and the master
seed (every point runs on the master seed: common random numbers), so the rows, concatenated
in point order, are the same however the points are split and whichever worker runs them.
"""

from __future__ import annotations

from typing import Any, List, Optional, Sequence, Tuple

from . import _native


def _slices(n: int, tasks: int) -> List[Tuple[int, int]]:
    """``tasks`` contiguous slices of ``range(n)`` as even as possible (none empty)."""
    tasks = max(1, min(tasks, n))
    base, extra = divmod(n, tasks)
    out, start = [], 0
    for k in range(tasks):
        end = start + base + (1 if k < extra else 0)
        out.append((start, end))
        start = end
    return out


def _evaluate(source: str, name: str, path: Optional[str], params: Sequence[str],
              points: Sequence[Sequence[float]], start: int, end: int,
              metrics: Sequence[str], runs: Optional[int], seed: Optional[int]) -> list:
    native = _native.load_text(source, name, path)
    # One thread per task: Ray gives each task one CPU.
    return _native.sweep_points(native, list(params), [list(p) for p in points], start, end,
                                list(metrics), runs, seed, 1)


def sweep_rows(scenario: Any, params: Sequence[str], points: Sequence[Sequence[float]],
               metrics: Sequence[str], runs: Optional[int], seed: Optional[int],
               tasks: Optional[int]) -> list:
    """Evaluate every point of a planned sweep on Ray; rows in point order."""
    try:
        import ray
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "engine='ray' needs Ray: pip install 'detente[ray]' (or ./python[ray])"
        ) from e
    if not ray.is_initialized():
        ray.init(include_dashboard=False)
    if tasks is None:
        tasks = max(1, int(ray.cluster_resources().get("CPU", 1)))
    remote = ray.remote(num_cpus=1)(_evaluate)
    native = scenario._native
    points_ref = ray.put([list(p) for p in points])
    futures = [
        remote.remote(native.source, native.name, native.path, list(params), points_ref,
                      start, end, list(metrics), runs, seed)
        for start, end in _slices(len(points), tasks)
    ]
    rows: list = []
    for part in ray.get(futures):
        rows.extend(part)
    return rows
