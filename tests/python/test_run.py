"""mmsim.load and mmsim.run: the same figures as `mmsim run`, byte for byte,
and tables with the registry's labels, real dates and every window."""

import json
import math
import threading

import pandas as pd
import pytest

import mmsim
from conftest import run_cli

TINY = "scenarios/tiny.yaml"
SET = {"contingents.bravo.waves[0].officers": 6}


def same(a, b):
    """Figures equal exactly, NaN (null in report.json) equal to itself."""
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return a == b


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """The tiny scenario with a --set, run by the CLI and by the module."""
    out = tmp_path_factory.mktemp("cli") / "run"
    run_cli("run", TINY, "--set", "contingents.bravo.waves[0].officers=6", "--seed", 7,
            "--replications", 6, "--threads", 2, "--out", out, "-q")
    result = mmsim.run(mmsim.load(TINY, set=SET), replications=6, seed=7, threads=1)
    return out, result


def test_metrics_are_report_json_figures_exactly(pair):
    out, result = pair
    saved = json.loads((out / "report.json").read_text())["metrics"]
    frame = result.metrics
    assert list(frame["metric"]) == list(saved)
    for row in frame.itertuples():
        figures = saved[row.metric]
        for column in ("mean", "ci_low", "ci_high", "sd"):
            assert same(figures[column], getattr(row, column)), (row.metric, column)
        assert figures["n"] == row.n


def test_report_json_and_csv_files_are_the_same_bytes(pair):
    out, result = pair
    assert result.to_json() == (out / "report.json").read_text()
    assert result.tables
    for table in result.tables:
        assert result._raw.csv(table) == (out / f"{table}.csv").read_text(), table


def test_daily_tables_are_the_csv_files_with_real_dates(pair):
    out, result = pair
    coverage = result.daily("coverage")
    assert list(coverage.columns) == ["date", "entity", "metric", "mean", "ci_low", "ci_high"]
    assert pd.api.types.is_datetime64_any_dtype(coverage["date"])
    assert coverage["date"].min() == pd.Timestamp("2025-01-01")
    assert coverage["date"].max() == pd.Timestamp("2025-01-30")
    from_file = pd.read_csv(out / "coverage.csv", float_precision="round_trip", keep_default_na=False,
                            na_values=[""], parse_dates=["date"])
    pd.testing.assert_frame_equal(coverage, from_file, check_exact=True)
    with pytest.raises(KeyError, match="coverage"):
        result.daily("no-such-table")


def test_labels_and_units_come_from_the_registry(pair):
    _, result = pair
    registry = mmsim.metrics().query("kind == 'scalar'").set_index("pattern")
    row = result.metric("coverage.patrol_ratio")
    assert row["label"] == registry.loc["coverage.patrol_ratio", "label"]
    assert row["unit"] == "share"
    assert result.metric("response.mean_min")["unit"] == "min"


def test_threads_change_nothing(pair):
    _, result = pair
    other = mmsim.run(TINY, set=SET, replications=6, seed=7, threads=3)
    pd.testing.assert_frame_equal(result.metrics, other.metrics, check_exact=True)


def test_windows_give_each_figure_again_over_their_days():
    result = mmsim.run(mmsim.load(TINY, windows={"late": ("2025-01-16", "2025-01-30")}),
                       replications=3, threads=2)
    windows = result.windows
    assert set(windows["window"]) == {"late"}
    assert windows["from"].iloc[0] == pd.Timestamp("2025-01-16")
    ratio = windows.set_index("metric").loc["coverage.patrol_ratio"]
    assert ratio["mean"] == result.metric("window.late.coverage.patrol_ratio")["mean"]
    assert ratio["label"] == result.metric("coverage.patrol_ratio")["label"]


def test_scenario_values_and_overrides():
    scenario = mmsim.load(TINY, set=SET)
    assert scenario.name == "tiny"
    assert str(scenario.start) == "2025-01-01" and scenario.days == 30
    assert scenario.overrides == ["contingents.bravo.waves[0].officers=6"]
    assert "officers: 6" in scenario.show()
    scenario.replications = 2
    assert mmsim.run(scenario).replications == 2


def test_progress_is_called_with_the_replications_done():
    calls = []
    mmsim.run(TINY, replications=4, threads=2, progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (4, 4)
    assert all(total == 4 for _, total in calls)


def test_the_gil_is_released_while_simulating():
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        mmsim.run(TINY, replications=40, threads=1)
    finally:
        stop.set()
        counter.join()
    assert len(ticks) > 5


def test_write_gives_the_cli_files(pair, tmp_path):
    out, result = pair
    written = result.write(tmp_path / "again", formats="json,csv")
    assert sorted(p.rsplit("/", 1)[1] for p in written) == sorted(p.name for p in out.iterdir())
    assert (tmp_path / "again" / "report.json").read_text() == (out / "report.json").read_text()
