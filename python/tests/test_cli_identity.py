"""Every result's JSON is byte for byte what the `detente` command writes for the same
scenario, settings and seed; the tables hold the command's CSV rows."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest

import detente

FLAGSHIP_FILE = "scenarios/nato-china-2023.toml"


def test_run_json_is_the_commands(cli, flagship):
    r = flagship.run(runs=300, seed=11)
    # The result records the command line that reproduces it.
    assert r.data["command"] == ["detente", "run", "--runs", "300", "--seed", "11", "--format",
                                 "json"]
    assert r.to_json().encode() == cli(*r.data["command"][1:])


def test_run_json_from_a_file_with_other_models(cli):
    s = detente.Scenario.load(FLAGSHIP_FILE)
    r = s.run(runs=150, seed=3, mc_models=["compromise", "bdm"])
    assert r.data["command"][2] == FLAGSHIP_FILE
    assert "--mc-models" in r.data["command"]
    assert r.to_json().encode() == cli(*r.data["command"][1:])


def test_run_does_not_depend_on_the_thread_count(flagship):
    one = flagship.run(runs=400, seed=5, threads=1)
    two = flagship.run(runs=400, seed=5, threads=2)
    assert one.to_json() == two.to_json()
    assert one.rows == two.rows


def test_the_long_table_is_the_commands_csv(cli, flagship):
    r = flagship.run(runs=200, seed=2)
    csv = pd.read_csv(io.BytesIO(cli("run", "--runs", "200", "--seed", "2", "--format", "csv")),
                      keep_default_na=False, na_values=[""])
    frame = r.to_pandas()
    assert list(frame.columns) == list(csv.columns)
    pd.testing.assert_frame_equal(frame, csv, check_exact=True)
    table = r.to_arrow()
    assert table.column_names == list(csv.columns)
    assert table.num_rows == len(csv)
    assert str(table.schema.field("value").type) == "double"


def test_decide_json(cli, flagship):
    d = flagship.decide(models=["compromise", "median", "nash", "bdm"], seed=4, runs=0)
    # runs=0: the point decisions alone, without the Monte Carlo over uncertain inputs.
    assert "uncertainty" not in d.data and d.movement() == {}
    assert d.to_json().encode() == cli("decide", FLAGSHIP_FILE, "--model",
                                       "compromise,median,nash,bdm", "--seed", "4",
                                       "--runs", "0", "--format", "json")
    csv = pd.read_csv(io.BytesIO(cli("decide", FLAGSHIP_FILE, "--model",
                                     "compromise,median,nash,bdm", "--seed", "4",
                                     "--format", "csv")))
    assert list(d.to_pandas().columns) == list(csv.columns)
    assert len(d.rows) == len(csv)
    assert d.to_pandas()["outcome"].round(4).tolist() == csv["outcome"].tolist()


def test_align_json_and_csv(cli, flagship):
    a = flagship.align(seed=9, restarts=200)
    args = ("align", FLAGSHIP_FILE, "--seed", "9", "--restarts", "200")
    assert a.to_json().encode() == cli(*args, "--format", "json")
    csv = pd.read_csv(io.BytesIO(cli(*args, "--format", "csv")))
    assert list(a.to_pandas().columns) == list(csv.columns)
    assert len(a.rows) == len(csv)


def test_escalate_json(cli, flagship):
    e = flagship.escalate(runs=200, seed=8)
    assert e.to_json().encode() == cli("escalate", "--runs", "200", "--seed", "8",
                                       "--format", "json")
    one = flagship.escalate(policy="systemic-rival", runs=200, seed=8)
    assert one.to_json().encode() == cli("escalate", "--policy", "systemic-rival", "--runs",
                                         "200", "--seed", "8", "--format", "json")
    assert one.rows[0][0] == "systemic-rival"
    by_policy = {row[0]: row for row in e.rows}
    assert by_policy["systemic-rival"][2:5] == one.rows[0][2:5]


def test_sweep_json_and_csv(cli, flagship):
    t = flagship.sweep({"escalate.noise": (0.0, 0.2, 3)},
                       ["escalate.clear-eyed-hedging.spiral", "decide.china-posture.nash"],
                       runs=100, seed=6)
    args = ("sweep", "--param", "escalate.noise=0:0.2:3", "--metric",
            "escalate.clear-eyed-hedging.spiral", "--metric", "decide.china-posture.nash",
            "--runs", "100", "--seed", "6")
    assert t.to_json().encode() == cli(*args, "--format", "json")
    csv = pd.read_csv(io.BytesIO(cli(*args, "--format", "csv")))
    pd.testing.assert_frame_equal(t.to_pandas(), csv, check_exact=True, check_dtype=False)


def test_latin_hypercube_sweep_json(cli, flagship):
    t = flagship.sweep({"escalate.noise": (0.0, 0.2), "escalate.contagion": (0.0, 0.3)},
                       "escalate.clear-eyed-hedging.spiral", lhs=4, runs=100, seed=7)
    assert t.to_json().encode() == cli(
        "sweep", "--param", "escalate.noise=0:0.2", "--param", "escalate.contagion=0:0.3",
        "--lhs", "4", "--metric", "escalate.clear-eyed-hedging.spiral", "--runs", "100",
        "--seed", "7", "--format", "json")


def test_levers_json_and_csv(cli, flagship):
    metric = "decide.china-posture.compromise.unconstrained"
    l = flagship.levers("FRA", metric, delta=5)
    args = ("levers", "--actor", "FRA", "--metric", metric, "--delta", "5")
    assert l.to_json().encode() == cli(*args, "--format", "json")
    csv = pd.read_csv(io.BytesIO(cli(*args, "--format", "csv")))
    pd.testing.assert_frame_equal(l.to_pandas(), csv, check_exact=True, check_dtype=False)


def test_sensitivity_json_and_csv(cli, flagship):
    metric = "decide.china-posture.compromise.unconstrained"
    s = flagship.sensitivity(metric, morris=True, trajectories=4)
    args = ("sensitivity", "--metric", metric, "--morris", "--trajectories", "4")
    assert s.to_json().encode() == cli(*args, "--format", "json")
    csv = pd.read_csv(io.BytesIO(cli(*args, "--format", "csv")))
    pd.testing.assert_frame_equal(s.to_pandas(), csv, check_exact=True, check_dtype=False)


def test_backtest_json_scores_decide_and_align_cases(cli):
    # The whole case library: decide cases and the four align cases.
    b = detente.backtest("scenarios/cases", resamples=200, seed=1)
    assert b.to_json().encode() == cli("backtest", "scenarios/cases", "--resamples", "200",
                                       "--seed", "1", "--format", "json")
    assert len(b.data["align"]) == 4
    align = b.align_frame()
    assert set(align["source"]) == {
        f"scenarios/cases/{n}.toml"
        for n in ("unga-68-262", "unga-es-11-1", "ww1-1914", "ww2-europe-1939")}
    scored = align.dropna(subset=["accuracy"])
    assert len(scored) >= 4 * 3  # at least the model and two baselines on every case
    assert ((scored["accuracy_low"] <= scored["accuracy"])
            & (scored["accuracy"] <= scored["accuracy_high"])).all()
    # Read as text: the align rows put sides (words) where the decide rows put positions.
    csv = pd.read_csv(io.BytesIO(cli("backtest", "scenarios/cases", "--resamples", "200",
                                     "--seed", "1", "--format", "csv")),
                      dtype=str, keep_default_na=False)
    frame = b.to_pandas()
    assert list(frame.columns) == list(csv.columns)
    for column in ("source", "issue", "method", "kind"):
        assert frame[column].tolist() == csv[column].tolist()
    assert (frame["issue"].str.startswith("side:")).sum() > 4 * 190

    def same(got, want):
        if got is None or (isinstance(got, float) and math.isnan(got)):
            return want == ""
        if isinstance(got, str):
            return got == want
        return got == pytest.approx(float(want))

    assert all(same(g, w) for g, w in zip(frame["value"], csv["value"]))
    assert [str(h).lower() if h is not None else "" for h in frame["hit"]] == [
        h.lower() for h in csv["hit"]]


def test_backtest_of_one_file(cli):
    b = detente.backtest("scenarios/cases/ww1-1914.toml", resamples=100)
    assert b.to_json().encode() == cli("backtest", "scenarios/cases/ww1-1914.toml",
                                       "--resamples", "100", "--format", "json")
    # No decide case: every long-table row is a state's side under one method.
    case = b.data["align"][0]
    assert len(b.rows) == len(case["methods"]) * len(case["states"])
    assert all(row[2].startswith("side:") for row in b.rows)
    assert len(b.align_rows()) == len(case["methods"])


def test_decide_monte_carlo_json(cli, flagship):
    d = flagship.decide(models=["compromise", "nash"], runs=300, seed=4)
    assert d.to_json().encode() == cli("decide", FLAGSHIP_FILE, "--model", "compromise,nash",
                                       "--seed", "4", "--runs", "300", "--format", "json")
    up = d.movement()["decide.china-posture.up"]
    assert 0.0 <= up[1] <= up[0] <= up[2] <= 1.0
    # The three directions of the setter's move partition the runs.
    p = [d.movement()[f"decide.china-posture.{k}"][0] for k in ("up", "down", "stays")]
    assert sum(p) == pytest.approx(1.0)
    assert flagship.decide(runs=300, seed=4, threads=1).to_json() == \
        flagship.decide(runs=300, seed=4, threads=2).to_json()


def test_decide_defaults_to_the_scenarios_runs(cli, flagship):
    d = flagship.decide(models=["median"], issue="china-posture")
    assert d.data["uncertainty"]["runs"] == flagship.default_runs
    assert d.to_json().encode() == cli("decide", FLAGSHIP_FILE, "--model", "median",
                                       "--issue", "china-posture", "--format", "json")


def test_tournament_and_match_json(cli):
    players = ["Tit For Tat", "Defector", "Grudger", "Random"]
    t = detente.tournament(players, turns=50, repetitions=3, noise=0.05, seed=2, threads=2)
    args = ("tournament", "--strategies", ",".join(players), "--turns", "50", "--repetitions",
            "3", "--noise", "0.05", "--seed", "2")
    assert t.to_json().encode() == cli(*args, "--format", "json")
    csv = pd.read_csv(io.BytesIO(cli(*args, "--format", "csv")))
    pd.testing.assert_frame_equal(t.to_pandas(), csv, check_exact=True, check_dtype=False)
    m = detente.match("Tit For Tat", "Random", turns=30, seed=4, noise=0.1)
    assert m.to_json().encode() == cli("match", "Tit For Tat", "Random", "--turns", "30",
                                       "--seed", "4", "--noise", "0.1", "--format", "json")
