"""Sweeps on Ray: the same frame for one and two workers, and the same as the local engine."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
ray = pytest.importorskip("ray")

import detente  # noqa: E402
from detente._ray import _slices  # noqa: E402


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
    one = flagship.sweep(params, metric, runs=100, seed=5, engine="ray", tasks=1)
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
