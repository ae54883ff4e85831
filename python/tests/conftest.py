"""Shared fixtures: the repository root, the built `detente` command, the flagship."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import detente

ROOT = Path(__file__).resolve().parents[2]


def _cli() -> Path | None:
    given = os.environ.get("DETENTE_CLI")
    if given:
        return Path(given)
    # An optimised build: the wheel is optimised, and an unoptimised library can differ in the
    # last bit of a few numbers. CI names the test-profile build (opt-level 2) in DETENTE_CLI.
    for profile in ("release", "debug"):
        p = ROOT / "target" / profile / "detente"
        if p.exists():
            return p
    found = shutil.which("detente")
    return Path(found) if found else None


@pytest.fixture(scope="session")
def cli():
    """Run the `detente` command in the repository root; returns stdout (bytes).

    The program is invoked as `detente` (its folder first on PATH), so that the command line
    `detente run` records starts with `detente`, as the Python results' does.
    """
    path = _cli()
    if path is None or not path.exists():
        if os.environ.get("CI"):
            pytest.fail("the detente command is not built (cargo build -p detente-cli)")
        pytest.skip("the detente command is not built (cargo build -p detente-cli)")
    env = dict(os.environ, PATH=f"{path.parent}{os.pathsep}{os.environ.get('PATH', '')}")

    def run(*args: str) -> bytes:
        done = subprocess.run(["detente", *args], cwd=ROOT, env=env, capture_output=True,
                              check=False)
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout

    return run


@pytest.fixture(scope="session")
def flagship() -> detente.Scenario:
    return detente.Scenario.load_flagship()


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    # Relative paths (scenarios/...) mean the same to the tests and to the command.
    monkeypatch.chdir(ROOT)
