"""The exception for a scenario that cannot be loaded, with every problem located."""

from __future__ import annotations

from typing import List, NamedTuple, Optional, Sequence, Union


class Diagnostic(NamedTuple):
    """One problem of a scenario: where it is and what was expected.

    ``line`` and ``column`` are 1-based; they are ``None`` for a problem that has no place in
    the text (a missing top-level key).
    """

    file: str
    line: Optional[int]
    column: Optional[int]
    key: Optional[str]
    message: str
    code: str
    severity: str
    expected: Optional[str] = None
    help: Optional[str] = None


class ScenarioError(ValueError):
    """A scenario that cannot be loaded.

    ``str(error)`` is the report the ``detente`` command prints (every problem with
    ``file:line:column`` and a caret under the value); ``error.diagnostics`` holds one
    :class:`Diagnostic` per problem.

    >>> import detente
    >>> try:
    ...     detente.Scenario.load("format = 1\\n[scenario]\\nid = 3\\n")
    ... except detente.ScenarioError as e:
    ...     for d in e.diagnostics:
    ...         print(d.code, d.line, d.column, d.key)
    missing-key 2 1 scenario.title
    wrong-type 3 6 scenario.id
    """

    diagnostics: List[Diagnostic]

    def __init__(self, message: str, diagnostics: Sequence[Union[Diagnostic, dict]] = ()) -> None:
        super().__init__(message)
        self.diagnostics = [
            d if isinstance(d, Diagnostic) else Diagnostic(**d) for d in diagnostics
        ]

    def __reduce__(self):  # keep the diagnostics through pickling (Ray, multiprocessing)
        return (ScenarioError, (str(self), list(self.diagnostics)))
