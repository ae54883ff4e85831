"""Loading scenarios: files, text, dicts, the flagship; located errors; pickling."""

from __future__ import annotations

import pickle

import pytest

import detente

BAD = """format = 1
[scenario]
id = "broken"
title = "Broken"
as_of = 2023-11-29

[[actor]]
id = "USA"

[[issue]]
id = "posture"
question = "How hard a line?"
scale = { min = 0, max = 100 }

[[issue.stance]]
actor = "USA"
position = 150
salience = 0.5
"""


def test_the_flagship_is_embedded(flagship):
    assert flagship.id == "nato-china-2023"
    assert flagship.seed == 20231129
    assert flagship.default_runs == 10000
    assert flagship.path is None
    assert "escalate.clear-eyed-hedging.spiral" in flagship.metrics()
    assert "escalate.contagion" in flagship.inputs()


def test_a_path_text_and_the_flagship_are_the_same_scenario(flagship):
    from_path = detente.Scenario.load("scenarios/nato-china-2023.toml")
    assert from_path.path == "scenarios/nato-china-2023.toml"
    assert from_path.source == flagship.source
    from_text = detente.Scenario.load(flagship.source)
    assert from_text.to_dict() == flagship.to_dict()


def test_a_dict_loads_like_its_toml():
    s = detente.Scenario.load({
        "format": 1,
        "scenario": {"id": "pair", "title": "A pair", "as_of": "2023-11-29"},
        "actor": [{"id": "USA"}, {"id": "CHN"}],
    })
    assert (s.id, s.title) == ("pair", "A pair")


def test_errors_carry_every_located_diagnostic():
    with pytest.raises(detente.ScenarioError) as info:
        detente.Scenario.load(BAD)
    err = info.value
    assert isinstance(err, ValueError)
    assert "<string>:17:" in str(err)
    (d,) = [d for d in err.diagnostics if d.severity == "error"]
    assert (d.file, d.line, d.code) == ("<string>", 17, "out-of-range")
    assert d.column == BAD.splitlines()[16].index("150") + 1
    assert d.key.endswith("position")
    assert "150" in d.message


def test_a_file_error_names_the_file(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text(BAD)
    with pytest.raises(detente.ScenarioError) as info:
        detente.Scenario.load(p)
    assert info.value.diagnostics[0].file == str(p)
    with pytest.raises(OSError):
        detente.Scenario.load(tmp_path / "missing.toml")


def test_scenarios_and_errors_pickle(flagship):
    again = pickle.loads(pickle.dumps(flagship))
    assert again.source == flagship.source and again.id == flagship.id
    try:
        detente.Scenario.load(BAD)
    except detente.ScenarioError as e:
        copy = pickle.loads(pickle.dumps(e))
        assert copy.diagnostics == e.diagnostics and str(copy) == str(e)


def test_the_docstring_examples_run():
    import doctest

    import detente._errors
    import detente._results

    for module in (detente, detente._errors, detente._results):
        failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert failed == 0 and attempted > 0, module.__name__
