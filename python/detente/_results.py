"""Typed results: the JSON the ``detente`` command writes, a long table, and views of both.

Every result keeps the exact JSON text the library produced (``to_json()``), a parsed copy
(``data``) and a table with the columns of the command's CSV output (``columns``, ``rows``),
which ``to_pandas()`` and ``to_arrow()`` turn into a data frame or an Arrow table.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
from typing import Any, Dict, List, Optional, Sequence, Tuple

Row = Tuple[Any, ...]

#: Rows shown by ``_repr_html_`` before the table is cut.
HTML_ROWS = 20


def _num(x: Any) -> Any:
    """JSON ``null`` (an undefined number) as NaN for numeric columns."""
    return math.nan if x is None else x


class Result:
    """A result: JSON text plus a table.

    Subclasses name their columns; ``rows`` is a list of tuples in that order.
    """

    #: Column names, as in the CSV the ``detente`` command writes for this result.
    columns: Tuple[str, ...] = ()
    #: Heading of the HTML view.
    title: str = "detente result"

    def __init__(self, json_text: str, rows: Optional[Sequence[Row]] = None) -> None:
        #: Ray task attempts that failed and were run again (``engine="ray"``): one
        #: ``detente.Retry(task, attempt, error)`` each; empty when nothing failed.
        self.retries: List[Any] = []
        self._json = json_text
        self._data: Optional[Any] = None
        self._rows: Optional[List[Row]] = None if rows is None else [tuple(r) for r in rows]

    @property
    def data(self) -> Any:
        """The parsed JSON (dicts and lists)."""
        if self._data is None:
            self._data = json.loads(self._json)
        return self._data

    @property
    def rows(self) -> List[Row]:
        """The table's rows, in the order of :attr:`columns`."""
        if self._rows is None:
            self._rows = [tuple(r) for r in self._table_rows()]
        return self._rows

    def _table_rows(self) -> List[Row]:
        raise NotImplementedError

    def to_json(self) -> str:
        """The JSON text, byte for byte what ``detente ... --format json`` writes."""
        return self._json

    def to_pandas(self):
        """The table as a :class:`pandas.DataFrame` (undefined numbers are NaN)."""
        import pandas as pd

        return pd.DataFrame.from_records(self.rows, columns=list(self.columns))

    def to_arrow(self):
        """The table as a :class:`pyarrow.Table`."""
        import pyarrow as pa

        columns = {name: [r[k] for r in self.rows] for k, name in enumerate(self.columns)}
        return pa.table(columns)

    def _summary_html(self) -> str:
        return ""

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = []
        for r in self.rows[:HTML_ROWS]:
            cells = "".join(f"<td>{html.escape(_cell(v))}</td>" for v in r)
            body.append(f"<tr>{cells}</tr>")
        more = len(self.rows) - HTML_ROWS
        tail = f"<p>… {more} more rows (<code>.to_pandas()</code>)</p>" if more > 0 else ""
        return (
            f"<div><strong>{html.escape(self.title)}</strong>{self._summary_html()}"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            f"{tail}</div>"
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self.rows)} rows>"


def _cell(v: Any) -> str:
    if isinstance(v, float):
        return "–" if not math.isfinite(v) else f"{v:.4f}"
    return "" if v is None else str(v)


class RunResult(Result):
    """Every lens of a scenario (``detente run``): the long table of the run's CSV.

    >>> import detente
    >>> r = detente.Scenario.load_flagship().run(runs=200, seed=1)
    >>> list(r.to_pandas().columns)
    ['lens', 'subject', 'metric', 'statistic', 'value']
    >>> sorted(r.spiral_probabilities())[:1]
    ['clear-eyed-hedging']
    """

    columns = ("lens", "subject", "metric", "statistic", "value")
    title = "detente run"

    def __init__(self, json_text: str, rows: Sequence[Row], errors: Sequence[Tuple[str, str]]):
        super().__init__(json_text, rows)
        #: Lenses that could not run: ``(lens, why)``.
        self.errors: List[Tuple[str, str]] = list(errors)

    @property
    def seed(self) -> int:
        """The master seed."""
        return self.data["seed"]

    @property
    def runs(self) -> int:
        """Monte Carlo runs."""
        return self.data["runs"]

    def spiral_probabilities(self) -> Dict[str, Tuple[float, float, float]]:
        """Per escalate policy: the spiral probability and its 95 % Wilson interval
        ``(p, low, high)``."""
        out: Dict[str, Tuple[float, float, float]] = {}
        for lens, subject, metric, stat, value in self.rows:
            if lens == "escalate" and metric == "spiral":
                p = out.get(subject, (math.nan, math.nan, math.nan))
                k = {"p": 0, "p_low": 1, "p_high": 2}[stat]
                out[subject] = tuple(value if i == k else p[i] for i in range(3))  # type: ignore[assignment]
        return out

    def _summary_html(self) -> str:
        d = self.data
        errors = "".join(
            f"<li>{html.escape(lens)}: {html.escape(msg)}</li>" for lens, msg in self.errors
        )
        return (
            f"<p>{html.escape(d['scenario'])} — {html.escape(d['title'])}; seed {d['seed']}, "
            f"{d['runs']} runs, scenario hash {d['scenario_hash']}</p>"
            + (f"<ul>{errors}</ul>" if errors else "")
        )


class DecideResult(Result):
    """Decision models on the scenario's issues (``detente decide``): one row per issue and
    model, the columns of ``detente decide --format csv`` with numbers unrounded."""

    columns = (
        "issue", "model", "outcome", "unconstrained", "baseline", "rounds", "converged",
        "stop_reason", "warnings", "error",
    )
    title = "detente decide"

    def _table_rows(self) -> List[Row]:
        rows = []
        for issue in self.data["issues"]:
            for a in issue["answers"]:
                d = a.get("decision")
                if d is None:
                    rows.append((issue["issue"], a["model"], math.nan, math.nan, math.nan,
                                 None, None, None, None, a.get("error")))
                    continue
                diag = d["diagnostics"]
                warnings = ";".join(str(w.get("code")) for w in diag.get("warnings", []))
                rows.append((
                    issue["issue"], a["model"], _num(d["outcome"][0]),
                    _num(d["unconstrained"][0]), _num(d["baseline"][0]), diag["rounds"],
                    diag["converged"], diag["stop_reason"], warnings, None,
                ))
        return rows

    def outcomes(self) -> Dict[Tuple[str, str], float]:
        """``(issue, model) → outcome`` after the body's decision rule."""
        return {(r[0], r[1]): r[2] for r in self.rows}

    def movement(self) -> Dict[str, Tuple[float, float, float]]:
        """The Monte Carlo's event probabilities, by metric (``decide.ISSUE.up``, ``.down``,
        ``.stays``, ``.deadlock``, and ``decide.ISSUE.linked.up`` ... where the body allows
        linkage): the share of runs and its 95 % Wilson interval ``(p, low, high)``. Empty
        without runs (``runs=0``, or a scenario without uncertain inputs)."""
        mc = self.data.get("uncertainty")
        if not mc:
            return {}
        out: Dict[str, Tuple[float, float, float]] = {}
        for metric, summary in zip(mc["metrics"], mc["summaries"][0]):
            if summary.get("kind") == "event":
                out[metric["name"]] = (_num(summary["estimate"]), _num(summary["low"]),
                                       _num(summary["high"]))
        return out


class AlignResult(Result):
    """Landscape theory (``detente align``): the rows of ``detente align --format csv``."""

    title = "detente align"

    def __init__(self, json_text: str, csv_text: str) -> None:
        super().__init__(json_text)
        table = list(csv.reader(io.StringIO(csv_text)))
        self.columns = tuple(table[0]) if table else ()
        self._rows = [tuple(_parse_cell(c) for c in r) for r in table[1:]]


def _parse_cell(text: str) -> Any:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


class EscalateResult(Result):
    """Every escalate policy on common random numbers (``detente escalate``): one row per
    policy with its spiral probability (and 95 % Wilson interval), mean joint welfare and
    median onset among spiralling runs."""

    columns = ("policy", "label", "spiral", "spiral_low", "spiral_high", "joint_welfare",
               "onset_median")
    title = "detente escalate"

    def _policies(self) -> List[Tuple[str, str, dict]]:
        d = self.data
        if "escalate" in d:
            return [(p["id"], p["label"], p["summary"]) for p in d["escalate"]["policies"]]
        return [(self._policy or "", self._policy or "", d)]

    _policy: Optional[str] = None

    def _table_rows(self) -> List[Row]:
        rows = []
        for pid, label, s in self._policies():
            onset = s.get("onset")
            rows.append((
                pid, label, s["spiral"]["estimate"], s["spiral"]["low"], s["spiral"]["high"],
                _num(s["joint_welfare"]["mean"]),
                math.nan if not onset else _num(onset.get("median")),
            ))
        return rows


class SweepResult(Result):
    """A sweep (``detente sweep``): one row per point and metric, the columns of ``detente
    sweep --format csv`` (``point``, one column per parameter, ``metric``, ``value``)."""

    title = "detente sweep"

    def __init__(self, json_text: str) -> None:
        super().__init__(json_text)
        self.columns = ("point", *self.data["params"], "metric", "value")

    def _table_rows(self) -> List[Row]:
        return [
            (r["point"], *(_num(v) for v in r["values"]), r["metric"], _num(r["value"]))
            for r in self.data["rows"]
        ]


class LeversResult(Result):
    """An actor's levers (``detente levers``), largest effect first: the columns of
    ``detente levers --format csv``."""

    columns = ("rank", "kind", "actor", "input", "from", "to", "value", "effect", "closed_form")
    title = "detente levers"

    def _table_rows(self) -> List[Row]:
        kinds = {"own-position": "own position", "own-salience": "own salience"}
        return [
            (k + 1, kinds.get(x["kind"], x["kind"]).replace("_", " "), x["actor"], x["path"],
             _num(x["from"]), _num(x["to"]), _num(x["value"]), _num(x["effect"]),
             _num(x.get("closed_form")))
            for k, x in enumerate(self.data["levers"])
        ]


class SensitivityResult(Result):
    """Tornado (and Morris) sensitivity (``detente sensitivity``): the columns of
    ``detente sensitivity --format csv``."""

    columns = ("method", "input", "low", "base", "high", "at_low", "at_high", "swing", "mu",
               "mu_star", "sigma")
    title = "detente sensitivity"

    def _table_rows(self) -> List[Row]:
        nan = math.nan
        rows: List[Row] = [
            ("tornado", b["path"], _num(b["low"]), _num(b["base"]), _num(b["high"]),
             _num(b["at_low"]), _num(b["at_high"]), _num(b["swing"]), nan, nan, nan)
            for b in self.data["tornado"]
        ]
        rows += [
            ("morris", e["path"], _num(e["low"]), nan, _num(e["high"]), nan, nan, nan,
             _num(e["mu"]), _num(e["mu_star"]), _num(e["sigma"]))
            for e in self.data.get("morris") or []
        ]
        return rows


class BacktestResult(Result):
    """Every model scored against known outcomes (``detente backtest``), as the rows of
    ``detente backtest --format csv``: one per decide case and method, then one per align case,
    method and state (issue ``side:ID``, the predicted side as the value)."""

    columns = ("source", "scenario", "issue", "observed", "estimate", "method", "kind", "value",
               "error_points", "hit")
    title = "detente backtest"

    #: Columns of :meth:`align_rows`: one row per align case and method.
    align_columns = ("source", "scenario", "event", "date", "states", "method", "kind",
                     "accuracy", "accuracy_low", "accuracy_high", "kappa", "kappa_low",
                     "kappa_high")

    def align_rows(self) -> List[Row]:
        """The align cases (``[align.known_outcome]``): per case and method, the share of
        states placed on their observed side and Cohen's kappa, each with its 95 % bootstrap
        interval (NaN when the method has no answer), in :attr:`align_columns` order."""
        rows = []
        for a in self.data.get("align", []):
            for m in a["methods"]:
                acc = m.get("accuracy") or {}
                kap = m.get("kappa") or {}
                rows.append((
                    a["source"], a["scenario"], a["event"], a["date"], len(a["states"]),
                    m["method"], m["kind"],
                    *(_num(acc.get(k)) for k in ("value", "low", "high")),
                    *(_num(kap.get(k)) for k in ("value", "low", "high")),
                ))
        return rows

    def align_frame(self):
        """:meth:`align_rows` as a :class:`pandas.DataFrame`."""
        import pandas as pd

        return pd.DataFrame.from_records(self.align_rows(), columns=list(self.align_columns))

    def _table_rows(self) -> List[Row]:
        tol = self.data["options"]["tolerance"]
        rows = []
        for c in self.data["cases"]:
            for p in c["predictions"]:
                err = p.get("error")
                rows.append((
                    c["source"], c["scenario"], c["issue"], c["observed"], c["estimate"],
                    p["method"], p["kind"], _num(p.get("value")), _num(err),
                    None if err is None else err <= tol,
                ))
        # Align cases, as the command writes them: one row per method and state, issue
        # ``side:ID``, the observed side, the predicted side as the value, a hit when they agree.
        for a in self.data.get("align", []):
            for m in a["methods"]:
                for (state, side), pred in zip(a["states"], m["predicted"]):
                    rows.append((
                        a["source"], a["scenario"], f"side:{state}", side, False,
                        m["method"], m["kind"], pred, math.nan, pred == side,
                    ))
        return rows


class TournamentResult(Result):
    """A round-robin tournament (``detente tournament``), best first: the columns of
    ``detente tournament --format csv``."""

    columns = ("rank", "name", "median_normalised_score", "median_wins", "cooperating_rating")
    title = "detente tournament"

    def _table_rows(self) -> List[Row]:
        d = self.data
        rows = []
        for rank, i in enumerate(d["ranking"]):
            wins = sorted(d["wins"][i])
            n = len(wins)
            median = 0.0 if n == 0 else (
                float(wins[n // 2]) if n % 2 else (wins[n // 2 - 1] + wins[n // 2]) / 2.0)
            rows.append((rank + 1, d["names"][i], d["median_normalised_scores"][i], median,
                         d["cooperating_rating"][i]))
        return rows


class MatchResult(Result):
    """One iterated game (``detente match``): one row per turn with both moves."""

    columns = ("turn", "first", "second")
    title = "detente match"

    def _table_rows(self) -> List[Row]:
        a, b = self.data["moves"]
        return [(k + 1, x, y) for k, (x, y) in enumerate(zip(a, b))]

    @property
    def scores(self) -> Tuple[float, float]:
        """Total scores of the two players."""
        s = self.data["result"]["scores"]
        return (s[0], s[1])
