"""The worker pool ends every job: a job over the time limit and a worker that
dies each cost that job only, said in one line, and the other jobs are done."""
from __future__ import annotations

import os
import signal
import time

from vnlegal.supervisor import Supervisor


def work(job):
    """What a job does in a worker (module level: spawned workers import it)."""
    kind, value = job
    if kind == "sleep":
        time.sleep(value)
    elif kind == "die":
        os.kill(os.getpid(), value)
    return value * 2


def run(jobs, workers=2, timeout=0.0):
    results, lost = {}, {}
    Supervisor(work, workers, timeout).run(jobs, on_result=lambda j, r: results.__setitem__(j, r) or False,
                                          on_lost=lambda j, why: lost.__setitem__(j, why) or False)
    return results, lost


def test_a_job_over_the_time_limit_is_lost_alone():
    jobs = [("sleep", 600), ("ok", 1), ("ok", 2), ("ok", 3)]
    results, lost = run(jobs, workers=2, timeout=2)
    assert results == {("ok", 1): 2, ("ok", 2): 4, ("ok", 3): 6}
    assert list(lost) == [("sleep", 600)]
    assert "over the time limit of 2 s (--timeout)" in lost[("sleep", 600)]


def test_a_worker_that_dies_costs_its_job_only():
    jobs = [("die", signal.SIGKILL), ("ok", 5), ("die", signal.SIGSEGV), ("ok", 6)]
    results, lost = run(jobs, workers=1)
    assert results == {("ok", 5): 10, ("ok", 6): 12}
    assert lost == {("die", signal.SIGKILL): "the worker reading it died (SIGKILL) (out of memory?)",
                    ("die", signal.SIGSEGV): "the worker reading it died (SIGSEGV)"}


def test_fail_fast_takes_no_new_job():
    taken = []
    Supervisor(work, 1).run([("ok", 1), ("ok", 2), ("ok", 3)],
                            on_result=lambda j, r: taken.append(j) or True, on_lost=lambda j, why: True)
    assert taken == [("ok", 1)]
