"""Ctrl-C in a notebook stops a run cleanly: KeyboardInterrupt soon after,
no partial result, and the module works on afterwards."""

import os
import signal
import threading
import time

import pytest

import mmsim


def interrupt_after(seconds):
    timer = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    return timer


def test_ctrl_c_stops_a_run_and_the_module_works_on():
    scenario = mmsim.load("scenarios/tiny.yaml")
    timer = interrupt_after(0.3)
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            # some minutes of work if nothing stopped it
            mmsim.run(scenario, replications=100000, threads=2)
    finally:
        timer.cancel()
    assert time.monotonic() - started < 10
    assert mmsim.run(scenario, replications=2, threads=2).replications == 2


def test_an_exception_from_the_progress_callable_stops_the_run():
    def fail(done, total):
        if done >= 2:
            raise RuntimeError("enough")

    with pytest.raises(RuntimeError, match="enough"):
        mmsim.run("scenarios/tiny.yaml", replications=100000, threads=2, progress=fail)
