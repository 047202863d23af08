"""Errors through Python: every case of the bad-input corpus (tests/bad)
raises ScenarioError with exactly the problems the mmsim command prints, and
other failures are Python exceptions, never a crash of the interpreter."""

import pytest

import mmsim
from conftest import ROOT

CORPUS = sorted((ROOT / "tests" / "bad").glob("*.yaml"))


def split_arguments(text):
    """Words of a `# args:` line, single quotes grouping (tests/support/bad_corpus.cpp)."""
    words, word, in_word, quoted = [], "", False, False
    for c in text:
        if c == "'":
            quoted, in_word = not quoted, True
        elif c in " \t\r" and not quoted:
            if in_word:
                words.append(word)
            word, in_word = "", False
        else:
            word, in_word = word + c, True
    if in_word:
        words.append(word)
    return words


def overrides(case):
    """The --set arguments of a case's `# args:` line."""
    with open(case, "rb") as file:
        first = file.readline().decode("utf-8", "replace").rstrip("\n")
    args = split_arguments(first[len("# args:"):]) if first.startswith("# args:") else []
    out = []
    for i, arg in enumerate(args):
        if arg == "--set" and i + 1 < len(args):
            out.append(args[i + 1])
        elif arg.startswith("--set="):
            out.append(arg[len("--set="):])
    return out


def test_the_corpus_is_there():
    assert len(CORPUS) > 100


@pytest.mark.parametrize("case", CORPUS, ids=lambda p: p.stem)
def test_each_corpus_case_raises_its_expected_problems(case):
    expected = case.with_suffix(".expected").read_text().rstrip("\n")
    path = f"tests/bad/{case.name}"
    with pytest.raises(mmsim.ScenarioError) as raised:
        mmsim.load(path, set=overrides(case))
    error = raised.value
    assert str(error) == expected
    assert "\n".join(str(d) for d in error.diagnostics) == expected
    first = error.diagnostics[0]
    assert error.file == first.file and error.message == first.message
    assert error.line == (first.line or None) and error.column == (first.column or None)
    assert expected.startswith(f"{error.file}:{error.line}:{error.column}: " if error.line
                               else f"{error.file}: ")


def test_scenario_error_is_a_value_error_and_an_mmsim_error():
    with pytest.raises(ValueError):
        mmsim.load("tests/bad/airport_zone_unknown.yaml")
    assert issubclass(mmsim.ScenarioError, mmsim.Error)
    assert issubclass(mmsim.Error, RuntimeError)


def test_a_missing_file_names_itself():
    with pytest.raises(mmsim.ScenarioError, match="nowhere.yaml: cannot read file"):
        mmsim.load("nowhere.yaml")


def test_a_bad_set_from_a_mapping_names_the_argument():
    with pytest.raises(mmsim.ScenarioError) as raised:
        mmsim.load("scenarios/tiny.yaml", set={"patrols.polcy": "coverage"})
    assert "did you mean" in str(raised.value)


def test_bad_arguments_are_usage_errors():
    scenario = mmsim.load("scenarios/tiny.yaml")
    with pytest.raises(mmsim.UsageError):
        mmsim.run(scenario, threads=-1)
    with pytest.raises(mmsim.UsageError):
        mmsim.run(scenario, replications=0)
    with pytest.raises(mmsim.UsageError, match="max-events"):
        mmsim.run(scenario, max_events=10)
    with pytest.raises(mmsim.UsageError, match="target"):
        mmsim.solve("scenarios/tiny.yaml", "contingents.bravo.waves[0].officers=1..30", "coverage >>= 3")


def test_a_failure_to_write_is_an_mmsim_error(tmp_path):
    result = mmsim.run("scenarios/tiny.yaml", replications=2, threads=1)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(mmsim.Error):
        result.write(blocker / "out")
    with pytest.raises(mmsim.UsageError, match="unknown format"):
        result.write(tmp_path / "out", formats=["pdf"])
