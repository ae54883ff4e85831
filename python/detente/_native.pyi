"""The native module (Rust, PyO3). Use the classes of ``detente``; these are their internals."""

from typing import Dict, List, Optional, Sequence, Tuple, Union, Any

VERSION: str
FLAGSHIP_NAME: str

_Row = Tuple[str, str, str, str, float]
_SweepRow = Tuple[int, List[float], str, float]
_Game = Union[str, Tuple[float, float, float, float]]

class NativeScenario:
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def path(self) -> Optional[str]: ...
    @property
    def defaults(self) -> Tuple[int, int]: ...
    @property
    def warnings(self) -> List[str]: ...
    def metric_names(self) -> List[str]: ...
    def input_paths(self) -> List[str]: ...
    def model_json(self) -> str: ...

def load_text(text: str, name: str, path: Optional[str] = None) -> NativeScenario: ...
def load_flagship() -> NativeScenario: ...
def toml_from_json(text: str) -> str: ...
def run(
    scenario: NativeScenario,
    runs: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    mc_models: Optional[List[str]] = None,
) -> Tuple[str, List[_Row], List[Tuple[str, str]]]: ...
def report(
    scenario: NativeScenario,
    runs: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
) -> str: ...
def decide(
    scenario: NativeScenario,
    models: Optional[List[str]] = None,
    issue: Optional[str] = None,
    preset: Optional[str] = None,
    seed: Optional[int] = None,
    runs: Optional[int] = None,
    threads: Optional[int] = None,
) -> str: ...
def align(
    scenario: NativeScenario,
    coalitions: Optional[int] = None,
    restarts: Optional[int] = None,
    seed: Optional[int] = None,
    rule: Optional[str] = None,
    threads: Optional[int] = None,
) -> Tuple[str, str]: ...
def escalate(
    scenario: NativeScenario,
    policy: Optional[str] = None,
    runs: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
) -> str: ...
def linspace(lo: float, hi: float, n: int) -> List[float]: ...
def plan_sweep(
    scenario: NativeScenario,
    grid: Optional[List[Tuple[str, List[float]]]] = None,
    lhs: Optional[Tuple[List[Tuple[str, float, float]], int]] = None,
    seed: Optional[int] = None,
) -> Tuple[str, List[str], List[List[float]]]: ...
def sweep_points(
    scenario: NativeScenario,
    params: List[str],
    points: List[List[float]],
    start: int,
    end: int,
    metrics: List[str],
    runs: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
) -> List[_SweepRow]: ...
def sweep_table(
    scenario: NativeScenario,
    design: str,
    params: List[str],
    metrics: List[str],
    rows: List[_SweepRow],
    runs: Optional[int] = None,
    seed: Optional[int] = None,
) -> str: ...
def levers(
    scenario: NativeScenario,
    actor: str,
    metric: str,
    delta: float = 10.0,
    seed: Optional[int] = None,
) -> str: ...
def sensitivity(
    scenario: NativeScenario,
    metric: str,
    morris: bool = False,
    trajectories: int = 10,
    runs: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
) -> str: ...
def backtest(
    files: List[Tuple[str, str]],
    tolerance: float = 10.0,
    resamples: int = 2000,
    seed: int = 0,
    threads: Optional[int] = None,
) -> str: ...
def backtest_cases(
    files: List[Tuple[str, str]],
    first: int,
    tolerance: float = 10.0,
    resamples: int = 2000,
    seed: int = 0,
    threads: Optional[int] = None,
) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]: ...
def backtest_score(
    cases: List[Dict[str, Any]],
    aligned: List[Dict[str, Any]],
    files: int,
    tolerance: float = 10.0,
    resamples: int = 2000,
    seed: int = 0,
) -> str: ...
def strategies() -> List[Dict[str, Any]]: ...
def play_match(
    first: str,
    second: str,
    turns: Optional[int] = None,
    prob_end: Optional[float] = None,
    noise: float = 0.0,
    seed: int = 0,
    game: _Game = "prisoners-dilemma",
) -> str: ...
def tournament(
    players: Union[str, Sequence[str]] = "first",
    turns: Optional[int] = None,
    repetitions: int = 10,
    noise: float = 0.0,
    prob_end: Optional[float] = None,
    seed: int = 0,
    game: _Game = "prisoners-dilemma",
    threads: Optional[int] = None,
) -> str: ...
