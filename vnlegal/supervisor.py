"""A pool of worker processes that a batch can trust to end.

concurrent.futures cannot stop a task that runs too long (a future that has
started cannot be cancelled, and a worker cannot be killed without breaking
the whole pool), and its workers outlive a parent killed by a signal. Here
each worker takes one job at a time over its own pipe, so that:

- a job over the time limit is ended by killing its worker, which is replaced;
  the job is one named failure and the batch goes on;
- a worker that dies (out of memory, a crash in a C library) costs its job
  only, said in one line;
- workers die with their parent: a parent-death signal (Linux prctl), a
  watch on the parent's pid elsewhere, and the parent's SIGTERM/SIGINT kills
  them before it exits.

Workers are started with "spawn": a fresh interpreter does not inherit the
progress bar's thread or locks from the parent.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Iterator

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent_pid: int) -> None:
    """End this process when ``parent_pid`` ends, however it ends (SIGKILL too)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    # the parent may have died before prctl took effect, and other systems have no
    # prctl: a watcher thread checks that the parent is still ours once a second
    def watch():
        while True:
            if os.getppid() != parent_pid:
                os._exit(1)
            time.sleep(1.0)
    if os.getppid() != parent_pid:
        os._exit(1)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _serve(conn, fn: Callable, setup: Callable | None, parent_pid: int) -> None:
    """A worker: run ``fn`` on each job received until the pipe closes."""
    die_with_parent(parent_pid)
    # Ctrl-C reaches the whole process group: the parent alone decides what stops
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if setup:
        setup()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(fn(job))


@dataclass
class _Slot:
    process: Any
    conn: Any
    job: Any = None
    started: float = 0.0


class Stopped(Exception):
    """The parent was asked to stop (SIGTERM); its workers are already gone."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(f"stopped by signal {signum}")


class Supervisor:
    """Run ``fn(job)`` for each job in ``workers`` processes, at most
    ``timeout`` seconds each (0: no limit). ``on_result(job, result)`` gets
    each result; ``on_lost(job, reason)`` each job that gave none (time limit,
    dead worker); ``on_lost`` returns nothing, the batch goes on."""

    def __init__(self, fn: Callable, workers: int, timeout: float = 0.0, setup: Callable | None = None):
        self.fn, self.workers, self.timeout, self.setup = fn, max(1, workers), timeout, setup
        self.ctx = multiprocessing.get_context("spawn")
        self.slots: list[_Slot] = []

    def _start(self) -> _Slot:
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=_serve, args=(child, self.fn, self.setup, os.getpid()), daemon=True,
                             name="vnlegal-worker")
        p.start()
        child.close()
        return _Slot(p, parent)

    def _kill(self, slot: _Slot) -> None:
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(5)
        slot.conn.close()

    def run(self, jobs: Iterable, on_result: Callable[[Any, Any], bool],
            on_lost: Callable[[Any, str], bool]) -> None:
        """Both callbacks return True to stop taking new jobs (fail fast)."""
        it: Iterator = iter(jobs)
        stop = False
        previous = {}
        if threading.current_thread() is threading.main_thread():
            def stopping(signum, frame):
                raise Stopped(signum)
            for sig in (signal.SIGTERM, signal.SIGHUP):
                if signal.getsignal(sig) is signal.SIG_IGN:
                    continue  # `nohup vnlegal …`: a signal the user chose to ignore stays ignored
                previous[sig] = signal.signal(sig, stopping)
        try:
            self.slots = [self._start() for _ in range(self.workers)]
            while True:
                for i, slot in enumerate(self.slots):
                    if slot.job is None and not stop:
                        job = next(it, None)
                        if job is None:
                            stop = True
                            break
                        try:
                            slot.conn.send(job)
                        except OSError:  # the worker died while idle: a new one takes the job
                            self._kill(slot)
                            slot = self.slots[i] = self._start()
                            try:
                                slot.conn.send(job)
                            except OSError:
                                slot.process.join(5)
                                raise RuntimeError(f"worker processes cannot start here (a new one ended with "
                                                   f"{_how(slot.process.exitcode)}); try -j 1 --timeout 0 to read "
                                                   f"in this process") from None
                        slot.job, slot.started = job, time.monotonic()
                busy = [s for s in self.slots if s.job is not None]
                if not busy:
                    return
                wait_for = None
                if self.timeout:
                    wait_for = max(0.0, min(s.started + self.timeout for s in busy) - time.monotonic())
                ready = set(wait([s.conn for s in busy] + [s.process.sentinel for s in busy], wait_for))
                now = time.monotonic()
                for i, slot in enumerate(self.slots):
                    if slot.job is None:
                        continue
                    job, lost = slot.job, None
                    if slot.conn in ready or slot.process.sentinel in ready:
                        try:
                            result = slot.conn.recv() if slot.conn.poll() else None
                        except (EOFError, OSError):
                            result = None
                        if result is not None:
                            slot.job = None
                            stop = on_result(job, result) or stop
                            continue
                        slot.process.join(1)
                        lost = _death(slot.process.exitcode)
                    elif self.timeout and now - slot.started >= self.timeout:
                        lost = f"stopped after {now - slot.started:.0f} s: over the time limit of {self.timeout:g} s (--timeout)"
                    if lost:
                        self._kill(slot)
                        self.slots[i] = self._start()
                        stop = on_lost(job, lost) or stop
        finally:
            self.close()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def in_flight(self) -> list:
        return [s.job for s in self.slots if s.job is not None]

    def close(self) -> None:
        """Idle workers are told to leave; busy ones (stopping early) are killed."""
        for slot in self.slots:
            if slot.job is None and slot.process.is_alive():
                try:
                    slot.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 5
        for slot in self.slots:
            if slot.job is None:
                slot.process.join(max(0.0, deadline - time.monotonic()))
            self._kill(slot)


def _how(code: int | None) -> str:
    """How a process ended, from its exit code: "SIGKILL", "exit status 1"."""
    if code is not None and code < 0:
        return signal.Signals(-code).name if -code in signal.valid_signals() else f"signal {-code}"
    return f"exit status {code}"


def _death(code: int | None) -> str:
    hint = " (out of memory?)" if code == -signal.SIGKILL else ""
    return f"the worker reading it died ({_how(code)}){hint}"
