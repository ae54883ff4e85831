"""detente — executable models of international security situations, from Python.

Load a scenario and ask where a body's position will settle (decide), who sides with whom
(align) and whether a rivalry spirals (escalate); sweep parameters, rank sensitivities and
levers, and score the models against history. Every call runs the same Rust library as the
``detente`` command, and every result's ``to_json()`` is byte for byte what the command writes
for the same scenario and seed.

>>> import detente
>>> flagship = detente.Scenario.load_flagship()
>>> result = flagship.run(runs=500, seed=7)
>>> p, low, high = result.spiral_probabilities()["clear-eyed-hedging"]
>>> 0.0 <= low <= p <= high <= 1.0
True
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import (
    Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union,
)

from . import _native
from ._errors import Diagnostic, ScenarioError
from ._ray import Retry, TaskFailed
from ._results import (
    AlignResult, BacktestResult, DecideResult, EscalateResult, LeversResult, MatchResult,
    Result, RunResult, SensitivityResult, SweepResult, TournamentResult,
)

__all__ = [
    "Scenario", "ScenarioError", "Diagnostic", "Result", "RunResult", "DecideResult",
    "AlignResult", "EscalateResult", "SweepResult", "LeversResult", "SensitivityResult",
    "BacktestResult", "TournamentResult", "MatchResult", "backtest", "tournament", "match",
    "strategies", "TaskFailed", "Retry", "__version__",
]

__version__: str = _native.VERSION

#: A sweep parameter: a list of values, or ``(low, high, n)`` evenly spaced values (grid), or
#: ``(low, high)`` (a Latin hypercube's range).
ParamValues = Union[Sequence[float], Tuple[float, float, int], Tuple[float, float]]
#: A game: a preset name or symmetric payoffs ``(R, S, T, P)``.
GameSpec = Union[str, Tuple[float, float, float, float]]


class Scenario:
    """A scenario resolved against the bundled world data: the input of every lens.

    Load one with :meth:`load` (a path, TOML text or a dict) or :meth:`load_flagship`.
    Scenarios pickle (as their text), so they can be sent to worker processes.

    >>> s = Scenario.load_flagship()
    >>> s.id
    'nato-china-2023'
    """

    __slots__ = ("_native",)

    def __init__(self, native: Any) -> None:
        self._native = native

    # -- loading -----------------------------------------------------------------------------

    @classmethod
    def load(cls, source: Union[str, os.PathLike, Mapping[str, Any]]) -> "Scenario":
        """Load a scenario from a file path, TOML text, or a dict with the TOML's structure.

        A string is read as TOML when it contains a line break or an ``=``, otherwise as a
        path. Raises :class:`ScenarioError` (every problem with file, line, column and key)
        when the scenario is not valid, and :class:`OSError` when the file cannot be read.

        >>> s = Scenario.load("scenarios/nato-china-2023.toml")  # doctest: +SKIP
        >>> s = Scenario.load({"format": 1, "scenario": {"id": "x", "title": "X",
        ...     "as_of": "2023-11-29"}, "actor": [{"id": "USA"}]})
        >>> s.id
        'x'
        """
        if isinstance(source, Mapping):
            text = _native.toml_from_json(json.dumps(dict(source), default=str))
            return cls(_native.load_text(text, "<dict>"))
        if isinstance(source, os.PathLike) or (
            isinstance(source, str) and "\n" not in source and "=" not in source
        ):
            path = os.fspath(source)
            data = Path(path).read_bytes()
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as e:
                raise ValueError(
                    f"{path} is not UTF-8 text (invalid byte at offset {e.start})"
                ) from None
            return cls(_native.load_text(text, path, path))
        if isinstance(source, str):
            return cls(_native.load_text(source, "<string>"))
        raise TypeError(f"cannot load a scenario from {type(source).__name__}")

    @classmethod
    def load_flagship(cls) -> "Scenario":
        """The bundled flagship scenario, ``scenarios/nato-china-2023.toml`` (NATO–China,
        late 2023), embedded in the package."""
        return cls(_native.load_flagship())

    def __reduce__(self):
        return (_reload, (self._native.source, self._native.name, self._native.path))

    # -- what the scenario holds ---------------------------------------------------------------

    @property
    def id(self) -> str:
        """Scenario id."""
        return self._native.id

    @property
    def title(self) -> str:
        """Scenario title."""
        return self._native.title

    @property
    def source(self) -> str:
        """The scenario's TOML text."""
        return self._native.source

    @property
    def path(self) -> Optional[str]:
        """The file it was read from (``None`` for the flagship, text or a dict)."""
        return self._native.path

    @property
    def seed(self) -> int:
        """The master seed of ``[experiment] seed`` (0 when none)."""
        return self._native.defaults[0]

    @property
    def default_runs(self) -> int:
        """``[experiment] runs`` (2000 when none)."""
        return self._native.defaults[1]

    @property
    def warnings(self) -> List[str]:
        """Warnings found while loading."""
        return list(self._native.warnings)

    def metrics(self) -> List[str]:
        """Every metric name the scenario defines (``decide.ISSUE.MODEL``,
        ``escalate.POLICY.spiral``, ...), for :meth:`sweep`, :meth:`sensitivity` and
        :meth:`levers`."""
        return list(self._native.metric_names())

    def inputs(self) -> List[str]:
        """Every input path that :meth:`sweep` can vary (``escalate.noise``, ...)."""
        return list(self._native.input_paths())

    def to_dict(self) -> Dict[str, Any]:
        """The scenario as written, as a dict."""
        return json.loads(self._native.model_json())

    def __repr__(self) -> str:
        return f"<Scenario {self.id!r}: {self.title}>"

    # -- lenses ------------------------------------------------------------------------------

    def run(
        self,
        runs: Optional[int] = None,
        seed: Optional[int] = None,
        threads: Optional[int] = None,
        mc_models: Optional[Sequence[str]] = None,
    ) -> RunResult:
        """Run every lens the scenario defines, like ``detente run``.

        ``runs`` and ``seed`` default to the scenario's ``[experiment]`` section (else 2000 runs,
        seed 0); ``threads`` (1–256, default: all cores) never changes the result;
        ``mc_models`` lists the decision models of the Monte Carlo (default: compromise,
        median, nash). The GIL is released while it runs; Ctrl-C interrupts it.

        >>> r = Scenario.load_flagship().run(runs=200, seed=7)
        >>> r.to_pandas().query("lens == 'escalate' and metric == 'spiral'").shape[1]
        5
        """
        text, rows, errors = _native.run(
            self._native, runs, seed, threads, None if mc_models is None else list(mc_models)
        )
        return RunResult(text, rows, errors)

    def decide(
        self,
        models: Optional[Sequence[str]] = None,
        issue: Optional[str] = None,
        preset: Optional[str] = None,
        seed: Optional[int] = None,
        runs: Optional[int] = None,
        threads: Optional[int] = None,
    ) -> DecideResult:
        """Collective decision models on the scenario's issues at point values, and how often
        each body moves, like ``detente decide FILE``. ``models``: compromise, median, nash,
        bdm, smp, exchange (default: all that run without a preset).

        ``runs`` draws of the uncertain inputs give, for every issue with a decision rule or an
        agenda setter, the probability that the body moves up, moves down or stays (95 % Wilson
        intervals) in :meth:`DecideResult.movement`, as ``detente decide --runs N`` does
        (default: the scenario's ``[experiment] runs``; ``runs=0``: the point decisions only).
        ``threads`` never changes the result; Ctrl-C interrupts the draws.

        >>> d = Scenario.load_flagship().decide(models=["compromise", "nash"], runs=0)
        >>> sorted({m for _, m in d.outcomes()})
        ['compromise', 'nash']
        """
        return DecideResult(
            _native.decide(self._native, None if models is None else list(models), issue,
                           preset, seed, runs, threads)
        )

    def align(
        self,
        coalitions: Optional[int] = None,
        restarts: Optional[int] = None,
        seed: Optional[int] = None,
        rule: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> AlignResult:
        """Stable coalition structures and their basins (landscape theory), like
        ``detente align FILE``. ``rule``: energy-steepest, steepest-frustration,
        first-improvement or random-order."""
        text, table = _native.align(self._native, coalitions, restarts, seed, rule, threads)
        return AlignResult(text, table)

    def escalate(
        self,
        policy: Optional[str] = None,
        runs: Optional[int] = None,
        seed: Optional[int] = None,
        threads: Optional[int] = None,
    ) -> EscalateResult:
        """Every escalate policy (or one, by id) on common random numbers, like
        ``detente escalate FILE``: spiral probabilities, welfare, paired differences against
        the first policy and the Richardson analysis (in ``data``)."""
        result = EscalateResult(_native.escalate(self._native, policy, runs, seed, threads))
        if policy not in (None, "all"):
            result._policy = policy
        return result

    def sweep(
        self,
        params: Mapping[str, ParamValues],
        metrics: Union[str, Sequence[str]],
        lhs: Optional[int] = None,
        runs: Optional[int] = None,
        seed: Optional[int] = None,
        threads: Optional[int] = None,
        engine: str = "local",
        tasks: Optional[int] = None,
        retries: int = 2,
        progress: Optional[bool] = None,
    ) -> SweepResult:
        """How metrics move across a parameter grid or a Latin hypercube, like
        ``detente sweep``.

        ``params`` maps an input path to its values: a list, ``(low, high, n)`` for ``n``
        evenly spaced values, or with ``lhs=N`` a range ``(low, high)`` of a Latin hypercube of
        ``N`` points. Every point runs ``runs`` escalate runs on the master seed (common random
        numbers), so a point's values depend only on its parameters.

        ``engine="ray"`` spreads the points over Ray tasks (``tasks`` of them, default: one
        per CPU of the cluster); the result is identical to ``engine="local"``. Rows stream
        back as tasks finish (a tqdm bar when tqdm is installed, unless ``progress=False``); a
        task that fails is run again up to ``retries`` times and each failed attempt is listed
        in the result's ``retries``; a task that fails every time raises
        :class:`detente.TaskFailed` naming its points.

        >>> s = Scenario.load_flagship()
        >>> t = s.sweep({"escalate.noise": (0.0, 0.2, 3)},
        ...             "escalate.clear-eyed-hedging.spiral", runs=100, seed=1)
        >>> t.to_pandas().shape
        (3, 4)
        """
        metric_list = [metrics] if isinstance(metrics, str) else list(metrics)
        design, names, points = self._plan(params, lhs, seed)
        retried: List[Retry] = []
        if engine == "local":
            rows = _native.sweep_points(self._native, names, points, 0, len(points),
                                        metric_list, runs, seed, threads)
        elif engine == "ray":
            from ._ray import sweep_rows

            rows, retried = sweep_rows(self, names, points, metric_list, runs, seed, tasks,
                                       retries, progress)
        else:
            raise ValueError(f"engine must be 'local' or 'ray', not {engine!r}")
        result = SweepResult(
            _native.sweep_table(self._native, design, names, metric_list, rows, runs, seed)
        )
        result.retries = retried
        return result

    def _plan(self, params: Mapping[str, ParamValues], lhs: Optional[int], seed: Optional[int]):
        if not params:
            raise ValueError("a sweep needs at least one parameter")
        if lhs is not None:
            ranges = []
            for path, v in params.items():
                v = tuple(v)
                if len(v) not in (2, 3):
                    raise ValueError(f"{path}: a Latin hypercube takes a range (low, high)")
                ranges.append((path, float(v[0]), float(v[1])))
            return _native.plan_sweep(self._native, None, (ranges, int(lhs)), seed)
        axes = []
        for path, v in params.items():
            if isinstance(v, tuple) and len(v) == 3 and isinstance(v[2], int):
                lo, hi, n = v
                if not 1 <= n <= 100_000:
                    raise ValueError(f"{path}: {n} is not a count from 1 to 100000")
                values = _native.linspace(float(lo), float(hi), n)
            else:
                values = [float(x) for x in v]
            axes.append((path, [float(x) for x in values]))
        return _native.plan_sweep(self._native, axes, None, seed)

    def levers(
        self,
        actor: str,
        metric: str,
        delta: float = 10.0,
        seed: Optional[int] = None,
    ) -> LeversResult:
        """Which single change moves a decide metric most for ``actor``: its own position
        (±``delta``) or salience, or persuading another actor; like ``detente levers``.

        >>> l = Scenario.load_flagship().levers(
        ...     "FRA", "decide.china-posture.compromise.unconstrained")
        >>> l.to_pandas().columns[0]
        'rank'
        """
        return LeversResult(_native.levers(self._native, actor, metric, delta, seed))

    def sensitivity(
        self,
        metric: str,
        morris: bool = False,
        trajectories: int = 10,
        runs: Optional[int] = None,
        seed: Optional[int] = None,
        threads: Optional[int] = None,
    ) -> SensitivityResult:
        """Which uncertain inputs move ``metric`` most: a tornado (each input at its low and
        high bound) and, with ``morris=True`` or many inputs, Morris elementary effects; like
        ``detente sensitivity``."""
        return SensitivityResult(
            _native.sensitivity(self._native, metric, morris, trajectories, runs, seed, threads)
        )

    def backtest(self, tolerance: float = 10.0, resamples: int = 2000, seed: int = 0
                 ) -> BacktestResult:
        """Score every model on this scenario's known outcomes: its issues with a
        ``known_outcome`` and its ``[align.known_outcome]``, like ``detente backtest FILE``
        (see :func:`backtest` for a case library, locally or on Ray)."""
        text = _native.backtest([(self._native.name, self._native.source)], tolerance,
                                resamples, seed, None)
        return BacktestResult(text)

    def report(
        self,
        path: Union[str, os.PathLike],
        runs: Optional[int] = None,
        seed: Optional[int] = None,
        threads: Optional[int] = None,
    ) -> Path:
        """Run every lens and write the self-contained HTML report to ``path`` (what
        ``detente report`` writes for the same scenario, runs and seed); returns the path."""
        html = _native.report(self._native, runs, seed, threads)
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, out)
        return out


def _reload(source: str, name: str, path: Optional[str]) -> Scenario:
    return Scenario(_native.load_text(source, name, path))


def _case_files(paths: Iterable[Union[str, os.PathLike]]) -> List[Tuple[str, str]]:
    """Every .toml and .csv file under ``paths``, folders searched recursively in sorted
    order (as ``detente backtest`` does), with its text."""
    files: List[str] = []

    def collect(p: Path, shown: str) -> None:
        if p.is_file():
            files.append(shown)
            return
        for child in sorted(p.iterdir()):
            sub = os.path.join(shown, child.name)
            if child.is_dir():
                collect(child, sub)
            elif child.suffix in (".toml", ".csv"):
                files.append(sub)

    for p in paths:
        collect(Path(p), os.fspath(p))
    return [(f, Path(f).read_text(encoding="utf-8")) for f in files]


def backtest(
    paths: Union[str, os.PathLike, Sequence[Union[str, os.PathLike]]] = "scenarios/cases",
    tolerance: float = 10.0,
    resamples: int = 2000,
    seed: int = 0,
    threads: Optional[int] = None,
    engine: str = "local",
    tasks: Optional[int] = None,
    retries: int = 2,
    progress: Optional[bool] = None,
) -> BacktestResult:
    """Score every model against the known outcomes of a case library (scenario files and
    importable files, folders searched recursively), like ``detente backtest PATHS``: decide
    cases (error against the observed outcome) and align cases (sides placed correctly,
    Cohen's kappa).

    ``engine="ray"`` spreads the case files over Ray tasks (``tasks`` contiguous slices,
    default: one task per file) and scores the gathered cases; the result is identical to
    ``engine="local"``. A file that does not load raises its error (naming it) at once; a task
    that fails otherwise is run again up to ``retries`` times, each failed attempt listed in
    the result's ``retries``, and raises :class:`detente.TaskFailed` naming its case files
    when it fails every time. A tqdm bar shows progress when tqdm is installed, unless
    ``progress=False``.

    >>> b = detente.backtest("scenarios/cases")  # doctest: +SKIP
    >>> b.to_pandas().groupby("method").error_points.mean()  # doctest: +SKIP
    >>> b.align_frame()  # doctest: +SKIP
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files = _case_files(paths)
    if engine == "local":
        return BacktestResult(_native.backtest(files, tolerance, resamples, seed, threads))
    if engine == "ray":
        from ._ray import backtest_json

        text, retried = backtest_json(files, tolerance, resamples, seed, tasks, retries,
                                      progress)
        result = BacktestResult(text)
        result.retries = retried
        return result
    raise ValueError(f"engine must be 'local' or 'ray', not {engine!r}")


def strategies() -> List[Dict[str, Any]]:
    """Every strategy for iterated games: ``id``, ``name``, ``axl_name`` (the Axelrod-Python
    name, also accepted by :func:`match` and :func:`tournament`), aliases, memory depth,
    whether it is random, and its rule.

    >>> any(s["axl_name"] == "Tit For Tat" for s in strategies())
    True
    """
    return list(_native.strategies())


def match(
    first: str,
    second: str,
    turns: Optional[int] = None,
    prob_end: Optional[float] = None,
    noise: float = 0.0,
    seed: int = 0,
    game: GameSpec = "prisoners-dilemma",
) -> MatchResult:
    """One iterated game between two strategies (ids or Axelrod-Python names such as
    ``"Tit For Tat"``), move by move; like ``detente match``. 200 turns unless ``turns`` or
    ``prob_end`` is given.

    >>> m = match("Tit For Tat", "Defector", turns=5)
    >>> "".join(r[1] for r in m.rows), m.scores
    ('CDDDD', (4.0, 9.0))
    """
    return MatchResult(_native.play_match(first, second, turns, prob_end, noise, seed, game))


def tournament(
    players: Union[str, Sequence[str]] = "first",
    turns: Optional[int] = None,
    repetitions: int = 10,
    noise: float = 0.0,
    prob_end: Optional[float] = None,
    seed: int = 0,
    game: GameSpec = "prisoners-dilemma",
    threads: Optional[int] = None,
) -> TournamentResult:
    """A round-robin tournament, like ``detente tournament``. ``players``: ``"first"``
    (Axelrod's first tournament), ``"basic"``, ``"all"``, or a list of strategy names.

    >>> t = tournament(["Tit For Tat", "Defector", "Cooperator"], turns=50, repetitions=2)
    >>> t.rows[0][0]
    1
    """
    arg = players if isinstance(players, str) else list(players)
    return TournamentResult(
        _native.tournament(arg, turns, repetitions, noise, prob_end, seed, game, threads)
    )

