"""Sweeps and backtests spread over Ray tasks.

The work (the points of a planned sweep, or the files of a case library) is cut into contiguous
slices, one Ray task each; every task calls the same native function the local engine calls on
its slice. A sweep point's values depend only on its parameters, the runs and the master seed
(every point runs on the master seed: common random numbers); a case depends only on its file
and its place in the library. So the parts, gathered in order, give the same result however
the work is split and whichever worker runs it.

Results stream back as tasks finish (``ray.wait``), with a progress bar when tqdm is
installed. A task that raises is run again, up to ``retries`` times, and every failed attempt
is reported on the result (``result.retries``) and as a warning; a task that still fails
raises :class:`TaskFailed` naming its points or case files. Bad input (a case file that does
not load, an unknown metric) is not retried: its error, which names the file or the input, is
raised as it is. Ray itself reruns a task whose worker process died (``max_retries``).
"""

from __future__ import annotations

import os
import warnings
from typing import Any, Callable, List, NamedTuple, Optional, Sequence, Tuple

from . import _native


class Retry(NamedTuple):
    """One failed attempt of a Ray task that was then run again."""

    #: What the task computes: ``"sweep points 4-7 of 12"``, ``"case file a.toml"``, ...
    task: str
    #: Which attempt failed (1 for the first run).
    attempt: int
    #: The error it raised.
    error: str


class TaskFailed(RuntimeError):
    """A Ray task that failed on every attempt; ``task`` names its points or case files."""

    def __init__(self, task: str, attempts: int, error: str) -> None:
        super().__init__(f"{task} failed on all {attempts} attempt(s): {error}")
        self.task = task
        self.attempts = attempts
        self.error = error

    def __reduce__(self):
        return (TaskFailed, (self.task, self.attempts, self.error))


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


def _ray():
    try:
        import ray
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "engine='ray' needs Ray: pip install 'detente[ray]' (or ./python[ray])"
        ) from e
    if not ray.is_initialized():
        # A local Ray without the dashboard or usage statistics; RAY_ADDRESS (or an earlier
        # ray.init(address=...)) selects a cluster instead.
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        ray.init(include_dashboard=False)
    return ray


def _bar(total: int, what: str, progress: Optional[bool]):
    """A tqdm bar when tqdm is installed and progress is not turned off, else nothing."""
    if progress is False:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm(total=total, desc=what, unit=what.split()[-1], leave=False)


def run_tasks(
    fn: Callable[..., Any],
    jobs: Sequence[Tuple[str, Tuple[Any, ...], int]],
    retries: int = 2,
    progress: Optional[bool] = None,
    what: str = "detente",
) -> Tuple[List[Any], List[Retry]]:
    """Run ``fn(*args)`` as one Ray task per ``(label, args, size)`` job and return the values
    in job order, with every failed attempt that was run again.

    Values are collected as tasks finish; ``size`` (points or files) advances the progress
    bar. A task that raises ``ValueError`` (bad input: it would fail again) raises at once; any
    other error reruns the task, up to ``retries`` more times, then raises
    :class:`TaskFailed`. When the caller stops (an error, Ctrl-C) the remaining tasks are
    cancelled.
    """
    if retries < 0:
        raise ValueError(f"retries must be ≥ 0, got {retries}")
    ray = _ray()
    remote = ray.remote(num_cpus=1, max_retries=retries)(fn)
    pending = {remote.remote(*args): k for k, (_, args, _) in enumerate(jobs)}
    attempts = [1] * len(jobs)
    values: List[Any] = [None] * len(jobs)
    retried: List[Retry] = []
    bar = _bar(sum(size for _, _, size in jobs), what, progress)
    try:
        while pending:
            ready, _ = ray.wait(list(pending), num_returns=1)
            for ref in ready:
                k = pending.pop(ref)
                label, args, size = jobs[k]
                try:
                    values[k] = ray.get(ref)
                except ray.exceptions.RayError as e:
                    cause = getattr(e, "cause", None) or e
                    if isinstance(cause, ValueError):
                        raise cause from None
                    message = f"{type(cause).__name__}: {cause}"
                    if attempts[k] > retries:
                        raise TaskFailed(label, attempts[k], message) from cause
                    retried.append(Retry(label, attempts[k], message))
                    attempts[k] += 1
                    pending[remote.remote(*args)] = k
                else:
                    if bar is not None:
                        bar.update(size)
    finally:
        for ref in pending:
            ray.cancel(ref)
        if bar is not None:
            bar.close()
    if retried:
        warnings.warn(
            f"{len(retried)} Ray task attempt(s) failed and were run again: "
            + "; ".join(f"{r.task} (attempt {r.attempt}: {r.error})" for r in retried),
            RuntimeWarning,
            stacklevel=3,
        )
    return values, retried


def _evaluate(source: str, name: str, path: Optional[str], params: Sequence[str],
              points: Sequence[Sequence[float]], start: int, end: int,
              metrics: Sequence[str], runs: Optional[int], seed: Optional[int]) -> list:
    native = _native.load_text(source, name, path)
    # One thread per task: Ray gives each task one CPU.
    return _native.sweep_points(native, list(params), [list(p) for p in points], start, end,
                                list(metrics), runs, seed, 1)


def sweep_rows(scenario: Any, params: Sequence[str], points: Sequence[Sequence[float]],
               metrics: Sequence[str], runs: Optional[int], seed: Optional[int],
               tasks: Optional[int], retries: int = 2, progress: Optional[bool] = None
               ) -> Tuple[list, List[Retry]]:
    """Evaluate every point of a planned sweep on Ray: rows in point order, and the retried
    attempts."""
    ray = _ray()
    if tasks is None:
        tasks = max(1, int(ray.cluster_resources().get("CPU", 1)))
    native = scenario._native
    points_ref = ray.put([list(p) for p in points])
    n = len(points)
    jobs = [
        (f"sweep points {start}-{end - 1} of {n}",
         (native.source, native.name, native.path, list(params), points_ref, start, end,
          list(metrics), runs, seed),
         end - start)
        for start, end in _slices(n, tasks)
    ]
    parts, retried = run_tasks(_evaluate, jobs, retries, progress, "sweep points")
    rows: list = []
    for part in parts:
        rows.extend(part)
    return rows, retried


def _cases(files: Sequence[Tuple[str, str]], first: int, tolerance: float, resamples: int,
           seed: int) -> tuple:
    return _native.backtest_cases(list(files), first, tolerance, resamples, seed, 1)


def backtest_json(files: Sequence[Tuple[str, str]], tolerance: float, resamples: int,
                  seed: int, tasks: Optional[int], retries: int = 2,
                  progress: Optional[bool] = None) -> Tuple[str, List[Retry]]:
    """Score a case library on Ray (default: one task per file): the JSON of the local
    backtest, and the retried attempts."""
    if not files:
        raise ValueError("no case file to score")
    jobs = []
    for start, end in _slices(len(files), len(files) if tasks is None else tasks):
        names = [f for f, _ in files[start:end]]
        label = (f"case file {names[0]}" if len(names) == 1
                 else f"case files {', '.join(names)}")
        jobs.append((label, (list(files[start:end]), start, tolerance, resamples, seed),
                     end - start))
    parts, retried = run_tasks(_cases, jobs, retries, progress, "case files")
    cases = [c for decided, _ in parts for c in decided]
    aligned = [a for _, align in parts for a in align]
    text = _native.backtest_score(cases, aligned, len(files), tolerance, resamples, seed)
    return text, retried
