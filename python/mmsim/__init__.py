"""mmsim from Python: scenarios, runs, comparisons, sweeps and goal seeking,
with results as pandas tables.

    import mmsim
    s = mmsim.load("scenarios/mss-2024.yaml", set={"airport.daily_capacity": 100})
    r = mmsim.run(s, replications=20, seed=7, threads=0)
    r.metrics                  # metric, label, unit, mean, ci_low, ci_high, sd, n
    r.daily("coverage")        # date, entity, metric, mean, ci_low, ci_high

Every figure comes from the C++ library's own report code (report.json's
numbers, the CSV files' text), so it is the figure `mmsim run` writes for the
same scenario and seed. See python/README.md.
"""

import io
import json
import os
import sys

try:
    import pandas as pd
except ImportError as error:  # pragma: no cover - depends on the machine
    raise ImportError(
        "mmsim needs pandas: install Debian's python3-pandas (apt-get install python3-pandas) "
        "and use /usr/bin/python3"
    ) from error

from . import _mmsim
from ._mmsim import Diagnostic, Error, Scenario, ScenarioError, UsageError

__all__ = [
    "load", "run", "compare", "sweep", "solve", "metrics",
    "Result", "Comparison", "SweepResult", "Solution", "Scenario", "Diagnostic",
    "Error", "ScenarioError", "UsageError",
]
__version__ = _mmsim.__version__

_LIMITS = {"max_events": 1e9, "max_memory_mib": 2048.0}


def _yaml_value(value):
    """A Python value as the VALUE of a --set argument (YAML)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value)  # lists and mappings: JSON is YAML's flow style


def _set_arguments(set):
    """`set` as --set arguments: a mapping {path: value}, or PATH=VALUE strings."""
    if set is None:
        return []
    if isinstance(set, str):
        return [set]
    if isinstance(set, dict):
        return [f"{path}={_yaml_value(value)}" for path, value in set.items()]
    return [str(argument) for argument in set]


def _window_arguments(windows):
    """`windows` as --window arguments: {name: (from, to)}, or [NAME=]FROM..TO strings."""
    if windows is None:
        return []
    if isinstance(windows, str):
        return [windows]
    if isinstance(windows, dict):
        return [f"{name}={start}..{end}" for name, (start, end) in windows.items()]
    return [str(window) for window in windows]


def _names(items):
    """Metric names or patterns: a comma list or a list."""
    if items is None:
        return []
    if isinstance(items, str):
        items = [items]
    return [part for item in items for part in str(item).split(",") if part]


class _Bar:
    """A text progress bar on stderr (a terminal or a notebook's output)."""

    def __init__(self, unit):
        self.unit = unit

    def __call__(self, done, total):
        if total:
            filled = int(30 * done / total)
            text = f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {self.unit}"
        else:
            text = f"\r{done} {self.unit}"
        sys.stderr.write(text)
        if total and done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _progress(progress, unit):
    if progress is True:
        return _Bar(unit)
    if not progress:
        return None
    if callable(progress):
        return progress
    raise TypeError("progress: expected True, False or a callable(done, total)")


def _read_csv(text, dates=("date",)):
    """A tidy CSV text of the library as a table: the same figures (parsed
    exactly), ids kept as text, empty figures as NaN."""
    frame = pd.read_csv(
        io.StringIO(text),
        dtype={"entity": str, "metric": str, "run": str, "source": str},
        keep_default_na=False,
        na_values=[""],
        float_precision="round_trip",
    )
    for column in dates:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    return frame


def load(path, set=None, windows=None):
    """Loads a scenario file as `mmsim run` does.

    set: {path: value} or a list of "PATH=VALUE" (--set), applied in order.
    windows: {name: (from, to)} or a list of "[NAME=]FROM..TO" (--window).
    Raises ScenarioError naming file, line and column of every problem."""
    return _mmsim.load(os.fspath(path), _set_arguments(set), _window_arguments(windows))


def _scenario(scenario, set=None):
    if isinstance(scenario, Scenario):
        if set:
            raise UsageError("set: give it to mmsim.load, not with a loaded scenario")
        return scenario
    return load(scenario, set=set)


class Result:
    """A run's report: its figures as pandas tables."""

    def __init__(self, raw):
        self._raw = raw
        self._metrics = None

    scenario = property(lambda self: self._raw.scenario)
    seed = property(lambda self: self._raw.seed)
    replications = property(lambda self: self._raw.replications)
    label = property(lambda self: self._raw.label)
    start = property(lambda self: self._raw.start)
    end = property(lambda self: self._raw.end)

    @property
    def metrics(self):
        """Every scalar metric (window metrics included, as report.json):
        metric, label, unit (the registry's), mean, ci_low, ci_high, sd, n."""
        if self._metrics is None:
            self._metrics = pd.DataFrame(
                self._raw.metric_rows(),
                columns=["metric", "label", "unit", "mean", "ci_low", "ci_high", "sd", "n"],
            )
        return self._metrics.copy()

    def metric(self, name):
        """The row of one metric, as a Series (KeyError when the run lacks it)."""
        frame = self.metrics.set_index("metric")
        return frame.loc[name]

    @property
    def tables(self):
        """The daily tables' names ("personnel", "coverage", ...)."""
        return list(self._raw.tables())

    def daily(self, table):
        """A daily table as its CSV file has it: date (datetime), entity,
        metric, mean, ci_low, ci_high."""
        if table not in self.tables:
            raise KeyError(f"no daily table {table!r}; the run has: {', '.join(self.tables)}")
        return _read_csv(self._raw.csv(table))

    @property
    def zones(self):
        """zones.csv: each zone's whole-run figures (entity = zone)."""
        text = self._raw.zones_csv()
        if not text:
            return pd.DataFrame(columns=["entity", "metric", "mean", "ci_low", "ci_high"])
        return _read_csv(text, dates=()).drop(columns="date")

    @property
    def windows(self):
        """The time windows' figures: window, from, to, metric (as over the
        whole run), label, unit, mean, ci_low, ci_high, sd, n."""
        frame = pd.DataFrame(
            self._raw.window_rows(),
            columns=["window", "from", "to", "metric", "label", "unit",
                     "mean", "ci_low", "ci_high", "sd", "n"],
        )
        for column in ("from", "to"):
            frame[column] = pd.to_datetime(frame[column])
        return frame

    def summary(self):
        """The summary `mmsim run` prints."""
        return self._raw.summary()

    def reproduce(self):
        """The `mmsim run` command that gives these figures."""
        return self._raw.reproduce()

    def to_json(self):
        """report.json's text."""
        return self._raw.json()

    def write(self, out, formats=("json", "csv")):
        """Writes the report files into folder `out` as `mmsim run --out`;
        formats among json, csv, html, all. Returns the files written."""
        if isinstance(formats, str):
            formats = _names(formats)
        return self._raw.write(os.fspath(out), list(formats))

    def __repr__(self):
        scenario = self._raw.scenario
        return (f"<mmsim.Result {scenario.name}: {self.replications} replications, seed {self.seed}, "
                f"{len(self._raw.metric_rows())} metrics, tables {', '.join(self.tables)}>")


def run(scenario, replications=None, seed=None, threads=0, progress=False, label="",
        set=None, max_events=_LIMITS["max_events"], max_memory_mib=_LIMITS["max_memory_mib"]):
    """Runs a scenario (a Scenario, or a file with `set`) as `mmsim run`.

    replications, seed: default the scenario's. threads: 0 = all cores; the
    figures do not depend on it. progress: True for a bar on stderr, or a
    callable(done, total). Ctrl-C stops the run (KeyboardInterrupt) once the
    replications under way finish. max_events, max_memory_mib: the limits
    of --max-events and --max-memory."""
    raw = _mmsim.run(_scenario(scenario, set), threads=threads, replications=replications, seed=seed,
                     label=label, max_events=max_events, max_memory_mib=max_memory_mib,
                     progress=_progress(progress, "replications"))
    return Result(raw)


class Comparison:
    """A comparison of runs, the first the base."""

    def __init__(self, raw):
        self._raw = raw

    paired = property(lambda self: self._raw.paired, doc="common random numbers, paired intervals")
    notes = property(lambda self: list(self._raw.notes), doc="what was left out, and why")
    explanations = property(lambda self: list(self._raw.explanations),
                            doc="what each alternative changes, and whether that bound the base")

    @property
    def table(self):
        """compare.csv: metric, run, source, mean, ci_low, ci_high, diff,
        diff_ci_low, diff_ci_high, relative_change, significant, method."""
        return _read_csv(self._raw.csv(), dates=())

    @property
    def runs(self):
        """label, source, scenario, hash, seed, replications, what_if per run."""
        return pd.DataFrame(self._raw.runs(), columns=["label", "source", "scenario", "hash", "seed",
                                                       "replications", "what_if"])

    def text(self):
        """The table `mmsim compare` prints."""
        return self._raw.text()

    def to_json(self):
        return self._raw.json()

    def to_html(self):
        """compare.html's text (a self-contained page)."""
        return self._raw.html()

    def __repr__(self):
        return self.text()


def _is_report(item):
    return isinstance(item, (str, os.PathLike)) and os.fspath(item).endswith(".json")


def compare(base, alts, labels=None, metrics=None, replications=None, seed=None, threads=0,
            progress=False, max_events=_LIMITS["max_events"], max_memory_mib=_LIMITS["max_memory_mib"]):
    """Compares alternatives with a base, as `mmsim compare`.

    Scenarios (Scenario objects or files) are run with common random
    numbers (the base's seed and replications) and compared replication by
    replication; report.json files are compared from their summaries.
    alts: a list, or {label: scenario}. labels: one per alternative, or one
    per run with the base first (default "A", "B", ...). metrics: names or
    patterns with '*' (default all)."""
    if isinstance(alts, dict):
        if labels is not None:
            raise UsageError("labels: give either labels or alternatives named in a dict")
        labels = ["base"] + list(alts)
        alts = list(alts.values())
    elif isinstance(alts, (Scenario, str, os.PathLike)):
        alts = [alts]
    else:
        alts = list(alts)
    if labels is not None:
        labels = [str(label) for label in labels]
        if len(labels) == len(alts):
            labels = ["base"] + labels
    selection = _names(metrics)
    if _is_report(base) and all(_is_report(alt) for alt in alts):
        if labels is not None or replications is not None or seed is not None:
            raise UsageError("labels, replications and seed need scenarios (saved reports are not rerun)")
        return Comparison(_mmsim.compare_reports([os.fspath(f) for f in [base] + alts], selection))
    scenarios = [_scenario(item) for item in [base] + alts]
    raw = _mmsim.compare_scenarios(scenarios, labels or [], selection, threads, replications, seed,
                                   max_events, max_memory_mib, _progress(progress, "replications"))
    return Comparison(raw)


class SweepResult:
    """A finished sweep (or shard): its folder and files as tables."""

    def __init__(self, out, files, done, resumed, total):
        self.out, self.files = out, list(files)
        self.done, self.resumed, self.total = done, resumed, total

    def _table(self, name):
        path = os.path.join(self.out, name)
        if not os.path.exists(path):
            raise FileNotFoundError(f"{path}: not written (a shard writes no {name}; merge the shards)")
        return pd.read_csv(path, float_precision="round_trip")

    design = property(lambda self: self._table("design.csv"), doc="design.csv: one row per point")
    results = property(lambda self: self._table("results.csv"),
                       doc="results.csv: one row per point and replication")
    summary = property(lambda self: self._table("summary.csv"), doc="summary.csv: means and intervals per point")

    def __repr__(self):
        return (f"<mmsim.SweepResult {self.out}: {self.done} of {self.total} tasks "
                f"({self.resumed} from the journal)>")


def sweep(file, out=None, threads=0, shard=None, resume=False, progress=False,
          max_events=_LIMITS["max_events"], max_memory_mib=_LIMITS["max_memory_mib"]):
    """Runs a sweep file as `mmsim sweep` into `out` (default sweeps/<name>):
    journaled, so a stopped sweep goes on with resume=True. shard: "K/N"."""
    raw = _mmsim.sweep(os.fspath(file), os.fspath(out) if out is not None else "", threads, shard or "",
                       resume, max_events, max_memory_mib, _progress(progress, "tasks"))
    return SweepResult(*raw)


class Solution:
    """The answer of a goal-seeking search, with its confidence statement."""

    def __init__(self, raw):
        self._raw = raw

    answer = property(lambda self: self._raw.answer, doc="the value found; None when out of range")
    metric = property(lambda self: self._raw.metric)
    replications = property(lambda self: self._raw.replications, doc="over all values tried")
    warnings = property(lambda self: list(self._raw.warnings))
    conservative = property(lambda self: self._raw.conservative)

    @property
    def points(self):
        """solve.csv: the values tried, in order, with their figures and decisions."""
        return _read_csv(self._raw.csv(), dates=())

    def statement(self):
        return self._raw.statement()

    def text(self):
        return self._raw.text()

    def to_json(self):
        return self._raw.json()

    def __repr__(self):
        return self.statement()


def solve(scenario, vary, target, step=None, set=None, window=None, largest=False, confidence=0.95,
          replications=10, max_replications=160, seed=None, threads=0, progress=False):
    """The smallest (largest=True: largest) value of a path meeting a target,
    as `mmsim solve`: vary "PATH=LO..HI", target "METRIC >= VALUE" (or <=,
    a share as "80%"), window "[NAME=]FROM..TO" to take it over those days."""
    raw = _mmsim.solve(os.fspath(scenario), vary, target, step, _set_arguments(set), window, largest,
                       confidence, replications, max_replications, seed, threads,
                       _progress(progress, "replications"))
    return Solution(raw)


def metrics():
    """The metric registry: kind, pattern, label, unit, better, decimals, meaning."""
    return pd.DataFrame(_mmsim.metric_registry(),
                        columns=["kind", "pattern", "label", "unit", "better", "decimals", "meaning"])
