"""Sweeps and backtests on Ray: the same result for one and two workers as the local engine;
failed tasks are run again and reported, bad input is named."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
ray = pytest.importorskip("ray")

import detente  # noqa: E402
from detente._ray import Retry, TaskFailed, _slices, run_tasks  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_slices_cover_every_point_once():
    assert _slices(5, 2) == [(0, 3), (3, 5)]
    assert _slices(2, 8) == [(0, 1), (1, 2)]
    assert _slices(7, 1) == [(0, 7)]


def test_one_and_two_workers_give_the_same_frame(cluster, flagship):
    params = {"escalate.noise": (0.0, 0.2, 3), "escalate.contagion": [0.0, 0.3]}
    metric = ["escalate.clear-eyed-hedging.spiral", "decide.china-posture.compromise"]
    one = flagship.sweep(params, metric, runs=100, seed=5, engine="ray", tasks=1,
                         progress=False)
    two = flagship.sweep(params, metric, runs=100, seed=5, engine="ray", tasks=2)
    local = flagship.sweep(params, metric, runs=100, seed=5)
    assert one.to_pandas().equals(two.to_pandas())
    assert two.to_json() == local.to_json()
    assert len(two.rows) == 6 * 2


def test_a_latin_hypercube_on_ray(cluster, flagship):
    kwargs = dict(params={"escalate.noise": (0.0, 0.2)},
                  metrics="escalate.systemic-rival.spiral", lhs=3, runs=50, seed=2)
    assert (flagship.sweep(engine="ray", tasks=2, **kwargs).to_json()
            == flagship.sweep(**kwargs).to_json())


def test_backtest_on_ray_is_the_local_backtest(cluster):
    # Decide cases and the four align cases, whose bootstrap streams follow the file order.
    local = detente.backtest("scenarios/cases", resamples=100, seed=3)
    per_file = detente.backtest("scenarios/cases", resamples=100, seed=3, engine="ray",
                                progress=False)
    two = detente.backtest("scenarios/cases", resamples=100, seed=3, engine="ray", tasks=2,
                           progress=False)
    assert per_file.to_json() == local.to_json()
    assert two.to_json() == local.to_json()
    assert per_file.retries == [] and len(local.data["align"]) == 4


def test_a_case_file_that_does_not_load_is_named(cluster, tmp_path):
    good = tmp_path / "a-good.toml"
    good.write_text(open("scenarios/cases/nato-vilnius-2023.toml").read())
    bad = tmp_path / "b-bad.toml"
    bad.write_text('format = 1\n[scenario]\nid = "x"\ntitle = 3\n')
    with pytest.raises(detente.ScenarioError) as e:
        detente.backtest(str(tmp_path), engine="ray", progress=False)
    assert str(bad) in str(e.value)
    assert any(d.key == "scenario.title" for d in e.value.diagnostics)


def test_a_task_that_fails_once_is_run_again_and_reported(cluster, tmp_path):
    marker = str(tmp_path / "failed-once")

    def flaky(k):
        # Fails on the first attempt of job 1 only (the marker is shared by the workers).
        if k == 1 and not os.path.exists(marker):
            open(marker, "w").close()
            raise RuntimeError("worker lost its input")
        return k * 10

    with pytest.warns(RuntimeWarning, match="job 1"):
        values, retried = run_tasks(flaky, [(f"job {k}", (k,), 1) for k in range(3)],
                                    retries=1, progress=False)
    assert values == [0, 10, 20]
    assert retried == [Retry("job 1", 1, "RuntimeError: worker lost its input")]


def test_a_task_that_always_fails_names_its_work(cluster):
    def broken(k):
        if k == 2:
            raise RuntimeError("no memory")
        return k

    with pytest.raises(TaskFailed) as e:
        run_tasks(broken, [(f"sweep points {k}-{k} of 3", (k,), 1) for k in range(3)],
                  retries=1, progress=False)
    assert e.value.task == "sweep points 2-2 of 3" and e.value.attempts == 2
    assert "no memory" in str(e.value)
