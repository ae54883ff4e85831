"""A sweep of the flagship spread over Ray tasks, checked against the local engine.

    pip install './python[ray]'
    python examples/python/ray_sweep.py

Every point runs on the master seed, so the Ray result is the same as the local one however
the points are split over tasks.
"""

import os

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

import ray  # noqa: E402

import detente  # noqa: E402


def main() -> None:
    ray.init(num_cpus=2, include_dashboard=False)
    scenario = detente.Scenario.load_flagship()
    params = {"escalate.noise": (0.0, 0.2, 5), "escalate.contagion": [0.0, 0.3]}
    metric = "escalate.clear-eyed-hedging.spiral"
    on_ray = scenario.sweep(params, metric, runs=500, seed=7, engine="ray", tasks=4)
    local = scenario.sweep(params, metric, runs=500, seed=7)
    assert on_ray.to_json() == local.to_json()
    frame = on_ray.to_pandas()
    print(frame.pivot(index="escalate.noise", columns="escalate.contagion", values="value"))
    ray.shutdown()


if __name__ == "__main__":
    main()
