"""mmsim.compare, mmsim.sweep and mmsim.solve: the library's calls behind
`mmsim compare`, `sweep` and `solve`, giving the files those commands write."""

import pandas as pd

import mmsim
from conftest import run_cli

TINY = "scenarios/tiny.yaml"
ALT = "contingents.bravo.waves[0].officers=6"


def test_compare_runs_give_compare_csv_byte_for_byte(tmp_path):
    run_cli("compare", "--run", TINY, "--alt", f"reduced:{ALT}", "--replications", 3, "--seed", 5,
            "--metrics", "coverage.*,response.mean_min", "--format", "csv", "--out", tmp_path, "-q")
    base = mmsim.load(TINY)
    comparison = mmsim.compare(base, [mmsim.load(TINY, set=[ALT])], labels=["A", "reduced"],
                               metrics="coverage.*,response.mean_min", replications=3, seed=5, threads=2)
    assert comparison.paired
    assert comparison._raw.csv() == (tmp_path / "compare.csv").read_text()
    table = comparison.table
    assert set(table["run"]) == {"A", "reduced"}
    assert set(table["significant"].dropna()) <= {True, False}  # empty for the base
    assert list(comparison.runs["label"]) == ["A", "reduced"]
    assert "reduced" in comparison.text()


def test_compare_names_alternatives_from_a_mapping():
    comparison = mmsim.compare(TINY, {"reduced": mmsim.load(TINY, set=[ALT])}, metrics=["coverage.patrol_ratio"],
                               replications=2, threads=2)
    assert list(comparison.runs["label"]) == ["base", "reduced"]
    row = comparison.table.set_index("run").loc["reduced"]
    assert row["diff"] < 0  # a quarter of the officers covers less


def test_compare_saved_reports(tmp_path):
    for name, args in (("a", []), ("b", ["--set", ALT])):
        run_cli("run", TINY, *args, "--replications", 3, "--out", tmp_path / name, "-q")
    comparison = mmsim.compare(tmp_path / "a" / "report.json", [tmp_path / "b" / "report.json"])
    assert not comparison.paired
    assert "coverage.patrol_ratio" in set(comparison.table["metric"])


def test_sweep_writes_the_files_of_mmsim_sweep(tmp_path):
    run_cli("sweep", "scenarios/sweeps/tiny-sweep.yaml", "--out", tmp_path / "cli", "--quiet")
    calls = []
    result = mmsim.sweep("scenarios/sweeps/tiny-sweep.yaml", out=tmp_path / "py", threads=2,
                         progress=lambda done, total: calls.append((done, total)))
    assert (result.done, result.total) == (48, 48) and calls[-1] == (48, 48)
    for name in ("design.csv", "results.csv", "summary.csv"):
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()
    assert len(result.results) == 48 and len(result.design) == 12
    assert isinstance(result.summary, pd.DataFrame)


def test_solve_gives_the_answer_of_mmsim_solve(tmp_path):
    args = ["contingents.bravo.waves[0].officers=2..24", "coverage.patrol_ratio >= 0.3"]
    run_cli("solve", TINY, "--vary", args[0], "--target", args[1], "--replications", 3,
            "--max-replications", 6, "--out", tmp_path, "-q")
    solution = mmsim.solve(TINY, *args, replications=3, max_replications=6, threads=2)
    assert solution._raw.csv() == (tmp_path / "solve.csv").read_text()
    assert solution.answer is not None and 2 <= solution.answer <= 24
    assert "smallest value" in solution.statement()
    assert list(solution.points.columns)[:1] == ["value"] or "value" in solution.points.columns
