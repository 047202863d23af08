"""Shared set-up of the Python module's tests: they run from the repository
root (scenario paths as the README writes them), and compare with the mmsim
binary that ctest names in MMSIM_BINARY."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("MMSIM_BINARY", str(ROOT / "build" / "release" / "mmsim"))


def run_cli(*args):
    """Runs `mmsim ARGS...` from the repository root; fails the test on an error."""
    return subprocess.run([BINARY, *map(str, args)], check=True, capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(autouse=True, scope="session")
def repository_root():
    before = os.getcwd()
    os.chdir(ROOT)
    yield ROOT
    os.chdir(before)
