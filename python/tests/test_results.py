"""Results as tables and HTML, iterated games, interrupts and bad arguments."""

from __future__ import annotations

import _thread
import math
import threading
import time

import pytest

import detente


def test_spiral_probabilities_hold_wilson_intervals(flagship):
    r = flagship.run(runs=300, seed=1)
    probs = r.spiral_probabilities()
    assert set(probs) == {p["id"] for p in r.data["escalate"]["policies"]}
    for p, low, high in probs.values():
        # At p = 0 and p = 1 the library's Wilson bounds come out one rounding step off p.
        assert 0.0 <= low <= p + 1e-12 and p <= high + 1e-12 and high <= 1.0
    # The flagship's engagement policy spirals far less often than the systemic rival.
    assert probs["constructive-engagement"][0] < probs["systemic-rival"][0]
    assert r.errors == []


def test_html_views_show_the_table(flagship):
    r = flagship.run(runs=100, seed=1)
    page = r._repr_html_()
    assert "<table>" in page and "nato-china-2023" in page and "more rows" in page
    t = flagship.sweep({"escalate.noise": [0.0, 0.1]}, "escalate.systemic-rival.spiral",
                       runs=50, seed=1)
    assert "escalate.noise" in t._repr_html_()


def test_sweep_rows_do_not_depend_on_threads(flagship):
    kwargs = dict(params={"escalate.noise": (0.0, 0.3, 4)},
                  metrics="escalate.clear-eyed-hedging.spiral", runs=200, seed=3)
    one = flagship.sweep(threads=1, **kwargs)
    two = flagship.sweep(threads=2, **kwargs)
    assert one.to_json() == two.to_json()
    values = one.to_pandas()["value"].tolist()
    assert len(values) == 4 and all(0.0 <= v <= 1.0 for v in values)


def test_bad_requests_are_value_errors(flagship):
    with pytest.raises(ValueError, match="did you mean"):
        flagship.sweep({"escalate.nois": [0.1]}, "escalate.systemic-rival.spiral")
    with pytest.raises(ValueError, match="outside"):
        flagship.sweep({"escalate.noise": [-1.0]}, "escalate.systemic-rival.spiral")
    with pytest.raises(ValueError, match="more than 100000"):
        flagship.sweep({"escalate.noise": [0.1] * 1000, "escalate.contagion": [0.1] * 1000},
                       "escalate.systemic-rival.spiral")
    with pytest.raises(ValueError, match="unknown model"):
        flagship.run(runs=10, mc_models=["oracle"])
    with pytest.raises(ValueError, match="threads"):
        flagship.run(runs=10, threads=0)
    with pytest.raises(ValueError, match="no policy"):
        flagship.escalate(policy="appeasement", runs=10)
    with pytest.raises(ValueError):
        detente.match("Tit For Tat", "No Such Strategy")


def test_axelrod_names_and_a_known_match():
    names = {s["axl_name"] for s in detente.strategies()}
    assert {"Tit For Tat", "Defector", "Cooperator", "Grudger"} <= names
    m = detente.match("Tit For Tat", "Defector", turns=5)
    # C/D, then D/D four times: 0 + 4 × 1 against 5 + 4 × 1.
    assert "".join(r[1] for r in m.rows) == "CDDDD"
    assert m.scores == (4.0, 9.0)
    t = detente.tournament(["Tit For Tat", "Defector", "Cooperator"], turns=20, repetitions=1)
    frame = t.to_pandas()
    assert frame["rank"].tolist() == [1, 2, 3]
    assert set(frame["name"]) == {"Tit For Tat", "Defector", "Cooperator"}


def test_report_writes_the_commands_html(flagship, tmp_path, cli):
    out = flagship.report(tmp_path / "brief" / "report.html", runs=50, seed=2)
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "detente report --runs 50 --seed 2" in html
    # The same document as the command's, track record included.
    assert "Track record" in html
    assert html == cli("report", "--runs", "50", "--seed", "2", "-o", "-").decode("utf-8")


def test_ctrl_c_interrupts_a_long_run(flagship):
    timer = threading.Timer(0.3, _thread.interrupt_main)
    started = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        flagship.run(runs=50_000_000, seed=1, threads=1)
    timer.cancel()
    assert time.monotonic() - started < 5.0


def test_decide_unknown_issue_names_the_known_ones(flagship):
    with pytest.raises(ValueError, match="china-posture"):
        flagship.decide(issue="no-such-issue")
    d = flagship.decide(models=["compromise"], issue="china-posture")
    ((key, value),) = d.outcomes().items()
    assert key == ("china-posture", "compromise") and not math.isnan(value)
